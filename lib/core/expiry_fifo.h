// Expiry FIFOs: the engine's remembered windows (captures awaiting a
// contact, places of callers who hung up) keep their entries in a map by
// key, each entry with its until_ms, and a FIFO of (until_ms, key) in the
// order the entries were made. These two functions drop the FIFO's oldest
// records and the entries they still stand for. Header-only; no state of
// its own (the caller's thread).
//
// Invariant kept: a record erases its key's entry only when the entry's
// until_ms is the record's, so an entry renewed since with a later
// until_ms survives its older record's removal. (Renewed with the same
// until_ms, the older record takes it: both records say the same expiry.)
#ifndef ACD_LIB_CORE_EXPIRY_FIFO_H_
#define ACD_LIB_CORE_EXPIRY_FIFO_H_

#include <cstddef>
#include <deque>
#include <utility>

#include "acd/types.h"

namespace acd::core {

template <typename Key>
using ExpiryFifo = std::deque<std::pair<TimeMs, Key>>;

// Pops the FIFO's front while `drop(front)` holds, erasing each record's
// entry from `map` when the record is that entry's latest.
template <typename Map, typename Key, typename Drop>
void PopExpiry(ExpiryFifo<Key>& fifo, Map& map, Drop drop) {
  while (!fifo.empty() && drop(fifo.front())) {
    auto it = map.find(fifo.front().second);
    if (it != map.end() && it->second.until_ms == fifo.front().first) map.erase(it);
    fifo.pop_front();
  }
}

// Keeps at most `window` records (the oldest go first, due or not).
template <typename Map, typename Key>
void TrimToWindow(ExpiryFifo<Key>& fifo, Map& map, size_t window) {
  PopExpiry(fifo, map, [&](const std::pair<TimeMs, Key>&) { return fifo.size() > window; });
}

// Drops the records whose until_ms is before `now_ms`.
template <typename Map, typename Key>
void ExpireBefore(ExpiryFifo<Key>& fifo, Map& map, TimeMs now_ms) {
  PopExpiry(fifo, map, [now_ms](const std::pair<TimeMs, Key>& r) { return r.first < now_ms; });
}

}  // namespace acd::core

#endif  // ACD_LIB_CORE_EXPIRY_FIFO_H_
