// The preferred seller: a caller whose CRM owner serves the queue and is
// ready (idle or busy) waits for that seller alone for the queue's
// owner_first_ms, then joins the line for anyone qualified. The window also ends at once when
// the owner lets the offer ring out, declines it, or goes away (logs out
// or goes not ready): holding the caller for an absent seller helps nobody.
#include "core/engine_impl.h"

namespace acd::core {

bool EngineImpl::WantsOwner(const Call& c, QueueId queue) const {
  const QueueConfig& cfg = qcfg(queue);
  if (cfg.owner_first_ms <= 0 || c.owner_agent == 0) return false;
  const uint32_t owner = AgentSlot(c.owner_agent);
  if (owner == kNoSlot) return false;
  const Agent& a = agents_[owner];
  // Busy is fine (they may free up in time); on a break or out is not.
  if (a.presence != Presence::kReady || !MatchesExtra(a, Requirement(c))) return false;
  for (const AgentMembership& m : a.memberships) {
    // A wrap-up (for this queue alone too) is busy: fine likewise.
    if (m.queue == queue) return Qualifies(a, m) && LevelsIn(queues_[queue], c).Allows(m.tier);
  }
  return false;
}

void EngineImpl::OnOwnerWindowEnd(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  if (!c.owner_window) return;
  if (c.state == CallState::kOffered) {
    c.owner_window = false;  // ringing at the owner: the ring decides
    return;
  }
  EndOwnerWindow(call_slot);
}

void EngineImpl::EndOwnerWindow(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  timers_.Cancel(c.owner_timer);
  const bool waiting = c.in_index;
  RemoveWaiting(call_slot);
  c.owner_window = false;
  if (waiting) {
    InsertWaiting(call_slot);
    pending_calls_.push_back(call_slot);
  }
}

void EngineImpl::ReleaseOwnedCalls(uint32_t agent_slot) {
  if (owned_.empty()) return;  // the common case: nobody waits for a seller
  auto it = owned_.find(agent_slot);
  if (it == owned_.end()) return;
  std::vector<uint32_t> calls;
  for (const CallKey& key : it->second) calls.push_back(key.call);
  for (uint32_t call_slot : calls) EndOwnerWindow(call_slot);
}

}  // namespace acd::core
