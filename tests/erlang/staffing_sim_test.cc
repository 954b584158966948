// The simulation check: the engine, simulated without abandonment, agrees
// with Erlang C, and with exponential patience agrees with Erlang A, within
// the replications' confidence interval; replications are deterministic
// whatever the thread count; VerifyStaffing walks to a level the
// simulation accepts.
#include <cmath>
#include <string>

#include "acd/erlang.h"
#include "acd/staffing.h"
#include "boost/math/distributions/students_t.hpp"
#include "gtest/gtest.h"

namespace acd {
namespace {

constexpr int kReplications = 16;

StaffingQuestion Ask(QueueModel model, double calls_per_hour, double patience_s = kInfinity) {
  StaffingQuestion q;
  q.model = model;
  q.calls_per_hour = calls_per_hour;
  q.aht_s = 180;
  q.patience_s = patience_s;
  q.target.service_level = 0.8;
  q.target.threshold_s = 20;
  return q;
}

// One hour of warm-up (the relaxation time of these queues is well under
// 20 minutes), 20 measured hours, 16 replications: about 77,000 calls and
// a tenth of a second of CPU per level; the 95% interval of the service
// level is then about +-0.02.
VerifyOptions AgreementOptions() {
  VerifyOptions o;
  o.replications = kReplications;
  o.seed = 20'240'601;
  o.warmup_ms = 60 * 60'000;
  o.window_ms = 20 * 60 * 60'000;
  return o;
}

// The tolerance: the 99% confidence interval of the mean over the
// replications (Student's t, 15 degrees of freedom). The replications are
// independent and each measures the steady state after the warm-up, so the
// analytic value lies inside it unless the engine or the formulas are off;
// 99% rather than 95% because the test checks several figures at once.
double Tolerance(const Estimate& e) {
  const boost::math::students_t t(kReplications - 1);
  return e.half_width * boost::math::quantile(t, 0.995) / boost::math::quantile(t, 0.975);
}

void ExpectWithin(const char* what, const Estimate& simulated, double analytic) {
  EXPECT_LE(std::abs(simulated.mean - analytic), Tolerance(simulated))
      << what << ": simulated " << simulated.mean << " +- " << simulated.half_width
      << " (95%), analytic " << analytic;
  EXPECT_GT(simulated.half_width, 0) << what;
}

// M/M/15 at 12 erlangs: service level 80/20, ASA and occupancy.
TEST(StaffingSimTest, WithoutAbandonmentAgreesWithErlangC) {
  const StaffingQuestion q = Ask(QueueModel::kErlangC, 240);
  const QueueFigures analytic = *EvaluateStaffing(q, 15);
  const absl::StatusOr<SimulatedStaffing> s = SimulateStaffing(q, 15, AgreementOptions());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_GT(s->calls_measured, 70'000u);
  ExpectWithin("service level", s->service_level, analytic.service_level);
  ExpectWithin("ASA", s->asa_s, analytic.asa_s);
  ExpectWithin("occupancy", s->occupancy, analytic.occupancy);
  EXPECT_EQ(s->p_abandon.mean, 0.0);
}

// M/M/12+M at 12 erlangs, mean patience 120 s: abandonment, service level
// (over all arrivals), ASA of answered calls.
TEST(StaffingSimTest, WithExponentialPatienceAgreesWithErlangA) {
  const StaffingQuestion q = Ask(QueueModel::kErlangA, 240, 120);
  const QueueFigures analytic = *EvaluateStaffing(q, 12);
  const absl::StatusOr<SimulatedStaffing> s = SimulateStaffing(q, 12, AgreementOptions());
  ASSERT_TRUE(s.ok()) << s.status();
  ExpectWithin("abandonment", s->p_abandon, analytic.p_abandon);
  ExpectWithin("service level", s->service_level, analytic.service_level);
  ExpectWithin("ASA", s->asa_s, analytic.asa_s);
  ExpectWithin("occupancy", s->occupancy, analytic.occupancy);
}

TEST(StaffingSimTest, SameResultOnOneOrTwoThreads) {
  const StaffingQuestion q = Ask(QueueModel::kErlangA, 300, 90);
  VerifyOptions o;
  o.replications = 5;
  o.window_ms = 30 * 60'000;
  o.warmup_ms = 10 * 60'000;
  o.threads = 1;
  const SimulatedStaffing one = *SimulateStaffing(q, 14, o);
  o.threads = 2;
  const SimulatedStaffing two = *SimulateStaffing(q, 14, o);
  EXPECT_EQ(one.calls_measured, two.calls_measured);
  EXPECT_EQ(one.service_level.mean, two.service_level.mean);
  EXPECT_EQ(one.service_level.half_width, two.service_level.half_width);
  EXPECT_EQ(one.asa_s.mean, two.asa_s.mean);
  o.seed = 99;
  const SimulatedStaffing other = *SimulateStaffing(q, 14, o);
  EXPECT_NE(other.service_level.mean, one.service_level.mean);
}

// Deciding by the pessimistic end of a wide interval (few replications,
// a short window) adds agents; the level found meets the targets and the
// one below it, when tried, did not.
TEST(StaffingSimTest, VerifyAddsAgentsUntilTheSimulationAgrees) {
  const StaffingQuestion q = Ask(QueueModel::kErlangC, 240);
  const int64_t analytic = SolveStaffing(q)->agents;
  VerifyOptions o;
  o.replications = 3;
  o.window_ms = 30 * 60'000;
  o.warmup_ms = 15 * 60'000;
  o.decide_by = VerifyOptions::Decide::kConfidenceBound;
  const absl::StatusOr<VerifiedStaffing> v = VerifyStaffing(q, analytic, o);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->analytic_agents, analytic);
  EXPECT_EQ(v->tried.front().agents, analytic);
  EXPECT_GT(v->verified_agents, analytic);
  EXPECT_EQ(v->at_verified.agents, v->verified_agents);
  EXPECT_EQ(MissedTarget(v->at_verified, q.target, o.decide_by), "");
  for (const SimulatedStaffing& s : v->tried) {
    if (s.agents == v->verified_agents - 1) {
      EXPECT_NE(MissedTarget(s, q.target, o.decide_by), "");
    }
  }
}

// With plenty of simulated traffic and the mean deciding, the simulation
// confirms the analytic answer when the model is exactly Erlang C.
TEST(StaffingSimTest, VerifyConfirmsAnExactModel) {
  const StaffingQuestion q = Ask(QueueModel::kErlangC, 240);
  const int64_t analytic = SolveStaffing(q)->agents;
  ASSERT_EQ(analytic, 16);  // 15 reach only 0.77 analytically
  const absl::StatusOr<VerifiedStaffing> v = VerifyStaffing(q, analytic, AgreementOptions());
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->verified_agents, analytic);
}

// The automatic warm-up: five relaxation times, 1 / (mu (sqrt(n) -
// sqrt(a))^2) for M/M/n, at most the patience under Erlang A, clamped.
TEST(StaffingSimTest, AutomaticWarmupFollowsTheRelaxationTime) {
  const VerifyOptions automatic;
  const StaffingQuestion c = Ask(QueueModel::kErlangC, 240);  // 12 erlangs
  const double gap = std::sqrt(15.0) - std::sqrt(12.0);
  EXPECT_NEAR(WarmupMs(c, 15, automatic), 5 * 180'000 / (gap * gap), 1);
  EXPECT_EQ(WarmupMs(c, 40, automatic), 30 * 60'000);     // light load: the floor
  EXPECT_EQ(WarmupMs(c, 12, automatic), 48 * 3'600'000);  // critical: the ceiling
  const StaffingQuestion a = Ask(QueueModel::kErlangA, 240, 600);
  EXPECT_EQ(WarmupMs(a, 10, automatic), 5 * 600'000);  // overloaded: patience
  VerifyOptions fixed;
  fixed.warmup_ms = 123;
  EXPECT_EQ(WarmupMs(c, 15, fixed), 123);
}

TEST(StaffingSimTest, BadOptionsNameTheField) {
  const StaffingQuestion q = Ask(QueueModel::kErlangC, 240);
  VerifyOptions o;
  o.replications = 1;
  EXPECT_EQ(SimulateStaffing(q, 15, o).status().message().find("replications"), 0u);
  o = VerifyOptions();
  o.threads = 0;
  EXPECT_EQ(SimulateStaffing(q, 15, o).status().message().find("threads"), 0u);
  // 12 erlangs cannot be carried by 12 agents without abandonment.
  EXPECT_EQ(SimulateStaffing(q, 12, VerifyOptions()).status().message().find("agents"), 0u);
}

}  // namespace
}  // namespace acd
