// ShadowModel: callbacks. Captures of queues that take callbacks, the
// contacts filed for them, holds, dials and their outcomes, rebuilt from
// CallbackPolicy and the command stream alone.
#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

TimeMs ShadowModel::OpenAt(TimeMs not_before_ms) const {
  const BusinessCalendar& calendar = center_.calendar;
  if (calendar.always_open() || calendar.IsOpen(not_before_ms)) return not_before_ms;
  return calendar.NextChangeMs(not_before_ms);
}

bool ShadowModel::CaptureOpen(CallId call, TimeMs at_ms) const {
  auto it = captures_.find(call);
  return it != captures_.end() && it->second.until_ms >= at_ms && it->second.callback == 0;
}

void ShadowModel::RememberCapture(const ShadowCall& call, const OverflowAction& action) {
  // A call that never queued is called back only where its action says.
  if (!call.queued && !action.has_queue) return;
  const QueueId policy_queue = call.queued ? call.queue : action.queue;
  const CallbackPolicy& policy = center_.queues[policy_queue].callback;
  if (!policy.enabled) return;
  ShadowCapture cap;
  cap.policy_queue = policy_queue;
  cap.wait_queue =
      action.has_queue ? action.queue : policy.same_queue ? policy_queue : policy.queue;
  if (call.queued) {
    cap.priority = call.priority;
  } else {  // never queued: the entry rules' boosts alone
    const PriorityBoosts& b = center_.boosts;
    const CallAttributes& a = call.attributes;
    cap.priority = std::clamp((a.internal ? 0 : b.external) + (a.vip ? b.vip : 0) +
                                  (a.returning ? b.returning : 0), -1000, 1000);
  }
  cap.min_level = std::max(kMinLevel, call.min_level);
  cap.max_level = call.max_level;
  cap.level_cap = call.level_cap;
  cap.required = call.required;
  cap.expr = call.expr;
  cap.steps = call.steps;
  cap.line_ms = call.queued ? call.line_ms : now_ms_;
  cap.entry_seq = call.queued && call.queue == cap.wait_queue
                      ? call.entry_seq
                      : SeqForLine(cap.wait_queue, cap.line_ms, call.id);
  cap.until_ms = now_ms_ + policy.request_within_ms;
  captures_[call.id] = cap;
  capture_expiry_.emplace_back(cap.until_ms, call.id);
  while (capture_expiry_.size() > center_.ended_calls_window) {
    auto it = captures_.find(capture_expiry_.front().second);
    if (it != captures_.end() && it->second.until_ms == capture_expiry_.front().first) {
      captures_.erase(it);
    }
    capture_expiry_.pop_front();
  }
}

absl::Status ShadowModel::OnCallbackRequest(const CallbackRequest& e) {
  if (!CaptureOpen(e.from_call, now_ms_)) {
    return absl::InternalError(absl::StrCat("accepted CallbackRequest for call ", e.from_call,
                                            " without an open capture"));
  }
  if (live_.contains(e.callback) || EndedWithin(e.callback, center_.ended_calls_window)) {
    return absl::InternalError(absl::StrCat("accepted CallbackRequest with a used id ", e.callback));
  }
  ShadowCapture& cap = captures_.at(e.from_call);
  cap.callback = e.callback;
  const CallbackPolicy& policy = center_.queues[cap.policy_queue].callback;
  ShadowCall& call = live_[e.callback];
  call.id = e.callback;
  call.callback = true;
  call.queued = true;
  call.queue = cap.wait_queue;
  call.media = center_.queues[cap.wait_queue].media;
  call.media_fixed = true;
  call.policy_queue = cap.policy_queue;
  call.priority = std::clamp(cap.priority + policy.priority_delta, -1000, 1000);
  call.min_level = cap.min_level;
  call.max_level = cap.max_level;
  call.level_cap = cap.level_cap;
  call.required = cap.required;
  call.expr = cap.expr;
  call.steps = cap.steps;
  call.line_ms = policy.keep_place ? cap.line_ms : now_ms_;
  call.entry_seq = policy.keep_place ? cap.entry_seq : SeqForLine(call.queue, now_ms_, call.id);
  call.arrived_ms = now_ms_;
  call.enqueued_ms = now_ms_;
  call.state = CallState::kWaiting;
  call.returning = true;  // queued or held in this step
  call.window_to_ms = e.window_to_ms;
  call.number = e.number;
  call.expect_hold_ms = OpenAt(std::max(now_ms_, e.window_from_ms));
  ++callbacks_;
  touched_.insert(e.callback);
  return absl::OkStatus();
}

absl::Status ShadowModel::OnCallbackResult(const CallbackResult& e) {
  ShadowCall* call = Live(e.callback);
  if (call == nullptr || !call->callback || call->state != CallState::kDialing) {
    return absl::InternalError(
        absl::StrCat("accepted CallbackResult for ", e.callback, ", which is not dialling"));
  }
  touched_.insert(e.callback);
  if (e.outcome == DialOutcome::kConnected) return absl::OkStatus();  // CallConnected follows
  ++call->failed_attempts;
  ShadowAgent& agent = *Agent(call->agent);
  --agent.talking;  // back without wrap-up
  touched_agents_.insert(call->agent);
  call->agent = 0;
  call->state = CallState::kWaiting;
  call->returning = true;
  const CallbackPolicy& policy = center_.queues[call->policy_queue].callback;
  if (e.outcome == DialOutcome::kInvalidNumber || call->failed_attempts >= policy.max_attempts) {
    expect_end_[call->id] = Disposition::kCallbackFailed;
    return absl::OkStatus();
  }
  const double backoff_ms =
      static_cast<double>(policy.retry_ms) * std::pow(policy.retry_factor, call->failed_attempts - 1);
  const TimeMs retry_ms = now_ms_ + static_cast<TimeMs>(std::llround(backoff_ms));
  if (call->window_to_ms > 0 && retry_ms >= call->window_to_ms) {
    expect_end_[call->id] = Disposition::kCallbackExpired;
    return absl::OkStatus();
  }
  call->expect_hold_ms = OpenAt(retry_ms);
  return absl::OkStatus();
}

absl::Status ShadowModel::OnDial(const DialCallback& c) {
  ShadowCall& call = *Live(c.callback);
  const auto* answer = event_ ? std::get_if<CallAnswer>(&event_->body) : nullptr;
  if (!call.callback || answer == nullptr || answer->call != c.callback ||
      answer->agent != c.agent) {
    return absl::InternalError("DialCallback without the agent's answer to a callback's offer");
  }
  auto it = std::find_if(call.offers.begin(), call.offers.end(),
                         [&](const ShadowOffer& o) { return o.agent == c.agent; });
  if (it == call.offers.end() || call.agent != 0) {
    return absl::InternalError("DialCallback for an agent without a pending offer");
  }
  if (c.queue != call.queue || c.number != call.number || c.attempt != call.failed_attempts + 1) {
    return absl::InternalError(absl::StrCat("DialCallback queue/number/attempt ", c.queue, "/",
                                            c.number, "/", c.attempt, " differ from the callback's ",
                                            call.queue, "/", call.number, "/",
                                            call.failed_attempts + 1));
  }
  call.offers.erase(it);
  ShadowAgent& agent = *Agent(c.agent);
  --agent.offers;
  ++agent.talking;
  agent.misses = 0;
  touched_agents_.insert(c.agent);
  call.agent = c.agent;
  call.state = CallState::kDialing;
  return absl::OkStatus();
}

absl::Status ShadowModel::OnHeld(const CallbackHeld& c) {
  ShadowCall& call = *Live(c.callback);
  if (!call.callback || call.state != CallState::kWaiting || c.queue != call.queue ||
      c.failed_attempts != call.failed_attempts) {
    return absl::InternalError("CallbackHeld for a call that is not a waiting callback");
  }
  TimeMs want_ms = call.expect_hold_ms;
  if (call.held && now_ms_ == call.held_until_ms) want_ms = OpenAt(now_ms_);  // still closed
  if (want_ms <= now_ms_ || c.until_ms != want_ms) {
    return absl::InternalError(absl::StrCat("CallbackHeld until ", c.until_ms, ", expected ",
                                            want_ms <= now_ms_ ? "none" : "", want_ms));
  }
  call.expect_hold_ms = -1;
  call.held = true;
  call.held_until_ms = c.until_ms;
  call.returning = false;
  return absl::OkStatus();
}

}  // namespace acd::testing
