// Also: a caller who hung up in line and calls back within the center's
// resume_place_ms gets their place back (the same ANI, the same queue).
//
// The preferred seller: a caller whose CRM owner serves the queue and is
// ready (idle or busy) waits for that seller alone for the queue's
// owner_first_ms, then
// joins the line for anyone qualified. The window also ends at once when
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
  if (a.presence != Presence::kReady || !MatchesExtra(a, c.extra)) return false;
  for (const AgentMembership& m : a.memberships) {
    if (m.queue == queue) return Serves(a, m) && m.tier >= c.min_level;
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
  auto it = owned_.find(agent_slot);
  if (it == owned_.end()) return;
  std::vector<uint32_t> calls;
  for (const CallKey& key : it->second) calls.push_back(key.call);
  for (uint32_t call_slot : calls) EndOwnerWindow(call_slot);
}

// ---- resuming a place in line ----

void EngineImpl::RememberPlace(uint32_t call_slot) {
  const Call& c = calls_[call_slot];
  const std::string& ani = attributes_[call_slot].ani;
  if (ani.empty()) return;
  const TimeMs until_ms = now_ms_ + center_.resume_place_ms;
  left_places_[ani] = LeftPlace{c.queue, c.key.seq, c.line_ms, until_ms};
  left_expiry_.emplace_back(until_ms, ani);
  while (left_expiry_.size() > center_.ended_calls_window) {
    auto it = left_places_.find(left_expiry_.front().second);
    if (it != left_places_.end() && it->second.until_ms == left_expiry_.front().first) {
      left_places_.erase(it);
    }
    left_expiry_.pop_front();
  }
}

void EngineImpl::ResumePlace(uint32_t call_slot) {
  while (!left_expiry_.empty() && left_expiry_.front().first < now_ms_) {
    auto it = left_places_.find(left_expiry_.front().second);
    if (it != left_places_.end() && it->second.until_ms == left_expiry_.front().first) {
      left_places_.erase(it);
    }
    left_expiry_.pop_front();
  }
  Call& c = calls_[call_slot];
  auto it = left_places_.find(attributes_[call_slot].ani);
  if (it == left_places_.end() || it->second.queue != c.queue) return;
  c.key.seq = it->second.seq;  // back where the caller was in line
  c.line_ms = it->second.line_ms;
  left_places_.erase(it);
}

}  // namespace acd::core
