// The journal owner's notes (ShardJournal::AppendNote, the service's call
// map entries): durable with the inputs after them, handed back in order by
// a recovery from the snapshot on, never counted as inputs, and kept
// elsewhere before a snapshot lets them go.
#include <string>
#include <vector>

#include "acd/journal_input_log.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/temp_dir.h"
#include "tests/runtime/shard_test_util.h"

namespace acd {
namespace {

using test_env::TempDir;
using test_runtime::Feed;
using test_runtime::InputStream;
using test_runtime::MakeStream;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

ShardJournalOptions NoAutomaticSnapshots() {
  ShardJournalOptions options;
  options.snapshot_every_records = 0;
  options.snapshot_every_ms = 0;
  return options;
}

// A recovery's notes go to `notes`, in order.
void CollectNotes(ShardJournalOptions& options, std::vector<std::string>* notes) {
  options.on_note = [notes](std::string_view note) {
    notes->emplace_back(note);
    return absl::OkStatus();
  };
}

// Journals inputs [from, to) of the stream with a note "n<i>" before every
// 50th input; returns how many notes it wrote.
int FeedWithNotes(ShardJournal& journal, Engine& engine, const InputStream& stream, size_t from,
                  size_t to, int first_note) {
  int notes = 0;
  for (size_t i = from; i < to; ++i) {
    if (i % 50 == 0) {
      EXPECT_TRUE(journal.AppendNote("n" + std::to_string(first_note + notes)).ok());
      ++notes;
    }
    EXPECT_TRUE(Feed(journal, engine, stream.inputs[i]).ok());
  }
  EXPECT_TRUE(journal.Sync().ok());
  return notes;
}

TEST(ShardJournalNotes, ComeBackInOrderFromTheSnapshotOnAndAreNoInputs) {
  TempDir dir;
  const InputStream stream = MakeStream(4, 1000);
  const size_t half = stream.inputs.size() / 2;
  ShardJournalOptions options = NoAutomaticSnapshots();
  int kept_elsewhere = 0;
  options.before_snapshot = [&] {
    ++kept_elsewhere;
    return absl::OkStatus();
  };
  NullSink sink;
  uint64_t live = 0;
  int before = 0, after = 0;
  {
    auto opened = ShardJournal::Create(Env::Default(), dir.path(), stream.center,
                                       stream.engine_seed, &sink, options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    before = FeedWithNotes(*opened->journal, *opened->engine, stream, 0, half, 0);
    ASSERT_TRUE(opened->journal->SnapshotNow(*opened->engine).ok());
    EXPECT_EQ(kept_elsewhere, 1) << "a snapshot must let the owner keep its notes first";
    after = FeedWithNotes(*opened->journal, *opened->engine, stream, half, stream.inputs.size(),
                          before);
    live = opened->engine->StateHash();
  }
  ASSERT_GT(before, 0);
  ASSERT_GT(after, 0);

  std::vector<std::string> notes;
  CollectNotes(options, &notes);
  auto reopened = ShardJournal::Open(Env::Default(), dir.path(), &sink, options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ(reopened->summary.state_hash, live);
  EXPECT_EQ(reopened->summary.notes_before, static_cast<uint64_t>(before));
  EXPECT_EQ(reopened->summary.notes, static_cast<uint64_t>(after));
  ASSERT_EQ(notes.size(), static_cast<size_t>(after));
  for (int i = 0; i < after; ++i) EXPECT_EQ(notes[i], "n" + std::to_string(before + i));
  EXPECT_THAT(reopened->summary.ToString(), HasSubstr(absl::StrCat(after, " notes")));
  reopened->journal.reset();

  // The shard's count of inputs leaves the notes out, before and after the
  // snapshot.
  notes.clear();
  JournalInputLog log(Env::Default(), dir.path(), options);
  absl::StatusOr<RecoveredEngine> recovered = log.Recover(stream.center, &sink, EngineOptions{});
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  EXPECT_EQ(recovered->inputs, stream.inputs.size());
  EXPECT_EQ(notes.size(), static_cast<size_t>(after));
}

TEST(ShardJournalNotes, ASnapshotTheOwnerCannotPrepareIsNotTaken) {
  TempDir dir;
  const InputStream stream = MakeStream(5, 400);
  ShardJournalOptions options = NoAutomaticSnapshots();
  options.before_snapshot = [] { return absl::UnavailableError("map journal: disk gone"); };
  NullSink sink;
  {
    auto opened = ShardJournal::Create(Env::Default(), dir.path(), stream.center,
                                       stream.engine_seed, &sink, options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    FeedWithNotes(*opened->journal, *opened->engine, stream, 0, stream.inputs.size(), 0);
    absl::Status s = opened->journal->SnapshotNow(*opened->engine);
    EXPECT_THAT(s.message(), HasSubstr("disk gone"));
    // The journal stays usable: the records are still the truth.
    EXPECT_TRUE(opened->journal->status().ok());
  }
  std::vector<std::string> notes;
  CollectNotes(options, &notes);
  auto reopened = ShardJournal::Open(Env::Default(), dir.path(), &sink, options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_FALSE(reopened->summary.journal.snapshot_seq.has_value());
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes.front(), "n0");  // every note, from the journal's start
}

TEST(ShardJournalNotes, ARefusedNoteStopsTheRecoveryNamingIt) {
  TempDir dir;
  const InputStream stream = MakeStream(6, 200);
  ShardJournalOptions options = NoAutomaticSnapshots();
  NullSink sink;
  {
    auto opened = ShardJournal::Create(Env::Default(), dir.path(), stream.center,
                                       stream.engine_seed, &sink, options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    FeedWithNotes(*opened->journal, *opened->engine, stream, 0, stream.inputs.size(), 0);
  }
  options.on_note = [](std::string_view) { return absl::DataLossError("not a map entry"); };
  auto reopened = ShardJournal::Open(Env::Default(), dir.path(), &sink, options);
  ASSERT_FALSE(reopened.ok());
  EXPECT_THAT(reopened.status().message(), HasSubstr("(note): not a map entry"));
  // Without an owner the notes are skipped.
  options.on_note = nullptr;
  auto skipped = ShardJournal::Open(Env::Default(), dir.path(), &sink, options);
  ASSERT_TRUE(skipped.ok()) << skipped.status();
  EXPECT_GT(skipped->summary.notes, 0u);
}

}  // namespace
}  // namespace acd
