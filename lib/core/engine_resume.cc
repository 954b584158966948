// Resuming a place in line: a caller who hung up while waiting or ringing
// and enters the same queue again within the center's resume_place_ms (the
// same ANI) gets the old place back. Places are kept by ANI, expire in the
// order they were left (one delay for all: a FIFO) and are bounded by
// ended_calls_window.
#include "core/engine_impl.h"

namespace acd::core {

void EngineImpl::RememberPlace(uint32_t call_slot) {
  const Call& c = calls_[call_slot];
  const std::string& ani = attributes_[call_slot].ani;
  if (ani.empty()) return;
  const TimeMs until_ms = now_ms_ + center_.resume_place_ms;
  left_places_[ani] = LeftPlace{c.queue, c.key.seq, c.line_ms, until_ms};
  left_expiry_.emplace_back(until_ms, ani);
  TrimToWindow(left_expiry_, left_places_, center_.ended_calls_window);
}

void EngineImpl::ResumePlace(uint32_t call_slot) {
  ExpireBefore(left_expiry_, left_places_, now_ms_);
  Call& c = calls_[call_slot];
  auto it = left_places_.find(attributes_[call_slot].ani);
  if (it == left_places_.end() || it->second.queue != c.queue) return;
  c.key.seq = it->second.seq;  // back where the caller was in line
  c.line_ms = it->second.line_ms;
  left_places_.erase(it);
}

}  // namespace acd::core
