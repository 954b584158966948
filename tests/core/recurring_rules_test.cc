// Scenario tests of recurring overflow rules (OverflowRule::every_ms): a
// rule that comes due at its after_ms and again every every_ms while the
// caller waits, its condition judged afresh each time. The peers write it
// as a loop in a queue flow (Amazon Connect's customer queue flow: a Loop
// block around Check staffing / Set working queue; Genesys' in-queue flows)
// or as a periodic update of a waiting task (Twilio TaskRouter's priority
// aging, done by the integrator's job that raises the task's priority every
// N seconds); acd keeps it in the queue, where the caller's times are part
// of the state. The invariants are checked after every step.
#include <utility>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kLine = 0, kLater = 1;

OverflowRule Aging(TimeMs after_ms, TimeMs every_ms) {
  OverflowRule r;
  r.name = "aging";
  r.after_ms = after_ms;
  r.every_ms = every_ms;
  r.action = RuleActionKind::kRaisePriority;
  r.priority_delta = 1;
  return r;
}

// Queue "line" (its rules given by the test) and queue "later"; agent 1
// serves line at level 3, agent 2 serves later.
CenterConfig Floor(std::vector<OverflowRule> rules) {
  CenterConfig c;
  QueueConfig line;
  line.name = "line";
  line.rules = std::move(rules);
  QueueConfig later;
  later.name = "later";
  c.queues = {line, later};
  AgentConfig a;
  a.id = 1;
  a.queues = {Membership{kLine, 3, 0, 0, 1.0}};
  AgentConfig b;
  b.id = 2;
  b.queues = {Membership{kLater, 10, 0, 0, 1.0}};
  c.agents = {a, b};
  return c;
}

class RecurringRulesTest : public testing::ScenarioTest {
 protected:
  // (time in s, rule index, held) of every RuleApplied since the last Clear.
  struct Judged {
    double at_s;
    int rule;
    bool held;
    bool operator==(const Judged&) const = default;
  };
  std::vector<Judged> Rules() {
    std::vector<Judged> out;
    for (const Command& c : sink_.commands) {
      if (const auto* r = std::get_if<RuleApplied>(&c.body)) {
        out.push_back({static_cast<double>(c.time_ms) / 1000, r->rule, r->held});
      }
    }
    return out;
  }
  int PriorityOf(CallId id) { return engine_->GetCall(id)->priority; }
};

// TaskRouter's priority aging: a caller's priority grows by one every 30 s
// of waiting, so that an old caller catches up with a newer, higher one
// (same priority: the earlier entry goes first). Once-only, the raise
// leaves the old caller behind.
TEST_F(RecurringRulesTest, PriorityAgingLetsAnOldCallerCatchUp) {
  for (const TimeMs every_ms : {TimeMs{30'000}, TimeMs{0}}) {
    Start(Floor({Aging(30'000, every_ms)}));
    NewCall(0, 100, kLine);
    NewCall(70, 200, kLine, /*priority=*/3);
    Advance(89.999);
    EXPECT_EQ(PriorityOf(100), every_ms > 0 ? 2 : 1);
    Advance(90);
    EXPECT_EQ(PriorityOf(100), every_ms > 0 ? 3 : 1);
    Clear();
    Login(95, {1});
    EXPECT_EQ(OfferedTo(every_ms > 0 ? 100 : 200), std::vector<AgentId>{1}) << every_ms;
  }
}

// Connect's check-staffing loop: every 20 s the queue is checked for a
// member ready to take a call; the caller goes to voicemail the first time
// none is. At 20 s agent 1 is ready (it may not take this caller, whose
// minimum level is 5, but it counts), at 30 s it pauses, and the check at
// 40 s holds. Once-only, the caller would wait on.
TEST_F(RecurringRulesTest, StaffingIsCheckedAgainUntilItHolds) {
  OverflowRule check;
  check.name = "staffing";
  check.after_ms = 20'000;
  check.every_ms = 20'000;
  check.condition = RuleCondition::kNoAgentReady;
  check.route = OverflowAction{OverflowKind::kVoicemail, 0, "line-mailbox", false};
  Start(Floor({check}));
  Login(0, {1});
  NewCall(0, 100, kLine, 0, /*min_level=*/5);
  Clear();
  Advance(30);
  ASSERT_TRUE(At(30, AgentNotReady{1, NotReadyReason::kBreak}).ok());
  Advance(40);
  EXPECT_EQ(Rules(), (std::vector<Judged>{{20, 0, false}, {40, 0, true}}));
  EXPECT_EQ(EndedOf(100).disposition, Disposition::kVoicemail);
}

// A queue's rule times interleave in (time, index) order: a once-only
// rule at 30 s and a rule every 15 s from 15 s are judged at 15, 30 (the
// once-only rule, index 0, first), 30, 45 and 60 s.
TEST_F(RecurringRulesTest, TimesInterleaveByTimeThenIndex) {
  OverflowRule once = Aging(30'000, 0);
  once.name = "once";
  once.priority_delta = 10;
  Start(Floor({once, Aging(15'000, 15'000)}));
  NewCall(0, 100, kLine);
  Clear();
  Advance(60);
  EXPECT_EQ(Rules(), (std::vector<Judged>{
                         {15, 1, true}, {30, 0, true}, {30, 1, true}, {45, 1, true}, {60, 1, true}}));
  EXPECT_EQ(PriorityOf(100), 14);
}

// Timed from the arrival (rules_from_arrival), a caller who enters at 95 s
// finds the times 0, 30, 60 and 90 s past: only the latest comes due as it
// enters (one raise, not four), and the next at 120 s.
TEST_F(RecurringRulesTest, PastTimesOfARecurringRuleStandAsOne) {
  OverflowRule move;
  move.name = "move";
  move.after_ms = 95'000;
  move.route = OverflowAction{OverflowKind::kQueue, kLater, "", false};
  CenterConfig c = Floor({move});
  c.queues[kLater].rules = {Aging(0, 30'000)};
  c.queues[kLater].rules_from_arrival = true;
  Start(c);
  NewCall(0, 100, kLine);
  Clear();
  Advance(95);
  EXPECT_EQ(PriorityOf(100), 1);
  Advance(119.999);
  EXPECT_EQ(PriorityOf(100), 1);
  Advance(120);
  EXPECT_EQ(PriorityOf(100), 2);
  EXPECT_EQ(Rules(), (std::vector<Judged>{{95, 0, true}, {95, 0, true}, {120, 0, true}}));
}

// With ring_timeout_moves_on, each ring out brings the next time due at
// once (TaskRouter's reservation timeout moving the task on a step); the
// times after it keep their places: rung out at 5 and 10 s (ring timeout
// 5 s, the agent offered again at once), the caller had the raises of 20
// and 40 s; logged out at 12 s, it has the next at 60 s.
TEST_F(RecurringRulesTest, RingOutBringsTheNextTimeDue) {
  CenterConfig c = Floor({Aging(20'000, 20'000)});
  c.queues[kLine].ring_timeout_ms = 5'000;
  c.queues[kLine].ring_timeout_moves_on = true;
  Start(c);
  NewCall(0, 100, kLine);
  Login(0, {1});
  Clear();
  Advance(10);
  ASSERT_TRUE(At(12, AgentLogout{1}).ok());
  Advance(59.999);
  EXPECT_EQ(PriorityOf(100), 2);
  Advance(60);
  EXPECT_EQ(PriorityOf(100), 3);
  EXPECT_EQ(Rules(), (std::vector<Judged>{{5, 0, true}, {10, 0, true}, {60, 0, true}}));
}

// A reload that gives a queue new rules applies them as if always in
// force: a caller who has waited 100 s when aging every 30 s from 0 s
// arrives meets the latest past time (90 s) once, not four times, and the
// next at 120 s; a reload that keeps the rules keeps the caller's times.
TEST_F(RecurringRulesTest, AReloadMeetsPastTimesOnce) {
  CenterConfig c = Floor({});
  Start(c);
  NewCall(0, 100, kLine);
  Advance(100);
  Clear();
  c.queues[kLine].rules = {Aging(0, 30'000)};
  ASSERT_TRUE(engine_->Reconfigure(c).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  EXPECT_EQ(PriorityOf(100), 1);
  Advance(110);
  ASSERT_TRUE(engine_->Reconfigure(c).ok());  // the same rules: the times stay
  Advance(119.999);
  EXPECT_EQ(PriorityOf(100), 1);
  Advance(120);
  EXPECT_EQ(PriorityOf(100), 2);
  EXPECT_EQ(Rules(), (std::vector<Judged>{{100, 0, true}, {120, 0, true}}));
}

// Validation: a period shorter than a second is a busy loop, not a step.
TEST(RecurringRulesCenter, APeriodUnderASecondIsRefused) {
  CenterConfig c = Floor({Aging(0, 999)});
  VectorSink sink;
  const absl::Status refused = Engine::Create(c, &sink, EngineOptions{1}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("queues[0].rules[0].every_ms"), std::string::npos) << refused;
  c.queues[kLine].rules[0].every_ms = 1'000;
  EXPECT_TRUE(Engine::Create(c, &sink, EngineOptions{1}).ok());
}

}  // namespace
}  // namespace acd
