// The planner's --model pure against the textbook: a flat forecast day
// planned with MakePure (no IVR, immediate answers, no ring-outs, no
// retrials, exponential handle times) through PlanDays and RunReplications,
// the very path `acd sim --forecast --model pure` takes, gives the service
// level, ASA and abandonment Erlang C (and with a patience Erlang A) give
// for the same question, within the replications' confidence interval. The
// field model, on the same question, does not: its assumptions show.
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "acd/center.h"
#include "acd/erlang.h"
#include "acd/forecast.h"
#include "acd/planning.h"
#include "acd/replications.h"
#include "boost/math/distributions/students_t.hpp"
#include "gtest/gtest.h"

namespace acd {
namespace {

constexpr int kReplications = 16;
constexpr uint64_t kSeed = 20'261'205;
constexpr double kAhtS = 180;
constexpr int kAgents = 15;
constexpr double kCallsPerHour = 240;  // 12 erlangs on 15 agents

// One queue "sales" of kAgents agents, no wrap-up.
CenterConfig OneQueue() {
  CenterConfig c;
  QueueConfig sales;
  sales.name = "sales";
  sales.wrapup_ms = 0;
  c.queues = {sales};
  for (int i = 0; i < kAgents; ++i) {
    AgentConfig a;
    a.id = static_cast<AgentId>(1 + i);
    a.name = "Seller " + std::to_string(1 + i);
    a.queues.push_back(Membership{0, kMaxLevel, 0, static_cast<uint32_t>(i), 1.0});
    c.agents.push_back(a);
  }
  return c;
}

// 07:00-17:00 at a flat rate, all to sales, AHT 180 s.
Forecast FlatDay() {
  std::string csv = "interval_start,calls,aht_s,queue:sales\n";
  for (int q = 7 * 4; q < 17 * 4; ++q) {
    absl::StrAppendFormat(&csv, "%02d:%02d,%g,%g,1\n", q / 4, 15 * (q % 4), kCallsPerHour / 4,
                          kAhtS);
  }
  absl::StatusOr<Forecast> f = ParseForecastCsv(csv, "flat.csv");
  EXPECT_TRUE(f.ok()) << f.status();
  return *f;
}

struct Measured {
  KpiEstimate service_level, asa_s, abandoned;
};

// Per replication, the figures of the calls arriving from 08:00 (an hour
// of warm-up: the queue relaxes in minutes) to the end of arrivals.
Measured Simulate(const PlanningModel& model) {
  const CenterConfig center = OneQueue();
  absl::StatusOr<std::vector<SimOptions>> days = PlanDays(center, FlatDay(), "flat.csv", {}, model);
  EXPECT_TRUE(days.ok()) << days.status();
  absl::StatusOr<std::vector<SimResult>> runs =
      RunReplications(center, *days, 1, kReplications, kSeed, 2);
  EXPECT_TRUE(runs.ok()) << runs.status();
  std::vector<double> sl, asa, abandoned;
  for (const SimResult& run : *runs) {
    IntervalKpi sum;
    for (const IntervalKpi& k : run.intervals.intervals) {
      if (k.start_ms >= 8 * kMsPerHour) sum.Add(k);
    }
    sl.push_back(static_cast<double>(sum.answered_in_sl) / static_cast<double>(sum.offered));
    asa.push_back(static_cast<double>(sum.answered_wait_ms) / 1000.0 /
                  static_cast<double>(sum.answered));
    abandoned.push_back(static_cast<double>(sum.abandoned) / static_cast<double>(sum.offered));
  }
  const Measured m{EstimateMean(sl), EstimateMean(asa), EstimateMean(abandoned)};
  std::cout << "simulated (seed " << kSeed << ", " << kReplications << " replications): SL "
            << m.service_level.mean << " +- " << m.service_level.half_width << ", ASA "
            << m.asa_s.mean << " +- " << m.asa_s.half_width << " s, abandoned "
            << m.abandoned.mean << " +- " << m.abandoned.half_width << "\n";
  return m;
}

// The 99% interval (three figures are checked at once) from the 95% one.
double Tolerance(const KpiEstimate& e) {
  const boost::math::students_t t(kReplications - 1);
  return e.half_width * boost::math::quantile(t, 0.995) / boost::math::quantile(t, 0.975);
}

bool Within(const KpiEstimate& simulated, double analytic) {
  return std::abs(simulated.mean - analytic) <= Tolerance(simulated);
}

QueueQuestion Question(double patience_s) {
  QueueQuestion q;
  q.calls_per_hour = kCallsPerHour;
  q.aht_s = kAhtS;
  q.agents = kAgents;
  q.threshold_s = 20;
  q.patience_s = patience_s;
  return q;
}

TEST(PlanningPureModel, AgreesWithErlangC) {
  PlanningModel model = FieldPlanningModel();
  MakePure(&model);
  const Measured m = Simulate(model);
  const absl::StatusOr<QueueFigures> c = ErlangC(Question(kInfinity));
  ASSERT_TRUE(c.ok()) << c.status();
  std::cout << "Erlang C: SL " << c->service_level << ", ASA " << c->asa_s << " s\n";
  EXPECT_TRUE(Within(m.service_level, c->service_level))
      << "seed " << kSeed << ": simulated SL " << m.service_level.mean << " +- "
      << m.service_level.half_width << ", Erlang C " << c->service_level;
  EXPECT_TRUE(Within(m.asa_s, c->asa_s))
      << "seed " << kSeed << ": simulated ASA " << m.asa_s.mean << " +- " << m.asa_s.half_width
      << ", Erlang C " << c->asa_s;
  EXPECT_EQ(m.abandoned.mean, 0);
}

TEST(PlanningPureModel, WithAPatienceAgreesWithErlangA) {
  PlanningModel model = FieldPlanningModel();
  model.patience_ms = Distribution::Lognormal(120'000, 60'000);  // made exponential, mean 120 s
  MakePure(&model);
  ASSERT_EQ(model.patience_ms->kind, Distribution::Kind::kExponential);
  const Measured m = Simulate(model);
  const absl::StatusOr<QueueFigures> a = ErlangA(Question(120));
  ASSERT_TRUE(a.ok()) << a.status();
  std::cout << "Erlang A: SL " << a->service_level << ", abandoned " << a->p_abandon << "\n";
  EXPECT_TRUE(Within(m.service_level, a->service_level))
      << "seed " << kSeed << ": simulated SL " << m.service_level.mean << " +- "
      << m.service_level.half_width << ", Erlang A " << a->service_level;
  EXPECT_TRUE(Within(m.abandoned, a->p_abandon))
      << "seed " << kSeed << ": simulated abandon " << m.abandoned.mean << " +- "
      << m.abandoned.half_width << ", Erlang A " << a->p_abandon;
}

// The field model on the same question answers otherwise than Erlang C
// (its callers abandon, the IVR, the answer delay and the ring-outs cost
// time): this is why the plan prints its assumptions.
TEST(PlanningPureModel, TheFieldModelDiffersAndSaysWhy) {
  const Measured field = Simulate(FieldPlanningModel());
  const absl::StatusOr<QueueFigures> c = ErlangC(Question(kInfinity));
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(Within(field.service_level, c->service_level)) << field.service_level.mean;
  const std::vector<std::string> lines = DescribePlanningModel(FieldPlanningModel());
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[0], "IVR time before the queue: uniform 15-20 s (the call types' own) [--ivr-s]");
  EXPECT_EQ(lines[3], "agents answer uniform 2-8 s after the ring [--answer-delay-s]");
  EXPECT_EQ(lines[4], "offers left to ring out (no answer): 5% [--ring-out]");
}

}  // namespace
}  // namespace acd
