// The engine's agent records: an agent (Agent) with its queue memberships
// (AgentMembership), and the helpers that set its channels and ask whether a
// call of a media fits beside the calls it holds. Plain structs owned and
// changed by EngineImpl alone (engine_impl.h); single-threaded. Field order
// follows use, hot fields first, because at 100,000 agents every cache line
// an event touches is a memory access. Invariants on these fields are
// DESIGN's (24-26, 29, 31, 33), checked by core/invariants_agents.cc and
// core/invariants_channels.cc.
#ifndef ACD_LIB_CORE_AGENT_STATE_H_
#define ACD_LIB_CORE_AGENT_STATE_H_

#include <array>
#include <cstdint>
#include <cstring>

#include "absl/container/inlined_vector.h"
#include "acd/center.h"
#include "core/agent_index.h"
#include "core/timers.h"

namespace acd::core {

inline constexpr QueueId kNoQueue = UINT32_MAX;
inline constexpr TimeMs kNeverEnded = INT64_MIN;  // AgentMembership::last_end_ms

using SkillList = absl::InlinedVector<SkillLevel, 2>;

enum class Presence : uint8_t { kLoggedOut, kReady, kNotReady };

// One queue the agent serves. tier and pools are derived from the agent's
// skills and the queue's pools; they are cached here (recomputed on a skill
// change and when the queue gets a new pool) because every (un)filing of the
// agent needs them. key is where the agent is filed in the ready indexes
// while it is available.
struct AgentMembership {
  QueueId queue = 0;
  uint8_t delay_class = 0;
  uint8_t tier = 0;     // level for the queue (TierFor); 0 = not eligible
  uint16_t pools = 0;   // bit p: the agent meets pool p's requirement
  int level = kMaxLevel;
  uint32_t position = 0;
  double weight = 1.0;
  // Paused in this queue alone (AgentNotReady with a queue) with this
  // reason; kNone: not. Only while the agent is ready (DESIGN invariant 25);
  // such a membership is never filed (invariant 26).
  NotReadyReason paused = NotReadyReason::kNone;
  // The queue's media, kept beside the membership (every filing asks, and
  // the queue's configuration is a cache miss away); DESIGN invariant 33.
  Media media = Media::kVoice;
  // Valid while the agent is filed, except key.order: the agent's order_by
  // value in this queue (OrderKeyFor), set with the membership and kept.
  AgentKey key;
  // This queue's calls alone (Asterisk's per-queue member calls and
  // lastcall, shared_lastcall = no): those the agent answered, their talk
  // time, and when the last one's talk ended (kNeverEnded: none yet). A
  // queue with counters_here_only files its agents by them (HereKeyFor);
  // they are part of the day's counters (DESIGN invariant 29). Last: read
  // only when a call is answered or ends and when the agent is filed.
  uint32_t calls_here = 0;
  TimeMs talk_ms_here = 0;
  TimeMs last_end_ms = kNeverEnded;
};

// Fields are ordered by use: the ones most events read or write share the
// first cache line, the memberships follow, the skills (read on a skill
// change or a new pool) come last. At 100,000 agents a record is rarely in
// cache, so every line an event touches is a memory access.
struct Agent {
  AgentId id = 0;
  TimeMs idle_since_ms = 0;
  TimeMs talk_ms_today = 0;
  TimeMs state_since_ms = 0;
  uint32_t capacity = 1;
  uint32_t offers = 0;   // pending offers
  uint32_t talking = 0;  // connected calls
  uint32_t calls_today = 0;
  uint32_t misses_in_row = 0;
  uint32_t outbound_today = 0;  // outbound calls placed
  // Since the agent last became ready (from not ready or a login): the
  // calls answered and their talk time (a queue's counters_since_ready).
  uint32_t calls_since_ready = 0;
  TimeMs talk_ms_since_ready = 0;
  Presence presence = Presence::kLoggedOut;
  NotReadyReason reason = NotReadyReason::kNone;
  bool in_wrapup = false;
  AgentState reported = AgentState::kLoggedOut;  // last told (AgentStateChanged)
  // While in_wrapup: the queue whose calls the wrap-up keeps away (a call
  // of a queue with wrapup_here_only ended), its other queues offering the
  // agent theirs; kNoQueue: every queue's (DESIGN invariant 24).
  QueueId wrapup_queue = kNoQueue;
  bool resting = false;       // skipped after a miss, decline or busy line
  bool outside_call = false;  // on a call outside the ACD (the PBX says)
  bool filed = false;  // in the ready indexes; true iff available
  NotReadyReason reported_reason = NotReadyReason::kNone;
  // Channels (AgentConfig::channels), from the center: calls of media m it
  // may hold at once (media_cap[m]; 0: none), and the media it may be
  // offered while it holds one of media m (bit per Media, m's own
  // included); media_load[m]: the calls of media m it holds, offers
  // included (derived from `calls`: DESIGN invariant 31).
  std::array<uint16_t, kMediaCount> media_cap{};
  std::array<uint8_t, kMediaCount> media_with{};
  std::array<uint16_t, kMediaCount> media_load{};
  // Its own wrap-up (AgentConfig::wrapup_ms, Asterisk's member wrapuptime),
  // standing in for its queues'; -1: none. Configuration, not state: kept
  // here because every call's end asks, and the agent's configuration is a
  // cache miss away.
  TimeMs own_wrapup_ms = -1;
  absl::InlinedVector<uint32_t, 2> calls;  // slots of offered/connected calls
  TimerRef wrapup_timer;
  TimerRef rest_timer;
  absl::InlinedVector<AgentMembership, 2> memberships;
  SkillList skills;
  // Every skill not in `skills` counts at this level (AgentConfig's
  // all_skills_level, a universal agent); 0: lacks them. Configuration,
  // not state: set from the center, never by an event.
  uint8_t all_skills_level = 0;
  // The JoinClass it is counted under in its queues' join_counts (derived,
  // not state; last, being read only when a queue refuses joins).
  uint8_t join_class = 0;
  // The wrap-up queue it was counted with (JoinClassIn), derived likewise.
  QueueId join_wrapup_queue = kNoQueue;
  uint32_t load() const { return offers + talking; }
  // Whether a call of media m fits beside the calls it holds: below m's
  // capacity, and m may interrupt every media it holds (the total
  // capacity is Available's).
  bool RoomFor(Media m) const {
    const int i = static_cast<int>(m);
    // Holding nothing (most of the time, in one load): only the cap counts.
    uint64_t load = 0;
    static_assert(sizeof(media_load) == sizeof(load));
    std::memcpy(&load, media_load.data(), sizeof(load));
    if (load == 0) return media_cap[i] > 0;
    if (media_load[i] >= media_cap[i]) return false;
    for (int x = 0; x < kMediaCount; ++x) {
      if (media_load[x] != 0 && ((media_with[x] >> i) & 1) == 0) return false;
    }
    return true;
  }
  // A call of media m comes to the agent (an offer or a connection) or
  // leaves it; offers and talking are the caller's.
  void HoldMedia(Media m) { ++media_load[static_cast<int>(m)]; }
  void DropMedia(Media m) { --media_load[static_cast<int>(m)]; }
};

// Sets the agent's media_cap and media_with from its channels (every media
// up to its capacity, in any mix, when it lists none).
inline void SetChannels(const AgentConfig& cfg, Agent& a) {
  if (cfg.channels.empty()) {
    a.media_cap.fill(static_cast<uint16_t>(cfg.capacity));
    a.media_with.fill(static_cast<uint8_t>((1u << kMediaCount) - 1));
    return;
  }
  a.media_cap.fill(0);
  a.media_with.fill(0);
  for (const ChannelConfig& ch : cfg.channels) {
    const int m = static_cast<int>(ch.media);
    a.media_cap[m] = static_cast<uint16_t>(ch.capacity);
    a.media_with[m] = static_cast<uint8_t>(ch.interrupted_by | (1u << m));
  }
}

}  // namespace acd::core

#endif  // ACD_LIB_CORE_AGENT_STATE_H_
