// Prepared segments (JournalOptions::prepare_segments): a segment is a file
// of zeros made ahead, written from its start. What must hold: the open
// segment keeps its prepared size; a closed one is cut to its records; a
// run of zeros after the last record is the segment's clean end (no cut
// reported), wherever the segment is; a torn record before the zeros, or
// zeros followed by good data, are still what they were (a cut, DataLoss);
// a power loss keeps exactly the synced records; no prepared file is left.
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

constexpr uint64_t kSegmentBytes = 16384;

JournalOptions Prepared() {
  JournalOptions options;
  options.segment_bytes = kSegmentBytes;
  options.buffer_bytes = 256;
  options.prepare_segments = true;
  return options;
}

uint64_t SizeOf(Env& env, const std::string& path) {
  absl::StatusOr<uint64_t> size = env.GetFileSize(path);
  return size.ok() ? *size : 0;
}

std::string At(const TempDir& dir, const std::string& name) { return dir.path() + "/" + name; }

bool PreparedFileLeft(Env& env, const TempDir& dir) {
  return env.FileExists(At(dir, std::string(journal::kPreparedSegmentName)));
}

TEST(JournalPrepared, TheOpenSegmentKeepsItsSizeAndIsCutWhenClosed) {
  TempDir dir;
  Env& env = Env::Default();
  auto writer = JournalWriter::Open(env, dir.path(), Prepared());
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, 20).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  std::vector<std::string> names = SegmentNames(env, dir.path());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(SizeOf(env, At(dir, names[0])), kSegmentBytes);  // overwritten, not grown

  // A reader while it is open (an operator's read-only look): the zeros
  // after the records are room, not a torn record.
  JournalOptions read_only = Prepared();
  read_only.read_only = true;
  absl::StatusOr<test_env::Recovered> seen = Recover(env, dir.path(), read_only);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_TRUE(seen->IsRange(1, 20));
  EXPECT_TRUE(seen->summary.cuts.empty());
  EXPECT_GT(seen->summary.unused_bytes, 0u);
  EXPECT_EQ(SizeOf(env, At(dir, names[0])), kSegmentBytes);  // read-only changed nothing

  ASSERT_TRUE((*writer)->Close().ok());
  const uint64_t closed = SizeOf(env, At(dir, names[0]));
  EXPECT_LT(closed, kSegmentBytes);
  EXPECT_EQ(closed, seen->summary.segment_bytes_read - seen->summary.unused_bytes);
  writer->reset();
  EXPECT_FALSE(PreparedFileLeft(env, dir));
  absl::StatusOr<test_env::Recovered> after = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->IsRange(1, 20));
  EXPECT_EQ(after->summary.unused_bytes, 0u);
}

TEST(JournalPrepared, RotationCutsEachClosedSegmentAndKeepsEveryRecord) {
  TempDir dir;
  Env& env = Env::Default();
  {
    auto writer = JournalWriter::Open(env, dir.path(), Prepared());
    ASSERT_TRUE(writer.ok());
    for (uint64_t last = 100; last <= 2000; last += 100) {
      ASSERT_TRUE(AppendUpTo(**writer, last).ok());
      ASSERT_TRUE((*writer)->Sync().ok());
    }
    const std::vector<std::string> names = SegmentNames(env, dir.path());
    ASSERT_GE(names.size(), 3u);
    for (size_t i = 0; i + 1 < names.size(); ++i) {
      EXPECT_LE(SizeOf(env, At(dir, names[i])), kSegmentBytes) << names[i];
    }
  }  // destroyed without Close: a crash of the process, the data synced
  EXPECT_FALSE(PreparedFileLeft(env, dir));
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 2000));
  EXPECT_TRUE(got->summary.cuts.empty());
}

TEST(JournalPrepared, APowerLossKeepsExactlyTheSyncedRecordsWithoutACut) {
  TempDir dir;
  FaultInjectionEnv env;
  {
    auto writer = JournalWriter::Open(env, dir.path(), Prepared());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(AppendUpTo(**writer, 60).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
    ASSERT_TRUE(AppendUpTo(**writer, 90).ok());  // written (small buffer), never synced
    ASSERT_TRUE(env.DropUnsyncedData().ok());     // the unsynced bytes are zeros again
  }
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 60));
  EXPECT_TRUE(got->summary.cuts.empty());
  EXPECT_GT(got->summary.unused_bytes, 0u);

  // The writer goes on in a new segment; the old one, cut by the recovery,
  // is read before it.
  {
    auto writer = JournalWriter::Open(env, dir.path(), Prepared());
    ASSERT_TRUE(writer.ok());
    EXPECT_EQ((*writer)->next_seq(), 61u);
    ASSERT_TRUE(AppendUpTo(**writer, 120).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
  }
  got = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 120));
}

TEST(JournalPrepared, ZerosAfterTheRecordsOfAnOlderSegmentAreItsEnd) {
  // A crashed writer's segment whose zeros were never cut (a read-only
  // recovery came first), then a newer segment: both are read in full.
  TempDir dir;
  FaultInjectionEnv env;
  {
    auto writer = JournalWriter::Open(env, dir.path(), Prepared());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(AppendUpTo(**writer, 30).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
  }
  const std::string first = SegmentNames(env, dir.path()).at(0);
  ASSERT_EQ(SizeOf(env, At(dir, first)), kSegmentBytes);
  {
    // Opened straight after a read-only recovery: the zeros stay.
    JournalOptions read_only = Prepared();
    read_only.read_only = true;
    absl::StatusOr<RecoverySummary> summary =
        RecoverJournal(env, dir.path(), read_only, nullptr, nullptr);
    ASSERT_TRUE(summary.ok());
    auto writer = JournalWriter::OpenAfterRecovery(env, dir.path(), Prepared(), *summary);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(AppendUpTo(**writer, 50).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
  }
  ASSERT_EQ(SizeOf(env, At(dir, first)), kSegmentBytes);
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 50));
  EXPECT_TRUE(got->summary.cuts.empty());
}

// Overwrites `bytes` at `offset` of `path` (the file keeps its size).
void Overwrite(Env& env, const std::string& path, uint64_t offset, const std::string& bytes) {
  absl::StatusOr<std::string> data = env.ReadFileToString(path, size_t{1} << 24);
  ASSERT_TRUE(data.ok());
  data->replace(offset, bytes.size(), bytes);
  auto file = env.NewWritableFile(path);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append(*data).ok());
  ASSERT_TRUE((*file)->Close().ok());
}

TEST(JournalPrepared, ATornRecordBeforeTheZerosIsStillACut) {
  TempDir dir;
  Env& env = Env::Default();
  uint64_t end = 0;
  {
    auto writer = JournalWriter::Open(env, dir.path(), Prepared());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(AppendUpTo(**writer, 10).ok());
    ASSERT_TRUE((*writer)->Sync().ok());
    JournalOptions read_only = Prepared();
    read_only.read_only = true;
    absl::StatusOr<RecoverySummary> s = RecoverJournal(env, dir.path(), read_only, nullptr, nullptr);
    ASSERT_TRUE(s.ok());
    end = s->segment_bytes_read - s->unused_bytes;
  }
  const std::string segment = At(dir, SegmentNames(env, dir.path()).at(0));
  Overwrite(env, segment, end, std::string("\x17\x2a\x00\x00\x09", 5));  // half a header
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 10));
  ASSERT_EQ(got->summary.cuts.size(), 1u);
  EXPECT_TRUE(got->summary.cuts[0].torn_tail);
  EXPECT_EQ(got->summary.cuts[0].offset, end);
}

TEST(JournalPrepared, ZerosFollowedByGoodRecordsAreNoEnd) {
  // A record zeroed out in the middle (a lost page) with good records after
  // it: not the segment's end but corruption, refused as before.
  TempDir dir;
  Env& env = Env::Default();
  {
    auto writer = JournalWriter::Open(env, dir.path(), Prepared());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(AppendUpTo(**writer, 40).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  const std::string segment = At(dir, SegmentNames(env, dir.path()).at(0));
  const uint64_t offset = journal::kSegmentHeaderBytes;  // record 1
  Overwrite(env, segment, offset, std::string(journal::kRecordHeaderBytes + 8, '\0'));
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), Prepared());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(got.status().message(), HasSubstr("not a torn tail"));
}

TEST(JournalPrepared, ALeftoverPreparedFileIsRemovedByRecovery) {
  TempDir dir;
  Env& env = Env::Default();
  {
    auto file = env.NewWritableFile(At(dir, std::string(journal::kPreparedSegmentName)));
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append(std::string(4096, '\0')).ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), Prepared());
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(PreparedFileLeft(env, dir));
  EXPECT_EQ(got->summary.removed.size(), 1u);
}

TEST(JournalPrepared, AFullDiskAtOpenIsAnErrorNamingTheFile) {
  TempDir dir;
  FaultInjectionEnv env;
  env.SetDiskBudget(kSegmentBytes / 2);  // not even one segment of zeros
  auto writer = JournalWriter::Open(env, dir.path(), Prepared());
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(writer.status().message(), HasSubstr(std::string(journal::kPreparedSegmentName)));
  EXPECT_FALSE(PreparedFileLeft(env, dir));
}

}  // namespace
}  // namespace acd
