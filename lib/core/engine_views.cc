// Read-only views of the state and the state hash.
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {
namespace {

// Order-independent hashing: each entity is folded into one 64-bit value by
// a strong mixer, and entity values are summed, so hash-map iteration order
// never matters.
class Fold {
 public:
  explicit Fold(uint64_t tag) : h_(tag * 0x9e3779b97f4a7c15ULL) {}
  Fold& Add(uint64_t v) {
    uint64_t s = h_ ^ v;
    h_ = SplitMix64(s);
    return *this;
  }
  Fold& AddSigned(int64_t v) { return Add(static_cast<uint64_t>(v)); }
  Fold& AddText(const std::string& text) {
    uint64_t fnv = 0xcbf29ce484222325ULL;
    for (unsigned char ch : text) fnv = (fnv ^ ch) * 0x100000001b3ULL;
    return Add(fnv).Add(text.size());
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_;
};

}  // namespace

absl::StatusOr<AgentView> EngineImpl::GetAgent(AgentId id) const {
  const Agent* a = FindAgent(id);
  if (a == nullptr) return absl::NotFoundError(absl::StrCat("agent: ", id, " is not in the roster"));
  AgentView v;
  v.id = a->id;
  v.state = a->reported;
  v.reason = a->reported_reason;
  v.load = a->load();
  v.calls_today = a->calls_today;
  v.talk_ms_today = a->talk_ms_today;
  v.misses_in_row = a->misses_in_row;
  v.state_since_ms = a->state_since_ms;
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
  v.arrived_ms = c->arrived_ms;
  v.enqueued_ms = c->enqueued_ms;
  for (uint32_t slot : c->ringing) v.ringing.push_back(agents_[slot].id);
  if (c->agent != kNoSlot) v.agent = agents_[c->agent].id;
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

uint64_t EngineImpl::StateHash() const {
  uint64_t sum = Fold(1).AddSigned(now_ms_).Add(started_).Add(enqueue_seq_)
                     .Add(timers_.next_seq()).Add(timers_.size()).value();
  for (int i = 0; i < 4; ++i) sum += Fold(2).Add(i).Add(rng_.state()[i]).value();
  for (const Agent& a : agents_) {
    Fold f(3);
    f.Add(a.id).Add(static_cast<uint64_t>(a.presence)).Add(static_cast<uint64_t>(a.reason))
        .Add(a.in_wrapup).Add(timers_.SeqOf(a.wrapup_timer)).Add(a.offers).Add(a.talking)
        .AddSigned(a.idle_since_ms).Add(a.calls_today).AddSigned(a.talk_ms_today)
        .Add(a.misses_in_row).Add(static_cast<uint64_t>(a.reported)).AddSigned(a.state_since_ms)
        .Add(Filings(a)).Add(a.resting).Add(timers_.SeqOf(a.rest_timer)).Add(a.outside_call);
    for (uint32_t c : a.calls) f.Add(calls_[c].id);
    for (const SkillLevel& s : a.skills) f.Add(s.skill).AddSigned(s.level);
    sum += f.value();
  }
  for (const auto& [id, slot] : live_calls_) {
    const Call& c = calls_[slot];
    Fold f(4);
    f.Add(c.id).Add(static_cast<uint64_t>(c.state)).Add(c.queued).Add(c.queue).Add(c.pool)
        .Add(c.stage).AddSigned(c.priority).AddSigned(c.min_level).Add(c.key.seq)
        .AddSigned(c.arrived_ms).AddSigned(c.enqueued_ms).AddSigned(c.answered_ms)
        .AddSigned(c.line_ms)
        .Add(timers_.SeqOf(c.ring_timer)).Add(timers_.SeqOf(c.max_wait_timer))
        .Add(timers_.SeqOf(c.stage_timer)).Add(timers_.SeqOf(c.rule_timer))
        .Add(timers_.SeqOf(c.announce_timer)).Add(c.next_rule).Add(c.announced_position)
        .Add(timers_.SeqOf(c.owner_timer)).Add(c.owner_window)
        .Add(timers_.SeqOf(c.progress_timer)).AddSigned(c.ring_due_ms)
        .Add(c.guest_queue).Add(c.guest_pool)
        .Add(c.overflow_due).AddSigned(c.route_due).Add(c.in_index)
        .Add(c.agent == kNoSlot ? 0 : agents_[c.agent].id);
    for (uint32_t a : c.ringing) f.Add(agents_[a].id);
    for (TimeMs t : c.rung_ms) f.AddSigned(t);
    if (c.queued) {
      const SkillExpr& extra = Requirement(c);
      for (size_t i = 0; i < extra.alternatives(); ++i) {
        for (const SkillTerm& t : extra.alternative(i)) f.Add(t.skill).Add(t.levels);
        f.Add(UINT32_MAX);  // end of a conjunction
      }
    }
    if (c.callback) {
      const CallbackInfo& cb = callbacks_.at(slot);
      f.Add(c.held).Add(cb.failed_attempts).AddSigned(cb.held_until_ms)
          .Add(timers_.SeqOf(cb.hold_timer)).Add(timers_.SeqOf(cb.expiry_timer))
          .Add(cb.from_call).Add(cb.policy_queue).AddText(cb.number).AddSigned(cb.window_to_ms);
    }
    if (keep_attributes_) {
      const CallAttributes& at = attributes_[slot];
      f.AddText(at.ani).AddText(at.dnis).AddText(at.digits).AddText(at.language)
          .AddText(at.marketing_source).Add(static_cast<uint64_t>(at.intent)).Add(at.vip)
          .Add(at.returning).Add(at.internal).Add(at.owner_agent);
    }
    sum += f.value();
  }
  for (size_t i = 0; i < queues_.size(); ++i) {
    const QueueState& q = queues_[i];
    sum += Fold(5).Add(i).AddSigned(q.rr_last).AddSigned(q.race_clock).Add(q.pools.size())
               .Add(q.entered).Add(q.answered).Add(q.abandoned).Add(q.overflowed).Add(q.rona)
               .AddSigned(static_cast<int64_t>(q.aht_ms * 1000)).Add(q.callbacks_pending)
               .Add(q.callbacks_completed).Add(q.callbacks_failed).value();
  }
  sum += Fold(11).Add(capture_expiry_.size()).value();
  for (const auto& [id, cap] : captures_) {
    Fold f(10);
    f.Add(id).Add(cap.wait_queue).Add(cap.policy_queue).Add(cap.enabled).Add(cap.callback)
        .AddSigned(cap.priority).AddSigned(cap.min_level).Add(cap.seq).AddSigned(cap.line_ms)
        .AddSigned(cap.until_ms);
    for (size_t i = 0; i < cap.extra.alternatives(); ++i) {
      for (const SkillTerm& t : cap.extra.alternative(i)) f.Add(t.skill).Add(t.levels);
      f.Add(UINT32_MAX);  // end of a conjunction
    }
    sum += f.value();
  }
  ended_calls_.ForEach([&](uint64_t id, Disposition d) {
    sum += Fold(6).Add(id).Add(static_cast<uint64_t>(d)).value();
  });
  seen_events_.ForEach([&](uint64_t id, bool) { sum += Fold(7).Add(id).value(); });
  sum += Fold(9).Add(left_expiry_.size()).value();
  for (const auto& [ani, place] : left_places_) {
    sum += Fold(8).AddText(ani).Add(place.queue).Add(place.seq).AddSigned(place.line_ms)
               .AddSigned(place.until_ms).value();
  }
  return sum;
}

}  // namespace acd::core
