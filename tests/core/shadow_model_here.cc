// ShadowModel: counters of one queue (a queue's counters_here_only,
// Asterisk's shared_lastcall = no for fewestcalls and leastrecent), from
// the command stream: each queued call answered counts in its queue's
// counters of the agent, each end of its talk adds the talk time and is
// the agent's last end there; a call the agent took through a guest queue
// (it is no member of the call's queue) counts in none. A queue with the
// option offers a call entering it to an agent no free qualified agent
// beats by those counters.
#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {
namespace {

bool MemberOf(const ShadowAgent& agent, QueueId queue) {
  return std::any_of(agent.queues.begin(), agent.queues.end(),
                     [queue](const Membership& m) { return m.queue == queue; });
}

}  // namespace

void ShadowModel::CountAnsweredHere(const ShadowCall& call, ShadowAgent& agent) const {
  if (call.queued && MemberOf(agent, call.queue)) ++agent.here[call.queue].calls;
}

void ShadowModel::CountTalkEndHere(const ShadowCall& call, ShadowAgent& agent) const {
  if (!call.queued || !MemberOf(agent, call.queue)) return;
  ShadowAgent::HereCounters& here = agent.here[call.queue];
  here.talk_ms += now_ms_ - call.connected_ms;
  here.ended = true;
  here.last_end_ms = now_ms_;
}

int64_t ShadowModel::HereCounter(Strategy strategy, const ShadowAgent& agent, QueueId queue) {
  auto it = agent.here.find(queue);
  const ShadowAgent::HereCounters here = it == agent.here.end() ? ShadowAgent::HereCounters{}
                                                                 : it->second;
  switch (strategy) {
    case Strategy::kLeastCalls: return here.calls;
    case Strategy::kLeastTalkTime: return here.talk_ms;
    default: return here.ended ? here.last_end_ms : INT64_MIN;  // never: idle the longest
  }
}

absl::Status ShadowModel::CheckHereOnly(const ShadowCall& call, const ShadowAgent& agent,
                                        const Offer& offer) const {
  const QueueConfig& queue = center_.queues[offer.queue];
  if (!queue.counters_here_only || offer.preferred || !FirstOfferOnEntry(call, offer)) {
    return absl::OkStatus();
  }
  const int64_t mine = HereCounter(queue.strategy, agent, offer.queue);
  for (const auto& [id, other] : Rivals(call, agent, offer)) {
    const int64_t theirs = HereCounter(queue.strategy, *other, offer.queue);
    if (theirs < mine) {
      return absl::InternalError(absl::StrCat(
          Name(queue.strategy), " counting queue ", offer.queue, "'s calls alone: call ",
          offer.call, " offered to agent ", offer.agent, " (", mine, ") while agent ", id, " (",
          theirs, ") was free and qualified"));
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::testing
