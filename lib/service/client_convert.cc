#include "service/client_convert.h"

#include <string>
#include <type_traits>
#include <variant>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "acd/skill_expr.h"
#include "service/enum_names.h"

namespace acd::service {
namespace {

std::string Id(CallId id) { return absl::StrCat(id); }

void Skills(const std::vector<SkillLevel>& in, const CenterConfig& center,
            google::protobuf::RepeatedPtrField<v1::SkillLevel>* out) {
  for (const SkillLevel& s : in) {
    v1::SkillLevel* level = out->Add();
    level->set_skill(s.skill < center.skills.size() ? center.skills[s.skill] : "");
    level->set_level(s.level);
  }
}

void Attributes(const CallAttributes& in, const CenterNames& names, v1::CallAttributes* at) {
  at->set_ani(in.ani);
  at->set_dnis(in.dnis);
  at->set_digits(in.digits);
  at->set_language(in.language);
  at->set_marketing_source(in.marketing_source);
  if (in.intent != Intent::kUnknown) at->set_intent(names.IntentName(in.intent));
  at->set_vip(in.vip);
  at->set_returning(in.returning);
  at->set_internal(in.internal);
  if (in.owner_agent != 0) at->set_owner_agent(names.AgentName(in.owner_agent));
}

template <typename E>
absl::StatusOr<E> ByName(absl::string_view field, const std::string& name, int count) {
  E value{};
  if (ParseEnumName(name, count, &value)) return value;
  return absl::InvalidArgumentError(absl::StrCat(field, ": unknown value '", name, "'"));
}

absl::StatusOr<CallId> Call(absl::string_view field, const std::string& name) {
  CallId id = 0;
  if (!absl::SimpleAtoi(name, &id) || id == 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": '", name, "' is not a call id"));
  }
  return id;
}

}  // namespace

absl::StatusOr<v1::Event> EventToProto(const EventBody& body, const CenterConfig& center,
                                       const CenterNames& names) {
  v1::Event out;
  absl::Status status;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, AgentLogin>) {
          out.mutable_agent_login()->set_agent(names.AgentName(e.agent));
          out.mutable_agent_login()->set_not_ready(!e.ready);
        } else if constexpr (std::is_same_v<T, AgentLogout>) {
          out.mutable_agent_logout()->set_agent(names.AgentName(e.agent));
        } else if constexpr (std::is_same_v<T, AgentReady>) {
          out.mutable_agent_ready()->set_agent(names.AgentName(e.agent));
          if (e.queue) out.mutable_agent_ready()->set_queue(names.QueueName(*e.queue));
        } else if constexpr (std::is_same_v<T, AgentNotReady>) {
          out.mutable_agent_not_ready()->set_agent(names.AgentName(e.agent));
          out.mutable_agent_not_ready()->set_reason(names.ReasonName(e.reason));
          if (e.queue) out.mutable_agent_not_ready()->set_queue(names.QueueName(*e.queue));
        } else if constexpr (std::is_same_v<T, AgentSetSkills>) {
          out.mutable_agent_set_skills()->set_agent(names.AgentName(e.agent));
          Skills(e.skills, center, out.mutable_agent_set_skills()->mutable_skills());
        } else if constexpr (std::is_same_v<T, AgentSetLevel>) {
          v1::AgentSetLevel* s = out.mutable_agent_set_level();
          s->set_agent(names.AgentName(e.agent));
          if (e.queue) s->set_queue(names.QueueName(*e.queue));
          s->set_level(e.level);
        } else if constexpr (std::is_same_v<T, AgentOutsideCall>) {
          out.mutable_agent_outside_call()->set_agent(names.AgentName(e.agent));
          out.mutable_agent_outside_call()->set_on_call(e.on_call);
        } else if constexpr (std::is_same_v<T, CallArrive>) {
          v1::CallArrive* a = out.mutable_call_arrive();
          a->set_call(Id(e.call));
          Attributes(e.attributes, names, a->mutable_attributes());
        } else if constexpr (std::is_same_v<T, CallClassify>) {
          out.mutable_call_classify()->set_call(Id(e.call));
          out.mutable_call_classify()->set_digits(e.digits);
          if (e.intent != Intent::kUnknown) {
            out.mutable_call_classify()->set_intent(names.IntentName(e.intent));
          }
        } else if constexpr (std::is_same_v<T, CallEnqueue>) {
          v1::CallEnqueue* q = out.mutable_call_enqueue();
          q->set_call(Id(e.call));
          q->set_queue(names.QueueName(e.queue));
          q->set_priority(e.priority);
          q->set_min_level(e.min_level);
          q->set_position(e.position);
          q->set_wait_credit_ms(e.wait_credit_ms);
          Skills(std::vector<SkillLevel>(e.required_skills.begin(), e.required_skills.end()),
                 center, q->mutable_required_skills());
          if (!e.skills_expr.always()) q->set_skills_expr(e.skills_expr.ToString(center.skills));
        } else if constexpr (std::is_same_v<T, CallAnswer>) {
          out.mutable_call_answer()->set_call(Id(e.call));
          out.mutable_call_answer()->set_agent(names.AgentName(e.agent));
        } else if constexpr (std::is_same_v<T, CallDecline>) {
          out.mutable_call_decline()->set_call(Id(e.call));
          out.mutable_call_decline()->set_agent(names.AgentName(e.agent));
          out.mutable_call_decline()->set_busy(e.reason == DeclineReason::kBusy);
          out.mutable_call_decline()->set_unavailable(e.reason == DeclineReason::kUnavailable);
        } else if constexpr (std::is_same_v<T, CallHangup>) {
          out.mutable_call_hangup()->set_call(Id(e.call));
        } else if constexpr (std::is_same_v<T, CallEndTalk>) {
          out.mutable_call_end_talk()->set_call(Id(e.call));
          if (e.by != EndedBy::kUnknown) {
            out.mutable_call_end_talk()->set_by(std::string(ToString(e.by)));
          }
        } else if constexpr (std::is_same_v<T, CallHold>) {
          out.mutable_call_hold()->set_call(Id(e.call));
        } else if constexpr (std::is_same_v<T, CallResume>) {
          out.mutable_call_resume()->set_call(Id(e.call));
        } else if constexpr (std::is_same_v<T, CallUpdate>) {
          v1::CallUpdate* u = out.mutable_call_update();
          u->set_call(Id(e.call));
          static constexpr std::pair<const char*, uint32_t> kFields[] = {
              {"ani", CallUpdate::kAni}, {"dnis", CallUpdate::kDnis},
              {"digits", CallUpdate::kDigits}, {"language", CallUpdate::kLanguage},
              {"marketing_source", CallUpdate::kMarketingSource},
              {"intent", CallUpdate::kIntent}, {"vip", CallUpdate::kVip},
              {"returning", CallUpdate::kReturning}, {"internal", CallUpdate::kInternal},
              {"owner_agent", CallUpdate::kOwnerAgent}};
          for (const auto& [name, bit] : kFields) {
            if ((e.fields & bit) != 0) u->add_fields(name);
          }
          Attributes(e.attributes, names, u->mutable_attributes());
        } else if constexpr (std::is_same_v<T, CallSetPriority>) {
          out.mutable_call_set_priority()->set_call(Id(e.call));
          out.mutable_call_set_priority()->set_priority(e.priority);
        } else if constexpr (std::is_same_v<T, OutboundCall>) {
          out.mutable_outbound_call()->set_call(Id(e.call));
          out.mutable_outbound_call()->set_agent(names.AgentName(e.agent));
        } else if constexpr (std::is_same_v<T, CallTransferToAgent>) {
          out.mutable_call_transfer_to_agent()->set_call(Id(e.call));
          out.mutable_call_transfer_to_agent()->set_agent(names.AgentName(e.agent));
        } else if constexpr (std::is_same_v<T, CallMove>) {
          out.mutable_call_move()->set_call(Id(e.call));
          out.mutable_call_move()->set_position(e.position);
        } else if constexpr (std::is_same_v<T, CallConsult>) {
          v1::CallConsult* c = out.mutable_call_consult();
          c->set_call(Id(e.call));
          c->set_consult(Id(e.consult));
          if (e.agent != 0) {
            c->set_agent(names.AgentName(e.agent));
          } else {
            c->set_queue(names.QueueName(e.queue));
          }
        } else if constexpr (std::is_same_v<T, CallConsultEnd>) {
          out.mutable_call_consult_end()->set_call(Id(e.call));
          out.mutable_call_consult_end()->set_complete(e.complete);
        } else if constexpr (std::is_same_v<T, CallTransfer>) {
          out.mutable_call_transfer()->set_call(Id(e.call));
          out.mutable_call_transfer()->set_queue(names.QueueName(e.queue));
          out.mutable_call_transfer()->set_priority(e.priority);
        } else if constexpr (std::is_same_v<T, CallRoute>) {
          out.mutable_call_route()->set_call(Id(e.call));
          out.mutable_call_route()->set_disposition(std::string(ToString(e.disposition)));
        } else if constexpr (std::is_same_v<T, CallbackRequest>) {
          v1::CallbackRequest* c = out.mutable_callback_request();
          c->set_callback(Id(e.callback));
          c->set_from_call(Id(e.from_call));
          c->set_number(e.number);
          c->set_window_from_ms(e.window_from_ms);
          c->set_window_to_ms(e.window_to_ms);
        } else if constexpr (std::is_same_v<T, CallbackResult>) {
          out.mutable_callback_result()->set_callback(Id(e.callback));
          out.mutable_callback_result()->set_outcome(std::string(ToString(e.outcome)));
        } else {
          static_assert(sizeof(T) == 0, "every event kind has a message");
        }
      },
      body);
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<Command> CommandFromProto(const v1::Command& in, const CenterNames& names) {
  Command out;
  out.time_ms = in.time_ms();
  switch (in.body_case()) {
    case v1::Command::kOffer: {
      const v1::Offer& c = in.offer();
      Offer o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("offer.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("offer.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("offer.queue", c.queue()));
      o.ring_timeout_ms = c.ring_timeout_ms();
      o.ring_all = c.ring_all();
      o.preferred = c.preferred();
      o.callback = c.callback();
      if (!c.transfer_from().empty()) {
        ACD_ASSIGN_OR_RETURN(o.transfer_from,
                             names.ResolveAgent("offer.transfer_from", c.transfer_from()));
      }
      out.body = o;
      break;
    }
    case v1::Command::kCancelOffer: {
      const v1::CancelOffer& c = in.cancel_offer();
      CancelOffer o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("cancel_offer.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("cancel_offer.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.reason, ByName<CancelReason>("cancel_offer.reason", c.reason(), 7));
      out.body = o;
      break;
    }
    case v1::Command::kCallQueued: {
      const v1::CallQueued& c = in.call_queued();
      CallQueued o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("call_queued.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("call_queued.queue", c.queue()));
      o.waiting = c.waiting();
      out.body = o;
      break;
    }
    case v1::Command::kCallConnected: {
      const v1::CallConnected& c = in.call_connected();
      CallConnected o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("call_connected.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("call_connected.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("call_connected.queue", c.queue()));
      o.wait_ms = c.wait_ms();
      if (!c.transfer_from().empty()) {
        ACD_ASSIGN_OR_RETURN(o.transfer_from,
                             names.ResolveAgent("call_connected.transfer_from", c.transfer_from()));
      }
      out.body = o;
      break;
    }
    case v1::Command::kRouteCall: {
      const v1::RouteCall& c = in.route_call();
      RouteCall o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("route_call.call", c.call()));
      if (!c.from_queue().empty() && c.from_queue()[0] != '#') {
        ACD_ASSIGN_OR_RETURN(o.from_queue, names.ResolveQueue("route_call.from_queue", c.from_queue()));
      }
      ACD_ASSIGN_OR_RETURN(o.kind, ByName<OverflowKind>("route_call.kind", c.kind(), 7));
      if (!c.to_queue().empty()) {
        ACD_ASSIGN_OR_RETURN(o.to_queue, names.ResolveQueue("route_call.to_queue", c.to_queue()));
      }
      ACD_ASSIGN_OR_RETURN(o.cause, ByName<RouteCause>("route_call.cause", c.cause(), 9));
      o.rule = c.rule();
      o.target = c.target();
      out.body = o;
      break;
    }
    case v1::Command::kCallEnded: {
      const v1::CallEnded& c = in.call_ended();
      CallEnded o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("call_ended.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.disposition,
              ByName<Disposition>("call_ended.disposition", c.disposition(), kDispositionCount));
      o.queued = c.queued();
      if (c.queued()) ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("call_ended.queue", c.queue()));
      if (!c.agent().empty()) ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("call_ended.agent", c.agent()));
      o.wait_ms = c.wait_ms();
      o.talk_ms = c.talk_ms();
      o.hold_ms = c.hold_ms();
      ACD_ASSIGN_OR_RETURN(o.ended_by, ByName<EndedBy>("call_ended.ended_by", c.ended_by(), 3));
      out.body = o;
      break;
    }
    case v1::Command::kAgentStateChanged: {
      const v1::AgentStateChanged& c = in.agent_state_changed();
      AgentStateChanged o;
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("agent_state_changed.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.state, ByName<AgentState>("agent_state_changed.state", c.state(), 6));
      ACD_ASSIGN_OR_RETURN(o.reason, names.ResolveReason("agent_state_changed.reason", c.reason()));
      out.body = o;
      break;
    }
    case v1::Command::kAgentLevelChanged: {
      const v1::AgentLevelChanged& c = in.agent_level_changed();
      AgentLevelChanged o;
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("agent_level_changed.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("agent_level_changed.queue", c.queue()));
      o.level = c.level();
      out.body = o;
      break;
    }
    case v1::Command::kAgentPauseChanged: {
      const v1::AgentPauseChanged& c = in.agent_pause_changed();
      AgentPauseChanged o;
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("agent_pause_changed.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("agent_pause_changed.queue", c.queue()));
      o.paused = c.paused();
      if (!c.reason().empty()) {
        ACD_ASSIGN_OR_RETURN(o.reason, names.ResolveReason("agent_pause_changed.reason", c.reason()));
      }
      out.body = o;
      break;
    }
    case v1::Command::kRuleApplied: {
      const v1::RuleApplied& c = in.rule_applied();
      RuleApplied o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("rule_applied.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("rule_applied.queue", c.queue()));
      o.rule = c.rule();
      o.held = c.held();
      o.name = c.name();
      out.body = o;
      break;
    }
    case v1::Command::kAnnounce: {
      const v1::Announce& c = in.announce();
      Announce o;
      ACD_ASSIGN_OR_RETURN(o.call, Call("announce.call", c.call()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("announce.queue", c.queue()));
      o.position = c.position();
      o.more_than = c.more_than();
      o.ewt_ms = c.ewt_ms();
      out.body = o;
      break;
    }
    case v1::Command::kDialCallback: {
      const v1::DialCallback& c = in.dial_callback();
      DialCallback o;
      ACD_ASSIGN_OR_RETURN(o.callback, Call("dial_callback.callback", c.callback()));
      ACD_ASSIGN_OR_RETURN(o.agent, names.ResolveAgent("dial_callback.agent", c.agent()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("dial_callback.queue", c.queue()));
      o.number = c.number();
      o.attempt = c.attempt();
      out.body = o;
      break;
    }
    case v1::Command::kCallbackHeld: {
      const v1::CallbackHeld& c = in.callback_held();
      CallbackHeld o;
      ACD_ASSIGN_OR_RETURN(o.callback, Call("callback_held.callback", c.callback()));
      ACD_ASSIGN_OR_RETURN(o.queue, names.ResolveQueue("callback_held.queue", c.queue()));
      o.until_ms = c.until_ms();
      o.failed_attempts = c.failed_attempts();
      out.body = o;
      break;
    }
    case v1::Command::BODY_NOT_SET:
      return absl::InvalidArgumentError("command: no body");
  }
  return out;
}

}  // namespace acd::service
