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
            "09:00:50  overflow call 17 sales -> reception\n"
            "09:00:50  call 17 queued in reception, 1 waiting\n"
            "09:00:52  offer call 17 (reception, waited 34 s) to Desk 1 (101), ring 10 s\n"
            "09:00:55  call 17 answered by Desk 1 (101) after 37 s in queue\n"
            "09:04:55  call 17 ended after 4 m 00 s talk with Desk 1 (101)\n"
            "09:01:00  callback capture for call 23 (reception)\n"
            "09:01:00  call 23 ended: callback captured\n"
            "09:01:01  call 24 queued in sales, 1 waiting\n"
            "09:01:46  call 24 abandoned in queue after 45 s\n");
  EXPECT_EQ(trace.lines(), 16u);
}

}  // namespace
}  // namespace acd
