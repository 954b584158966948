#include "sim/random.h"

#include <cmath>
#include <limits>

namespace acd::sim {
namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

TimeMs ToMs(double ms) {
  if (!(ms > 0)) return 0;  // also catches NaN
  if (ms >= static_cast<double>(kNeverMs)) return kNeverMs;
  return static_cast<TimeMs>(std::llround(ms));
}

}  // namespace

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t MixSeed(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t state = a;
  uint64_t h = SplitMix64(&state);
  state = h ^ b;
  h = SplitMix64(&state);
  state = h ^ c;
  return SplitMix64(&state);
}

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& word : s_) word = SplitMix64(&state);
}

uint64_t Rng::Next() {
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

double Rng::Uniform01() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

bool Rng::Bernoulli(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return Uniform01() < p;
}

double Rng::Exponential(double mean) {
  // 1 - u is in (0, 1], so the logarithm is finite.
  return -mean * std::log(1.0 - Uniform01());
}

double Rng::StandardNormal() {
  while (true) {
    const double u = 2.0 * Uniform01() - 1.0;
    const double v = 2.0 * Uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0 && s < 1) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

uint64_t Rng::Below(uint64_t n) {
  // Lemire's nearly divisionless method, exact (no modulo bias).
  unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(Next()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

TimeMs SampleMs(const Distribution& d, Rng& rng) {
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return ToMs(d.a_ms);
    case Distribution::Kind::kUniform:
      return ToMs(d.a_ms + (d.b_ms - d.a_ms) * rng.Uniform01());
    case Distribution::Kind::kExponential:
      return ToMs(rng.Exponential(d.a_ms));
    case Distribution::Kind::kLognormal: {
      // Parameters of the underlying normal from the mean and deviation.
      const double ratio = d.b_ms / d.a_ms;
      const double sigma2 = std::log1p(ratio * ratio);
      const double mu = std::log(d.a_ms) - sigma2 / 2;
      return ToMs(std::exp(mu + std::sqrt(sigma2) * rng.StandardNormal()));
    }
    case Distribution::Kind::kNever:
      return kNeverMs;
  }
  return kNeverMs;
}

}  // namespace acd::sim

namespace acd {

double Distribution::MeanMs() const {
  switch (kind) {
    case Kind::kConstant:
      return a_ms;
    case Kind::kUniform:
      return (a_ms + b_ms) / 2;
    case Kind::kExponential:
    case Kind::kLognormal:
      return a_ms;
    case Kind::kNever:
      return std::numeric_limits<double>::infinity();
  }
  return 0;
}

}  // namespace acd
