// Simulator: the reactions to the engine's commands, which only schedule
// world happenings and count (an offer schedules an answer or lets it ring,
// a connection the end of talk, a queued call its patience). An ended
// call (OnEnded, perhaps a retrial) is in simulator_world.cc.
#include <algorithm>
#include <variant>

#include "sim/simulator.h"

namespace acd::sim {
void Simulator::React(const Command& command) {
  const TimeMs t = command.time_ms;
  if (const auto* c = std::get_if<Offer>(&command.body)) {
    OnOffer(*c);
  } else if (const auto* c = std::get_if<CancelOffer>(&command.body)) {
    OnCancel(*c);
  } else if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    OnConnected(*c);
  } else if (const auto* c = std::get_if<CallEnded>(&command.body)) {
    OnEnded(*c);
    result_.last_call_ended_ms = t;
  } else if (const auto* c = std::get_if<AgentStateChanged>(&command.body)) {
    OnAgentState(*c);
  } else if (const auto* c = std::get_if<AgentPauseChanged>(&command.body)) {
    OnPauseChanged(*c);
  } else if (const auto* c = std::get_if<CallQueued>(&command.body)) {
    OnQueued(*c);
  } else if (const auto* c = std::get_if<RouteCall>(&command.body)) {
    OnRouted(*c);
  } else if (const auto* c = std::get_if<DialCallback>(&command.body)) {
    OnDial(*c);
  } else if (const auto* c = std::get_if<CallbackHeld>(&command.body)) {
    TrackHold(c->callback, true);
  }
}

void Simulator::OnQueued(const CallQueued& queued) {
  TrackHold(queued.call, false);
  SimCall* call = calls_.Find(queued.call);
  if (call == nullptr || call->patience_started) return;
  StartPatience(*call, queued.call);
}

// The entry rules ended the call at once on a terminal path.
void Simulator::OnRouted(const RouteCall& route) {
  if (route.kind == OverflowKind::kCallback &&
      (route.cause == RouteCause::kEntryRule || route.cause == RouteCause::kEntryDefault)) {
    // The rule's capture names the queue that calls back, if any.
    const bool by_rule = route.cause == RouteCause::kEntryRule && route.rule >= 0 &&
                         static_cast<size_t>(route.rule) < center_.entry_rules.size();
    const OverflowAction& action = by_rule
                                       ? center_.entry_rules[static_cast<size_t>(route.rule)].route
                                       : center_.entry_default;
    if (SimCall* call = calls_.Find(route.call); call != nullptr && action.has_queue) {
      call->capture_queue = action.queue;
    }
  }
  if (route.cause == RouteCause::kEntryDefault) {
    ++result_.entry_rule_ends.back();
  } else if (route.cause == RouteCause::kEntryRule && route.rule >= 0 &&
             static_cast<size_t>(route.rule) + 1 < result_.entry_rule_ends.size()) {
    ++result_.entry_rule_ends[static_cast<size_t>(route.rule)];
  }
}

void Simulator::OnOffer(const Offer& offer) {
  SimCall* call = calls_.Find(offer.call);
  if (call == nullptr) return;
  const AgentBehavior& behavior = options_.agents;
  if (agent_rng_.Bernoulli(behavior.rona_probability)) return;  // lets it ring
  const TimeMs delay_ms = SampleMs(behavior.answer_delay_ms, agent_rng_);
  if (delay_ms >= offer.ring_timeout_ms) return;  // too slow: the engine's RONA
  const uint64_t serial = next_serial_++;
  call->answers.push_back(PendingAnswer{offer.agent, serial});
  Schedule(now_ms_ + delay_ms, HappeningKind::kAnswer, offer.call, offer.agent, 0, serial);
}

void Simulator::OnCancel(const CancelOffer& cancel) {
  SimCall* call = calls_.Find(cancel.call);
  if (call == nullptr) return;
  auto& answers = call->answers;
  answers.erase(std::remove_if(answers.begin(), answers.end(),
                               [&](const PendingAnswer& a) { return a.agent == cancel.agent; }),
                answers.end());
}

void Simulator::OnConnected(const CallConnected& connected) {
  SimCall* call = calls_.Find(connected.call);
  if (call == nullptr) return;
  call->connected = true;
  call->answers.clear();
  TimeMs handle_ms = call->handle_ms;
  if (!options_.agent_handle_factor.empty()) {
    if (auto a = agent_index_.find(connected.agent); a != agent_index_.end()) {
      const double factor = options_.agent_handle_factor[a->second];
      handle_ms = std::max<TimeMs>(1, std::llround(static_cast<double>(handle_ms) * factor));
    }
  }
  Schedule(now_ms_ + handle_ms, HappeningKind::kTalkEnd, connected.call);
}

void Simulator::OnAgentState(const AgentStateChanged& change) {
  SimAgent* agent = FindAgent(change.agent);
  if (agent == nullptr) return;
  if (change.state == AgentState::kNotReady && change.reason == NotReadyReason::kNoAnswer) {
    const uint64_t serial = ++agent->pause_serial;
    const TimeMs pause_ms = SampleMs(options_.agents.no_answer_pause_ms, agent_rng_);
    Schedule(now_ms_ + pause_ms, HappeningKind::kNoAnswerOver, 0, agent->id, 0, serial);
  }
  if (change.state == AgentState::kNotReady && agent->break_applied &&
      change.reason == agent->pending_break.reason) {
    agent->break_applied = false;
    const uint64_t serial = ++agent->break_serial;
    Schedule(now_ms_ + agent->pending_break.duration_ms, HappeningKind::kBreakEnd, 0, agent->id,
             static_cast<uint32_t>(change.reason), serial);
  }
  if (change.state == AgentState::kLoggedOut) agent->break_applied = false;
  if (agent->wants_logout || agent->wants_break) MarkRecheck(*agent);
}

// A no-answer pause in one queue (the queue's auto_pause_here_only): the
// agent ends it after the same pause as one everywhere.
void Simulator::OnPauseChanged(const AgentPauseChanged& change) {
  SimAgent* agent = FindAgent(change.agent);
  if (agent == nullptr || !change.paused || change.reason != NotReadyReason::kNoAnswer) return;
  const uint64_t serial = ++agent->queue_pause_serials[change.queue];
  const TimeMs pause_ms = SampleMs(options_.agents.no_answer_pause_ms, agent_rng_);
  Schedule(now_ms_ + pause_ms, HappeningKind::kNoAnswerOver, 0, agent->id, change.queue + 1,
           serial);
}

}  // namespace acd::sim
