// `acd check-config` as a function: output and exit status.
#include "check_config.h"

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};

RunResult CheckConfig(std::vector<std::string> args) {
  args.insert(args.begin(), "check-config");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  std::ostringstream out, err;
  const int code =
      RunCheckConfig(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

const std::string kSales =
    std::string(ACD_SOURCE_DIR) + "/examples/centers/sales.yaml";
const std::string kDirect =
    std::string(ACD_SOURCE_DIR) + "/examples/centers/sales-direct.yaml";
const std::string kBad = std::string(ACD_TEST_DATA_DIR) + "/bad_center.yaml";

TEST(CheckConfig, GoodFilesPrintASummary) {
  const RunResult run = CheckConfig({kSales, kDirect});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, kSales + ": ok (4 queues, 17 agents, 8 skills; sellers: queue sales)\n" +
                         kDirect + ": ok (3 queues, 15 agents, 8 skills; sellers: queue sales)\n");
  EXPECT_EQ(run.err, "");
}

TEST(CheckConfig, BadFilePrintsEveryError) {
  const RunResult run = CheckConfig({kBad});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, kBad +
                         ":8: queues[1].ring_timeout_ms: must be > 0, got 0\n" +
                         kBad +
                         ":10: queues[1].on_max_wait.queue: no queue named "
                         "\"recepton\" (did you mean \"reception\"?)\n" +
                         kBad +
                         ":14: agents[0].skills[0].level: 11 is outside "
                         "1..10\n");
}

TEST(CheckConfig, OneBadFileFailsTheRun) {
  const RunResult run = CheckConfig({kSales, "/nonexistent.yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("sales.yaml: ok"));
  EXPECT_EQ(run.err,
            "/nonexistent.yaml: cannot open: No such file or directory\n");
}

TEST(CheckConfig, UsageErrors) {
  RunResult run = CheckConfig({});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("no file given"));
  EXPECT_THAT(run.err, HasSubstr("usage: acd check-config FILE..."));
  run = CheckConfig({"--strict", kSales});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("unknown option --strict"));
  run = CheckConfig({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("usage: acd check-config FILE..."));
}

}  // namespace
