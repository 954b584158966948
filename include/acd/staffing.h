// Staffing: the fewest agents that meet a service target, analytically
// (Erlang C or Erlang A, in the acd_erlang library) and then checked by
// simulating the same queue through the routing engine (acd_staffing):
// the analytic answer is the start, the simulation decides.
//
// Thread-safety: the functions share no state. VerifyStaffing and
// SimulateStaffing run replications on their own threads and join them
// before returning; their results do not depend on the thread count.
#ifndef ACD_STAFFING_H_
#define ACD_STAFFING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/erlang.h"
#include "acd/types.h"

namespace acd {

enum class QueueModel : uint8_t {
  kErlangC,  // callers never abandon
  kErlangA,  // exponential patience with mean patience_s
};

// What an interval must achieve. Every target that is set must be met.
struct StaffingTarget {
  double threshold_s = 20;  // T of the service level
  // Least share of ALL arrivals answered within threshold_s, in [0, 1);
  // 0 sets no service-level target.
  double service_level = 0.8;
  std::optional<double> abandon_max;    // most p_abandon, in (0, 1]
  std::optional<double> asa_s_max;      // longest mean wait of answered calls, > 0
  std::optional<double> occupancy_max;  // highest occupancy, in (0, 1]
};

struct StaffingQuestion {
  QueueModel model = QueueModel::kErlangC;
  double calls_per_hour = 0;
  double aht_s = 180;
  // Erlang A only; finite and >= 0 there (0: the loss system, callers who
  // find every agent busy leave at once).
  double patience_s = kInfinity;
  StaffingTarget target;
};

// Checks the question; the error names the field and the reason.
absl::Status ValidateStaffingQuestion(const StaffingQuestion& question);

// The figures the question's model gives with `agents` agents.
absl::StatusOr<QueueFigures> EvaluateStaffing(const StaffingQuestion& question, int64_t agents);

// Empty when `figures` meet every target of `target` (an unstable queue
// never does); otherwise the first one missed, e.g.
// "service level 0.7513 < 0.8".
std::string MissedTarget(const QueueFigures& figures, const StaffingTarget& target);

struct StaffingAnswer {
  int64_t agents = 0;    // fewest that meet every target; 0 when no calls
  QueueFigures figures;  // at `agents`
  int evaluations = 0;   // model evaluations the search used
};

// The fewest agents meeting every target (at least 1 when calls arrive):
// `agents` meets them and `agents - 1` does not. Starts from square-root
// staffing (erlangs + sqrt(erlangs)), gallops away from it with doubling
// steps until the answer is bracketed, then bisects: O(log(erlangs))
// evaluations for the service level, ASA and abandonment targets, whose
// figures improve with every agent added. FailedPrecondition when the
// targets cannot be met with kErlangMaxAgents agents.
absl::StatusOr<StaffingAnswer> SolveStaffing(const StaffingQuestion& question);

// Agents to schedule so that `agents` are on the phones after shrinkage
// (breaks, training, absence): ceil(agents / (1 - shrinkage)).
// InvalidArgument unless 0 <= shrinkage < 1 and agents >= 0.
absl::StatusOr<int64_t> Headcount(int64_t agents, double shrinkage);

// ---- the simulation check (acd_staffing) ----

// How a staffing is checked by simulation: a single-queue center of n
// agents, Poisson arrivals at the question's rate, exponential handle
// times, exponential patience (Erlang A) or none (Erlang C), agents who
// answer at once and never let it ring. Each replication warms up from
// empty and measures the calls that arrive in the following window_ms,
// served out to the end.
struct VerifyOptions {
  int replications = 8;  // >= 2, for a confidence interval
  uint64_t seed = 1;     // replication r uses seed + r
  // The warm-up; nullopt: automatic, five relaxation times of the queue
  // (1 / (mu (sqrt(n) - sqrt(a))^2) for M/M/n; under Erlang A at most the
  // longer of the mean patience and the handle time), at least 30 minutes
  // and at most 48 hours.
  std::optional<TimeMs> warmup_ms;
  TimeMs window_ms = 2 * 60 * 60'000;
  int threads = 2;  // >= 1; replications run on up to this many threads
  // The simulation decides with the mean over replications (kMean) or with
  // the pessimistic end of its 95% confidence interval (kConfidenceBound:
  // the lower bound of the service level, the upper bound of abandonment
  // and ASA).
  enum class Decide : uint8_t { kMean, kConfidenceBound };
  Decide decide_by = Decide::kMean;
  // Most agents VerifyStaffing adds to the analytic answer.
  int64_t extra_agents_max = 50;
};

absl::Status ValidateVerifyOptions(const VerifyOptions& options);

// The warm-up a replication of `agents` agents uses (see warmup_ms).
TimeMs WarmupMs(const StaffingQuestion& question, int64_t agents, const VerifyOptions& options);

// A figure estimated over replications: the mean and the half width of its
// 95% confidence interval (Student's t over the replications' values; for
// the service level and abandonment, never narrower than the binomial
// interval of all the calls measured, Agresti-Coull).
struct Estimate {
  double mean = 0;
  double half_width = 0;
  double Lower() const { return mean - half_width; }
  double Upper() const { return mean + half_width; }
};

// One simulated staffing level.
struct SimulatedStaffing {
  int64_t agents = 0;
  int replications = 0;
  uint64_t calls_measured = 0;  // over all replications
  Estimate service_level;       // answered within T over calls arrived
  Estimate p_abandon;
  Estimate asa_s;      // mean wait of answered calls
  Estimate occupancy;  // talking time over agent time, in the window
};

// Simulates `agents` agents for the question's traffic.
absl::StatusOr<SimulatedStaffing> SimulateStaffing(const StaffingQuestion& question, int64_t agents,
                                                   const VerifyOptions& options);

// Empty when the simulated figures meet every target under
// options.decide_by; otherwise the first target missed.
std::string MissedTarget(const SimulatedStaffing& simulated, const StaffingTarget& target,
                         VerifyOptions::Decide decide_by);

struct VerifiedStaffing {
  int64_t analytic_agents = 0;
  int64_t verified_agents = 0;
  SimulatedStaffing at_verified;         // the simulation at verified_agents
  std::vector<SimulatedStaffing> tried;  // every level simulated, in order
};

// Starts at analytic_agents. While the simulation misses a target, adds an
// agent (at most extra_agents_max). When the start meets every target with
// room to spare (even the pessimistic end of each confidence interval
// meets it), tries one agent less, and keeps going down while the level
// tried still meets the targets and the one above it met them with room.
// Every level uses the same seeds (common random numbers), so levels
// differ by the staffing, not by the callers.
absl::StatusOr<VerifiedStaffing> VerifyStaffing(const StaffingQuestion& question,
                                                int64_t analytic_agents,
                                                const VerifyOptions& options);

}  // namespace acd

#endif  // ACD_STAFFING_H_
