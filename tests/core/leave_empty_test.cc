// Leaving when empty by a factor list (issue 13, Asterisk's leavewhenempty
// = <factors>, queues.conf.sample): a waiting caller leaves the queue as
// soon as no member counts for it, with the queue's path, RouteCause
// kLeaveWhenEmpty (the queue log writes EXITEMPTY). The factors are those
// of join_empty; under "penalty" only members at or above the caller's
// minimum level count, so callers leave one by one as levels go.
#include <string>
#include <vector>

#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;

// Sales (sellers 1..3, levels 9, 6, 3) sends callers who find it empty to
// its voicemail.
CenterConfig Leaving(uint8_t factors) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].leave_when_empty.factors = factors;
  c.queues[kSales].leave_when_empty.action = {OverflowKind::kVoicemail, 0, "sales-mailbox"};
  return c;
}

class LeaveEmptyTest : public ScenarioTest {
 protected:
  // The calls that left sales because it was empty, since the last Clear.
  std::vector<CallId> Left() {
    std::vector<CallId> left;
    for (const RouteCall& r : Take<RouteCall>()) {
      if (r.cause != RouteCause::kLeaveWhenEmpty) continue;
      EXPECT_EQ(r.from_queue, kSales);
      EXPECT_EQ(r.kind, OverflowKind::kVoicemail);
      left.push_back(r.call);
    }
    return left;
  }
  uint32_t Waiting() { return engine_->GetQueueStats(kSales)->waiting; }
};

// "leavewhenempty = paused,unavailable": a member in use still counts, so
// callers wait for it; once it asks for a pause (still talking: Asterisk's
// paused member in use), nobody counts and every caller leaves, first in
// line first.
TEST_F(LeaveEmptyTest, PausedWhileStillTalkingEmptiesTheQueue) {
  Start(Leaving(kEmptyPaused | kEmptyUnavailable));
  Login(0, {1, 2, 3});
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  ASSERT_TRUE(At(1, AgentNotReady{2, NotReadyReason::kLunch}).ok());
  Connected(2, 100, 3);
  NewCall(3, 101, kSales);
  NewCall(4, 102, kSales);
  EXPECT_EQ(Waiting(), 2u);
  Clear();
  ASSERT_TRUE(At(5, AgentNotReady{3, NotReadyReason::kMeeting}).ok());
  EXPECT_EQ(Left(), (std::vector<CallId>{101, 102}));
  EXPECT_EQ(EndedOf(101).disposition, Disposition::kVoicemail);
  EXPECT_EQ(Waiting(), 0u);
  // The talk goes on: call 100 is not a waiting caller.
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kTalking);
}

// "inuse" listed: the same member in use no longer counts.
TEST_F(LeaveEmptyTest, InUseListedMakesABusyQueueEmpty) {
  Start(Leaving(kEmptyInUse | kEmptyPaused | kEmptyUnavailable));
  Login(0, {3});
  Connected(1, 100, 3);
  Clear();
  NewCall(2, 101, kSales);  // joins (join_empty is off), then leaves at once
  ASSERT_EQ(Take<CallQueued>().size(), 1u);
  EXPECT_EQ(Left(), (std::vector<CallId>{101}));
  EXPECT_EQ(engine_->GetQueueStats(kSales)->entered, 2u);
}

// Under "penalty" a caller leaves when no member at or above its minimum
// level counts: the one who needs level 7 leaves when seller 1 (level 9)
// pauses; the one who needs level 2 stays for seller 3 (level 3).
TEST_F(LeaveEmptyTest, PenaltyLetsCallersLeaveByTheirLevel) {
  Start(Leaving(kEmptyPenalty | kEmptyPaused | kEmptyUnavailable));
  Login(0, {1});
  Connected(1, 100, 1);
  Login(1, {3});
  Connected(1, 101, 3);
  NewCall(2, 102, kSales, 0, /*min_level=*/7);
  NewCall(2, 103, kSales, 0, /*min_level=*/2);
  EXPECT_EQ(Waiting(), 2u);
  Clear();
  ASSERT_TRUE(At(3, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  EXPECT_EQ(Left(), (std::vector<CallId>{102}));
  EXPECT_EQ(Waiting(), 1u);
  Clear();
  ASSERT_TRUE(At(4, AgentLogout{3}).ok());  // still talking, but no longer a member
  EXPECT_EQ(Left(), (std::vector<CallId>{103}));
}

// A rule that raises a caller's minimum level may leave it without a member
// that counts: it leaves then.
TEST_F(LeaveEmptyTest, ARaisedLevelMayEmptyTheQueueForTheCaller) {
  CenterConfig c = Leaving(kEmptyPenalty | kEmptyUnavailable);
  OverflowRule raise;
  raise.name = "seniors only";
  raise.after_ms = 10'000;
  raise.action = RuleActionKind::kSetMinLevel;
  raise.level = 8;
  c.queues[kSales].rules.push_back(raise);
  Start(c);
  Login(0, {3});
  Connected(1, 100, 3);
  NewCall(2, 101, kSales);
  EXPECT_EQ(Waiting(), 1u);
  Clear();
  Advance(13);
  EXPECT_EQ(Left(), (std::vector<CallId>{101}));
}

// "ringing": an offer that rings at the only member empties the queue for
// the callers behind the one it rings for.
TEST_F(LeaveEmptyTest, RingingListedEmptiesTheQueueForTheOthers) {
  Start(Leaving(kEmptyRinging | kEmptyUnavailable));
  Login(0, {1});
  Clear();
  NewCall(1, 100, kSales);  // rings at seller 1
  EXPECT_EQ(Take<Offer>().size(), 1u);
  EXPECT_TRUE(Left().empty());
  NewCall(2, 101, kSales);
  EXPECT_EQ(Left(), (std::vector<CallId>{101}));
  // Answered: seller 1 is in use, which is not listed, so callers stay.
  ASSERT_TRUE(At(3, CallAnswer{100, 1}).ok());
  Clear();
  NewCall(4, 102, kSales);
  EXPECT_TRUE(Left().empty());
  EXPECT_EQ(Waiting(), 1u);
}

// The shorthand conditions are factor lists: no_agent_logged_in is
// [unavailable], and a caller who joins a queue nobody is logged in to
// leaves at once.
TEST_F(LeaveEmptyTest, NoAgentLoggedInIsUnavailable) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].leave_when_empty = {EmptyCondition::kNoAgentLoggedIn,
                                       {OverflowKind::kVoicemail, 0, "sales-mailbox"}};
  Start(c);
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_EQ(Left(), (std::vector<CallId>{100}));
  Login(2, {1});
  ASSERT_TRUE(At(3, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  Clear();
  NewCall(4, 101, kSales);  // a paused member still counts
  EXPECT_TRUE(Left().empty());
  ASSERT_TRUE(At(5, AgentLogout{1}).ok());
  EXPECT_EQ(Left(), (std::vector<CallId>{101}));
}

// A caller who enters a queue already empty for it leaves in the same
// step, so a leave_when_empty move is an edge of the loop check like
// on_full and join_empty: queue a routes every caller to b as it enters (a
// rule at 0 ms whose condition always holds), and b, empty, sends it back
// to a. The engine would move the caller forever (found by the snapshot
// fuzz, seed 300041 with changed centers); the center is refused naming
// the move that closes the loop.
TEST(LeaveEmptyCenter, ALoopThroughLeaveWhenEmptyIsRefused) {
  CenterConfig c;
  QueueConfig a;
  a.name = "a";
  OverflowRule on;
  on.name = "on to b";
  on.condition = RuleCondition::kQueueLengthAtLeast;
  on.threshold = 1;
  on.route = OverflowAction{OverflowKind::kQueue, 1, "", false};
  a.rules = {on};
  QueueConfig b;
  b.name = "b";
  b.leave_when_empty.factors = kEmptyUnavailable;
  b.leave_when_empty.action = OverflowAction{OverflowKind::kQueue, 0, "", false};
  c.queues = {a, b};
  AgentConfig agent;
  agent.id = 1;
  agent.queues = {Membership{1, 5, 0, 0, 1.0}};
  c.agents = {agent};
  VectorSink sink;
  const absl::Status refused = Engine::Create(c, &sink, EngineOptions{1}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("queues[1].leave_when_empty.action.queue: overflow to 'a' "
                                   "closes a loop"),
            std::string::npos)
      << refused;
  c.queues[1].leave_when_empty.action = OverflowAction{OverflowKind::kVoicemail, 0, "b", false};
  EXPECT_TRUE(Engine::Create(c, &sink, EngineOptions{1}).ok());
}

}  // namespace
}  // namespace acd::testing
