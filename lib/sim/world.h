// The simulator's agenda of future world happenings: a min-heap ordered by
// (time, insertion order), so happenings at the same millisecond run in the
// order they were scheduled. Cancellation is lazy: a happening carries what
// it needs to check, when popped, whether it still applies.
// Thread-safety: none; one owner. Bound: one entry per scheduled happening;
// the simulator keeps at most a few per live call and per agent.
#ifndef ACD_LIB_SIM_WORLD_H_
#define ACD_LIB_SIM_WORLD_H_

#include <algorithm>
#include <cstdint>
#include <deque>
#include <new>
#include <vector>

#include "acd/types.h"

namespace acd::sim {

enum class HappeningKind : uint8_t {
  kArrival,       // the next caller dials in
  kIvrDone,       // call leaves the IVR: enqueue
  kPatienceOver,  // the caller gives up unless connected
  kAnswer,        // the agent picks up the offer `serial`
  kTalkEnd,       // the conversation ends
  kLogin,         // shift start
  kLogout,        // shift end (waits until the agent is free)
  kBreakStart,    // break (waits until the agent is free); index = break
  kBreakEnd,      // back from the break; index = NotReadyReason
  kNoAnswerOver,  // the agent makes itself ready after a RONA pause (index:
                  // 0 everywhere, queue + 1 for a pause in that queue alone)
  kRetrial,       // a caller who abandoned calls again; serial = retrial key
  kClose,         // end of arrivals with AtClose::kDisconnect
  kContact,       // a captured caller's contact is filed; serial = contact key
  kDialResult,    // the dial of callback `call` ends; index = DialOutcome,
                  // serial = the callback's dial serial
  kCallbackCut,   // halfway through the serve-out limit: withdraw callbacks
};

struct Happening {
  TimeMs time_ms = 0;
  uint64_t seq = 0;  // insertion order, breaks ties
  HappeningKind kind = HappeningKind::kArrival;
  CallId call = 0;
  AgentId agent = 0;
  uint32_t index = 0;   // shift or break index, a reason, or 1 for a
                        // zero-patience caller's kPatienceOver
  uint64_t serial = 0;  // offer serial for kAnswer
};

class World {
 public:
  // Schedules a happening at time_ms and returns it, with its time and
  // seq set, for the caller to fill in the rest; the reference is valid
  // until the next Schedule or Pop. (Filling the slot in place, rather
  // than copying a Happening built on the stack, avoids store-forwarding
  // stalls that made scheduling a tenth of an M/M/c run.)
  Happening& Schedule(TimeMs time_ms) {
    const uint64_t seq = next_seq_++;
    uint32_t slot = 0;
    if (free_.empty()) {
      slot = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    } else {
      slot = free_.back();
      free_.pop_back();
    }
    heap_.push_back(Entry{time_ms, seq, slot});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    Happening& h = slots_[slot];
    h.time_ms = time_ms;
    h.seq = seq;
    return h;
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // The time of the earliest happening; the world must not be empty.
  TimeMs next_ms() const { return heap_.front().time_ms; }
  const Happening& top() const { return slots_[heap_.front().slot]; }
  Happening Pop() {
    const uint32_t slot = heap_.front().slot;
    const Happening h = slots_[slot];
    free_.push_back(slot);
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
    return h;
  }

 private:
  // A binary min-heap (std::push_heap and pop_heap, whose pop sifts the
  // hole down with one comparison a level) of small keys; the happenings
  // stay put in slots_, so sifting moves 24 bytes instead of a whole
  // Happening. A 4-ary heap was tried: fewer moves, but twice the branch
  // mispredictions, and no faster.
  struct Entry {
    TimeMs time_ms;
    uint64_t seq;
    uint32_t slot;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.time_ms != b.time_ms) return a.time_ms > b.time_ms;
      return a.seq > b.seq;
    }
  };

  std::vector<Entry> heap_;
  std::vector<Happening> slots_;  // by Entry::slot; free ones in free_
  std::vector<uint32_t> free_;
  uint64_t next_seq_ = 0;
};

// The simulator's records of live calls by id. Ids are handed out in
// increasing order and calls end roughly in that order, so the table is a
// window of slots from the oldest live id to the newest: lookups are an
// index, not a hash, and no call allocates once the window has grown to
// the floor's size. Thread-safety: none; one owner. Bound: one slot per id
// from the oldest live call to the newest (ended ones inside the window
// keep their slot until the calls before them end). References to records
// stay valid until their call is erased.
template <typename Record>
class CallTable {
 public:
  // A new record for `id`, which must be above every id added before.
  Record& Add(CallId id) {
    if (slots_.empty()) first_ = id;
    while (first_ + slots_.size() < id) slots_.emplace_back();
    Slot& slot = slots_.emplace_back();
    slot.live = true;
    ++live_;
    return slot.record;
  }
  Record* Find(CallId id) {
    if (id < first_ || id - first_ >= slots_.size()) return nullptr;
    Slot& slot = slots_[id - first_];
    return slot.live ? &slot.record : nullptr;
  }
  // Drops the record of a live call.
  void Erase(CallId id) {
    Slot& slot = slots_[id - first_];
    slot.live = false;
    // Destroyed and rebuilt in place rather than assigned a temporary:
    // GCC 12 warns, wrongly, that moving a temporary's empty InlinedVector
    // reads uninitialized storage.
    slot.record.~Record();
    ::new (&slot.record) Record();
    --live_;
    while (!slots_.empty() && !slots_.front().live) {
      slots_.pop_front();
      ++first_;
    }
  }
  bool empty() const { return live_ == 0; }
  size_t size() const { return live_; }
  // The live calls' ids, lowest first.
  std::vector<CallId> Ids() const {
    std::vector<CallId> ids;
    ids.reserve(live_);
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].live) ids.push_back(first_ + i);
    }
    return ids;
  }

 private:
  struct Slot {
    Record record;
    bool live = false;
  };
  std::deque<Slot> slots_;
  CallId first_ = 0;
  size_t live_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_WORLD_H_
