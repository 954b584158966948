// The benchmarks' random draws: the engine's own portable generator
// (lib/core/rng.h, xoshiro256** seeded through splitmix64) with the few
// distributions the event stream needs. Unlike <random>'s distributions its
// output is the same on every standard library, so a seed names one event
// stream everywhere.
//
// Thread-safety: none; one generator per stream.
#ifndef ACD_BENCH_BENCH_RNG_H_
#define ACD_BENCH_BENCH_RNG_H_

#include <cmath>
#include <cstdint>

#include "lib/core/rng.h"

namespace acd::bench {

class BenchRng {
 public:
  explicit BenchRng(uint64_t seed) : rng_(seed) {}

  uint64_t Next() { return rng_.Next(); }

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
  core::Rng rng_;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_BENCH_RNG_H_
