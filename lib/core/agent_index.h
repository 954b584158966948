// ReadyIndex: the agents of one queue pool that may take a call now, split
// by delay class (secondary memberships) and by level tier (1..10), each an
// ordered set keyed by the queue's strategy. Selection looks only at set
// heads (or one lower_bound for round robin), never at every agent.
// Not thread-safe. Invariant: size() equals the sum of the set sizes and the
// non-empty masks mirror the sets.
#ifndef ACD_LIB_CORE_AGENT_INDEX_H_
#define ACD_LIB_CORE_AGENT_INDEX_H_

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/btree_set.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "acd/types.h"

namespace acd::core {

// Ordering key of an agent inside a set; smaller is better. `a` and `b`
// depend on the strategy (idle since, calls today, position, random tag).
struct AgentKey {
  int64_t a = 0;
  int64_t b = 0;
  uint32_t agent = 0;
  auto operator<=>(const AgentKey&) const = default;
};

struct AgentPick {
  int delay_class = 0;
  int tier = 0;
  AgentKey key;
};

class ReadyIndex {
 public:
  void Insert(int delay_class, int tier, const AgentKey& key);
  void Erase(int delay_class, int tier, const AgentKey& key);
  bool Contains(int delay_class, int tier, const AgentKey& key) const;
  size_t size() const { return size_; }

  // The best agent in classes 0..max_class and tiers min_level..10 under
  // `strategy`; rr_last is the round-robin memory (last position offered).
  std::optional<AgentPick> Select(Strategy strategy, int max_class, int min_level,
                                  int64_t rr_last, WorkCounters& work) const;
  // Ring-all: up to `limit` agents, highest tier first, then by key.
  void CollectAll(int max_class, int min_level, uint32_t limit, std::vector<AgentPick>& out,
                  WorkCounters& work) const;

  template <typename Fn>
  void ForEach(Fn fn) const {
    for (int c = 0; c < kMaxDelayClasses; ++c)
      for (int t = kMinLevel; t <= kMaxLevel; ++t)
        for (const AgentKey& key : sets_[c][t - 1]) fn(c, t, key);
  }

 private:
  using Set = absl::btree_set<AgentKey>;
  const Set& set(int c, int tier) const { return sets_[c][tier - 1]; }
  std::array<std::array<Set, kMaxLevel>, kMaxDelayClasses> sets_;
  std::array<uint16_t, kMaxDelayClasses> nonempty_{};  // bit tier-1
  size_t size_ = 0;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_AGENT_INDEX_H_
