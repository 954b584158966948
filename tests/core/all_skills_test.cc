// Scenario tests of the universal agent (AgentConfig::all_skills_level): it
// meets every skill requirement (skill expressions, required skills, a
// queue's skill, skill scores) as if it listed every skill at its level; a
// skill it lists keeps its own level, also after AgentSetSkills; it serves
// only the queues it is a member of; the center rejects a level outside
// 1..10 naming the field.
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/skill_expr.h"
#include "gtest/gtest.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/skill_floor.h"

namespace acd::testing {
namespace {

// A second queue, billing, of which no agent is a member.
CenterConfig TwoQueues() {
  CenterConfig c = Floor();
  QueueConfig billing;
  billing.name = "billing";
  c.queues.push_back(billing);
  return c;
}

class AllSkillsTest : public SkillMatchTest {
 protected:
  void Offer(CallId id, const std::string& expr, std::initializer_list<SkillLevel> required = {},
             QueueId queue = 0, int min_level = kMinLevel) {
    ASSERT_TRUE(Call(id, expr, required, queue, min_level).ok());
  }
  // Answers and ends the call just offered so that its agent is free again
  // (no wrap-up).
  void Finish(CallId id) {
    ASSERT_TRUE(s_->OfferedTo(id).has_value());
    ASSERT_TRUE(s_->Send(CallAnswer{id, *s_->OfferedTo(id)}, 1000).ok());
    ASSERT_TRUE(s_->Send(CallHangup{id}, 1000).ok());
  }
};

// Every requirement up to its level, none above it; a NOT of a skill is
// never met (it holds them all).
TEST_F(AllSkillsTest, MeetsEveryRequirementUpToItsLevel) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {}, 6);
  Start(c);
  Login(1);
  Offer(10, "german>=7");
  EXPECT_EQ(StateOf(10), CallState::kWaiting);  // 6 < 7
  Offer(11, "english | german>=7", {{kSales, 6}});
  EXPECT_EQ(s_->OfferedTo(11), AgentId{1});
  Finish(11);
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  Offer(12, "sales & !trainee");
  EXPECT_EQ(StateOf(12), CallState::kWaiting);  // it holds trainee too
  Offer(13, "trainee>=6");
  EXPECT_EQ(s_->OfferedTo(13), AgentId{1});
  ExpectInvariants();
}

// A listed skill keeps its own level, lower or higher than the blanket one.
TEST_F(AllSkillsTest, ListedSkillsKeepTheirLevel) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kSales, 2}, {kGerman, 10}}, 8);
  Start(c);
  Login(1);
  Offer(10, "", {{kSales, 5}});
  EXPECT_EQ(StateOf(10), CallState::kWaiting);  // its sales is 2
  Offer(11, "german>=9 & english>=8");
  EXPECT_EQ(s_->OfferedTo(11), AgentId{1});
  ExpectInvariants();
}

// AgentSetSkills replaces the listed skills only: the blanket level is
// configuration and stays.
TEST_F(AllSkillsTest, SetSkillsKeepsTheBlanketLevel) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {}, 6);
  Start(c);
  Login(1);
  ASSERT_TRUE(s_->Send(AgentSetSkills{1, {{kSales, 2}}}, 1000).ok());
  Offer(10, "sales>=5");
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  Offer(11, "english>=6");
  EXPECT_EQ(s_->OfferedTo(11), AgentId{1});
  Finish(11);
  ASSERT_TRUE(s_->Send(AgentSetSkills{1, {}}, 1000).ok());  // sales back to 6
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});
  ExpectInvariants();
}

// A queue whose level comes from a skill takes the blanket level as the
// member's level: highest proficiency offers the universal agent at 9 before
// a listed 5, and a call's minimum level above 9 waits.
TEST_F(AllSkillsTest, AQueueSkillTakesTheBlanketLevel) {
  CenterConfig c = Floor();
  c.queues[0].strategy = Strategy::kHighestProficiency;
  c.queues[0].has_skill = true;
  c.queues[0].skill = kSales;
  AddAgent(c, 1, {{kSales, 5}});
  AddAgent(c, 2, {}, 9);
  Start(c);
  Login(1);
  Login(2);
  Offer(10, "", {}, 0, 10);
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  Offer(11, "");
  EXPECT_EQ(s_->OfferedTo(11), AgentId{2});
  ExpectInvariants();
}

// best_skill_score counts every weighted skill at the blanket level.
TEST_F(AllSkillsTest, SkillScoresCountTheBlanketLevel) {
  CenterConfig c = Floor();
  c.queues[0].strategy = Strategy::kBestSkillScore;
  c.queues[0].skill_weights = {{kSales, 3}, {kEnglish, 1}};
  AddAgent(c, 1, {{kSales, 5}});         // 15, idle the longest
  AddAgent(c, 2, {{kEnglish, 1}}, 4);    // 3 x 4 + 1 x 1 = 13
  AddAgent(c, 3, {}, 4);                 // 16
  Start(c);
  for (AgentId id : {1, 2, 3}) Login(id);
  std::vector<AgentId> order;
  for (CallId call = 10; call < 13; ++call) {
    Offer(call, "");
    ASSERT_TRUE(s_->OfferedTo(call).has_value());
    order.push_back(*s_->OfferedTo(call));
  }
  EXPECT_EQ(order, (std::vector<AgentId>{3, 1, 2}));
  ExpectInvariants();
}

// Every skill, not every queue (Amazon Connect's routing profile lists the
// queues apart from the proficiencies): billing's call waits.
TEST_F(AllSkillsTest, ServesOnlyItsQueues) {
  CenterConfig c = TwoQueues();
  AddAgent(c, 1, {}, 10);
  Start(c);
  Login(1);
  Offer(10, "", {}, 1);
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  Offer(11, "german>=10");
  EXPECT_EQ(s_->OfferedTo(11), AgentId{1});
  ExpectInvariants();
}

TEST_F(AllSkillsTest, ALevelOutsideOneToTenNamesTheField) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {}, 11);
  AddAgent(c, 2, {}, -1);
  AddAgent(c, 3, {{kTrainee, 1}}, 10);
  const absl::Status st = ValidateCenter(c);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("agents[0].all_skills_level: 11 is outside 1..10 (0: off)"),
            std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("agents[1].all_skills_level: -1 is outside 1..10"),
            std::string::npos);
  EXPECT_EQ(st.message().find("agents[2]"), std::string::npos);
}

}  // namespace
}  // namespace acd::testing
