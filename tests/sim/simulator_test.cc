// RunSimulation end to end on small centers built in code: determinism,
// conservation, one disposition per call, invariants during the run, and
// KPIs that make sense for well and badly staffed floors.
#include <sstream>
#include <variant>

#include "absl/container/flat_hash_map.h"
#include "acd/sim.h"
#include "gtest/gtest.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

using ::acd::testing::HourOptions;
using ::acd::testing::SmallCenter;

// Records what the simulator applied and what the engine decided.
class RecordingTrace : public TraceSink {
 public:
  void OnEvent(const Event& event) override { events.push_back(event); }
  void OnCommand(const Command& command) override { commands.push_back(command); }
  std::vector<Event> events;
  std::vector<Command> commands;
};

SimResult MustRun(const CenterConfig& center, const SimOptions& options,
                  TraceSink* trace = nullptr) {
  absl::StatusOr<SimResult> result = RunSimulation(center, options, trace);
  EXPECT_TRUE(result.ok()) << "seed " << options.seed << ": " << result.status();
  return result.ok() ? *result : SimResult{};
}

TEST(RunSimulation, SameSeedSameResultAndTrace) {
  const CenterConfig center = SmallCenter(4, 1, 40'000);
  const SimOptions options = HourOptions(70, 5);
  std::ostringstream trace_a, trace_b;
  TextTrace text_a(center, &trace_a), text_b(center, &trace_b);
  const SimResult a = MustRun(center, options, &text_a);
  const SimResult b = MustRun(center, options, &text_b);
  EXPECT_GT(a.calls_arrived, 40u);
  EXPECT_EQ(a.calls_arrived, b.calls_arrived);
  EXPECT_EQ(a.commands, b.commands);
  EXPECT_EQ(a.state_hash, b.state_hash);
  EXPECT_EQ(a.kpis.total.answered, b.kpis.total.answered);
  EXPECT_EQ(a.kpis.total.answered_wait_ms, b.kpis.total.answered_wait_ms);
  EXPECT_EQ(trace_a.str(), trace_b.str());
  SimOptions other = options;
  other.seed = 6;
  const SimResult c = MustRun(center, other);
  EXPECT_TRUE(c.calls_arrived != a.calls_arrived || c.commands != a.commands ||
              c.kpis.total.answered_wait_ms != a.kpis.total.answered_wait_ms);
}

TEST(RunSimulation, EveryCallEndsOnceAndTheCountsBalance) {
  const CenterConfig center = SmallCenter(3, 1, 30'000);
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    SimOptions options = HourOptions(90, seed);
    options.check_invariants_every = 1;
    RecordingTrace trace;
    const SimResult r = MustRun(center, options, &trace);
    absl::flat_hash_map<CallId, int> arrived, ended;
    for (const Event& e : trace.events) {
      if (const auto* a = std::get_if<CallArrive>(&e.body)) ++arrived[a->call];
    }
    for (const Command& c : trace.commands) {
      if (const auto* e = std::get_if<CallEnded>(&c.body)) {
        ++ended[e->call];
        EXPECT_NE(e->disposition, Disposition::kNone) << "seed " << seed;
      }
    }
    EXPECT_EQ(arrived.size(), r.calls_arrived) << "seed " << seed;
    EXPECT_EQ(ended.size(), arrived.size()) << "seed " << seed;
    for (const auto& [call, n] : ended) {
      EXPECT_EQ(n, 1) << "seed " << seed << " call " << call;
      EXPECT_TRUE(arrived.contains(call)) << "seed " << seed << " call " << call;
    }
    EXPECT_EQ(r.counts.arrived + r.counts.callbacks, r.counts.ended);
    EXPECT_EQ(r.counts.waiting + r.counts.offered + r.counts.talking + r.counts.in_ivr, 0u);
    EXPECT_GT(r.invariant_checks, r.calls_arrived) << "checked after every step";
    const QueueKpi& t = r.kpis.total;
    EXPECT_EQ(t.offered + r.kpis.calls_never_queued + r.kpis.callbacks.Ended(), r.counts.ended);
    EXPECT_EQ(t.answered + t.abandoned + t.overflowed + t.callback_captured + t.voicemail +
                  t.other_ended,
              t.offered);
    EXPECT_EQ(t.answered, r.counts.by_disposition[static_cast<int>(Disposition::kAnswered)]);
    for (const QueueKpi& q : r.kpis.queues) EXPECT_EQ(q.Resolved(), q.offered);
  }
}

TEST(RunSimulation, PlentyOfAgentsAtLowLoadAnswersNearlyEverything) {
  const CenterConfig center = SmallCenter(12, 4);
  SimOptions options = HourOptions(40, 21);  // about 2.4 erlangs on 12 sellers
  options.agents.rona_probability = 0;
  // Callers who would wait a minute or two: with exponential patience some
  // hang up within the first seconds whatever the staffing.
  for (CallType& type : options.traffic.types) {
    type.patience_ms = Distribution::Lognormal(120'000, 40'000);
  }
  const SimResult r = MustRun(center, options);
  const QueueKpi& t = r.kpis.total;
  EXPECT_GT(t.offered, 20u);
  EXPECT_GE(t.ServiceLevel(), 0.97);
  EXPECT_LE(t.abandoned, 1u);
  EXPECT_LT(t.AsaMs(), 10'000);
  EXPECT_NEAR(t.AhtMs(), 160'000, 70'000);
  // Everyone works from 09:00 until the last call was served.
  EXPECT_GE(r.kpis.end_ms, options.end_ms);
  for (const AgentKpi& a : r.kpis.agents) {
    EXPECT_EQ(a.LoggedInMs(), r.kpis.end_ms - options.start_ms) << "agent " << a.id;
    EXPECT_LT(a.Occupancy(), 0.6) << "agent " << a.id;
  }
}

TEST(RunSimulation, AnUnderstaffedFloorLosesCallers) {
  const CenterConfig center = SmallCenter(1, 1);
  const SimResult r = MustRun(center, HourOptions(80, 22));  // about 4 erlangs on 1 seller
  const QueueKpi& sales = r.kpis.queues[0];
  EXPECT_GT(sales.abandoned, sales.offered / 3);
  EXPECT_LT(sales.ServiceLevel(), 0.5);
  EXPECT_GT(sales.wait_max_ms, 60'000);
  EXPECT_GT(r.kpis.agents[0].Occupancy(), 0.85);
}

TEST(RunSimulation, OverflowAndCallbackCaptureShowInTheKpis) {
  const CenterConfig center = SmallCenter(1, 1, 20'000);
  SimOptions options = HourOptions(60, 23);
  for (CallType& type : options.traffic.types) type.patience_ms = Distribution::Never();
  const SimResult r = MustRun(center, options);
  const QueueKpi& sales = r.kpis.queues[0];
  const QueueKpi& reception = r.kpis.queues[1];
  EXPECT_GT(sales.overflowed, 5u);
  EXPECT_EQ(sales.abandoned, 0u);
  EXPECT_GE(reception.offered, sales.overflowed);
  EXPECT_GT(reception.callback_captured, 0u);
  EXPECT_EQ(r.kpis.total.callback_captured, reception.callback_captured);
  EXPECT_EQ(r.kpis.total.overflowed, 0u) << "moves between queues are not outcomes";
  EXPECT_LE(sales.wait_max_ms, 20'000 + 10'000) << "overflow after 20 s (+ one ring)";
}

TEST(RunSimulation, RingNoAnswerPausesAgentsWhoComeBack) {
  const CenterConfig center = SmallCenter(3, 1, 60'000);
  SimOptions options = HourOptions(50, 24);
  options.agents.rona_probability = 0.4;
  options.check_invariants_every = 1;
  RecordingTrace trace;
  const SimResult r = MustRun(center, options, &trace);
  int paused = 0, back = 0;
  absl::flat_hash_map<AgentId, bool> was_paused;
  for (const Command& c : trace.commands) {
    const auto* s = std::get_if<AgentStateChanged>(&c.body);
    if (s == nullptr) continue;
    if (s->state == AgentState::kNotReady && s->reason == NotReadyReason::kNoAnswer) {
      ++paused;
      was_paused[s->agent] = true;
    } else if (s->state == AgentState::kReady && was_paused[s->agent]) {
      ++back;
      was_paused[s->agent] = false;
    }
  }
  EXPECT_GT(r.kpis.queues[0].ring_no_answer, 10u);
  EXPECT_GT(paused, 0);
  EXPECT_GT(back, 0);
  uint64_t missed = 0;
  for (const AgentKpi& a : r.kpis.agents) missed += a.missed;
  EXPECT_EQ(missed, r.kpis.total.ring_no_answer);
}

// With auto_pause_here_only the missed offers pause the sellers in sales
// alone (AgentPauseChanged, no_answer); the simulated agents end those
// pauses as they end a pause everywhere (AgentReady with the queue).
TEST(RunSimulation, RingNoAnswerPausesInOneQueueEndToo) {
  CenterConfig center = SmallCenter(3, 1, 60'000);
  center.queues[0].auto_pause_here_only = true;
  SimOptions options = HourOptions(50, 24);
  options.agents.rona_probability = 0.4;
  options.check_invariants_every = 1;
  RecordingTrace trace;
  MustRun(center, options, &trace);
  int paused = 0, back = 0;
  for (const Command& c : trace.commands) {
    if (const auto* s = std::get_if<AgentStateChanged>(&c.body)) {
      EXPECT_NE(s->reason, NotReadyReason::kNoAnswer) << "no pause everywhere";
    }
    const auto* p = std::get_if<AgentPauseChanged>(&c.body);
    if (p == nullptr || !p->paused) continue;
    EXPECT_EQ(p->queue, 0u);
    EXPECT_EQ(p->reason, NotReadyReason::kNoAnswer);
    ++paused;
  }
  for (const Event& e : trace.events) {
    const auto* ready = std::get_if<AgentReady>(&e.body);
    back += ready != nullptr && ready->queue == QueueId{0};
  }
  EXPECT_GT(paused, 0);
  EXPECT_GT(back, 0) << "the simulated agents end their pauses in sales";
}

TEST(RunSimulation, RingAllConnectsEachCallToOneAgent) {
  const CenterConfig center = SmallCenter(5, 1, 0, Strategy::kRingAll);
  SimOptions options = HourOptions(60, 25);
  options.check_invariants_every = 1;
  RecordingTrace trace;
  const SimResult r = MustRun(center, options, &trace);
  absl::flat_hash_map<CallId, int> connects;
  int elsewhere = 0;
  for (const Command& c : trace.commands) {
    if (const auto* k = std::get_if<CallConnected>(&c.body)) ++connects[k->call];
    if (const auto* k = std::get_if<CancelOffer>(&c.body)) {
      elsewhere += k->reason == CancelReason::kAnsweredElsewhere;
    }
  }
  for (const auto& [call, n] : connects) EXPECT_EQ(n, 1) << "call " << call;
  EXPECT_EQ(connects.size(), r.kpis.total.answered);
  EXPECT_GT(elsewhere, 0);
}

TEST(RunSimulation, EveryStrategyRunsBalanced) {
  for (Strategy strategy :
       {Strategy::kLongestIdle, Strategy::kLeastCalls, Strategy::kLeastTalkTime,
        Strategy::kRoundRobin, Strategy::kFixedOrder, Strategy::kHighestProficiency,
        Strategy::kRandom, Strategy::kWeightedRandom, Strategy::kRingAll}) {
    const CenterConfig center = SmallCenter(4, 1, 30'000, strategy);
    SimOptions options = HourOptions(80, 30);
    options.agents.rona_probability = 0.1;
    options.check_invariants_every = 1;
    absl::StatusOr<SimResult> r = RunSimulation(center, options);
    ASSERT_TRUE(r.ok()) << ToString(strategy) << ": " << r.status();
    EXPECT_EQ(r->counts.arrived + r->counts.callbacks, r->counts.ended) << ToString(strategy);
    EXPECT_GT(r->kpis.queues[0].answered, 0u) << ToString(strategy);
  }
}

TEST(RunSimulation, ShiftsAndBreaksShapeAgentTime) {
  const CenterConfig center = SmallCenter(2, 1);
  SimOptions options = HourOptions(30, 26);
  options.check_invariants_every = 1;
  AgentShift early{1, 9 * kMsPerHour, 9 * kMsPerHour + 30 * kMsPerMinute, {}};
  AgentShift late{2, 9 * kMsPerHour + 15 * kMsPerMinute, 11 * kMsPerHour, {}};
  late.breaks.push_back(AgentBreak{9 * kMsPerHour + 30 * kMsPerMinute, 10 * kMsPerMinute,
                                   NotReadyReason::kBreak});
  AgentShift desk{101, 9 * kMsPerHour, 11 * kMsPerHour, {}};
  options.shifts = {early, late, desk};
  const SimResult r = MustRun(center, options);
  const AgentKpi& a1 = r.kpis.agents[0];
  const AgentKpi& a2 = r.kpis.agents[1];
  // A busy agent finishes the call first, so a logout can come late.
  EXPECT_GE(a1.LoggedInMs(), 30 * kMsPerMinute);
  EXPECT_LT(a1.LoggedInMs(), 45 * kMsPerMinute);
  EXPECT_GE(a2.state_ms[static_cast<int>(AgentState::kNotReady)], 10 * kMsPerMinute);
  EXPECT_LT(a2.state_ms[static_cast<int>(AgentState::kNotReady)], 25 * kMsPerMinute);
  EXPECT_LE(a2.LoggedInMs(), 105 * kMsPerMinute);
}

TEST(RunSimulation, SolicitationsEndInTheIvr) {
  const CenterConfig center = SmallCenter(3, 1);
  SimOptions options = HourOptions(60, 27);
  CallType offer;
  offer.name = "sells to us";
  offer.share = 0.2;
  offer.ivr_route = Disposition::kRejected;
  options.traffic.types.push_back(offer);
  const SimResult r = MustRun(center, options);
  const uint64_t rejected = r.counts.by_disposition[static_cast<int>(Disposition::kRejected)];
  EXPECT_GT(rejected, 0u);
  EXPECT_EQ(r.kpis.calls_never_queued, rejected);
}

TEST(RunSimulation, ServesOutCallsAfterTheEnd) {
  const CenterConfig center = SmallCenter(2, 1);
  SimOptions options = HourOptions(100, 28);
  for (CallType& type : options.traffic.types) type.patience_ms = Distribution::Never();
  const SimResult r = MustRun(center, options);
  EXPECT_GT(r.last_call_ended_ms, options.end_ms);
  const QueueKpi& sales = r.kpis.queues[0];  // no limit: everyone is served
  EXPECT_GT(sales.wait_max_ms, 20 * kMsPerMinute);
  EXPECT_EQ(sales.answered, sales.offered);
  const QueueKpi& reception = r.kpis.queues[1];  // callback after 60 s
  EXPECT_EQ(reception.answered + reception.callback_captured, reception.offered);
  EXPECT_EQ(r.kpis.total.abandoned, 0u);
  EXPECT_EQ(r.kpis.end_ms, r.last_call_ended_ms);
}

// Callers who can never be served are cut at the serve-out limit and
// reported; the run (and a plan of many) goes on.
TEST(RunSimulation, CallsThatCanNeverBeServedAreCutAtTheServeOutLimit) {
  const CenterConfig center = SmallCenter(1, 1);
  SimOptions options = HourOptions(30, 29);
  for (CallType& type : options.traffic.types) type.patience_ms = Distribution::Never();
  options.shifts = {AgentShift{101, 9 * kMsPerHour, 10 * kMsPerHour, {}}};  // no seller
  options.serve_out_max_ms = kMsPerHour;
  options.check_invariants_every = 1;
  const SimResult r = MustRun(center, options);
  const QueueKpi& sales = r.kpis.queues[0];
  EXPECT_GT(sales.offered, 0u);
  EXPECT_EQ(sales.answered, 0u);
  EXPECT_GE(r.cut_at_serve_out_limit, sales.offered);
  EXPECT_LE(r.last_call_ended_ms, options.end_ms + options.serve_out_max_ms);
  EXPECT_NE(FormatSummary(center, r).find("still live at the serve-out limit (1 h"),
            std::string::npos)
      << FormatSummary(center, r);
}

// One call that talks longer than the serve-out limit is hung up there.
TEST(RunSimulation, ACallLongerThanTheServeOutLimitIsHungUpThere) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const CenterConfig center = SmallCenter(3, 1);
    SimOptions options = HourOptions(12, seed);
    for (CallType& type : options.traffic.types) {
      type.handle_ms = Distribution::Constant(6 * kMsPerHour);
      type.patience_ms = Distribution::Never();
    }
    options.check_invariants_every = 1;
    const SimResult r = MustRun(center, options);
    EXPECT_GT(r.kpis.total.answered, 0u);
    EXPECT_GE(r.cut_at_serve_out_limit, r.kpis.total.answered);  // and the sellers' waiters
    EXPECT_EQ(r.last_call_ended_ms, options.end_ms + options.serve_out_max_ms);
  }
}

// A run without calls has no service level, ASA or last call: "-", not
// 100.0% and 00:00:00.
TEST(FormatSummary, UndefinedFiguresAreDashes) {
  const CenterConfig center = SmallCenter(1, 1);
  SimOptions options = HourOptions(0, 5);
  const SimResult r = MustRun(center, options);
  const std::string summary = FormatSummary(center, r);
  EXPECT_EQ(summary.find("last call ended"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("100.0%"), std::string::npos) << summary;
  EXPECT_NE(summary.find("0 calls arrived.\n"), std::string::npos) << summary;
  EXPECT_NE(summary.find("-         -            -\n"), std::string::npos) << summary;
}

// More callers than the engine's bound: the rest are blocked, counted, and
// the summary names the bound's field.
TEST(RunSimulation, CallersBeyondTheEnginesBoundAreBlockedNotAFailure) {
  CenterConfig center = SmallCenter(1, 1);
  center.max_live_calls = 5;
  SimOptions options = HourOptions(600, 31);
  for (CallType& type : options.traffic.types) type.patience_ms = Distribution::Never();
  options.check_invariants_every = 1;
  options.kpi_interval_ms = 15 * kMsPerMinute;
  const SimResult r = MustRun(center, options);
  EXPECT_GT(r.blocked_engine, 0u);
  EXPECT_EQ(r.first_attempts + r.retrials, r.blocked_trunk + r.blocked_engine + r.calls_arrived);
  uint64_t blocked_in_intervals = 0;
  for (const IntervalKpi& k : r.intervals.intervals) blocked_in_intervals += k.blocked_engine;
  EXPECT_EQ(blocked_in_intervals, r.blocked_engine);
  EXPECT_EQ(r.intervals.Total().Blocked(), r.blocked_trunk + r.blocked_line + r.blocked_engine);
  const std::string summary = FormatSummary(center, r);
  EXPECT_NE(summary.find("bounds.max_live_calls"), std::string::npos) << summary;
}

TEST(ValidateSimOptions, NamesTheField) {
  const CenterConfig center = SmallCenter(1, 1);
  SimOptions o = HourOptions(10, 1);
  o.traffic.types[1].queue = 7;
  absl::Status s = ValidateSimOptions(center, o);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("traffic.types[1].queue"), std::string::npos) << s;

  o = HourOptions(10, 1);
  o.end_ms = o.start_ms;
  EXPECT_NE(ValidateSimOptions(center, o).message().find("end_ms"), std::string::npos);

  o = HourOptions(10, 1);
  o.traffic.types[0].handle_ms = Distribution::Exponential(0);
  EXPECT_NE(ValidateSimOptions(center, o).message().find("traffic.types[0].handle_ms"),
            std::string::npos);

  o = HourOptions(10, 1);
  o.agents.rona_probability = 1.5;
  EXPECT_NE(ValidateSimOptions(center, o).message().find("agents.rona_probability"),
            std::string::npos);

  o = HourOptions(10, 1);
  o.shifts = {AgentShift{55, 0, kMsPerHour, {}}};
  EXPECT_NE(ValidateSimOptions(center, o).message().find("shifts[0].agent"), std::string::npos);

  // One break at a time: a second break inside the first is refused.
  o = HourOptions(10, 1);
  o.shifts = {AgentShift{1, 9 * kMsPerHour, 10 * kMsPerHour,
                         {AgentBreak{9 * kMsPerHour + 10 * kMsPerMinute, 15 * kMsPerMinute},
                          AgentBreak{9 * kMsPerHour + 20 * kMsPerMinute, 15 * kMsPerMinute}}}};
  EXPECT_NE(ValidateSimOptions(center, o)
                .message()
                .find("shifts[0].breaks[1]: 09:20:00 for 15 m 00 s overlaps breaks[0] (09:10:00"),
            std::string::npos)
      << ValidateSimOptions(center, o);
  o.shifts[0].breaks[1].start_ms = 9 * kMsPerHour + 25 * kMsPerMinute;  // back to back: fine
  EXPECT_TRUE(ValidateSimOptions(center, o).ok()) << ValidateSimOptions(center, o);

  o = HourOptions(10, 1);
  o.traffic.calls_per_hour[2] = -1;
  EXPECT_NE(ValidateSimOptions(center, o).message().find("traffic.calls_per_hour[2]"),
            std::string::npos);
  EXPECT_FALSE(RunSimulation(center, o).ok());
}

}  // namespace
}  // namespace acd
