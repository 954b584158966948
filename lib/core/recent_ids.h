// A bounded set of the most recent ids, with a small value per id: the
// oldest id is forgotten when the window is full. Used for event de-dup and
// for recognising ended calls. Not thread-safe.
// Invariants: size() <= capacity(); the table holds exactly the ids of the
// ring; id 0 is never stored (it marks a free slot); within a probe run the
// entries' home slots never decrease (Robin Hood order).
//
// Every applied event inserts one id and evicts one, so this sits on the hot
// path. It is an open-addressing table of bare 8-byte keys (Robin Hood
// linear probing, deletion by backward shift, load <= 1/2) beside a FIFO
// ring, not a general hash map: a probe usually touches one cache line, a
// miss stops as soon as it passes where the id would be, and a deletion
// stops at the first entry sitting in its home slot. The home slot keeps
// ids that differ only in their low 3 bits in one cache line, so ids that
// mostly increase (a PBX's event counter) fill a line before moving to the
// next; the higher bits are spread by Fibonacci hashing, so strided ids or
// ids sharing their low bits do not pile up in one place.
#ifndef ACD_LIB_CORE_RECENT_IDS_H_
#define ACD_LIB_CORE_RECENT_IDS_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace acd::core {

template <typename Value>
class RecentIds {
 public:
  explicit RecentIds(uint32_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {
    Rehash(16);
  }

  const Value* Find(uint64_t id) const {
    // Ids that only grow (a PBX's event counter) are new: no probe.
    if (id == 0 || id > max_id_) return nullptr;
    size_t i = Home(id);
    for (size_t d = 0;; ++d, i = (i + 1) & mask_) {
      if (keys_[i] == id) return &slots_[i].value;
      if (keys_[i] == 0 || Displacement(i) < d) return nullptr;
    }
  }
  bool Contains(uint64_t id) const { return Find(id) != nullptr; }

  // Remembers id (must not be present, never 0), forgetting the oldest
  // when full.
  void Insert(uint64_t id, Value value) {
    if (ring_.size() == capacity_) {
      Erase(ring_[next_]);
      ring_[next_] = id;
      next_ = next_ + 1 == capacity_ ? 0 : next_ + 1;
    } else {
      ring_.push_back(id);  // the ring and the table grow with use
      if (2 * ring_.size() > keys_.size()) Rehash(2 * keys_.size());
    }
    Place(id, value);
    if (id > max_id_) max_id_ = id;
  }

  size_t size() const { return ring_.size(); }

  // Every (id, value), in no particular order (for the state hash).
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (uint64_t id : ring_) fn(id, *Find(id));
  }
  // The ids and values, oldest first (to refill a window of another size).
  template <typename Fn>
  void ForEachOldestFirst(Fn fn) const {
    for (size_t i = 0; i < ring_.size(); ++i) {
      const uint64_t id = ring_[(next_ + i) % ring_.size()];
      fn(id, *Find(id));
    }
  }
  size_t capacity() const { return capacity_; }

 private:
  static constexpr uint8_t kFar = 255;  // displacement >= 255: recompute it

  struct Slot {
    Value value{};
    uint8_t displacement = 0;  // from the home slot, capped at kFar
  };

  // Fibonacci hashing of id / 8 (its top bits are well mixed), times 8,
  // plus id % 8.
  size_t Home(uint64_t id) const {
    return static_cast<size_t>((((id >> 3) * 0x9E3779B97F4A7C15ULL) >> group_shift_) << 3 |
                               (id & 7));
  }
  size_t Displacement(size_t i) const {
    const uint8_t d = slots_[i].displacement;
    return d < kFar ? d : ((i - Home(keys_[i])) & mask_);
  }
  void Put(size_t i, uint64_t id, Value value, size_t displacement) {
    keys_[i] = id;
    slots_[i].value = value;
    slots_[i].displacement = static_cast<uint8_t>(displacement < kFar ? displacement : kFar);
  }

  // Robin Hood insertion: an entry further from its home takes the slot of
  // one nearer to its home, which moves on.
  void Place(uint64_t id, Value value) {
    size_t i = Home(id);
    for (size_t d = 0;; ++d, i = (i + 1) & mask_) {
      if (keys_[i] == 0) {
        Put(i, id, value, d);
        return;
      }
      const size_t resident = Displacement(i);
      if (resident < d) {
        const uint64_t moved_id = keys_[i];
        const Value moved_value = slots_[i].value;
        Put(i, id, value, d);
        id = moved_id;
        value = moved_value;
        d = resident;
      }
    }
  }

  // Empties id's slot and shifts the rest of its run back by one, up to an
  // empty slot or an entry in its home slot.
  void Erase(uint64_t id) {
    size_t i = Home(id);
    for (size_t d = 0;; ++d, i = (i + 1) & mask_) {
      if (keys_[i] == id) break;
      if (keys_[i] == 0 || Displacement(i) < d) return;
    }
    for (size_t next = (i + 1) & mask_; keys_[next] != 0; next = (next + 1) & mask_) {
      const size_t d = Displacement(next);
      if (d == 0) break;
      Put(i, keys_[next], slots_[next].value, d - 1);
      i = next;
    }
    keys_[i] = 0;
    slots_[i] = Slot{};
  }

  // Moves the entries to a table of `slots` (a power of two >= 16).
  void Rehash(size_t slots) {
    const std::vector<uint64_t> old_keys = std::move(keys_);
    const std::vector<Slot> old_slots = std::move(slots_);
    keys_.assign(slots, 0);
    slots_.assign(slots, Slot{});
    mask_ = slots - 1;
    group_shift_ = 64 + 3 - __builtin_ctzll(slots);
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != 0) Place(old_keys[i], old_slots[i].value);
    }
  }

  size_t capacity_;
  uint64_t max_id_ = 0;  // the largest id ever inserted
  std::vector<uint64_t> ring_;  // the ids in insertion order; once full, oldest at next_
  size_t next_ = 0;
  std::vector<uint64_t> keys_;  // the table; 0 = free
  std::vector<Slot> slots_;     // beside keys_
  size_t mask_ = 0;
  int group_shift_ = 0;  // 64 - log2(slots / 8)
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_RECENT_IDS_H_
