// Callbacks in the simulator: the embedded centers' captured callers leave
// contacts, are dialled back and retried; the conservation of captures and
// callbacks; the KPIs' arithmetic on a hand-written stream; the options'
// checks; the trace's lines.
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/config.h"
#include "acd/kpi.h"
#include "acd/sim.h"
#include "gtest/gtest.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

CenterConfig MustLoad(std::string_view name) {
  absl::StatusOr<CenterConfig> center = LoadEmbeddedCenter(name);
  EXPECT_TRUE(center.ok()) << center.status();
  return center.ok() ? *center : CenterConfig{};
}

uint64_t Count(const SimResult& r, Disposition d) {
  return r.counts.by_disposition[static_cast<int>(d)];
}

uint64_t CallbackEnds(const SimResult& r) {
  return Count(r, Disposition::kCallbackCompleted) + Count(r, Disposition::kCallbackFailed) +
         Count(r, Disposition::kCallbackExpired) + Count(r, Disposition::kCallbackCancelled);
}

// A busy morning of the direct design: sellers miss buyers, the IVR takes
// their contacts, sellers call them back.
SimOptions BusyMorning(const CenterConfig& center, uint64_t seed) {
  SimOptions options = SalesDepartmentOptions(center);
  options.seed = seed;
  options.sellers = SellerQueue(center, "sales", "sellers").value();
  EXPECT_TRUE(ScaleTraffic(200, options.start_ms, options.end_ms, &options.traffic).ok());
  return options;
}

TEST(SimCallbacks, DefaultCentersCallCapturedCallersBack) {
  for (std::string_view name : {"sales", "sales-direct"}) {
    SCOPED_TRACE(name);
    const CenterConfig center = MustLoad(name);
    SimOptions options = BusyMorning(center, 3);
    options.check_invariants_every = 7;
    std::ostringstream out;
    TextTrace trace(center, &out);
    absl::StatusOr<SimResult> r = RunSimulation(center, options, &trace);
    ASSERT_TRUE(r.ok()) << r.status();
    const CallbackKpi& k = r->kpis.callbacks;
    EXPECT_GT(r->captured, 10u);
    EXPECT_GT(r->contacts, 5u);
    EXPECT_GT(r->callback_dials, 5u);
    EXPECT_GT(k.completed, 3u);
    // Every captured caller is accounted for, and every contact left
    // became a callback that ended with a callback disposition.
    EXPECT_EQ(r->captured, Count(*r, Disposition::kCallbackCaptured));
    EXPECT_EQ(r->captured, r->contacts + r->contacts_declined + r->captures_without_policy +
                               r->contacts_too_late);
    EXPECT_EQ(r->counts.callbacks, r->contacts);
    EXPECT_EQ(CallbackEnds(*r), r->contacts);
    EXPECT_EQ(r->counts.arrived + r->counts.callbacks, r->counts.ended);
    EXPECT_EQ(k.captured, r->captured);
    EXPECT_EQ(k.contacts, r->contacts);
    EXPECT_EQ(k.Ended(), r->contacts);
    EXPECT_EQ(k.dials, r->callback_dials);
    EXPECT_GE(k.dials, k.connected);
    EXPECT_GT(k.ToConnectMeanMs(), 20'000);  // at least the capture itself
    EXPECT_GE(k.ToConnectP90Ms(), k.ToConnectMeanMs() * 0.5);
    // Reaching a seller counts the sellers' connections alone (the desk
    // calls some back too), each at least as long as its capture.
    EXPECT_GT(k.at_seller, 0u);
    EXPECT_LE(k.at_seller, k.connected);
    EXPECT_GT(k.ReachMeanMs(), 20'000);
    // Callbacks are not calls: offered counts the callers once.
    EXPECT_EQ(r->kpis.total.offered + r->kpis.calls_never_queued, r->kpis.calls_ended);
    EXPECT_EQ(r->kpis.calls_ended, r->counts.arrived);
    const std::string text = out.str();
    EXPECT_NE(text.find("contact left for call "), std::string::npos);
    EXPECT_NE(text.find("offer callback "), std::string::npos);
    EXPECT_NE(text.find("dial +4930"), std::string::npos);
    EXPECT_NE(text.find(" completed after "), std::string::npos);
    const std::string summary = FormatSummary(center, *r);
    EXPECT_NE(summary.find("Callbacks: of "), std::string::npos) << summary;
    EXPECT_NE(summary.find("Time to complete (capture to connection): mean "), std::string::npos);
  }
}

TEST(SimCallbacks, NobodyLeavingAContactMeansNoCallbacks) {
  const CenterConfig center = MustLoad("sales-direct");
  SimOptions options = BusyMorning(center, 3);
  options.callbacks.acceptance = 0;
  absl::StatusOr<SimResult> r = RunSimulation(center, options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->captured, 10u);
  EXPECT_EQ(r->contacts, 0u);
  EXPECT_EQ(r->counts.callbacks, 0u);
  EXPECT_EQ(r->contacts_declined + r->captures_without_policy, r->captured);
  EXPECT_EQ(r->kpis.callbacks.ContactShare(), 0.0);
}

// Customers who never answer: every callback is dialled until its attempts
// run out (the sales queue allows 3), expires in its window or is withdrawn
// at the serve-out cut; none completes.
TEST(SimCallbacks, UnansweredDialsAreRetriedThenFail) {
  const CenterConfig center = MustLoad("sales-direct");
  SimOptions options = BusyMorning(center, 8);
  options.callbacks.answer_probability = 0;
  options.callbacks.window_share = 0;
  absl::StatusOr<SimResult> r = RunSimulation(center, options);
  ASSERT_TRUE(r.ok()) << r.status();
  const CallbackKpi& k = r->kpis.callbacks;
  ASSERT_GT(k.contacts, 5u);
  EXPECT_EQ(k.completed, 0u);
  EXPECT_EQ(k.connected, 0u);
  EXPECT_GT(k.failed, 0u);
  EXPECT_GT(k.dials, k.contacts);  // retries
  EXPECT_LE(k.dials, 3 * k.contacts);
  EXPECT_EQ(k.failed + k.expired + k.cancelled, k.contacts);
  EXPECT_EQ(k.CompletedShare(), 0.0);
}

// A run always ends: once the last caller is served, held callbacks are
// carried over to another day (withdrawn), long before the serve-out cut.
TEST(SimCallbacks, HeldCallbacksAreCarriedOverOnceNoCallerIsLeft) {
  const CenterConfig center = MustLoad("sales-direct");
  SimOptions options = BusyMorning(center, 2);
  options.callbacks.answer_probability = 0;  // every dial fails: retries are held
  options.callbacks.window_share = 0;
  absl::StatusOr<SimResult> r = RunSimulation(center, options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->callbacks_withdrawn, 0u);
  EXPECT_EQ(r->callbacks_withdrawn, r->kpis.callbacks.cancelled);
  EXPECT_LT(r->last_call_ended_ms, options.end_ms + options.serve_out_max_ms / 2);
  EXPECT_GT(r->kpis.callbacks.failed, 0u);  // those whose attempts ran out before
}

// The backstop: halfway through a short serve-out limit, callbacks still
// waiting for an agent or a dial are withdrawn too, so the run ends.
TEST(SimCallbacks, TheServeOutCutWithdrawsWhatIsLeft) {
  const CenterConfig center = MustLoad("sales-direct");
  SimOptions options = BusyMorning(center, 2);
  options.callbacks.dial_ms = Distribution::Constant(40 * kMsPerMinute);  // very slow dials
  options.serve_out_max_ms = kMsPerHour;  // cut at 12:30, with dials still under way
  absl::StatusOr<SimResult> r = RunSimulation(center, options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->callbacks_withdrawn, 0u);
  EXPECT_EQ(r->callbacks_withdrawn, r->kpis.callbacks.cancelled);
  EXPECT_LE(r->last_call_ended_ms, options.end_ms + options.serve_out_max_ms);
  // Dials under way were withdrawn at the cut itself.
  EXPECT_GE(r->last_call_ended_ms, options.end_ms + options.serve_out_max_ms / 2);
}

TEST(SimCallbacks, OptionsNameTheFieldOutOfRange) {
  const CenterConfig center = MustLoad("sales");
  const SimOptions base = SalesDepartmentOptions(center);
  struct Case {
    double CallbackBehavior::*field;
    double value;
    const char* name;
  };
  const Case cases[] = {{&CallbackBehavior::acceptance, 1.5, "callbacks.acceptance"},
                        {&CallbackBehavior::acceptance, -0.1, "callbacks.acceptance"},
                        {&CallbackBehavior::answer_probability, 2, "callbacks.answer_probability"},
                        {&CallbackBehavior::window_share, -1, "callbacks.window_share"},
                        {&CallbackBehavior::busy_share, 1.01, "callbacks.busy_share"}};
  for (const Case& c : cases) {
    SimOptions options = base;
    options.callbacks.*c.field = c.value;
    const absl::Status s = ValidateSimOptions(center, options);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(s.message().find(c.name), std::string::npos) << s;
    EXPECT_NE(s.message().find("must be in [0, 1]"), std::string::npos) << s;
  }
  SimOptions options = base;
  options.callbacks.window_length_ms = 0;
  EXPECT_NE(ValidateSimOptions(center, options).message().find("callbacks.window_length_ms"),
            std::string::npos);
  options = base;
  options.callbacks.dial_ms = Distribution::Never();
  EXPECT_NE(ValidateSimOptions(center, options).message().find("callbacks.dial_ms"),
            std::string::npos);
}

// The figures by their formulas, on a hand-written stream: call 1 is
// captured at +60 s (it arrived at 0), its contact becomes callback 2,
// whose first dial fails and second connects at +600 s; call 3 is
// captured and leaves no contact.
TEST(CallbackKpis, FiguresFollowTheirFormulas) {
  const CenterConfig center = testing::SmallCenter(2, 1);
  constexpr TimeMs kT0 = 9 * kMsPerHour;
  KpiCollector kpis(center, {20'000, kT0, SellerQueue(center, "sales", "sellers").value()});
  auto at = [&](TimeMs offset_ms, CommandBody body) {
    kpis.Emit(Command{kT0 + offset_ms, std::move(body)});
  };
  at(20'000, CallQueued{1, 0, 1});
  at(60'000, CallEnded{1, Disposition::kCallbackCaptured, true, 0, 0, 60'000, 0});
  at(70'000, CallQueued{3, 0, 1});
  at(90'000, CallEnded{3, Disposition::kCallbackCaptured, true, 0, 0, 20'000, 0});
  kpis.FileCallback(2, kT0 + 60'000, kT0);
  at(90'000, CallQueued{2, 0, 1});
  at(100'000, Offer{2, 1, 0, 10'000, false, false, true});
  at(105'000, DialCallback{2, 1, 0, "+49301", 1});
  at(120'000, CallbackHeld{2, 0, kT0 + 420'000, 1});
  at(420'000, CallQueued{2, 0, 1});
  at(425'000, Offer{2, 1, 0, 10'000, false, false, true});
  at(430'000, CancelOffer{2, 1, CancelReason::kRingTimeout});
  at(580'000, Offer{2, 1, 0, 10'000, false, false, true});
  at(585'000, DialCallback{2, 1, 0, "+49301", 2});
  at(600'000, CallConnected{2, 1, 0, 540'000});
  at(780'000, CallEnded{2, Disposition::kCallbackCompleted, true, 0, 1, 540'000, 180'000});
  const KpiReport& r = kpis.report();
  const CallbackKpi& k = r.callbacks;
  EXPECT_EQ(k.captured, 2u);
  EXPECT_EQ(k.contacts, 1u);
  EXPECT_DOUBLE_EQ(k.ContactShare(), 0.5);
  EXPECT_EQ(k.dials, 2u);
  EXPECT_EQ(k.connected, 1u);
  EXPECT_EQ(k.completed, 1u);
  EXPECT_EQ(k.Ended(), 1u);
  EXPECT_DOUBLE_EQ(k.CompletedShare(), 1.0);
  EXPECT_DOUBLE_EQ(k.ToConnectMeanMs(), 540'000);  // capture +60 s to connection +600 s
  EXPECT_DOUBLE_EQ(k.ToConnectP90Ms(), 540'000);
  EXPECT_DOUBLE_EQ(k.ReachMeanMs(), 600'000);      // arrival 0 to connection
  EXPECT_EQ(k.talk_ms, 180'000);
  // The callback is not a call: two calls offered and ended, both captured.
  EXPECT_EQ(r.total.offered, 2u);
  EXPECT_EQ(r.total.callback_captured, 2u);
  EXPECT_EQ(r.total.answered, 0u);
  EXPECT_EQ(r.calls_ended, 2u);
  EXPECT_EQ(r.total.ring_no_answer, 0u);
  // The agent talked and missed an offer.
  EXPECT_EQ(r.agents[0].calls, 1u);
  EXPECT_EQ(r.agents[0].talk_ms, 180'000);
  EXPECT_EQ(r.agents[0].missed, 1u);
  EXPECT_EQ(kpis.live_calls(), 0u);
}

TEST(CallbackKpis, NearestRankQuantile) {
  EXPECT_EQ(NearestRankMs({}, 0.9), 0.0);
  EXPECT_EQ(NearestRankMs({5}, 0.9), 5.0);
  std::vector<TimeMs> ten;
  for (TimeMs i = 10; i >= 1; --i) ten.push_back(i * 1000);
  EXPECT_EQ(NearestRankMs(ten, 0.9), 9000.0);
  EXPECT_EQ(NearestRankMs(ten, 0.5), 5000.0);
  EXPECT_EQ(NearestRankMs(ten, 1.0), 10000.0);
  ten.push_back(11'000);
  EXPECT_EQ(NearestRankMs(ten, 0.9), 10000.0);  // rank ceil(9.9) = 10
}

TEST(CallbackTrace, LinesNameTheCallbackItsCallAndTheAgent) {
  const CenterConfig center = MustLoad("sales");
  const AgentConfig& agent = center.agents[0];
  const std::string who = absl::StrCat(agent.name, " (", agent.id, ")");
  std::ostringstream out;
  TextTrace trace(center, &out);
  const TimeMs t = 10 * kMsPerHour;
  trace.OnEvent(Event{0, t, CallbackRequest{512, 77, "+4930500077", 0, 0}});
  trace.OnCommand(Command{t, CallQueued{512, 0, 3}});
  trace.OnCommand(Command{t + 1000, Offer{512, agent.id, 0, 10'000, false, false, true}});
  trace.OnCommand(Command{t + 4000, DialCallback{512, agent.id, 0, "+4930500077", 1}});
  trace.OnEvent(Event{0, t + 15'000, CallbackResult{512, DialOutcome::kBusy}});
  trace.OnCommand(Command{t + 15'000, CallbackHeld{512, 0, t + 15 * kMsPerMinute + 15'000, 2}});
  trace.OnCommand(Command{t + kMsPerHour, CallEnded{512, Disposition::kCallbackExpired, true, 0,
                                                    0, kMsPerHour, 0}});
  const std::string queue = center.queues[0].name;
  const std::string expected = absl::StrCat(
      "10:00:00  contact left for call 77: callback 512, +4930500077\n",
      "10:00:00  callback 512 waits in ", queue, " (for call 77), 3 waiting\n",
      "10:00:01  offer callback 512 (", queue, ", for call 77) to ", who, ", ring 10 s\n",
      "10:00:04  dial +4930500077 for callback 512 from ", who, ", attempt 1\n",
      "10:00:15  dial for callback 512: busy\n",
      "10:00:15  callback 512 held until 10:15:15 (2 failed dials)\n",
      "11:00:00  callback 512 expired (the caller's window closed)\n");
  EXPECT_EQ(out.str(), expected);
}

}  // namespace
}  // namespace acd
