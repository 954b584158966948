// Scenario test of the overflow rule condition waiting_per_agent_at_least
// (Wazo's "waiting calls per logged agents" queue diversion, a percent of
// calls waiting per member logged in).
#include <string>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;

class DivertRatioTest : public testing::ScenarioTest {
 protected:
  // The calls diverted (RouteCall by the rule) since the last Clear.
  std::vector<CallId> Diverted() {
    std::vector<CallId> out;
    for (const RouteCall& r : Take<RouteCall>()) {
      if (r.cause == RouteCause::kRule) out.push_back(r.call);
    }
    return out;
  }
};

// Wazo's example: threshold 150%, two agents logged in: the third caller
// waiting (3 / 2 = 150%) is diverted; a third member logged in, even not
// ready, lowers the ratio; with nobody logged in every caller is diverted.
TEST_F(DivertRatioTest, CallsWaitingPerMemberLoggedInDivertAtTheThreshold) {
  CenterConfig c = testing::SalesAndDesk();
  OverflowRule divert;
  divert.name = "busy";
  divert.condition = RuleCondition::kWaitingPerAgentAtLeast;
  divert.threshold = 150;
  divert.route.kind = OverflowKind::kVoicemail;
  divert.route.target = "mailbox";
  c.queues[kSales].rules = {divert};
  Start(c);
  NewCall(0, 99, kSales);  // nobody logged in: an endless ratio
  EXPECT_EQ(Diverted(), std::vector<CallId>{99});
  Login(0, {1, 2});
  Connected(1, 10, 1);
  Connected(1, 11, 2);  // both busy: callers wait
  Clear();
  NewCall(2, 100, kSales);  // 1 waiting / 2 = 50%
  NewCall(2, 101, kSales);  // 100%
  EXPECT_TRUE(Diverted().empty());
  NewCall(3, 102, kSales);  // 150%
  EXPECT_EQ(Diverted(), std::vector<CallId>{102});
  EXPECT_EQ(EndedOf(102).disposition, Disposition::kVoicemail);
  ASSERT_TRUE(At(4, AgentLogin{3, false}).ok());  // logged in, not ready
  Clear();
  NewCall(5, 103, kSales);  // 3 waiting / 3 = 100%
  EXPECT_TRUE(Diverted().empty());
  NewCall(6, 104, kSales);  // 4 waiting / 3 = 133%
  EXPECT_TRUE(Diverted().empty());
  NewCall(7, 105, kSales);  // 5 / 3 = 167%
  EXPECT_EQ(Diverted(), std::vector<CallId>{105});
}

TEST_F(DivertRatioTest, AThresholdOutOfRangeIsRefusedNamingTheField) {
  CenterConfig c = testing::SalesAndDesk();
  OverflowRule divert;
  divert.name = "busy";
  divert.condition = RuleCondition::kWaitingPerAgentAtLeast;
  divert.route.kind = OverflowKind::kVoicemail;
  for (int64_t threshold : {int64_t{0}, int64_t{-5}, int64_t{1'000'001}}) {
    divert.threshold = threshold;
    c.queues[kSales].rules = {divert};
    VectorSink sink;
    auto engine = Engine::Create(c, &sink, EngineOptions{1});
    ASSERT_FALSE(engine.ok());
    EXPECT_NE(engine.status().message().find("queues[0].rules[0].threshold: must be in 1..1000000"),
              std::string::npos)
        << engine.status();
  }
}

}  // namespace
}  // namespace acd
