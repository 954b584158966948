// The byte form of engine input events (acd/event_codec.h). Each event kind
// has a Put and a Get over the same fields in the same order; the kind byte
// is the EventBody variant index, so a new kind is appended at the end.
#include "acd/event_codec.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/state_codec.h"

namespace acd {
namespace {

using core::GetEnum;
using core::PutEnum;

AgentId GetId32(ByteReader& r) { return static_cast<AgentId>(r.GetVarintAtMost(UINT32_MAX)); }

void Put(ByteWriter& w, const AgentLogin& e) { w.PutVarint(e.agent); w.PutBool(e.ready); }
void Get(ByteReader& r, AgentLogin& e) { e.agent = GetId32(r); e.ready = r.GetBool(); }
void Put(ByteWriter& w, const AgentLogout& e) { w.PutVarint(e.agent); }
void Get(ByteReader& r, AgentLogout& e) { e.agent = GetId32(r); }
// An optional queue: 0 = none (every queue), else the queue id + 1.
void PutQueue(ByteWriter& w, const std::optional<QueueId>& queue) {
  w.PutVarint(queue ? uint64_t{*queue} + 1 : 0);
}
void GetQueue(ByteReader& r, std::optional<QueueId>& queue) {
  const uint64_t q = r.GetVarintAtMost(uint64_t{UINT32_MAX} + 1);
  if (q != 0) queue = static_cast<QueueId>(q - 1);
}
void Put(ByteWriter& w, const AgentReady& e) {
  w.PutVarint(e.agent);
  PutQueue(w, e.queue);  // version 8
}
void Get(ByteReader& r, AgentReady& e, uint32_t version) {
  e.agent = GetId32(r);
  if (version >= 8) GetQueue(r, e.queue);  // before: every queue
}
void Put(ByteWriter& w, const AgentNotReady& e) {
  w.PutVarint(e.agent);
  PutEnum(w, e.reason);
  PutQueue(w, e.queue);  // version 8
}
void Get(ByteReader& r, AgentNotReady& e, uint32_t version) {
  e.agent = GetId32(r);
  e.reason = GetEnum(r, core::kLastNotReadyReason);
  if (version >= 8) GetQueue(r, e.queue);  // before: every queue
}
void Put(ByteWriter& w, const AgentSetSkills& e) {
  w.PutVarint(e.agent);
  core::PutSkills(w, e.skills);
}
void Get(ByteReader& r, AgentSetSkills& e) { e.agent = GetId32(r); core::GetSkills(r, e.skills); }
// queue: 0 = every queue, else the queue id + 1.
void Put(ByteWriter& w, const AgentSetLevel& e) {
  w.PutVarint(e.agent);
  PutQueue(w, e.queue);
  w.PutSigned(e.level);
}
void Get(ByteReader& r, AgentSetLevel& e) {
  e.agent = GetId32(r);
  GetQueue(r, e.queue);
  e.level = static_cast<int>(r.GetSigned());
}
void Put(ByteWriter& w, const AgentOutsideCall& e) { w.PutVarint(e.agent); w.PutBool(e.on_call); }
void Get(ByteReader& r, AgentOutsideCall& e) { e.agent = GetId32(r); e.on_call = r.GetBool(); }

void PutAttributes(ByteWriter& w, const CallAttributes& a) {
  for (const std::string* s : {&a.ani, &a.dnis, &a.digits, &a.language, &a.marketing_source}) {
    w.PutBytes(*s);
  }
  PutEnum(w, a.intent);
  w.PutBool(a.vip);
  w.PutBool(a.returning);
  w.PutBool(a.internal);
  w.PutVarint(a.owner_agent);
}
void GetAttributes(ByteReader& r, CallAttributes& a) {
  for (std::string* s : {&a.ani, &a.dnis, &a.digits, &a.language, &a.marketing_source}) {
    *s = r.GetString();
  }
  a.intent = GetEnum(r, core::kLastIntent);
  a.vip = r.GetBool();
  a.returning = r.GetBool();
  a.internal = r.GetBool();
  a.owner_agent = GetId32(r);
}
void Put(ByteWriter& w, const CallArrive& e) { w.PutVarint(e.call); PutAttributes(w, e.attributes); }
void Get(ByteReader& r, CallArrive& e) { e.call = r.GetVarint(); GetAttributes(r, e.attributes); }
void Put(ByteWriter& w, const CallUpdate& e) {
  w.PutVarint(e.call);
  w.PutVarint(e.fields);
  PutAttributes(w, e.attributes);
}
void Get(ByteReader& r, CallUpdate& e) {
  e.call = r.GetVarint();
  e.fields = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  GetAttributes(r, e.attributes);
}
void Put(ByteWriter& w, const CallClassify& e) {
  w.PutVarint(e.call);
  w.PutBytes(e.digits);
  PutEnum(w, e.intent);
}
void Get(ByteReader& r, CallClassify& e) {
  e.call = r.GetVarint();
  e.digits = r.GetString();
  e.intent = GetEnum(r, core::kLastIntent);
}
void Put(ByteWriter& w, const CallEnqueue& e) {
  w.PutVarint(e.call);
  w.PutVarint(e.queue);
  w.PutSigned(e.priority);
  w.PutSigned(e.min_level);
  core::PutSkills(w, e.required_skills);
  core::PutSkillExpr(w, e.skills_expr);
  w.PutVarint(e.position);  // version 5
  w.PutSigned(e.wait_credit_ms);  // version 6
}
void Get(ByteReader& r, CallEnqueue& e, uint32_t version) {
  e.call = r.GetVarint();
  e.queue = GetId32(r);
  e.priority = static_cast<int>(r.GetSigned());
  e.min_level = static_cast<int>(r.GetSigned());
  core::GetSkills(r, e.required_skills);
  e.skills_expr = core::GetSkillExpr(r);
  if (version >= 5) e.position = GetId32(r);  // before: the end of its priority
  if (version >= 6) e.wait_credit_ms = r.GetSigned();  // before: no adjustment
}
void Put(ByteWriter& w, const CallAnswer& e) { w.PutVarint(e.call); w.PutVarint(e.agent); }
void Get(ByteReader& r, CallAnswer& e) { e.call = r.GetVarint(); e.agent = GetId32(r); }
void Put(ByteWriter& w, const CallDecline& e) {
  w.PutVarint(e.call);
  w.PutVarint(e.agent);
  PutEnum(w, e.reason);
}
void Get(ByteReader& r, CallDecline& e) {
  e.call = r.GetVarint();
  e.agent = GetId32(r);
  e.reason = GetEnum(r, DeclineReason::kUnavailable);
}
void Put(ByteWriter& w, const CallHangup& e) { w.PutVarint(e.call); }
void Get(ByteReader& r, CallHangup& e) { e.call = r.GetVarint(); }
void Put(ByteWriter& w, const CallEndTalk& e) { w.PutVarint(e.call); PutEnum(w, e.by); }
void Get(ByteReader& r, CallEndTalk& e, uint32_t version) {
  e.call = r.GetVarint();
  if (version >= 2) e.by = GetEnum(r, EndedBy::kAgent);  // version 1: not said
}
void Put(ByteWriter& w, const CallHold& e) { w.PutVarint(e.call); }
void Get(ByteReader& r, CallHold& e) { e.call = r.GetVarint(); }
void Put(ByteWriter& w, const CallResume& e) { w.PutVarint(e.call); }
void Get(ByteReader& r, CallResume& e) { e.call = r.GetVarint(); }
void Put(ByteWriter& w, const OutboundCall& e) { w.PutVarint(e.call); w.PutVarint(e.agent); }
void Get(ByteReader& r, OutboundCall& e) { e.call = r.GetVarint(); e.agent = GetId32(r); }
void Put(ByteWriter& w, const CallTransferToAgent& e) { w.PutVarint(e.call); w.PutVarint(e.agent); }
void Get(ByteReader& r, CallTransferToAgent& e) { e.call = r.GetVarint(); e.agent = GetId32(r); }
void Put(ByteWriter& w, const CallMove& e) { w.PutVarint(e.call); w.PutVarint(e.position); }
void Get(ByteReader& r, CallMove& e) { e.call = r.GetVarint(); e.position = GetId32(r); }
void Put(ByteWriter& w, const CallConsult& e) {
  w.PutVarint(e.call);
  w.PutVarint(e.consult);
  w.PutVarint(e.agent);
  w.PutVarint(e.queue);
}
void Get(ByteReader& r, CallConsult& e) {
  e.call = r.GetVarint();
  e.consult = r.GetVarint();
  e.agent = GetId32(r);
  e.queue = GetId32(r);
}
void Put(ByteWriter& w, const CallConsultEnd& e) { w.PutVarint(e.call); w.PutBool(e.complete); }
void Get(ByteReader& r, CallConsultEnd& e) {
  e.call = r.GetVarint();
  e.complete = r.GetBool();
}
void Put(ByteWriter& w, const CallSetPriority& e) { w.PutVarint(e.call); w.PutSigned(e.priority); }
void Get(ByteReader& r, CallSetPriority& e) {
  e.call = r.GetVarint();
  e.priority = static_cast<int>(r.GetSigned());
}
void Put(ByteWriter& w, const CallTransfer& e) {
  w.PutVarint(e.call);
  w.PutVarint(e.queue);
  w.PutSigned(e.priority);
}
void Get(ByteReader& r, CallTransfer& e) {
  e.call = r.GetVarint();
  e.queue = GetId32(r);
  e.priority = static_cast<int>(r.GetSigned());
}
void Put(ByteWriter& w, const CallRoute& e) { w.PutVarint(e.call); PutEnum(w, e.disposition); }
void Get(ByteReader& r, CallRoute& e) {
  e.call = r.GetVarint();
  e.disposition = GetEnum(r, core::kLastDisposition);
}
void Put(ByteWriter& w, const CallbackRequest& e) {
  w.PutVarint(e.callback);
  w.PutVarint(e.from_call);
  w.PutBytes(e.number);
  w.PutSigned(e.window_from_ms);
  w.PutSigned(e.window_to_ms);
}
void Get(ByteReader& r, CallbackRequest& e) {
  e.callback = r.GetVarint();
  e.from_call = r.GetVarint();
  e.number = r.GetString();
  e.window_from_ms = r.GetSigned();
  e.window_to_ms = r.GetSigned();
}
void Put(ByteWriter& w, const CallbackResult& e) { w.PutVarint(e.callback); PutEnum(w, e.outcome); }
void Get(ByteReader& r, CallbackResult& e) {
  e.callback = r.GetVarint();
  e.outcome = GetEnum(r, core::kLastDialOutcome);
}

// How many event kinds each layout version knows (kinds are appended).
size_t KindsIn(uint32_t version) {
  if (version == 1) return 17;
  if (version == 2) return 22;  // up to OutboundCall
  if (version == 3) return 23;  // up to CallTransferToAgent
  if (version == 4) return 24;  // up to CallMove
  if (version <= 6) return 26;  // up to CallConsultEnd
  return std::variant_size_v<EventBody>;
}

// Decodes the alternative `index` of the variant (compile-time recursion);
// a kind whose layout changed between versions takes the version.
template <size_t I = 0>
void GetBody(ByteReader& r, size_t index, uint32_t version, EventBody& body) {
  if constexpr (I < std::variant_size_v<EventBody>) {
    if (index == I) {
      std::variant_alternative_t<I, EventBody> e;
      if constexpr (requires { Get(r, e, version); }) {
        Get(r, e, version);
      } else {
        Get(r, e);
      }
      body = std::move(e);
      return;
    }
    GetBody<I + 1>(r, index, version, body);
  }
}

}  // namespace

void EncodeEvent(const Event& event, ByteWriter& out) {
  out.PutVarint(event.id);
  out.PutSigned(event.time_ms);
  out.PutU8(static_cast<uint8_t>(event.body.index()));
  std::visit([&out](const auto& e) { Put(out, e); }, event.body);
}

std::string EncodeEvent(const Event& event) {
  ByteWriter w;
  EncodeEvent(event, w);
  return w.Release();
}

absl::StatusOr<Event> DecodeEvent(ByteReader& in, uint32_t version) {
  if (version == 0 || version > kEventCodecVersion) {
    return absl::InvalidArgumentError(absl::StrCat("event version ", version,
                                                   " is not known to this build (up to ",
                                                   kEventCodecVersion, ")"));
  }
  Event event;
  in.set_field("event.id");
  event.id = in.GetVarint();
  in.set_field("event.time_ms");
  event.time_ms = in.GetSigned();
  in.set_field("event.kind");
  const uint8_t kind = in.GetU8();
  if (in.ok() && kind >= KindsIn(version)) in.Fail("unknown event kind");
  if (in.ok()) {
    in.set_field("event.body");
    GetBody(in, kind, version, event.body);
  }
  if (!in.ok()) return in.status();
  return event;
}

absl::StatusOr<Event> DecodeEvent(std::string_view bytes, uint32_t version) {
  ByteReader in(bytes);
  absl::StatusOr<Event> event = DecodeEvent(in, version);
  if (event.ok() && !in.at_end()) {
    return absl::DataLossError(absl::StrCat("event: ", in.remaining(),
                                            " bytes left after the event (offset ", in.offset(),
                                            ")"));
  }
  return event;
}

bool SameEvent(const Event& a, const Event& b) { return EncodeEvent(a) == EncodeEvent(b); }

}  // namespace acd
