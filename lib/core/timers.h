// The engine's timers: an ordered set of (due, sequence) entries, each
// naming what to do. Cancellation erases the entry, so a cancelled timer
// can never fire; each entry fires at most once (it is removed as it fires).
// Not thread-safe. Invariant: entries are unique by sequence number.
#ifndef ACD_LIB_CORE_TIMERS_H_
#define ACD_LIB_CORE_TIMERS_H_

#include <cstdint>
#include <optional>

#include "absl/container/btree_set.h"
#include "acd/types.h"

namespace acd::core {

enum class TimerKind : uint8_t { kRingTimeout, kWrapUpEnd, kMaxWait, kStage };

struct Timer {
  TimeMs due_ms = 0;
  uint64_t seq = 0;  // creation order; 0 means "no timer"
  TimerKind kind = TimerKind::kRingTimeout;
  uint32_t target = 0;  // call or agent slot
  bool operator<(const Timer& o) const {
    return due_ms != o.due_ms ? due_ms < o.due_ms : seq < o.seq;
  }
};

class TimerQueue {
 public:
  // Schedules and returns the entry (keep it to cancel).
  Timer Add(TimeMs due_ms, TimerKind kind, uint32_t target);
  // Cancels the entry if present and clears the handle; no-op when empty.
  void Cancel(Timer& handle);
  bool Contains(const Timer& handle) const { return timers_.contains(handle); }
  // Removes and returns the earliest entry due at or before time_ms.
  std::optional<Timer> PopDue(TimeMs time_ms);
  std::optional<TimeMs> NextDueMs() const;
  size_t size() const { return timers_.size(); }
  uint64_t next_seq() const { return next_seq_; }
  const absl::btree_set<Timer>& entries() const { return timers_; }

 private:
  absl::btree_set<Timer> timers_;
  uint64_t next_seq_ = 1;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_TIMERS_H_
