// From a planner's inputs (a forecast, a schedule, behaviour models) to
// the simulator's options for each simulated day.
//
// Thread-safety: free functions, no shared state.
#ifndef ACD_PLANNING_H_
#define ACD_PLANNING_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/env.h"
#include "acd/forecast.h"
#include "acd/sim.h"

namespace acd {

// The forecast's day `day` (0-based) as a traffic profile on day 0's clock:
// one rate per interval from the day's first to its last row (missing rows
// are 0). `types` are the callers (e.g. SalesDepartmentOptions' types).
// With mix columns, each interval's shares are mapped onto the types:
// "queue:<name>" goes to the types queued in that queue (a type is added
// when there is none), "intent:<name>" to the types with that intent,
// split by the types' own shares; types no column names get none. With
// aht_s, the interval's talk times are scaled so that talk + the queues'
// wrap-up averages aht_s. Errors name the file, line and column.
absl::StatusOr<TrafficProfile> ForecastTraffic(const Forecast& forecast, int day,
                                               const CenterConfig& center,
                                               std::vector<CallType> types,
                                               const std::string& file_name);

// An empirical distribution from observed durations: one number of
// seconds (>= 0) per line; '#' comments and blank lines are skipped. Errors
// name the file, the line and the reason, e.g.
//   handle.txt:12:1: duration: expected seconds >= 0, got '3m'
absl::StatusOr<Distribution> ParseEmpiricalSeconds(std::string_view text,
                                                   std::string_view file_name);
absl::StatusOr<Distribution> ReadEmpiricalSeconds(const std::string& path,
                                                  Env& env = Env::Default());

// What a planner sets beyond the forecast and the schedule. Every field is
// an assumption of the plan; DescribePlanningModel names each one with the
// value in force, so that a report shows what it assumed.
struct PlanningModel {
  // Replace every type's handle time: kind and mean (the forecast's aht_s
  // scales it further per interval). nullopt keeps the types' own.
  std::optional<Distribution> handle_ms;
  std::optional<Distribution> patience_ms;
  // Time in the IVR before a caller reaches a queue; nullopt keeps the
  // types' own (uniform 15-20 s).
  std::optional<Distribution> ivr_ms;
  double zero_patience_share = 0;
  TimeMs sl_threshold_ms = 20'000;
  TimeMs kpi_interval_ms = 0;  // 0: the forecast's interval
  // Factor on handle times per agent group (first queue's name).
  std::vector<std::pair<std::string, double>> group_handle_factor;
  SimOptions base;  // busyness, retrials, limits, closing, agent behaviour
};

// The planner's field model (what `acd sim --forecast` assumes unless told
// otherwise): the types' own IVR time, handle times and patience, agents
// answering 2-8 s after the ring, 5% of offers left to ring out, and 30%
// of callers who abandoned calling again (kFieldRetrialProbability).
PlanningModel FieldPlanningModel();

// The textbook M/M/c (+M with a patience) queue on the same model: no IVR
// time, agents answer at once and never let an offer ring out, no
// retrials, exponential handle times with each type's mean, and callers
// who wait forever (Erlang C) unless `model` already has a patience (then
// M/M/c+M: an exponential patience of that mean). Wrap-up stays the center's
// (the queues' wrapup_ms): set it to 0 for the textbook's handle time.
void MakePure(PlanningModel* model);

// One line per assumption of `model`, "<what>: <value>", e.g.
// "IVR time before the queue: uniform 15-20 s (the call types' own)".
std::vector<std::string> DescribePlanningModel(const PlanningModel& model);

// "uniform 2-8 s", "exponential, mean 90 s", "none", ...
std::string DescribeDistribution(const Distribution& d);

// Options for each of the forecast's days: arrivals from its first to its
// last interval; agents from `shifts` (each agent all day when empty).
// Each day is put on its own date of the center's calendar (hours,
// holidays, time zone, entry rules): a dated forecast's own dates, else
// model.base.date for day 0 and the days after it.
absl::StatusOr<std::vector<SimOptions>> PlanDays(const CenterConfig& center,
                                                 const Forecast& forecast,
                                                 const std::string& forecast_name,
                                                 const std::vector<AgentShift>& shifts,
                                                 const PlanningModel& model);

}  // namespace acd

#endif  // ACD_PLANNING_H_
