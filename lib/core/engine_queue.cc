// Queue membership of calls: entering a queue, the waiting index, leaving,
// limits and overflow, and the end of a call.
#include <algorithm>

#include "core/engine_impl.h"

namespace acd::core {

int EngineImpl::FindPool(const QueueState& q, const SkillExpr& extra) const {
  for (size_t p = 0; p < q.pools.size(); ++p) {
    if (q.pools[p].extra == extra) return static_cast<int>(p);
  }
  return -1;
}

void EngineImpl::AddPool(QueueState& q, const SkillExpr& extra) {
  // Longest idle and highest proficiency key agents by the time they became
  // idle, which only grows: their ready indexes append instead of searching.
  // Only a queue with an order_by files keys that carry an order. Reads
  // the strategy and drawn flag QueueState::Derive sets.
  // The pool's indexes keep their memory in the engine's arena, as the
  // pools do (the constructor gives QueueState::pools the arena).
  q.pools.emplace_back();
  Pool& pool = q.pools.back();
  pool.extra = extra;
  pool.ready = ReadyIndex(
      q.strategy == Strategy::kLongestIdle || q.strategy == Strategy::kHighestProficiency,
      q.drawn, !q.config->order_by.empty(), node_arena_.get());
  pool.waiting = WaitingIndex(node_arena_.get());
}

uint16_t EngineImpl::PoolFor(QueueState& q, const SkillExpr& extra) {
  if (int p = FindPool(q, extra); p >= 0) return static_cast<uint16_t>(p);
  // A new requirement: evaluate it once per member and file the available
  // ones that meet it (rare, bounded by kMaxPoolsPerQueue per queue).
  AddPool(q, extra);
  const uint16_t p = static_cast<uint16_t>(q.pools.size() - 1);
  const QueueId queue = static_cast<QueueId>(&q - queues_.data());
  for (uint32_t slot : q.members) {
    Agent& a = agents_[slot];
    const bool filed = a.filed;
    UnindexAgent(slot);  // under the old pool bits
    for (AgentMembership& m : a.memberships) {
      if (m.queue == queue && MatchesExtra(a, extra)) m.pools |= static_cast<uint16_t>(1u << p);
    }
    if (filed) RefreshAgent(slot);
  }
  return p;
}

WaitingIndex& Pool::GuestsFrom(QueueId home) {
  for (GuestCalls& g : guests) {
    if (g.home == home) return g.waiting;
  }
  guests.push_back(GuestCalls{home, WaitingIndex(waiting.arena())});  // the pool's arena
  return guests.back().waiting;
}

void EngineImpl::InsertWaiting(uint32_t slot) {
  Call& c = calls_[slot];
  if (c.in_index) return;
  if (c.owner_window) {
    owned_[AgentSlot(c.owner_agent)].insert(c.key);
    ++queues_[c.queue].waiting;
    c.in_index = true;
    return;
  }
  queues_[c.queue].pools[c.pool].waiting.Insert(c.stage, LevelsIn(queues_[c.queue], c), c.key);
  ++queues_[c.queue].waiting;
  // Back in line (joined, a ring that ended, a window that closed): a
  // queue empty for the caller lets it leave (leave_when_empty).
  if (queues_[c.queue].leave_factors != 0) pending_empty_.push_back(c.queue);
  if (c.guest_queue != kNoQueue) {
    QueueState& guest = queues_[c.guest_queue];
    guest.pools[c.guest_pool].GuestsFrom(c.queue).Insert(kMaxDelayClasses - 1, LevelsIn(guest, c),
                                                          c.key);
    ++guest.guests;
  }
  c.in_index = true;
}

void EngineImpl::RemoveWaiting(uint32_t slot) {
  Call& c = calls_[slot];
  if (!c.in_index) return;
  if (c.owner_window) {
    auto it = owned_.find(AgentSlot(c.owner_agent));
    it->second.erase(c.key);
    if (it->second.empty()) owned_.erase(it);
    --queues_[c.queue].waiting;
    c.in_index = false;
    return;
  }
  queues_[c.queue].pools[c.pool].waiting.Erase(c.stage, LevelsIn(queues_[c.queue], c), c.key);
  --queues_[c.queue].waiting;
  if (c.guest_queue != kNoQueue) {
    QueueState& guest = queues_[c.guest_queue];
    guest.pools[c.guest_pool].GuestsFrom(c.queue).Erase(kMaxDelayClasses - 1, LevelsIn(guest, c),
                                                         c.key);
    --guest.guests;
  }
  c.in_index = false;
}

void EngineImpl::LeaveQueue(uint32_t slot) {
  Call& c = calls_[slot];
  timers_.Cancel(c.max_wait_timer);
  timers_.Cancel(c.stage_timer);
  timers_.Cancel(c.rule_timer);
  timers_.Cancel(c.announce_timer);
  timers_.Cancel(c.owner_timer);
  c.owner_window = false;
  c.overflow_due = false;
  c.route_due = -1;
  c.guest_queue = kNoQueue;  // the call is out of every index by now
}

void EngineImpl::EnqueueCall(uint32_t slot, QueueId queue, int priority, int min_level,
                             const SkillExpr& extra, uint32_t position) {
  SetCallState(slot, CallState::kWaiting);  // leaves the old state's counters
  Call& c = calls_[slot];
  // The caller's other bounds stay (they travel with it), raised to a
  // minimum given above them (DESIGN invariant 21).
  c.min_level = min_level;
  c.max_level = std::max(c.max_level, min_level);
  c.level_cap = std::max(c.level_cap, min_level);
  if (!c.callback && RefusesJoin(queues_[queue], LevelsIn(queues_[queue], c))) {
    RefuseJoin(slot, queue, priority, extra);
    return;
  }
  QueueState& q = queues_[queue];
  if (!c.media_fixed) {  // the first queue it joins gives it its media, for life
    c.media = q.config->media;
    c.media_fixed = true;
  }
  c.queued = true;
  c.queue = queue;
  c.priority = priority;
  c.stage = 0;
  c.announced_position = 0;
  c.overflow_due = false;
  c.route_due = -1;
  c.directed = false;
  c.answered_here = false;
  c.enqueued_ms = now_ms_;
  StartRules(slot, RulesEnteredMs(c, q.book));
  // In line as if since wait_credit_ms earlier (CallEnqueue's time
  // adjustment), within its priority; usually now, at the end.
  c.line_ms = now_ms_ - c.wait_credit_ms;
  c.key = CallKey{-priority, SeqForLineMs(queue, c.line_ms, slot), slot};
  // A caller who comes back takes up the place they left, also when the
  // queue turns out to be full: the place is used up either way.
  if (center_.resume_place_ms > 0) ResumePlace(slot);
  ++q.entered;
  // Full: its length, or (a move by the engine's own rules; events are
  // refused earlier with ResourceExhausted) its distinct skill requirements.
  if (q.waiting + q.ringing >= q.config->max_length || !HasPoolFor(q, extra)) {
    ApplyOverflow(slot, q.config->on_full, RouteCause::kQueueFull, -1, &extra);
    return;
  }
  c.pool = PoolFor(q, extra);
  c.owner_window = WantsOwner(c, queue);
  if (c.owner_window) {
    c.owner_timer = timers_.Add(now_ms_, now_ms_ + q.config->owner_first_ms,
                                TimerKind::kOwnerWindow, slot);
  }
  InsertWaiting(slot);
  if (position > 0 && !c.owner_window) PlaceInLine(slot, position, /*keep_priority=*/true);
  if (q.config->max_wait_ms > 0) {
    c.max_wait_timer =
        timers_.Add(now_ms_, now_ms_ + q.config->max_wait_ms, TimerKind::kMaxWait, slot);
  }
  ScheduleStage(slot);
  const Announcements& announce = q.config->announcements;
  if (announce.every_ms > 0 && announce.first_ms > 0) ScheduleAnnouncement(slot, announce.first_ms);
  Emit(CallQueued{c.id, queue, q.waiting});
  if (announce.every_ms > 0 && announce.first_ms == 0) OnAnnounce(slot);  // at once
  pending_calls_.push_back(slot);
  RunDueRules(slot);  // rules at 0 ms (join-empty and the like) judge the call now
}

// Refused at the door (join_empty): the caller never enters the queue (no
// CallQueued, not counted as entered or overflowed there) and takes the
// queue's join_empty path, keeping the priority and level it asked for.
void EngineImpl::RefuseJoin(uint32_t slot, QueueId queue, int priority, const SkillExpr& extra) {
  Call& c = calls_[slot];
  c.priority = priority;
  c.directed = false;
  c.answered_here = false;
  const OverflowAction& action = queues_[queue].config->join_empty.action;
  const SkillExpr requirement = extra;  // a copy: the path may add a pool
  Emit(RouteCall{c.id, queue, action.kind, action.queue, RouteCause::kJoinEmpty, -1,
                 action.target});
  TakePath(slot, action, requirement);
}

void EngineImpl::ScheduleStage(uint32_t slot) {
  Call& c = calls_[slot];
  const std::vector<TimeMs>& delays = queues_[c.queue].delays_ms;
  if (static_cast<size_t>(c.stage) + 1 < delays.size()) {
    c.stage_timer =
        timers_.Add(now_ms_, c.enqueued_ms + delays[c.stage + 1], TimerKind::kStage, slot);
  }
}

void EngineImpl::ApplyOverflow(uint32_t slot, const OverflowAction& action, RouteCause cause,
                               int rule, const SkillExpr* extra) {
  Call& c = calls_[slot];
  // A copy: the move may add a pool to the vector the requirement is in.
  const SkillExpr requirement = extra != nullptr ? *extra : Requirement(c);
  ++queues_[c.queue].overflowed;
  RemoveWaiting(slot);
  LeaveQueue(slot);
  Emit(RouteCall{c.id, c.queue, action.kind, action.queue, cause, rule, action.target});
  TakePath(slot, action, requirement);
}

void EngineImpl::TakePath(uint32_t slot, const OverflowAction& action,
                          const SkillExpr& requirement) {
  Call& c = calls_[slot];
  switch (action.kind) {
    case OverflowKind::kQueue:
      EnqueueCall(slot, action.queue, c.priority, c.min_level, requirement);
      return;
    case OverflowKind::kCallback:
      RememberCapture(slot, action, requirement);
      EndCall(slot, Disposition::kCallbackCaptured, CancelReason::kCallMoved);
      return;
    case OverflowKind::kVoicemail:
      EndCall(slot, Disposition::kVoicemail, CancelReason::kCallMoved);
      return;
    case OverflowKind::kReject:
      EndCall(slot, Disposition::kRejected, CancelReason::kCallMoved);
      return;
    case OverflowKind::kNone:  // refused by ValidateCenter where it could fire
    case OverflowKind::kExternal:
    case OverflowKind::kDisconnect:
      EndCall(slot, Disposition::kOverflowed, CancelReason::kCallMoved);
      return;
  }
}

void EngineImpl::EndCall(uint32_t slot, Disposition disposition, CancelReason reason,
                         EndedBy by, bool wrapup) {
  UnlinkConsult(slot);
  Call& c = calls_[slot];
  if (c.state == CallState::kOffered) {
    timers_.Cancel(c.ring_timer);
    const absl::InlinedVector<uint32_t, 1> ringing = c.ringing;
    for (uint32_t agent_slot : ringing) ReleaseOffer(slot, agent_slot, reason);
  }
  TimeMs talk_ms = 0;
  AgentId agent = 0;
  if (c.state == CallState::kTalking) {
    talk_ms = now_ms_ - c.answered_ms;
    agent = agents_[c.agent].id;
    ReleaseAgentFromCall(slot, wrapup);
  } else if (c.state == CallState::kDialing && c.agent != kNoSlot) {
    ReleaseAgentFromCall(slot, /*wrapup=*/false);  // withdrawn mid-dial
  }
  if (c.callback) {
    QueueState& q = queues_[c.queue];
    --q.callbacks_pending;
    if (disposition == Disposition::kCallbackCompleted) ++q.callbacks_completed;
    if (disposition == Disposition::kCallbackFailed ||
        disposition == Disposition::kCallbackExpired) {
      ++q.callbacks_failed;
    }
    CallbackInfo& info = callbacks_.at(slot);
    timers_.Cancel(info.hold_timer);
    timers_.Cancel(info.expiry_timer);
    callbacks_.erase(slot);
  }
  RemoveWaiting(slot);
  LeaveQueue(slot);
  if (c.queued && (disposition == Disposition::kAbandonedInQueue ||
                   disposition == Disposition::kAbandonedRinging)) {
    ++queues_[c.queue].abandoned;
    if (center_.resume_place_ms > 0) RememberPlace(slot);
  }
  const bool answered = disposition == Disposition::kAnswered ||
                        disposition == Disposition::kCallbackCompleted ||
                        disposition == Disposition::kOutbound || disposition == Disposition::kConsult;
  if (answered && c.queued && agent != 0) {
    // The estimated wait follows the last ~20 handle times of the queue.
    QueueState& q = queues_[c.queue];
    const double handle_ms = static_cast<double>(talk_ms + q.config->wrapup_ms);
    q.aht_ms += (handle_ms - q.aht_ms) / 20.0;
  }
  // Arrival to the first answer (not to a transfer's), or to the end.
  const TimeMs answered_at = c.first_answered_ms != kNotAnswered ? c.first_answered_ms : c.answered_ms;
  const TimeMs wait_ms = (answered ? answered_at : now_ms_) - c.arrived_ms;
  SetCallState(slot, CallState::kEnded);
  ++counts_.by_disposition[static_cast<int>(disposition)];
  Emit(CallEnded{c.id, disposition, c.queued, c.queue, agent, wait_ms, talk_ms, c.hold_ms,
                 agent != 0 ? by : EndedBy::kUnknown});
  ended_calls_.Insert(c.id, disposition);
  if (keep_attributes_) attributes_[slot] = CallAttributes{};
  live_calls_.erase(c.id);
  if (last_call_.id == c.id) last_call_ = {};
  c = Call{};
  free_call_slots_.push_back(slot);
}

}  // namespace acd::core
