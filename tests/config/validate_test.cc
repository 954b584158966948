// acd::ValidateCenter on centers built in code: the queues' new fields,
// overflow rules and the loops of moves that always fire, each error
// checked for its exact path and reason. The calendar and entry rules are
// in validate_entry_test.cc.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "validate_cases.h"

namespace acd::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

TEST_P(ValidateTest, ReportsTheFieldAndTheReason) {
  CenterConfig c = Base();
  ASSERT_THAT(Errors(c), ElementsAre());
  GetParam().spoil(c);
  EXPECT_THAT(Errors(c), ElementsAreArray(GetParam().errors));
}

INSTANTIATE_TEST_SUITE_P(
    QueueFields, ValidateTest,
    ::testing::Values(
        Case{"OwnerFirstNegative", [](CenterConfig& c) { c.queues[1].owner_first_ms = -1; },
             {"queues[1].owner_first_ms: must be >= 0, got -1"}},
        Case{"ProgressiveNegative",
             [](CenterConfig& c) { c.queues[0].progressive_ring_ms = -5; },
             {"queues[0].progressive_ring_ms: must be >= 0, got -5"}},
        Case{"ProgressiveWithRingAll",
             [](CenterConfig& c) {
               c.queues[0].strategy = Strategy::kRingAll;
               c.queues[0].progressive_ring_ms = 3000;
             },
             {"queues[0].progressive_ring_ms: not with strategy ring_all, which rings every "
              "agent at once"}},
        Case{"ExpectedHandleZero", [](CenterConfig& c) { c.queues[0].expected_handle_ms = 0; },
             {"queues[0].expected_handle_ms: must be > 0, got 0"}},
        Case{"OnDeclineToItself", [](CenterConfig& c) { c.queues[1].on_decline = ToQueue(1); },
             {"queues[1].on_decline.queue: declined calls would stay in 'sales'; use kind "
              "none to put them back in line"}},
        Case{"OnDeclineDangling", [](CenterConfig& c) { c.queues[1].on_decline = ToQueue(7); },
             {"queues[1].on_decline.queue: 7 does not exist (the center has 2 queues)"}},
        Case{"UnknownKind",
             [](CenterConfig& c) {
               c.queues[0].on_decline.kind = static_cast<OverflowKind>(99);
             },
             {"queues[0].on_decline.kind: 99 is not an overflow kind"}},
        Case{"ExternalWithoutNumber",
             [](CenterConfig& c) { c.queues[0].on_full = {OverflowKind::kExternal, 0, ""}; },
             {"queues[0].on_full.target: kind external needs the number to route to"}},
        Case{"LeaveWithoutAction",
             [](CenterConfig& c) {
               c.queues[0].leave_when_empty.condition = EmptyCondition::kNoAgentReady;
             },
             {"queues[0].leave_when_empty.action: an action is required with a condition or "
              "factors"}},
        Case{"LeaveFactorsWithoutAction",
             [](CenterConfig& c) { c.queues[0].leave_when_empty.factors = kEmptyPaused; },
             {"queues[0].leave_when_empty.action: an action is required with a condition or "
              "factors"}},
        Case{"LeaveConditionAndFactors",
             [](CenterConfig& c) {
               c.queues[0].leave_when_empty = {EmptyCondition::kNoAgentReady,
                                               Terminal(OverflowKind::kVoicemail), kEmptyInUse};
             },
             {"queues[0].leave_when_empty.factors: give a condition or factors, not both (the "
              "condition is a shorthand for a factor list)"}},
        Case{"LeaveActionNeverUsed",
             [](CenterConfig& c) {
               c.queues[0].leave_when_empty.action = Terminal(OverflowKind::kCallback);
             },
             {"queues[0].leave_when_empty.action: never used: no condition or factor is set"}},
        Case{"LeaveToItself",
             [](CenterConfig& c) {
               c.queues[0].leave_when_empty = {EmptyCondition::kNoAgentLoggedIn, ToQueue(0)};
             },
             {"queues[0].leave_when_empty.action.queue: calls would leave 'desk' for "
              "itself"}},
        Case{"LeaveUnknownCondition",
             [](CenterConfig& c) {
               c.queues[0].leave_when_empty.condition = static_cast<EmptyCondition>(9);
             },
             {"queues[0].leave_when_empty.condition: 9 is not a condition"}},
        Case{"Announcements",
             [](CenterConfig& c) {
               c.queues[1].announcements = {-1, -2, 0, true, 0};
             },
             {"queues[1].announcements.first_ms: must be >= 0, got -1",
              "queues[1].announcements.every_ms: must be >= 0, got -2",
              "queues[1].announcements.ewt_round_ms: must be > 0, got 0"}},
        Case{"CallbackNumbers",
             [](CenterConfig& c) {
               c.queues[0].callback = {true, true, 0, true, 0, 0, 0.5};
             },
             {"queues[0].callback.max_attempts: must be in 1..100 with callbacks on, got 0",
              "queues[0].callback.retry_ms: must be > 0, got 0",
              "queues[0].callback.retry_factor: must be in 1..1000, got 0.5"}},
        Case{"CallbackOffIgnoresNumbersNotTheQueue",
             [](CenterConfig& c) {
               c.queues[0].callback = {false, false, 5, true, 0, -1, 0};
             },
             {"queues[0].callback.queue: 5 does not exist (the center has 2 queues)"}},
        Case{"DurationsOverAYear",
             [](CenterConfig& c) {
               c.queues[0].max_wait_ms = 40'000'000'000;
               c.queues[0].on_max_wait = Terminal(OverflowKind::kVoicemail);
               c.queues[1].announcements.every_ms = 40'000'000'000;
               c.agents[0].queues[0].delay_ms = 40'000'000'000;
             },
             {"queues[0].max_wait_ms: 40000000000 is more than a year (31536000000 ms)",
              "queues[1].announcements.every_ms: 40000000000 is more than a year "
              "(31536000000 ms)",
              "agents[0].queues[0].delay_ms: 40000000000 is more than a year "
              "(31536000000 ms)"}},
        Case{"AgentDelays",
             [](CenterConfig& c) {
               c.agents[0].no_answer_delay_ms = -1;
               c.agents[0].decline_delay_ms = -2;
               c.agents[0].busy_delay_ms = -3;
             },
             {"agents[0].no_answer_delay_ms: must be >= 0, got -1",
              "agents[0].decline_delay_ms: must be >= 0, got -2",
              "agents[0].busy_delay_ms: must be >= 0, got -3"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateTest,
    ::testing::Values(
        Case{"NegativeAfter",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", -1, RuleCondition::kAlways,
                                              Terminal(OverflowKind::kCallback))};
             },
             {"queues[0].rules[0].after_ms: must be >= 0, got -1"}},
        Case{"QueueLengthThreshold",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 0, RuleCondition::kQueueLengthAtLeast,
                                              Terminal(OverflowKind::kCallback))};
             },
             {"queues[0].rules[0].threshold: must be in 1..1000000 (calls waiting), got 0"}},
        Case{"EwtThreshold",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 0, RuleCondition::kEwtAtLeast,
                                              Terminal(OverflowKind::kCallback))};
               c.queues[0].rules[0].threshold = -1;
             },
             {"queues[0].rules[0].threshold: must be >= 0, got -1"}},
        Case{"ThresholdUnused",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 0, RuleCondition::kNoAgentReady,
                                              Terminal(OverflowKind::kCallback))};
               c.queues[0].rules[0].threshold = 3;
             },
             {"queues[0].rules[0].threshold: only used with conditions "
              "queue_length_at_least, ewt_at_least, waiting_per_agent_at_least, position_at_most and "
          "position_at_least"}},
        Case{"UnknownCondition",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 0, static_cast<RuleCondition>(40),
                                              Terminal(OverflowKind::kCallback))};
             },
             {"queues[0].rules[0].condition: 40 is not a condition"}},
        Case{"ClosedWithoutHours",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 0, RuleCondition::kClosed,
                                              Terminal(OverflowKind::kVoicemail))};
             },
             {"queues[0].rules[0].condition: closed never holds: the center has no business "
              "hours (calendar)"}},
        Case{"RouteMissing",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 0, RuleCondition::kAlways, {})};
             },
             {"queues[0].rules[0].route: action route needs a route (a queue or a terminal "
              "path)"}},
        Case{"RouteDangling",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("r", 5, RuleCondition::kAlways, ToQueue(2))};
             },
             {"queues[0].rules[0].route.queue: 2 does not exist (the center has 2 queues)"}},
        Case{"RouteToItself",
             [](CenterConfig& c) {
               c.queues[1].rules = {RouteRule("r", 5, RuleCondition::kAlways, ToQueue(1))};
             },
             {"queues[1].rules[0].route.queue: the rule would move calls to 'sales', the "
              "queue they are in"}},
        Case{"MinLevelOutOfRange",
             [](CenterConfig& c) {
               OverflowRule r;
               r.action = RuleActionKind::kSetMinLevel;
               r.level = 0;
               c.queues[0].rules = {r, r};
               c.queues[0].rules[1].level = 11;
             },
             {"queues[0].rules[0].level: 0 is outside 1..10",
              "queues[0].rules[1].level: 11 is outside 1..10"}},
        Case{"PriorityDelta",
             [](CenterConfig& c) {
               OverflowRule r;
               r.action = RuleActionKind::kRaisePriority;
               c.queues[0].rules = {r, r};
               c.queues[0].rules[1].priority_delta = 5000;
             },
             {"queues[0].rules[0].priority_delta: must be one of -2000..2000 but 0, got 0",
              "queues[0].rules[1].priority_delta: must be one of -2000..2000 but 0, got 5000"}},
        Case{"AddQueue",
             [](CenterConfig& c) {
               OverflowRule r;
               r.action = RuleActionKind::kAddQueue;
               r.queue = 0;
               c.queues[0].rules = {r, r};
               c.queues[0].rules[1].queue = 3;
             },
             {"queues[0].rules[0].queue: the call is already in 'desk'",
              "queues[0].rules[1].queue: 3 does not exist (the center has 2 queues)"}},
        Case{"UnknownAction",
             [](CenterConfig& c) {
               OverflowRule r;
               r.action = static_cast<RuleActionKind>(8);
               c.queues[0].rules = {r};
             },
             {"queues[0].rules[0].action: 8 is not an action"}},
        Case{"DuplicateNames",
             [](CenterConfig& c) {
               OverflowRule r;
               r.name = "relax";
               r.action = RuleActionKind::kSetMinLevel;
               c.queues[0].rules = {r, r, OverflowRule{}, OverflowRule{}};
               c.queues[0].rules[2] = c.queues[0].rules[3] = r;
               c.queues[0].rules[2].name = c.queues[0].rules[3].name = "";
               c.queues[1].rules = {r};
             },
             {"queues[0].rules[1].name: 'relax' is used twice in this queue"}},
        Case{"TooManyRules",
             [](CenterConfig& c) {
               OverflowRule r;
               r.action = RuleActionKind::kRaisePriority;
               r.priority_delta = 1;
               c.queues[0].rules.assign(256, r);
             },
             {"queues[0].rules: 256 rules, at most 255"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Loops, ValidateTest,
    ::testing::Values(
        Case{"AlwaysRulesLoop",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("to sales", 30'000, RuleCondition::kAlways,
                                              ToQueue(1))};
               c.queues[1].rules = {RouteRule("to desk", 30'000, RuleCondition::kAlways,
                                              ToQueue(0))};
             },
             {"queues[1].rules[0].route.queue: rule 'to desk': overflow to 'desk' closes a "
              "loop; a call could move between queues forever"}},
        Case{"RuleAtEntryAndOnFullLoop",
             [](CenterConfig& c) {
               c.queues[0].on_full = ToQueue(1);
               c.queues[1].rules = {RouteRule("busy", 0, RuleCondition::kNoAgentReady,
                                              ToQueue(0))};
             },
             {"queues[1].rules[0].route.queue: rule 'busy': overflow to 'desk' closes a "
              "loop; a call could move between queues forever"}},
        Case{"MaxWaitAndAlwaysRuleLoop",
             [](CenterConfig& c) {
               c.queues[0].max_wait_ms = 60'000;
               c.queues[0].on_max_wait = ToQueue(1);
               c.queues[1].rules = {RouteRule("", 10, RuleCondition::kAlways, ToQueue(0))};
             },
             {"queues[1].rules[0].route.queue: overflow to 'desk' closes a loop; a call "
              "could move between queues forever"}},
        Case{"TimedConditionalLoopIsTheGraphChecks",
             [](CenterConfig& c) {
               c.queues[0].rules = {RouteRule("a", 10, RuleCondition::kNoAgentReady,
                                              ToQueue(1))};
               c.queues[1].rules = {RouteRule("b", 10, RuleCondition::kNoAgentReady,
                                              ToQueue(0))};
             },
             {}}),
    CaseName);

}  // namespace
}  // namespace acd::testing
