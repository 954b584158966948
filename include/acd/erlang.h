// Erlang B, Erlang C (M/M/n) and Erlang A (M/M/n+M, the Palm queue): the
// analytic queue models a planner compares a simulated day against.
//
// Model: calls arrive as a Poisson process (calls_per_hour), handle times
// are exponential with mean aht_s, `agents` identical agents serve one
// first-come-first-served queue. Erlang C callers wait forever; Erlang A
// callers abandon after an exponential patience with mean patience_s
// (Garnett, Mandelbaum & Reiman, "Designing a call center with impatient
// customers", MSOM 4(3), 2002; Mandelbaum & Zeltyn, "The Palm/Erlang-A
// queue, with applications to call centers", 2007). Erlang B is the loss
// system (trunk lines: a call finding every line busy is blocked).
//
// Service level. `service_level` is the share of ALL arrivals answered
// within threshold_s: answered_within_T / offered. It is the definition the
// floor and the simulator's KpiCollector use (QueueKpi::ServiceLevel), and
// under Erlang A it is the only one that cannot be improved by callers
// giving up: a caller who abandons after 5 s counts as a miss, not as a
// "short wait". `service_level_answered` is the other common definition,
// answered_within_T / answered; it rises when impatient callers leave.
// Under Erlang C (nobody abandons) the two are equal.
//
// Numerics: the probabilities come from sums of positive terms kept
// relative to their largest term, with logarithms for the scale; a
// difference is taken only where it cannot cancel (the service level
// switches to a positive-term sum when it would). Nothing overflows, and
// the figures keep about 1e-12 relative accuracy at 10,000 agents and
// 50,000 erlangs (about 1e-16 * max(x, y) in the extremes). Cost: Erlang B
// and C are O(agents); Erlang A adds O(sqrt(max(x, y))) terms, with
// x = agents * patience_s / aht_s and y = erlangs * patience_s / aht_s, and,
// when most answered callers wait longer than T, about as many terms as
// calls arrive in T (at most 2e7). An unstable Erlang C queue (erlangs >=
// agents) gives p_wait 1, asa_s and mean_wait_s infinite, service level 0,
// occupancy 1 and stable false, never a negative or NaN figure.
//
// Thread-safety: pure functions of their arguments.
#ifndef ACD_ERLANG_H_
#define ACD_ERLANG_H_

#include <cstdint>
#include <limits>

#include "absl/status/statusor.h"

namespace acd {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Bounds of the inputs the functions accept (InvalidArgument beyond them).
inline constexpr int64_t kErlangMaxAgents = 1'000'000;
inline constexpr double kErlangMaxErlangs = 1'000'000;
// Erlang A: the largest patience_s / aht_s * max(agents, erlangs) accepted
// (the sums grow with its square root); longer patience is Erlang C.
inline constexpr double kErlangAMaxScaledPatience = 1e12;

// One question to a queue model.
struct QueueQuestion {
  double calls_per_hour = 0;  // >= 0
  double aht_s = 180;         // mean handle time, > 0
  int64_t agents = 0;         // >= 0
  double threshold_s = 20;    // service-level threshold T, >= 0
  // Erlang A: mean patience, > 0; infinity is Erlang C, 0 is the loss
  // system (a caller who finds every agent busy leaves at once).
  double patience_s = kInfinity;

  double Erlangs() const { return calls_per_hour * aht_s / 3600.0; }
};

// What a model says about one question. Probabilities are in [0, 1].
struct QueueFigures {
  double erlangs = 0;  // offered load: calls_per_hour * aht_s / 3600
  int64_t agents = 0;
  bool stable = true;                 // false: Erlang C with erlangs >= agents
  double p_wait = 0;                  // an arrival finds every agent busy
  double p_abandon = 0;               // an arrival abandons (Erlang A)
  double p_answered = 1;              // an arrival is answered
  double service_level = 1;           // answered within T, over all arrivals
  double service_level_answered = 1;  // answered within T, over answered
  double asa_s = 0;                   // mean wait of answered calls
  double mean_wait_s = 0;             // mean wait of all arrivals (to answer or abandon)
  double queue_length = 0;            // mean number of callers waiting
  double occupancy = 0;               // carried load per agent: busy share of agents
  double threshold_s = 20;            // the T service_level refers to
};

// Erlang B: the probability that a call finds all `lines` busy, given
// `erlangs` offered. 1 when lines is 0 and erlangs > 0; 0 when erlangs is 0.
// InvalidArgument for negative, non-finite or too large inputs.
absl::StatusOr<double> ErlangB(int64_t lines, double erlangs);

// Natural logarithm of Erlang B; -inf when the probability is 0. Keeps the
// figure when it is below the smallest double (e.g. 10,000 lines, 10 erlangs).
absl::StatusOr<double> LogErlangB(int64_t lines, double erlangs);

// M/M/n: patience_s is ignored (callers never abandon).
absl::StatusOr<QueueFigures> ErlangC(const QueueQuestion& question);

// M/M/n+M: exponential patience with mean patience_s; infinity gives the
// Erlang C figures, 0 the loss system's.
absl::StatusOr<QueueFigures> ErlangA(const QueueQuestion& question);

}  // namespace acd

#endif  // ACD_ERLANG_H_
