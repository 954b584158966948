// Refusing to join (JoinEmpty, Asterisk's joinempty) and leaving when empty
// (LeaveWhenEmpty's factors, Asterisk's leavewhenempty): the members of
// each such queue are counted by what they count as (JoinClass) and tier,
// kept up to date on every agent change, so that a caller's join, or
// whether a queue is empty for its callers, is judged in O(classes x
// tiers), never by scanning the members.
#include "core/engine_impl.h"

namespace acd::core {

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
    if (queues_[m.queue].leave_factors != 0) pending_empty_.push_back(m.queue);
  }
}

void EngineImpl::RecountJoins() {
  count_joins_ = false;
  for (QueueState& q : queues_) {
    q.join_counts.clear();
    if ((q.join_factors | q.leave_factors) == 0) continue;
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

void EngineImpl::CheckLeaveWhenEmpty(QueueId queue) {
  const QueueState& q = queues_[queue];
  const LeaveWhenEmpty& leave = q.config->leave_when_empty;
  const uint8_t factors = q.leave_factors;
  if (factors == 0 || q.waiting == 0) return;
  const uint32_t counting = CountingTiers(q, factors);
  // Callers none of whose allowed tiers counts find the queue empty (the
  // waiting index files them by those tiers; a queue that ignores levels
  // files every caller as allowing all of 1..10).
  uint16_t counted = static_cast<uint16_t>((counting >> 1) & 0x3FFu);
  if ((factors & kEmptyPenalty) == 0) counted = counting != 0 ? 0x3FFu : 0;  // all or none
  if (counted == 0x3FFu) return;
  // A pool's waiting index holds the queue's own callers only (another
  // queue's callers added by kAddQueue are in Pool::guests, judged by
  // their own queue), and routing one caller out moves no other.
  std::vector<CallKey> leaving;
  for (const Pool& pool : q.pools) {
    pool.waiting.ForEachOutside(counted,
                                [&](int, int, const CallKey& key) { leaving.push_back(key); });
  }
  std::sort(leaving.begin(), leaving.end());  // first in line leaves first
  for (const CallKey& key : leaving) {
    const Call& c = calls_[key.call];
    if (c.callback) continue;  // nobody on the line to leave
    ApplyOverflow(key.call, leave.action, RouteCause::kLeaveWhenEmpty);
  }
}

}  // namespace acd::core
