// InvariantChecker (core/invariant_checker.h): channels, DESIGN invariants
// 31-33 (an agent's load per media, a call's media, the channels an agent
// is given).
#include <array>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "core/invariant_checker.h"

namespace acd::core {

void InvariantChecker::CheckChannels(uint32_t slot, const Agent& a) {
  // (31) The load per media is the agent's calls (offers and connections)
  // of that media.
  std::array<uint32_t, kMediaCount> held{};
  for (uint32_t call_slot : a.calls) {
    const Call& c = e_.calls_[call_slot];
    if (static_cast<int>(c.media) < kMediaCount) ++held[static_cast<int>(c.media)];
  }
  for (int m = 0; m < kMediaCount; ++m) {
    if (held[m] != a.media_load[m]) {
      Fail("(31) agent ", a.id, " counts ", a.media_load[m], " ",
           NameOf(static_cast<Media>(m)), " calls but holds ", held[m]);
    }
  }
  // (33) Its channels are its center's, and each membership's media its
  // queue's.
  Agent given;
  SetChannels(e_.center_.agents[slot], given);
  if (given.media_cap != a.media_cap || given.media_with != a.media_with) {
    Fail("(33) agent ", a.id, " has channels other than its center gives");
  }
  for (const AgentMembership& m : a.memberships) {
    if (m.media != e_.center_.queues[m.queue].media) {
      Fail("(33) agent ", a.id, " keeps another media than queue ", m.queue, "'s");
    }
  }
}

void InvariantChecker::CheckCallMedia(const Call& c) {
  // (32) A call that reached a queue or an agent has its media fixed; a
  // queued call has its queue's (and its guest queue's); a consult's two
  // ends share theirs.
  if (static_cast<int>(c.media) >= kMediaCount) Fail("(32) call ", c.id, " has no media");
  const bool reached = c.queued || c.state != CallState::kArrived || !c.ringing.empty() ||
                       c.agent != kNoSlot;
  if (reached && !c.media_fixed) Fail("(32) call ", c.id, " reached a queue or agent without a media");
  if (!c.media_fixed) return;
  // A damaged snapshot's queue or consult out of range is CheckCall's to
  // report; nothing here reads past the tables.
  const size_t queues = e_.queues_.size();
  if (c.queued && c.queue < queues && c.media != e_.qcfg(c.queue).media) {
    Fail("(32) ", NameOf(c.media), " call ", c.id, " is in ", NameOf(e_.qcfg(c.queue).media),
         " queue ", e_.qcfg(c.queue).name);
  }
  if (c.guest_queue < queues && c.media != e_.qcfg(c.guest_queue).media) {
    Fail("(32) ", NameOf(c.media), " call ", c.id, " is a guest of ",
         NameOf(e_.qcfg(c.guest_queue).media), " queue ", e_.qcfg(c.guest_queue).name);
  }
  if (c.consult < e_.calls_.size() && e_.calls_[c.consult].media != c.media) {
    Fail("(32) call ", c.id, " and its consult differ in media");
  }
}

}  // namespace acd::core
