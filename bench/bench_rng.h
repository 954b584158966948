// A small, fast, portable random generator for the benchmarks
// (xoshiro256** seeded through splitmix64). Unlike <random>'s distributions
// its output is the same on every standard library, so a seed names one
// event stream everywhere.
//
// Thread-safety: none; one generator per stream.
#ifndef ACD_BENCH_BENCH_RNG_H_
#define ACD_BENCH_BENCH_RNG_H_

#include <cmath>
#include <cstdint>

namespace acd::bench {

class BenchRng {
 public:
  explicit BenchRng(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix(&seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0. Lemire's multiply-shift (tiny bias is fine here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

  // Uniform in [lo, hi], inclusive.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }

  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Chance(double p) { return Unit() < p; }

  // Exponentially distributed with the given mean, at least 1.
  int64_t ExponentialMs(double mean_ms) {
    const double v = -std::log1p(-Unit()) * mean_ms;
    return v < 1.0 ? 1 : static_cast<int64_t>(v);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t* x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  uint64_t state_[4];
};

}  // namespace acd::bench

#endif  // ACD_BENCH_BENCH_RNG_H_
