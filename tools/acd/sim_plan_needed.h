// Agents needed per interval for the planner's report: the staffing
// solver (Erlang C, or Erlang A when callers have a finite patience) on the
// interval's queued calls and their mean handle time, as one pool of
// agents. Without the solver in the build, `needed` stays empty.
#ifndef ACD_TOOLS_ACD_SIM_PLAN_NEEDED_H_
#define ACD_TOOLS_ACD_SIM_PLAN_NEEDED_H_

#include <vector>

#include "acd/center.h"
#include "acd/sim.h"
#include "tools/acd/sim_plan.h"

namespace acd::tools {

// Expected arrivals in [start_ms, start_ms + interval_ms).
double IntervalCalls(const TrafficProfile& traffic, TimeMs start_ms, TimeMs interval_ms);

// Fills report->needed (one per estimates.intervals row) and
// report->needed_model.
void AgentsNeeded(const CenterConfig& center, const std::vector<SimOptions>& day_options,
                  double sl_target, PlanReport* report);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_PLAN_NEEDED_H_
