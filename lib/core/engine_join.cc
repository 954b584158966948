// Refusing to join (JoinEmpty, Asterisk's joinempty) and leaving when empty
// (LeaveWhenEmpty's factors, Asterisk's leavewhenempty): the members of
// each such queue are counted by what they count as (JoinClass) and tier,
// kept up to date on every agent change, so that a caller's join, or
// whether a queue is empty for its callers, is judged in O(classes x
// tiers), never by scanning the members.
#include "core/engine_impl.h"

namespace acd::core {
namespace {

size_t JoinIndex(uint8_t cls, int tier) { return size_t{cls} * (kMaxLevel + 1) + tier; }

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

uint8_t EngineImpl::JoinClassOf(const Agent& a) const {
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

uint8_t EngineImpl::JoinClassIn(uint8_t cls, QueueId wrapup_queue, QueueId queue) {
  if (wrapup_queue == kNoQueue || wrapup_queue != queue) return cls;
  switch (cls) {
    case kJoinCanTake: return kJoinWrapUp;
    case kJoinPaused: return kJoinPausedWrapUp;
    default: return cls;  // busy: counted by its busy state, as Asterisk's device
  }
}

uint8_t EngineImpl::JoinClassHere(uint8_t cls, QueueId wrapup_queue, const AgentMembership& m) {
  cls = JoinClassIn(cls, wrapup_queue, m.queue);
  // Paused in this queue alone: paused here (Asterisk counts the member
  // paused in that queue), however it counts elsewhere.
  return m.paused != NotReadyReason::kNone ? PausedToo(cls) : cls;
}

void EngineImpl::CountJoin(uint32_t slot, int sign) {
  const Agent& a = agents_[slot];
  for (const AgentMembership& m : a.memberships) {
    std::vector<uint32_t>& counts = queues_[m.queue].join_counts;
    if (counts.empty()) continue;
    const uint8_t cls = JoinClassHere(a.join_class, a.join_wrapup_queue, m);
    counts[JoinIndex(cls, m.tier)] += static_cast<uint32_t>(sign);
  }
}

void EngineImpl::UpdateJoinClass(uint32_t slot) {
  if (!count_joins_) return;
  Agent& a = agents_[slot];
  const uint8_t cls = JoinClassOf(a);
  if (cls == a.join_class && a.wrapup_queue == a.join_wrapup_queue) return;
  CountJoin(slot, -1);
  a.join_class = cls;
  a.join_wrapup_queue = a.wrapup_queue;
  CountJoin(slot, +1);
  LeaveCheckAfterChange(slot);
}

void EngineImpl::LeaveCheckAfterChange(uint32_t slot) {
  for (const AgentMembership& m : agents_[slot].memberships) {
    if (LeaveFactors(qcfg(m.queue).leave_when_empty) != 0) pending_empty_.push_back(m.queue);
  }
}

void EngineImpl::RecountJoins() {
  count_joins_ = false;
  for (QueueState& q : queues_) {
    q.join_counts.clear();
    if ((q.config->join_empty.factors | LeaveFactors(q.config->leave_when_empty)) == 0) continue;
    q.join_counts.assign(size_t{kJoinClasses} * (kMaxLevel + 1), 0);
    count_joins_ = true;
  }
  if (!count_joins_) return;
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    agents_[slot].join_class = JoinClassOf(agents_[slot]);
    agents_[slot].join_wrapup_queue = agents_[slot].wrapup_queue;
    CountJoin(slot, +1);
  }
}

// The tiers at which some member counts under `factors` (a member counts
// unless a factor of its class is set): bit t for tier t. O(classes x levels).
uint32_t EngineImpl::CountingTiers(const QueueState& q, uint8_t factors) const {
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
// caller's level bounds allow (levels: EngineImpl::LevelsIn, every tier
// from 1 in a queue that ignores levels, where under kPenalty only members
// without the queue's skill, tier 0, are out).
bool EngineImpl::EmptyFor(const QueueState& q, uint8_t factors, const LevelRange& levels) const {
  const uint32_t counting = CountingTiers(q, factors);
  if ((factors & kEmptyPenalty) == 0) return counting == 0;
  return (counting & (uint32_t{levels.tiers()} << 1)) == 0;
}

bool EngineImpl::RefusesJoin(const QueueState& q, const LevelRange& levels) const {
  const uint8_t factors = q.config->join_empty.factors;
  return factors != 0 && EmptyFor(q, factors, levels);
}

void EngineImpl::CheckLeaveWhenEmpty(QueueId queue) {
  const QueueState& q = queues_[queue];
  const LeaveWhenEmpty& leave = q.config->leave_when_empty;
  const uint8_t factors = LeaveFactors(leave);
  if (factors == 0 || q.waiting == 0) return;
  const uint32_t counting = CountingTiers(q, factors);
  // Callers none of whose allowed tiers counts find the queue empty (the
  // waiting index files them by those tiers; a queue that ignores levels
  // files every caller as allowing all of 1..10).
  uint16_t counted = static_cast<uint16_t>((counting >> 1) & 0x3FFu);
  if ((factors & kEmptyPenalty) == 0) counted = counting != 0 ? 0x3FFu : 0;  // all or none
  if (counted == 0x3FFu) return;
  std::vector<CallKey> leaving;
  for (const Pool& pool : q.pools) {
    pool.waiting.ForEachOutside(counted,
                                [&](int, int, const CallKey& key) { leaving.push_back(key); });
  }
  std::sort(leaving.begin(), leaving.end());  // first in line leaves first
  for (const CallKey& key : leaving) {
    const Call& c = calls_[key.call];
    if (c.callback) continue;         // nobody on the line to leave
    if (c.queue != queue) continue;   // a guest (add_queue): its own queue judges it
    ApplyOverflow(key.call, leave.action, RouteCause::kLeaveWhenEmpty);
  }
}

}  // namespace acd::core
