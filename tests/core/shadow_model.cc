// ShadowModel: events, offers, cancels, queueing and routes. Eligibility,
// agent states, call ends and end-of-step checks are in shadow_model_agents.cc.
#include "tests/core/shadow_model.h"

#include <algorithm>
#include <variant>

#include "absl/strings/str_cat.h"
#include "tests/core/center_gen.h"
#include "tests/core/describe.h"

namespace acd::testing {

Disposition DispositionFor(OverflowKind kind) {
  switch (kind) {
    case OverflowKind::kCallback: return Disposition::kCallbackCaptured;
    case OverflowKind::kVoicemail: return Disposition::kVoicemail;
    case OverflowKind::kExternal:
    case OverflowKind::kDisconnect: return Disposition::kOverflowed;
    case OverflowKind::kReject: return Disposition::kRejected;
    default: return Disposition::kNone;
  }
}

ShadowModel::ShadowModel(const CenterConfig& center)
    : center_(center),
      steps_skills_(StepsSkills(center)),
      totals_(center.queues.size()) {
  for (const AgentConfig& a : center_.agents) {
    ShadowAgent& agent = agents_[a.id];
    agent.config = &a;
    agent.skills = HeldSkills(a, a.skills);
    agent.queues = a.queues;
  }
}

ShadowCall* ShadowModel::Live(CallId id) {
  auto it = live_.find(id);
  return it == live_.end() ? nullptr : &it->second;
}

ShadowAgent* ShadowModel::Agent(AgentId id) {
  auto it = agents_.find(id);
  return it == agents_.end() ? nullptr : &it->second;
}

bool ShadowModel::EndedWithin(CallId id, uint64_t window) const {
  auto it = ended_seq_.find(id);
  return it != ended_seq_.end() && ended_count_ - it->second < window;
}

void ShadowModel::BeginStep(uint64_t index) {
  step_ = index;
  event_.reset();
  touched_.clear();
  touched_agents_.clear();
  missed_.clear();
  expect_end_.clear();
  expect_levels_.clear();
  expect_pauses_.clear();
  state_at_event_.clear();
  hung_up_leg_ = 0;
  consult_from_ = 0;
}

absl::Status ShadowModel::OnAcceptedEvent(const Event& event) {
  event_ = event;
  now_ms_ = event.time_ms;
  if (const auto* e = std::get_if<CallArrive>(&event.body)) {
    if (live_.contains(e->call)) {
      return absl::InternalError(absl::StrCat("accepted CallArrive for live call ", e->call));
    }
    if (EndedWithin(e->call, center_.ended_calls_window)) {
      return absl::InternalError(absl::StrCat(
          "accepted CallArrive reusing call id ", e->call, " within ended_calls_window"));
    }
    ShadowCall& call = live_[e->call];
    call.id = e->call;
    call.owner = e->attributes.owner_agent;
    call.ani = e->attributes.ani;
    call.attributes = e->attributes;
    call.arrived_ms = event.time_ms;
    ++arrived_;
    touched_.insert(e->call);
  } else if (const auto* e = std::get_if<CallEnqueue>(&event.body)) {
    ShadowCall* call = Live(e->call);
    if (call == nullptr || call->state != CallState::kArrived) {
      return absl::InternalError(
          absl::StrCat("accepted CallEnqueue for call ", e->call, " that is not in the IVR"));
    }
    call->queued = true;
    call->priority = e->priority;
    call->min_level = e->min_level;
    call->max_level = kMaxLevel;
    call->level_cap = kMaxLevel;
    call->required = e->required_skills;
    call->expr = nullptr;
    call->steps.clear();
    if (!e->skills_expr.always()) {
      for (size_t i = 0; skill_exprs_ != nullptr && i < skill_exprs_->size(); ++i) {
        if ((*skill_exprs_)[i].expr == e->skills_expr) call->expr = &(*skill_exprs_)[i].tree;
      }
      if (call->expr == nullptr) {
        return absl::InternalError(absl::StrCat("accepted CallEnqueue for call ", e->call,
                                                " with a skills_expr the generator did not make"));
      }
    }
    call->wait_credit_ms = e->wait_credit_ms;  // the call's, in every queue
    EnterQueue(*call, e->queue);
    call->state = CallState::kWaiting;
    touched_.insert(e->call);
    // A requested place, taken once the call is in line (its CallQueued of
    // this step; not when the queue turns it away or routes it on, nor
    // while it waits for its owner alone).
    call->join_position = e->position;
  } else if (const auto* e = std::get_if<CallTransfer>(&event.body)) {
    return OnTransfer(*e);
  } else if (const auto* e = std::get_if<CallTransferToAgent>(&event.body)) {
    return OnTransferToAgent(*e);
  } else if (const auto* e = std::get_if<CallConsult>(&event.body)) {
    return OnConsult(*e);
  } else if (const auto* e = std::get_if<CallConsultEnd>(&event.body)) {
    return OnConsultEnd(*e);
  } else if (const auto* e = std::get_if<CallRoute>(&event.body)) {
    const ShadowCall* call = Live(e->call);
    if (call != nullptr && call->queued) ++totals_[call->queue].routed_out;
    if (call != nullptr && e->disposition == Disposition::kCallbackCaptured) {
      RememberCapture(*call, OverflowAction{OverflowKind::kCallback});
    }
  } else if (const auto* e = std::get_if<CallClassify>(&event.body)) {
    return OnClassify(*e);
  } else if (const auto* e = std::get_if<CallbackRequest>(&event.body)) {
    return OnCallbackRequest(*e);
  } else if (const auto* e = std::get_if<CallbackResult>(&event.body)) {
    return OnCallbackResult(*e);
  } else if (const auto* e = std::get_if<CallHangup>(&event.body)) {
    if (ShadowCall* call = Live(e->call)) {
      state_at_event_[e->call] = call->state;
      call->ended_by = EndedBy::kCaller;
    }
  } else if (const auto* e = std::get_if<CallEndTalk>(&event.body)) {
    if (ShadowCall* call = Live(e->call)) call->ended_by = e->by;
  } else if (std::holds_alternative<CallHold>(event.body) ||
             std::holds_alternative<CallResume>(event.body) ||
             std::holds_alternative<CallUpdate>(event.body) ||
             std::holds_alternative<CallSetPriority>(event.body) ||
             std::holds_alternative<CallMove>(event.body) ||
             std::holds_alternative<OutboundCall>(event.body)) {
    return OnCallChange(event.body);
  } else if (const auto* e = std::get_if<CallDecline>(&event.body)) {
    ShadowAgent& agent = *Agent(e->agent);
    const TimeMs rest_ms = e->reason != DeclineReason::kDeclined ? agent.config->busy_delay_ms
                                                                 : agent.config->decline_delay_ms;
    // A line the queue counts as a miss: its CancelOffer counts it (CountMiss).
    if (rest_ms > 0 && CountedDecline() == nullptr) agent.rest_until_ms = now_ms_ + rest_ms;
  } else {
    OnAgentEvent(event.body);
  }
  return absl::OkStatus();
}

absl::Status ShadowModel::OnTransfer(const CallTransfer& e) {
  ShadowCall* call = Live(e.call);
  if (call == nullptr || !call->queued) {
    return absl::InternalError(
        absl::StrCat("accepted CallTransfer for call ", e.call, " that is not queued"));
  }
  if (call->agent != 0) EndTalk(*call);
  // A transfer keeps the extra skills and resets the minimum level.
  call->priority = e.priority;
  call->min_level = kMinLevel;
  call->max_level = kMaxLevel;
  call->level_cap = kMaxLevel;
  EnterQueue(*call, e.queue);
  if (call->offers.empty()) call->state = CallState::kWaiting;
  touched_.insert(e.call);
  return absl::OkStatus();
}

void ShadowModel::EnterQueue(ShadowCall& call, QueueId queue) {
  // Callers set queued first; a call still in the IVR was in no queue.
  call.before_entry = {call.state != CallState::kArrived, call.queue, call.entry_seq,
                       call.line_ms};
  call.before_entry.media_fixed = call.media_fixed;
  if (!call.media_fixed) {  // the first queue gives the call its media
    call.media = center_.queues[queue].media;
    call.media_fixed = true;
  }
  call.queue = queue;
  call.enqueued_ms = now_ms_;
  call.line_ms = now_ms_ - call.wait_credit_ms;
  call.entry_seq = SeqForLine(queue, call.line_ms, call.id);
  call.rules_judged = 0;
  call.last_rule_ms = -1;
  call.last_rule = -1;
  call.guest_queue = UINT32_MAX;
  call.route_rule = -1;
  call.last_position = 0;
  call.directed = false;
  call.answered_here = false;
  if (center_.resume_place_ms > 0) {
    auto it = left_.find(call.ani);
    if (it != left_.end() && it->second.queue == queue && it->second.until_ms >= now_ms_) {
      call.entry_seq = it->second.entry_seq;  // the caller called back: their old place
      call.line_ms = it->second.line_ms;
      call.before_entry.resumed = true;
      call.before_entry.left_seq = it->second.entry_seq;
      call.before_entry.left_line_ms = it->second.line_ms;
      call.before_entry.left_until_ms = it->second.until_ms;
      left_.erase(it);
    }
  }
  call.owner_until_ms = WantsOwner(call, queue) ? now_ms_ + center_.queues[queue].owner_first_ms : 0;
  ++totals_[queue].entered;
}

absl::Status ShadowModel::OnCommand(const Command& command, bool timer_phase) {
  if (command.time_ms < now_ms_) {
    return absl::InternalError("command time before the previous command's time");
  }
  now_ms_ = command.time_ms;
  const CallId call_id = std::visit(
      [](const auto& c) -> CallId {
        if constexpr (requires { c.call; }) {
          return c.call;
        } else if constexpr (requires { c.callback; }) {
          return c.callback;  // DialCallback, CallbackHeld
        } else {
          return 0;
        }
      },
      command.body);
  if (call_id != 0) {
    if (ended_.contains(call_id) && !live_.contains(call_id)) {
      return absl::InternalError(absl::StrCat("command for call ", call_id,
                                              " after its CallEnded (lifecycle moved back)"));
    }
    if (!live_.contains(call_id)) {
      return absl::InternalError(absl::StrCat("command for unknown call ", call_id));
    }
    touched_.insert(call_id);
  }
  if (const auto* c = std::get_if<Offer>(&command.body)) return OnOffer(*c);
  if (const auto* c = std::get_if<CancelOffer>(&command.body)) {
    return OnCancel(command, *c, timer_phase);
  }
  if (const auto* c = std::get_if<CallQueued>(&command.body)) return OnQueued(*c);
  if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    return OnConnected(*c, timer_phase);
  }
  if (const auto* c = std::get_if<RouteCall>(&command.body)) return OnRoute(*c);
  if (const auto* c = std::get_if<RuleApplied>(&command.body)) return OnRuleApplied(*c);
  if (const auto* c = std::get_if<Announce>(&command.body)) return OnAnnounce(*c);
  if (const auto* c = std::get_if<CallEnded>(&command.body)) return OnEnded(*c, timer_phase);
  if (const auto* c = std::get_if<DialCallback>(&command.body)) return OnDial(*c);
  if (const auto* c = std::get_if<CallbackHeld>(&command.body)) return OnHeld(*c);
  if (const auto* c = std::get_if<AgentLevelChanged>(&command.body)) return OnLevelChanged(*c);
  if (const auto* c = std::get_if<AgentPauseChanged>(&command.body)) return OnPauseChanged(*c, timer_phase);
  return OnAgentState(std::get<AgentStateChanged>(command.body), timer_phase);
}

absl::Status ShadowModel::OnOffer(const Offer& c) {
  ShadowCall& call = *Live(c.call);
  ShadowAgent* agent = Agent(c.agent);
  if (agent == nullptr) return absl::InternalError("offer to an agent not in the roster");
  touched_agents_.insert(c.agent);
  if (call.agent != 0) return absl::InternalError("offer for a call already connected");
  if (call.directed || c.transfer_from != 0) return OnTransferOffer(call, *agent, c);
  if (!call.queued || c.queue != call.queue) {
    return absl::InternalError(absl::StrCat("offer from queue ", c.queue,
                                            " but the call is in queue ", call.queue));
  }
  if (c.callback != call.callback) {
    return absl::InternalError(absl::StrCat("offer callback=", c.callback, " for a ",
                                            call.callback ? "callback" : "caller"));
  }
  const QueueConfig& queue = center_.queues[c.queue];
  const bool progressive = queue.progressive_ring_ms > 0 && !c.ring_all && !call.offers.empty();
  if (!progressive && c.ring_timeout_ms != queue.ring_timeout_ms) {
    return absl::InternalError("offer ring_timeout_ms differs from the queue's");
  }
  if (c.ring_all != (queue.strategy == Strategy::kRingAll)) {
    return absl::InternalError("offer ring_all flag does not match the queue's strategy");
  }
  for (const ShadowOffer& other : call.offers) {
    if (progressive) {
      // Ringing progressively: one more agent at least progressive_ring_ms
      // after the last, ringing until the group's common end.
      if (now_ms_ < other.offered_ms + queue.progressive_ring_ms ||
          other.offered_ms + other.ring_timeout_ms != now_ms_ + c.ring_timeout_ms ||
          call.offers.size() >= queue.ring_all_max) {
        return absl::InternalError(absl::StrCat(
            "progressive offer of call ", c.call, " to agent ", c.agent, " too early, with ",
            "another ring end, or past ring_all_max (offer at ", other.offered_ms, " to ",
            other.agent, ")"));
      }
      if (other.agent == c.agent) return absl::InternalError("progressive ring offers the same agent twice");
      continue;
    }
    if (!c.ring_all || !other.ring_all || other.step != step_) {
      return absl::InternalError(
          absl::StrCat("second offer for call ", c.call, " while the offer to agent ",
                       other.agent, " is pending (invariant 1)"));
    }
    if (other.agent == c.agent) return absl::InternalError("ring-all offers the same agent twice");
  }
  // A wrap-up for one queue alone leaves the agent to its other queues
  // (Eligible below keeps it from the wrap-up's queue).
  const bool shared_wrapup =
      SharedWrapUp(*agent, now_ms_) ||
      (agent->state == AgentState::kWrapUp && agent->wrapup_queue == ShadowAgent::kAllQueues);
  if (agent->presence != Presence::kReady || shared_wrapup || agent->rest_until_ms > now_ms_ ||
      agent->state == AgentState::kLoggedOut || agent->state == AgentState::kNotReady) {
    return absl::InternalError(absl::StrCat("offer to agent ", c.agent, " in state ",
                                            Name(agent->state),
                                            " who is not available (invariant 2)"));
  }
  if (agent->load() >= agent->config->capacity) {
    return absl::InternalError(
        absl::StrCat("offer to agent ", c.agent, " at capacity (invariant 2)"));
  }
  if (!Eligible(call, *agent, c.queue, now_ms_, Sureness::kNecessary)) {
    return absl::InternalError(absl::StrCat("offer to agent ", c.agent,
                                            " who may not take the call (membership, level, "
                                            "skills or queue delay)"));
  }
  if (absl::Status s = CheckOrder(call, *agent); !s.ok()) return s;
  if (absl::Status s = CheckBestScore(call, *agent, c); !s.ok()) return s;
  if (absl::Status s = CheckHereOnly(call, *agent, c); !s.ok()) return s;
  if (absl::Status s = CheckLevelFirst(call, *agent, c); !s.ok()) return s;
  if (absl::Status s = CheckOrderBy(call, *agent, c); !s.ok()) return s;
  const bool preferred = call.owner_until_ms > now_ms_ && c.agent == call.owner;
  const bool either = call.owner_until_ms == now_ms_ && c.agent == call.owner;  // timer tie
  if (c.preferred != preferred && !either) {
    return absl::InternalError(absl::StrCat("offer preferred=", c.preferred, ", expected ",
                                            preferred, " (owner ", call.owner, " until ",
                                            call.owner_until_ms, ")"));
  }
  call.offers.push_back({c.agent, c.queue, now_ms_, c.ring_timeout_ms, c.ring_all, step_});
  call.state = CallState::kOffered;
  ++agent->offers;
  return absl::OkStatus();
}

absl::Status ShadowModel::OnCancel(const Command& command, const CancelOffer& c,
                                   bool timer_phase) {
  ShadowCall& call = *Live(c.call);
  auto it = std::find_if(call.offers.begin(), call.offers.end(),
                         [&](const ShadowOffer& o) { return o.agent == c.agent; });
  if (it == call.offers.end()) {
    return absl::InternalError(absl::StrCat("CancelOffer for agent ", c.agent,
                                            " who has no pending offer for the call"));
  }
  if (absl::Status s = CheckCancelReason(command, c, *it, timer_phase); !s.ok()) return s;
  const TimeMs it_offered_ms = it->offered_ms;
  call.offers.erase(it);
  call.owner_until_ms = 0;  // a failed offer ends the wait for the owner
  ShadowAgent& agent = *Agent(c.agent);
  --agent.offers;
  touched_agents_.insert(c.agent);
  if (c.reason == CancelReason::kRingTimeout) {
    ++totals_[call.queue].ring_no_answer;
    // An agent added by progressive ringing rang less than the whole ring
    // timeout: no miss for them.
    if (now_ms_ - it_offered_ms >= center_.queues[call.queue].ring_timeout_ms) {
      CountMiss(agent, call, agent.config->no_answer_delay_ms);
    }
  } else if (c.reason == CancelReason::kAgentDeclined && CountedDecline() != nullptr) {
    CountMiss(agent, call, agent.config->busy_delay_ms);  // the line the queue counts
  }
  if (call.offers.empty() && call.agent == 0) {
    call.state = CallState::kWaiting;
    call.returning = true;
    if (c.reason == CancelReason::kRingTimeout && !call.directed &&
        center_.queues[call.queue].ring_timeout_moves_on) {
      call.rang_out_ms = now_ms_;  // TaskRouter's reservation timeout: the next step
    }
    if (call.directed) {  // back at its place; its queue's timers start again
      call.directed = false;
      call.enqueued_ms = now_ms_;
      call.rules_judged = 0;
      call.last_rule_ms = -1;
      call.last_rule = -1;
      call.guest_queue = UINT32_MAX;
      call.route_rule = -1;
      call.last_position = 0;
    }
  }
  return absl::OkStatus();
}

absl::Status ShadowModel::CheckCancelReason(const Command& command, const CancelOffer& c,
                                            const ShadowOffer& offer, bool timer_phase) const {
  const EventBody* body = (timer_phase || !event_) ? nullptr : &event_->body;
  auto event_is = [&](auto* e) { return e != nullptr; };
  bool ok = false;
  switch (c.reason) {
    case CancelReason::kRingTimeout:
      ok = timer_phase && command.time_ms == offer.offered_ms + offer.ring_timeout_ms;
      break;
    case CancelReason::kCallerHangup: {
      const auto* e = body ? std::get_if<CallHangup>(body) : nullptr;
      // A cancelled consult hangs up its leg (CallConsultEnd).
      ok = (event_is(e) && e->call == c.call) || (!timer_phase && hung_up_leg_ == c.call);
      break;
    }
    case CancelReason::kAgentDeclined: {
      const auto* e = body ? std::get_if<CallDecline>(body) : nullptr;
      ok = event_is(e) && e->call == c.call && e->agent == c.agent;
      break;
    }
    case CancelReason::kAgentUnavailable: {
      const auto* out = body ? std::get_if<AgentLogout>(body) : nullptr;
      const auto* nr = body ? std::get_if<AgentNotReady>(body) : nullptr;
      const auto* sk = body ? std::get_if<AgentSetSkills>(body) : nullptr;
      // Or the agent was just paused for missing offers (its other offers go).
      const ShadowAgent& agent = agents_.at(c.agent);
      // Or (auto_pause_here_only) paused for it in the call's queue alone.
      const bool auto_paused = missed_.contains(c.agent) &&
                               ((agent.presence == Presence::kNotReady &&
                                 agent.presence_reason == NotReadyReason::kNoAnswer) ||
                                AutoPausedHere(agent, live_.at(c.call).queue));
      // Or the agent is leaving a call into wrap-up.
      CallId ending = 0;
      if (const auto* e = body ? std::get_if<CallEndTalk>(body) : nullptr) ending = e->call;
      if (const auto* e = body ? std::get_if<CallHangup>(body) : nullptr) ending = e->call;
      if (const auto* e = body ? std::get_if<CallTransfer>(body) : nullptr) ending = e->call;
      if (const auto* e = body ? std::get_if<CallTransferToAgent>(body) : nullptr) ending = e->call;
      auto it = live_.find(ending);
      const bool wrapping = it != live_.end() && it->second.agent == c.agent;
      ok = (out && out->agent == c.agent) || (nr && nr->agent == c.agent) ||
           (sk && sk->agent == c.agent) || auto_paused || wrapping;
      break;
    }
    case CancelReason::kReconfigured:
      break;  // only at a reload (Engine::Reconfigure), never on an event
    case CancelReason::kCallMoved: {
      const auto* tr = body ? std::get_if<CallTransfer>(body) : nullptr;
      const auto* rt = body ? std::get_if<CallRoute>(body) : nullptr;
      // By a timer: a callback that expires or fails, or the max wait of a
      // queue that cuts rings (max_wait_cuts_ring) once the call waited it
      // out (a transfer to a colleague has no max wait while it rings).
      bool timer_ok = false;
      if (timer_phase) {
        const ShadowCall& call = live_.at(c.call);
        const QueueConfig& queue = center_.queues[call.queue];
        timer_ok = call.callback ||
                   (queue.max_wait_cuts_ring && !call.directed && queue.max_wait_ms > 0 &&
                    command.time_ms - call.enqueued_ms >= queue.max_wait_ms);
      }
      ok = timer_ok || (tr && tr->call == c.call) || (rt && rt->call == c.call);
      break;
    }
    case CancelReason::kAnsweredElsewhere: {
      // Before or after the winner's CallConnected, in the answer's step.
      const auto* e = body ? std::get_if<CallAnswer>(body) : nullptr;
      ok = event_is(e) && e->call == c.call && e->agent != c.agent;
      break;
    }
  }
  if (ok) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("CancelOffer reason ", Name(c.reason),
                                          " does not match its cause (offered at ",
                                          offer.offered_ms, ", ring ", offer.ring_timeout_ms,
                                          " ms, timer phase ", timer_phase, ")"));
}

absl::Status ShadowModel::OnQueued(const CallQueued& c) {
  ShadowCall& call = *Live(c.call);
  if (!call.queued || c.queue != call.queue) {
    return absl::InternalError(absl::StrCat("CallQueued in queue ", c.queue,
                                            " but the call was routed to queue ", call.queue));
  }
  if (!call.offers.empty() || call.agent != 0) {
    return absl::InternalError("CallQueued while an offer is pending or an agent connected");
  }
  if (call.join_position > 0) {
    const uint32_t position = call.join_position;
    call.join_position = 0;
    if (call.owner_until_ms <= now_ms_) {
      if (absl::Status s = OnMove(call, position, /*keep_priority=*/true); !s.ok()) return s;
    }
  }
  if (call.held && now_ms_ != call.held_until_ms) {
    return absl::InternalError(absl::StrCat("held callback queued at ", now_ms_,
                                            ", held until ", call.held_until_ms));
  }
  if (call.held && OpenAt(now_ms_) != now_ms_) {
    return absl::InternalError("held callback queued while the center is closed");
  }
  if (call.callback && !call.held && !call.returning) {
    return absl::InternalError("CallQueued for a call already in line");
  }
  if (call.expect_hold_ms >= 0 && call.expect_hold_ms != now_ms_) {
    return absl::InternalError(absl::StrCat("callback queued now; it must be held until ",
                                            call.expect_hold_ms));
  }
  call.expect_hold_ms = -1;
  call.held = false;
  call.state = CallState::kWaiting;
  call.returning = false;
  uint32_t waiting = 0;
  for (const auto& [id, other] : live_) {
    waiting += other.state == CallState::kWaiting && other.queue == c.queue && !other.returning &&
               !other.held;
  }
  if (c.waiting != waiting) {
    return absl::InternalError(absl::StrCat("CallQueued says ", c.waiting,
                                            " calls wait in queue ", c.queue, ", there are ",
                                            waiting));
  }
  return absl::OkStatus();
}

absl::Status ShadowModel::OnConnected(const CallConnected& c, bool timer_phase) {
  if (c.transfer_from != 0) return OnConsultConnected(c, timer_phase);
  if (Live(c.call)->callback) {
    ShadowCall& call = *Live(c.call);
    const auto* result =
        (timer_phase || !event_) ? nullptr : std::get_if<CallbackResult>(&event_->body);
    if (result == nullptr || result->callback != c.call ||
        result->outcome != DialOutcome::kConnected || call.state != CallState::kDialing ||
        c.agent != call.agent || c.queue != call.queue || c.wait_ms != now_ms_ - call.arrived_ms) {
      return absl::InternalError("CallConnected for a callback without its connected dial");
    }
    call.connected_ms = now_ms_;
    if (call.first_connected_ms < 0) call.first_connected_ms = now_ms_;
    call.state = CallState::kTalking;
    CountAnsweredHere(call, *Agent(c.agent));
    return absl::OkStatus();
  }
  const auto* answer =
      (timer_phase || !event_) ? nullptr : std::get_if<CallAnswer>(&event_->body);
  if (answer == nullptr || answer->call != c.call || answer->agent != c.agent) {
    return absl::InternalError("CallConnected without the matching CallAnswer event");
  }
  ShadowCall& call = *Live(c.call);
  auto it = std::find_if(call.offers.begin(), call.offers.end(),
                         [&](const ShadowOffer& o) { return o.agent == c.agent; });
  if (it == call.offers.end() || call.agent != 0) {
    return absl::InternalError("CallConnected for an agent without a pending offer");
  }
  if (c.queue != it->queue || c.wait_ms != now_ms_ - call.arrived_ms) {
    return absl::InternalError("CallConnected queue or wait_ms wrong");
  }
  call.offers.erase(it);
  ShadowAgent& agent = *Agent(c.agent);
  --agent.offers;
  ++agent.talking;
  agent.misses = 0;
  touched_agents_.insert(c.agent);
  call.agent = c.agent;
  call.connected_ms = now_ms_;
  if (call.first_connected_ms < 0) call.first_connected_ms = now_ms_;
  call.directed = false;
  if (!call.answered_here) ++totals_[c.queue].answered;  // once per queue entry
  call.answered_here = true;
  call.state = CallState::kTalking;
  CountAnsweredHere(call, agent);
  return absl::OkStatus();
}

absl::Status ShadowModel::OnRoute(const RouteCall& c) {
  ShadowCall& call = *Live(c.call);
  call.join_position = 0;  // routed before it was in line: no requested place
  if (call.entry_route_due) return CheckEntryRoute(call, c);
  if (c.cause == RouteCause::kJoinEmpty) return OnJoinRefused(call, c);
  if (!call.queued || c.from_queue != call.queue || !call.offers.empty() || call.agent != 0 ||
      call.callback) {
    return absl::InternalError("RouteCall for a call not waiting in from_queue (or a callback)");
  }
  const OverflowAction* action = nullptr;
  if (absl::Status s = CheckRouteCause(call, c, &action); !s.ok()) return s;
  if (c.kind == OverflowKind::kCallback) RememberCapture(call, *action);
  call.returning = false;
  call.route_rule = -1;
  ++totals_[c.from_queue].overflowed;
  if (c.kind == OverflowKind::kQueue) {
    EnterQueue(call, c.to_queue);
    call.state = CallState::kWaiting;
  } else {
    expect_end_[c.call] = DispositionFor(c.kind);
  }
  return absl::OkStatus();
}

// The engine refused the join the model entered the call into (the state
// of the members is checked by the engine's invariant 14): the call is
// back where it was, not counted as entered, and takes the queue's path.
absl::Status ShadowModel::OnJoinRefused(ShadowCall& call, const RouteCall& c) {
  const JoinEmpty& join = center_.queues[c.from_queue].join_empty;
  if (!call.queued || call.queue != c.from_queue || call.enqueued_ms != now_ms_ ||
      call.rules_judged != 0 || !call.offers.empty() || call.agent != 0 || call.callback) {
    return absl::InternalError("RouteCall join_empty for a call not joining from_queue now");
  }
  if (join.factors == 0 || c.kind != join.action.kind || c.rule != -1 ||
      (c.kind == OverflowKind::kQueue && c.to_queue != join.action.queue) ||
      c.target != join.action.target) {
    return absl::InternalError("RouteCall join_empty does not match the queue's join_empty");
  }
  --totals_[c.from_queue].entered;
  const ShadowCall::BeforeEntry before = call.before_entry;
  if (before.resumed) {
    left_[call.ani] =
        LeftPlace{c.from_queue, before.left_seq, before.left_line_ms, before.left_until_ms};
  }
  call.queued = before.queued;
  call.queue = before.queue;
  call.entry_seq = before.entry_seq;
  call.line_ms = before.line_ms;
  call.media_fixed = before.media_fixed;
  call.returning = false;
  call.route_rule = -1;
  if (c.kind == OverflowKind::kCallback) RememberCapture(call, join.action);
  if (c.kind == OverflowKind::kQueue) {
    call.queued = true;
    EnterQueue(call, c.to_queue);
    // Refused there too, it is back where it was before the first refusal.
    call.before_entry.queued = before.queued;
    call.before_entry.queue = before.queue;
    call.before_entry.entry_seq = before.entry_seq;
    call.before_entry.line_ms = before.line_ms;
    call.state = CallState::kWaiting;
  } else {
    expect_end_[c.call] = DispositionFor(c.kind);
  }
  return absl::OkStatus();
}

absl::Status ShadowModel::CheckRouteCause(const ShadowCall& call, const RouteCall& c,
                                          const OverflowAction** action) const {
  const QueueConfig& queue = center_.queues[c.from_queue];
  auto matches = [&](const OverflowAction& a) {
    const bool same = c.kind != OverflowKind::kNone && a.kind == c.kind &&
                      (c.kind != OverflowKind::kQueue || a.queue == c.to_queue) &&
                      a.target == c.target;
    if (same) *action = &a;
    return same;
  };
  bool ok = false;
  switch (c.cause) {
    case RouteCause::kQueueFull: ok = matches(queue.on_full); break;
    case RouteCause::kMaxWait: ok = matches(queue.on_max_wait); break;
    case RouteCause::kRule:
      ok = c.rule == call.route_rule && matches(queue.rules[c.rule].route);
      break;
    case RouteCause::kDeclined: {
      const auto* e = event_ ? std::get_if<CallDecline>(&event_->body) : nullptr;
      ok = e != nullptr && e->call == c.call && matches(queue.on_decline);
      break;
    }
    case RouteCause::kLeaveWhenEmpty: {
      // A condition is judged here by presence; a factor list only for
      // its path (the engine's invariants 14 and 20 check its counts and
      // that nobody stays in a queue empty for it).
      bool empty = true;
      const EmptyCondition condition = queue.leave_when_empty.condition;
      for (const auto& [id, agent] : agents_) {
        for (const Membership& m : agent.queues) {
          if (m.queue != c.from_queue || condition == EmptyCondition::kNever) continue;
          if (condition == EmptyCondition::kNoAgentLoggedIn) {
            empty = empty && agent.presence == Presence::kLoggedOut;
          } else {
            // Paused in this queue alone: not ready here (Asterisk counts
            // the member paused in that queue).
            empty = empty && (agent.presence != Presence::kReady || agent.paused.contains(m.queue));
          }
        }
      }
      ok = empty && LeaveFactors(queue.leave_when_empty) != 0 &&
           matches(queue.leave_when_empty.action);
      break;
    }
    case RouteCause::kEntryRule:
    case RouteCause::kEntryDefault:
      break;  // only for calls in the IVR
    case RouteCause::kQueueRemoved:
      break;  // only at a reload (Engine::Reconfigure), never on an event
    case RouteCause::kJoinEmpty:
      break;  // OnJoinRefused
  }
  if (ok) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("RouteCall (cause ", Sv(ToString(c.cause)), ", rule ",
                                          c.rule, ") does not match its queue's configuration"));
}

// The rule time that follows the call's last one in this visit, by
// enumeration: rule r comes due at after_ms + k every_ms (k = 0 alone when
// it does not recur), times in (ms after from_ms, index) order; of a
// recurring rule's times at or before the caller's entry, only the latest.
// Returns (-1, 0) when none follows.
std::pair<int, TimeMs> ShadowModel::NextRuleTime(const QueueConfig& queue,
                                                 const ShadowCall& call, TimeMs from_ms) {
  const TimeMs entered_ms = call.enqueued_ms - from_ms;
  std::pair<int, TimeMs> next{-1, 0};
  for (int r = 0; r < static_cast<int>(queue.rules.size()); ++r) {
    const OverflowRule& rule = queue.rules[r];
    for (TimeMs k = 0;; ++k) {
      if (rule.every_ms == 0 && k > 0) break;
      const TimeMs t = rule.after_ms + k * rule.every_ms;
      if (rule.every_ms > 0 && t + rule.every_ms <= entered_ms) continue;  // a later one stands
      if (t < call.last_rule_ms || (t == call.last_rule_ms && r <= call.last_rule)) continue;
      if (next.first < 0 || t < next.second) next = {r, t};
      break;
    }
  }
  return next;
}

absl::Status ShadowModel::OnRuleApplied(const RuleApplied& c) {
  ShadowCall& call = *Live(c.call);
  if (!call.queued || c.queue != call.queue || call.agent != 0 || call.callback) {
    return absl::InternalError("RuleApplied for a call not in line or ringing in that queue");
  }
  const QueueConfig& queue = center_.queues[c.queue];
  const TimeMs from_ms = queue.rules_from_arrival ? call.arrived_ms : call.enqueued_ms;
  const auto [next_rule, next_ms] = NextRuleTime(queue, call, from_ms);
  if (next_rule != c.rule) {
    return absl::InternalError(absl::StrCat("RuleApplied for rule ", c.rule, " out of order (",
                                            call.rules_judged, " times judged before, rule ",
                                            next_rule, " at ", next_ms, " ms next)"));
  }
  const OverflowRule& rule = queue.rules[c.rule];
  call.last_rule = next_rule;
  call.last_rule_ms = next_ms;
  if (now_ms_ - from_ms < next_ms) {
    // Early only as the one rule a ring out brings due (ring_timeout_moves_on).
    if (call.rang_out_ms != now_ms_) {
      return absl::InternalError("RuleApplied before the rule's time (invariant 8)");
    }
    call.rang_out_ms = -1;
  }
  ++call.rules_judged;
  bool must_hold = false, may_hold = true;
  if (rule.condition == RuleCondition::kAlways) must_hold = true;
  if (rule.condition == RuleCondition::kClosed) {
    must_hold = !center_.calendar.IsOpen(now_ms_);
    may_hold = must_hold;
  }
  if (rule.condition == RuleCondition::kNoAgentLoggedIn) {
    bool none = true;
    for (const auto& [id, agent] : agents_) {
      for (const Membership& m : agent.queues) {
        none = none && !(m.queue == c.queue && agent.presence != Presence::kLoggedOut);
      }
    }
    must_hold = none;
    may_hold = none;
  }
  if (rule.condition == RuleCondition::kWaitingPerAgentAtLeast) {
    // Calls waiting (in line, this one included when it is) per member
    // logged in, in percent; none logged in holds. A call coming back into
    // line in this step may or may not be counted yet.
    uint64_t logged_in = 0, waiting = 0, returning = 0;
    for (const auto& [id, agent] : agents_) {
      for (const Membership& m : agent.queues) {
        logged_in += m.queue == c.queue && agent.presence != Presence::kLoggedOut;
      }
    }
    for (const auto& [id, other] : live_) {
      if (!other.queued || other.queue != c.queue || other.state != CallState::kWaiting ||
          other.held) {
        continue;
      }
      ++(other.returning ? returning : waiting);
    }
    const uint64_t bar = static_cast<uint64_t>(rule.threshold) * logged_in;
    must_hold = logged_in == 0 || waiting * 100 >= bar;
    may_hold = logged_in == 0 || (waiting + returning) * 100 >= bar;
  }
  // A skill step the queue cannot route (its pools, the expression's
  // bounds) is passed over: held=false whatever the condition; so is an
  // added queue once steps may have filled its pools (the requirements
  // events bring alone never fill them here).
  if (IsSkillStep(rule.action)) must_hold = false;
  if (rule.action == RuleActionKind::kAddQueue && steps_skills_) must_hold = false;
  if (c.held ? !may_hold : must_hold) {
    return absl::InternalError(absl::StrCat("RuleApplied says rule ", c.rule, " held=", c.held,
                                            " against the state"));
  }
  if (!c.held) return absl::OkStatus();
  switch (rule.action) {
    case RuleActionKind::kRoute: call.route_rule = c.rule; break;
    case RuleActionKind::kSetMinLevel:
      call.min_level = rule.level;
      call.max_level = std::max(call.max_level, rule.level);
      call.level_cap = std::max(call.level_cap, rule.level);
      if (call.owner_until_ms > now_ms_ && !WantsOwner(call, call.queue)) call.owner_until_ms = 0;
      break;
    case RuleActionKind::kSetLevelBounds:
      SetLevelBounds(call, rule.bounds);
      if (call.owner_until_ms > now_ms_ && !WantsOwner(call, call.queue)) call.owner_until_ms = 0;
      break;
    case RuleActionKind::kRaisePriority:
      call.priority = std::clamp(call.priority + rule.priority_delta, -1000, 1000);
      break;
    case RuleActionKind::kAddQueue:
      if (rule.queue != call.queue) call.guest_queue = rule.queue;
      break;
    case RuleActionKind::kRequireSkill:
      call.steps.push_back({rule.skill, rule.level});
      if (call.owner_until_ms > now_ms_ && !WantsOwner(call, call.queue)) call.owner_until_ms = 0;
      break;
    case RuleActionKind::kDropSkill:
      call.steps.push_back({rule.skill, 0});
      break;
  }
  return absl::OkStatus();
}

absl::Status ShadowModel::OnAnnounce(const Announce& c) {
  ShadowCall& call = *Live(c.call);
  const Announcements& cfg = center_.queues[c.queue].announcements;
  if (!call.queued || c.queue != call.queue || call.state != CallState::kWaiting ||
      cfg.every_ms == 0 || call.callback) {
    return absl::InternalError("Announce for a call not waiting in an announcing queue");
  }
  uint32_t in_queue = 0;
  for (const auto& [id, other] : live_) in_queue += other.queued && other.queue == c.queue;
  const uint32_t position = c.position;
  if (position == 0 || position > in_queue ||
      (call.last_position != 0 && !c.more_than && position > call.last_position) ||
      (cfg.position_limit > 0 && position > cfg.position_limit) ||
      c.more_than != (cfg.position_limit > 0 && position == cfg.position_limit && c.more_than) ||
      c.ewt_ms < -1 || (!cfg.ewt && c.ewt_ms != -1)) {
    return absl::InternalError(absl::StrCat("Announce position ", position, " (more than ",
                                            c.more_than, ", ewt ", c.ewt_ms,
                                            ") impossible for the queue"));
  }
  call.last_position = position;
  return absl::OkStatus();
}

}  // namespace acd::testing
