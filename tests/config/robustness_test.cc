// Bad files never crash the loader: truncated, garbled and hostile variants
// of the default center each load or fail with errors naming the file.
#include <cstdint>
#include <random>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

// Loads `yaml`; when that fails, expects every error line to name the
// file. Returns whether it loaded.
bool LoadsOrNamesTheFile(std::string_view yaml, std::string_view what) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
  if (center.ok()) return true;
  EXPECT_EQ(center.status().code(), absl::StatusCode::kInvalidArgument) << what;
  for (absl::string_view line :
       absl::StrSplit(center.status().message(), '\n')) {
    EXPECT_TRUE(absl::StartsWith(line, "g.yaml")) << what << ": " << line;
  }
  return false;
}

TEST(Robustness, EveryTruncationOfTheDefaultCenter) {
  const std::string_view yaml = DefaultCenterYaml();
  int cuts = 0;
  int failed = 0;
  for (size_t cut = 0; cut < yaml.size(); cut += 7, ++cuts) {
    if (!LoadsOrNamesTheFile(yaml.substr(0, cut), absl::StrCat("cut ", cut))) {
      ++failed;
    }
  }
  // Most prefixes lack the agents or end mid-value: they must not pass.
  EXPECT_GT(failed, cuts / 2);
}

TEST(Robustness, GarbledVariantsOfTheDefaultCenter) {
  const std::string original(DefaultCenterYaml());
  const std::string_view noise = "{}[]:,-#&*!|>'\"%@` \n\t\0x9";
  const uint32_t seed = 20240601;
  std::mt19937 rng(seed);
  for (int variant = 0; variant < 400; ++variant) {
    std::string yaml = original;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % yaml.size();
      switch (rng() % 4) {
        case 0:
          yaml[at] = noise[rng() % noise.size()];
          break;
        case 1:
          yaml.erase(at, 1 + rng() % 20);
          break;
        case 2:
          yaml.insert(at, 1, noise[rng() % noise.size()]);
          break;
        default:
          yaml.insert(at, yaml.substr(rng() % yaml.size(), rng() % 40));
          break;
      }
      if (yaml.empty()) yaml = "x";
    }
    LoadsOrNamesTheFile(yaml,
                        absl::StrCat("seed ", seed, " variant ", variant));
  }
}

TEST(Robustness, DeepNestingIsRejected) {
  const std::string lists =
      std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_FALSE(LoadsOrNamesTheFile(lists, "deep lists"));
  EXPECT_FALSE(LoadsOrNamesTheFile(std::string(100'000, '{'), "deep maps"));
}

// Aliases let a small file name a huge tree: here 1000 agents share one
// list of 2000 memberships. The loader stops at its value budget instead of
// walking all of it.
TEST(Robustness, AliasFanOutIsBounded) {
  std::string yaml = "queues: [{name: q}]\nagents:\n  - {id: 1, queues: &m [";
  for (int i = 0; i < 2000; ++i) {
    absl::StrAppend(&yaml, i ? ", " : "", "{queue: q}");
  }
  absl::StrAppend(&yaml, "]}\n");
  for (int i = 2; i <= 1000; ++i) {
    absl::StrAppend(&yaml, "  - {id: ", i, ", queues: *m}\n");
  }
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_EQ(center.status().message(),
            "g.yaml: too many values (more than 1000000); not read");
}

TEST(Robustness, BinaryBytes) {
  std::string bytes;
  std::mt19937 rng(7);
  for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>(rng()));
  EXPECT_FALSE(LoadsOrNamesTheFile(bytes, "random bytes"));
  EXPECT_FALSE(LoadsOrNamesTheFile(std::string("queues: [{name: a\0b}]\n", 23),
                                   "NUL byte"));
}

}  // namespace
}  // namespace acd
