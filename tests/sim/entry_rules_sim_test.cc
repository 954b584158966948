// Simulated callers through the center's entry rules (CallClassify): the
// embedded sales department's menu digits, the director's number, closed
// hours, owners of returning customers, and the books still balancing.
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "acd/config.h"
#include "acd/entry_match.h"
#include "acd/sim.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

CenterConfig MustLoad(std::string_view name) {
  absl::StatusOr<CenterConfig> center = LoadEmbeddedCenter(name);
  EXPECT_TRUE(center.ok()) << center.status();
  return center.ok() ? *center : CenterConfig{};
}

QueueId QueueNamed(const CenterConfig& center, std::string_view name) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    if (center.queues[q].name == name) return static_cast<QueueId>(q);
  }
  ADD_FAILURE() << "no queue " << name;
  return 0;
}

int EntryRuleNamed(const CenterConfig& center, std::string_view name) {
  for (size_t r = 0; r < center.entry_rules.size(); ++r) {
    if (center.entry_rules[r].name == name) return static_cast<int>(r);
  }
  ADD_FAILURE() << "no entry rule " << name;
  return -1;
}

// Keeps what each call arrived with and every command.
class Recorder : public TraceSink {
 public:
  void OnEvent(const Event& event) override {
    if (const auto* arrive = std::get_if<CallArrive>(&event.body)) {
      arrivals[arrive->call] = arrive->attributes;
      arrived_ms[arrive->call] = event.time_ms;
    }
    if (const auto* classify = std::get_if<CallClassify>(&event.body)) {
      classified_ms[classify->call] = event.time_ms;
    }
  }
  void OnCommand(const Command& command) override { commands.push_back(command); }

  template <typename T>
  std::vector<std::pair<TimeMs, T>> All() const {
    std::vector<std::pair<TimeMs, T>> out;
    for (const Command& c : commands) {
      if (const auto* body = std::get_if<T>(&c.body)) out.emplace_back(c.time_ms, *body);
    }
    return out;
  }

  absl::flat_hash_map<CallId, CallAttributes> arrivals;
  absl::flat_hash_map<CallId, TimeMs> arrived_ms;
  absl::flat_hash_map<CallId, TimeMs> classified_ms;
  std::vector<Command> commands;
};

TEST(EntryRuleCallers, TheSalesDepartmentIsDescribedAsTheIvrSeesIt) {
  const CenterConfig center = MustLoad("sales");
  const SimOptions o = SalesDepartmentOptions(center);
  ASSERT_EQ(o.traffic.types.size(), 5u);
  const std::vector<CallType>& t = o.traffic.types;
  for (const CallType& type : t) {
    EXPECT_EQ(type.routing, CallRouting::kByEntryRules) << type.name;
    EXPECT_EQ(type.ivr_route, Disposition::kNone) << type.name;
  }
  EXPECT_EQ(t[0].digits, "1");
  EXPECT_EQ(t[1].digits, "3");
  EXPECT_EQ(t[2].digits, "2");
  EXPECT_EQ(t[3].dnis, "+49305550199");
  EXPECT_EQ(t[4].digits, "4");
  // Where the rules send them during business hours (for planning).
  EXPECT_EQ(t[0].queue, QueueNamed(center, "sales"));
  EXPECT_EQ(t[1].queue, QueueNamed(center, "support"));
  EXPECT_EQ(t[2].queue, QueueNamed(center, "reception"));
  EXPECT_EQ(t[3].queue, QueueNamed(center, "director"));
  EXPECT_EQ(t[4].queue, kNoQueue);
  EXPECT_FALSE(ExpectsQueue(t[4]));
  EXPECT_EQ(t[0].owner_agents, QueueMembers(center, QueueNamed(center, "sales")));
  EXPECT_EQ(t[0].owner_agents.size(), 10u);
  EXPECT_TRUE(ValidateSimOptions(center, o).ok()) << ValidateSimOptions(center, o);

  // Without the desk, existing orders go where entry_default says.
  const CenterConfig direct = MustLoad("sales-direct");
  const SimOptions d = SalesDepartmentOptions(direct);
  ASSERT_EQ(d.traffic.types.size(), 5u);
  EXPECT_EQ(d.traffic.types[2].queue, QueueNamed(direct, "sales"));
}

// Planning's expectation and the engine's decision come from one matcher
// (acd/entry_match.h): a plain caller of each type, classified by the
// engine on an open Tuesday at 10:00, lands where planning expects.
TEST(EntryRuleCallers, PlanningExpectsWhatTheEngineDecides) {
  for (const char* name : {"sales", "sales-direct"}) {
    SCOPED_TRACE(name);
    const CenterConfig center = MustLoad(name);
    for (const CallType& type : SalesDepartmentOptions(center).traffic.types) {
      if (type.routing != CallRouting::kByEntryRules) continue;
      CallAttributes caller;
      caller.dnis = type.dnis;
      caller.digits = type.digits;
      caller.intent = type.intent;
      const int rule = FirstMatchingEntryRule(center.entry_rules, caller,
                                              EntryClock{true, /*weekday=*/1, 10 * 60});
      const OverflowAction& route =
          rule >= 0 ? center.entry_rules[static_cast<size_t>(rule)].route : center.entry_default;
      EXPECT_EQ(route.kind == OverflowKind::kQueue ? route.queue : kNoQueue, type.queue)
          << type.name;
    }
  }
}

TEST(EntryMatch, PatternsAndTimeWindows) {
  EXPECT_TRUE(EntryPatternMatches("0800*", "0800123"));
  EXPECT_TRUE(EntryPatternMatches("0800*", "0800"));
  EXPECT_FALSE(EntryPatternMatches("0800*", "080"));
  EXPECT_TRUE(EntryPatternMatches("*", ""));
  EXPECT_FALSE(EntryPatternMatches("1", "12"));
  EntryMatch m;
  m.hours.push_back(TimeWindow{0b0011111, 8 * 60, 12 * 60});  // mon-fri mornings
  CallAttributes a;
  EXPECT_TRUE(EntryMatches(m, a, EntryClock{true, 0, 9 * 60}));
  EXPECT_FALSE(EntryMatches(m, a, EntryClock{true, 5, 9 * 60}));   // Saturday
  EXPECT_FALSE(EntryMatches(m, a, EntryClock{true, 0, 12 * 60}));  // the end is out
  EXPECT_TRUE(EntryMatches(m, a, EntryClock{true, std::nullopt, 0}));  // any time
  m.open = Tri::kNo;
  EXPECT_FALSE(EntryMatches(m, a, EntryClock{true, 0, 9 * 60}));
  EXPECT_TRUE(EntryMatches(m, a, EntryClock{false, 0, 9 * 60}));
}

TEST(EntryRuleCallers, VirtualTimeIsLocalTimeOnTheSimulatedDate) {
  const CenterConfig center = MustLoad("sales");
  // 24 November 2026, 00:00 in Berlin (UTC+1) is 23 November, 23:00 UTC.
  const absl::Time midnight = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 23, 0, 0),
                                              absl::UTCTimeZone());
  EXPECT_EQ(EngineEpochMs(center, absl::CivilDay(2026, 11, 24)), absl::ToUnixMillis(midnight));
  const TimeMs eight = EngineEpochMs(center, absl::CivilDay(2026, 11, 24)) + 8 * kMsPerHour;
  EXPECT_TRUE(center.calendar.IsOpen(eight));
  EXPECT_FALSE(center.calendar.IsOpen(eight - 1));
  // A center that never looks at the clock keeps it at 0.
  CenterConfig plain = center;
  plain.calendar = BusinessCalendar{};
  for (EntryRule& rule : plain.entry_rules) rule.match.hours.clear();
  EXPECT_EQ(EngineEpochMs(plain, absl::CivilDay(2026, 11, 24)), 0);
}

TEST(EntryRuleCallers, TheDefaultMorningFollowsTheEntryRules) {
  const CenterConfig center = MustLoad("sales");
  SimOptions o = SalesDepartmentOptions(center);
  o.check_invariants_every = 7;
  Recorder rec;
  absl::StatusOr<SimResult> r = RunSimulation(center, o, &rec);
  ASSERT_TRUE(r.ok()) << r.status();
  const QueueId director = QueueNamed(center, "director");
  const int offering = EntryRuleNamed(center, "offering us something");
  absl::flat_hash_set<CallId> rejected;
  for (const auto& [t, route] : rec.All<RouteCall>()) {
    if (route.cause != RouteCause::kEntryRule && route.cause != RouteCause::kEntryDefault) continue;
    // Open all morning: only the solicitations are turned away at entry.
    EXPECT_EQ(route.rule, offering) << "call " << route.call;
    EXPECT_EQ(route.kind, OverflowKind::kReject);
    EXPECT_EQ(route.target, "please send your offer by e-mail");
    EXPECT_EQ(rec.arrivals[route.call].digits, "4");
    rejected.insert(route.call);
  }
  uint64_t pressed_four = 0;
  for (const auto& [call, a] : rec.arrivals) pressed_four += a.digits == "4";
  EXPECT_GT(pressed_four, 3u);
  EXPECT_EQ(rejected.size(), pressed_four);
  for (const auto& [t, ended] : rec.All<CallEnded>()) {
    if (!rejected.contains(ended.call)) continue;
    EXPECT_EQ(ended.disposition, Disposition::kRejected);
    EXPECT_FALSE(ended.queued);
  }
  EXPECT_EQ(r->never_queued[static_cast<int>(Disposition::kRejected)], pressed_four);
  EXPECT_EQ(r->entry_rule_ends[static_cast<size_t>(offering)], pressed_four);
  EXPECT_EQ(r->kpis.calls_never_queued, pressed_four);
  // Every caller who dialled the director's number waited in the director's
  // queue, and nobody else did.
  uint64_t dialled = 0;
  for (const auto& [call, a] : rec.arrivals) dialled += a.dnis == "+49305550199";
  EXPECT_GT(dialled, 3u);
  absl::flat_hash_set<CallId> at_director;
  for (const auto& [t, queued] : rec.All<CallQueued>()) {
    if (queued.queue != director) continue;
    at_director.insert(queued.call);
    EXPECT_EQ(rec.arrivals[queued.call].dnis, "+49305550199") << "call " << queued.call;
  }
  EXPECT_EQ(at_director.size(), dialled);
  EXPECT_EQ(r->kpis.queues[director].offered, dialled);
  // The menu digit decides the first queue, as each type's `queue` expects.
  absl::flat_hash_map<std::string, QueueId> by_digits;
  for (const CallType& type : o.traffic.types) {
    if (!type.digits.empty()) by_digits[type.digits] = type.queue;
  }
  absl::flat_hash_set<CallId> seen;
  for (const auto& [t, queued] : rec.All<CallQueued>()) {
    if (!seen.insert(queued.call).second) continue;
    const std::string& digits = rec.arrivals[queued.call].digits;
    if (digits.empty()) continue;  // the director's callers
    EXPECT_EQ(queued.queue, by_digits[digits]) << "call " << queued.call << " pressed " << digits;
    // Patience starts in the queue: nobody was queued before the IVR ended.
    EXPECT_EQ(t, rec.classified_ms[queued.call]) << "call " << queued.call;
  }
  EXPECT_GT(seen.size(), 300u);
}

TEST(EntryRuleCallers, BeforeOpeningCallersLeaveTheirNumber) {
  const CenterConfig center = MustLoad("sales");
  SimOptions o = SalesDepartmentOptions(center, 7 * kMsPerHour, 9 * kMsPerHour);
  Recorder rec;
  absl::StatusOr<SimResult> r = RunSimulation(center, o, &rec);
  ASSERT_TRUE(r.ok()) << r.status();
  const int closed = EntryRuleNamed(center, "closed");
  const int director_closed = EntryRuleNamed(center, "director after hours");
  uint64_t captured = 0, queued_before_eight = 0, queued_after_eight = 0;
  for (const auto& [t, route] : rec.All<RouteCall>()) {
    if (route.cause != RouteCause::kEntryRule) continue;
    if (route.rule == closed) {
      EXPECT_LT(t, 8 * kMsPerHour) << "call " << route.call;
      EXPECT_EQ(route.kind, OverflowKind::kCallback);
      ++captured;
    } else if (route.rule == director_closed) {
      EXPECT_LT(t, 8 * kMsPerHour);
      EXPECT_EQ(route.kind, OverflowKind::kVoicemail);
    }
  }
  for (const auto& [t, queued] : rec.All<CallQueued>()) {
    ++(t < 8 * kMsPerHour ? queued_before_eight : queued_after_eight);
  }
  EXPECT_GT(captured, 5u);
  EXPECT_EQ(queued_before_eight, 0u);
  EXPECT_GT(queued_after_eight, 20u);
  EXPECT_EQ(r->never_queued[static_cast<int>(Disposition::kCallbackCaptured)], captured);
  EXPECT_EQ(r->entry_rule_ends[static_cast<size_t>(closed)], captured);

  // A Saturday: nobody reaches a queue.
  o.date = absl::CivilDay(2026, 11, 28);
  absl::StatusOr<SimResult> saturday = RunSimulation(center, o);
  ASSERT_TRUE(saturday.ok()) << saturday.status();
  EXPECT_EQ(saturday->kpis.total.offered, 0u);
  EXPECT_EQ(saturday->kpis.calls_never_queued, saturday->calls_arrived);
  EXPECT_GT(saturday->entry_rule_ends[static_cast<size_t>(closed)], 20u);

  // Christmas Eve: a half day, closed from 12:00 on.
  SimOptions eve = SalesDepartmentOptions(center, 11 * kMsPerHour, 13 * kMsPerHour);
  eve.date = absl::CivilDay(2026, 12, 24);
  Recorder eve_rec;
  absl::StatusOr<SimResult> half_day = RunSimulation(center, eve, &eve_rec);
  ASSERT_TRUE(half_day.ok()) << half_day.status();
  uint64_t closed_at_noon = 0;
  for (const auto& [t, route] : eve_rec.All<RouteCall>()) {
    if (route.cause != RouteCause::kEntryRule || route.rule != closed) continue;
    EXPECT_GE(t, 12 * kMsPerHour) << "call " << route.call;
    ++closed_at_noon;
  }
  EXPECT_GT(closed_at_noon, 20u);
  EXPECT_GT(half_day->kpis.total.offered, 20u);
}

TEST(EntryRuleCallers, ReturningCustomersRingTheirOwnSellerFirst) {
  const CenterConfig center = MustLoad("sales");
  SimOptions o = SalesDepartmentOptions(center, 8 * kMsPerHour, 10 * kMsPerHour);
  Recorder rec;
  absl::StatusOr<SimResult> r = RunSimulation(center, o, &rec);
  ASSERT_TRUE(r.ok()) << r.status();
  uint64_t owned_buyers = 0;
  for (const auto& [call, a] : rec.arrivals) {
    if (a.owner_agent == 0) continue;
    EXPECT_TRUE(a.returning) << "call " << call;
    owned_buyers += a.digits == "1";
  }
  EXPECT_GT(owned_buyers, 10u);
  uint64_t preferred = 0;
  for (const auto& [t, offer] : rec.All<Offer>()) {
    if (!offer.preferred) continue;
    ++preferred;
    EXPECT_EQ(offer.agent, rec.arrivals[offer.call].owner_agent) << "call " << offer.call;
    EXPECT_EQ(offer.queue, QueueNamed(center, "sales"));
  }
  EXPECT_GT(preferred, 0u);
}

TEST(EntryRuleCallers, PatienceRunsFromTheQueueAndTheBooksBalance) {
  const CenterConfig center = MustLoad("sales");
  SimOptions o = SalesDepartmentOptions(center, 7 * kMsPerHour + 30 * kMsPerMinute,
                                        10 * kMsPerHour);
  o.retrial.probability = 0.5;
  o.retrial.delay_ms = Distribution::Exponential(5 * kMsPerMinute);
  o.kpi_interval_ms = 30 * kMsPerMinute;
  ASSERT_TRUE(ScaleTraffic(200, o.start_ms, o.end_ms, &o.traffic).ok());
  o.check_invariants_every = 5;
  Recorder rec;
  absl::StatusOr<SimResult> r = RunSimulation(center, o, &rec);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->retrials, 5u);
  // A retrial is the same caller again: returning, same number.
  absl::flat_hash_map<std::string, int> attempts;
  for (const auto& [call, a] : rec.arrivals) ++attempts[a.ani];
  uint64_t again = 0;
  for (const auto& [ani, n] : attempts) again += static_cast<uint64_t>(n - 1);
  EXPECT_EQ(again, r->retrials);
  // Nobody abandons before being queued: patience starts in the queue.
  EXPECT_EQ(r->never_queued[static_cast<int>(Disposition::kAbandonedInIvr)], 0u);
  uint64_t never_queued = 0;
  for (uint64_t n : r->never_queued) never_queued += n;
  EXPECT_EQ(never_queued, r->kpis.calls_never_queued);
  const IntervalKpi day = r->intervals.Total();
  EXPECT_EQ(day.attempts, r->first_attempts + r->retrials);
  EXPECT_EQ(day.arrived, r->calls_arrived);
  EXPECT_EQ(day.arrived, day.offered + never_queued);
  EXPECT_EQ(day.offered, day.answered + day.abandoned + day.callback_captured + day.other_ended);
  EXPECT_EQ(r->kpis.total.offered + r->kpis.calls_never_queued, r->calls_arrived);
}

// Every planning model at once, both designs, several seeds: retrials,
// zero patience, a capped line, trunks and closing by disconnecting; the
// engine's invariants are checked after every step and the run's own
// conservation checks must pass.
TEST(EntryRuleCallers, PlanningModelsStayBalanced) {
  for (std::string_view name : {"sales", "sales-direct"}) {
    const CenterConfig center = MustLoad(name);
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      SimOptions o = SalesDepartmentOptions(center, 7 * kMsPerHour + 45 * kMsPerMinute,
                                            9 * kMsPerHour);
      o.seed = seed;
      o.check_invariants_every = 1;
      o.retrial.probability = 0.4;
      o.retrial.delay_ms = Distribution::Exponential(40'000);
      o.waiting_line_max = 6 + static_cast<uint32_t>(seed);
      o.trunk_lines = 12 + 2 * static_cast<uint32_t>(seed);
      o.busyness_shape = 10;
      o.at_close = seed % 2 == 0 ? AtClose::kDisconnect : AtClose::kServeOut;
      o.kpi_interval_ms = 15 * kMsPerMinute;
      for (CallType& type : o.traffic.types) type.zero_patience_share = 0.05;
      ASSERT_TRUE(ScaleTraffic(60.0 * static_cast<double>(seed), o.start_ms, o.end_ms,
                               &o.traffic)
                      .ok());
      absl::StatusOr<SimResult> r = RunSimulation(center, o);
      ASSERT_TRUE(r.ok()) << name << " seed " << seed << ": " << r.status();
      EXPECT_EQ(r->counts.arrived + r->counts.callbacks, r->counts.ended)
          << name << " seed " << seed;
      const IntervalKpi day = r->intervals.Total();
      EXPECT_EQ(day.arrived, day.offered + r->kpis.calls_never_queued) << name << " " << seed;
    }
  }
}

TEST(EntryRuleCallers, OptionsNameTheBadField) {
  const CenterConfig center = MustLoad("sales");
  auto message = [&](void (*edit)(SimOptions*)) {
    SimOptions o = SalesDepartmentOptions(center);
    edit(&o);
    return std::string(ValidateSimOptions(center, o).message());
  };
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[0].vip_share = 1.5; })
                .find("traffic.types[0].vip_share: must be in [0, 1], got 1.5"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[1].returning_share = -0.1; })
                .find("traffic.types[1].returning_share"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[2].internal_share = 2; })
                .find("traffic.types[2].internal_share"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[0].owner_agents.push_back(999); })
                .find("traffic.types[0].owner_agents[10]: no agent 999"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[4].ivr_route = Disposition::kRejected; })
                .find("traffic.types[4].ivr_route: must be none with routing by entry rules"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[0].digits = std::string(65, '1'); })
                .find("traffic.types[0].digits: at most 64"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->traffic.types[3].queue = 40; })
                .find("traffic.types[3].queue: no queue 40"),
            std::string::npos);
  EXPECT_NE(message([](SimOptions* o) { o->date = absl::CivilDay(1969, 12, 31); })
                .find("date: must be in the years 1970-9999, got 1969-12-31"),
            std::string::npos);
  // A center without entry rules that turns everyone away.
  CenterConfig bare = center;
  bare.entry_rules.clear();
  bare.entry_default = OverflowAction{OverflowKind::kReject, 0, "no entry rule matched"};
  SimOptions o = SalesDepartmentOptions(center);
  EXPECT_NE(std::string(ValidateSimOptions(bare, o).message())
                .find("traffic.types[0].routing: by entry rules, but the center has no entry "
                      "rules"),
            std::string::npos);
}

}  // namespace
}  // namespace acd
