// Eligibility: who may take which call now, read from the engine's state
// records (engine_state.h) alone. Pure functions; the engine, its
// invariant checker and its restore use them alike, so one reading of
// availability, wrap-up scope, member delays and levels holds everywhere.
// Internal to lib/core. Thread-safety: none needed (no state of its own).
//
// What holds (checked by InvariantChecker after every step): an agent is
// filed in its queues' ready indexes exactly while Available; a call is
// offered only to a member whose tier its LevelsIn allows (DESIGN
// invariant 2 bounds the load Available weighs against capacity).
#ifndef ACD_LIB_CORE_ELIGIBILITY_H_
#define ACD_LIB_CORE_ELIGIBILITY_H_

#include "acd/skill_expr.h"
#include "core/engine_state.h"
#include "core/level_range.h"

namespace acd::core {

// Available in some queue: a wrap-up for one queue only (wrapup_here_only)
// leaves the agent available to its other queues.
inline bool Available(const Agent& a) {
  return a.presence == Presence::kReady && (!a.in_wrapup || a.wrapup_queue != kNoQueue) &&
         !a.resting && a.load() < a.capacity;
}

// Whether the agent is in a wrap-up that keeps it from `queue`'s calls.
inline bool WrapsUpFor(const Agent& a, QueueId queue) {
  return a.in_wrapup && (a.wrapup_queue == kNoQueue || a.wrapup_queue == queue);
}

// Ends the agent's wrap-up (a timer, AgentReady, a logout); the caller
// cancels the timer and re-files the agent.
inline void EndWrapUp(Agent& a) {
  a.in_wrapup = false;
  a.wrapup_queue = kNoQueue;
}

// The agent's membership of `queue`, or null (a per-queue counter's
// lookup at every answer and call end: inline).
inline AgentMembership* MembershipOf(Agent& a, QueueId queue) {
  for (AgentMembership& m : a.memberships) {
    if (m.queue == queue) return &m;
  }
  return nullptr;
}
inline const AgentMembership* MembershipOf(const Agent& a, QueueId queue) {
  for (const AgentMembership& m : a.memberships) {
    if (m.queue == queue) return &m;
  }
  return nullptr;
}

// Whether the agent meets a pool's skill requirement.
inline bool MatchesExtra(const Agent& a, const SkillExpr& extra) {
  return extra.Matches(a.skills, a.all_skills_level);
}

// Whether the queue's member delays are ignored now: at most
// ignore_delays_up_to_members members logged in.
inline bool IgnoresDelays(const QueueState& q) {
  return q.ignore_delays_up_to > 0 && q.logged_in <= q.ignore_delays_up_to;
}

// The stage a call at `stage` is served at under skip_empty_delays
// (FreeSWITCH's tier-rule-no-agent-no-wait): past every delay class
// without a logged-in member.
inline int SkipEmptyFrom(const QueueState& q, int stage) {
  if (!q.skip_empty_delays) return stage;
  const int last = static_cast<int>(q.delays_ms.size()) - 1;
  while (stage < last && q.class_logged_in[stage] == 0) ++stage;
  return stage;
}

// The delay stage a call of the queue at `stage` is served at: its own,
// or the last one while the queue ignores delays, or past empty classes.
inline int ServedStage(const QueueState& q, int stage) {
  return IgnoresDelays(q) ? kMaxDelayClasses - 1 : SkipEmptyFrom(q, stage);
}

// The lowest stage of the calls a member of delay class `cls` may take:
// the calls whose stage reaches it, or (skip_empty_delays) those that
// reach it over classes without a logged-in member.
inline int LowestStageFor(const QueueState& q, int cls) {
  if (IgnoresDelays(q)) return 0;
  if (!q.skip_empty_delays) return cls;
  while (cls > 0 && q.class_logged_in[cls - 1] == 0) --cls;
  return cls;
}

// Whether the queue weighs levels at all: not with at most
// ignore_levels_up_to_members configured members (Asterisk's
// penaltymemberslimit); fixed between reloads (QueueState::Derive).
inline bool IgnoresLevels(const QueueState& q) { return q.ignores_levels; }

// Whether the queue serves the best available level first.
inline bool LevelFirst(const QueueState& q) { return q.level_first; }

// The member levels a call may take in the queue (its level bounds), and
// the level a membership counts at there: every qualified member alike
// while the queue ignores levels.
inline LevelRange LevelsIn(const QueueState& q, const Call& c) {
  return IgnoresLevels(q) ? kAnyLevel : RangeOf(c.min_level, c.max_level, c.level_cap);
}
inline int TierIn(const QueueState& q, const AgentMembership& m) {
  return IgnoresLevels(q) && m.tier >= kMinLevel ? kMaxLevel : m.tier;
}

}  // namespace acd::core

#endif  // ACD_LIB_CORE_ELIGIBILITY_H_
