// The loaders really read through the Env they are given: a fault injected
// at the seam reaches the caller unchanged, and the default still works.
#include <string>

#include "acd/config.h"
#include "acd/env.h"
#include "acd/forecast.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/temp_dir.h"

namespace acd {
namespace {

using ::testing::HasSubstr;

// Refuses to open anything for reading, naming the path.
class NoReadsEnv : public EnvWrapper {
 public:
  NoReadsEnv() : EnvWrapper(Env::Default()) {}
  absl::StatusOr<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) override {
    ++opens;
    return absl::InternalError(path + ": cannot read: injected");
  }
  int opens = 0;
};

TEST(EnvSeam, CenterFilesAreReadThroughTheGivenEnv) {
  test_env::TempDir dir;
  const std::string path = dir.File("center.yaml");
  ASSERT_TRUE(WriteFileAtomically(Env::Default(), path, DefaultCenterYaml()).ok());
  EXPECT_TRUE(LoadCenterFile(path).ok());
  NoReadsEnv env;
  absl::StatusOr<CenterConfig> refused = LoadCenterFile(path, env);
  EXPECT_EQ(env.opens, 1);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(refused.status().message(), path + ": cannot read: injected");
}

TEST(EnvSeam, ForecastsAreReadThroughTheGivenEnv) {
  test_env::TempDir dir;
  NoReadsEnv env;
  const std::string path = dir.File("forecast.csv");
  EXPECT_THAT(std::string(ReadForecastCsv(path, env).status().message()),
              HasSubstr("forecast.csv: cannot read: injected"));
  EXPECT_EQ(env.opens, 1);
  EXPECT_EQ(ReadForecastCsv(path).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace acd
