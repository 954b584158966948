// Scenario tests of attended (consult) transfers: CallConsult to a named
// colleague or into a queue, completed or cancelled with CallConsultEnd,
// and the ends of either call while the consult lasts. Each plays what a
// PBX reports for Asterisk's atxfer / FreeSWITCH's att_xfer.
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;
using Code = absl::StatusCode;

class ConsultTest : public ScenarioTest {
 protected:
  // Sales with a 20 s wrap-up; sellers 1 and 2 and assistant 9 logged in;
  // caller 101 connected to seller 1.
  void SetUpCallWithSeller() {
    CenterConfig center = SalesAndDesk();
    center.queues[kSales].wrapup_ms = 20'000;
    center.queues[kDesk].wrapup_ms = 5'000;
    Start(center);
    Login(0, {1});
    Connected(1, 101, 1);
    Login(2, {2, 9});
    Clear();
  }
  AgentState StateOf(AgentId agent) { return engine_->GetAgent(agent)->state; }
};

TEST_F(ConsultTest, ConsultAColleagueThenCompleteHandsTheCallerOver) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(10, CallConsult{101, 501, 2, 0}).ok());
  // The caller waits on hold; the colleague is on the leg, busy.
  EXPECT_TRUE(engine_->GetCall(101)->on_hold);
  EXPECT_EQ(engine_->GetCall(101)->consult, 501u);
  EXPECT_TRUE(engine_->GetCall(501)->consult_leg);
  EXPECT_EQ(engine_->GetCall(501)->state, CallState::kTalking);
  EXPECT_EQ(engine_->GetCall(501)->agent, 2u);
  EXPECT_EQ(StateOf(2), AgentState::kTalking);
  EXPECT_EQ(engine_->counts().consults, 1u);
  // A new caller meanwhile is not offered to the busy colleague.
  NewCall(11, 102, kSales);
  EXPECT_EQ(engine_->GetCall(102)->state, CallState::kWaiting);
  Clear();

  ASSERT_TRUE(At(30, CallConsultEnd{101, true}).ok());
  const std::vector<CallConnected> connected = Take<CallConnected>();
  ASSERT_EQ(connected.size(), 1u);
  EXPECT_EQ(connected[0].call, 101u);
  EXPECT_EQ(connected[0].agent, 2u);
  EXPECT_EQ(connected[0].transfer_from, 1u);
  const CallEnded leg = EndedOf(501);
  EXPECT_EQ(leg.disposition, Disposition::kConsult);
  EXPECT_FALSE(leg.queued);
  EXPECT_EQ(leg.agent, 2u);
  EXPECT_EQ(leg.talk_ms, 20'000);
  // The caller is with the colleague, off hold (20 s on hold counted);
  // the seller wraps up; the colleague never looked free in between.
  const CallView caller = *engine_->GetCall(101);
  EXPECT_EQ(caller.agent, 2u);
  EXPECT_FALSE(caller.on_hold);
  EXPECT_EQ(caller.hold_ms, 20'000);
  EXPECT_EQ(caller.consult, 0u);
  EXPECT_EQ(caller.transfers, 1u);
  EXPECT_EQ(StateOf(1), AgentState::kWrapUp);
  EXPECT_EQ(StateOf(2), AgentState::kTalking);
  for (const AgentStateChanged& s : Take<AgentStateChanged>()) EXPECT_NE(s.agent, 2u);
  // The caller ends answered, once, under the colleague.
  Clear();
  ASSERT_TRUE(At(60, CallEndTalk{101, EndedBy::kCaller}).ok());
  const CallEnded end = EndedOf(101);
  EXPECT_EQ(end.disposition, Disposition::kAnswered);
  EXPECT_EQ(end.agent, 2u);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->answered, 1u);
}

TEST_F(ConsultTest, CancelledConsultPutsTheCallerBackWithTheAgent) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(10, CallConsult{101, 501, 2, 0}).ok());
  ASSERT_TRUE(At(25, CallConsultEnd{101, false}).ok());
  EXPECT_EQ(EndedOf(501).disposition, Disposition::kConsult);
  const CallView caller = *engine_->GetCall(101);
  EXPECT_EQ(caller.agent, 1u);
  EXPECT_FALSE(caller.on_hold);
  EXPECT_EQ(caller.hold_ms, 15'000);
  EXPECT_EQ(caller.consult, 0u);
  EXPECT_EQ(caller.transfers, 0u);
  // The colleague's leg was in no queue: no wrap-up, free at once.
  EXPECT_EQ(StateOf(2), AgentState::kReady);
  EXPECT_EQ(StateOf(1), AgentState::kTalking);
}

TEST_F(ConsultTest, TheColleagueHangingUpTheLegEndsTheConsult) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(10, CallConsult{101, 501, 2, 0}).ok());
  ASSERT_TRUE(At(12, CallEndTalk{501, EndedBy::kAgent}).ok());  // the colleague declined
  EXPECT_EQ(EndedOf(501).disposition, Disposition::kConsult);
  EXPECT_FALSE(engine_->GetCall(101)->on_hold);
  EXPECT_EQ(engine_->GetCall(101)->consult, 0u);
  ExpectRejected(13, CallConsultEnd{101, true}, Code::kFailedPrecondition, "call");
}

TEST_F(ConsultTest, ConsultIntoAQueueIsRoutedThereAndCompletesOnceAnswered) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(10, CallConsult{101, 501, 0, kDesk}).ok());
  // The leg is an internal call of the desk, offered to the assistant.
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 501u);
  EXPECT_EQ(offers[0].agent, 9u);
  EXPECT_EQ(offers[0].queue, kDesk);
  // Not answered yet: completing is refused, the state unchanged.
  ExpectRejected(12, CallConsultEnd{101, true}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(14, CallAnswer{501, 9}).ok());
  Clear();
  ASSERT_TRUE(At(40, CallConsultEnd{101, true}).ok());
  const CallEnded leg = EndedOf(501);
  EXPECT_EQ(leg.disposition, Disposition::kAnswered);
  EXPECT_TRUE(leg.queued);
  EXPECT_EQ(leg.queue, kDesk);
  EXPECT_EQ(engine_->GetCall(101)->agent, 9u);
  EXPECT_EQ(engine_->GetCall(101)->queue, kSales);  // the caller's queue is still sales
  // The assistant goes on with the caller: no wrap-up from the leg.
  EXPECT_EQ(StateOf(9), AgentState::kTalking);
  EXPECT_EQ(StateOf(1), AgentState::kWrapUp);
  EXPECT_EQ(engine_->GetQueueStats(kDesk)->entered, 1u);
  EXPECT_EQ(engine_->GetQueueStats(kDesk)->answered, 1u);
}

TEST_F(ConsultTest, CancellingAConsultWaitingInAQueueAbandonsTheLeg) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(3, AgentNotReady{9, NotReadyReason::kBreak}).ok());
  ASSERT_TRUE(At(10, CallConsult{101, 501, 0, kDesk}).ok());
  EXPECT_EQ(engine_->GetCall(501)->state, CallState::kWaiting);
  ASSERT_TRUE(At(30, CallConsultEnd{101, false}).ok());
  EXPECT_EQ(EndedOf(501).disposition, Disposition::kAbandonedInQueue);
  EXPECT_FALSE(engine_->GetCall(101)->on_hold);
}

TEST_F(ConsultTest, TheCallerHangingUpLeavesTheLegACallOfItsOwn) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(10, CallConsult{101, 501, 2, 0}).ok());
  ASSERT_TRUE(At(15, CallHangup{101}).ok());
  const CallEnded caller = EndedOf(101);
  EXPECT_EQ(caller.disposition, Disposition::kAnswered);
  EXPECT_EQ(caller.hold_ms, 5'000);
  EXPECT_EQ(StateOf(1), AgentState::kWrapUp);
  ASSERT_TRUE(engine_->GetCall(501).ok());
  EXPECT_EQ(engine_->GetCall(501)->consult, 0u);
  ASSERT_TRUE(At(20, CallEndTalk{501}).ok());
  EXPECT_EQ(EndedOf(501).disposition, Disposition::kConsult);
  EXPECT_EQ(StateOf(2), AgentState::kReady);
}

TEST_F(ConsultTest, ARestoredEngineCarriesTheConsult) {
  SetUpCallWithSeller();
  ASSERT_TRUE(At(10, CallConsult{101, 501, 2, 0}).ok());
  const std::string snapshot = engine_->Snapshot();
  VectorSink other;
  auto restored = Engine::Restore(engine_->center(), snapshot, &other, EngineOptions{7});
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
  ASSERT_TRUE((*restored)->CheckInvariants().ok()) << (*restored)->CheckInvariants();
  ASSERT_TRUE((*restored)->Apply(Event{0, 30'000, CallConsultEnd{101, true}}).ok());
  ASSERT_TRUE(At(30, CallConsultEnd{101, true}).ok());
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
  EXPECT_EQ((*restored)->GetCall(101)->agent, 2u);
}

TEST_F(ConsultTest, RefusalsNameTheFieldAndChangeNothing) {
  SetUpCallWithSeller();
  NewCall(3, 102, kDesk);  // waiting: the assistant is busy? no: offered to 9
  ExpectRejected(4, CallConsult{102, 501, 2, 0}, Code::kFailedPrecondition, "call");
  ExpectRejected(4, CallConsult{101, 101, 2, 0}, Code::kAlreadyExists, "consult");
  ExpectRejected(4, CallConsult{101, 501, 1, 0}, Code::kFailedPrecondition, "agent");
  ExpectRejected(4, CallConsult{101, 501, 77, 0}, Code::kNotFound, "agent");
  ExpectRejected(4, CallConsult{101, 501, 0, 9}, Code::kNotFound, "queue");
  ExpectRejected(4, CallConsult{101, 501, 3, 0}, Code::kFailedPrecondition, "agent");  // logged out
  ExpectRejected(4, CallConsultEnd{101, false}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(10, CallConsult{101, 501, 2, 0}).ok());
  ExpectRejected(11, CallConsult{101, 502, 9, 0}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallResume{101}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallTransferToAgent{101, 9}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallTransfer{101, kDesk, 0}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallTransfer{501, kDesk, 0}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallConsult{501, 503, 9, 0}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallConsultEnd{501, true}, Code::kFailedPrecondition, "call");
  ExpectRejected(11, CallHold{101}, Code::kFailedPrecondition, "call");
}

}  // namespace
}  // namespace acd::testing
