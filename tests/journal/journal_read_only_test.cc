// Recovery's read-only mode (an operator's check must not change the
// directory) and ignore_snapshots (a full replay from the first record).
#include <string>
#include <vector>

#include "acd/journal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/fault_injection_env.h"
#include "tests/env/temp_dir.h"
#include "tests/journal/journal_test_util.h"

namespace acd {
namespace {

using test_env::AppendUpTo;
using test_env::Recover;
using test_env::TempDir;
using ::testing::HasSubstr;

// Every file of `dir` with its bytes, to show nothing changed.
std::vector<std::string> Contents(Env& env, const std::string& dir) {
  std::vector<std::string> out;
  const absl::StatusOr<std::vector<std::string>> names = env.GetChildren(dir);
  for (const std::string& name : names.value_or(std::vector<std::string>{})) {
    absl::StatusOr<std::string> bytes = env.ReadFileToString(dir + "/" + name, 1 << 24);
    out.push_back(name + "=" + (bytes.ok() ? *bytes : bytes.status().ToString()));
  }
  return out;
}

void WriteTorn(Env& env, const std::string& dir) {
  auto writer = JournalWriter::Open(env, dir, {});
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, 10).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  const std::string segment = dir + "/" + journal::SegmentFileName(1);
  ASSERT_TRUE(env.TruncateFile(segment, *env.GetFileSize(segment) - 3).ok());
  auto tmp = env.NewWritableFile(dir + "/snapshot-00000000000000000004.snap.tmp");
  ASSERT_TRUE(tmp.ok());
  ASSERT_TRUE((*tmp)->Append("half").ok());
  ASSERT_TRUE((*tmp)->Close().ok());
}

TEST(JournalReadOnly, ReportsTheCutsAndChangesNothing) {
  TempDir dir;
  Env& env = Env::Default();
  WriteTorn(env, dir.path());
  const std::vector<std::string> before = Contents(env, dir.path());
  JournalOptions options;
  options.read_only = true;
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), options);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 9));
  ASSERT_EQ(got->summary.cuts.size(), 1u);
  EXPECT_TRUE(got->summary.cuts[0].torn_tail);
  EXPECT_EQ(got->summary.removed.size(), 1u);
  EXPECT_EQ(Contents(env, dir.path()), before);
  // A writer never follows a read-only recovery.
  EXPECT_FALSE(JournalWriter::OpenAfterRecovery(env, dir.path(), options, got->summary).ok());
  // The same recovery for real cuts what the read-only one reported.
  absl::StatusOr<test_env::Recovered> real = Recover(env, dir.path());
  ASSERT_TRUE(real.ok()) << real.status();
  EXPECT_EQ(real->summary.cuts.size(), 1u);
  EXPECT_NE(Contents(env, dir.path()), before);
}

TEST(JournalReadOnly, IgnoreSnapshotsReplaysFromTheFirstRecord) {
  TempDir dir;
  Env& env = Env::Default();
  auto writer = JournalWriter::Open(env, dir.path(), {});
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, 20).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(12, "state@12").ok());
  ASSERT_TRUE((*writer)->Close().ok());
  absl::StatusOr<test_env::Recovered> from_snapshot = Recover(env, dir.path());
  ASSERT_TRUE(from_snapshot.ok());
  EXPECT_EQ(from_snapshot->snapshot_seq, 12u);
  EXPECT_TRUE(from_snapshot->IsRange(13, 20));
  JournalOptions options;
  options.ignore_snapshots = true;
  absl::StatusOr<test_env::Recovered> full = Recover(env, dir.path(), options);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_FALSE(full->snapshot_seq.has_value());
  EXPECT_TRUE(full->IsRange(1, 20));
}

TEST(JournalReadOnly, IgnoreSnapshotsNeedsTheFirstSegment) {
  TempDir dir;
  Env& env = Env::Default();
  JournalOptions options;
  options.segment_bytes = 200;
  options.keep_snapshots = 1;
  auto writer = JournalWriter::Open(env, dir.path(), options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, 30).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(25, "state@25").ok());
  ASSERT_TRUE((*writer)->DeleteObsolete(25).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  options.ignore_snapshots = true;
  options.read_only = true;
  absl::StatusOr<test_env::Recovered> full = Recover(env, dir.path(), options);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(full.status().message(), HasSubstr("missing segment"));
}

}  // namespace
}  // namespace acd

namespace acd {
namespace {

// A process crash leaves unsynced records in the OS; the next writer's
// recovery reads them and they count as recovered, so they must be synced
// before the new segment: else a later power loss drops them and leaves a
// sequence gap before the new segment (found by tests/runtime's crash test).
TEST(JournalFault, RecordsRecoveredAfterAProcessCrashSurviveALaterPowerLoss) {
  TempDir dir;
  test_env::FaultInjectionEnv env;
  JournalOptions options;
  options.buffer_bytes = 64;  // every record reaches the OS at once
  {
    auto writer = JournalWriter::Open(env, dir.path(), options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE(AppendUpTo(**writer, 10).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
    ASSERT_TRUE(AppendUpTo(**writer, 20).ok());  // in the OS, unsynced
  }  // the process crash: the OS keeps records 11..20
  {
    auto writer = JournalWriter::Open(env, dir.path(), options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_EQ((*writer)->next_seq(), 21u);
    ASSERT_TRUE(AppendUpTo(**writer, 30).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
  }
  ASSERT_TRUE(env.DropUnsyncedData().ok());  // a power loss later
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), options);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 30));
}

}  // namespace
}  // namespace acd
