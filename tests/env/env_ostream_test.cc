// EnvOstream: a text stream that writes through the file seam, so a full
// disk or a failed write reaches the writer's Close instead of vanishing.
#include <string>

#include "acd/env_ostream.h"
#include "gtest/gtest.h"
#include "tests/env/fault_injection_env.h"
#include "tests/env/temp_dir.h"

namespace acd::test_env {
namespace {

TEST(EnvOstream, WritesEverythingThroughTheSeam) {
  TempDir dir;
  const std::string path = dir.path() + "/log.txt";
  auto out = EnvOstream::Open(Env::Default(), path);
  ASSERT_TRUE(out.ok()) << out.status();
  std::string expected;
  for (int i = 0; i < 20000; ++i) {  // several buffers' worth
    **out << "line " << i << "|x\n";
    expected += "line " + std::to_string(i) + "|x\n";
  }
  ASSERT_TRUE((*out)->Close().ok());
  absl::StatusOr<std::string> read = Env::Default().ReadFileToString(path, 10 << 20);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, expected);
}

TEST(EnvOstream, AFullDiskIsReportedByClose) {
  TempDir dir;
  FaultInjectionEnv env;
  env.SetDiskBudget(1000);
  auto out = EnvOstream::Open(env, dir.path() + "/log.txt");
  ASSERT_TRUE(out.ok()) << out.status();
  for (int i = 0; i < 20000; ++i) **out << "line " << i << "\n";
  const absl::Status closed = (*out)->Close();
  EXPECT_EQ(closed.code(), absl::StatusCode::kResourceExhausted) << closed;
  EXPECT_NE(closed.message().find("disk full"), std::string::npos) << closed;
  EXPECT_TRUE((*out)->bad());
}

TEST(EnvOstream, OpenNamesThePathAndTheReason) {
  auto out = EnvOstream::Open(Env::Default(), "/nonexistent/dir/log.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(out.status().message().find("/nonexistent/dir/log.txt"), std::string::npos);
}

// A replacing stream leaves the old file until a successful Close, and the
// old file for good when the run is abandoned or a write fails.
TEST(EnvOstream, ReplacingKeepsTheOldFileUntilClose) {
  TempDir dir;
  const std::string path = dir.path() + "/out.log";
  ASSERT_TRUE(WriteFileAtomically(Env::Default(), path, "old\n").ok());
  auto out = EnvOstream::OpenReplacing(Env::Default(), path);
  ASSERT_TRUE(out.ok()) << out.status();
  **out << "new\n";
  (*out)->flush();
  EXPECT_EQ(*Env::Default().ReadFileToString(path, 100), "old\n");
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(*Env::Default().ReadFileToString(path, 100), "new\n");
  EXPECT_FALSE(Env::Default().FileExists(path + ".tmp"));
}

TEST(EnvOstream, AnAbandonedReplacementLeavesNothingBehind) {
  TempDir dir;
  const std::string path = dir.path() + "/out.log";
  ASSERT_TRUE(WriteFileAtomically(Env::Default(), path, "old\n").ok());
  {
    auto out = EnvOstream::OpenReplacing(Env::Default(), path);
    ASSERT_TRUE(out.ok()) << out.status();
    **out << "half a run\n";
  }  // destroyed without Close: a failed run
  EXPECT_EQ(*Env::Default().ReadFileToString(path, 100), "old\n");
  EXPECT_FALSE(Env::Default().FileExists(path + ".tmp"));
}

TEST(EnvOstream, AReplacementOnAFullDiskKeepsTheOldFile) {
  TempDir dir;
  const std::string path = dir.path() + "/out.log";
  ASSERT_TRUE(WriteFileAtomically(Env::Default(), path, "old\n").ok());
  FaultInjectionEnv env;
  env.SetDiskBudget(1000);
  auto out = EnvOstream::OpenReplacing(env, path);
  ASSERT_TRUE(out.ok()) << out.status();
  for (int i = 0; i < 20000; ++i) **out << "line " << i << "\n";
  EXPECT_EQ((*out)->Close().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(*Env::Default().ReadFileToString(path, 100), "old\n");
  EXPECT_FALSE(Env::Default().FileExists(path + ".tmp"));
}

}  // namespace
}  // namespace acd::test_env
