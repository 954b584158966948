// Replications: the same plan simulated R times with independent, seeded
// random numbers, spread over threads, and the 95% confidence interval
// (Student t) of every KPI per interval and per day across them.
//
// Reproducible: the run of replication k, day d has the seed
// ReplicationSeed(base, k, d) and results are folded in (k, d) order, so
// the numbers do not depend on the number of threads or their timing.
// Days are independent: each starts empty at its first interval (calls
// left at the end of a day are served out or disconnected that day), as a
// center that closes overnight is.
//
// Memory: a plan of R replications of D days keeps no run. FoldReplications
// hands each run to its caller as soon as the runs before it are folded and
// holds at most 2 x threads finished runs waiting for their turn;
// PlanAccumulator keeps one running mean and variance per KPI per forecast
// interval, per simulated day (the summary's by_day) and for any day.
//
// Validation: a plan's day options are checked once (ValidatedPlan::Check),
// not once per run.
//
// Thread-safety: FoldReplications starts and joins its own threads; its
// fold and progress callbacks are called from them, one call at a time.
// MeanAccumulator and PlanAccumulator: none (one folding thread).
#ifndef ACD_REPLICATIONS_H_
#define ACD_REPLICATIONS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/interval_kpi.h"
#include "acd/sim.h"

namespace acd {

uint64_t ReplicationSeed(uint64_t base_seed, int replication, int day);

// A plan's day options checked against its center once (ValidateSimOptions
// on each); its runs skip the check. Holds pointers: the center and the
// options must outlive it and stay unchanged.
class ValidatedPlan {
 public:
  // The first day whose options fail, with ValidateSimOptions' error.
  static absl::StatusOr<ValidatedPlan> Check(const CenterConfig& center,
                                             const std::vector<SimOptions>& day_options);
  const CenterConfig& center() const { return *center_; }
  const std::vector<SimOptions>& day_options() const { return *day_options_; }
  // Simulated day `day` (forecast day day % size) with `seed`, unchecked.
  absl::StatusOr<SimResult> Run(int day, uint64_t seed, TraceSink* trace = nullptr) const;

 private:
  ValidatedPlan(const CenterConfig* center, const std::vector<SimOptions>* day_options)
      : center_(center), day_options_(day_options) {}
  const CenterConfig* center_;
  const std::vector<SimOptions>* day_options_;
};

// Runs `days` days R times (day d uses day_options[d % size] with the seed
// ReplicationSeed(base_seed, k, d)) and calls fold(k, d, run) for each run
// in (k, d) order, k-major. threads <= 0: as many as the hardware has.
// Stops at the first failing run in that order and returns its error.
// Returns the most finished runs held at once (at most 2 x threads).
absl::StatusOr<int> FoldReplications(
    const ValidatedPlan& plan, int days, int replications, uint64_t base_seed, int threads,
    const std::function<void(int replication, int day, SimResult run)>& fold,
    const std::function<void(int done, int total)>& progress = nullptr);

// Every run kept, indexed [k * days + d]: for tests and the Python module
// (memory grows with R x D; planners use FoldReplications). Checks the
// options once.
absl::StatusOr<std::vector<SimResult>> RunReplications(
    const CenterConfig& center, const std::vector<SimOptions>& day_options, int days,
    int replications, uint64_t base_seed, int threads,
    const std::function<void(int done, int total)>& progress = nullptr);

// A sample mean with its 95% confidence half-width; half_width is NaN when
// n < 2. n counts the replications where the KPI was defined (e.g. ASA
// needs an answered call).
struct KpiEstimate {
  double mean = 0;
  double half_width = 0;
  size_t n = 0;
};
KpiEstimate EstimateMean(const std::vector<double>& samples);
// The 0.975 quantile of Student's t with df degrees of freedom (df >= 1).
double StudentT975(int df);

// EstimateMean of samples seen one at a time (Welford's running mean and
// variance): three numbers, whatever the number of samples.
class MeanAccumulator {
 public:
  void Add(double x);
  KpiEstimate Estimate() const;
  size_t n() const { return n_; }

 private:
  size_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the mean
};

// Fewer replications than this make a 95% interval too wide to decide on
// (Student t with 3 degrees of freedom is 3.2, with 1 it is 12.7).
inline constexpr int kFewReplications = 5;
// "" from kFewReplications on; below, a sentence saying why the intervals
// are wide and how many replications to ask for.
std::string FewReplicationsWarning(int replications);

// One KPI of an IntervalKpi over a period of duration_ms; nullopt when
// undefined (no call answered for ASA, ...).
struct KpiDef {
  const char* name;   // "service_level", a CSV/JSON key
  const char* label;  // "Service level", for tables and charts
  std::optional<double> (*value)(const IntervalKpi& kpi, TimeMs duration_ms);
};
const std::vector<KpiDef>& KpiDefs();

// Estimates of every KPI (KpiDefs order) per interval and per day.
struct PlanEstimates {
  // One slice's figures (IntervalKpi::Counts: a queue, a call type or an
  // agent group) over a day or an interval, across every run. A queue's
  // day comes from KpiReport::queues (its calls, whenever they arrived),
  // the rest from the intervals. A call counts in each queue it entered,
  // so overflowed calls count more than once there; a call type or agent
  // group counts each call once. A figure a slice does not count reads 0
  // (counts) or is undefined (n = 0: service level with nothing offered,
  // ASA with nothing answered, occupancy without agents' time).
  struct Slice {
    KpiEstimate blocked;
    KpiEstimate ended_before_queue;
    KpiEstimate offered;
    KpiEstimate answered;
    KpiEstimate abandoned;
    KpiEstimate overflowed;
    KpiEstimate service_level;  // answered within the threshold / offered
    KpiEstimate asa_s;          // wait of answered calls
    KpiEstimate occupancy;      // busy / available agents' time
  };
  using Queue = Slice;
  struct Interval {
    int day = 0;          // forecast day
    TimeMs start_ms = 0;  // on day 0's clock
    std::vector<KpiEstimate> kpis;
    // The calls that arrived in it: by QueueId, by call type (index in
    // the day's traffic.types) and by agent group (AgentGroups).
    std::vector<Slice> queues;
    std::vector<Slice> types;
    std::vector<Slice> groups;
  };
  std::vector<Interval> intervals;             // forecast day by day
  std::vector<std::vector<KpiEstimate>> days;  // simulated day d, across replications
  std::vector<KpiEstimate> per_day;            // any day, across every run
  // A day of each slice, indexed as Interval's.
  std::vector<Slice> queues;
  std::vector<Slice> types;
  std::vector<Slice> groups;
};

// PlanEstimates built run by run. Each run's interval report must cover
// its options' window (SimOptions::kpi_interval_ms > 0). Memory: one
// MeanAccumulator per KPI per forecast interval and per simulated day, and
// nine per queue, call type and agent group, per day and per forecast
// interval.
class PlanAccumulator {
 public:
  PlanAccumulator(const std::vector<SimOptions>& day_options, int days);
  // Simulated day `day`'s run (any replication).
  void Add(int day, const SimResult& run);
  PlanEstimates Estimates() const;

 private:
  // Per slice, PlanEstimates::Slice's figures in its order.
  using SliceAccumulators = std::array<MeanAccumulator, 9>;
  struct Slices {
    std::vector<SliceAccumulators> queues;
    std::vector<SliceAccumulators> types;
    std::vector<SliceAccumulators> groups;
  };
  struct Interval {
    int day = 0;
    TimeMs start_ms = 0;
    std::vector<MeanAccumulator> kpis;
    Slices slices;
  };
  // Every slice takes a sample from `kpi`, 0 calls where none came; a
  // run's day of queues comes from its KpiReport instead (`queues`).
  static void AddSlices(const IntervalKpi& kpi, const SimResult& run, size_t types,
                        const std::vector<IntervalKpi::Counts>* queues, Slices* into);
  const std::vector<SimOptions>* day_options_;
  std::vector<size_t> first_interval_;  // per forecast day, into intervals_
  std::vector<Interval> intervals_;
  std::vector<std::vector<MeanAccumulator>> days_;
  std::vector<MeanAccumulator> per_day_;
  Slices day_slices_;
};

// PlanAccumulator over runs from RunReplications, indexed [k * days + d].
PlanEstimates EstimatePlan(const std::vector<SimOptions>& day_options, int days, int replications,
                           const std::vector<SimResult>& runs);

}  // namespace acd

#endif  // ACD_REPLICATIONS_H_
