#include "core/weighted_draw.h"

#include <cassert>

namespace acd::core {

void WeightedDraw::Grow(uint32_t pos) {
  size_t n = weights_.empty() ? 8 : weights_.size();
  while (n <= pos) n *= 2;
  weights_.resize(n, 0);
  keys_.resize(n);
  // Rebuild the tree in O(n): each node passes its sum to its parent.
  tree_.assign(n + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    tree_[i] += weights_[i - 1];
    const size_t parent = i + (i & (~i + 1));
    if (parent <= n) tree_[parent] += tree_[i];
  }
}

void WeightedDraw::Add(uint32_t pos, uint64_t delta, bool subtract) {
  for (size_t i = size_t{pos} + 1; i < tree_.size(); i += i & (~i + 1)) {
    tree_[i] = subtract ? tree_[i] - delta : tree_[i] + delta;
  }
  total_ = subtract ? total_ - delta : total_ + delta;
}

bool WeightedDraw::Insert(uint32_t pos, const AgentKey& key, uint64_t weight) {
  assert(weight > 0);
  if (pos >= weights_.size()) Grow(pos);
  const bool was_empty = weights_[pos] == 0;
  if (!was_empty) Add(pos, weights_[pos], /*subtract=*/true);
  weights_[pos] = weight;
  keys_[pos] = key;
  Add(pos, weight, /*subtract=*/false);
  size_ += was_empty;
  return was_empty;
}

bool WeightedDraw::Contains(uint32_t pos, const AgentKey& key) const {
  return pos < weights_.size() && weights_[pos] != 0 && keys_[pos] == key;
}

bool WeightedDraw::Erase(uint32_t pos) {
  if (pos >= weights_.size() || weights_[pos] == 0) return false;
  Add(pos, weights_[pos], /*subtract=*/true);
  weights_[pos] = 0;
  --size_;
  return true;
}

uint32_t WeightedDraw::PosAt(uint64_t point) const {
  assert(point < total_);
  // Descend: the largest index whose prefix sum is <= point, plus one.
  size_t i = 0;
  size_t step = 1;
  while (step * 2 < tree_.size()) step *= 2;
  for (; step > 0; step /= 2) {
    if (i + step < tree_.size() && tree_[i + step] <= point) {
      i += step;
      point -= tree_[i];
    }
  }
  return static_cast<uint32_t>(i);  // 0-based position i (1-based i + 1)
}

const AgentKey& WeightedDraw::At(uint64_t point) const { return keys_[PosAt(point)]; }

}  // namespace acd::core
