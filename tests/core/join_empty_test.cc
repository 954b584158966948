// Refusing to join (issue 13, "Refusing to join is not refusing"): a
// caller turned away by the queue's join_empty factors never enters it (no
// CallQueued, not counted as entered or overflowed there) and takes the
// queue's path with RouteCause kJoinEmpty. The factors are Asterisk's
// joinempty list (queues.conf.sample: "joinempty = paused,inuse,invalid").
#include <vector>

#include "absl/strings/match.h"

#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;

// Sales (sellers 1..3, levels 9, 6, 3) refuses joins as Asterisk's sample
// does, sending the caller to voicemail; the desk does not refuse.
CenterConfig Refusing(uint8_t factors, OverflowAction action = {OverflowKind::kVoicemail, 0,
                                                                 "sales-mailbox"}) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].join_empty.factors = factors;
  c.queues[kSales].join_empty.action = action;
  return c;
}

class JoinEmptyTest : public ScenarioTest {
 protected:
  // Call `id` asks to join sales at t_s; true when it was refused there.
  bool Refused(double t_s, CallId id, int min_level = kMinLevel) {
    Clear();
    NewCall(t_s, id, kSales, 0, min_level);
    for (const RouteCall& r : Take<RouteCall>()) {
      if (r.call == id && r.cause == RouteCause::kJoinEmpty) {
        EXPECT_EQ(r.from_queue, kSales);
        for (const CallQueued& q : Take<CallQueued>()) {
          EXPECT_NE(q.queue, kSales) << "a refused caller entered the queue";
        }
        return true;
      }
    }
    return false;
  }
  uint64_t Entered(QueueId q) { return engine_->GetQueueStats(q)->entered; }
};

TEST_F(JoinEmptyTest, AsteriskSamplePausedInUseInvalid) {
  Start(Refusing(kEmptyPaused | kEmptyInUse | kEmptyInvalid));
  Login(0, {1, 2, 3});
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  ASSERT_TRUE(At(1, AgentNotReady{2, NotReadyReason::kLunch}).ok());
  Connected(2, 100, 3);  // seller 3 in use
  // Every member paused or in use: the caller is turned away at the door.
  EXPECT_TRUE(Refused(3, 101));
  EXPECT_EQ(EndedOf(101).disposition, Disposition::kVoicemail);
  EXPECT_EQ(Entered(kSales), 1u);  // call 100 only
  EXPECT_EQ(engine_->GetQueueStats(kSales)->overflowed, 0u);
  // Seller 2 back from lunch: the next caller joins and is offered.
  ASSERT_TRUE(At(4, AgentReady{2}).ok());
  EXPECT_FALSE(Refused(5, 102));
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Entered(kSales), 2u);
}

TEST_F(JoinEmptyTest, LoggedOutMembersCountUnlessUnavailableIsListed) {
  // Nobody logged in: "paused,inuse" does not exclude logged-out members,
  // so the caller joins (and waits); with "unavailable" it is refused.
  Start(Refusing(kEmptyPaused | kEmptyInUse));
  EXPECT_FALSE(Refused(1, 100));
  EXPECT_EQ(engine_->GetQueueStats(kSales)->waiting, 1u);
  Start(Refusing(kEmptyUnavailable));
  EXPECT_TRUE(Refused(1, 100));
  Login(2, {3});
  EXPECT_FALSE(Refused(3, 101));
}

TEST_F(JoinEmptyTest, PenaltyCountsOnlyMembersAtTheCallsLevel) {
  // Only seller 3 (level 3) is ready: a caller who needs level 7 finds the
  // queue empty under "penalty", one who needs level 2 does not.
  Start(Refusing(kEmptyPenalty | kEmptyUnavailable));
  Login(0, {3});
  EXPECT_TRUE(Refused(1, 100, /*min_level=*/7));
  EXPECT_FALSE(Refused(2, 101, /*min_level=*/2));
}

TEST_F(JoinEmptyTest, RingingAndWrapUpFactors) {
  CenterConfig c = Refusing(kEmptyRinging | kEmptyWrapUp | kEmptyUnavailable);
  c.queues[kSales].wrapup_ms = 30'000;
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);  // rings at seller 1
  EXPECT_TRUE(Refused(2, 101));
  ASSERT_TRUE(At(3, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(4, CallEndTalk{100}).ok());  // seller 1 in wrap-up
  EXPECT_TRUE(Refused(5, 102));
  Advance(40);  // wrap-up over
  EXPECT_FALSE(Refused(41, 103));
}

TEST_F(JoinEmptyTest, ARefusedMoveTakesThePathAndEntersTheNextQueue) {
  // Nobody of sales is logged in: it refuses the caller to the desk, whose
  // assistant takes the call; only the desk counts it as entered.
  Start(Refusing(kEmptyUnavailable, OverflowAction{OverflowKind::kQueue, kDesk, ""}));
  Login(0, {9});
  Clear();
  NewCall(1, 100, kSales);
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].cause, RouteCause::kJoinEmpty);
  EXPECT_EQ(routes[0].to_queue, kDesk);
  const std::vector<CallQueued> queued = Take<CallQueued>();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].queue, kDesk);
  EXPECT_EQ(Take<Offer>().at(0).agent, 9u);
  EXPECT_EQ(Entered(kSales), 0u);
  EXPECT_EQ(Entered(kDesk), 1u);
}

TEST_F(JoinEmptyTest, ConfigErrorsNameTheFieldAndTheReason) {
  CenterConfig c = Refusing(kEmptyPaused, OverflowAction{});
  absl::Status s = ValidateCenter(c);
  EXPECT_TRUE(absl::StrContains(s.message(), "queues[0].join_empty.action: a refused caller needs a path"))
      << s;
  c = Refusing(0);
  s = ValidateCenter(c);
  EXPECT_TRUE(absl::StrContains(s.message(), "queues[0].join_empty.action: never used")) << s;
  c = Refusing(kEmptyPaused, OverflowAction{OverflowKind::kQueue, kSales, ""});
  s = ValidateCenter(c);
  EXPECT_TRUE(absl::StrContains(s.message(), "queues[0].join_empty.action.queue")) << s;
}

TEST_F(JoinEmptyTest, ReloadAppliesTheNewFactorsToLaterJoins) {
  Start(SalesAndDesk());
  EXPECT_FALSE(Refused(1, 100));  // nobody logged in, no factors: waits
  ASSERT_TRUE(engine_->Reconfigure(Refusing(kEmptyUnavailable)).ok());
  EXPECT_EQ(engine_->GetQueueStats(kSales)->waiting, 1u);  // joined before: stays
  EXPECT_TRUE(Refused(2, 101));
  ASSERT_TRUE(engine_->Reconfigure(SalesAndDesk()).ok());
  EXPECT_FALSE(Refused(3, 102));
}

}  // namespace
}  // namespace acd::testing
