// The layout of an engine snapshot (Engine::Snapshot / Engine::Restore), in
// one place, as leveldb keeps its log layout in log_format.h. Every number
// uses acd/bytes.h: fixedN little-endian, varint, signed = zig-zag varint,
// double = IEEE bits as fixed64, bytes = varint length + bytes.
//
//   snapshot = magic (fixed32 "ACDE") version (varint)
//              center fingerprint (fixed64)   -- CenterFingerprint(center)
//              section*                        -- in the order below
//   section  = tag (u8) fields
//
//   kClock    started (bool) now_ms (signed) enqueue_seq (varint)
//   kRng      four fixed64 words of the generator's state
//   kCounts   the CallCounts fields but outbound, (version 2: outbound),
//             (version 4: consults), then the dispositions (version 1:
//             13, up to callback_cancelled; versions 2-3: 14, up to
//             outbound; version 4: kDispositionCount)
//   kQueues   count, then per queue in center order: rr_last race_clock
//             (signed) aht_ms (double) entered answered abandoned
//             overflowed rona callbacks_completed callbacks_failed
//             (varint), pools: count, each pool's requirement (a skill
//             expression; pool 0 is "always")
//   kAgents   count, then per agent in roster order: the Agent record
//             (engine_state.h) but its timer handles (outbound_today
//             after misses_in_row from version 2, then calls_since_ready
//             (varint) talk_ms_since_ready (signed) from version 5;
//             before, the day's counters), memberships with the
//             ready-index key (a, b) of each membership the agent is filed
//             under (a membership's level: from version 7 the run-time
//             level AgentSetLevel set, 1..10; before, always the
//             center's; from version 8 then its pause in that queue
//             alone (u8 reason, 0 = none)), from version 9 each
//             membership's counters of one queue (PutHereCounters), and
//             its skills
//   kBooks    (version 12) the rule books kept for callers across a reload
//             that the calls below read (HoldsBook), in the order the
//             calls (by slot) first name them: count, then per book
//             from_arrival (bool), rule count (1..255), per rule its
//             version-1 center fields (PutRule), every_ms (signed), the
//             three level-bound changes (relative (bool) value (signed)),
//             skill (varint) and whether it is gone (bool); a rule not
//             gone names only queues and skills the center has
//   kCalls    slab size, free slots (in free-list order), live count, then
//             per live call in slot order: slot, the Call record but its
//             timer handles and index flag (from version 2 with
//             outbound (bool) and its hold: on_hold (bool) hold_since_ms
//             hold_ms (signed), after ring_due_ms; from version 3 then
//             directed (bool) answered_here (bool) transfers (varint);
//             from version 4 then consult_leg (bool) and the consult's
//             other end (varint: slot + 1, 0 for none); from version 5
//             then wait_credit_ms (signed); from version 6 then max_level
//             level_cap (signed); from version 7 then whether it has
//             talked (bool) and, if so, first_answered_ms (signed); an
//             older snapshot's call takes answered_ms when it is talking
//             or was answered in its queue entry and has no transfer to
//             an agent or consult behind it (transfers == 0), else none:
//             its wait then counts to its latest connection, as the older
//             build counted it (a blind transfer to a queue is not counted
//             in transfers, so such a call's first answer is taken to be
//             its latest)); from version 10 then its media (u8: 0 not yet
//             fixed, else Media + 1; an older snapshot's call is a voice
//             call once it reached a queue or an agent, as every queue
//             of its center is a voice queue); from version 11 then
//             next_rule_ms and rules_floor_ms (signed; an older snapshot's
//             floor is the call's entry; the slot of next_rule holds the rule's
//             index, 255 for none, where older versions held its place in
//             the queue's (after_ms, index) order); from version 12
//             then its kept book (varint: its number in kBooks + 1, 0 for
//             its queue's own rules),
//             its CallbackInfo when it is a
//             callback, its CallAttributes when the center keeps them
//   kTimers   next sequence number, count, then per live timer in
//             sequence order: due_ms (signed) seq (varint) kind (u8)
//             target slot (varint)
//   kMemory   ended calls and seen event ids, oldest first; captures by
//             call id and their expiry FIFO; left places by ANI and their
//             expiry FIFO
//   kEnd      nothing follows
//
// Everything derived (ready and waiting indexes, owner sets, per-queue
// live counters, membership tiers and pool bits, the agent directory) is
// rebuilt on restore, as a live reload rebuilds it. Not state, so not
// written: WorkCounters (measurements; a restored engine starts them at
// zero), the time of the event being checked and the count of timers fired
// (both only compared within one Apply), and caches.
//
// Compatibility: a reader of version N reads every version <= N; a change
// of layout bumps kSnapshotVersion and keeps the older branch in the
// decoder (tests/core/data holds a stored snapshot of each version).
#ifndef ACD_LIB_CORE_SNAPSHOT_FORMAT_H_
#define ACD_LIB_CORE_SNAPSHOT_FORMAT_H_

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "acd/bytes.h"

namespace acd::core::snapshot {

inline constexpr uint32_t kMagic = 0x45444341;  // "ACDE" little-endian
// 1: the first layout. 2: calls carry their hold (CallHold) and whether
// they are outbound; agents their outbound calls today; counts the
// outbound calls and the outbound disposition. 3: calls carry their
// transfers to an agent (directed, answered_here, transfers). 4: calls
// carry their consult (consult_leg, the other end's slot + 1 or 0); counts
// the consult legs and the consult disposition. 5: calls carry their wait
// credit (CallEnqueue's time adjustment); agents their calls and talk time
// since they last became ready (counters_since_ready). 6: calls and
// captures carry their upper level bound and level cap (set_level_bounds).
// 7: agents carry the queue a wrap-up keeps them from alone
// (wrapup_here_only), after their flags: 0 = every queue, else queue + 1.
// Also 7: a membership's level is the run-time one (AgentSetLevel), no
// longer always the center's; calls carry their first answer (CallEnded
// wait_ms). 8: a membership carries its pause in that queue alone
// (AgentNotReady with a queue; u8 not-ready reason, 0 = none) after its
// level. 9: after its memberships, an agent carries each one's counters
// of its queue's calls alone (counters_here_only): calls_here (varint)
// talk_ms_here (signed) ended (bool), then last_end_ms (signed) if ended;
// an older snapshot's memberships count none and never ended one.
// 10 (channels): calls carry their media after their first answer (an
// agent's load per media is derived from its calls, not written).
// 11 (recurring rules): a call's next_rule is the index of its next rule
// (255: none), no longer its place in the queue's (after_ms, index) order,
// and next_rule_ms, that rule's time, follows the media, then rules_floor_ms.
// 12 (kept rules): a kBooks section before kCalls holds the rule books
// kept for callers across a reload (keep_rules_at_entry), and each call
// names the one it follows after rules_floor_ms.
inline constexpr uint32_t kVersion = 12;

enum Section : uint8_t {
  kClock = 1,
  kRng = 2,
  kCounts = 3,
  kQueues = 4,
  kAgents = 5,
  kCalls = 6,
  kTimers = 7,
  kMemory = 8,
  kBooks = 9,  // version 12
  kEnd = 255,
};

// Reads a section tag and fails the reader unless it is `section`.
inline void ExpectSection(ByteReader& r, Section section) {
  r.set_field("snapshot section");
  if (r.GetU8() != section) r.Fail(absl::StrCat("section ", section, " expected"));
}

}  // namespace acd::core::snapshot

#endif  // ACD_LIB_CORE_SNAPSHOT_FORMAT_H_
