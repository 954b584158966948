// Agent events and the agent side of the index: availability, tiers, keys.
#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::Status EngineImpl::CheckAgent(AgentId id, const Agent** agent) const {
  if (id == 0) return absl::InvalidArgumentError("agent: 0 is not a valid agent id");
  *agent = FindAgent(id);
  if (*agent == nullptr) {
    return absl::NotFoundError(absl::StrCat("agent: ", id, " is not in the roster"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckSkills(const char* field, const SkillList& skills,
                                     bool require_unique) const {
  for (size_t i = 0; i < skills.size(); ++i) {
    const SkillLevel& s = skills[i];
    if (s.skill >= center_.skills.size()) {
      return absl::NotFoundError(absl::StrCat(field, "[", i, "].skill: ", s.skill,
                                              " does not exist (the center has ",
                                              center_.skills.size(), " skills)"));
    }
    if (s.level < kMinLevel || s.level > kMaxLevel) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, "[", i, "].level: ", s.level, " is outside 1..10"));
    }
    for (size_t j = 0; require_unique && j < i; ++j) {
      if (skills[j].skill == s.skill) {
        return absl::InvalidArgumentError(absl::StrCat(
            field, "[", i, "].skill: '", center_.skills[s.skill], "' is listed twice"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const AgentLogin& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (a->presence != Presence::kLoggedOut) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", e.agent, " is already logged in"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const AgentLogout& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (a->presence == Presence::kLoggedOut) {
    return absl::FailedPreconditionError(absl::StrCat("agent: ", e.agent, " is not logged in"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const AgentReady& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (e.queue) {
    const AgentMembership* m;
    if (absl::Status s = CheckQueuePause(*a, e.agent, *e.queue, &m); !s.ok()) return s;
    if (m->paused == NotReadyReason::kNone) {
      return absl::FailedPreconditionError(absl::StrCat(
          "queue: agent ", e.agent, " is not paused in queue '", qcfg(*e.queue).name, "'"));
    }
    return absl::OkStatus();
  }
  if (a->presence == Presence::kLoggedOut) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", e.agent, " is logged out; log in first"));
  }
  bool paused_here = false;  // in one queue: ready everywhere ends it
  for (const AgentMembership& m : a->memberships) {
    paused_here = paused_here || m.paused != NotReadyReason::kNone;
  }
  if (a->presence == Presence::kReady && !a->in_wrapup && !paused_here) {
    return absl::FailedPreconditionError(absl::StrCat("agent: ", e.agent, " is already ready"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const AgentNotReady& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (e.reason == NotReadyReason::kNone) {
    return absl::InvalidArgumentError("reason: a not-ready reason is required");
  }
  if (!KnowsLabel(center_.labels, e.reason)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "reason: ", static_cast<int>(e.reason), " is not a not-ready reason of this center"));
  }
  if (e.queue) {
    const AgentMembership* m;
    if (absl::Status s = CheckQueuePause(*a, e.agent, *e.queue, &m); !s.ok()) return s;
    if (m->paused == e.reason) {
      return absl::FailedPreconditionError(
          absl::StrCat("queue: agent ", e.agent, " is already paused in queue '",
                       qcfg(*e.queue).name, "' (", LabelName(center_.labels, e.reason), ")"));
    }
    return absl::OkStatus();
  }
  if (a->presence == Presence::kLoggedOut) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", e.agent, " is logged out; log in first"));
  }
  if (a->presence == Presence::kNotReady && a->reason == e.reason) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", e.agent, " is already not ready (", LabelName(center_.labels, e.reason), ")"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const AgentSetSkills& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  return CheckSkills("skills", SkillList(e.skills.begin(), e.skills.end()), true);
}

void EngineImpl::SetPresence(uint32_t slot, Presence p, NotReadyReason reason) {
  // A pause everywhere or a logout covers the pauses in one queue (25).
  if (p != Presence::kReady) ClearQueuePauses(slot);
  Agent& a = agents_[slot];
  if ((a.presence == Presence::kLoggedOut) != (p == Presence::kLoggedOut)) {
    const int delta = p == Presence::kLoggedOut ? -1 : 1;
    for (const AgentMembership& m : a.memberships) {
      QueueState& q = queues_[m.queue];
      const bool ignored = IgnoresDelays(q);
      q.logged_in += delta;
      q.class_logged_in[m.delay_class] += delta;
      // Fewer members than the threshold, or (skip_empty_delays) the last
      // logged-in member of a delay class left: later delays' members may
      // take calls now; have the available ones look again (rare,
      // O(members)).
      const bool emptied = q.skip_empty_delays && q.class_logged_in[m.delay_class] == 0 &&
                           m.delay_class + 1u < q.delays_ms.size();
      if ((IgnoresDelays(q) && !ignored) || emptied) {
        for (uint32_t member : q.members) {
          if (agents_[member].filed) pending_agents_.push_back(member);
        }
      }
    }
  }
  if ((a.presence == Presence::kReady) != (p == Presence::kReady)) {
    const int delta = p == Presence::kReady ? 1 : -1;
    for (const AgentMembership& m : a.memberships) queues_[m.queue].working += delta;
  }
  if (p != Presence::kReady && a.presence == Presence::kReady) a.misses_in_row = 0;
  if (p == Presence::kReady && a.presence != Presence::kReady) {
    a.idle_since_ms = now_ms_;
    a.calls_since_ready = 0;  // FreeSWITCH resets them when the agent becomes available
    a.talk_ms_since_ready = 0;
  }
  a.presence = p;
  a.reason = p == Presence::kNotReady ? reason : NotReadyReason::kNone;
  if (p != Presence::kReady) ReleaseOwnedCalls(slot);  // no waiting for an absent seller
}

void EngineImpl::DoEvent(const AgentLogin& e) {
  const uint32_t slot = AgentSlot(e.agent);
  agents_[slot].misses_in_row = 0;
  SetPresence(slot, e.ready ? Presence::kReady : Presence::kNotReady,
              NotReadyReason::kUnspecified);
  RefreshAgent(slot);
  Drain();
}

void EngineImpl::DoEvent(const AgentLogout& e) {
  const uint32_t slot = AgentSlot(e.agent);
  Agent& a = agents_[slot];
  SetPresence(slot, Presence::kLoggedOut, NotReadyReason::kNone);
  timers_.Cancel(a.wrapup_timer);
  EndWrapUp(a);
  RefreshAgent(slot);
  CancelAgentOffers(slot, CancelReason::kAgentUnavailable);
  Drain();
}

void EngineImpl::DoEvent(const AgentReady& e) {
  const uint32_t slot = AgentSlot(e.agent);
  if (e.queue) return DoQueuePause(slot, *e.queue, NotReadyReason::kNone);
  ClearQueuePauses(slot);  // ready everywhere (Asterisk: unpaused in all its queues)
  Agent& a = agents_[slot];
  if (a.in_wrapup) {
    timers_.Cancel(a.wrapup_timer);
    // Idle since the call's end already for its other queues.
    if (a.wrapup_queue == kNoQueue) a.idle_since_ms = now_ms_;
    EndWrapUp(a);
  }
  SetPresence(slot, Presence::kReady, NotReadyReason::kNone);
  RefreshAgent(slot);
  Drain();
}

void EngineImpl::DoEvent(const AgentNotReady& e) {
  const uint32_t slot = AgentSlot(e.agent);
  if (e.queue) return DoQueuePause(slot, *e.queue, e.reason);
  SetPresence(slot, Presence::kNotReady, e.reason);
  RefreshAgent(slot);
  CancelAgentOffers(slot, CancelReason::kAgentUnavailable);
  Drain();
}

void EngineImpl::DoEvent(const AgentSetSkills& e) {
  const uint32_t slot = AgentSlot(e.agent);
  Agent& a = agents_[slot];
  UnindexAgent(slot);
  a.skills.assign(e.skills.begin(), e.skills.end());
  std::sort(a.skills.begin(), a.skills.end(),
            [](const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; });
  if (count_joins_) {
    CountJoin(slot, -1);  // counted under the old tiers
    CacheMemberships(a);
    CountJoin(slot, +1);
    LeaveCheckAfterChange(slot);
  } else {
    CacheMemberships(a);
  }
  ReleaseOwnedCalls(slot);  // they may no longer qualify
  RefreshAgent(slot);
  Drain();
}

int EngineImpl::TierFor(const Agent& a, const AgentMembership& m) const {
  const QueueConfig& q = qcfg(m.queue);
  if (!q.has_skill) return m.level;
  for (const SkillLevel& s : a.skills) {
    if (s.skill == q.skill) return s.level;
  }
  return a.all_skills_level;
}

AgentKey EngineImpl::KeyFor(uint32_t slot, const Agent& a, const AgentMembership& m) {
  QueueState& q = queues_[m.queue];
  if (q.counters_here_only) return HereKeyFor(slot, a, m);  // this queue's calls alone
  switch (q.strategy) {
    case Strategy::kLeastCalls:
      return AgentKey{m.key.order,
                      q.counters_since_ready ? a.calls_since_ready : a.calls_today,
                      a.idle_since_ms, slot};
    case Strategy::kLeastTalkTime:
      return AgentKey{m.key.order,
                      q.counters_since_ready ? a.talk_ms_since_ready : a.talk_ms_today,
                      a.idle_since_ms, slot};
    case Strategy::kRoundRobin:
    case Strategy::kFixedOrder:
      return AgentKey{m.key.order, m.position, 0, slot};
    case Strategy::kRandom:
    case Strategy::kWeightedRandom:
      // Nothing to order: each decision draws (ReadyIndex::Draw, DrawWeight).
      return AgentKey{0, 0, 0, slot};
    case Strategy::kBestSkillScore:
      // Highest score first (smaller keys win), then the longest idle.
      return AgentKey{m.key.order, -SkillScore(q.config->skill_weights, a.skills, a.all_skills_level),
                      a.idle_since_ms,
                      slot};
    case Strategy::kLongestIdle:
    case Strategy::kHighestProficiency:
    case Strategy::kRingAll:
      break;
  }
  return AgentKey{m.key.order, a.idle_since_ms, 0, slot};
}

int64_t OrderKeyFor(const QueueConfig& q, const AgentConfig& a) {
  if (q.order_by.empty()) return 0;
  for (const AgentAttribute& attr : a.attributes) {
    if (attr.name == q.order_by) return q.order_descending ? -attr.value : attr.value;
  }
  return INT64_MAX;  // without it: after every agent with it, either way
}

void EngineImpl::CacheMemberships(Agent& a) const {
  for (AgentMembership& m : a.memberships) {
    m.tier = static_cast<uint8_t>(TierFor(a, m));
    const auto& pools = queues_[m.queue].pools;
    m.pools = 0;
    for (size_t p = 0; p < pools.size(); ++p) {
      if (MatchesExtra(a, pools[p].extra)) m.pools |= static_cast<uint16_t>(1u << p);
    }
  }
}

// A member's share of a random queue's draws: 1 for random; for weighted
// random its weight in 1/1024ths, at least 1 and at most 2^32 (weights
// from about 0.001 to 4 million keep their ratios).
namespace {
uint64_t DrawWeight(Strategy strategy, double weight) {
  if (strategy != Strategy::kWeightedRandom) return 1;
  const double fixed = std::round(weight * 1024.0);
  if (!(fixed >= 1.0)) return 1;
  return fixed > 4294967296.0 ? 4294967296ULL : static_cast<uint64_t>(fixed);
}
}  // namespace

// A pool is compacted when its stale entries outnumber its live ones by
// this many: the work is amortised over the inserts that made them.
constexpr size_t kStaleSlack = 8;

void EngineImpl::IndexAgent(uint32_t slot, const std::vector<std::optional<AgentKey>>* keys) {
  Agent& a = agents_[slot];
  a.filed = true;
  const uint32_t gen = ++file_gens_[slot];  // odd: filed
  for (size_t i = 0; i < a.memberships.size(); ++i) {
    AgentMembership& m = a.memberships[i];
    if (!Serves(a, m)) {
      m.key.gen = 0;  // even: never the filing generation (UnindexAgent)
      continue;
    }
    QueueState& q = queues_[m.queue];
    const int64_t order = m.key.order;  // a restored key carries none: the center gives it
    m.key = keys != nullptr && (*keys)[i] ? *(*keys)[i] : KeyFor(slot, a, m);
    m.key.order = order;
    m.key.gen = gen;
    for (uint32_t bits = m.pools; bits != 0; bits &= bits - 1) {
      const int p = __builtin_ctz(bits);
      ReadyIndex& ready = q.pools[p].ready;
      if (q.drawn) {
        ready.Insert(m.delay_class, m.tier, m.key, MemberIndexOf(q, slot),
                     DrawWeight(q.strategy, m.weight));
      } else {
        ready.Insert(m.delay_class, m.tier, m.key);
      }
      if (ready.entries() > 2 * size_t{++q.filed[p]} + kStaleSlack) ready.Compact(file_gens_);
    }
    ++q.available;  // pool 0 (no extra skills) always matches
  }
}

void EngineImpl::UnindexAgent(uint32_t slot) {
  Agent& a = agents_[slot];
  if (!a.filed) return;
  a.filed = false;
  const uint32_t gen = file_gens_[slot];  // this filing's generation
  for (const AgentMembership& m : a.memberships) {
    // Filed through this membership: it carries the filing generation (the
    // agent's state may have changed since, so Serves may not tell).
    if (m.key.gen != gen) continue;
    QueueState& q = queues_[m.queue];
    for (uint32_t bits = m.pools; bits != 0; bits &= bits - 1) {
      const int p = __builtin_ctz(bits);
      --q.filed[p];
      // A drawn index holds no stale entry: a draw sees only who is available.
      if (q.drawn) q.pools[p].ready.EraseDrawn(m.delay_class, m.tier, MemberIndexOf(q, slot));
    }
    --q.available;
  }
  // Even: not filed. After 2^32 filings the counter wraps and old stale
  // entries could look live again: erase them all first.
  if (++file_gens_[slot] == 0) PurgeStale(slot);
}

void EngineImpl::PurgeStale(uint32_t slot) {
  for (const AgentMembership& m : agents_[slot].memberships) {
    for (Pool& pool : queues_[m.queue].pools) pool.ready.Compact(file_gens_);
  }
}

void EngineImpl::RefreshAgent(uint32_t slot) {
  UnindexAgent(slot);
  if (Available(agents_[slot])) {
    IndexAgent(slot);
    pending_agents_.push_back(slot);
  }
  ReportAgent(slot);
}

void EngineImpl::ReportAgent(uint32_t slot) {
  Agent& a = agents_[slot];
  AgentState state = AgentState::kReady;
  NotReadyReason reason = NotReadyReason::kNone;
  if (a.talking > 0) {
    state = AgentState::kTalking;
  } else if (a.offers > 0) {
    state = AgentState::kReserved;
  } else if (a.presence == Presence::kLoggedOut) {
    state = AgentState::kLoggedOut;
  } else if (a.in_wrapup) {
    state = AgentState::kWrapUp;
  } else if (a.presence == Presence::kNotReady) {
    state = AgentState::kNotReady;
    reason = a.reason;
  }
  if (state != a.reported || reason != a.reported_reason) {
    a.reported = state;
    a.reported_reason = reason;
    a.state_since_ms = now_ms_;
    Emit(AgentStateChanged{a.id, state, reason});
  }
  if (count_joins_) UpdateJoinClass(slot);
}

void EngineImpl::CancelAgentOffers(uint32_t slot, CancelReason reason) {
  const absl::InlinedVector<uint32_t, 2> calls = agents_[slot].calls;
  for (uint32_t call_slot : calls) {
    Call& c = calls_[call_slot];
    if (c.state != CallState::kOffered) continue;
    ReleaseOffer(call_slot, slot, reason);
    if (c.ringing.empty()) ReturnToQueue(call_slot);
  }
}

}  // namespace acd::core
