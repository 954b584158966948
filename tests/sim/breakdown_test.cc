// The breakdowns per call type and per agent group (IntervalKpi::types and
// ::groups, PlanEstimates::types and ::groups): every call is accounted for
// (their totals are the interval's and the day's), and the groups are the
// agents who serve the same queues.
#include <cmath>
#include <vector>

#include "acd/config.h"
#include "acd/interval_kpi.h"
#include "acd/replications.h"
#include "acd/sim.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

// Every slice of `slices` added up.
IntervalKpi::Counts Sum(const std::vector<IntervalKpi::Counts>& slices) {
  IntervalKpi::Counts sum;
  for (const IntervalKpi::Counts& s : slices) sum.Add(s);
  return sum;
}

// The identities IntervalKpi promises for its slices, on one interval.
void ExpectSlicesBalance(const IntervalKpi& i) {
  const IntervalKpi::Counts types = Sum(i.types);
  EXPECT_EQ(types.blocked, i.Blocked());
  EXPECT_EQ(types.ended_before_queue + types.offered, i.arrived - i.blocked_line);
  EXPECT_EQ(types.offered, i.offered);
  EXPECT_EQ(types.answered, i.answered);
  EXPECT_EQ(types.answered_in_sl, i.answered_in_sl);
  EXPECT_EQ(types.abandoned, i.abandoned);
  EXPECT_EQ(types.overflowed, i.callback_captured + i.other_ended);
  EXPECT_EQ(types.answered_wait_ms, i.answered_wait_ms);
  const IntervalKpi::Counts groups = Sum(i.groups);
  EXPECT_EQ(groups.answered, i.answered);
  EXPECT_EQ(groups.answered_in_sl, i.answered_in_sl);
  EXPECT_EQ(groups.answered_wait_ms, i.answered_wait_ms);
  EXPECT_EQ(groups.busy_ms, i.busy_ms);
  EXPECT_EQ(groups.available_ms, i.logged_in_ms - i.not_ready_ms);
  EXPECT_EQ(groups.offered, 0u);
  for (const IntervalKpi::Counts& q : i.queues) {
    EXPECT_EQ(q.offered, q.answered + q.abandoned + q.overflowed);
  }
}

// A busy morning of the default center: blocked at the trunks, turned away
// by the entry rules, overflowed, captured for a callback, abandoned.
SimOptions Morning(const CenterConfig& center, uint64_t seed) {
  SimOptions o = SalesDepartmentOptions(center, 8 * kMsPerHour, 10 * kMsPerHour);
  o.seed = seed;
  o.kpi_interval_ms = 15 * kMsPerMinute;
  o.trunk_lines = 14;
  o.waiting_line_max = 6;
  o.retrial.probability = 0.3;
  ScaleTraffic(150, o.start_ms, o.end_ms, &o.traffic).IgnoreError();
  return o;
}

TEST(Breakdown, CallTypesAndAgentGroupsAccountForEveryCall) {
  absl::StatusOr<CenterConfig> center = DefaultCenter();
  ASSERT_TRUE(center.ok()) << center.status();
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const SimOptions o = Morning(*center, seed);
    absl::StatusOr<SimResult> r = RunSimulation(*center, o);
    ASSERT_TRUE(r.ok()) << r.status();
    for (const IntervalKpi& i : r->intervals.intervals) ExpectSlicesBalance(i);
    const IntervalKpi day = r->intervals.Total();
    ExpectSlicesBalance(day);
    // Not vacuous: the run blocks, turns away and answers calls of every kind.
    EXPECT_GT(day.blocked_trunk, 0u);
    EXPECT_GT(day.blocked_line, 0u);
    EXPECT_GT(Sum(day.types).ended_before_queue, 0u);
    EXPECT_EQ(day.types.size(), o.traffic.types.size());
    EXPECT_EQ(day.attempts, r->first_attempts + r->retrials);
    const IntervalKpi::Counts types = Sum(day.types);
    EXPECT_EQ(types.blocked + types.ended_before_queue + types.offered, day.attempts);
    EXPECT_EQ(day.answered, r->kpis.total.answered);
  }
}

TEST(Breakdown, AgentGroupsAreTheAgentsWhoServeTheSameQueues) {
  absl::StatusOr<CenterConfig> center = DefaultCenter();
  ASSERT_TRUE(center.ok()) << center.status();
  const AgentGroups groups = GroupAgents(*center);
  ASSERT_EQ(groups.of_agent.size(), center->agents.size());
  EXPECT_EQ(groups.names.front(), "reception+director");  // the desk, first in the roster
  for (size_t a = 0; a < center->agents.size(); ++a) {
    ASSERT_LT(groups.of_agent[a], groups.names.size());
    std::string name;
    for (size_t q = 0; q < center->queues.size(); ++q) {
      for (const Membership& m : center->agents[a].queues) {
        if (m.queue == q) {
          name += (name.empty() ? "" : "+") + center->queues[q].name;
          break;
        }
      }
    }
    EXPECT_EQ(groups.names[groups.of_agent[a]], name.empty() ? "(no queue)" : name);
  }
  CenterConfig lone = *center;
  lone.agents.front().queues.clear();
  EXPECT_EQ(GroupAgents(lone).names.front(), "(no queue)");
}

// Across replications: the slices' means add up to the day's (a mean of
// sums is the sum of the means), and every slice has a sample in every run.
TEST(Breakdown, PlanEstimatesPerTypeAndGroupAddUpToTheDay) {
  absl::StatusOr<CenterConfig> center = DefaultCenter();
  ASSERT_TRUE(center.ok()) << center.status();
  const std::vector<SimOptions> days = {Morning(*center, 0)};
  absl::StatusOr<std::vector<SimResult>> runs = RunReplications(*center, days, 1, 4, 9, 2);
  ASSERT_TRUE(runs.ok()) << runs.status();
  const PlanEstimates plan = EstimatePlan(days, 1, 4, *runs);
  ASSERT_EQ(plan.types.size(), days[0].traffic.types.size());
  ASSERT_EQ(plan.groups.size(), GroupAgents(*center).names.size());
  size_t offered = 0, answered = 0;
  for (size_t k = 0; k < KpiDefs().size(); ++k) {
    if (std::string(KpiDefs()[k].name) == "offered") offered = k;
    if (std::string(KpiDefs()[k].name) == "answered") answered = k;
  }
  double type_offered = 0, type_answered = 0, group_answered = 0;
  for (const PlanEstimates::Slice& t : plan.types) {
    EXPECT_EQ(t.offered.n, 4u);
    type_offered += t.offered.mean;
    type_answered += t.answered.mean;
  }
  for (const PlanEstimates::Slice& g : plan.groups) {
    EXPECT_EQ(g.answered.n, 4u);
    EXPECT_EQ(g.offered.mean, 0);
    group_answered += g.answered.mean;
  }
  EXPECT_NEAR(type_offered, plan.per_day[offered].mean, 1e-6);
  EXPECT_NEAR(type_answered, plan.per_day[answered].mean, 1e-6);
  EXPECT_NEAR(group_answered, plan.per_day[answered].mean, 1e-6);
  for (const PlanEstimates::Interval& row : plan.intervals) {
    EXPECT_EQ(row.types.size(), plan.types.size());
    EXPECT_EQ(row.groups.size(), plan.groups.size());
  }
}

}  // namespace
}  // namespace acd
