// The arrival process: rates per interval, the window, call types by share.
#include "sim/arrivals.h"

#include <vector>

#include "gtest/gtest.h"

namespace acd::sim {
namespace {

TrafficProfile Profile(std::vector<double> calls_per_hour) {
  TrafficProfile p;
  p.start_ms = 0;
  p.interval_ms = kMsPerHour;
  p.calls_per_hour = std::move(calls_per_hour);
  CallType a;
  a.share = 3;
  CallType b;
  b.share = 1;
  p.types = {a, b};
  return p;
}

std::vector<TimeMs> All(ArrivalProcess& process) {
  std::vector<TimeMs> times;
  for (TimeMs t = process.Next(); t < kNeverMs; t = process.Next()) times.push_back(t);
  return times;
}

TEST(ArrivalProcess, CountsFollowTheRatePerInterval) {
  const TrafficProfile p = Profile({6'000, 0, 2'000});
  ArrivalProcess process(p, 0, 3 * kMsPerHour, 11);
  const std::vector<TimeMs> times = All(process);
  int per_hour[3] = {0, 0, 0};
  for (size_t i = 0; i < times.size(); ++i) {
    if (i > 0) {
      ASSERT_GE(times[i], times[i - 1]);
    }
    ASSERT_GE(times[i], 0);
    ASSERT_LT(times[i], 3 * kMsPerHour);
    ++per_hour[times[i] / kMsPerHour];
  }
  EXPECT_NEAR(per_hour[0], 6'000, 400);  // Poisson: sd about 77
  EXPECT_EQ(per_hour[1], 0);
  EXPECT_NEAR(per_hour[2], 2'000, 230);  // sd about 45
}

TEST(ArrivalProcess, RespectsTheWindowAndTheProfileEnd) {
  const TrafficProfile p = Profile({3'600, 3'600});
  ArrivalProcess process(p, kMsPerHour / 2, 5 * kMsPerHour, 12);
  const std::vector<TimeMs> times = All(process);
  ASSERT_FALSE(times.empty());
  EXPECT_GE(times.front(), kMsPerHour / 2);
  EXPECT_LT(times.back(), 2 * kMsPerHour);  // the profile ends at 02:00
  EXPECT_NEAR(static_cast<double>(times.size()), 5'400, 400);
  EXPECT_EQ(process.Next(), kNeverMs);
}

TEST(ArrivalProcess, PicksTypesByShare) {
  const TrafficProfile p = Profile({1});
  ArrivalProcess process(p, 0, kMsPerHour, 13);
  int counts[2] = {0, 0};
  for (int i = 0; i < 40'000; ++i) ++counts[process.PickType()];
  EXPECT_NEAR(counts[0], 30'000, 450);
  EXPECT_NEAR(counts[1], 10'000, 450);
}

TEST(ArrivalProcess, SameSeedSameTimes) {
  const TrafficProfile p = Profile({500, 800});
  ArrivalProcess a(p, 0, 2 * kMsPerHour, 14);
  ArrivalProcess b(p, 0, 2 * kMsPerHour, 14);
  ArrivalProcess c(p, 0, 2 * kMsPerHour, 15);
  const std::vector<TimeMs> ta = All(a);
  EXPECT_EQ(ta, All(b));
  EXPECT_NE(ta, All(c));
}

TEST(TrafficScaling, AverageAndScale) {
  TrafficProfile p = Profile({60, 120, 0});
  EXPECT_DOUBLE_EQ(AverageCallsPerHour(p, 0, 2 * kMsPerHour), 90);
  EXPECT_DOUBLE_EQ(AverageCallsPerHour(p, kMsPerHour / 2, 3 * kMsPerHour / 2), 90);
  EXPECT_DOUBLE_EQ(AverageCallsPerHour(p, 0, 4 * kMsPerHour), 45);
  ASSERT_TRUE(ScaleTraffic(180, 0, 2 * kMsPerHour, &p).ok());
  EXPECT_DOUBLE_EQ(p.calls_per_hour[0], 120);
  EXPECT_DOUBLE_EQ(p.calls_per_hour[1], 240);
  EXPECT_FALSE(ScaleTraffic(10, 2 * kMsPerHour, 3 * kMsPerHour, &p).ok());
  EXPECT_FALSE(ScaleTraffic(-1, 0, kMsPerHour, &p).ok());
}

}  // namespace
}  // namespace acd::sim
