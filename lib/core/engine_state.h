// The engine's state records: calls, queue pools, queues, and the small
// values they share (the agent records are in agent_state.h, included
// here). Plain structs owned and changed by EngineImpl alone
// (engine_impl.h); single-threaded. Field order follows use, hot fields
// first, because at 100,000 agents every cache line an event touches is a
// memory access.
#ifndef ACD_LIB_CORE_ENGINE_STATE_H_
#define ACD_LIB_CORE_ENGINE_STATE_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "acd/center.h"
#include "acd/skill_expr.h"
#include "core/agent_index.h"
#include "core/agent_state.h"
#include "core/call_index.h"
#include "core/rule_book.h"
#include "core/timers.h"

namespace acd::core {

inline constexpr uint32_t kNoSlot = UINT32_MAX;
// Call::book: the call follows its queue's own rules (no kept book).
inline constexpr uint16_t kQueueBook = UINT16_MAX;
inline constexpr int kMaxPriority = 1000;
inline constexpr size_t kMaxRequiredSkills = 4;
inline constexpr size_t kMaxDigits = 64;  // IVR digits a call carries
inline constexpr TimeMs kNotAnswered = INT64_MIN;  // Call::first_answered_ms

// An enum's name as a std::string, for absl::StrCat in messages.
template <typename Enum>
std::string NameOf(Enum value) {
  return std::string(ToString(value));
}

// Ordered like Agent: routing fields first, attributes last.
struct Call {
  CallId id = 0;
  CallState state = CallState::kArrived;
  bool queued = false;
  bool overflow_due = false;  // max wait fired while an offer rang
  // A routing overflow rule held while an offer rang: the route waits for
  // the ring to end unanswered (-1: none).
  int16_t route_due = -1;
  bool in_index = false;      // in its pool's WaitingIndex (or its owner's)
  // Waits for its own (CRM owner) seller alone: filed in owned_ under the
  // owner, not in the pool, until owner_timer fires or the owner misses,
  // declines or goes away.
  bool owner_window = false;
  uint8_t stage = 0;
  // The call's next rule time in its queue: rule next_rule (an index into
  // its book's rules; kNoRule: none to come) comes due next_rule_ms after
  // RulesFromMs (NextRuleTime orders them).
  uint8_t next_rule = kNoRule;
  uint16_t pool = 0;
  QueueId queue = 0;
  // A queue whose members may take the call too (an overflow rule's
  // kAddQueue); its pool's waiting index holds the call beside the home
  // one, at the last stage (the guest queue's member delays do not apply).
  QueueId guest_queue = kNoQueue;
  uint16_t guest_pool = 0;
  // The rules the call follows in its queue (EngineImpl::BookOf): the
  // queue's own (kQueueBook), or a book kept across a reload with the rules
  // it entered with (keep_rules_at_entry; an index into kept_books_). Read
  // only while HoldsBook.
  uint16_t book = kQueueBook;
  int priority = 0;
  // The level bounds (acd/rules.h LevelBoundsChange; DESIGN invariant 21):
  // CallEnqueue or an entry rule sets the minimum, overflow rules move all
  // three; they travel with the call to other queues and to its callback.
  int min_level = kMinLevel;
  int max_level = kMaxLevel;
  int level_cap = kMaxLevel;
  uint32_t agent = kNoSlot;  // connected agent slot
  CallKey key;               // valid while waiting
  TimeMs arrived_ms = 0;
  TimeMs enqueued_ms = 0;
  TimeMs next_rule_ms = 0;  // with next_rule
  // Of a recurring rule's times at or before this (ms after RulesFromMs),
  // only the latest comes due: the entry (RulesEnteredMs), or a reload
  // that changed the queue's rules (NextRuleTime's floor_ms).
  TimeMs rules_floor_ms = 0;
  // Since when the caller holds their place in line (the cross-queue rank's
  // wait): enqueued_ms, or earlier for a caller who resumed their place.
  TimeMs line_ms = 0;
  // CallEnqueue's time adjustment: each queue entry takes a place as if in
  // line since wait_credit_ms before it (SeqForLineMs).
  TimeMs wait_credit_ms = 0;
  // The current connection's start (a transfer or a consult's completion
  // starts a new one), and the first one's, kept through transfers, consults
  // and moves (kNotAnswered until the call first talks, or when a snapshot
  // older than version 7 could not tell it: then the latest connection
  // counts, as before): CallEnded::wait_ms counts arrival to first answer.
  TimeMs answered_ms = 0;
  TimeMs first_answered_ms = kNotAnswered;
  // On hold (CallHold) since hold_since_ms; hold_ms: earlier holds of this
  // connection, summed.
  bool on_hold = false;
  TimeMs hold_since_ms = 0;
  TimeMs hold_ms = 0;
  TimerRef ring_timer;
  absl::InlinedVector<uint32_t, 1> ringing;  // agent slots with an offer
  absl::InlinedVector<TimeMs, 1> rung_ms;    // when each of them was offered
  TimeMs ring_due_ms = 0;                    // the ring timeout, while offered
  TimerRef progress_timer;                   // ring progressively: the next agent
  TimerRef max_wait_timer, stage_timer, rule_timer, announce_timer, owner_timer;
  uint32_t announced_position = 0;  // last position told; 0 = none yet
  // A callback (CallbackRequest), not a caller on the line; the rest of
  // it (rarely read) is in EngineImpl::callbacks_. held: waiting, but out
  // of line until its hold timer fires (a retry's back-off, its window,
  // closed hours).
  bool callback = false;
  bool held = false;
  // Placed by its agent (OutboundCall): connected from the start, in no queue.
  bool outbound = false;
  // Attended transfers (CallConsult): consult_leg marks a consult leg
  // (to a named colleague: connected from the start, in no queue; into a
  // queue: queued like any call); consult is the slot of the other end (on
  // a consulting call its leg, on a leg the call it consults for), or
  // kNoSlot.
  bool consult_leg = false;
  uint32_t consult = kNoSlot;
  // Transfers to a named agent (CallTransferToAgent): `directed` while the
  // offer rings at the colleague the call was transferred to (one offer,
  // no ring-all, no progressive ring; unanswered, the call goes back to its
  // place in line); answered_here once an agent answered it in its current
  // queue entry (counted in the queue's answered; a caller who hangs up
  // afterwards ends answered); transfers: how many it had in its life.
  bool directed = false;
  bool answered_here = false;
  uint16_t transfers = 0;
  AgentId owner_agent = 0;
  bool internal = false;
  bool vip = false;
  // Its media (QueueConfig::media), fixed for its life once media_fixed:
  // when it first enters a queue (that queue's), or when it first goes to
  // an agent without one (an outbound call: voice; a consult leg to a
  // colleague: its caller's). Never changes after (DESIGN invariant 32).
  Media media = Media::kVoice;
  bool media_fixed = false;
};

// Whether the call reads its book: in line in a queue (not a callback)
// with a rule time to come or a route due. A call that does not holds no
// book (a snapshot writes none; a reload keeps none for it).
inline bool HoldsBook(const Call& c) {
  return c.queued && !c.callback && (c.next_rule != kNoRule || c.route_due >= 0);
}

// When the call's overflow rules in its queue start counting their
// after_ms: its entry into the queue, or (rules_from_arrival, TaskRouter's
// workflow timeouts) its arrival.
inline TimeMs RulesFromMs(const Call& c, const RuleBook& book) {
  return book.from_arrival ? c.arrived_ms : c.enqueued_ms;
}

// How long after RulesFromMs the call entered its queue (0 unless its
// rules count from the arrival): a recurring rule's times before then
// stand as one.
inline TimeMs RulesEnteredMs(const Call& c, const RuleBook& book) {
  return c.enqueued_ms - RulesFromMs(c, book);
}

// Calls of another queue that the pool's agents may take too (an overflow
// rule's kAddQueue), one index per home queue: within a home queue its own
// order holds, and across home queues the engine ranks the heads.
struct GuestCalls {
  QueueId home = 0;
  WaitingIndex waiting;  // every entry at the last stage
};

// The calls of a queue with one skill requirement, and the available
// members who meet it.
struct Pool {
  SkillExpr extra;  // the requirement; pool 0's is "always"
  ReadyIndex ready;
  WaitingIndex waiting;
  std::vector<GuestCalls> guests;  // at most one per queue whose rules add this one
  WaitingIndex& GuestsFrom(QueueId home);
};

// Fields are ordered by use: the first cache line (the record is aligned to
// one) holds what filing an agent and every decision read, the pools'
// live counts take the second; the rest follows.
struct alignas(64) QueueState {
  const QueueConfig* config = nullptr;
  // [0]: no skill requirement. In the engine's arena (the constructor).
  std::vector<Pool, NodeArenaAllocator<Pool>> pools;
  uint32_t logged_in = 0, available = 0;
  // What every decision asks of the configuration, kept here (Derive, fixed
  // between reloads): config->ignore_delays_up_to_members (IgnoresDelays),
  // strategy, counters_here_only, counters_since_ready, skip_empty_delays
  // and the join and leave factors; whether the queue weighs no levels, having at most
  // ignore_levels_up_to_members members (IgnoresLevels), and whether it
  // serves the best level first (config->level_first unless it weighs none).
  uint32_t ignore_delays_up_to = 0;
  Strategy strategy = Strategy::kLongestIdle;
  // The strategy is random or weighted random: its pools' ready indexes
  // draw and are told at once when an agent leaves (BasicReadyIndex::drawn).
  // Derivable from strategy, but kept: UnindexAgent asks it for every
  // membership of every agent it takes out, and it fills a byte of a line
  // read anyway, so taking an agent out of another queue touches no pool.
  bool drawn = false;
  uint8_t join_factors = 0;  // config->join_empty.factors, read at each entry
  // LeaveFactors(config->leave_when_empty), read each time a caller gets
  // back in line.
  uint8_t leave_factors = 0;
  bool counters_here_only = false;
  bool counters_since_ready = false;
  bool skip_empty_delays = false;
  bool ignores_levels = false;
  bool level_first = false;
  int64_t rr_last = -1;  // round robin memory (position)
  // Live entries per pool's ready index (its stale ones are the rest):
  // decides when a pool is compacted. Kept here, beside `available`, so
  // that taking an agent out touches no pool.
  std::array<uint32_t, kMaxPoolsPerQueue> filed{};
  // Members logged in by delay class (derived from the agents, like
  // logged_in): with skip_empty_delays, a class at 0 holds no call.
  std::array<uint32_t, kMaxDelayClasses> class_logged_in{};
  uint32_t waiting = 0, ringing = 0, talking = 0;
  uint32_t working = 0;  // members logged in and not "not ready"
  std::vector<TimeMs> delays_ms;  // distinct member delays, [0] == 0
  std::vector<uint32_t> members;  // agent slots, ascending (roster order)
  // No longer advanced (weighted random draws per decision now); kept so
  // that snapshots carry it as every earlier build wrote it.
  int64_t race_clock = 0;
  // join_empty, leave_when_empty: members by JoinClass and tier
  // (kJoinClasses x (kMaxLevel + 1)), kept only while the queue has
  // join_empty or leave_when_empty factors; derived, not state.
  std::vector<uint32_t> join_counts;
  uint32_t guests = 0;   // other queues' waiting calls filed here (kAddQueue)
  // At least the latest line_ms of the queue's places (a bound, never
  // lowered but by a rebuild): an entry at or after it takes a fresh entry
  // order with no look at the places. Derived, not state.
  TimeMs latest_line_ms = INT64_MIN;
  // Handle time (talk + wrap-up) of recently answered calls, a moving
  // average for the estimated wait; starts at the queue's prior.
  double aht_ms = 0;
  uint64_t entered = 0, answered = 0, abandoned = 0, overflowed = 0, rona = 0;
  uint32_t callbacks_pending = 0;  // live callbacks waiting here (held or in line)
  uint64_t callbacks_completed = 0, callbacks_failed = 0;
  // The queue's own overflow rules, as the callers who follow them read
  // them (configuration; Call::book). Last: routing decisions never read it.
  RuleBook book;

  // Sets the fields derived from config and members (fixed between
  // reloads); before the first pool is made (AddPool reads them).
  void Derive() {
    ignore_delays_up_to = config->ignore_delays_up_to_members;
    strategy = config->strategy;
    drawn = strategy == Strategy::kRandom || strategy == Strategy::kWeightedRandom;
    join_factors = config->join_empty.factors;
    leave_factors = LeaveFactors(config->leave_when_empty);
    counters_here_only = config->counters_here_only;
    counters_since_ready = config->counters_since_ready;
    skip_empty_delays = config->skip_empty_delays;
    ignores_levels = config->ignore_levels_up_to_members > 0 &&
                     members.size() <= config->ignore_levels_up_to_members;
    level_first = config->level_first && !ignores_levels;
  }
};

// The agent's place among the queue's members (ascending slots), in
// O(log n): where a drawn ready index keeps it (BasicReadyIndex::drawn).
inline uint32_t MemberIndexOf(const QueueState& q, uint32_t slot) {
  return static_cast<uint32_t>(std::lower_bound(q.members.begin(), q.members.end(), slot) -
                               q.members.begin());
}

// A caller who hung up while in line, remembered by ANI so that calling
// back within resume_place_ms resumes the place (CenterConfig).
struct LeftPlace {
  QueueId queue = 0;
  uint64_t seq = 0;    // the call's place (CallKey::seq)
  TimeMs line_ms = 0;
  TimeMs until_ms = 0;  // resumable up to and including this time
};

// A call that went down the callback-capture path, until the PBX files its
// contact (CallbackRequest) or request_within_ms passes. Everything the
// callback needs to take the caller's place.
struct Capture {
  QueueId wait_queue = 0;    // where the callback waits
  QueueId policy_queue = 0;  // whose CallbackPolicy governs it
  bool enabled = false;      // that policy takes callbacks
  CallId callback = 0;       // the callback filed for it; 0 = none yet
  int priority = 0;
  int min_level = kMinLevel;
  int max_level = kMaxLevel;
  int level_cap = kMaxLevel;
  SkillExpr extra;
  uint64_t seq = 0;    // the caller's place (CallKey::seq)
  TimeMs line_ms = 0;  // in line since
  TimeMs until_ms = 0;  // a contact may be filed up to and including this time
};

// A live callback's own facts, by call slot: kept beside the call record,
// not in it, so that callers on the line do not carry them.
struct CallbackInfo {
  CallId from_call = 0;
  QueueId policy_queue = 0;
  std::string number;
  TimeMs window_to_ms = 0;  // 0 = no end
  uint32_t failed_attempts = 0;  // dials that failed
  TimeMs held_until_ms = 0;      // while held
  TimerRef hold_timer, expiry_timer;
};

// Cross-queue rank of a waiting call when an agent frees up: queue
// priority, call priority, weighted wait, then entry order.
struct CallRank {
  int queue_priority;
  int call_priority;
  double weighted_wait;
  uint64_t seq;
  bool BetterThan(const CallRank& o) const;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_ENGINE_STATE_H_
