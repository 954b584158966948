// WaitingIndex: the waiting calls of one queue pool, split by stage (how
// many delay classes the call's wait has unlocked) and by minimum level,
// each an ordered set: higher priority first, then earlier entry. An agent
// of delay class c and tier t may take calls of stage >= c and level <= t,
// so finding its best call looks at no more than 40 set heads.
// Not thread-safe. Invariant: size() equals the sum of the set sizes.
#ifndef ACD_LIB_CORE_CALL_INDEX_H_
#define ACD_LIB_CORE_CALL_INDEX_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "absl/container/btree_set.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "acd/types.h"

namespace acd::core {

struct CallKey {
  int32_t neg_priority = 0;  // -priority: higher priority sorts first
  uint64_t seq = 0;          // queue entry order
  uint32_t call = 0;         // slot, for uniqueness
  auto operator<=>(const CallKey&) const = default;
};

struct CallPick {
  int stage = 0;
  int level = 0;
  CallKey key;
};

class WaitingIndex {
 public:
  void Insert(int stage, int level, const CallKey& key);
  void Erase(int stage, int level, const CallKey& key);
  bool Contains(int stage, int level, const CallKey& key) const;
  size_t size() const { return size_; }

  // The best call an agent of this delay class and tier may take.
  std::optional<CallPick> BestFor(int delay_class, int tier, WorkCounters& work) const;

  // How many keys that `counts` accepts sort before `key`, over every set:
  // O(that many), for position announcements (not a routing path).
  template <typename Pred>
  uint32_t CountBefore(const CallKey& key, Pred counts) const {
    uint32_t n = 0;
    for (int s = 0; s < kMaxDelayClasses; ++s) {
      for (int l = kMinLevel; l <= kMaxLevel; ++l) {
        for (const CallKey& k : sets_[s][l - 1]) {
          if (!(k < key)) break;
          if (counts(k)) ++n;
        }
      }
    }
    return n;
  }

  template <typename Fn>
  void ForEach(Fn fn) const {
    for (int s = 0; s < kMaxDelayClasses; ++s)
      for (int l = kMinLevel; l <= kMaxLevel; ++l)
        for (const CallKey& key : sets_[s][l - 1]) fn(s, l, key);
  }

  // The keys of the calls whose minimum level is above `level`.
  template <typename Fn>
  void ForEachAboveLevel(int level, Fn fn) const {
    for (int s = 0; s < kMaxDelayClasses; ++s)
      for (int l = std::max(level + 1, kMinLevel); l <= kMaxLevel; ++l)
        for (const CallKey& key : sets_[s][l - 1]) fn(s, l, key);
  }

 private:
  using Set = absl::btree_set<CallKey>;
  std::array<std::array<Set, kMaxLevel>, kMaxDelayClasses> sets_;
  std::array<uint16_t, kMaxDelayClasses> nonempty_{};  // bit level-1
  size_t size_ = 0;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_CALL_INDEX_H_
