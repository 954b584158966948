// Scenario tests of Asterisk's autopausebusy and autopauseunavail
// (queues.conf: "Autopausebusy controls whether or not a queue member is
// set as paused automatically upon the member device reporting busy. The
// autopausedelay option applies."; autopauseunavail likewise "upon the
// member device reporting congestion"). In acd the PBX reports the line
// with CallDecline's reason (kBusy; kUnavailable for a congested or
// unreachable device) and a queue's auto_pause_busy / auto_pause_unavailable
// counts it as a missed offer toward max_misses, as an unanswered ring.
//
// The center: queues "sales" and "support", both pausing at every miss
// (max_misses 1, as Asterisk's autopause does); agents 1 and 2 in both.
// Agent 1 logs in first, so it is offered first. Invariants are checked
// after every step.
#include <vector>

#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kSupport = 1;

CenterConfig Center(int max_misses = 1) {
  CenterConfig c;
  for (const char* name : {"sales", "support"}) {
    QueueConfig q;
    q.name = name;
    q.max_misses = max_misses;
    c.queues.push_back(q);
  }
  for (AgentId id : {1, 2}) {
    AgentConfig a;
    a.id = id;
    a.queues = {Membership{kSales, 5, 0, 0, 1.0}, Membership{kSupport, 5, 0, 0, 1.0}};
    c.agents.push_back(a);
  }
  return c;
}

class AutoPauseLineTest : public testing::ScenarioTest {
 protected:
  // Agents 1 and 2 log in, 1 first; call 10 enters `queue` at 2 s and is
  // offered to agent 1.
  void OfferToAgentOne(QueueId queue) {
    Login(0, {1});
    Login(1, {2});
    NewCall(2, 10, queue);
    ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1});
    Clear();
  }
  AgentView Agent(AgentId id) { return *engine_->GetAgent(id); }
};

// autopausebusy = yes: the busy line is the agent's miss; at max_misses it
// is paused everywhere (reason no_answer) and the call goes to agent 2.
TEST_F(AutoPauseLineTest, ABusyLinePausesTheAgentWhereTheQueueCountsIt) {
  CenterConfig c = Center();
  c.queues[kSales].auto_pause_busy = true;
  Start(c);
  OfferToAgentOne(kSales);
  ASSERT_TRUE(At(3, CallDecline{10, 1, DeclineReason::kBusy}).ok());
  EXPECT_EQ(Agent(1).state, AgentState::kNotReady);
  EXPECT_EQ(Agent(1).reason, NotReadyReason::kNoAnswer);
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kAgentDeclined);
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{2});
}

// autopausebusy = no (the default): the busy line rests the agent for its
// busy_delay_ms and does not count; it stays ready. An unavailable device
// in a queue that counts only busy lines is the same.
TEST_F(AutoPauseLineTest, AQueueThatDoesNotCountALineOnlyRestsTheAgent) {
  CenterConfig c = Center();
  c.queues[kSupport].auto_pause_busy = true;  // not unavailable
  c.agents[0].busy_delay_ms = 30'000;
  Start(c);
  OfferToAgentOne(kSales);
  ASSERT_TRUE(At(3, CallDecline{10, 1, DeclineReason::kBusy}).ok());
  EXPECT_EQ(Agent(1).state, AgentState::kReady);
  EXPECT_EQ(Agent(1).misses_in_row, 0u);
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{2});
  ASSERT_TRUE(At(4, CallAnswer{10, 2}).ok());
  NewCall(5, 11, kSupport);
  EXPECT_TRUE(OfferedTo(11).empty()) << "agent 1 rests its busy_delay_ms";
  Advance(33);
  ASSERT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  Clear();
  ASSERT_TRUE(At(34, CallDecline{11, 1, DeclineReason::kUnavailable}).ok());
  EXPECT_EQ(Agent(1).state, AgentState::kReady) << "support counts busy lines only";
  EXPECT_EQ(Agent(1).misses_in_row, 0u);
}

// The count is one: with max_misses 2, an unanswered ring and then an
// unavailable device (autopauseunavail) make two misses in a row.
TEST_F(AutoPauseLineTest, AnUnavailableDeviceAddsToTheRingsMissed) {
  CenterConfig c = Center(/*max_misses=*/2);
  c.queues[kSales].auto_pause_unavailable = true;
  Start(c);
  OfferToAgentOne(kSales);
  Advance(12);  // the ring times out: the first miss; agent 2 is rung
  EXPECT_EQ(Agent(1).misses_in_row, 1u);
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{2});
  ASSERT_TRUE(At(13, CallAnswer{10, 2}).ok());
  NewCall(14, 11, kSales);
  ASSERT_EQ(OfferedTo(11), std::vector<AgentId>{1});
  ASSERT_TRUE(At(15, CallDecline{11, 1, DeclineReason::kUnavailable}).ok());
  EXPECT_EQ(Agent(1).state, AgentState::kNotReady);
  EXPECT_EQ(Agent(1).reason, NotReadyReason::kNoAnswer);
  EXPECT_EQ(Agent(1).misses_in_row, 0u) << "a pause everywhere spends the count";
}

// With autopause = yes (auto_pause_here_only) the busy line pauses the
// agent in the call's queue alone; it stays ready for support.
TEST_F(AutoPauseLineTest, ABusyLinePausesInTheQueueAloneUnderHereOnly) {
  CenterConfig c = Center();
  c.queues[kSales].auto_pause_busy = true;
  c.queues[kSales].auto_pause_here_only = true;
  Start(c);
  OfferToAgentOne(kSales);
  ASSERT_TRUE(At(3, CallDecline{10, 1, DeclineReason::kBusy}).ok());
  EXPECT_EQ(Take<AgentPauseChanged>(),
            (std::vector<AgentPauseChanged>{{1, kSales, true, NotReadyReason::kNoAnswer}}));
  EXPECT_EQ(Agent(1).state, AgentState::kReady);
  ASSERT_TRUE(At(4, CallAnswer{10, 2}).ok());
  NewCall(5, 11, kSupport);
  EXPECT_EQ(OfferedTo(11), std::vector<AgentId>{1});
}

// "The autopausedelay option applies": within 60 s of the agent's last
// call its busy lines count and do not pause; after it, one pauses. Sales
// rings for 2 minutes, so that no ring times out here; agent 1 is alone
// and without a rest, so the declined call is offered to it again at once.
TEST_F(AutoPauseLineTest, TheAutoPauseDelayApplies) {
  CenterConfig c = Center(/*max_misses=*/2);
  c.queues[kSales].auto_pause_busy = true;
  c.queues[kSales].auto_pause_delay_ms = 60'000;
  c.queues[kSales].ring_timeout_ms = 120'000;
  Start(c);
  Login(0, {1});
  Connected(1, 9, 1, kSupport);
  ASSERT_TRUE(At(20, CallEndTalk{9}).ok());
  NewCall(30, 10, kSales);
  ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  for (double t : {30.5, 31.0}) {
    Clear();
    ASSERT_TRUE(At(t, CallDecline{10, 1, DeclineReason::kBusy}).ok());
    ASSERT_EQ(OfferedTo(10), std::vector<AgentId>{1}) << "offered again at " << t;
  }
  EXPECT_EQ(Agent(1).state, AgentState::kReserved) << "rung again: no pause within the delay";
  EXPECT_EQ(Agent(1).misses_in_row, 2u) << "the misses count";
  ASSERT_TRUE(At(85, CallDecline{10, 1, DeclineReason::kBusy}).ok());
  EXPECT_EQ(Agent(1).state, AgentState::kNotReady) << "65 s after the last call";
  EXPECT_EQ(Agent(1).reason, NotReadyReason::kNoAnswer);
}

// A line is no screening: a queue's on_decline path takes only an agent's
// own decline; an unavailable device returns the call to its place.
TEST_F(AutoPauseLineTest, AnUnavailableDeviceIsNoScreening) {
  CenterConfig c = Center();
  c.queues[kSales].on_decline = OverflowAction{OverflowKind::kVoicemail, 0, "sales-vm"};
  Start(c);
  OfferToAgentOne(kSales);
  ASSERT_TRUE(At(3, CallDecline{10, 1, DeclineReason::kUnavailable}).ok());
  EXPECT_TRUE(Take<RouteCall>().empty());
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{2});
}

// The options need a queue that pauses; a reason past the last is refused.
TEST_F(AutoPauseLineTest, TheOptionsNeedMaxMissesAndTheReasonAName) {
  for (bool busy : {true, false}) {
    CenterConfig c = Center(/*max_misses=*/0);
    (busy ? c.queues[kSupport].auto_pause_busy : c.queues[kSupport].auto_pause_unavailable) =
        true;
    VectorSink sink;
    const absl::Status refused = Engine::Create(c, &sink, EngineOptions{1}).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(refused.message().find(busy ? "queues[1].auto_pause_busy: the queue's max_misses is 0"
                                          : "queues[1].auto_pause_unavailable: the queue's "
                                            "max_misses is 0"),
              std::string::npos)
        << refused;
  }
  Start(Center());
  OfferToAgentOne(kSales);
  ExpectRejected(3, CallDecline{10, 1, static_cast<DeclineReason>(3)},
                 absl::StatusCode::kInvalidArgument, "reason");
}

}  // namespace
}  // namespace acd
