// What a queue member counts as for join_empty and leave_when_empty, and
// whether a queue is empty under a set of factors (join_class.h).
#include "core/join_class.h"

#include "acd/rules.h"

namespace acd::core {
namespace {

// The factors that exclude a class (any one of them does); 0: never
// excluded by state.
uint8_t FactorsOf(uint8_t cls) {
  switch (cls) {
    case kJoinUnavailable: return kEmptyUnavailable;
    case kJoinPaused: return kEmptyPaused;
    case kJoinRinging: return kEmptyRinging;
    case kJoinInUse: return kEmptyInUse;
    case kJoinWrapUp: return kEmptyWrapUp;
    case kJoinPausedRinging: return kEmptyPaused | kEmptyRinging;
    case kJoinPausedInUse: return kEmptyPaused | kEmptyInUse;
    case kJoinPausedWrapUp: return kEmptyPaused | kEmptyWrapUp;
    default: return 0;
  }
}

// A class of an agent that asked for a pause: paused as well (busy and
// paused when busy).
uint8_t PausedToo(uint8_t cls) {
  switch (cls) {
    case kJoinCanTake: return kJoinPaused;
    case kJoinRinging: return kJoinPausedRinging;
    case kJoinInUse: return kJoinPausedInUse;
    case kJoinWrapUp: return kJoinPausedWrapUp;
    default: return cls;
  }
}

}  // namespace

uint8_t JoinClassOf(const Agent& a) {
  if (a.filed) return kJoinCanTake;
  // Logged out, also while a call of before still goes on: no longer a
  // member (as a member removed from an Asterisk queue).
  if (a.presence == Presence::kLoggedOut) return kJoinUnavailable;
  uint8_t cls = kJoinCanTake;
  switch (a.reported) {
    case AgentState::kLoggedOut: return kJoinUnavailable;
    case AgentState::kNotReady: return kJoinPaused;
    case AgentState::kWrapUp:
      // A wrap-up for one queue alone counts there only (JoinClassIn):
      // elsewhere the agent counts as a ready one.
      if (a.wrapup_queue == kNoQueue) {
        cls = kJoinWrapUp;
      } else {
        cls = a.outside_call ? kJoinInUse : kJoinCanTake;
      }
      break;
    case AgentState::kReserved: cls = kJoinRinging; break;
    case AgentState::kTalking: cls = kJoinInUse; break;
    case AgentState::kReady: cls = a.outside_call ? kJoinInUse : kJoinCanTake; break;
  }
  return a.presence == Presence::kNotReady ? PausedToo(cls) : cls;
}

uint8_t JoinClassIn(uint8_t cls, QueueId wrapup_queue, QueueId queue) {
  if (wrapup_queue == kNoQueue || wrapup_queue != queue) return cls;
  switch (cls) {
    case kJoinCanTake: return kJoinWrapUp;
    case kJoinPaused: return kJoinPausedWrapUp;
    default: return cls;  // busy: counted by its busy state, as Asterisk's device
  }
}

uint8_t JoinClassHere(uint8_t cls, QueueId wrapup_queue, const AgentMembership& m) {
  cls = JoinClassIn(cls, wrapup_queue, m.queue);
  // Paused in this queue alone: paused here (Asterisk counts the member
  // paused in that queue), however it counts elsewhere.
  return m.paused != NotReadyReason::kNone ? PausedToo(cls) : cls;
}

// The tiers at which some member counts under `factors` (a member counts
// unless a factor of its class is set): bit t for tier t. O(classes x levels).
uint32_t CountingTiers(const QueueState& q, uint8_t factors) {
  uint32_t tiers = 0;
  for (uint8_t cls = 0; cls < kJoinClasses; ++cls) {
    if ((FactorsOf(cls) & factors) != 0) continue;
    for (int tier = 0; tier <= kMaxLevel; ++tier) {
      if (q.join_counts[JoinIndex(cls, tier)] != 0) tiers |= 1u << tier;
    }
  }
  return tiers;
}

// Empty for a caller: no member counts, or (kPenalty) none at a tier the
// caller's level bounds allow (levels: LevelsIn, every tier
// from 1 in a queue that ignores levels, where under kPenalty only members
// without the queue's skill, tier 0, are out).
bool EmptyFor(const QueueState& q, uint8_t factors, const LevelRange& levels) {
  const uint32_t counting = CountingTiers(q, factors);
  if ((factors & kEmptyPenalty) == 0) return counting == 0;
  return (counting & (uint32_t{levels.tiers()} << 1)) == 0;
}

bool RefusesJoin(const QueueState& q, const LevelRange& levels) {
  return q.join_factors != 0 && EmptyFor(q, q.join_factors, levels);
}

}  // namespace acd::core
