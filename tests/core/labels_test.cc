// Center labels (issue 12): a center's own not-ready reasons and intents
// take the ids after the built-in ones; the engine refuses an id its center
// does not declare, entry rules match declared intents, a reload that drops
// or moves a label in use is refused, and the labels survive the center
// codec, the snapshot and the event codec.
#include <string>

#include "acd/center_codec.h"
#include "acd/event_codec.h"
#include "acd/labels.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

using Code = absl::StatusCode;

constexpr NotReadyReason kCoaching = static_cast<NotReadyReason>(kBuiltinNotReadyReasons);
constexpr NotReadyReason kAdmin = static_cast<NotReadyReason>(kBuiltinNotReadyReasons + 1);
constexpr Intent kBilling = static_cast<Intent>(kBuiltinIntents);
constexpr Intent kCancel = static_cast<Intent>(kBuiltinIntents + 1);

// SalesAndDesk with labels, and an entry rule sending billing to the desk.
CenterConfig Labelled() {
  CenterConfig c = SalesAndDesk();
  c.labels.not_ready_reasons = {"coaching", "admin"};
  c.labels.intents = {"billing", "cancel"};
  EntryRule billing;
  billing.name = "billing";
  billing.match.intents = {kBilling};
  billing.route = OverflowAction{OverflowKind::kQueue, 1, "", false};
  c.entry_rules = {billing};
  c.entry_default = OverflowAction{OverflowKind::kQueue, 0, "", false};
  return c;
}

class LabelsTest : public ScenarioTest {};

TEST_F(LabelsTest, AnAgentPausesWithADeclaredReason) {
  Start(Labelled());
  Login(1, {1});
  Clear();
  ASSERT_TRUE(At(2, AgentNotReady{1, kCoaching}).ok());
  const std::vector<AgentStateChanged> changes = Take<AgentStateChanged>();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].reason, kCoaching);
  EXPECT_EQ(engine_->GetAgent(1)->reason, kCoaching);
  ASSERT_TRUE(At(3, AgentNotReady{1, kAdmin}).ok());
  ExpectRejected(4, AgentNotReady{1, kAdmin}, Code::kFailedPrecondition, "agent");
  // One past the declared ones, and any id of a center without labels.
  ExpectRejected(4, AgentNotReady{1, static_cast<NotReadyReason>(kBuiltinNotReadyReasons + 2)},
                 Code::kInvalidArgument, "reason");
  ASSERT_TRUE(At(5, AgentNotReady{1, NotReadyReason::kLunch}).ok());
}

TEST_F(LabelsTest, ACenterWithoutLabelsRefusesTheirIds) {
  Start(SalesAndDesk());
  Login(1, {1});
  ExpectRejected(2, AgentNotReady{1, kCoaching}, Code::kInvalidArgument, "reason");
  CallArrive arrive{100, {}};
  arrive.attributes.intent = kBilling;
  ExpectRejected(2, arrive, Code::kInvalidArgument, "attributes.intent");
  ASSERT_TRUE(At(3, CallArrive{100, {}}).ok());
  ExpectRejected(4, CallClassify{100, "", kBilling}, Code::kInvalidArgument, "intent");
  CallUpdate update{100, CallUpdate::kIntent, {}};
  update.attributes.intent = kBilling;
  ExpectRejected(4, update, Code::kInvalidArgument, "attributes.intent");
}

TEST_F(LabelsTest, AnEntryRuleMatchesADeclaredIntent) {
  Start(Labelled());
  ASSERT_TRUE(At(1, CallArrive{100, {}}).ok());
  ASSERT_TRUE(At(1, CallArrive{101, {}}).ok());
  Clear();
  ASSERT_TRUE(At(2, CallClassify{100, "", kBilling}).ok());
  ASSERT_TRUE(At(2, CallClassify{101, "", kCancel}).ok());
  const std::vector<CallQueued> queued = Take<CallQueued>();
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].queue, 1u);  // billing: the desk
  EXPECT_EQ(queued[1].queue, 0u);  // cancel: no rule, the default
}

TEST_F(LabelsTest, AReloadKeepsALabelInUseInItsPlace) {
  Start(Labelled());
  Login(1, {1, 2});
  ASSERT_TRUE(At(2, AgentNotReady{1, kAdmin}).ok());
  CenterConfig dropped = Labelled();
  dropped.labels.not_ready_reasons = {"coaching"};  // admin gone
  const uint64_t before = engine_->StateHash();
  absl::Status s = engine_->Reconfigure(dropped);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition) << s;
  EXPECT_TRUE(absl::StartsWith(s.message(), "labels.not_ready_reasons: 'admin'")) << s;
  EXPECT_EQ(engine_->StateHash(), before);
  CenterConfig moved = Labelled();
  moved.labels.not_ready_reasons = {"admin", "coaching"};  // admin changes its id
  EXPECT_EQ(engine_->Reconfigure(moved).code(), Code::kFailedPrecondition);
  // Appending is fine; so is dropping or renaming a label nobody uses.
  CenterConfig grown = Labelled();
  grown.labels.not_ready_reasons = {"coaching", "admin", "outbound"};
  ASSERT_TRUE(engine_->Reconfigure(grown).ok());
  grown.labels.not_ready_reasons = {"retired", "admin"};  // coaching unused
  ASSERT_TRUE(engine_->Reconfigure(grown).ok());
  EXPECT_EQ(engine_->GetAgent(1)->reason, kAdmin);
  ASSERT_TRUE(engine_->CheckInvariants().ok());
  // Once the agent is back, the label may go.
  ASSERT_TRUE(At(3, AgentReady{1}).ok());
  ASSERT_TRUE(engine_->Reconfigure(SalesAndDesk()).ok());
}

TEST_F(LabelsTest, AReloadKeepsAnIntentALiveCallHas) {
  Start(Labelled());
  CallArrive arrive{100, {}};
  arrive.attributes.intent = kCancel;
  ASSERT_TRUE(At(1, arrive).ok());
  CenterConfig dropped = Labelled();
  dropped.labels.intents = {"billing"};
  absl::Status s = engine_->Reconfigure(dropped);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition) << s;
  EXPECT_TRUE(absl::StartsWith(s.message(), "labels.intents: 'cancel'")) << s;
  ASSERT_TRUE(At(2, CallHangup{100}).ok());
  ASSERT_TRUE(engine_->Reconfigure(dropped).ok());
}

TEST_F(LabelsTest, LabelsSurviveTheCodecsAndTheSnapshot) {
  const CenterConfig center = Labelled();
  absl::StatusOr<CenterConfig> decoded = DecodeCenter(EncodeCenter(center));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->labels, center.labels);
  EXPECT_NE(CenterFingerprint(center), CenterFingerprint(SalesAndDesk()));
  // A center without labels is encoded as before they existed.
  CenterConfig plain = center;
  plain.labels = {};
  const std::string plain_bytes = EncodeCenter(plain);
  EXPECT_EQ(EncodeCenter(center).substr(0, plain_bytes.size()), plain_bytes);

  Start(center);
  Login(1, {1});
  ASSERT_TRUE(At(2, AgentNotReady{1, kCoaching}).ok());
  CallArrive arrive{100, {}};
  arrive.attributes.intent = kCancel;
  ASSERT_TRUE(At(3, arrive).ok());
  absl::StatusOr<std::unique_ptr<Engine>> restored = Engine::Restore(center, engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ((*restored)->GetAgent(1)->reason, kCoaching);
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());

  const Event event{0, 1000, AgentNotReady{1, static_cast<NotReadyReason>(40)}};
  absl::StatusOr<Event> back = DecodeEvent(EncodeEvent(event));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(std::get<AgentNotReady>(back->body).reason, static_cast<NotReadyReason>(40));
  const Event too_far{0, 1000, AgentNotReady{1, static_cast<NotReadyReason>(200)}};
  EXPECT_FALSE(DecodeEvent(EncodeEvent(too_far)).ok());
}

TEST(LabelNames, NamesGoOutAndComeBackByName) {
  CenterLabels labels;
  labels.intents = {"billing"};
  EXPECT_EQ(LabelName(labels, kBilling), "billing");
  EXPECT_EQ(LabelName(labels, Intent::kBuy), "buy");
  EXPECT_EQ(LabelName(labels, kCancel), "#7");
  EXPECT_EQ(*ResolveIntent(labels, "intent", "billing"), kBilling);
  EXPECT_EQ(ResolveIntent(labels, "event.intent", "coffee").status().message(),
            "event.intent: 'coffee' is not an intent of this center; it declares unknown, buy, "
            "existing_order, support, sell_to_us, other, billing");
  EXPECT_FALSE(KnowsLabel(labels, kCancel));
  EXPECT_TRUE(KnowsLabel(labels, kBilling));
}

}  // namespace
}  // namespace acd::testing
