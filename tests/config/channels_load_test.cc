// Loading channels from YAML and JSON: a queue's media and an agent's
// channels (Amazon Connect's routing profile media concurrency and
// cross-channel behaviour, Genesys' utilization "interrupted by"), and the
// loader's errors, each with its line and field path.
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
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "c.yaml");
  EXPECT_FALSE(center.ok()) << "loaded unexpectedly";
  if (center.ok()) return {};
  return absl::StrSplit(center.status().message(), '\n');
}

// Line 1: queues; the agent's channels from line 6 on.
std::string Blended(const std::string& channels) {
  return "queues:\n  - name: phone\n  - name: web\n    media: chat\n"
         "agents:\n  - id: 1\n    queues: [{queue: phone}, {queue: web}]\n" +
         channels;
}

TEST(ChannelsLoad, MediaAndChannelsLoadFromYamlAndJson) {
  absl::StatusOr<CenterConfig> yaml = LoadCenterYaml(
      Blended("    channels:\n      - {media: chat, capacity: 2, interrupted_by: [voice]}\n"
              "      - {media: voice, capacity: 1}\n"),
      "c.yaml");
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  absl::StatusOr<CenterConfig> json = LoadCenterJson(
      R"({"queues": [{"name": "phone"}, {"name": "web", "media": "chat"}],
          "agents": [{"id": 1, "queues": [{"queue": "phone"}, {"queue": "web"}],
                      "channels": [{"media": "chat", "capacity": 2, "interruptedBy": ["voice"]},
                                   {"media": "voice", "capacity": 1}]}]})",
      "c.json");
  ASSERT_TRUE(json.ok()) << json.status();
  for (const CenterConfig* c : {&*yaml, &*json}) {
    EXPECT_EQ(c->queues[0].media, Media::kVoice);  // the default
    EXPECT_EQ(c->queues[1].media, Media::kChat);
    // In media order; the total is the channels' sum when unset.
    EXPECT_EQ(c->agents[0].channels,
              (std::vector<ChannelConfig>{{Media::kVoice, 1, 0}, {Media::kChat, 2, 1}}));
    EXPECT_EQ(c->agents[0].capacity, 3u);
  }
}

TEST(ChannelsLoad, ErrorsNameTheField) {
  EXPECT_THAT(YamlErrors(Blended("    channels: [{media: fax, capacity: 1}]\n")),
              ElementsAre(testing::StartsWith("c.yaml:8: agents[0].channels[0].media: unknown "
                                              "media \"fax\"")));
  EXPECT_THAT(
      YamlErrors(Blended("    channels: [{media: voice, capacity: 1}, {media: chat, capacity: 1},"
                         " {media: chat, capacity: 2}]\n")),
      ElementsAre("c.yaml:8: agents[0].channels[2].media: \"chat\" is listed twice; one "
                  "channel per media"));
  EXPECT_THAT(YamlErrors(Blended("    capacity: 2\n    channels: [{media: voice, capacity: 1},"
                                 " {media: chat, capacity: 3}]\n")),
              ElementsAre("c.yaml:9: agents[0].channels[1].capacity: 3 is more than the "
                          "agent's capacity 2 (it could never be reached)"));
  // Not a member's media; and voice may not move into the chat queue.
  EXPECT_THAT(YamlErrors(Blended("    channels: [{media: voice, capacity: 1}]\n")),
              ElementsAre("c.yaml:7: agents[0].queues[1].queue: 'web' takes chat calls, which "
                          "the agent's channels do not list"));
  EXPECT_THAT(
      YamlErrors("queues:\n  - name: phone\n    max_length: 1\n"
                 "    on_full: {kind: queue, queue: web}\n  - name: web\n    media: chat\n"),
      ElementsAre("c.yaml:4: queues[0].on_full.queue: 'web' takes chat calls and 'phone' voice "
                  "calls; a call keeps its media"));
  EXPECT_THAT(YamlErrors("queues:\n  - name: web\n    media: sms\n"),
              ElementsAre(testing::StartsWith("c.yaml:3: queues[0].media: unknown media \"sms\"")));
}

}  // namespace
}  // namespace acd
