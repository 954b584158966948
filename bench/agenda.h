// Agenda: the event stream's to-do list, a 4-ary min-heap of small items
// ordered by (time, sequence). Four children share a cache line or two,
// so a pop touches about half the lines a binary heap would.
//
// Thread-safety: none. Invariant: heap order on (time_ms, seq); items with
// equal times come out in the order they were pushed.
#ifndef ACD_BENCH_AGENDA_H_
#define ACD_BENCH_AGENDA_H_

#include <cstdint>
#include <vector>

#include "acd/types.h"

namespace acd::bench {

struct AgendaItem {
  TimeMs time_ms = 0;
  uint64_t call = 0;   // call id, when the item is about a call
  uint32_t seq = 0;    // push order (wraps after 2^32 pushes; only ties care)
  uint32_t agent = 0;  // roster index, when about an agent
  uint32_t tag = 0;    // item-specific (offer serial, reason)
  uint8_t kind = 0;
};

class Agenda {
 public:
  void Push(const AgendaItem& item) {
    AgendaItem x = item;
    x.seq = next_seq_++;
    size_t i = heap_.size();
    heap_.push_back(x);
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (!Less(x, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = x;
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const AgendaItem& top() const { return heap_.front(); }

  void Pop() {
    const AgendaItem last = heap_.back();
    heap_.pop_back();
    const size_t n = heap_.size();
    if (n == 0) return;
    size_t i = 0;
    while (true) {
      const size_t first = 4 * i + 1;
      if (first >= n) break;
      size_t best = first;
      const size_t end = first + 4 < n ? first + 4 : n;
      for (size_t c = first + 1; c < end; ++c) {
        if (Less(heap_[c], heap_[best])) best = c;
      }
      if (!Less(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
  }

 private:
  static bool Less(const AgendaItem& a, const AgendaItem& b) {
    if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
    return static_cast<int32_t>(a.seq - b.seq) < 0;  // wrap-safe
  }

  std::vector<AgendaItem> heap_;
  uint32_t next_seq_ = 0;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_AGENDA_H_
