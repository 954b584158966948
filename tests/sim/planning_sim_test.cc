// The planning models in whole runs: busyness, empirical handle times,
// zero patience, retrials, blocking, closing, handle factors, per-interval
// KPIs, and the accounting that every call ends once.
#include <cmath>
#include <vector>

#include "acd/interval_kpi.h"
#include "acd/sim.h"
#include "gtest/gtest.h"
#include "sim/random.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

uint64_t Disp(const SimResult& r, Disposition d) {
  return r.counts.by_disposition[static_cast<int>(d)];
}

uint64_t Abandoned(const SimResult& r) {
  return Disp(r, Disposition::kAbandonedInQueue) + Disp(r, Disposition::kAbandonedRinging);
}

// The identities SimResult and IntervalKpi promise, checked on one run.
void ExpectBalanced(const SimResult& r) {
  EXPECT_EQ(r.first_attempts + r.retrials, r.blocked_trunk + r.calls_arrived);
  EXPECT_EQ(Abandoned(r), r.retrials + r.retrials_after_close + r.gave_up);
  EXPECT_EQ(r.counts.ended, r.counts.arrived + r.counts.callbacks);
  const IntervalKpi total = r.intervals.Total();
  EXPECT_EQ(total.attempts, r.first_attempts + r.retrials);
  EXPECT_EQ(total.retrials, r.retrials);
  EXPECT_EQ(total.attempts, total.blocked_trunk + total.arrived);
  EXPECT_EQ(total.arrived, r.calls_arrived);
  EXPECT_EQ(total.offered, r.kpis.total.offered);
  EXPECT_EQ(total.offered,
            total.answered + total.abandoned + total.callback_captured + total.other_ended);
  EXPECT_EQ(total.answered, r.kpis.total.answered);
  EXPECT_EQ(total.abandoned, r.kpis.total.abandoned);
  EXPECT_EQ(total.answered_in_sl, r.kpis.total.answered_in_sl);
  EXPECT_EQ(total.answered_wait_ms, r.kpis.total.answered_wait_ms);
  EXPECT_EQ(total.handle_ms, r.kpis.total.talk_ms + r.kpis.total.wrapup_ms);
  EXPECT_EQ(total.wait_max_ms, r.kpis.total.wait_max_ms);
}

SimOptions Busy(uint64_t seed) {
  SimOptions o = testing::HourOptions(150, seed);
  o.kpi_interval_ms = 15 * kMsPerMinute;
  o.agents.rona_probability = 0;
  for (CallType& t : o.traffic.types) t.patience_ms = Distribution::Exponential(40'000);
  return o;
}

TEST(Gamma, MeanAndVarianceMatchTheShape) {
  for (double shape : {0.5, 2.0, 20.0}) {
    sim::Rng rng(7);
    const int n = 200'000;
    double sum = 0, squares = 0;
    for (int i = 0; i < n; ++i) {
      const double x = sim::Gamma(shape, rng);
      sum += x;
      squares += x * x;
    }
    const double mean = sum / n;
    const double variance = squares / n - mean * mean;
    EXPECT_NEAR(mean, shape, 0.02 * shape) << shape;
    EXPECT_NEAR(variance, shape, 0.05 * shape) << shape;
  }
}

TEST(Empirical, SamplesOnlyTheObservedValuesAtTheirFrequency) {
  const Distribution d = Distribution::Empirical({1'000, 2'000, 2'000, 5'000});
  sim::Rng rng(3);
  double sum = 0;
  int twos = 0;
  const int n = 100'000;
  for (int i = 0; i < n; ++i) {
    const TimeMs x = sim::SampleMs(d, rng);
    ASSERT_TRUE(x == 1'000 || x == 2'000 || x == 5'000) << x;
    sum += static_cast<double>(x);
    twos += x == 2'000;
  }
  EXPECT_NEAR(sum / n, d.MeanMs(), 0.01 * d.MeanMs());
  EXPECT_NEAR(twos / static_cast<double>(n), 0.5, 0.01);
}

TEST(Lognormal, MeanAndDeviationAreThoseAsked) {
  const Distribution d = Distribution::Lognormal(300'000, 180'000);
  sim::Rng rng(5);
  const int n = 200'000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = static_cast<double>(sim::SampleMs(d, rng));
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 300'000, 3'000);
  EXPECT_NEAR(std::sqrt(squares / n - mean * mean), 180'000, 4'000);
}

TEST(Busyness, ScalesArrivalsByAGammaFactorWithMeanOne) {
  const CenterConfig center = testing::SmallCenter(8, 2);
  double factors = 0, ratio = 0;
  const int runs = 40;
  for (int seed = 1; seed <= runs; ++seed) {
    SimOptions o = Busy(static_cast<uint64_t>(seed));
    o.busyness_shape = 4;
    absl::StatusOr<SimResult> r = RunSimulation(center, o);
    ASSERT_TRUE(r.ok()) << r.status();
    factors += r->busyness;
    ratio += static_cast<double>(r->first_attempts) / (150 * r->busyness);
    ExpectBalanced(*r);
  }
  EXPECT_NEAR(factors / runs, 1.0, 0.25);  // sd of the mean: 0.5 / sqrt(40)
  EXPECT_NEAR(ratio / runs, 1.0, 0.05);    // arrivals follow the drawn factor
}

TEST(ZeroPatience, CallersLeaveUnlessAnsweredAtOnce) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  SimOptions o = Busy(11);
  for (CallType& t : o.traffic.types) t.zero_patience_share = 1;
  absl::StatusOr<SimResult> r = RunSimulation(center, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectBalanced(*r);
  // Nobody waits: every offered call was either offered on arrival or left.
  EXPECT_GT(Disp(*r, Disposition::kAbandonedInQueue), r->kpis.total.offered / 3);
  EXPECT_LE(r->kpis.total.AsaMs(), 10'000);  // answered ones only rang
}

TEST(Retrials, AbandonedCallersComeBackAndAreCountedApart) {
  const CenterConfig center = testing::SmallCenter(3, 1);
  SimOptions o = Busy(12);
  o.retrial.probability = 0.5;
  o.retrial.delay_ms = Distribution::Exponential(60'000);
  absl::StatusOr<SimResult> r = RunSimulation(center, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectBalanced(*r);
  EXPECT_GT(r->retrials, 10u);
  EXPECT_GT(r->gave_up, 10u);
  EXPECT_NEAR(static_cast<double>(r->retrials + r->retrials_after_close) /
                  static_cast<double>(Abandoned(*r)),
              0.5, 0.15);
  // The default keeps plain runs free of retrials.
  SimOptions plain = Busy(12);
  absl::StatusOr<SimResult> p = RunSimulation(center, plain);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->retrials, 0u);
  EXPECT_EQ(p->gave_up, Abandoned(*p));
}

TEST(Blocking, TrunksAndTheWaitingLineBlockCallsWithoutLosingAny) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  SimOptions o = Busy(13);
  o.trunk_lines = 6;
  absl::StatusOr<SimResult> trunks = RunSimulation(center, o);
  ASSERT_TRUE(trunks.ok()) << trunks.status();
  ExpectBalanced(*trunks);
  EXPECT_GT(trunks->blocked_trunk, 0u);
  EXPECT_EQ(trunks->intervals.Total().blocked_trunk, trunks->blocked_trunk);

  o.trunk_lines = 0;
  o.waiting_line_max = 2;
  absl::StatusOr<SimResult> line = RunSimulation(center, o);
  ASSERT_TRUE(line.ok()) << line.status();
  ExpectBalanced(*line);
  EXPECT_GT(line->blocked_line, 0u);
  EXPECT_EQ(line->blocked_line, Disp(*line, Disposition::kRejected));
  EXPECT_EQ(line->intervals.Total().blocked_line, line->blocked_line);
  EXPECT_LE(line->kpis.total.wait_max_ms, trunks->kpis.total.wait_max_ms * 2);
}

TEST(Closing, DisconnectEndsTheLineAtTheEndOfArrivals) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  SimOptions o = Busy(14);
  for (CallType& t : o.traffic.types) t.patience_ms = Distribution::Never();
  o.at_close = AtClose::kDisconnect;
  absl::StatusOr<SimResult> r = RunSimulation(center, o);
  ASSERT_TRUE(r.ok()) << r.status();
  ExpectBalanced(*r);
  EXPECT_GT(r->disconnected_at_close, 0u);
  EXPECT_EQ(r->disconnected_at_close, Disp(*r, Disposition::kOverflowed));
  // Only calls already talking run past the end.
  o.at_close = AtClose::kServeOut;
  absl::StatusOr<SimResult> served = RunSimulation(center, o);
  ASSERT_TRUE(served.ok());
  EXPECT_EQ(served->disconnected_at_close, 0u);
  EXPECT_GT(served->last_call_ended_ms, r->last_call_ended_ms);
}

TEST(HandleFactors, AgentAndIntervalFactorsScaleTalkTime) {
  const CenterConfig center = testing::SmallCenter(6, 2);
  SimOptions o = testing::HourOptions(40, 15);
  o.agents.rona_probability = 0;
  for (CallType& t : o.traffic.types) {
    t.handle_ms = Distribution::Constant(100'000);
    t.patience_ms = Distribution::Never();
  }
  o.agent_handle_factor.assign(center.agents.size(), 1.0);
  for (size_t i = 0; i < 6; ++i) o.agent_handle_factor[i] = 1.5;  // sellers
  o.traffic.handle_factor = {2.0, 2.0, 2.0, 2.0};
  absl::StatusOr<SimResult> r = RunSimulation(center, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_DOUBLE_EQ(static_cast<double>(r->kpis.queues[0].talk_ms) / r->kpis.queues[0].answered,
                   300'000);
  EXPECT_DOUBLE_EQ(static_cast<double>(r->kpis.queues[1].talk_ms) / r->kpis.queues[1].answered,
                   200'000);
}

TEST(IntervalKpis, SplitTheRunByArrivalIntervalAndBalance) {
  const CenterConfig center = testing::SmallCenter(4, 2, 30'000);
  for (uint64_t seed = 20; seed < 26; ++seed) {
    SimOptions o = Busy(seed);
    o.retrial.probability = 0.3;
    o.check_invariants_every = 97;
    o.sellers = SellerDefinition{SellerDefinition::Kind::kQueue, 0, "sales"};
    absl::StatusOr<SimResult> r = RunSimulation(center, o);
    ASSERT_TRUE(r.ok()) << r.status();
    ExpectBalanced(*r);
    ASSERT_GE(r->intervals.intervals.size(), 4u);
    EXPECT_EQ(r->intervals.intervals[1].start_ms, o.start_ms + 15 * kMsPerMinute);
    for (size_t i = 4; i < r->intervals.intervals.size(); ++i) {
      EXPECT_EQ(r->intervals.intervals[i].arrived, 0u) << "no arrival after the window";
    }
    // Agent time: 6 agents logged in for the whole hour (no shifts given).
    TimeMs logged_ms = 0;
    for (size_t i = 0; i < 4; ++i) logged_ms += r->intervals.intervals[i].logged_in_ms;
    EXPECT_EQ(logged_ms, 6 * kMsPerHour);
    const IntervalKpi total = r->intervals.Total();
    EXPECT_GT(total.reached_wanted, 0u);
    // Only the sellers' queue (sales) counts, not the desk's answers.
    EXPECT_LE(total.reached_wanted, r->kpis.queues[0].answered);
  }
}

TEST(Mix, PerIntervalSharesChooseTheCallTypes) {
  const CenterConfig center = testing::SmallCenter(6, 4);
  SimOptions o = testing::HourOptions(200, 16);
  o.traffic.mix = {{1, 0}, {1, 0}, {0, 1}, {0, 1}};  // sales first, reception last
  absl::StatusOr<SimResult> r = RunSimulation(center, o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->kpis.queues[0].offered, 60u);
  EXPECT_GT(r->kpis.queues[1].offered, 60u);
  SimOptions bad = o;
  bad.traffic.mix[1] = {1};
  EXPECT_EQ(RunSimulation(center, bad).status().message(),
            "traffic.mix[1]: has 1 shares for 2 call types");
}

}  // namespace
}  // namespace acd
