// Loading the overflow rules that change a caller's skill requirement
// (require_skill, drop_skill: Amazon Connect's routing criteria steps) and
// the conditions on the caller's place in line from center files, and the
// errors that name the field.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;

// Line 5 is the first rule.
std::string WithRules(const std::string& rules) {
  return "skills: [english, aws]\nqueues:\n  - name: desk\n    rules:\n" + rules +
         "agents:\n  - id: 1\n    skills: [{skill: english, level: 8}]\n"
         "    queues: [{queue: desk}]\n";
}

std::vector<std::string> YamlErrors(const std::string& yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "s.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

// Connect's documented example: English >= 4 and AWS >= 4 for 30 s, then
// English >= 2 alone; callers far back in line go to voicemail.
TEST(SkillStepsLoad, RoutingCriteriaStepsLoad) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      WithRules("      - {name: step2-english, after_ms: 30000, action: require_skill,\n"
                "         skill: english, level: 2}\n"
                "      - {name: step2-aws, after_ms: 30000, action: drop_skill, skill: aws}\n"
                "      - {name: far-back, after_ms: 60000, condition: position_at_least,\n"
                "         threshold: 20, route: {kind: voicemail, target: desk}}\n"
                "      - {name: head, after_ms: 5000, condition: position_at_most,\n"
                "         threshold: 1, action: raise_priority, priority_delta: 1}\n"),
      "s.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const std::vector<OverflowRule>& rules = center->queues[0].rules;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].action, RuleActionKind::kRequireSkill);
  EXPECT_EQ(rules[0].skill, SkillId{0});
  EXPECT_EQ(rules[0].level, 2);
  EXPECT_EQ(rules[1].action, RuleActionKind::kDropSkill);
  EXPECT_EQ(rules[1].skill, SkillId{1});
  EXPECT_EQ(rules[2].condition, RuleCondition::kPositionAtLeast);
  EXPECT_EQ(rules[2].threshold, 20);
  EXPECT_EQ(rules[3].condition, RuleCondition::kPositionAtMost);
}

TEST(SkillStepsLoad, ErrorsNameTheField) {
  EXPECT_THAT(
      YamlErrors(WithRules("      - {name: a, action: require_skill, skill: german, level: 2}\n"
                           "      - {name: b, action: require_skill, skill: english}\n"
                           "      - {name: c, action: drop_skill}\n"
                           "      - {name: d, action: raise_priority, priority_delta: 1,\n"
                           "         skill: aws}\n"
                           "      - {name: e, action: drop_skill, skill: aws, level: 3}\n")),
      ElementsAre(::testing::HasSubstr("queues[0].rules[0].skill: no skill named \"german\""),
                  "s.yaml:6: queues[0].rules[1].level: missing: action \"require_skill\" needs "
                  "the level (1..10)",
                  "s.yaml:7: queues[0].rules[2].skill: missing: action \"drop_skill\" needs the "
                  "skill it changes",
                  "s.yaml:9: queues[0].rules[3].skill: only used with action \"require_skill\" "
                  "or \"drop_skill\"",
                  "s.yaml:10: queues[0].rules[4].level: only used with action "
                  "\"set_min_level\" or \"require_skill\""));
  EXPECT_THAT(
      YamlErrors(WithRules("      - {name: a, action: require_skill, skill: aws, level: 11}\n"
                           "      - {name: b, condition: position_at_most, threshold: 0,\n"
                           "         action: drop_skill, skill: aws}\n")),
      ElementsAre(::testing::HasSubstr("queues[0].rules[0].level: 11 is outside 1..10"),
                  ::testing::HasSubstr("queues[0].rules[1].threshold: must be in 1..1000000 "
                                       "(a place in line, 1 = next), got 0")));
}

}  // namespace
}  // namespace acd
