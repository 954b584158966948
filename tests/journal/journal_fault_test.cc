// The journal under faults (tests/env/fault_injection_env.h): power loss
// after unsynced appends, write and sync errors, a full disk, and crashes
// around snapshots. The rule under test: every record whose Sync returned
// OK is recovered; nothing else is promised.
#include <random>
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
using test_env::Payload;
using test_env::Recover;
using test_env::TempDir;
using test_env::TypeOf;
using ::testing::HasSubstr;

JournalOptions SmallBuffers() {
  JournalOptions options;
  options.segment_bytes = 8192;
  options.buffer_bytes = 256;  // unsynced bytes reach the file early
  return options;
}

TEST(JournalFault, DropUnsyncedDataKeepsExactlyTheSyncedPrefix) {
  TempDir dir;
  FaultInjectionEnv env;
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallBuffers());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(AppendUpTo(**writer, 100).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
    ASSERT_TRUE(AppendUpTo(**writer, 150).ok());
    ASSERT_TRUE(env.DropUnsyncedData().ok());  // the crash
  }
  ASSERT_TRUE(Recover(env, dir.path(), SmallBuffers())->IsRange(1, 100));
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallBuffers());
    ASSERT_TRUE(writer.ok());
    EXPECT_EQ((*writer)->next_seq(), 101u);
    ASSERT_TRUE(AppendUpTo(**writer, 200).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
    ASSERT_TRUE(env.DropUnsyncedData().ok());
  }
  EXPECT_TRUE(Recover(env, dir.path(), SmallBuffers())->IsRange(1, 200));
}

TEST(JournalFault, SeededCrashesNeverLoseASyncedRecord) {
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    TempDir dir;
    FaultInjectionEnv env;
    uint64_t acked = 0;
    for (int life = 0; life < 3; ++life) {
      auto writer = JournalWriter::Open(env, dir.path(), SmallBuffers());
      ASSERT_TRUE(writer.ok()) << writer.status();
      ASSERT_EQ((*writer)->next_seq(), acked + 1);
      const int batches = static_cast<int>(rng() % 8);
      for (int b = 0; b < batches; ++b) {
        ASSERT_TRUE(AppendUpTo(**writer, (*writer)->next_seq() + rng() % 40).ok());
        if (rng() % 3 != 0) {
          ASSERT_TRUE((*writer)->Sync().ok());
        }
      }
      acked = (*writer)->synced_seq();
      ASSERT_TRUE(env.DropUnsyncedData().ok());
    }
    EXPECT_TRUE(Recover(env, dir.path(), SmallBuffers())->IsRange(1, acked));
  }
}

// Appends until `fault` is set, then keeps going until the writer fails;
// checks the failure sticks and that recovery keeps every acked record.
void ExpectFailureKeepsAcked(FaultInjectionEnv& env, const std::string& dir,
                             const std::function<void()>& fault, absl::StatusCode code,
                             const std::string& message) {
  auto writer = JournalWriter::Open(env, dir, SmallBuffers());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(AppendUpTo(**writer, 50).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  fault();
  absl::Status failed;
  for (int i = 0; i < 200 && failed.ok(); ++i) {
    const uint64_t seq = (*writer)->next_seq();
    absl::StatusOr<uint64_t> appended = (*writer)->Append(TypeOf(seq), Payload(seq));
    failed = appended.ok() ? (*writer)->Sync() : appended.status();
  }
  ASSERT_EQ(failed.code(), code) << failed;
  EXPECT_THAT(std::string(failed.message()), HasSubstr(message));
  const uint64_t acked = (*writer)->synced_seq();
  EXPECT_GE(acked, 50u);
  env.ClearFaults();
  // Sticky: the first error, even once the disk is fine again.
  EXPECT_EQ((*writer)->Append(1, "x").status(), failed);
  EXPECT_EQ((*writer)->Sync(), failed);
  EXPECT_EQ((*writer)->status(), failed);
  writer->reset();

  absl::StatusOr<test_env::Recovered> got = Recover(env, dir, SmallBuffers());
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_GE(got->seqs.size(), acked);
  EXPECT_TRUE(got->IsRange(1, got->seqs.size()));
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  got = Recover(env, dir, SmallBuffers());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, acked));
}

TEST(JournalFault, WriteErrorFailsTheWriterAndKeepsAcked) {
  TempDir dir;
  FaultInjectionEnv env;
  ExpectFailureKeepsAcked(env, dir.path(), [&] { env.FailWrites(1); },
                          absl::StatusCode::kInternal, "cannot write: injected I/O error");
}

TEST(JournalFault, SyncErrorFailsTheWriterAndKeepsAcked) {
  TempDir dir;
  FaultInjectionEnv env;
  ExpectFailureKeepsAcked(env, dir.path(), [&] { env.FailSyncs(1); },
                          absl::StatusCode::kInternal, "cannot sync: injected I/O error");
}

TEST(JournalFault, DiskFullFailsTheWriterAndKeepsAcked) {
  TempDir dir;
  FaultInjectionEnv env;
  ExpectFailureKeepsAcked(env, dir.path(), [&] { env.SetDiskBudget(3000); },
                          absl::StatusCode::kResourceExhausted, "disk full: ");
}

TEST(JournalFault, TornLastWriteLosesOnlyTheTornRecord) {
  TempDir dir;
  FaultInjectionEnv env;
  auto writer = JournalWriter::Open(env, dir.path(), JournalOptions{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(AppendUpTo(**writer, 30).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  writer->reset();
  ASSERT_TRUE(env.TearTail(dir.File(journal::SegmentFileName(1)), 5).ok());
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 29));
  ASSERT_EQ(got->summary.cuts.size(), 1u);
  EXPECT_TRUE(got->summary.cuts[0].torn_tail);
  EXPECT_THAT(got->summary.cuts[0].reason, HasSubstr("incomplete record"));
}

TEST(JournalSnapshot, CrashBeforeRenameUsesThePreviousSnapshot) {
  TempDir dir;
  FaultInjectionEnv env;
  auto writer = JournalWriter::Open(env, dir.path(), SmallBuffers());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(AppendUpTo(**writer, 100).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(100, "state@100").ok());
  ASSERT_TRUE(AppendUpTo(**writer, 200).ok());
  env.FailRenames(1);
  EXPECT_FALSE((*writer)->WriteSnapshot(200, "state@200").ok());
  EXPECT_TRUE((*writer)->status().ok());  // the journal itself is fine
  // A crash between the temp file's write and the rename leaves it behind.
  const std::string temp = dir.File(journal::SnapshotFileName(200) + ".tmp");
  ASSERT_TRUE(WriteFileAtomically(env, temp, "half a snaps").ok());
  ASSERT_TRUE(AppendUpTo(**writer, 210).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  writer->reset();

  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallBuffers());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->snapshot_seq, 100u);
  EXPECT_EQ(got->snapshot, "state@100");
  EXPECT_TRUE(got->IsRange(101, 210));
  ASSERT_EQ(got->summary.removed.size(), 1u);
  EXPECT_THAT(got->summary.removed[0], HasSubstr(".snap.tmp: an unfinished write, removed"));
  EXPECT_FALSE(env.FileExists(temp));
}

TEST(JournalSnapshot, CorruptNewestSnapshotFallsBackAndIsReported) {
  TempDir dir;
  Env& env = Env::Default();
  auto writer = JournalWriter::Open(env, dir.path(), SmallBuffers());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(AppendUpTo(**writer, 100).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(100, "state@100").ok());
  ASSERT_TRUE(AppendUpTo(**writer, 200).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(200, "state@200").ok());
  ASSERT_TRUE((*writer)->Close().ok());
  const std::string newest = dir.File(journal::SnapshotFileName(200));
  std::string bytes = *env.ReadFileToString(newest, 1000);
  bytes.back() ^= 0x20;
  ASSERT_TRUE(WriteFileAtomically(env, newest, bytes).ok());

  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallBuffers());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->snapshot_seq, 100u);
  EXPECT_TRUE(got->IsRange(101, 200));
  ASSERT_EQ(got->summary.snapshots_skipped.size(), 1u);
  EXPECT_EQ(got->summary.snapshots_skipped[0],
            journal::SnapshotFileName(200) + ": checksum mismatch");
  EXPECT_THAT(got->summary.ToString(), HasSubstr("skipped snapshot"));
}

}  // namespace
}  // namespace acd
