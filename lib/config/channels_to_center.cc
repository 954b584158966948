// An agent's channels (center.proto Agent.channels): the media it takes,
// how many calls of each at once, and which media may interrupt which
// (Amazon Connect's routing profile media concurrency and cross-channel
// behaviour, Genesys' utilization). Names are resolved here, with an error
// at the field; ranges and the rest are acd::ValidateCenter's.
#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "config/converter.h"
#include "config/rule_names.h"

namespace acd::config_internal {

void Converter::Channels(const v1::Agent& in, const std::string& path, AgentConfig* out) {
  const std::string channels_path = JoinPath(path, "channels");
  uint32_t listed = 0;  // bit per media given so far
  uint64_t total = 0;
  for (int i = 0; i < in.channels_size(); ++i) {
    const v1::Channel& ch = in.channels(i);
    const std::string ch_path = IndexPath(channels_path, i);
    ChannelConfig c;
    if (!ParseEnum(ch.media(), MediaNames(), "media", JoinPath(ch_path, "media"), errors_,
                   &c.media)) {
      continue;
    }
    const uint32_t bit = 1u << static_cast<int>(c.media);
    if ((listed & bit) != 0) {
      errors_->Add(JoinPath(ch_path, "media"),
                   absl::StrCat("\"", ch.media(), "\" is listed twice; one channel per media"));
      continue;
    }
    listed |= bit;
    c.capacity = ch.capacity();
    total += ch.capacity();
    for (int j = 0; j < ch.interrupted_by_size(); ++j) {
      const std::string by_path = IndexPath(JoinPath(ch_path, "interrupted_by"), j);
      Media by = Media::kVoice;
      if (!ParseEnum(ch.interrupted_by(j), MediaNames(), "media", by_path, errors_, &by)) continue;
      const uint8_t by_bit = static_cast<uint8_t>(1u << static_cast<int>(by));
      if ((c.interrupted_by & by_bit) != 0) {
        errors_->Add(by_path, absl::StrCat("\"", ch.interrupted_by(j), "\" is listed twice"));
      }
      c.interrupted_by |= by_bit;
    }
    out->channels.push_back(c);
  }
  std::sort(out->channels.begin(), out->channels.end(),
            [](const ChannelConfig& x, const ChannelConfig& y) { return x.media < y.media; });
  // Unset, the total is what the channels add up to (Connect and TaskRouter
  // have no total; acd keeps one beside them).
  if (!in.has_capacity() && !out->channels.empty()) {
    out->capacity = static_cast<uint32_t>(std::min<uint64_t>(total, kMaxAgentCapacity));
  }
}

}  // namespace acd::config_internal
