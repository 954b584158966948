// Scenario tests of live reload (Engine::Reconfigure): an identical center
// changes nothing; queues, agents and skills are matched by name and id
// across renumbering; removed queues and agents follow the stated rules;
// changed settings apply to waiting calls as if in force since they
// entered; whatever the live state forbids is refused and changes nothing.
// Invariants are checked after every step.
#include <algorithm>
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

// The scenarios' sales and desk center with a second skill, "french", and
// 5 s of wrap-up in sales.
CenterConfig Center() {
  CenterConfig c = testing::SalesAndDesk();
  c.skills.push_back("french");
  c.queues[kSales].wrapup_ms = 5'000;
  return c;
}

// The same center with the queues and skills listed in reverse order (every
// id changes) and the agents in another order.
CenterConfig Renumbered(const CenterConfig& c) {
  CenterConfig r = c;
  std::reverse(r.skills.begin(), r.skills.end());
  std::reverse(r.queues.begin(), r.queues.end());
  std::reverse(r.agents.begin(), r.agents.end());
  const auto queue = [&c](QueueId q) { return static_cast<QueueId>(c.queues.size() - 1 - q); };
  const auto skill = [&c](SkillId s) { return static_cast<SkillId>(c.skills.size() - 1 - s); };
  for (QueueConfig& q : r.queues) {
    if (q.has_skill) q.skill = skill(q.skill);
    if (q.on_max_wait.kind == OverflowKind::kQueue) q.on_max_wait.queue = queue(q.on_max_wait.queue);
  }
  for (AgentConfig& a : r.agents) {
    for (Membership& m : a.queues) m.queue = queue(m.queue);
    for (SkillLevel& s : a.skills) s.skill = skill(s.skill);
  }
  return r;
}

class ReloadTest : public testing::ScenarioTest {
 protected:
  absl::Status Reload(const CenterConfig& next) {
    absl::Status s = engine_->Reconfigure(next);
    EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
    return s;
  }
  // Refused with this code and a message containing `words`, changing nothing.
  void ExpectRefused(const CenterConfig& next, absl::StatusCode code, const std::string& words) {
    const uint64_t before = engine_->StateHash();
    Clear();
    absl::Status s = Reload(next);
    EXPECT_EQ(s.code(), code) << s;
    EXPECT_NE(s.message().find(words), std::string::npos) << s;
    EXPECT_EQ(engine_->StateHash(), before);
    EXPECT_TRUE(sink_.commands.empty());
  }
};

TEST_F(ReloadTest, AnIdenticalCenterChangesNothing) {
  CenterConfig c = Center();
  c.queues[kSales].max_wait_ms = 90'000;
  c.queues[kSales].on_max_wait = OverflowAction{OverflowKind::kQueue, kDesk, ""};
  c.queues[kSales].announcements.every_ms = 20'000;
  c.queues[kSales].announcements.first_ms = 5'000;
  OverflowRule raise;
  raise.after_ms = 30'000;
  raise.action = RuleActionKind::kRaisePriority;
  raise.priority_delta = 5;
  c.queues[kSales].rules = {raise};
  c.queues[kSales].strategy = Strategy::kRandom;
  c.agents[2].queues[0].delay_ms = 15'000;  // a secondary member: delay stages
  // Two engines fed alike; one reloads twice on the way.
  VectorSink twin_sink;
  auto twin = Engine::Create(c, &twin_sink, EngineOptions{7});
  ASSERT_TRUE(twin.ok());
  Start(c);
  auto both = [&](const Event& e) {
    const absl::Status s = engine_->Apply(e);
    EXPECT_EQ(s, (*twin)->Apply(e));
    return s;
  };
  for (AgentId id : {1, 2, 3}) ASSERT_TRUE(both(Event{0, 0, AgentLogin{id, true}}).ok());
  for (CallId id : {100, 101}) {
    ASSERT_TRUE(both(Event{0, static_cast<TimeMs>(id - 100) * 1000, CallArrive{id, {}}}).ok());
    ASSERT_TRUE(
        both(Event{0, static_cast<TimeMs>(id - 100) * 1000, CallEnqueue{id, kSales, 0, 1, {}}}).ok());
  }
  for (const Offer& o : Take<Offer>()) {
    ASSERT_TRUE(both(Event{0, 3000, CallAnswer{o.call, o.agent}}).ok());
  }
  // One seller is idle (filed under a random key), two talk.
  // Each reload leaves the state hash as it was.
  auto reload_same = [&] {
    const uint64_t before = engine_->StateHash();
    ASSERT_TRUE(Reload(c).ok());
    EXPECT_EQ(engine_->StateHash(), before);
    EXPECT_EQ((*twin)->StateHash(), before);
  };
  reload_same();
  Clear();
  twin_sink.commands.clear();
  for (CallId id = 102; id < 108; ++id) {
    ASSERT_TRUE(both(Event{0, static_cast<TimeMs>(id - 92) * 1000, CallArrive{id, {}}}).ok());
    ASSERT_TRUE(
        both(Event{0, static_cast<TimeMs>(id - 92) * 1000, CallEnqueue{id, kSales, 0, 1, {}}}).ok());
  }
  for (double t : {20.0, 40.0}) {
    ASSERT_TRUE(engine_->AdvanceTo(static_cast<TimeMs>(t * 1000)).ok());
    ASSERT_TRUE((*twin)->AdvanceTo(static_cast<TimeMs>(t * 1000)).ok());
  }
  reload_same();  // calls waiting with rule, stage and announcement timers
  for (CallId id : {100, 101}) ASSERT_TRUE(both(Event{0, 60'000, CallEndTalk{id}}).ok());
  reload_same();  // sellers in wrap-up
  // Answer whatever rings now (earlier offers timed out and went back).
  for (CallId id = 102; id < 108; ++id) {
    const absl::StatusOr<CallView> call = engine_->GetCall(id);
    if (call.ok() && call->state == CallState::kOffered) {
      ASSERT_TRUE(both(Event{0, 70'000, CallAnswer{id, call->ringing[0]}}).ok());
    }
  }
  for (CallId id = 102; id < 108; ++id) {
    if (engine_->GetCall(id).ok() && engine_->GetCall(id)->state == CallState::kTalking) {
      ASSERT_TRUE(both(Event{0, 80'000, CallEndTalk{id}}).ok());
    }
  }
  reload_same();
  ASSERT_TRUE(engine_->AdvanceTo(200'000).ok());
  ASSERT_TRUE((*twin)->AdvanceTo(200'000).ok());
  EXPECT_GT(sink_.commands.size(), 20u);
  EXPECT_EQ(sink_.commands, twin_sink.commands);
  EXPECT_EQ(engine_->StateHash(), (*twin)->StateHash());
}

TEST_F(ReloadTest, RenumberedQueuesSkillsAndAgentsKeepEveryCallInPlace) {
  const CenterConfig c = Center();
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);  // rings agent 1
  NewCall(2, 101, kSales);
  NewCall(3, 102, kSales, 5);
  NewCall(4, 103, kDesk);
  ASSERT_TRUE(At(5, CallAnswer{100, 1}).ok());
  Clear();
  ASSERT_TRUE(Reload(Renumbered(c)).ok());
  EXPECT_TRUE(sink_.commands.empty());
  const QueueId sales = 1, desk = 0;
  EXPECT_EQ(engine_->GetCall(101)->queue, sales);
  EXPECT_EQ(engine_->GetCall(103)->queue, desk);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kTalking);
  EXPECT_EQ(engine_->GetAgent(1)->calls_today, 1u);
  EXPECT_EQ(engine_->GetQueueStats(sales)->waiting, 2u);
  EXPECT_EQ(engine_->GetQueueStats(sales)->entered, 3u);
  // The higher priority first, then the earlier call.
  ASSERT_TRUE(At(10, CallEndTalk{100}).ok());
  Advance(15);  // wrap-up over
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].call, 102u);
  Login(16, {9});
  EXPECT_EQ(Take<Offer>().back().call, 103u);
  EXPECT_EQ(Take<Offer>().back().agent, 9u);
}

TEST_F(ReloadTest, ARemovedQueueWithWaitingCallsNeedsARule) {
  CenterConfig c = Center();
  Start(c);
  NewCall(1, 100, kDesk);
  CenterConfig next = c;
  next.queues.pop_back();  // the desk goes
  next.agents.pop_back();
  ExpectRefused(next, absl::StatusCode::kFailedPrecondition, "on_queue_removed: queue 'desk'");
}

TEST_F(ReloadTest, WaitingCallsOfARemovedQueueMoveWhereTheRuleSays) {
  CenterConfig c = Center();
  Start(c);
  NewCall(1, 100, kDesk);
  NewCall(2, 101, kDesk);
  CenterConfig next = c;
  next.queues.erase(next.queues.begin() + kDesk);
  next.agents.pop_back();
  next.on_queue_removed = OverflowAction{OverflowKind::kQueue, kSales, ""};
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].call, 100u);
  EXPECT_EQ(routes[0].cause, RouteCause::kQueueRemoved);
  EXPECT_EQ(routes[1].call, 101u);
  EXPECT_EQ(engine_->GetCall(100)->queue, kSales);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->waiting, 2u);
  Login(3, {2});
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].call, 100u);
}

TEST_F(ReloadTest, WaitingCallsOfARemovedQueueCanEndOnATerminalPath) {
  CenterConfig c = Center();
  Start(c);
  NewCall(1, 100, kDesk);
  CenterConfig next = c;
  next.queues.erase(next.queues.begin() + kDesk);
  next.agents.pop_back();
  next.on_queue_removed = OverflowAction{OverflowKind::kVoicemail, 0, "desk"};
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  const std::vector<CallEnded> ended = Take<CallEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].disposition, Disposition::kVoicemail);
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kVoicemail)], 1u);
  EXPECT_FALSE(engine_->GetCall(100).ok());
}

TEST_F(ReloadTest, AQueueWithACallRingingOrConnectedStays) {
  CenterConfig c = Center();
  Start(c);
  Login(0, {9});
  NewCall(1, 100, kDesk);  // rings the assistant
  CenterConfig next = c;
  next.queues.erase(next.queues.begin() + kDesk);
  next.agents.back().queues.clear();
  next.on_queue_removed = OverflowAction{OverflowKind::kQueue, kSales, ""};
  ExpectRefused(next, absl::StatusCode::kFailedPrecondition,
                "queues: 'desk' is removed but call 100 is offered");
  ASSERT_TRUE(At(2, CallAnswer{100, 9}).ok());
  ExpectRefused(next, absl::StatusCode::kFailedPrecondition, "call 100 is talking");
  ASSERT_TRUE(At(30, CallEndTalk{100}).ok());
  ASSERT_TRUE(Reload(next).ok());
}

TEST_F(ReloadTest, RemovedAgentsAreLoggedOutAndTheirOffersGoElsewhere) {
  CenterConfig c = Center();
  Start(c);
  Login(0, {1, 2});
  NewCall(1, 100, kSales);  // rings agent 1 (idle longest: logged in first)
  ASSERT_EQ(Take<Offer>().size(), 1u);
  ASSERT_EQ(Take<Offer>()[0].agent, 1u);
  CenterConfig next = c;
  next.agents.erase(next.agents.begin());  // agent 1 leaves
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].agent, 1u);
  const std::vector<AgentStateChanged> states = Take<AgentStateChanged>();
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states[0].agent, 1u);
  EXPECT_EQ(states[0].state, AgentState::kLoggedOut);
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].agent, 2u);
  EXPECT_FALSE(engine_->GetAgent(1).ok());
  // Events about the removed agent are now refused.
  EXPECT_EQ(At(3, AgentReady{1}).code(), absl::StatusCode::kNotFound);
}

TEST_F(ReloadTest, AnAgentOnACallCannotBeRemovedNorShrunkBelowIt) {
  CenterConfig c = Center();
  c.agents[0].capacity = 2;
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);
  NewCall(1, 101, kSales);
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(2, CallAnswer{101, 1}).ok());
  CenterConfig removed = c;
  removed.agents.erase(removed.agents.begin());
  ExpectRefused(removed, absl::StatusCode::kFailedPrecondition,
                "agent 1 is removed but is connected to call 100");
  CenterConfig shrunk = c;
  shrunk.agents[0].capacity = 1;
  ExpectRefused(shrunk, absl::StatusCode::kFailedPrecondition,
                "agents[0].capacity: 1 is below the 2 calls agent 1 has connected");
  ASSERT_TRUE(At(9, CallEndTalk{101}).ok());
  ASSERT_TRUE(Reload(shrunk).ok());
}

TEST_F(ReloadTest, AgentsKeepTheirStateAndTheirWrapUp) {
  CenterConfig c = Center();
  Start(c);
  Login(0, {1, 2});
  ASSERT_TRUE(At(0, AgentNotReady{2, NotReadyReason::kBreak}).ok());
  NewCall(1, 100, kSales);
  ASSERT_TRUE(At(2, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(10, CallEndTalk{100}).ok());  // wrap-up until 15 s
  CenterConfig next = c;
  next.queues[kSales].wrapup_ms = 60'000;  // for calls that end from now on
  ASSERT_TRUE(Reload(next).ok());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kWrapUp);
  EXPECT_EQ(engine_->GetAgent(1)->calls_today, 1u);
  EXPECT_EQ(engine_->GetAgent(1)->talk_ms_today, 8'000);
  EXPECT_EQ(engine_->GetAgent(2)->state, AgentState::kNotReady);
  EXPECT_EQ(engine_->GetAgent(2)->reason, NotReadyReason::kBreak);
  Advance(15);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReady);
}

TEST_F(ReloadTest, AShorterMaximumWaitAppliesFromTheCallsEntry) {
  CenterConfig c = Center();
  Start(c);
  NewCall(0, 100, kSales);
  NewCall(25, 101, kSales);
  Advance(30);
  CenterConfig next = c;
  next.queues[kSales].max_wait_ms = 20'000;
  next.queues[kSales].on_max_wait = OverflowAction{OverflowKind::kQueue, kDesk, ""};
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  // Call 100 waited 30 s: it goes at once; call 101 at 45 s.
  ASSERT_EQ(Take<RouteCall>().size(), 1u);
  EXPECT_EQ(Take<RouteCall>()[0].call, 100u);
  EXPECT_EQ(Take<RouteCall>()[0].cause, RouteCause::kMaxWait);
  Advance(44.9);
  EXPECT_EQ(Take<RouteCall>().size(), 1u);
  Advance(45);
  EXPECT_EQ(Take<RouteCall>().size(), 2u);
  EXPECT_EQ(engine_->GetCall(101)->queue, kDesk);
}

TEST_F(ReloadTest, NewRulesAreJudgedAsIfInForceSinceEntry) {
  CenterConfig c = Center();
  Start(c);
  NewCall(0, 100, kSales);
  NewCall(10, 101, kSales);
  Advance(15);
  CenterConfig next = c;
  OverflowRule raise;
  raise.after_ms = 12'000;
  raise.action = RuleActionKind::kRaisePriority;
  raise.priority_delta = 3;
  next.queues[kSales].rules = {raise};
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  ASSERT_EQ(Take<RuleApplied>().size(), 1u);  // call 100 waited 15 s
  EXPECT_EQ(engine_->GetCall(100)->priority, 3);
  EXPECT_EQ(engine_->GetCall(101)->priority, 0);
  Advance(22);
  EXPECT_EQ(engine_->GetCall(101)->priority, 3);
}

TEST_F(ReloadTest, SkillsSetAtRunTimeStayUnlessTheFileChangesTheAgent) {
  CenterConfig c = Center();
  Start(c);
  ASSERT_TRUE(At(0, AgentSetSkills{1, {SkillLevel{0, 9}, SkillLevel{1, 7}}}).ok());
  ASSERT_TRUE(At(0, AgentSetSkills{2, {SkillLevel{0, 6}, SkillLevel{1, 7}}}).ok());
  CenterConfig next = Renumbered(c);  // french is skill 0 now, sales 1
  // Agent 2's entry in the file changes (level 4): the file wins for them.
  for (AgentConfig& a : next.agents) {
    if (a.id == 2) a.skills = {SkillLevel{1, 4}};
  }
  ASSERT_TRUE(Reload(next).ok());
  Login(1, {1, 2});
  // A French caller: only agent 1 still speaks French.
  ASSERT_TRUE(At(2, CallArrive{100, {}}).ok());
  ASSERT_TRUE(At(2, CallEnqueue{100, 1, 0, 1, {SkillLevel{0, 5}}}).ok());
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].agent, 1u);
}

TEST_F(ReloadTest, ASkillAWaitingCallNeedsCannotGo) {
  CenterConfig c = Center();
  Start(c);
  ASSERT_TRUE(At(0, CallArrive{100, {}}).ok());
  ASSERT_TRUE(At(0, CallEnqueue{100, kSales, 0, 1, {SkillLevel{1, 5}}}).ok());
  CenterConfig next = c;
  next.skills.pop_back();  // french goes
  ExpectRefused(next, absl::StatusCode::kFailedPrecondition, "call 100 in queue 'sales' requires");
}

TEST_F(ReloadTest, AnInvalidCenterChangesNothing) {
  CenterConfig c = Center();
  Start(c);
  Login(0, {1});
  NewCall(1, 100, kSales);
  CenterConfig next = c;
  next.queues[kSales].ring_timeout_ms = 0;
  ExpectRefused(next, absl::StatusCode::kInvalidArgument, "queues[0].ring_timeout_ms");
}

TEST_F(ReloadTest, NewAgentsStartLoggedOutAndTakeWaitingCalls) {
  CenterConfig c = Center();
  Start(c);
  NewCall(0, 100, kSales);
  CenterConfig next = c;
  AgentConfig senior;
  senior.id = 4;
  senior.queues = {Membership{kSales, 10, 0, 4, 1.0}};
  senior.skills = {SkillLevel{0, 10}};
  next.agents.push_back(senior);
  ASSERT_TRUE(Reload(next).ok());
  EXPECT_EQ(engine_->GetAgent(4)->state, AgentState::kLoggedOut);
  Clear();
  Login(5, {4});
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].call, 100u);
}

}  // namespace
}  // namespace acd

namespace acd {
namespace {

TEST_F(ReloadTest, AFreshEngineTakesTheNewCenterBeforeAnyEvent) {
  Start(Center());
  CenterConfig next = Renumbered(Center());
  ASSERT_TRUE(Reload(next).ok());
  EXPECT_EQ(engine_->center().queues[0].name, "desk");
  Login(5, {1});
  NewCall(6, 100, 1);  // sales is queue 1 now
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].agent, 1u);
}

TEST_F(ReloadTest, AShorterLineSendsItsBackDownOnFull) {
  CenterConfig c = Center();
  Start(c);
  NewCall(0, 100, kSales);
  NewCall(1, 101, kSales, 5);
  NewCall(2, 102, kSales);
  NewCall(3, 103, kSales);
  CenterConfig next = c;
  next.queues[kSales].max_length = 2;
  next.queues[kSales].on_full = OverflowAction{OverflowKind::kQueue, kDesk, ""};
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  // The back of the line: the latest callers at the lowest priority.
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].call, 103u);
  EXPECT_EQ(routes[1].call, 102u);
  EXPECT_EQ(routes[0].cause, RouteCause::kQueueFull);
  EXPECT_EQ(engine_->GetCall(102)->queue, kDesk);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->waiting, 2u);
}

TEST_F(ReloadTest, ALineShorterThanItsRingingCallsIsRefused) {
  CenterConfig c = Center();
  Start(c);
  Login(0, {1, 2});
  NewCall(1, 100, kSales);
  NewCall(1, 101, kSales);  // both ring
  CenterConfig next = c;
  next.queues[kSales].max_length = 1;
  ExpectRefused(next, absl::StatusCode::kFailedPrecondition,
                "queues[0].max_length: 1 is below the 2 calls ringing in 'sales'");
}

TEST_F(ReloadTest, ARingAllGroupAboveTheNewLimitKeepsItsFirstOffers) {
  CenterConfig c = Center();
  c.queues[kSales].strategy = Strategy::kRingAll;
  Start(c);
  Login(0, {1, 2, 3});
  NewCall(1, 100, kSales);
  ASSERT_EQ(engine_->GetCall(100)->ringing.size(), 3u);
  const AgentId first = engine_->GetCall(100)->ringing[0];
  CenterConfig next = c;
  next.queues[kSales].ring_all_max = 1;
  Clear();
  ASSERT_TRUE(Reload(next).ok());
  const std::vector<CancelOffer> cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 2u);
  for (const CancelOffer& cancel : cancels) {
    EXPECT_EQ(cancel.reason, CancelReason::kReconfigured);
    EXPECT_NE(cancel.agent, first);
  }
  EXPECT_EQ(engine_->GetCall(100)->ringing, std::vector<AgentId>{first});
}

}  // namespace
}  // namespace acd
