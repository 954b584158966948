// Erlang B, C and A from the log-space sums in sums.h.
#include "acd/erlang.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "erlang/sums.h"

namespace acd {
namespace {

using erlang_internal::LogAddExp;
using erlang_internal::LogMassBelow;

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr double kPositiveSumTermsMax = 2e7;

double Clamp01(double p) { return std::clamp(p, 0.0, 1.0); }

absl::Status CheckCounts(int64_t agents, double erlangs, const char* agents_name) {
  if (agents < 0 || agents > kErlangMaxAgents) {
    return absl::InvalidArgumentError(
        absl::StrCat(agents_name, ": must be in [0, ", kErlangMaxAgents, "], got ", agents));
  }
  if (!(erlangs >= 0 && erlangs <= kErlangMaxErlangs)) {
    return absl::InvalidArgumentError(absl::StrCat("erlangs: the offered load must be in [0, ",
                                                   kErlangMaxErlangs, "], got ", erlangs));
  }
  return absl::OkStatus();
}

absl::Status CheckQuestion(const QueueQuestion& q) {
  if (!(q.calls_per_hour >= 0) || !std::isfinite(q.calls_per_hour)) {
    return absl::InvalidArgumentError(
        absl::StrCat("calls_per_hour: must be a finite number >= 0, got ", q.calls_per_hour));
  }
  if (!(q.aht_s > 0) || !std::isfinite(q.aht_s)) {
    return absl::InvalidArgumentError(
        absl::StrCat("aht_s: must be a finite number > 0, got ", q.aht_s));
  }
  if (!(q.threshold_s >= 0) || !std::isfinite(q.threshold_s)) {
    return absl::InvalidArgumentError(
        absl::StrCat("threshold_s: must be a finite number >= 0, got ", q.threshold_s));
  }
  if (!(q.patience_s >= 0)) {  // NaN too
    return absl::InvalidArgumentError(
        absl::StrCat("patience_s: must be >= 0 (infinity: never abandons), got ", q.patience_s));
  }
  return CheckCounts(q.agents, q.Erlangs(), "agents");
}

QueueFigures Base(const QueueQuestion& q) {
  QueueFigures f;
  f.erlangs = q.Erlangs();
  f.agents = q.agents;
  f.threshold_s = q.threshold_s;
  return f;
}

// Nothing arrives: nobody waits, the service level is 1 by convention
// (as QueueKpi::ServiceLevel with nothing offered).
QueueFigures NoTraffic(const QueueQuestion& q) { return Base(q); }

QueueFigures Unstable(const QueueQuestion& q) {
  QueueFigures f = Base(q);
  f.stable = false;
  f.p_wait = 1;
  f.service_level = 0;
  f.service_level_answered = 0;
  f.asa_s = kInfinity;
  f.mean_wait_s = kInfinity;
  f.queue_length = kInfinity;
  f.occupancy = 1;
  return f;
}

// The loss system: a caller who finds every agent busy leaves at once.
QueueFigures LossSystem(const QueueQuestion& q) {
  QueueFigures f = Base(q);
  const double log_b = -erlang_internal::LogInverseErlangB(q.agents, f.erlangs);
  const double b = std::exp(log_b);
  f.p_wait = b;
  f.p_abandon = b;
  f.p_answered = 1 - b;
  f.service_level = 1 - b;
  f.occupancy = q.agents == 0 ? 0 : f.erlangs * (1 - b) / static_cast<double>(q.agents);
  return f;
}

// Erlang A without agents: everyone waits and abandons.
QueueFigures NobodyAnswers(const QueueQuestion& q) {
  QueueFigures f = Base(q);
  f.p_wait = 1;
  f.p_abandon = 1;
  f.p_answered = 0;
  f.service_level = 0;
  f.service_level_answered = 0;
  f.asa_s = kInfinity;
  f.mean_wait_s = q.patience_s;
  f.queue_length = q.calls_per_hour / 3600.0 * q.patience_s;
  return f;
}

// Share of all arrivals that wait and are answered within T, given log D
// (the total mass relative to pi_n) and the share answered after waiting.
// Relative to pi_n (see sums.h) the mass answered within T is
//   J(T) = x/(x+1) [A(x+1, y) - exp(-(x+1) theta T + y (1 - e^{-theta T})) A(x+1, y e^{-theta T})]
// where x/(x+1) A(x+1, y) is the answered mass (Mandelbaum & Zeltyn 2007
// give P(W > t) in the same incomplete-gamma terms). When the subtracted
// part is more than half, the positive-term sum replaces the difference.
double AnsweredWithinAfterWaiting(double x, double y, double theta_t, double log_d,
                                  double answered) {
  const double z = y * std::exp(-theta_t);
  if (z == 0) return answered;
  const erlang_internal::PalmSums shifted = erlang_internal::SumPalmTerms(x + 1, z);
  const double log_late = std::log(x / (x + 1)) - (x + 1) * theta_t - y * std::expm1(-theta_t) +
                          shifted.log_mode + std::log(shifted.s0);
  const double late = std::exp(log_late - log_d);
  // The positive-term sum runs to about the service events and arrivals
  // within T; beyond kPositiveSumTermsMax terms the difference has to do.
  const double terms = std::max((x + 1) * std::expm1(theta_t), -y * std::expm1(-theta_t));
  if (late <= 0.5 * answered || !(terms <= kPositiveSumTermsMax)) {
    return std::max(0.0, answered - late);
  }
  return std::exp(erlang_internal::LogAnsweredWithin(x, y, theta_t) - log_d);
}

// Erlang A with at least one agent: x = n mu / theta, y = lambda / theta.
QueueFigures PalmQueue(const QueueQuestion& q, double x, double y) {
  QueueFigures f = Base(q);
  const double theta = 1 / q.patience_s;
  const double lambda = q.calls_per_hour / 3600.0;
  const double log_below = LogMassBelow(q.agents, f.erlangs);  // log R
  if (std::isinf(log_below)) {  // a load below 1e-300: nobody ever waits
    f.occupancy = f.erlangs / static_cast<double>(q.agents);
    return f;
  }
  const erlang_internal::PalmSums sums = erlang_internal::SumPalmTerms(x, y);
  // Logs relative to the largest waiting term t_mode, so that no two large
  // logarithms are subtracted; D = R + A is the total mass.
  const double below_rel = log_below - sums.log_mode;
  const double log_d = LogAddExp(below_rel, std::log(sums.s0));
  auto over_d = [&](double log_value) { return std::exp(log_value - log_d); };
  f.p_wait = Clamp01(over_d(std::log(sums.s0)));
  // P(abandon) = theta E[Q] / lambda, E[Q] = sum i t_i / D.
  const double log_q = sums.s1 > 0 ? std::log(sums.s1) - log_d : kNegInf;
  f.queue_length = std::exp(log_q);
  f.p_abandon = Clamp01(std::exp(log_q - std::log(y)));
  f.mean_wait_s = f.queue_length / lambda;
  const double log_answered_waiting = std::log(sums.answered);
  const double below = over_d(below_rel);
  f.p_answered = Clamp01(below + over_d(log_answered_waiting));
  // Mean wait of answered callers: (answered_wait / theta) / (R + answered mass).
  const double log_answered_mass = LogAddExp(below_rel, log_answered_waiting);
  f.asa_s = sums.answered_wait > 0
                ? std::exp(std::log(sums.answered_wait) - log_answered_mass) / theta
                : 0;
  const double within = AnsweredWithinAfterWaiting(
      x, y, theta * q.threshold_s, sums.log_mode + log_d, over_d(log_answered_waiting));
  f.service_level = Clamp01(below + within);
  f.service_level_answered = f.p_answered > 0 ? Clamp01(f.service_level / f.p_answered) : 0;
  f.occupancy = Clamp01(f.erlangs * f.p_answered / static_cast<double>(q.agents));
  return f;
}

}  // namespace

absl::StatusOr<double> LogErlangB(int64_t lines, double erlangs) {
  if (absl::Status s = CheckCounts(lines, erlangs, "lines"); !s.ok()) return s;
  if (erlangs == 0) return kNegInf;  // no calls, none blocked
  return -erlang_internal::LogInverseErlangB(lines, erlangs);
}

absl::StatusOr<double> ErlangB(int64_t lines, double erlangs) {
  absl::StatusOr<double> log_b = LogErlangB(lines, erlangs);
  if (!log_b.ok()) return log_b.status();
  return std::exp(*log_b);
}

absl::StatusOr<QueueFigures> ErlangC(const QueueQuestion& q) {
  if (absl::Status s = CheckQuestion(q); !s.ok()) return s;
  const double a = q.Erlangs();
  if (a == 0) return NoTraffic(q);
  const double n = static_cast<double>(q.agents);
  if (a >= n) return Unstable(q);
  QueueFigures f = Base(q);
  // C = 1 / (1 + R (1 - rho)), R = sum_{j<n} pi_j / pi_n.
  const double log_r_slack = LogMassBelow(q.agents, a) + std::log1p(-a / n);
  const double log_c = -LogAddExp(0, log_r_slack);
  const double c = std::exp(log_c);
  const double drain_per_s = (n - a) / q.aht_s;  // n mu - lambda
  f.p_wait = c;
  f.service_level = Clamp01(-std::expm1(log_c - drain_per_s * q.threshold_s));
  f.service_level_answered = f.service_level;
  f.asa_s = c / drain_per_s;
  f.mean_wait_s = f.asa_s;
  f.queue_length = c * a / (n - a);
  f.occupancy = a / n;
  return f;
}

absl::StatusOr<QueueFigures> ErlangA(const QueueQuestion& q) {
  if (absl::Status s = CheckQuestion(q); !s.ok()) return s;
  if (std::isinf(q.patience_s)) return ErlangC(q);
  const double a = q.Erlangs();
  if (a == 0) return NoTraffic(q);
  if (q.patience_s == 0) return LossSystem(q);
  const double scale = q.patience_s / q.aht_s;  // mu / theta
  const double x = static_cast<double>(q.agents) * scale;
  const double y = a * scale;
  if (std::max(x, y) > kErlangAMaxScaledPatience) {
    return absl::InvalidArgumentError(absl::StrCat(
        "patience_s: ", q.patience_s, " s is too long for Erlang A at ", a, " erlangs and ",
        q.agents, " agents (max(agents, erlangs) * patience_s / aht_s must be <= ",
        kErlangAMaxScaledPatience, "); use Erlang C"));
  }
  if (q.agents == 0) return NobodyAnswers(q);
  return PalmQueue(q, x, y);
}

}  // namespace acd
