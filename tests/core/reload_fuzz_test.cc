// Live reload under the seeded fuzz: the fuzz driver (sim_driver.h) with
// Engine::Reconfigure at random steps.
//
//   Identity: 300 seeds x 3,000 steps, reloading the engine's own center
//             (the StateHash stays, the never-reloaded twin keeps agreeing).
//   Mutated:  300 seeds x 3,000 steps, also reloading changed centers
//             (MutateCenter); after the first accepted change the shadow
//             model is off and the model-free checks go on.
//   Rules:    100 seeds x 3,000 steps, every reload changing overflow rules
//             (MutateRules) under callers who keep theirs
//             (keep_rules_at_entry), with restores from snapshots between.
//   One seed: ACD_SEED=<n> [ACD_FUZZ_EVENTS=<k>] [ACD_RELOADS=identity|mutated|rules]
//             [ACD_RESTORES=1] core_reload_fuzz_test --gtest_filter='ReloadOne.*'
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

constexpr uint64_t kSeeds = 300;
constexpr uint64_t kMutatedFirstSeed = 100'001;  // other centers than the identity suite's
constexpr uint64_t kRulesFirstSeed = 300'001;
constexpr uint64_t kRulesSeeds = 100;
constexpr int kShards = 10;
constexpr int kEvents = 3000;

FuzzOptions Options(uint64_t seed, int events, ReloadMode reloads) {
  FuzzOptions options;
  options.seed = seed;
  options.events = events;
  options.reloads = reloads;
  return options;
}

// Sums what the tests assert on.
struct Totals {
  uint64_t identity = 0, accepted = 0, refused = 0, unshadowed = 0, queue_removed = 0;
  uint64_t refused_by_code[17] = {};

  void Add(const FuzzStats& s) {
    identity += s.reloads_identity;
    accepted += s.reloads_accepted;
    for (int c = 0; c < 17; ++c) {
      refused += s.reloads_refused_by_code[c];
      refused_by_code[c] += s.reloads_refused_by_code[c];
    }
    unshadowed += s.steps_unshadowed;
    queue_removed += s.routes_by_cause[static_cast<int>(RouteCause::kQueueRemoved)];
  }
  std::string Describe() const {
    std::string out = std::to_string(identity) + " identity reloads; changed centers: " +
                      std::to_string(accepted) + " accepted, " + std::to_string(refused) +
                      " refused (";
    for (int c = 0; c < 17; ++c) {
      if (refused_by_code[c] == 0) continue;
      out += absl::StatusCodeToString(static_cast<absl::StatusCode>(c)) + " " +
             std::to_string(refused_by_code[c]) + " ";
    }
    return out + "); " + std::to_string(queue_removed) + " calls routed for a removed queue; " +
           std::to_string(unshadowed) + " steps checked without the shadow model";
  }
};

Totals RunShard(uint64_t first_seed, int shard, ReloadMode reloads) {
  Totals totals;
  for (uint64_t seed = first_seed + shard; seed < first_seed + ScaledSeeds(kSeeds); seed += kShards) {
    std::cout << "seed " << seed << std::endl;  // a hang shows its seed in ctest's timeout output
    const FuzzResult result = RunFuzzSeed(Options(seed, kEvents, reloads));
    EXPECT_TRUE(result.ok) << result.report;
    if (!result.ok) break;
    totals.Add(result.stats);
  }
  std::cout << "shard " << shard << ": " << totals.Describe() << "\n";
  return totals;
}

class ReloadShard : public ::testing::TestWithParam<int> {};

TEST_P(ReloadShard, IdentityReloadsChangeNothing) {
  const Totals totals = RunShard(1, GetParam(), ReloadMode::kIdentity);
  EXPECT_GT(totals.identity, 0u);
  EXPECT_EQ(totals.accepted + totals.refused, 0u);
}

TEST_P(ReloadShard, ChangedCentersKeepEveryCall) {
  const Totals totals = RunShard(kMutatedFirstSeed, GetParam(), ReloadMode::kMutated);
  // Every shard sees both answers and runs on without the shadow model
  // (on its full share of seeds: the sanitizer run takes a tenth, and
  // ReloadCoverage checks the same over fixed seeds).
  EXPECT_EQ(totals.refused, totals.refused_by_code[static_cast<int>(absl::StatusCode::kFailedPrecondition)]);
  if (ScaledSeeds(kSeeds) < kSeeds) return;
  EXPECT_GT(totals.accepted, 0u) << totals.Describe();
  EXPECT_GT(totals.refused_by_code[static_cast<int>(absl::StatusCode::kFailedPrecondition)], 0u)
      << totals.Describe();
  EXPECT_GT(totals.unshadowed, 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ReloadShard, ::testing::Range(0, kShards));

// The decisions a reload makes must all happen: over the mutated suite's
// first seeds, changed centers accepted and refused (FailedPrecondition),
// and calls of a removed queue routed by on_queue_removed.
TEST(ReloadCoverage, AcceptedRefusedAndRouted) {
  Totals totals;
  for (uint64_t seed = kMutatedFirstSeed; seed < kMutatedFirstSeed + 80; ++seed) {
    const FuzzResult result = RunFuzzSeed(Options(seed, kEvents, ReloadMode::kMutated));
    ASSERT_TRUE(result.ok) << result.report;
    totals.Add(result.stats);
  }
  std::cout << totals.Describe() << "\n";
  EXPECT_GT(totals.identity, 0u);
  EXPECT_GT(totals.accepted, 0u);
  EXPECT_GT(totals.refused_by_code[static_cast<int>(absl::StatusCode::kFailedPrecondition)], 0u);
  EXPECT_GT(totals.queue_removed, 0u) << "no call was routed for a removed queue";
  EXPECT_GT(totals.unshadowed, 0u);
}

// Rules kept across reloads: every reload changes some queue's rules (and
// now and then removes or reorders queues), the engine is restored from its
// own snapshot now and then, and every step is checked as in the mutated
// suite (the engine's invariants, DESIGN 34 and 35 among them; the twin;
// every call ending once).
TEST(KeptRulesReloads, CallersKeepTheirRulesThroughChanges) {
  Totals totals;
  for (uint64_t seed = kRulesFirstSeed; seed < kRulesFirstSeed + ScaledSeeds(kRulesSeeds); ++seed) {
    FuzzOptions options = Options(seed, kEvents, ReloadMode::kRules);
    options.restores = true;
    const FuzzResult result = RunFuzzSeed(options);
    ASSERT_TRUE(result.ok) << result.report;
    totals.Add(result.stats);
  }
  std::cout << totals.Describe() << "\n";
  EXPECT_GT(totals.accepted, 0u);
  EXPECT_EQ(totals.identity, 0u);
}

// Seeds that once failed, with the reload mode they failed in: a shorter
// max_length than the line (100025, 100034, 100059, 100073, 100080,
// 200314), a ring-all group above the new ring limit (200019, 200794), a
// callback's delay stage (200072, 200093), a progress timer left by a queue
// that no longer rings progressively (100134, it hung), a connected call's
// stage recomputed on an identical center (5), an agent with room for
// another call who stayed filed under their count from before a callback
// connected (100033: found when the state hash began to cover ready-index
// keys), a capture whose callback was requested still counted as a place
// in line after the callback had moved, so a later caller with a wait
// credit was placed against the stale place (100224, invariant 18).
TEST(ReloadRegression, SeedsThatOnceFailed) {
  const std::pair<uint64_t, ReloadMode> seeds[] = {
      {5, ReloadMode::kIdentity},       {100025, ReloadMode::kMutated},
      {100034, ReloadMode::kMutated},   {100059, ReloadMode::kMutated},
      {100073, ReloadMode::kMutated},   {100080, ReloadMode::kMutated},
      {200314, ReloadMode::kMutated},   {200019, ReloadMode::kMutated},
      {200794, ReloadMode::kMutated},   {200072, ReloadMode::kMutated},
      {200093, ReloadMode::kMutated},   {100134, ReloadMode::kMutated},
      {100033, ReloadMode::kMutated},   {100224, ReloadMode::kMutated}};
  for (const auto& [seed, mode] : seeds) {
    const FuzzResult result = RunFuzzSeed(Options(seed, kEvents, mode));
    EXPECT_TRUE(result.ok) << result.report;
  }
}

TEST(ReloadOne, Seed) {
  const uint64_t seed = EnvU64("ACD_SEED", 0);
  if (seed == 0) GTEST_SKIP() << "set ACD_SEED=<n> to run one seed";
  const int events = static_cast<int>(EnvU64("ACD_FUZZ_EVENTS", kEvents));
  const std::string mode = std::getenv("ACD_RELOADS") != nullptr ? std::getenv("ACD_RELOADS") : "";
  const ReloadMode reloads = mode == "identity" ? ReloadMode::kIdentity
                             : mode == "rules"  ? ReloadMode::kRules
                                                : ReloadMode::kMutated;
  FuzzOptions options = Options(seed, events, reloads);
  options.restores = EnvU64("ACD_RESTORES", 0) != 0;
  const FuzzResult result = RunFuzzSeed(options);
  ASSERT_TRUE(result.ok) << result.report;
  Totals totals;
  totals.Add(result.stats);
  std::cout << "seed " << seed << ": " << totals.Describe() << "; " << result.stats.accepted
            << " events accepted, " << result.counts.arrived << " calls arrived, "
            << result.counts.ended << " ended\n";
}

}  // namespace
}  // namespace acd::testing
