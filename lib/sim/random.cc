#include "sim/random.h"

#include <cmath>
#include <limits>
#include <memory>
#include <utility>

namespace acd::sim {
namespace {

TimeMs ToMs(double ms) {
  if (!(ms > 0)) return 0;  // also catches NaN
  if (ms >= static_cast<double>(kNeverMs)) return kNeverMs;
  return static_cast<TimeMs>(std::llround(ms));
}

}  // namespace

uint64_t MixSeed(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t state = a;
  uint64_t h = SplitMix64(&state);
  state = h ^ b;
  h = SplitMix64(&state);
  state = h ^ c;
  return SplitMix64(&state);
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
    case Distribution::Kind::kEmpirical: {
      if (d.samples_ms == nullptr || d.samples_ms->empty()) return ToMs(d.a_ms);
      return (*d.samples_ms)[rng.Below(d.samples_ms->size())];
    }
  }
  return kNeverMs;
}

double Gamma(double shape, Rng& rng) {
  if (shape < 1) {
    // G(k) = G(k + 1) * U^(1/k); 1 - U is in (0, 1].
    const double boost = std::pow(1.0 - rng.Uniform01(), 1.0 / shape);
    return Gamma(shape + 1, rng) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = 0;
    double v = 0;
    do {
      x = rng.StandardNormal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = 1.0 - rng.Uniform01();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
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
    case Kind::kEmpirical:
      return a_ms;
  }
  return 0;
}

Distribution Distribution::Empirical(std::vector<TimeMs> samples_ms) {
  double sum = 0;
  for (TimeMs ms : samples_ms) sum += static_cast<double>(ms);
  Distribution d;
  d.kind = Kind::kEmpirical;
  d.a_ms = samples_ms.empty() ? 0 : sum / static_cast<double>(samples_ms.size());
  d.samples_ms = std::make_shared<const std::vector<TimeMs>>(std::move(samples_ms));
  return d;
}

}  // namespace acd
