// Scenario tests of callbacks: a captured caller leaves a contact, the
// callback keeps their place in line, is offered and dialled, is retried
// with back-off, waits for the caller's window and for opening hours, and
// ends with one of its dispositions. Invariants are checked after every step.
#include <memory>
#include <vector>

#include "absl/time/civil_time.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;

// sales with sellers 1 and 2, taking callbacks (3 attempts, retry 60 s,
// doubling); the desk (assistant 9) sends captures to sales.
CenterConfig Center() {
  CenterConfig c;
  QueueConfig sales;
  sales.name = "sales";
  sales.wrapup_ms = 5'000;
  sales.max_wait_ms = 30'000;
  sales.on_max_wait = OverflowAction{OverflowKind::kCallback, 0, "take the number"};
  sales.callback.enabled = true;
  sales.callback.max_attempts = 3;
  sales.callback.retry_ms = 60'000;
  sales.callback.retry_factor = 2.0;
  sales.callback.request_within_ms = 120'000;
  QueueConfig desk;
  desk.name = "desk";
  desk.max_wait_ms = 20'000;
  desk.on_max_wait = OverflowAction{OverflowKind::kCallback, 0, "desk takes the number"};
  desk.callback.enabled = true;
  desk.callback.same_queue = false;
  desk.callback.queue = kSales;
  c.queues = {sales, desk};
  for (AgentId id : {1, 2}) {
    AgentConfig a;
    a.id = id;
    a.queues = {Membership{kSales, 10, 0, static_cast<uint32_t>(id), 1.0}};
    c.agents.push_back(a);
  }
  AgentConfig assistant;
  assistant.id = 9;
  assistant.queues = {Membership{kDesk, 10, 0, 0, 1.0}};
  c.agents.push_back(assistant);
  return c;
}

class CallbacksTest : public testing::ScenarioTest {
 protected:
  // Callers who arrive at arrive_s and wait out max wait in `q`: captured.
  void CapturedCalls(double arrive_s, std::vector<CallId> ids, QueueId q) {
    for (CallId id : ids) NewCall(arrive_s, id, q);
    const double max_wait_s = engine_->center().queues[q].max_wait_ms / 1000.0;
    Advance(arrive_s + max_wait_s);
    for (CallId id : ids) ASSERT_EQ(Ended(id), Disposition::kCallbackCaptured);
  }
  void CapturedCall(double arrive_s, CallId id, QueueId q) { CapturedCalls(arrive_s, {id}, q); }
  absl::Status Request(double t_s, CallId callback, CallId from, TimeMs from_ms = 0,
                       TimeMs to_ms = 0) {
    return At(t_s, CallbackRequest{callback, from, "+4930555000", from_ms, to_ms});
  }
  Disposition Ended(CallId id) {
    for (const CallEnded& e : Take<CallEnded>())
      if (e.call == id) return e.disposition;
    return Disposition::kNone;
  }
};

TEST_F(CallbacksTest, ContactIsOfferedDialledAndCompleted) {
  Start(Center());
  CapturedCall(0, 100, kSales);
  ASSERT_TRUE(Request(35, 500, 100).ok());
  auto queued = Take<CallQueued>();
  ASSERT_FALSE(queued.empty());
  EXPECT_EQ(queued.back().call, 500u);
  EXPECT_TRUE(engine_->GetCall(500)->callback);
  Clear();
  ASSERT_TRUE(At(40, AgentLogin{1, true}).ok());
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 500u);
  EXPECT_TRUE(offers[0].callback);
  ASSERT_TRUE(At(42, CallAnswer{500, 1}).ok());
  auto dials = Take<DialCallback>();
  ASSERT_EQ(dials.size(), 1u);
  EXPECT_EQ(dials[0], (DialCallback{500, 1, kSales, "+4930555000", 1}));
  EXPECT_EQ(engine_->GetCall(500)->state, CallState::kDialing);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kTalking);
  EXPECT_TRUE(Take<CallConnected>().empty());  // nobody on the line yet
  ASSERT_TRUE(At(50, CallbackResult{500, DialOutcome::kConnected}).ok());
  auto connected = Take<CallConnected>();
  ASSERT_EQ(connected.size(), 1u);
  EXPECT_EQ(connected[0].wait_ms, 15'000);  // from the request to the customer's answer
  ASSERT_TRUE(At(170, CallEndTalk{500}).ok());
  Clear();
  Advance(171);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kWrapUp);
  const CallCounts counts = engine_->counts();
  EXPECT_EQ(counts.callbacks, 1u);
  EXPECT_EQ(counts.by_disposition[static_cast<int>(Disposition::kCallbackCaptured)], 1u);
  EXPECT_EQ(counts.by_disposition[static_cast<int>(Disposition::kCallbackCompleted)], 1u);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->callbacks_completed, 1u);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->callbacks_pending, 0u);
}

// The callback takes the caller's place: ahead of someone who came later,
// behind someone who came earlier.
TEST_F(CallbacksTest, CallbackKeepsTheCallersPlaceInLine) {
  CenterConfig c = Center();
  c.queues[kSales].max_wait_ms = 0;  // captured by the PBX instead
  Start(c);
  NewCall(0, 100, kSales);   // first in line
  NewCall(5, 200, kSales);   // leaves a contact
  NewCall(10, 300, kSales);  // came last
  ASSERT_TRUE(At(20, CallRoute{200, Disposition::kCallbackCaptured}).ok());
  ASSERT_TRUE(Request(25, 500, 200).ok());
  Clear();
  ASSERT_TRUE(At(30, AgentLogin{1, true}).ok());
  ASSERT_TRUE(At(30, AgentLogin{2, true}).ok());
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_EQ(offers[0].call, 100u);
  EXPECT_EQ(offers[1].call, 500u);  // the callback before call 300
}

TEST_F(CallbacksTest, WithoutKeepPlaceTheCallbackJoinsTheBack) {
  CenterConfig c = Center();
  c.queues[kSales].max_wait_ms = 0;
  c.queues[kSales].callback.keep_place = false;
  Start(c);
  NewCall(0, 200, kSales);
  NewCall(10, 300, kSales);
  ASSERT_TRUE(At(20, CallRoute{200, Disposition::kCallbackCaptured}).ok());
  ASSERT_TRUE(Request(25, 500, 200).ok());
  Clear();
  ASSERT_TRUE(At(30, AgentLogin{1, true}).ok());
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 300u);
}

TEST_F(CallbacksTest, FailedDialsAreRetriedWithBackOffUntilAttemptsRunOut) {
  Start(Center());
  CapturedCall(0, 100, kSales);
  ASSERT_TRUE(Request(30, 500, 100).ok());
  ASSERT_TRUE(At(30, AgentLogin{1, true}).ok());
  double t = 31;
  const double backoff_s[] = {60, 120};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    Clear();
    ASSERT_TRUE(At(t, CallAnswer{500, 1}).ok()) << "attempt " << attempt;
    ASSERT_EQ(Take<DialCallback>().size(), 1u);
    EXPECT_EQ(Take<DialCallback>()[0].attempt, static_cast<uint32_t>(attempt));
    ASSERT_TRUE(At(t + 20, CallbackResult{500, DialOutcome::kNoAnswer}).ok());
    EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReady);  // no wrap-up for a failed dial
    if (attempt == 3) break;
    auto held = Take<CallbackHeld>();
    ASSERT_EQ(held.size(), 1u);
    const TimeMs retry_ms = static_cast<TimeMs>((t + 20 + backoff_s[attempt - 1]) * 1000);
    EXPECT_EQ(held[0].until_ms, retry_ms);
    EXPECT_EQ(held[0].failed_attempts, static_cast<uint32_t>(attempt));
    EXPECT_EQ(engine_->GetCall(500)->held_until_ms, retry_ms);
    Advance(retry_ms / 1000.0 - 0.001);
    EXPECT_TRUE(Take<Offer>().empty()) << "offered before its retry time";
    Advance(retry_ms / 1000.0);
    ASSERT_EQ(Take<Offer>().size(), 1u);
    t = retry_ms / 1000.0 + 1;
  }
  EXPECT_EQ(Ended(500), Disposition::kCallbackFailed);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->callbacks_failed, 1u);
}

TEST_F(CallbacksTest, InvalidNumberFailsAtOnce) {
  Start(Center());
  CapturedCall(0, 100, kSales);
  ASSERT_TRUE(Request(30, 500, 100).ok());
  ASSERT_TRUE(At(30, AgentLogin{1, true}).ok());
  ASSERT_TRUE(At(31, CallAnswer{500, 1}).ok());
  ASSERT_TRUE(At(33, CallbackResult{500, DialOutcome::kInvalidNumber}).ok());
  EXPECT_EQ(Ended(500), Disposition::kCallbackFailed);
}

TEST_F(CallbacksTest, WindowHoldsTheCallbackAndExpiresIt) {
  Start(Center());
  CapturedCalls(0, {100, 101}, kSales);
  Clear();
  // "Call me between 10:00 and 10:05", in engine time 600..900 s.
  ASSERT_TRUE(Request(40, 500, 100, 600'000, 900'000).ok());
  auto held = Take<CallbackHeld>();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].until_ms, 600'000);
  EXPECT_TRUE(Take<CallQueued>().empty());
  ASSERT_TRUE(Request(41, 501, 101, 0, 700'000).ok());  // "within the next 11 minutes"
  Advance(599.999);
  EXPECT_EQ(Take<CallQueued>().size(), 1u);  // only 501
  Advance(600);
  EXPECT_EQ(Take<CallQueued>().size(), 2u);  // 500 joins the line at its window
  // Nobody takes them: each expires at its window's end.
  Advance(700);
  EXPECT_EQ(Ended(501), Disposition::kCallbackExpired);
  EXPECT_EQ(Ended(500), Disposition::kNone);
  Advance(900);
  EXPECT_EQ(Ended(500), Disposition::kCallbackExpired);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->callbacks_failed, 2u);
}

TEST_F(CallbacksTest, RetryPastTheWindowExpires) {
  Start(Center());
  CapturedCall(0, 100, kSales);
  ASSERT_TRUE(At(30, AgentLogin{1, true}).ok());
  ASSERT_TRUE(Request(40, 500, 100, 0, 80'000).ok());
  ASSERT_TRUE(At(41, CallAnswer{500, 1}).ok());
  ASSERT_TRUE(At(60, CallbackResult{500, DialOutcome::kBusy}).ok());  // retry at 120 s > 80 s
  EXPECT_EQ(Ended(500), Disposition::kCallbackExpired);
}

TEST_F(CallbacksTest, ClosedCenterHoldsCallbacksUntilOpening) {
  CenterConfig c = Center();
  // Open 08:00-18:00 every day, UTC; the engine clock is ms since the epoch.
  c.calendar.open = {TimeWindow{0x7f, 8 * 60, 18 * 60}};
  c.queues[kSales].callback.request_within_ms = 2 * 3600 * 1000;
  Start(c);
  const absl::Time day = absl::FromCivil(absl::CivilDay(2026, 11, 24), absl::UTCTimeZone());
  const double evening_s = absl::ToUnixSeconds(day) + 17.5 * 3600;
  CapturedCall(evening_s, 100, kSales);  // captured at 17:30:30
  ASSERT_TRUE(At(evening_s + 3600, AgentLogin{1, true}).ok());
  Clear();
  ASSERT_TRUE(Request(evening_s + 3600, 500, 100).ok());  // 18:30: the contact comes late
  auto held = Take<CallbackHeld>();
  ASSERT_EQ(held.size(), 1u);
  const TimeMs opening_ms = (absl::ToUnixSeconds(day) + 24 * 3600 + 8 * 3600) * 1000;
  EXPECT_EQ(held[0].until_ms, opening_ms);
  EXPECT_TRUE(Take<Offer>().empty()) << "a callback offered while closed";
  Advance(opening_ms / 1000.0);
  ASSERT_EQ(Take<Offer>().size(), 1u);
}

// An entry rule's capture (no queue yet) names the queue its callback
// waits in; the callback is in line from the moment of the capture.
TEST_F(CallbacksTest, EntryRuleCaptureIsCalledBackFromItsQueue) {
  CenterConfig c = Center();
  c.queues[kSales].max_wait_ms = 0;
  EntryRule leave_number;
  leave_number.name = "press 9 to be called back";
  leave_number.match.digits = {"9"};
  leave_number.route = OverflowAction{OverflowKind::kCallback, kSales, "ivr-capture", true};
  EntryRule buy;
  buy.route = OverflowAction{OverflowKind::kQueue, kSales, ""};
  c.entry_rules = {leave_number, buy};
  Start(c);
  ASSERT_TRUE(At(0, CallArrive{100, {}}).ok());
  ASSERT_TRUE(At(1, CallArrive{200, {}}).ok());
  ASSERT_TRUE(At(2, CallArrive{300, {}}).ok());
  ASSERT_TRUE(At(10, CallClassify{100, "1", Intent::kBuy}).ok());
  ASSERT_TRUE(At(20, CallClassify{200, "9", Intent::kUnknown}).ok());
  EXPECT_EQ(Ended(200), Disposition::kCallbackCaptured);
  ASSERT_TRUE(At(30, CallClassify{300, "1", Intent::kBuy}).ok());
  ASSERT_TRUE(Request(40, 500, 200).ok());
  EXPECT_EQ(engine_->GetCall(500)->queue, kSales);
  Clear();
  ASSERT_TRUE(At(50, AgentLogin{1, true}).ok());
  ASSERT_TRUE(At(50, AgentLogin{2, true}).ok());
  auto offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_EQ(offers[0].call, 100u);
  EXPECT_EQ(offers[1].call, 500u);  // captured at 20 s, before call 300 entered at 30 s
}

// The desk's captures wait in sales (the desk's policy names it).
TEST_F(CallbacksTest, CaptureWaitsWhereThePolicySays) {
  Start(Center());
  CapturedCall(0, 100, kDesk);
  ASSERT_TRUE(Request(21, 500, 100).ok());
  EXPECT_EQ(engine_->GetCall(500)->queue, kSales);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->callbacks_pending, 1u);
}

TEST_F(CallbacksTest, CancelledWhileWaitingOrDialling) {
  Start(Center());
  CapturedCalls(0, {100, 101}, kSales);
  ASSERT_TRUE(Request(30, 500, 100).ok());
  ASSERT_TRUE(At(31, CallHangup{500}).ok());  // the customer called in again meanwhile
  EXPECT_EQ(Ended(500), Disposition::kCallbackCancelled);
  ASSERT_TRUE(Request(32, 501, 101).ok());
  ASSERT_TRUE(At(33, AgentLogin{1, true}).ok());
  ASSERT_TRUE(At(34, CallAnswer{501, 1}).ok());
  ASSERT_TRUE(At(35, CallHangup{501}).ok());
  EXPECT_EQ(Ended(501), Disposition::kCallbackCancelled);
  EXPECT_EQ(engine_->GetAgent(1)->state, AgentState::kReady);
}

TEST_F(CallbacksTest, RingNoAnswerPutsTheCallbackBackInLine) {
  CenterConfig c = Center();
  c.queues[kSales].max_misses = 1;  // the seller is paused: the callback waits
  Start(c);
  CapturedCall(0, 100, kSales);
  ASSERT_TRUE(Request(30, 500, 100).ok());
  ASSERT_TRUE(At(30, AgentLogin{1, true}).ok());
  Clear();
  Advance(40);  // the 10 s ring ran out
  auto cancels = Take<CancelOffer>();
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].reason, CancelReason::kRingTimeout);
  EXPECT_EQ(engine_->GetCall(500)->state, CallState::kWaiting);
  EXPECT_EQ(engine_->GetCall(500)->failed_attempts, 0u);  // a miss is not a dial
}

TEST_F(CallbacksTest, ContactsThatCannotBeFiledAreRejected) {
  CenterConfig c = Center();
  c.queues[kDesk].callback.enabled = false;
  Start(c);
  CapturedCall(0, 101, kDesk);  // the desk takes no callbacks here
  CapturedCall(20, 100, kSales);
  NewCall(50, 102, kSales);
  const uint64_t before = engine_->StateHash();
  EXPECT_EQ(Request(55, 500, 101).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Request(55, 500, 102).code(), absl::StatusCode::kFailedPrecondition);  // still live
  EXPECT_EQ(Request(55, 500, 999).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(At(55, CallbackRequest{500, 100, "", 0, 0}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(At(55, CallbackRequest{500, 100, "call me", 0, 0}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Request(55, 500, 100, 80'000, 70'000).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Request(55, 500, 100, 0, 40'000).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Request(55, 102, 100).code(), absl::StatusCode::kAlreadyExists);  // a live id
  EXPECT_EQ(engine_->StateHash(), before);
  ASSERT_TRUE(Request(55, 500, 100).ok());
  EXPECT_EQ(Request(55, 501, 100).code(), absl::StatusCode::kAlreadyExists);  // one per capture
  // Too late: request_within_ms (120 s) after the capture at 90 s.
  CapturedCall(60, 103, kSales);
  EXPECT_EQ(Request(90 + 120.001, 502, 103).code(), absl::StatusCode::kNotFound);
}

TEST_F(CallbacksTest, ResultsAndMovesThatDoNotFitAreRejected) {
  Start(Center());
  CapturedCall(0, 100, kSales);
  NewCall(30, 200, kSales);
  ASSERT_TRUE(Request(30, 500, 100).ok());
  const uint64_t before = engine_->StateHash();
  EXPECT_EQ(At(31, CallbackResult{500, DialOutcome::kConnected}).code(),
            absl::StatusCode::kFailedPrecondition);  // not being dialled
  EXPECT_EQ(At(31, CallbackResult{200, DialOutcome::kConnected}).code(),
            absl::StatusCode::kFailedPrecondition);  // a caller, not a callback
  EXPECT_EQ(At(31, CallbackResult{777, DialOutcome::kConnected}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(At(31, CallbackResult{500, static_cast<DialOutcome>(9)}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(At(31, CallTransfer{500, kDesk, 0}).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(At(31, CallRoute{500, Disposition::kVoicemail}).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->StateHash(), before);
}

}  // namespace
}  // namespace acd

namespace acd {
namespace {

// A reload that removes a queue moves its callbacks, keeping their place
// and hold, and its open captures to the queue on_queue_removed names.
TEST_F(CallbacksTest, ReloadMovesCallbacksAndCapturesOfARemovedQueue) {
  CenterConfig c = Center();
  QueueConfig east = c.queues[kSales];
  east.name = "east";
  east.on_max_wait = OverflowAction{OverflowKind::kCallback, 0, "east takes the number"};
  c.queues.push_back(east);  // queue 2, callbacks wait in it
  const QueueId kEast = 2;
  Start(c);
  CapturedCalls(0, {100, 101}, kEast);
  ASSERT_TRUE(Request(31, 500, 100).ok());  // waits in east; 101's capture stays open
  CenterConfig next = Center();  // without east
  const uint64_t hash = engine_->StateHash();
  absl::Status refused = engine_->Reconfigure(next);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("callback 500 waits in it; on_queue_removed must name a "
                                   "queue with a callback policy"),
            std::string::npos)
      << refused;
  EXPECT_EQ(engine_->StateHash(), hash);
  next.on_queue_removed = OverflowAction{OverflowKind::kQueue, kSales, ""};
  Clear();
  ASSERT_TRUE(engine_->Reconfigure(next).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  const std::vector<RouteCall> routes = Take<RouteCall>();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].call, 500u);
  EXPECT_EQ(routes[0].cause, RouteCause::kQueueRemoved);
  EXPECT_EQ(engine_->GetCall(500)->queue, kSales);
  EXPECT_EQ(engine_->GetQueueStats(kSales)->callbacks_pending, 1u);
  // The open capture files its contact now: the callback waits in sales.
  ASSERT_TRUE(Request(40, 501, 101).ok());
  EXPECT_EQ(engine_->GetCall(501)->queue, kSales);
  // Sellers take them in the callers' order.
  ASSERT_TRUE(At(41, AgentLogin{1, true}).ok());
  ASSERT_EQ(Take<Offer>().size(), 1u);
  EXPECT_EQ(Take<Offer>()[0].call, 500u);
}

}  // namespace
}  // namespace acd
