// Refusing to join (JoinEmpty, Asterisk's joinempty): the members of each
// refusing queue are counted by what they count as (JoinClass) and tier,
// kept up to date on every agent change, so that a caller's join is judged
// in O(classes x tiers), never by scanning the members.
#include "core/engine_impl.h"

namespace acd::core {
namespace {

size_t JoinIndex(uint8_t cls, int tier) { return size_t{cls} * (kMaxLevel + 1) + tier; }

// The factor that excludes a class; 0: never excluded by state.
uint8_t FactorOf(uint8_t cls) {
  switch (cls) {
    case kJoinUnavailable: return kEmptyUnavailable;
    case kJoinPaused: return kEmptyPaused;
    case kJoinRinging: return kEmptyRinging;
    case kJoinInUse: return kEmptyInUse;
    case kJoinWrapUp: return kEmptyWrapUp;
    default: return 0;
  }
}

}  // namespace

uint8_t EngineImpl::JoinClassOf(const Agent& a) const {
  if (a.filed) return kJoinCanTake;
  switch (a.reported) {
    case AgentState::kLoggedOut: return kJoinUnavailable;
    case AgentState::kNotReady: return kJoinPaused;
    case AgentState::kWrapUp: return kJoinWrapUp;
    case AgentState::kReserved: return kJoinRinging;
    case AgentState::kTalking: return kJoinInUse;
    case AgentState::kReady: break;
  }
  return a.outside_call ? kJoinInUse : kJoinCanTake;
}

void EngineImpl::CountJoin(uint32_t slot, int sign) {
  const Agent& a = agents_[slot];
  for (const AgentMembership& m : a.memberships) {
    std::vector<uint32_t>& counts = queues_[m.queue].join_counts;
    if (counts.empty()) continue;
    counts[JoinIndex(a.join_class, m.tier)] += static_cast<uint32_t>(sign);
  }
}

void EngineImpl::UpdateJoinClass(uint32_t slot) {
  if (!count_joins_) return;
  const uint8_t cls = JoinClassOf(agents_[slot]);
  if (cls == agents_[slot].join_class) return;
  CountJoin(slot, -1);
  agents_[slot].join_class = cls;
  CountJoin(slot, +1);
}

void EngineImpl::RecountJoins() {
  count_joins_ = false;
  for (QueueState& q : queues_) {
    q.join_counts.clear();
    if (q.config->join_empty.factors == 0) continue;
    q.join_counts.assign(size_t{kJoinClasses} * (kMaxLevel + 1), 0);
    count_joins_ = true;
  }
  if (!count_joins_) return;
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    agents_[slot].join_class = JoinClassOf(agents_[slot]);
    CountJoin(slot, +1);
  }
}

// Empty: no member counts. A member counts unless its class's factor is
// set, or (kPenalty) its tier is below the call's minimum level.
bool EngineImpl::RefusesJoin(const QueueState& q, int min_level) const {
  const uint8_t factors = q.config->join_empty.factors;
  if (factors == 0) return false;
  // A queue that ignores levels weighs no minimum (penaltymemberslimit).
  const int lowest = (factors & kEmptyPenalty) == 0 ? 0 : IgnoresLevels(q) ? kMinLevel : min_level;
  for (uint8_t cls = 0; cls < kJoinClasses; ++cls) {
    if ((FactorOf(cls) & factors) != 0) continue;
    for (int tier = lowest; tier <= kMaxLevel; ++tier) {
      if (q.join_counts[JoinIndex(cls, tier)] != 0) return false;
    }
  }
  return true;
}

}  // namespace acd::core
