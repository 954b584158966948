// TextTrace lines and the clock and duration formats.
#include <sstream>

#include "acd/sim.h"
#include "gtest/gtest.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

TEST(FormatClock, DaysHoursMinutesSeconds) {
  EXPECT_EQ(FormatClock(0), "00:00:00");
  EXPECT_EQ(FormatClock(8 * kMsPerHour + 14 * kMsPerMinute + 3'999), "08:14:03");
  EXPECT_EQ(FormatClock(24 * kMsPerHour + 5 * kMsPerSecond), "d1 00:00:05");
}

TEST(FormatDuration, SecondsMinutesHours) {
  EXPECT_EQ(FormatDuration(12'400), "12 s");
  EXPECT_EQ(FormatDuration(245'000), "4 m 05 s");
  EXPECT_EQ(FormatDuration(kMsPerHour + 2 * kMsPerMinute + 10'000), "1 h 02 m");
}

TEST(TextTrace, OneReadableLinePerDecision) {
  const CenterConfig center = testing::SmallCenter(1, 1);
  std::ostringstream out;
  TextTrace trace(center, &out);
  const TimeMs t = 9 * kMsPerHour;
  CallArrive arrive;
  arrive.call = 17;
  arrive.attributes.intent = Intent::kBuy;
  trace.OnEvent(Event{0, t, arrive});
  trace.OnCommand(Command{t, AgentStateChanged{1, AgentState::kReady, NotReadyReason::kNone}});
  trace.OnCommand(Command{t + 18'000, CallQueued{17, 0, 2}});
  trace.OnCommand(Command{t + 30'000, Offer{17, 1, 0, 10'000, false}});
  trace.OnCommand(Command{t + 30'000, AgentStateChanged{1, AgentState::kReserved, {}}});
  trace.OnCommand(Command{t + 40'000, CancelOffer{17, 1, CancelReason::kRingTimeout}});
  trace.OnCommand(Command{t + 40'000, AgentStateChanged{1, AgentState::kNotReady,
                                                        NotReadyReason::kNoAnswer}});
  trace.OnCommand(Command{t + 40'000, CallQueued{17, 0, 1}});
  trace.OnCommand(Command{t + 50'000, testing::Route(17, 0, OverflowKind::kQueue, 1)});
  trace.OnCommand(Command{t + 50'000, CallQueued{17, 1, 1}});
  trace.OnCommand(Command{t + 52'000, Offer{17, 101, 1, 10'000, false}});
  trace.OnCommand(Command{t + 55'000, CallConnected{17, 101, 1, 55'000}});
  trace.OnCommand(Command{t + 295'000, CallEnded{17, Disposition::kAnswered, true, 1, 101,
                                                  55'000, 240'000}});
  trace.OnCommand(Command{t + 60'000, testing::Route(23, 1, OverflowKind::kCallback, 0)});
  trace.OnCommand(Command{t + 60'000, CallEnded{23, Disposition::kCallbackCaptured, true, 1,
                                                 0, 80'000, 0}});
  trace.OnCommand(Command{t + 61'000, CallQueued{24, 0, 1}});
  trace.OnCommand(Command{t + 106'000, CallEnded{24, Disposition::kAbandonedInQueue, true, 0,
                                                  0, 63'000, 0}});
  EXPECT_EQ(out.str(),
            "09:00:00  call 17 arrives, IVR: buy\n"
            "09:00:00  Seller 1 (1) logs in, ready\n"
            "09:00:18  call 17 queued in sales, 2 waiting\n"
            "09:00:30  offer call 17 (sales, waited 12 s) to Seller 1 (1), ring 10 s\n"
            "09:00:40  RONA call 17: Seller 1 (1) did not answer\n"
            "09:00:40  Seller 1 (1) not ready (no answer)\n"
            "09:00:40  call 17 back in sales, 1 waiting\n"
            "09:00:50  overflow call 17 sales -> reception (queue full)\n"
            "09:00:50  call 17 queued in reception, 1 waiting\n"
            "09:00:52  offer call 17 (reception, waited 34 s) to Desk 1 (101), ring 10 s\n"
            "09:00:55  call 17 answered by Desk 1 (101) after 37 s in queue\n"
            "09:04:55  call 17 ended after 4 m 00 s talk with Desk 1 (101)\n"
            "09:01:00  callback capture for call 23 (reception: queue full)\n"
            "09:01:00  call 23 ended: callback captured\n"
            "09:01:01  call 24 queued in sales, 1 waiting\n"
            "09:01:46  call 24 abandoned in queue after 45 s\n");
  EXPECT_EQ(trace.lines(), 16u);
}

// Entry-rule routes name the rule; overflow rules and announcements get a
// line each; an offer to the caller's own seller says so.
TEST(TextTrace, EntryRulesOverflowRulesAndAnnouncements) {
  CenterConfig center = testing::SmallCenter(2, 1);
  EntryRule offers;
  offers.name = "offering us something";
  offers.match.digits = {"4"};
  offers.route = OverflowAction{OverflowKind::kReject, 0, "please send your offer by e-mail"};
  EntryRule closed;
  closed.name = "closed";
  closed.match.open = Tri::kNo;
  closed.route = OverflowAction{OverflowKind::kCallback, 0, "closed-hours"};
  center.entry_rules = {closed, offers};
  OverflowRule relax;
  relax.name = "relax to 5";
  relax.action = RuleActionKind::kSetMinLevel;
  OverflowRule no_seller;
  no_seller.name = "no seller free";
  center.queues[0].rules = {relax, no_seller};
  std::ostringstream out;
  TextTrace trace(center, &out);
  const TimeMs t = 9 * kMsPerHour;
  CallArrive arrive;
  arrive.call = 17;
  arrive.attributes.intent = Intent::kBuy;
  arrive.attributes.digits = "1";
  arrive.attributes.returning = true;
  arrive.attributes.owner_agent = 2;
  arrive.attributes.vip = true;
  trace.OnEvent(Event{0, t - 20'000, arrive});
  CallArrive director;
  director.call = 18;
  director.attributes.dnis = "+49305550199";
  director.attributes.returning = true;
  director.attributes.internal = true;
  trace.OnEvent(Event{0, t - 10'000, director});
  RouteCall reject = testing::Route(5, 0, OverflowKind::kReject, 0);
  reject.cause = RouteCause::kEntryRule;
  reject.rule = 1;
  reject.target = "please send your offer by e-mail";
  trace.OnCommand(Command{t, reject});
  RouteCall capture = testing::Route(6, 0, OverflowKind::kCallback, 0);
  capture.cause = RouteCause::kEntryRule;
  capture.rule = 0;
  capture.target = "closed-hours";
  trace.OnCommand(Command{t, capture});
  RouteCall fallback = testing::Route(7, 0, OverflowKind::kReject, 0);
  fallback.cause = RouteCause::kEntryDefault;
  trace.OnCommand(Command{t, fallback});
  trace.OnCommand(Command{t + 1'000, CallQueued{17, 0, 3}});
  trace.OnCommand(Command{t + 1'000, Offer{17, 2, 0, 10'000, false, true}});
  trace.OnCommand(Command{t + 21'000, RuleApplied{17, 0, 0, true, "relax to 5"}});
  trace.OnCommand(Command{t + 46'000, RuleApplied{17, 0, 1, false, "no seller free"}});
  RouteCall moved = testing::Route(17, 0, OverflowKind::kQueue, 1);
  moved.cause = RouteCause::kRule;
  moved.rule = 1;
  trace.OnCommand(Command{t + 46'000, moved});
  trace.OnCommand(Command{t + 50'000, Announce{17, 1, 3, false, 120'000}});
  trace.OnCommand(Command{t + 80'000, Announce{17, 1, 5, true, 90'000}});
  trace.OnCommand(Command{t + 90'000, Announce{17, 1, 1, false, -1}});
  trace.OnCommand(Command{t + 95'000, Announce{17, 1, 2, false, 30'000}});
  EXPECT_EQ(out.str(),
            "08:59:40  call 17 arrives, IVR: buy (pressed 1, returning customer of Seller 2 "
            "(2), VIP)\n"
            "08:59:50  call 18 arrives, IVR: no menu choice (dialled +49305550199, returning, "
            "internal line)\n"
            "09:00:00  reject call 5 (IVR: entry rule 'offering us something'): \"please send "
            "your offer by e-mail\"\n"
            "09:00:00  callback capture for call 6 (IVR: entry rule 'closed') -> closed-hours\n"
            "09:00:00  reject call 7 (IVR: no entry rule matched) with a message\n"
            "09:00:01  call 17 queued in sales, 3 waiting\n"
            "09:00:01  offer call 17 (sales, waited 0 s) to Seller 2 (2), ring 10 s [the "
            "caller's own seller]\n"
            "09:00:21  call 17 in sales: rule 'relax to 5' applies\n"
            "09:00:46  call 17 in sales: rule 'no seller free' passed over (its condition does "
            "not hold)\n"
            "09:00:46  overflow call 17 sales -> reception (rule 'no seller free')\n"
            "09:00:50  tell call 17: 3rd in line, about 2 min\n"
            "09:01:20  tell call 17: beyond 5th in line, about 1 min 30 s\n"
            "09:01:30  tell call 17: 1st in line\n"
            "09:01:35  tell call 17: 2nd in line, about 30 s\n");
}

}  // namespace
}  // namespace acd
