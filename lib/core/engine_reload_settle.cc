// Live reload, last steps on the fresh engine: the windows it remembers,
// filing the available agents, and the commands the change takes
// (withdrawn offers, removed agents logged out, calls of removed queues
// routed, rules and maximum waits that came due under new settings).
#include <algorithm>

#include "core/engine_impl.h"
#include "core/engine_reload.h"

namespace acd::core {
namespace {

template <typename Value>
void Refill(RecentIds<Value>& to, RecentIds<Value>& from) {
  if (to.capacity() == from.capacity()) {
    to = std::move(from);
    return;
  }
  from.ForEachOldestFirst([&to](uint64_t id, const Value& value) { to.Insert(id, value); });
}

}  // namespace

void ReloadAdopter::AdoptMemory(EngineImpl& old, const ReloadPlan& plan) {
  Refill(e_.ended_calls_, old.ended_calls_);
  Refill(e_.seen_events_, old.seen_events_);
  for (auto& [id, cap] : old.captures_) {
    const QueueId wait = plan.CallbackQueue(cap.wait_queue);
    const QueueId policy = plan.CallbackQueue(cap.policy_queue);
    std::optional<SkillExpr> extra = plan.Remap(cap.extra);
    // PlanReload let only expired captures lose their queue or skill.
    if (wait == kNoQueue || policy == kNoQueue || !extra) continue;
    Capture moved = cap;
    moved.wait_queue = wait;
    moved.policy_queue = policy;
    moved.enabled = e_.center_.queues[policy].callback.enabled;
    moved.extra = *std::move(extra);
    e_.captures_.emplace(id, std::move(moved));
  }
  e_.capture_expiry_ = std::move(old.capture_expiry_);
  TrimToWindow(e_.capture_expiry_, e_.captures_, e_.center_.ended_calls_window);
  for (auto& [ani, place] : old.left_places_) {
    if (plan.queue_to[place.queue] == kNoQueue) continue;
    LeftPlace moved = place;
    moved.queue = plan.queue_to[place.queue];
    e_.left_places_.emplace(ani, moved);
  }
  e_.left_expiry_ = std::move(old.left_expiry_);
  TrimToWindow(e_.left_expiry_, e_.left_places_, e_.center_.ended_calls_window);
}

// Every available agent is filed afresh: the keys follow from its state
// (KeyFor); the random strategies keep no draws, they draw per decision.
void ReloadAdopter::FileAdoptedAgents() {
  for (uint32_t slot = 0; slot < e_.agents_.size(); ++slot) {
    if (!Available(e_.agents_[slot])) continue;
    e_.IndexAgent(slot);
    e_.pending_agents_.push_back(slot);
  }
}

void ReloadAdopter::SettleAfterReload(const EngineImpl& old, const ReloadPlan& plan,
                                   ReloadWork& work) {
  // Offers that rang on removed agents.
  for (const auto& [slot, agent] : work.cancelled) {
    e_.Emit(CancelOffer{e_.calls_[slot].id, agent, CancelReason::kReconfigured});
  }
  for (const auto& [slot, agent] : work.cancelled) {
    Call& c = e_.calls_[slot];
    if (c.state != CallState::kOffered || !c.ringing.empty()) continue;
    e_.timers_.Cancel(c.progress_timer);
    e_.ReturnToQueue(slot);
  }
  for (uint32_t o = 0; o < old.agents_.size(); ++o) {
    const Agent& a = old.agents_[o];
    if (plan.agent_to[o] == kNoSlot && a.presence != Presence::kLoggedOut) {
      e_.Emit(AgentStateChanged{a.id, AgentState::kLoggedOut, NotReadyReason::kNone});
    }
  }
  WithdrawExtraRings();
  // Agents whose configuration changed: their ringing offers are withdrawn.
  for (uint32_t o = 0; o < old.agents_.size(); ++o) {
    const uint32_t slot = plan.agent_to[o];
    if (slot == kNoSlot || plan.agent_same[o] || e_.agents_[slot].offers == 0) continue;
    e_.CancelAgentOffers(slot, CancelReason::kReconfigured);
  }
  TrimToNewLimits();
  // Callbacks and waiting calls of removed queues.
  for (uint32_t slot : work.moved_callbacks) {
    e_.Emit(RouteCall{e_.calls_[slot].id, 0, OverflowKind::kQueue, e_.calls_[slot].queue,
                   RouteCause::kQueueRemoved, -1, ""});
  }
  for (const auto& [slot, requirement] : work.routed) {
    const OverflowAction& action = e_.center_.on_queue_removed;
    e_.Emit(RouteCall{e_.calls_[slot].id, 0, action.kind, action.queue, RouteCause::kQueueRemoved,
                      -1, action.target});
    e_.TakePath(slot, action, requirement);
  }
  // What came due under the new settings, for calls still in the line they
  // were in (a slot freed on the way is not reused: no call arrives here).
  auto still_in_line = [this](const ReloadWork::Due& due) {
    const Call& c = e_.calls_[due.slot];
    const bool in_line = c.state == CallState::kWaiting || c.state == CallState::kOffered;
    return in_line && c.queued && c.id == due.id && c.queue == due.queue &&
           c.enqueued_ms == due.enqueued_ms;
  };
  for (const ReloadWork::Due& due : work.due_max_wait) {
    if (still_in_line(due)) e_.OnMaxWait(due.slot);
  }
  for (const ReloadWork::Due& due : work.due_rules) {
    if (still_in_line(due)) e_.RunDueRules(due.slot);
  }
  // Members, tiers and factors may all have changed: every queue that
  // leaves when empty judges its callers again.
  for (QueueId q = 0; q < e_.queues_.size(); ++q) {
    if (LeaveFactors(e_.queues_[q].config->leave_when_empty) != 0) e_.pending_empty_.push_back(q);
  }
  e_.Drain();
}

void ReloadAdopter::WithdrawExtraRings() {
  std::vector<uint32_t> slots;
  for (const auto& [id, slot] : e_.live_calls_) slots.push_back(slot);
  std::sort(slots.begin(), slots.end());
  for (uint32_t slot : slots) {
    Call& c = e_.calls_[slot];
    if (c.state != CallState::kOffered) continue;
    const QueueConfig& cfg = e_.qcfg(c.queue);
    const bool group = cfg.strategy == Strategy::kRingAll || cfg.progressive_ring_ms > 0;
    const size_t limit = group ? cfg.ring_all_max : 1;
    while (c.ringing.size() > limit) {
      e_.ReleaseOffer(slot, c.ringing.back(), CancelReason::kReconfigured);
    }
  }
}

void ReloadAdopter::TrimToNewLimits() {
  std::vector<uint32_t> in_line(e_.queues_.size(), 0);  // waiting or ringing, not callbacks
  std::vector<std::vector<uint32_t>> waiting(e_.queues_.size());
  for (const auto& [id, slot] : e_.live_calls_) {
    const Call& c = e_.calls_[slot];
    if (!c.queued || c.callback) continue;
    if (c.state == CallState::kOffered && !c.directed) ++in_line[c.queue];  // a transfer is not in line
    if (c.state == CallState::kWaiting) {
      ++in_line[c.queue];
      waiting[c.queue].push_back(slot);
    }
  }
  for (QueueId q = 0; q < e_.queues_.size(); ++q) {
    const uint32_t limit = e_.queues_[q].config->max_length;
    if (in_line[q] <= limit) continue;
    // The back of the line: lowest priority, latest place (PlanReload made
    // sure the ringing calls fit, so enough of them wait).
    std::vector<uint32_t>& line = waiting[q];
    std::sort(line.begin(), line.end(),
              [this](uint32_t x, uint32_t y) { return e_.calls_[y].key < e_.calls_[x].key; });
    for (size_t i = 0; i < in_line[q] - limit; ++i) {
      e_.ApplyOverflow(line[i], e_.queues_[q].config->on_full, RouteCause::kQueueFull);
    }
  }
}

}  // namespace acd::core
