// The sums behind Erlang B, C and A, kept in log space. Implementation
// header of acd_erlang.
//
// With n agents, offered load a, and (Erlang A) x = n * aht / patience,
// y = a * aht / patience, the stationary probabilities relative to pi_n
// (all agents busy, nobody waiting) are:
//   below n:  R = sum_{j<n} pi_j / pi_n = 1 / ErlangB(n, a) - 1
//   from n:   t_i = pi_{n+i} / pi_n = y^i / ((x+1)(x+2)...(x+i)),  i >= 0
// (Mandelbaum & Zeltyn 2007, section 3). The functions here return those
// masses as logarithms or as sums relative to their largest term, so that
// neither overflows nor underflows for any accepted input.
// Thread-safety: pure functions.
#ifndef ACD_LIB_ERLANG_SUMS_H_
#define ACD_LIB_ERLANG_SUMS_H_

#include <cstdint>

namespace acd::erlang_internal {

// log(1 / ErlangB(lines, erlangs)) for erlangs > 0, lines >= 0, by the
// recursion 1/B(k) = 1 + (k / a) / B(k-1), rescaled before it overflows.
double LogInverseErlangB(int64_t lines, double erlangs);

// log R = log(sum_{j<n} pi_j / pi_n); -inf when n is 0. erlangs > 0.
double LogMassBelow(int64_t agents, double erlangs);

// sum_{k=1}^{m} log(y / (x + k)) for x >= 0, y > 0, m >= 0; O(1) for large m.
double LogRatioProduct(double x, double y, int64_t m);

// The Erlang A waiting states' terms t_i = y^i / ((x+1)...(x+i)), summed
// relative to the largest one, t_mode = exp(log_mode).
struct PalmSums {
  double log_mode = 0;  // log of the largest term
  double s0 = 0;        // sum t_i                        / t_mode
  double s1 = 0;        // sum i t_i                      / t_mode
  double answered = 0;  // sum t_i x / (x+i+1)            / t_mode
  // sum t_i x / (x+i+1) * H_i / t_mode, H_i = sum_{m=0}^{i} 1 / (x+1+m):
  // theta times the mean wait of the answered callers who waited.
  double answered_wait = 0;
  int64_t terms = 0;  // terms added
};

// x > 0, y > 0; O(sqrt(max(x, y)) + 1) terms.
PalmSums SumPalmTerms(double x, double y);

// log J(T), J(T) = sum_i t_i x / (x+i+1) P(answered within T | i ahead), as
// a sum of positive terms (no subtraction): with N negative-binomial
// (x + 1, p = 1 - e^{-theta T}), P(answered within T | i ahead) =
// x / (x+i+1) P(N >= i+1), so J(T) = sum_{j>=1} P(N = j) W_{j-1}, W_k the
// partial sums of t_i x / (x+i+1). Its cost grows with the expected
// service events and arrivals within T; for when the subtraction in the
// closed form would cancel. x > 0, y > 0, theta_t = T / patience >= 0.
double LogAnsweredWithin(double x, double y, double theta_t);

// log(1 + exp(b - a)) + a, safe for infinities: log(exp(a) + exp(b)).
double LogAddExp(double a, double b);

}  // namespace acd::erlang_internal

#endif  // ACD_LIB_ERLANG_SUMS_H_
