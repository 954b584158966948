// Call events: checks, then the steps that carry them out.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {
namespace {

bool IsTerminalRoute(Disposition d) {
  return d == Disposition::kOverflowed || d == Disposition::kCallbackCaptured ||
         d == Disposition::kVoicemail || d == Disposition::kRejected;
}

}  // namespace

absl::Status EngineImpl::CheckLiveCall(CallId id, const Call** call) const {
  if (id == 0) return absl::InvalidArgumentError("call: 0 is not a valid call id");
  auto it = live_calls_.find(id);
  if (it != live_calls_.end()) {
    *call = &calls_[it->second];
    last_call_ = {id, it->second};  // the step that follows needs the slot again
    return absl::OkStatus();
  }
  if (const Disposition* d = ended_calls_.Find(id)) {
    return absl::FailedPreconditionError(
        absl::StrCat("call: ", id, " has already ended (", NameOf(*d), ")"));
  }
  return absl::NotFoundError(absl::StrCat("call: ", id, " is unknown"));
}

absl::Status EngineImpl::CheckQueueTarget(QueueId queue, int priority, const Call& call,
                                          const SkillExpr& extra, const char* field) const {
  if (queue >= queues_.size()) {
    return absl::NotFoundError(absl::StrCat("queue: ", queue, " does not exist (the center has ",
                                            queues_.size(), " queues)"));
  }
  if (priority < -kMaxPriority || priority > kMaxPriority) {
    return absl::InvalidArgumentError(
        absl::StrCat("priority: ", priority, " is outside -1000..1000"));
  }
  const QueueState& q = queues_[queue];
  if (call.media_fixed && call.media != q.config->media) {
    return absl::FailedPreconditionError(absl::StrCat(
        "queue: '", q.config->name, "' takes ", NameOf(q.config->media), " calls; call ", call.id,
        " is a ", NameOf(call.media), " call (a call keeps its media)"));
  }
  if (FindPool(q, extra) < 0 && q.pools.size() >= kMaxPoolsPerQueue) {
    return absl::ResourceExhaustedError(
        absl::StrCat(field, ": queue '", q.config->name, "' already routes ",
                     kMaxPoolsPerQueue, " distinct skill requirements"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SkillExpr> EngineImpl::Requirement(absl::Span<const SkillLevel> required,
                                                  const SkillExpr& expr) const {
  const SkillExpr all = SkillExpr::AllOf(required);
  if (expr.always()) return all;
  for (const SkillTerm& t : expr.terms()) {
    if (t.skill >= center_.skills.size()) {
      return absl::NotFoundError(absl::StrCat("skills_expr: skill ", t.skill,
                                              " does not exist (the center has ",
                                              center_.skills.size(), " skills)"));
    }
  }
  absl::StatusOr<SkillExpr> both = SkillExpr::And(all, expr);
  if (!both.ok()) return absl::ResourceExhaustedError(both.status().message());
  if (both->never()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "skills_expr: no agent can ever meet '", expr.ToString(center_.skills), "'",
        required.empty() ? "" : " together with required_skills"));
  }
  return both;
}

absl::Status EngineImpl::CheckEvent(const CallArrive& e) const {
  if (e.call == 0) return absl::InvalidArgumentError("call: 0 is not a valid call id");
  if (live_calls_.contains(e.call)) {
    return absl::AlreadyExistsError(absl::StrCat("call: ", e.call, " already exists"));
  }
  if (const Disposition* d = ended_calls_.Find(e.call)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "call: ", e.call, " already ended (", NameOf(*d), "); call ids are not reused"));
  }
  if (live_calls_.size() >= center_.max_live_calls) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "call: the engine already holds its limit of ", center_.max_live_calls, " live calls"));
  }
  if (!KnowsLabel(center_.labels, e.attributes.intent)) {
    return absl::InvalidArgumentError(absl::StrCat("attributes.intent: ",
                                                   static_cast<int>(e.attributes.intent),
                                                   " is not an intent of this center"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const CallEnqueue& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kArrived) {
    return absl::FailedPreconditionError(
        absl::StrCat("call: ", e.call, " is already ", NameOf(c->state),
                     " in a queue; use a transfer to move it"));
  }
  if (e.min_level < kMinLevel || e.min_level > kMaxLevel) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_level: ", e.min_level, " is outside 1..10"));
  }
  if (e.wait_credit_ms < -kMaxWaitCreditMs || e.wait_credit_ms > kMaxWaitCreditMs) {
    return absl::InvalidArgumentError(absl::StrCat("wait_credit_ms: ", e.wait_credit_ms,
                                                   " is outside -", kMaxWaitCreditMs, "..",
                                                   kMaxWaitCreditMs, " (a day either way)"));
  }
  if (e.required_skills.size() > kMaxRequiredSkills) {
    return absl::InvalidArgumentError(absl::StrCat("required_skills: ", e.required_skills.size(),
                                                   " given, at most ", kMaxRequiredSkills));
  }
  if (absl::Status s = CheckSkills("required_skills", e.required_skills, true); !s.ok()) {
    return s;
  }
  const absl::StatusOr<SkillExpr> extra = Requirement(e.required_skills, e.skills_expr);
  if (!extra.ok()) return extra.status();
  return CheckQueueTarget(e.queue, e.priority, *c, *extra,
                          e.skills_expr.always() ? "required_skills" : "skills_expr");
}

absl::Status EngineImpl::CheckEvent(const CallAnswer& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (c->state == CallState::kTalking) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is already answered by agent ", agents_[c->agent].id));
  }
  const uint32_t slot = AgentSlot(e.agent);
  if (c->state != CallState::kOffered ||
      std::find(c->ringing.begin(), c->ringing.end(), slot) == c->ringing.end()) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", e.agent, " has no offer ringing for call ", e.call));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const CallDecline& e) const {
  if (e.reason > DeclineReason::kUnavailable) {
    return absl::InvalidArgumentError(
        absl::StrCat("reason: ", static_cast<int>(e.reason), " is not a decline reason"));
  }
  return CheckEvent(CallAnswer{e.call, e.agent});
}

absl::Status EngineImpl::CheckEvent(const CallHangup& e) const {
  const Call* c;
  return CheckLiveCall(e.call, &c);
}

absl::Status EngineImpl::CheckEvent(const CallEndTalk& e) const {
  if (e.by > EndedBy::kAgent) {
    return absl::InvalidArgumentError(
        absl::StrCat("by: ", static_cast<int>(e.by), " is not caller, agent or unknown"));
  }
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kTalking) {
    return absl::FailedPreconditionError(
        absl::StrCat("call: ", e.call, " is not connected (", NameOf(c->state), ")"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const CallTransfer& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kWaiting && c->state != CallState::kTalking) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is ", NameOf(c->state), "; only waiting or talking calls move"));
  }
  if (c->state == CallState::kWaiting && c->queue == e.queue) {
    return absl::FailedPreconditionError(
        absl::StrCat("queue: call ", e.call, " already waits in queue ", e.queue));
  }
  // The call brings its requirement along: no field of the event, so a
  // target without room for it is the queue's fault ("queue: ...").
  if (absl::Status s = CheckQueueTarget(e.queue, e.priority, *c, Requirement(*c), "queue");
      !s.ok()) {
    return s;
  }
  if (c->callback || c->outbound) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is ", c->callback ? "a callback" : "an outbound call",
        "; it is not transferred"));
  }
  return CheckNotConsulting(*c, "a transfer");
}

absl::Status EngineImpl::CheckEvent(const CallRoute& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (!IsTerminalRoute(e.disposition)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "disposition: '", NameOf(e.disposition), "' is not a terminal route"));
  }
  if (c->callback) {
    return absl::FailedPreconditionError(
        absl::StrCat("call: ", e.call, " is a callback; withdraw it with a hangup"));
  }
  if (c->state == CallState::kTalking) {
    return absl::FailedPreconditionError(
        absl::StrCat("call: ", e.call, " is connected; end the talk instead"));
  }
  return CheckNotConsulting(*c, "a route");
}

void EngineImpl::DoEvent(const CallArrive& e) {
  const uint32_t slot = NewCallSlot();
  Call& c = calls_[slot];
  c.id = e.call;
  c.state = CallState::kArrived;
  c.arrived_ms = now_ms_;
  c.internal = e.attributes.internal;
  c.vip = e.attributes.vip;
  c.owner_agent = e.attributes.owner_agent;
  if (keep_attributes_) attributes_[slot] = e.attributes;
  live_calls_.emplace(e.call, slot);
  ++counts_.arrived;
  ++counts_.in_ivr;
}

void EngineImpl::DoEvent(const CallEnqueue& e) {
  const uint32_t slot = CallSlot(e.call);
  calls_[slot].wait_credit_ms = e.wait_credit_ms;  // kept for the call's life
  calls_[slot].max_level = kMaxLevel;  // a new entry: the upper bounds start open
  calls_[slot].level_cap = kMaxLevel;
  EnqueueCall(slot, e.queue, e.priority, e.min_level,
              *Requirement(e.required_skills, e.skills_expr), e.position);
  Drain();
}

void EngineImpl::DoEvent(const CallAnswer& e) {
  ConnectCall(CallSlot(e.call), AgentSlot(e.agent));
  Drain();
}

void EngineImpl::DoEvent(const CallDecline& e) {
  const uint32_t slot = CallSlot(e.call);
  const uint32_t agent_slot = AgentSlot(e.agent);
  const AgentConfig& cfg = center_.agents[agent_slot];
  const bool line = e.reason != DeclineReason::kDeclined;  // busy or unavailable
  const TimeMs rest_ms = line ? cfg.busy_delay_ms : cfg.decline_delay_ms;
  bool counted = false;  // the queue is read for a line only
  if (line) {
    const QueueConfig& q = qcfg(calls_[slot].queue);
    counted = e.reason == DeclineReason::kBusy ? q.auto_pause_busy : q.auto_pause_unavailable;
  }
  if (counted) {
    MissOffer(slot, agent_slot, rest_ms, CancelReason::kAgentDeclined);
  } else {
    agents_[agent_slot].idle_since_ms = now_ms_;  // to the back of the idle line
    StartRest(agent_slot, rest_ms);
    ReleaseOffer(slot, agent_slot, CancelReason::kAgentDeclined);
  }
  Call& c = calls_[slot];
  const OverflowAction& on_decline = qcfg(c.queue).on_decline;
  if (c.ringing.empty() && on_decline.kind != OverflowKind::kNone &&
      e.reason == DeclineReason::kDeclined && !c.callback && !c.directed) {
    // Screening: the agent turned the call down; it takes the queue's path.
    timers_.Cancel(c.ring_timer);
    SetCallState(slot, CallState::kWaiting);
    InsertWaiting(slot);
    ApplyOverflow(slot, on_decline, RouteCause::kDeclined);
  } else if (c.ringing.empty()) {
    ReturnToQueue(slot);
  }
  Drain();
}

void EngineImpl::DoEvent(const CallHangup& e) {
  const uint32_t slot = CallSlot(e.call);
  if (calls_[slot].outbound) {  // the other party hung up
    EndCall(slot, Disposition::kOutbound, CancelReason::kCallerHangup, EndedBy::kCaller);
    Drain();
    return;
  }
  if (calls_[slot].consult_leg && !calls_[slot].queued) {  // the consulting agent hung up
    EndCall(slot, Disposition::kConsult, CancelReason::kCallerHangup, EndedBy::kCaller);
    Drain();
    return;
  }
  if (calls_[slot].callback) {  // the customer hung up, or the PBX withdrew it
    const bool talking = calls_[slot].state == CallState::kTalking;
    EndCall(slot, talking ? Disposition::kCallbackCompleted : Disposition::kCallbackCancelled,
            CancelReason::kCallerHangup, talking ? EndedBy::kCaller : EndedBy::kUnknown);
    Drain();
    return;
  }
  if (calls_[slot].answered_here) {  // transferred: ringing at a colleague, or back in line
    EndCall(slot, Disposition::kAnswered, CancelReason::kCallerHangup, EndedBy::kCaller);
    Drain();
    return;
  }
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
    case CallState::kTalking:
    case CallState::kDialing:  // only callbacks dial
    case CallState::kEnded:
      EndCall(slot, Disposition::kAnswered, CancelReason::kCallerHangup, EndedBy::kCaller);
      break;
  }
  Drain();
}

void EngineImpl::DoEvent(const CallEndTalk& e) {
  const uint32_t slot = CallSlot(e.call);
  const Call& c = calls_[slot];
  EndCall(slot,
          c.outbound                      ? Disposition::kOutbound
          : c.callback                    ? Disposition::kCallbackCompleted
          : c.consult_leg && !c.queued    ? Disposition::kConsult
                                          : Disposition::kAnswered,
          CancelReason::kCallerHangup, e.by);
  Drain();
}

void EngineImpl::DoEvent(const CallTransfer& e) {
  const uint32_t slot = CallSlot(e.call);
  Call& c = calls_[slot];
  if (c.state == CallState::kTalking) {
    ReleaseAgentFromCall(slot, /*wrapup=*/true);
  } else {
    RemoveWaiting(slot);
    LeaveQueue(slot);
  }
  const SkillExpr extra = Requirement(c);  // a copy: the move may add a pool
  c.max_level = kMaxLevel;  // a transfer starts the level bounds afresh
  c.level_cap = kMaxLevel;
  EnqueueCall(slot, e.queue, e.priority, kMinLevel, extra);
  Drain();
}

void EngineImpl::DoEvent(const CallRoute& e) {
  const uint32_t slot = CallSlot(e.call);
  Call& c = calls_[slot];
  if (c.queued) ++queues_[c.queue].overflowed;
  // The PBX took the caller to capture (a "press 1 to be called back"):
  // the queue's callback policy applies as to the engine's own captures.
  if (e.disposition == Disposition::kCallbackCaptured) {
    RememberCapture(slot, OverflowAction{OverflowKind::kCallback},
                    c.queued ? Requirement(c) : SkillExpr());
  }
  EndCall(slot, e.disposition, CancelReason::kCallMoved);
  Drain();
}

uint32_t EngineImpl::NewCallSlot() {
  if (!free_call_slots_.empty()) {
    const uint32_t slot = free_call_slots_.back();
    free_call_slots_.pop_back();
    return slot;
  }
  calls_.emplace_back();
  if (keep_attributes_) attributes_.emplace_back();
  return static_cast<uint32_t>(calls_.size() - 1);
}

void EngineImpl::SetCallState(uint32_t slot, CallState state) {
  Call& c = calls_[slot];
  if (c.state == state) return;
  auto bucket = [this](CallState s) -> uint64_t& {
    switch (s) {
      case CallState::kArrived: return counts_.in_ivr;
      case CallState::kWaiting: return counts_.waiting;
      case CallState::kOffered: return counts_.offered;
      case CallState::kDialing: return counts_.dialing;
      case CallState::kTalking: return counts_.talking;
      case CallState::kEnded: break;
    }
    return counts_.ended;
  };
  --bucket(c.state);
  ++bucket(state);
  if (state == CallState::kTalking && c.first_answered_ms == kNotAnswered) {
    c.first_answered_ms = now_ms_;  // its first answer (a callback's: the customer's)
  }
  if (c.queued) {
    QueueState& q = queues_[c.queue];
    // A callback being dialled holds its agent: it counts as talking.
    auto busy = [](CallState s) { return s == CallState::kTalking || s == CallState::kDialing; };
    if (c.state == CallState::kOffered) --q.ringing;
    if (busy(c.state)) --q.talking;
    if (state == CallState::kOffered) ++q.ringing;
    if (busy(state)) ++q.talking;
  }
  c.state = state;
}

}  // namespace acd::core
