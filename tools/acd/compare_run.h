// `acd compare`: one simulated day of the same callers through two designs
// of a center's call flow, replicated, with the figures a planner compares
// (time for a buyer to reach a seller, calls lost, contacts captured,
// service level, ASA, occupancy).
//
// Both designs see the same callers: the traffic (arrival rates and caller
// types) is built once from design A and mapped onto B by queue name, and
// replication k of both runs with the same seed, so the simulator's common
// random numbers (keyed by call id) give both the same arrivals, menu
// choices, patience and talk times. Agents who work in both designs keep
// the same hours and breaks. The difference B - A is then estimated pair
// by pair.
//
// Thread-safety: RunComparison starts and joins its own threads; results
// are stored by (design, replication), so they do not depend on timing.
#ifndef ACD_TOOLS_ACD_COMPARE_RUN_H_
#define ACD_TOOLS_ACD_COMPARE_RUN_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/replications.h"
#include "acd/sellers.h"
#include "acd/sim.h"

namespace acd::tools {

// The rows of the comparison, in table order.
enum CompareMetric : int {
  kBuyers,               // calls whose caller chose "buy"
  kBuyerToSellerMeanS,   // arrival (IVR included) to a seller answering
  kBuyerSellerIn60sPct,  // share of all buyers at a seller within 60 s
  kBuyerReachedSellerPct,
  kBuyerOtherAgentPct,   // answered by someone who is not a seller
  kCallsArrived,
  kCallsLost,            // abandoned + turned away + blocked
  kAbandoned,            // in the IVR, in line or while ringing
  kTurnedAway,           // sent out after queueing (overflowed or rejected)
  kBlocked,              // trunk lines or waiting line full
  kContactsCaptured,     // callback capture
  kCallbacksCompleted,   // callbacks that reached the customer and ended
  kCallbackTimeS,        // capture to the callback's connection, mean
  kServiceLevelPct,
  kAsaS,
  kOccupancyPct,         // all agents
  kSellerOccupancyPct,
  kMetricCount,
};

struct CompareMetricDef {
  const char* name;   // "calls_lost"
  const char* label;  // "Calls lost (abandoned + turned away + blocked)"
  int decimals;
};
const CompareMetricDef& MetricDef(CompareMetric metric);

// One design's figures for one replication; NaN where undefined (e.g. the
// mean time to a seller when no buyer reached one).
using RunFigures = std::array<double, kMetricCount>;

struct CompareSetup {
  TimeMs from_ms = 8 * kMsPerHour;
  TimeMs to_ms = 18 * kMsPerHour;
  double calls_per_hour = 0;  // 0: the sales department's day as it is
  // Who the sellers are in each design: each center file's `sellers`, or
  // the queue --seller-queue names (acd/sellers.h). A design without is
  // refused: the comparison is about buyers reaching sellers.
  std::array<std::optional<SellerDefinition>, 2> sellers;
  TimeMs seller_within_ms = 60'000;
  TimeMs sl_threshold_ms = 20'000;
  int replications = 20;
  uint64_t seed = 1;
  int threads = 0;  // <= 0: as many as the hardware has
};

// The simulator's options for both designs (index 0: A, 1: B); the error
// names the design's file and the reason (a caller type without a queue
// in B, no sellers, traffic outside the window). RunComparison checks
// them against the centers (once, not once per run). Each caller type
// sent to another queue in B adds a line to `notes`, e.g.
//   "'existing order' callers (queue reception in A) go to sales in B".
absl::StatusOr<std::array<SimOptions, 2>> CompareOptions(
    const std::array<const CenterConfig*, 2>& centers,
    const std::array<std::string, 2>& names, const CompareSetup& setup,
    std::vector<std::string>* notes);

struct ComparisonResult {
  // [design][metric]: across replications; diff[metric]: B - A, paired.
  std::array<std::array<KpiEstimate, kMetricCount>, 2> designs;
  std::array<KpiEstimate, kMetricCount> diff;
  std::vector<std::string> notes;  // from CompareOptions
};

// Runs setup.replications days of each design and estimates every row.
absl::StatusOr<ComparisonResult> RunComparison(const std::array<const CenterConfig*, 2>& centers,
                                               const std::array<std::string, 2>& names,
                                               const CompareSetup& setup);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_COMPARE_RUN_H_
