#include "core/agent_index.h"

#include <algorithm>

namespace acd::core {

template <typename Key>
BasicReadyIndex<Key>::BasicReadyIndex(bool time_ordered, bool drawn, NodeArena* arena)
    : time_ordered_(time_ordered), drawn_(drawn) {
  if (drawn) {
    draws_.resize(size_t{kMaxDelayClasses} * kMaxLevel);
    return;  // the buckets stay unused
  }
  for (auto& row : buckets_) {
    for (Bucket& b : row) b.set = Set(NodeArenaAllocator<Key>(arena));
  }
}

template <typename Key>
void BasicReadyIndex<Key>::Insert(int c, int tier, const AgentKey& full, uint32_t member,
                                  uint64_t weight) {
  const uint16_t bit = static_cast<uint16_t>(1u << (tier - 1));
  if (drawn()) {
    entries_ += draw(c, tier).Insert(member, full, weight);
    nonempty_[c] |= bit;
    return;
  }
  const Key key = Key::Of(full);
  Bucket& b = bucket(c, tier);
  if (time_ordered_ && (b.ring.empty() || b.ring.back() < key)) {
    b.ring.push_back(key);
  } else if (!b.set.insert(key).second) {
    return;
  }
  ++entries_;
  Key& head = heads_[c][tier - 1];
  if ((nonempty_[c] & bit) == 0 || key < head) head = key;
  nonempty_[c] |= bit;
}

template <typename Key>
bool BasicReadyIndex<Key>::Contains(int c, int tier, const AgentKey& full,
                                    uint32_t member) const {
  if (drawn()) return draw(c, tier).Contains(member, full);
  const Key key = Key::Of(full);
  if (key.Full() != full) return false;  // an order this index cannot file
  const Bucket& b = bucket(c, tier);
  const size_t i = b.ring.LowerBound(key);
  return (i < b.ring.size() && b.ring[i] == key) || b.set.contains(key);
}

template <typename Key>
void BasicReadyIndex<Key>::EraseDrawn(int c, int tier, uint32_t member) {
  WeightedDraw& d = draw(c, tier);
  entries_ -= d.Erase(member);
  if (d.empty()) nonempty_[c] &= static_cast<uint16_t>(~(1u << (tier - 1)));
}

template <typename Key>
void BasicReadyIndex<Key>::NoteHead(int c, int tier) {
  const Bucket& b = bucket(c, tier);
  const uint16_t bit = static_cast<uint16_t>(1u << (tier - 1));
  if (b.empty()) {
    nonempty_[c] &= static_cast<uint16_t>(~bit);
    return;
  }
  Key& head = heads_[c][tier - 1];
  if (b.set.empty()) {
    head = b.ring.front();
  } else if (b.ring.empty() || *b.set.begin() < b.ring.front()) {
    head = *b.set.begin();
  } else {
    head = b.ring.front();
  }
}

template <typename Key>
typename BasicReadyIndex<Key>::Set::iterator BasicReadyIndex<Key>::SkipStale(
    Set& s, typename Set::iterator it, const Gens& gens, WorkCounters& work) {
  while (it != s.end() && !Live(*it, gens)) {
    ++work.index_probes;
    it = s.erase(it);
    --entries_;
  }
  return it;
}

template <typename Key>
bool BasicReadyIndex<Key>::DropStaleHead(int c, int tier, const Gens& gens, WorkCounters& work) {
  Bucket& b = bucket(c, tier);
  while (!b.ring.empty() && !Live(b.ring.front(), gens)) {
    ++work.index_probes;
    b.ring.pop_front();
    --entries_;
  }
  if (!b.set.empty()) SkipStale(b.set, b.set.begin(), gens, work);
  NoteHead(c, tier);
  return !b.empty();
}

template <typename Key>
std::optional<Key> BasicReadyIndex<Key>::NextAfter(int c, int tier, int64_t rr_last,
                                                   const Gens& gens, WorkCounters& work) {
  Bucket& b = bucket(c, tier);
  // Round robin has no order_by: the key's order is 0.
  const Key bound = Key::Of(AgentKey{0, rr_last, INT64_MAX, UINT32_MAX, UINT32_MAX});
  std::optional<Key> best;
  const auto it = SkipStale(b.set, b.set.upper_bound(bound), gens, work);
  if (it != b.set.end()) best = *it;
  NoteHead(c, tier);
  for (size_t i = b.ring.LowerBound(bound); i < b.ring.size(); ++i) {
    if (!Live(b.ring[i], gens)) {
      ++work.index_probes;
      continue;
    }
    if (!best || b.ring[i] < *best) best = b.ring[i];
    break;
  }
  if (best) return best;
  if (!DropStaleHead(c, tier, gens, work)) return std::nullopt;
  return heads_[c][tier - 1];
}

template <typename Key>
void BasicReadyIndex<Key>::Compact(const Gens& gens) {
  if (drawn()) return;  // erased at once, never stale
  WorkCounters ignored;
  for (int c = 0; c < kMaxDelayClasses; ++c) {
    for (uint16_t mask = nonempty_[c]; mask != 0; mask &= static_cast<uint16_t>(mask - 1)) {
      const int tier = __builtin_ctz(mask) + 1;
      Bucket& b = bucket(c, tier);
      entries_ -= b.ring.Filter([&gens](const Key& key) { return Live(key, gens); });
      for (auto it = SkipStale(b.set, b.set.begin(), gens, ignored); it != b.set.end();) {
        it = SkipStale(b.set, ++it, gens, ignored);
      }
      NoteHead(c, tier);
    }
  }
}

template <typename Key>
size_t BasicReadyIndex<Key>::CountLive(const Gens& gens) const {
  size_t n = 0;
  for (const WeightedDraw& d : draws_) {
    d.ForEach([&](uint32_t, const AgentKey& key) { n += Live(key, gens); });
  }
  for (const auto& by_tier : buckets_) {
    for (const Bucket& b : by_tier) {
      for (size_t i = 0; i < b.ring.size(); ++i) n += Live(b.ring[i], gens);
      for (const Key& key : b.set) n += Live(key, gens);
    }
  }
  return n;
}

namespace {

// Whether candidate `x` beats the best so far under the strategy (level
// first: a higher tier wins whatever the strategy; the tiers at or above
// the call's level cap count as one). The queue's order_by (key.order)
// comes before the strategy's own comparison: for highest proficiency,
// before the tier.
template <typename Candidate>
[[gnu::always_inline]] inline bool Better(Strategy strategy, bool level_first, const LevelRange& levels, const Candidate& x,
            const Candidate& best, int64_t rr_last) {
  if (level_first && levels.Effective(x.tier) != levels.Effective(best.tier)) {
    return levels.Effective(x.tier) > levels.Effective(best.tier);
  }
  switch (strategy) {
    case Strategy::kHighestProficiency:
      if (x.key.order != best.key.order) return x.key.order < best.key.order;
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

// Compares the cached bucket heads. A head that does not beat the best so
// far is passed over even if stale (the bucket's live keys are larger
// still); one that does is checked, and if stale dropped and re-read.
template <typename Key>
std::optional<AgentPick> BasicReadyIndex<Key>::Select(Strategy strategy, int max_class,
                                                      const LevelRange& levels, bool level_first,
                                                      int64_t rr_last, const Gens& gens,
                                                      WorkCounters& work, Rng& rng) {
  ++work.decisions;
  if (drawn()) return Draw(max_class, levels, level_first, rng, work);
  if (strategy == Strategy::kRoundRobin) {
    return SelectRoundRobin(max_class, levels, level_first, rr_last, gens, work);
  }
  std::optional<Candidate> best;
  for (int c = 0; c <= max_class && c < kMaxDelayClasses; ++c) {
    for (uint16_t mask = nonempty_[c] & levels.tiers(); mask != 0;
         mask &= static_cast<uint16_t>(mask - 1)) {
      const int tier = __builtin_ctz(mask) + 1;
      ++work.index_probes;
      while (true) {
        const Candidate pick{c, tier, heads_[c][tier - 1]};
        if (best && !Better(strategy, level_first, levels, pick, *best, rr_last)) break;
        if (Live(pick.key, gens)) {
          best = pick;
          break;
        }
        if (!DropStaleHead(c, tier, gens, work)) break;
      }
    }
  }
  if (!best) return std::nullopt;
  return best->Pick();
}

// One point over the summed weights of the allowed buckets, in a fixed
// bucket order: uniform per decision over who is available (weight 1), or
// in proportion to weight.
// Level first: the draw is over the highest allowed tier that holds an
// agent (a drawn bucket holds no stale entry, so non-empty means live), or
// over every allowed tier at or above the level cap when that is it.
template <typename Key>
std::optional<AgentPick> BasicReadyIndex<Key>::Draw(int max_class, const LevelRange& levels,
                                                    bool level_first, Rng& rng,
                                                    WorkCounters& work) {
  const int classes = std::min(max_class + 1, kMaxDelayClasses);
  uint16_t allowed = levels.tiers();
  if (level_first) {
    uint16_t present = 0;
    for (int c = 0; c < classes; ++c) present |= nonempty_[c] & allowed;
    if (present == 0) return std::nullopt;
    const int top = 32 - __builtin_clz(present);
    allowed = top >= levels.cap
                  ? static_cast<uint16_t>(allowed & ~((1u << (levels.cap - 1)) - 1))
                  : static_cast<uint16_t>(1u << (top - 1));
  }
  uint64_t total = 0;
  for (int c = 0; c < classes; ++c) {
    for (uint16_t mask = nonempty_[c] & allowed; mask != 0; mask &= static_cast<uint16_t>(mask - 1)) {
      ++work.index_probes;
      total += draw(c, __builtin_ctz(mask) + 1).total();
    }
  }
  if (total == 0) return std::nullopt;
  uint64_t point = static_cast<uint64_t>((static_cast<unsigned __int128>(rng.Next()) * total) >> 64);
  for (int c = 0; c < classes; ++c) {
    for (uint16_t mask = nonempty_[c] & allowed; mask != 0; mask &= static_cast<uint16_t>(mask - 1)) {
      const int tier = __builtin_ctz(mask) + 1;
      const WeightedDraw& d = draw(c, tier);
      if (point < d.total()) return AgentPick{c, tier, d.At(point)};
      point -= d.total();
    }
  }
  return std::nullopt;  // unreachable: point < total
}

template <typename Key>
std::optional<AgentPick> BasicReadyIndex<Key>::SelectRoundRobin(int max_class,
                                                                const LevelRange& levels,
                                                                bool level_first, int64_t rr_last,
                                                                const Gens& gens,
                                                                WorkCounters& work) {
  std::optional<Candidate> best;
  for (int c = 0; c <= max_class && c < kMaxDelayClasses; ++c) {
    for (uint16_t mask = nonempty_[c] & levels.tiers(); mask != 0;
         mask &= static_cast<uint16_t>(mask - 1)) {
      const int tier = __builtin_ctz(mask) + 1;
      ++work.index_probes;
      const std::optional<Key> key = NextAfter(c, tier, rr_last, gens, work);
      if (!key) continue;
      const Candidate pick{c, tier, *key};
      if (!best || Better(Strategy::kRoundRobin, level_first, levels, pick, *best, rr_last)) {
        best = pick;
      }
    }
  }
  if (!best) return std::nullopt;
  return best->Pick();
}

// Walks the bucket's live keys in order, merging its ring and its set.
template <typename Key>
void BasicReadyIndex<Key>::CollectAll(int max_class, const LevelRange& levels, bool level_first,
                                      uint32_t limit, const Gens& gens,
                                      std::vector<AgentPick>& out, WorkCounters& work) {
  ++work.decisions;
  for (int tier = levels.hi; tier >= levels.lo; --tier) {
    // The best level with a live agent rings alone (the tiers at or above
    // the cap are one level).
    if (level_first && !out.empty() &&
        levels.Effective(tier) < levels.Effective(out.front().tier)) {
      return;
    }
    for (int c = 0; c <= max_class && c < kMaxDelayClasses; ++c) {
      if ((nonempty_[c] & (1u << (tier - 1))) == 0) continue;
      if (drawn()) {  // in position order
        draw(c, tier).ForEach([&](uint32_t, const AgentKey& key) {
          if (out.size() < limit) out.push_back(AgentPick{c, tier, key});
        });
        if (out.size() >= limit) return;
        continue;
      }
      if (!DropStaleHead(c, tier, gens, work)) continue;
      Bucket& b = bucket(c, tier);
      size_t i = 0;
      auto it = b.set.begin();
      while (true) {
        for (; i < b.ring.size() && !Live(b.ring[i], gens); ++i) ++work.index_probes;
        const bool ring_left = i < b.ring.size();
        if (!ring_left && it == b.set.end()) break;
        ++work.index_probes;
        if (out.size() >= limit) break;
        if (it != b.set.end() && (!ring_left || *it < b.ring[i])) {
          out.push_back(AgentPick{c, tier, it->Full()});
          it = SkipStale(b.set, ++it, gens, work);
        } else {
          out.push_back(AgentPick{c, tier, b.ring[i++].Full()});
        }
      }
      NoteHead(c, tier);
      if (out.size() >= limit) return;
    }
  }
}

template class BasicReadyIndex<PlainKey>;
template class BasicReadyIndex<AgentKey>;

ReadyIndex::ReadyIndex(bool time_ordered, bool drawn, bool ordered, NodeArena* arena)
    : ordered_(ordered ? std::make_unique<BasicReadyIndex<AgentKey>>(time_ordered, drawn, arena)
                       : nullptr),
      plain_(time_ordered, drawn, ordered ? nullptr : arena) {}

}  // namespace acd::core
