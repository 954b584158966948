// A bounded set of the most recent ids, with an optional value per id: the
// oldest id is forgotten when the window is full. Used for event de-dup and
// for recognising ended calls. Not thread-safe. Invariant: size() <= capacity.
#ifndef ACD_LIB_CORE_RECENT_IDS_H_
#define ACD_LIB_CORE_RECENT_IDS_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace acd::core {

template <typename Value>
class RecentIds {
 public:
  explicit RecentIds(uint32_t capacity) : ring_(capacity == 0 ? 1 : capacity) {}

  const Value* Find(uint64_t id) const {
    auto it = map_.find(id);
    return it == map_.end() ? nullptr : &it->second;
  }
  bool Contains(uint64_t id) const { return map_.contains(id); }

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
  size_t size() const { return size_; }
  size_t capacity() const { return ring_.size(); }
  // Order-independent digest of the contents, for the state hash.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const auto& [id, value] : map_) fn(id, value);
  }

 private:
  std::vector<uint64_t> ring_;
  size_t next_ = 0;
  size_t size_ = 0;
  absl::flat_hash_map<uint64_t, Value> map_;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_RECENT_IDS_H_
