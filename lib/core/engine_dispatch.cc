// Matching calls and agents, offers, answers and releases.
#include <algorithm>

#include "core/engine_impl.h"

namespace acd::core {

void EngineImpl::Drain() {
  // Offers made here may empty a queue for its callers (leave_when_empty
  // with the ringing factor): judge again until nothing is left to judge.
  do {
    while (!pending_empty_.empty()) {
      const QueueId queue = pending_empty_.back();
      pending_empty_.pop_back();
      CheckLeaveWhenEmpty(queue);
    }
    size_t next_call = 0, next_agent = 0;
    while (next_call < pending_calls_.size() || next_agent < pending_agents_.size()) {
      if (next_call < pending_calls_.size()) {
        for (size_t i = next_call + 1; i < pending_calls_.size(); ++i) {
          if (calls_[pending_calls_[i]].key < calls_[pending_calls_[next_call]].key) {
            std::swap(pending_calls_[i], pending_calls_[next_call]);
          }
        }
        const uint32_t slot = pending_calls_[next_call++];
        if (calls_[slot].in_index) TryDispatchCall(slot);
      } else {
        const uint32_t slot = pending_agents_[next_agent++];
        if (Available(agents_[slot])) TryDispatchAgent(slot);
      }
    }
    pending_calls_.clear();
    pending_agents_.clear();
  } while (!pending_empty_.empty());
}

bool EngineImpl::TryDispatchCall(uint32_t slot) {
  Call& c = calls_[slot];
  if (c.owner_window) {  // its own seller alone, who takes their best call
    const uint32_t owner = AgentSlot(c.owner_agent);
    if (Available(agents_[owner])) TryDispatchAgent(owner);
    return !c.in_index;
  }
  // The home queue's agents first, then the members of a guest queue (an
  // overflow rule added them), one at a time by the guest queue's strategy.
  const bool left = qcfg(c.queue).strategy == Strategy::kRingAll
                        ? RingAll(slot)
                        : OfferThroughPool(slot, c.queue, c.pool, StageFor(c));
  if (left || !c.in_index) return true;
  if (c.guest_queue == kNoQueue) return false;
  return OfferThroughPool(slot, c.guest_queue, c.guest_pool, kMaxDelayClasses - 1);
}

bool EngineImpl::RingAll(uint32_t slot) {
  Call& c = calls_[slot];
  QueueState& q = queues_[c.queue];
  const QueueConfig& cfg = *q.config;
  Pool& pool = q.pools[c.pool];
  // Ring the agents whose best call this is; the others take theirs.
  std::vector<uint32_t> group;
  while (group.empty()) {
    std::vector<AgentPick> picks;
    pool.ready.CollectAll(StageFor(c), LevelsIn(q, c), LevelFirst(q), cfg.ring_all_max,
                          file_gens_, picks, work_);
    if (picks.empty()) return false;
    for (const AgentPick& pick : picks) {
      const AgentMembership* through = nullptr;
      if (BestCallFor(pick.key.agent, &through) == slot) {
        group.push_back(pick.key.agent);
      } else {
        TryDispatchAgent(pick.key.agent);
      }
    }
    if (!c.in_index) return true;
  }
  RemoveWaiting(slot);
  for (uint32_t agent : group) MakeOffer(slot, agent);
  StartRinging(slot);
  return true;
}

bool EngineImpl::OfferThroughPool(uint32_t slot, QueueId queue, uint16_t pool_index, int stage) {
  Call& c = calls_[slot];
  QueueState& q = queues_[queue];
  Pool& pool = q.pools[pool_index];
  while (c.in_index) {
    const std::optional<AgentPick> pick =
        pool.ready.Select(q.config->strategy, stage, LevelsIn(q, c), LevelFirst(q), q.rr_last,
                          file_gens_, work_, rng_);
    if (!pick) return false;
    const uint32_t agent_slot = pick->key.agent;
    TryDispatchAgent(agent_slot);
    // Still free for the call's media and it waits: not this agent's. One
    // that took a call of another media and has no room for this one left
    // the pool: the next one is asked.
    if (c.in_index && Available(agents_[agent_slot]) && agents_[agent_slot].RoomFor(c.media)) {
      return false;
    }
  }
  return true;
}

bool CallRank::BetterThan(const CallRank& o) const {
  if (queue_priority != o.queue_priority) return queue_priority > o.queue_priority;
  if (call_priority != o.call_priority) return call_priority > o.call_priority;
  if (weighted_wait != o.weighted_wait) return weighted_wait > o.weighted_wait;
  return seq < o.seq;
}

uint32_t EngineImpl::BestCallFor(uint32_t agent_slot, const AgentMembership** best) {
  const Agent& a = agents_[agent_slot];
  std::optional<CallRank> best_rank;
  uint32_t best_call = kNoSlot;
  auto consider = [&](const std::optional<CallPick>& pick, const AgentMembership& m) {
    if (!pick) return;
    // A guest call ranks as a call of its own queue.
    const Call& c = calls_[pick->key.call];
    const QueueConfig& home = qcfg(c.queue);
    const CallRank rank{home.priority, c.priority,
                        static_cast<double>(now_ms_ - c.line_ms) * home.wait_weight,
                        c.key.seq};
    if (!best_rank || rank.BetterThan(*best_rank)) {
      best_rank = rank;
      best_call = pick->key.call;
      *best = &m;
    }
  };
  if (auto it = owned_.empty() ? owned_.end() : owned_.find(agent_slot); it != owned_.end()) {
    // Every call waiting for this seller in a queue the seller serves now
    // (on an outside call, only the queues that ring in use), its own or
    // the guest queue a rule added: they rank like any calls, queue
    // priority first, so the first by key (priority, entry) is not always
    // the best one when they wait in different queues. A seller's own
    // waiting callers are few.
    // Through the guest queue the seller is one of its members: within the
    // call's level bounds, as in the guest queue's index (its own queue
    // keeps the call for the seller only while the seller qualifies there;
    // paused there, or wrapping up for it alone, it may still qualify here).
    for (const CallKey& key : it->second) {
      const Call& owned = calls_[key.call];
      for (const AgentMembership& m : a.memberships) {
        const QueueState& q = queues_[m.queue];
        const bool through = m.queue == owned.queue ||
                             (m.queue == owned.guest_queue &&
                              LevelsIn(q, owned).Allows(TierIn(q, m)));
        if (through && Serves(a, m)) consider(CallPick{0, 0, key}, m);
      }
    }
  }
  for (const AgentMembership& m : a.memberships) {
    if (!Serves(a, m)) continue;
    const QueueState& q = queues_[m.queue];
    const int delay_class = LowestStageFor(q, m.delay_class);
    for (uint32_t bits = m.pools; bits != 0; bits &= bits - 1) {
      const Pool& pool = q.pools[__builtin_ctz(bits)];
      consider(pool.waiting.BestFor(delay_class, TierIn(q, m), work_), m);
      for (const GuestCalls& g : pool.guests) {
        consider(g.waiting.BestFor(m.delay_class, TierIn(q, m), work_), m);
      }
    }
  }
  return best_call;
}

void EngineImpl::TryDispatchAgent(uint32_t agent_slot) {
  Agent& a = agents_[agent_slot];
  while (Available(a) && a.filed) {
    ++work_.decisions;
    const AgentMembership* best = nullptr;
    const uint32_t best_call = BestCallFor(agent_slot, &best);
    if (best_call == kNoSlot) return;
    QueueState& q = queues_[best->queue];
    if (q.config->strategy == Strategy::kRoundRobin) q.rr_last = best->key.a;
    RemoveWaiting(best_call);
    MakeOffer(best_call, agent_slot);
    StartRinging(best_call);
  }
}

// The call's own queue rings it, also when a guest queue's agent takes it.
void EngineImpl::StartRinging(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  const QueueConfig& cfg = qcfg(c.queue);
  c.ring_due_ms = now_ms_ + cfg.ring_timeout_ms;
  c.ring_timer = timers_.Add(now_ms_, c.ring_due_ms, TimerKind::kRingTimeout, call_slot);
  if (cfg.progressive_ring_ms > 0 && cfg.progressive_ring_ms < cfg.ring_timeout_ms &&
      c.ringing.size() < cfg.ring_all_max && !c.directed) {
    c.progress_timer =
        timers_.Add(now_ms_, now_ms_ + cfg.progressive_ring_ms, TimerKind::kProgress, call_slot);
  }
}

void EngineImpl::OnProgress(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  QueueState& q = queues_[c.queue];
  const QueueConfig& cfg = *q.config;
  if (c.state != CallState::kOffered || c.owner_window || c.directed) return;
  // Every available agent has no waiting call it may take (work
  // conservation), so the best one may join the ringing without robbing a
  // call ahead of this one.
  const std::optional<AgentPick> pick =
      q.pools[c.pool].ready.Select(cfg.strategy, StageFor(c), LevelsIn(q, c), LevelFirst(q),
                                   q.rr_last, file_gens_, work_, rng_);
  if (pick && c.ringing.size() < cfg.ring_all_max &&
      std::find(c.ringing.begin(), c.ringing.end(), pick->key.agent) == c.ringing.end()) {
    if (cfg.strategy == Strategy::kRoundRobin) q.rr_last = pick->key.a;
    MakeOffer(call_slot, pick->key.agent);
  }
  if (c.ringing.size() < cfg.ring_all_max && now_ms_ + cfg.progressive_ring_ms < c.ring_due_ms) {
    c.progress_timer = timers_.Add(now_ms_, now_ms_ + cfg.progressive_ring_ms,
                                   TimerKind::kProgress, call_slot);
  }
}

void EngineImpl::MakeOffer(uint32_t call_slot, uint32_t agent_slot, AgentId transfer_from) {
  Call& c = calls_[call_slot];
  Agent& a = agents_[agent_slot];
  c.ringing.push_back(agent_slot);
  c.rung_ms.push_back(now_ms_);
  a.calls.push_back(call_slot);
  ++a.offers;
  a.HoldMedia(c.media);
  SetCallState(call_slot, CallState::kOffered);
  const QueueConfig& cfg = qcfg(c.queue);
  // An agent added by progressive ringing rings for what is left of the ring.
  const TimeMs ring_ms = c.ringing.size() > 1 && cfg.strategy != Strategy::kRingAll
                             ? c.ring_due_ms - now_ms_
                             : cfg.ring_timeout_ms;
  Emit(Offer{c.id, a.id, c.queue, ring_ms, cfg.strategy == Strategy::kRingAll && !c.directed,
              c.owner_window, c.callback, transfer_from});
  RefreshAgent(agent_slot);
}

void EngineImpl::ReleaseOffer(uint32_t call_slot, uint32_t agent_slot, CancelReason reason) {
  Call& c = calls_[call_slot];
  Agent& a = agents_[agent_slot];
  const size_t i = std::find(c.ringing.begin(), c.ringing.end(), agent_slot) - c.ringing.begin();
  c.ringing.erase(c.ringing.begin() + i);
  c.rung_ms.erase(c.rung_ms.begin() + i);
  if (c.ringing.empty()) timers_.Cancel(c.progress_timer);
  a.calls.erase(std::find(a.calls.begin(), a.calls.end(), call_slot));
  --a.offers;
  a.DropMedia(c.media);
  Emit(CancelOffer{c.id, a.id, reason});
  RefreshAgent(agent_slot);
}

void EngineImpl::ReturnToQueue(uint32_t call_slot, bool rang_out) {
  Call& c = calls_[call_slot];
  timers_.Cancel(c.ring_timer);
  if (c.directed) {  // a transfer's colleague did not take it
    RequeueTransferred(call_slot);
    return;
  }
  timers_.Cancel(c.owner_timer);  // the owner did not take it: anyone may now
  c.owner_window = false;
  SetCallState(call_slot, CallState::kWaiting);
  InsertWaiting(call_slot);
  if (c.overflow_due) {
    c.overflow_due = false;
    ApplyOverflow(call_slot, qcfg(c.queue).on_max_wait, RouteCause::kMaxWait);
    return;
  }
  if (c.route_due >= 0) {
    const int rule = c.route_due;
    ApplyOverflow(call_slot, BookOf(c).rule(rule).route, RouteCause::kRule, rule);
    return;
  }
  // TaskRouter's reservation timeout moves the task to its next step: the
  // call's next rule comes due now (ring_timeout_moves_on).
  if (rang_out && qcfg(c.queue).ring_timeout_moves_on && c.next_rule != kNoRule) {
    if (!RunNextRule(call_slot)) return;  // it moved on
    ScheduleNextRule(call_slot);
  }
  Emit(CallQueued{c.id, c.queue, queues_[c.queue].waiting});
  pending_calls_.push_back(call_slot);
}

void EngineImpl::ConnectCall(uint32_t call_slot, uint32_t agent_slot) {
  Call& c = calls_[call_slot];
  timers_.Cancel(c.ring_timer);
  const absl::InlinedVector<uint32_t, 1> ringing = c.ringing;
  for (uint32_t other : ringing) {
    if (other != agent_slot) ReleaseOffer(call_slot, other, CancelReason::kAnsweredElsewhere);
  }
  Agent& a = agents_[agent_slot];
  c.ringing.clear();
  c.rung_ms.clear();
  timers_.Cancel(c.progress_timer);
  --a.offers;
  ++a.talking;
  a.misses_in_row = 0;
  c.agent = agent_slot;
  c.answered_ms = now_ms_;
  c.directed = false;
  LeaveQueue(call_slot);
  if (c.callback) {  // the agent took the callback: dial it
    StartDial(call_slot, agent_slot);
    RefreshAgent(agent_slot);
    return;
  }
  CountAnswered(a, c);
  SetCallState(call_slot, CallState::kTalking);
  if (!c.answered_here) {  // a transfer within the queue is not answered twice
    c.answered_here = true;
    ++queues_[c.queue].answered;
  }
  Emit(CallConnected{c.id, a.id, c.queue, now_ms_ - c.arrived_ms});
  RefreshAgent(agent_slot);
}

void EngineImpl::ReleaseAgentFromCall(uint32_t call_slot, bool wrapup) {
  Call& c = calls_[call_slot];
  const uint32_t agent_slot = c.agent;
  Agent& a = agents_[agent_slot];
  EndHold(c);
  a.calls.erase(std::find(a.calls.begin(), a.calls.end(), call_slot));
  --a.talking;
  a.DropMedia(c.media);
  CountTalkEnd(a, c);
  c.agent = kNoSlot;
  // Outbound: none; an agent's own wrap-up stands in for the queue's.
  const TimeMs wrapup_ms =
      !c.queued ? 0 : a.own_wrapup_ms >= 0 ? a.own_wrapup_ms : qcfg(c.queue).wrapup_ms;
  if (wrapup && wrapup_ms > 0 && a.presence != Presence::kLoggedOut && a.offers == 0) {
    timers_.Cancel(a.wrapup_timer);
    a.in_wrapup = true;
    // Asterisk's shared_lastcall = no: this queue's calls only.
    a.wrapup_queue = qcfg(c.queue).wrapup_here_only ? c.queue : kNoQueue;
    if (a.wrapup_queue != kNoQueue) a.idle_since_ms = now_ms_;
    a.wrapup_timer =
        timers_.Add(now_ms_, now_ms_ + wrapup_ms, TimerKind::kWrapUpEnd, agent_slot);
  } else if (!a.in_wrapup || a.wrapup_queue != kNoQueue) {
    a.idle_since_ms = now_ms_;
  }
  RefreshAgent(agent_slot);
}

}  // namespace acd::core
