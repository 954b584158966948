// Restores from snapshots under the seeded fuzz: the fuzz driver
// (sim_driver.h) replaces its engine by Engine::Restore of the engine's own
// Snapshot() at random steps (about 1 in 300); the restored engine must
// report the same StateHash and snapshot bytes, emit nothing, and then the
// same commands as the twin engine that never stopped.
//
//   Plain:    300 seeds x 3,000 steps with restores.
//   Reloads:  100 seeds x 3,000 steps with restores and live reloads to
//             changed centers (a restore then runs under the new center).
//   One seed: ACD_SEED=<n> [ACD_FUZZ_EVENTS=<k>] core_snapshot_fuzz_test
//             --gtest_filter='SnapshotOne.*'
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

constexpr uint64_t kSeeds = 300;
constexpr uint64_t kReloadSeeds = 100;
constexpr uint64_t kReloadFirstSeed = 300'001;
constexpr int kShards = 10;
constexpr int kEvents = 3000;

FuzzOptions Options(uint64_t seed, int events, ReloadMode reloads) {
  FuzzOptions options;
  options.seed = seed;
  options.events = events;
  options.reloads = reloads;
  options.restores = true;
  return options;
}

struct Totals {
  uint64_t restores = 0, reloads_accepted = 0, snapshot_bytes_max = 0;
};

Totals RunShard(uint64_t first_seed, uint64_t seeds, int shard, ReloadMode reloads) {
  Totals totals;
  for (uint64_t seed = first_seed + shard; seed < first_seed + ScaledSeeds(seeds); seed += kShards) {
    std::cout << "seed " << seed << std::endl;  // a hang shows its seed in ctest's timeout output
    const FuzzResult result = RunFuzzSeed(Options(seed, kEvents, reloads));
    EXPECT_TRUE(result.ok) << result.report;
    if (!result.ok) break;
    totals.restores += result.stats.restores;
    totals.reloads_accepted += result.stats.reloads_accepted;
    totals.snapshot_bytes_max = std::max(totals.snapshot_bytes_max, result.stats.snapshot_bytes_max);
  }
  std::cout << "shard " << shard << ": " << totals.restores << " restores, "
            << totals.reloads_accepted << " changed centers accepted, largest snapshot "
            << totals.snapshot_bytes_max << " bytes\n";
  return totals;
}

class SnapshotShard : public ::testing::TestWithParam<int> {};

TEST_P(SnapshotShard, RestoredEnginesAgreeWithTheTwin) {
  const Totals totals = RunShard(1, kSeeds, GetParam(), ReloadMode::kOff);
  EXPECT_GT(totals.restores, 0u);
}

TEST_P(SnapshotShard, RestoresAfterChangedCenters) {
  const Totals totals = RunShard(kReloadFirstSeed, kReloadSeeds, GetParam(), ReloadMode::kMutated);
  EXPECT_GT(totals.restores, 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SnapshotShard, ::testing::Range(0, kShards));

TEST(SnapshotOne, Seed) {
  const uint64_t seed = EnvU64("ACD_SEED", 0);
  if (seed == 0) GTEST_SKIP() << "set ACD_SEED to run one seed";
  const std::string mode = std::getenv("ACD_RELOADS") ? std::getenv("ACD_RELOADS") : "";
  const FuzzResult result =
      RunFuzzSeed(Options(seed, static_cast<int>(EnvU64("ACD_FUZZ_EVENTS", kEvents)),
                          mode == "mutated" ? ReloadMode::kMutated : ReloadMode::kOff));
  EXPECT_TRUE(result.ok) << result.report;
  std::cout << result.stats.restores << " restores\n";
}

}  // namespace
}  // namespace acd::testing
