// TestRng: the test harness's own seeded generator (splitmix64) with integer
// helpers that give the same numbers on every standard library, so a seed
// reproduces a run anywhere. Not thread-safe; each user keeps its own.
#ifndef ACD_TESTS_CORE_TEST_RNG_H_
#define ACD_TESTS_CORE_TEST_RNG_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace acd::testing {

class TestRng {
 public:
  explicit TestRng(uint64_t seed) : state_(seed ^ 0x5deece66dULL) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0. The modulo bias is irrelevant for tests.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi], both inclusive.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability per_mille / 1000.
  bool PerMille(uint32_t per_mille) { return Below(1000) < per_mille; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  // An index drawn in proportion to the weights (all >= 0, sum > 0).
  size_t Weighted(const std::vector<uint32_t>& weights) {
    uint64_t total = 0;
    for (uint32_t w : weights) total += w;
    uint64_t r = Below(total);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  uint64_t state_;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_TEST_RNG_H_
