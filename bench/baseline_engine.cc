// BaselineEngine: construction, the event entry point, checks and events.
#include "bench/baseline_engine.h"

#include <algorithm>
#include <string>
#include <variant>

#include "absl/strings/str_cat.h"

namespace acd::bench {
namespace {

bool BySkill(const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; }

}  // namespace

absl::Status BaselineEngine::CheckSupported(const CenterConfig& center) {
  if (absl::Status s = ValidateCenter(center); !s.ok()) return s;
  for (size_t q = 0; q < center.queues.size(); ++q) {
    const QueueConfig& c = center.queues[q];
    if (c.strategy == Strategy::kRandom || c.strategy == Strategy::kWeightedRandom ||
        c.strategy == Strategy::kRingAll) {
      return absl::UnimplementedError(
          absl::StrCat("queues[", q, "].strategy: ", std::string(ToString(c.strategy)),
                       " not in baselines"));
    }
    if (c.max_wait_ms > 0 || c.on_full.kind == OverflowKind::kQueue) {
      return absl::UnimplementedError(absl::StrCat("queues[", q, "]: overflow not in baselines"));
    }
  }
  for (size_t i = 0; i < center.agents.size(); ++i) {
    for (const Membership& m : center.agents[i].queues) {
      if (m.delay_ms != 0) {
        return absl::UnimplementedError(absl::StrCat("agents[", i, "]: delays not in baselines"));
      }
    }
  }
  return absl::OkStatus();
}

BaselineEngine::BaselineEngine(const CenterConfig& center, CommandSink* sink)
    : center_(center),
      sink_(sink),
      ended_calls_(center.ended_calls_window),
      seen_events_(center.dedupe_window) {
  queues_.resize(center_.queues.size());
  for (size_t q = 0; q < queues_.size(); ++q) queues_[q].config = &center_.queues[q];
  agents_.resize(center_.agents.size());
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    const AgentConfig& cfg = center_.agents[slot];
    Agent& a = agents_[slot];
    a.id = cfg.id;
    a.capacity = cfg.capacity;
    a.skills.assign(cfg.skills.begin(), cfg.skills.end());
    std::sort(a.skills.begin(), a.skills.end(), BySkill);
    agent_slots_.emplace(cfg.id, slot);
    for (const Membership& m : cfg.queues) {
      a.memberships.push_back(AgentMember{m.queue, m.level, m.position});
      queues_[m.queue].members.push_back(slot);
    }
  }
}

absl::Status BaselineEngine::Apply(const Event& event) {
  if (started_ && event.time_ms < now_ms_) {
    return absl::InvalidArgumentError(absl::StrCat("time_ms: ", event.time_ms, " is before ",
                                                   now_ms_));
  }
  if (event.id != 0 && seen_events_.Find(event.id) != nullptr) {
    return absl::AlreadyExistsError(absl::StrCat("event_id: ", event.id, " already applied"));
  }
  if (absl::Status s = Check(event.body); !s.ok()) return s;
  const uint64_t fired_before = timers_fired_;
  if (absl::Status s = Advance(event.time_ms); !s.ok()) return s;
  if (timers_fired_ != fired_before) {
    if (absl::Status s = Check(event.body); !s.ok()) return s;
  }
  Do(event.body);
  if (event.id != 0) seen_events_.Insert(event.id, true);
  return absl::OkStatus();
}

absl::Status BaselineEngine::AdvanceTo(TimeMs time_ms) { return Advance(time_ms); }

absl::Status BaselineEngine::Advance(TimeMs time_ms) {
  if (started_ && time_ms < now_ms_) {
    return absl::InvalidArgumentError(absl::StrCat("time_ms: ", time_ms, " is before ", now_ms_));
  }
  started_ = true;
  while (!timers_.empty() && timers_.begin()->due_ms <= time_ms) {
    const Timer timer = *timers_.begin();
    timers_.erase(timers_.begin());
    now_ms_ = timer.due_ms;
    ++timers_fired_;
    if (timer.kind == TimerKind::kRingTimeout) {
      calls_[timer.target].ring_timer = Timer{};
      OnRingTimeout(timer.target);
    } else {
      agents_[timer.target].wrapup_timer = Timer{};
      OnWrapUpEnd(timer.target);
    }
    Drain();
  }
  now_ms_ = time_ms;
  return absl::OkStatus();
}

absl::Status BaselineEngine::CheckAgent(AgentId id, const Agent** agent) const {
  auto it = agent_slots_.find(id);
  if (id == 0 || it == agent_slots_.end()) {
    return absl::NotFoundError(absl::StrCat("agent: ", id, " is not in the roster"));
  }
  *agent = &agents_[it->second];
  return absl::OkStatus();
}

absl::Status BaselineEngine::CheckLiveCall(CallId id, const Call** call) const {
  auto it = live_calls_.find(id);
  if (it != live_calls_.end()) {
    *call = &calls_[it->second];
    return absl::OkStatus();
  }
  if (ended_calls_.Find(id) != nullptr) {
    return absl::FailedPreconditionError(absl::StrCat("call: ", id, " has already ended"));
  }
  return absl::NotFoundError(absl::StrCat("call: ", id, " is unknown"));
}

absl::Status BaselineEngine::CheckOfferedTo(CallId call, AgentId agent) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(call, &c); !s.ok()) return s;
  const Agent* a;
  if (absl::Status s = CheckAgent(agent, &a); !s.ok()) return s;
  const uint32_t slot = AgentSlot(agent);
  if (c->state != CallState::kOffered ||
      std::find(c->ringing.begin(), c->ringing.end(), slot) == c->ringing.end()) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", agent, " has no offer ringing for call ", call));
  }
  return absl::OkStatus();
}

absl::Status BaselineEngine::CheckEnqueue(const CallEnqueue& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kArrived) {
    return absl::FailedPreconditionError(absl::StrCat("call: ", e.call, " already queued"));
  }
  if (e.queue >= queues_.size()) return absl::NotFoundError("queue: does not exist");
  if (e.min_level < kMinLevel || e.min_level > kMaxLevel) {
    return absl::InvalidArgumentError("min_level: outside 1..10");
  }
  if (e.required_skills.size() > 4) return absl::InvalidArgumentError("required_skills: > 4");
  for (size_t i = 0; i < e.required_skills.size(); ++i) {
    const SkillLevel& s = e.required_skills[i];
    if (s.skill >= center_.skills.size()) return absl::NotFoundError("required_skills: unknown");
    if (s.level < kMinLevel || s.level > kMaxLevel) {
      return absl::InvalidArgumentError("required_skills: level outside 1..10");
    }
    for (size_t j = 0; j < i; ++j) {
      if (e.required_skills[j].skill == s.skill) {
        return absl::InvalidArgumentError("required_skills: listed twice");
      }
    }
  }
  return absl::OkStatus();
}

absl::Status BaselineEngine::Check(const EventBody& body) const {
  const Agent* a = nullptr;
  const Call* c = nullptr;
  switch (body.index()) {
    case 0: {  // AgentLogin
      if (absl::Status s = CheckAgent(std::get<AgentLogin>(body).agent, &a); !s.ok()) return s;
      if (a->presence != Presence::kLoggedOut) return absl::FailedPreconditionError("logged in");
      return absl::OkStatus();
    }
    case 1:    // AgentLogout
    case 3: {  // AgentNotReady
      const AgentId id = body.index() == 1 ? std::get<AgentLogout>(body).agent
                                           : std::get<AgentNotReady>(body).agent;
      if (absl::Status s = CheckAgent(id, &a); !s.ok()) return s;
      if (a->presence == Presence::kLoggedOut) return absl::FailedPreconditionError("logged out");
      if (body.index() == 3) {
        const NotReadyReason r = std::get<AgentNotReady>(body).reason;
        if (r == NotReadyReason::kNone) return absl::InvalidArgumentError("reason: required");
        if (a->presence == Presence::kNotReady && a->reason == r) {
          return absl::FailedPreconditionError("agent: already not ready");
        }
      }
      return absl::OkStatus();
    }
    case 2: {  // AgentReady
      if (absl::Status s = CheckAgent(std::get<AgentReady>(body).agent, &a); !s.ok()) return s;
      if (a->presence == Presence::kLoggedOut) return absl::FailedPreconditionError("logged out");
      if (a->presence == Presence::kReady && !a->in_wrapup) {
        return absl::FailedPreconditionError("agent: already ready");
      }
      return absl::OkStatus();
    }
    case 5: {  // CallArrive
      const CallId id = std::get<CallArrive>(body).call;
      if (id == 0) return absl::InvalidArgumentError("call: 0 is not valid");
      if (live_calls_.contains(id) || ended_calls_.Find(id) != nullptr) {
        return absl::AlreadyExistsError(absl::StrCat("call: ", id, " already exists"));
      }
      if (live_calls_.size() >= center_.max_live_calls) {
        return absl::ResourceExhaustedError("call: live call limit");
      }
      return absl::OkStatus();
    }
    case 6: return CheckEnqueue(std::get<CallEnqueue>(body));
    case 7:
      return CheckOfferedTo(std::get<CallAnswer>(body).call, std::get<CallAnswer>(body).agent);
    case 8:
      return CheckOfferedTo(std::get<CallDecline>(body).call, std::get<CallDecline>(body).agent);
    case 9: return CheckLiveCall(std::get<CallHangup>(body).call, &c);
    case 10: {  // CallEndTalk
      if (absl::Status s = CheckLiveCall(std::get<CallEndTalk>(body).call, &c); !s.ok()) return s;
      if (c->state != CallState::kTalking) return absl::FailedPreconditionError("not connected");
      return absl::OkStatus();
    }
    default:
      return absl::UnimplementedError(
          absl::StrCat(std::string(EventName(body)), ": not used by the benchmark stream"));
  }
}

void BaselineEngine::Do(const EventBody& body) {
  if (body.index() <= 3) {
    DoAgentEvent(body);
  } else {
    DoCallEvent(body);
  }
  Drain();
}

void BaselineEngine::DoAgentEvent(const EventBody& body) {
  if (const AgentLogin* e = std::get_if<AgentLogin>(&body)) {
    const uint32_t slot = AgentSlot(e->agent);
    agents_[slot].misses_in_row = 0;
    SetPresence(slot, e->ready ? Presence::kReady : Presence::kNotReady,
                NotReadyReason::kUnspecified);
    RefreshAgent(slot);
  } else if (const AgentLogout* e = std::get_if<AgentLogout>(&body)) {
    const uint32_t slot = AgentSlot(e->agent);
    SetPresence(slot, Presence::kLoggedOut, NotReadyReason::kNone);
    CancelTimer(agents_[slot].wrapup_timer);
    agents_[slot].in_wrapup = false;
    RefreshAgent(slot);
    CancelAgentOffers(slot, CancelReason::kAgentUnavailable);
  } else if (const AgentReady* e = std::get_if<AgentReady>(&body)) {
    const uint32_t slot = AgentSlot(e->agent);
    Agent& a = agents_[slot];
    if (a.in_wrapup) {
      CancelTimer(a.wrapup_timer);
      a.in_wrapup = false;
      a.idle_since_ms = now_ms_;
    }
    SetPresence(slot, Presence::kReady, NotReadyReason::kNone);
    RefreshAgent(slot);
  } else if (const AgentNotReady* e = std::get_if<AgentNotReady>(&body)) {
    const uint32_t slot = AgentSlot(e->agent);
    SetPresence(slot, Presence::kNotReady, e->reason);
    RefreshAgent(slot);
    CancelAgentOffers(slot, CancelReason::kAgentUnavailable);
  }
}

void BaselineEngine::DoCallEvent(const EventBody& body) {
  if (const CallArrive* e = std::get_if<CallArrive>(&body)) {
    const uint32_t slot = NewCallSlot();
    Call& c = calls_[slot];
    c.id = e->call;
    c.arrived_ms = now_ms_;
    live_calls_.emplace(e->call, slot);
  } else if (const CallEnqueue* e = std::get_if<CallEnqueue>(&body)) {
    EnqueueCall(CallSlot(e->call), *e);
  } else if (const CallAnswer* e = std::get_if<CallAnswer>(&body)) {
    ConnectCall(CallSlot(e->call), AgentSlot(e->agent));
  } else if (const CallDecline* e = std::get_if<CallDecline>(&body)) {
    const uint32_t slot = CallSlot(e->call);
    const uint32_t agent_slot = AgentSlot(e->agent);
    agents_[agent_slot].idle_since_ms = now_ms_;
    ReleaseOffer(slot, agent_slot, CancelReason::kAgentDeclined);
    if (calls_[slot].ringing.empty()) ReturnToQueue(slot);
  } else if (const CallHangup* e = std::get_if<CallHangup>(&body)) {
    const uint32_t slot = CallSlot(e->call);
    switch (calls_[slot].state) {
      case CallState::kArrived:
        EndCall(slot, Disposition::kAbandonedInIvr, CancelReason::kCallerHangup);
        break;
      case CallState::kWaiting:
        EndCall(slot, Disposition::kAbandonedInQueue, CancelReason::kCallerHangup);
        break;
      case CallState::kOffered:
        EndCall(slot, Disposition::kAbandonedRinging, CancelReason::kCallerHangup);
        break;
      default:
        EndCall(slot, Disposition::kAnswered, CancelReason::kCallerHangup);
        break;
    }
  } else if (const CallEndTalk* e = std::get_if<CallEndTalk>(&body)) {
    EndCall(CallSlot(e->call), Disposition::kAnswered, CancelReason::kCallerHangup);
  }
}

void BaselineEngine::SetPresence(uint32_t slot, Presence p, NotReadyReason reason) {
  Agent& a = agents_[slot];
  if (p != Presence::kReady && a.presence == Presence::kReady) a.misses_in_row = 0;
  if (p == Presence::kReady && a.presence != Presence::kReady) a.idle_since_ms = now_ms_;
  a.presence = p;
  a.reason = p == Presence::kNotReady ? reason : NotReadyReason::kNone;
}

void BaselineEngine::RefreshAgent(uint32_t slot) {
  OnAgentRefreshed(slot);
  if (Available(agents_[slot])) pending_agents_.push_back(slot);
  ReportAgent(slot);
}

void BaselineEngine::ReportAgent(uint32_t slot) {
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
  if (state == a.reported && reason == a.reported_reason) return;
  a.reported = state;
  a.reported_reason = reason;
  Emit(AgentStateChanged{a.id, state, reason});
}

void BaselineEngine::CancelAgentOffers(uint32_t slot, CancelReason reason) {
  const absl::InlinedVector<uint32_t, 2> calls = agents_[slot].calls;
  for (uint32_t call_slot : calls) {
    Call& c = calls_[call_slot];
    if (c.state != CallState::kOffered) continue;
    ReleaseOffer(call_slot, slot, reason);
    if (c.ringing.empty()) ReturnToQueue(call_slot);
  }
}

}  // namespace acd::bench
