// KeyRing: a FIFO of keys that arrive in increasing order, in one circular
// buffer. Appending and dropping the front are O(1) and touch one cache
// line; the buffer doubles when full. The ready index keeps longest-idle
// agents here: their key (idle since) only grows, so a sorted set's tree
// search buys nothing. Not thread-safe. Invariant: keys ascend from front
// to back.
#ifndef ACD_LIB_CORE_KEY_RING_H_
#define ACD_LIB_CORE_KEY_RING_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace acd::core {

template <typename Key>
class KeyRing {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const Key& front() const { return buf_[head_]; }
  const Key& back() const { return (*this)[size_ - 1]; }
  const Key& operator[](size_t i) const { return buf_[(head_ + i) & (buf_.size() - 1)]; }

  // key must not be smaller than back().
  void push_back(const Key& key) {
    if (size_ == buf_.size()) Grow();  // throws std::length_error past 2^31 keys
    buf_[(head_ + size_) & (buf_.size() - 1)] = key;
    ++size_;
  }
  void pop_front() {
    head_ = static_cast<uint32_t>((head_ + 1) & (buf_.size() - 1));
    --size_;
  }

  // Keeps the keys for which keep(key) holds, in order; returns how many
  // were dropped.
  template <typename Keep>
  size_t Filter(Keep keep) {
    size_t kept = 0;
    for (size_t i = 0; i < size_; ++i) {
      const Key key = (*this)[i];
      if (keep(key)) buf_[(head_ + kept++) & (buf_.size() - 1)] = key;
    }
    const size_t dropped = size_ - kept;
    size_ = static_cast<uint32_t>(kept);
    return dropped;
  }

  // Index of the first key not less than `key` (size() if none).
  size_t LowerBound(const Key& key) const {
    size_t lo = 0, hi = size_;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if ((*this)[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

 private:
  void Grow() {
    if (buf_.size() >= (size_t{1} << 31)) throw std::length_error("KeyRing: over 2^31 keys");
    std::vector<Key> bigger(buf_.empty() ? 4 : 2 * buf_.size());
    for (size_t i = 0; i < size_; ++i) bigger[i] = (*this)[i];
    buf_ = std::move(bigger);
    head_ = 0;
  }

  // 32 bytes in all: with its ordered set, a ready-index bucket is one
  // cache line (agent_index.h).
  std::vector<Key> buf_;  // size 0 or a power of two
  uint32_t head_ = 0;
  uint32_t size_ = 0;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_KEY_RING_H_
