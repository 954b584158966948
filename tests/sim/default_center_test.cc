// The README's main job: a simulated morning of the embedded sales
// department, checked end to end (with every invariant after every step).
#include <sstream>
#include <string>

#include "acd/config.h"
#include "acd/sim.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

CenterConfig MustLoad(std::string_view name) {
  absl::StatusOr<CenterConfig> center = LoadEmbeddedCenter(name);
  EXPECT_TRUE(center.ok()) << center.status();
  return center.ok() ? *center : CenterConfig{};
}

TEST(DefaultMorning, UsesTheSalesDepartmentsQueues) {
  const CenterConfig center = MustLoad("sales");
  const SimOptions options = SalesDepartmentOptions(center);
  EXPECT_EQ(options.start_ms, 8 * kMsPerHour);
  EXPECT_EQ(options.end_ms, 12 * kMsPerHour);
  ASSERT_EQ(options.traffic.types.size(), 5u);
  EXPECT_EQ(center.queues[options.traffic.types[0].queue].name, "sales");
  EXPECT_EQ(center.queues[options.traffic.types[1].queue].name, "support");
  EXPECT_EQ(center.queues[options.traffic.types[2].queue].name, "reception");
  EXPECT_EQ(center.queues[options.traffic.types[3].queue].name, "director");
  // Solicitations press 4 and the entry rules turn them away.
  EXPECT_EQ(options.traffic.types[4].digits, "4");
  EXPECT_EQ(options.traffic.types[4].queue, kNoQueue);
  for (const CallType& type : options.traffic.types) {
    EXPECT_EQ(type.routing, CallRouting::kByEntryRules) << type.name;
  }
  EXPECT_EQ(options.shifts.size(), center.agents.size());
  const double average = AverageCallsPerHour(options.traffic, options.start_ms, options.end_ms);
  EXPECT_GT(average, 40);
  EXPECT_LT(average, 120);
  EXPECT_TRUE(ValidateSimOptions(center, options).ok());
}

TEST(DefaultMorning, RunsBalancedWithInvariantsCheckedEveryStep) {
  for (std::string_view name : {"sales", "sales-direct"}) {
    const CenterConfig center = MustLoad(name);
    SimOptions options = SalesDepartmentOptions(center);
    options.check_invariants_every = 1;
    std::ostringstream out;
    TextTrace trace(center, &out);
    absl::StatusOr<SimResult> r = RunSimulation(center, options, &trace);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status();
    EXPECT_GT(r->calls_arrived, 250u) << name;
    EXPECT_EQ(r->counts.arrived + r->counts.callbacks, r->counts.ended) << name;
    EXPECT_GT(r->invariant_checks, 1000u) << name;
    EXPECT_GT(r->kpis.total.answered, r->kpis.total.offered / 2) << name;
    EXPECT_GT(trace.lines(), r->calls_arrived * 4) << name;
    const std::string text = out.str();
    EXPECT_NE(text.find("08:0"), std::string::npos);
    EXPECT_NE(text.find("offer call "), std::string::npos) << name;
    EXPECT_NE(text.find(" answered by "), std::string::npos) << name;
    const std::string summary = FormatSummary(center, *r);
    EXPECT_NE(summary.find("queue"), std::string::npos);
    EXPECT_NE(summary.find("sales"), std::string::npos);
    EXPECT_NE(summary.find(center.agents[0].name), std::string::npos);
  }
}

TEST(DefaultMorning, MoreTrafficMeansMoreLostOrDelayedCalls) {
  const CenterConfig center = MustLoad("sales");
  SimOptions calm = SalesDepartmentOptions(center);
  SimOptions busy = calm;
  ASSERT_TRUE(ScaleTraffic(40, calm.start_ms, calm.end_ms, &calm.traffic).ok());
  ASSERT_TRUE(ScaleTraffic(400, busy.start_ms, busy.end_ms, &busy.traffic).ok());
  absl::StatusOr<SimResult> a = RunSimulation(center, calm);
  absl::StatusOr<SimResult> b = RunSimulation(center, busy);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_GT(a->kpis.total.ServiceLevel(), b->kpis.total.ServiceLevel());
  const QueueKpi& t = b->kpis.total;
  EXPECT_GT(t.abandoned + t.callback_captured + t.voicemail, t.offered / 10);
}

// Sweeps seeds and loads from calm to overloaded so that RONA, breaks,
// overflow, callback capture and voicemail all happen; every step is
// checked. A failure names its seed and load.
TEST(DefaultMorning, ManySeedsAndLoadsStayBalanced) {
  for (std::string_view name : {"sales", "sales-direct"}) {
    const CenterConfig center = MustLoad(name);
    uint64_t routed = 0;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
      SimOptions options = SalesDepartmentOptions(center, 9 * kMsPerHour, 11 * kMsPerHour);
      options.seed = seed;
      options.check_invariants_every = 1;
      options.agents.rona_probability = 0.02 * static_cast<double>(seed % 5);
      const double load = 40.0 * static_cast<double>(seed);
      ASSERT_TRUE(ScaleTraffic(load, options.start_ms, options.end_ms, &options.traffic).ok());
      absl::StatusOr<SimResult> r = RunSimulation(center, options);
      ASSERT_TRUE(r.ok()) << name << " seed " << seed << " load " << load << ": " << r.status();
      EXPECT_EQ(r->counts.arrived + r->counts.callbacks, r->counts.ended)
          << name << " seed " << seed;
      const QueueKpi& t = r->kpis.total;
      routed += t.callback_captured + t.voicemail + t.overflowed;
      for (const QueueKpi& q : r->kpis.queues) routed += q.overflowed;
    }
    EXPECT_GT(routed, 0u) << name << ": the heavy loads must hit the overflow rules";
  }
}

}  // namespace
}  // namespace acd
