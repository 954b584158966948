// Scenario tests of transfers to a named agent (CallTransferToAgent): the
// first agent released to wrap-up, the colleague offered alone, the call
// back at its place in line when the colleague does not answer, one
// disposition however it ends, and every refusal leaving the state as it was.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "acd/event_codec.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;
using Code = absl::StatusCode;

class TransferTest : public ScenarioTest {
 protected:
  uint64_t Answered() { return engine_->GetQueueStats(kSales)->answered; }
};

TEST_F(TransferTest, OffersTheColleagueAloneAndReleasesTheFirstAgent) {
  CenterConfig center = SalesAndDesk();
  center.queues[kSales].wrapup_ms = 30'000;
  center.queues[kSales].strategy = Strategy::kRingAll;  // a transfer never rings all
  Start(center);
  Login(0, {1});
  Connected(1, 100, 1);
  Login(5, {2, 3});
  ASSERT_TRUE(At(10, CallHold{100}).ok());
  Clear();
  ASSERT_TRUE(At(12, CallTransferToAgent{100, 3}).ok());
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 3u);
  EXPECT_EQ(offers[0].transfer_from, 1u);
  EXPECT_FALSE(offers[0].ring_all);
  EXPECT_EQ(offers[0].ring_timeout_ms, 10'000);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kWrapUp);
  EXPECT_EQ(engine_->GetAgent(1)->talk_ms_today, 11'000);
  EXPECT_EQ(engine_->GetAgent(2)->state, AgentState::kReady);  // not rung
  const CallView ringing = *engine_->GetCall(100);
  EXPECT_EQ(ringing.state, CallState::kOffered);
  EXPECT_TRUE(ringing.transferring);
  EXPECT_EQ(ringing.transfers, 1u);
  EXPECT_FALSE(ringing.on_hold);  // the transfer ended the hold
  EXPECT_EQ(ringing.hold_ms, 2'000);
  ASSERT_TRUE(At(15, CallAnswer{100, 3}).ok());
  EXPECT_EQ(engine_->GetCall(100)->agent, 3u);
  EXPECT_FALSE(engine_->GetCall(100)->transferring);
  EXPECT_EQ(Answered(), 1u);  // answered once in its queue
  EXPECT_EQ(engine_->GetAgent(3)->calls_today, 1u);
  ASSERT_TRUE(At(45, CallEndTalk{100, EndedBy::kAgent}).ok());
  const CallEnded ended = EndedOf(100);
  EXPECT_EQ(ended.disposition, Disposition::kAnswered);
  EXPECT_EQ(ended.agent, 3u);
  EXPECT_EQ(ended.talk_ms, 30'000);  // the last agent's talk
  EXPECT_EQ(ended.hold_ms, 2'000);
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kAnswered)], 1u);
}

// Sales agents go to a minute of wrap-up; assistant 9 (the desk) is
// available but takes no sales call, so sales calls can wait beside them.
CenterConfig WithWrapUp() {
  CenterConfig center = SalesAndDesk();
  center.queues[kSales].wrapup_ms = 60'000;
  return center;
}

TEST_F(TransferTest, NoAnswerPutsTheCallBackAtItsPlace) {
  Start(WithWrapUp());
  Login(0, {1});
  Connected(1, 100, 1);
  NewCall(2, 101, kSales);  // waits: seller 1 is busy
  Login(3, {9});
  ASSERT_TRUE(At(4, CallTransferToAgent{100, 9}).ok());
  NewCall(5, 102, kSales);
  Clear();
  Advance(14);  // the ring timeout of the transfer
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kRingTimeout);
  const std::vector<CallQueued> queued = Take<CallQueued>();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].waiting, 3u);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  EXPECT_EQ(engine_->GetCall(100)->enqueued_ms, 14'000);  // its queue's timers from now
  EXPECT_EQ(engine_->GetQueueStats(kSales)->ring_no_answer, 1u);
  EXPECT_EQ(engine_->GetAgent(9)->misses_in_row, 1u);
  // The next free seller takes the call that came first: 100, not 101.
  Login(15, {2});
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kOffered);
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kWaiting);
  ASSERT_TRUE(At(16, CallAnswer{100, 2}).ok());
  EXPECT_EQ(Answered(), 1u);  // answered once in its queue
}

TEST_F(TransferTest, NoAnswerIntoAFullLineTakesTheQueuesFullPath) {
  CenterConfig center = WithWrapUp();
  center.queues[kSales].max_length = 1;
  center.queues[kSales].on_full = OverflowAction{OverflowKind::kVoicemail};
  Start(center);
  Login(0, {1});
  Connected(1, 100, 1);
  NewCall(2, 101, kSales);  // the line is full
  Login(3, {9});
  ASSERT_TRUE(At(4, CallTransferToAgent{100, 9}).ok());
  Clear();
  Advance(14);
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].call, 100u);
  EXPECT_EQ(routes[0].cause, RouteCause::kQueueFull);
  EXPECT_EQ(EndedOf(100).disposition, Disposition::kVoicemail);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->waiting, 1u);  // 101 alone
}

TEST_F(TransferTest, DeclineOrLogoutOfTheColleagueReturnsTheCall) {
  CenterConfig center = WithWrapUp();
  center.queues[kSales].on_decline = OverflowAction{OverflowKind::kVoicemail};  // screening
  Start(center);
  Login(0, {1, 9});
  Connected(1, 100, 1);
  ASSERT_TRUE(At(3, CallTransferToAgent{100, 9}).ok());
  // A colleague who declines a transfer does not screen the caller out.
  ASSERT_TRUE(At(4, CallDecline{100, 9}).ok());
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  EXPECT_FALSE(engine_->GetCall(100)->transferring);
  Login(5, {3});  // takes it from the line
  ASSERT_TRUE(At(6, CallAnswer{100, 3}).ok());
  ASSERT_TRUE(At(8, CallTransferToAgent{100, 9}).ok());
  ASSERT_TRUE(At(9, AgentLogout{9}).ok());  // the colleague goes away while it rings
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  EXPECT_EQ(engine_->GetCall(100)->transfers, 2u);
  EXPECT_EQ(Answered(), 1u);
}

TEST_F(TransferTest, CallerHangupDuringATransferEndsAnsweredOnce) {
  Start(WithWrapUp());
  Login(0, {1});
  Connected(1, 100, 1);
  Login(1.5, {2});
  ASSERT_TRUE(At(2, CallTransferToAgent{100, 2}).ok());
  ASSERT_TRUE(At(3, CallHangup{100}).ok());  // while it rings at seller 2
  const CallEnded ended = EndedOf(100);
  EXPECT_EQ(ended.disposition, Disposition::kAnswered);
  EXPECT_EQ(ended.ended_by, EndedBy::kUnknown);  // nobody was connected
  EXPECT_EQ(engine_->GetQueueStats(kSales)->abandoned, 0u);
  EXPECT_EQ(engine_->GetAgent(2)->state, AgentState::kReady);
  // Back in line after a missed transfer, a hangup is still no abandonment.
  Connected(10, 101, 2);
  Login(10.5, {3});
  ASSERT_TRUE(At(12, CallTransferToAgent{101, 3}).ok());
  ASSERT_TRUE(At(13, AgentNotReady{3, NotReadyReason::kBreak}).ok());
  ASSERT_EQ(engine_->GetCall(101)->state, CallState::kWaiting);
  ASSERT_TRUE(At(14, CallHangup{101}).ok());
  EXPECT_EQ(EndedOf(101).disposition, Disposition::kAnswered);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->abandoned, 0u);
  const CallCounts n = engine_->counts();
  EXPECT_EQ(n.by_disposition[static_cast<int>(Disposition::kAnswered)], 2u);
  EXPECT_EQ(n.arrived, n.ended);
}

TEST_F(TransferTest, RefusalsNameTheFieldAndChangeNothing) {
  Start(SalesAndDesk());
  Login(0, {1});
  NewCall(1, 100, kSales);  // ringing at seller 1
  ExpectRejected(2, CallTransferToAgent{100, 2}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  ExpectRejected(3, CallTransferToAgent{100, 1}, Code::kFailedPrecondition, "agent");  // itself
  ExpectRejected(3, CallTransferToAgent{100, 2}, Code::kFailedPrecondition, "agent");  // logged out
  ExpectRejected(3, CallTransferToAgent{100, 77}, Code::kNotFound, "agent");
  ExpectRejected(3, CallTransferToAgent{100, 0}, Code::kInvalidArgument, "agent");
  ExpectRejected(3, CallTransferToAgent{999, 2}, Code::kNotFound, "call");
  ExpectRejected(3, CallTransferToAgent{0, 2}, Code::kInvalidArgument, "call");
  ASSERT_TRUE(At(3, AgentLogin{2, false}).ok());  // not ready
  ExpectRejected(4, CallTransferToAgent{100, 2}, Code::kFailedPrecondition, "agent");
  ASSERT_TRUE(At(4, AgentReady{2}).ok());
  ASSERT_TRUE(At(4, AgentOutsideCall{2, true}).ok());  // on another call: busy
  ExpectRejected(4, CallTransferToAgent{100, 2}, Code::kFailedPrecondition, "agent");
  ASSERT_TRUE(At(4, AgentOutsideCall{2, false}).ok());
  NewCall(5, 101, kSales);  // rings at seller 2: busy
  ExpectRejected(6, CallTransferToAgent{100, 2}, Code::kFailedPrecondition, "agent");
  ASSERT_TRUE(At(6, CallAnswer{101, 2}).ok());
  ASSERT_TRUE(At(7, CallEndTalk{101}).ok());
  ASSERT_TRUE(At(8, OutboundCall{500, 2}).ok());
  Login(8, {3});
  ExpectRejected(9, CallTransferToAgent{500, 3}, Code::kFailedPrecondition, "call");  // outbound
  ASSERT_TRUE(At(10, CallEndTalk{100}).ok());
  ExpectRejected(11, CallTransferToAgent{100, 3}, Code::kFailedPrecondition, "call");  // ended
}

TEST_F(TransferTest, JournalFormKeepsTheEvent) {
  const Event e{7, 1'000, CallTransferToAgent{100, 3}};
  const absl::StatusOr<Event> back = DecodeEvent(EncodeEvent(e));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(DescribeEvent(*back), DescribeEvent(e));
  EXPECT_EQ(DescribeEventBody(e.body), "call_transfer_to_agent call=100 agent=3");
  // A version-2 journal has no such kind.
  EXPECT_EQ(DecodeEvent(EncodeEvent(e), 2).status().code(), Code::kDataLoss);
}

// CallEnded::wait_ms counts arrival to the first answer (command.h: "arrival
// to answer or end"), not to the latest connection: a caller answered at
// 4 s, transferred to the desk at 10 s and answered there at 15 s waited
// 3 s. A snapshot taken between the two answers carries the first one.
TEST_F(TransferTest, WaitCountsToTheFirstAnswerThroughATransfer) {
  constexpr QueueId kDesk = 1;
  Start(SalesAndDesk());
  Login(0, {1, 9});
  NewCall(1, 100, kSales);
  ASSERT_TRUE(At(4, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(10, CallTransfer{100, kDesk, 0}).ok());
  EXPECT_EQ(OfferedTo(100), (std::vector<AgentId>{1, 9}));
  VectorSink restored_sink;
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &restored_sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  ASSERT_TRUE(At(15, CallAnswer{100, 9}).ok());
  ASSERT_TRUE(At(20, CallEndTalk{100, EndedBy::kCaller}).ok());
  const CallEnded ended = EndedOf(100);
  EXPECT_EQ(ended.disposition, Disposition::kAnswered);
  EXPECT_EQ(ended.wait_ms, 3'000);
  EXPECT_EQ(ended.talk_ms, 5'000);  // the last connection's talk
  for (const Event& e : {Event{0, 15'000, CallAnswer{100, 9}},
                         Event{0, 20'000, CallEndTalk{100, EndedBy::kCaller}}}) {
    ASSERT_TRUE((*restored)->Apply(e).ok());
  }
  for (const Command& c : restored_sink.commands) {
    if (const auto* end = std::get_if<CallEnded>(&c.body)) {
      EXPECT_EQ(end->wait_ms, 3'000);
    }
  }
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
}

}  // namespace
}  // namespace acd::testing
