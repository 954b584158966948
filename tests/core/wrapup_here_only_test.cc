// Scenario tests of a queue's wrapup_here_only, Asterisk's shared_lastcall
// per queue. queues.conf.sample: "shared_lastcall will make the lastcall
// and calls received be the same in members logged in more than one
// queue. This is useful to make the queue respect the wrapuptime of
// another queue for a shared member." Without the option (acd's default,
// shared_lastcall = yes) a member wrapping up after a sales call is
// offered no desk call either; with it (shared_lastcall = no) the desk
// offers its calls at once and sales waits for the wrap-up's end.
#include <vector>

#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;

// Seller 1 serves sales and the desk; sales wraps up 30 s, the desk none.
CenterConfig SharedMember(bool here_only) {
  CenterConfig c = SalesAndDesk();
  c.queues[kSales].wrapup_ms = 30'000;
  c.queues[kSales].wrapup_here_only = here_only;
  c.agents[0].queues.push_back(Membership{kDesk, 10, 0, 0, 1.0});
  return c;
}

class WrapUpHereOnlyTest : public ScenarioTest {
 protected:
  // Seller 1 takes sales call 100 at 1 s and ends it at 11 s: wrap-up
  // until 41 s.
  void AfterASalesCall(bool here_only) {
    Start(SharedMember(here_only));
    Login(0, {1});
    Connected(1, 100, 1, kSales);
    ASSERT_TRUE(At(11, CallEndTalk{100}).ok());
    EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kWrapUp);
  }
};

TEST_F(WrapUpHereOnlyTest, SharedWrapUpKeepsTheMemberFromEveryQueue) {
  AfterASalesCall(/*here_only=*/false);
  Clear();
  NewCall(12, 200, kDesk);
  EXPECT_TRUE(OfferedTo(200).empty());
  Advance(41);  // the sales wrap-up is over
  EXPECT_EQ(OfferedTo(200), std::vector<AgentId>{1});
}

TEST_F(WrapUpHereOnlyTest, AnotherQueueOffersItsCallDuringTheWrapUp) {
  AfterASalesCall(/*here_only=*/true);
  Clear();
  NewCall(12, 101, kSales);  // sales waits for its wrap-up
  EXPECT_TRUE(OfferedTo(101).empty());
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kWrapUp);
  NewCall(13, 200, kDesk);  // the desk offers its call at once
  EXPECT_EQ(OfferedTo(200), std::vector<AgentId>{1});
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReserved);
  ASSERT_TRUE(At(14, CallAnswer{200, 1}).ok());
  ASSERT_TRUE(At(20, CallEndTalk{200}).ok());  // the desk has no wrap-up
  // Still in the sales wrap-up: shown so while idle, sales still waits.
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kWrapUp);
  Clear();
  Advance(40);
  EXPECT_TRUE(OfferedTo(101).empty());
  Advance(41);
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{1});
}

TEST_F(WrapUpHereOnlyTest, ReadyEndsItAndASnapshotKeepsIt) {
  AfterASalesCall(/*here_only=*/true);
  NewCall(12, 101, kSales);
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine_ = std::move(*restored);
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  Clear();
  NewCall(13, 200, kDesk);
  EXPECT_EQ(OfferedTo(200), std::vector<AgentId>{1});  // restored: the desk still offers
  ASSERT_TRUE(At(14, CallAnswer{200, 1}).ok());
  ASSERT_TRUE(At(15, CallEndTalk{200}).ok());
  Clear();
  ASSERT_TRUE(At(16, AgentReady{1}).ok());  // ends the sales wrap-up early
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{1});
}

// A transfer of a sales call to a colleague in the sales wrap-up is
// refused (the wrap-up keeps sales's calls away); a desk call's is not.
TEST_F(WrapUpHereOnlyTest, ATransferOfTheQueuesCallWaitsForTheWrapUp) {
  AfterASalesCall(/*here_only=*/true);
  Login(12, {2});
  Connected(13, 101, 2, kSales);
  ExpectRejected(14, CallTransferToAgent{101, 1}, absl::StatusCode::kFailedPrecondition, "agent");
}

// A reload that turns the option off applies from the next call's end:
// the running wrap-up keeps its queue. One that removes the wrap-up's
// queue turns the rest of it into a wrap-up for every queue.
TEST_F(WrapUpHereOnlyTest, AReloadKeepsARunningWrapUpsQueueUnlessItRemovesIt) {
  AfterASalesCall(/*here_only=*/true);
  ASSERT_TRUE(engine_->Reconfigure(SharedMember(/*here_only=*/false)).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  Clear();
  NewCall(12, 200, kDesk);
  EXPECT_EQ(OfferedTo(200), std::vector<AgentId>{1});

  AfterASalesCall(/*here_only=*/true);
  CenterConfig desk_only = SharedMember(/*here_only=*/true);
  desk_only.queues.erase(desk_only.queues.begin());  // sales goes; the desk is queue 0
  desk_only.agents.erase(desk_only.agents.begin() + 1, desk_only.agents.begin() + 3);
  desk_only.agents[0].queues = {Membership{0, 10, 0, 0, 1.0}};
  desk_only.agents[1].queues = {Membership{0, 10, 0, 0, 1.0}};
  ASSERT_TRUE(engine_->Reconfigure(desk_only).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  Clear();
  NewCall(12, 200, 0);
  EXPECT_TRUE(OfferedTo(200).empty());
  Advance(41);
  EXPECT_EQ(OfferedTo(200), std::vector<AgentId>{1});
}

// join_empty's "wrapup" factor judges the member per queue: in the wrap-up
// of sales for sales, ready for the desk.
TEST_F(WrapUpHereOnlyTest, JoinEmptyCountsTheWrapUpInItsQueueOnly) {
  CenterConfig c = SharedMember(/*here_only=*/true);
  for (QueueId q : {kSales, kDesk}) {
    c.queues[q].join_empty.factors = kEmptyWrapUp | kEmptyUnavailable;
    c.queues[q].join_empty.action = OverflowAction{OverflowKind::kVoicemail, 0, "mailbox"};
  }
  Start(c);
  Login(0, {1});
  Connected(1, 100, 1, kSales);
  ASSERT_TRUE(At(11, CallEndTalk{100}).ok());
  Clear();
  NewCall(12, 101, kSales);
  NewCall(13, 200, kDesk);
  std::vector<CallId> refused;
  for (const RouteCall& r : Take<RouteCall>()) {
    if (r.cause == RouteCause::kJoinEmpty) refused.push_back(r.call);
  }
  EXPECT_EQ(refused, std::vector<CallId>{101});
  EXPECT_EQ(OfferedTo(200), std::vector<AgentId>{1});
}

}  // namespace
}  // namespace acd::testing
