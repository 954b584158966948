// ShadowModel: eligibility and order, agent presence and states, call
// ends and the end-of-step checks. Calls and offers are in shadow_model.cc.
#include <algorithm>
#include <variant>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "tests/core/center_gen.h"
#include "tests/core/describe.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

bool ShadowModel::Eligible(const ShadowCall& call, const ShadowAgent& agent, QueueId queue,
                           TimeMs now_ms, Sureness sureness) const {
  const uint32_t threshold = center_.queues[queue].ignore_delays_up_to_members;
  uint32_t logged_in = 0;
  if (threshold > 0) {
    for (const auto& [id, other] : agents_) {
      for (const Membership& m : other.queues) {
        logged_in += m.queue == queue && other.presence != Presence::kLoggedOut;
      }
    }
  }
  // At owner_until_ms itself the window's timer may or may not have fired
  // (timers due in the same millisecond): a certain "may take" counts the
  // window as open for others; a possible one lets the owner in either way.
  const bool is_owner = agent.config->id == call.owner;
  const bool open = call.owner_until_ms > now_ms;
  const bool open_or_tie = call.owner_until_ms >= now_ms;
  if (!is_owner && (sureness == Sureness::kCertain ? open_or_tie : open)) return false;
  const bool owner_first =
      is_owner && (sureness == Sureness::kNecessary ? open_or_tie : open);
  // A callback waits at the last delay stage: no member delays.
  const bool ignore_delays =
      owner_first || call.callback || (threshold > 0 && logged_in <= threshold);
  bool home = false, guest = false;
  for (const Membership& m : agent.queues) {
    if (!MeetsLevel(call, agent, m)) continue;
    // In a wrap-up for this queue alone (wrapup_here_only): not through it.
    if (WrapsUpFor(agent, m.queue, now_ms)) continue;
    // Paused in this queue alone (AgentNotReady with a queue): likewise.
    if (agent.paused.contains(m.queue)) continue;
    // On a call outside the ACD: only queues that ring agents in use.
    if (agent.outside_call && !center_.queues[m.queue].ring_in_use) continue;
    if (m.queue == call.guest_queue) guest = true;  // the guest queue's delays do not apply
    if (m.queue != queue) continue;
    const TimeMs delay = ignore_delays ? 0 : DelayToWait(queue, m.delay_ms);
    switch (sureness) {
      case Sureness::kNecessary: home = now_ms - call.arrived_ms >= delay; break;
      case Sureness::kSufficient: home = now_ms - call.enqueued_ms >= delay; break;
      case Sureness::kCertain: home = delay == 0 || now_ms - call.enqueued_ms > delay; break;
    }
  }
  if (!home && !guest) return false;
  if (!RoomFor(agent, call.media)) return false;
  return MeetsSkills(call, agent.skills);
}

bool ShadowModel::MeetsSkills(const ShadowCall& call, const std::vector<SkillLevel>& skills) {
  absl::flat_hash_map<SkillId, int> stepped;  // skill -> minimum (0: dropped)
  for (const SkillLevel& step : call.steps) stepped[step.skill] = step.level;
  for (const auto& [skill, level] : stepped) {
    if (level > 0 && SkillLevelOf(skills, skill) < level) return false;
  }
  // The requirement the call came with, its stepped skills left open: some
  // level of each meets the required skills and the expression together.
  std::vector<SkillId> open;
  for (const auto& [skill, level] : stepped) open.push_back(skill);
  std::vector<SkillLevel> trial = skills;
  for (SkillId skill : open) {
    if (std::none_of(trial.begin(), trial.end(),
                     [&](const SkillLevel& s) { return s.skill == skill; })) {
      trial.push_back({skill, 0});
    }
  }
  std::vector<int> levels(open.size(), 0);
  while (true) {
    for (size_t i = 0; i < open.size(); ++i) {
      for (SkillLevel& s : trial) {
        if (s.skill == open[i]) s.level = levels[i];
      }
    }
    bool met = call.expr == nullptr || call.expr->Eval(trial);
    for (const SkillLevel& need : call.required) {
      met = met && SkillLevelOf(trial, need.skill) >= need.level;
    }
    if (met) return true;
    size_t i = 0;
    while (i < open.size() && ++levels[i] > kMaxLevel) levels[i++] = 0;
    if (i == open.size()) return false;
  }
}

std::vector<std::pair<AgentId, const ShadowAgent*>> ShadowModel::Rivals(
    const ShadowCall& call, const ShadowAgent& agent, const Offer& offer) const {
  // Level first: the strategy decides within the offered agent's level
  // only; order_by: within the agents tied with it by the attribute.
  const bool level_first = center_.queues[offer.queue].level_first && !IgnoresLevels(offer.queue);
  const int level = CountsAs(call, offer.queue, LevelIn(offer.queue, agent));
  std::vector<std::pair<AgentId, const ShadowAgent*>> out;
  for (const auto& [id, other] : agents_) {
    if (id == offer.agent || !Available(other, now_ms_) ||
        !Eligible(call, other, offer.queue, now_ms_, Sureness::kCertain) ||
        (level_first && CountsAs(call, offer.queue, LevelIn(offer.queue, other)) != level) ||
        CompareByAttribute(offer.queue, other, agent) != 0) {
      continue;
    }
    out.emplace_back(id, &other);
  }
  return out;
}

absl::Status ShadowModel::CheckBestScore(const ShadowCall& call, const ShadowAgent& agent,
                                         const Offer& offer) const {
  const QueueConfig& queue = center_.queues[offer.queue];
  if (queue.strategy != Strategy::kBestSkillScore || offer.preferred ||
      !FirstOfferOnEntry(call, offer)) {
    return absl::OkStatus();
  }
  const int64_t score = SkillScore(queue.skill_weights, agent.skills);
  for (const auto& [id, other] : Rivals(call, agent, offer)) {
    const int64_t other_score = SkillScore(queue.skill_weights, other->skills);
    if (other_score > score) {
      return absl::InternalError(absl::StrCat(
          "best_skill_score: call ", offer.call, " offered to agent ", offer.agent, " (score ",
          score, ") while agent ", id, " (score ", other_score, ") was free and qualified"));
    }
  }
  return absl::OkStatus();
}

bool ShadowModel::Available(const ShadowAgent& a, TimeMs now_ms) {
  return a.presence == Presence::kReady && !SharedWrapUp(a, now_ms) && a.rest_until_ms <= now_ms &&
         a.load() < a.config->capacity;
}

AgentState ShadowModel::ExpectedState(const ShadowAgent& agent, TimeMs now_ms,
                                      NotReadyReason* reason) {
  *reason = NotReadyReason::kNone;
  if (agent.talking > 0) return AgentState::kTalking;
  if (agent.offers > 0) return AgentState::kReserved;
  if (agent.presence == Presence::kLoggedOut) return AgentState::kLoggedOut;
  if (agent.wrapup_end_ms > now_ms) return AgentState::kWrapUp;
  if (agent.presence == Presence::kNotReady) {
    *reason = agent.presence_reason;
    return AgentState::kNotReady;
  }
  return AgentState::kReady;
}

bool ShadowModel::WantsOwner(const ShadowCall& call, QueueId queue) const {
  if (center_.queues[queue].owner_first_ms <= 0 || call.owner == 0) return false;
  auto it = agents_.find(call.owner);
  if (it == agents_.end() || it->second.presence != Presence::kReady) return false;
  const ShadowAgent& owner = it->second;
  if (!MeetsSkills(call, owner.skills)) return false;
  for (const Membership& m : owner.queues) {
    if (m.queue != queue) continue;
    if (owner.outside_call && !center_.queues[queue].ring_in_use) return false;
    return MeetsLevel(call, owner, m);
  }
  return false;
}

void ShadowModel::EndOwnerWindows(AgentId owner) {
  for (auto& [id, call] : live_) {
    if (call.owner == owner) call.owner_until_ms = 0;
  }
}

void ShadowModel::SetPresence(ShadowAgent& agent, Presence presence, NotReadyReason reason) {
  if (presence != Presence::kReady) ClearQueuePauses(agent);  // covered by it (invariant 25)
  if (presence != Presence::kReady) EndOwnerWindows(agent.config->id);
  if (presence != Presence::kReady && agent.presence == Presence::kReady) agent.misses = 0;
  agent.presence = presence;
  agent.presence_reason = presence == Presence::kNotReady ? reason : NotReadyReason::kNone;
}

void ShadowModel::OnAgentEvent(const EventBody& body) {
  if (const auto* e = std::get_if<AgentLogin>(&body)) {
    ShadowAgent& a = *Agent(e->agent);
    a.misses = 0;
    SetPresence(a, e->ready ? Presence::kReady : Presence::kNotReady,
                NotReadyReason::kUnspecified);
  } else if (const auto* e = std::get_if<AgentLogout>(&body)) {
    ShadowAgent& a = *Agent(e->agent);
    SetPresence(a, Presence::kLoggedOut, NotReadyReason::kNone);
    a.wrapup_end_ms = 0;
    a.wrapup_queue = ShadowAgent::kAllQueues;
  } else if (const auto* e = std::get_if<AgentReady>(&body)) {
    ShadowAgent& a = *Agent(e->agent);
    if (e->queue) return SetQueuePause(a, *e->queue, NotReadyReason::kNone);
    ClearQueuePauses(a);
    a.wrapup_end_ms = 0;
    a.wrapup_queue = ShadowAgent::kAllQueues;
    SetPresence(a, Presence::kReady, NotReadyReason::kNone);
  } else if (const auto* e = std::get_if<AgentNotReady>(&body)) {
    if (e->queue) return SetQueuePause(*Agent(e->agent), *e->queue, e->reason);
    SetPresence(*Agent(e->agent), Presence::kNotReady, e->reason);
  } else if (const auto* e = std::get_if<AgentOutsideCall>(&body)) {
    Agent(e->agent)->outside_call = e->on_call;
  } else if (const auto* e = std::get_if<AgentSetSkills>(&body)) {
    ShadowAgent& agent = *Agent(e->agent);
    agent.skills = HeldSkills(*agent.config, e->skills);
    EndOwnerWindows(e->agent);
  } else if (const auto* e = std::get_if<AgentSetLevel>(&body)) {
    OnSetLevel(*e);
  }
}

void ShadowModel::EndTalk(ShadowCall& call) {
  EndHold(call);
  ShadowAgent& agent = *Agent(call.agent);
  --agent.talking;
  CountTalkEndHere(call, agent);
  // An agent (capacity > 1) with another offer ringing cannot start wrap-up
  // without breaking invariant 2: the engine either cancels that offer
  // first (kAgentUnavailable) or skips the wrap-up; both are accepted.
  // The agent's own wrap-up, when it has one, in place of the queue's.
  const AgentConfig* config = agent.config;
  const TimeMs wrapup_ms =
      call.queued && !call.no_wrapup
          ? config->wrapup_ms.value_or(center_.queues[call.queue].wrapup_ms)
          : 0;
  if (wrapup_ms > 0 && agent.presence != Presence::kLoggedOut && agent.offers == 0) {
    agent.wrapup_end_ms = now_ms_ + wrapup_ms;
    // Asterisk's shared_lastcall = no for this queue: its calls only.
    agent.wrapup_queue =
        center_.queues[call.queue].wrapup_here_only ? call.queue : ShadowAgent::kAllQueues;
  }
  touched_agents_.insert(call.agent);
  call.agent = 0;
}

absl::Status ShadowModel::CheckOrder(const ShadowCall& call, const ShadowAgent& agent) const {
  for (const auto& [id, other] : live_) {
    if (id == call.id || other.state != CallState::kWaiting || other.queue != call.queue ||
        other.returning || other.held) {
      continue;
    }
    const bool ahead = other.priority > call.priority ||
                       (other.priority == call.priority && other.entry_seq < call.entry_seq);
    if (ahead && Eligible(other, agent, call.queue, now_ms_, Sureness::kCertain)) {
      return absl::InternalError(absl::StrCat(
          "call ", call.id, " offered to agent ", agent.config->id, " ahead of call ", id,
          " that waits before it in queue ", call.queue, " and the agent may take (invariant 7;",
          " that call: priority ", other.priority, ", min level ", other.min_level,
          ", guest queue ", static_cast<int64_t>(other.guest_queue == UINT32_MAX ? -1 : other.guest_queue),
          ", waiting since ", other.enqueued_ms, ", in line since ", other.line_ms,
          " at entry order ", other.entry_seq, "; the offered call: priority ", call.priority,
          ", min level ", call.min_level, ", in line since ", call.line_ms,
          " at entry order ", call.entry_seq, ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status ShadowModel::ExpectedDisposition(const ShadowCall& call, bool timer_phase,
                                              Disposition* out) const {
  if (auto it = expect_end_.find(call.id); it != expect_end_.end()) {
    *out = it->second;
    return absl::OkStatus();
  }
  const EventBody* body = (timer_phase || !event_) ? nullptr : &event_->body;
  // A CallConsultEnd that cancels hangs up its leg.
  const bool leg_hung_up = !timer_phase && hung_up_leg_ == call.id;
  if (call.consult_leg && !call.queued) {  // to a colleague: connected, in no queue
    const auto* hangup = body ? std::get_if<CallHangup>(body) : nullptr;
    const auto* end_talk = body ? std::get_if<CallEndTalk>(body) : nullptr;
    if ((hangup && hangup->call == call.id) || (end_talk && end_talk->call == call.id) ||
        leg_hung_up) {
      *out = Disposition::kConsult;
      return absl::OkStatus();
    }
    return absl::InternalError("consult leg ended without a hang-up, an end of talk or the end of its consult");
  }
  if (call.outbound) {
    const auto* hangup = body ? std::get_if<CallHangup>(body) : nullptr;
    const auto* end_talk = body ? std::get_if<CallEndTalk>(body) : nullptr;
    if ((hangup && hangup->call == call.id) || (end_talk && end_talk->call == call.id)) {
      *out = Disposition::kOutbound;
      return absl::OkStatus();
    }
    return absl::InternalError("outbound call ended without a hang-up or an end of talk");
  }
  if (call.callback) {
    const auto* hangup = body ? std::get_if<CallHangup>(body) : nullptr;
    const auto* end_talk = body ? std::get_if<CallEndTalk>(body) : nullptr;
    if (hangup && hangup->call == call.id) {
      *out = state_at_event_.at(call.id) == CallState::kTalking ? Disposition::kCallbackCompleted
                                                                 : Disposition::kCallbackCancelled;
      return absl::OkStatus();
    }
    if (end_talk && end_talk->call == call.id) {
      *out = Disposition::kCallbackCompleted;
      return absl::OkStatus();
    }
    if (timer_phase && call.window_to_ms == now_ms_) {
      *out = Disposition::kCallbackExpired;
      return absl::OkStatus();
    }
    return absl::InternalError("callback ended without a cause (hang-up, end of talk, failed "
                               "dial or its window's end)");
  }
  if (const auto* e = body ? std::get_if<CallHangup>(body) : nullptr;
      e && e->call == call.id && call.answered_here) {
    *out = Disposition::kAnswered;  // transferred: ringing at a colleague or back in line
    return absl::OkStatus();
  }
  if (const auto* e = body ? std::get_if<CallHangup>(body) : nullptr;
      (e && e->call == call.id) || leg_hung_up) {
    switch (state_at_event_.at(call.id)) {
      case CallState::kArrived: *out = Disposition::kAbandonedInIvr; break;
      case CallState::kWaiting: *out = Disposition::kAbandonedInQueue; break;
      case CallState::kOffered: *out = Disposition::kAbandonedRinging; break;
      default: *out = Disposition::kAnswered; break;
    }
    return absl::OkStatus();
  }
  if (const auto* e = body ? std::get_if<CallEndTalk>(body) : nullptr; e && e->call == call.id) {
    *out = Disposition::kAnswered;
    return absl::OkStatus();
  }
  if (const auto* e = body ? std::get_if<CallRoute>(body) : nullptr; e && e->call == call.id) {
    *out = e->disposition;
    return absl::OkStatus();
  }
  return absl::InternalError("CallEnded without a cause (no hang-up, end of talk, route "
                             "event or terminal RouteCall in this step)");
}

absl::Status ShadowModel::OnEnded(const CallEnded& c, bool timer_phase) {
  ShadowCall& call = *Live(c.call);
  if (!call.offers.empty()) {
    return absl::InternalError(absl::StrCat("CallEnded while ", call.offers.size(),
                                            " offers are pending (invariant 5)"));
  }
  Disposition expected = Disposition::kNone;
  if (absl::Status s = ExpectedDisposition(call, timer_phase, &expected); !s.ok()) return s;
  if (c.disposition != expected) {
    return absl::InternalError(absl::StrCat("CallEnded disposition ", Name(c.disposition),
                                            ", expected ", Name(expected)));
  }
  if (c.queued != call.queued || (call.queued && c.queue != call.queue)) {
    return absl::InternalError("CallEnded queued/queue differ from the call's history");
  }
  if (expected == Disposition::kAnswered && call.agent == 0 && call.answered_here) {
    // Answered, then transferred: nobody is connected when the caller leaves.
    if (c.agent != 0 || c.wait_ms != call.first_connected_ms - call.arrived_ms || c.talk_ms != 0 ||
        c.ended_by != EndedBy::kUnknown) {
      return absl::InternalError("CallEnded of a transferred call: agent, wait, talk or ended_by wrong");
    }
  } else if (expected == Disposition::kAnswered || expected == Disposition::kCallbackCompleted ||
      expected == Disposition::kOutbound || expected == Disposition::kConsult) {
    if (call.agent == 0 || c.agent != call.agent) {
      return absl::InternalError("CallEnded answered but not by the connected agent");
    }
    // Arrival to the first answer; the talk of the current connection.
    if (c.wait_ms != call.first_connected_ms - call.arrived_ms ||
        c.talk_ms != now_ms_ - call.connected_ms) {
      return absl::InternalError("CallEnded wait_ms or talk_ms wrong for an answered call");
    }
    EndTalk(call);
    if (c.ended_by != call.ended_by) {
      return absl::InternalError(absl::StrCat("CallEnded ended_by ", Name(c.ended_by),
                                              ", the event said ", Name(call.ended_by)));
    }
  } else {
    if (call.callback && call.state == CallState::kDialing && call.agent != 0) {
      --Agent(call.agent)->talking;  // withdrawn mid-dial: no wrap-up
      touched_agents_.insert(call.agent);
      call.agent = 0;
    }
    if (call.agent != 0) return absl::InternalError("a connected call ended unanswered");
    if (c.wait_ms != now_ms_ - call.arrived_ms) {
      return absl::InternalError("CallEnded wait_ms differs from time since arrival");
    }
    if (c.ended_by != EndedBy::kUnknown) {
      return absl::InternalError("CallEnded of an unanswered call says who hung up");
    }
  }
  if (c.hold_ms != call.hold_ms) {
    return absl::InternalError(absl::StrCat("CallEnded hold_ms ", c.hold_ms, ", the holds sum to ",
                                            call.hold_ms));
  }
  if (call.queued && (c.disposition == Disposition::kAbandonedInQueue ||
                      c.disposition == Disposition::kAbandonedRinging)) {
    ++totals_[call.queue].abandoned;
    if (center_.resume_place_ms > 0 && !call.ani.empty()) {
      const TimeMs until_ms = now_ms_ + center_.resume_place_ms;
      left_[call.ani] = LeftPlace{call.queue, call.entry_seq, call.line_ms, until_ms};
      left_expiry_.emplace_back(until_ms, call.ani);
      while (left_expiry_.size() > center_.ended_calls_window) {
        auto it = left_.find(left_expiry_.front().second);
        if (it != left_.end() && it->second.until_ms == left_expiry_.front().first) left_.erase(it);
        left_expiry_.pop_front();
      }
    }
  }
  UnlinkConsult(call);
  expect_end_.erase(c.call);
  ended_[c.call] = c.disposition;
  ended_seq_[c.call] = ended_count_++;
  ++by_disposition_[static_cast<int>(c.disposition)];
  live_.erase(c.call);
  return absl::OkStatus();
}

absl::Status ShadowModel::OnAgentState(const AgentStateChanged& c, bool timer_phase) {
  ShadowAgent* agent = Agent(c.agent);
  if (agent == nullptr) return absl::InternalError("AgentStateChanged for an unknown agent");
  touched_agents_.insert(c.agent);
  if ((c.state == AgentState::kNotReady) != (c.reason != NotReadyReason::kNone)) {
    return absl::InternalError("not-ready reason set iff the state is not ready");
  }
  if (c.state == agent->state && c.reason == agent->reason) {
    return absl::InternalError("AgentStateChanged without a change");
  }
  const bool cause_ok =
      (c.state == AgentState::kLoggedOut && agent->presence == Presence::kLoggedOut) ||
      (c.state == AgentState::kNotReady && agent->presence == Presence::kNotReady &&
       agent->presence_reason == c.reason) ||
      (c.state == AgentState::kReady && agent->presence == Presence::kReady) ||
      c.state == AgentState::kReserved || c.state == AgentState::kTalking ||
      (c.state == AgentState::kWrapUp && agent->presence != Presence::kLoggedOut);
  if (!cause_ok) {
    return absl::InternalError(absl::StrCat(
        "agent ", c.agent, " reported ", Name(c.state), "/", Name(c.reason),
        " but the events and misses say presence ", static_cast<int>(agent->presence), "/",
        Name(agent->presence_reason), " (timer phase ", timer_phase, ")"));
  }
  agent->state = c.state;
  agent->reason = c.reason;
  return absl::OkStatus();
}

absl::Status ShadowModel::EndStep(TimeMs now_ms) {
  now_ms_ = now_ms;
  if (!expect_pauses_.empty()) {
    const auto& [agent, queue, reason] = *expect_pauses_.begin();
    return absl::InternalError(absl::StrCat("agent ", agent, "'s pause in queue ", queue,
                                            " became ", Name(reason), " without AgentPauseChanged"));
  }

  if (!expect_levels_.empty()) {
    const auto& [agent, queue, level] = *expect_levels_.begin();
    return absl::InternalError(absl::StrCat("AgentSetLevel set agent ", agent, "'s level in queue ",
                                            queue, " to ", level, " without AgentLevelChanged"));
  }
  if (!expect_end_.empty()) {
    return absl::InternalError(absl::StrCat("terminal RouteCall for call ",
                                            expect_end_.begin()->first,
                                            " without CallEnded in the same step"));
  }
  for (CallId id : touched_) {
    auto it = live_.find(id);
    if (it == live_.end()) continue;
    const ShadowCall& call = it->second;
    if (call.returning) {
      return absl::InternalError(absl::StrCat(
          "call ", id, " lost its offers but was neither queued again, routed nor ended"));
    }
    if (call.entry_route_due) {
      return absl::InternalError(absl::StrCat("call ", id, " matched a terminal entry route (rule ",
                                              call.entry_rule, ") but was not routed"));
    }
    if (call.expect_hold_ms >= 0) {
      return absl::InternalError(absl::StrCat("callback ", id, " was to be held until ",
                                              call.expect_hold_ms, " but was not"));
    }
    if (call.agent != 0 && !call.offers.empty()) {
      return absl::InternalError(absl::StrCat(
          "call ", id, " is connected but offers are still pending (losing ring-all offers "
          "not cancelled in the same step, invariant 1)"));
    }
    if (call.offers.size() > 1 && call.offers.size() > center_.queues[call.queue].ring_all_max) {
      return absl::InternalError("ring-all group larger than ring_all_max");
    }
  }
  for (AgentId id : touched_agents_) {
    const ShadowAgent& agent = agents_.at(id);
    if (agent.load() > agent.config->capacity) {
      return absl::InternalError(absl::StrCat("agent ", id, " over capacity (invariant 2)"));
    }
    const bool unavailable = agent.state == AgentState::kLoggedOut ||
                             agent.state == AgentState::kNotReady ||
                             agent.state == AgentState::kWrapUp;
    // An agent in a wrap-up for one queue alone reports it only while idle.
    if ((unavailable || agent.presence != Presence::kReady || SharedWrapUp(agent, now_ms_)) &&
        agent.offers != 0) {
      return absl::InternalError(absl::StrCat("agent ", id, " in state ", Name(agent.state),
                                              " holds an offer (invariant 2)"));
    }
  }
  for (const auto& [id, agent] : agents_) {
    NotReadyReason reason;
    const AgentState want = ExpectedState(agent, now_ms_, &reason);
    if (agent.state != want || agent.reason != reason) {
      return absl::InternalError(absl::StrCat(
          "agent ", id, " reported ", Name(agent.state), "/", Name(agent.reason),
          " but holds ", agent.offers, " offers and ", agent.talking,
          " calls with presence ", static_cast<int>(agent.presence), "/",
          Name(agent.presence_reason), " and wrap-up until ", agent.wrapup_end_ms,
          ": expected ", Name(want), "/", Name(reason)));
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::testing
