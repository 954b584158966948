// Scenario tests of Twilio TaskRouter's workflow timing in acd's overflow
// rules: a queue's rules may count from the call's arrival (the task's
// creation: rules_from_arrival) instead of its entry into the queue, and an
// offer that rings out unanswered may bring the call's next rule due at once
// (the reservation timeout moving the task to its next target:
// ring_timeout_moves_on). The floor is three queues, one per workflow
// target, each with one agent; the invariants are checked after every step.
#include <string>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

using testing::RouteToQueue;

constexpr QueueId kQ1 = 0, kQ2 = 1, kQ3 = 2;

// TaskRouter's documented example: targets Q1, Q2, Q3 with a timeout of
// 10 s each and a reservation timeout of 5 s. As acd rules timed from the
// arrival, target k's timeout is the sum of the timeouts up to it: Q1
// moves on at 10 s, Q2 at 20 s, Q3 at 30 s (to voicemail). Agent k serves
// queue k.
CenterConfig Workflow(bool from_arrival, bool moves_on) {
  CenterConfig c;
  for (const char* name : {"q1", "q2", "q3"}) {
    QueueConfig q;
    q.name = name;
    q.ring_timeout_ms = 5'000;
    q.rules_from_arrival = from_arrival;
    q.ring_timeout_moves_on = moves_on;
    c.queues.push_back(q);
  }
  c.queues[kQ1].rules = {RouteToQueue(10'000, kQ2, "next-target")};
  c.queues[kQ2].rules = {RouteToQueue(20'000, kQ3, "next-target")};
  OverflowRule last;
  last.name = "mailbox";
  last.after_ms = 30'000;
  last.route.kind = OverflowKind::kVoicemail;
  last.route.target = "support";
  c.queues[kQ3].rules = {last};
  for (AgentId id = 1; id <= 3; ++id) {
    AgentConfig a;
    a.id = id;
    a.queues = {Membership{static_cast<QueueId>(id - 1), 10, 0, 0, 1.0}};
    c.agents.push_back(a);
  }
  return c;
}

class WorkflowStepsTest : public testing::ScenarioTest {
 protected:
  QueueId QueueOf(CallId id) { return engine_->GetCall(id)->queue; }
  std::vector<RuleApplied> Rules() { return Take<RuleApplied>(); }
};

// The documented walk: the task is created at 0; a reservation against Q1
// at 3 s times out at 8 s; the task moves to Q2 at once, and Q2's timeout
// is 20 s of the task's age: it moves on to Q3 12 s later, at 20 s.
TEST_F(WorkflowStepsTest, ReservationTimeoutMovesOnAndTimeoutsCountFromCreation) {
  Start(Workflow(true, true));
  NewCall(0, 100, kQ1);
  Login(3, {1});
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
  Clear();
  Advance(7.999);
  EXPECT_EQ(QueueOf(100), kQ1);
  Advance(8);
  const std::vector<RuleApplied> applied = Rules();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].queue, kQ1);
  EXPECT_TRUE(applied[0].held);
  EXPECT_EQ(QueueOf(100), kQ2);
  EXPECT_EQ(engine_->GetCall(100)->state, CallState::kWaiting);
  Advance(19.999);
  EXPECT_EQ(QueueOf(100), kQ2);
  Advance(20);
  EXPECT_EQ(QueueOf(100), kQ3);
  Advance(30);
  ASSERT_EQ(Take<CallEnded>().size(), 1u);
  EXPECT_EQ(Take<CallEnded>()[0].disposition, Disposition::kVoicemail);
}

// Without either option (acd's default): the ring out leaves the caller in
// Q1 until its 10 s, and Q2's 20 s count from its entry there.
TEST_F(WorkflowStepsTest, EntryClockWaitsForEachQueuesOwnTime) {
  Start(Workflow(false, false));
  NewCall(0, 100, kQ1);
  Login(3, {1});
  Advance(8);
  EXPECT_EQ(QueueOf(100), kQ1);
  EXPECT_TRUE(Rules().empty());
  ASSERT_TRUE(At(8, AgentLogout{1}).ok());
  Advance(10);
  EXPECT_EQ(QueueOf(100), kQ2);
  Advance(29.999);
  EXPECT_EQ(QueueOf(100), kQ2);
  Advance(30);
  EXPECT_EQ(QueueOf(100), kQ3);
}

// A caller who reaches a queue after its rule's time (counted from the
// arrival) meets the rule as it enters: Q3's 30 s have passed when Q2
// moves the caller on at 35 s.
TEST_F(WorkflowStepsTest, RulesAlreadyPastComeDueOnEntry) {
  CenterConfig c = Workflow(true, false);
  c.queues[kQ2].rules = {RouteToQueue(35'000, kQ3, "next-target")};
  Start(c);
  NewCall(0, 100, kQ1);
  Advance(10);
  EXPECT_EQ(QueueOf(100), kQ2);
  Clear();
  Advance(35);
  const std::vector<CallEnded> ended = Take<CallEnded>();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].disposition, Disposition::kVoicemail);
  const std::vector<RuleApplied> applied = Rules();
  ASSERT_EQ(applied.size(), 2u);  // Q2's move, then Q3's mailbox on entry
  EXPECT_EQ(applied[1].queue, kQ3);
}

// A declined reservation is no timeout: TaskRouter keeps the task at its
// target, and so does acd; the rule still comes at its time.
TEST_F(WorkflowStepsTest, DeclineDoesNotMoveOn) {
  Start(Workflow(true, true));
  NewCall(0, 100, kQ1);
  Login(3, {1});
  Clear();
  ASSERT_TRUE(At(4, CallDecline{100, 1, DeclineReason::kDeclined}).ok());
  EXPECT_TRUE(Rules().empty());
  EXPECT_EQ(QueueOf(100), kQ1);
  Advance(10);
  EXPECT_EQ(QueueOf(100), kQ2);
}

// The next rule need not route: a ring out brings a priority raise due at
// once, judged like any rule; the rule after it keeps its own time, and a
// ring out after the last rule changes nothing.
TEST_F(WorkflowStepsTest, RingOutBringsAnyNextRuleDue) {
  CenterConfig c = Workflow(false, true);
  OverflowRule raise;
  raise.name = "raise";
  raise.after_ms = 60'000;
  raise.action = RuleActionKind::kRaisePriority;
  raise.priority_delta = 5;
  c.queues[kQ1].rules = {raise, RouteToQueue(90'000, kQ2, "next-target")};
  Start(c);
  NewCall(0, 100, kQ1);
  Login(0, {1});
  Clear();
  Advance(5);  // rang out: the raise, 55 s early
  std::vector<RuleApplied> applied = Rules();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].rule, 0);
  EXPECT_EQ(engine_->GetCall(100)->priority, 5);
  Clear();
  Advance(11);  // offered again at once (no rest), rang out at 10 s: the move
  EXPECT_EQ(QueueOf(100), kQ2);
  applied = Rules();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].rule, 1);
}

// Rules timed from the arrival are judged at once when an older caller
// enters, so a cycle of queue moves through them (even with conditions and
// waits) could move a caller round forever in one step: Engine::Create
// refuses it, as a cycle of rules at 0 ms, naming the rule's route. Timed
// from the entry, each move costs its wait and the cycle is no such loop.
TEST(WorkflowStepsCenter, ACycleOfArrivalTimedRulesIsALoop) {
  CenterConfig c = Workflow(false, false);
  OverflowRule back = RouteToQueue(15'000, kQ1, "next-target");
  back.condition = RuleCondition::kNoAgentReady;
  c.queues[kQ2].rules = {back};
  c.queues[kQ1].rules[0].condition = RuleCondition::kNoAgentReady;
  VectorSink sink;
  EXPECT_TRUE(Engine::Create(c, &sink, EngineOptions{1}).ok());
  c.queues[kQ1].rules_from_arrival = true;
  c.queues[kQ2].rules_from_arrival = true;
  const absl::Status refused = Engine::Create(c, &sink, EngineOptions{1}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("rules[0].route.queue"), std::string::npos) << refused;
  EXPECT_NE(refused.message().find("closes a loop"), std::string::npos) << refused;
}

}  // namespace
}  // namespace acd
