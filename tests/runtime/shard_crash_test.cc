// Seeded crashes of a journaling shard: inputs journaled with random Sync
// points and snapshots, power losses (DropUnsyncedData) and torn tails at
// random points, recovery, and appending on after it, several times a seed.
// Each recovery must keep every input whose Sync returned OK and give the
// StateHash of an engine that applied exactly the recovered inputs without
// stopping.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/env/fault_injection_env.h"
#include "tests/env/temp_dir.h"
#include "tests/runtime/shard_test_util.h"

namespace acd {
namespace {

using test_env::FaultInjectionEnv;
using test_env::TempDir;
using test_runtime::Feed;
using test_runtime::HashAfter;
using test_runtime::InputStream;
using test_runtime::MakeStream;

struct CrashStats {
  int crashes = 0, torn = 0, process = 0, snapshots = 0;
  uint64_t lost_unsynced = 0;
};

// A crash: a power loss (every unsynced byte gone), a crash whose last
// unsynced write reached the disk only in part (a torn tail), or a process
// crash (what was handed to the OS stays, unsynced: a later power loss may
// still take it unless recovery syncs what it read).
void Crash(FaultInjectionEnv& env, const std::string& dir, testing::TestRng& rng,
           CrashStats& stats) {
  if (rng.PerMille(300)) {
    ++stats.process;
    return;
  }
  const std::string segment = test_runtime::NewestSegment(env, dir);
  if (!segment.empty() && rng.PerMille(500)) {
    const uint64_t size = *env.GetFileSize(segment);
    const uint64_t unsynced = size - env.SyncedSize(segment);
    if (unsynced > 1) {
      ASSERT_TRUE(env.TearTail(segment, 1 + rng.Below(unsynced - 1)).ok());
      ++stats.torn;
      return;  // the other unsynced bytes survive (the OS had them)
    }
  }
  ASSERT_TRUE(env.DropUnsyncedData().ok());
}

void RunCrashSeed(uint64_t seed, CrashStats& stats) {
  SCOPED_TRACE(absl::StrCat("seed ", seed, " (rerun: ACD_SHARD_CRASH_SEED=", seed, ")"));
  const InputStream stream = MakeStream(seed, 2500);
  testing::TestRng rng(seed * 7919 + 1);
  FaultInjectionEnv env;
  TempDir dir;
  ShardJournalOptions options;
  options.journal.segment_bytes = 2048 + rng.Below(16384);
  options.journal.buffer_bytes = 64 + rng.Below(4096);  // unsynced bytes reach the OS
  options.journal.keep_snapshots = 1 + static_cast<int>(rng.Below(2));
  options.snapshot_every_records = 50 + rng.Below(400);
  options.snapshot_every_ms = 0;
  NullSink sink;
  auto opened = ShardJournal::Create(env, dir.path(), stream.center, stream.engine_seed, &sink,
                                     options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  std::vector<ShardRecord> journaled;  // input i has seq i + 2 (seq 1 is kOpen)
  size_t synced = 0;
  for (size_t next = 0; next < stream.inputs.size(); ++next) {
    ASSERT_TRUE(Feed(*opened->journal, *opened->engine, stream.inputs[next]).ok());
    journaled.push_back(stream.inputs[next]);
    if (rng.PerMille(40)) {
      ASSERT_TRUE(opened->journal->Sync().ok());
      synced = journaled.size();
      bool written = false;
      ASSERT_TRUE(opened->journal->MaybeSnapshot(*opened->engine, &written).ok());
      stats.snapshots += written;
    }
    if (!rng.PerMille(3) && next + 1 < stream.inputs.size()) continue;
    // A crash (and at the end, one more).
    opened->journal.reset();  // the writer's buffer is lost, as in a crash
    Crash(env, dir.path(), rng, stats);
    ++stats.crashes;
    opened = ShardJournal::Open(env, dir.path(), &sink, options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    const uint64_t recovered = opened->summary.journal.next_seq - 2;
    ASSERT_GE(recovered, synced) << "an input whose Sync returned OK is lost";
    ASSERT_LE(recovered, journaled.size());
    stats.lost_unsynced += journaled.size() - recovered;
    journaled.resize(recovered);
    synced = recovered;  // what recovery read is synced now (tail cut and synced)
    ASSERT_EQ(opened->engine->StateHash(), HashAfter(stream, journaled, journaled.size()))
        << "recovered after " << stats.crashes << " crashes, " << recovered << " inputs";
  }
}

TEST(ShardCrash, SeededCrashesLoseNothingSyncedAndReplayExactly) {
  uint64_t first = 1, count = 12;  // not scaled: the coverage checks below need them all
  if (const char* one = std::getenv("ACD_SHARD_CRASH_SEED")) {
    first = std::strtoull(one, nullptr, 10);
    count = 1;
  }
  CrashStats stats;
  for (uint64_t seed = first; seed < first + count; ++seed) {
    RunCrashSeed(seed, stats);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(stats.crashes, static_cast<int>(count));
  EXPECT_GT(stats.torn, 0);
  EXPECT_GT(stats.process, 0);
  EXPECT_GT(stats.snapshots, 0);
  EXPECT_GT(stats.lost_unsynced, 0u);
  std::printf("%d crashes (%d torn tails, %d process crashes), %d snapshots, %llu unsynced "
              "inputs lost\n", stats.crashes, stats.torn, stats.process, stats.snapshots,
              static_cast<unsigned long long>(stats.lost_unsynced));
}

}  // namespace
}  // namespace acd
