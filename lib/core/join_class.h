// JoinClass: what a queue member counts as for join_empty and
// leave_when_empty (Asterisk's joinempty / leavewhenempty factors), and the
// judgements made from a queue's counts of its members by class and tier
// (QueueState::join_counts). Pure functions of the engine's state records;
// EngineImpl keeps the counts up to date (engine_join.cc). Internal to
// lib/core; no state of its own, so no thread-safety concern.
//
// What holds (DESIGN invariant 14): a queue's join_counts[JoinIndex(c, t)]
// is the number of its members whose JoinClassHere is c at tier t.
#ifndef ACD_LIB_CORE_JOIN_CLASS_H_
#define ACD_LIB_CORE_JOIN_CLASS_H_

#include <cstddef>
#include <cstdint>

#include "core/engine_state.h"
#include "core/level_range.h"

namespace acd::core {

// What a member counts as for join_empty and leave_when_empty: one class
// per set of peer factors that excludes it (FactorsOf in join_class.cc).
enum JoinClass : uint8_t {
  kJoinCanTake,      // may take a call now, or ready but resting
  kJoinUnavailable,  // logged out
  kJoinPaused,       // not ready
  kJoinRinging,      // an offer rings, no room for another
  kJoinInUse,        // talking with no room, or on a call outside the ACD
  kJoinWrapUp,
  // Not ready, but still busy from before the pause: excluded by kPaused
  // or by the busy state's factor.
  kJoinPausedRinging,
  kJoinPausedInUse,
  kJoinPausedWrapUp,
  kJoinClasses,
};

// The place of (class, tier) in QueueState::join_counts.
inline size_t JoinIndex(uint8_t cls, int tier) { return size_t{cls} * (kMaxLevel + 1) + tier; }

// The class an agent counts as in every queue, from its filing and the
// state last reported for it.
uint8_t JoinClassOf(const Agent& a);
// The class the agent counts as in `queue`, from its class `cls` and the
// wrap-up queue it is counted with: in the queue of a wrap-up for that
// queue alone, wrapping up (paused too when paused).
uint8_t JoinClassIn(uint8_t cls, QueueId wrapup_queue, QueueId queue);
// JoinClassIn, paused too where the membership is paused alone.
uint8_t JoinClassHere(uint8_t cls, QueueId wrapup_queue, const AgentMembership& m);

// The tiers at which some member of the queue counts under `factors` (bit
// t for tier t, 0..10; tier 0: lacks the queue's skill). O(classes x tiers).
uint32_t CountingTiers(const QueueState& q, uint8_t factors);
// Whether the queue is empty under `factors` for a caller who may take the
// tiers `levels` allows.
bool EmptyFor(const QueueState& q, uint8_t factors, const LevelRange& levels);
// Whether the queue's join_empty turns a caller with those levels away now.
bool RefusesJoin(const QueueState& q, const LevelRange& levels);

}  // namespace acd::core

#endif  // ACD_LIB_CORE_JOIN_CLASS_H_
