// ReadyIndex: the agents of one queue pool that may take a call now, split
// by delay class (secondary memberships) and by level tier (1..10), each a
// bucket ordered by the queue's strategy. Selection looks only at bucket
// heads (or one lower_bound for round robin), never at every agent.
//
// Removal is lazy: an agent that stops being available only bumps its
// filing generation (the engine's per-agent counter); its entries, stamped
// with the generation they were filed under, go stale and are erased when a
// selection meets them or when the owner calls Compact. An offer thus costs
// no search in the buckets of the agent's other queues and pools; only
// filing the agent again inserts. Liveness: key.gen == gens[key.agent].
//
// Each bucket's smallest key (live or stale) is cached in heads_, so a
// selection compares up to 40 compact heads and checks only the winner; a
// stale winner is dropped and the comparison repeats.
//
// For longest idle and highest proficiency (time_ordered) a key is the time
// the agent became idle, so new keys nearly always sort last: they go to
// the bucket's KeyRing (O(1), one cache line); the rare key that does not
// (an agent re-filed with an older idle time) goes to its ordered set.
//
// The random strategies (drawn) keep each bucket as a WeightedDraw instead:
// an agent sits at its place among the queue's members with its weight, is
// erased at once when it stops being available (EraseDrawn: never stale,
// so a draw depends only on who is available), and a selection draws one
// point over the allowed buckets' summed weights: uniform per decision for
// random, in proportion to weight for weighted random, O(log n).
//
// A queue without order_by files PlainKey (24 bytes), one with it the full
// AgentKey (32): BasicReadyIndex is written once over the key type, and
// ReadyIndex holds the one its queue needs. Keys go in and picks come out
// as AgentKey either way.
//
// The ordered sets' nodes come from the engine's NodeArena when one is
// given (node_arena.h), from the heap otherwise.
//
// Not thread-safe. Invariants: entries() is the number of keys held (live
// or stale); a bucket's bit in nonempty_ is set iff it holds a key; at most
// one live key per agent; a PlainKey index holds only keys of order 0.
#ifndef ACD_LIB_CORE_AGENT_INDEX_H_
#define ACD_LIB_CORE_AGENT_INDEX_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/btree_set.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "acd/types.h"
#include "core/agent_key.h"
#include "core/key_ring.h"
#include "core/level_range.h"
#include "core/node_arena.h"
#include "core/rng.h"
#include "core/weighted_draw.h"

namespace acd::core {

struct AgentPick {
  int delay_class = 0;
  int tier = 0;
  AgentKey key;
};

template <typename Key>
class BasicReadyIndex {
 public:
  // Filing generation per agent slot: an entry is live iff its gen matches.
  using Gens = std::vector<uint32_t>;

  // arena: where the ordered sets' nodes live (null: the heap); it must
  // outlive the index.
  BasicReadyIndex(bool time_ordered, bool drawn, NodeArena* arena = nullptr);

  // member: the agent's place among the queue's members; weight (> 0):
  // its share of the draws. Both are read only by a drawn index.
  void Insert(int delay_class, int tier, const AgentKey& key, uint32_t member = 0,
              uint64_t weight = 1);
  bool Contains(int delay_class, int tier, const AgentKey& key, uint32_t member = 0) const;
  // A drawn index only: the agent at `member` is no longer available.
  void EraseDrawn(int delay_class, int tier, uint32_t member);
  bool drawn() const { return drawn_; }
  size_t entries() const { return entries_; }  // live and stale

  // The best live agent in classes 0..max_class and the tiers `levels`
  // allows under `strategy`; rr_last is the round-robin memory (last
  // position offered). Erases the stale entries it meets. A drawn index
  // draws instead, with one word from `rng` when some agent may be picked.
  // level_first: only the highest level holding a live agent (in any of
  // those classes; the tiers at or above levels.cap are one level) is
  // considered, the strategy deciding within it.
  std::optional<AgentPick> Select(Strategy strategy, int max_class, const LevelRange& levels,
                                  bool level_first, int64_t rr_last, const Gens& gens,
                                  WorkCounters& work, Rng& rng);
  // Ring-all: up to `limit` live agents, highest tier first, then by key;
  // level_first: those of the highest level holding a live agent only.
  void CollectAll(int max_class, const LevelRange& levels, bool level_first, uint32_t limit,
                  const Gens& gens, std::vector<AgentPick>& out, WorkCounters& work);
  // Erases every stale entry; O(entries).
  void Compact(const Gens& gens);
  size_t CountLive(const Gens& gens) const;

 private:
  // A pick in the index's own key type, widened when it is returned.
  struct Candidate {
    int delay_class = 0;
    int tier = 0;
    Key key;
    AgentPick Pick() const { return AgentPick{delay_class, tier, key.Full()}; }
  };
  using Set = absl::btree_set<Key, std::less<Key>, NodeArenaAllocator<Key>>;
  struct Bucket {
    KeyRing<Key> ring;  // time-ordered keys appended in order
    Set set;            // every other key
    bool empty() const { return ring.empty() && set.empty(); }
  };
  static_assert(sizeof(Bucket) <= 64, "a bucket fits a cache line");
  template <typename AnyKey>  // Key, or the AgentKey of a drawn entry
  static bool Live(const AnyKey& key, const Gens& gens) { return gens[key.agent] == key.gen; }
  Bucket& bucket(int c, int tier) { return buckets_[c][tier - 1]; }
  const Bucket& bucket(int c, int tier) const { return buckets_[c][tier - 1]; }
  // The first live entry from `it` on, erasing the stale ones before it.
  Set::iterator SkipStale(Set& s, Set::iterator it, const Gens& gens, WorkCounters& work);
  // Erases the stale keys at the front of the bucket; true if a live one is left.
  bool DropStaleHead(int c, int tier, const Gens& gens, WorkCounters& work);
  // Round robin: the first live key after rr_last, else the first one.
  std::optional<Key> NextAfter(int c, int tier, int64_t rr_last, const Gens& gens,
                               WorkCounters& work);
  // Recomputes heads_[c][tier - 1] after keys left the bucket (and its bit).
  void NoteHead(int c, int tier);
  std::optional<AgentPick> Draw(int max_class, const LevelRange& levels, bool level_first,
                                Rng& rng, WorkCounters& work);
  WeightedDraw& draw(int c, int tier) { return draws_[c * kMaxLevel + tier - 1]; }
  const WeightedDraw& draw(int c, int tier) const { return draws_[c * kMaxLevel + tier - 1]; }
  std::optional<AgentPick> SelectRoundRobin(int max_class, const LevelRange& levels,
                                            bool level_first,
                                            int64_t rr_last, const Gens& gens,
                                            WorkCounters& work);

  // What a selection reads comes first and together: flags, counts, heads.
  bool time_ordered_;
  bool drawn_;  // draws_ holds the buckets (a flag here: no look at its far end)
  std::array<uint16_t, kMaxDelayClasses> nonempty_{};  // bit tier-1
  size_t entries_ = 0;
  // The smallest key (live or stale) of each non-empty bucket, kept compact
  // so that a selection compares heads without touching the buckets.
  std::array<std::array<Key, kMaxLevel>, kMaxDelayClasses> heads_;
  std::array<std::array<Bucket, kMaxLevel>, kMaxDelayClasses> buckets_;
  // Drawn indexes only: kMaxDelayClasses * kMaxLevel draws, by (class, tier).
  std::vector<WeightedDraw> draws_;
};

// The ready index of one queue pool: a BasicReadyIndex over PlainKey, or
// over AgentKey when the queue orders by an attribute. Each call goes to
// the one held; see BasicReadyIndex for what it does.
class ReadyIndex {
  // Calls fn with the index held (defined first: later members deduce
  // their return types from it).
  template <typename Fn>
  decltype(auto) Visit(Fn&& fn) {
    if (ordered_ == nullptr) [[likely]] return fn(plain_);
    return fn(*ordered_);
  }
  template <typename Fn>
  decltype(auto) Visit(Fn&& fn) const {
    if (ordered_ == nullptr) [[likely]] return fn(plain_);
    return fn(*ordered_);
  }

 public:
  using Gens = std::vector<uint32_t>;

  // ordered: the queue has an order_by, so keys keep their `order`;
  // arena: as BasicReadyIndex's.
  explicit ReadyIndex(bool time_ordered = false, bool drawn = false, bool ordered = false,
                      NodeArena* arena = nullptr);

  void Insert(int delay_class, int tier, const AgentKey& key, uint32_t member = 0,
              uint64_t weight = 1) {
    Visit([&](auto& ix) { ix.Insert(delay_class, tier, key, member, weight); });
  }
  bool Contains(int delay_class, int tier, const AgentKey& key, uint32_t member = 0) const {
    return Visit([&](const auto& ix) { return ix.Contains(delay_class, tier, key, member); });
  }
  void EraseDrawn(int delay_class, int tier, uint32_t member) {
    Visit([&](auto& ix) { ix.EraseDrawn(delay_class, tier, member); });
  }
  size_t entries() const { return Visit([](const auto& ix) { return ix.entries(); }); }
  std::optional<AgentPick> Select(Strategy strategy, int max_class, const LevelRange& levels,
                                  bool level_first, int64_t rr_last, const Gens& gens,
                                  WorkCounters& work, Rng& rng) {
    return Visit([&](auto& ix) {
      return ix.Select(strategy, max_class, levels, level_first, rr_last, gens, work, rng);
    });
  }
  void CollectAll(int max_class, const LevelRange& levels, bool level_first, uint32_t limit,
                  const Gens& gens, std::vector<AgentPick>& out, WorkCounters& work) {
    Visit([&](auto& ix) { ix.CollectAll(max_class, levels, level_first, limit, gens, out, work); });
  }
  void Compact(const Gens& gens) {
    Visit([&](auto& ix) { ix.Compact(gens); });
  }
  size_t CountLive(const Gens& gens) const {
    return Visit([&](const auto& ix) { return ix.CountLive(gens); });
  }

 private:
  // A queue with an order_by (rare) keeps its index out of line; the
  // others use plain_, whose first fields share this pointer's cache line
  // (a std::variant would keep its tag after the 3.5 KB of buckets: one
  // more line on every call). plain_ stays empty when ordered_ is set.
  std::unique_ptr<BasicReadyIndex<AgentKey>> ordered_;
  BasicReadyIndex<PlainKey> plain_;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_AGENT_INDEX_H_
