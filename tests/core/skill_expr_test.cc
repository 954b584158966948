// Unit tests of skill requirements: parsing, the canonical form, evaluation
// against a naive evaluation of random trees, printing, every error, and
// the skill score.
#include "acd/skill_expr.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/skill_expr_gen.h"

namespace acd {
namespace {

using testing::NaiveExpr;
using testing::TestRng;

const std::vector<std::string> kNames = {"sales", "english", "german", "trainee", "support"};

SkillExpr P(const std::string& text) {
  absl::StatusOr<SkillExpr> e = ParseSkillExpr(text, kNames);
  EXPECT_TRUE(e.ok()) << text << ": " << e.status();
  return e.ok() ? *e : SkillExpr();
}

std::string Error(const std::string& text, const std::vector<std::string>& names = kNames) {
  absl::StatusOr<SkillExpr> e = ParseSkillExpr(text, names);
  EXPECT_FALSE(e.ok()) << text;
  EXPECT_EQ(e.status().code(), absl::StatusCode::kInvalidArgument) << text;
  return std::string(e.status().message());
}

TEST(SkillExpr, TheFloorsExample) {
  const SkillExpr e = P("sales>=5 & (english | german>=7) & !trainee");
  EXPECT_TRUE(e.Matches({{0, 5}, {1, 1}}));
  EXPECT_TRUE(e.Matches({{2, 7}, {0, 9}}));  // any order
  EXPECT_FALSE(e.Matches({{0, 4}, {1, 9}}));            // sales too low
  EXPECT_FALSE(e.Matches({{0, 5}, {2, 6}}));            // german too low, no english
  EXPECT_FALSE(e.Matches({{0, 5}, {1, 1}, {3, 1}}));    // a trainee
  EXPECT_TRUE(e.Matches({{0, 5}, {1, 1}, {3, 0}}));     // level 0 counts as lacking
  EXPECT_EQ(e.alternatives(), 2u);
}

// A universal agent: every skill it does not list at `others`; the listed
// ones at their own level.
TEST(SkillExpr, UnlistedSkillsAtTheBlanketLevel) {
  const SkillExpr e = P("sales>=5 & (english | german>=7)");
  EXPECT_TRUE(e.Matches({}, 5));
  EXPECT_FALSE(e.Matches({}, 4));
  EXPECT_FALSE(e.Matches({{0, 4}}, 10));  // its own sales is 4
  EXPECT_TRUE(e.Matches({{0, 5}, {1, 1}}, 0));
  EXPECT_FALSE(P("sales & !trainee").Matches({{0, 5}}, 1));  // it holds trainee too
  EXPECT_TRUE(P("sales & !trainee").Matches({{0, 5}, {3, 0}}, 1));
}

TEST(SkillExpr, DefaultIsAlwaysAndNeverMatchesNobody) {
  EXPECT_TRUE(SkillExpr().always());
  EXPECT_TRUE(SkillExpr().Matches({}));
  EXPECT_TRUE(SkillExpr::Never().never());
  EXPECT_FALSE(SkillExpr::Never().Matches({{0, 10}}));
  EXPECT_EQ(SkillExpr().ToString(kNames), "");
  EXPECT_EQ(SkillExpr::Never().ToString(kNames), "never");
}

TEST(SkillExpr, PrecedenceNotThenAndThenOr) {
  EXPECT_EQ(P("sales | english & german"), P("sales | (english & german)"));
  EXPECT_NE(P("sales | english & german"), P("(sales | english) & german"));
  EXPECT_EQ(P("!sales & english"), P("(!sales) & english"));
  EXPECT_NE(P("!sales & english"), P("!(sales & english)"));
}

TEST(SkillExpr, EqualRequirementsAreEqualValues) {
  EXPECT_EQ(P("sales & english"), P("english&sales"));
  EXPECT_EQ(P("sales | sales & english"), P("sales"));
  EXPECT_EQ(P("sales>=3 | sales>=5"), P("sales>=3"));
  EXPECT_EQ(P("!!sales"), P("sales"));
  EXPECT_EQ(P("sales & english | sales & !english"), P("sales"));
  EXPECT_EQ(P("(sales | english) & (sales | german)"), P("sales | english & german"));
  EXPECT_EQ(P("!(sales & english)"), P("!sales | !english"));
  EXPECT_EQ(P("sales & !english | english & german | sales & german"),
            P("sales & !english | english & german"));
  EXPECT_EQ(P("sales>=1"), P("sales"));
  EXPECT_EQ(P("sales>=3 & sales>=7"), P("sales>=7"));
  // The canonical form is kept whole: a|b and a|!a&b are the same requirement.
  EXPECT_EQ(P("sales | !sales & english"), P("sales | english"));
  EXPECT_EQ(SkillExpr::AllOf({{1, 4}, {0, 2}}), P("sales>=2 & english>=4"));
  EXPECT_EQ(SkillExpr::AtLeast(2, 7), P("german>=7"));
}

TEST(SkillExpr, TautologyIsAlways) {
  EXPECT_TRUE(P("sales | !sales").always());
  EXPECT_TRUE(P("sales>=4 | !sales>=4 | english").always());
}

TEST(SkillExpr, PrintsTextThatParsesBack) {
  EXPECT_EQ(P("english|sales>=5&!trainee").ToString(kNames), "sales>=5 & !trainee | english");
  EXPECT_EQ(P("!sales>=5").ToString(kNames), "!sales>=5");
  EXPECT_EQ(P("sales>=3 & !sales>=7").ToString(kNames), "sales>=3 & !sales>=7");
  EXPECT_EQ(P("sales & !sales>=4 | sales>=8 | !sales").ToString(kNames),
            "(!sales>=4 | sales>=8)");
  EXPECT_EQ(SkillExpr::AtLeast(9, 2).ToString(kNames), "#9>=2");
  TestRng rng(7);
  for (int i = 0; i < 200; ++i) {
    const NaiveExpr tree = testing::RandomNaiveExpr(rng, 3, 3);
    absl::StatusOr<SkillExpr> e = ParseSkillExpr(tree.Text(kNames), kNames);
    if (!e.ok() || e->always()) continue;
    EXPECT_EQ(P(e->ToString(kNames)), *e) << tree.Text(kNames) << " printed " << e->ToString(kNames);
  }
}

// Every agent skill vector over 3 skills (levels 0..10; 0 = lacking).
std::vector<std::vector<SkillLevel>> AllAgents() {
  std::vector<std::vector<SkillLevel>> out;
  for (int a = 0; a <= 10; ++a) {
    for (int b = 0; b <= 10; ++b) {
      for (int c = 0; c <= 10; ++c) {
        std::vector<SkillLevel> skills;
        for (auto [skill, level] : {std::pair{0, a}, std::pair{1, b}, std::pair{2, c}}) {
          if (level > 0) skills.push_back({static_cast<SkillId>(skill), level});
        }
        out.push_back(skills);
      }
    }
  }
  return out;
}

// The canonical form matches exactly the agents the tree does, and two
// trees get equal values exactly when they match the same agents.
TEST(SkillExpr, AgreesWithNaiveEvaluationAndIsCanonical) {
  const std::vector<std::vector<SkillLevel>> agents = AllAgents();
  TestRng rng(42);
  std::vector<std::pair<SkillExpr, std::vector<bool>>> seen;
  int parsed = 0;
  for (int i = 0; i < 400; ++i) {
    const NaiveExpr tree = testing::RandomNaiveExpr(rng, 3, static_cast<int>(rng.Between(1, 4)));
    const std::string text = tree.Text(kNames);
    std::vector<bool> truth;
    for (const auto& agent : agents) truth.push_back(tree.Eval(agent));
    absl::StatusOr<SkillExpr> e = ParseSkillExpr(text, kNames);
    if (std::find(truth.begin(), truth.end(), true) == truth.end()) {
      EXPECT_FALSE(e.ok()) << text << " can never be met";
      continue;
    }
    ASSERT_TRUE(e.ok()) << text << ": " << e.status();
    ++parsed;
    for (size_t a = 0; a < agents.size(); ++a) {
      ASSERT_EQ(e->Matches(agents[a]), truth[a]) << text << " agent #" << a;
    }
    for (const auto& [other, other_truth] : seen) {
      ASSERT_EQ(other == *e, other_truth == truth)
          << text << " vs " << other.ToString(kNames) << " (" << e->ToString(kNames) << ")";
    }
    seen.emplace_back(*e, truth);
  }
  EXPECT_GT(parsed, 300);
}

TEST(SkillExpr, CombinatorsKeepTheNormalForm) {
  EXPECT_EQ(*SkillExpr::And(P("sales"), P("english | german")), P("sales & (english | german)"));
  EXPECT_EQ(*SkillExpr::Or(P("sales"), P("english")), P("english | sales"));
  EXPECT_EQ(*SkillExpr::Not(P("sales | english")), P("!sales & !english"));
  EXPECT_TRUE(SkillExpr::And(P("sales"), P("!sales"))->never());
  EXPECT_EQ(*SkillExpr::And(SkillExpr(), P("sales")), P("sales"));
}

// Without(x, s) is met by exactly the agents for whom some level of s meets
// x; Requiring(x, s, L) by those who also hold s at L or better. Checked
// against the naive evaluation over every agent of three skills.
TEST(SkillExpr, WithoutAndRequiringAgreeWithNaiveEvaluation) {
  const std::vector<std::vector<SkillLevel>> agents = AllAgents();
  TestRng rng(99);
  int checked = 0;
  for (int i = 0; i < 200; ++i) {
    const NaiveExpr tree = testing::RandomNaiveExpr(rng, 3, static_cast<int>(rng.Between(1, 3)));
    absl::StatusOr<SkillExpr> e = ParseSkillExpr(tree.Text(kNames), kNames);
    if (!e.ok()) continue;  // never met
    const SkillId skill = static_cast<SkillId>(rng.Below(3));
    const int level = static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
    absl::StatusOr<SkillExpr> open = SkillExpr::Without(*e, skill);
    absl::StatusOr<SkillExpr> req = SkillExpr::Requiring(*e, skill, level);
    ASSERT_TRUE(open.ok() && req.ok()) << tree.Text(kNames);
    ++checked;
    for (const std::vector<SkillLevel>& agent : agents) {
      bool some = false;
      for (int v = 0; v <= kMaxLevel && !some; ++v) {
        std::vector<SkillLevel> trial = agent;
        bool listed = false;
        for (SkillLevel& sl : trial) {
          if (sl.skill == skill) sl.level = v, listed = true;
        }
        if (!listed) trial.push_back({skill, v});
        some = e->Matches(trial);
      }
      int held = 0;
      for (const SkillLevel& sl : agent) held = sl.skill == skill ? sl.level : held;
      ASSERT_EQ(open->Matches(agent), some) << tree.Text(kNames) << " without #" << skill;
      ASSERT_EQ(req->Matches(agent), some && held >= level)
          << tree.Text(kNames) << " requiring #" << skill << ">=" << level;
    }
  }
  EXPECT_GT(checked, 150);
  EXPECT_TRUE(SkillExpr::Without(P("sales>=5"), 0)->always());
  EXPECT_EQ(*SkillExpr::Requiring(P("sales>=5 & english"), 0, 2), P("sales>=2 & english"));
  EXPECT_EQ(*SkillExpr::Requiring(SkillExpr(), 2, 3), P("german>=3"));
  EXPECT_EQ(*SkillExpr::Requiring(P("!german"), 2, 3), P("german>=3"));
  EXPECT_TRUE(SkillExpr::Without(SkillExpr::Never(), 1)->never());
}

TEST(SkillExpr, ErrorsNamePositionAndReason) {
  EXPECT_EQ(Error(""), "skills_expr: empty expression at column 1");
  EXPECT_EQ(Error("   "), "skills_expr: empty expression at column 4");
  EXPECT_EQ(Error("sales>=5 & (engish | german)"),
            "skills_expr: unknown skill 'engish' at column 13 (did you mean 'english'?)");
  EXPECT_EQ(Error("Sales"), "skills_expr: unknown skill 'Sales' at column 1 (did you mean 'sales'?)");
  EXPECT_EQ(Error("french"), "skills_expr: unknown skill 'french' at column 1");
  EXPECT_EQ(Error("sales &"), "skills_expr: expected a skill name but the text ended at column 8");
  EXPECT_EQ(Error("& sales"),
            "skills_expr: expected a skill name or '(' but found '&' at column 1");
  EXPECT_EQ(Error("(sales | english"),
            "skills_expr: expected ')' but the text ended at column 17 (to close the '(' at "
            "column 1)");
  EXPECT_EQ(Error("(sales | english("),
            "skills_expr: expected ')' but found '(' at column 17 (to close the '(' at column 1)");
  EXPECT_EQ(Error("sales)"), "skills_expr: unexpected ')' at column 6 (no '(' to close)");
  EXPECT_EQ(Error("sales english"),
            "skills_expr: unexpected 'e' at column 7 (expected '&' or '|')");
  EXPECT_EQ(Error("sales>5"),
            "skills_expr: levels compare with '>=' only at column 6 (use !skill>=N for 'below N')");
  EXPECT_EQ(Error("sales=5"),
            "skills_expr: levels compare with '>=' only at column 6 (use !skill>=N for 'below N')");
  EXPECT_EQ(Error("sales>="), "skills_expr: expected a level 1..10 after '>=' at column 8");
  EXPECT_EQ(Error("sales>=11"), "skills_expr: level 11 is outside 1..10 at column 8");
  EXPECT_EQ(Error("sales>= 0"), "skills_expr: level 0 is outside 1..10 at column 9");
  EXPECT_EQ(Error("sales & !sales"), "skills_expr: no agent can ever meet 'sales & !sales'");
  EXPECT_EQ(Error(std::string(40, '!') + "sales"),
            "skills_expr: nesting deeper than 32 at column 34");
  EXPECT_EQ(Error(std::string(1001, 'x')), "skills_expr: 1001 characters, at most 1000");
  const absl::StatusOr<SkillExpr> named = ParseSkillExpr("x", kNames, "entry_rules[2].skills_expr");
  EXPECT_EQ(named.status().message(), "entry_rules[2].skills_expr: unknown skill 'x' at column 1");
}

TEST(SkillExpr, TooComplexIsRefused) {
  std::vector<std::string> names;
  std::string text;
  for (int i = 0; i < 10; ++i) {
    names.push_back("a" + std::to_string(i));
    names.push_back("b" + std::to_string(i));
    text += (i > 0 ? " & " : "") + std::string("(a") + std::to_string(i) + " | b" +
            std::to_string(i) + ")";
  }
  EXPECT_EQ(Error(text, names),
            "skills_expr: too complex: 32 alternatives in normal form, at most 16");
  std::string wide = "a0";
  for (int i = 1; i < 10; ++i) wide += " | a" + std::to_string(i) + " & b" + std::to_string(i);
  wide += " | b0 & a1>=2 & !a2 | a3 & b3 & a4 | a5 & !b5 & a6 | a7 & b8 & a9 & !b9";
  wide += " | a4 & b4 & a5 & b5 & a6 & b6 & a7 & b7 | b1 & b2 & a3 & a8 | b3 & b4 & a5 & a9";
  wide += " | a1 & a2 & a3 & a4 & a5 & a6 | b0 & b1 & b2 & b3 & b4 & b5";
  const std::string message = Error(wide, names);
  EXPECT_EQ(message.rfind("skills_expr: too complex: ", 0), 0u) << message;
}

TEST(SkillScore, SumsWeightTimesLevel) {
  const std::vector<SkillWeight> weights = {{0, 3}, {1, 1}};
  EXPECT_EQ(SkillScore(weights, {{0, 5}, {1, 2}, {2, 9}}), 17);
  EXPECT_EQ(SkillScore(weights, {{1, 10}}), 10);  // no sales: 0
  EXPECT_EQ(SkillScore(weights, {}), 0);
  EXPECT_EQ(SkillScore({}, {{0, 5}}), 0);
  EXPECT_EQ(SkillScore(weights, {{1, 2}}, 4), 14);  // sales at the blanket 4
  EXPECT_EQ(SkillScore(weights, {}, 10), 40);
}

}  // namespace
}  // namespace acd
