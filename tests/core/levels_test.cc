// Scenario tests of a queue's level options: level_first (Asterisk's
// penalty and FreeSWITCH's tier level: the best level first whatever the
// strategy; ring-all rings the best available level only) and
// ignore_levels_up_to_members (Asterisk's penaltymemberslimit), and
// skip_empty_delays (FreeSWITCH's tier-rule-no-agent-no-wait). Sellers 1,
// 2, 3 are at levels 9, 6, 3 (testing::SalesAndDesk). Invariants are
// checked after every step.
#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;

CenterConfig Center(Strategy strategy, bool level_first, uint32_t ignore_up_to = 0) {
  CenterConfig c = testing::SalesAndDesk();
  QueueConfig& q = c.queues[kSales];
  q.strategy = strategy;
  q.level_first = level_first;
  q.ignore_levels_up_to_members = ignore_up_to;
  return c;
}

class LevelsTest : public testing::ScenarioTest {
 protected:
  // Sellers 3, 2, 1 log in one second apart: seller 3 (the lowest level)
  // has been idle the longest, seller 1 (the highest) the shortest.
  void LowestLevelIdleLongest() {
    Login(0, {3});
    Login(1, {2});
    Login(2, {1});
  }
};

// Asterisk's queues.conf: members with a lower penalty are tried first,
// higher ones only when no lower one is available; app_queue weighs the
// penalty before the strategy's metric. Under longest idle, seller 3 would
// get the call; level first gives it to seller 1, then 2, then 3.
TEST_F(LevelsTest, BestLevelFirstThenTheStrategy) {
  Start(Center(Strategy::kLongestIdle, /*level_first=*/false));
  LowestLevelIdleLongest();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});

  Start(Center(Strategy::kLongestIdle, /*level_first=*/true));
  LowestLevelIdleLongest();
  Clear();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
  ASSERT_TRUE(At(6, CallAnswer{100, 1}).ok());
  NewCall(7, 101, kSales);
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{2});
  ASSERT_TRUE(At(8, CallAnswer{101, 2}).ok());
  NewCall(9, 102, kSales);
  EXPECT_EQ(OfferedTo(102), std::vector<AgentId>{3});
}

// Every strategy decides within the best level only: whichever seller the
// strategy would favour, seller 1 (level 9) takes the call while free.
// Seller 3 is favoured by each: idle longest, first in fixed order, the
// round-robin's next, nearly all the weight of weighted random.
TEST_F(LevelsTest, EveryStrategyServesTheBestLevel) {
  const Strategy strategies[] = {Strategy::kLongestIdle,  Strategy::kLeastCalls,
                                 Strategy::kLeastTalkTime, Strategy::kRoundRobin,
                                 Strategy::kFixedOrder,   Strategy::kRandom,
                                 Strategy::kWeightedRandom};
  for (Strategy strategy : strategies) {
    for (uint64_t seed = 1; seed <= 8; ++seed) {
      CenterConfig c = Center(strategy, /*level_first=*/true);
      c.agents[2].queues[0].position = 0;
      c.agents[2].queues[0].weight = 1000;
      Start(c, seed);
      LowestLevelIdleLongest();
      Clear();
      NewCall(5, 100, kSales);
      EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1})
          << "strategy " << static_cast<int>(strategy) << " seed " << seed;
    }
  }
}

// Asterisk's ringall with penalties rings the lowest-penalty group only.
// Sellers 1 and 2 share level 9 here: a call rings both, not seller 3;
// with both busy the next call rings seller 3 alone.
TEST_F(LevelsTest, RingAllRingsTheBestAvailableLevel) {
  CenterConfig c = Center(Strategy::kRingAll, /*level_first=*/true);
  c.agents[1].skills[0].level = 9;
  Start(c);
  LowestLevelIdleLongest();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), (std::vector<AgentId>{1, 2}));
  ASSERT_TRUE(At(6, CallAnswer{100, 1}).ok());
  Clear();
  NewCall(7, 101, kSales);
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{2});
  ASSERT_TRUE(At(8, CallAnswer{101, 2}).ok());
  NewCall(9, 102, kSales);
  EXPECT_EQ(OfferedTo(102), std::vector<AgentId>{3});

  c.queues[kSales].level_first = false;  // every level rings at once
  Start(c);
  LowestLevelIdleLongest();
  Clear();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100).size(), 3u);
}

// Member delays decide who may take the call; level first chooses among
// those. Seller 1 (level 9) takes sales calls only after 10 s in line:
// seller 3 (level 3) is offered a new call at once rather than holding it
// for the better seller.
TEST_F(LevelsTest, DelayedMembersDoNotHoldTheCall) {
  CenterConfig c = Center(Strategy::kLongestIdle, /*level_first=*/true);
  c.agents[0].queues[0].delay_ms = 10'000;
  Start(c);
  Login(0, {1, 3});
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
}

// Asterisk's penaltymemberslimit ("no penalty will be weighed in if there
// are only X or fewer queue members"): sales has three members. With a
// limit of 3 a call asking for level 8 is taken by seller 3 (level 3), the
// longest idle, as if no level were set; with a limit of 2 levels count.
TEST_F(LevelsTest, FewMembersWeighNoLevel) {
  Start(Center(Strategy::kLongestIdle, /*level_first=*/true, /*ignore_up_to=*/3));
  LowestLevelIdleLongest();
  NewCall(5, 100, kSales, 0, /*min_level=*/8);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});

  Start(Center(Strategy::kLongestIdle, /*level_first=*/true, /*ignore_up_to=*/2));
  LowestLevelIdleLongest();
  Clear();
  NewCall(5, 100, kSales, 0, /*min_level=*/8);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
}

// The limit counts the queue's configured members, logged in or not, as
// app_queue counts its members: two logged out sellers still count.
TEST_F(LevelsTest, LimitCountsConfiguredMembers) {
  Start(Center(Strategy::kLongestIdle, /*level_first=*/false, /*ignore_up_to=*/2));
  Login(0, {3});
  NewCall(5, 100, kSales, 0, /*min_level=*/8);
  EXPECT_TRUE(OfferedTo(100).empty());
}

// A reload applies the level options to the calls in line at once: the
// caller who asked for level 8 and waits with only seller 3 logged in is
// offered to seller 3 when the queue stops weighing levels.
TEST_F(LevelsTest, ReloadAppliesToCallsInLine) {
  Start(Center(Strategy::kLongestIdle, /*level_first=*/false));
  Login(0, {3});
  NewCall(5, 100, kSales, 0, /*min_level=*/8);
  EXPECT_TRUE(OfferedTo(100).empty());
  ASSERT_TRUE(engine_->Reconfigure(Center(Strategy::kLongestIdle, false, 3)).ok());
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
  EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
}

// FreeSWITCH's tier-rule-no-agent-no-wait ("callers will skip tiers that
// don't have agents available"; mod_callcenter counts a tier's agents
// whose status is Available or On Break, i.e. logged in): seller 3 takes
// sales calls after 20 s (a second tier). With seller 1 and 2 (the first
// tier) logged out, a call waits those 20 s unless the queue skips empty
// delays; then seller 3 is offered it at once.
CenterConfig TieredCenter(bool skip) {
  CenterConfig c = Center(Strategy::kLongestIdle, /*level_first=*/false);
  c.agents[2].queues[0].delay_ms = 20'000;
  c.queues[kSales].skip_empty_delays = skip;
  return c;
}

TEST_F(LevelsTest, EmptyTierMakesTheCallWait) {
  Start(TieredCenter(/*skip=*/false));
  Login(0, {3});
  NewCall(5, 100, kSales);
  EXPECT_TRUE(OfferedTo(100).empty());
  Advance(24.999);
  EXPECT_TRUE(OfferedTo(100).empty());
  Advance(25);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
}

TEST_F(LevelsTest, EmptyTierIsSkipped) {
  Start(TieredCenter(/*skip=*/true));
  Login(0, {3});
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
}

// A first-tier member logged in but busy keeps the tier: the call waits
// for the delay; when the last first-tier member logs out, the call skips
// to seller 3 at once.
TEST_F(LevelsTest, BusyTierHoldsTheCallUntilItsMembersLogOut) {
  Start(TieredCenter(/*skip=*/true));
  Login(0, {1, 3});
  ASSERT_TRUE(At(0, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  NewCall(5, 100, kSales);
  EXPECT_TRUE(OfferedTo(100).empty());
  ASSERT_TRUE(At(8, AgentLogout{1}).ok());
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
}

// A reload that turns the option on applies to the calls in line at once.
TEST_F(LevelsTest, ReloadSkipsEmptyTiersForCallsInLine) {
  Start(TieredCenter(/*skip=*/false));
  Login(0, {3});
  NewCall(5, 100, kSales);
  EXPECT_TRUE(OfferedTo(100).empty());
  ASSERT_TRUE(engine_->Reconfigure(TieredCenter(/*skip=*/true)).ok());
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
  EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
}

TEST_F(LevelsTest, SkippingEmptyDelaysNeedsADelay) {
  CenterConfig c = Center(Strategy::kLongestIdle, false);
  c.queues[kSales].skip_empty_delays = true;
  const absl::Status s = ValidateCenter(c);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(absl::StrContains(s.message(), "queues[0].skip_empty_delays: no member of the queue "
                                             "has a delay_ms"))
      << s;
}

}  // namespace
}  // namespace acd
