// The analytic staffing solver: minimality (n meets every target, n - 1
// does not), agreement with a plain scan, large loads, headcount.
#include <chrono>
#include <cmath>
#include <functional>
#include <string>

#include "acd/erlang.h"
#include "acd/staffing.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

StaffingQuestion Ask(QueueModel model, double calls_per_hour, double aht_s, double sl,
                     double threshold_s, double patience_s = kInfinity) {
  StaffingQuestion q;
  q.model = model;
  q.calls_per_hour = calls_per_hour;
  q.aht_s = aht_s;
  q.patience_s = patience_s;
  q.target.service_level = sl;
  q.target.threshold_s = threshold_s;
  return q;
}

void ExpectMinimal(const StaffingQuestion& q) {
  const absl::StatusOr<StaffingAnswer> answer = SolveStaffing(q);
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(MissedTarget(answer->figures, q.target), "");
  if (answer->agents > 1) {
    const QueueFigures fewer = *EvaluateStaffing(q, answer->agents - 1);
    EXPECT_NE(MissedTarget(fewer, q.target), "") << "agents " << answer->agents;
  }
}

// The published worked example (Call Centre Helper, "Erlang C formula -
// made simple"): 100 calls per half hour, 180 s, 80% in 20 s needs 14
// agents; 13 reach only 79.6%.
TEST(SolverTest, PublishedExampleNeedsFourteen) {
  const StaffingQuestion q = Ask(QueueModel::kErlangC, 200, 180, 0.8, 20);
  const StaffingAnswer answer = *SolveStaffing(q);
  EXPECT_EQ(answer.agents, 14);
  EXPECT_NEAR((*EvaluateStaffing(q, 13)).service_level, 0.7956, 0.00005);
}

TEST(SolverTest, MinimalForEveryKindOfTarget) {
  for (double calls : {1.0, 30.0, 200.0, 1'000.0, 12'345.0}) {
    SCOPED_TRACE(calls);
    ExpectMinimal(Ask(QueueModel::kErlangC, calls, 180, 0.8, 20));
    ExpectMinimal(Ask(QueueModel::kErlangC, calls, 300, 0.95, 10));
    ExpectMinimal(Ask(QueueModel::kErlangA, calls, 180, 0.8, 20, 120));
    ExpectMinimal(Ask(QueueModel::kErlangA, calls, 240, 0.5, 60, 30));  // may run overloaded
    StaffingQuestion abandon = Ask(QueueModel::kErlangA, calls, 180, 0, 20, 90);
    abandon.target.abandon_max = 0.02;
    ExpectMinimal(abandon);
    StaffingQuestion asa = Ask(QueueModel::kErlangC, calls, 180, 0.5, 20);
    asa.target.asa_s_max = 5;
    ExpectMinimal(asa);
    StaffingQuestion occupancy = Ask(QueueModel::kErlangA, calls, 180, 0.2, 20, 60);
    occupancy.target.occupancy_max = 0.75;
    ExpectMinimal(occupancy);
  }
}

// The search agrees with the plain scan from one agent up.
TEST(SolverTest, AgreesWithALinearScan) {
  for (double calls : {5.0, 60.0, 333.0, 900.0}) {
    for (QueueModel model : {QueueModel::kErlangC, QueueModel::kErlangA}) {
      StaffingQuestion q = Ask(model, calls, 200, 0.85, 15, 100);
      q.target.abandon_max = 0.05;
      int64_t scan = 1;
      while (!MissedTarget(*EvaluateStaffing(q, scan), q.target).empty()) ++scan;
      EXPECT_EQ(SolveStaffing(q)->agents, scan) << calls;
    }
  }
}

TEST(SolverTest, FiftyThousandErlangsInFewEvaluations) {
  for (QueueModel model : {QueueModel::kErlangC, QueueModel::kErlangA}) {
    const StaffingQuestion q = Ask(model, 1'000'000, 180, 0.8, 20, 300);  // 50,000 erlangs
    const absl::StatusOr<StaffingAnswer> answer = SolveStaffing(q);
    ASSERT_TRUE(answer.ok()) << answer.status();
    EXPECT_LE(answer->evaluations, 40);
    ExpectMinimal(q);
    if (model == QueueModel::kErlangC) {
      EXPECT_GT(answer->agents, 50'000);
      EXPECT_LT(answer->agents, 50'000 + 224);  // less than a + sqrt(a)
    }
  }
}

// Wall time of one Erlang A evaluation at 10,000 agents and of one solve at
// 50,000 erlangs, recorded as test properties (see --gtest_output=xml); the
// bounds are loose enough for a loaded machine and still catch an O(n^2)
// or a linear scan from one agent.
double MeanMicros(int repeats, const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < repeats; ++i) work();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
             .count() /
         repeats;
}

TEST(TimingTest, ErlangAAtTenThousandAgentsAndSolverAtFiftyThousandErlangs) {
  QueueQuestion q;
  q.calls_per_hour = 9'950.0 * 3600 / 180;  // 9,950 erlangs
  q.aht_s = 180;
  q.agents = 10'000;
  q.patience_s = 300;
  double sink = 0;
  const double erlang_a_us = MeanMicros(200, [&] { sink += ErlangA(q)->service_level; });
  RecordProperty("erlang_a_10000_agents_us", std::to_string(erlang_a_us));
  EXPECT_LT(erlang_a_us, 5'000);
  for (QueueModel model : {QueueModel::kErlangC, QueueModel::kErlangA}) {
    const StaffingQuestion s = Ask(model, 1'000'000, 180, 0.8, 20, 300);
    const double solve_us = MeanMicros(10, [&] { sink += SolveStaffing(s)->agents; });
    RecordProperty(
        model == QueueModel::kErlangC ? "solve_c_50000_erlangs_us" : "solve_a_50000_erlangs_us",
        std::to_string(solve_us));
    EXPECT_LT(solve_us, 200'000);
  }
  EXPECT_GT(sink, 0);
}

TEST(SolverTest, NoCallsNeedNoAgents) {
  const StaffingAnswer answer = *SolveStaffing(Ask(QueueModel::kErlangC, 0, 180, 0.8, 20));
  EXPECT_EQ(answer.agents, 0);
  EXPECT_EQ(answer.figures.service_level, 1.0);
}

TEST(SolverTest, BadQuestionsNameTheField) {
  auto message = [](const StaffingQuestion& q) {
    return std::string(SolveStaffing(q).status().message());
  };
  EXPECT_EQ(message(Ask(QueueModel::kErlangC, 100, 180, 1.0, 20)).find("target.service_level"), 0u);
  EXPECT_EQ(message(Ask(QueueModel::kErlangC, 100, -1, 0.8, 20)).find("aht_s"), 0u);
  EXPECT_EQ(message(Ask(QueueModel::kErlangA, 100, 180, 0.8, 20)).find("patience_s"), 0u);
  StaffingQuestion q = Ask(QueueModel::kErlangA, 100, 180, 0.8, 20, 60);
  q.target.abandon_max = 0;
  EXPECT_EQ(message(q).find("target.abandon_max"), 0u);
  q.target.abandon_max.reset();
  q.target.occupancy_max = 1.5;
  EXPECT_EQ(message(q).find("target.occupancy_max"), 0u);
}

TEST(HeadcountTest, RoundsUpAfterShrinkage) {
  EXPECT_EQ(*Headcount(7, 0.3), 10);   // 7 / 0.7 = 10 exactly, not 11
  EXPECT_EQ(*Headcount(10, 0.3), 15);  // 14.29
  EXPECT_EQ(*Headcount(14, 0), 14);
  EXPECT_EQ(*Headcount(0, 0.5), 0);
  EXPECT_EQ(*Headcount(50'014, 0.35), 76'945);  // 76,944.6
  EXPECT_EQ(Headcount(5, 1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Headcount(5, -0.1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Headcount(-1, 0.1).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace acd
