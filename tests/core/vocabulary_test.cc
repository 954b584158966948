// Scenario tests of the PBX vocabulary beyond a call's way through a queue:
// who hung up, hold and resume, the CRM's attribute updates, a supervisor's
// priority changes and forced agent states, an agent's outbound calls, and
// the byte form of these events in the journal's older layout.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/event_codec.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;
using Code = absl::StatusCode;

using VocabularyTest = ScenarioTest;

TEST_F(VocabularyTest, EndOfTalkSaysWhoHungUp) {
  Start(SalesAndDesk());
  Login(0, {1, 2, 3});
  Connected(1, 100, 1);
  Connected(2, 101, 2);
  Connected(3, 102, 3);
  ASSERT_TRUE(At(10, CallEndTalk{100, EndedBy::kAgent}).ok());
  ASSERT_TRUE(At(11, CallHangup{101}).ok());  // the caller hung up on a connected call
  ASSERT_TRUE(At(12, CallEndTalk{102}).ok());  // the PBX does not say
  EXPECT_EQ(EndedOf(100).ended_by, EndedBy::kAgent);
  EXPECT_EQ(EndedOf(101).ended_by, EndedBy::kCaller);
  EXPECT_EQ(EndedOf(101).disposition, Disposition::kAnswered);
  EXPECT_EQ(EndedOf(102).ended_by, EndedBy::kUnknown);
  // A caller who gives up in line is no talk that someone ended.
  NewCall(20, 103, kSales);
  ASSERT_TRUE(At(21, AgentLogout{1}).ok());
  ASSERT_TRUE(At(21, AgentLogout{2}).ok());
  ASSERT_TRUE(At(21, AgentLogout{3}).ok());
  NewCall(22, 104, kSales);
  ASSERT_TRUE(At(23, CallHangup{104}).ok());
  EXPECT_EQ(EndedOf(104).ended_by, EndedBy::kUnknown);
}

TEST_F(VocabularyTest, EndOfTalkRefusesAnUnknownSide) {
  Start(SalesAndDesk());
  Login(0, {1});
  Connected(1, 100, 1);
  ExpectRejected(5, CallEndTalk{100, static_cast<EndedBy>(7)}, Code::kInvalidArgument, "by");
}

TEST_F(VocabularyTest, HoldKeepsTheAgentBusyAndIsCounted) {
  Start(SalesAndDesk());
  Login(0, {1});
  Connected(1, 100, 1);
  ASSERT_TRUE(At(10, CallHold{100}).ok());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kTalking);
  NewCall(12, 101, kSales);  // the agent on hold is still busy: no offer
  EXPECT_TRUE(Take<Offer>().size() == 1u);  // only the first call's
  Advance(15);
  EXPECT_TRUE(engine_->GetCall(100)->on_hold);
  EXPECT_EQ(engine_->GetCall(100)->hold_ms, 5'000);
  ASSERT_TRUE(At(25, CallResume{100}).ok());
  EXPECT_FALSE(engine_->GetCall(100)->on_hold);
  EXPECT_EQ(engine_->GetCall(100)->hold_ms, 15'000);
  ASSERT_TRUE(At(30, CallHold{100}).ok());
  ASSERT_TRUE(At(40, CallEndTalk{100, EndedBy::kCaller}).ok());  // hung up while on hold
  const CallEnded ended = EndedOf(100);
  EXPECT_EQ(ended.hold_ms, 25'000);
  EXPECT_EQ(ended.talk_ms, 39'000);  // the hold is part of the talk
  EXPECT_EQ(ended.ended_by, EndedBy::kCaller);
}

TEST_F(VocabularyTest, HoldAndResumeOnlyFitAConnectedCall) {
  Start(SalesAndDesk());
  NewCall(1, 100, kSales);  // nobody logged in: it waits
  ExpectRejected(2, CallHold{100}, Code::kFailedPrecondition, "call");
  ExpectRejected(2, CallResume{100}, Code::kFailedPrecondition, "call");
  ExpectRejected(2, CallHold{999}, Code::kNotFound, "call");
  Login(3, {1});
  ASSERT_TRUE(At(4, CallAnswer{100, 1}).ok());
  ExpectRejected(5, CallResume{100}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(5, CallHold{100}).ok());
  ExpectRejected(6, CallHold{100}, Code::kFailedPrecondition, "call");
}

TEST_F(VocabularyTest, TransferEndsAHold) {
  Start(SalesAndDesk());
  Login(0, {1});
  Connected(1, 100, 1);
  ASSERT_TRUE(At(10, CallHold{100}).ok());
  ASSERT_TRUE(At(14, CallTransfer{100, 1, 0}).ok());  // to the desk, nobody there
  EXPECT_FALSE(engine_->GetCall(100)->on_hold);
  EXPECT_EQ(engine_->GetCall(100)->hold_ms, 4'000);
  ASSERT_TRUE(At(20, CallHangup{100}).ok());
  const CallEnded ended = EndedOf(100);
  EXPECT_EQ(ended.disposition, Disposition::kAbandonedInQueue);
  EXPECT_EQ(ended.hold_ms, 4'000);
  EXPECT_EQ(ended.ended_by, EndedBy::kUnknown);
}

TEST_F(VocabularyTest, CrmUpdateNamesTheSellerForTheNextDecision) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].owner_first_ms = 30'000;
  Start(c);
  Login(0, {1, 2});  // seller 1 is the longest idle
  ASSERT_TRUE(At(1, CallArrive{100, {}}).ok());
  CallUpdate update;
  update.call = 100;
  update.fields = CallUpdate::kOwnerAgent | CallUpdate::kReturning;
  update.attributes.owner_agent = 2;
  update.attributes.returning = true;
  ASSERT_TRUE(At(2, update).ok());
  EXPECT_TRUE(Take<Offer>().empty());  // an update decides nothing by itself
  ASSERT_TRUE(At(3, CallEnqueue{100, kSales, 0, kMinLevel, {}}).ok());
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
  EXPECT_TRUE(offers[0].preferred);
}

TEST_F(VocabularyTest, CrmUpdateReleasesACallWaitingForItsFormerSeller) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].owner_first_ms = 30'000;
  Start(c);
  Login(0, {2});
  Connected(1, 50, 2);  // the owner is busy
  Login(2, {1});
  CallAttributes a;
  a.returning = true;
  a.owner_agent = 2;
  ASSERT_TRUE(At(3, CallArrive{100, a}).ok());
  ASSERT_TRUE(At(3, CallEnqueue{100, kSales, 0, kMinLevel, {}}).ok());
  Clear();
  Advance(5);
  EXPECT_TRUE(Take<Offer>().empty());  // waits for seller 2 alone
  CallUpdate update;
  update.call = 100;
  update.fields = CallUpdate::kOwnerAgent;  // the CRM: not this customer's seller after all
  ASSERT_TRUE(At(6, update).ok());
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 1u);
  EXPECT_FALSE(offers[0].preferred);
}

TEST_F(VocabularyTest, CrmUpdateRefusesWhatItCannotApply) {
  Start(SalesAndDesk());
  ASSERT_TRUE(At(1, CallArrive{100, {}}).ok());
  ExpectRejected(2, CallUpdate{100, 0, {}}, Code::kInvalidArgument, "fields");
  ExpectRejected(2, CallUpdate{100, CallUpdate::kAll + 1, {}}, Code::kInvalidArgument, "fields");
  CallUpdate bad_intent{100, CallUpdate::kIntent, {}};
  bad_intent.attributes.intent = static_cast<Intent>(40);
  ExpectRejected(2, bad_intent, Code::kInvalidArgument, "attributes.intent");
  ExpectRejected(2, CallUpdate{777, CallUpdate::kVip, {}}, Code::kNotFound, "call");
  ASSERT_TRUE(At(3, CallHangup{100}).ok());
  ExpectRejected(4, CallUpdate{100, CallUpdate::kVip, {}}, Code::kFailedPrecondition, "call");
}

TEST_F(VocabularyTest, SupervisorRaisesAWaitingCallsPriority) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales);
  NewCall(2, 102, kSales);
  NewCall(3, 103, kSales);
  ASSERT_TRUE(At(4, CallSetPriority{103, 5}).ok());
  ASSERT_TRUE(At(4, CallSetPriority{102, 5}).ok());  // entered before 103: ahead of it
  std::vector<CallId> order;
  for (AgentId agent : {1, 2, 3}) {
    Clear();
    Login(5, {agent});
    const std::vector<Offer> offers = Take<Offer>();
    ASSERT_EQ(offers.size(), 1u);
    order.push_back(offers[0].call);
    ASSERT_TRUE(At(5, CallAnswer{offers[0].call, agent}).ok());
  }
  EXPECT_EQ(order, (std::vector<CallId>{102, 103, 101}));
  EXPECT_EQ(engine_->GetCall(103)->priority, 5);
}

TEST_F(VocabularyTest, SupervisorPriorityChangeOnlyFitsAWaitingCall) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales);
  ExpectRejected(2, CallSetPriority{101, 1001}, Code::kInvalidArgument, "priority");
  Login(3, {1});
  ExpectRejected(4, CallSetPriority{101, 3}, Code::kFailedPrecondition, "call");  // ringing
  ASSERT_TRUE(At(5, CallAnswer{101, 1}).ok());
  ExpectRejected(6, CallSetPriority{101, 3}, Code::kFailedPrecondition, "call");  // talking
}

TEST_F(VocabularyTest, SupervisorForcesAnAgentsState) {
  Start(SalesAndDesk());
  Login(0, {1, 2});
  Connected(1, 100, 1);
  // Not ready while talking: the call goes on, the pause follows it.
  ASSERT_TRUE(At(2, AgentNotReady{1, NotReadyReason::kMeeting}).ok());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kTalking);
  ASSERT_TRUE(At(3, CallEndTalk{100, EndedBy::kAgent}).ok());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kNotReady);
  EXPECT_EQ(engine_->GetAgent(1)->reason, NotReadyReason::kMeeting);
  // Logged out while an offer rings: the offer is withdrawn and the call
  // goes to the agent made ready.
  NewCall(4, 101, kSales);
  ASSERT_EQ(engine_->GetCall(101)->ringing, std::vector<AgentId>{2});
  Clear();
  ASSERT_TRUE(At(5, AgentLogout{2}).ok());
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kAgentUnavailable);
  EXPECT_EQ(engine_->GetAgent(2)->state, AgentState::kLoggedOut);
  ASSERT_TRUE(At(6, AgentReady{1}).ok());
  EXPECT_EQ(engine_->GetCall(101)->ringing, std::vector<AgentId>{1});
}

TEST_F(VocabularyTest, OutboundCallKeepsTheAgentBusyAndIsCountedApart) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].wrapup_ms = 20'000;
  Start(c);
  Login(0, {1});
  ASSERT_TRUE(At(1, OutboundCall{500, 1}).ok());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kTalking);
  EXPECT_TRUE(engine_->GetCall(500)->outbound);
  EXPECT_FALSE(engine_->GetCall(500)->queued);
  NewCall(2, 100, kSales);  // the seller is on the phone: the caller waits
  EXPECT_TRUE(Take<Offer>().empty());
  ASSERT_TRUE(At(5, CallHold{500}).ok());  // hold applies to an outbound call too
  ASSERT_TRUE(At(6, CallResume{500}).ok());
  Clear();
  ASSERT_TRUE(At(31, CallEndTalk{500, EndedBy::kAgent}).ok());
  const CallEnded ended = EndedOf(500);
  EXPECT_EQ(ended.disposition, Disposition::kOutbound);
  EXPECT_FALSE(ended.queued);
  EXPECT_EQ(ended.agent, 1u);
  EXPECT_EQ(ended.wait_ms, 0);
  EXPECT_EQ(ended.talk_ms, 30'000);
  EXPECT_EQ(ended.hold_ms, 1'000);
  EXPECT_EQ(ended.ended_by, EndedBy::kAgent);
  // No wrap-up after an outbound call: the waiting caller rings at once.
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 100u);
  EXPECT_EQ(engine_->GetAgent(1)->outbound_today, 1u);
  EXPECT_EQ(engine_->GetAgent(1)->calls_today, 0u);
  const CallCounts counts = engine_->counts();
  EXPECT_EQ(counts.outbound, 1u);
  EXPECT_EQ(counts.arrived, 1u);
  EXPECT_EQ(counts.by_disposition[static_cast<int>(Disposition::kOutbound)], 1u);
  EXPECT_EQ(counts.arrived + counts.callbacks + counts.outbound,
            counts.in_ivr + counts.waiting + counts.offered + counts.dialing + counts.talking +
                counts.ended);
  const QueueStats sales = *engine_->GetQueueStats(kSales);  // not a queue's call
  EXPECT_EQ(sales.entered, 1u);
  EXPECT_EQ(sales.answered, 0u);
  EXPECT_EQ(sales.talking, 0u);
}

TEST_F(VocabularyTest, OutboundCallNeedsAnAgentWithRoomAndANewId) {
  Start(SalesAndDesk());
  ExpectRejected(1, OutboundCall{500, 1}, Code::kFailedPrecondition, "agent");  // logged out
  ExpectRejected(1, OutboundCall{500, 77}, Code::kNotFound, "agent");
  ExpectRejected(1, OutboundCall{0, 1}, Code::kInvalidArgument, "call");
  Login(2, {1, 2});
  ASSERT_TRUE(At(2, AgentNotReady{2, NotReadyReason::kTraining}).ok());
  ASSERT_TRUE(At(3, OutboundCall{501, 2}).ok());  // a paused agent may dial out
  ExpectRejected(3, OutboundCall{501, 1}, Code::kAlreadyExists, "call");
  ExpectRejected(4, OutboundCall{502, 2}, Code::kFailedPrecondition, "agent");  // on the phone
  ExpectRejected(4, CallTransfer{501, kSales, 0}, Code::kFailedPrecondition, "call");
  NewCall(5, 100, kSales);  // rings at seller 1
  ExpectRejected(6, OutboundCall{503, 1}, Code::kFailedPrecondition, "agent");
  ASSERT_TRUE(At(7, CallHangup{501}).ok());  // the other party hung up
  EXPECT_EQ(EndedOf(501).ended_by, EndedBy::kCaller);
  EXPECT_EQ(engine_->GetAgent(2)->state, AgentState::kNotReady);
  ExpectRejected(8, OutboundCall{501, 2}, Code::kAlreadyExists, "call");  // ids are not reused
}

// The journal keeps events in the layout they were written in: an end of
// talk from before `by` existed reads as "unknown", and the kinds added
// since are unknown to the older layout.
TEST(VocabularyCodecTest, OlderLayoutStillReads) {
  // id 7, time 1000 (zig-zag 2000), kind 10 (call_end_talk), call 3.
  const std::string v1 = {'\x07', '\xd0', '\x0f', '\x0a', '\x03'};
  absl::StatusOr<Event> old = DecodeEvent(v1, 1);
  ASSERT_TRUE(old.ok()) << old.status();
  ASSERT_TRUE(std::holds_alternative<CallEndTalk>(old->body));
  EXPECT_EQ(std::get<CallEndTalk>(old->body).call, 3u);
  EXPECT_EQ(std::get<CallEndTalk>(old->body).by, EndedBy::kUnknown);
  EXPECT_EQ(DecodeEvent(v1, 2).status().code(), Code::kDataLoss);  // `by` is missing
  std::string hold = EncodeEvent(Event{7, 1000, CallHold{3}});
  EXPECT_EQ(DecodeEvent(hold, 1).status().code(), Code::kDataLoss);  // no such kind in 1
  EXPECT_TRUE(DecodeEvent(hold, 2).ok());
  for (const EventBody& body : std::vector<EventBody>{
           CallEndTalk{3, EndedBy::kAgent}, CallResume{3}, CallSetPriority{3, -17},
           OutboundCall{4, 12},
           CallUpdate{3, CallUpdate::kOwnerAgent | CallUpdate::kAni, {"+331", "", "", "", "", Intent::kBuy, true, true, false, 9}}}) {
    const Event e{8, 2000, body};
    absl::StatusOr<Event> back = DecodeEvent(EncodeEvent(e));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_TRUE(SameEvent(*back, e)) << DescribeEvent(e);
  }
}

}  // namespace
}  // namespace acd::testing
