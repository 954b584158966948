// acd::ValidateCenter on centers built in code: the business calendar,
// the entry rules, the boosts, and a center that uses every rule at once.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "validate_cases.h"

namespace acd::testing {
namespace {

using ::testing::ElementsAre;

INSTANTIATE_TEST_SUITE_P(
    Calendar, ValidateTest,
    ::testing::Values(
        Case{"WindowBackwards",
             [](CenterConfig& c) { c.calendar.open = {TimeWindow{0x1f, 18 * 60, 8 * 60}}; },
             {"calendar.open[0]: from 18:00 must be before to 08:00 (hours over midnight "
              "are two windows)"}},
        Case{"WindowOutsideTheDay",
             [](CenterConfig& c) {
               c.calendar.open = {TimeWindow{0x7f, -1, 1441}, TimeWindow{0, 0, 60}};
             },
             {"calendar.open[0]: from minute -1 is outside 0..1440",
              "calendar.open[0]: to minute 1441 is outside 0..1440",
              "calendar.open[1].days: weekday bits 0 name no day (bit 0 = Monday ... "
              "bit 6 = Sunday)"}},
        Case{"Holidays",
             [](CenterConfig& c) {
               c.calendar.holidays = {Holiday{2026, 2, 29, {}}, Holiday{2026, 13, 1, {}},
                                      Holiday{2026, 12, 24, {TimeWindow{0, 600, 600}}},
                                      Holiday{2026, 12, 24, {}}, Holiday{2028, 2, 29, {}}};
             },
             {"calendar.holidays[0].date: 2026-02-29 does not exist",
              "calendar.holidays[1].date: 2026-13-01 does not exist",
              "calendar.holidays[2].open[0]: from 10:00 must be before to 10:00 (hours "
              "over midnight are two windows)",
              "calendar.holidays[3].date: 2026-12-24 is listed twice"}}),
    CaseName);

EntryRule ToSales() {
  EntryRule rule;
  rule.name = "buy";
  rule.route = ToQueue(1);
  return rule;
}

INSTANTIATE_TEST_SUITE_P(
    Entry, ValidateTest,
    ::testing::Values(
        Case{"NoRoute", [](CenterConfig& c) { c.entry_rules = {EntryRule{}}; },
             {"entry_rules[0].route: an entry rule needs a route (a queue or a terminal "
              "path)"}},
        Case{"DanglingRoute",
             [](CenterConfig& c) {
               c.entry_rules = {ToSales()};
               c.entry_rules[0].route.queue = 4;
             },
             {"entry_rules[0].route.queue: 4 does not exist (the center has 2 queues)"}},
        Case{"TerminalWithQueueFields",
             [](CenterConfig& c) {
               EntryRule rule;
               rule.route = Terminal(OverflowKind::kReject);
               rule.priority = 3;
               rule.min_level = 5;
               rule.required_skills = {{0, 1}};
               c.entry_rules = {rule};
             },
             {"entry_rules[0].priority: only used when route.kind is \"queue\" (a terminal "
              "route ends the call at once)",
              "entry_rules[0].min_level: only used when route.kind is \"queue\" (a terminal "
              "route ends the call at once)",
              "entry_rules[0].required_skills: only used when route.kind is \"queue\" (a "
              "terminal route ends the call at once)"}},
        Case{"PriorityAndLevel",
             [](CenterConfig& c) {
               c.entry_rules = {ToSales()};
               c.entry_rules[0].priority = 1001;
               c.entry_rules[0].min_level = 0;
             },
             {"entry_rules[0].priority: 1001 is outside -1000..1000",
              "entry_rules[0].min_level: 0 is outside 1..10"}},
        Case{"RequiredSkills",
             [](CenterConfig& c) {
               c.entry_rules = {ToSales()};
               c.entry_rules[0].required_skills = {{0, 1}, {0, 2}, {5, 3}, {1, 11}, {1, 4}};
             },
             {"entry_rules[0].required_skills: 5 given, at most 4",
              "entry_rules[0].required_skills[1].skill: 'german' is listed twice",
              "entry_rules[0].required_skills[2].skill: 5 does not exist (the center has 2 "
              "skills)",
              "entry_rules[0].required_skills[3].level: 11 is outside 1..10",
              "entry_rules[0].required_skills[4].skill: 'french' is listed twice"}},
        Case{"Patterns",
             [](CenterConfig& c) {
               c.entry_rules = {ToSales()};
               EntryMatch& m = c.entry_rules[0].match;
               m.dnis = {"0800*", "08*00"};
               m.digits = {""};
               m.languages = {"*"};
               m.marketing_sources = {"*fair"};
             },
             {"entry_rules[0].match.dnis[1]: '*' may only end a pattern (a prefix), got "
              "\"08*00\"",
              "entry_rules[0].match.digits[0]: must not be empty",
              "entry_rules[0].match.marketing_sources[0]: '*' may only end a pattern (a "
              "prefix), got \"*fair\""}},
        Case{"IntentsAndSwitches",
             [](CenterConfig& c) {
               c.entry_rules = {ToSales()};
               EntryMatch& m = c.entry_rules[0].match;
               m.intents = {Intent::kBuy, static_cast<Intent>(17)};
               m.vip = static_cast<Tri>(3);
               m.open = Tri::kNo;
               m.hours = {TimeWindow{0x7f, 600, 540}};
             },
             {"entry_rules[0].match.intents[1]: 17 is not an intent of this center",
              "entry_rules[0].match.vip: 3 is not any, yes or no",
              "entry_rules[0].match.open: \"no\" never matches: the center has no business "
              "hours (calendar)",
              "entry_rules[0].match.hours[0]: from 10:00 must be before to 09:00 (hours "
              "over midnight are two windows)"}},
        Case{"DuplicateNames",
             [](CenterConfig& c) { c.entry_rules = {ToSales(), EntryRule{}, ToSales()};
                                   c.entry_rules[1] = ToSales();
                                   c.entry_rules[1].name = ""; },
             {"entry_rules[2].name: 'buy' is used twice"}},
        Case{"TooManySkillSetsForOneQueue",
             [](CenterConfig& c) {
               for (int level = 1; level <= 10; ++level) {
                 for (SkillId skill : {0u, 1u}) {
                   EntryRule rule = ToSales();
                   rule.name = "";
                   rule.required_skills = {{skill, level}};
                   c.entry_rules.push_back(rule);
                 }
               }
             },
             {"entry_rules[15].required_skills: queue 'sales' is asked for more than 15 "
              "distinct skill requirements",
              "entry_rules[16].required_skills: queue 'sales' is asked for more than 15 "
              "distinct skill requirements",
              "entry_rules[17].required_skills: queue 'sales' is asked for more than 15 "
              "distinct skill requirements",
              "entry_rules[18].required_skills: queue 'sales' is asked for more than 15 "
              "distinct skill requirements",
              "entry_rules[19].required_skills: queue 'sales' is asked for more than 15 "
              "distinct skill requirements"}},
        Case{"DefaultNone", [](CenterConfig& c) { c.entry_default = {}; },
             {"entry_default.kind: must route somewhere (none is no route)"}},
        Case{"DefaultDangling", [](CenterConfig& c) { c.entry_default = ToQueue(2); },
             {"entry_default.queue: 2 does not exist (the center has 2 queues)"}},
        Case{"QueueRemovedDangling", [](CenterConfig& c) { c.on_queue_removed = ToQueue(5); },
             {"on_queue_removed.queue: 5 does not exist (the center has 2 queues)"}},
        Case{"QueueRemovedCallbackWithoutQueue",
             [](CenterConfig& c) { c.on_queue_removed.kind = OverflowKind::kCallback; },
             {"on_queue_removed.queue: a callback capture must name the queue its callbacks "
              "wait in (the removed queue is gone)"}},
        Case{"BoostsAndResume",
             [](CenterConfig& c) {
               c.boosts = {2000, -1001, 1000};
               c.resume_place_ms = -1;
             },
             {"boosts.external: 2000 is outside -1000..1000",
              "boosts.vip: -1001 is outside -1000..1000",
              "resume_place_ms: must be >= 0, got -1"}}),
    CaseName);

// A center using every rule, action and field at once passes.
TEST(Validate, EveryFeatureAtOnce) {
  CenterConfig c = Base();
  c.calendar.open = {TimeWindow{0x1f, 8 * 60, 18 * 60}};
  c.calendar.holidays = {Holiday{2026, 12, 24, {TimeWindow{0x7f, 8 * 60, 12 * 60}}}};
  QueueConfig& sales = c.queues[1];
  OverflowRule relax;
  relax.after_ms = 20'000;
  relax.action = RuleActionKind::kSetMinLevel;
  relax.level = 5;
  OverflowRule boost = relax;
  boost.action = RuleActionKind::kRaisePriority;
  boost.priority_delta = 2;
  OverflowRule add = relax;
  add.action = RuleActionKind::kAddQueue;
  add.queue = 0;
  sales.rules = {relax, boost, add,
                 RouteRule("long", 0, RuleCondition::kQueueLengthAtLeast,
                           Terminal(OverflowKind::kVoicemail)),
                 RouteRule("closed", 0, RuleCondition::kClosed, Terminal(OverflowKind::kReject)),
                 RouteRule("busy", 45'000, RuleCondition::kNoAgentReady, ToQueue(0))};
  sales.rules[3].threshold = 10;
  sales.leave_when_empty = {EmptyCondition::kNoAgentLoggedIn, Terminal(OverflowKind::kCallback)};
  sales.on_decline = ToQueue(0);
  sales.owner_first_ms = 15'000;
  sales.progressive_ring_ms = 5'000;
  sales.announcements = {20'000, 30'000, 5, true, 30'000};
  sales.callback = {true, false, 0, true, 3, 60'000, 2.0};
  EntryRule buy = ToSales();
  buy.match.digits = {"1"};
  buy.match.dnis = {"0800*"};
  buy.match.intents = {Intent::kBuy};
  buy.match.open = Tri::kYes;
  buy.match.hours = {TimeWindow{0x1f, 8 * 60, 12 * 60}};
  buy.min_level = 8;
  buy.required_skills = {{1, 5}};
  EntryRule closed;
  closed.match.open = Tri::kNo;
  closed.route = Terminal(OverflowKind::kCallback);
  c.entry_rules = {buy, closed};
  c.entry_default = ToQueue(0);
  c.resume_place_ms = 60'000;
  c.agents[0].no_answer_delay_ms = 20'000;
  EXPECT_THAT(Errors(c), ElementsAre());
}

}  // namespace
}  // namespace acd::testing
