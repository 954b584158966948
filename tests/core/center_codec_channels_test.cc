// The center byte form's channels (marker 14): queues' media and agents'
// channels are written only when set, so a center without them encodes and
// fingerprints as before; with them it round-trips and fingerprints apart;
// damaged values are refused.
#include <string>

#include "acd/center_codec.h"
#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

// The center without channels and without the markers after them
// (counters_here_only, 15; skill steps, 16, made set_min_level rules;
// rules_from_arrival, 17; ring_timeout_moves_on, 18; recurring rules, 19;
// kept rules, 20; pause delays, 21), so the channels' marker is the last
// one written.
CenterConfig Voice(CenterConfig center) {
  for (QueueConfig& q : center.queues) {
    q.media = Media::kVoice;
    q.counters_here_only = false;
    q.rules_from_arrival = false;
    q.ring_timeout_moves_on = false;
    q.keep_rules_at_entry = false;
    q.auto_pause_delay_ms = 0;
    q.auto_pause_busy = false;
    q.auto_pause_unavailable = false;
    for (OverflowRule& rule : q.rules) {
      rule.every_ms = 0;
      if (!IsSkillStep(rule.action)) continue;
      rule.action = RuleActionKind::kSetMinLevel;
      rule.skill = 0;
    }
  }
  for (AgentConfig& a : center.agents) a.channels.clear();
  return center;
}

TEST(CenterCodecChannelsTest, WrittenOnlyWhenSet) {
  const CenterConfig center = Voice(CenterForSeed(3));
  ASSERT_LT(center.agents.size(), 128u);
  ASSERT_LT(center.queues.size(), 128u);
  CenterConfig chat = center;
  chat.queues.back().media = Media::kChat;
  AgentConfig& a = chat.agents.back();
  a.capacity = 3;
  a.channels = {ChannelConfig{Media::kVoice, 1, 0}, ChannelConfig{Media::kChat, 2, 1}};
  const std::string bytes = EncodeCenter(chat);
  const std::string queue(1, static_cast<char>(center.queues.size() - 1));
  const std::string agent(1, static_cast<char>(center.agents.size() - 1));
  // marker, 1 queue (index, chat), 1 agent (index, 2 channels: media, capacity, interrupted_by)
  const std::string written = std::string{"\x0e\x01", 2} + queue + std::string{"\x01\x01", 2} +
                              agent + std::string{"\x02\x00\x01\x00\x01\x02\x01", 7};
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().media, Media::kChat);
  EXPECT_EQ(back->agents.back().channels, a.channels);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  EXPECT_NE(CenterFingerprint(chat), CenterFingerprint(center));
  // The agent's capacity is a version-1 field: only the marker's bytes follow.
  CenterConfig voice_capacity = center;
  voice_capacity.agents.back().capacity = 3;
  EXPECT_EQ(bytes, EncodeCenter(voice_capacity) + written);
  const std::string base = EncodeCenter(voice_capacity);
  // A voice queue or an agent without channels is never written; neither
  // list given is no field.
  EXPECT_EQ(DecodeCenter(base + std::string{"\x0e\x01", 2} + queue + std::string{"\x00\x00", 2})
                .status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeCenter(base + std::string{"\x0e\x00\x01", 3} + agent + std::string{"\x00", 1})
                .status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeCenter(base + std::string{"\x0e\x00\x00", 3}).status().code(),
            absl::StatusCode::kDataLoss);
  // 22 is no field: refused like any unknown marker.
  EXPECT_EQ(DecodeCenter(base + std::string{"\x16\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace acd::testing
