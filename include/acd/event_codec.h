// The byte form of an engine input event (acd/event.h), in the shared
// encoding of acd/bytes.h: what the journal stores for every event a shard
// applies, so that recovery replays exactly what the engine saw.
//
//   event   = id (varint) time_ms (signed) kind (u8: the EventBody index) body
//   body    = the kind's fields in declaration order; strings as bytes,
//             enums as u8, skill lists as count + (skill, level) pairs,
//             a skill expression as its canonical conjunctions
//
// The layout is version kEventCodecVersion; a change to it (a new event
// kind appended, a new field) bumps the version, and DecodeEvent keeps
// reading every earlier one.
//   1  the first layout: kinds agent_login .. callback_result (0..16)
//   2  call_end_talk carries `by` (u8, after the call); new kinds
//      call_hold, call_resume (call), call_update (call, fields (varint),
//      the attributes as call_arrive writes them), call_set_priority
//      (call, priority (signed)), outbound_call (call, agent); call_route's
//      disposition may be `outbound` (refused by the engine). A version-1
//      call_end_talk reads as by = unknown.
//   3  new kind call_transfer_to_agent (call, agent).
//   4  new kind call_move (call, position (varint)).
//   5  new kinds call_consult (call, consult, agent, queue (varints)),
//      call_consult_end (call, complete (bool)); call_route's disposition
//      may be `consult` (refused by the engine); call_enqueue ends with
//      position (varint; 0 when read from an earlier version).
//   6  call_enqueue ends with wait_credit_ms (signed; 0 when read from an
//      earlier version).
//   7  new kind agent_set_level (agent (varint), queue (varint: 0 = every
//      queue of the agent, else the queue id + 1), level (signed)).
//   8  agent_ready and agent_not_ready end with queue (varint: 0 = every
//      queue, else the queue id + 1; 0 when read from an earlier version).
//
// Thread-safety: free functions. Invariants: DecodeEvent(EncodeEvent(e))
// equals e; a truncated or malformed input is a DataLoss error naming the
// field and the offset, never a partly filled event.
#ifndef ACD_EVENT_CODEC_H_
#define ACD_EVENT_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "acd/bytes.h"
#include "acd/event.h"

namespace acd {

inline constexpr uint32_t kEventCodecVersion = 8;

void EncodeEvent(const Event& event, ByteWriter& out);
std::string EncodeEvent(const Event& event);

// Reads one event written by any version up to kEventCodecVersion.
absl::StatusOr<Event> DecodeEvent(ByteReader& in, uint32_t version = kEventCodecVersion);
absl::StatusOr<Event> DecodeEvent(std::string_view bytes, uint32_t version = kEventCodecVersion);

// Whether two events are the same input (every field).
bool SameEvent(const Event& a, const Event& b);

}  // namespace acd

#endif  // ACD_EVENT_CODEC_H_
