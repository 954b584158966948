// Recovery on damaged journals: torn tails at every byte, trailing garbage,
// flipped bits in the middle, missing segments and sequence gaps.
#include <random>
#include <string>
#include <vector>

#include "acd/journal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_codec.h"
#include "tests/env/temp_dir.h"
#include "tests/journal/journal_test_util.h"

namespace acd {
namespace {

using test_env::AppendUpTo;
using test_env::Payload;
using test_env::Recover;
using test_env::SegmentNames;
using test_env::TempDir;
using ::testing::HasSubstr;

// Writes records 1..last, synced, with the given segment size.
void WriteJournal(const std::string& dir, uint64_t last, uint64_t segment_bytes) {
  JournalOptions options;
  options.segment_bytes = segment_bytes;
  auto writer = JournalWriter::Open(Env::Default(), dir, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, last).ok());
  ASSERT_TRUE((*writer)->Close().ok());
}

// Replaces a file's bytes without syncing (the tests need no durability,
// and an fdatasync per damaged copy would cost seconds).
void Overwrite(const std::string& path, const std::string& bytes) {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = Env::Default().NewWritableFile(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Append(bytes).ok());
  ASSERT_TRUE((*file)->Close().ok());
}

TEST(JournalRecovery, TornLastRecordAtEveryByte) {
  TempDir dir;
  Env& env = Env::Default();
  WriteJournal(dir.path(), 20, 1 << 20);
  const std::string segment = dir.File(journal::SegmentFileName(1));
  const std::string pristine = *env.ReadFileToString(segment, 1 << 20);
  const size_t last_bytes = journal::kRecordHeaderBytes + Payload(20).size();
  const size_t last_offset = pristine.size() - last_bytes;
  for (size_t cut = 1; cut <= last_bytes; ++cut) {
    SCOPED_TRACE(cut);
    Overwrite(segment, pristine.substr(0, pristine.size() - cut));
    absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path());
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_TRUE(got->IsRange(1, 19));
    EXPECT_EQ(got->summary.next_seq, 20u);
    if (cut == last_bytes) {
      EXPECT_TRUE(got->summary.cuts.empty());  // ends cleanly after record 19
      continue;
    }
    ASSERT_EQ(got->summary.cuts.size(), 1u);
    const JournalCut& c = got->summary.cuts[0];
    EXPECT_EQ(c.file, journal::SegmentFileName(1));
    EXPECT_EQ(c.offset, last_offset);
    EXPECT_EQ(c.bytes_dropped, last_bytes - cut);
    EXPECT_TRUE(c.torn_tail);
    EXPECT_EQ(*env.GetFileSize(segment), last_offset);
  }
  // The writer carries on at 20 after the cut.
  auto writer = JournalWriter::Open(env, dir.path(), JournalOptions{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(AppendUpTo(**writer, 25).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_TRUE(Recover(env, dir.path())->IsRange(1, 25));
}

TEST(JournalRecovery, TrailingGarbageIsATornTailAndTrailingZerosUnusedRoom) {
  TempDir dir;
  Env& env = Env::Default();
  WriteJournal(dir.path(), 10, 1 << 20);
  const std::string segment = dir.File(journal::SegmentFileName(1));
  const std::string pristine = *env.ReadFileToString(segment, 1 << 20);
  std::string garbage;
  for (int i = 0; i < 300; ++i) garbage.push_back(static_cast<char>(i * 97 + 13));
  Overwrite(segment, pristine + garbage);
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 10));
  ASSERT_EQ(got->summary.cuts.size(), 1u);
  EXPECT_EQ(got->summary.cuts[0].offset, pristine.size());
  EXPECT_EQ(got->summary.cuts[0].bytes_dropped, garbage.size());
  EXPECT_EQ(*env.GetFileSize(segment), pristine.size());

  // Zeros from a record boundary to the end are a prepared segment's room
  // (journal_format.h): no record was there, so no cut is reported; they
  // are trimmed all the same.
  Overwrite(segment, pristine + std::string(4096, '\0'));
  got = Recover(env, dir.path());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 10));
  EXPECT_TRUE(got->summary.cuts.empty());
  EXPECT_EQ(got->summary.unused_bytes, 4096u);
  EXPECT_EQ(*env.GetFileSize(segment), pristine.size());
}

// Segment name and offset of record `seq` in a one-segment journal.
size_t OffsetOf(uint64_t seq) {
  size_t offset = journal::kSegmentHeaderBytes;
  for (uint64_t s = 1; s < seq; ++s) offset += journal::kRecordHeaderBytes + Payload(s).size();
  return offset;
}

TEST(JournalRecovery, FlippedBitInTheMiddleRefusesOrTruncatesOnRequest) {
  TempDir dir;
  Env& env = Env::Default();
  WriteJournal(dir.path(), 50, 1 << 20);
  const std::string name = journal::SegmentFileName(1);
  std::string bytes = *env.ReadFileToString(dir.File(name), 1 << 20);
  const size_t bad = OffsetOf(10);
  bytes[bad + journal::kRecordHeaderBytes + 3] ^= 0x04;
  Overwrite(dir.File(name), bytes);

  absl::StatusOr<test_env::Recovered> refused = Recover(env, dir.path());
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr(absl::StrCat(name, " offset ", bad, ": checksum mismatch")));
  EXPECT_EQ(env.ReadFileToString(dir.File(name), 1 << 20)->size(), bytes.size());  // untouched

  JournalOptions truncate;
  truncate.truncate_at_corruption = true;
  absl::StatusOr<test_env::Recovered> cut = Recover(env, dir.path(), truncate);
  ASSERT_TRUE(cut.ok()) << cut.status();
  EXPECT_TRUE(cut->IsRange(1, 9));
  ASSERT_EQ(cut->summary.cuts.size(), 1u);
  EXPECT_FALSE(cut->summary.cuts[0].torn_tail);
  EXPECT_EQ(cut->summary.cuts[0].offset, bad);
  EXPECT_THAT(cut->summary.ToString(), HasSubstr("truncate_at_corruption"));
  EXPECT_TRUE(Recover(env, dir.path())->IsRange(1, 9));  // now clean
}

TEST(JournalRecovery, CorruptionInAnEarlierSegmentSetsLaterOnesAside) {
  TempDir dir;
  Env& env = Env::Default();
  WriteJournal(dir.path(), 400, 2048);
  std::vector<std::string> names = SegmentNames(env, dir.path());
  ASSERT_GE(names.size(), 4u);
  const std::string victim = dir.File(names[1]);
  std::string bytes = *env.ReadFileToString(victim, 1 << 20);
  bytes[journal::kSegmentHeaderBytes + journal::kRecordHeaderBytes + 2] ^= 0x01;  // record 1
  Overwrite(victim, bytes);
  absl::StatusOr<test_env::Recovered> refused = Recover(env, dir.path());
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr(names[1] + " offset 20"));

  JournalOptions truncate;
  truncate.truncate_at_corruption = true;
  absl::StatusOr<test_env::Recovered> cut = Recover(env, dir.path(), truncate);
  ASSERT_TRUE(cut.ok()) << cut.status();
  const uint64_t second_first = *journal::ParseSegmentFileName(names[1]);
  EXPECT_TRUE(cut->IsRange(1, second_first - 1));
  EXPECT_EQ(cut->summary.set_aside.size(), names.size() - 2);
  EXPECT_TRUE(env.FileExists(dir.File(names[2] + ".corrupt")));
  EXPECT_TRUE(Recover(env, dir.path())->IsRange(1, second_first - 1));
}

TEST(JournalRecovery, MissingSegmentIsASequenceGap) {
  TempDir dir;
  Env& env = Env::Default();
  WriteJournal(dir.path(), 400, 2048);
  std::vector<std::string> names = SegmentNames(env, dir.path());
  ASSERT_GE(names.size(), 4u);
  ASSERT_TRUE(env.RemoveFile(dir.File(names[2])).ok());
  absl::StatusOr<test_env::Recovered> refused = Recover(env, dir.path());
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr(names[3] + " offset 0: sequence gap: seq "));
  JournalOptions truncate;
  truncate.truncate_at_corruption = true;
  absl::StatusOr<test_env::Recovered> cut = Recover(env, dir.path(), truncate);
  ASSERT_TRUE(cut.ok()) << cut.status();
  EXPECT_TRUE(cut->IsRange(1, *journal::ParseSegmentFileName(names[2]) - 1));

  // Without a snapshot, the journal must start at seq 1.
  TempDir other;
  WriteJournal(other.path(), 400, 2048);
  ASSERT_TRUE(env.RemoveFile(other.File(journal::SegmentFileName(1))).ok());
  absl::StatusOr<test_env::Recovered> headless = Recover(env, other.path());
  ASSERT_EQ(headless.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(headless.status().message()),
              HasSubstr("missing segment: records from seq 1 are needed"));
}

TEST(JournalRecovery, AValidRecordWithTheWrongSeqIsNeverATornTail) {
  TempDir dir;
  Env& env = Env::Default();
  ByteWriter out;
  out.PutRaw(journal_internal::EncodeSegmentHeader(1));
  journal_internal::AppendRecord(&out, 1, 1, "one");
  journal_internal::AppendRecord(&out, 3, 1, "three");
  Overwrite(dir.File(journal::SegmentFileName(1)), out.data());
  absl::StatusOr<RecoverySummary> got = RecoverJournal(env, dir.path(), {}, nullptr, nullptr);
  ASSERT_EQ(got.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(got.status().message()), HasSubstr("record seq 3 where 2 was expected"));
}

TEST(JournalRecovery, TornSegmentHeaderIsRemoved) {
  TempDir dir;
  Env& env = Env::Default();
  WriteJournal(dir.path(), 5, 1 << 20);
  Overwrite(dir.File(journal::SegmentFileName(6)), journal_internal::EncodeSegmentHeader(6).substr(0, 7));
  absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->IsRange(1, 5));
  EXPECT_FALSE(env.FileExists(dir.File(journal::SegmentFileName(6))));
  ASSERT_EQ(got->summary.removed.size(), 1u);
  EXPECT_THAT(got->summary.removed[0], HasSubstr("segment header incomplete"));
}

// Any single damaged byte anywhere: recovery never hands back a wrong
// record. It yields a prefix of what was written (a cut tail), or refuses
// with DataLoss; with truncate_at_corruption it always yields a prefix.
TEST(JournalRecovery, SeededSingleByteDamageNeverYieldsAWrongRecord) {
  TempDir pristine;
  WriteJournal(pristine.path(), 120, 1024);
  Env& env = Env::Default();
  const std::vector<std::string> names = SegmentNames(env, pristine.path());
  std::vector<std::string> contents;
  for (const std::string& name : names) {
    contents.push_back(*env.ReadFileToString(pristine.File(name), 1 << 20));
  }
  std::mt19937 rng(2026);
  for (int trial = 0; trial < 100; ++trial) {
    const size_t file = rng() % names.size();
    const size_t at = rng() % contents[file].size();
    const char mask = static_cast<char>(1 + rng() % 255);
    SCOPED_TRACE(::testing::Message() << "trial " << trial << ": " << names[file] << " byte "
                                      << at);
    for (bool truncate : {false, true}) {
      TempDir dir;
      for (size_t i = 0; i < names.size(); ++i) {
        std::string bytes = contents[i];
        if (i == file) bytes[at] ^= mask;
        Overwrite(dir.File(names[i]), bytes);
      }
      JournalOptions options;
      options.truncate_at_corruption = truncate;
      absl::StatusOr<test_env::Recovered> got = Recover(env, dir.path(), options);
      if (!got.ok()) {
        EXPECT_FALSE(truncate) << got.status();
        EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss) << got.status();
        EXPECT_THAT(std::string(got.status().message()), HasSubstr(names[file]));
        continue;
      }
      EXPECT_TRUE(got->IsRange(1, got->seqs.size()));
      EXPECT_LT(got->seqs.size(), 120u);
    }
  }
}

TEST(JournalRecovery, MissingDirectoryIsAnEmptyJournal) {
  TempDir dir;
  absl::StatusOr<test_env::Recovered> got = Recover(Env::Default(), dir.File("nothing"));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->summary.next_seq, 1u);
  EXPECT_TRUE(got->seqs.empty());
}

}  // namespace
}  // namespace acd
