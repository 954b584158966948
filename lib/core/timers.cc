#include "core/timers.h"

namespace acd::core {

Timer TimerQueue::Add(TimeMs due_ms, TimerKind kind, uint32_t target) {
  Timer timer{due_ms, next_seq_++, kind, target};
  timers_.insert(timer);
  return timer;
}

void TimerQueue::Cancel(Timer& handle) {
  if (handle.seq == 0) return;
  timers_.erase(handle);
  handle = Timer{};
}

std::optional<Timer> TimerQueue::PopDue(TimeMs time_ms) {
  if (timers_.empty() || timers_.begin()->due_ms > time_ms) return std::nullopt;
  Timer timer = *timers_.begin();
  timers_.erase(timers_.begin());
  return timer;
}

std::optional<TimeMs> TimerQueue::NextDueMs() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->due_ms;
}

}  // namespace acd::core
