#include "core/call_index.h"

namespace acd::core {

void WaitingIndex::Insert(int stage, int level, const CallKey& key) {
  if (sets_[stage][level - 1].insert(key).second) {
    ++size_;
    nonempty_[stage] |= static_cast<uint16_t>(1u << (level - 1));
  }
}

void WaitingIndex::Erase(int stage, int level, const CallKey& key) {
  Set& s = sets_[stage][level - 1];
  if (s.erase(key) == 0) return;
  --size_;
  if (s.empty()) nonempty_[stage] &= static_cast<uint16_t>(~(1u << (level - 1)));
}

bool WaitingIndex::Contains(int stage, int level, const CallKey& key) const {
  return sets_[stage][level - 1].contains(key);
}

std::optional<CallPick> WaitingIndex::BestFor(int delay_class, int tier,
                                              WorkCounters& work) const {
  std::optional<CallPick> best;
  if (size_ == 0) return best;
  const uint16_t allowed = static_cast<uint16_t>((1u << tier) - 1);
  for (int s = delay_class; s < kMaxDelayClasses; ++s) {
    uint16_t mask = nonempty_[s] & allowed;
    while (mask != 0) {
      const int level = __builtin_ctz(mask) + 1;
      mask &= static_cast<uint16_t>(mask - 1);
      ++work.index_probes;
      const CallKey& head = *sets_[s][level - 1].begin();
      if (!best || head < best->key) best = CallPick{s, level, head};
    }
  }
  return best;
}

}  // namespace acd::core
