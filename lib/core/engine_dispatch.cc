// Matching calls and agents, offers, answers and releases.
#include <algorithm>

#include "core/engine_impl.h"

namespace acd::core {

void EngineImpl::Drain() {
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
}

bool EngineImpl::TryDispatchCall(uint32_t slot) {
  Call& c = calls_[slot];
  QueueState& q = queues_[c.queue];
  const QueueConfig& cfg = *q.config;
  Pool& pool = q.pools[c.pool];
  if (cfg.strategy == Strategy::kRingAll) {
    // Ring the agents whose best call this is; the others take theirs.
    std::vector<uint32_t> group;
    while (group.empty()) {
      std::vector<AgentPick> picks;
      pool.ready.CollectAll(c.stage, c.min_level, cfg.ring_all_max, file_gens_, picks, work_);
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
  } else {
    // The chosen agent takes its best call: this one or one ahead of it.
    while (c.in_index) {
      const std::optional<AgentPick> pick =
          pool.ready.Select(cfg.strategy, c.stage, c.min_level, q.rr_last, file_gens_, work_);
      if (!pick) return false;
      const uint32_t agent_slot = pick->key.agent;
      TryDispatchAgent(agent_slot);
      if (Available(agents_[agent_slot]) && c.in_index) return false;
    }
    return true;
  }
  c.ring_timer =
      timers_.Add(now_ms_, now_ms_ + cfg.ring_timeout_ms, TimerKind::kRingTimeout, slot);
  return true;
}

namespace {

// Cross-queue rank of a waiting call: queue priority, call priority,
// weighted wait, then entry order.
struct Rank {
  int queue_priority;
  int call_priority;
  double weighted_wait;
  uint64_t seq;
  bool BetterThan(const Rank& o) const {
    if (queue_priority != o.queue_priority) return queue_priority > o.queue_priority;
    if (call_priority != o.call_priority) return call_priority > o.call_priority;
    if (weighted_wait != o.weighted_wait) return weighted_wait > o.weighted_wait;
    return seq < o.seq;
  }
};

}  // namespace

uint32_t EngineImpl::BestCallFor(uint32_t agent_slot, const AgentMembership** best) {
  const Agent& a = agents_[agent_slot];
    std::optional<Rank> best_rank;
    uint32_t best_call = kNoSlot;
    for (const AgentMembership& m : a.memberships) {
      if (m.tier < kMinLevel) continue;
      const QueueState& q = queues_[m.queue];
      for (uint32_t bits = m.pools; bits != 0; bits &= bits - 1) {
        const std::optional<CallPick> pick =
            q.pools[__builtin_ctz(bits)].waiting.BestFor(m.delay_class, m.tier, work_);
        if (!pick) continue;
        const Call& c = calls_[pick->key.call];
        const Rank rank{q.config->priority, c.priority,
                        static_cast<double>(now_ms_ - c.enqueued_ms) * q.config->wait_weight,
                        c.key.seq};
        if (!best_rank || rank.BetterThan(*best_rank)) {
          best_rank = rank;
          best_call = pick->key.call;
          *best = &m;
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
    if (q.config->strategy == Strategy::kWeightedRandom) q.race_clock = best->key.a;
    RemoveWaiting(best_call);
    MakeOffer(best_call, agent_slot);
    calls_[best_call].ring_timer = timers_.Add(now_ms_, now_ms_ + q.config->ring_timeout_ms,
                                               TimerKind::kRingTimeout, best_call);
  }
}

void EngineImpl::MakeOffer(uint32_t call_slot, uint32_t agent_slot) {
  Call& c = calls_[call_slot];
  Agent& a = agents_[agent_slot];
  c.ringing.push_back(agent_slot);
  a.calls.push_back(call_slot);
  ++a.offers;
  SetCallState(call_slot, CallState::kOffered);
  const QueueConfig& cfg = qcfg(c.queue);
  Emit(Offer{c.id, a.id, c.queue, cfg.ring_timeout_ms, cfg.strategy == Strategy::kRingAll});
  RefreshAgent(agent_slot);
}

void EngineImpl::ReleaseOffer(uint32_t call_slot, uint32_t agent_slot, CancelReason reason) {
  Call& c = calls_[call_slot];
  Agent& a = agents_[agent_slot];
  c.ringing.erase(std::find(c.ringing.begin(), c.ringing.end(), agent_slot));
  a.calls.erase(std::find(a.calls.begin(), a.calls.end(), call_slot));
  --a.offers;
  Emit(CancelOffer{c.id, a.id, reason});
  RefreshAgent(agent_slot);
}

void EngineImpl::ReturnToQueue(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  timers_.Cancel(c.ring_timer);
  SetCallState(call_slot, CallState::kWaiting);
  InsertWaiting(call_slot);
  if (c.overflow_due) {
    c.overflow_due = false;
    ApplyOverflow(call_slot, qcfg(c.queue).on_max_wait);
    return;
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
  --a.offers;
  ++a.talking;
  a.misses_in_row = 0;
  ++a.calls_today;
  c.agent = agent_slot;
  c.answered_ms = now_ms_;
  LeaveQueue(call_slot);
  SetCallState(call_slot, CallState::kTalking);
  ++queues_[c.queue].answered;
  Emit(CallConnected{c.id, a.id, c.queue, now_ms_ - c.arrived_ms});
  RefreshAgent(agent_slot);
}

void EngineImpl::ReleaseAgentFromCall(uint32_t call_slot, bool wrapup) {
  Call& c = calls_[call_slot];
  const uint32_t agent_slot = c.agent;
  Agent& a = agents_[agent_slot];
  a.calls.erase(std::find(a.calls.begin(), a.calls.end(), call_slot));
  --a.talking;
  a.talk_ms_today += now_ms_ - c.answered_ms;
  c.agent = kNoSlot;
  const TimeMs wrapup_ms = qcfg(c.queue).wrapup_ms;
  if (wrapup && wrapup_ms > 0 && a.presence != Presence::kLoggedOut && a.offers == 0) {
    timers_.Cancel(a.wrapup_timer);
    a.in_wrapup = true;
    a.wrapup_timer =
        timers_.Add(now_ms_, now_ms_ + wrapup_ms, TimerKind::kWrapUpEnd, agent_slot);
  } else if (!a.in_wrapup) {
    a.idle_since_ms = now_ms_;
  }
  RefreshAgent(agent_slot);
}

}  // namespace acd::core
