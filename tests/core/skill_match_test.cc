// Scenario tests of skill requirements (SkillExpr) and the best_skill_score
// strategy in the engine: an OR is met by either skill, a NOT excludes,
// required_skills are ANDed in, a skill change re-files the agent, the
// highest score is offered first with ties by longest idle, and the limits
// answer with the field's name.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/engine.h"
#include "acd/skill_expr.h"
#include "gtest/gtest.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/skill_floor.h"

namespace acd::testing {
namespace {

TEST_F(SkillMatchTest, AnOrIsMetByEitherSkill) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {});                     // neither: idle the longest
  AddAgent(c, 2, {{kGerman, 7}});
  AddAgent(c, 3, {{kEnglish, 2}});
  Start(c);
  Login(1);
  Login(2);
  ASSERT_TRUE(Call(10, "english | german>=7").ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{2});
  Login(3);
  ASSERT_TRUE(Call(11, "english | german>=7").ok());
  EXPECT_EQ(s_->OfferedTo(11), AgentId{3});
  ASSERT_TRUE(Call(12, "english | german>=7").ok());
  EXPECT_EQ(StateOf(12), CallState::kWaiting);  // agent 1 has neither
  ExpectInvariants();
}

TEST_F(SkillMatchTest, ANotExcludes) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kTrainee, 1}, {kSales, 9}});  // idle the longest, but a trainee
  AddAgent(c, 2, {{kSales, 4}});
  Start(c);
  Login(1);
  Login(2);
  ASSERT_TRUE(Call(10, "sales & !trainee").ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{2});
  ASSERT_TRUE(Call(11, "sales>=5 & !trainee").ok());
  EXPECT_EQ(StateOf(11), CallState::kWaiting);
  ExpectInvariants();
}

TEST_F(SkillMatchTest, RequiredSkillsAreAndedIn) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kSales, 3}, {kEnglish, 5}});
  AddAgent(c, 2, {{kSales, 8}, {kGerman, 9}});
  Start(c);
  Login(1);
  Login(2);
  ASSERT_TRUE(Call(10, "english", {{kSales, 5}}).ok());
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  ASSERT_TRUE(Call(11, "english | german", {{kSales, 5}}).ok());
  EXPECT_EQ(s_->OfferedTo(11), AgentId{2});
  ExpectInvariants();
}

TEST_F(SkillMatchTest, ASkillChangeRefilesTheAgent) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kGerman, 5}});
  AddAgent(c, 2, {{kEnglish, 5}});
  Start(c);
  Login(1);
  ASSERT_TRUE(Call(10, "german>=7 | english & !trainee").ok());
  EXPECT_EQ(StateOf(10), CallState::kWaiting);
  ASSERT_TRUE(s_->Send(AgentSetSkills{1, {{kGerman, 8}}}, 1000).ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});
  // Losing the skill takes the agent out of the requirement's pool.
  Login(2);
  ASSERT_TRUE(s_->Send(AgentSetSkills{2, {{kEnglish, 5}, {kTrainee, 1}}}, 1000).ok());
  ASSERT_TRUE(Call(11, "german>=7 | english & !trainee").ok());
  EXPECT_EQ(StateOf(11), CallState::kWaiting);
  ASSERT_TRUE(s_->Send(AgentSetSkills{2, {{kEnglish, 5}}}, 1000).ok());
  EXPECT_EQ(s_->OfferedTo(11), AgentId{2});
  ExpectInvariants();
}

// Twenty spellings of one requirement are one pool: the queue's limit of
// 16 distinct requirements is not reached.
TEST_F(SkillMatchTest, EqualRequirementsShareOnePool) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kGerman, 5}});
  Start(c);
  CallId id = 10;
  for (int k = 1; k <= 10; ++k) {
    const std::string level = std::to_string(k);
    ASSERT_TRUE(Call(id++, "english | german | english & german>=" + level).ok());
    ASSERT_TRUE(Call(id++, "!(!german & !english) | german>=" + level + " & !trainee").ok());
  }
  Login(1);
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});
  ExpectInvariants();
}

TEST_F(SkillMatchTest, BestSkillScoreOffersTheHighestScoreTiesByLongestIdle) {
  CenterConfig c = Floor(Strategy::kBestSkillScore);  // 3 x sales + 1 x english
  AddAgent(c, 1, {{kSales, 5}});                        // 15
  AddAgent(c, 2, {{kSales, 4}, {kEnglish, 4}});         // 16, idle longer than 3
  AddAgent(c, 3, {{kSales, 2}, {kEnglish, 10}});        // 16
  AddAgent(c, 4, {{kGerman, 10}});                      // 0
  Start(c);
  for (AgentId id : {4, 1, 2, 3}) Login(id);
  std::vector<AgentId> order;
  for (CallId call = 10; call < 14; ++call) {
    ASSERT_TRUE(Call(call, "").ok());
    ASSERT_TRUE(s_->OfferedTo(call).has_value());
    order.push_back(*s_->OfferedTo(call));
  }
  EXPECT_EQ(order, (std::vector<AgentId>{2, 3, 1, 4}));
  ExpectInvariants();
}

TEST_F(SkillMatchTest, BestSkillScoreFollowsASkillChange) {
  CenterConfig c = Floor(Strategy::kBestSkillScore);
  AddAgent(c, 1, {{kSales, 5}});   // 15
  AddAgent(c, 2, {{kSales, 6}});   // 18
  Start(c);
  Login(1);
  Login(2);
  ASSERT_TRUE(s_->Send(AgentSetSkills{1, {{kSales, 10}}}, 1000).ok());  // 30
  ASSERT_TRUE(Call(10, "").ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{1});
  ExpectInvariants();
}

TEST_F(SkillMatchTest, BadRequirementsNameTheField) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kSales, 5}});
  Start(c);
  ASSERT_TRUE(s_->Send(CallArrive{10, {}}).ok());
  CallEnqueue e = Enqueue(10, 0, 0, kMinLevel, {{kSales, 5}});
  e.skills_expr = Expr(c, "!sales");
  absl::Status st = s_->Send(e);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(),
            "skills_expr: no agent can ever meet '!sales' together with required_skills");
  e.required_skills.clear();
  e.skills_expr = SkillExpr::AtLeast(9, 2);
  st = s_->Send(e);
  EXPECT_EQ(st.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "skills_expr: skill 9 does not exist (the center has 4 skills)");
  EXPECT_EQ(StateOf(10), CallState::kArrived);  // nothing changed
}

TEST_F(SkillMatchTest, TooManyRequirementsIsBackPressure) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {});
  Start(c);
  CallId id = 10;
  // Pool 0 has no requirement; 15 more fit.
  for (int level = 1; level <= 10; ++level) {
    ASSERT_TRUE(Call(id++, "english>=" + std::to_string(level)).ok());
  }
  for (int level = 1; level <= 5; ++level) {
    ASSERT_TRUE(Call(id++, "german>=" + std::to_string(level)).ok());
  }
  const absl::Status st = Call(id, "german>=6");
  EXPECT_EQ(st.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(st.message(),
            "skills_expr: queue 'support' already routes 16 distinct skill requirements");
  ExpectInvariants();
}

// 16 alternatives of 3 skills fit the normal form's 64 terms; ANDing two
// required skills into each makes 80: refused as back-pressure, by name.
TEST_F(SkillMatchTest, RequirementTooComplexIsBackPressure) {
  CenterConfig c = Floor();
  std::string text;
  for (int i = 0; i < 16; ++i) {
    for (const char* s : {"a", "b", "c"}) c.skills.push_back(s + std::to_string(i));
    text += (i > 0 ? " | " : "") + absl::StrCat("a", i, " & b", i, " & c", i);
  }
  AddAgent(c, 1, {});
  Start(c);
  ASSERT_TRUE(s_->Send(CallArrive{10, {}}).ok());
  CallEnqueue e = Enqueue(10, 0, 0, kMinLevel, {{kSales, 5}, {kEnglish, 2}});
  e.skills_expr = Expr(c, text);
  EXPECT_EQ(e.skills_expr.alternatives(), 16u);
  const absl::Status st = s_->Send(e);
  EXPECT_EQ(st.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(st.message(), "skills_expr: too complex: 80 conditions in normal form, at most 64");
  EXPECT_EQ(StateOf(10), CallState::kArrived);
}

TEST_F(SkillMatchTest, EntryRuleRequirement) {
  CenterConfig c = Floor();
  AddAgent(c, 1, {{kSales, 9}});
  AddAgent(c, 2, {{kSales, 2}, {kGerman, 3}});
  EntryRule rule;
  rule.name = "german";
  rule.route = OverflowAction{OverflowKind::kQueue, 0, ""};
  rule.skills_expr = Expr(c, "german | sales>=10");
  c.entry_rules = {rule};
  Start(c);
  Login(1);
  Login(2);
  ASSERT_TRUE(s_->Send(CallArrive{10, {}}, 1000).ok());
  ASSERT_TRUE(s_->Send(CallClassify{10, "", Intent::kUnknown}).ok());
  EXPECT_EQ(s_->OfferedTo(10), AgentId{2});
  ExpectInvariants();
}

TEST(SkillMatchValidate, EntryRuleAndWeightsAreChecked) {
  CenterConfig c = Floor(Strategy::kBestSkillScore);
  c.queues[0].skill_weights = {{kSales, 0}, {9, 1}, {kSales, 2}};
  EntryRule rule;
  rule.name = "x";
  rule.route = OverflowAction{OverflowKind::kQueue, 0, ""};
  rule.required_skills = {{kSales, 5}};
  rule.skills_expr = *ParseSkillExpr("!sales>=3", c.skills);
  c.entry_rules = {rule};
  QueueConfig plain;
  plain.name = "plain";
  plain.skill_weights = {{kSales, 1}};
  c.queues.push_back(plain);
  QueueConfig unweighted;
  unweighted.name = "unweighted";
  unweighted.strategy = Strategy::kBestSkillScore;
  c.queues.push_back(unweighted);
  const absl::Status st = ValidateCenter(c);
  EXPECT_EQ(st.message(),
            "queues[0].skill_weights[0].weight: must be 1..1000, got 0\n"
            "queues[0].skill_weights[1].skill: 9 does not exist (the center has 4 skills)\n"
            "queues[0].skill_weights[2].skill: 'sales' is listed twice\n"
            "queues[1].skill_weights: only used with strategy best_skill_score (this queue's "
            "is longest_idle)\n"
            "queues[2].skill_weights: strategy best_skill_score needs at least one skill weight\n"
            "entry_rules[0].skills_expr: no agent can ever meet '!sales>=3' together with "
            "required_skills");
}

}  // namespace
}  // namespace acd::testing
