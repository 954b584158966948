// ShadowModel: transfers of a connected call to a named agent
// (CallTransferToAgent), from the outside: the first agent leaves the call
// (wrap-up by the queue) when the event is accepted, and the one offer that
// follows rings at the named agent alone, by the queue's ring timeout,
// never ring-all; the rest (a miss, the way back in line, the answer) is
// the ordinary offer's, in shadow_model.cc. Not thread-safe.
#include "absl/strings/str_cat.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

absl::Status ShadowModel::OnTransferToAgent(const CallTransferToAgent& e) {
  ShadowCall* call = Live(e.call);
  if (call == nullptr || call->state != CallState::kTalking || !call->queued || call->callback ||
      call->outbound || call->agent == 0 || call->agent == e.agent) {
    return absl::InternalError(absl::StrCat("accepted CallTransferToAgent for call ", e.call,
                                            " that is not a connected caller of a queue"));
  }
  const ShadowAgent* target = Agent(e.agent);
  if (target == nullptr || !Available(*target, now_ms_) ||
      WrapsUpFor(*target, call->queue, now_ms_) ||
      (target->outside_call && !center_.queues[call->queue].ring_in_use)) {
    return absl::InternalError(absl::StrCat("accepted CallTransferToAgent to agent ", e.agent,
                                            " who is not available"));
  }
  call->transfer_from = call->agent;
  EndTalk(*call);  // ends a hold too
  call->directed = true;
  ++call->transfers;
  call->state = CallState::kWaiting;  // until its offer, in this step
  touched_.insert(e.call);
  return absl::OkStatus();
}

absl::Status ShadowModel::OnTransferOffer(ShadowCall& call, ShadowAgent& agent, const Offer& c) {
  const auto* e = event_ ? std::get_if<CallTransferToAgent>(&event_->body) : nullptr;
  if (!call.directed || e == nullptr || e->call != c.call || e->agent != c.agent ||
      c.transfer_from != call.transfer_from || !call.offers.empty()) {
    return absl::InternalError(absl::StrCat("offer of call ", c.call, " to agent ", c.agent,
                                            " transfer_from=", c.transfer_from,
                                            " does not match a transfer of this step"));
  }
  const QueueConfig& queue = center_.queues[call.queue];
  if (c.queue != call.queue || c.ring_all || c.preferred || c.callback ||
      c.ring_timeout_ms != queue.ring_timeout_ms) {
    return absl::InternalError("a transfer's offer with the wrong queue, flags or ring timeout");
  }
  if (!Available(agent, now_ms_) || WrapsUpFor(agent, call.queue, now_ms_)) {
    return absl::InternalError(absl::StrCat("transfer offered to agent ", c.agent,
                                            " who is not available (invariant 2)"));
  }
  call.offers.push_back({c.agent, c.queue, now_ms_, c.ring_timeout_ms, false, step_});
  call.state = CallState::kOffered;
  ++agent.offers;
  return absl::OkStatus();
}

}  // namespace acd::testing
