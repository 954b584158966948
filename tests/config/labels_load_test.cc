// Loading a center's own labels (issue 12): not-ready reasons and intents
// declared in the file take the ids after the built-in ones, entry rules
// match them by name, and a bad label file is refused with the field, the
// line and the reason.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "acd/labels.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Center(const std::string& labels, const std::string& intents = "[billing]") {
  return labels +
         "queues:\n  - name: desk\n"
         "agents:\n  - id: 1\n    queues: [{queue: desk}]\n"
         "entry_rules:\n  - name: money\n    match: {intents: " +
         intents + "}\n    route: {kind: queue, queue: desk}\n";
}

constexpr char kLabels[] =
    "labels:\n"
    "  not_ready_reasons: [coaching, admin, outbound_campaign]\n"
    "  intents: [billing, technical, cancel]\n";

TEST(LabelsLoad, DeclaredLabelsFollowTheBuiltIns) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(Center(kLabels), "l.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_THAT(center->labels.not_ready_reasons, ElementsAre("coaching", "admin", "outbound_campaign"));
  EXPECT_THAT(center->labels.intents, ElementsAre("billing", "technical", "cancel"));
  ASSERT_EQ(center->entry_rules.size(), 1u);
  EXPECT_THAT(center->entry_rules[0].match.intents,
              ElementsAre(static_cast<Intent>(kBuiltinIntents)));
  EXPECT_EQ(LabelName(center->labels, static_cast<NotReadyReason>(kBuiltinNotReadyReasons + 2)),
            "outbound_campaign");
  EXPECT_EQ(LabelName(center->labels, NotReadyReason::kLunch), "lunch");
  absl::StatusOr<NotReadyReason> admin =
      ResolveNotReadyReason(center->labels, "reason", "admin");
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(static_cast<int>(*admin), kBuiltinNotReadyReasons + 1);
}

TEST(LabelsLoad, AFileWithoutLabelsKeepsTheBuiltInsOnly) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(Center("", "[buy, support]"), "l.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_TRUE(center->labels.not_ready_reasons.empty());
  EXPECT_THAT(center->entry_rules[0].match.intents, ElementsAre(Intent::kBuy, Intent::kSupport));
  absl::Status coffee = ResolveNotReadyReason(center->labels, "agents[3].reason", "coffee").status();
  EXPECT_EQ(coffee.message(),
            "agents[3].reason: 'coffee' is not a not-ready reason of this center; it declares "
            "none, unspecified, break, lunch, training, meeting, no_answer");
}

TEST(LabelsLoad, AnEntryRuleMayNotNameAnUndeclaredIntent) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(Center("", "[billing]"), "l.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_THAT(center.status().message(),
              HasSubstr("l.yaml:8: entry_rules[0].match.intents[0]: unknown intent \"billing\""));
}

TEST(LabelsLoad, BadLabelsAreRefusedWithTheirPathAndReason) {
  const std::string yaml = Center(
      "labels:\n"
      "  not_ready_reasons: [coaching, lunch, coaching, Coffee Break]\n"
      "  intents: [billing, \"\"]\n");
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "l.yaml");
  ASSERT_FALSE(center.ok());
  const std::string message(center.status().message());
  EXPECT_THAT(message, HasSubstr("labels.not_ready_reasons[1]: 'lunch' is a built-in name"));
  EXPECT_THAT(message, HasSubstr("labels.not_ready_reasons[2]: 'coaching' is declared twice"));
  EXPECT_THAT(message, HasSubstr("labels.not_ready_reasons[3]: 'Coffee Break' is not a label name"));
  EXPECT_THAT(message, HasSubstr("labels.intents[1]: '' is not a label name"));
}

TEST(LabelsLoad, AtMostSixtyFourOfAKind) {
  std::string many = "labels:\n  intents: [";
  for (int i = 0; i <= 64; ++i) many += (i ? ", l" : "l") + std::to_string(i);
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(Center(many + "]\n"), "l.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_THAT(center.status().message(), HasSubstr("labels.intents: 65 labels, at most 64"));
}

TEST(LabelsLoad, AnUnknownLabelsFieldIsRefused) {
  absl::StatusOr<CenterConfig> center =
      LoadCenterYaml(Center("labels:\n  pause_reasons: [coaching]\n"), "l.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_THAT(center.status().message(), HasSubstr("pause_reasons"));
}

}  // namespace
}  // namespace acd
