// Read-only views of the state (the state hash is in engine_snapshot.cc).
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::StatusOr<AgentView> EngineImpl::GetAgent(AgentId id) const {
  const Agent* a = FindAgent(id);
  if (a == nullptr) return absl::NotFoundError(absl::StrCat("agent: ", id, " is not in the roster"));
  AgentView v;
  v.id = a->id;
  v.state = a->reported;
  v.reason = a->reported_reason;
  v.load = a->load();
  for (int m = 0; m < kMediaCount; ++m) v.load_by_media[m] = a->media_load[m];
  v.calls_today = a->calls_today;
  v.talk_ms_today = a->talk_ms_today;
  v.calls_since_ready = a->calls_since_ready;
  v.talk_ms_since_ready = a->talk_ms_since_ready;
  v.misses_in_row = a->misses_in_row;
  v.state_since_ms = a->state_since_ms;
  v.outbound_today = a->outbound_today;
  for (const AgentMembership& m : a->memberships) {
    if (m.paused != NotReadyReason::kNone) v.paused_queues.push_back({m.queue, m.paused});
    const bool ended = m.last_end_ms != kNeverEnded;
    v.queue_counters.push_back(
        {m.queue, m.calls_here, m.talk_ms_here, ended, ended ? m.last_end_ms : 0});
  }
  return v;
}

std::vector<AgentView> EngineImpl::AllAgents() const {
  std::vector<AgentView> out;
  out.reserve(agents_.size());
  for (const Agent& a : agents_) out.push_back(*GetAgent(a.id));
  return out;
}

absl::StatusOr<CallView> EngineImpl::GetCall(CallId id) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(id, &c); !s.ok()) return s;
  CallView v;
  v.id = c->id;
  v.state = c->state;
  v.queued = c->queued;
  v.queue = c->queue;
  v.priority = c->priority;
  v.min_level = c->min_level;
  v.max_level = c->max_level;
  v.level_cap = c->level_cap;
  v.arrived_ms = c->arrived_ms;
  v.enqueued_ms = c->enqueued_ms;
  for (uint32_t slot : c->ringing) v.ringing.push_back(agents_[slot].id);
  if (c->agent != kNoSlot) v.agent = agents_[c->agent].id;
  v.outbound = c->outbound;
  v.transfers = c->transfers;
  v.transferring = c->directed;
  if (c->consult != kNoSlot) v.consult = calls_[c->consult].id;
  v.consult_leg = c->consult_leg;
  if (c->state == CallState::kWaiting && c->in_index && !c->owner_window) {
    v.position = PositionOf(CallSlot(id));
  }
  v.on_hold = c->on_hold;
  v.hold_ms = c->hold_ms + (c->on_hold ? now_ms_ - c->hold_since_ms : 0);
  v.callback = c->callback;
  if (c->callback) {
    const CallbackInfo& info = callbacks_.at(static_cast<uint32_t>(c - calls_.data()));
    v.failed_attempts = info.failed_attempts;
    v.held_until_ms = c->held ? info.held_until_ms : 0;
  }
  return v;
}

absl::StatusOr<QueueStats> EngineImpl::GetQueueStats(QueueId id) const {
  if (id >= queues_.size()) {
    return absl::NotFoundError(absl::StrCat("queue: ", id, " does not exist (the center has ",
                                            queues_.size(), " queues)"));
  }
  const QueueState& q = queues_[id];
  QueueStats s;
  s.waiting = q.waiting;
  s.ringing = q.ringing;
  s.talking = q.talking;
  s.entered = q.entered;
  s.answered = q.answered;
  s.abandoned = q.abandoned;
  s.overflowed = q.overflowed;
  s.ring_no_answer = q.rona;
  s.agents_logged_in = q.logged_in;
  s.agents_ready = q.available;
  s.callbacks_pending = q.callbacks_pending;
  s.callbacks_completed = q.callbacks_completed;
  s.callbacks_failed = q.callbacks_failed;
  // Oldest waiting call: a walk over the waiting calls (a query for
  // wallboards, not a routing decision; O(waiting)).
  TimeMs oldest = now_ms_;
  for (const Pool& pool : q.pools) {
    pool.waiting.ForEach([&](int, int, const CallKey& key) {
      oldest = std::min(oldest, calls_[key.call].enqueued_ms);
    });
  }
  for (const auto& [owner, keys] : owned_) {
    for (const CallKey& key : keys) {
      const Call& c = calls_[key.call];
      if (c.queue == id) oldest = std::min(oldest, c.enqueued_ms);
    }
  }
  s.oldest_wait_ms = q.waiting == 0 ? 0 : now_ms_ - oldest;
  return s;
}

size_t EngineImpl::Filings(const Agent& a) const {
  if (!a.filed) return 0;
  size_t n = 0;
  for (const AgentMembership& m : a.memberships) {
    if (Serves(a, m)) n += static_cast<size_t>(__builtin_popcount(m.pools));
  }
  return n;
}

}  // namespace acd::core
