// The pipelined group commit (JournalWriter::StartSync / FinishSync): one
// batch's fdatasync runs on the writer's thread of its own while the next
// batch is appended (and written). What must hold: FinishSync's OK makes
// durable everything appended before StartSync (a power loss keeps those
// records whatever was appended during the sync); `done` runs before
// FinishSync returns; a failed background sync fails the writer for good; a
// rotation, a Sync, a snapshot, Close and the destructor wait for the sync
// in flight first.
#include <atomic>
#include <string>

#include "acd/journal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/fault_injection_env.h"
#include "tests/env/temp_dir.h"
#include "tests/journal/journal_test_util.h"

namespace acd {
namespace {

using test_env::AppendUpTo;
using test_env::FaultInjectionEnv;
using test_env::Recover;
using test_env::SegmentNames;
using test_env::TempDir;
using ::testing::HasSubstr;

JournalOptions SmallBuffer(bool prepared) {
  JournalOptions options;
  options.segment_bytes = 4096;
  options.buffer_bytes = 64;  // appends during the sync reach the file at once
  options.prepare_segments = prepared;
  return options;
}

class JournalBackgroundSync : public ::testing::TestWithParam<bool> {};

TEST_P(JournalBackgroundSync, APowerLossKeepsWhatWasAppendedBeforeTheSyncBegan) {
  TempDir dir;
  FaultInjectionEnv env;
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallBuffer(GetParam()));
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE(AppendUpTo(**writer, 30).ok());
    std::atomic<bool> done{false};
    ASSERT_TRUE((*writer)->StartSync([&] { done = true; }).ok());
    EXPECT_TRUE((*writer)->sync_in_flight());
    ASSERT_TRUE(AppendUpTo(**writer, 50).ok());  // the next batch, meanwhile
    ASSERT_TRUE((*writer)->FinishSync().ok());
    EXPECT_TRUE(done.load());
    EXPECT_FALSE((*writer)->sync_in_flight());
    EXPECT_EQ((*writer)->synced_seq(), 30u);
    EXPECT_EQ((*writer)->next_seq(), 51u);
    ASSERT_TRUE(env.DropUnsyncedData().ok());  // 31..50 were never synced
  }
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallBuffer(GetParam()));
  ASSERT_TRUE(got.ok()) << got.status();
  // 1..30 for sure; those written before the sync thread got to its
  // fdatasync are durable too (as on a real disk), the rest is gone.
  ASSERT_GE(got->seqs.size(), 30u);
  EXPECT_TRUE(got->IsRange(1, got->seqs.size())) << got->seqs.size();
}

TEST_P(JournalBackgroundSync, BatchesInTurnAreEachDurableAfterTheirFinish) {
  TempDir dir;
  FaultInjectionEnv env;
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallBuffer(GetParam()));
    ASSERT_TRUE(writer.ok()) << writer.status();
    // Enough batches to rotate several times: a rotation waits for the sync
    // in flight, then closes the segment that sync was on.
    for (uint64_t last = 10; last <= 600; last += 10) {
      ASSERT_TRUE(AppendUpTo(**writer, last).ok());
      ASSERT_TRUE((*writer)->FinishSync().ok());  // the batch before
      ASSERT_TRUE((*writer)->StartSync(nullptr).ok());
    }
    ASSERT_TRUE((*writer)->FinishSync().ok());
    EXPECT_EQ((*writer)->synced_seq(), 600u);
    EXPECT_GT(SegmentNames(env, dir.path()).size(), 3u);
    ASSERT_TRUE(AppendUpTo(**writer, 620).ok());
    ASSERT_TRUE(env.DropUnsyncedData().ok());
  }
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallBuffer(GetParam()));
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 600)) << got->seqs.size();
}

TEST_P(JournalBackgroundSync, AFailedBackgroundSyncFailsTheWriterForGood) {
  TempDir dir;
  FaultInjectionEnv env;
  auto writer = JournalWriter::Open(env, dir.path(), SmallBuffer(GetParam()));
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, 5).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  ASSERT_TRUE(AppendUpTo(**writer, 9).ok());
  env.FailSyncs(1);
  ASSERT_TRUE((*writer)->StartSync(nullptr).ok());
  const absl::Status failed = (*writer)->FinishSync();
  EXPECT_THAT(failed.message(), HasSubstr("injected"));
  EXPECT_EQ((*writer)->synced_seq(), 5u);
  EXPECT_EQ((*writer)->Append(1, "x").status(), failed);
  EXPECT_EQ((*writer)->StartSync(nullptr), failed);
  EXPECT_EQ((*writer)->Sync(), failed);
}

TEST_P(JournalBackgroundSync, SyncSnapshotCloseAndTheDestructorWaitForTheSyncInFlight) {
  TempDir dir;
  FaultInjectionEnv env;
  std::atomic<int> done{0};
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallBuffer(GetParam()));
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE(AppendUpTo(**writer, 3).ok());
    ASSERT_TRUE((*writer)->StartSync([&] { ++done; }).ok());
    ASSERT_TRUE(AppendUpTo(**writer, 6).ok());
    ASSERT_TRUE((*writer)->Sync().ok());  // finishes the one in flight, then syncs 4..6
    EXPECT_EQ(done.load(), 1);
    EXPECT_EQ((*writer)->synced_seq(), 6u);

    ASSERT_TRUE(AppendUpTo(**writer, 8).ok());
    ASSERT_TRUE((*writer)->StartSync([&] { ++done; }).ok());
    ASSERT_TRUE((*writer)->WriteSnapshot(8, "state after 8").ok());
    EXPECT_EQ(done.load(), 2);

    ASSERT_TRUE(AppendUpTo(**writer, 9).ok());
    ASSERT_TRUE((*writer)->StartSync([&] { ++done; }).ok());
    ASSERT_TRUE((*writer)->Close().ok());
    EXPECT_EQ(done.load(), 3);
  }
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallBuffer(GetParam()));
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE(AppendUpTo(**writer, 12).ok());
    ASSERT_TRUE((*writer)->StartSync([&] { ++done; }).ok());
  }  // the destructor waits for it: nothing runs on a closed file
  EXPECT_EQ(done.load(), 4);
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallBuffer(GetParam()));
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->snapshot_seq.has_value());
  EXPECT_EQ(*got->snapshot_seq, 8u);
  EXPECT_GE(got->summary.last_seq, 12u);  // the destructor's sync covered 10..12
}

INSTANTIATE_TEST_SUITE_P(Segments, JournalBackgroundSync, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Prepared" : "Growing"; });

}  // namespace
}  // namespace acd
