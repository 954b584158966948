// How good is the engine's estimated wait? The announcements of simulated
// callers against the waits they really had.
//
// The estimate (lib/core/engine_rules.cc) is place x moving-average handle
// time / members working. For an M/M/c queue with every agent busy, the
// expected remaining wait of the caller at place p is exactly p / (c mu),
// so on a busy floor with exponential handle times the estimate should be
// unbiased; it errs through the moving average's noise and when the floor
// is not saturated (then calls are answered sooner than c mu suggests).
// The test simulates hours of such a floor, pairs each announcement with the
// caller's actual remaining wait, and bounds the bias and the spread.
#include <cmath>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "acd/sim.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

constexpr int kAgents = 10;
constexpr TimeMs kHandleMs = 180'000;

CenterConfig BusyFloor() {
  CenterConfig c;
  QueueConfig sales;
  sales.name = "sales";
  sales.announcements.first_ms = 30'000;
  sales.announcements.every_ms = 60'000;
  sales.announcements.ewt_round_ms = 1'000;  // to measure, not to tell
  sales.expected_handle_ms = kHandleMs;
  c.queues = {sales};
  for (int i = 0; i < kAgents; ++i) {
    AgentConfig a;
    a.id = static_cast<AgentId>(1 + i);
    a.name = "Seller " + std::to_string(1 + i);
    a.queues.push_back(Membership{0, kMaxLevel, 0, static_cast<uint32_t>(i), 1.0});
    c.agents.push_back(a);
  }
  return c;
}

SimOptions BusyDay(uint64_t seed) {
  SimOptions o;
  o.seed = seed;
  o.start_ms = 8 * kMsPerHour;
  o.end_ms = 14 * kMsPerHour;
  o.traffic.start_ms = o.start_ms;
  o.traffic.interval_ms = 15 * kMsPerMinute;
  // 96% of 10 agents at 3 minutes each: a queue that is long and busy.
  o.traffic.calls_per_hour.assign(24, 0.96 * kAgents * kMsPerHour / kHandleMs);
  CallType buy;
  buy.name = "buy";
  buy.queue = 0;
  buy.ivr_ms = Distribution::Constant(0);
  buy.handle_ms = Distribution::Exponential(kHandleMs);
  buy.patience_ms = Distribution::Never();
  o.traffic.types = {buy};
  o.agents.rona_probability = 0;
  o.agents.answer_delay_ms = Distribution::Constant(0);
  return o;
}

// Pairs every announcement with the wait that followed it.
class AnnouncementLog : public TraceSink {
 public:
  struct Said {
    TimeMs at_ms;
    TimeMs ewt_ms;
  };
  void OnCommand(const Command& command) override {
    if (const auto* a = std::get_if<Announce>(&command.body)) {
      if (a->ewt_ms >= 0) said_[a->call].push_back({command.time_ms, a->ewt_ms});
    } else if (const auto* c = std::get_if<CallConnected>(&command.body)) {
      auto it = said_.find(c->call);
      if (it == said_.end()) return;
      for (const Said& s : it->second) {
        estimates_ms.push_back(static_cast<double>(s.ewt_ms));
        actual_ms.push_back(static_cast<double>(command.time_ms - s.at_ms));
      }
      said_.erase(it);
    }
  }
  std::vector<double> estimates_ms, actual_ms;

 private:
  absl::flat_hash_map<CallId, std::vector<Said>> said_;
};

TEST(EstimatedWait, IsUnbiasedOnABusyFloorWithinItsSpread) {
  AnnouncementLog log;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    absl::StatusOr<SimResult> result = RunSimulation(BusyFloor(), BusyDay(seed), &log);
    ASSERT_TRUE(result.ok()) << result.status();
  }
  const size_t n = log.actual_ms.size();
  ASSERT_GT(n, 2'000u) << "too few announcements to judge";
  double estimated = 0, actual = 0, abs_error = 0;
  for (size_t i = 0; i < n; ++i) {
    estimated += log.estimates_ms[i];
    actual += log.actual_ms[i];
    abs_error += std::abs(log.estimates_ms[i] - log.actual_ms[i]);
  }
  const double bias = (estimated - actual) / actual;  // relative, over all announcements
  const double mean_abs_error = abs_error / actual;
  // Measured over these four seeds: see the printed figures. The bounds
  // leave room for the moving average's noise but not for a formula that is
  // off by a factor (a per-agent or per-queue slip would miss by 2x or more).
  std::printf("EWT over %zu announcements: mean estimate %.0f s, mean actual %.0f s, "
              "bias %+.1f%%, mean absolute error %.1f%% of the actual wait\n",
              n, estimated / n / 1000, actual / n / 1000, 100 * bias, 100 * mean_abs_error);
  EXPECT_LT(std::abs(bias), 0.15);
  EXPECT_LT(mean_abs_error, 0.5);
}

}  // namespace
}  // namespace acd
