// Loading a queue's order_by (TaskRouter's order_by on a worker attribute)
// and agents' attributes from center files: the values, the defaults, and
// the loader's errors, each naming the field and the line.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> YamlErrors(std::string_view yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "o.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

// Line 1: "queues:"; the desk queue's own lines follow line 2; then two
// agents, the first one's extra lines after its id (line 5 with no desk lines).
std::string Center(const std::string& desk, const std::string& first_agent = "") {
  return "queues:\n  - name: desk\n" + desk + "agents:\n  - id: 1\n" + first_agent +
         "    queues: [{queue: desk}]\n  - id: 2\n    queues: [{queue: desk}]\n";
}

TEST(OrderByLoad, OrderByAndAttributes) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      Center("    order_by: {attribute: seniority, direction: desc}\n",
             "    attributes: {seniority: 7, english: -3}\n"),
      "o.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_EQ(center->queues[0].order_by, "seniority");
  EXPECT_TRUE(center->queues[0].order_descending);
  // In name order, whatever the file's.
  EXPECT_EQ(center->agents[0].attributes,
            (std::vector<AgentAttribute>{{"english", -3}, {"seniority", 7}}));
  EXPECT_TRUE(center->agents[1].attributes.empty());

  center = LoadCenterYaml(Center("    order_by: {attribute: seniority}\n"), "o.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_FALSE(center->queues[0].order_descending);  // ascending by default

  center = LoadCenterYaml(Center(""), "o.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_TRUE(center->queues[0].order_by.empty());
}

TEST(OrderByLoad, ErrorsNameTheFieldAndTheLine) {
  EXPECT_THAT(YamlErrors(Center("    order_by: {attribute: seniority, direction: up}\n")),
              ElementsAre("o.yaml:3: queues[0].order_by.direction: must be \"asc\" or "
                          "\"desc\", got \"up\""));
  EXPECT_THAT(YamlErrors(Center("    order_by: {direction: desc}\n")),
              ElementsAre("o.yaml:3: queues[0].order_by.attribute: must name an agent "
                          "attribute"));
  EXPECT_THAT(YamlErrors(Center("    strategy: round_robin\n"
                                "    order_by: {attribute: seniority}\n")),
              ElementsAre("o.yaml:4: queues[0].order_by: not with strategy round_robin, which "
                          "orders no agent before another (use longest_idle, least_calls, "
                          "least_talk_time, fixed_order, highest_proficiency or "
                          "best_skill_score)"));
  EXPECT_THAT(YamlErrors(Center("", "    attributes: {seniority: 9007199254740993}\n")),
              ElementsAre("o.yaml:5: agents[0].attributes.seniority: 9007199254740993 is "
                          "outside -2^53..2^53"));
  EXPECT_THAT(YamlErrors(Center("", "    attributes: {seniority: 2.5}\n")).size(), 1u);
}

}  // namespace
}  // namespace acd
