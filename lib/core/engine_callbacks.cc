// Callbacks: a caller sent down the callback-capture path leaves a contact
// (CallbackRequest), and the engine turns it into a callback that waits in
// line in the caller's place, is offered to an agent like a call, is dialled
// (DialCallback) and is retried with back-off until it connects, its
// attempts run out or the caller's window closes (CallbackPolicy in
// rules.h). A callback is a call record with `callback` set; what differs
// from a caller on the line is here.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {
namespace {

constexpr size_t kMaxNumberLength = 32;

bool DialableNumber(std::string_view number) {
  return std::all_of(number.begin(), number.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || ch == '+' || ch == '*' || ch == '#';
  });
}

}  // namespace

// ---- the capture ----

void EngineImpl::RememberCapture(uint32_t call_slot, const OverflowAction& action,
                                 const SkillExpr& extra) {
  const Call& c = calls_[call_slot];
  Capture cap;
  if (c.queued) {
    cap.policy_queue = c.queue;
  } else if (action.has_queue) {
    cap.policy_queue = action.queue;  // an entry rule's capture names its queue
  } else {
    return;  // no queue to call back from: the capture ends the call, nothing more
  }
  const CallbackPolicy& policy = qcfg(cap.policy_queue).callback;
  if (!policy.enabled) return;
  if (action.has_queue) {
    cap.wait_queue = action.queue;
  } else {
    cap.wait_queue = policy.same_queue ? cap.policy_queue : policy.queue;
  }
  cap.enabled = true;
  // A call that never queued ranks as any caller placed by the entry rules.
  cap.priority = c.queued ? c.priority : EntryPriority(call_slot, EntryRule{});
  cap.min_level = c.min_level;
  cap.max_level = c.max_level;
  cap.level_cap = c.level_cap;
  cap.extra = extra;
  // In line since the call was (or from the capture): its entry order in
  // its own queue, or the place that time has in another (DESIGN 18).
  cap.line_ms = c.queued ? c.line_ms : now_ms_;
  cap.seq = c.queued && c.queue == cap.wait_queue
                ? c.key.seq
                : SeqForLineMs(cap.wait_queue, cap.line_ms, kNoSlot);
  cap.until_ms = now_ms_ + policy.request_within_ms;
  ExpireCaptures();
  captures_[c.id] = cap;
  capture_expiry_.emplace_back(cap.until_ms, c.id);
  TrimToWindow(capture_expiry_, captures_, center_.ended_calls_window);
}

void EngineImpl::ExpireCaptures() { ExpireBefore(capture_expiry_, captures_, now_ms_); }

const Capture* EngineImpl::FindCapture(CallId call) const {
  auto it = captures_.find(call);
  if (it == captures_.end() || it->second.until_ms < event_time_ms_) return nullptr;
  return &it->second;
}

const CallbackPolicy& EngineImpl::PolicyOf(uint32_t callback_slot) const {
  return qcfg(callbacks_.at(callback_slot).policy_queue).callback;
}

// ---- the contact filed ----

absl::Status EngineImpl::CheckEvent(const CallbackRequest& e) const {
  if (absl::Status s = CheckEvent(CallArrive{e.callback, {}}); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("callback", s.message().substr(4)));
  }
  if (e.from_call == 0) return absl::InvalidArgumentError("from_call: 0 is not a valid call id");
  if (e.number.empty()) return absl::InvalidArgumentError("number: must not be empty");
  if (e.number.size() > kMaxNumberLength || !DialableNumber(e.number)) {
    return absl::InvalidArgumentError(
        absl::StrCat("number: '", e.number.substr(0, kMaxNumberLength + 1),
                     "' is not dialable (digits, +, * and #; at most ", kMaxNumberLength, ")"));
  }
  if (e.window_from_ms < 0 || e.window_to_ms < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        e.window_from_ms < 0 ? "window_from_ms: " : "window_to_ms: ",
        std::min(e.window_from_ms, e.window_to_ms), " is negative"));
  }
  if (e.window_to_ms != 0 && e.window_to_ms <= std::max(e.window_from_ms, event_time_ms_)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "window_to_ms: ", e.window_to_ms, " is not after ",
        e.window_from_ms > event_time_ms_ ? "window_from_ms " : "the request's time ",
        std::max(e.window_from_ms, event_time_ms_)));
  }
  const Capture* cap = FindCapture(e.from_call);
  if (cap == nullptr) {
    if (live_calls_.contains(e.from_call)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "from_call: call ", e.from_call, " is still live; only a captured call leaves a contact"));
    }
    return absl::NotFoundError(absl::StrCat(
        "from_call: call ", e.from_call,
        " has no open callback capture (it was not captured, its queue takes no callbacks, "
        "or request_within_ms has passed)"));
  }
  if (cap->callback != 0) {
    return absl::AlreadyExistsError(absl::StrCat("from_call: call ", e.from_call,
                                                 " already has callback ", cap->callback));
  }
  const Call none;
  return CheckQueueTarget(cap->wait_queue, 0, none, cap->extra, "from_call");
}

void EngineImpl::DoEvent(const CallbackRequest& e) {
  ExpireCaptures();
  Capture& cap = captures_.at(e.from_call);
  cap.callback = e.callback;
  const CallbackPolicy& policy = qcfg(cap.policy_queue).callback;
  const uint32_t slot = NewCallSlot();
  Call& c = calls_[slot];
  c.id = e.callback;
  c.callback = true;
  c.arrived_ms = now_ms_;
  live_calls_.emplace(e.callback, slot);
  ++counts_.callbacks;
  ++counts_.in_ivr;  // every call starts out arrived
  QueueState& q = queues_[cap.wait_queue];
  c.queued = true;
  c.queue = cap.wait_queue;
  c.media = qcfg(cap.wait_queue).media;
  c.media_fixed = true;
  c.priority = std::clamp(cap.priority + policy.priority_delta, -kMaxPriority, kMaxPriority);
  c.min_level = cap.min_level;
  c.max_level = cap.max_level;
  c.level_cap = cap.level_cap;
  c.pool = PoolFor(q, cap.extra);
  // Nobody is on the line: no member delays, overflow rules or announcements.
  c.stage = static_cast<uint8_t>(q.delays_ms.size() - 1);
  c.next_rule = kNoRule;
  c.book = kQueueBook;
  c.enqueued_ms = now_ms_;
  c.line_ms = policy.keep_place ? cap.line_ms : now_ms_;
  c.key = CallKey{-c.priority, policy.keep_place ? cap.seq : SeqForLineMs(c.queue, now_ms_, slot),
                  slot};
  CallbackInfo& info = callbacks_[slot];
  info.from_call = e.from_call;
  info.policy_queue = cap.policy_queue;
  info.number = e.number;
  info.window_to_ms = e.window_to_ms;
  ++q.callbacks_pending;
  SetCallState(slot, CallState::kWaiting);
  if (e.window_to_ms > 0) {
    info.expiry_timer = timers_.AddAt(now_ms_, e.window_to_ms, TimerKind::kCallbackExpiry, slot);
  }
  PlaceCallback(slot, std::max(now_ms_, e.window_from_ms));
  Drain();
}

// ---- waiting ----

void EngineImpl::PlaceCallback(uint32_t slot, TimeMs not_before_ms) {
  Call& c = calls_[slot];
  TimeMs at_ms = not_before_ms;
  const BusinessCalendar& calendar = center_.calendar;
  if (!calendar.always_open() && !calendar.IsOpen(at_ms)) at_ms = calendar.NextChangeMs(at_ms);
  CallbackInfo& info = callbacks_.at(slot);
  if (at_ms > now_ms_) {
    c.held = true;
    info.held_until_ms = at_ms;
    info.hold_timer = timers_.AddAt(now_ms_, at_ms, TimerKind::kCallbackHold, slot);
    Emit(CallbackHeld{c.id, c.queue, at_ms, info.failed_attempts});
    return;
  }
  c.held = false;
  info.held_until_ms = 0;
  InsertWaiting(slot);
  Emit(CallQueued{c.id, c.queue, queues_[c.queue].waiting});
  pending_calls_.push_back(slot);
}

void EngineImpl::OnCallbackHold(uint32_t slot) {
  calls_[slot].held = false;
  PlaceCallback(slot, now_ms_);  // still closed: held again until the opening
}

void EngineImpl::OnCallbackExpiry(uint32_t slot) {
  const CallState state = calls_[slot].state;
  // A dial under way decides; a failed one is not retried past the window.
  if (state == CallState::kDialing || state == CallState::kTalking) return;
  EndCall(slot, Disposition::kCallbackExpired, CancelReason::kCallMoved);
}

// ---- dialling ----

void EngineImpl::StartDial(uint32_t call_slot, uint32_t agent_slot) {
  Call& c = calls_[call_slot];
  SetCallState(call_slot, CallState::kDialing);
  const CallbackInfo& info = callbacks_.at(call_slot);
  Emit(DialCallback{c.id, agents_[agent_slot].id, c.queue, info.number, info.failed_attempts + 1});
}

absl::Status EngineImpl::CheckEvent(const CallbackResult& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.callback, &c); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("callback", s.message().substr(4)));
  }
  if (!c->callback) {
    return absl::FailedPreconditionError(
        absl::StrCat("callback: call ", e.callback, " is a caller on the line, not a callback"));
  }
  if (static_cast<int>(e.outcome) > static_cast<int>(DialOutcome::kInvalidNumber)) {
    return absl::InvalidArgumentError(
        absl::StrCat("outcome: ", static_cast<int>(e.outcome), " is not a dial outcome"));
  }
  if (c->state != CallState::kDialing) {
    return absl::FailedPreconditionError(absl::StrCat(
        "callback: ", e.callback, " is not being dialled (it is ", NameOf(c->state), ")"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const CallbackResult& e) {
  const uint32_t slot = CallSlot(e.callback);
  if (e.outcome != DialOutcome::kConnected) {
    OnDialFailed(slot, e.outcome);
    Drain();
    return;
  }
  Call& c = calls_[slot];
  Agent& a = agents_[c.agent];
  SetCallState(slot, CallState::kTalking);
  c.answered_ms = now_ms_;  // the talk begins; the dial was not talk time
  CountAnswered(a, c);
  Emit(CallConnected{c.id, a.id, c.queue, now_ms_ - c.arrived_ms});
  // An agent with room for more calls stays filed: re-file them under
  // their new count (least calls), as ConnectCall does.
  RefreshAgent(c.agent);
  Drain();
}

void EngineImpl::OnDialFailed(uint32_t slot, DialOutcome outcome) {
  const uint32_t failed = ++callbacks_.at(slot).failed_attempts;
  ReleaseAgentFromCall(slot, /*wrapup=*/false);
  const CallbackPolicy& policy = PolicyOf(slot);
  if (outcome == DialOutcome::kInvalidNumber || failed >= policy.max_attempts) {
    EndCall(slot, Disposition::kCallbackFailed, CancelReason::kCallMoved);
    return;
  }
  const double backoff_ms = static_cast<double>(policy.retry_ms) *
                            std::pow(policy.retry_factor, failed - 1);
  const TimeMs retry_ms = now_ms_ + static_cast<TimeMs>(std::llround(backoff_ms));
  const TimeMs window_to_ms = callbacks_.at(slot).window_to_ms;
  if (window_to_ms > 0 && retry_ms >= window_to_ms) {
    EndCall(slot, Disposition::kCallbackExpired, CancelReason::kCallMoved);
    return;
  }
  SetCallState(slot, CallState::kWaiting);
  PlaceCallback(slot, retry_ms);
}

}  // namespace acd::core
