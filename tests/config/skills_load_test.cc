// Loading skill requirements (entry rules' skills_expr) and skill weights
// (queues' skill_weights, strategy best_skill_score) from YAML and JSON,
// and the loader's errors for each, with the line and the field path.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "acd/skill_expr.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> YamlErrors(std::string_view yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "s.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

// Line 1 is the first line of `head`; the queues and agent follow it.
std::string Center(const std::string& head, const std::string& desk = "") {
  return head + "skills: [german, french, trainee]\nqueues:\n  - name: desk\n" + desk +
         "  - name: sales\n"
         "agents:\n  - id: 1\n    skills: [{skill: german, level: 8}]\n"
         "    queues: [{queue: desk}, {queue: sales}]\n";
}

constexpr char kYaml[] = R"(skills: [german, french, trainee]
queues:
  - name: desk
    strategy: best_skill_score
    skill_weights: {german: 3, french: 1}
  - name: sales
agents:
  - id: 1
    skills: [{skill: german, level: 8}, {skill: french, level: 4}]
    queues: [{queue: desk}, {queue: sales}]
entry_rules:
  - name: fr
    route: {kind: queue, queue: sales}
    required_skills: [{skill: french}]
    skills_expr: "german>=5 | !trainee & french>=3"
)";

constexpr char kJson[] = R"({"skills": ["german", "french", "trainee"],
  "queues": [{"name": "desk", "strategy": "best_skill_score",
              "skillWeights": {"french": 1, "german": 3}},
             {"name": "sales"}],
  "agents": [{"id": 1, "skills": [{"skill": "german", "level": 8},
                                  {"skill": "french", "level": 4}],
              "queues": [{"queue": "desk"}, {"queue": "sales"}]}],
  "entryRules": [{"name": "fr", "route": {"kind": "queue", "queue": "sales"},
                  "requiredSkills": [{"skill": "french"}],
                  "skillsExpr": "german>=5 | !trainee & french>=3"}]})";

TEST(SkillsLoad, YamlAndJsonLoadTheSameRequirementAndWeights) {
  absl::StatusOr<CenterConfig> yaml = LoadCenterYaml(kYaml, "s.yaml");
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  absl::StatusOr<CenterConfig> json = LoadCenterJson(kJson, "s.json");
  ASSERT_TRUE(json.ok()) << json.status();
  for (const CenterConfig* c : {&*yaml, &*json}) {
    EXPECT_EQ(c->queues[0].strategy, Strategy::kBestSkillScore);
    EXPECT_EQ(c->queues[0].skill_weights, (std::vector<SkillWeight>{{0, 3}, {1, 1}}));
    EXPECT_TRUE(c->queues[1].skill_weights.empty());
    ASSERT_EQ(c->entry_rules.size(), 1u);
    EXPECT_EQ(c->entry_rules[0].skills_expr,
              *ParseSkillExpr("german>=5 | french>=3 & !trainee", c->skills));
  }
}

TEST(SkillsLoad, BadExpressionsNameLineFieldAndColumn) {
  EXPECT_THAT(
      YamlErrors(Center("entry_rules:\n"
                        "  - name: r0\n"
                        "    route: {kind: queue, queue: sales}\n"
                        "    skills_expr: \"german & (frensh | trainee)\"\n"
                        "  - name: r1\n"
                        "    route: {kind: queue, queue: sales}\n"
                        "    skills_expr: \"german &\"\n"
                        "  - name: r2\n"
                        "    route: {kind: voicemail}\n"
                        "    skills_expr: german\n"
                        "  - name: r3\n"
                        "    route: {kind: queue, queue: sales}\n"
                        "    required_skills: [{skill: german, level: 5}]\n"
                        "    skills_expr: \"!german>=3\"\n"
                        "  - name: r4\n"
                        "    route: {kind: queue, queue: sales}\n"
                        "    skills_expr: \"trainee & !trainee\"\n")),
      ElementsAre(
          "s.yaml:4: entry_rules[0].skills_expr: unknown skill 'frensh' at column 11 (did you "
          "mean 'french'?)",
          "s.yaml:7: entry_rules[1].skills_expr: expected a skill name but the text ended at "
          "column 9",
          "s.yaml:10: entry_rules[2].skills_expr: only used when route.kind is \"queue\" (a "
          "terminal route ends the call at once)",
          "s.yaml:14: entry_rules[3].skills_expr: no agent can ever meet '!german>=3' together "
          "with required_skills",
          "s.yaml:17: entry_rules[4].skills_expr: no agent can ever meet 'trainee & "
          "!trainee'"));
}

TEST(SkillsLoad, RequirementNoAgentMeetsIsUnreachable) {
  EXPECT_THAT(
      YamlErrors(Center("entry_rules:\n"
                        "  - name: fr\n"
                        "    route: {kind: queue, queue: sales}\n"
                        "    skills_expr: \"french | german>=9\"\n")),
      ElementsAre("s.yaml:3: entry_rules[0].route.queue: rule \"fr\" sends calls to \"sales\", "
                  "but no agent can ever take them there or in a queue they can move on to: "
                  "none is a member with 'german>=9 | french'"));
}

TEST(SkillsLoad, BadWeights) {
  EXPECT_THAT(
      YamlErrors(Center("", "    strategy: best_skill_score\n"
                            "    skill_weights: {german: 0, spanish: 2, french: 1001}\n")),
      ElementsAre("s.yaml:5: queues[0].skill_weights.french: weight must be 1..1000, got 1001",
                  "s.yaml:5: queues[0].skill_weights.german: weight must be 1..1000, got 0",
                  "s.yaml:5: queues[0].skill_weights.spanish: no skill named \"spanish\" "
                  "(expected one of: german, french, trainee)",
                  "s.yaml:5: queues[0].skill_weights: strategy best_skill_score needs at least "
                  "one skill weight"));
  EXPECT_THAT(YamlErrors(Center("", "    strategy: best_skill_score\n")),
              ElementsAre("s.yaml:3: queues[0].skill_weights: strategy best_skill_score needs "
                          "at least one skill weight"));
  EXPECT_THAT(YamlErrors(Center("", "    skill_weights: {german: 2}\n")),
              ElementsAre("s.yaml:4: queues[0].skill_weights: only used with strategy "
                          "best_skill_score (this queue's is longest_idle)"));
  EXPECT_THAT(YamlErrors(Center("", "    strategy: best_skill_score\n"
                                    "    skill_weights: [german]\n")),
              ElementsAre("s.yaml:5: queues[0].skill_weights: expected a map, got a list"));
  EXPECT_THAT(YamlErrors(Center("", "    strategy: best_skill_score\n"
                                    "    skill_weights: {german: high}\n")),
              ElementsAre("s.yaml:5: queues[0].skill_weights.german: expected a 32-bit "
                          "integer, got \"high\""));
}

// A universal agent (all_skills_level): the level loads from YAML and JSON,
// the default is off, and the entry rules' reach counts the agent as
// holding every skill at that level (its listed skills at their own).
TEST(SkillsLoad, AllSkillsLevel) {
  absl::StatusOr<CenterConfig> yaml = LoadCenterYaml(
      "skills: [german, french]\nqueues:\n  - name: desk\n"
      "agents:\n  - id: 1\n    all_skills_level: 9\n    skills: [{skill: german, level: 2}]\n"
      "    queues: [{queue: desk}]\n"
      "  - id: 2\n    queues: [{queue: desk}]\n"
      "entry_rules:\n  - name: fr\n    route: {kind: queue, queue: desk}\n"
      "    skills_expr: \"french>=9\"\n",
      "s.yaml");
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  absl::StatusOr<CenterConfig> json = LoadCenterJson(
      R"({"skills": ["german", "french"], "queues": [{"name": "desk"}],
          "agents": [{"id": 1, "allSkillsLevel": 9, "skills": [{"skill": "german", "level": 2}],
                      "queues": [{"queue": "desk"}]},
                     {"id": 2, "queues": [{"queue": "desk"}]}]})",
      "s.json");
  ASSERT_TRUE(json.ok()) << json.status();
  for (const CenterConfig* c : {&*yaml, &*json}) {
    EXPECT_EQ(c->agents[0].all_skills_level, 9);
    EXPECT_EQ(c->agents[0].skills, (std::vector<SkillLevel>{{0, 2}}));
    EXPECT_EQ(c->agents[1].all_skills_level, 0);
  }
  // Its own german (8) wins over the blanket level (9): no one reaches german>=9.
  EXPECT_THAT(
      YamlErrors(Center("entry_rules:\n  - name: de\n    route: {kind: queue, queue: sales}\n"
                        "    skills_expr: \"german>=9\"\n")
                     .append("    all_skills_level: 9\n")),
      ElementsAre("s.yaml:3: entry_rules[0].route.queue: rule \"de\" sends calls to \"sales\", "
                  "but no agent can ever take them there or in a queue they can move on to: "
                  "none is a member with 'german>=9'"));
}

TEST(SkillsLoad, BadAllSkillsLevel) {
  EXPECT_THAT(YamlErrors(Center("").append("    all_skills_level: 11\n")),
              ElementsAre("s.yaml:9: agents[0].all_skills_level: 11 is outside 1..10 (0: off)"));
  EXPECT_THAT(YamlErrors(Center("").append("    all_skills_level: 0\n")),
              ElementsAre("s.yaml:9: agents[0].all_skills_level: 0 is outside 1..10 (leave it "
                          "unset for an agent of its listed skills only)"));
  EXPECT_THAT(YamlErrors(Center("").append("    all_skills_level: high\n")).size(), 1u);
}

}  // namespace
}  // namespace acd
