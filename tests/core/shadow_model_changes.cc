// ShadowModel: changes to a live call that leave it where it is in its
// life: hold and resume, attribute updates, priority changes, moves in
// the line.
#include <algorithm>
#include <optional>
#include <variant>
#include <vector>

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
  call.media_fixed = true;  // voice
  call.state = CallState::kTalking;
  call.arrived_ms = call.connected_ms = call.first_connected_ms = now_ms_;
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
  if (const auto* e = std::get_if<CallMove>(&body)) return OnMove(*call, e->position, false);
  const CallUpdate& e = std::get<CallUpdate>(body);
  Merge(e, call->attributes);
  if (e.fields & CallUpdate::kAni) call->ani = e.attributes.ani;
  if ((e.fields & CallUpdate::kOwnerAgent) && e.attributes.owner_agent != call->owner) {
    call->owner = e.attributes.owner_agent;
    call->owner_until_ms = 0;  // no more waiting for the former owner
  }
  return absl::OkStatus();
}

template <typename Fn>
void ShadowModel::ForEachPlace(QueueId queue, CallId except, Fn fn) const {
  for (const auto& [id, other] : live_) {
    if (id != except && other.queued && other.queue == queue) fn(other.entry_seq, other.line_ms);
  }
  for (const auto& [ani, place] : left_) {  // expired ones never come back
    if (place.queue == queue && place.until_ms >= now_ms_) fn(place.entry_seq, place.line_ms);
  }
  // A capture whose callback was requested is no place: the callback is,
  // and may have moved since (the engine's ForEachPlace).
  for (const auto& [id, cap] : captures_) {
    if (cap.callback == 0 && cap.wait_queue == queue && cap.until_ms >= now_ms_) {
      fn(cap.entry_seq, cap.line_ms);
    }
  }
}

// The line, worked out from the model alone: the queue's waiting calls in
// line (not held back, not on their way back from an offer, not waiting for
// their owner alone), by priority then entry. The moved call lands with
// position - 1 of the others ahead and takes the priority of the call it
// stands before (at the end: of the last one); a caller joining at a place
// (keep_priority) keeps its own, between the calls of higher and of lower
// priority.
absl::Status ShadowModel::OnMove(ShadowCall& call, uint32_t position, bool keep_priority) {
  if (call.state != CallState::kWaiting || call.held || call.returning || position == 0) {
    return absl::InternalError(absl::StrCat("accepted CallMove for call ", call.id, " in state ",
                                            Name(call.state), " to position ", position));
  }
  std::vector<const ShadowCall*> line;
  for (const auto& [id, other] : live_) {
    if (id != call.id && other.state == CallState::kWaiting && other.queue == call.queue &&
        !other.held && !other.returning && other.owner_until_ms <= now_ms_) {
      line.push_back(&other);
    }
  }
  std::sort(line.begin(), line.end(), [](const ShadowCall* a, const ShadowCall* b) {
    return a->priority != b->priority ? a->priority > b->priority : a->entry_seq < b->entry_seq;
  });
  size_t lo = 0, hi = line.size();
  if (keep_priority) {
    lo = static_cast<size_t>(std::count_if(line.begin(), line.end(), [&](const ShadowCall* o) {
      return o->priority > call.priority;
    }));
    hi = static_cast<size_t>(std::count_if(line.begin(), line.end(), [&](const ShadowCall* o) {
      return o->priority >= call.priority;
    }));
  }
  const size_t at = std::clamp<size_t>(position - 1, lo, hi);
  if (at == hi) {
    if (keep_priority) {
      call.entry_seq = ++entry_seq_;
    } else if (at > 0) {
      call.priority = line[at - 1]->priority;
      call.entry_seq = ++entry_seq_;
    }
  } else {
    const ShadowCall& after = *line[at];
    call.priority = after.priority;
    // Immediately before it: behind every other place of the queue that
    // sorts before it (in line or not, remembered or captured).
    double below = after.entry_seq - 1;
    ForEachPlace(call.queue, call.id, [&](double seq, TimeMs) {
      if (seq < after.entry_seq) below = std::max(below, seq);
    });
    call.entry_seq = (below + after.entry_seq) / 2;
  }
  // Its time in line: the earliest of the places behind it, else the
  // latest of those ahead (within a queue it grows with the entry order).
  std::optional<TimeMs> later, earlier;
  ForEachPlace(call.queue, call.id, [&](double seq, TimeMs line_ms) {
    if (seq > call.entry_seq && (!later || line_ms < *later)) later = line_ms;
    if (seq < call.entry_seq && (!earlier || line_ms > *earlier)) earlier = line_ms;
  });
  if (later || earlier) call.line_ms = later ? *later : *earlier;
  call.last_position = 0;
  touched_.insert(call.id);
  return absl::OkStatus();
}

double ShadowModel::SeqForLine(QueueId queue, TimeMs line_ms, CallId except) {
  std::optional<double> after;  // the first place in line since later
  ForEachPlace(queue, except, [&](double seq, TimeMs l) {
    if (l > line_ms && (!after || seq < *after)) after = seq;
  });
  if (!after) return ++entry_seq_;
  double below = *after - 1;
  ForEachPlace(queue, except, [&](double seq, TimeMs) {
    if (seq < *after) below = std::max(below, seq);
  });
  return (below + *after) / 2;
}

}  // namespace acd::testing
