// Commands out: engine commands and views to the service's messages (ids
// to names).
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "service/convert.h"

namespace acd::service {

CallId CommandCall(const Command& command) {
  return std::visit(
      [](const auto& body) -> CallId {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, AgentStateChanged> || std::is_same_v<T, AgentLevelChanged> ||
                      std::is_same_v<T, AgentPauseChanged>) {
          return 0;
        } else if constexpr (std::is_same_v<T, DialCallback> || std::is_same_v<T, CallbackHeld>) {
          return body.callback;
        } else {
          return body.call;
        }
      },
      command.body);
}

namespace {

std::string CallName(CallId id, const CallMap& calls) {
  std::optional<CallMap::Owner> owner = calls.Find(id);
  return owner.has_value() ? owner->external : absl::StrCat("#", id);
}

}  // namespace

void ToProto(const SequencedCommand& in, absl::string_view cause_adapter, uint64_t cause_event_id,
             const CenterNames& names, const CallMap& calls, v1::Command* out) {
  out->set_seq(in.seq);
  out->set_time_ms(in.command.time_ms);
  out->set_cause_adapter(std::string(cause_adapter));
  out->set_cause_event_id(cause_event_id);
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, Offer>) {
          v1::Offer* o = out->mutable_offer();
          o->set_call(CallName(c.call, calls));
          o->set_agent(names.AgentName(c.agent));
          o->set_queue(names.QueueName(c.queue));
          o->set_ring_timeout_ms(c.ring_timeout_ms);
          o->set_ring_all(c.ring_all);
          o->set_preferred(c.preferred);
          o->set_callback(c.callback);
          if (c.transfer_from != 0) o->set_transfer_from(names.AgentName(c.transfer_from));
        } else if constexpr (std::is_same_v<T, CancelOffer>) {
          v1::CancelOffer* o = out->mutable_cancel_offer();
          o->set_call(CallName(c.call, calls));
          o->set_agent(names.AgentName(c.agent));
          o->set_reason(std::string(ToString(c.reason)));
        } else if constexpr (std::is_same_v<T, CallQueued>) {
          v1::CallQueued* o = out->mutable_call_queued();
          o->set_call(CallName(c.call, calls));
          o->set_queue(names.QueueName(c.queue));
          o->set_waiting(c.waiting);
        } else if constexpr (std::is_same_v<T, CallConnected>) {
          v1::CallConnected* o = out->mutable_call_connected();
          o->set_call(CallName(c.call, calls));
          o->set_agent(names.AgentName(c.agent));
          o->set_queue(names.QueueName(c.queue));
          o->set_wait_ms(c.wait_ms);
          if (c.transfer_from != 0) o->set_transfer_from(names.AgentName(c.transfer_from));
        } else if constexpr (std::is_same_v<T, RouteCall>) {
          v1::RouteCall* o = out->mutable_route_call();
          o->set_call(CallName(c.call, calls));
          o->set_from_queue(names.QueueName(c.from_queue));
          o->set_kind(std::string(ToString(c.kind)));
          if (c.kind == OverflowKind::kQueue) o->set_to_queue(names.QueueName(c.to_queue));
          o->set_cause(std::string(ToString(c.cause)));
          o->set_rule(c.rule);
          o->set_target(c.target);
        } else if constexpr (std::is_same_v<T, CallEnded>) {
          v1::CallEnded* o = out->mutable_call_ended();
          o->set_call(CallName(c.call, calls));
          o->set_disposition(std::string(ToString(c.disposition)));
          o->set_queued(c.queued);
          if (c.queued) o->set_queue(names.QueueName(c.queue));
          if (c.agent != 0) o->set_agent(names.AgentName(c.agent));
          o->set_wait_ms(c.wait_ms);
          o->set_talk_ms(c.talk_ms);
          o->set_hold_ms(c.hold_ms);
          o->set_ended_by(std::string(ToString(c.ended_by)));
        } else if constexpr (std::is_same_v<T, AgentStateChanged>) {
          v1::AgentStateChanged* o = out->mutable_agent_state_changed();
          o->set_agent(names.AgentName(c.agent));
          o->set_state(std::string(ToString(c.state)));
          o->set_reason(names.ReasonName(c.reason));
        } else if constexpr (std::is_same_v<T, AgentLevelChanged>) {
          v1::AgentLevelChanged* o = out->mutable_agent_level_changed();
          o->set_agent(names.AgentName(c.agent));
          o->set_queue(names.QueueName(c.queue));
          o->set_level(c.level);
        } else if constexpr (std::is_same_v<T, AgentPauseChanged>) {
          v1::AgentPauseChanged* o = out->mutable_agent_pause_changed();
          o->set_agent(names.AgentName(c.agent));
          o->set_queue(names.QueueName(c.queue));
          o->set_paused(c.paused);
          if (c.reason != NotReadyReason::kNone) o->set_reason(names.ReasonName(c.reason));
        } else if constexpr (std::is_same_v<T, RuleApplied>) {
          v1::RuleApplied* o = out->mutable_rule_applied();
          o->set_call(CallName(c.call, calls));
          o->set_queue(names.QueueName(c.queue));
          o->set_rule(c.rule);
          o->set_held(c.held);
          o->set_name(c.name);
        } else if constexpr (std::is_same_v<T, Announce>) {
          v1::Announce* o = out->mutable_announce();
          o->set_call(CallName(c.call, calls));
          o->set_queue(names.QueueName(c.queue));
          o->set_position(c.position);
          o->set_more_than(c.more_than);
          o->set_ewt_ms(c.ewt_ms);
        } else if constexpr (std::is_same_v<T, DialCallback>) {
          v1::DialCallback* o = out->mutable_dial_callback();
          o->set_callback(CallName(c.callback, calls));
          o->set_agent(names.AgentName(c.agent));
          o->set_queue(names.QueueName(c.queue));
          o->set_number(c.number);
          o->set_attempt(c.attempt);
        } else if constexpr (std::is_same_v<T, CallbackHeld>) {
          v1::CallbackHeld* o = out->mutable_callback_held();
          o->set_callback(CallName(c.callback, calls));
          o->set_queue(names.QueueName(c.queue));
          o->set_until_ms(c.until_ms);
          o->set_failed_attempts(c.failed_attempts);
        }
      },
      in.command.body);
}

void ToProto(const CallView& in, const CenterNames& names, const CallMap& calls,
             v1::CallInfo* out) {
  std::optional<CallMap::Owner> owner = calls.Find(in.id);
  out->set_call(owner.has_value() ? owner->external : absl::StrCat("#", in.id));
  if (owner.has_value()) out->set_adapter(owner->adapter);
  out->set_state(std::string(ToString(in.state)));
  if (in.disposition != Disposition::kNone) {
    out->set_disposition(std::string(ToString(in.disposition)));
  }
  if (in.queued) out->set_queue(names.QueueName(in.queue));
  out->set_priority(in.priority);
  out->set_arrived_ms(in.arrived_ms);
  out->set_enqueued_ms(in.enqueued_ms);
  for (AgentId agent : in.ringing) out->add_ringing(names.AgentName(agent));
  if (in.agent != 0) out->set_agent(names.AgentName(in.agent));
  out->set_callback(in.callback);
  out->set_failed_attempts(in.failed_attempts);
  out->set_held_until_ms(in.held_until_ms);
  out->set_on_hold(in.on_hold);
  out->set_hold_ms(in.hold_ms);
  out->set_outbound(in.outbound);
  out->set_transfers(in.transfers);
  out->set_transferring(in.transferring);
  out->set_position(in.position);
  if (in.consult != 0) {
    std::optional<CallMap::Owner> other = calls.Find(in.consult);
    out->set_consult(other.has_value() ? other->external : absl::StrCat("#", in.consult));
  }
  out->set_consult_leg(in.consult_leg);
}

void ToProto(const QueueSnapshot& in, v1::QueueFigures* out) {
  const QueueStats& s = in.stats;
  out->set_name(in.name);
  out->set_waiting(s.waiting);
  out->set_ringing(s.ringing);
  out->set_talking(s.talking);
  out->set_oldest_wait_ms(s.oldest_wait_ms);
  out->set_entered(s.entered);
  out->set_answered(s.answered);
  out->set_abandoned(s.abandoned);
  out->set_overflowed(s.overflowed);
  out->set_ring_no_answer(s.ring_no_answer);
  out->set_agents_logged_in(s.agents_logged_in);
  out->set_agents_ready(s.agents_ready);
  out->set_callbacks_pending(s.callbacks_pending);
  out->set_callbacks_completed(s.callbacks_completed);
  out->set_callbacks_failed(s.callbacks_failed);
}

void ToProto(const AgentView& in, const CenterNames& names, v1::AgentFigures* out) {
  out->set_name(names.AgentName(in.id));
  out->set_id(in.id);
  out->set_state(std::string(ToString(in.state)));
  if (in.reason != NotReadyReason::kNone) out->set_reason(names.ReasonName(in.reason));
  out->set_load(in.load);
  out->set_calls_today(in.calls_today);
  out->set_talk_ms_today(in.talk_ms_today);
  out->set_state_since_ms(in.state_since_ms);
  out->set_outbound_today(in.outbound_today);
  for (const AgentView::QueuePause& pause : in.paused_queues) {
    v1::QueuePause* p = out->add_paused_queues();
    p->set_queue(names.QueueName(pause.queue));
    p->set_reason(names.ReasonName(pause.reason));
  }
  out->set_calls_since_ready(in.calls_since_ready);
  out->set_talk_ms_since_ready(in.talk_ms_since_ready);
  out->set_misses_in_row(in.misses_in_row);
  for (const AgentView::QueueCounters& q : in.queue_counters) {
    v1::MembershipCounters* m = out->add_queue_counters();
    m->set_queue(names.QueueName(q.queue));
    m->set_calls(q.calls);
    m->set_talk_ms(q.talk_ms);
    m->set_ended(q.ended);
    if (q.ended) m->set_last_end_ms(q.last_end_ms);
  }
  for (int media = 0; media < kMediaCount; ++media) {
    if (in.load_by_media[media] == 0) continue;
    v1::MediaLoad* load = out->add_load_by_media();
    load->set_media(std::string(ToString(static_cast<Media>(media))));
    load->set_calls(in.load_by_media[media]);
  }
}

}  // namespace acd::service
