// Loading the rule sections of center files: business hours, entry rules,
// overflow rules, leave-when-empty, declines, announcements, callbacks and
// agent delays; their defaults, and the loader's errors for each, with the
// line.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> YamlErrors(std::string_view yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "r.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

// Line 1 is the first line of `head`; the queues and agent follow it.
std::string Center(const std::string& head, const std::string& desk = "",
                   const std::string& sales = "") {
  return head + "skills: [german, french]\nqueues:\n  - name: desk\n" + desk +
         "  - name: sales\n" + sales +
         "agents:\n  - id: 1\n    skills: [{skill: german, level: 8}]\n"
         "    queues: [{queue: desk}, {queue: sales}]\n";
}

constexpr char kEverything[] = R"(time_zone: America/New_York
calendar:
  open:
    - {days: [mon-fri], from: "08:00", to: "18:00"}
    - {days: [sat, sun], from: "9:30"}
    - {days: [fri-mon], to: "01:00"}
  holidays:
    - {date: "2026-12-24", name: Christmas Eve, open: [{from: "08:00", to: "12:00"}]}
    - {date: "2027-01-01"}
entry_rules:
  - name: director
    match: {dnis: ["+1555*"], open: "yes", vip: "no", returning: "yes",
            internal: "no", has_owner: "any",
            hours: [{days: [mon], from: "10:00", to: "11:00"}]}
    route: {kind: queue, queue: sales}
    priority: 3
    min_level: 6
    required_skills: [{skill: french, level: 4}, {skill: german}]
  - name: offer
    match: {digits: ["4"], intents: [sell_to_us, other], languages: [de, en],
            marketing_sources: [fair*]}
    route: {kind: reject, target: send your offer by e-mail}
entry_default: {kind: voicemail, target: box}
boosts: {external: 0, vip: 5, returning: -2}
resume_place_ms: 60000
on_queue_removed: {kind: queue, queue: sales}
skills: [german, french]
queues:
  - name: desk
    rules:
      - {name: relax, after_ms: 20000, action: set_min_level, level: 5}
      - {name: long, condition: queue_length_at_least, threshold: 8,
         route: {kind: callback}}
      - {name: boost, after_ms: 5000, condition: ewt_at_least, threshold: 60000,
         action: raise_priority, priority_delta: 2}
      - {name: help, after_ms: 30000, condition: no_agent_ready,
         action: add_queue, queue: sales}
      - {name: night, condition: closed, action: route,
         route: {kind: external, target: "+15550000"}}
      - {name: empty, condition: no_agent_logged_in,
         route: {kind: queue, queue: sales}}
      - {name: crowded, condition: waiting_per_agent_at_least, threshold: 150,
         route: {kind: voicemail}}
    leave_when_empty: {condition: no_agent_ready, action: {kind: voicemail}}
    join_empty: {factors: [paused, inuse, invalid], action: {kind: voicemail, target: box}}
    on_decline: {kind: queue, queue: sales}
    owner_first_ms: 15000
    progressive_ring_ms: 4000
    ignore_delays_up_to_members: 2
    ring_in_use: true
    max_wait_ms: 90000
    on_max_wait: {kind: voicemail, target: box}
    max_wait_cuts_ring: true
    level_first: true
    ignore_levels_up_to_members: 3
    skip_empty_delays: true
    wrapup_ms: 15000
    wrapup_here_only: true
    auto_pause_here_only: true
    counters_here_only: true
    announcements: {first_ms: 10000, every_ms: 30000, position_limit: 5,
                    ewt: false, ewt_round_ms: 60000}
    expected_handle_ms: 240000
    callback: {queue: sales, keep_place: false, max_attempts: 5,
               retry_ms: 60000, retry_factor: 1.5}
  - name: sales
    callback: {}
    strategy: least_calls
    counters_since_ready: true
agents:
  - id: 1
    skills: [{skill: german, level: 8}, {skill: french, level: 5}]
    queues: [{queue: desk, delay_ms: 10000}, {queue: sales}]
    no_answer_delay_ms: 20000
    decline_delay_ms: 5000
    busy_delay_ms: 30000
)";

TEST(RulesLoad, CalendarAndEntryRules) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(kEverything, "all.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const BusinessCalendar& cal = center->calendar;
  EXPECT_EQ(cal.time_zone_name, "America/New_York");
  EXPECT_EQ(cal.time_zone.name(), "America/New_York");
  ASSERT_EQ(cal.open.size(), 3u);
  EXPECT_EQ(cal.open[0].weekdays, 0x1f);
  EXPECT_EQ(cal.open[0].from_minute, 8 * 60);
  EXPECT_EQ(cal.open[0].to_minute, 18 * 60);
  EXPECT_EQ(cal.open[1].weekdays, 0x60);
  EXPECT_EQ(cal.open[1].from_minute, 9 * 60 + 30);
  EXPECT_EQ(cal.open[1].to_minute, 24 * 60);
  EXPECT_EQ(cal.open[2].weekdays, 0x71);  // fri, sat, sun, mon
  EXPECT_EQ(cal.open[2].from_minute, 0);
  ASSERT_EQ(cal.holidays.size(), 2u);
  EXPECT_EQ(cal.holidays[0].year, 2026);
  EXPECT_EQ(cal.holidays[0].month, 12);
  EXPECT_EQ(cal.holidays[0].day, 24);
  ASSERT_EQ(cal.holidays[0].open.size(), 1u);
  EXPECT_EQ(cal.holidays[0].open[0].to_minute, 12 * 60);
  EXPECT_TRUE(cal.holidays[1].open.empty());

  ASSERT_EQ(center->entry_rules.size(), 2u);
  const EntryRule& director = center->entry_rules[0];
  EXPECT_EQ(director.name, "director");
  EXPECT_THAT(director.match.dnis, ElementsAre("+1555*"));
  EXPECT_EQ(director.match.open, Tri::kYes);
  EXPECT_EQ(director.match.vip, Tri::kNo);
  EXPECT_EQ(director.match.returning, Tri::kYes);
  EXPECT_EQ(director.match.internal, Tri::kNo);
  EXPECT_EQ(director.match.has_owner, Tri::kAny);
  ASSERT_EQ(director.match.hours.size(), 1u);
  EXPECT_EQ(director.match.hours[0].weekdays, 0x01);
  EXPECT_EQ(director.route.kind, OverflowKind::kQueue);
  EXPECT_EQ(director.route.queue, 1u);
  EXPECT_EQ(director.priority, 3);
  EXPECT_EQ(director.min_level, 6);
  EXPECT_EQ(director.required_skills, (std::vector<SkillLevel>{{1, 4}, {0, 1}}));
  const EntryRule& offer = center->entry_rules[1];
  EXPECT_THAT(offer.match.digits, ElementsAre("4"));
  EXPECT_THAT(offer.match.intents, ElementsAre(Intent::kSellToUs, Intent::kOther));
  EXPECT_THAT(offer.match.languages, ElementsAre("de", "en"));
  EXPECT_THAT(offer.match.marketing_sources, ElementsAre("fair*"));
  EXPECT_EQ(offer.route.kind, OverflowKind::kReject);
  EXPECT_EQ(offer.route.target, "send your offer by e-mail");
  EXPECT_EQ(offer.min_level, kMinLevel);
  EXPECT_EQ(center->entry_default.kind, OverflowKind::kVoicemail);
  EXPECT_EQ(center->boosts.external, 0);
  EXPECT_EQ(center->boosts.vip, 5);
  EXPECT_EQ(center->boosts.returning, -2);
  EXPECT_EQ(center->resume_place_ms, 60'000);
  EXPECT_EQ(center->on_queue_removed.kind, OverflowKind::kQueue);
  EXPECT_EQ(center->queues[center->on_queue_removed.queue].name, "sales");
}

TEST(RulesLoad, QueueRulesAndAgentDelays) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(kEverything, "all.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const QueueConfig& desk = center->queues[0];
  ASSERT_EQ(desk.rules.size(), 7u);
  EXPECT_EQ(desk.rules[0].action, RuleActionKind::kSetMinLevel);
  EXPECT_EQ(desk.rules[0].condition, RuleCondition::kAlways);
  EXPECT_EQ(desk.rules[0].after_ms, 20'000);
  EXPECT_EQ(desk.rules[0].level, 5);
  EXPECT_EQ(desk.rules[1].condition, RuleCondition::kQueueLengthAtLeast);
  EXPECT_EQ(desk.rules[1].threshold, 8);
  EXPECT_EQ(desk.rules[1].action, RuleActionKind::kRoute);
  EXPECT_EQ(desk.rules[1].route.kind, OverflowKind::kCallback);
  EXPECT_EQ(desk.rules[2].condition, RuleCondition::kEwtAtLeast);
  EXPECT_EQ(desk.rules[2].action, RuleActionKind::kRaisePriority);
  EXPECT_EQ(desk.rules[2].priority_delta, 2);
  EXPECT_EQ(desk.rules[3].condition, RuleCondition::kNoAgentReady);
  EXPECT_EQ(desk.rules[3].action, RuleActionKind::kAddQueue);
  EXPECT_EQ(desk.rules[3].queue, 1u);
  EXPECT_EQ(desk.rules[4].condition, RuleCondition::kClosed);
  EXPECT_EQ(desk.rules[4].route.kind, OverflowKind::kExternal);
  EXPECT_EQ(desk.rules[4].route.target, "+15550000");
  EXPECT_EQ(desk.rules[5].condition, RuleCondition::kNoAgentLoggedIn);
  EXPECT_EQ(desk.rules[5].route.queue, 1u);
  EXPECT_EQ(desk.rules[6].condition, RuleCondition::kWaitingPerAgentAtLeast);
  EXPECT_EQ(desk.rules[6].threshold, 150);
  EXPECT_EQ(desk.leave_when_empty.condition, EmptyCondition::kNoAgentReady);
  EXPECT_EQ(desk.leave_when_empty.action.kind, OverflowKind::kVoicemail);
  EXPECT_EQ(desk.join_empty.factors, kEmptyPaused | kEmptyInUse | kEmptyInvalid);
  EXPECT_EQ(desk.join_empty.action.kind, OverflowKind::kVoicemail);
  EXPECT_EQ(desk.join_empty.action.target, "box");
  EXPECT_EQ(desk.on_decline.kind, OverflowKind::kQueue);
  EXPECT_EQ(desk.on_decline.queue, 1u);
  EXPECT_EQ(desk.owner_first_ms, 15'000);
  EXPECT_EQ(desk.progressive_ring_ms, 4'000);
  EXPECT_EQ(desk.ignore_delays_up_to_members, 2u);
  EXPECT_TRUE(desk.ring_in_use);
  EXPECT_EQ(desk.max_wait_ms, 90'000);
  EXPECT_TRUE(desk.max_wait_cuts_ring);
  EXPECT_TRUE(desk.level_first);
  EXPECT_EQ(desk.ignore_levels_up_to_members, 3u);
  EXPECT_TRUE(desk.skip_empty_delays);
  EXPECT_EQ(desk.announcements.first_ms, 10'000);
  EXPECT_EQ(desk.announcements.every_ms, 30'000);
  EXPECT_EQ(desk.announcements.position_limit, 5u);
  EXPECT_FALSE(desk.announcements.ewt);
  EXPECT_EQ(desk.announcements.ewt_round_ms, 60'000);
  EXPECT_EQ(desk.expected_handle_ms, 240'000);
  EXPECT_TRUE(desk.callback.enabled);
  EXPECT_FALSE(desk.callback.same_queue);
  EXPECT_EQ(desk.callback.queue, 1u);
  EXPECT_FALSE(desk.callback.keep_place);
  EXPECT_EQ(desk.callback.max_attempts, 5u);
  EXPECT_EQ(desk.callback.retry_ms, 60'000);
  EXPECT_EQ(desk.callback.retry_factor, 1.5);
  const AgentConfig& a = center->agents[0];
  EXPECT_EQ(a.no_answer_delay_ms, 20'000);
  EXPECT_EQ(a.decline_delay_ms, 5'000);
  EXPECT_EQ(a.busy_delay_ms, 30'000);
  EXPECT_TRUE(desk.wrapup_here_only);
  EXPECT_TRUE(desk.auto_pause_here_only);
  EXPECT_TRUE(desk.counters_here_only);
}

// Left out, each new field takes the default of acd/center.h and
// acd/rules.h; an empty callback block turns callbacks on with defaults.
TEST(RulesLoad, DefaultsForFieldsLeftOut) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(kEverything, "all.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const QueueConfig defaults;
  const QueueConfig& sales = center->queues[1];
  EXPECT_TRUE(sales.rules.empty());
  EXPECT_EQ(sales.leave_when_empty.condition, EmptyCondition::kNever);
  EXPECT_EQ(sales.leave_when_empty.factors, 0);
  EXPECT_EQ(sales.join_empty.factors, 0);
  EXPECT_EQ(sales.on_decline.kind, OverflowKind::kNone);
  EXPECT_EQ(sales.owner_first_ms, 0);
  EXPECT_FALSE(sales.ring_in_use);
  EXPECT_FALSE(sales.max_wait_cuts_ring);
  EXPECT_FALSE(sales.level_first);
  EXPECT_EQ(sales.ignore_levels_up_to_members, 0u);
  EXPECT_FALSE(sales.skip_empty_delays);
  EXPECT_EQ(sales.strategy, Strategy::kLeastCalls);
  EXPECT_TRUE(sales.counters_since_ready);
  EXPECT_FALSE(sales.wrapup_here_only);
  EXPECT_FALSE(sales.auto_pause_here_only);
  EXPECT_FALSE(sales.counters_here_only);
  EXPECT_EQ(sales.announcements.every_ms, 0);
  EXPECT_TRUE(sales.announcements.ewt);
  EXPECT_EQ(sales.announcements.ewt_round_ms, defaults.announcements.ewt_round_ms);
  EXPECT_EQ(sales.expected_handle_ms, defaults.expected_handle_ms);
  EXPECT_TRUE(sales.callback.enabled);
  EXPECT_TRUE(sales.callback.same_queue);
  EXPECT_TRUE(sales.callback.keep_place);
  EXPECT_EQ(sales.callback.max_attempts, defaults.callback.max_attempts);
  EXPECT_EQ(sales.callback.retry_ms, defaults.callback.retry_ms);
  EXPECT_EQ(sales.callback.retry_factor, defaults.callback.retry_factor);

  absl::StatusOr<CenterConfig> plain = LoadCenterYaml(Center(""), "plain.yaml");
  ASSERT_TRUE(plain.ok()) << plain.status();
  const CenterConfig center_defaults;
  EXPECT_EQ(plain->calendar.time_zone_name, "UTC");
  EXPECT_TRUE(plain->calendar.always_open());
  EXPECT_TRUE(plain->entry_rules.empty());
  EXPECT_EQ(plain->entry_default.kind, OverflowKind::kReject);
  EXPECT_EQ(plain->entry_default.target, center_defaults.entry_default.target);
  EXPECT_EQ(plain->boosts.external, 1);
  EXPECT_EQ(plain->resume_place_ms, 0);
  EXPECT_EQ(plain->on_queue_removed.kind, OverflowKind::kNone);
  EXPECT_FALSE(plain->queues[0].callback.enabled);
  EXPECT_EQ(plain->agents[0].no_answer_delay_ms, 0);
}

TEST(RulesLoad, BadTimesDatesAndDays) {
  EXPECT_THAT(
      YamlErrors(Center("calendar:\n"
                        "  open:\n"
                        "    - {days: [mon-fry], from: \"25:00\", to: noon}\n"
                        "    - {days: [weekend], from: \"8:5\"}\n"
                        "  holidays:\n"
                        "    - {date: \"2026-1-5\"}\n"
                        "    - {name: no date, open: [{days: [mon], to: \"24:01\"}]}\n")),
      ElementsAre(
          "r.yaml:3: calendar.open[0].days[0]: unknown weekday \"fry\" (did you mean "
          "\"fri\"?)",
          "r.yaml:3: calendar.open[0].from: expected a time of day \"HH:MM\" between 00:00 "
          "and 24:00, got \"25:00\"",
          "r.yaml:3: calendar.open[0].to: expected a time of day \"HH:MM\" between 00:00 "
          "and 24:00, got \"noon\"",
          "r.yaml:4: calendar.open[1].days[0]: unknown weekday \"weekend\" (expected one "
          "of: mon, tue, wed, thu, fri, sat, sun)",
          "r.yaml:4: calendar.open[1].from: expected a time of day \"HH:MM\" between 00:00 "
          "and 24:00, got \"8:5\"",
          "r.yaml:6: calendar.holidays[0].date: expected a date \"YYYY-MM-DD\", got "
          "\"2026-1-5\"",
          "r.yaml:7: calendar.holidays[1].date: missing date: expected \"YYYY-MM-DD\"",
          "r.yaml:7: calendar.holidays[1].open[0].days: not used in a holiday's hours "
          "(the date gives the day)",
          "r.yaml:7: calendar.holidays[1].open[0].to: expected a time of day \"HH:MM\" "
          "between 00:00 and 24:00, got \"24:01\""));
}

TEST(RulesLoad, ValidatorErrorsInNewSectionsGetLines) {
  EXPECT_THAT(
      YamlErrors(Center("calendar:\n"
                        "  open: [{from: \"18:00\", to: \"08:00\"}]\n"
                        "  holidays:\n"
                        "    - {date: \"2026-02-30\"}\n",
                        "    rules:\n"
                        "      - {name: a, after_ms: -1, route: {kind: callback}}\n"
                        "      - {name: a, action: set_min_level, level: 0}\n")),
      ElementsAre("r.yaml:2: calendar.open[0]: from 18:00 must be before to 08:00 (hours "
                  "over midnight are two windows)",
                  "r.yaml:4: calendar.holidays[0].date: 2026-02-30 does not exist",
                  "r.yaml:9: queues[0].rules[0].after_ms: must be >= 0, got -1",
                  "r.yaml:10: queues[0].rules[1].level: 0 is outside 1..10",
                  "r.yaml:10: queues[0].rules[1].name: 'a' is used twice in this queue"));
}

TEST(RulesLoad, UnknownNamesInRules) {
  EXPECT_THAT(
      YamlErrors(Center("",
                        "    rules:\n"
                        "      - {condition: no_agent_redy, action: rout}\n"
                        "      - {action: add_queue, queue: slaes}\n"
                        "      - {action: add_queue}\n"
                        "    leave_when_empty: {condition: empty, action: {kind: callback}}\n"
                        "    callback: {queue: nowhere}\n")),
      ElementsAre("r.yaml:5: queues[0].rules[0].condition: unknown condition "
                  "\"no_agent_redy\" (did you mean \"no_agent_ready\"?)",
                  "r.yaml:5: queues[0].rules[0].action: unknown action \"rout\" (did you "
                  "mean \"route\"?)",
                  "r.yaml:6: queues[0].rules[1].queue: no queue named \"slaes\" (did you "
                  "mean \"sales\"?)",
                  "r.yaml:7: queues[0].rules[2].queue: missing queue name",
                  "r.yaml:8: queues[0].leave_when_empty.condition: unknown condition "
                  "\"empty\" (expected one of: never, no_agent_logged_in, no_agent_ready)",
                  "r.yaml:9: queues[0].callback.queue: no queue named \"nowhere\" "
                  "(expected one of: desk, sales)"));
}

TEST(RulesLoad, LeaveWhenEmptyTakesAFactorListOrAShorthand) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(
      Center("", "    leave_when_empty: {factors: [penalty, paused, ringing],\n"
                 "                       action: {kind: voicemail}}\n"),
      "r.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const LeaveWhenEmpty& leave = center->queues[0].leave_when_empty;
  EXPECT_EQ(leave.condition, EmptyCondition::kNever);
  EXPECT_EQ(leave.factors, kEmptyPenalty | kEmptyPaused | kEmptyRinging);
  EXPECT_EQ(LeaveFactors(leave), leave.factors);
  EXPECT_EQ(LeaveFactors({EmptyCondition::kNoAgentReady, {}}), kEmptyUnavailable | kEmptyPaused);
  EXPECT_EQ(LeaveFactors({EmptyCondition::kNoAgentLoggedIn, {}}), kEmptyUnavailable);
}

TEST(RulesLoad, LeaveWhenEmptyFactorsNameTheFieldAndTheReason) {
  EXPECT_THAT(
      YamlErrors(Center("",
                        "    leave_when_empty: {factors: [inuse, in_use, inuse],\n"
                        "                       action: {kind: voicemail}}\n")),
      ElementsAre("r.yaml:4: queues[0].leave_when_empty.factors[1]: unknown factor \"in_use\" "
                  "(did you mean \"inuse\"?)",
                  "r.yaml:4: queues[0].leave_when_empty.factors[2]: \"inuse\" is listed twice"));
  EXPECT_THAT(YamlErrors(Center("",
                                "    leave_when_empty: {condition: no_agent_ready, factors: "
                                "[paused],\n                       action: {kind: voicemail}}\n")),
              ElementsAre(::testing::HasSubstr(
                  "queues[0].leave_when_empty.factors: give a condition or factors, not both")));
}

TEST(RulesLoad, JoinEmptyFactorsNameTheFieldAndTheReason) {
  EXPECT_THAT(
      YamlErrors(Center("",
                        "    join_empty: {factors: [paused, wrap_up, paused],\n"
                        "                 action: {kind: voicemail}}\n")),
      ElementsAre("r.yaml:4: queues[0].join_empty.factors[1]: unknown factor \"wrap_up\" "
                  "(did you mean \"wrapup\"?)",
                  "r.yaml:4: queues[0].join_empty.factors[2]: \"paused\" is listed twice"));
  EXPECT_THAT(YamlErrors(Center("", "    join_empty: {factors: [unavailable]}\n")),
              ElementsAre(::testing::HasSubstr(
                  "queues[0].join_empty.action: a refused caller needs a path")));
}

TEST(RulesLoad, FieldsTheActionDoesNotUse) {
  EXPECT_THAT(
      YamlErrors(Center("",
                        "    rules:\n"
                        "      - {action: set_min_level, route: {kind: callback}}\n"
                        "      - {level: 3, priority_delta: 2, queue: sales,\n"
                        "         route: {kind: callback}}\n"
                        "      - {condition: no_agent_ready, threshold: 5,\n"
                        "         route: {kind: voicemail}}\n")),
      ElementsAre(
          "r.yaml:5: queues[0].rules[0].route: only used with action \"route\"",
          "r.yaml:5: queues[0].rules[0].level: missing: action \"set_min_level\" needs the "
          "level (1..10)",
          "r.yaml:6: queues[0].rules[1].level: only used with action \"set_min_level\" or "
          "\"require_skill\"",
          "r.yaml:6: queues[0].rules[1].priority_delta: only used with action "
          "\"raise_priority\"",
          "r.yaml:6: queues[0].rules[1].queue: only used with action \"add_queue\" (action "
          "\"route\" takes route.queue)",
          "r.yaml:8: queues[0].rules[2].threshold: only used with conditions "
          "queue_length_at_least, ewt_at_least, waiting_per_agent_at_least, position_at_most and "
          "position_at_least"));
}

TEST(RulesLoad, BadEntryRules) {
  EXPECT_THAT(
      YamlErrors(Center("entry_rules:\n"
                        "  - name: offer\n"
                        "    match: {intents: [sell], vip: maybe, dnis: [\"1*2\"]}\n"
                        "    route: {kind: reject}\n"
                        "    priority: 2\n"
                        "    min_level: 3\n"
                        "    required_skills: [{skill: german}]\n"
                        "  - name: b\n"
                        "    route: {kind: queue, queue: sales}\n"
                        "    required_skills: [{skill: spanish}]\n"
                        "  - name: c\n"
                        "    match: {digits: [\"1\"]}\n")),
      ElementsAre(
          "r.yaml:3: entry_rules[0].match.intents[0]: unknown intent \"sell\" (expected "
          "one of: unknown, buy, existing_order, support, sell_to_us, other)",
          "r.yaml:3: entry_rules[0].match.vip: unknown switch \"maybe\" (expected one of: "
          "any, yes, no)",
          "r.yaml:3: entry_rules[0].match.dnis[0]: '*' may only end a pattern (a prefix), "
          "got \"1*2\"",
          "r.yaml:5: entry_rules[0].priority: only used when route.kind is \"queue\" (a "
          "terminal route ends the call at once)",
          "r.yaml:6: entry_rules[0].min_level: only used when route.kind is \"queue\" (a "
          "terminal route ends the call at once)",
          "r.yaml:7: entry_rules[0].required_skills: only used when route.kind is "
          "\"queue\" (a terminal route ends the call at once)",
          "r.yaml:10: entry_rules[1].required_skills[0].skill: no skill named \"spanish\" "
          "(expected one of: german, french)",
          "r.yaml:11: entry_rules[2].route: an entry rule needs a route (a queue or a "
          "terminal path)"));
}

TEST(RulesLoad, AnEntryRuleNeedsAName) {
  EXPECT_THAT(YamlErrors(Center("entry_rules:\n"
                                "  - name: \"\"\n"
                                "    route: {kind: queue, queue: sales}\n")),
              ElementsAre("r.yaml:2: entry_rules[0].name: missing: every entry rule needs a "
                          "name (calls' histories and messages name the rule by it)"));
  EXPECT_THAT(YamlErrors(Center("entry_rules:\n"
                                "  - route: {kind: queue, queue: sales}\n")),
              ElementsAre("r.yaml:2: entry_rules[0].name: missing: every entry rule needs a "
                          "name (calls' histories and messages name the rule by it)"));
}

TEST(RulesLoad, UnknownFieldsInNewSectionsNameTheLine) {
  EXPECT_THAT(
      YamlErrors(Center("calendar: {opne: []}\n"
                        "entry_rules: [{match: {dnsi: [\"1\"]}}]\n",
                        "    rules: [{conditon: closed}]\n"
                        "    callback: {retries: 3}\n")),
      ElementsAre(
          "r.yaml:1: calendar.opne: unknown field \"opne\" in Calendar (did you mean "
          "\"open\"?)",
          "r.yaml:2: entry_rules[0].match.dnsi: unknown field \"dnsi\" in EntryMatch (did "
          "you mean \"dnis\"?)",
          "r.yaml:6: queues[0].rules[0].conditon: unknown field \"conditon\" in "
          "OverflowRule (did you mean \"condition\"?)",
          "r.yaml:7: queues[0].callback.retries: unknown field \"retries\" in "
          "CallbackPolicy (expected one of: enabled, queue, keep_place, max_attempts, "
          "retry_ms, retry_factor, request_within_ms, priority_delta)"));
}

}  // namespace
}  // namespace acd
