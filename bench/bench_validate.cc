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
#include "tests/sim/large_plan.h"

namespace acd::bench {
namespace {

using Plan = testing::LargePlan;
using testing::MakeLargePlan;

void BM_ValidateSimOptions(benchmark::State& state) {
  const Plan plan = MakeLargePlan(static_cast<int>(state.range(0)));
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
  const Plan plan = MakeLargePlan(static_cast<int>(state.range(0)));
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
