// Log-space sums for the Erlang models (see sums.h).
#include "erlang/sums.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "boost/math/special_functions/digamma.hpp"

namespace acd::erlang_internal {
namespace {

constexpr double kRescaleAbove = 1e280;
// A term this small relative to the sum so far no longer changes it.
constexpr double kNegligible = 1e-18;
// Products of this many factors are multiplied out directly; longer ones
// go through Stirling's series.
constexpr int64_t kDirectProductMax = 4096;
constexpr int64_t kDirectHarmonicMax = 100'000;

// Stirling's correction S(z) = lgamma(z) - ((z - 0.5) log z - z + log(2 pi) / 2),
// to 1/z^5; the next term is below 2e-12 for z >= 16.
double StirlingTail(double z) {
  const double inv = 1.0 / z;
  const double inv2 = inv * inv;
  return inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
}

// sum_{k=1}^{m} log(y / (x + k)) multiplied out, rescaled before overflow.
double DirectLogRatioProduct(double x, double y, int64_t m) {
  double log_sum = 0;
  double product = 1;
  for (int64_t k = 1; k <= m; ++k) {
    product *= y / (x + static_cast<double>(k));
    if (product > kRescaleAbove || product < 1 / kRescaleAbove) {
      log_sum += std::log(product);
      product = 1;
    }
  }
  return log_sum + std::log(product);
}

// H_i = sum_{m=0}^{i} 1 / (x + 1 + m).
double Harmonic(double x, int64_t i) {
  if (i <= kDirectHarmonicMax) {
    double h = 0;
    for (int64_t m = 0; m <= i; ++m) h += 1 / (x + 1 + static_cast<double>(m));
    return h;
  }
  return boost::math::digamma(x + static_cast<double>(i) + 2) - boost::math::digamma(x + 1);
}

}  // namespace

double LogAddExp(double a, double b) {
  if (a < b) std::swap(a, b);
  if (b == -std::numeric_limits<double>::infinity()) return a;
  return a + std::log1p(std::exp(b - a));
}

double LogInverseErlangB(int64_t lines, double erlangs) {
  assert(erlangs > 0 && lines >= 0);
  // r_k = 1 / B(k) = 1 + (k / a) r_{k-1}; r is kept as exp(log_scale) * r.
  const double inv_a = 1 / erlangs;
  double log_scale = 0;
  double one = 1;  // exp(-log_scale)
  double r = 1;
  for (int64_t k = 1; k <= lines; ++k) {
    r = one + static_cast<double>(k) * inv_a * r;
    if (r > kRescaleAbove) {
      log_scale += std::log(r);
      one = std::exp(-log_scale);
      r = 1;
    }
  }
  return log_scale + std::log(r);
}

double LogMassBelow(int64_t agents, double erlangs) {
  if (agents == 0) return -std::numeric_limits<double>::infinity();
  // R_n = 1 / B(n) - 1 = (n / a) / B(n - 1): the same value without the
  // subtraction.
  return std::log(static_cast<double>(agents) / erlangs) + LogInverseErlangB(agents - 1, erlangs);
}

double LogRatioProduct(double x, double y, int64_t m) {
  if (m <= kDirectProductMax) return DirectLogRatioProduct(x, y, m);
  // Move x up until Stirling's series is accurate for x + 1.
  double head = 0;
  while (x + 1 < 16 && m > 0) {
    head += std::log(y / (x + 1));
    x += 1;
    --m;
  }
  const double md = static_cast<double>(m);
  const double z1 = x + 1;
  const double z2 = x + md + 1;
  // log Gamma(z2) - log Gamma(z1) = (z1 - 1/2) log1p(m / z1) + m log z2 - m
  //                                 + S(z2) - S(z1); the m log z2 part is
  // folded into m log(y / z2), which stays small near the mode.
  const double log_rising =
      (z1 - 0.5) * std::log1p(md / z1) - md + StirlingTail(z2) - StirlingTail(z1);
  return head + md * std::log(y / z2) - log_rising;
}

PalmSums SumPalmTerms(double x, double y) {
  assert(x > 0 && y > 0);
  PalmSums sums;
  // t_i / t_{i-1} = y / (x + i) >= 1 exactly while i <= y - x.
  const int64_t mode = y > x + 1 ? static_cast<int64_t>(std::floor(y - x)) : 0;
  sums.log_mode = LogRatioProduct(x, y, mode);
  const double h_mode = Harmonic(x, mode);
  auto add = [&](int64_t i, double t, double h) {
    const double di = static_cast<double>(i);
    const double answered = t * x / (x + di + 1);
    sums.s0 += t;
    sums.s1 += di * t;
    sums.answered += answered;
    sums.answered_wait += answered * h;
    ++sums.terms;
  };
  add(mode, 1, h_mode);
  // Upwards: ratios fall below 1 and keep falling.
  double t = 1;
  double h = h_mode;
  for (int64_t i = mode + 1;; ++i) {
    const double di = static_cast<double>(i);
    t *= y / (x + di);
    h += 1 / (x + 1 + di);
    add(i, t, h);
    if (t < kNegligible * sums.s0) break;
  }
  // Downwards: t_{i} = t_{i+1} (x + i + 1) / y, ratios <= 1.
  t = 1;
  h = h_mode;
  for (int64_t i = mode - 1; i >= 0; --i) {
    const double di = static_cast<double>(i);
    t *= (x + di + 1) / y;
    h -= 1 / (x + 2 + di);
    add(i, t, std::max(h, 0.0));
    if (t < kNegligible * sums.s0) break;
  }
  return sums;
}

double LogAnsweredWithin(double x, double y, double theta_t) {
  assert(x > 0 && y > 0 && theta_t >= 0);
  const double c = x + 1;
  const double p = -std::expm1(-theta_t);
  double log_sum = -std::numeric_limits<double>::infinity();
  if (p == 0) return log_sum;
  // Scaled values: q_j = q * exp(log_q), t_i and W_i share exp(log_w).
  double q = 1;
  double log_q = -c * theta_t;  // log P(N = 0) = c log(1 - p)
  double t = 1;
  double w = x / (x + 1);  // W_0
  double log_w = 0;
  const double peak = std::max(c * p / (1 - p), p * y) + 1;
  for (double j = 1;; j += 1) {
    q *= (c + j - 1) / j * p;
    if (q > kRescaleAbove || q < 1 / kRescaleAbove) {
      log_q += std::log(q);
      q = 1;
    }
    const double log_term = std::log(q) + log_q + std::log(w) + log_w;
    log_sum = LogAddExp(log_sum, log_term);
    if (j > peak && log_term < log_sum + std::log(kNegligible)) break;
    t *= y / (x + j);
    w += t * x / (x + j + 1);
    if (w > kRescaleAbove) {
      log_w += std::log(w);
      t /= w;
      w = 1;
    }
  }
  return log_sum;
}

}  // namespace acd::erlang_internal
