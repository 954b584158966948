// FaultInjectionEnv itself: a fault that does not fire would make every
// crash test pass for the wrong reason.
#include "tests/env/fault_injection_env.h"

#include <string>

#include "acd/env.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/temp_dir.h"

namespace acd {
namespace {

using test_env::FaultInjectionEnv;
using ::testing::HasSubstr;

TEST(FaultEnv, DropUnsyncedDataKeepsTheSyncedPrefix) {
  test_env::TempDir dir;
  FaultInjectionEnv env;
  const std::string path = dir.File("f");
  auto file = env.NewWritableFile(path);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("synced.").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("lost").ok());
  EXPECT_EQ(env.SyncedSize(path), 7u);
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  EXPECT_EQ(*env.ReadFileToString(path, 100), "synced.");
  EXPECT_EQ(env.syncs(), 1);
}

TEST(FaultEnv, RenameCarriesTheSyncedSize) {
  test_env::TempDir dir;
  FaultInjectionEnv env;
  auto file = env.NewWritableFile(dir.File("a"));
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("def").ok());
  ASSERT_TRUE((*file)->Close().ok());
  ASSERT_TRUE(env.RenameFile(dir.File("a"), dir.File("b")).ok());
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  EXPECT_EQ(*env.ReadFileToString(dir.File("b"), 100), "abc");
}

TEST(FaultEnv, FailedWritesAndSyncs) {
  test_env::TempDir dir;
  FaultInjectionEnv env;
  auto file = env.NewWritableFile(dir.File("f"));
  env.FailWrites(1);
  const absl::Status write = (*file)->Append("x");
  EXPECT_EQ(write.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(write.message()), HasSubstr("injected I/O error"));
  ASSERT_TRUE((*file)->Append("y").ok());
  env.FailSyncs(1);
  EXPECT_FALSE((*file)->Sync().ok());
  EXPECT_EQ(env.SyncedSize(dir.File("f")), 0u);
  ASSERT_TRUE((*file)->Sync().ok());
  EXPECT_EQ(env.SyncedSize(dir.File("f")), 1u);
}

TEST(FaultEnv, DiskFullWritesWhatFitsThenRefuses) {
  test_env::TempDir dir;
  FaultInjectionEnv env;
  auto file = env.NewWritableFile(dir.File("f"));
  env.SetDiskBudget(5);
  ASSERT_TRUE((*file)->Append("abc").ok());
  const absl::Status full = (*file)->Append("defg");
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(full.message()), HasSubstr("disk full: "));
  EXPECT_EQ((*file)->Append("h").code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(*env.ReadFileToString(dir.File("f"), 100), "abcde");
  env.ClearFaults();
  EXPECT_TRUE((*file)->Append("h").ok());
}

TEST(FaultEnv, TearTailAndFailedRenameInWriteFileAtomically) {
  test_env::TempDir dir;
  FaultInjectionEnv env;
  const std::string path = dir.File("snap");
  ASSERT_TRUE(WriteFileAtomically(env, path, "old contents").ok());
  env.FailRenames(1);
  EXPECT_FALSE(WriteFileAtomically(env, path, "new contents").ok());
  EXPECT_EQ(*env.ReadFileToString(path, 100), "old contents");
  EXPECT_FALSE(env.FileExists(path + ".tmp"));
  env.FailSyncs(1);
  EXPECT_FALSE(WriteFileAtomically(env, path, "new contents").ok());
  EXPECT_EQ(*env.ReadFileToString(path, 100), "old contents");
  ASSERT_TRUE(env.TearTail(path, 4).ok());
  EXPECT_EQ(*env.ReadFileToString(path, 100), "old cont");
}

}  // namespace
}  // namespace acd
