// Scenario tests of the overflow rule action set_level_bounds (Asterisk's
// queuerules.conf penaltychange with QUEUE_MAX_PENALTY, QUEUE_MIN_PENALTY
// and QUEUE_RAISE_PENALTY, on acd's level scale where 10 is best: the
// maximum penalty is acd's min_level, the minimum penalty its max_level,
// the raise penalty its level_cap). Sellers 1, 2, 3 are at levels 9, 6, 3
// (testing::SalesAndDesk). Invariants are checked after every step.
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;

LevelChange To(int level) { return LevelChange{false, level}; }
LevelChange By(int step) { return LevelChange{true, step}; }

OverflowRule Bounds(TimeMs after_ms, LevelChange min_level, LevelChange max_level,
                    LevelChange level_cap) {
  OverflowRule r;
  r.name = absl::StrCat("penaltychange@", after_ms);
  r.after_ms = after_ms;
  r.action = RuleActionKind::kSetLevelBounds;
  r.bounds = LevelBoundsChange{min_level, max_level, level_cap};
  return r;
}

constexpr LevelChange kSame{};

class LevelBoundsTest : public testing::ScenarioTest {
 protected:
  void ExpectBounds(CallId id, int min_level, int max_level, int level_cap) {
    const absl::StatusOr<CallView> v = engine_->GetCall(id);
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_EQ(v->min_level, min_level);
    EXPECT_EQ(v->max_level, max_level);
    EXPECT_EQ(v->level_cap, level_cap);
  }
  void AdvanceChecked(double t_s) {
    Advance(t_s);
    EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  }
};

// queuerules.conf.sample's [myrule], on acd's scale, with the caller's
// bounds first set as the dialplan would (a rule at 0 ms):
//   0 s  the caller starts at minimum level 9      (QUEUE_MAX_PENALTY set)
//  30 s  penaltychange => 30,+3    min_level -3    -> 6
//  60 s  penaltychange => 60,10,5  min 1, max 5    -> only levels 1..5
//  75 s  penaltychange => 75,,7    max 3           -> levels 1..3
//  90 s  penaltychange => 90,,,20  level_cap 3     -> every member counts
//        as at most 3, so the better sellers are back within the bounds.
TEST_F(LevelBoundsTest, SampleRuleMovesTheBoundsInSteps) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].rules = {Bounds(0, To(9), kSame, kSame), Bounds(30'000, By(-3), kSame, kSame),
                            Bounds(60'000, To(1), To(5), kSame),
                            Bounds(75'000, kSame, To(3), kSame),
                            Bounds(90'000, kSame, kSame, To(3))};
  Start(c);
  ASSERT_TRUE(At(0, AgentLogin{1, false}).ok());
  ASSERT_TRUE(At(0, AgentLogin{2, false}).ok());
  ASSERT_TRUE(At(0, AgentLogin{3, false}).ok());
  NewCall(0, 100, kSales);
  ExpectBounds(100, 9, 10, 10);
  AdvanceChecked(29.999);
  ExpectBounds(100, 9, 10, 10);
  AdvanceChecked(30);
  ExpectBounds(100, 6, 10, 10);
  AdvanceChecked(60);
  ExpectBounds(100, 1, 5, 10);
  AdvanceChecked(75);
  ExpectBounds(100, 1, 3, 10);
  // Seller 1 (level 9) is above the maximum: not offered.
  Clear();
  ASSERT_TRUE(At(80, AgentReady{1}).ok());
  EXPECT_TRUE(OfferedTo(100).empty());
  // The cap brings seller 1 down to 3, within 1..3: offered at once.
  AdvanceChecked(90);
  ExpectBounds(100, 1, 3, 3);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
}

// The steps and values stay within 1..10, and a maximum that would fall
// below the minimum is raised to it (app_queue likewise lowers a minimum
// penalty above the maximum to it).
TEST_F(LevelBoundsTest, StepsStayInRangeAndTheMaximumNeverFallsBelowTheMinimum) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].rules = {Bounds(0, By(+9), By(-9), By(-9)),
                            Bounds(10'000, By(-9), kSame, By(+4))};
  Start(c);
  NewCall(0, 100, kSales, 0, 4);
  ExpectBounds(100, 10, 10, 10);  // 4 + 9 = 13 -> 10; max 10 - 9 = 1 -> 10; cap 1 -> 10
  AdvanceChecked(10);
  ExpectBounds(100, 1, 10, 10);
}

// QUEUE_MIN_PENALTY: members better than the bound may not take the call.
// With the maximum at 6, seller 1 (level 9) is never offered; seller 2
// (6) is, first under level_first.
TEST_F(LevelBoundsTest, MaximumLevelKeepsBetterMembersOut) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].level_first = true;
  c.queues[kSales].rules = {Bounds(0, kSame, To(6), kSame)};
  Start(c);
  Login(0, {1, 2, 3});
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{2});
  ASSERT_TRUE(At(2, CallAnswer{100, 2}).ok());
  NewCall(3, 101, kSales);
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{3});
  ASSERT_TRUE(At(4, CallAnswer{101, 3}).ok());
  // Only seller 1 is free, above everyone's maximum: the next caller waits.
  NewCall(5, 102, kSales);
  EXPECT_TRUE(OfferedTo(102).empty());
  const absl::StatusOr<CallView> v = engine_->GetCall(102);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state, CallState::kWaiting);
}

// The sample's QUEUE_RAISE_PENALTY example: agent 1 at penalty 1, agent 2
// at penalty 2, "penaltychange => 30,,,2": before the rule agent 1 takes
// priority, after it both are treated equally. Here under ring-all with
// level_first: without a cap only seller 1 (the best level) rings; with the
// cap at 6, sellers 1 and 2 count as one level and ring together; seller 3
// (3) stays below.
TEST_F(LevelBoundsTest, CapTreatsBetterMembersAsEqual) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].strategy = Strategy::kRingAll;
  c.queues[kSales].level_first = true;
  Start(c);
  Login(0, {1, 2, 3});
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});

  c.queues[kSales].rules = {Bounds(0, kSame, kSame, To(6))};
  Start(c);
  Login(0, {1, 2, 3});
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_EQ(OfferedTo(100), (std::vector<AgentId>{1, 2}));
}

// Longest idle under level_first with a cap: the tiers at or above the cap
// are one level, so the longest idle of them wins, not the best level.
TEST_F(LevelBoundsTest, CapLetsTheStrategyDecideAmongTheCappedLevels) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].level_first = true;
  c.queues[kSales].rules = {Bounds(0, kSame, kSame, To(5))};
  Start(c);
  Login(0, {3});
  Login(1, {2});
  Login(2, {1});
  Clear();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{2});  // 9 and 6 count as 5; 2 idle longer
}

// Asterisk's leavewhenempty with the penalty factor: a caller whose bounds
// no counting member meets leaves. Sellers 1 and 2 (9, 6) are logged in,
// seller 3 (3) is not; a maximum of 5 leaves nobody for the caller.
TEST_F(LevelBoundsTest, AMaximumThatLeavesNobodyEmptiesTheQueueForTheCaller) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].leave_when_empty.factors = kEmptyPenalty | kEmptyUnavailable;
  c.queues[kSales].leave_when_empty.action = OverflowAction{OverflowKind::kVoicemail, 0, "box"};
  c.queues[kSales].rules = {Bounds(10'000, kSame, To(5), kSame)};
  Start(c);
  ASSERT_TRUE(At(0, AgentLogin{1, false}).ok());
  ASSERT_TRUE(At(0, AgentLogin{2, false}).ok());
  NewCall(1, 100, kSales);
  Clear();
  AdvanceChecked(11);
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].call, 100u);
  EXPECT_EQ(routes[0].cause, RouteCause::kLeaveWhenEmpty);
}

// The bounds are engine state: a snapshot keeps them, and the restored
// engine decides alike.
TEST_F(LevelBoundsTest, SnapshotKeepsTheBounds) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].rules = {Bounds(0, To(2), To(7), To(4))};
  Start(c);
  NewCall(0, 100, kSales);
  ExpectBounds(100, 2, 7, 4);
  const uint64_t hash = engine_->StateHash();
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine_ = std::move(*restored);
  EXPECT_EQ(engine_->StateHash(), hash);
  ExpectBounds(100, 2, 7, 4);
  Clear();
  ASSERT_TRUE(At(1, AgentLogin{1, true}).ok());  // 9 counts as 4: within 2..7
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
}

// A center with a set_level_bounds rule that changes nothing, or a value
// out of range, is refused naming the field.
TEST_F(LevelBoundsTest, ValidationNamesTheField) {
  CenterConfig c = testing::SalesAndDesk();
  c.queues[kSales].rules = {Bounds(0, kSame, kSame, kSame)};
  absl::Status s = ValidateCenter(c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("queues[0].rules[0]: action set_level_bounds changes nothing"),
            std::string::npos)
      << s;
  c.queues[kSales].rules = {Bounds(0, To(11), By(-10), kSame)};
  s = ValidateCenter(c);
  EXPECT_NE(s.message().find("queues[0].rules[0].min_level_change: 11 is outside 1..10"),
            std::string::npos)
      << s;
  EXPECT_NE(s.message().find("queues[0].rules[0].max_level_change: a step of -10 is outside"),
            std::string::npos)
      << s;
}

}  // namespace
}  // namespace acd
