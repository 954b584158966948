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
  ArenaPtr<StageSets>& sets = sets_[stage];
  if (sets == nullptr) {
    sets = MakeInArena<StageSets>(arena_);
    for (Set& set : *sets) set = Set(NodeArenaAllocator<CallKey>(arena_));
  }
  if ((*sets)[b].insert(key).second) {
    ++size_;
    nonempty_[stage][b / 64] |= uint64_t{1} << (b % 64);
    live_stages_ |= static_cast<uint8_t>(1u << stage);
  }
}

void WaitingIndex::Erase(int stage, const LevelRange& levels, const CallKey& key) {
  if (sets_[stage] == nullptr) return;
  const int b = BandOf(levels);
  Set& s = (*sets_[stage])[b];
  if (s.erase(key) == 0) return;
  --size_;
  if (!s.empty()) return;
  Bits& bits = nonempty_[stage];
  bits[b / 64] &= ~(uint64_t{1} << (b % 64));
  if ((bits[0] | bits[1]) == 0) live_stages_ &= static_cast<uint8_t>(~(1u << stage));
}

bool WaitingIndex::Contains(int stage, const LevelRange& levels, const CallKey& key) const {
  return sets_[stage] != nullptr && (*sets_[stage])[BandOf(levels)].contains(key);
}

bool WaitingIndex::Consistent() const {
  size_t total = 0;
  for (int s = 0; s < kMaxDelayClasses; ++s) {
    bool live = false;
    for (int b = 0; b < kBands; ++b) {
      const size_t n = sets_[s] == nullptr ? 0 : (*sets_[s])[b].size();
      const bool bit = (nonempty_[s][b / 64] >> (b % 64)) & 1;
      if (bit != (n > 0)) return false;
      total += n;
      live |= bit;
    }
    if (live != (((live_stages_ >> s) & 1) != 0)) return false;
  }
  return total == size_;
}

std::optional<CallPick> WaitingIndex::BestFor(int delay_class, int tier,
                                              WorkCounters& work) const {
  std::optional<CallPick> best;
  if (size_ == 0 || tier < kMinLevel) return best;
  const std::array<uint64_t, 2>& allowed = kBandsByTier[std::min(tier, kMaxLevel)];
  // The stages from delay_class on that hold a call.
  for (unsigned live = live_stages_ >> delay_class << delay_class; live != 0; live &= live - 1) {
    const int s = __builtin_ctz(live);
    const StageSets* sets = sets_[s].get();  // made: the stage holds a call
    for (int w = 0; w < 2; ++w) {
      for (uint64_t bits = nonempty_[s][w] & allowed[w]; bits != 0; bits &= bits - 1) {
        const int b = w * 64 + __builtin_ctzll(bits);
        ++work.index_probes;
        const CallKey& head = *(*sets)[b].begin();
        if (!best || head < best->key) best = CallPick{s, b, head};
      }
    }
  }
  return best;
}

}  // namespace acd::core
