// Scenario tests of a queue's counters_here_only, the counters' half of
// Asterisk's shared_lastcall = no. queues.conf.sample: "fewestcalls - ring
// the one with fewest completed calls from this queue", "leastrecent - ring
// interface which was least recently hung up by this queue"; with
// shared_lastcall = no app_queue's update_queue counts a call's calls and
// lastcall in the member of that call's queue alone, and leastrecent gives
// a member without a lastcall the best metric (0). So an agent busy all
// morning with queue A's calls is still the "fewest calls" member of queue
// B, and one who never took B's call is B's least recent.
#include <vector>

#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kA = 0;
constexpr QueueId kB = 1;

// Agent 1 serves A and B, agent 2 serves B alone; B orders by `strategy`.
CenterConfig TwoQueues(Strategy strategy, bool here_only) {
  CenterConfig c;
  QueueConfig a;
  a.name = "a";
  QueueConfig b;
  b.name = "b";
  b.strategy = strategy;
  b.counters_here_only = here_only;
  c.queues = {a, b};
  AgentConfig one;
  one.id = 1;
  one.queues = {Membership{kA, 10, 0, 0, 1.0}, Membership{kB, 10, 0, 0, 1.0}};
  AgentConfig two;
  two.id = 2;
  two.queues = {Membership{kB, 10, 0, 0, 1.0}};
  c.agents = {one, two};
  return c;
}

class CountersHereOnlyTest : public ScenarioTest {
 protected:
  // Agent 2 takes B's call 200 from 1 s to 5 s (4 s of talk); agent 1 then
  // takes A's calls 100..102, 10 s each, the last ending at 40 s. The day:
  // agent 1 three calls and 30 s, agent 2 one call and 4 s; in B: agent 1
  // none, agent 2 one, 4 s, ended at 5 s.
  void AMorningOfA(Strategy strategy, bool here_only) {
    Start(TwoQueues(strategy, here_only));
    Login(0, {2});
    Connected(1, 200, 2, kB);
    ASSERT_TRUE(At(5, CallEndTalk{200}).ok());
    Login(6, {1});
    for (CallId id = 100; id <= 102; ++id) {
      const double t = 10.0 + 10.0 * static_cast<double>(id - 100);
      Connected(t, id, 1, kA);
      ASSERT_TRUE(At(t + 10, CallEndTalk{id}).ok());
    }
    Clear();
  }
  AgentView::QueueCounters CountersOf(AgentId agent, QueueId queue) {
    const AgentView view = *engine_->GetAgent(agent);
    for (const AgentView::QueueCounters& q : view.queue_counters) {
      if (q.queue == queue) return q;
    }
    ADD_FAILURE() << "agent " << agent << " is no member of queue " << queue;
    return {};
  }
};

TEST_F(CountersHereOnlyTest, EachMembershipCountsItsQueuesCallsAlone) {
  AMorningOfA(Strategy::kLeastCalls, /*here_only=*/true);
  EXPECT_EQ(engine_->GetAgent(1)->calls_today, 3u);
  EXPECT_EQ(CountersOf(1, kA), (AgentView::QueueCounters{kA, 3, 30'000, true, 40'000}));
  EXPECT_EQ(CountersOf(1, kB), (AgentView::QueueCounters{kB, 0, 0, false, 0}));
  EXPECT_EQ(CountersOf(2, kB), (AgentView::QueueCounters{kB, 1, 4'000, true, 5'000}));
}

// The day's counters (shared_lastcall = yes, acd's default): agent 1's
// three A calls make agent 2 B's fewest-calls agent.
TEST_F(CountersHereOnlyTest, FewestCallsOfEveryQueueByDefault) {
  AMorningOfA(Strategy::kLeastCalls, /*here_only=*/false);
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{2});
}

// This queue's calls alone: agent 1 answered none of B's, agent 2 one.
TEST_F(CountersHereOnlyTest, FewestCallsOfThisQueue) {
  AMorningOfA(Strategy::kLeastCalls, /*here_only=*/true);
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{1});
  ASSERT_TRUE(At(42, CallAnswer{201, 1}).ok());
  ASSERT_TRUE(At(62, CallEndTalk{201}).ok());
  Clear();
  NewCall(63, 202, kB);  // one each now: the longer idle, agent 2
  EXPECT_EQ(OfferedTo(202), std::vector<AgentId>{2});
}

TEST_F(CountersHereOnlyTest, LeastTalkTimeOfThisQueue) {
  AMorningOfA(Strategy::kLeastTalkTime, /*here_only=*/false);
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{2});  // 4 s of the day's against 30 s
  AMorningOfA(Strategy::kLeastTalkTime, /*here_only=*/true);
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{1});  // none of B's against 4 s
}

// Least recent: by the day, agent 2 is idle since 5 s, agent 1 since 40 s;
// in B, agent 1 never ended a call (app_queue's metric 0: first) and
// after it does, agent 2's end at 5 s is the least recent.
TEST_F(CountersHereOnlyTest, LeastRecentOfThisQueue) {
  AMorningOfA(Strategy::kLongestIdle, /*here_only=*/false);
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{2});
  AMorningOfA(Strategy::kLongestIdle, /*here_only=*/true);
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{1});
  ASSERT_TRUE(At(42, CallAnswer{201, 1}).ok());
  ASSERT_TRUE(At(50, CallEndTalk{201}).ok());
  Clear();
  NewCall(51, 202, kB);
  EXPECT_EQ(OfferedTo(202), std::vector<AgentId>{2});
}

// A snapshot keeps the counters (version 9) and the order they give; a
// reload keeps those of the memberships it keeps and re-keys by them.
TEST_F(CountersHereOnlyTest, SnapshotAndReloadKeepTheCounters) {
  AMorningOfA(Strategy::kLeastCalls, /*here_only=*/true);
  const std::vector<AgentView> before = engine_->AllAgents();
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine_ = std::move(*restored);
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(engine_->AllAgents()[i].queue_counters, before[i].queue_counters);
  }
  ASSERT_TRUE(engine_->Reconfigure(TwoQueues(Strategy::kLongestIdle, true)).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  EXPECT_EQ(CountersOf(1, kA), (AgentView::QueueCounters{kA, 3, 30'000, true, 40'000}));
  EXPECT_EQ(CountersOf(2, kB), (AgentView::QueueCounters{kB, 1, 4'000, true, 5'000}));
  NewCall(41, 201, kB);
  EXPECT_EQ(OfferedTo(201), std::vector<AgentId>{1});  // never ended one of B's
  // Agent 2 leaves B and comes back: the new membership starts at none.
  CenterConfig without = TwoQueues(Strategy::kLongestIdle, true);
  without.agents[1].queues.clear();
  ASSERT_TRUE(engine_->Reconfigure(without).ok());
  ASSERT_TRUE(engine_->Reconfigure(TwoQueues(Strategy::kLongestIdle, true)).ok());
  EXPECT_EQ(CountersOf(2, kB), (AgentView::QueueCounters{kB, 0, 0, false, 0}));
}

// An outbound call is no call of a queue: its talk counts in the day's
// alone, even for an agent whose first queue is queue 0.
TEST_F(CountersHereOnlyTest, OutboundTalkIsNoQueuesTalk) {
  AMorningOfA(Strategy::kLeastCalls, /*here_only=*/true);
  ASSERT_TRUE(At(41, OutboundCall{300, 1}).ok());
  ASSERT_TRUE(At(51, CallEndTalk{300}).ok());
  EXPECT_EQ(engine_->GetAgent(1)->talk_ms_today, 40'000);
  EXPECT_EQ(CountersOf(1, kA), (AgentView::QueueCounters{kA, 3, 30'000, true, 40'000}));
}

}  // namespace
}  // namespace acd::testing
