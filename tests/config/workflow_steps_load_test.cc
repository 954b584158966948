// Loading TaskRouter's workflow timing from center files: a queue's rules
// counted from the call's arrival (rules_from_arrival), a ring out that
// moves the caller on (ring_timeout_moves_on) and rules that recur
// (every_ms: priority aging), and the errors that name the field. Also
// Asterisk's rules kept at a caller's entry (keep_rules_at_entry).
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;

// TaskRouter's documented workflow (targets Q1, Q2, Q3, 10 s each, a
// reservation timeout of 5 s) as acd queues.
constexpr char kWorkflow[] =
    "queues:\n"
    "  - name: q1\n"
    "    ring_timeout_ms: 5000\n"
    "    rules_from_arrival: true\n"
    "    ring_timeout_moves_on: true\n"
    "    rules: [{name: to-q2, after_ms: 10000, route: {kind: queue, queue: q2}}]\n"
    "  - name: q2\n"
    "    ring_timeout_ms: 5000\n"
    "    rules_from_arrival: true\n"
    "    ring_timeout_moves_on: true\n"
    "    rules: [{name: to-q3, after_ms: 20000, route: {kind: queue, queue: q3}}]\n"
    "  - name: q3\n"
    "    ring_timeout_ms: 5000\n"
    "agents:\n"
    "  - {id: 1, queues: [{queue: q1}]}\n"
    "  - {id: 2, queues: [{queue: q2}]}\n"
    "  - {id: 3, queues: [{queue: q3}]}\n";

TEST(WorkflowStepsLoad, TaskRouterTargetsLoad) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(kWorkflow, "w.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_TRUE(center->queues[0].rules_from_arrival);
  EXPECT_TRUE(center->queues[0].ring_timeout_moves_on);
  EXPECT_TRUE(center->queues[1].rules_from_arrival);
  EXPECT_FALSE(center->queues[2].rules_from_arrival);
  EXPECT_FALSE(center->queues[2].ring_timeout_moves_on);
}

TEST(WorkflowStepsLoad, OptionsWithoutRulesAreRefusedNamingTheField) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      "queues:\n"
      "  - name: q1\n"
      "    rules_from_arrival: true\n"
      "    ring_timeout_moves_on: true\n"
      "agents:\n"
      "  - id: 1\n"
      "    queues: [{queue: q1}]\n",
      "w.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_THAT(std::vector<std::string>(absl::StrSplit(center.status().message(), '\n')),
              ElementsAre("w.yaml:3: queues[0].rules_from_arrival: the queue has no overflow "
                          "rule to time from the call's arrival",
                          "w.yaml:4: queues[0].ring_timeout_moves_on: the queue has no "
                          "overflow rule to move on to"));
}

TEST(WorkflowStepsLoad, NotABooleanIsRefused) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      "queues:\n"
      "  - name: q1\n"
      "    rules_from_arrival: sometimes\n"
      "    rules: [{name: r, after_ms: 1000, route: {kind: voicemail, target: q1}}]\n",
      "w.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_NE(center.status().message().find("queues[0].rules_from_arrival"), std::string::npos)
      << center.status();
}

// TaskRouter's priority aging as a recurring rule: one more point of
// priority every 30 s of waiting, from 30 s.
TEST(WorkflowStepsLoad, RecurringRulesLoad) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      "queues:\n"
      "  - name: q1\n"
      "    rules:\n"
      "      - {name: aging, after_ms: 30000, every_ms: 30000, action: raise_priority,\n"
      "         priority_delta: 1}\n"
      "      - {name: mailbox, after_ms: 600000, route: {kind: voicemail, target: q1}}\n"
      "agents:\n"
      "  - {id: 1, queues: [{queue: q1}]}\n",
      "w.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_EQ(center->queues[0].rules[0].every_ms, 30'000);
  EXPECT_EQ(center->queues[0].rules[1].every_ms, 0);
}

TEST(WorkflowStepsLoad, APeriodUnderASecondIsRefusedNamingTheField) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      "queues:\n"
      "  - name: q1\n"
      "    rules:\n"
      "      - {name: aging, every_ms: 500, action: raise_priority, priority_delta: 1}\n"
      "agents:\n"
      "  - {id: 1, queues: [{queue: q1}]}\n",
      "w.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_EQ(center.status().message(),
            "w.yaml:4: queues[0].rules[0].every_ms: 500 ms is shorter than a recurring rule's "
            "1000 ms (0: the rule comes due once)")
      << center.status();
}

// Asterisk's penalty rules copied to a caller as it joins.
TEST(WorkflowStepsLoad, KeptRulesLoad) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      "queues:\n"
      "  - name: q1\n"
      "    keep_rules_at_entry: true\n"
      "    rules: [{name: mailbox, after_ms: 60000, route: {kind: voicemail, target: q1}}]\n"
      "  - name: q2\n"
      "agents:\n"
      "  - {id: 1, queues: [{queue: q1}, {queue: q2}]}\n",
      "w.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_TRUE(center->queues[0].keep_rules_at_entry);
  EXPECT_FALSE(center->queues[1].keep_rules_at_entry);
}

TEST(WorkflowStepsLoad, KeptRulesWithoutARuleAreRefusedNamingTheField) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      "queues:\n"
      "  - name: q1\n"
      "    keep_rules_at_entry: true\n"
      "agents:\n"
      "  - {id: 1, queues: [{queue: q1}]}\n",
      "w.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_EQ(center.status().message(),
            "w.yaml:3: queues[0].keep_rules_at_entry: the queue has no overflow rule for its "
            "callers to keep")
      << center.status();
}

}  // namespace
}  // namespace acd
