// A plan-sized center for the validation scale test and its benchmark
// (bench/bench_validate.cc): N agents in one queue, one shift per agent,
// one call type owned by every agent (what a planner's schedule and a
// sales traffic give). Header-only; plain values.
#ifndef ACD_TESTS_SIM_LARGE_PLAN_H_
#define ACD_TESTS_SIM_LARGE_PLAN_H_

#include <string>

#include "acd/center.h"
#include "acd/sim.h"

namespace acd::testing {

struct LargePlan {
  CenterConfig center;
  SimOptions options;
};

inline LargePlan MakeLargePlan(int agents) {
  LargePlan p;
  QueueConfig sales;
  sales.name = "sales";
  p.center.queues = {sales};
  CallType buy;
  buy.name = "buy";
  for (int i = 0; i < agents; ++i) {
    AgentConfig a;
    a.id = static_cast<AgentId>(1 + i);
    a.name = "agent " + std::to_string(1 + i);
    a.queues.push_back(Membership{0, kMaxLevel, 0, static_cast<uint32_t>(i), 1.0});
    p.center.agents.push_back(a);
    buy.owner_agents.push_back(a.id);
    p.options.shifts.push_back(AgentShift{a.id, 8 * kMsPerHour, 16 * kMsPerHour, {}});
  }
  p.options.start_ms = 8 * kMsPerHour;
  p.options.end_ms = 16 * kMsPerHour;
  p.options.traffic.start_ms = 8 * kMsPerHour;
  p.options.traffic.interval_ms = 15 * kMsPerMinute;
  p.options.traffic.calls_per_hour.assign(32, 1000);
  p.options.traffic.types = {buy};
  return p;
}

}  // namespace acd::testing

#endif  // ACD_TESTS_SIM_LARGE_PLAN_H_
