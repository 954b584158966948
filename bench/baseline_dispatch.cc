// BaselineEngine: queueing, matching, offers, answers, releases, timers.
#include <algorithm>

#include "bench/baseline_engine.h"

namespace acd::bench {

int BaselineEngine::TierFor(const Agent& a, const AgentMember& m) const {
  const QueueConfig& q = *queues_[m.queue].config;
  if (!q.has_skill) return m.level;
  for (const SkillLevel& s : a.skills) {
    if (s.skill == q.skill) return s.level;
  }
  return 0;
}

bool BaselineEngine::MatchesExtra(const Agent& a, const SkillList& extra) const {
  for (const SkillLevel& need : extra) {
    bool found = false;
    for (const SkillLevel& have : a.skills) {
      if (have.skill == need.skill) {
        found = have.level >= need.level;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

const BaselineEngine::AgentMember* BaselineEngine::MembershipOf(const Agent& a,
                                                                QueueId queue) const {
  for (const AgentMember& m : a.memberships) {
    if (m.queue == queue) return &m;
  }
  return nullptr;
}

bool BaselineEngine::AgentBetter(const QueueState& q, uint32_t x, int x_tier, uint32_t y,
                                 int y_tier) const {
  const Agent& ax = agents_[x];
  const Agent& ay = agents_[y];
  const QueueId queue = static_cast<QueueId>(&q - queues_.data());
  struct Key {
    int64_t a, b;
    uint32_t slot;
    auto operator<=>(const Key&) const = default;
  };
  auto key = [&](const Agent& ag, uint32_t slot) -> Key {
    switch (q.config->strategy) {
      case Strategy::kLeastCalls: return {ag.calls_today, ag.idle_since_ms, slot};
      case Strategy::kLeastTalkTime: return {ag.talk_ms_today, ag.idle_since_ms, slot};
      case Strategy::kRoundRobin:
      case Strategy::kFixedOrder: return {MembershipOf(ag, queue)->position, 0, slot};
      default: return {ag.idle_since_ms, 0, slot};
    }
  };
  const Key kx = key(ax, x), ky = key(ay, y);
  if (q.config->strategy == Strategy::kHighestProficiency && x_tier != y_tier) {
    return x_tier > y_tier;
  }
  if (q.config->strategy == Strategy::kRoundRobin) {
    const bool x_after = kx.a > q.rr_last, y_after = ky.a > q.rr_last;
    if (x_after != y_after) return x_after;
  }
  return kx < ky;
}

bool BaselineEngine::CallBetter(uint32_t x, uint32_t y) const {
  const Call& cx = calls_[x];
  const Call& cy = calls_[y];
  const QueueConfig& qx = *queues_[cx.queue].config;
  const QueueConfig& qy = *queues_[cy.queue].config;
  if (qx.priority != qy.priority) return qx.priority > qy.priority;
  if (cx.priority != cy.priority) return cx.priority > cy.priority;
  const double wx = static_cast<double>(now_ms_ - cx.enqueued_ms) * qx.wait_weight;
  const double wy = static_cast<double>(now_ms_ - cy.enqueued_ms) * qy.wait_weight;
  if (wx != wy) return wx > wy;
  return cx.seq < cy.seq;
}

uint32_t BaselineEngine::NewCallSlot() {
  if (!free_call_slots_.empty()) {
    const uint32_t slot = free_call_slots_.back();
    free_call_slots_.pop_back();
    return slot;
  }
  calls_.emplace_back();
  return static_cast<uint32_t>(calls_.size() - 1);
}

void BaselineEngine::SetCallState(uint32_t slot, CallState state) { calls_[slot].state = state; }

void BaselineEngine::EnqueueCall(uint32_t slot, const CallEnqueue& e) {
  SetCallState(slot, CallState::kWaiting);
  Call& c = calls_[slot];
  QueueState& q = queues_[e.queue];
  c.queued = true;
  c.queue = e.queue;
  c.priority = e.priority;
  c.min_level = e.min_level;
  c.extra.assign(e.required_skills.begin(), e.required_skills.end());
  std::sort(c.extra.begin(), c.extra.end(),
            [](const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; });
  c.enqueued_ms = now_ms_;
  if (q.waiting >= q.config->max_length) {
    const OverflowAction& action = q.config->on_full;
    Emit(RouteCall{c.id, c.queue, action.kind, action.queue});
    const Disposition d = action.kind == OverflowKind::kCallback    ? Disposition::kCallbackCaptured
                          : action.kind == OverflowKind::kVoicemail ? Disposition::kVoicemail
                                                                    : Disposition::kOverflowed;
    EndCall(slot, d, CancelReason::kCallMoved);
    return;
  }
  c.seq = ++enqueue_seq_;
  InsertWaiting(slot);
  Emit(CallQueued{c.id, c.queue, q.waiting});
  pending_calls_.push_back(slot);
}

void BaselineEngine::InsertWaiting(uint32_t slot) {
  Call& c = calls_[slot];
  if (c.waiting) return;
  c.waiting = true;
  ++queues_[c.queue].waiting;
  OnWaitingInserted(slot);
}

void BaselineEngine::RemoveWaiting(uint32_t slot) {
  Call& c = calls_[slot];
  if (!c.waiting) return;
  c.waiting = false;
  --queues_[c.queue].waiting;
  OnWaitingRemoved(slot);
}

void BaselineEngine::Drain() {
  size_t next_call = 0, next_agent = 0;
  while (next_call < pending_calls_.size() || next_agent < pending_agents_.size()) {
    if (next_call < pending_calls_.size()) {
      // Like the engine: the best pending call (priority, entry order) first.
      auto rank = [this](uint32_t s) { return std::pair(-calls_[s].priority, calls_[s].seq); };
      for (size_t i = next_call + 1; i < pending_calls_.size(); ++i) {
        if (rank(pending_calls_[i]) < rank(pending_calls_[next_call])) {
          std::swap(pending_calls_[i], pending_calls_[next_call]);
        }
      }
      const uint32_t slot = pending_calls_[next_call++];
      if (calls_[slot].waiting) TryDispatchCall(slot);
    } else {
      const uint32_t slot = pending_agents_[next_agent++];
      if (Available(agents_[slot])) TryDispatchAgent(slot);
    }
  }
  pending_calls_.clear();
  pending_agents_.clear();
}

void BaselineEngine::NoteRoundRobin(uint32_t call_slot, uint32_t agent_slot) {
  QueueState& q = queues_[calls_[call_slot].queue];
  if (q.config->strategy != Strategy::kRoundRobin) return;
  q.rr_last = MembershipOf(agents_[agent_slot], calls_[call_slot].queue)->position;
}

void BaselineEngine::TryDispatchCall(uint32_t slot) {
  // Like the engine: the agent chosen for this call takes its own best call,
  // which is this one or one ahead of it.
  while (calls_[slot].waiting) {
    const uint32_t agent_slot = SelectAgent(slot);
    if (agent_slot == kNone) return;
    TryDispatchAgent(agent_slot);
    if (Available(agents_[agent_slot]) && calls_[slot].waiting) return;
  }
}

void BaselineEngine::TryDispatchAgent(uint32_t agent_slot) {
  while (Available(agents_[agent_slot])) {
    const uint32_t call_slot = SelectCall(agent_slot);
    if (call_slot == kNone) return;
    NoteRoundRobin(call_slot, agent_slot);
    RemoveWaiting(call_slot);
    MakeOffer(call_slot, agent_slot);
    Call& c = calls_[call_slot];
    c.ring_timer = AddTimer(now_ms_ + queues_[c.queue].config->ring_timeout_ms,
                            TimerKind::kRingTimeout, call_slot);
  }
}

void BaselineEngine::MakeOffer(uint32_t call_slot, uint32_t agent_slot) {
  Call& c = calls_[call_slot];
  Agent& a = agents_[agent_slot];
  c.ringing.push_back(agent_slot);
  a.calls.push_back(call_slot);
  ++a.offers;
  SetCallState(call_slot, CallState::kOffered);
  Emit(Offer{c.id, a.id, c.queue, queues_[c.queue].config->ring_timeout_ms, false});
  RefreshAgent(agent_slot);
}

void BaselineEngine::ReleaseOffer(uint32_t call_slot, uint32_t agent_slot, CancelReason reason) {
  Call& c = calls_[call_slot];
  Agent& a = agents_[agent_slot];
  c.ringing.erase(std::find(c.ringing.begin(), c.ringing.end(), agent_slot));
  a.calls.erase(std::find(a.calls.begin(), a.calls.end(), call_slot));
  --a.offers;
  Emit(CancelOffer{c.id, a.id, reason});
  RefreshAgent(agent_slot);
}

void BaselineEngine::ReturnToQueue(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  CancelTimer(c.ring_timer);
  SetCallState(call_slot, CallState::kWaiting);
  InsertWaiting(call_slot);
  Emit(CallQueued{c.id, c.queue, queues_[c.queue].waiting});
  pending_calls_.push_back(call_slot);
}

void BaselineEngine::ConnectCall(uint32_t call_slot, uint32_t agent_slot) {
  Call& c = calls_[call_slot];
  CancelTimer(c.ring_timer);
  Agent& a = agents_[agent_slot];
  c.ringing.clear();
  --a.offers;
  ++a.talking;
  a.misses_in_row = 0;
  ++a.calls_today;
  c.agent = agent_slot;
  c.answered_ms = now_ms_;
  SetCallState(call_slot, CallState::kTalking);
  Emit(CallConnected{c.id, a.id, c.queue, now_ms_ - c.arrived_ms});
  RefreshAgent(agent_slot);
}

void BaselineEngine::ReleaseAgentFromCall(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  const uint32_t agent_slot = c.agent;
  Agent& a = agents_[agent_slot];
  a.calls.erase(std::find(a.calls.begin(), a.calls.end(), call_slot));
  --a.talking;
  a.talk_ms_today += now_ms_ - c.answered_ms;
  c.agent = kNone;
  const TimeMs wrapup_ms = queues_[c.queue].config->wrapup_ms;
  if (wrapup_ms > 0 && a.presence != Presence::kLoggedOut) {
    CancelTimer(a.wrapup_timer);
    a.in_wrapup = true;
    a.wrapup_timer = AddTimer(now_ms_ + wrapup_ms, TimerKind::kWrapUpEnd, agent_slot);
  } else if (!a.in_wrapup) {
    a.idle_since_ms = now_ms_;
  }
  RefreshAgent(agent_slot);
}

void BaselineEngine::EndCall(uint32_t slot, Disposition disposition, CancelReason reason) {
  Call& c = calls_[slot];
  if (c.state == CallState::kOffered) {
    CancelTimer(c.ring_timer);
    const absl::InlinedVector<uint32_t, 1> ringing = c.ringing;
    for (uint32_t agent_slot : ringing) ReleaseOffer(slot, agent_slot, reason);
  }
  TimeMs talk_ms = 0;
  AgentId agent = 0;
  if (c.state == CallState::kTalking) {
    talk_ms = now_ms_ - c.answered_ms;
    agent = agents_[c.agent].id;
    ReleaseAgentFromCall(slot);
  }
  RemoveWaiting(slot);
  const bool answered = disposition == Disposition::kAnswered;
  const TimeMs wait_ms = (answered ? c.answered_ms : now_ms_) - c.arrived_ms;
  SetCallState(slot, CallState::kEnded);
  Emit(CallEnded{c.id, disposition, c.queued, c.queue, agent, wait_ms, talk_ms});
  ended_calls_.Insert(c.id, disposition);
  live_calls_.erase(c.id);
  c = Call{};
  free_call_slots_.push_back(slot);
}

void BaselineEngine::OnRingTimeout(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  const int max_misses = queues_[c.queue].config->max_misses;
  const absl::InlinedVector<uint32_t, 1> ringing = c.ringing;
  for (uint32_t agent_slot : ringing) {
    Agent& a = agents_[agent_slot];
    ++a.misses_in_row;
    a.idle_since_ms = now_ms_;
    if (max_misses > 0 && a.misses_in_row >= static_cast<uint32_t>(max_misses)) {
      SetPresence(agent_slot, Presence::kNotReady, NotReadyReason::kNoAnswer);
    }
    ReleaseOffer(call_slot, agent_slot, CancelReason::kRingTimeout);
  }
  ReturnToQueue(call_slot);
}

void BaselineEngine::OnWrapUpEnd(uint32_t agent_slot) {
  Agent& a = agents_[agent_slot];
  a.in_wrapup = false;
  a.idle_since_ms = now_ms_;
  RefreshAgent(agent_slot);
}

BaselineEngine::Timer BaselineEngine::AddTimer(TimeMs due_ms, TimerKind kind, uint32_t target) {
  const Timer timer{due_ms, next_timer_seq_++, kind, target};
  timers_.insert(timer);
  return timer;
}

void BaselineEngine::CancelTimer(Timer& timer) {
  if (timer.seq == 0) return;
  timers_.erase(timer);
  timer = Timer{};
}

}  // namespace acd::bench
