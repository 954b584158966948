// ValidateSimOptions on a plan-sized center: N agents in one queue, one
// shift per agent and one call type owned by every agent (what a planner's
// schedule and a sales traffic give), at 12,500 and 50,000 agents.
//
//   BM_ValidateSimOptions    the library's check (agent ids in a hash set)
//   BM_QuadraticOwnerCheck   the baseline: each owner and each shift looked
//                            up by scanning every agent, as the check did
//                            before; only at 12,500 agents (50,000 take
//                            seconds per iteration)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "acd/center.h"
#include "acd/sim.h"

namespace acd::bench {
namespace {

struct Plan {
  CenterConfig center;
  SimOptions options;
};

Plan MakePlan(int agents) {
  Plan p;
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
  p.options.traffic.start_ms = 8 * kMsPerHour;
  p.options.traffic.interval_ms = 15 * kMsPerMinute;
  p.options.traffic.calls_per_hour.assign(32, 1000);
  p.options.traffic.types = {buy};
  return p;
}

void BM_ValidateSimOptions(benchmark::State& state) {
  const Plan plan = MakePlan(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    absl::Status s = ValidateSimOptions(plan.center, plan.options);
    if (!s.ok()) {
      std::fprintf(stderr, "bench_validate: %s\n", s.ToString().c_str());
      std::abort();
    }
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ValidateSimOptions)->Arg(12'500)->Arg(50'000)->Unit(benchmark::kMillisecond);

void BM_QuadraticOwnerCheck(benchmark::State& state) {
  const Plan plan = MakePlan(static_cast<int>(state.range(0)));
  const auto& agents = plan.center.agents;
  auto known = [&](AgentId id) {
    return std::any_of(agents.begin(), agents.end(),
                       [&](const AgentConfig& a) { return a.id == id; });
  };
  for (auto _ : state) {
    bool all = true;
    for (AgentId id : plan.options.traffic.types[0].owner_agents) all = all && known(id);
    for (const AgentShift& shift : plan.options.shifts) all = all && known(shift.agent);
    benchmark::DoNotOptimize(all);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_QuadraticOwnerCheck)->Arg(12'500)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::bench
