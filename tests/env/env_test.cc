// The POSIX Env on real files: every call, its error messages, and
// WriteFileAtomically.
#include <sys/stat.h>

#include <string>

#include "absl/status/status.h"
#include "acd/env.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/temp_dir.h"

namespace acd {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

void WriteAll(Env& env, const std::string& path, std::string_view text) {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = env.NewWritableFile(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Append(text).ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());
}

TEST(PosixEnv, WriteAppendReadAndSize) {
  test_env::TempDir dir;
  Env& env = Env::Default();
  const std::string path = dir.File("a.txt");
  WriteAll(env, path, "hello ");
  {
    auto file = env.NewAppendableFile(path);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append("world").ok());
    ASSERT_TRUE((*file)->Flush().ok());
    ASSERT_TRUE((*file)->Sync().ok());
  }
  EXPECT_EQ(*env.ReadFileToString(path, 100), "hello world");
  EXPECT_EQ(*env.GetFileSize(path), 11u);
  EXPECT_TRUE(env.FileExists(path));

  auto random = env.NewRandomAccessFile(path);
  ASSERT_TRUE(random.ok());
  std::string out;
  ASSERT_TRUE((*random)->Read(6, 100, &out).ok());
  EXPECT_EQ(out, "world");

  auto seq = env.NewSequentialFile(path);
  ASSERT_TRUE(seq.ok());
  ASSERT_TRUE((*seq)->Skip(2).ok());
  ASSERT_TRUE((*seq)->Read(3, &out).ok());
  EXPECT_EQ(out, "llo");

  // Rewriting truncates.
  WriteAll(env, path, "x");
  EXPECT_EQ(*env.ReadFileToString(path, 100), "x");
}

TEST(PosixEnv, DirectoriesRenameTruncateRemove) {
  test_env::TempDir dir;
  Env& env = Env::Default();
  const std::string sub = dir.File("a/b/c");
  ASSERT_TRUE(env.CreateDir(sub).ok());
  ASSERT_TRUE(env.CreateDir(sub).ok());  // already there: fine
  WriteAll(env, sub + "/one", "12345");
  WriteAll(env, sub + "/two", "");
  EXPECT_THAT(*env.GetChildren(sub), ElementsAre("one", "two"));
  ASSERT_TRUE(env.RenameFile(sub + "/one", sub + "/three").ok());
  EXPECT_THAT(*env.GetChildren(sub), ElementsAre("three", "two"));
  ASSERT_TRUE(env.TruncateFile(sub + "/three", 2).ok());
  EXPECT_EQ(*env.ReadFileToString(sub + "/three", 100), "12");
  ASSERT_TRUE(env.SyncDir(sub).ok());
  ASSERT_TRUE(env.RemoveFile(sub + "/two").ok());
  EXPECT_FALSE(env.FileExists(sub + "/two"));
}

TEST(PosixEnv, ErrorsNameThePathAndTheReason) {
  test_env::TempDir dir;
  Env& env = Env::Default();
  const std::string missing = dir.File("nope/x");
  absl::StatusOr<std::string> read = env.ReadFileToString(missing, 10);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(read.status().message(), missing + ": cannot open: No such file or directory");
  EXPECT_EQ(env.NewWritableFile(missing).status().message(),
            missing + ": cannot open: No such file or directory");
  EXPECT_EQ(env.RemoveFile(missing).code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(env.GetChildren(missing).status().message()),
              HasSubstr("cannot list: No such file"));
  EXPECT_THAT(std::string(env.ReadFileToString(dir.path(), 10).status().message()),
              HasSubstr(": cannot read: Is a directory"));
  // A file where a directory should be.
  WriteAll(env, dir.File("file"), "x");
  EXPECT_FALSE(env.CreateDir(dir.File("file")).ok());
}

TEST(PosixEnv, FullDiskIsResourceExhausted) {
  Env& env = Env::Default();
  if (!env.FileExists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  absl::StatusOr<std::unique_ptr<WritableFile>> file = env.NewWritableFile("/dev/full");
  ASSERT_TRUE(file.ok()) << file.status();
  const absl::Status full = (*file)->Append("x");
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(full.message(), "disk full: /dev/full: cannot write: No space left on device");
}

TEST(PosixEnv, ReadFileToStringRefusesBigFiles) {
  test_env::TempDir dir;
  Env& env = Env::Default();
  WriteAll(env, dir.File("big"), std::string(100, 'x'));
  absl::StatusOr<std::string> read = env.ReadFileToString(dir.File("big"), 99);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("larger than 99 bytes"));
  EXPECT_TRUE(env.ReadFileToString(dir.File("big"), 100).ok());
}

TEST(PosixEnv, WriteFileAtomicallyReplacesAndLeavesNoTemp) {
  test_env::TempDir dir;
  Env& env = Env::Default();
  const std::string path = dir.File("out.csv");
  ASSERT_TRUE(WriteFileAtomically(env, path, "first").ok());
  ASSERT_TRUE(WriteFileAtomically(env, path, "second").ok());
  EXPECT_EQ(*env.ReadFileToString(path, 100), "second");
  EXPECT_THAT(*env.GetChildren(dir.path()), ElementsAre("out.csv"));
  const absl::Status bad = WriteFileAtomically(env, dir.File("no/such/dir.csv"), "x");
  EXPECT_EQ(bad.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(bad.message()), HasSubstr("dir.csv.tmp: cannot open"));
}

TEST(PosixEnv, DirName) {
  EXPECT_EQ(DirName("a/b/c"), "a/b");
  EXPECT_EQ(DirName("c"), ".");
  EXPECT_EQ(DirName("/c"), "/");
}

}  // namespace
}  // namespace acd
