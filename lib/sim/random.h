// The simulator's random numbers: xoshiro256** seeded through splitmix64,
// and the few distributions the simulator needs, implemented here so that a
// seed gives the same numbers with every compiler and standard library.
// Thread-safety: an Rng is a plain value; one owner at a time.
#ifndef ACD_LIB_SIM_RANDOM_H_
#define ACD_LIB_SIM_RANDOM_H_

#include <cstdint>

#include "acd/sim.h"
#include "acd/types.h"

namespace acd::sim {

// One step of splitmix64: advances *state and returns the next output.
// (The generators are inline: they run several times per simulated call.)
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Mixes several words into one seed (order matters).
uint64_t MixSeed(uint64_t a, uint64_t b, uint64_t c = 0);

// xoshiro256** 1.0 (Blackman and Vigna). Never all-zero: the state comes
// from splitmix64, which cannot produce four zero words from one seed.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t state = seed;
    for (uint64_t& word : s_) word = SplitMix64(&state);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform on [0, 1) with 53 random bits.
  double Uniform01() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // True with probability p (p <= 0 never, p >= 1 always).
  bool Bernoulli(double p) {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return Uniform01() < p;
  }
  // Exponential with the given mean (> 0).
  double Exponential(double mean);
  // Standard normal (Marsaglia's polar method, one value per call).
  double StandardNormal();
  // Index in [0, n), n > 0.
  uint64_t Below(uint64_t n);

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t s_[4];
};

// A value is never: kNeverMs stands for "does not happen".
inline constexpr TimeMs kNeverMs = INT64_MAX / 4;

// Draws one duration; kNeverMs for Distribution::kNever.
TimeMs SampleMs(const Distribution& d, Rng& rng);

// Gamma with the given shape (> 0) and scale 1, so mean = variance = shape
// (Marsaglia and Tsang, "A simple method for generating gamma variables",
// ACM TOMS 26(3), 2000; shapes below 1 by their boosting step).
double Gamma(double shape, Rng& rng);

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_RANDOM_H_
