// ShardJournal on real files: create and reopen, the directory alone
// rebuilding the shard, another center refused, snapshots with
// DeleteObsolete, a copied directory, the record payloads.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "acd/center_codec.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/temp_dir.h"
#include "tests/runtime/shard_test_util.h"

namespace acd {
namespace {

using test_env::TempDir;
using test_runtime::Feed;
using test_runtime::HashAfter;
using test_runtime::InputStream;
using test_runtime::MakeStream;
using ::testing::HasSubstr;

// Journals the whole stream (a Sync every 64 inputs, MaybeSnapshot after
// each), syncs, and returns the live engine's final hash.
uint64_t JournalAll(Env& env, const std::string& dir, const InputStream& stream,
                    const ShardJournalOptions& options, int* snapshots = nullptr) {
  NullSink sink;
  auto opened = ShardJournal::Create(env, dir, stream.center, stream.engine_seed, &sink, options);
  EXPECT_TRUE(opened.ok()) << opened.status();
  if (!opened.ok()) return 0;
  for (size_t i = 0; i < stream.inputs.size(); ++i) {
    EXPECT_TRUE(Feed(*opened->journal, *opened->engine, stream.inputs[i]).ok());
    if (i % 64 == 63) {
      EXPECT_TRUE(opened->journal->Sync().ok());
      bool written = false;
      EXPECT_TRUE(opened->journal->MaybeSnapshot(*opened->engine, &written).ok());
      if (snapshots != nullptr) *snapshots += written;
    }
  }
  EXPECT_TRUE(opened->journal->Sync().ok());
  return opened->engine->StateHash();
}

size_t CountFiles(Env& env, const std::string& dir, std::string_view suffix) {
  size_t n = 0;
  const absl::StatusOr<std::vector<std::string>> names = env.GetChildren(dir);
  for (const std::string& name : names.value_or(std::vector<std::string>{})) {
    n += name.ends_with(suffix);
  }
  return n;
}

TEST(ShardJournal, CreateThenOpenReplaysEverythingToTheSameHash) {
  TempDir dir;
  const InputStream stream = MakeStream(3, 3000);
  ShardJournalOptions options;
  options.snapshot_every_records = 0;  // no snapshot: a full replay from kOpen
  options.snapshot_every_ms = 0;
  const uint64_t live = JournalAll(Env::Default(), dir.path(), stream, options);
  ASSERT_EQ(live, HashAfter(stream, stream.inputs, stream.inputs.size()));
  VectorSink replayed;
  auto opened = ShardJournal::Open(Env::Default(), dir.path(), &replayed, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  const ShardRecoverySummary& s = opened->summary;
  EXPECT_EQ(s.state_hash, live);
  EXPECT_EQ(opened->engine->StateHash(), live);
  EXPECT_EQ(s.opens, 1u);
  EXPECT_EQ(s.events + s.advances + s.reconfigures, stream.inputs.size());
  EXPECT_GT(s.events_rejected, 0u);  // the fuzz stream's faults, journaled too
  EXPECT_GT(s.reconfigures, 0u);
  EXPECT_TRUE(s.last_event.has_value());
  EXPECT_FALSE(replayed.commands.empty());  // replay's commands go to the given sink
  EXPECT_EQ(CenterFingerprint(opened->center), CenterFingerprint(opened->engine->center()));
  EXPECT_THAT(s.ToString(), HasSubstr("state hash"));
}

TEST(ShardJournal, CreateRefusesADirectoryWithAJournal) {
  TempDir dir;
  const InputStream stream = MakeStream(4, 10);
  NullSink sink;
  ASSERT_TRUE(ShardJournal::Create(Env::Default(), dir.path(), stream.center, 4, &sink, {}).ok());
  auto again = ShardJournal::Create(Env::Default(), dir.path(), stream.center, 4, &sink, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("already holds a journal"));
}

TEST(ShardJournal, CreateTakesOverTheEmptySegmentOfACrashedCreate) {
  TempDir dir;
  {
    auto writer = JournalWriter::Open(Env::Default(), dir.path(), {});  // no record
    ASSERT_TRUE(writer.ok()) << writer.status();
  }
  NullSink sink;
  const CenterConfig center = testing::CenterForSeed(4);
  ASSERT_TRUE(ShardJournal::Create(Env::Default(), dir.path(), center, 4, &sink, {}).ok());
  auto opened = ShardJournal::Open(Env::Default(), dir.path(), &sink, {});
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->summary.opens, 1u);
}

TEST(ShardJournal, OpenOfAnEmptyDirectoryIsNotFound) {
  TempDir dir;
  NullSink sink;
  auto opened = ShardJournal::Open(Env::Default(), dir.path(), &sink, {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kNotFound);
}

TEST(ShardJournalRecovery, AnotherCenterIsRefusedClearly) {
  TempDir dir;
  const InputStream stream = MakeStream(5, 200);
  ShardJournalOptions options;
  JournalAll(Env::Default(), dir.path(), stream, options);
  const CenterConfig other = testing::CenterForSeed(6);
  NullSink sink;
  auto opened = ShardJournal::Open(Env::Default(), dir.path(), &sink, options, &other);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(opened.status().message(), HasSubstr("is not the one the shard was started with"));
  // The journal's own current center is accepted.
  auto plain = ShardJournal::Open(Env::Default(), dir.path(), &sink, options);
  ASSERT_TRUE(plain.ok()) << plain.status();
  plain->journal.reset();
  const CenterConfig current = plain->center;
  EXPECT_TRUE(ShardJournal::Open(Env::Default(), dir.path(), &sink, options, &current).ok());
}

TEST(ShardJournalSnapshot, MaybeSnapshotAndDeleteObsoleteKeepRecoveryExact) {
  TempDir dir;
  const InputStream stream = MakeStream(7, 4000);
  ShardJournalOptions options;
  options.journal.segment_bytes = 4096;
  options.journal.keep_snapshots = 1;
  options.snapshot_every_records = 500;
  options.snapshot_every_ms = 0;
  int snapshots = 0;
  const uint64_t live = JournalAll(Env::Default(), dir.path(), stream, options, &snapshots);
  EXPECT_GE(snapshots, 5);
  EXPECT_EQ(CountFiles(Env::Default(), dir.path(), ".snap"), 1u);
  EXPECT_FALSE(Env::Default().FileExists(dir.File(journal::SegmentFileName(1))))
      << "the segment with kOpen should be obsolete";
  NullSink sink;
  auto opened = ShardJournal::Open(Env::Default(), dir.path(), &sink, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_TRUE(opened->summary.journal.snapshot_seq.has_value());
  EXPECT_EQ(opened->summary.opens, 0u);
  EXPECT_EQ(opened->summary.state_hash, live);
  // The check replays from the snapshot; the full replay is no longer possible.
  auto report = CheckShardJournal(Env::Default(), dir.path(), {});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->summary.state_hash, live);
  EXPECT_FALSE(report->full_replay_hash.has_value());
  EXPECT_THAT(report->full_replay_note, HasSubstr("not possible"));
}

TEST(ShardJournalSnapshot, SnapshotByEngineTimeAndTheFullReplayAgrees) {
  TempDir dir;
  const InputStream stream = MakeStream(8, 3000);
  ShardJournalOptions options;
  options.snapshot_every_records = 0;
  options.snapshot_every_ms = 60'000;
  int snapshots = 0;
  const uint64_t live = JournalAll(Env::Default(), dir.path(), stream, options, &snapshots);
  EXPECT_GE(snapshots, 1);
  auto report = CheckShardJournal(Env::Default(), dir.path(), {});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->summary.journal.snapshot_seq.has_value());
  EXPECT_EQ(report->summary.state_hash, live);
  ASSERT_TRUE(report->full_replay_hash.has_value()) << report->full_replay_note;
  EXPECT_EQ(*report->full_replay_hash, live);
}

TEST(ShardJournalRecovery, ACopiedDirectoryRecoversToTheSameHash) {
  TempDir dir, elsewhere;
  const InputStream stream = MakeStream(9, 2000);
  ShardJournalOptions options;
  options.snapshot_every_records = 700;
  const uint64_t live = JournalAll(Env::Default(), dir.path(), stream, options);
  const std::string copy = elsewhere.File("shard");
  std::filesystem::copy(dir.path(), copy, std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(dir.path());
  NullSink sink;
  auto opened = ShardJournal::Open(Env::Default(), copy, &sink, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->engine->StateHash(), live);
}

TEST(ShardJournal, RecordPayloadsRoundTripAndRefuseNewerVersions) {
  const InputStream stream = MakeStream(10, 300);
  for (const ShardRecord& input : stream.inputs) {
    ASSERT_FALSE(DescribeShardRecord(input).empty());
  }
  auto bad = DecodeShardRecord(static_cast<uint8_t>(shard_record::Type::kAdvance),
                               std::string("\x04\x04", 2));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
  auto advance = DecodeShardRecord(static_cast<uint8_t>(shard_record::Type::kAdvance),
                                   std::string("\x01\x04", 2));
  ASSERT_TRUE(advance.ok()) << advance.status();
  EXPECT_EQ(std::get<ShardAdvance>(*advance).time_ms, 2);
  auto truncated = DecodeShardRecord(static_cast<uint8_t>(shard_record::Type::kEvent),
                                     std::string("\x01\x01\x05", 3));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_FALSE(DecodeShardRecord(99, std::string("\x01", 1)).ok());
  EXPECT_EQ(shard_record::TypeName(2), "event");
  EXPECT_EQ(shard_record::TypeName(5), "note");
  auto note = DecodeShardRecord(static_cast<uint8_t>(shard_record::Type::kNote),
                                std::string("\x03\x02hi", 4));
  ASSERT_TRUE(note.ok()) << note.status();
  EXPECT_EQ(std::get<ShardNote>(*note).bytes, "hi");
  EXPECT_THAT(DescribeShardRecord(*note), HasSubstr("note of 2 bytes"));
}

}  // namespace
}  // namespace acd
