// WeightedDraw: the agents of one ready-index bucket of a random or
// weighted-random queue, each at a fixed position (its index among the
// queue's members) with an integer weight, drawn in proportion to weight
// in O(log n). A Fenwick (binary indexed) tree over the positions holds
// the prefix sums; it grows (doubling) to the highest position used.
//
// Because an agent's position depends on the center alone, the entry a
// draw lands on depends only on which agents are held and the point drawn,
// never on the order they were filed in: a restored or reloaded engine
// draws what the live one would have.
//
// Not thread-safe. Invariants: total() is the sum of the weights held;
// a position holds at most one entry; size() counts the entries held.
#ifndef ACD_LIB_CORE_WEIGHTED_DRAW_H_
#define ACD_LIB_CORE_WEIGHTED_DRAW_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/agent_key.h"

namespace acd::core {

class WeightedDraw {
 public:
  // Puts `key` at `pos` with `weight` (> 0), replacing what was there.
  // True if the position was empty.
  bool Insert(uint32_t pos, const AgentKey& key, uint64_t weight);
  bool Contains(uint32_t pos, const AgentKey& key) const;
  // Empties the position; true if it held an entry.
  bool Erase(uint32_t pos);
  // The entry at cumulative weight `point`, 0 <= point < total(), in
  // O(log n).
  const AgentKey& At(uint64_t point) const;
  // Position of the entry at `point`.
  uint32_t PosAt(uint64_t point) const;

  uint64_t total() const { return total_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Visits the entries in position order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (size_t p = 0; p < weights_.size(); ++p) {
      if (weights_[p] != 0) fn(static_cast<uint32_t>(p), keys_[p]);
    }
  }

 private:
  void Add(uint32_t pos, uint64_t delta, bool subtract);
  void Grow(uint32_t pos);

  std::vector<uint64_t> tree_;     // Fenwick, 1-based: tree_[0] unused
  std::vector<AgentKey> keys_;     // by position
  std::vector<uint64_t> weights_;  // by position; 0 = empty
  uint64_t total_ = 0;
  size_t size_ = 0;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_WEIGHTED_DRAW_H_
