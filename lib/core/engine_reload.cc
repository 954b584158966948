// Live reload, second half: the fresh engine built for the new center takes
// the old one's live state (agents, calls, timers, the windows it
// remembers), then carries out what the change takes. PlanReload has found
// nothing in the way, so nothing here can fail.
//
// The rules (also in acd/engine.h):
// - Agents keep their state, today's figures and running wrap-up or rest;
//   an agent whose configuration changed gets the new file's skills and
//   loses the offers ringing on their phone (cancelled, the calls go back
//   to the head of their line); otherwise skills set at run time stay. A
//   removed agent is logged out (their offers cancelled).
// - Calls keep their queue, place, priority, requirement and running ring.
//   Where the queue's maximum wait, rules, announcements or member delays
//   changed, the calls' timers for them are re-derived from the new
//   settings as if they had applied since the call entered the queue: what
//   is already due is judged at once (rules, maximum wait). But where the
//   new center's queue has keep_rules_at_entry, its callers keep the rules
//   they followed (a kept book, renumbered: KeepBook) and their rule timers.
// - Waiting calls of a removed queue go down on_queue_removed; its
//   callbacks (and open captures) move to that queue when it takes them.
// - Every timer that stays keeps its due time and creation order, so a
//   reload to an identical center changes nothing (same StateHash, same
//   commands afterwards).
#include <algorithm>

#include "core/engine_impl.h"
#include "core/engine_reload.h"

namespace acd::core {
namespace {

bool IsQueueTimer(TimerKind kind) {
  return kind == TimerKind::kMaxWait || kind == TimerKind::kStage || kind == TimerKind::kRule ||
         kind == TimerKind::kAnnounce || kind == TimerKind::kOwnerWindow;
}

}  // namespace

void ReloadAdopter::AdoptState(EngineImpl& old, const ReloadPlan& plan) {
  e_.rng_ = old.rng_;
  e_.now_ms_ = old.now_ms_;
  e_.event_time_ms_ = old.event_time_ms_;
  e_.started_ = old.started_;
  e_.enqueue_seq_ = old.enqueue_seq_;
  e_.timers_fired_ = old.timers_fired_;
  e_.counts_ = old.counts_;
  e_.work_ = old.work_;
  ReloadWork work;
  work.queue_from.assign(e_.queues_.size(), kNoQueue);
  work.delays_same.assign(e_.queues_.size(), false);
  for (size_t i = 0; i < old.queues_.size(); ++i) {
    if (plan.queue_to[i] == kNoQueue) continue;
    const QueueState& from = old.queues_[i];
    QueueState& to = e_.queues_[plan.queue_to[i]];
    work.queue_from[plan.queue_to[i]] = static_cast<QueueId>(i);
    work.delays_same[plan.queue_to[i]] = from.delays_ms == to.delays_ms;
    to.rr_last = from.rr_last;
    to.race_clock = from.race_clock;
    to.aht_ms = from.aht_ms;
    to.entered = from.entered;
    to.answered = from.answered;
    to.abandoned = from.abandoned;
    to.overflowed = from.overflowed;
    to.rona = from.rona;
    to.callbacks_completed = from.callbacks_completed;
    to.callbacks_failed = from.callbacks_failed;
  }
  AdoptAgents(old, plan);
  e_.RecountJoins();  // the adopted states, before anything asks
  AdoptCalls(old, plan, work);
  AdoptTimers(old, plan, work);
  AdoptMemory(old, plan);
  e_.RebuildLatestLines();  // before the settling places anyone
  FileAdoptedAgents();
  e_.RecountJoins();  // and as filed
  SettleAfterReload(old, plan, work);
  if (e_.check_invariants_) e_.AssertInvariants();
}

void ReloadAdopter::AdoptAgents(const EngineImpl& old, const ReloadPlan& plan) {
  for (uint32_t o = 0; o < old.agents_.size(); ++o) {
    if (plan.agent_to[o] == kNoSlot) continue;
    const Agent& from = old.agents_[o];
    Agent& a = e_.agents_[plan.agent_to[o]];
    a.idle_since_ms = from.idle_since_ms;
    a.talk_ms_today = from.talk_ms_today;
    a.state_since_ms = from.state_since_ms;
    a.offers = from.offers;
    a.talking = from.talking;
    a.calls_today = from.calls_today;
    a.calls_since_ready = from.calls_since_ready;
    a.talk_ms_since_ready = from.talk_ms_since_ready;
    a.misses_in_row = from.misses_in_row;
    a.outbound_today = from.outbound_today;
    a.presence = from.presence;
    a.reason = from.reason;
    a.in_wrapup = from.in_wrapup;
    // A wrap-up for a queue the reload removes keeps the agent from every
    // queue for the rest of it (the engine keeps no wrap-up for no queue).
    a.wrapup_queue = from.wrapup_queue == kNoQueue ? kNoQueue : plan.queue_to[from.wrapup_queue];
    a.resting = from.resting;
    a.outside_call = from.outside_call;
    a.reported = from.reported;
    a.reported_reason = from.reported_reason;
    a.calls = from.calls;  // call slots do not change
    a.media_load = from.media_load;  // nor their media
    if (plan.agent_same[o]) {  // skills set at run time stay
      a.skills.clear();
      for (const SkillLevel& s : from.skills) {
        const SkillId skill = plan.skill_to[s.skill];
        if (skill != kNoSkill) a.skills.push_back({skill, s.level});
      }
      std::sort(a.skills.begin(), a.skills.end(),
                [](const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; });
    }
    AdoptLevels(old, o, plan, a);
    AdoptPauses(old, o, plan, a);
    AdoptHereCounters(old, o, plan, a);
    for (const AgentMembership& m : a.memberships) {
      QueueState& q = e_.queues_[m.queue];
      q.logged_in += a.presence != Presence::kLoggedOut;
      q.class_logged_in[m.delay_class] += a.presence != Presence::kLoggedOut;
      q.working += a.presence == Presence::kReady;
    }
  }
  // The old queues' pools, in their order, so that pool numbers come out as
  // before; PoolFor sets the members' pool bits.
  for (uint32_t q = 0; q < old.queues_.size(); ++q) {
    if (plan.queue_to[q] == kNoQueue) continue;
    QueueState& to = e_.queues_[plan.queue_to[q]];
    for (size_t p = 1; p < old.queues_[q].pools.size(); ++p) {
      std::optional<SkillExpr> extra = plan.Remap(old.queues_[q].pools[p].extra);
      if (extra && e_.HasPoolFor(to, *extra)) e_.PoolFor(to, *extra);
    }
  }
  for (Agent& a : e_.agents_) e_.CacheMemberships(a);
}

void ReloadAdopter::AdoptCalls(EngineImpl& old, const ReloadPlan& plan, ReloadWork& work) {
  e_.calls_ = std::move(old.calls_);
  e_.free_call_slots_ = std::move(old.free_call_slots_);
  e_.live_calls_ = std::move(old.live_calls_);
  e_.callbacks_ = std::move(old.callbacks_);
  if (e_.keep_attributes_) {
    e_.attributes_ = old.keep_attributes_ ? std::move(old.attributes_)
                                       : std::vector<CallAttributes>(e_.calls_.size());
  }
  std::vector<uint32_t> slots;
  for (const auto& [id, slot] : e_.live_calls_) slots.push_back(slot);
  std::sort(slots.begin(), slots.end());
  work.rules_restarted.assign(e_.calls_.size(), false);
  for (uint32_t slot : slots) {
    Call& c = e_.calls_[slot];
    c.ring_timer = c.progress_timer = c.max_wait_timer = c.stage_timer = TimerRef{};
    c.rule_timer = c.announce_timer = c.owner_timer = TimerRef{};
    if (c.agent != kNoSlot) c.agent = plan.agent_to[c.agent];
    for (size_t i = 0; i < c.ringing.size();) {
      const uint32_t to = plan.agent_to[c.ringing[i]];
      if (to == kNoSlot) {  // a removed agent: the offer is withdrawn later
        work.cancelled.emplace_back(slot, old.agents_[c.ringing[i]].id);
        c.ringing.erase(c.ringing.begin() + static_cast<ptrdiff_t>(i));
        c.rung_ms.erase(c.rung_ms.begin() + static_cast<ptrdiff_t>(i));
      } else {
        c.ringing[i++] = to;
      }
    }
    if (c.callback) {
      CallbackInfo& info = e_.callbacks_.at(slot);
      info.hold_timer = info.expiry_timer = TimerRef{};
      info.policy_queue = plan.CallbackQueue(info.policy_queue);
    }
    c.in_index = false;
    if (!c.queued) continue;
    const QueueId old_queue = c.queue;
    const bool holds_book = HoldsBook(c);
    const RuleBook& old_book = old.BookOf(c);
    const SkillExpr requirement = *plan.Remap(old.queues_[old_queue].pools[c.pool].extra);
    const QueueId guest = c.guest_queue == kNoQueue ? kNoQueue : plan.queue_to[c.guest_queue];
    c.guest_queue = kNoQueue;
    if (guest != kNoQueue && e_.FindPool(e_.queues_[guest], requirement) >= 0) {
      c.guest_queue = guest;
      c.guest_pool = static_cast<uint16_t>(e_.FindPool(e_.queues_[guest], requirement));
    }
    if (c.owner_window && e_.AgentSlot(c.owner_agent) == kNoSlot) c.owner_window = false;
    const bool removed = plan.queue_to[old_queue] == kNoQueue;
    if (removed && !c.callback) {  // waiting (PlanReload): routed later
      c.queued = false;
      c.queue = 0;
      c.owner_window = false;
      c.guest_queue = kNoQueue;
      work.routed.emplace_back(slot, requirement);
      continue;
    }
    if (removed) work.moved_callbacks.push_back(slot);  // waiting, to callbacks_to
    c.queue = plan.CallbackQueue(old_queue);
    QueueState& q = e_.queues_[c.queue];
    const int pool = e_.FindPool(q, requirement);
    c.pool = pool >= 0 ? static_cast<uint16_t>(pool) : e_.PoolFor(q, requirement);
    // A caller who keeps the rules it entered with: its book, in the new
    // ids (a callback has none: nobody is on the line).
    // Otherwise, where the rules changed, the new ones, as if always in
    // force (a recurring rule's past times standing as one).
    const bool rules_same = plan.queue_change[old_queue].rules_same;
    const bool keeps = rules_same || q.config->keep_rules_at_entry;
    const uint16_t had = c.book;
    bool restart = !rules_same && !c.callback;
    c.book = kQueueBook;
    if (holds_book && keeps && (had != kQueueBook || !rules_same)) {
      c.book = KeepBook(old_book, c.queue, plan, work);
      restart = c.book == kQueueBook;  // no room for another book: the queue's
    } else if (!holds_book && keeps) {
      restart = false;  // no rule to come, and none comes
    }
    if (restart) {
      e_.StartRules(slot, e_.now_ms_ - RulesFromMs(c, q.book));
      c.route_due = -1;
      work.rules_restarted[slot] = true;
    }
    // The delay stage follows new member delays (a callback is always at
    // the last); a connected call's stage no longer matters.
    const std::vector<TimeMs>& delays = q.delays_ms;
    const bool in_line = c.state == CallState::kWaiting || c.state == CallState::kOffered;
    if ((removed || !work.delays_same[c.queue]) && in_line) {
      const auto stage = std::upper_bound(delays.begin(), delays.end(),
                                          e_.now_ms_ - c.enqueued_ms) - delays.begin() - 1;
      c.stage = static_cast<uint8_t>(c.callback ? delays.size() - 1 : static_cast<size_t>(stage));
    }
    c.stage = c.callback ? static_cast<uint8_t>(delays.size() - 1)
                         : std::min<uint8_t>(c.stage, static_cast<uint8_t>(delays.size() - 1));
    if (c.callback) ++q.callbacks_pending;
    if (c.state == CallState::kOffered) ++q.ringing;
    if (c.state == CallState::kTalking || c.state == CallState::kDialing) ++q.talking;
    if (c.state == CallState::kWaiting && !c.held) e_.InsertWaiting(slot);
  }
}

void ReloadAdopter::AdoptTimers(const EngineImpl& old, const ReloadPlan& plan, ReloadWork& work) {
  for (const Timer& t : old.timers_.Live()) {
    Timer timer = t;
    TimerRef* ref = nullptr;
    if (t.kind == TimerKind::kWrapUpEnd || t.kind == TimerKind::kAgentRest) {
      timer.target = plan.agent_to[t.target];
      if (timer.target == kNoSlot) continue;  // a removed agent
      Agent& a = e_.agents_[timer.target];
      ref = t.kind == TimerKind::kWrapUpEnd ? &a.wrapup_timer : &a.rest_timer;
      *ref = e_.timers_.Restore(e_.now_ms_, timer);
      continue;
    }
    Call& c = e_.calls_[t.target];
    // A queue that no longer rings progressively adds no agent to a ring.
    if (t.kind == TimerKind::kProgress && e_.qcfg(c.queue).progressive_ring_ms == 0) continue;
    if (IsQueueTimer(t.kind)) {
      if (!c.queued) continue;  // its queue was removed
      const QueueChange& change = plan.queue_change[work.queue_from[c.queue]];
      if ((t.kind == TimerKind::kMaxWait && !change.max_wait_same) ||
          (t.kind == TimerKind::kRule && work.rules_restarted[t.target]) ||
          (t.kind == TimerKind::kAnnounce && !change.announcements_same) ||
          (t.kind == TimerKind::kStage && !work.delays_same[c.queue]) ||
          (t.kind == TimerKind::kOwnerWindow && !c.owner_window)) {
        continue;  // re-derived below
      }
    }
    switch (t.kind) {
      case TimerKind::kRingTimeout: ref = &c.ring_timer; break;
      case TimerKind::kProgress: ref = &c.progress_timer; break;
      case TimerKind::kOwnerWindow: ref = &c.owner_timer; break;
      case TimerKind::kMaxWait: ref = &c.max_wait_timer; break;
      case TimerKind::kStage: ref = &c.stage_timer; break;
      case TimerKind::kRule: ref = &c.rule_timer; break;
      case TimerKind::kAnnounce: ref = &c.announce_timer; break;
      case TimerKind::kCallbackHold: ref = &e_.callbacks_.at(t.target).hold_timer; break;
      case TimerKind::kCallbackExpiry: ref = &e_.callbacks_.at(t.target).expiry_timer; break;
      case TimerKind::kWrapUpEnd:
      case TimerKind::kAgentRest: continue;  // above
    }
    *ref = e_.timers_.Restore(e_.now_ms_, timer);
  }
  e_.timers_.ReserveSeqsBelow(old.timers_.next_seq());
  std::vector<uint32_t> slots;
  for (const auto& [id, slot] : e_.live_calls_) slots.push_back(slot);
  std::sort(slots.begin(), slots.end());
  for (uint32_t slot : slots) RederiveQueueTimers(slot, plan, work);
}

void ReloadAdopter::RederiveQueueTimers(uint32_t slot, const ReloadPlan& plan, ReloadWork& work) {
  Call& c = e_.calls_[slot];
  const bool in_line = c.state == CallState::kWaiting || c.state == CallState::kOffered;
  // A transfer ringing at a colleague has no queue timers: they start
  // again if it comes back into line (RequeueTransferred).
  if (!c.queued || c.callback || !in_line || c.directed) return;
  const QueueState& q = e_.queues_[c.queue];
  const QueueConfig& cfg = *q.config;
  const QueueChange& change = plan.queue_change[work.queue_from[c.queue]];
  if (!change.max_wait_same && cfg.max_wait_ms > 0 && !c.overflow_due) {
    const TimeMs due_ms = c.enqueued_ms + cfg.max_wait_ms;
    if (due_ms > e_.now_ms_) {
      c.max_wait_timer = e_.timers_.AddAt(e_.now_ms_, due_ms, TimerKind::kMaxWait, slot);
    } else {
      work.due_max_wait.push_back({slot, c.id, c.queue, c.enqueued_ms});
    }
  }
  // A ring the old setting let run past max wait is cut now if the queue
  // now cuts rings (the new setting, as if always in force).
  if (c.overflow_due && c.state == CallState::kOffered && cfg.max_wait_cuts_ring) {
    work.due_max_wait.push_back({slot, c.id, c.queue, c.enqueued_ms});
  }
  if (!work.delays_same[c.queue] && static_cast<size_t>(c.stage) + 1 < q.delays_ms.size()) {
    c.stage_timer = e_.timers_.AddAt(e_.now_ms_, c.enqueued_ms + q.delays_ms[c.stage + 1],
                                  TimerKind::kStage, slot);
  }
  if (work.rules_restarted[slot] && c.next_rule != kNoRule) {
    const TimeMs due_ms = RulesFromMs(c, q.book) + c.next_rule_ms;
    if (due_ms > e_.now_ms_) {
      c.rule_timer = e_.timers_.AddAt(e_.now_ms_, due_ms, TimerKind::kRule, slot);
    } else {
      work.due_rules.push_back({slot, c.id, c.queue, c.enqueued_ms});
    }
  }
  if (!change.announcements_same && cfg.announcements.every_ms > 0) {
    const TimeMs first_ms = c.enqueued_ms + cfg.announcements.first_ms;
    const TimeMs due_ms = cfg.announcements.first_ms > 0 && first_ms > e_.now_ms_
                              ? first_ms
                              : e_.now_ms_ + cfg.announcements.every_ms;
    c.announce_timer = e_.timers_.AddAt(e_.now_ms_, due_ms, TimerKind::kAnnounce, slot);
  }
}

}  // namespace acd::core
