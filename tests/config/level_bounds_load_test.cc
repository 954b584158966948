// Loading set_level_bounds overflow rules (Asterisk's queuerules.conf
// penaltychange on acd's level scale) from center files: absolute values,
// relative steps, fields left out, and the errors that name the field.
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
  return "skills: [german]\nqueues:\n  - name: desk\n    rules:\n" + rules +
         "agents:\n  - id: 1\n    skills: [{skill: german, level: 8}]\n"
         "    queues: [{queue: desk}]\n";
}

std::vector<std::string> YamlErrors(const std::string& yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "b.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

// queuerules.conf.sample's [myrule], on acd's scale: the maximum penalty
// is the minimum level (its +3 is -3 here), the minimum penalty the
// maximum level, the raise penalty the level cap.
TEST(LevelBoundsLoad, SampleRuleLoads) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      WithRules("      - {name: wider, after_ms: 30000, action: set_level_bounds,\n"
                "         min_level_change: \"-3\"}\n"
                "      - {name: both, after_ms: 60000, action: set_level_bounds,\n"
                "         min_level_change: \"1\", max_level_change: \"5\"}\n"
                "      - {name: upper, after_ms: 75000, action: set_level_bounds,\n"
                "         max_level_change: \"+2\"}\n"
                "      - {name: raise, after_ms: 90000, action: set_level_bounds,\n"
                "         level_cap_change: \"3\"}\n"),
      "b.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const std::vector<OverflowRule>& rules = center->queues[0].rules;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].action, RuleActionKind::kSetLevelBounds);
  EXPECT_EQ(rules[0].bounds, (LevelBoundsChange{{true, -3}, {}, {}}));
  EXPECT_EQ(rules[1].bounds, (LevelBoundsChange{{false, 1}, {false, 5}, {}}));
  EXPECT_EQ(rules[2].bounds, (LevelBoundsChange{{}, {true, 2}, {}}));
  EXPECT_EQ(rules[3].bounds, (LevelBoundsChange{{}, {}, {false, 3}}));
}

TEST(LevelBoundsLoad, ErrorsNameTheField) {
  EXPECT_THAT(
      YamlErrors(WithRules("      - {name: a, action: set_level_bounds, min_level_change: \"x3\",\n"
                           "         max_level_change: \"+\", level_cap_change: \"3+\"}\n"
                           "      - {name: b, action: set_min_level, level: 3,\n"
                           "         max_level_change: \"5\"}\n")),
      ElementsAre("b.yaml:5: queues[0].rules[0].min_level_change: \"x3\" is neither a level "
                  "(1..10) nor a step (+N or -N, 1..9)",
                  "b.yaml:6: queues[0].rules[0].max_level_change: \"+\" is neither a level "
                  "(1..10) nor a step (+N or -N, 1..9)",
                  "b.yaml:6: queues[0].rules[0].level_cap_change: \"3+\" is neither a level "
                  "(1..10) nor a step (+N or -N, 1..9)",
                  "b.yaml:8: queues[0].rules[1].max_level_change: only used with action "
                  "\"set_level_bounds\""));
  EXPECT_THAT(
      YamlErrors(WithRules("      - {name: a, action: set_level_bounds, min_level_change: \"11\",\n"
                           "         max_level_change: \"-10\"}\n"
                           "      - {name: b, action: set_level_bounds}\n")),
      ElementsAre(::testing::HasSubstr("queues[0].rules[0].min_level_change: 11 is outside 1..10"),
                  ::testing::HasSubstr(
                      "queues[0].rules[0].max_level_change: a step of -10 is outside -9..+9"),
                  ::testing::HasSubstr("queues[0].rules[1]: action set_level_bounds changes "
                                       "nothing")));
}

}  // namespace
}  // namespace acd
