// A small seeded random generator (xoshiro256**, seeded by splitmix64) with
// its own distributions, so that results are identical across standard
// libraries. Not thread-safe; each owner keeps its own.
#ifndef ACD_LIB_CORE_RNG_H_
#define ACD_LIB_CORE_RNG_H_

#include <cmath>
#include <cstdint>

namespace acd::core {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (uint64_t& word : state_) word = SplitMix64(s);
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
  // Uniform in (0, 1]: never 0, so log() is safe.
  double UniformOpenZero() { return (static_cast<double>(Next() >> 11) + 1.0) * 0x1.0p-53; }
  // Exponential with mean 1.
  double Exponential() { return -std::log(UniformOpenZero()); }
  const uint64_t* state() const { return state_; }
  void set_state(const uint64_t (&words)[4]) {
    for (int i = 0; i < 4; ++i) state_[i] = words[i];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_RNG_H_
