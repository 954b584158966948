// Scenario tests of the center's rules in the engine: overflow rules (each
// condition and action), leave-when-empty, screening on decline, rest after
// a miss, ring-in-use, announcements with the estimated wait. Invariants are
// checked after every step.
#include <memory>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;

CenterConfig Center() { return testing::SalesAndDesk(); }

OverflowRule Rule(TimeMs after_ms, RuleActionKind action) {
  OverflowRule r;
  r.after_ms = after_ms;
  r.action = action;
  return r;
}

OverflowRule RouteRule(TimeMs after_ms, RuleCondition condition, OverflowKind kind,
                       int64_t threshold = 0) {
  OverflowRule r = Rule(after_ms, RuleActionKind::kRoute);
  r.condition = condition;
  r.threshold = threshold;
  r.route.kind = kind;
  r.route.target = "mailbox";
  return r;
}

class RulesTest : public testing::ScenarioTest {
 protected:
};

// Level >= 8 for 20 s, then >= 5, then anyone with the skill.
TEST_F(RulesTest, SkillLevelRelaxesInTimedSteps) {
  CenterConfig c = Center();
  OverflowRule to5 = Rule(20'000, RuleActionKind::kSetMinLevel);
  to5.level = 5;
  OverflowRule to1 = Rule(40'000, RuleActionKind::kSetMinLevel);
  to1.level = 1;
  c.queues[kSales].rules = {to1, to5};  // out of order on purpose: judged by after_ms
  Start(c);
  Login(0, {2, 3});  // levels 6 and 3; the level-9 seller is out
  Clear();
  NewCall(1, 100, kSales, 0, 8);
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(20.9);
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(21);
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);  // the level-6 seller, not the level-3 one
  auto rules = Take<RuleApplied>();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].rule, 1);
  EXPECT_TRUE(rules[0].held);
  EXPECT_EQ(engine_->GetCall(100)->min_level, 5);
  // Answered: the 40 s rule never comes due.
  ASSERT_TRUE(At(22, CallAnswer{100, 2}).ok());
  Clear();
  Advance(60);
  EXPECT_TRUE(Take<RuleApplied>().empty());
}

TEST_F(RulesTest, RaisePriorityMovesTheCallAhead) {
  CenterConfig c = Center();
  OverflowRule raise = Rule(30'000, RuleActionKind::kRaisePriority);
  raise.priority_delta = 5;
  c.queues[kSales].rules = {raise};
  Start(c);
  NewCall(0, 100, kSales);       // waits longest, raised at 30 s
  NewCall(10, 200, kSales, 3);   // priority 3 from the start
  Advance(31);
  EXPECT_EQ(engine_->GetCall(100)->priority, 5);
  Clear();
  Login(32, {1});
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 100u);
}

TEST_F(RulesTest, JoinEmptyRouteAtEnqueueWhenNobodyIsLoggedIn) {
  CenterConfig c = Center();
  c.queues[kSales].rules = {
      RouteRule(0, RuleCondition::kNoAgentLoggedIn, OverflowKind::kVoicemail)};
  Start(c);
  Login(0, {9});  // only the desk
  Clear();
  NewCall(1, 100, kSales);
  auto routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].kind, OverflowKind::kVoicemail);
  EXPECT_EQ(routes[0].cause, RouteCause::kRule);
  EXPECT_EQ(routes[0].rule, 0);
  EXPECT_EQ(routes[0].target, "mailbox");
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kVoicemail)], 1u);
  // With a seller logged in (even busy) the rule is passed over.
  Login(2, {1});
  NewCall(3, 200, kSales);
  NewCall(3, 201, kSales);
  Clear();
  Advance(4);
  EXPECT_TRUE(engine_->GetCall(201).ok());
}

TEST_F(RulesTest, ConditionThatDoesNotHoldIsPassedOverOnce) {
  CenterConfig c = Center();
  c.queues[kSales].rules = {
      RouteRule(10'000, RuleCondition::kQueueLengthAtLeast, OverflowKind::kCallback, 2)};
  Start(c);
  NewCall(0, 100, kSales);
  Clear();
  Advance(10);
  auto rules = Take<RuleApplied>();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_FALSE(rules[0].held);
  EXPECT_TRUE(engine_->GetCall(100).ok());
  NewCall(11, 200, kSales);  // now two wait; call 100's rule is spent
  Clear();
  Advance(21);
  rules = Take<RuleApplied>();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].call, 200u);
  EXPECT_TRUE(rules[0].held);
  EXPECT_TRUE(engine_->GetCall(100).ok());
  EXPECT_FALSE(engine_->GetCall(200).ok());
}

TEST_F(RulesTest, RouteDueWhileRingingWaitsForTheRingToEnd) {
  CenterConfig c = Center();
  c.queues[kSales].ring_timeout_ms = 10'000;
  c.queues[kSales].rules = {RouteRule(5'000, RuleCondition::kAlways, OverflowKind::kExternal)};
  Start(c);
  Login(0, {1});
  Clear();
  NewCall(1, 100, kSales);
  ASSERT_EQ(Take<Offer>().size(), 1u);
  Advance(8);
  EXPECT_TRUE(Take<RouteCall>().empty());  // still ringing
  Advance(11);                              // ring timeout: now routed
  auto routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].kind, OverflowKind::kExternal);
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kOverflowed)], 1u);
}

TEST_F(RulesTest, AddQueueLetsTheOtherQueuesAgentsTakeTheCall) {
  CenterConfig c = Center();
  OverflowRule add = Rule(15'000, RuleActionKind::kAddQueue);
  add.queue = kDesk;
  c.queues[kSales].rules = {add};
  Start(c);
  Login(0, {9});
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(16);
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 9u);
  EXPECT_EQ(offers[0].queue, kSales);  // still a sales call
  // The assistant goes on a break: the call goes back to both indexes.
  Clear();
  ASSERT_TRUE(At(20, AgentNotReady{9, NotReadyReason::kBreak}).ok());
  ASSERT_EQ(Take<CancelOffer>().size(), 1u);
  Login(27, {1});
  offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 1u);
}

TEST_F(RulesTest, ClosedConditionFollowsTheCalendar) {
  CenterConfig c = Center();
  c.calendar.open = {TimeWindow{0x7f, 8 * 60, 18 * 60}};  // 08:00-18:00 UTC, every day
  c.queues[kSales].rules = {RouteRule(0, RuleCondition::kClosed, OverflowKind::kCallback)};
  Start(c);
  NewCall(9 * 3600, 100, kSales);  // 09:00: open
  EXPECT_TRUE(engine_->GetCall(100).ok());
  NewCall(19 * 3600, 200, kSales);  // 19:00: closed
  EXPECT_FALSE(engine_->GetCall(200).ok());
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kCallbackCaptured)],
            1u);
}

TEST_F(RulesTest, LeaveWhenEmptyRoutesEveryWaitingCallInOrder) {
  CenterConfig c = Center();
  c.queues[kSales].leave_when_empty = {EmptyCondition::kNoAgentReady,
                                       OverflowAction{OverflowKind::kQueue, kDesk, ""}};
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);  // offered to seller 1
  NewCall(2, 200, kSales);
  NewCall(3, 300, kSales);
  ASSERT_TRUE(At(4, CallAnswer{100, 1}).ok());
  Clear();
  ASSERT_TRUE(At(5, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  auto routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].call, 200u);
  EXPECT_EQ(routes[1].call, 300u);
  EXPECT_EQ(routes[0].cause, RouteCause::kLeaveWhenEmpty);
  EXPECT_EQ(engine_->GetCall(200)->queue, kDesk);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kTalking);  // the talk goes on
}

TEST_F(RulesTest, ScreenedCallDeclinedGoesToVoicemail) {
  CenterConfig c = Center();
  c.queues[kDesk].on_decline = {OverflowKind::kVoicemail, 0, "director"};
  Start(c);
  Login(0, {9});
  NewCall(1, 100, kDesk);
  Clear();
  ASSERT_TRUE(At(3, CallDecline{100, 9}).ok());
  auto routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].cause, RouteCause::kDeclined);
  EXPECT_EQ(routes[0].target, "director");
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kVoicemail)], 1u);
  EXPECT_EQ(engine_->GetAgent(9)->state, AgentState::kReady);
}

TEST_F(RulesTest, AgentRestsAfterAMissAndADeclineBeforeTheNextOffer) {
  CenterConfig c = Center();
  c.agents[0].no_answer_delay_ms = 30'000;
  c.agents[0].decline_delay_ms = 5'000;
  c.queues[kSales].max_misses = 0;
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);
  Clear();
  Advance(11);  // ring timeout: agent 1 rests until 41 s
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(40.9);
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(41);
  ASSERT_EQ(Take<Offer>().size(), 1u);
  Clear();
  ASSERT_TRUE(At(42, CallDecline{100, 1}).ok());
  Advance(46.9);
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(47);
  ASSERT_EQ(Take<Offer>().size(), 1u);
}

TEST_F(RulesTest, AgentOnAnOutsideCallGetsNoOfferUnlessTheQueueRingsInUse) {
  CenterConfig c = Center();
  Start(c);
  Login(0, {1});
  ASSERT_TRUE(At(1, AgentOutsideCall{1, true}).ok());
  EXPECT_EQ(At(1, AgentOutsideCall{1, true}).code(), absl::StatusCode::kFailedPrecondition);
  Clear();
  NewCall(2, 100, kSales);
  EXPECT_TRUE(Take<Offer>().empty());
  ASSERT_TRUE(At(3, AgentOutsideCall{1, false}).ok());
  ASSERT_EQ(Take<Offer>().size(), 1u);

  c.queues[kSales].ring_in_use = true;
  sink_.commands.clear();
  Start(c);
  Login(0, {1});
  ASSERT_TRUE(At(1, AgentOutsideCall{1, true}).ok());
  Clear();
  NewCall(2, 100, kSales);
  EXPECT_EQ(Take<Offer>().size(), 1u);
}

TEST_F(RulesTest, AnnouncesPositionThatOnlyMovesUpAndARoundedWait) {
  CenterConfig c = Center();
  Announcements& a = c.queues[kSales].announcements;
  a.first_ms = 5'000;
  a.every_ms = 30'000;
  a.position_limit = 3;
  a.ewt_round_ms = 60'000;
  c.queues[kSales].expected_handle_ms = 120'000;
  Start(c);
  Login(0, {1});
  ASSERT_TRUE(At(0, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  for (CallId id = 1; id <= 5; ++id) NewCall(0, id, kSales);
  Clear();
  Advance(5);
  auto said = Take<Announce>();
  ASSERT_EQ(said.size(), 5u);
  EXPECT_EQ(said[0].position, 1u);
  EXPECT_EQ(said[0].ewt_ms, -1);  // nobody working the queue: no estimate
  EXPECT_TRUE(said[4].more_than);
  EXPECT_EQ(said[4].position, 3u);
  // A priority call jumps ahead; call 2 is still told position 2.
  ASSERT_TRUE(At(10, AgentReady{1}).ok());  // takes call 1
  NewCall(11, 6, kSales, 10);
  Clear();
  Advance(35);
  said = Take<Announce>();
  ASSERT_FALSE(said.empty());
  const Announce* two = nullptr;
  for (const Announce& x : said) {
    if (x.call == 2) two = &x;
  }
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->position, 2u);  // behind call 6 it would be 2 as well, never 3
  EXPECT_EQ(two->ewt_ms, 240'000);  // 2 x 120 s / 1 agent, rounded up to a minute
}

// Asterisk's penaltymemberslimit: with few members logged in, a secondary
// member takes calls at once instead of after its delay.
TEST_F(RulesTest, FewMembersLoggedInIgnoreTheirDelays) {
  CenterConfig c = Center();
  c.queues[kSales].ignore_delays_up_to_members = 1;
  c.agents[1].queues[0].delay_ms = 30'000;  // seller 2 is a secondary member
  Start(c);
  Login(0, {1, 2});  // two logged in: delays apply
  ASSERT_TRUE(At(0, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_TRUE(Take<Offer>().empty());
  ASSERT_TRUE(At(2, AgentLogout{1}).ok());  // one left: the delay no longer applies
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
}

TEST_F(RulesTest, ReturningCallerWaitsForTheirOwnSellerThenAnyone) {
  CenterConfig c = Center();
  c.queues[kSales].owner_first_ms = 15'000;
  Start(c);
  Login(0, {1, 2});
  NewCall(1, 50, kSales);  // seller 1 (longest idle) takes a first call
  ASSERT_TRUE(At(2, CallAnswer{50, 1}).ok());
  Clear();
  CallAttributes a;
  a.returning = true;
  a.owner_agent = 1;
  ASSERT_TRUE(At(3, CallArrive{100, a}).ok());
  ASSERT_TRUE(At(3, CallEnqueue{100, kSales, 0, 1, {}}).ok());
  EXPECT_TRUE(Take<Offer>().empty());  // seller 2 is free but not the owner
  ASSERT_TRUE(At(10, CallEndTalk{50}).ok());  // the owner frees up
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 1u);
  EXPECT_TRUE(offers[0].preferred);
  // The owner declines: anyone may take it at once.
  Clear();
  ASSERT_TRUE(At(12, CallDecline{100, 1}).ok());
  offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
  EXPECT_FALSE(offers[0].preferred);
}

TEST_F(RulesTest, OwnerWindowEndsAfterItsTime) {
  CenterConfig c = Center();
  c.queues[kSales].owner_first_ms = 15'000;
  Start(c);
  Login(0, {1, 2});
  NewCall(1, 50, kSales);
  ASSERT_TRUE(At(2, CallAnswer{50, 1}).ok());  // the owner is busy
  CallAttributes a;
  a.owner_agent = 1;
  ASSERT_TRUE(At(3, CallArrive{100, a}).ok());
  ASSERT_TRUE(At(3, CallEnqueue{100, kSales, 0, 1, {}}).ok());
  Clear();
  Advance(17.9);
  EXPECT_TRUE(Take<Offer>().empty());
  Advance(18);  // 15 s after entering: anyone qualified
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
  EXPECT_FALSE(offers[0].preferred);
}

TEST_F(RulesTest, OwnerWindowEndsWhenTheOwnerGoesAway) {
  CenterConfig c = Center();
  c.queues[kSales].owner_first_ms = 15'000;
  Start(c);
  Login(0, {1, 2});
  NewCall(1, 50, kSales);
  ASSERT_TRUE(At(2, CallAnswer{50, 1}).ok());
  CallAttributes a;
  a.owner_agent = 1;
  ASSERT_TRUE(At(3, CallArrive{100, a}).ok());
  ASSERT_TRUE(At(3, CallEnqueue{100, kSales, 0, 1, {}}).ok());
  Clear();
  ASSERT_TRUE(At(5, AgentNotReady{1, NotReadyReason::kLunch}).ok());  // still talking
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
  // An owner who is logged out gets no window at all.
  ASSERT_TRUE(At(6, AgentLogout{1}).ok());
  ASSERT_TRUE(At(7, CallArrive{101, a}).ok());
  ASSERT_TRUE(At(7, CallEnqueue{101, kSales, 0, 1, {}}).ok());
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kWaiting);
  ASSERT_TRUE(At(8, CallAnswer{100, 2}).ok());
  ASSERT_TRUE(At(9, CallEndTalk{100}).ok());  // seller 2 frees up: takes 101
  EXPECT_EQ(engine_->GetCall(101)->state, CallState::kOffered);
}

// A caller who hangs up in line and calls back soon gets the place back.
TEST_F(RulesTest, CallerWhoCallsBackSoonResumesTheirPlace) {
  CenterConfig c = Center();
  c.resume_place_ms = 60'000;
  Start(c);
  CallAttributes anna, bert, carl;
  anna.ani = "+491701";
  bert.ani = "+491702";
  carl.ani = "+491703";
  auto enter = [&](double t_s, CallId id, const CallAttributes& a) {
    ASSERT_TRUE(At(t_s, CallArrive{id, a}).ok());
    ASSERT_TRUE(At(t_s, CallEnqueue{id, kSales, 0, 1, {}}).ok());
  };
  enter(0, 1, anna);
  enter(10, 2, bert);
  ASSERT_TRUE(At(20, CallHangup{1}).ok());  // Anna gives up...
  enter(50, 3, anna);                       // ...and calls back 30 s later
  enter(200, 4, carl);
  ASSERT_TRUE(At(210, CallHangup{4}).ok());  // Carl gives up
  enter(280, 5, carl);                       // but calls back too late (70 s)
  Clear();
  Login(300, {1});
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 3u);  // Anna's place was before Bert's
  ASSERT_TRUE(At(301, CallAnswer{3, 1}).ok());
  Clear();
  ASSERT_TRUE(At(302, CallEndTalk{3}).ok());
  offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 2u);  // then Bert, then Carl at the back
}

// Ring one seller, add the next every 4 s while the first keeps ringing;
// the first to answer wins; only the seller who rang the whole ring time
// gets a miss.
TEST_F(RulesTest, RingsProgressivelyUntilSomeoneAnswers) {
  CenterConfig c = Center();
  c.queues[kSales].strategy = Strategy::kFixedOrder;
  c.queues[kSales].progressive_ring_ms = 4'000;
  c.queues[kSales].ring_all_max = 3;
  Start(c);
  Login(0, {1, 2, 3});
  Clear();
  NewCall(1, 100, kSales);
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 1u);  // fixed order: position 1 first
  Clear();
  Advance(5);
  offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2u);
  EXPECT_EQ(offers[0].ring_timeout_ms, 6'000);  // what is left of the 10 s ring
  Clear();
  Advance(9);
  ASSERT_EQ(Take<Offer>().size(), 1u);  // seller 3 joins at 9 s
  Clear();
  Advance(11);  // the ring ends: all three cancelled, seller 1 gets the miss
  auto cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 3u);
  EXPECT_EQ(engine_->GetAgent(1)->misses_in_row, 1u);
  EXPECT_EQ(engine_->GetAgent(2)->misses_in_row, 0u);
  // The call rings again from the top; seller 2 answers once added.
  Clear();
  Advance(15);
  offers = Take<Offer>();
  ASSERT_FALSE(offers.empty());
  const AgentId added = offers.back().agent;
  Clear();
  ASSERT_TRUE(At(16, CallAnswer{100, added}).ok());
  EXPECT_EQ(Take<CancelOffer>().size(), 1u);  // the other one stops ringing
  EXPECT_EQ(engine_->GetCall(100)->agent, added);
}

// A queue routes at most kMaxPoolsPerQueue distinct skill requirements.
// Events beyond that are refused (ResourceExhausted); a move by the
// engine's own rules counts the queue as full (on_full), and an add-queue
// rule adds no guest there.
TEST_F(RulesTest, QueueWithEveryPoolTakenIsFullForMovesAndGuests) {
  CenterConfig c = Center();
  for (int s = 1; s <= 4; ++s) c.skills.push_back("s" + std::to_string(s));
  c.queues[kDesk].on_full = OverflowAction{OverflowKind::kVoicemail, 0, "desk-box"};
  c.queues[kSales].max_wait_ms = 10'000;
  c.queues[kSales].on_max_wait = OverflowAction{OverflowKind::kQueue, kDesk, ""};
  Start(c);
  // 15 requirements (pairs of levels) beside the desk's plain pool: 16.
  CallId id = 1000;
  for (int s = 1; s <= 3; ++s) {
    for (int level = 1; level <= 5; ++level) {
      ASSERT_TRUE(At(0, CallArrive{++id, {}}).ok());
      CallEnqueue e{id, kDesk, 0, kMinLevel, {}};
      e.required_skills.push_back(SkillLevel{static_cast<SkillId>(s), level});
      ASSERT_TRUE(At(0, e).ok());
    }
  }
  ASSERT_TRUE(At(0, CallArrive{2000, {}}).ok());
  CallEnqueue refused{2000, kDesk, 0, kMinLevel, {}};
  refused.required_skills.push_back(SkillLevel{4, 1});
  EXPECT_EQ(At(0, refused).code(), absl::StatusCode::kResourceExhausted);
  // The same requirement reaching the desk by the sales queue's max wait.
  CallEnqueue sales{2000, kSales, 0, kMinLevel, {}};
  sales.required_skills.push_back(SkillLevel{4, 1});
  ASSERT_TRUE(At(1, sales).ok());
  Clear();
  Advance(11);
  auto routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].cause, RouteCause::kMaxWait);
  EXPECT_EQ(routes[1].cause, RouteCause::kQueueFull);
  EXPECT_EQ(routes[1].kind, OverflowKind::kVoicemail);
}

}  // namespace
}  // namespace acd
