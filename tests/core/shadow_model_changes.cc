// ShadowModel: changes to a live call that leave it where it is in its
// life: hold and resume, attribute updates, priority changes.
#include <variant>

#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {
namespace {

void Merge(const CallUpdate& e, CallAttributes& at) {
  const CallAttributes& in = e.attributes;
  const uint32_t f = e.fields;
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

}  // namespace

void ShadowModel::EndHold(ShadowCall& call) {
  if (!call.on_hold) return;
  call.hold_ms += now_ms_ - call.hold_since_ms;
  call.on_hold = false;
}

absl::Status ShadowModel::OnOutbound(const OutboundCall& e) {
  ShadowAgent* agent = Agent(e.agent);
  if (live_.contains(e.call) || EndedWithin(e.call, center_.ended_calls_window) ||
      agent == nullptr || agent->presence == Presence::kLoggedOut ||
      agent->load() >= agent->config->capacity) {
    return absl::InternalError(absl::StrCat("accepted OutboundCall ", e.call, " by agent ", e.agent,
                                            ": a used call id, or an agent logged out or full"));
  }
  ShadowCall& call = live_[e.call];
  call.id = e.call;
  call.outbound = true;
  call.state = CallState::kTalking;
  call.arrived_ms = call.connected_ms = now_ms_;
  call.agent = e.agent;
  ++agent->talking;
  ++agent->outbound_today;
  ++outbound_;
  touched_.insert(e.call);
  touched_agents_.insert(e.agent);
  return absl::OkStatus();
}

absl::Status ShadowModel::OnCallChange(const EventBody& body) {
  const CallId id = std::visit([](const auto& e) -> CallId {
    if constexpr (requires { e.call; }) return e.call;
    return 0;
  }, body);
  if (const auto* e = std::get_if<OutboundCall>(&body)) return OnOutbound(*e);
  ShadowCall* call = Live(id);
  if (call == nullptr) return absl::InternalError(absl::StrCat("accepted a change of call ", id, " that is not live"));
  touched_.insert(id);
  if (std::holds_alternative<CallHold>(body) || std::holds_alternative<CallResume>(body)) {
    const bool hold = std::holds_alternative<CallHold>(body);
    if (call->state != CallState::kTalking || call->on_hold == hold) {
      return absl::InternalError(absl::StrCat("accepted ", hold ? "CallHold" : "CallResume",
                                              " for call ", id, " in state ", Name(call->state),
                                              call->on_hold ? " on hold" : ""));
    }
    if (hold) {
      call->on_hold = true;
      call->hold_since_ms = now_ms_;
    } else {
      EndHold(*call);
    }
    return absl::OkStatus();
  }
  if (const auto* e = std::get_if<CallSetPriority>(&body)) {
    if (call->state != CallState::kWaiting) {
      return absl::InternalError(absl::StrCat("accepted CallSetPriority for call ", id,
                                              " in state ", Name(call->state)));
    }
    call->priority = e->priority;
    return absl::OkStatus();
  }
  const CallUpdate& e = std::get<CallUpdate>(body);
  Merge(e, call->attributes);
  if (e.fields & CallUpdate::kAni) call->ani = e.attributes.ani;
  if ((e.fields & CallUpdate::kOwnerAgent) && e.attributes.owner_agent != call->owner) {
    call->owner = e.attributes.owner_agent;
    call->owner_until_ms = 0;  // no more waiting for the former owner
  }
  return absl::OkStatus();
}

}  // namespace acd::testing
