// Scenario tests of AgentSetLevel (Asterisk's AMI QueuePenalty: Interface,
// Penalty, and Queue or none for every queue the member is in; app_queue
// then sets the member's penalty in each such queue and tells each with a
// QueueMemberPenalty event and a PENALTY queue_log line). acd's level is
// 10 best, Asterisk's penalty 0 best: penalty p is level 10 - p.
//
// The center: queues "support" and "sales" take a level of their own,
// "tech" takes it from skill "linux"; agent 1 is in support (level 5),
// sales (level 5) and tech (linux 7); agent 2 in support (level 8).
// Invariants are checked after every step.
#include <vector>

#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSupport = 0;
constexpr QueueId kSales = 1;
constexpr QueueId kTech = 2;

CenterConfig Center() {
  CenterConfig c;
  c.skills = {"linux"};
  QueueConfig support;
  support.name = "support";
  QueueConfig sales;
  sales.name = "sales";
  QueueConfig tech;
  tech.name = "tech";
  tech.has_skill = true;
  tech.skill = 0;
  c.queues = {support, sales, tech};
  AgentConfig one;
  one.id = 1;
  one.queues = {Membership{kSupport, 5, 0, 0, 1.0}, Membership{kSales, 5, 0, 0, 1.0},
                Membership{kTech, 10, 0, 0, 1.0}};
  one.skills = {SkillLevel{0, 7}};
  AgentConfig two;
  two.id = 2;
  two.queues = {Membership{kSupport, 8, 0, 0, 1.0}};
  c.agents = {one, two};
  return c;
}

class SetLevelTest : public testing::ScenarioTest {};

// The peer's example, QueuePenalty with a Queue: Interface agent 1,
// Penalty 2 (level 8), Queue support. A caller who waits in support for
// level 7 or better is offered to agent 1 in the same step (as a ready
// agent would be), after the one AgentLevelChanged; sales keeps level 5.
TEST_F(SetLevelTest, OneQueueRaisesTheAgentIntoAWaitingCallersRange) {
  Start(Center());
  Login(0, {1});
  NewCall(1, 10, kSupport, 0, /*min_level=*/7);
  EXPECT_TRUE(OfferedTo(10).empty()) << "level 5 is below the caller's minimum";
  Clear();
  ASSERT_TRUE(At(2, AgentSetLevel{1, kSupport, 8}).ok());
  ASSERT_EQ(sink_.commands.size(), 3u);  // changed, offered, reserved
  EXPECT_EQ(std::get<AgentLevelChanged>(sink_.commands[0].body),
            (AgentLevelChanged{1, kSupport, 8}));
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{1});
  // Sales still has level 5: a caller there for 7 or better waits.
  ASSERT_TRUE(At(3, CallAnswer{10, 1}).ok());
  ASSERT_TRUE(At(4, CallEndTalk{10}).ok());
  Clear();
  NewCall(5, 11, kSales, 0, 7);
  EXPECT_TRUE(OfferedTo(11).empty());
}

// QueuePenalty without a Queue: every queue the member is in, one
// AgentLevelChanged each, in membership order; the queue whose level
// comes from a skill is left alone. The same level again changes nothing
// and tells nothing (accepted).
TEST_F(SetLevelTest, NoQueueSetsEveryQueueThatTakesALevel) {
  Start(Center());
  ASSERT_TRUE(At(1, AgentSetLevel{1, std::nullopt, 9}).ok());
  EXPECT_EQ(Take<AgentLevelChanged>(),
            (std::vector<AgentLevelChanged>{{1, kSupport, 9}, {1, kSales, 9}}));
  Clear();
  const uint64_t hash = engine_->StateHash();
  ASSERT_TRUE(At(1, AgentSetLevel{1, std::nullopt, 9}).ok());
  ASSERT_TRUE(At(1, AgentSetLevel{1, kSales, 9}).ok());
  EXPECT_TRUE(sink_.commands.empty());
  EXPECT_EQ(engine_->StateHash(), hash);
  // Agent 1's linux skill still decides tech.
  Login(3, {1});
  Clear();
  NewCall(4, 12, kTech, 0, 7);
  EXPECT_EQ(OfferedTo(12), std::vector<AgentId>{1});
}

// Bad input names its field, and the state is as before.
TEST_F(SetLevelTest, RefusesBadInputNamingTheField) {
  Start(Center());
  ExpectRejected(1, AgentSetLevel{1, kSupport, 0}, absl::StatusCode::kInvalidArgument, "level");
  ExpectRejected(1, AgentSetLevel{1, std::nullopt, 11}, absl::StatusCode::kInvalidArgument,
                 "level");
  ExpectRejected(1, AgentSetLevel{7, kSupport, 5}, absl::StatusCode::kNotFound, "agent");
  ExpectRejected(1, AgentSetLevel{0, kSupport, 5}, absl::StatusCode::kInvalidArgument, "agent");
  ExpectRejected(1, AgentSetLevel{1, 3, 5}, absl::StatusCode::kNotFound, "queue");
  // Asterisk answers "Invalid interface, queuename or penalty" for a queue
  // the member is not in.
  ExpectRejected(1, AgentSetLevel{2, kSales, 5}, absl::StatusCode::kFailedPrecondition, "queue");
  // Tech's level is agent 1's linux skill (AgentSetSkills sets it).
  ExpectRejected(1, AgentSetLevel{1, kTech, 5}, absl::StatusCode::kFailedPrecondition, "queue");
  EXPECT_TRUE(sink_.commands.empty());
}

// level_first serves the best level first: lowering agent 2 below agent 1
// sends the next caller to agent 1.
TEST_F(SetLevelTest, LevelFirstFollowsTheNewLevels) {
  CenterConfig c = Center();
  c.queues[kSupport].level_first = true;
  Start(c);
  Login(0, {1, 2});
  Clear();
  NewCall(1, 10, kSupport);
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{2});  // level 8 over 5
  ASSERT_TRUE(At(2, CallHangup{10}).ok());
  ASSERT_TRUE(At(3, AgentSetLevel{2, kSupport, 3}).ok());
  Clear();
  NewCall(4, 11, kSupport);
  EXPECT_EQ(OfferedTo(11), std::vector<AgentId>{1});  // now 5 over 3
}

// Lowering the only member out of a waiting caller's range under
// leave_when_empty's penalty factor: the caller leaves in the same step.
TEST_F(SetLevelTest, LoweringEmptiesTheQueueForACallerUnderPenalty) {
  CenterConfig c = Center();
  c.queues[kSales].leave_when_empty.factors = kEmptyPenalty;
  c.queues[kSales].leave_when_empty.action = {OverflowKind::kVoicemail, 0, "sales-mailbox"};
  Start(c);
  Login(0, {1});
  ASSERT_TRUE(At(0.5, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  NewCall(1, 10, kSales, 0, 5);
  Clear();
  ASSERT_TRUE(At(2, AgentSetLevel{1, kSales, 4}).ok());
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].cause, RouteCause::kLeaveWhenEmpty);
}

// The level is engine state: a snapshot carries it, a restored engine
// routes by it.
TEST_F(SetLevelTest, SnapshotCarriesTheLevel) {
  Start(Center());
  const uint64_t before = engine_->StateHash();
  ASSERT_TRUE(At(1, AgentSetLevel{1, kSupport, 9}).ok());
  EXPECT_NE(engine_->StateHash(), before);
  VectorSink sink;
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
  ASSERT_TRUE((*restored)->Apply(Event{0, 2000, AgentLogin{1, true}}).ok());
  ASSERT_TRUE((*restored)->Apply(Event{0, 3000, CallArrive{10, {}}}).ok());
  ASSERT_TRUE((*restored)->Apply(Event{0, 3000, CallEnqueue{10, kSupport, 0, 9, {}}}).ok());
  bool offered = false;
  for (const Command& cmd : sink.commands) offered = offered || std::holds_alternative<Offer>(cmd.body);
  EXPECT_TRUE(offered) << "the restored engine forgot the level";
}

// A reload: a membership whose level the new file leaves as the old file
// had it keeps its run-time level (as Asterisk keeps a dynamic member's
// penalty across `queue reload members`); one whose level the file changes
// takes the file's (as a static member's penalty is re-read).
TEST_F(SetLevelTest, ReloadKeepsTheLevelUnlessTheFileChangesIt) {
  Start(Center());
  ASSERT_TRUE(At(1, AgentSetLevel{1, std::nullopt, 9}).ok());
  const uint64_t hash = engine_->StateHash();
  ASSERT_TRUE(engine_->Reconfigure(engine_->center()).ok());
  EXPECT_EQ(engine_->StateHash(), hash) << "an identity reload dropped a run-time level";
  CenterConfig next = Center();
  next.queues[kSales].max_length = 5;  // another change; support and sales levels as before
  next.agents[0].queues[kSales].level = 6;  // the file speaks to sales
  ASSERT_TRUE(engine_->Reconfigure(next).ok());
  Login(2, {1});
  Clear();
  NewCall(3, 10, kSupport, 0, 9);
  EXPECT_EQ(OfferedTo(10), std::vector<AgentId>{1}) << "support kept level 9";
  ASSERT_TRUE(At(4, CallHangup{10}).ok());
  Clear();
  NewCall(5, 11, kSales, 0, 7);
  EXPECT_TRUE(OfferedTo(11).empty()) << "sales took the file's level 6";
}

}  // namespace
}  // namespace acd
