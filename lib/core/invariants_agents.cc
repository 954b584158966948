// InvariantChecker (core/invariant_checker.h): agents and their filing,
// the counts, join and class counts, timers and work conservation.
#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/invariant_checker.h"

namespace acd::core {

void InvariantChecker::CheckAgents() {
  for (uint32_t slot = 0; slot < e_.agents_.size(); ++slot) {
    const Agent& a = e_.agents_[slot];
    if (a.offers + a.talking != a.calls.size()) Fail("agent ", a.id, " load does not match its calls");
    if (a.load() > a.capacity) Fail("(2) agent ", a.id, " holds ", a.load(), " calls, capacity ", a.capacity);
    if (a.offers > 0 && (a.presence != Presence::kReady ||
                         (a.in_wrapup && a.wrapup_queue == kNoQueue))) {
      Fail("(2) agent ", a.id, " has an offer while unavailable");
    }
    if (a.wrapup_queue != kNoQueue && (!a.in_wrapup || a.wrapup_queue >= e_.queues_.size())) {
      Fail("(24) agent ", a.id, " keeps a wrap-up queue ", a.wrapup_queue, " out of wrap-up");
    }
    for (uint32_t call_slot : a.calls) {
      const Call& c = e_.calls_[call_slot];
      const bool rings = std::count(c.ringing.begin(), c.ringing.end(), slot) == 1;
      if (rings && a.in_wrapup && a.wrapup_queue == c.queue &&
          c.guest_queue == kNoQueue) {
        Fail("(24) agent ", a.id, " is offered call ", c.id, " of queue ",
             e_.qcfg(c.queue).name, " whose wrap-up it is in");
      }
      const AgentMembership* home = MembershipOf(a, c.queue);
      if (rings && !c.directed && c.guest_queue == kNoQueue && home != nullptr &&
          home->paused != NotReadyReason::kNone) {
        Fail("(26) agent ", a.id, " is offered call ", c.id, " of queue ",
             e_.qcfg(c.queue).name, " it is paused in");
      }
    }
    for (const AgentMembership& m : a.memberships) {
      // (25) A pause in one queue: a ready agent's, with a reason of the center.
      if (m.paused != NotReadyReason::kNone &&
          (a.presence != Presence::kReady || !KnowsLabel(e_.center_.labels, m.paused))) {
        Fail("(25) agent ", a.id, " is paused in queue ", e_.qcfg(m.queue).name,
             " while not ready everywhere or logged out, or with an unknown reason");
      }
    }
    if (a.in_wrapup != a.wrapup_timer.scheduled()) Fail("(8) agent ", a.id, " wrap-up timer does not match");
    if (a.resting != a.rest_timer.scheduled()) Fail("(8) agent ", a.id, " rest timer does not match");
    for (uint32_t call_slot : a.calls) {
      const Call& c = e_.calls_[call_slot];
      const bool rings = std::count(c.ringing.begin(), c.ringing.end(), slot) == 1;
      if (!e_.live_calls_.contains(c.id) || (!rings && c.agent != slot)) {
        Fail("(5) agent ", a.id, " holds a call that does not hold it");
      }
    }
    if (a.calls_since_ready > a.calls_today || a.talk_ms_since_ready > a.talk_ms_today ||
        a.talk_ms_since_ready < 0) {
      Fail("(19) agent ", a.id, " counts ", a.calls_since_ready, " calls, ",
           a.talk_ms_since_ready, " ms since ready, more than the day's ", a.calls_today,
           " calls, ", a.talk_ms_today, " ms");
    }
    CheckAgentIndex(slot, a);
    CheckUniversal(slot, a);
    CheckHereCounters(slot, a);
    CheckChannels(slot, a);
  }
}

void InvariantChecker::CheckHereCounters(uint32_t slot, const Agent& a) {
  uint64_t calls = 0;
  TimeMs talk_ms = 0;
  for (const AgentMembership& m : a.memberships) {
    const QueueConfig& q = e_.qcfg(m.queue);
    calls += m.calls_here;
    talk_ms += m.talk_ms_here;
    if (m.talk_ms_here < 0 || m.last_end_ms > e_.now_ms_) {
      Fail("(29) agent ", a.id, " counts ", m.talk_ms_here, " ms of talk in queue ", q.name,
           ", the last ending at ", m.last_end_ms, " (now ", e_.now_ms_, ")");
    }
    // (30) Filed through this membership: by its counter of this queue.
    if (q.counters_here_only && a.filed && m.key.gen == e_.file_gens_[slot] &&
        m.key.a != EngineImpl::HereCounter(q.strategy, m)) {
      Fail("(30) agent ", a.id, " is filed in queue ", q.name, " under ", m.key.a,
           ", its counter of that queue's calls is ", EngineImpl::HereCounter(q.strategy, m));
    }
  }
  if (calls > a.calls_today || talk_ms > a.talk_ms_today) {
    Fail("(29) agent ", a.id, " counts ", calls, " calls and ", talk_ms, " ms in its queues, "
         "more than the day's ", a.calls_today, " calls, ", a.talk_ms_today, " ms");
  }
}

void InvariantChecker::CheckUniversal(uint32_t slot, const Agent& a) {
  const AgentConfig& cfg = e_.center_.agents[slot];
  if (a.all_skills_level != cfg.all_skills_level) {
    Fail("(27) agent ", a.id, " holds every skill at ", int{a.all_skills_level},
         ", its center says ", cfg.all_skills_level);
  }
  if (a.all_skills_level == 0) return;
  if (a.memberships.size() != cfg.queues.size()) Fail("(27) agent ", a.id, " has memberships its center does not give");
  // Written out: the listed skills, then every other one at the level.
  Agent listing = a;
  listing.all_skills_level = 0;
  for (SkillId s = 0; s < e_.center_.skills.size(); ++s) {
    const bool listed = std::any_of(a.skills.begin(), a.skills.end(),
                                    [s](const SkillLevel& l) { return l.skill == s; });
    if (!listed) listing.skills.push_back({s, a.all_skills_level});
  }
  for (const AgentMembership& m : a.memberships) {
    const QueueState& q = e_.queues_[m.queue];
    if (m.tier != e_.TierFor(listing, m)) {
      Fail("(27) agent ", a.id, " is filed at tier ", int{m.tier}, " in queue ", q.config->name,
           ", its skills written out give ", e_.TierFor(listing, m));
    }
    for (size_t p = 0; p < q.pools.size(); ++p) {
      if (MatchesExtra(listing, q.pools[p].extra) != ((m.pools >> p) & 1)) {
        Fail("(27) agent ", a.id, " matches pool ", p, " of queue ", q.config->name,
             " otherwise than its skills written out");
      }
    }
  }
}

void InvariantChecker::CheckAgentIndex(uint32_t slot, const Agent& a) {
  if (a.filed != Available(a)) Fail("agent ", a.id, " filed=", a.filed, " but available=", Available(a));
  if (a.filed != ((e_.file_gens_[slot] & 1) != 0)) Fail("agent ", a.id, " filing generation does not match");
  for (const AgentMembership& m : a.memberships) {
    const QueueState& q = e_.queues_[m.queue];
    if (m.paused != NotReadyReason::kNone && m.key.gen == e_.file_gens_[slot] && a.filed) {
      Fail("(26) agent ", a.id, " is filed in queue ", q.config->name, " it is paused in");
    }
    if (a.in_wrapup && a.wrapup_queue == m.queue && m.key.gen == e_.file_gens_[slot] && a.filed) {
      Fail("(24) agent ", a.id, " is filed in queue ", q.config->name,
           " while in a wrap-up for that queue alone");
    }
    if (m.tier != e_.TierFor(a, m)) Fail("agent ", a.id, " caches tier ", int{m.tier}, " for queue ", q.config->name);
    // (23) Run-time levels stay in 1..10, and only where the queue takes one.
    if (m.level < kMinLevel || m.level > kMaxLevel) {
      Fail("(23) agent ", a.id, " has level ", m.level, " in queue ", q.config->name);
    }
    if (!e_.TakesLevel(m.queue)) {
      for (const Membership& cfg : e_.center_.agents[slot].queues) {
        if (cfg.queue == m.queue && cfg.level != m.level) {
          Fail("(23) agent ", a.id, " has run-time level ", m.level, " in queue ",
               q.config->name, ", whose level comes from a skill");
        }
      }
    }
    if (m.key.order != OrderKeyFor(*q.config, e_.center_.agents[slot])) {
      Fail("(22) agent ", a.id, " is ordered by ", m.key.order, " in queue ", q.config->name,
           ", its order_by value is ", OrderKeyFor(*q.config, e_.center_.agents[slot]));
    }
    for (size_t p = 0; p < q.pools.size(); ++p) {
      const bool matches = MatchesExtra(a, q.pools[p].extra);
      if (matches != ((m.pools >> p) & 1)) Fail("agent ", a.id, " caches a wrong skill match for pool ", p, " of queue ", q.config->name);
      if (!a.filed || !e_.Serves(a, m) || !matches) continue;
      if (m.key.agent != slot || !q.pools[p].ready.Contains(m.delay_class, m.tier, m.key, MemberIndexOf(q, slot))) {
        Fail("agent ", a.id, " is missing from a ready index");
      }
    }
    if (m.pools >> q.pools.size() != 0) Fail("agent ", a.id, " matches a pool that does not exist");
  }
}

void InvariantChecker::CheckCounts() {
  CallCounts n;
  std::vector<uint32_t> waiting(e_.queues_.size()), ringing(e_.queues_.size()), talking(e_.queues_.size());
  std::vector<uint32_t> guests(e_.queues_.size()), working(e_.queues_.size()), owned(e_.queues_.size());
  std::vector<uint32_t> callbacks_in_line(e_.queues_.size()), callbacks(e_.queues_.size());
  for (const auto& [slot, info] : e_.callbacks_) ++callbacks[e_.calls_[slot].queue];
  for (const Agent& a : e_.agents_) {
    for (const AgentMembership& m : a.memberships) working[m.queue] += a.presence == Presence::kReady;
  }
  for (const auto& [id, slot] : e_.live_calls_) {
    const Call& c = e_.calls_[slot];
    switch (c.state) {
      case CallState::kArrived: ++n.in_ivr; break;
      case CallState::kWaiting:
        ++n.waiting;
        if (c.held) break;
        ++waiting[c.queue];
        callbacks_in_line[c.queue] += c.callback;
        if (c.guest_queue != kNoQueue && !c.owner_window) ++guests[c.guest_queue];
        owned[c.queue] += c.owner_window;
        break;
      case CallState::kOffered: ++n.offered; ++ringing[c.queue]; break;
      case CallState::kTalking:
        ++n.talking;
        if (c.queued) ++talking[c.queue];  // a call in no queue has no queue to count in
        break;
      case CallState::kDialing: ++n.dialing; ++talking[c.queue]; break;
      case CallState::kEnded: break;
    }
  }
  const CallCounts& k = e_.counts_;
  if (n.in_ivr != k.in_ivr || n.waiting != k.waiting || n.offered != k.offered ||
      n.dialing != k.dialing || n.talking != k.talking) {
    Fail("(3) call counts do not match the live calls");
  }
  uint64_t by_disposition = 0;
  for (uint64_t d : k.by_disposition) by_disposition += d;
  if (k.by_disposition[0] != 0) Fail("(3) a call ended without a disposition");
  if (by_disposition != k.ended) Fail("(3) ended ", k.ended, " but dispositions sum to ", by_disposition);
  if (k.arrived + k.callbacks + k.outbound + k.consults != k.in_ivr + k.waiting + k.offered + k.dialing + k.talking + k.ended) {
    Fail("(3) arrived + callbacks + outbound + consults != live + ended");
  }
  if (e_.capture_expiry_.size() > e_.center_.ended_calls_window || e_.captures_.size() > e_.capture_expiry_.size()) {
    Fail("(10) more callback captures remembered than the bound");
  }
  if (e_.live_calls_.size() > e_.center_.max_live_calls) Fail("(10) more live calls than the bound");
  if (e_.left_expiry_.size() > e_.center_.ended_calls_window || e_.left_places_.size() > e_.left_expiry_.size()) {
    Fail("(10) more places remembered than the bound");
  }
  for (size_t q = 0; q < e_.queues_.size(); ++q) {
    const QueueState& s = e_.queues_[q];
    size_t indexed = 0;
    size_t guest_entries = 0;
    bool consistent = true;
    for (const Pool& p : s.pools) {
      indexed += p.waiting.size();
      consistent = consistent && p.waiting.Consistent();
      for (const GuestCalls& g : p.guests) {
        guest_entries += g.waiting.size();
        consistent = consistent && g.waiting.Consistent();
      }
    }
    if (!consistent) Fail("(3) queue ", s.config->name, " has a waiting index whose counts or bits disagree with its sets");
    if (s.waiting != waiting[q] || indexed + owned[q] != waiting[q] || guest_entries != guests[q] || s.guests != guests[q] ||
        s.ringing != ringing[q] || s.talking != talking[q] || s.working != working[q]) {
      Fail("(3) queue ", s.config->name, " counters do not match its calls: waiting ", s.waiting,
           "/", waiting[q], " indexed ", indexed, "+", owned[q], " guests ", s.guests, "/",
           guest_entries, "/", guests[q], " ringing ", s.ringing, "/", ringing[q], " talking ",
           s.talking, "/", talking[q], " working ", s.working, "/", working[q]);
    }
    if (s.callbacks_pending != callbacks[q]) Fail("(3) queue ", s.config->name, " counts ", s.callbacks_pending, " callbacks, holds ", callbacks[q]);
    if (s.waiting - callbacks_in_line[q] > s.config->max_length) Fail("(10) queue ", s.config->name, " holds more than max_length");
    if (s.filed[0] != s.available) Fail("queue ", s.config->name, " counts ", s.available, " available agents but ", s.filed[0], " filed");
    for (size_t p = 0; p < s.pools.size(); ++p) {
      if (s.pools[p].ready.CountLive(e_.file_gens_) != s.filed[p]) Fail("queue ", s.config->name, " pool ", p, " live entries do not match its filed count");
      // A draw sees only who is available: a drawn index holds no stale entry.
      if (s.drawn && s.pools[p].ready.entries() != s.filed[p]) Fail("(13) queue ", s.config->name, " pool ", p, " draws among agents who are not available");
    }
  }
}

// (14) The members of a queue that refuses joins or leaves when empty
// are counted by class and tier exactly as they are.
void InvariantChecker::CheckJoinCounts() {
  for (size_t q = 0; q < e_.queues_.size(); ++q) {
    const QueueState& s = e_.queues_[q];
    const bool counted = (s.config->join_empty.factors | LeaveFactors(s.config->leave_when_empty)) != 0;
    if (counted != !s.join_counts.empty()) {
      Fail("(14) queue ", s.config->name, " keeps join counts iff it refuses joins or leaves when empty");
    }
  }
  std::vector<std::vector<uint32_t>> counts(e_.queues_.size());
  for (size_t q = 0; q < e_.queues_.size(); ++q) counts[q].assign(e_.queues_[q].join_counts.size(), 0);
  for (const Agent& a : e_.agents_) {
    if (!e_.count_joins_) break;
    if (a.join_class != JoinClassOf(a) || a.join_wrapup_queue != a.wrapup_queue) {
      Fail("(14) agent ", a.id, " is counted in a stale join class");
    }
    for (const AgentMembership& m : a.memberships) {
      const uint8_t cls = JoinClassHere(JoinClassOf(a), a.wrapup_queue, m);
      if (!counts[m.queue].empty()) ++counts[m.queue][JoinIndex(cls, m.tier)];
    }
  }
  for (size_t q = 0; q < e_.queues_.size(); ++q) {
    if (counts[q] != e_.queues_[q].join_counts) Fail("(14) queue ", e_.queues_[q].config->name, " join counts do not match its members");
  }
}

// (20) No caller on the line waits in a queue that is empty for it under
// the queue's leave_when_empty factors (its minimum level under penalty).
void InvariantChecker::CheckNoneWaitInEmpty() {
  for (size_t q = 0; q < e_.queues_.size(); ++q) {
    const QueueState& s = e_.queues_[q];
    const uint8_t factors = LeaveFactors(s.config->leave_when_empty);
    if (factors == 0 || s.waiting == 0) continue;
    for (const Pool& pool : s.pools) {
      pool.waiting.ForEach([&](int, int, const CallKey& key) {
        const Call& c = e_.calls_[key.call];
        if (c.callback || c.queue != q || !EmptyFor(s, factors, LevelsIn(s, c))) {
          return;
        }
        Fail("(20) call ", c.id, " waits in queue ", s.config->name,
             " which is empty for it (leave_when_empty)");
      });
    }
  }
}

// (17) Each queue's logged-in members, in all and by delay class, are
// counted exactly as they are (skip_empty_delays reads the classes).
void InvariantChecker::CheckClassCounts() {
  std::vector<std::array<uint32_t, kMaxDelayClasses>> by_class(e_.queues_.size());
  std::vector<uint32_t> logged_in(e_.queues_.size());
  for (const Agent& a : e_.agents_) {
    if (a.presence == Presence::kLoggedOut) continue;
    for (const AgentMembership& m : a.memberships) {
      ++logged_in[m.queue];
      ++by_class[m.queue][m.delay_class];
    }
  }
  for (size_t q = 0; q < e_.queues_.size(); ++q) {
    const QueueState& s = e_.queues_[q];
    if (s.logged_in != logged_in[q] || s.class_logged_in != by_class[q]) {
      Fail("(17) queue ", s.config->name, " counts ", s.logged_in, " members logged in (by delay class: ",
           absl::StrJoin(s.class_logged_in, ","), "), holds ", logged_in[q], " (",
           absl::StrJoin(by_class[q], ","), ")");
    }
  }
}

void InvariantChecker::CheckTimers() {
  size_t handles = 0;
  auto check = [&](const TimerRef& t, TimerKind kind, uint32_t target) {
    if (!t.scheduled()) return;
    ++handles;
    const Timer* scheduled = e_.timers_.Find(t);
    if (scheduled == nullptr || scheduled->kind != kind || scheduled->target != target) {
      Fail("(8) a timer held by an entity is not scheduled");
      return;
    }
    if (scheduled->due_ms < e_.now_ms_) Fail("(8) a timer is overdue");
  };
  for (const auto& [id, slot] : e_.live_calls_) {
    const Call& c = e_.calls_[slot];
    check(c.ring_timer, TimerKind::kRingTimeout, slot);
    check(c.max_wait_timer, TimerKind::kMaxWait, slot);
    check(c.stage_timer, TimerKind::kStage, slot);
    check(c.rule_timer, TimerKind::kRule, slot);
    check(c.announce_timer, TimerKind::kAnnounce, slot);
    check(c.owner_timer, TimerKind::kOwnerWindow, slot);
    check(c.progress_timer, TimerKind::kProgress, slot);
    if (c.callback) {
      check(e_.callbacks_.at(slot).hold_timer, TimerKind::kCallbackHold, slot);
      check(e_.callbacks_.at(slot).expiry_timer, TimerKind::kCallbackExpiry, slot);
    }
  }
  for (uint32_t slot = 0; slot < e_.agents_.size(); ++slot) {
    check(e_.agents_[slot].wrapup_timer, TimerKind::kWrapUpEnd, slot);
    check(e_.agents_[slot].rest_timer, TimerKind::kAgentRest, slot);
  }
  if (handles != e_.timers_.size()) Fail("(8) ", e_.timers_.size(), " timers scheduled, ", handles, " held");
}

// (6) No available agent may take a waiting call. Checked by brute force,
// independently of the indexes.
void InvariantChecker::CheckWorkConservation() {
  for (const auto& [id, slot] : e_.live_calls_) {
    const Call& c = e_.calls_[slot];
    if (c.state != CallState::kWaiting || c.held) continue;
    const QueueState& q = e_.queues_[c.queue];
    for (const Agent& a : e_.agents_) {
      if (!Available(a) || !MatchesExtra(a, e_.Requirement(c))) continue;
      if (c.owner_window && a.id != c.owner_agent) continue;  // reserved for the owner
      for (const AgentMembership& m : a.memberships) {
        const bool home = m.queue == c.queue;
        if (!home && m.queue != c.guest_queue) continue;
        const int tier = e_.TierFor(a, m);
        if (!LevelsIn(e_.queues_[m.queue], c).Allows(tier) || !e_.Serves(a, m)) continue;
        // The stage its time in line reached, past empty classes (skip_empty_delays).
        const int timed = static_cast<int>(std::upper_bound(q.delays_ms.begin(), q.delays_ms.end(), e_.now_ms_ - c.enqueued_ms) - q.delays_ms.begin()) - 1;
        if (home && !c.callback && !IgnoresDelays(q) && m.delay_class > SkipEmptyFrom(q, timed)) continue;
        Fail("(6) agent ", a.id, " is ready while call ", c.id, " waits in queue ", q.config->name);
      }
    }
  }
}

}  // namespace acd::core
