// ShadowModel: pauses in one queue (AgentNotReady / AgentReady with a
// queue). Each change the events or an automatic pause make is due as an
// AgentPauseChanged of the same step; Eligible skips a paused membership.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

void ShadowModel::SetQueuePause(ShadowAgent& agent, QueueId queue, NotReadyReason reason) {
  if (reason == NotReadyReason::kNone) {
    agent.paused.erase(queue);
  } else {
    agent.paused[queue] = reason;
  }
  expect_pauses_.insert({agent.config->id, queue, reason});
}

void ShadowModel::ClearQueuePauses(ShadowAgent& agent) {
  while (!agent.paused.empty()) {
    SetQueuePause(agent, agent.paused.begin()->first, NotReadyReason::kNone);
  }
}

const CallDecline* ShadowModel::CountedDecline() const {
  const auto* e = event_ ? std::get_if<CallDecline>(&event_->body) : nullptr;
  if (e == nullptr || !live_.contains(e->call)) return nullptr;
  const QueueConfig& queue = center_.queues[live_.at(e->call).queue];
  const bool counts = (e->reason == DeclineReason::kBusy && queue.auto_pause_busy) ||
                      (e->reason == DeclineReason::kUnavailable && queue.auto_pause_unavailable);
  return counts ? e : nullptr;
}

void ShadowModel::CountMiss(ShadowAgent& agent, const ShadowCall& call, TimeMs rest_ms) {
  missed_.insert(agent.config->id);
  ++agent.misses;
  const QueueConfig& queue = center_.queues[call.queue];
  const bool reached = ReachesPause(agent, queue, agent.misses);
  if (reached && !queue.auto_pause_here_only) {
    SetPresence(agent, Presence::kNotReady, NotReadyReason::kNoAnswer);
    return;
  }
  // A pause in this queue alone (auto_pause_here_only) keeps the miss's
  // rest for the agent's other queues.
  if (rest_ms > 0) agent.rest_until_ms = now_ms_ + rest_ms;
  if (reached) AutoPauseHere(agent, call);
}

bool ShadowModel::ReachesPause(const ShadowAgent& agent, const QueueConfig& queue,
                               uint32_t misses) const {
  return queue.max_misses > 0 && misses >= static_cast<uint32_t>(queue.max_misses) &&
         !WithinPauseDelay(agent, queue);
}

bool ShadowModel::MissPausesNow(const ShadowAgent& agent, bool timer_phase) const {
  if (!timer_phase) {
    const CallDecline* e = CountedDecline();
    if (e == nullptr || e->agent != agent.config->id) return false;
    const QueueConfig& queue = center_.queues[live_.at(e->call).queue];
    return !queue.auto_pause_here_only && ReachesPause(agent, queue, agent.misses + 1);
  }
  for (const auto& [id, call] : live_) {
    const QueueConfig& queue = center_.queues[call.queue];
    for (const ShadowOffer& offer : call.offers) {
      if (offer.agent == agent.config->id && !queue.auto_pause_here_only &&
          offer.offered_ms + offer.ring_timeout_ms == now_ms_ &&
          ReachesPause(agent, queue, agent.misses + 1)) {
        return true;
      }
    }
  }
  return false;
}

// Asterisk's autopausedelay, from the command stream: the agent's last call
// (the latest end of a talk in any of its queues, counters_here_only's
// record) ended less than the queue's delay ago.
bool ShadowModel::WithinPauseDelay(const ShadowAgent& agent, const QueueConfig& queue) const {
  if (queue.auto_pause_delay_ms == 0) return false;
  bool ended = false;
  TimeMs last_ms = 0;
  for (const auto& [id, here] : agent.here) {
    if (!here.ended) continue;
    last_ms = ended ? std::max(last_ms, here.last_end_ms) : here.last_end_ms;
    ended = true;
  }
  return ended && now_ms_ - last_ms < queue.auto_pause_delay_ms;
}

bool ShadowModel::AutoPauseHere(ShadowAgent& agent, const ShadowCall& call) {
  // In the missed call's queue, as a member not paused there yet; else no
  // pause and the count stays (a guest queue's member, a transfer by name).
  const bool member = std::any_of(agent.queues.begin(), agent.queues.end(),
                                  [&](const Membership& m) { return m.queue == call.queue; });
  if (!member || agent.paused.contains(call.queue)) return false;
  agent.misses = 0;
  SetQueuePause(agent, call.queue, NotReadyReason::kNoAnswer);
  return true;
}

bool ShadowModel::AutoPausedHere(const ShadowAgent& agent, QueueId queue) const {
  auto it = agent.paused.find(queue);
  return missed_.contains(agent.config->id) && it != agent.paused.end() &&
         it->second == NotReadyReason::kNoAnswer;
}

absl::Status ShadowModel::OnPauseChanged(const AgentPauseChanged& c, bool timer_phase) {
  // An automatic pause (max_misses) ends the agent's pauses in one queue
  // before the CancelOffer of the missed ring that makes it here.
  ShadowAgent* agent = Agent(c.agent);
  const bool auto_pause = !c.paused && agent != nullptr && MissPausesNow(*agent, timer_phase) &&
                          agent->paused.erase(c.queue) == 1;
  if (c.paused != (c.reason != NotReadyReason::kNone) ||
      (!auto_pause && expect_pauses_.erase({c.agent, c.queue, c.reason}) == 0)) {
    return absl::InternalError(absl::StrCat("AgentPauseChanged agent ", c.agent, " queue ", c.queue,
                                            " paused ", c.paused, " reason ", Name(c.reason),
                                            " that no event or automatic pause of this step made"));
  }
  touched_agents_.insert(c.agent);
  return absl::OkStatus();
}

}  // namespace acd::testing
