#include "core/call_index.h"

namespace acd::core {

namespace {

// Bit b set for every band (lo, hi) with lo <= tier <= hi.
constexpr std::array<uint64_t, 2> BandsHolding(int tier) {
  std::array<uint64_t, 2> bits{};
  for (int lo = kMinLevel; lo <= tier; ++lo) {
    for (int hi = tier; hi <= kMaxLevel; ++hi) {
      const int b = (lo - 1) * kMaxLevel + (hi - 1);
      bits[b / 64] |= uint64_t{1} << (b % 64);
    }
  }
  return bits;
}

// Computed at compile time: a decision reads it with no guard.
constexpr std::array<std::array<uint64_t, 2>, kMaxLevel + 1> kBandsByTier = [] {
  std::array<std::array<uint64_t, 2>, kMaxLevel + 1> t{};
  for (int tier = kMinLevel; tier <= kMaxLevel; ++tier) t[tier] = BandsHolding(tier);
  return t;
}();

}  // namespace

void WaitingIndex::Insert(int stage, const LevelRange& levels, const CallKey& key) {
  const int b = BandOf(levels);
  if (sets_[stage][b].insert(key).second) {
    ++size_;
    nonempty_[stage][b / 64] |= uint64_t{1} << (b % 64);
  }
}

void WaitingIndex::Erase(int stage, const LevelRange& levels, const CallKey& key) {
  const int b = BandOf(levels);
  Set& s = sets_[stage][b];
  if (s.erase(key) == 0) return;
  --size_;
  if (s.empty()) nonempty_[stage][b / 64] &= ~(uint64_t{1} << (b % 64));
}

bool WaitingIndex::Contains(int stage, const LevelRange& levels, const CallKey& key) const {
  return sets_[stage][BandOf(levels)].contains(key);
}

std::optional<CallPick> WaitingIndex::BestFor(int delay_class, int tier,
                                              WorkCounters& work) const {
  std::optional<CallPick> best;
  if (size_ == 0 || tier < kMinLevel) return best;
  const std::array<uint64_t, 2>& allowed = kBandsByTier[std::min(tier, kMaxLevel)];
  for (int s = delay_class; s < kMaxDelayClasses; ++s) {
    for (int w = 0; w < 2; ++w) {
      for (uint64_t bits = nonempty_[s][w] & allowed[w]; bits != 0; bits &= bits - 1) {
        const int b = w * 64 + __builtin_ctzll(bits);
        ++work.index_probes;
        const CallKey& head = *sets_[s][b].begin();
        if (!best || head < best->key) best = CallPick{s, b, head};
      }
    }
  }
  return best;
}

}  // namespace acd::core
