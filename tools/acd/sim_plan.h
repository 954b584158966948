// `acd sim --forecast CSV ...`: a plan (flags: sim_flags.h). Simulates a forecast day
// (or several) with a schedule, R seeded replications over threads, and
// reports every KPI per interval and per day with 95% confidence intervals:
// a table on stdout and, with --out DIR, intervals.csv, per queue, call
// type and agent group a CSV of its day (queues.csv, call_types.csv,
// agent_groups.csv) and one of its intervals (queue_intervals.csv,
// call_type_intervals.csv, agent_group_intervals.csv), summary.json and a
// self-contained report.html.
#ifndef ACD_TOOLS_ACD_SIM_PLAN_H_
#define ACD_TOOLS_ACD_SIM_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "acd/config.h"
#include "acd/forecast.h"
#include "acd/replications.h"
#include "acd/sim.h"
#include "tools/acd/sim_flags.h"

namespace acd::tools {

// Runs the plan the flags ask for (flags.plan()). Returns 0 done, 1 a file
// or the run failed, 2 bad usage.
int RunSimPlan(const SimFlags& flags);

// Everything the outputs show. Rows of `calls`, `scheduled` and `needed`
// follow estimates.intervals; needed is empty without a staffing solver.
struct PlanReport {
  std::string center_name;
  std::string forecast_name;
  std::string schedule_name;  // empty: every agent all day
  absl::CivilDay first_date;  // day 0 on the center's calendar
  bool dated_forecast = false;  // the dates came from the forecast's rows
  std::string time_zone;
  // Who the sellers are ("queue sales"; empty: the center names none) and
  // where that came from (the center file, or --seller-queue instead).
  std::string sellers;
  std::string sellers_from;
  uint64_t seed = 1;
  int days = 1;
  int replications = 1;
  int threads = 1;
  TimeMs sl_threshold_ms = 20'000;
  TimeMs interval_ms = 15 * kMsPerMinute;
  double sl_target = 0.8;
  std::string needed_model;  // how agents needed were computed
  std::string model_name;    // "field" or "pure (M/M/c)"
  std::vector<std::string> assumptions;  // DescribePlanningModel
  std::vector<std::string> queue_names;  // by QueueId, for estimates.queues
  std::vector<std::string> type_names;   // the traffic's call types, for estimates.types
  std::vector<std::string> group_names;  // AgentGroups, for estimates.groups
  PlanEstimates estimates;
  std::vector<double> calls;      // forecast calls per interval
  std::vector<double> scheduled;  // agents on shift (breaks deducted)
  std::vector<double> needed;     // agents needed (Erlang), per interval
  // The callers' side summed over every run.
  uint64_t first_attempts = 0;
  uint64_t retrials = 0;
  uint64_t blocked_trunk = 0;
  uint64_t blocked_line = 0;
  uint64_t blocked_engine = 0;  // at the center's bounds.max_live_calls
  uint64_t contacts_blocked = 0;  // callback contacts not filed there
  uint64_t cut_at_serve_out_limit = 0;
  TimeMs serve_out_max_ms = 0;
  uint32_t max_live_calls = 0;  // the center's bound
  uint64_t disconnected_at_close = 0;
  uint64_t gave_up = 0;
  uint64_t calls_arrived = 0;
  double wall_s = 0;
};

// sim_plan.cc: shared with the single run's --out (sim_command.cc).
// The names of the queues, call types, agent groups and sellers.
void NameSlices(const CenterConfig& center, const SimOptions& options, PlanReport* report);
// The sellers a run counts "time to reach a seller" by: --seller-queue when
// given (a queue the center lacks is an error naming the flag), else the
// center file's `sellers`; `from` says which, for the report.
struct SellerChoice {
  std::optional<SellerDefinition> sellers;
  std::string from;
};
absl::StatusOr<SellerChoice> ChooseSellers(const SimFlags& flags, const PlanningCenter& center);
// The planning center --config names (the embedded one without); prints
// the error.
std::optional<PlanningCenter> LoadSimCenter(const SimFlags& flags);
// The callers' side of one run, added to the report's totals.
void AddRunTotals(const SimResult& run, PlanReport* report);
// The files --out DIR holds.
const std::vector<std::string>& PlanOutputNames();
// Writes them into `dir` (created if missing; each file replaced whole) and
// says so on stdout; false after printing why not.
bool WritePlanOutputs(const std::string& dir, const PlanReport& report);

// sim_plan_output.cc
std::string FormatPlanTable(const PlanReport& report);
// Who the sellers are and where that came from ("queue sales, the center
// file's sellers"), or why there are none.
std::string DescribeSellers(const PlanReport& report);
std::string PlanIntervalsCsv(const PlanReport& report);
// One row per slice of a breakdown (sim_plan_slices.h: queues, call types,
// agent groups), its figures per day.
std::string PlanSlicesCsv(const PlanReport& report, size_t kind);
// The same per interval: one row per interval and slice, the calls that
// arrived in the interval.
std::string PlanSliceIntervalsCsv(const PlanReport& report, size_t kind);
std::string PlanSummaryJson(const PlanReport& report);
// sim_report_html.cc
std::string PlanReportHtml(const PlanReport& report);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_PLAN_H_
