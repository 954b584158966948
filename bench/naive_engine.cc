#include "bench/naive_engine.h"

namespace acd::bench {

absl::StatusOr<std::unique_ptr<NaiveEngine>> NaiveEngine::Create(const CenterConfig& center,
                                                                 CommandSink* sink, Scope scope) {
  if (absl::Status s = CheckSupported(center); !s.ok()) return s;
  return std::unique_ptr<NaiveEngine>(new NaiveEngine(center, sink, scope));
}

NaiveEngine::NaiveEngine(const CenterConfig& center, CommandSink* sink, Scope scope)
    : BaselineEngine(center, sink),
      scope_(scope),
      members_(queues_.size()),
      waiting_(queues_.size()) {
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    for (const AgentMember& m : agents_[slot].memberships) {
      members_[m.queue].push_back(Member{slot, TierFor(agents_[slot], m)});
    }
  }
}

uint32_t NaiveEngine::SelectAgent(uint32_t call_slot) {
  if (scope_ == Scope::kAllAgents) return SelectAgentAll(call_slot);
  const Call& c = calls_[call_slot];
  const QueueState& q = queues_[c.queue];
  uint32_t best = kNone;
  int best_tier = 0;
  for (const Member& m : members_[c.queue]) {
    const Agent& a = agents_[m.slot];
    if (!Available(a) || m.tier < c.min_level || !MatchesExtra(a, c.extra)) continue;
    if (best == kNone || AgentBetter(q, m.slot, m.tier, best, best_tier)) {
      best = m.slot;
      best_tier = m.tier;
    }
  }
  return best;
}

uint32_t NaiveEngine::SelectCall(uint32_t agent_slot) {
  if (scope_ == Scope::kAllAgents) return SelectCallAll(agent_slot);
  const Agent& a = agents_[agent_slot];
  uint32_t best = kNone;
  for (const AgentMember& m : a.memberships) {
    const int tier = TierFor(a, m);
    if (tier < kMinLevel) continue;
    for (uint32_t call_slot : waiting_[m.queue]) {
      const Call& c = calls_[call_slot];
      if (c.min_level > tier || !MatchesExtra(a, c.extra)) continue;
      if (best == kNone || CallBetter(call_slot, best)) best = call_slot;
    }
  }
  return best;
}

uint32_t NaiveEngine::SelectAgentAll(uint32_t call_slot) {
  const Call& c = calls_[call_slot];
  const QueueState& q = queues_[c.queue];
  uint32_t best = kNone;
  int best_tier = 0;
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    const Agent& a = agents_[slot];
    if (!Available(a)) continue;
    const AgentMember* m = MembershipOf(a, c.queue);
    if (m == nullptr) continue;
    const int tier = TierFor(a, *m);
    if (tier < c.min_level || !MatchesExtra(a, c.extra)) continue;
    if (best == kNone || AgentBetter(q, slot, tier, best, best_tier)) {
      best = slot;
      best_tier = tier;
    }
  }
  return best;
}

uint32_t NaiveEngine::SelectCallAll(uint32_t agent_slot) {
  const Agent& a = agents_[agent_slot];
  uint32_t best = kNone;
  for (uint32_t call_slot : waiting_[0]) {
    const Call& c = calls_[call_slot];
    const AgentMember* m = MembershipOf(a, c.queue);
    if (m == nullptr || c.min_level > TierFor(a, *m) || !MatchesExtra(a, c.extra)) continue;
    if (best == kNone || CallBetter(call_slot, best)) best = call_slot;
  }
  return best;
}

void NaiveEngine::OnWaitingInserted(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  std::vector<uint32_t>& list = ListOf(c);
  c.aux = static_cast<uint32_t>(list.size());
  list.push_back(call_slot);
}

void NaiveEngine::OnWaitingRemoved(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  std::vector<uint32_t>& list = ListOf(c);
  const uint32_t last = list.back();
  list[c.aux] = last;
  calls_[last].aux = c.aux;
  list.pop_back();
  c.aux = kNone;
}

}  // namespace acd::bench
