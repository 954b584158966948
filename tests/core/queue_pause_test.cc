// Scenario tests of a pause in one queue (AgentNotReady / AgentReady with a
// queue: Asterisk's AMI QueuePause with Interface, Paused, Queue and Reason;
// without a Queue the member is paused or unpaused in every queue it is in).
//
// The center: queues "support" and "sales"; agent 1 is in both, agent 2 in
// support only. Invariants are checked after every step. Then where
// max_misses' automatic pause lands (auto_pause_here_only).
#include <string>
#include <vector>

#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSupport = 0;
constexpr QueueId kSales = 1;

CenterConfig Center() {
  CenterConfig c;
  QueueConfig support;
  support.name = "support";
  QueueConfig sales;
  sales.name = "sales";
  c.queues = {support, sales};
  AgentConfig one;
  one.id = 1;
  one.queues = {Membership{kSupport, 5, 0, 0, 1.0}, Membership{kSales, 5, 0, 0, 1.0}};
  AgentConfig two;
  two.id = 2;
  two.queues = {Membership{kSupport, 5, 0, 0, 1.0}};
  c.agents = {one, two};
  return c;
}

class QueuePauseTest : public testing::ScenarioTest {
 protected:
  std::vector<AgentView::QueuePause> Paused(AgentId id) {
    return engine_->GetAgent(id)->paused_queues;
  }
};

// QueuePause Interface agent 1, Paused true, Queue support, Reason break:
// support's caller waits, sales' caller is offered to agent 1 at once; the
// agent's own state stays ready and its view names the paused queue.
// QueuePause Paused false with the Queue: support's caller is offered.
TEST_F(QueuePauseTest, APauseInOneQueueLeavesTheOthers) {
  Start(Center());
  Login(0, {1});
  Clear();
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kBreak, kSupport}).ok());
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSupport, true, NotReadyReason::kBreak}}));
  EXPECT_TRUE(Take<AgentStateChanged>().empty()) << "the agent is still ready for sales";
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReady);
  EXPECT_EQ(Paused(1), (std::vector<AgentView::QueuePause>{{kSupport, NotReadyReason::kBreak}}));
  EXPECT_EQ(engine_->GetQueueStats(kSupport)->agents_ready, 0u);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->agents_ready, 1u);
  NewCall(2, 10, kSupport);
  EXPECT_TRUE(OfferedTo(10).empty());
  NewCall(3, 11, kSales);
  EXPECT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  ASSERT_TRUE(At(4, CallHangup{11}).ok());
  Clear();
  ASSERT_TRUE(At(5, AgentReady{1, kSupport}).ok());
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSupport, false, NotReadyReason::kNone}}));
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  EXPECT_TRUE(Paused(1).empty());
}

// A ringing offer of the paused queue's call is withdrawn (as a pause
// everywhere withdraws every one); the call goes to another member.
TEST_F(QueuePauseTest, APauseWithdrawsARingingOfferOfThatQueue) {
  Start(Center());
  Login(0, {1});
  NewCall(1, 10, kSupport);
  ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  Login(1.5, {2});
  Clear();
  ASSERT_TRUE(At(2, AgentNotReady{1, NotReadyReason::kMeeting, kSupport}).ok());
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kAgentUnavailable);
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{2});
}

// Without a queue: ready everywhere ends every pause in one queue (as
// QueuePause Paused false without a Queue unpauses in all queues); a pause
// everywhere and a logout end them as well, one AgentPauseChanged each.
TEST_F(QueuePauseTest, ReadyOrNotReadyEverywhereAndLogoutEndThem) {
  Start(Center());
  Login(0, {1});
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kBreak, kSupport}).ok());
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kLunch, kSales}).ok());
  Clear();
  ASSERT_TRUE(At(2, AgentReady{1}).ok()) << "ready everywhere is news while paused in a queue";
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSupport, false, NotReadyReason::kNone},
                                            {1, kSales, false, NotReadyReason::kNone}}));
  ASSERT_TRUE(At(3, AgentNotReady{1, NotReadyReason::kBreak, kSales}).ok());
  Clear();
  ASSERT_TRUE(At(4, AgentNotReady{1, NotReadyReason::kTraining}).ok());
  EXPECT_EQ(Take<AgentPauseChanged>().size(), 1u);
  EXPECT_TRUE(Paused(1).empty());
  ASSERT_TRUE(At(5, AgentReady{1}).ok());
  ASSERT_TRUE(At(6, AgentNotReady{1, NotReadyReason::kBreak, kSales}).ok());
  Clear();
  ASSERT_TRUE(At(7, AgentLogout{1}).ok());
  EXPECT_EQ(Take<AgentPauseChanged>().size(), 1u);
  EXPECT_TRUE(Paused(1).empty());
}

// A member paused in the queue counts as paused there for leave_when_empty
// (Asterisk's leavewhenempty = paused): agent 1 talks on a support call, a
// caller waits in sales for it; paused in sales, the only member is paused
// there, and the caller leaves in the same step.
TEST_F(QueuePauseTest, APausedMemberCountsAsPausedInThatQueue) {
  CenterConfig c = Center();
  c.queues[kSales].leave_when_empty.factors = kEmptyPaused;
  c.queues[kSales].leave_when_empty.action = {OverflowKind::kVoicemail, 0, "sales-mailbox"};
  Start(c);
  Login(0, {1});
  Connected(1, 10, 1, kSupport);
  NewCall(2, 11, kSales);
  Clear();
  ASSERT_TRUE(At(3, AgentNotReady{1, NotReadyReason::kBreak, kSales}).ok());
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u) << "the only member of sales is paused there";
  EXPECT_EQ(routes[0].call, 11u);
  EXPECT_EQ(routes[0].cause, RouteCause::kLeaveWhenEmpty);
}

// Bad input: a clear error naming the field, the state unchanged.
TEST_F(QueuePauseTest, RefusalsNameTheField) {
  Start(Center());
  ExpectRejected(1, AgentNotReady{1, NotReadyReason::kBreak, kSupport},
                 absl::StatusCode::kFailedPrecondition, "agent");  // logged out
  Login(1, {1, 2});
  ExpectRejected(2, AgentNotReady{2, NotReadyReason::kBreak, kSales},
                 absl::StatusCode::kFailedPrecondition, "queue");  // not a member
  ExpectRejected(2, AgentNotReady{1, NotReadyReason::kBreak, 7}, absl::StatusCode::kNotFound,
                 "queue");
  ExpectRejected(2, AgentReady{1, kSupport}, absl::StatusCode::kFailedPrecondition, "queue");
  ExpectRejected(2, AgentNotReady{1, NotReadyReason::kNone, kSupport},
                 absl::StatusCode::kInvalidArgument, "reason");
  ASSERT_TRUE(At(3, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  ExpectRejected(4, AgentNotReady{1, NotReadyReason::kLunch, kSupport},
                 absl::StatusCode::kFailedPrecondition, "agent");  // not ready everywhere
  ExpectRejected(4, AgentReady{1, kSupport}, absl::StatusCode::kFailedPrecondition, "agent");
}

// The pause is engine state: a snapshot carries it; a reload keeps it with
// its membership and drops it with a removed queue.
TEST_F(QueuePauseTest, SnapshotAndReload) {
  Start(Center());
  Login(0, {1});
  const uint64_t before = engine_->StateHash();
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kBreak, kSales}).ok());
  EXPECT_NE(engine_->StateHash(), before);
  VectorSink sink;
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
  EXPECT_EQ((*restored)->GetAgent(1)->paused_queues, Paused(1));
  const uint64_t hash = engine_->StateHash();
  ASSERT_TRUE(engine_->Reconfigure(engine_->center()).ok());
  EXPECT_EQ(engine_->StateHash(), hash) << "an identity reload dropped a pause";
  CenterConfig without_sales = Center();
  without_sales.queues.pop_back();
  without_sales.agents[0].queues.pop_back();
  ASSERT_TRUE(engine_->Reconfigure(without_sales).ok());
  EXPECT_TRUE(Paused(1).empty());
}


// max_misses' automatic pause (Asterisk's queues.conf autopause: "no:
// Member will not be paused; yes: Member will be paused only in the queue
// where the timeout took place; all: Member will be paused in all queues
// he/she is a member"). acd's max_misses 0 is `no`, auto_pause_here_only
// `yes`, the default `all`. Both queues ring 10 s and pause after
// max_misses (1: at every miss, as Asterisk does); agent 1 takes two calls
// at once, so that both queues may ring it together.
CenterConfig AutoCenter(bool here_only, int max_misses = 1) {
  CenterConfig c = Center();
  for (QueueConfig& q : c.queues) {
    q.max_misses = max_misses;
    q.auto_pause_here_only = here_only;
  }
  c.agents[0].capacity = 2;
  return c;
}

// autopause = yes, Asterisk's documented case: agent 1, in sales and
// support, misses a sales call while a support call rings it too. It is
// paused in sales alone (reason no_answer, an AgentPauseChanged); the
// support offer rings on and it answers it; it stays ready, is offered the
// next support call and not the next sales call.
TEST_F(QueuePauseTest, AutoPauseHereOnlyPausesInTheMissedCallsQueueAlone) {
  Start(AutoCenter(/*here_only=*/true));
  Login(0, {1});
  NewCall(1, 10, kSales);
  ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  NewCall(5, 11, kSupport);
  ASSERT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  Clear();
  Advance(11);  // sales' ring times out
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u) << "the support offer rings on";
  EXPECT_EQ(cancels[0].call, 10u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kRingTimeout);
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSales, true, NotReadyReason::kNoAnswer}}));
  EXPECT_EQ(Paused(1),
            (std::vector<AgentView::QueuePause>{{kSales, NotReadyReason::kNoAnswer}}));
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReserved) << "still ringing for support";
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 0u) << "the count is spent";
  ASSERT_TRUE(At(12, CallAnswer{11, 1}).ok());
  NewCall(13, 12, kSupport);
  EXPECT_EQ(OfferedTo(12), std::vector<AgentId>{1}) << "support still offers it its calls";
  NewCall(14, 13, kSales);
  EXPECT_TRUE(OfferedTo(13).empty()) << "paused in sales";
  EXPECT_EQ(engine_->GetQueueStats(kSales)->agents_ready, 0u);
  Clear();
  ASSERT_TRUE(At(15, AgentReady{1, kSales}).ok());  // the supervisor unpauses it there
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSales, false, NotReadyReason::kNone}}));
  EXPECT_TRUE(Paused(1).empty());
}

// autopause = all (the default): the same miss pauses agent 1 everywhere;
// its ringing support offer is withdrawn (acd's pause everywhere withdraws
// every ringing offer, where app_queue lets a ring finish) and goes to
// agent 2.
TEST_F(QueuePauseTest, AutoPauseEverywhereByDefault) {
  Start(AutoCenter(/*here_only=*/false));
  Login(0, {1});
  NewCall(1, 10, kSales);
  ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  NewCall(5, 11, kSupport);
  ASSERT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  Login(6, {2});
  Clear();
  Advance(11);
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 2u);
  EXPECT_EQ(cancels[1].call, 11u);
  EXPECT_EQ(cancels[1].reason, CancelReason::kAgentUnavailable);
  EXPECT_TRUE(Take<AgentPauseChanged>().empty());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kNotReady);
  EXPECT_EQ(engine_->GetAgent(1)->reason, NotReadyReason::kNoAnswer);
  EXPECT_EQ(OfferedTo(11), std::vector<AgentId>{2});
}

// Under auto_pause_here_only the pause withdraws the queue's other offers
// to the agent (as a pause in one queue does); the count starts again, so
// with max_misses 2 a single later miss of support does not pause it there.
TEST_F(QueuePauseTest, AutoPauseHereOnlyWithdrawsTheQueuesOtherOffersAndStartsTheCountAgain) {
  Start(AutoCenter(/*here_only=*/true, /*max_misses=*/2));
  Login(0, {1});
  NewCall(1, 10, kSales);
  NewCall(2, 20, kSales);  // both ring agent 1 (capacity 2)
  Advance(11.5);  // 10's miss: 1 of 2; it rings agent 1 again
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u);
  EXPECT_TRUE(Paused(1).empty());
  Clear();
  Advance(12);  // 20's miss: 2 of 2
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 2u);
  EXPECT_EQ(cancels[0].call, 20u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kRingTimeout);
  EXPECT_EQ(cancels[1].call, 10u);
  EXPECT_EQ(cancels[1].reason, CancelReason::kAgentUnavailable);
  EXPECT_EQ(Paused(1),
            (std::vector<AgentView::QueuePause>{{kSales, NotReadyReason::kNoAnswer}}));
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 0u);
  NewCall(23, 30, kSupport);
  ASSERT_EQ(OfferedTo(30), std::vector<AgentId>{1});
  Advance(34);  // one miss of support: 1 of 2, no pause
  EXPECT_EQ(Paused(1),
            (std::vector<AgentView::QueuePause>{{kSales, NotReadyReason::kNoAnswer}}));
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReserved) << "rung again for support";
}

// A transfer by name to an agent paused in the call's queue: its miss
// finds no membership to pause (Asterisk's pause of a member not in the
// queue fails likewise); the count stays for the agent's next miss.
TEST_F(QueuePauseTest, AutoPauseNoPauseWhereTheAgentIsPausedAlready) {
  Start(AutoCenter(/*here_only=*/true));
  Login(0, {1, 2});
  ASSERT_TRUE(At(0, AgentNotReady{1, NotReadyReason::kBreak, kSupport}).ok());
  NewCall(1, 10, kSupport);
  ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{2});
  ASSERT_TRUE(At(2, CallAnswer{10, 2}).ok());
  ASSERT_TRUE(At(3, CallTransferToAgent{10, 1}).ok());
  Clear();
  Advance(14);  // the transfer's ring times out
  EXPECT_EQ(Take<CancelOffer>().size(), 1u);
  EXPECT_TRUE(Take<AgentPauseChanged>().empty());
  EXPECT_EQ(Paused(1), (std::vector<AgentView::QueuePause>{{kSupport, NotReadyReason::kBreak}}));
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReady);
}

// A reload may turn the option on or off: the miss count and the pauses
// made carry over, and the next miss follows the new setting.
TEST_F(QueuePauseTest, AutoPauseAReloadTakesEffectAtTheNextMiss) {
  Start(AutoCenter(/*here_only=*/false, /*max_misses=*/2));
  Login(0, {1});
  NewCall(1, 10, kSales);
  Advance(11);  // 1 of 2
  ASSERT_TRUE(engine_->Reconfigure(AutoCenter(/*here_only=*/true, /*max_misses=*/2)).ok());
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u);
  Clear();
  Advance(21);  // 10 rang again at 11: the second miss pauses it in sales alone
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSales, true, NotReadyReason::kNoAnswer}}));
  ASSERT_TRUE(engine_->Reconfigure(AutoCenter(/*here_only=*/false, /*max_misses=*/1)).ok());
  EXPECT_EQ(Paused(1),
            (std::vector<AgentView::QueuePause>{{kSales, NotReadyReason::kNoAnswer}}));
  NewCall(22, 11, kSupport);
  ASSERT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  Clear();
  Advance(32);  // everywhere now: the pause in sales ends with it
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSales, false, NotReadyReason::kNone}}));
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kNotReady);
  EXPECT_TRUE(Paused(1).empty());
}

// Asterisk's autopausedelay ("delay autopause for autopausedelay seconds
// from the last call"): sales pauses at every miss (max_misses 1) but not
// within 60 s of the agent's last call. Agent 1 ends a support call at
// 20 s (no wrap-up), misses a sales call at 31 s: no pause, the miss rests
// it and counts; the next sales call it misses, at 92 s, more than 60 s
// after its last call, pauses it everywhere.
TEST_F(QueuePauseTest, AutoPauseDelayHoldsThePauseBackAfterACall) {
  CenterConfig c = AutoCenter(/*here_only=*/false);
  c.queues[kSales].auto_pause_delay_ms = 60'000;
  Start(c);
  Login(0, {1});
  Connected(1, 9, 1, kSupport);
  ASSERT_TRUE(At(20, CallEndTalk{9}).ok());
  NewCall(21, 10, kSales);
  ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  Advance(31);  // the ring times out 11 s after the call's end
  EXPECT_NE(engine_->GetAgent(1)->state, AgentState::kNotReady) << "no pause within the delay";
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u) << "the miss counts";
  ASSERT_TRUE(At(60, CallHangup{10}).ok());
  Clear();
  NewCall(82, 11, kSales);
  ASSERT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  Advance(92);  // 72 s after the last call: the pause comes
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kNotReady);
  EXPECT_EQ(engine_->GetAgent(1)->reason, NotReadyReason::kNoAnswer);
}

// The option needs a queue that pauses.
TEST(QueuePauseCenter, AutoPauseDelayNeedsMaxMisses) {
  CenterConfig c = AutoCenter(/*here_only=*/false, /*max_misses=*/0);
  c.queues[kSales].auto_pause_delay_ms = 60'000;
  VectorSink sink;
  const absl::Status refused = Engine::Create(c, &sink, EngineOptions{1}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("queues[1].auto_pause_delay_ms"), std::string::npos) << refused;
}

}  // namespace
}  // namespace acd
