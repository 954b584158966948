// A bounded window of the most recent ids, each with a value; the oldest
// is forgotten when the window is full. The baselines use it for event
// de-duplication and for recognising ended calls, as the engine does.
// Not thread-safe. Invariant: size() <= capacity.
#ifndef ACD_BENCH_RECENT_WINDOW_H_
#define ACD_BENCH_RECENT_WINDOW_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace acd::bench {

template <typename Value>
class RecentWindow {
 public:
  explicit RecentWindow(uint32_t capacity) : ring_(capacity == 0 ? 1 : capacity) {}

  const Value* Find(uint64_t id) const {
    auto it = map_.find(id);
    return it == map_.end() ? nullptr : &it->second;
  }

  // Remembers id (must not be present), forgetting the oldest when full.
  void Insert(uint64_t id, Value value) {
    if (size_ == ring_.size()) {
      map_.erase(ring_[next_]);
    } else {
      ++size_;
    }
    ring_[next_] = id;
    next_ = (next_ + 1) % ring_.size();
    map_.emplace(id, value);
  }

 private:
  std::vector<uint64_t> ring_;
  size_t next_ = 0;
  size_t size_ = 0;
  absl::flat_hash_map<uint64_t, Value> map_;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_RECENT_WINDOW_H_
