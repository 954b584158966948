// Attended (consult) transfers: CallConsult starts a consult leg, to a named
// colleague or into a queue, while the caller waits on hold;
// CallConsultEnd completes it (the caller goes to the colleague) or cancels
// it; the end of either call unlinks the other. Single-threaded, like all
// of EngineImpl.
//
// Invariants kept here (DESIGN.md 16): a call has at most one consult leg
// and the link is mutual (caller.consult = leg, leg.consult = caller); the
// consulting call is a connected caller through a queue, on hold for as
// long as the consult lasts; a leg to a colleague is connected to them
// from the start and in no queue; a leg into a queue is queued like any
// call; completing keeps the colleague's load (the leg's place is the
// caller's) and releases the consulting agent to wrap-up.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::Status EngineImpl::CheckNotConsulting(const Call& c, const char* what) const {
  if (c.consult_leg) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", c.id, " is a consult leg; ", what, " does not apply to it (end it with "
        "CallConsultEnd or a hangup)"));
  }
  if (c.consult != kNoSlot) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", c.id, " is on hold while its agent consults (call ", calls_[c.consult].id,
        "); end the consult (CallConsultEnd) first"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const CallConsult& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kTalking) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is not connected (", NameOf(c->state), "); only a connected call is transferred"));
  }
  if (c->callback || c->outbound || c->consult_leg || !c->queued) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is ",
        c->callback ? "a callback" : c->outbound ? "an outbound call"
        : c->consult_leg ? "a consult leg" : "in no queue",
        "; only a caller through a queue is transferred"));
  }
  if (c->consult != kNoSlot) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " already has a consult (call ", calls_[c->consult].id, ")"));
  }
  // The leg's id: as for an arriving call (new, not recently ended, a bound).
  if (absl::Status s = CheckEvent(CallArrive{e.consult, {}}); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("consult: ", s.message().substr(6)));
  }
  if (e.agent == 0) {
    if (e.queue >= queues_.size()) {
      return absl::NotFoundError(absl::StrCat("queue: ", e.queue, " does not exist (the center has ",
                                              queues_.size(), " queues)"));
    }
    // The leg takes the caller's place at the end: the caller's media.
    if (qcfg(e.queue).media != c->media) {
      return absl::FailedPreconditionError(absl::StrCat(
          "queue: '", qcfg(e.queue).name, "' takes ", NameOf(qcfg(e.queue).media),
          " calls; call ", e.call, " is a ", NameOf(c->media), " call"));
    }
    return absl::OkStatus();
  }
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (AgentSlot(e.agent) == c->agent) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", e.agent, " is the agent connected to call ", e.call));
  }
  return CheckRoomForCall(e.agent, *a, c->media);
}

absl::Status EngineImpl::CheckEvent(const CallConsultEnd& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->consult_leg || c->consult == kNoSlot) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, c->consult_leg ? " is a consult leg; name the call it consults for"
                                          : " has no consult"));
  }
  const Call& leg = calls_[c->consult];
  if (e.complete && leg.state != CallState::kTalking) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, "'s consult (call ", leg.id, ") is ", NameOf(leg.state),
        ", not connected to a colleague yet; complete it once answered"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const CallConsult& e) {
  const uint32_t slot = CallSlot(e.call);
  const uint32_t leg_slot = NewCallSlot();  // calls_ may grow: no reference held across
  {
    Call& c = calls_[slot];
    if (!c.on_hold) {  // the caller waits on hold while the agent consults
      c.on_hold = true;
      c.hold_since_ms = now_ms_;
    }
    c.consult = leg_slot;
  }
  Call& leg = calls_[leg_slot];
  leg.id = e.consult;
  leg.state = CallState::kArrived;
  leg.arrived_ms = now_ms_;
  leg.internal = true;
  leg.consult_leg = true;
  leg.media = calls_[slot].media;  // the caller's (a queue's is the same: checked)
  leg.media_fixed = true;
  leg.consult = slot;
  if (keep_attributes_) {
    attributes_[leg_slot] = CallAttributes{};
    attributes_[leg_slot].internal = true;
  }
  live_calls_.emplace(e.consult, leg_slot);
  ++counts_.consults;
  ++counts_.in_ivr;  // every call starts out arrived
  if (e.agent == 0) {  // into a queue, as an internal call
    EnqueueCall(leg_slot, e.queue, 0, kMinLevel, SkillExpr());
    Drain();
    return;
  }
  // To a named colleague: connected from the dial on, like an outbound call.
  const uint32_t agent_slot = AgentSlot(e.agent);
  calls_[leg_slot].answered_ms = now_ms_;
  calls_[leg_slot].agent = agent_slot;
  SetCallState(leg_slot, CallState::kTalking);
  Agent& a = agents_[agent_slot];
  a.calls.push_back(leg_slot);
  ++a.talking;
  a.HoldMedia(calls_[leg_slot].media);
  RefreshAgent(agent_slot);
  Drain();
}

void EngineImpl::DoEvent(const CallConsultEnd& e) {
  const uint32_t slot = CallSlot(e.call);
  const uint32_t leg_slot = calls_[slot].consult;
  if (!e.complete) {  // as if the consulting agent hung up the leg
    DoEvent(CallHangup{calls_[leg_slot].id});
    return;
  }
  Call& c = calls_[slot];
  const uint32_t colleague = calls_[leg_slot].agent;
  const AgentId from = agents_[c.agent].id;
  // The consulting agent leaves the caller (to wrap-up by the call's
  // queue; the hold ends with the connection).
  ReleaseAgentFromCall(slot, /*wrapup=*/true);
  c.consult = kNoSlot;
  calls_[leg_slot].consult = kNoSlot;
  // The caller goes to the colleague before the leg ends, so that the
  // colleague is never seen free in between (no state change, no wrap-up).
  Agent& b = agents_[colleague];
  b.calls.push_back(slot);
  ++b.talking;
  b.HoldMedia(c.media);
  c.agent = colleague;
  c.answered_ms = now_ms_;
  ++c.transfers;
  EndCall(leg_slot, calls_[leg_slot].queued ? Disposition::kAnswered : Disposition::kConsult,
          CancelReason::kCallMoved, EndedBy::kAgent, /*wrapup=*/false);
  const Call& moved = calls_[slot];
  Emit(CallConnected{moved.id, agents_[colleague].id, moved.queue, now_ms_ - moved.arrived_ms, from});
  Drain();
}

void EngineImpl::UnlinkConsult(uint32_t slot) {
  Call& c = calls_[slot];
  if (c.consult == kNoSlot) return;
  Call& other = calls_[c.consult];
  other.consult = kNoSlot;
  c.consult = kNoSlot;
  if (c.consult_leg) EndHold(other);  // the agent is back with the caller
}

}  // namespace acd::core
