// ShadowModel: attended (consult) transfers, from the outside. CallConsult
// puts the caller on hold and opens a leg, connected to the colleague at
// once or queued like any call; CallConsultEnd cancels (a hang-up of the
// leg) or completes (the consulting agent wraps up, the caller goes to the
// colleague with no gap and no wrap-up between, the leg ends, then one
// CallConnected with transfer_from). The end of either call ends the link;
// a leg's end takes the caller off hold. Not thread-safe.
#include "absl/strings/str_cat.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

absl::Status ShadowModel::OnConsult(const CallConsult& e) {
  ShadowCall* caller = Live(e.call);
  if (caller == nullptr || caller->state != CallState::kTalking || !caller->queued ||
      caller->callback || caller->outbound || caller->consult_leg || caller->consult != 0 ||
      caller->agent == 0) {
    return absl::InternalError(absl::StrCat("accepted CallConsult for call ", e.call,
                                            " that is not a connected caller of a queue free to consult"));
  }
  if (live_.contains(e.consult) || EndedWithin(e.consult, center_.ended_calls_window)) {
    return absl::InternalError(absl::StrCat("accepted CallConsult with a used leg id ", e.consult));
  }
  ShadowAgent* colleague = e.agent != 0 ? Agent(e.agent) : nullptr;
  if (e.agent != 0 && (colleague == nullptr || e.agent == caller->agent ||
                       colleague->presence == Presence::kLoggedOut ||
                       colleague->load() >= colleague->config->capacity)) {
    return absl::InternalError(absl::StrCat("accepted CallConsult to agent ", e.agent,
                                            " who is the consulting agent, logged out or full"));
  }
  if (e.agent == 0 && e.queue >= center_.queues.size()) {
    return absl::InternalError("accepted CallConsult into a queue that does not exist");
  }
  if (!caller->on_hold) {
    caller->on_hold = true;
    caller->hold_since_ms = now_ms_;
  }
  caller->consult = e.consult;
  ShadowCall& leg = live_[e.consult];
  leg.id = e.consult;
  leg.consult_leg = true;
  leg.media = caller->media;  // a queue it enters has the same (the engine checks)
  leg.media_fixed = true;
  leg.consult = e.call;
  leg.arrived_ms = now_ms_;
  leg.attributes.internal = true;
  ++consults_;
  touched_.insert(e.call);
  touched_.insert(e.consult);
  if (e.agent != 0) {  // connected from the dial on, in no queue
    leg.state = CallState::kTalking;
    leg.agent = e.agent;
    leg.connected_ms = leg.first_connected_ms = now_ms_;
    ++colleague->talking;
    touched_agents_.insert(e.agent);
    return absl::OkStatus();
  }
  leg.queued = true;  // an internal call entering the queue: priority 0, no skills
  EnterQueue(leg, e.queue);
  leg.state = CallState::kWaiting;
  return absl::OkStatus();
}

absl::Status ShadowModel::OnConsultEnd(const CallConsultEnd& e) {
  ShadowCall* caller = Live(e.call);
  ShadowCall* leg = caller != nullptr && caller->consult != 0 ? Live(caller->consult) : nullptr;
  if (leg == nullptr || caller->consult_leg) {
    return absl::InternalError(absl::StrCat("accepted CallConsultEnd for call ", e.call,
                                            " that has no consult"));
  }
  touched_.insert(e.call);
  touched_.insert(leg->id);
  if (!e.complete) {  // the leg ends as if hung up
    state_at_event_[leg->id] = leg->state;
    leg->ended_by = EndedBy::kCaller;
    hung_up_leg_ = leg->id;
    return absl::OkStatus();
  }
  if (leg->state != CallState::kTalking || leg->agent == 0) {
    return absl::InternalError(absl::StrCat("accepted completing the consult of call ", e.call,
                                            " whose leg is not connected"));
  }
  consult_from_ = caller->agent;
  EndTalk(*caller);  // the consulting agent wraps up; the hold ends
  caller->agent = leg->agent;
  ++Agent(leg->agent)->talking;  // the leg's share passes to the caller when the leg ends
  caller->connected_ms = now_ms_;
  ++caller->transfers;
  caller->consult = 0;
  leg->consult = 0;
  leg->no_wrapup = true;
  leg->ended_by = EndedBy::kAgent;
  expect_end_[leg->id] = leg->queued ? Disposition::kAnswered : Disposition::kConsult;
  return absl::OkStatus();
}

absl::Status ShadowModel::OnConsultConnected(const CallConnected& c, bool timer_phase) {
  const auto* end = (timer_phase || !event_) ? nullptr : std::get_if<CallConsultEnd>(&event_->body);
  const ShadowCall* caller = Live(c.call);
  if (end == nullptr || !end->complete || end->call != c.call || caller == nullptr ||
      caller->agent != c.agent || c.transfer_from != consult_from_ ||
      caller->connected_ms != now_ms_ || c.queue != caller->queue ||
      c.wait_ms != now_ms_ - caller->arrived_ms) {
    return absl::InternalError(absl::StrCat("CallConnected with transfer_from ", c.transfer_from,
                                            " for call ", c.call,
                                            " without the completed consult of this step"));
  }
  if (expect_end_.size() != 0) {
    return absl::InternalError("CallConnected of a completed consult before the leg ended");
  }
  return absl::OkStatus();
}

void ShadowModel::UnlinkConsult(ShadowCall& call) {
  if (call.consult == 0) return;
  ShadowCall* other = Live(call.consult);
  call.consult = 0;
  if (other == nullptr) return;
  other->consult = 0;
  if (call.consult_leg) EndHold(*other);  // the agent is back with the caller
  touched_.insert(other->id);
}

}  // namespace acd::testing
