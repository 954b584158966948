// The cases of acd::ValidateCenter's tests (validate_test.cc,
// validate_entry_test.cc): a small valid center, a way to spoil it, and the
// error lines expected, each with its exact path and reason.
#ifndef ACD_TESTS_CONFIG_VALIDATE_CASES_H_
#define ACD_TESTS_CONFIG_VALIDATE_CASES_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/center.h"
#include "gtest/gtest.h"

namespace acd::testing {

// Two queues (desk, sales), one agent in both; valid as it is.
inline CenterConfig Base() {
  CenterConfig c;
  c.skills = {"german", "french"};
  c.queues.resize(2);
  c.queues[0].name = "desk";
  c.queues[1].name = "sales";
  AgentConfig ann;
  ann.id = 1;
  ann.name = "Ann";
  ann.queues = {Membership{0}, Membership{1}};
  ann.skills = {{0, 8}};
  c.agents = {ann};
  return c;
}

inline std::vector<std::string> Errors(const CenterConfig& c) {
  const absl::Status status = ValidateCenter(c);
  if (status.ok()) return {};
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  return absl::StrSplit(status.message(), '\n');
}

inline OverflowAction ToQueue(QueueId q) { return {OverflowKind::kQueue, q, ""}; }
inline OverflowAction Terminal(OverflowKind kind) { return {kind, 0, "t"}; }

inline OverflowRule RouteRule(std::string name, TimeMs after_ms, RuleCondition condition,
                              OverflowAction route) {
  OverflowRule r;
  r.name = std::move(name);
  r.after_ms = after_ms;
  r.condition = condition;
  r.route = std::move(route);
  return r;
}

struct Case {
  const char* name;
  std::function<void(CenterConfig&)> spoil;
  std::vector<std::string> errors;
};

class ValidateTest : public ::testing::TestWithParam<Case> {};

inline std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  return info.param.name;
}

}  // namespace acd::testing

#endif  // ACD_TESTS_CONFIG_VALIDATE_CASES_H_
