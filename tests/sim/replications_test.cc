// Replications: reproducible whatever the threads, estimates with Student t
// intervals that cover the truth about 95% of the time.
#include "acd/replications.h"

#include <cmath>
#include <vector>

#include "acd/planning.h"
#include "gtest/gtest.h"
#include "sim/checks.h"
#include "sim/random.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

TEST(StudentT, MatchesTablesAndTendsToTheNormal) {
  EXPECT_NEAR(StudentT975(1), 12.706, 1e-3);
  EXPECT_NEAR(StudentT975(9), 2.262, 1e-3);
  EXPECT_NEAR(StudentT975(40), 2.021, 1e-3);   // NIST table value
  EXPECT_NEAR(StudentT975(100), 1.984, 1e-3);  // NIST table value
  EXPECT_NEAR(StudentT975(100000), 1.960, 1e-3);
  EXPECT_TRUE(std::isnan(StudentT975(0)));
}

TEST(EstimateMean, CoversTheTrueMeanAboutNinetyFivePercentOfTheTime) {
  sim::Rng rng(99);
  int covered = 0;
  const int trials = 4000;
  for (int t = 0; t < trials; ++t) {
    std::vector<double> samples;
    for (int i = 0; i < 5; ++i) samples.push_back(10 + 3 * rng.StandardNormal());
    const KpiEstimate e = EstimateMean(samples);
    covered += std::abs(e.mean - 10) <= e.half_width;
  }
  EXPECT_NEAR(covered / static_cast<double>(trials), 0.95, 0.012);
  const KpiEstimate one = EstimateMean({4});
  EXPECT_EQ(one.mean, 4);
  EXPECT_TRUE(std::isnan(one.half_width));
}

std::vector<SimOptions> Days() {
  SimOptions o = testing::HourOptions(90, 0);
  o.kpi_interval_ms = 15 * kMsPerMinute;
  o.retrial.probability = 0.3;
  SimOptions quiet = o;
  quiet.traffic.calls_per_hour.assign(4, 30);
  return {o, quiet};
}

TEST(Replications, SameSeedSameNumbersWhateverTheThreads) {
  const CenterConfig center = testing::SmallCenter(4, 2, 45'000);
  const std::vector<SimOptions> days = Days();
  absl::StatusOr<std::vector<SimResult>> one = RunReplications(center, days, 3, 4, 7, 1);
  absl::StatusOr<std::vector<SimResult>> two = RunReplications(center, days, 3, 4, 7, 2);
  absl::StatusOr<std::vector<SimResult>> other = RunReplications(center, days, 3, 4, 8, 2);
  ASSERT_TRUE(one.ok() && two.ok() && other.ok()) << one.status();
  ASSERT_EQ(one->size(), 12u);
  int differ = 0;
  for (size_t i = 0; i < one->size(); ++i) {
    EXPECT_EQ((*one)[i].state_hash, (*two)[i].state_hash) << i;
    EXPECT_EQ((*one)[i].calls_arrived, (*two)[i].calls_arrived) << i;
    EXPECT_EQ((*one)[i].seed, ReplicationSeed(7, static_cast<int>(i / 3), static_cast<int>(i % 3)));
    differ += (*one)[i].state_hash != (*other)[i].state_hash;
  }
  EXPECT_EQ(differ, 12);
  // Day 1 uses the quiet forecast day, day 2 the first again.
  EXPECT_LT((*one)[1].calls_arrived, (*one)[0].calls_arrived);
  const PlanEstimates a = EstimatePlan(days, 3, 4, *one);
  const PlanEstimates b = EstimatePlan(days, 3, 4, *two);
  ASSERT_EQ(a.intervals.size(), 8u);  // 4 per forecast day
  ASSERT_EQ(a.days.size(), 3u);
  for (size_t i = 0; i < a.intervals.size(); ++i) {
    for (size_t k = 0; k < KpiDefs().size(); ++k) {
      // Undefined (NaN) in both, e.g. callbacks where nobody was captured.
      const double x = a.intervals[i].kpis[k].mean;
      const double y = b.intervals[i].kpis[k].mean;
      EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y)))
          << KpiDefs()[k].name << ": " << x << " vs " << y;
    }
  }
  EXPECT_EQ(a.intervals[0].kpis[0].n, 8u);  // forecast day 0: simulated days 0 and 2
  EXPECT_EQ(a.days[0][0].n, 4u);
}

TEST(Replications, IntervalsOfOfferedCallsCoverTheForecast) {
  // Without retrials or busyness, a quarter hour's expected arrivals are
  // known: 90 / 4 = 22.5. Count how often the 95% interval covers it.
  const CenterConfig center = testing::SmallCenter(6, 3);
  std::vector<SimOptions> days = Days();
  days.resize(1);
  days[0].retrial.probability = 0;
  int covered = 0, total = 0;
  for (uint64_t seed = 1; seed <= 25; ++seed) {
    absl::StatusOr<std::vector<SimResult>> runs = RunReplications(center, days, 1, 6, seed, 2);
    ASSERT_TRUE(runs.ok()) << runs.status();
    const PlanEstimates plan = EstimatePlan(days, 1, 6, *runs);
    for (const PlanEstimates::Interval& row : plan.intervals) {
      const KpiEstimate& attempts = row.kpis[0];
      ASSERT_STREQ(KpiDefs()[0].name, "attempts");
      covered += std::abs(attempts.mean - 22.5) <= attempts.half_width;
      ++total;
    }
  }
  EXPECT_GE(covered, static_cast<int>(0.85 * total)) << covered << " of " << total;
}

TEST(Replications, ReportsTheFirstFailingRun) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  std::vector<SimOptions> days = Days();
  days[1].end_ms = days[1].start_ms;  // invalid
  absl::StatusOr<std::vector<SimResult>> runs = RunReplications(center, days, 2, 2, 1, 2);
  ASSERT_FALSE(runs.ok());
  EXPECT_NE(runs.status().message().find("end_ms"), std::string::npos) << runs.status();
  EXPECT_FALSE(RunReplications(center, days, 0, 2, 1, 2).ok());
}

TEST(MeanAccumulator, MatchesEstimateMeanWithoutKeepingTheSamples) {
  sim::Rng rng(5);
  std::vector<double> samples;
  MeanAccumulator running;
  for (int i = 0; i < 1000; ++i) {
    const double x = 1e6 + 50 * rng.StandardNormal();  // a large mean: Welford stays exact
    samples.push_back(x);
    running.Add(x);
  }
  const KpiEstimate a = EstimateMean(samples);
  const KpiEstimate b = running.Estimate();
  EXPECT_EQ(b.n, 1000u);
  EXPECT_NEAR(b.mean, a.mean, 1e-6);
  EXPECT_NEAR(b.half_width, a.half_width, 1e-9 * a.half_width + 1e-9);
  EXPECT_TRUE(std::isnan(MeanAccumulator().Estimate().mean));
  MeanAccumulator one;
  one.Add(4);
  EXPECT_EQ(one.Estimate().mean, 4);
  EXPECT_TRUE(std::isnan(one.Estimate().half_width));
  // Three numbers, whatever the number of samples.
  static_assert(sizeof(MeanAccumulator) <= 3 * sizeof(double));
}

TEST(FoldReplications, FoldsInOrderAndHoldsAtMostTwoRunsPerThread) {
  // 60 runs on 2 threads: every run is handed over in (k, d) order and
  // dropped, so at most 4 finished runs wait at any time, however many
  // replications and days are asked for.
  const CenterConfig center = testing::SmallCenter(4, 2, 45'000);
  const std::vector<SimOptions> days = Days();
  absl::StatusOr<ValidatedPlan> plan = ValidatedPlan::Check(center, days);
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::vector<std::pair<int, int>> order;
  std::vector<uint64_t> seeds;
  absl::StatusOr<int> held = FoldReplications(*plan, 3, 20, 7, 2, [&](int k, int d, SimResult run) {
    order.emplace_back(k, d);
    seeds.push_back(run.seed);
  });
  ASSERT_TRUE(held.ok()) << held.status();
  EXPECT_GE(*held, 1);
  EXPECT_LE(*held, 4);
  ASSERT_EQ(order.size(), 60u);
  for (int t = 0; t < 60; ++t) {
    EXPECT_EQ(order[t], std::make_pair(t / 3, t % 3)) << t;
    EXPECT_EQ(seeds[t], ReplicationSeed(7, t / 3, t % 3)) << t;
  }
}

TEST(Replications, APlanIsCheckedOnceNotOncePerRun) {
  const CenterConfig center = testing::SmallCenter(4, 2, 45'000);
  const std::vector<SimOptions> days = Days();  // two forecast days
  const uint64_t before = sim::validations.load();
  absl::StatusOr<std::vector<SimResult>> runs = RunReplications(center, days, 3, 4, 7, 2);
  ASSERT_TRUE(runs.ok()) << runs.status();
  EXPECT_EQ(runs->size(), 12u);
  EXPECT_EQ(sim::validations.load() - before, 2u);  // one per forecast day, not 12
  // A single run still checks its options.
  ASSERT_TRUE(RunSimulation(center, days[0]).ok());
  EXPECT_EQ(sim::validations.load() - before, 3u);
}

TEST(PlanAccumulator, RunByRunGivesTheEstimatesOfTheKeptRuns) {
  // The same figures as EstimateMean over every run's samples, kept.
  const CenterConfig center = testing::SmallCenter(4, 2, 45'000);
  const std::vector<SimOptions> days = Days();
  absl::StatusOr<std::vector<SimResult>> runs = RunReplications(center, days, 3, 4, 7, 2);
  ASSERT_TRUE(runs.ok()) << runs.status();
  PlanAccumulator acc(days, 3);
  for (int k = 0; k < 4; ++k) {
    for (int d = 0; d < 3; ++d) acc.Add(d, (*runs)[static_cast<size_t>(k * 3 + d)]);
  }
  const PlanEstimates plan = acc.Estimates();
  ASSERT_EQ(plan.intervals.size(), 8u);
  const size_t attempts = 0, sl = 8;
  ASSERT_STREQ(KpiDefs()[sl].name, "service_level");
  for (size_t i = 0; i < plan.intervals.size(); ++i) {
    const int f = plan.intervals[i].day;
    const size_t slot = i % 4;
    for (size_t kpi : {attempts, sl}) {
      std::vector<double> samples;
      for (int k = 0; k < 4; ++k) {
        for (int d = f; d < 3; d += 2) {
          const IntervalKpi& x = (*runs)[static_cast<size_t>(k * 3 + d)].intervals.intervals[slot];
          if (auto v = KpiDefs()[kpi].value(x, days[0].kpi_interval_ms)) samples.push_back(*v);
        }
      }
      const KpiEstimate want = EstimateMean(samples);
      EXPECT_EQ(plan.intervals[i].kpis[kpi].n, want.n) << i;
      EXPECT_NEAR(plan.intervals[i].kpis[kpi].mean, want.mean, 1e-9) << i;
      if (want.n >= 2) {
        EXPECT_NEAR(plan.intervals[i].kpis[kpi].half_width, want.half_width, 1e-9) << i;
      }
    }
  }
  EXPECT_EQ(plan.days.size(), 3u);
  EXPECT_EQ(plan.per_day[attempts].n, 12u);
  // Each queue's day across every run.
  ASSERT_EQ(plan.queues.size(), center.queues.size());
  for (size_t q = 0; q < center.queues.size(); ++q) {
    std::vector<double> offered, sl;
    for (const SimResult& run : *runs) {
      const QueueKpi& k = run.kpis.queues[q];
      offered.push_back(static_cast<double>(k.offered));
      if (k.offered > 0) sl.push_back(static_cast<double>(k.answered_in_sl) / k.offered);
    }
    EXPECT_NEAR(plan.queues[q].offered.mean, EstimateMean(offered).mean, 1e-9) << q;
    EXPECT_EQ(plan.queues[q].offered.n, 12u);
    EXPECT_NEAR(plan.queues[q].service_level.mean, EstimateMean(sl).mean, 1e-9) << q;
  }
}

TEST(PlanDays, BuildsOneDayOfOptionsPerForecastDay) {
  const CenterConfig center = testing::SmallCenter(3, 1);
  absl::StatusOr<Forecast> f = ParseForecastCsv(
      "interval_start,calls\n2024-05-06 09:00,10\n2024-05-06 09:30,20\n2024-05-07 10:00,5\n", "f");
  ASSERT_TRUE(f.ok()) << f.status();
  PlanningModel model;
  model.handle_ms = Distribution::Exponential(1);
  model.patience_ms = Distribution::Never();
  model.group_handle_factor = {{"sales", 1.25}};
  absl::StatusOr<std::vector<SimOptions>> days = PlanDays(center, *f, "f", {}, model);
  ASSERT_TRUE(days.ok()) << days.status();
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].start_ms, 9 * kMsPerHour);
  EXPECT_EQ((*days)[0].end_ms, 10 * kMsPerHour);
  EXPECT_EQ((*days)[1].start_ms, 10 * kMsPerHour);
  EXPECT_EQ((*days)[0].kpi_interval_ms, 30 * kMsPerMinute);
  EXPECT_EQ((*days)[0].traffic.calls_per_hour, (std::vector<double>{20, 40}));
  EXPECT_EQ((*days)[0].agent_handle_factor, (std::vector<double>{1.25, 1.25, 1.25, 1.0}));
  for (const CallType& t : (*days)[0].traffic.types) {
    if (!ExpectsQueue(t)) continue;  // turned away by the IVR or the entry rules
    EXPECT_EQ(t.handle_ms.kind, Distribution::Kind::kExponential);
    EXPECT_EQ(t.patience_ms.kind, Distribution::Kind::kNever);
  }
  for (const SimOptions& o : *days) EXPECT_TRUE(ValidateSimOptions(center, o).ok());
  model.group_handle_factor = {{"kitchen", 2}};
  EXPECT_FALSE(PlanDays(center, *f, "f", {}, model).ok());
}

}  // namespace
}  // namespace acd
