// ScriptedEngine: an engine with a recording sink and a clock for
// hand-written test scripts: each Send stamps the event with the next id
// and the current time, and keeps the commands of that one call apart.
// Not thread-safe.
#ifndef ACD_TESTS_CORE_SCRIPTED_ENGINE_H_
#define ACD_TESTS_CORE_SCRIPTED_ENGINE_H_

#include <memory>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "acd/engine.h"

namespace acd::testing {

// A CallEnqueue without the aggregate's missing-initializer noise.
inline CallEnqueue Enqueue(CallId call, QueueId queue, int priority = 0, int min_level = kMinLevel,
                           std::initializer_list<SkillLevel> required = {}) {
  CallEnqueue e;
  e.call = call;
  e.queue = queue;
  e.priority = priority;
  e.min_level = min_level;
  for (const SkillLevel& s : required) e.required_skills.push_back(s);
  return e;
}

class ScriptedEngine {
 public:
  // Fails (in the returned Status) when the center is invalid.
  static absl::StatusOr<std::unique_ptr<ScriptedEngine>> Create(const CenterConfig& center,
                                                                uint64_t seed = 1);

  // Applies `body` at now_ms() + after_ms with a fresh event id.
  absl::Status Send(EventBody body, TimeMs after_ms = 0);
  // Applies a complete event as given (id and time untouched).
  absl::Status SendRaw(const Event& event);
  absl::Status AdvanceBy(TimeMs ms);

  Engine& engine() { return *engine_; }
  TimeMs now_ms() const { return time_ms_; }
  EventId last_event_id() const { return next_id_ - 1; }
  // Commands emitted by the last Send/SendRaw/AdvanceBy, and by all calls.
  const std::vector<Command>& last() const { return last_; }
  const std::vector<Command>& all() const { return sink_.commands; }
  // The agent of the last Offer for `call` among the last commands.
  std::optional<AgentId> OfferedTo(CallId call) const;

 private:
  ScriptedEngine() = default;
  void Collect(size_t first);

  VectorSink sink_;
  std::unique_ptr<Engine> engine_;
  TimeMs time_ms_ = 1'000'000;
  EventId next_id_ = 1;
  std::vector<Command> last_;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SCRIPTED_ENGINE_H_
