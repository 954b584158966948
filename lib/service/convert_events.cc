// Events in: the service's Event messages to engine events (names to ids).
#include "service/convert.h"

#include <string>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "acd/skill_expr.h"
#include "service/enum_names.h"

namespace acd::service {
namespace {

absl::Status Bad(absl::string_view field, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", reason));
}

struct Ctx {
  const CenterNames& names;
  const CenterConfig& center;
  CallMap& calls;
  absl::string_view adapter;

  absl::StatusOr<CallId> Call(absl::string_view field, const std::string& id) const {
    return calls.Resolve(field, id, adapter, /*create=*/false);
  }
  absl::StatusOr<CallId> NewCall(absl::string_view field, const std::string& id) const {
    bool created = false;
    absl::StatusOr<CallId> call = calls.Resolve(field, id, adapter, /*create=*/true, &created);
    // A repeat of the arrival resolves to the same id; the engine then
    // tells a repeated event from a second arrival under one call id.
    return call;
  }
  absl::StatusOr<AgentId> Agent(absl::string_view field, const std::string& name) const {
    return names.ResolveAgent(field, name);
  }
};

absl::StatusOr<std::vector<SkillLevel>> Skills(
    absl::string_view field, const google::protobuf::RepeatedPtrField<v1::SkillLevel>& in,
    const CenterNames& names) {
  std::vector<SkillLevel> out;
  for (int i = 0; i < in.size(); ++i) {
    const std::string f = absl::StrCat(field, "[", i, "]");
    SkillLevel level;
    ACD_ASSIGN_OR_RETURN(level.skill, names.ResolveSkill(absl::StrCat(f, ".skill"), in[i].skill()));
    if (in[i].level() < kMinLevel || in[i].level() > kMaxLevel) {
      return Bad(absl::StrCat(f, ".level"),
                 absl::StrCat(in[i].level(), " is outside ", kMinLevel, "..", kMaxLevel));
    }
    level.level = in[i].level();
    out.push_back(level);
  }
  return out;
}

// The attributes of a call arrival or update, from the message.
absl::Status Attributes(absl::string_view field, const v1::CallAttributes& a, const Ctx& c,
                        CallAttributes* out) {
  out->ani = a.ani();
  out->dnis = a.dnis();
  out->digits = a.digits();
  out->language = a.language();
  out->marketing_source = a.marketing_source();
  if (!a.intent().empty()) {
    ACD_ASSIGN_OR_RETURN(out->intent,
                         c.names.ResolveIntent(absl::StrCat(field, ".intent"), a.intent()));
  }
  out->vip = a.vip();
  out->returning = a.returning();
  out->internal = a.internal();
  if (!a.owner_agent().empty()) {
    ACD_ASSIGN_OR_RETURN(out->owner_agent, c.Agent(absl::StrCat(field, ".owner_agent"), a.owner_agent()));
  }
  return absl::OkStatus();
}

absl::StatusOr<EventBody> Update(const v1::CallUpdate& in, const Ctx& c) {
  static constexpr std::pair<const char*, uint32_t> kFields[] = {
      {"ani", CallUpdate::kAni},
      {"dnis", CallUpdate::kDnis},
      {"digits", CallUpdate::kDigits},
      {"language", CallUpdate::kLanguage},
      {"marketing_source", CallUpdate::kMarketingSource},
      {"intent", CallUpdate::kIntent},
      {"vip", CallUpdate::kVip},
      {"returning", CallUpdate::kReturning},
      {"internal", CallUpdate::kInternal},
      {"owner_agent", CallUpdate::kOwnerAgent},
  };
  CallUpdate out;
  for (int i = 0; i < in.fields_size(); ++i) {
    uint32_t bit = 0;
    for (const auto& [name, value] : kFields) {
      if (in.fields(i) == name) bit = value;
    }
    if (bit == 0) {
      return Bad(absl::StrCat("event.call_update.fields[", i, "]"),
                 absl::StrCat("'", in.fields(i), "' is not an attribute (ani, dnis, digits, "
                              "language, marketing_source, intent, vip, returning, internal, "
                              "owner_agent)"));
    }
    out.fields |= bit;
  }
  if (out.fields == 0) return Bad("event.call_update.fields", "names no attribute to change");
  if (absl::Status s = Attributes("event.call_update.attributes", in.attributes(), c,
                                  &out.attributes);
      !s.ok()) {
    return s;
  }
  ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_update.call", in.call()));
  return out;
}

absl::StatusOr<EventBody> Arrive(const v1::CallArrive& in, const Ctx& c) {
  CallArrive out;
  if (absl::Status s = Attributes("event.call_arrive.attributes", in.attributes(), c,
                                  &out.attributes);
      !s.ok()) {
    return s;
  }
  ACD_ASSIGN_OR_RETURN(out.call, c.NewCall("event.call_arrive.call", in.call()));
  return out;
}

absl::StatusOr<EventBody> Enqueue(const v1::CallEnqueue& in, const Ctx& c) {
  CallEnqueue out;
  ACD_ASSIGN_OR_RETURN(out.queue, c.names.ResolveQueue("event.call_enqueue.queue", in.queue()));
  out.priority = in.priority();
  out.min_level = in.min_level() == 0 ? kMinLevel : in.min_level();
  out.position = in.position();
  out.wait_credit_ms = in.wait_credit_ms();
  std::vector<SkillLevel> skills;
  ACD_ASSIGN_OR_RETURN(skills, Skills("event.call_enqueue.required_skills", in.required_skills(), c.names));
  out.required_skills.assign(skills.begin(), skills.end());
  if (!in.skills_expr().empty()) {
    ACD_ASSIGN_OR_RETURN(out.skills_expr, ParseSkillExpr(in.skills_expr(), c.names.skills(),
                                               "event.call_enqueue.skills_expr"));
  }
  ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_enqueue.call", in.call()));
  return out;
}

absl::StatusOr<EventBody> Callback(const v1::CallbackRequest& in, const Ctx& c) {
  CallbackRequest out;
  ACD_ASSIGN_OR_RETURN(out.from_call, c.Call("event.callback_request.from_call", in.from_call()));
  out.number = in.number();
  out.window_from_ms = in.window_from_ms();
  out.window_to_ms = in.window_to_ms();
  ACD_ASSIGN_OR_RETURN(out.callback, c.NewCall("event.callback_request.callback", in.callback()));
  return out;
}

absl::StatusOr<EventBody> Body(const v1::Event& in, const Ctx& c) {
  switch (in.body_case()) {
    case v1::Event::kCallArrive:
      return Arrive(in.call_arrive(), c);
    case v1::Event::kCallClassify: {
      CallClassify out;
      out.digits = in.call_classify().digits();
      const std::string& intent = in.call_classify().intent();
      if (!intent.empty()) {
        ACD_ASSIGN_OR_RETURN(out.intent, c.names.ResolveIntent("event.call_classify.intent", intent));
      }
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_classify.call", in.call_classify().call()));
      return out;
    }
    case v1::Event::kCallEnqueue:
      return Enqueue(in.call_enqueue(), c);
    case v1::Event::kCallAnswer: {
      CallAnswer out;
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.call_answer.agent", in.call_answer().agent()));
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_answer.call", in.call_answer().call()));
      return out;
    }
    case v1::Event::kCallDecline: {
      CallDecline out;
      const v1::CallDecline& d = in.call_decline();
      if (d.busy() && d.unavailable()) {
        return absl::InvalidArgumentError(
            "event.call_decline.unavailable: a line is busy or unavailable, not both");
      }
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.call_decline.agent", d.agent()));
      out.reason = d.busy()          ? DeclineReason::kBusy
                   : d.unavailable() ? DeclineReason::kUnavailable
                                     : DeclineReason::kDeclined;
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_decline.call", d.call()));
      return out;
    }
    case v1::Event::kCallHangup: {
      CallHangup out;
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_hangup.call", in.call_hangup().call()));
      return out;
    }
    case v1::Event::kCallEndTalk: {
      CallEndTalk out;
      const std::string& by = in.call_end_talk().by();
      if (!by.empty() && !ParseEnumName(by, 3, &out.by)) {
        return Bad("event.call_end_talk.by",
                   absl::StrCat("'", by, "' is neither caller nor agent"));
      }
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_end_talk.call", in.call_end_talk().call()));
      return out;
    }
    case v1::Event::kCallHold: {
      CallHold out;
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_hold.call", in.call_hold().call()));
      return out;
    }
    case v1::Event::kCallResume: {
      CallResume out;
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_resume.call", in.call_resume().call()));
      return out;
    }
    case v1::Event::kCallUpdate:
      return Update(in.call_update(), c);
    case v1::Event::kCallSetPriority: {
      CallSetPriority out;
      out.priority = in.call_set_priority().priority();
      ACD_ASSIGN_OR_RETURN(out.call,
                 c.Call("event.call_set_priority.call", in.call_set_priority().call()));
      return out;
    }
    case v1::Event::kOutboundCall: {
      OutboundCall out;
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.outbound_call.agent", in.outbound_call().agent()));
      ACD_ASSIGN_OR_RETURN(out.call, c.NewCall("event.outbound_call.call", in.outbound_call().call()));
      return out;
    }
    case v1::Event::kCallTransferToAgent: {
      CallTransferToAgent out;
      const v1::CallTransferToAgent& e = in.call_transfer_to_agent();
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.call_transfer_to_agent.agent", e.agent()));
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_transfer_to_agent.call", e.call()));
      return out;
    }
    case v1::Event::kCallMove: {
      CallMove out;
      out.position = in.call_move().position();
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_move.call", in.call_move().call()));
      return out;
    }
    case v1::Event::kCallConsult: {
      CallConsult out;
      const v1::CallConsult& e = in.call_consult();
      if (e.agent().empty() == e.queue().empty()) {
        return Bad("event.call_consult.agent", "name either a colleague (agent) or a queue, not both or neither");
      }
      if (!e.agent().empty()) {
        ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.call_consult.agent", e.agent()));
      } else {
        ACD_ASSIGN_OR_RETURN(out.queue, c.names.ResolveQueue("event.call_consult.queue", e.queue()));
      }
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_consult.call", e.call()));
      ACD_ASSIGN_OR_RETURN(out.consult, c.NewCall("event.call_consult.consult", e.consult()));
      return out;
    }
    case v1::Event::kCallConsultEnd: {
      CallConsultEnd out;
      out.complete = in.call_consult_end().complete();
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_consult_end.call", in.call_consult_end().call()));
      return out;
    }
    case v1::Event::kCallTransfer: {
      CallTransfer out;
      ACD_ASSIGN_OR_RETURN(out.queue,
                 c.names.ResolveQueue("event.call_transfer.queue", in.call_transfer().queue()));
      out.priority = in.call_transfer().priority();
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_transfer.call", in.call_transfer().call()));
      return out;
    }
    case v1::Event::kCallRoute: {
      CallRoute out;
      const std::string& d = in.call_route().disposition();
      if (!ParseEnumName(d, kDispositionCount, &out.disposition)) {
        return Bad("event.call_route.disposition", absl::StrCat("unknown disposition '", d, "'"));
      }
      ACD_ASSIGN_OR_RETURN(out.call, c.Call("event.call_route.call", in.call_route().call()));
      return out;
    }
    case v1::Event::kCallbackRequest:
      return Callback(in.callback_request(), c);
    case v1::Event::kCallbackResult: {
      CallbackResult out;
      const std::string& o = in.callback_result().outcome();
      if (!ParseEnumName(o, 5, &out.outcome)) {
        return Bad("event.callback_result.outcome", absl::StrCat("unknown outcome '", o, "'"));
      }
      ACD_ASSIGN_OR_RETURN(out.callback,
                 c.Call("event.callback_result.callback", in.callback_result().callback()));
      return out;
    }
    case v1::Event::kAgentLogin: {
      AgentLogin out;
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.agent_login.agent", in.agent_login().agent()));
      out.ready = !in.agent_login().not_ready();
      return out;
    }
    case v1::Event::kAgentLogout: {
      AgentLogout out;
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.agent_logout.agent", in.agent_logout().agent()));
      return out;
    }
    case v1::Event::kAgentReady: {
      AgentReady out;
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.agent_ready.agent", in.agent_ready().agent()));
      if (!in.agent_ready().queue().empty()) {
        ACD_ASSIGN_OR_RETURN(out.queue, c.names.ResolveQueue("event.agent_ready.queue",
                                                             in.agent_ready().queue()));
      }
      return out;
    }
    case v1::Event::kAgentNotReady: {
      AgentNotReady out;
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.agent_not_ready.agent", in.agent_not_ready().agent()));
      const std::string& reason = in.agent_not_ready().reason();
      out.reason = NotReadyReason::kUnspecified;
      if (!reason.empty()) {
        ACD_ASSIGN_OR_RETURN(out.reason, c.names.ResolveReason("event.agent_not_ready.reason", reason));
      }
      if (!in.agent_not_ready().queue().empty()) {
        ACD_ASSIGN_OR_RETURN(out.queue, c.names.ResolveQueue("event.agent_not_ready.queue",
                                                             in.agent_not_ready().queue()));
      }
      return out;
    }
    case v1::Event::kAgentSetSkills: {
      AgentSetSkills out;
      ACD_ASSIGN_OR_RETURN(out.agent,
                 c.Agent("event.agent_set_skills.agent", in.agent_set_skills().agent()));
      ACD_ASSIGN_OR_RETURN(out.skills,
                 Skills("event.agent_set_skills.skills", in.agent_set_skills().skills(), c.names));
      return out;
    }
    case v1::Event::kAgentSetLevel: {
      AgentSetLevel out;
      const v1::AgentSetLevel& e = in.agent_set_level();
      ACD_ASSIGN_OR_RETURN(out.agent, c.Agent("event.agent_set_level.agent", e.agent()));
      if (!e.queue().empty()) {
        ACD_ASSIGN_OR_RETURN(out.queue, c.names.ResolveQueue("event.agent_set_level.queue", e.queue()));
      }
      out.level = e.level();  // the engine checks the range
      return out;
    }
    case v1::Event::kAgentOutsideCall: {
      AgentOutsideCall out;
      ACD_ASSIGN_OR_RETURN(out.agent,
                 c.Agent("event.agent_outside_call.agent", in.agent_outside_call().agent()));
      out.on_call = in.agent_outside_call().on_call();
      return out;
    }
    case v1::Event::BODY_NOT_SET:
      break;
  }
  return Bad("event", "no event body (call_arrive, call_enqueue, agent_login, ...)");
}

}  // namespace

absl::StatusOr<EventBody> ToEngine(const v1::Event& in, const CenterNames& names,
                                   const CenterConfig& center, CallMap& calls,
                                   absl::string_view adapter) {
  return Body(in, Ctx{names, center, calls, adapter});
}

std::string ExternalCallOf(const v1::Event& event) {
  const google::protobuf::Reflection* r = event.GetReflection();
  const google::protobuf::OneofDescriptor* body = event.GetDescriptor()->FindOneofByName("body");
  const google::protobuf::FieldDescriptor* set = r->GetOneofFieldDescriptor(event, body);
  if (set == nullptr) return "";
  const google::protobuf::Message& m = r->GetMessage(event, set);
  for (const char* name : {"call", "callback"}) {
    const google::protobuf::FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(name);
    if (f != nullptr && f->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      return m.GetReflection()->GetString(m, f);
    }
  }
  return "";
}

}  // namespace acd::service
