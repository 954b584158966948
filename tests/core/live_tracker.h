// LiveTracker: what the fuzz driver still knows once the shadow model can
// no longer follow the engine (after a reload to a changed center, whose
// routing the shadow does not model): the ids of the live calls, the calls
// ended, the open callback captures and the agents on outside calls, kept
// from accepted events and the command stream. It checks what needs no
// model of routing decisions: one CallEnded per call and nothing for a call
// after it; the engine's counts against the commands (conservation, the
// dispositions); every live call answering GetCall in a state that fits
// the center; the roster and capacities; no timer overdue. It also builds
// the event generator's view of the state from the engine's views.
// Not thread-safe.
#ifndef ACD_TESTS_CORE_LIVE_TRACKER_H_
#define ACD_TESTS_CORE_LIVE_TRACKER_H_

#include <map>
#include <set>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "acd/engine.h"
#include "tests/core/event_gen.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

class LiveTracker {
 public:
  // Takes over from the shadow model, with the engine's counts now.
  void Start(const ShadowModel& shadow, const CallCounts& counts, TimeMs now_ms);
  bool started() const { return started_; }

  void BeginStep();
  // An accepted event, before its commands.
  void OnAccepted(const Event& event);
  // Commands the engine emitted (by an event, timers or a reload).
  absl::Status OnCommands(absl::Span<const Command> commands);
  // The checks that hold after every step.
  absl::Status Check(const Engine& engine) const;
  // The generator's view, from the engine's views and what is tracked.
  EventGenerator::Look Look(const Engine& engine) const;

  const std::set<CallId>& live() const { return live_; }

 private:
  absl::Status OnCallCommand(CallId call, const Command& command);
  absl::Status CheckCounts(const Engine& engine) const;
  absl::Status CheckCalls(const Engine& engine) const;

  bool started_ = false;
  std::set<CallId> live_;
  std::set<CallId> ended_;
  std::set<CallId> ended_this_step_;
  std::map<CallId, TimeMs> captures_;  // captured call -> when
  std::set<AgentId> outside_;
  CallCounts base_;                    // the engine's counts at Start
  uint64_t by_disposition_[kDispositionCount] = {};  // CallEnded commands since Start
  uint64_t arrived_ = 0, callbacks_ = 0, outbound_ = 0, consults_ = 0;            // accepted since Start
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_LIVE_TRACKER_H_
