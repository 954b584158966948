// The engine's timers, fired in (due, creation sequence) order.
//
// Every timer is due a fixed delay after the moment it is set (ring
// timeout, wrap-up, maximum wait, the next delay stage) and the engine's
// clock never goes back, so timers that share a delay come due in the order
// they were set. The queue keeps one FIFO lane per distinct delay and a
// small heap of the lanes' heads: adding is an append, popping is
// O(log lanes) on a heap that fits in L1, and cancelling marks the entry in
// place (O(1)). A cancelled entry is dropped when it reaches the head of its
// lane, so it never fires; each entry fires at most once (it is removed as
// it fires). Lanes are few: one per distinct delay in the configuration.
// Timers at times that come from outside the configuration (a caller's
// callback window, the calendar's next opening) would make a lane each;
// they go to the calendar instead, an ordered map (O(log n) each way).
//
// Not thread-safe. Invariants: every lane's head entry is live; the heap
// holds exactly the non-empty lanes, keyed by their heads; size() counts
// the live entries.
#ifndef ACD_LIB_CORE_TIMERS_H_
#define ACD_LIB_CORE_TIMERS_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_map.h"
#include "acd/types.h"

namespace acd::core {

enum class TimerKind : uint8_t {
  kRingTimeout,
  kWrapUpEnd,
  kMaxWait,
  kStage,
  kRule,      // the call's next overflow rule comes due
  kAgentRest, // the agent's rest after a miss, decline or busy line ends
  kAnnounce,  // tell the waiting caller their position
  kOwnerWindow,  // the call's time reserved for its own seller ends
  kProgress,     // ring progressively: add the next agent to a ringing call
  kCallbackHold,    // a held-back callback may be offered again
  kCallbackExpiry,  // the caller's callback window closes
};

// A timer as scheduled.
struct Timer {
  TimeMs due_ms = 0;
  uint64_t seq = 0;  // creation order; 0 means "no timer"
  TimerKind kind = TimerKind::kRingTimeout;
  uint32_t target = 0;  // call or agent slot
};

// What a timer's owner keeps to cancel it: where the queue holds the timer.
// 8 bytes, as a call holds three beside its hot fields.
struct TimerRef {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t lane = kNone;  // kNone: no timer
  uint32_t pos = 0;
  bool scheduled() const { return lane != kNone; }
};

class TimerQueue {
 public:
  // Schedules a timer and returns its handle. now_ms is the engine's clock:
  // it must not be earlier than at the previous Add, and due_ms must not be
  // earlier than now_ms.
  TimerRef Add(TimeMs now_ms, TimeMs due_ms, TimerKind kind, uint32_t target);
  // Schedules a timer at any time at or after now_ms, in the calendar (for
  // due times that are not a configured delay).
  TimerRef AddAt(TimeMs now_ms, TimeMs due_ms, TimerKind kind, uint32_t target);
  // Cancels the timer if scheduled and clears the handle; no-op when empty.
  void Cancel(TimerRef& handle);
  // The scheduled timer the handle names, or null if it fired or was cancelled.
  const Timer* Find(const TimerRef& handle) const;
  // Its sequence number, 0 for none (for the state hash).
  uint64_t SeqOf(const TimerRef& handle) const {
    const Timer* timer = Find(handle);
    return timer == nullptr ? 0 : timer->seq;
  }
  // Every scheduled timer, in creation (seq) order: O(n log n). For moving
  // the timers to another queue (a reload), with Restore.
  std::vector<Timer> Live() const;
  // Schedules a copy of a timer taken from another queue, keeping its due
  // time and sequence number (so ties fire in the same order), in the
  // calendar. The timer must not be earlier than now_ms nor its seq in use.
  TimerRef Restore(TimeMs now_ms, const Timer& timer);
  // Sequence numbers below next_seq are taken (by timers restored from
  // another queue, some of which may since have fired).
  void ReserveSeqsBelow(uint64_t next_seq) { next_seq_ = std::max(next_seq_, next_seq); }
  // Removes and returns the earliest entry due at or before time_ms.
  std::optional<Timer> PopDue(TimeMs time_ms);
  std::optional<TimeMs> NextDueMs() const;
  size_t size() const { return live_; }
  uint64_t next_seq() const { return next_seq_; }

 private:
  // The timers of one delay, a FIFO in a circular buffer. Positions are
  // absolute (they wrap modulo 2^32): the entry at pos is
  // buf[pos & (buf.size() - 1)] while pos - head < size.
  // A cancelled entry is marked in a bitmap beside the buffer, which a
  // cancel touches instead of the (64 times larger, likely cold) entry.
  struct Lane {
    std::vector<Timer> buf;          // size 0 or a power of two
    std::vector<uint64_t> cancelled;  // bit per slot of buf
    uint32_t head = 0;
    uint32_t size = 0;
    uint32_t heap_index = 0;  // valid while size > 0
    size_t slot(uint32_t pos) const { return pos & (buf.size() - 1); }
    Timer& at(uint32_t pos) { return buf[slot(pos)]; }
    const Timer& at(uint32_t pos) const { return buf[slot(pos)]; }
    bool is_cancelled(uint32_t pos) const {
      return (cancelled[slot(pos) / 64] >> (slot(pos) % 64)) & 1;
    }
    void set_cancelled(uint32_t pos, bool on) {
      const uint64_t bit = uint64_t{1} << (slot(pos) % 64);
      cancelled[slot(pos) / 64] = on ? cancelled[slot(pos) / 64] | bit
                                     : cancelled[slot(pos) / 64] & ~bit;
    }
    bool holds(uint32_t pos) const { return pos - head < size; }
  };
  // A non-empty lane, keyed by its head entry.
  struct HeapItem {
    TimeMs due_ms;
    uint64_t seq;
    uint32_t lane;
    bool operator<(const HeapItem& o) const {
      return due_ms != o.due_ms ? due_ms < o.due_ms : seq < o.seq;
    }
  };

  // At most this many lanes: a delay first met when they are all taken (a
  // reload re-deriving timers of calls that waited for odd times) goes to
  // the calendar, so the lane heap stays small.
  static constexpr size_t kMaxLanes = 256;
  static constexpr uint32_t kNoLane = UINT32_MAX;
  uint32_t LaneFor(TimeMs delay_ms);  // kNoLane when a new lane would exceed kMaxLanes
  static void Grow(Lane& lane);
  // After the head of a lane left: drops cancelled entries and re-keys or
  // removes the lane in the heap.
  void AfterHeadLeft(uint32_t lane);
  void HeapPush(uint32_t lane);
  void HeapRemove(size_t i);
  void SiftUp(size_t i);
  void SiftDown(size_t i);
  void HeapSet(size_t i, const HeapItem& item);

  static constexpr uint32_t kCalendarLane = TimerRef::kNone - 1;
  using CalendarKey = std::pair<TimeMs, uint64_t>;  // (due, seq)
  void FreeCalendarSlot(uint32_t pos);

  std::vector<Lane> lanes_;
  // The calendar: timers by (due, seq); a handle's pos indexes
  // calendar_keys_ (seq 0 = a free slot, listed in calendar_free_).
  absl::btree_map<CalendarKey, std::pair<Timer, uint32_t>> calendar_;  // with its pos
  std::vector<CalendarKey> calendar_keys_;
  std::vector<uint32_t> calendar_free_;
  absl::flat_hash_map<TimeMs, uint32_t> lane_of_delay_;
  std::vector<HeapItem> heap_;  // min-heap by (due, seq)
  size_t live_ = 0;
  uint64_t next_seq_ = 1;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_TIMERS_H_
