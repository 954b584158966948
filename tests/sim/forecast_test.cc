// The forecast, schedule and empirical-sample files: good input, and every
// bad input named by file, line, column and reason.
#include "acd/forecast.h"

#include <string>
#include <tuple>
#include <vector>

#include "acd/planning.h"
#include "acd/schedule.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

using ::testing::HasSubstr;

std::string ForecastError(const std::string& text) {
  absl::StatusOr<Forecast> f = ParseForecastCsv(text, "forecast.csv");
  EXPECT_FALSE(f.ok()) << text;
  return f.ok() ? "" : std::string(f.status().message());
}

TEST(Forecast, ParsesRowsCommentsMixAndAht) {
  const std::string text =
      "# a day\n"
      "\n"
      "interval_start,calls,aht_s,queue:sales,intent:support  # header\n"
      "08:00,10,300,3,1\n"
      "08:15,12.5,,1,1\n"
      "\"09:00\",0,,0,0\n";
  absl::StatusOr<Forecast> f = ParseForecastCsv(text, "f.csv");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->interval_ms, 15 * kMsPerMinute);
  ASSERT_EQ(f->intervals.size(), 3u);
  EXPECT_EQ(f->intervals[0].start_ms, 8 * kMsPerHour);
  EXPECT_EQ(f->intervals[2].start_ms, 9 * kMsPerHour);
  EXPECT_DOUBLE_EQ(f->intervals[1].calls, 12.5);
  EXPECT_EQ(f->intervals[0].aht_s, 300.0);
  EXPECT_FALSE(f->intervals[1].aht_s.has_value());
  EXPECT_EQ(f->mix_names, (std::vector<std::string>{"queue:sales", "intent:support"}));
  EXPECT_EQ(f->intervals[0].mix, (std::vector<double>{3, 1}));
  EXPECT_EQ(f->intervals[1].line, 5);
  EXPECT_EQ(f->days, 1);
  EXPECT_DOUBLE_EQ(f->CallsPerHour(0), 40);
}

TEST(Forecast, DatedRowsCountDaysFromTheFirstDate) {
  absl::StatusOr<Forecast> f = ParseForecastCsv(
      "interval_start,calls\n2024-02-28 08:00,1\n2024-02-28 08:30,2\n2024-03-01 08:00,3\n", "f");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->interval_ms, 30 * kMsPerMinute);
  EXPECT_EQ(f->intervals[2].start_ms, 2 * 24 * kMsPerHour + 8 * kMsPerHour);  // leap day
  EXPECT_EQ(f->days, 3);
  EXPECT_EQ(f->first_date, absl::CivilDay(2024, 2, 28));
}

// Spreadsheets save CSV with a UTF-8 byte-order mark before the header.
TEST(Forecast, AByteOrderMarkIsNotPartOfTheHeader) {
  absl::StatusOr<Forecast> f =
      ParseForecastCsv("\xEF\xBB\xBFinterval_start,calls\n08:00,4\n", "excel.csv");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->intervals.size(), 1u);
  EXPECT_FALSE(f->first_date.has_value());
}

// Dated rows put each planned day on its own date of the center's calendar;
// undated rows start at the model's date.
TEST(PlanDays, EachDayIsOnItsOwnDate) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  absl::StatusOr<Forecast> dated = ParseForecastCsv(
      "interval_start,calls\n2026-12-24 09:00,4\n2026-12-24 09:15,4\n2026-12-25 09:00,4\n"
      "2026-12-26 09:00,4\n",
      "f");
  ASSERT_TRUE(dated.ok()) << dated.status();
  PlanningModel model = FieldPlanningModel();
  model.base.date = absl::CivilDay(2030, 1, 1);  // not used: the rows have dates
  absl::StatusOr<std::vector<SimOptions>> days = PlanDays(center, *dated, "f", {}, model);
  ASSERT_TRUE(days.ok()) << days.status();
  ASSERT_EQ(days->size(), 3u);
  EXPECT_EQ((*days)[0].date, absl::CivilDay(2026, 12, 24));
  EXPECT_EQ((*days)[1].date, absl::CivilDay(2026, 12, 25));
  EXPECT_EQ((*days)[2].date, absl::CivilDay(2026, 12, 26));
  absl::StatusOr<Forecast> plain =
      ParseForecastCsv("interval_start,calls\n09:00,4\n", "f");
  ASSERT_TRUE(plain.ok());
  days = PlanDays(center, *plain, "f", {}, model);
  ASSERT_TRUE(days.ok()) << days.status();
  EXPECT_EQ((*days)[0].date, absl::CivilDay(2030, 1, 1));
}

TEST(Forecast, BadInputNamesLineAndColumn) {
  const std::string h = "interval_start,calls\n";
  EXPECT_EQ(ForecastError(h + "08:00,1\n# x\n08:15,ten\n"),
            "forecast.csv:4:2: calls: expected a number >= 0, got 'ten'");
  EXPECT_EQ(ForecastError(h + "08:00,-1\n"),
            "forecast.csv:2:2: calls: expected a number >= 0, got '-1'");
  EXPECT_THAT(ForecastError(h + "8h00,1\n"),
              HasSubstr("forecast.csv:2:1: interval_start: expected HH:MM"));
  EXPECT_THAT(ForecastError(h + "08:15,1\n08:00,1\n"),
              HasSubstr("forecast.csv:3:1: interval_start: rows must ascend"));
  EXPECT_THAT(ForecastError(h + "08:00,1\n09:00,1\n"),
              HasSubstr("forecast.csv:3:1: interval_start: the smallest step between rows must be "
                        "15 or 30 minutes, got 1 h 00 m"));
  EXPECT_THAT(ForecastError(h + "08:00,1\n08:30,1\n08:45,1\n08:50,1\n"),
              HasSubstr("forecast.csv:5:1: interval_start: the smallest step"));
  EXPECT_THAT(ForecastError(h + "08:00,1\n08:40,1\n09:10,1\n"),
              HasSubstr("not on the 30-minute grid"));
  EXPECT_THAT(ForecastError(h + "08:00,1,2\n"),
              HasSubstr("forecast.csv:2:3: row: has 3 fields, the header 2"));
  EXPECT_THAT(ForecastError(h + "08:00\n"), HasSubstr("forecast.csv:2:2: row: has 1 fields"));
  EXPECT_THAT(ForecastError(h + "08:00,1\n2024-01-01 08:15,1\n"),
              HasSubstr("forecast.csv:3:1: interval_start: expected the HH:MM form"));
  EXPECT_THAT(ForecastError(h + "2024-02-30 08:00,1\n"), HasSubstr("forecast.csv:2:1:"));
  EXPECT_THAT(ForecastError("interval_start,cals\n08:00,1\n"),
              HasSubstr("forecast.csv:1:2: header: unknown column 'cals'"));
  EXPECT_THAT(ForecastError("calls\n1\n"),
              HasSubstr("forecast.csv:1:2: header: missing column 'interval_start'"));
  EXPECT_THAT(ForecastError("interval_start,calls,calls\n"),
              HasSubstr("forecast.csv:1:3: header: column 'calls' appears twice"));
  EXPECT_THAT(ForecastError("interval_start,calls,intent:fly-in\n"),
              HasSubstr("forecast.csv:1:3: header: intent 'fly-in' is not an intent's name"));
  EXPECT_THAT(ForecastError("interval_start,calls,aht_s\n08:00,1,0\n"),
              HasSubstr("forecast.csv:2:3: aht_s: expected a number of seconds > 0, got '0'"));
  EXPECT_THAT(ForecastError("interval_start,calls,queue:a\n08:00,1,x\n"),
              HasSubstr("forecast.csv:2:3: mix: expected a share >= 0, got 'x'"));
  EXPECT_THAT(ForecastError("interval_start,calls,queue:a\n08:00,1,0\n"),
              HasSubstr("forecast.csv:2:3: mix: every share is 0"));
  EXPECT_THAT(ForecastError(h + "08:00,\"1\n"),
              HasSubstr("forecast.csv:2:2: csv: unterminated quote"));
  EXPECT_THAT(ForecastError(h + "08:00,inf\n"), HasSubstr("got 'inf'"));
  EXPECT_THAT(ForecastError(""), HasSubstr("forecast.csv:1:1: header: the file is empty"));
  EXPECT_THAT(ForecastError(h), HasSubstr("no interval after the header"));
}

TEST(Forecast, ReadNamesAMissingFile) {
  absl::StatusOr<Forecast> f = ReadForecastCsv("/nonexistent/f.csv");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
}

TEST(ForecastTraffic, MapsTheMixOntoTypesAndScalesHandleTimes) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  absl::StatusOr<Forecast> f = ParseForecastCsv(
      "interval_start,calls,aht_s,queue:sales,intent:existing_order\n"
      "09:00,30,,1,1\n09:30,60,240,3,0\n",
      "f.csv");
  ASSERT_TRUE(f.ok()) << f.status();
  std::vector<CallType> types =
      testing::HourOptions(1, 1).traffic.types;  // buy->sales, order->reception
  absl::StatusOr<TrafficProfile> p = ForecastTraffic(*f, 0, center, types, "f.csv");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->start_ms, 9 * kMsPerHour);
  EXPECT_EQ(p->calls_per_hour, (std::vector<double>{60, 120}));
  ASSERT_EQ(p->mix.size(), 2u);
  EXPECT_EQ(p->mix[0], (std::vector<double>{1, 1}));
  EXPECT_EQ(p->mix[1], (std::vector<double>{3, 0}));
  ASSERT_EQ(p->handle_factor.size(), 2u);
  EXPECT_DOUBLE_EQ(p->handle_factor[0], 1.0);
  // Only buyers (180 s talk, 5 s wrap-up in sales): talk must become 235 s.
  EXPECT_NEAR(p->handle_factor[1], 235.0 / 180.0, 1e-9);

  absl::StatusOr<Forecast> bad =
      ParseForecastCsv("interval_start,calls,queue:nowhere\n09:00,1,1\n", "f.csv");
  ASSERT_TRUE(bad.ok());
  absl::StatusOr<TrafficProfile> none = ForecastTraffic(*bad, 0, center, types, "f.csv");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(),
            "f.csv:1:3: queue:nowhere: no queue of that name in the center");
}

// A center's own intent: callers with it go through the entry rules, which
// send them where the center says; an intent nobody declared is refused.
TEST(ForecastTraffic, AnIntentTheCenterDeclaresGoesThroughTheEntryRules) {
  CenterConfig center = testing::SmallCenter(2, 1);
  center.labels.intents = {"billing"};
  const Intent billing = static_cast<Intent>(kBuiltinIntents);
  EntryRule rule;
  rule.name = "billing line";
  rule.match.intents = {billing};
  rule.route = OverflowAction{OverflowKind::kQueue, 1, ""};
  center.entry_rules.push_back(rule);
  absl::StatusOr<Forecast> f =
      ParseForecastCsv("interval_start,calls,intent:buy,intent:billing\n09:00,30,2,1\n", "f.csv");
  ASSERT_TRUE(f.ok()) << f.status();
  const std::vector<CallType> types = testing::HourOptions(1, 1).traffic.types;
  absl::StatusOr<TrafficProfile> p = ForecastTraffic(*f, 0, center, types, "f.csv");
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(p->types.size(), types.size() + 1);
  const CallType& added = p->types.back();
  EXPECT_EQ(added.name, "billing");
  EXPECT_EQ(added.intent, billing);
  EXPECT_EQ(added.routing, CallRouting::kByEntryRules);
  EXPECT_EQ(added.queue, 1u);  // where the rule sends it, for per-queue planning
  ASSERT_EQ(p->mix.size(), 1u);
  EXPECT_EQ(p->mix[0].back(), 1.0);

  absl::StatusOr<Forecast> unknown =
      ParseForecastCsv("interval_start,calls,intent:refunds\n09:00,1,1\n", "f.csv");
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  absl::StatusOr<TrafficProfile> refused = ForecastTraffic(*unknown, 0, center, types, "f.csv");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(),
              HasSubstr("f.csv:1:3: intent:refunds: 'refunds' is not an intent of the center; it "
                        "knows unknown, buy, existing_order, support, sell_to_us, other, billing"));

  center.entry_rules.clear();  // nothing would read the intent
  absl::StatusOr<TrafficProfile> unrouted = ForecastTraffic(*f, 0, center, types, "f.csv");
  ASSERT_FALSE(unrouted.ok());
  EXPECT_THAT(unrouted.status().message(),
              HasSubstr("intent:billing: no call type with that intent, and the center has no "
                        "entry rules to route it"));
}

TEST(Empirical, ParsesSecondsAndNamesBadLines) {
  absl::StatusOr<Distribution> d = ParseEmpiricalSeconds("# seconds\n60\n\n120.5\n", "h.txt");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d->samples_ms, (std::vector<TimeMs>{60'000, 120'500}));
  EXPECT_DOUBLE_EQ(d->MeanMs(), 90'250);
  absl::StatusOr<Distribution> bad = ParseEmpiricalSeconds("60\n3m\n", "h.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "h.txt:2:1: duration: expected seconds >= 0, got '3m'");
  EXPECT_FALSE(ParseEmpiricalSeconds("# nothing\n", "h.txt").ok());
}

std::string ScheduleError(const std::string& text) {
  absl::StatusOr<std::vector<AgentShift>> s =
      ParseScheduleCsv(text, "schedule.csv", testing::SmallCenter(3, 2));
  EXPECT_FALSE(s.ok()) << text;
  return s.ok() ? "" : std::string(s.status().message());
}

TEST(Schedule, ParsesShiftsByAgentAndGroup) {
  const CenterConfig center = testing::SmallCenter(3, 2);
  absl::StatusOr<std::vector<AgentShift>> s = ParseScheduleCsv(
      "agent,group,count,login,logout,breaks\n"
      "Seller 2,,,08:00,12:00,10:00/15 11:00/30/lunch\n"
      ",sales,2,08:00,16:00,\n"
      "101,,,09:00,24:00,\n",
      "s.csv", center);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 4u);
  EXPECT_EQ((*s)[0].agent, 2u);
  ASSERT_EQ((*s)[0].breaks.size(), 2u);
  EXPECT_EQ((*s)[0].breaks[1].reason, NotReadyReason::kLunch);
  EXPECT_EQ((*s)[0].breaks[1].duration_ms, 30 * kMsPerMinute);
  // Seller 2 already works 08:00-12:00, so the group row takes sellers 1 and 3.
  EXPECT_EQ((*s)[1].agent, 1u);
  EXPECT_EQ((*s)[2].agent, 3u);
  EXPECT_EQ((*s)[3].logout_ms, 24 * kMsPerHour);
  const std::vector<double> on = ScheduledAgents(*s, 8 * kMsPerHour, kMsPerHour, 3);
  EXPECT_DOUBLE_EQ(on[0], 3.0);
  EXPECT_DOUBLE_EQ(on[1], 4.0);
  EXPECT_DOUBLE_EQ(on[2], 4.0 - 0.25);  // the 10:00 break
}

TEST(Schedule, StaffingPerIntervalBecomesShifts) {
  const CenterConfig center = testing::SmallCenter(3, 2);
  absl::StatusOr<std::vector<AgentShift>> s = ParseScheduleCsv(
      "interval_start,group,agents\n"
      "08:00,sales,1\n08:30,sales,3\n09:00,sales,1\n08:00,reception,2\n",
      "s.csv", center);
  ASSERT_TRUE(s.ok()) << s.status();
  std::vector<std::tuple<AgentId, TimeMs, TimeMs>> got;
  for (const AgentShift& shift : *s) got.emplace_back(shift.agent, shift.login_ms, shift.logout_ms);
  const TimeMs h8 = 8 * kMsPerHour, m30 = 30 * kMsPerMinute;
  EXPECT_EQ(got, (std::vector<std::tuple<AgentId, TimeMs, TimeMs>>{
                     {101, h8, h8 + m30},
                     {102, h8, h8 + m30},  // reception, one interval
                     {1, h8, h8 + 3 * m30},
                     {2, h8 + m30, h8 + 2 * m30},
                     {3, h8 + m30, h8 + 2 * m30}}));
}

TEST(Schedule, ABreakMayTakeAReasonTheCenterDeclares) {
  CenterConfig center = testing::SmallCenter(3, 2);
  center.labels.not_ready_reasons = {"coaching"};
  absl::StatusOr<std::vector<AgentShift>> s = ParseScheduleCsv(
      "agent,login,logout,breaks\n1,08:00,12:00,10:00/15/coaching\n", "s.csv", center);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ((*s)[0].breaks[0].reason, static_cast<NotReadyReason>(kBuiltinNotReadyReasons));
  EXPECT_THAT(ScheduleError("agent,login,logout,breaks\n1,08:00,12:00,10:00/15/coaching\n"),
              HasSubstr("breaks: unknown reason 'coaching'"));  // SmallCenter declares none
}

TEST(Schedule, BadInputNamesLineAndColumn) {
  EXPECT_EQ(ScheduleError("agent,login,logout\nSeller 1,08:00,07:30\n"),
            "schedule.csv:2:3: logout: expected HH:MM after login (08:00), got '07:30'");
  EXPECT_EQ(ScheduleError("agent,login,logout\nNobody,08:00,09:00\n"),
            "schedule.csv:2:1: agent: no agent 'Nobody' in the center");
  EXPECT_THAT(ScheduleError("agent,login,logout\n1,8,09:00\n"),
              HasSubstr("schedule.csv:2:2: login: expected HH:MM, got '8'"));
  EXPECT_THAT(ScheduleError("agent,login,logout,breaks\n1,08:00,12:00,10:00-15\n"),
              HasSubstr("schedule.csv:2:4: breaks: expected START/MINUTES[/REASON]"));
  EXPECT_THAT(ScheduleError("agent,login,logout,breaks\n1,08:00,12:00,13:00/15\n"),
              HasSubstr("schedule.csv:2:4: breaks: '13:00/15' is not inside the shift"));
  EXPECT_THAT(ScheduleError("agent,login,logout,breaks\n1,08:00,12:00,10:00/15/nap\n"),
              HasSubstr("schedule.csv:2:4: breaks: unknown reason 'nap'"));
  EXPECT_THAT(ScheduleError("agent,login,logout\n1,08:00,12:00\n1,11:00,13:00\n"),
              HasSubstr("schedule.csv:3:1: agent: '1' already works"));
  EXPECT_THAT(ScheduleError("group,count,login,logout\nsales,4,08:00,12:00\n"),
              HasSubstr("schedule.csv:2:2: count: group 'sales' has 3 of its 3 agents free"));
  EXPECT_THAT(ScheduleError("group,login,logout\nkitchen,08:00,12:00\n"),
              HasSubstr("schedule.csv:2:1: group: no agent has 'kitchen' as first queue (groups: "
                        "sales, reception)"));
  EXPECT_THAT(ScheduleError("agent,group,login,logout\n1,sales,08:00,12:00\n"),
              HasSubstr("schedule.csv:2:1: agent: give exactly one of agent and group"));
  EXPECT_THAT(ScheduleError("agent,start,logout\n"),
              HasSubstr("schedule.csv:1:2: header: unknown column 'start'"));
  EXPECT_THAT(ScheduleError("agent,login\n1,08:00\n"),
              HasSubstr("schedule.csv:1:3: header: missing column"));
  EXPECT_THAT(ScheduleError("agent,login,logout\n1,08:00\n"),
              HasSubstr("schedule.csv:2:3: row: has 2 fields"));
  EXPECT_THAT(ScheduleError("interval_start,group,agents\n08:00,sales,4\n"),
              HasSubstr("schedule.csv:2:3: agents: expected a whole number from 0 to 3"));
  EXPECT_THAT(
      ScheduleError("interval_start,group,agents\n08:00,sales,1\n08:00,sales,2\n"),
      HasSubstr("schedule.csv:3:1: interval_start: group 'sales' at 08:00 is already given"));
  EXPECT_THAT(ScheduleError("interval_start,group,agents\n08:00,sales,1\n08:10,sales,2\n"),
              HasSubstr("intervals are 15 or 30 minutes"));
}

}  // namespace
}  // namespace acd
