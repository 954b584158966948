// Scenario tests of the routing engine: one behaviour each, with the
// commands and views checked, and the invariants checked after every step.
#include <algorithm>
#include <memory>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;

CenterConfig TwoQueueCenter(Strategy strategy = Strategy::kLongestIdle) {
  CenterConfig c;
  c.skills = {"sales", "french"};
  QueueConfig sales;
  sales.name = "sales";
  sales.strategy = strategy;
  sales.ring_timeout_ms = 10'000;
  sales.max_misses = 2;
  QueueConfig desk;
  desk.name = "desk";
  c.queues = {sales, desk};
  for (AgentId id = 1; id <= 3; ++id) {
    AgentConfig a;
    a.id = id;
    a.name = "seller" + std::to_string(id);
    a.queues = {Membership{kSales, static_cast<int>(10 - id), 0, static_cast<uint32_t>(id), 1.0}};
    a.skills = {SkillLevel{0, static_cast<int>(10 - id)}};
    c.agents.push_back(a);
  }
  AgentConfig assistant;
  assistant.id = 9;
  assistant.name = "assistant";
  assistant.queues = {Membership{kDesk, 10, 0, 0, 1.0}};
  c.agents.push_back(assistant);
  return c;
}

// The scenario fixture, with two differences kept from this file's
// beginnings: seed 1 by default, and Take clears what it took.
class EngineTest : public testing::ScenarioTest {
 protected:
  void Start(const CenterConfig& center, uint64_t seed = 1) { ScenarioTest::Start(center, seed); }
  template <typename T>
  std::vector<T> Take() {
    std::vector<T> out = ScenarioTest::Take<T>();
    Clear();
    return out;
  }
  AgentState StateOf(AgentId id) { return engine_->GetAgent(id)->state; }
};

TEST_F(EngineTest, OffersLongestIdleAgentAndConnects) {
  Start(TwoQueueCenter());
  Login(0, {1, 2, 3});
  ASSERT_TRUE(At(1, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  ASSERT_TRUE(At(2, AgentReady{1}).ok());  // agent 1 is now the least idle
  sink_.commands.clear();
  NewCall(5, 100, kSales);
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
  EXPECT_EQ(offers[0].ring_timeout_ms, 10'000);
  EXPECT_EQ(StateOf(2), AgentState::kReserved);
  ASSERT_TRUE(At(8, CallAnswer{100, 2}).ok());
  auto connected = Take<CallConnected>();
  ASSERT_EQ(connected.size(), 1u);
  EXPECT_EQ(connected[0].wait_ms, 3000);
  EXPECT_EQ(StateOf(2), AgentState::kTalking);
  ASSERT_TRUE(At(68, CallEndTalk{100}).ok());
  auto ended = Take<CallEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].disposition, Disposition::kAnswered);
  EXPECT_EQ(ended[0].talk_ms, 60'000);
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kAnswered)], 1u);
}

TEST_F(EngineTest, RingNoAnswerRequeuesAndPausesAfterMisses) {
  Start(TwoQueueCenter(Strategy::kFixedOrder));
  Login(0, {1});
  NewCall(1, 100, kSales);
  ASSERT_EQ(Take<Offer>().size(), 1u);
  Advance(11);  // ring timeout at 11 s: RONA, then offered again to agent 1
  auto cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kRingTimeout);
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kOffered);
  Advance(21);  // second miss: max_misses = 2 -> not ready (no answer)
  EXPECT_EQ(StateOf(1), AgentState::kNotReady);
  EXPECT_EQ(engine_->GetAgent(1)->reason, NotReadyReason::kNoAnswer);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->ring_no_answer, 2u);
}

TEST_F(EngineTest, RingAllFirstAnswerWinsOthersCancelledInSameStep) {
  Start(TwoQueueCenter(Strategy::kRingAll));
  Login(0, {1, 2, 3});
  NewCall(1, 100, kSales);
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 3u);
  EXPECT_TRUE(offers[0].ring_all);
  ASSERT_TRUE(At(3, CallAnswer{100, 3}).ok());
  auto cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 2u);
  for (const CancelOffer& c : cancels) EXPECT_EQ(c.reason, CancelReason::kAnsweredElsewhere);
  EXPECT_EQ(StateOf(1), AgentState::kReady);
  EXPECT_EQ(StateOf(3), AgentState::kTalking);
  EXPECT_EQ(engine_->Apply(Event{0, 3000, CallAnswer{100, 1}}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(EngineTest, HangupWhileRingingIsAbandonedRingingAndFreesAgent) {
  Start(TwoQueueCenter());
  Login(0, {1});
  NewCall(1, 100, kSales);
  NewCall(2, 101, kSales);
  ASSERT_TRUE(At(4, CallHangup{100}).ok());
  auto ended = Take<CallEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].disposition, Disposition::kAbandonedRinging);
  // The freed agent takes the next call in the same step.
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kOffered);
  EXPECT_EQ(engine_->Apply(Event{0, 5000, CallHangup{100}}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(EngineTest, WrapUpBlocksOffersUntilItEnds) {
  CenterConfig c = TwoQueueCenter();
  c.queues[kSales].wrapup_ms = 30'000;
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(10, CallEndTalk{100}).ok());
  EXPECT_EQ(StateOf(1), AgentState::kWrapUp);
  NewCall(11, 101, kSales);
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kWaiting);
  Advance(40);
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kOffered);
}

// Asterisk's member wrapuptime (FreeSWITCH's agent wrap-up-time): an
// agent's own wrap-up stands in for the queue's; 0 means none at all.
TEST_F(EngineTest, AnAgentsOwnWrapUpStandsInForTheQueues) {
  CenterConfig c = TwoQueueCenter();
  c.queues[kSales].wrapup_ms = 30'000;
  c.agents[0].wrapup_ms = 5'000;  // seller1
  c.agents[1].wrapup_ms = 0;      // seller2: straight back
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(10, CallEndTalk{100}).ok());
  EXPECT_EQ(StateOf(1), AgentState::kWrapUp);
  NewCall(11, 101, kSales);
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kWaiting);
  Advance(15);  // seller1's 5 s, not the queue's 30
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kOffered);
  Login(16, {2});
  ASSERT_TRUE(At(17, CallAnswer{101, 1}).ok());
  NewCall(18, 102, kSales);  // offered to seller2, the one free
  ASSERT_TRUE(At(19, CallAnswer{102, 2}).ok());
  ASSERT_TRUE(At(20, CallEndTalk{102}).ok());
  EXPECT_EQ(StateOf(2), AgentState::kReady);  // no wrap-up
  c.agents[1].wrapup_ms = -1;
  EXPECT_EQ(ValidateCenter(c).message(), "agents[1].wrapup_ms: must be >= 0, got -1");
}

TEST_F(EngineTest, HigherPriorityServedFirstThenOldest) {
  Start(TwoQueueCenter());
  NewCall(1, 100, kSales, 0);
  NewCall(2, 101, kSales, 5);
  NewCall(3, 102, kSales, 0);
  Login(10, {1});
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 101u);
  ASSERT_TRUE(At(11, CallAnswer{101, 1}).ok());
  ASSERT_TRUE(At(12, CallEndTalk{101}).ok());
  offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 100u);
}

TEST_F(EngineTest, MinimumLevelFiltersAgents) {
  Start(TwoQueueCenter(Strategy::kHighestProficiency));
  Login(0, {2, 3});  // levels 8 and 7
  NewCall(1, 100, kSales, 0, /*min_level=*/9);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  Login(2, {1});  // level 9
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 1u);
}

TEST_F(EngineTest, MaxWaitOverflowsToAnotherQueue) {
  CenterConfig c = TwoQueueCenter();
  c.queues[kSales].max_wait_ms = 60'000;
  c.queues[kSales].on_max_wait = OverflowAction{OverflowKind::kQueue, kDesk, ""};
  c.queues[kDesk].max_wait_ms = 30'000;
  c.queues[kDesk].on_max_wait = OverflowAction{OverflowKind::kCallback, 0, ""};
  Start(c);
  NewCall(0, 100, kSales);
  Advance(60);
  auto routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].to_queue, kDesk);
  EXPECT_EQ(engine_->GetCall(100)->queue, kDesk);
  Advance(90);
  auto ended = Take<CallEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].disposition, Disposition::kCallbackCaptured);
  EXPECT_EQ(ended[0].wait_ms, 90'000);
}

TEST_F(EngineTest, SecondaryMembershipTakesCallsOnlyAfterDelay) {
  CenterConfig c = TwoQueueCenter();
  c.agents[3].queues.push_back(Membership{kSales, 5, 20'000, 0, 1.0});  // assistant helps sales
  Start(c);
  Login(0, {9});
  NewCall(1, 100, kSales);
  Advance(20);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  Advance(21);
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 9u);
}

TEST_F(EngineTest, LogoutWhileRingingRequeuesCall) {
  Start(TwoQueueCenter(Strategy::kFixedOrder));
  Login(0, {1, 2});
  NewCall(1, 100, kSales);
  ASSERT_EQ(Take<Offer>()[0].agent, 1u);
  ASSERT_TRUE(At(2, AgentLogout{1}).ok());
  auto cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kAgentUnavailable);
  EXPECT_EQ(engine_->GetCall(100)->ringing, std::vector<AgentId>{2});
}

TEST_F(EngineTest, DeclineGoesToAnotherAgent) {
  Start(TwoQueueCenter());
  Login(0, {1, 2});
  NewCall(1, 100, kSales);
  const AgentId first = Take<Offer>()[0].agent;
  ASSERT_TRUE(At(2, CallDecline{100, first}).ok());
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_NE(offers[0].agent, first);
}

TEST_F(EngineTest, TransferFromTalkingRequeuesInNewQueue) {
  Start(TwoQueueCenter());
  Login(0, {1, 9});
  NewCall(1, 100, kSales);
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  sink_.commands.clear();
  ASSERT_TRUE(At(30, CallTransfer{100, kDesk, 0}).ok());
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 9u);
  EXPECT_EQ(StateOf(1), AgentState::kReady);
}

TEST_F(EngineTest, FullQueueOverflowsAtEnqueue) {
  CenterConfig c = TwoQueueCenter();
  c.queues[kSales].max_length = 1;
  c.queues[kSales].on_full = OverflowAction{OverflowKind::kVoicemail, 0, "sales-box"};
  Start(c);
  NewCall(1, 100, kSales);
  NewCall(2, 101, kSales);
  auto ended = Take<CallEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].call, 101u);
  EXPECT_EQ(ended[0].disposition, Disposition::kVoicemail);
}

TEST_F(EngineTest, RoundRobinRemembersLastPosition) {
  Start(TwoQueueCenter(Strategy::kRoundRobin));
  Login(0, {1, 2, 3});
  std::vector<AgentId> order;
  for (CallId id = 100; id < 106; ++id) {
    NewCall(1, id, kSales);
    const AgentId agent = Take<Offer>().at(0).agent;
    order.push_back(agent);
    ASSERT_TRUE(At(1, CallAnswer{id, agent}).ok());
    ASSERT_TRUE(At(1, CallEndTalk{id}).ok());
  }
  EXPECT_EQ(order, (std::vector<AgentId>{1, 2, 3, 1, 2, 3}));
}

TEST_F(EngineTest, RejectedEventsChangeNothing) {
  Start(TwoQueueCenter());
  Login(0, {1});
  NewCall(1, 100, kSales);
  const uint64_t before = engine_->StateHash();
  EXPECT_EQ(engine_->Apply(Event{0, 2000, CallAnswer{100, 2}}).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->Apply(Event{0, 500, AgentLogout{1}}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Apply(Event{0, 2000, CallEnqueue{100, 7, 0, 1, {}}}).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->Apply(Event{0, 2000, AgentLogin{77, true}}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->StateHash(), before);
  ASSERT_TRUE(engine_->Apply(Event{42, 2000, AgentNotReady{1, NotReadyReason::kLunch}}).ok());
  const uint64_t after = engine_->StateHash();
  absl::Status dup = engine_->Apply(Event{42, 2000, AgentReady{1}});
  EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(dup.message().find("event_id"), std::string::npos);
  EXPECT_EQ(engine_->StateHash(), after);
}

TEST_F(EngineTest, CapacityTwoTakesTwoCalls) {
  CenterConfig c = TwoQueueCenter();
  c.agents[0].capacity = 2;
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);
  NewCall(2, 101, kSales);
  EXPECT_EQ(Take<Offer>().size(), 2u);
  EXPECT_EQ(engine_->GetAgent(1)->load, 2u);
}

}  // namespace
}  // namespace acd
