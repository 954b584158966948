// Replications: the same plan simulated R times with independent, seeded
// random numbers, spread over threads, and the 95% confidence interval
// (Student t) of every KPI per interval and per day across them.
//
// Reproducible: the run of replication k, day d has the seed
// ReplicationSeed(base, k, d) and results are stored by (k, d), so the
// numbers do not depend on the number of threads or their timing.
// Days are independent: each starts empty at its first interval (calls
// left at the end of a day are served out or disconnected that day), as a
// center that closes overnight is.
//
// Thread-safety: RunReplications starts and joins its own threads; the
// progress callback is called from them, one call at a time.
#ifndef ACD_REPLICATIONS_H_
#define ACD_REPLICATIONS_H_

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

// Runs `days` days R times. Day d uses day_options[d % size] (its seed is
// replaced). Results are indexed [k * days + d]. threads <= 0: as many as
// the hardware has. Fails with the first failing run's error (lowest k, d).
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
  struct Interval {
    int day = 0;          // forecast day
    TimeMs start_ms = 0;  // on day 0's clock
    std::vector<KpiEstimate> kpis;
  };
  std::vector<Interval> intervals;             // forecast day by day
  std::vector<std::vector<KpiEstimate>> days;  // simulated day d, across replications
  std::vector<KpiEstimate> per_day;            // any day, across every run
};

// Aggregates runs from RunReplications; each run's interval report must
// cover its options' window (SimOptions::kpi_interval_ms > 0).
PlanEstimates EstimatePlan(const std::vector<SimOptions>& day_options, int days, int replications,
                           const std::vector<SimResult>& runs);

}  // namespace acd

#endif  // ACD_REPLICATIONS_H_
