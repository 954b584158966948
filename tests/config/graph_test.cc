// The overflow graph checks of the loader (lib/config/overflow_graph.h):
// loops a call could go round without an agent, queues without a way out,
// entry rules and callbacks that lead to no agent. Each message is checked
// whole: file, line, field path and reason.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> YamlErrors(std::string_view yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

void ExpectLoads(std::string_view yaml) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
  EXPECT_TRUE(center.ok()) << center.status();
}

// Queues desk (line 4), sales and night (no members) with the given extra
// lines each; Ann (german 8, level 5 in sales) serves desk and sales.
std::string Center(const std::string& desk, const std::string& sales,
                   const std::string& night, const std::string& tail = "") {
  return "skills: [german, french]\n"
         "queues:\n"
         "  - name: desk\n" +
         desk + "  - name: sales\n" + sales + "  - name: night\n" + night +
         "agents:\n"
         "  - id: 1\n"
         "    skills: [{skill: german, level: 8}]\n"
         "    queues: [{queue: desk}, {queue: sales, level: 5}]\n" +
         tail;
}

constexpr char kNightVoicemail[] =
    "    rules: [{name: mailbox, condition: no_agent_logged_in,\n"
    "             route: {kind: voicemail}}]\n";

TEST(Graph, ConditionalLoopNamesTheRuleAndThePath) {
  EXPECT_THAT(
      YamlErrors(Center("    rules:\n"
                        "      - {name: to sales, after_ms: 30000, condition: no_agent_ready,\n"
                        "         route: {kind: queue, queue: sales}}\n",
                        "    rules:\n"
                        "      - {name: back, after_ms: 30000, condition: queue_length_at_least,\n"
                        "         threshold: 3, route: {kind: queue, queue: desk}}\n",
                        kNightVoicemail)),
      ElementsAre("g.yaml:10: queues[1].rules[0].route.queue: rule \"back\": moving calls to "
                  "\"desk\" closes a loop (desk -> sales -> desk); a call no agent takes "
                  "could go round it forever"));
}

TEST(Graph, LoopThroughLeaveWhenEmptyAndMaxWait) {
  EXPECT_THAT(
      YamlErrors(Center("    leave_when_empty: {condition: no_agent_logged_in,\n"
                        "                       action: {kind: queue, queue: night}}\n",
                        "",
                        "    max_wait_ms: 1000\n"
                        "    on_max_wait: {kind: queue, queue: sales}\n"
                        "    rules: [{name: back, after_ms: 500, condition: no_agent_ready,\n"
                        "             route: {kind: queue, queue: desk}}]\n")),
      ElementsAre("g.yaml:11: queues[2].rules[0].route.queue: rule \"back\": moving calls "
                  "to \"desk\" closes a loop (desk -> night -> desk); a call no agent takes "
                  "could go round it forever"));
}

TEST(Graph, LongerLoopShowsEveryQueue) {
  EXPECT_THAT(
      YamlErrors(Center("    rules: [{after_ms: 1, condition: no_agent_ready,\n"
                        "             route: {kind: queue, queue: sales}}]\n",
                        "    on_full: {kind: queue, queue: night}\n",
                        "    leave_when_empty: {condition: no_agent_ready,\n"
                        "                       action: {kind: queue, queue: desk}}\n")),
      ElementsAre("g.yaml:10: queues[2].leave_when_empty.action.queue: moving calls to "
                  "\"desk\" closes a loop (desk -> sales -> night -> desk); a call no agent "
                  "takes could go round it forever"));
}

// Each decline is an agent's choice: declines may lead around in a circle.
TEST(Graph, DeclinesMayCircle) {
  ExpectLoads(Center("    on_decline: {kind: queue, queue: sales}\n",
                     "    on_decline: {kind: queue, queue: desk}\n", kNightVoicemail));
}

TEST(Graph, RulesAndAddedQueuesAreWaysOut) {
  ExpectLoads(Center("", "", kNightVoicemail));
  ExpectLoads(Center("", "",
                     "    rules: [{after_ms: 5000, action: add_queue, queue: sales}]\n"));
  EXPECT_THAT(
      YamlErrors(Center("", "",
                        "    rules: [{name: help, action: add_queue, queue: sales}]\n"
                        "  - name: empty\n"
                        "    rules: [{name: help, action: add_queue, queue: night}]\n")),
      ElementsAre("g.yaml:7: queues[3]: calls waiting in \"empty\" can never leave: no "
                  "member agent can take them, and no overflow rule, on_max_wait or "
                  "leave_when_empty leads to an agent, callback, voicemail, external number "
                  "or message"));
}

TEST(Graph, EntryRulesMustReachAnAgent) {
  const std::string rules =
      "entry_rules:\n"
      "  - {name: french buyers, route: {kind: queue, queue: sales},\n"
      "     required_skills: [{skill: french}]}\n"
      "  - {name: seniors, route: {kind: queue, queue: sales}, min_level: 8,\n"
      "     required_skills: [{skill: german, level: 8}]}\n"
      "  - {name: night line, route: {kind: queue, queue: night}}\n"
      "entry_default: {kind: queue, queue: night}\n";
  EXPECT_THAT(
      YamlErrors(Center("", "", kNightVoicemail, rules)),
      ElementsAre("g.yaml:13: entry_rules[0].route.queue: rule \"french buyers\" sends "
                  "calls to \"sales\", but no agent can ever take them there or in a queue "
                  "they can move on to: none is a member with french >= 1",
                  "g.yaml:15: entry_rules[1].route.queue: rule \"seniors\" sends calls to "
                  "\"sales\", but no agent can ever take them there or in a queue they can "
                  "move on to: none is a member with german >= 8 at level >= 8",
                  "g.yaml:17: entry_rules[2].route.queue: rule \"night line\" sends calls "
                  "to \"night\", but no agent can ever take them there or in a queue they "
                  "can move on to: none is a member",
                  "g.yaml:18: entry_default.queue: calls no entry rule matches go to "
                  "\"night\", but no agent can ever take them there or in a queue they can "
                  "move on to"));
}

// Relaxing the level, adding a queue or moving the call on reaches agents.
TEST(Graph, EntryRulesReachAgentsThroughRules) {
  const std::string rules =
      "entry_rules:\n"
      "  - {name: seniors, route: {kind: queue, queue: sales}, min_level: 8}\n"
      "  - {name: night line, route: {kind: queue, queue: night}}\n"
      "entry_default: {kind: queue, queue: night}\n";
  ExpectLoads(Center("",
                     "    rules: [{after_ms: 20000, action: set_min_level, level: 5}]\n",
                     "    rules: [{after_ms: 1000, route: {kind: queue, queue: desk}}]\n",
                     rules));
  ExpectLoads(Center("", "",
                     "    rules: [{after_ms: 1000, action: add_queue, queue: desk}]\n",
                     "entry_rules:\n"
                     "  - {name: night line, route: {kind: queue, queue: night}}\n"));
}

TEST(Graph, CallbacksMustWaitWhereAgentsServe) {
  EXPECT_THAT(
      YamlErrors(Center("    callback: {queue: night}\n", "",
                        std::string(kNightVoicemail) + "    callback: {}\n")),
      ElementsAre("g.yaml:4: queues[0].callback.queue: callbacks captured in \"desk\" would "
                  "wait in \"night\", where no agent can take them",
                  "g.yaml:9: queues[2].callback: callbacks captured in \"night\" would wait "
                  "in \"night\", where no agent can take them"));
  ExpectLoads(Center("    callback: {queue: sales}\n", "",
                     std::string(kNightVoicemail) + "    callback: {enabled: false}\n"));
}

}  // namespace
}  // namespace acd
