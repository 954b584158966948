// LevelRange: the member levels (tiers) that may take a call, from the
// call's level bounds (acd/rules.h LevelBoundsChange): a member at tier t
// may take it iff min_level <= min(t, level_cap) <= max_level. As
// level_cap >= min_level always (DESIGN invariant 21), that is one interval
// [lo, hi]: hi = 10 when level_cap <= max_level (every member above the cap
// counts as at it, inside the bounds), else max_level. The cap also groups
// the tiers at or above it as one level for level_first.
// A plain value; thread-compatible.
#ifndef ACD_LIB_CORE_LEVEL_RANGE_H_
#define ACD_LIB_CORE_LEVEL_RANGE_H_

#include <algorithm>
#include <cstdint>

#include "acd/types.h"

namespace acd::core {

struct LevelRange {
  int lo = kMinLevel;
  int hi = kMaxLevel;
  int cap = kMaxLevel;

  // Bit t-1 for every tier t in [lo, hi].
  uint16_t tiers() const {
    return static_cast<uint16_t>(((1u << hi) - 1) & ~((1u << (lo - 1)) - 1));
  }
  bool Allows(int tier) const { return tier >= lo && tier <= hi; }
  // The level a member at `tier` counts as (level_first's grouping).
  int Effective(int tier) const { return std::min(tier, cap); }
  bool operator==(const LevelRange&) const = default;
};

// The whole scale: a queue that weighs no levels, or open bounds.
inline constexpr LevelRange kAnyLevel{};

inline LevelRange RangeOf(int min_level, int max_level, int level_cap) {
  return LevelRange{min_level, level_cap <= max_level ? kMaxLevel : max_level, level_cap};
}

// DESIGN invariant 21: 1 <= min_level <= max_level <= 10 and
// min_level <= level_cap <= 10.
inline bool LevelBoundsHold(int min_level, int max_level, int level_cap) {
  return min_level >= kMinLevel && min_level <= max_level && max_level <= kMaxLevel &&
         level_cap >= min_level && level_cap <= kMaxLevel;
}

// The band a range files under in a WaitingIndex: 0..99, (lo - 1) * 10 + hi - 1.
inline int BandOf(const LevelRange& r) { return (r.lo - 1) * kMaxLevel + (r.hi - 1); }

}  // namespace acd::core

#endif  // ACD_LIB_CORE_LEVEL_RANGE_H_
