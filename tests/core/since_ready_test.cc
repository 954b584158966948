// Scenario tests of a queue's counters_since_ready: least calls and least
// talk time counted since the agent last became ready, as FreeSWITCH
// mod_callcenter's agent-with-fewest-calls and agent-with-least-talk-time
// do (an agent's calls answered and talk time start again when its status
// becomes Available), beside the day's counters.
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;

class SinceReadyTest : public ScenarioTest {
 protected:
  // Sellers 1 and 2 (strategy `strategy`); seller 1 takes three calls and
  // seller 2 one, each of 10 s; then seller 1 takes a break and comes back.
  void Morning(Strategy strategy, bool since_ready) {
    CenterConfig c = SalesAndDesk();
    c.queues[kSales].strategy = strategy;
    c.queues[kSales].counters_since_ready = since_ready;
    Start(c);
    Login(0, {1});
    CallId id = 100;
    for (int i = 0; i < 3; ++i, ++id) {
      Connected(1 + 20 * i, id, 1);
      ASSERT_TRUE(At(11 + 20 * i, CallEndTalk{id}).ok());
    }
    Login(70, {2});
    Connected(71, id, 2);
    ASSERT_TRUE(At(81, CallEndTalk{id}).ok());
    ASSERT_TRUE(At(90, AgentNotReady{1, NotReadyReason::kBreak}).ok());
    ASSERT_TRUE(At(100, AgentReady{1}).ok());
  }
  AgentId NextOffer(double t_s) {
    Clear();
    NewCall(t_s, 500, kSales);
    const std::vector<Offer> offers = Take<Offer>();
    return offers.size() == 1 ? offers[0].agent : 0;
  }
};

TEST_F(SinceReadyTest, FewestCallsSinceReadyPicksTheAgentBackFromABreak) {
  Morning(Strategy::kLeastCalls, /*since_ready=*/true);
  EXPECT_EQ(engine_->GetAgent(1)->calls_today, 3u);
  EXPECT_EQ(NextOffer(110), 1u);  // 0 calls since ready against seller 2's 1
}

TEST_F(SinceReadyTest, FewestCallsOfTheDayPicksTheOtherAgent) {
  Morning(Strategy::kLeastCalls, /*since_ready=*/false);
  EXPECT_EQ(NextOffer(110), 2u);  // 1 call today against seller 1's 3
}

TEST_F(SinceReadyTest, LeastTalkTimeSinceReadyCountsTheTalkAfterTheBreak) {
  Morning(Strategy::kLeastTalkTime, /*since_ready=*/true);
  EXPECT_EQ(NextOffer(110), 1u);  // 0 s since ready against 10 s
  ASSERT_TRUE(At(111, CallAnswer{500, 1}).ok());
  ASSERT_TRUE(At(131, CallEndTalk{500}).ok());  // 20 s since ready now
  Clear();
  NewCall(140, 501, kSales);
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
}

// A login counts as becoming ready; wrap-up ended early (AgentReady of a
// ready agent) does not start the count again. A snapshot keeps the counts.
TEST_F(SinceReadyTest, OnlyComingBackFromNotReadyOrALoginResetsAndASnapshotKeepsThem) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].strategy = Strategy::kLeastCalls;
  c.queues[kSales].counters_since_ready = true;
  c.queues[kSales].wrapup_ms = 30'000;
  Start(c);
  Login(0, {1, 2});
  Connected(1, 100, 1);
  ASSERT_TRUE(At(5, CallEndTalk{100}).ok());  // seller 1 in wrap-up
  ASSERT_TRUE(At(6, AgentReady{1}).ok());     // ends wrap-up: still 1 call since ready
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine_ = std::move(*restored);
  EXPECT_EQ(engine_->GetAgent(1)->calls_since_ready, 1u);
  EXPECT_EQ(engine_->GetAgent(1)->talk_ms_since_ready, 4'000);
  EXPECT_EQ(NextOffer(7), 2u);
  ASSERT_TRUE(At(8, AgentLogout{1}).ok());
  ASSERT_TRUE(At(9, AgentLogin{1, true}).ok());  // a login starts the count again
  EXPECT_EQ(engine_->GetAgent(1)->calls_since_ready, 0u);
  EXPECT_EQ(engine_->GetAgent(1)->talk_ms_since_ready, 0);
  EXPECT_EQ(engine_->GetAgent(1)->calls_today, 1u);
}

}  // namespace
}  // namespace acd::testing
