#include "core/agent_index.h"

namespace acd::core {

void ReadyIndex::Insert(int c, int tier, const AgentKey& key) {
  if (sets_[c][tier - 1].insert(key).second) {
    ++size_;
    nonempty_[c] |= static_cast<uint16_t>(1u << (tier - 1));
  }
}

void ReadyIndex::Erase(int c, int tier, const AgentKey& key) {
  Set& s = sets_[c][tier - 1];
  if (s.erase(key) == 0) return;
  --size_;
  if (s.empty()) nonempty_[c] &= static_cast<uint16_t>(~(1u << (tier - 1)));
}

bool ReadyIndex::Contains(int c, int tier, const AgentKey& key) const {
  return set(c, tier).contains(key);
}

namespace {

// Whether candidate `x` beats the best so far under the strategy.
bool Better(Strategy strategy, const AgentPick& x, const AgentPick& best, int64_t rr_last) {
  switch (strategy) {
    case Strategy::kHighestProficiency:
      if (x.tier != best.tier) return x.tier > best.tier;
      return x.key < best.key;
    case Strategy::kRoundRobin: {
      // Positions after rr_last come first, in order; then wrap around.
      const bool x_after = x.key.a > rr_last;
      const bool b_after = best.key.a > rr_last;
      if (x_after != b_after) return x_after;
      return x.key < best.key;
    }
    default:
      return x.key < best.key;
  }
}

}  // namespace

std::optional<AgentPick> ReadyIndex::Select(Strategy strategy, int max_class, int min_level,
                                            int64_t rr_last, WorkCounters& work) const {
  ++work.decisions;
  std::optional<AgentPick> best;
  const uint16_t allowed = static_cast<uint16_t>((0x3FFu << (min_level - 1)) & 0x3FFu);
  for (int c = 0; c <= max_class && c < kMaxDelayClasses; ++c) {
    uint16_t mask = nonempty_[c] & allowed;
    while (mask != 0) {
      const int tier = __builtin_ctz(mask) + 1;
      mask &= static_cast<uint16_t>(mask - 1);
      const Set& s = set(c, tier);
      ++work.index_probes;
      auto it = s.begin();
      if (strategy == Strategy::kRoundRobin) {
        auto after = s.upper_bound(AgentKey{rr_last, INT64_MAX, UINT32_MAX});
        if (after != s.end()) it = after;
      }
      AgentPick pick{c, tier, *it};
      if (!best || Better(strategy, pick, *best, rr_last)) best = pick;
    }
  }
  return best;
}

void ReadyIndex::CollectAll(int max_class, int min_level, uint32_t limit,
                            std::vector<AgentPick>& out, WorkCounters& work) const {
  ++work.decisions;
  for (int tier = kMaxLevel; tier >= min_level; --tier) {
    for (int c = 0; c <= max_class && c < kMaxDelayClasses; ++c) {
      if ((nonempty_[c] & (1u << (tier - 1))) == 0) continue;
      for (const AgentKey& key : set(c, tier)) {
        ++work.index_probes;
        if (out.size() >= limit) return;
        out.push_back(AgentPick{c, tier, key});
      }
    }
  }
}

}  // namespace acd::core
