// InvariantChecker: the walk behind EngineImpl::CheckInvariants, one check
// per group of DESIGN.md's numbered invariants: calls and the order of the
// line in invariants.cc; agents, counts, timers and work conservation in
// invariants_agents.cc. O(state), plus O(waiting calls x available agents)
// for work conservation: for tests and debug checks, never the hot path.
// Thread-safety: reads one engine between its steps (the engine's thread).
// Invariant: it never changes the engine; the first broken invariant found
// is the one reported.
#ifndef ACD_LIB_CORE_INVARIANT_CHECKER_H_
#define ACD_LIB_CORE_INVARIANT_CHECKER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

class InvariantChecker {
 public:
  explicit InvariantChecker(const EngineImpl& e) : e_(e) {}

  // work_conservation: also invariant 6, O(waiting calls x agents).
  absl::Status Run(bool work_conservation) {
    CheckCalls();
    CheckAgents();
    CheckCounts();
    CheckJoinCounts();
    CheckNoneWaitInEmpty();
    CheckClassCounts();
    CheckTimers();
    CheckLineOrder();
    if (work_conservation) CheckWorkConservation();
    if (error_.empty()) return absl::OkStatus();
    return absl::InternalError(error_);
  }

 private:
  template <typename... Args>
  void Fail(const Args&... args) {
    if (error_.empty()) error_ = absl::StrCat("invariant broken: ", args...);
  }

  void CheckCalls();
  void CheckLineOrder();
  void CheckCall(const Call& c, uint32_t slot);
  bool GuestFiled(const Call& c) const;

  void CheckAgents();
  void CheckAgentIndex(uint32_t slot, const Agent& a);
  // (27) A universal agent's tiers and pool bits are those of its skills
  // written out (every unlisted skill at its all_skills_level).
  void CheckUniversal(uint32_t slot, const Agent& a);
  // (29) Counters of one queue are part of the day's; (30) a queue with
  // counters_here_only files its agents by them.
  void CheckHereCounters(uint32_t slot, const Agent& a);
  // (31, 33) invariants_channels.cc: the load per media, the channels.
  void CheckChannels(uint32_t slot, const Agent& a);
  // (32) A call's media.
  void CheckCallMedia(const Call& c);
  void CheckCounts();
  void CheckJoinCounts();
  void CheckNoneWaitInEmpty();
  void CheckClassCounts();
  void CheckTimers();
  void CheckWorkConservation();

  const EngineImpl& e_;
  std::string error_;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_INVARIANT_CHECKER_H_
