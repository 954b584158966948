// The simulator's agenda of future world happenings: a min-heap ordered by
// (time, insertion order), so happenings at the same millisecond run in the
// order they were scheduled. Cancellation is lazy: a happening carries what
// it needs to check, when popped, whether it still applies.
// Thread-safety: none; one owner. Bound: one entry per scheduled happening;
// the simulator keeps at most a few per live call and per agent.
#ifndef ACD_LIB_SIM_WORLD_H_
#define ACD_LIB_SIM_WORLD_H_

#include <cstdint>
#include <queue>
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
  kNoAnswerOver,  // the agent makes itself ready after a RONA pause
  kRetrial,       // a caller who abandoned calls again; serial = retrial key
  kClose,         // end of arrivals with AtClose::kDisconnect
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
  void Schedule(Happening h) {
    h.seq = next_seq_++;
    heap_.push(h);
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const Happening& top() const { return heap_.top(); }
  Happening Pop() {
    Happening h = heap_.top();
    heap_.pop();
    return h;
  }

 private:
  struct Later {
    bool operator()(const Happening& a, const Happening& b) const {
      if (a.time_ms != b.time_ms) return a.time_ms > b.time_ms;
      return a.seq > b.seq;
    }
  };
  std::priority_queue<Happening, std::vector<Happening>, Later> heap_;
  uint64_t next_seq_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_WORLD_H_
