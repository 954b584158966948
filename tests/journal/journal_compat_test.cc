// The stored journal directory tests/journal/data/v1 (written by format
// version 1: three segments and a snapshot) must be read by every later
// version. Recovery may cut files, so it runs on a copy.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "acd/journal.h"
#include "gtest/gtest.h"
#include "tests/env/temp_dir.h"
#include "tests/journal/journal_test_util.h"

namespace acd {
namespace {

using test_env::AppendUpTo;
using test_env::Recover;
using test_env::TempDir;

constexpr char kStoredSnapshot[] = "the state after record 3";

TEST(JournalCompat, ReadsTheStoredVersion1Directory) {
  TempDir dir;
  std::filesystem::copy(std::string(ACD_JOURNAL_TEST_DATA_DIR) + "/v1", dir.path(),
                        std::filesystem::copy_options::recursive);
  absl::StatusOr<test_env::Recovered> got = Recover(Env::Default(), dir.path());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->snapshot_seq, 3u);
  EXPECT_EQ(got->snapshot, kStoredSnapshot);
  EXPECT_TRUE(got->IsRange(4, 8));
  EXPECT_EQ(got->summary.segments_read, 3u);
  EXPECT_TRUE(got->summary.cuts.empty());
  EXPECT_TRUE(got->summary.removed.empty());
  EXPECT_EQ(got->summary.next_seq, 9u);
}

// Regenerates the stored directory (run once per format version, by hand):
//   ACD_JOURNAL_DATA_OUT=tests/journal/data/v1 build/bin/journal_test
//     --gtest_also_run_disabled_tests --gtest_filter='*WriteStored*'
// (one command line).
TEST(JournalCompat, DISABLED_WriteStoredDirectory) {
  const char* out = std::getenv("ACD_JOURNAL_DATA_OUT");
  ASSERT_NE(out, nullptr);
  JournalOptions options;
  options.segment_bytes = 150;  // rotates after a few records
  auto writer = JournalWriter::Open(Env::Default(), out, options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(AppendUpTo(**writer, 3).ok());
  ASSERT_TRUE((*writer)->WriteSnapshot(3, kStoredSnapshot).ok());
  ASSERT_TRUE(AppendUpTo(**writer, 8).ok());
  ASSERT_TRUE((*writer)->Close().ok());
}

}  // namespace
}  // namespace acd
