// WaitingIndex: the waiting calls of one queue pool, split by stage (how
// many delay classes the call's wait has unlocked) and by level band (the
// interval [lo, hi] of member tiers that may take the call: core/level_range.h),
// each an ordered set: higher priority first, then earlier entry. An agent
// of delay class c and tier t may take calls of stage >= c whose band holds
// t, so finding its best call looks at the heads of the non-empty sets among
// at most 4 x 30 (the bands holding a tier), whatever the number of calls;
// with open upper bounds (the usual case) at most 4 x 10, as before.
// A stage's sets (3.2 KB) are made at its first insert: a pool is made for
// each skill requirement and a guest index for each queue that sends calls,
// and a stage that never holds a call costs a pointer.
// The stage blocks and the sets' nodes come from the engine's NodeArena
// when one is given (node_arena.h), from the heap otherwise.
// Not thread-safe. Invariants: size() equals the sum of the set sizes; a
// band's bit in nonempty_ is set iff its set is not empty, and a stage's
// bit in live_stages_ iff one of its bands' is.
#ifndef ACD_LIB_CORE_CALL_INDEX_H_
#define ACD_LIB_CORE_CALL_INDEX_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "absl/container/btree_set.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "acd/types.h"
#include "core/level_range.h"
#include "core/node_arena.h"

namespace acd::core {

struct CallKey {
  int32_t neg_priority = 0;  // -priority: higher priority sorts first
  uint64_t seq = 0;          // queue entry order
  uint32_t call = 0;         // slot, for uniqueness
  auto operator<=>(const CallKey&) const = default;
};

struct CallPick {
  int stage = 0;
  int band = 0;  // BandOf the call's level range
  CallKey key;
};

class WaitingIndex {
 public:
  static constexpr int kBands = kMaxLevel * kMaxLevel;  // (lo, hi); lo <= hi used

  // arena: where the sets' nodes live (null: the heap); it must outlive
  // the index.
  explicit WaitingIndex(NodeArena* arena = nullptr) : arena_(arena) {}
  NodeArena* arena() const { return arena_; }

  void Insert(int stage, const LevelRange& levels, const CallKey& key);
  void Erase(int stage, const LevelRange& levels, const CallKey& key);
  bool Contains(int stage, const LevelRange& levels, const CallKey& key) const;
  size_t size() const { return size_; }
  // Whether the class invariants hold (the sets' sizes against size(), the
  // bits against the sets): O(stages x bands), for invariant checks.
  bool Consistent() const;

  // The best call an agent of this delay class and tier may take.
  std::optional<CallPick> BestFor(int delay_class, int tier, WorkCounters& work) const;

  // How many keys that `counts` accepts sort before `key`, over every set:
  // O(that many), for position announcements (not a routing path).
  template <typename Pred>
  uint32_t CountBefore(const CallKey& key, Pred counts) const {
    uint32_t n = 0;
    ForEachSet([&](int, int, const Set& set) {
      for (const CallKey& k : set) {
        if (!(k < key)) break;
        if (counts(k)) ++n;
      }
    });
    return n;
  }

  // fn(stage, band, key) for every call.
  template <typename Fn>
  void ForEach(Fn fn) const {
    ForEachSet([&](int s, int b, const Set& set) {
      for (const CallKey& key : set) fn(s, b, key);
    });
  }

  // The keys of the calls none of whose allowed tiers is in `tiers` (bit
  // t-1 for tier t).
  template <typename Fn>
  void ForEachOutside(uint16_t tiers, Fn fn) const {
    ForEachSet([&](int s, int b, const Set& set) {
      if ((BandTiers(b) & tiers) != 0) return;
      for (const CallKey& key : set) fn(s, b, key);
    });
  }

  // Bit t-1 for every tier the band allows.
  static uint16_t BandTiers(int band) {
    return LevelRange{band / kMaxLevel + 1, band % kMaxLevel + 1, kMaxLevel}.tiers();
  }

 private:
  using Set = absl::btree_set<CallKey, std::less<CallKey>, NodeArenaAllocator<CallKey>>;
  using Bits = std::array<uint64_t, 2>;  // bit b: band b (0..99)

  template <typename Fn>
  void ForEachSet(Fn fn) const {
    for (int s = 0; s < kMaxDelayClasses; ++s) {
      for (int w = 0; w < 2; ++w) {
        for (uint64_t bits = nonempty_[s][w]; bits != 0; bits &= bits - 1) {
          const int b = w * 64 + __builtin_ctzll(bits);
          fn(s, b, (*sets_[s])[b]);
        }
      }
    }
  }

  using StageSets = std::array<Set, kBands>;
  std::array<Bits, kMaxDelayClasses> nonempty_{};
  uint8_t live_stages_ = 0;  // bit s: some band of stage s is not empty
  static_assert(kMaxDelayClasses <= 8, "a stage is a bit of live_stages_");
  // A stage's sets by band; null until the stage's first insert.
  std::array<ArenaPtr<StageSets>, kMaxDelayClasses> sets_;
  size_t size_ = 0;
  NodeArena* arena_ = nullptr;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_CALL_INDEX_H_
