// JournalWriter on real files: round trips across rotations and restarts,
// group commit, snapshots and what DeleteObsolete keeps.
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
using test_env::SegmentNames;
using test_env::TempDir;
using ::testing::HasSubstr;

JournalOptions SmallSegments() {
  JournalOptions options;
  options.segment_bytes = 4096;
  options.buffer_bytes = 512;
  return options;
}

TEST(JournalWriter, RoundTripAcrossRotationsAndRestarts) {
  TempDir dir;
  Env& env = Env::Default();
  {
    auto writer = JournalWriter::Open(env, dir.path(), SmallSegments());
    ASSERT_TRUE(writer.ok()) << writer.status();
    EXPECT_EQ((*writer)->next_seq(), 1u);
    ASSERT_TRUE(AppendUpTo(**writer, 1500).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  EXPECT_GT(SegmentNames(env, dir.path()).size(), 10u);
  {
    RecoverySummary summary;
    auto writer = JournalWriter::Open(env, dir.path(), SmallSegments(), &summary);
    ASSERT_TRUE(writer.ok()) << writer.status();
    EXPECT_EQ(summary.last_seq, 1500u);
    EXPECT_EQ((*writer)->next_seq(), 1501u);
    ASSERT_TRUE(AppendUpTo(**writer, 2000).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
    EXPECT_EQ((*writer)->synced_seq(), 2000u);
  }
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallSegments());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 2000));
  EXPECT_EQ(got->summary.next_seq, 2001u);
  EXPECT_EQ(got->summary.records_by_type[1] + got->summary.records_by_type[2] +
                got->summary.records_by_type[3],
            2000u);
  EXPECT_TRUE(got->summary.cuts.empty());
  EXPECT_THAT(got->summary.ToString(), HasSubstr("2000 records (seq 1..2000"));
}

TEST(JournalWriter, GroupCommitSyncsOncePerBatch) {
  TempDir dir;
  FaultInjectionEnv env;
  auto writer = JournalWriter::Open(env, dir.path(), JournalOptions{});
  ASSERT_TRUE(writer.ok());
  const int syncs_before = env.syncs();
  ASSERT_TRUE(AppendUpTo(**writer, 1000).ok());
  EXPECT_EQ(env.syncs(), syncs_before);
  ASSERT_TRUE((*writer)->Sync().ok());
  EXPECT_EQ(env.syncs(), syncs_before + 1);
  ASSERT_TRUE((*writer)->Sync().ok());  // nothing new: no second fdatasync
  EXPECT_EQ(env.syncs(), syncs_before + 1);
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  EXPECT_TRUE(Recover(env, dir.path())->IsRange(1, 1000));
}

TEST(JournalWriter, RefusesBadAppendsButStaysUsable) {
  TempDir dir;
  auto writer = JournalWriter::Open(Env::Default(), dir.path(), JournalOptions{});
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ((*writer)->Append(0, "x").status().code(), absl::StatusCode::kInvalidArgument);
  const std::string huge(journal::kMaxPayloadBytes + 1, 'x');
  EXPECT_EQ((*writer)->Append(1, huge).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*(*writer)->Append(1, ""), 1u);
  EXPECT_TRUE((*writer)->Sync().ok());
  EXPECT_EQ((*writer)->WriteSnapshot(5, "s").code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_FALSE((*writer)->Append(1, "x").ok());
}

TEST(JournalSnapshot, RecoveryStartsAfterTheNewestSnapshot) {
  TempDir dir;
  Env& env = Env::Default();
  auto writer = JournalWriter::Open(env, dir.path(), SmallSegments());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(AppendUpTo(**writer, 300).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(300, "state@300").ok());
  ASSERT_TRUE(AppendUpTo(**writer, 450).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallSegments());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->snapshot_seq, 300u);
  EXPECT_EQ(got->snapshot, "state@300");
  EXPECT_TRUE(got->IsRange(301, 450));
  EXPECT_EQ(got->summary.snapshot_file, journal::SnapshotFileName(300));
}

TEST(JournalSnapshot, DeleteObsoleteKeepsWhatRecoveryNeeds) {
  TempDir dir;
  Env& env = Env::Default();
  auto writer = JournalWriter::Open(env, dir.path(), SmallSegments());
  ASSERT_TRUE(writer.ok());
  for (uint64_t snap : {200u, 400u, 600u}) {
    ASSERT_TRUE(AppendUpTo(**writer, snap).ok());
    ASSERT_TRUE((*writer)->WriteSnapshot(snap, absl::StrCat("state@", snap)).ok());
  }
  ASSERT_TRUE(AppendUpTo(**writer, 700).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  const size_t segments_before = SegmentNames(env, dir.path()).size();
  ASSERT_TRUE((*writer)->DeleteObsolete(600).ok());
  EXPECT_LT(SegmentNames(env, dir.path()).size(), segments_before);
  EXPECT_FALSE(env.FileExists(dir.File(journal::SnapshotFileName(200))));
  EXPECT_TRUE(env.FileExists(dir.File(journal::SnapshotFileName(400))));
  // The first remaining segment still holds seq 401.
  const std::string first = SegmentNames(env, dir.path()).front();
  EXPECT_LE(*journal::ParseSegmentFileName(first), 401u);

  // Even with the newest snapshot lost, the older kept one is enough.
  ASSERT_TRUE(env.TruncateFile(dir.File(journal::SnapshotFileName(600)), 10).ok());
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), SmallSegments());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->snapshot_seq, 400u);
  EXPECT_TRUE(got->IsRange(401, 700));
  ASSERT_EQ(got->summary.snapshots_skipped.size(), 1u);
  EXPECT_THAT(got->summary.snapshots_skipped[0],
              HasSubstr(journal::SnapshotFileName(600) + ": snapshot header incomplete"));
}

}  // namespace
}  // namespace acd
