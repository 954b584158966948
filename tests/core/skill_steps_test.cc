// Scenario tests of the overflow rules that change a waiting caller's skill
// requirement (require_skill, drop_skill: Amazon Connect's routing criteria
// steps, Genesys' bullseye rings) and of the rule conditions on the
// caller's place in line (position_at_most, position_at_least). The floor
// is testing::Floor(): skills sales, english, german, trainee; one queue,
// "support". Invariants are checked after the steps that matter.
#include <string>
#include <vector>

#include "acd/command.h"
#include "acd/engine.h"
#include "acd/skill_expr.h"
#include "gtest/gtest.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/skill_floor.h"

namespace acd::testing {
namespace {

OverflowRule Step(const std::string& name, TimeMs after_ms, RuleActionKind action, SkillId skill,
                  int level = kMinLevel) {
  OverflowRule r;
  r.name = name;
  r.after_ms = after_ms;
  r.action = action;
  r.skill = skill;
  r.level = level;
  return r;
}

class SkillStepsTest : public SkillMatchTest {
 protected:
  // The RuleApplied commands of the last step, as (rule, held).
  std::vector<std::pair<int, bool>> Applied() const {
    std::vector<std::pair<int, bool>> out;
    for (const Command& c : s_->last()) {
      if (const auto* r = std::get_if<RuleApplied>(&c.body)) out.push_back({r->rule, r->held});
    }
    return out;
  }
  bool Routed(CallId id) const {
    for (const Command& c : s_->last()) {
      const auto* r = std::get_if<RouteCall>(&c.body);
      if (r != nullptr && r->call == id) return true;
    }
    return false;
  }
};

// Connect's documented routing criteria: step 1 asks English >= 4 and the
// product skill (sales here) >= 4 for 30 s; step 2 asks English >= 2
// alone, with no expiry. An agent with English 3 and sales 2 is offered
// the contact only once the first step has expired.
TEST_F(SkillStepsTest, RoutingCriteriaStepsRelaxAndDrop) {
  CenterConfig c = Floor();
  c.queues[0].rules = {Step("english-2", 30'000, RuleActionKind::kRequireSkill, kEnglish, 2),
                       Step("any-sales", 30'000, RuleActionKind::kDropSkill, kSales)};
  AddAgent(c, 1, {{kEnglish, 3}, {kSales, 2}});
  Start(c);
  Login(1);
  ASSERT_TRUE(Call(10, "", {{kEnglish, 4}, {kSales, 4}}).ok());
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  ASSERT_TRUE(s_->AdvanceBy(29'999).ok());
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  ASSERT_TRUE(s_->AdvanceBy(1).ok());
  EXPECT_EQ(Applied(), (std::vector<std::pair<int, bool>>{{0, true}, {1, true}}));
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});
  ExpectInvariants();
}

// A requirement added at entry keeps the call from the agents without the
// skill until a later ring of the bullseye drops it again; relaxing keeps
// the rest of the requirement (english) in force.
TEST_F(SkillStepsTest, AddedSkillHoldsUntilDropped) {
  CenterConfig c = Floor();
  c.queues[0].rules = {Step("german", 0, RuleActionKind::kRequireSkill, kGerman, 5),
                       Step("german-3", 10'000, RuleActionKind::kRequireSkill, kGerman, 3),
                       Step("no-german", 20'000, RuleActionKind::kDropSkill, kGerman)};
  AddAgent(c, 1, {{kEnglish, 9}});
  AddAgent(c, 2, {{kGerman, 4}});
  Start(c);
  ASSERT_TRUE(Call(10, "english>=5").ok());
  Login(1, 0);
  Login(2, 0);
  EXPECT_EQ(StateOf(10), CallState::kWaiting);  // english and german >= 5: nobody
  ASSERT_TRUE(s_->AdvanceBy(10'000).ok());
  EXPECT_EQ(StateOf(10), CallState::kWaiting);  // german >= 3 still with english: nobody
  ASSERT_TRUE(s_->AdvanceBy(10'000).ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});  // english alone again
  ExpectInvariants();
}

// Raising and relaxing act on the skill's condition wherever the
// requirement has one, the rest of the expression untouched: "english |
// german>=7" asked german >= 2 becomes "german >= 2 & (english | true)",
// that is german >= 2.
TEST_F(SkillStepsTest, StepsReplaceTheSkillsConditionInEveryAlternative) {
  CenterConfig c = Floor();
  c.queues[0].rules = {Step("german-2", 5'000, RuleActionKind::kRequireSkill, kGerman, 2)};
  AddAgent(c, 1, {{kEnglish, 9}});
  AddAgent(c, 2, {{kGerman, 2}});
  Start(c);
  Login(1);
  ASSERT_TRUE(Call(10, "english | german>=7").ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});
  ASSERT_TRUE(s_->Send(CallAnswer{10, 1}).ok());
  ASSERT_TRUE(Call(11, "english | german>=7").ok());
  Login(2, 0);
  EXPECT_EQ(StateOf(11), CallState::kWaiting);  // german 2 < 7, no english
  ASSERT_TRUE(s_->AdvanceBy(5'000).ok());
  EXPECT_EQ(s_->OfferedTo(11), AgentId{2});
  ExpectInvariants();
}

// A queue routes at most kMaxPoolsPerQueue distinct requirements: a step
// that would need one more is passed over (RuleApplied held=false) and the
// caller keeps its requirement.
TEST_F(SkillStepsTest, AStepTheQueueCannotRouteIsPassedOver) {
  CenterConfig c = Floor();
  c.queues[0].rules = {Step("german", 60'000, RuleActionKind::kRequireSkill, kGerman, 5)};
  Start(c);
  // Pool 0 is the requirement-free one; 15 more fill the queue.
  CallId id = 100;
  for (int level = 1; level <= 10; ++level) {
    ASSERT_TRUE(Call(id++, "", {{kSales, level}}).ok());
  }
  for (int level = 1; level <= 5; ++level) {
    ASSERT_TRUE(Call(id++, "", {{kEnglish, level}}).ok());
  }
  ASSERT_TRUE(Call(id, "").ok());  // joins pool 0
  ASSERT_TRUE(s_->AdvanceBy(60'000).ok());  // every caller's rule has come due
  std::vector<std::pair<int, bool>> applied = Applied();
  // Every step needs a new pool; the queue has no room for one.
  ASSERT_EQ(applied.size(), 16u);
  for (const auto& [rule, held] : applied) EXPECT_FALSE(held);
  ExpectInvariants();
}

OverflowRule Place(const std::string& name, TimeMs after_ms, RuleCondition condition,
                   int64_t place) {
  OverflowRule r;
  r.name = name;
  r.after_ms = after_ms;
  r.condition = condition;
  r.threshold = place;
  r.action = RuleActionKind::kRoute;
  r.route = OverflowAction{OverflowKind::kVoicemail, 0, "support-vm"};
  return r;
}

// After 10 s, callers at place 3 or further back are sent to voicemail;
// those nearer the head keep their place.
TEST_F(SkillStepsTest, PositionAtLeastSendsTheCallersFarBack) {
  CenterConfig c = Floor();
  c.queues[0].rules = {Place("far-back", 10'000, RuleCondition::kPositionAtLeast, 3)};
  Start(c);
  for (CallId id = 1; id <= 4; ++id) ASSERT_TRUE(Call(id, "").ok());
  ASSERT_TRUE(s_->AdvanceBy(10'000).ok());
  // Judged in entry order: 1 and 2 stay; 3 is third, then 4 is third too.
  EXPECT_FALSE(Routed(1));
  EXPECT_FALSE(Routed(2));
  EXPECT_TRUE(Routed(3));
  EXPECT_TRUE(Routed(4));
  EXPECT_EQ(StateOf(1), CallState::kWaiting);
  ExpectInvariants();
}

// position_at_most: only the caller at the head is moved on (an "offer it
// wider when it is next" step); the others keep waiting. Caller 3 comes
// last with a higher priority and stands at the head.
TEST_F(SkillStepsTest, PositionAtMostActsOnTheHead) {
  CenterConfig c = Floor();
  c.queues[0].rules = {Place("head", 10'000, RuleCondition::kPositionAtMost, 1)};
  Start(c);
  ASSERT_TRUE(Call(1, "").ok());
  ASSERT_TRUE(Call(2, "").ok());
  ASSERT_TRUE(s_->Send(CallArrive{3, {}}, 1000).ok());
  ASSERT_TRUE(s_->Send(Enqueue(3, 0, /*priority=*/5)).ok());
  ASSERT_TRUE(s_->AdvanceBy(8'000).ok());  // caller 1's rule: second in line
  EXPECT_EQ(Applied(), (std::vector<std::pair<int, bool>>{{0, false}}));
  ASSERT_TRUE(s_->AdvanceBy(1'000).ok());  // caller 2's: third
  EXPECT_EQ(Applied(), (std::vector<std::pair<int, bool>>{{0, false}}));
  ASSERT_TRUE(s_->AdvanceBy(1'000).ok());  // caller 3's: at the head
  EXPECT_TRUE(Routed(3));
  EXPECT_EQ(StateOf(1), CallState::kWaiting);
  EXPECT_EQ(StateOf(2), CallState::kWaiting);
  ExpectInvariants();
}

}  // namespace
}  // namespace acd::testing
