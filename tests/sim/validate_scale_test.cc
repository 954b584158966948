// ValidateSimOptions at plan size: owners and shifts are looked up by agent
// id, so the check grows linearly with the agents. No time limit: the
// check at 50,000 agents is compared with the one at 5,000 (10x the
// agents) in the same process, the best of 5 each; linear work grows about
// 10x, the old scans of every agent for every owner and shift 100x, and
// the test allows 40x.
#include <algorithm>
#include <chrono>
#include <string>

#include "acd/center.h"
#include "acd/sim.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

struct Plan {
  CenterConfig center;
  SimOptions options;
};

// N agents in one queue, one shift each, one call type owned by every
// agent (as bench/bench_validate.cc).
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
  p.options.start_ms = 8 * kMsPerHour;
  p.options.end_ms = 16 * kMsPerHour;
  p.options.traffic.start_ms = 8 * kMsPerHour;
  p.options.traffic.interval_ms = 15 * kMsPerMinute;
  p.options.traffic.calls_per_hour.assign(32, 1000);
  p.options.traffic.types = {buy};
  return p;
}

double BestSeconds(const Plan& plan) {
  double best = 1e9;
  for (int r = 0; r < 5; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const absl::Status s = ValidateSimOptions(plan.center, plan.options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(s.ok()) << s;
    best = std::min(best, seconds);
  }
  return best;
}

TEST(ValidateSimOptionsScale, LinearInAgentsAtFiftyThousand) {
  const Plan small = MakePlan(5'000);
  const Plan large = MakePlan(50'000);
  const double ratio = BestSeconds(large) / std::max(BestSeconds(small), 1e-9);
  EXPECT_LT(ratio, 40) << "10x the agents cost " << ratio << "x: a scan per owner or shift?";
}

TEST(ValidateSimOptionsScale, TheLastUnknownAgentIsNamed) {
  Plan plan = MakePlan(50'000);
  plan.options.shifts.back().agent = 999'999;
  const absl::Status s = ValidateSimOptions(plan.center, plan.options);
  EXPECT_NE(s.message().find("shifts[49999].agent"), std::string::npos) << s;
}

}  // namespace
}  // namespace acd
