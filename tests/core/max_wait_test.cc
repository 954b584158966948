// Scenario tests of a queue's max wait meeting a ringing offer
// (QueueConfig::max_wait_cuts_ring, Asterisk's timeoutpriority): the
// peer's documented case played both ways, a transfer to a colleague (no
// max wait while it rings) and a reload that turns the option on.
// Invariants are checked after every step.
#include <vector>

#include "absl/strings/match.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;

// Asterisk's queues.conf describes timeoutpriority with a caller whose
// Queue() timeout runs out while a member's phone still rings: with "app"
// the ring stops there and the caller leaves the queue; with "conf" the
// member rings out their whole ring timeout first. Here: max wait 20 s,
// ring timeout 15 s, and the only seller logs in at 10 s, so the offer
// rings from 10 s to 25 s across the max wait at 20 s.
CenterConfig Center(bool cuts_ring) {
  CenterConfig c = testing::SalesAndDesk();
  QueueConfig& q = c.queues[kSales];
  q.ring_timeout_ms = 15'000;
  q.max_wait_ms = 20'000;
  q.on_max_wait = OverflowAction{OverflowKind::kVoicemail, 0, "sales-mailbox"};
  q.max_wait_cuts_ring = cuts_ring;
  return c;
}

class MaxWaitTest : public testing::ScenarioTest {
 protected:
  // The call waits from 0 s; seller 1 logs in at 10 s and is offered it.
  void RingAcrossMaxWait(bool cuts_ring) {
    Start(Center(cuts_ring));
    NewCall(0, 100, kSales);
    Login(10, {1});
    ASSERT_EQ(Take<Offer>().size(), 1u);
    Clear();
  }
  uint32_t Misses(AgentId id) { return engine_->GetAgent(id)->misses_in_row; }
  // Since the last Clear: the offer of call 100 to seller 1 ended for
  // `reason`, then the call took the max-wait path (voicemail).
  void ExpectOfferEndedThenMaxWaitPath(CancelReason reason) {
    EXPECT_EQ(Take<CancelOffer>(), (std::vector<CancelOffer>{{100, 1, reason}}));
    const std::vector<RouteCall> routes = Take<RouteCall>();
    ASSERT_EQ(routes.size(), 1u);
    EXPECT_EQ(routes[0].cause, RouteCause::kMaxWait);
    EXPECT_EQ(routes[0].kind, OverflowKind::kVoicemail);
  }
};

TEST_F(MaxWaitTest, AppTimeoutCutsTheRingAtMaxWait) {
  RingAcrossMaxWait(/*cuts_ring=*/true);
  Advance(19.999);
  EXPECT_TRUE(Take<CancelOffer>().empty());
  Advance(20);
  ExpectOfferEndedThenMaxWaitPath(CancelReason::kCallMoved);
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kVoicemail)], 1u);
  // Not the seller's miss: no RONA counted, no pause, still free to take calls.
  EXPECT_EQ(Misses(1), 0u);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->ring_no_answer, 0u);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReady);
  // The seller's late answer finds the call gone.
  EXPECT_FALSE(At(22, CallAnswer{100, 1}).ok());
}

TEST_F(MaxWaitTest, ConfTimeoutLetsTheRingFinishThenRoutes) {
  RingAcrossMaxWait(/*cuts_ring=*/false);
  Advance(24.999);
  EXPECT_TRUE(Take<CancelOffer>().empty());
  EXPECT_TRUE(Take<RouteCall>().empty());
  Advance(25);  // the ring timeout: a miss, then the max-wait path
  ExpectOfferEndedThenMaxWaitPath(CancelReason::kRingTimeout);
  EXPECT_EQ(Misses(1), 1u);
}

TEST_F(MaxWaitTest, ConfTimeoutLetsTheSellerAnswerPastMaxWait) {
  RingAcrossMaxWait(/*cuts_ring=*/false);
  ASSERT_TRUE(At(22, CallAnswer{100, 1}).ok());
  EXPECT_EQ(Take<CallConnected>().size(), 1u);
  EXPECT_TRUE(Take<RouteCall>().empty());
}

// A transfer to a named colleague sits in its queue entry with no queue
// timer while it rings (DESIGN invariant 12): max wait cannot cut it.
TEST_F(MaxWaitTest, TransferToAColleagueIsNotCut) {
  Start(Center(/*cuts_ring=*/true));
  Login(0, {1});
  NewCall(1, 100, kSales);
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  Login(3, {2});
  ASSERT_TRUE(At(18, CallTransferToAgent{100, 2}).ok());
  Clear();
  Advance(32);  // past 20 s in line and past 20 s from the answer
  EXPECT_TRUE(Take<CancelOffer>().empty());
  EXPECT_TRUE(Take<RouteCall>().empty());
  ASSERT_TRUE(At(32, CallAnswer{100, 2}).ok());
  EXPECT_EQ(Take<CallConnected>().size(), 1u);
}

// A reload that turns the option on: the waiting calls follow it, and a ring
// the old setting let run past max wait is cut at the reload.
TEST_F(MaxWaitTest, ReloadTurningItOnCutsARingAlreadyPastMaxWait) {
  RingAcrossMaxWait(/*cuts_ring=*/false);
  Advance(21);
  EXPECT_TRUE(Take<CancelOffer>().empty());
  ASSERT_TRUE(engine_->Reconfigure(Center(/*cuts_ring=*/true)).ok());
  ExpectOfferEndedThenMaxWaitPath(CancelReason::kCallMoved);
  EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
}

TEST_F(MaxWaitTest, NeedsAMaxWait) {
  CenterConfig c = Center(/*cuts_ring=*/true);
  c.queues[kSales].max_wait_ms = 0;
  c.queues[kSales].on_max_wait = {};
  const absl::Status s = ValidateCenter(c);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(absl::StrContains(s.message(), "queues[0].max_wait_cuts_ring: needs max_wait_ms"))
      << s;
}

}  // namespace
}  // namespace acd
