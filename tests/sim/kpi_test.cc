// KpiCollector on a hand-written command stream: each figure by its formula.
#include "acd/kpi.h"

#include <optional>

#include "acd/interval_kpi.h"
#include "gtest/gtest.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

constexpr TimeMs kT0 = 9 * kMsPerHour;

class KpiCollectorTest : public ::testing::Test {
 protected:
  KpiCollectorTest()
      : center_(testing::SmallCenter(2, 1)), kpis_(center_, {20'000, kT0, std::nullopt}) {}
  void At(TimeMs offset_ms, CommandBody body) { kpis_.Emit(Command{kT0 + offset_ms, body}); }
  void State(TimeMs offset_ms, AgentId agent, AgentState state,
             NotReadyReason reason = NotReadyReason::kNone) {
    At(offset_ms, AgentStateChanged{agent, state, reason});
  }

  CenterConfig center_;
  KpiCollector kpis_;
};

TEST_F(KpiCollectorTest, AnsweredCallFiguresAndAgentTime) {
  State(0, 1, AgentState::kReady);
  At(20'000, CallQueued{7, 0, 1});                       // reached sales at +20 s
  At(30'000, Offer{7, 1, 0, 10'000, false});
  State(30'000, 1, AgentState::kReserved);
  At(35'000, CallConnected{7, 1, 0, 35'000});             // waited 15 s in queue
  State(35'000, 1, AgentState::kTalking);
  State(95'000, 1, AgentState::kWrapUp);
  At(95'000, CallEnded{7, Disposition::kAnswered, true, 0, 1, 35'000, 60'000});
  State(100'000, 1, AgentState::kReady);
  kpis_.Finish(200'000 + kT0);
  const KpiReport& r = kpis_.report();
  const QueueKpi& sales = r.queues[0];
  EXPECT_EQ(sales.offered, 1u);
  EXPECT_EQ(sales.answered, 1u);
  EXPECT_EQ(sales.answered_in_sl, 1u);
  EXPECT_EQ(sales.answered_wait_ms, 15'000);
  EXPECT_DOUBLE_EQ(sales.AsaMs(), 15'000);
  EXPECT_DOUBLE_EQ(sales.AhtMs(), 65'000);  // 60 s talk + 5 s wrap-up
  EXPECT_EQ(sales.wait_max_ms, 15'000);
  EXPECT_DOUBLE_EQ(sales.ServiceLevel(), 1.0);
  const AgentKpi& a = r.agents[0];
  EXPECT_EQ(a.calls, 1u);
  EXPECT_EQ(a.talk_ms, 60'000);
  EXPECT_EQ(a.LoggedInMs(), 200'000);
  EXPECT_EQ(a.BusyMs(), 5'000 + 60'000 + 5'000);
  EXPECT_DOUBLE_EQ(a.Occupancy(), 70'000.0 / 200'000.0);
  EXPECT_EQ(r.agents[1].LoggedInMs(), 0);
  EXPECT_DOUBLE_EQ(r.agents[1].Occupancy(), 0.0);
}

TEST_F(KpiCollectorTest, OverflowAbandonAndRona) {
  At(0, CallQueued{1, 0, 1});
  At(10'000, Offer{1, 2, 0, 10'000, false});
  At(20'000, CancelOffer{1, 2, CancelReason::kRingTimeout});
  At(20'000, CallQueued{1, 0, 1});
  At(40'000, testing::Route(1, 0, OverflowKind::kQueue, 1));
  At(40'000, CallQueued{1, 1, 1});
  At(70'000, CallEnded{1, Disposition::kAbandonedInQueue, true, 1, 0, 88'000, 0});
  At(5'000, CallQueued{2, 1, 2});
  At(65'000, testing::Route(2, 1, OverflowKind::kCallback, 0));
  At(65'000, CallEnded{2, Disposition::kCallbackCaptured, true, 1, 0, 83'000, 0});
  At(1'000, CallEnded{3, Disposition::kRejected, false, 0, 0, 1'000, 0});
  const KpiReport& r = kpis_.report();
  const QueueKpi& sales = r.queues[0];
  const QueueKpi& reception = r.queues[1];
  EXPECT_EQ(sales.offered, 1u);
  EXPECT_EQ(sales.overflowed, 1u);
  EXPECT_EQ(sales.ring_no_answer, 1u);
  EXPECT_EQ(sales.wait_max_ms, 40'000);
  EXPECT_EQ(sales.Resolved(), sales.offered);
  EXPECT_EQ(reception.offered, 2u);
  EXPECT_EQ(reception.abandoned, 1u);
  EXPECT_EQ(reception.callback_captured, 1u);
  EXPECT_EQ(reception.wait_max_ms, 70'000);  // call 1's whole wait since sales
  EXPECT_DOUBLE_EQ(reception.ServiceLevel(), 0.0);
  EXPECT_DOUBLE_EQ(reception.AbandonRate(), 0.5);
  EXPECT_EQ(r.total.offered, 2u);
  EXPECT_EQ(r.total.overflowed, 0u);
  EXPECT_EQ(r.total.Resolved(), 2u);
  EXPECT_EQ(r.calls_ended, 3u);
  EXPECT_EQ(r.calls_never_queued, 1u);
  EXPECT_EQ(r.agents[1].missed, 1u);
  EXPECT_EQ(kpis_.live_calls(), 0u);
}

TEST(QueueKpi, EmptyQueueFigures) {
  const QueueKpi q;
  EXPECT_DOUBLE_EQ(q.ServiceLevel(), 1.0);
  EXPECT_DOUBLE_EQ(q.AbandonRate(), 0.0);
  EXPECT_DOUBLE_EQ(q.AsaMs(), 0.0);
  EXPECT_DOUBLE_EQ(q.AhtMs(), 0.0);
}

// Each queue per interval, counted as KpiReport counts a day: a call is
// offered to every queue it entered, by its arrival time, and answered or
// abandoned in the last one.
TEST(IntervalKpiCollector, QueuesPerInterval) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  IntervalKpiCollector collector(center, kT0 - 30 * kMsPerMinute, 30 * kMsPerMinute, 20'000,
                                 std::nullopt);
  auto at = [&](TimeMs offset_ms, CommandBody body) {
    collector.Emit(Command{kT0 + offset_ms, body});
  };
  // Arrived at -18 s (the first interval): sales, then reception, abandoned.
  at(0, CallQueued{1, 0, 1});
  at(40'000, testing::Route(1, 0, OverflowKind::kQueue, 1));
  at(40'000, CallQueued{1, 1, 1});
  at(70'000, CallEnded{1, Disposition::kAbandonedInQueue, true, 1, 0, 88'000, 0});
  // Arrived at -18 s: reception only, captured for a callback.
  at(5'000, CallQueued{2, 1, 2});
  at(65'000, CallEnded{2, Disposition::kCallbackCaptured, true, 1, 0, 83'000, 0});
  // Never queued.
  at(1'000, CallEnded{3, Disposition::kRejected, false, 0, 0, 1'000, 0});
  // Arrived at +100 s (the second interval): answered in sales after 10 s.
  at(100'000, CallQueued{7, 0, 1});
  at(110'000, CallConnected{7, 1, 0, 10'000});
  at(170'000, CallEnded{7, Disposition::kAnswered, true, 0, 1, 10'000, 60'000});
  const IntervalReport& r = collector.report();
  ASSERT_EQ(r.intervals.size(), 2u);
  const IntervalKpi& first = r.intervals[0];
  ASSERT_EQ(first.queues.size(), 2u);
  EXPECT_EQ(first.queues[0].offered, 1u);  // sales, left for reception
  EXPECT_EQ(first.queues[0].answered + first.queues[0].abandoned, 0u);
  EXPECT_EQ(first.queues[1].offered, 2u);
  EXPECT_EQ(first.queues[1].abandoned, 1u);
  EXPECT_EQ(first.queues[1].answered, 0u);
  const IntervalKpi& second = r.intervals[1];
  ASSERT_GE(second.queues.size(), 1u);
  EXPECT_EQ(second.queues[0].offered, 1u);
  EXPECT_EQ(second.queues[0].answered, 1u);
  EXPECT_EQ(second.queues[0].answered_in_sl, 1u);
  EXPECT_EQ(second.queues[0].answered_wait_ms, 10'000);
  // The day adds the intervals' queues up.
  const IntervalKpi day = r.Total();
  ASSERT_EQ(day.queues.size(), 2u);
  EXPECT_EQ(day.queues[0].offered, 2u);
  EXPECT_EQ(day.queues[0].answered, 1u);
  EXPECT_EQ(day.queues[1].offered, 2u);
  EXPECT_EQ(day.queues[1].abandoned, 1u);
}

}  // namespace
}  // namespace acd
