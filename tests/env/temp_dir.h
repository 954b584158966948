// TempDir: a fresh directory under the test's temp dir, removed with
// everything in it when the object goes away. For the env and journal tests,
// which all run on real files.
#ifndef ACD_TESTS_ENV_TEMP_DIR_H_
#define ACD_TESTS_ENV_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace acd::test_env {

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "/acd-XXXXXX";
    path_ = ::mkdtemp(pattern.data()) != nullptr ? pattern : "";
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed under " << ::testing::TempDir();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace acd::test_env

#endif  // ACD_TESTS_ENV_TEMP_DIR_H_
