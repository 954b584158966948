// Simulator: the PBX and the customer around callbacks. A caller sent down
// the callback-capture path leaves a contact (CallbackBehavior::acceptance)
// after the IVR or the desk took it; the simulator files it
// (CallbackRequest), and the callback then lives in calls_ like a call:
// agents answer its offers with the usual delay and RONA model, the
// engine's DialCallback makes the PBX ring the customer for a while and
// report the outcome (CallbackResult), a connection talks for the caller's
// handle time. After the end of arrivals, once no caller is on the line,
// held callbacks are carried over (withdrawn with CallHangup), and halfway
// through the serve-out limit every callback not talking is, so a run
// always ends.
#include <algorithm>
#include <variant>

#include "absl/strings/str_cat.h"
#include "sim/simulator.h"

namespace acd::sim {
namespace {

constexpr uint64_t kContactStream = 8;  // does the caller leave a contact
constexpr uint64_t kDialStream = 9;     // how each dial goes

}  // namespace

void Simulator::OnCaptured(const SimCall& call, CallId id, const CallEnded& ended) {
  ++result_.captured;
  const QueueId queue = ended.queued ? ended.queue : call.capture_queue;
  if (queue >= center_.queues.size() || !center_.queues[queue].callback.enabled) {
    ++result_.captures_without_policy;
    return;
  }
  if (callbacks_cut_) {
    ++result_.contacts_too_late;
    return;
  }
  const CallbackBehavior& behavior = options_.callbacks;
  Rng rng(MixSeed(MixSeed(options_.seed, kContactStream, call.caller), call.attempt));
  if (!rng.Bernoulli(behavior.acceptance)) {
    ++result_.contacts_declined;
    return;
  }
  const TimeMs within_ms = center_.queues[queue].callback.request_within_ms;
  const TimeMs delay_ms = std::min(SampleMs(behavior.capture_ms, rng), within_ms);
  PendingContact contact;
  contact.from_call = id;
  contact.caller = call.caller;
  contact.type = call.type;
  contact.arrived_ms = call.arrived_ms;
  contact.captured_ms = now_ms_;
  contact.base_handle_ms = call.base_handle_ms;
  contact.handle_ms = call.handle_ms;
  if (rng.Bernoulli(behavior.window_share)) {
    contact.window_from_ms = now_ms_ + behavior.window_after_ms;
    contact.window_to_ms = contact.window_from_ms + behavior.window_length_ms;
  }
  const uint64_t key = next_contact_++;
  contacts_[key] = contact;
  Schedule(now_ms_ + delay_ms, HappeningKind::kContact, 0, 0, 0, key);
}

absl::Status Simulator::OnContact(uint64_t key) {
  auto it = contacts_.find(key);
  if (it == contacts_.end()) return absl::OkStatus();
  const PendingContact contact = it->second;
  contacts_.erase(it);
  if (callbacks_cut_) {
    ++result_.contacts_too_late;
    return absl::OkStatus();
  }
  // The engine holds its bound of live calls (callbacks count): the PBX
  // cannot file the contact.
  if (calls_.size() >= center_.max_live_calls) {
    ++result_.contacts_blocked;
    return absl::OkStatus();
  }
  const CallId id = next_call_++;
  SimCall& callback = calls_.Add(id);
  callback.callback = true;
  callback.type = contact.type;
  callback.caller = contact.caller;
  callback.arrived_ms = contact.arrived_ms;
  callback.captured_ms = contact.captured_ms;
  callback.patience_started = true;  // nobody waits on the line
  callback.patience_ms = kNeverMs;
  callback.base_handle_ms = contact.base_handle_ms;
  callback.handle_ms = contact.handle_ms;
  ++live_callbacks_;
  ++result_.contacts;
  kpis_.FileCallback(id, contact.captured_ms, contact.arrived_ms);
  if (intervals_) intervals_->FileCallback(id, contact.captured_ms, contact.arrived_ms);
  CallbackRequest request{id, contact.from_call, absl::StrCat("+4930", 5'000'000 + contact.caller),
                          0, 0};
  // A window that has already closed (the capture took longer) is dropped:
  // the caller is called back as soon as possible.
  if (contact.window_to_ms > now_ms_) {
    request.window_from_ms = contact.window_from_ms + epoch_ms_;
    request.window_to_ms = contact.window_to_ms + epoch_ms_;
  }
  return Apply(std::move(request));
}

void Simulator::OnDial(const DialCallback& dial) {
  SimCall* callback = calls_.Find(dial.callback);
  if (callback == nullptr || !callback->callback) return;
  ++result_.callback_dials;
  const CallbackBehavior& behavior = options_.callbacks;
  Rng rng(MixSeed(MixSeed(options_.seed, kDialStream, callback->caller), dial.attempt));
  DialOutcome outcome = DialOutcome::kConnected;
  if (!rng.Bernoulli(behavior.answer_probability)) {
    outcome = rng.Bernoulli(behavior.busy_share) ? DialOutcome::kBusy : DialOutcome::kNoAnswer;
  }
  const uint64_t serial = ++callback->dial_serial;
  Schedule(now_ms_ + SampleMs(behavior.dial_ms, rng), HappeningKind::kDialResult, dial.callback,
           0, static_cast<uint32_t>(outcome), serial);
}

absl::Status Simulator::OnDialResult(const Happening& h) {
  const SimCall* callback = calls_.Find(h.call);
  if (callback == nullptr || callback->dial_serial != h.serial) return absl::OkStatus();
  return Apply(CallbackResult{h.call, static_cast<DialOutcome>(h.index)});
}

absl::Status Simulator::OnCallbackCut() {
  callbacks_cut_ = true;
  for (CallId id : calls_.Ids()) {
    const SimCall* call = calls_.Find(id);
    if (call == nullptr || !call->callback || call->connected) continue;
    ++result_.callbacks_withdrawn;
    if (absl::Status s = Apply(CallHangup{id}); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void Simulator::TrackHold(CallId id, bool held) {
  if (live_callbacks_ == 0) return;
  SimCall* callback = calls_.Find(id);
  if (callback == nullptr || !callback->callback || callback->held == held) return;
  callback->held = held;
  if (held) {
    ++held_callbacks_;
  } else {
    --held_callbacks_;
  }
}

absl::Status Simulator::CarryOverCallbacks() {
  for (CallId id : calls_.Ids()) {
    const SimCall* call = calls_.Find(id);
    if (call == nullptr || !call->held) continue;
    ++result_.callbacks_withdrawn;
    if (absl::Status s = Apply(CallHangup{id}); !s.ok()) return s;
  }
  return AfterStep();
}

std::string Simulator::CallbackBalance() const {
  const CallCounts counts = engine_->counts();
  const auto count = [&](Disposition d) { return counts.by_disposition[static_cast<int>(d)]; };
  const SimResult& r = result_;
  const uint64_t ended = count(Disposition::kCallbackCompleted) +
                         count(Disposition::kCallbackFailed) +
                         count(Disposition::kCallbackExpired) +
                         count(Disposition::kCallbackCancelled);
  const CallbackKpi& kpi = kpis_.report().callbacks;
  if (r.captured != count(Disposition::kCallbackCaptured) ||
      r.captured != r.contacts + r.contacts_declined + r.captures_without_policy +
                        r.contacts_too_late + r.contacts_blocked) {
    return absl::StrCat(count(Disposition::kCallbackCaptured),
                        " calls captured, the simulator saw ", r.captured, ": ", r.contacts, " contacts, ", r.contacts_declined,
                        " declined, ", r.captures_without_policy, " without a policy, ",
                        r.contacts_too_late, " too late, ", r.contacts_blocked,
                        " at the engine's bound");
  }
  if (counts.callbacks != r.contacts || ended != r.contacts || !contacts_.empty()) {
    return absl::StrCat(r.contacts, " contacts filed, the engine made ", counts.callbacks,
                        " callbacks and ended ", ended, " (", contacts_.size(), " still pending)");
  }
  if (kpi.contacts != r.contacts || kpi.Ended() != ended || kpi.captured != r.captured ||
      kpi.dials != r.callback_dials || kpi.completed != count(Disposition::kCallbackCompleted)) {
    return absl::StrCat("callback KPIs do not balance: ", kpi.contacts, " contacts, ", kpi.Ended(),
                        " ended, ", kpi.captured, " captured, ", kpi.dials, " dials");
  }
  if (r.callbacks_withdrawn > count(Disposition::kCallbackCancelled)) {
    return absl::StrCat(r.callbacks_withdrawn, " callbacks withdrawn but only ",
                        count(Disposition::kCallbackCancelled), " cancelled");
  }
  return "";
}

}  // namespace acd::sim
