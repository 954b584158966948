// Seeded fuzzing of the core engine: random centers and event streams with
// faults, every invariant checked after every step (see sim_driver.h).
//
//   CI:          1,000 seeds x 5,000 steps, in shards that ctest runs in parallel.
//   One seed:    ACD_SEED=<n> [ACD_FUZZ_EVENTS=<k>] core_fuzz_test --gtest_filter='FuzzOne.*'
//   Soak:        ACD_SOAK_SEEDS=100000 [ACD_SOAK_THREADS=<t>] core_fuzz_test --gtest_filter='FuzzSoak.*'
//   Regressions: tests/core/regression_seeds.txt, always run.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

constexpr uint64_t kCiSeeds = 1000;
constexpr int kShards = 20;
constexpr int kEvents = 5000;

FuzzOptions Options(uint64_t seed, int events) {
  FuzzOptions options;
  options.seed = seed;
  options.events = events;
  return options;
}

class FuzzShard : public ::testing::TestWithParam<int> {};

TEST_P(FuzzShard, EveryInvariantHoldsAfterEveryStep) {
  for (uint64_t seed = 1 + GetParam(); seed <= ScaledSeeds(kCiSeeds); seed += kShards) {
    std::cout << "seed " << seed << std::endl;  // a hang shows its seed in ctest's timeout output
    const FuzzResult result = RunFuzzSeed(Options(seed, kEvents));
    ASSERT_TRUE(result.ok) << result.report;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, FuzzShard, ::testing::Range(0, kShards));

TEST(FuzzRegression, SeedsThatOnceFailed) {
  std::ifstream file(ACD_REGRESSION_SEEDS_FILE);
  ASSERT_TRUE(file.good()) << "cannot read " << ACD_REGRESSION_SEEDS_FILE;
  std::string line;
  int seeds = 0;
  while (std::getline(file, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream fields(line);
    uint64_t seed = 0;
    int events = kEvents;
    if (!(fields >> seed)) continue;
    fields >> events;
    const FuzzResult result = RunFuzzSeed(Options(seed, events));
    EXPECT_TRUE(result.ok) << result.report;
    ++seeds;
  }
  std::cout << seeds << " regression seeds run\n";
}

TEST(FuzzOne, Seed) {
  const uint64_t seed = EnvU64("ACD_SEED", 0);
  if (seed == 0) GTEST_SKIP() << "set ACD_SEED=<n> to run one seed";
  const int events = static_cast<int>(EnvU64("ACD_FUZZ_EVENTS", kEvents));
  const FuzzResult result = RunFuzzSeed(Options(seed, events));
  ASSERT_TRUE(result.ok) << result.report;
  std::cout << "seed " << seed << ": " << result.stats.accepted << " accepted, "
            << result.stats.rejected << " rejected, " << result.stats.advances << " advances, "
            << result.stats.faults << " faults, " << result.stats.commands << " commands, "
            << result.stats.state_hashes << " state hashes; "
            << result.counts.arrived << " calls arrived, " << result.counts.ended << " ended\n";
}

// The long soak: ACD_SOAK_SEEDS seeds after the CI ones (or from
// ACD_SOAK_FROM, to continue an earlier soak), on ACD_SOAK_THREADS threads
// (one engine per thread). Reports every failing seed as it fails and the
// progress every 1,000 seeds.
TEST(FuzzSoak, ManySeeds) {
  const uint64_t count = EnvU64("ACD_SOAK_SEEDS", 0);
  if (count == 0) GTEST_SKIP() << "set ACD_SOAK_SEEDS=100000 to soak";
  const uint64_t threads =
      EnvU64("ACD_SOAK_THREADS", std::max(1u, std::thread::hardware_concurrency()));
  const int events = static_cast<int>(EnvU64("ACD_FUZZ_EVENTS", kEvents));
  const uint64_t first = EnvU64("ACD_SOAK_FROM", kCiSeeds + 1);
  std::atomic<uint64_t> next{first};
  std::atomic<uint64_t> done{0};
  std::atomic<uint64_t> failures{0};
  std::mutex out;
  std::vector<std::thread> pool;
  for (uint64_t t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (uint64_t seed = next++; seed < first + count; seed = next++) {
        const FuzzResult result = RunFuzzSeed(Options(seed, events));
        if (++done % 1000 == 0) {
          std::lock_guard<std::mutex> lock(out);
          std::cout << "soak: " << done.load() << " seeds done, up to about " << seed << std::endl;
        }
        if (result.ok) continue;
        ++failures;
        std::lock_guard<std::mutex> lock(out);
        std::cout << result.report << std::endl;
      }
    });
  }
  for (std::thread& t : pool) t.join();
  EXPECT_EQ(failures.load(), 0u) << "failing seeds are printed above";
}

// The generator must keep exercising what the invariants are about; a
// generator that drifted into trivial streams would pass everything.
TEST(FuzzCoverage, StreamsExerciseFaultsDispositionsAndStates) {
  FuzzStats total;
  CallCounts counts;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const FuzzResult result = RunFuzzSeed(Options(seed, 2000));
    ASSERT_TRUE(result.ok) << result.report;
    for (int f = 0; f < static_cast<int>(Fault::kCount); ++f) {
      total.fault_counts[f] += result.stats.fault_counts[f];
    }
    total.accepted += result.stats.accepted;
    total.rejected += result.stats.rejected;
    for (int d = 0; d < kDispositionCount; ++d) counts.by_disposition[d] += result.counts.by_disposition[d];
    for (size_t k = 0; k < std::size(total.by_command); ++k) {
      total.by_command[k] += result.stats.by_command[k];
    }
    for (size_t k = 0; k < std::size(total.accepted_by_event); ++k) {
      total.accepted_by_event[k] += result.stats.accepted_by_event[k];
    }
    for (int r = 0; r < 6; ++r) total.cancels_by_reason[r] += result.stats.cancels_by_reason[r];
    total.ring_all_offers += result.stats.ring_all_offers;
    total.no_answer_pauses += result.stats.no_answer_pauses;
    total.preferred_offers += result.stats.preferred_offers;
    total.transfer_offers += result.stats.transfer_offers;
    total.progressive_offers += result.stats.progressive_offers;
    total.skill_expr_offers += result.stats.skill_expr_offers;
    total.score_offers += result.stats.score_offers;
    total.ordered_offers += result.stats.ordered_offers;
    total.level_offers += result.stats.level_offers;
    total.rules_held += result.stats.rules_held;
    total.rules_passed_over += result.stats.rules_passed_over;
    for (size_t c = 0; c < std::size(total.routes_by_cause); ++c) {
      total.routes_by_cause[c] += result.stats.routes_by_cause[c];
    }
  }
  // The center rules: each kind of decision they make must happen.
  EXPECT_GT(total.preferred_offers, 0u) << "no offer to a caller's own seller";
  EXPECT_GT(total.transfer_offers, 0u) << "no call transferred to a named colleague";
  EXPECT_GT(total.progressive_offers, 0u) << "no agent added by progressive ringing";
  EXPECT_GT(total.skill_expr_offers, 0u) << "no offer of a call with a skill expression";
  EXPECT_GT(total.score_offers, 0u) << "no offer in a best_skill_score queue";
  EXPECT_GT(total.ordered_offers, 0u) << "no offer in a queue with an order_by";
  EXPECT_GT(total.level_offers, 0u) << "no waiting caller offered to an agent AgentSetLevel raised";
  EXPECT_GT(total.rules_held, 0u);
  EXPECT_GT(total.rules_passed_over, 0u);
  for (RouteCause cause : {RouteCause::kEntryRule, RouteCause::kEntryDefault,
                           RouteCause::kQueueFull, RouteCause::kMaxWait, RouteCause::kRule,
                           RouteCause::kLeaveWhenEmpty, RouteCause::kDeclined,
                           RouteCause::kJoinEmpty}) {
    EXPECT_GT(total.routes_by_cause[static_cast<int>(cause)], 0u)
        << "no call routed for " << ToString(cause);
  }
  for (size_t k = 0; k < std::size(total.by_command); ++k) {
    EXPECT_GT(total.by_command[k], 0u) << "command never emitted: index " << k;
  }
  for (size_t k = 0; k < std::size(total.accepted_by_event); ++k) {
    EXPECT_GT(total.accepted_by_event[k], 0u) << "event never accepted: index " << k;
  }
  for (int r = 0; r < 6; ++r) {
    EXPECT_GT(total.cancels_by_reason[r], 0u)
        << "offer never cancelled for " << ToString(CancelReason(r));
  }
  EXPECT_GT(total.ring_all_offers, 0u);
  EXPECT_GT(total.no_answer_pauses, 0u) << "no agent was ever paused for missed offers";
  for (int f = 1; f < static_cast<int>(Fault::kCount); ++f) {
    EXPECT_GT(total.fault_counts[f], 0u) << "fault never injected: " << FaultName(Fault(f));
  }
  for (int d = 1; d < kDispositionCount; ++d) {
    EXPECT_GT(counts.by_disposition[d], 0u)
        << "disposition never reached: " << ToString(Disposition(d));
  }
  EXPECT_GT(total.accepted, 5 * total.rejected) << "streams are mostly rejected events";
}

}  // namespace
}  // namespace acd::testing
