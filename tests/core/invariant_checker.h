// InvariantChecker: checks DESIGN.md's invariants after every step of an
// engine run, from the outside. It folds the step's commands into a
// ShadowModel (which checks each command as it comes), then compares the
// engine's views (counts, GetCall, AllAgents, GetQueueStats) with the shadow
// and checks conservation, work conservation, ring and max-wait deadlines,
// and finally runs the engine's own CheckInvariants. For a rejected event it
// checks that nothing changed and that the error names the field.
// Not thread-safe.
#ifndef ACD_TESTS_CORE_INVARIANT_CHECKER_H_
#define ACD_TESTS_CORE_INVARIANT_CHECKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "acd/engine.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

// What a rejection must look like: one of `codes` (empty: any documented
// code) and a message that starts with `field` (empty: any field of the
// event, "event_id" or "time_ms").
struct RejectExpectation {
  std::vector<absl::StatusCode> codes;
  std::string field;
};

class InvariantChecker {
 public:
  explicit InvariantChecker(const CenterConfig& center);

  void BeginStep(uint64_t index) { shadow_.BeginStep(index); }
  // Commands emitted by AdvanceTo (timers).
  absl::Status OnTimerCommands(absl::Span<const Command> commands);
  // An accepted event and the commands its Apply emitted.
  absl::Status OnAccepted(const Event& event, absl::Span<const Command> commands);
  // A rejected event: the status, the hashes around Apply and what it emitted.
  absl::Status OnRejected(const Event& event, const absl::Status& status, uint64_t hash_before,
                          uint64_t hash_after, size_t emitted,
                          const RejectExpectation& expect) const;
  // End of a step: shadow checks, views against the shadow, engine checks.
  absl::Status EndStep(const Engine& engine);

  const ShadowModel& shadow() const { return shadow_; }
  void SetSkillExprs(const std::vector<FuzzSkillExpr>* exprs) { shadow_.SetSkillExprs(exprs); }

 private:
  absl::Status CheckCounts(const Engine& engine) const;
  absl::Status CheckCalls(const Engine& engine) const;
  absl::Status CheckAgents(const Engine& engine) const;
  absl::Status CheckHereCounters(const AgentView& v, const ShadowAgent& a) const;
  absl::Status CheckQueues(const Engine& engine) const;
  absl::Status CheckWorkConservation(const Engine& engine) const;

  const CenterConfig& center_;
  ShadowModel shadow_;
  std::vector<CallId> ended_this_step_;
};

// The field names an error for `event` may start with.
std::vector<std::string> FieldsOf(const Event& event);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_INVARIANT_CHECKER_H_
