// Changes to a live call that do not move it through its life: hold and
// resume of a connected call, attribute updates from the CRM, and a
// supervisor's change of a waiting call's priority. Checks, then steps.
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::Status EngineImpl::CheckEvent(const CallHold& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kTalking) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is not connected (", NameOf(c->state), "); only a connected call is held"));
  }
  if (c->on_hold) {
    return absl::FailedPreconditionError(absl::StrCat("call: ", e.call, " is already on hold"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const CallResume& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kTalking || !c->on_hold) {
    return absl::FailedPreconditionError(absl::StrCat("call: ", e.call, " is not on hold"));
  }
  if (c->consult != kNoSlot && !c->consult_leg) return CheckNotConsulting(*c, "a resume");
  return absl::OkStatus();
}

absl::Status EngineImpl::CheckEvent(const CallUpdate& e) const {
  if (e.fields == 0 || (e.fields & ~CallUpdate::kAll) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "fields: ", e.fields, e.fields == 0 ? " names no attribute" : " has unknown bits"));
  }
  if ((e.fields & CallUpdate::kIntent) && !KnowsLabel(center_.labels, e.attributes.intent)) {
    return absl::InvalidArgumentError(absl::StrCat("attributes.intent: ",
                                                   static_cast<int>(e.attributes.intent),
                                                   " is not an intent of this center"));
  }
  if ((e.fields & CallUpdate::kDigits) && e.attributes.digits.size() > kMaxDigits) {
    return absl::InvalidArgumentError(absl::StrCat(
        "attributes.digits: ", e.attributes.digits.size(), " characters, at most ", kMaxDigits));
  }
  const Call* c;
  return CheckLiveCall(e.call, &c);
}

absl::Status EngineImpl::CheckEvent(const CallSetPriority& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (e.priority < -kMaxPriority || e.priority > kMaxPriority) {
    return absl::InvalidArgumentError(
        absl::StrCat("priority: ", e.priority, " is outside -1000..1000"));
  }
  if (c->state != CallState::kWaiting) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is ", NameOf(c->state), "; only a waiting call's priority changes"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const CallHold& e) {
  Call& c = calls_[CallSlot(e.call)];
  c.on_hold = true;
  c.hold_since_ms = now_ms_;
}

void EngineImpl::EndHold(Call& c) {
  if (!c.on_hold) return;
  c.hold_ms += now_ms_ - c.hold_since_ms;
  c.on_hold = false;
  c.hold_since_ms = 0;
}

void EngineImpl::DoEvent(const CallResume& e) { EndHold(calls_[CallSlot(e.call)]); }

void EngineImpl::DoEvent(const CallUpdate& e) {
  const uint32_t slot = CallSlot(e.call);
  Call& c = calls_[slot];
  const CallAttributes& in = e.attributes;
  const uint32_t f = e.fields;
  if ((f & CallUpdate::kOwnerAgent) && in.owner_agent != c.owner_agent) {
    // No waiting for a seller who is no longer the caller's: the call joins
    // its line now (its owned_ entry is filed under the old owner).
    if (c.owner_window) EndOwnerWindow(slot);
    c.owner_agent = in.owner_agent;
  }
  if (f & CallUpdate::kVip) c.vip = in.vip;
  if (f & CallUpdate::kInternal) c.internal = in.internal;
  if (keep_attributes_) {
    CallAttributes& at = attributes_[slot];
    if (f & CallUpdate::kAni) at.ani = in.ani;
    if (f & CallUpdate::kDnis) at.dnis = in.dnis;
    if (f & CallUpdate::kDigits) at.digits = in.digits;
    if (f & CallUpdate::kLanguage) at.language = in.language;
    if (f & CallUpdate::kMarketingSource) at.marketing_source = in.marketing_source;
    if (f & CallUpdate::kIntent) at.intent = in.intent;
    if (f & CallUpdate::kVip) at.vip = in.vip;
    if (f & CallUpdate::kReturning) at.returning = in.returning;
    if (f & CallUpdate::kInternal) at.internal = in.internal;
    if (f & CallUpdate::kOwnerAgent) at.owner_agent = in.owner_agent;
  }
  Drain();
}

void EngineImpl::DoEvent(const CallSetPriority& e) {
  const uint32_t slot = CallSlot(e.call);
  Call& c = calls_[slot];
  const bool in_line = c.in_index;
  RemoveWaiting(slot);
  c.priority = e.priority;
  c.key.neg_priority = -e.priority;  // the entry order (seq) stays
  if (in_line) {
    InsertWaiting(slot);
    pending_calls_.push_back(slot);
  }
  Drain();
}

}  // namespace acd::core
