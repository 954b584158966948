// The shadow model's channels: an agent's room for a media, counted from
// the live calls it holds (the engine keeps a count per media instead,
// DESIGN invariant 31), judged by its channels as the center writes them
// (Amazon Connect's per-channel concurrency, Genesys' "interrupted by").
#include <array>

#include "tests/core/shadow_model.h"

namespace acd::testing {

bool ShadowModel::RoomFor(const ShadowAgent& agent, Media media) const {
  const std::vector<ChannelConfig>& channels = agent.config->channels;
  if (channels.empty()) return true;  // any media in any mix: capacity alone
  const AgentId id = agent.config->id;
  std::array<uint32_t, kMediaCount> held{};
  for (const auto& [call_id, call] : live_) {
    uint32_t n = call.agent == id ? 1 : 0;
    for (const ShadowOffer& offer : call.offers) n += offer.agent == id;
    held[static_cast<int>(call.media)] += n;
  }
  const ChannelConfig* own = nullptr;
  for (const ChannelConfig& ch : channels) {
    if (ch.media == media) own = &ch;
  }
  if (own == nullptr || held[static_cast<int>(media)] >= own->capacity) return false;
  for (const ChannelConfig& ch : channels) {
    const int m = static_cast<int>(ch.media);
    if (ch.media != media && held[m] > 0 && (ch.interrupted_by & (1u << static_cast<int>(media))) == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace acd::testing
