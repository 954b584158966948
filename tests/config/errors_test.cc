// Every error a center file can get, checked for its exact wording: file,
// line, field path and reason.
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The error lines of a YAML text that must not load.
std::vector<std::string> YamlErrors(std::string_view yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "t.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  EXPECT_EQ(center.status().code(), absl::StatusCode::kInvalidArgument);
  return absl::StrSplit(center.status().message(), '\n');
}

std::vector<std::string> JsonErrors(std::string_view json) {
  absl::StatusOr<CenterConfig> center = LoadCenterJson(json, "t.json");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  EXPECT_EQ(center.status().code(), absl::StatusCode::kInvalidArgument);
  return absl::StrSplit(center.status().message(), '\n');
}

// A small valid center; tests append to it or change one line.
constexpr char kAgents[] = R"(
agents:
  - id: 1
    name: Ann
    skills: [{skill: german, level: 8}]
    queues: [{queue: desk}, {queue: sales}]
)";

std::string Center(const std::string& queues) {
  return "skills: [german]\nqueues:\n" + queues + kAgents;
}

TEST(Errors, ValidCenterLoads) {
  const std::string yaml = Center(
      "  - name: desk\n"
      "  - name: sales\n");
  EXPECT_TRUE(LoadCenterYaml(yaml, "t.yaml").ok());
}

TEST(Errors, UnknownFieldNamesLineAndSuggests) {
  EXPECT_THAT(YamlErrors(Center("  - name: desk\n"
                                "  - name: sales\n"
                                "    ring_timout_ms: 5000\n")),
              ElementsAre("t.yaml:5: queues[1].ring_timout_ms: unknown field "
                          "\"ring_timout_ms\" in Queue (did you mean "
                          "\"ring_timeout_ms\"?)"));
}

TEST(Errors, UnknownFieldFarFromAnyListsTheFields) {
  EXPECT_THAT(YamlErrors("colour: blue\n"),
              ElementsAre("t.yaml:1: colour: unknown field \"colour\" in "
                          "Center (expected one of: name, description, "
                          "time_zone, skills, queues, agents, bounds, calendar, "
                          "entry_rules, entry_default, boosts, "
                          "resume_place_ms, ...)"));
}

TEST(Errors, WrongTypes) {
  EXPECT_THAT(
      YamlErrors("skills: german\n"
                 "queues:\n"
                 "  - name: desk\n"
                 "    priority: high\n"
                 "    on_full: callback\n"
                 "    wait_weight: .nan\n"
                 "    max_length: -1\n"
                 "agents: [{id: 1, capacity: [2]}]\n"),
      ElementsAre(
          "t.yaml:1: skills: expected a list, got \"german\"",
          "t.yaml:4: queues[0].priority: expected a 32-bit integer, got "
          "\"high\"",
          "t.yaml:5: queues[0].on_full: expected a map of OverflowAction "
          "fields, got \"callback\"",
          "t.yaml:6: queues[0].wait_weight: expected a finite number, got "
          "\".nan\"",
          "t.yaml:7: queues[0].max_length: expected a non-negative integer, "
          "got \"-1\"",
          "t.yaml:8: agents[0].capacity: expected a non-negative integer, "
          "got a list"));
}

TEST(Errors, IntegerOutOfRange) {
  EXPECT_THAT(YamlErrors("queues: [{name: desk, priority: 3000000000}]\n"),
              ElementsAre("t.yaml:1: queues[0].priority: expected a 32-bit "
                          "integer, got \"3000000000\""));
}

TEST(Errors, MissingValuesAndRepeatedFields) {
  EXPECT_THAT(YamlErrors("skills:\n"
                         "queues:\n"
                         "  - name: desk\n"
                         "    name: desk2\n"
                         "  -\n"),
              ElementsAre("t.yaml:1: skills: missing value: expected a list",
                          "t.yaml:2: queues[1]: missing value: expected a "
                          "map of Queue fields",
                          "t.yaml:4: queues[0].name: field given twice"));
}

TEST(Errors, CenterWithoutQueues) {
  EXPECT_THAT(
      YamlErrors("name: Nobody home\nskills: [german]\n"),
      ElementsAre("t.yaml:1: queues: a center needs at least one queue"));
}

TEST(Errors, FieldNameMustBeText) {
  EXPECT_THAT(YamlErrors("[a]: 1\n"),
              ElementsAre("t.yaml:1: expected a field name, got a list"));
}

TEST(Errors, DocumentShape) {
  EXPECT_THAT(YamlErrors(""), ElementsAre("t.yaml: the file is empty"));
  EXPECT_THAT(YamlErrors("# only a comment\n"),
              ElementsAre("t.yaml: the file is empty"));
  EXPECT_THAT(YamlErrors("- a\n- b\n"),
              ElementsAre("t.yaml:1: expected a map of Center fields, got a "
                          "list"));
  EXPECT_THAT(YamlErrors("skills: [a]\n---\nskills: [b]\n"),
              ElementsAre("t.yaml:3: expected one YAML document, found 2"));
  // Documents past the hundredth are not read: the count stops.
  std::string many;
  for (int i = 0; i < 150; ++i) many += "--- {}\n";
  EXPECT_THAT(YamlErrors(many),
              ElementsAre("t.yaml:2: expected one YAML document, found more "
                          "than 100"));
  // A lone ',' is no YAML node at all.
  EXPECT_THAT(YamlErrors(", a\n"),
              ElementsAre("t.yaml:1: malformed YAML at column 1: did not find "
                          "expected node content (while parsing a block node "
                          "at line 1)"));
}

TEST(Errors, MalformedYamlNamesLineAndColumn) {
  const std::vector<std::string> errors =
      YamlErrors("skills: [german\nqueues:\n  - name: desk\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], StartsWith("t.yaml:"));
  EXPECT_THAT(errors[0], HasSubstr(": malformed YAML at column "));
  EXPECT_THAT(YamlErrors("queues:\n  - name: desk\n   bad: indent\n"),
              ElementsAre("t.yaml:3: malformed YAML at column 4: did not find "
                          "expected '-' indicator (while parsing a block "
                          "collection at line 2)"));
}

TEST(Errors, DanglingReferencesNameTheField) {
  EXPECT_THAT(
      YamlErrors(Center("  - name: desk\n"
                        "    skill: germna\n"
                        "  - name: sales\n"
                        "    max_wait_ms: 60000\n"
                        "    on_max_wait: {kind: queue, queue: dsek}\n"
                        "    on_full: {kind: queue}\n") +
                 "  - id: 2\n"
                 "    skills: [{skill: spanish}]\n"
                 "    queues: [{queue: marketing}]\n"),
      ElementsAre(
          "t.yaml:4: queues[0].skill: no skill named \"germna\" (did you "
          "mean \"german\"?)",
          "t.yaml:7: queues[1].on_max_wait.queue: no queue named \"dsek\" "
          "(did you mean \"desk\"?)",
          "t.yaml:8: queues[1].on_full.queue: missing queue name",
          "t.yaml:16: agents[1].skills[0].skill: no skill named \"spanish\" "
          "(expected one of: german)",
          "t.yaml:17: agents[1].queues[0].queue: no queue named "
          "\"marketing\" (expected one of: desk, sales)"));
}

TEST(Errors, RingTimeoutZero) {
  EXPECT_THAT(YamlErrors(Center("  - name: desk\n"
                                "    ring_timeout_ms: 0\n"
                                "  - name: sales\n")),
              ElementsAre("t.yaml:4: queues[0].ring_timeout_ms: must be > 0, "
                          "got 0"));
}

TEST(Errors, LevelOutsideOneToTen) {
  std::string yaml = Center("  - name: desk\n  - name: sales\n");
  yaml.replace(yaml.find("level: 8"), 8, "level: 11");
  EXPECT_THAT(YamlErrors(yaml),
              ElementsAre("t.yaml:9: agents[0].skills[0].level: 11 is "
                          "outside 1..10"));
}

TEST(Errors, NegativeWait) {
  EXPECT_THAT(YamlErrors(Center("  - name: desk\n"
                                "    max_wait_ms: -5\n"
                                "    on_max_wait: {kind: callback}\n"
                                "  - name: sales\n")),
              ElementsAre("t.yaml:4: queues[0].max_wait_ms: must be >= 0, "
                          "got -5"));
}

TEST(Errors, BadStrategyName) {
  EXPECT_THAT(YamlErrors(Center("  - name: desk\n"
                                "    strategy: longest_idel\n"
                                "  - name: sales\n"
                                "    strategy: fastest\n")),
              ElementsAre("t.yaml:4: queues[0].strategy: unknown strategy "
                          "\"longest_idel\" (did you mean \"longest_idle\"?)",
                          "t.yaml:6: queues[1].strategy: unknown strategy "
                          "\"fastest\" (expected one of: longest_idle, "
                          "least_calls, least_talk_time, round_robin, "
                          "fixed_order, highest_proficiency, random, "
                          "weighted_random, ring_all, best_skill_score)"));
}

TEST(Errors, BadOverflowKindAndStrayQueue) {
  EXPECT_THAT(
      YamlErrors(Center("  - name: desk\n"
                        "    max_wait_ms: 1000\n"
                        "    on_max_wait: {kind: callbak}\n"
                        "  - name: sales\n"
                        "    on_full: {kind: voicemail, queue: desk}\n")),
      ElementsAre("t.yaml:5: queues[0].on_max_wait.kind: unknown overflow kind "
                  "\"callbak\" (did you mean \"callback\"?)",
                  "t.yaml:7: queues[1].on_full.queue: a target queue is only "
                  "used with kinds \"queue\" and \"callback\", not \"voicemail\""));
}

// A capture may name the queue its callback waits in; that queue must take
// callbacks.
TEST(Errors, CallbackQueueWithoutPolicy) {
  EXPECT_THAT(YamlErrors(Center("  - name: desk\n"
                                "  - name: sales\n"
                                "    on_full: {kind: callback, queue: desk}\n")),
              ElementsAre("t.yaml:5: queues[1].on_full.queue: 'desk' takes no callbacks "
                          "(give it a callback policy)"));
}

TEST(Errors, UnknownTimeZone) {
  EXPECT_THAT(YamlErrors("time_zone: Europe/Berln\n" +
                         Center("  - name: desk\n  - name: sales\n")),
              ElementsAre("t.yaml:1: time_zone: unknown time zone "
                          "\"Europe/Berln\""));
}

// acd::ValidateCenter's errors name field paths; the loader adds the lines
// (the nearest recorded ancestor when the field itself is not in the file).
TEST(Errors, ValidatorErrorsGetLines) {
  EXPECT_THAT(YamlErrors("skills: [german, german]\n"
                         "queues:\n"
                         "  - name: desk\n"
                         "  - name: desk\n"
                         "    max_wait_ms: 1000\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}, {queue: desk}]\n"),
              ElementsAre("t.yaml:1: skills[1]: 'german' is listed twice",
                          "t.yaml:4: queues[1].on_max_wait: an action is "
                          "required when max_wait_ms is set",
                          "t.yaml:4: queues[1].name: 'desk' is used twice",
                          "t.yaml:8: agents[0].queues[1].queue: 'desk' is "
                          "listed twice"));
}

// Asterisk's timeoutpriority=app has nothing to cut without a max wait.
TEST(Errors, MaxWaitCutsRingNeedsAMaxWait) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    max_wait_cuts_ring: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:3: queues[0].max_wait_cuts_ring: needs max_wait_ms > 0 "
                          "(there is no max wait to cut a ring with)"));
}

// FreeSWITCH's tier-rule-no-agent-no-wait has no tier to skip without a
// member delay.
TEST(Errors, SkipEmptyDelaysNeedsAMemberDelay) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    skip_empty_delays: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:3: queues[0].skip_empty_delays: no member of the queue has a "
                          "delay_ms (there is no delay to skip)"));
}

TEST(Errors, WrapUpHereOnlyNeedsAWrapUp) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    wrapup_here_only: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:3: queues[0].wrapup_here_only: the queue has no wrapup_ms and "
                          "no member one of its own (there is no wrap-up to keep to this queue)"));
}

TEST(Errors, AutoPauseHereOnlyNeedsMaxMisses) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    max_misses: 0\n"
                         "    auto_pause_here_only: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:4: queues[0].auto_pause_here_only: the queue's max_misses is 0 "
                          "(it never pauses an agent, so there is no automatic pause to keep to "
                          "this queue)"));
}

TEST(Errors, CountersSinceReadyNeedsACountingStrategy) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    counters_since_ready: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:3: queues[0].counters_since_ready: only used with strategies "
                          "least_calls and least_talk_time"));
}

// counters_here_only needs a strategy that counts calls (Asterisk's
// fewestcalls and leastrecent) and does not combine with counts since ready.
TEST(Errors, CountersHereOnlyNeedsACountingStrategy) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    strategy: round_robin\n"
                         "    counters_here_only: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:4: queues[0].counters_here_only: strategy round_robin counts no "
                          "calls; only used with strategies least_calls, least_talk_time and "
                          "longest_idle"));
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    strategy: least_calls\n"
                         "    counters_since_ready: true\n"
                         "    counters_here_only: true\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:5: queues[0].counters_here_only: not with counters_since_ready, "
                          "whose counters take every queue's calls (choose one)"));
}

TEST(Errors, WaitingPerAgentNeedsAPercentThreshold) {
  EXPECT_THAT(YamlErrors("queues:\n"
                         "  - name: desk\n"
                         "    rules:\n"
                         "      - {name: busy, condition: waiting_per_agent_at_least,\n"
                         "         route: {kind: voicemail}}\n"
                         "agents:\n"
                         "  - id: 1\n"
                         "    queues: [{queue: desk}]\n"),
              ElementsAre("t.yaml:4: queues[0].rules[0].threshold: must be in 1..1000000 "
                          "(percent: calls waiting per member logged in x 100), got 0"));
}

TEST(Errors, BoundsKeepTheirBlockInPaths) {
  EXPECT_THAT(YamlErrors(Center("  - name: desk\n  - name: sales\n") +
                         "bounds:\n"
                         "  max_live_calls: 0\n"
                         "  ended_calls_window: 0\n"),
              ElementsAre("t.yaml:12: bounds.max_live_calls: must be > 0",
                          "t.yaml:13: bounds.ended_calls_window: must be > 0"));
}

TEST(Errors, OverflowLoop) {
  EXPECT_THAT(
      YamlErrors(Center("  - name: desk\n"
                        "    max_wait_ms: 1000\n"
                        "    on_max_wait: {kind: queue, queue: sales}\n"
                        "  - name: sales\n"
                        "    max_wait_ms: 1000\n"
                        "    on_max_wait: {kind: queue, queue: desk}\n")),
      ElementsAre("t.yaml:8: queues[1].on_max_wait.queue: overflow to "
                  "'desk' closes a loop; a call could move between "
                  "queues forever"));
}

TEST(Errors, QueueWithNoWayOut) {
  EXPECT_THAT(
      YamlErrors(Center("  - name: desk\n"
                        "  - name: sales\n"
                        "  - name: night\n"
                        "  - name: overflow\n"
                        "    max_wait_ms: 1000\n"
                        "    on_max_wait: {kind: queue, queue: night}\n"
                        "  - name: closed\n"
                        "    max_wait_ms: 1000\n"
                        "    on_max_wait: {kind: voicemail}\n")),
      ElementsAre("t.yaml:5: queues[2]: calls waiting in \"night\" can never "
                  "leave: no member agent can take them, and no overflow "
                  "rule, on_max_wait or leave_when_empty leads to an agent, "
                  "callback, voicemail, external number or message",
                  "t.yaml:6: queues[3]: calls waiting in \"overflow\" can "
                  "never leave: no member agent can take them, and no "
                  "overflow rule, on_max_wait or leave_when_empty leads to an "
                  "agent, callback, voicemail, external number or message"));
}

TEST(Errors, MembersWithoutTheQueueSkillDoNotServeIt) {
  EXPECT_THAT(YamlErrors("skills: [german, french]\nqueues:\n"
                         "  - name: desk\n"
                         "    skill: french\n"
                         "  - name: sales\n" +
                         std::string(kAgents)),
              ElementsAre(HasSubstr("t.yaml:3: queues[0]: calls waiting in "
                                    "\"desk\" can never leave")));
}

TEST(Errors, SeveralErrorsAtOnce) {
  EXPECT_THAT(
      YamlErrors(Center("  - name: desk\n"
                        "    ring_timeout_ms: 0\n"
                        "    max_wait_ms: -1\n"
                        "  - name: sales\n"
                        "    strategy: fastest\n"
                        "    on_full: {kind: queue, queue: nowhere}\n")),
      ElementsAre("t.yaml:4: queues[0].ring_timeout_ms: must be > 0, got 0",
                  "t.yaml:5: queues[0].max_wait_ms: must be >= 0, got -1",
                  HasSubstr("t.yaml:7: queues[1].strategy: unknown strategy"),
                  HasSubstr("t.yaml:8: queues[1].on_full.queue: no queue named "
                            "\"nowhere\"")));
}

TEST(Errors, ManyErrorsAreCapped) {
  std::string yaml = "queues:\n  - name: desk\n";
  for (int i = 0; i < 150; ++i) absl::StrAppend(&yaml, "    x", i, ": 1\n");
  const std::vector<std::string> errors = YamlErrors(yaml);
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors.back(), "t.yaml: 50 more errors not shown");
}

TEST(Errors, JsonUnknownField) {
  EXPECT_THAT(
      JsonErrors(R"({"queues": [{"name": "desk", "colour": "blue"}]})"),
      ElementsAre("t.json:1: queues[0].colour: unknown field \"colour\""));
  EXPECT_THAT(JsonErrors(R"({"colour": "blue"})"),
              ElementsAre("t.json:1: colour: unknown field \"colour\""));
}

TEST(Errors, JsonWrongType) {
  EXPECT_THAT(JsonErrors(R"({"queues": [{"priority": "high"}]})"),
              ElementsAre("t.json:1: queues[0].priority: invalid value "
                          "\"high\" (expected a whole number)"));
  EXPECT_THAT(JsonErrors(R"({"name": 5})"),
              ElementsAre("t.json:1: name: invalid value 5 (expected a string)"));
  EXPECT_THAT(JsonErrors("[1]"),
              ElementsAre("t.json: invalid JSON: the file must hold one JSON object {...} "
                          "(the center), not a list or a value"));
}

TEST(Errors, JsonSyntaxAndValidation) {
  EXPECT_THAT(JsonErrors("{\"queues\": ["),
              ElementsAre("t.json:1: invalid JSON at column 13: the file ends inside a list "
                          "(expected a value or ])"));
  EXPECT_THAT(
      JsonErrors(R"({"queues": [{"name": "desk", "ringTimeoutMs": "0"}],
                     "agents": [{"id": 1, "queues": [{"queue": "dsk"}]}]})"),
      ElementsAre("t.json:1: queues[0].ring_timeout_ms: must be > 0, got 0",
                  "t.json:2: agents[0].queues[0].queue: no queue named \"dsk\" "
                  "(did you mean \"desk\"?)"));
}

// A JSON file's errors name the line of the field, as a YAML file's do,
// and say what is wrong in plain words (no protobuf type names).
TEST(Errors, JsonErrorsNameTheLine) {
  EXPECT_THAT(JsonErrors("{\n  \"name\": \"c\",\n  \"queues\": [\n    {\"name\": \"a\"},\n"
                         "    {\"name\": \"b\", \"priority\": \"high\"}\n  ]\n}\n"),
              ElementsAre("t.json:5: queues[1].priority: invalid value \"high\" (expected a "
                          "whole number)"));
  EXPECT_THAT(JsonErrors("{\n  \"name\": \"c\",\n  \"colour\": 1\n}\n"),
              ElementsAre("t.json:3: colour: unknown field \"colour\""));
  EXPECT_THAT(JsonErrors("{\n  \"name\": \"c\"\n  \"queues\": []\n}\n"),
              ElementsAre("t.json:3: invalid JSON at column 3: expected , or } after a value "
                          "in an object"));
  EXPECT_THAT(JsonErrors("{\n  \"name\" \"c\"\n}\n"),
              ElementsAre("t.json:2: invalid JSON at column 10: expected ':' after the key "
                          "\"name\""));
  for (const std::string& e : JsonErrors("{\"name\": 5, \"queues\": [{\"priority\": 1.5}]}")) {
    EXPECT_EQ(e.find("TYPE_"), std::string::npos) << e;
  }
}

TEST(Errors, FileProblems) {
  absl::StatusOr<CenterConfig> missing = LoadCenterFile("/nonexistent/c.yaml");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "/nonexistent/c.yaml: cannot open: No such file or directory");
  absl::StatusOr<CenterConfig> text = LoadCenterFile("center.txt");
  EXPECT_EQ(text.status().message(),
            "center.txt: unknown file type (expected .yaml, .yml or .json)");
  const std::string directory = ::testing::TempDir() + "/a-directory.yaml";
  std::filesystem::create_directories(directory);
  EXPECT_EQ(LoadCenterFile(directory).status().message(),
            directory + ": cannot read: Is a directory");
}

}  // namespace
}  // namespace acd
