// Agents needed per interval (see sim_plan_needed.h).
#include "tools/acd/sim_plan_needed.h"

#include <cmath>
#include <limits>

#include "absl/strings/str_format.h"
#ifdef ACD_HAVE_STAFFING
#include "acd/staffing.h"
#endif

namespace acd::tools {
#ifdef ACD_HAVE_STAFFING
namespace {

// The interval's queued traffic: calls per hour, mean handle (talk +
// wrap-up) and mean patience (infinity when no caller gives up).
struct Load {
  double calls_per_hour = 0;
  double aht_s = 0;
  double patience_s = std::numeric_limits<double>::infinity();
};

Load IntervalLoad(const CenterConfig& center, const TrafficProfile& traffic, TimeMs start_ms,
                  TimeMs interval_ms) {
  Load load;
  const auto index = start_ms >= traffic.start_ms
                         ? static_cast<size_t>((start_ms - traffic.start_ms) / traffic.interval_ms)
                         : traffic.calls_per_hour.size();
  double all = 0, queued = 0, handle_ms = 0, patience_ms = 0, patient = 0;
  for (size_t t = 0; t < traffic.types.size(); ++t) {
    const CallType& type = traffic.types[t];
    const double share = index < traffic.mix.size() ? traffic.mix[index][t] : type.share;
    all += share;
    if (!ExpectsQueue(type) || share <= 0) continue;
    queued += share;
    const double factor = index < traffic.handle_factor.size() ? traffic.handle_factor[index] : 1;
    handle_ms += share * (type.handle_ms.MeanMs() * factor +
                          static_cast<double>(center.queues[type.queue].wrapup_ms));
    if (std::isfinite(type.patience_ms.MeanMs())) {
      patience_ms += share * type.patience_ms.MeanMs();
      patient += share;
    }
  }
  if (all <= 0 || queued <= 0) return load;
  load.calls_per_hour =
      AverageCallsPerHour(traffic, start_ms, start_ms + interval_ms) * queued / all;
  load.aht_s = handle_ms / queued / 1000.0;
  if (patient > 0) load.patience_s = patience_ms / patient / 1000.0;
  return load;
}

}  // namespace
#endif

double IntervalCalls(const TrafficProfile& traffic, TimeMs start_ms, TimeMs interval_ms) {
  return AverageCallsPerHour(traffic, start_ms, start_ms + interval_ms) *
         static_cast<double>(interval_ms) / static_cast<double>(kMsPerHour);
}

void AgentsNeeded(const CenterConfig& center, const std::vector<SimOptions>& day_options,
                  double sl_target, PlanReport* report) {
#ifdef ACD_HAVE_STAFFING
  report->needed.clear();
  for (const PlanEstimates::Interval& row : report->estimates.intervals) {
    const SimOptions& options = day_options[static_cast<size_t>(row.day)];
    const Load load = IntervalLoad(center, options.traffic, row.start_ms, report->interval_ms);
    StaffingQuestion question;
    question.calls_per_hour = load.calls_per_hour;
    question.aht_s = load.aht_s > 0 ? load.aht_s : 1;
    question.model = std::isfinite(load.patience_s) ? QueueModel::kErlangA : QueueModel::kErlangC;
    if (question.model == QueueModel::kErlangA) question.patience_s = load.patience_s;
    question.target.threshold_s = static_cast<double>(report->sl_threshold_ms) / 1000.0;
    question.target.service_level = sl_target;
    absl::StatusOr<StaffingAnswer> answer = SolveStaffing(question);
    report->needed.push_back(answer.ok() ? static_cast<double>(answer->agents)
                                         : std::numeric_limits<double>::quiet_NaN());
  }
  report->needed_model = absl::StrFormat(
      "Erlang A (Erlang C when callers never give up) per interval for a %.0f%%/%.0f s target, "
      "all agents as one pool",
      100 * sl_target, static_cast<double>(report->sl_threshold_ms) / 1000.0);
#else
  (void)center;
  (void)day_options;
  (void)sl_target;
  (void)report;
#endif
}

}  // namespace acd::tools
