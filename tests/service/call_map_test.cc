// The call map's entries as notes in the shard's journal (CallMap::TakeNote
// and ApplyNote, what ServiceInputLog carries): a map whose own journal
// was never synced gets its entries back from the notes, the same ids for
// the same PBX ids; a note applied twice changes nothing; a note that
// contradicts the map is refused. The end-to-end proof (a server killed
// with SIGKILL and restarted, repeats recognised) is tests/service's.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/call_map.h"
#include "tests/env/temp_dir.h"

namespace acd::service {
namespace {

using test_env::TempDir;
using ::testing::HasSubstr;

std::unique_ptr<CallMap> OpenMap(const std::string& dir, bool notes) {
  CallMap::Options options;
  options.notes = notes;
  absl::StatusOr<std::unique_ptr<CallMap>> map = CallMap::Open(Env::Default(), dir, options);
  EXPECT_TRUE(map.ok()) << map.status();
  return map.ok() ? *std::move(map) : nullptr;
}

TEST(CallMapNotes, AMapThatNeverSyncedGetsItsEntriesBackFromTheNotes) {
  TempDir dir;
  std::string note;
  CallId first = 0, second = 0;
  {
    auto map = OpenMap(dir.path(), /*notes=*/true);
    EXPECT_EQ(map->TakeNote(), "");  // nothing new yet
    ASSERT_TRUE(map->AdapterTag("pbx-1").ok());
    first = map->Resolve("call", "uuid-a", "pbx-1", /*create=*/true).value();
    second = map->Resolve("call", "uuid-b", "pbx-1", /*create=*/true).value();
    note = map->TakeNote();
    EXPECT_EQ(map->TakeNote(), "");  // taken once
    // No Sync: the map's own journal never got them (a crash now).
  }
  ASSERT_FALSE(note.empty());
  auto recovered = OpenMap(dir.path(), /*notes=*/true);
  EXPECT_EQ(recovered->size(), 0u);
  ASSERT_TRUE(recovered->ApplyNote(note).ok());
  ASSERT_TRUE(recovered->ApplyNote(note).ok());  // a second recovery's replay
  EXPECT_EQ(recovered->size(), 2u);
  EXPECT_EQ(recovered->Resolve("call", "uuid-a", "", /*create=*/false).value(), first);
  EXPECT_EQ(recovered->Resolve("call", "uuid-b", "", /*create=*/false).value(), second);
  EXPECT_EQ(recovered->AdapterName(1), "pbx-1");
  // A new call gets a new id, never one of theirs.
  const CallId third = recovered->Resolve("call", "uuid-c", "pbx-1", true).value();
  EXPECT_GT(third, second);
  // The notes' entries went on to the map's own journal.
  ASSERT_TRUE(recovered->Sync().ok());
  recovered.reset();
  auto reopened = OpenMap(dir.path(), /*notes=*/false);
  EXPECT_EQ(reopened->size(), 3u);
  EXPECT_EQ(reopened->Resolve("call", "uuid-a", "", false).value(), first);
}

TEST(CallMapNotes, ANoteThatContradictsTheMapIsRefused) {
  TempDir one, other;
  std::string note;
  {
    auto map = OpenMap(one.path(), /*notes=*/true);
    ASSERT_TRUE(map->AdapterTag("pbx-1").ok());
    note = map->TakeNote();
  }
  auto map = OpenMap(other.path(), /*notes=*/true);
  ASSERT_TRUE(map->AdapterTag("pbx-2").ok());  // tag 1 is another adapter here
  absl::Status s = map->ApplyNote(note);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("adapter tag 1 is 'pbx-2' here, 'pbx-1' in the note"));
  EXPECT_EQ(map->AdapterName(1), "pbx-2");
  EXPECT_EQ(map->ApplyNote(std::string("\x01\x09", 2)).code(), absl::StatusCode::kDataLoss);
}

TEST(CallMapNotes, WithoutNotesNothingIsKeptForThem) {
  TempDir dir;
  auto map = OpenMap(dir.path(), /*notes=*/false);
  ASSERT_TRUE(map->AdapterTag("pbx-1").ok());
  ASSERT_TRUE(map->Resolve("call", "uuid-a", "pbx-1", true).ok());
  EXPECT_EQ(map->TakeNote(), "");
}

}  // namespace
}  // namespace acd::service
