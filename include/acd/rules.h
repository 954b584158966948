// The center's routing rules as plain values: business hours, entry rules
// (the receptionist's filtering), per-queue overflow rules, position and
// wait announcements, and the callback policy. center.h holds them;
// lib/config loads them from files; the engine carries them out.
//
// Everything here is a value with no behaviour but BusinessCalendar's
// queries, which are pure functions of the time they are given (the time
// zone is loaded once, by whoever builds the config; the engine never reads
// a clock or a file).
#ifndef ACD_RULES_H_
#define ACD_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "acd/skill_expr.h"
#include "acd/types.h"

namespace acd {

// What to do with a call that leaves the normal path: move it to another
// queue, or end it on a terminal path.
struct OverflowAction {
  OverflowKind kind = OverflowKind::kNone;
  // The target queue when kind == kQueue; for kCallback, where the
  // callback waits (CallbackPolicy), when has_queue.
  QueueId queue = 0;
  std::string target{};  // external number, message or mailbox name
  bool has_queue = false;  // kCallback: queue is set
};

// ---- business hours ----

// A span of local time on given weekdays: [from_minute, to_minute) minutes
// after local midnight, 0..1440. weekdays: bit 0 = Monday ... bit 6 = Sunday.
struct TimeWindow {
  uint8_t weekdays = 0x7f;
  int from_minute = 0;
  int to_minute = 24 * 60;
};

// A date on which the usual hours do not apply: closed all day, or open
// only in `open` (local minutes).
struct Holiday {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  std::vector<TimeWindow> open;  // weekdays ignored; empty = closed all day
};

// When the center takes calls, in its own time zone. With no windows the
// center is always open. Times given to the queries are engine times (ms
// since the Unix epoch in the runtime; the simulator maps its virtual clock
// onto a date the same way).
struct BusinessCalendar {
  std::string time_zone_name = "UTC";  // IANA name, for messages and reports
  absl::TimeZone time_zone = absl::UTCTimeZone();
  std::vector<TimeWindow> open;  // weekly hours; empty = always open
  std::vector<Holiday> holidays;

  bool always_open() const { return open.empty() && holidays.empty(); }
  bool IsOpen(TimeMs time_ms) const;
  // The first moment after time_ms at which IsOpen changes, searching at
  // most 14 days ahead; returns time_ms + 14 days when nothing changes.
  TimeMs NextChangeMs(TimeMs time_ms) const;
  // Local minute of the day (0..1439) and weekday (0 = Monday).
  void LocalMinute(TimeMs time_ms, int* weekday, int* minute) const;
};

// ---- entry rules ----

// A three-way switch for yes/no attributes.
enum class Tri : uint8_t { kAny, kYes, kNo };

// What an entry rule looks at. Every non-empty part must match (AND);
// within a list any element may match (OR). A pattern ending in '*'
// matches by prefix; otherwise it must be equal.
struct EntryMatch {
  std::vector<std::string> dnis;
  std::vector<std::string> digits;
  std::vector<Intent> intents;
  std::vector<std::string> languages;
  std::vector<std::string> marketing_sources;
  Tri vip = Tri::kAny;
  Tri returning = Tri::kAny;
  Tri internal = Tri::kAny;
  Tri has_owner = Tri::kAny;
  Tri open = Tri::kAny;  // the center's business calendar when the call is classified
  std::vector<TimeWindow> hours;  // local time windows; empty = any time
};

// One of the center's ordered entry rules: the first that matches decides.
// route.kind == kQueue enqueues to route.queue with the priority (plus the
// center's boosts), minimum level and required skills given here; a
// terminal kind (callback, voicemail, external, disconnect, reject) ends
// the call on that path at once.
struct EntryRule {
  std::string name;
  EntryMatch match;
  OverflowAction route;
  int priority = 0;
  int min_level = kMinLevel;
  std::vector<SkillLevel> required_skills;
  // A requirement the agent must meet as well (ANDed with required_skills).
  SkillExpr skills_expr{};
  // In line as if the caller had come wait_credit_ms earlier (negative:
  // later), as CallEnqueue.wait_credit_ms; at most kMaxWaitCreditMs either
  // way (Amazon Connect's queue time adjustment, set in a flow).
  TimeMs wait_credit_ms = 0;
};

// Added to the priority an entry rule gives, by the call's attributes.
// External calls outrank internal ones by default.
struct PriorityBoosts {
  int external = 1;
  int vip = 0;
  int returning = 0;
};

// ---- overflow rules ----

// When a rule's condition is looked at: at the moment the call has waited
// after_ms in the queue (0: as it enters), and every every_ms after that
// for a recurring rule. The condition is judged then, once per time; a
// rule whose condition does not hold is passed over for that time.
enum class RuleCondition : uint8_t {
  kAlways,
  kQueueLengthAtLeast,  // calls waiting in the queue (this one included) >= threshold
  kNoAgentLoggedIn,     // no member of the queue is logged in
  kNoAgentReady,        // no member could take a call now
  kEwtAtLeast,          // the queue's estimated wait >= threshold ms
  kClosed,              // outside the center's business hours
  // Calls waiting in the queue (this one included) per member logged in,
  // in percent (Wazo's "waiting calls per logged agents" diversion):
  // waiting x 100 >= threshold x logged in; none logged in always holds.
  kWaitingPerAgentAtLeast,
  // The caller's place in line (1 = next, as CallQueued and Announce count
  // it) is at most / at least threshold: a step for the callers near the
  // head, or for those far back.
  kPositionAtMost,
  kPositionAtLeast,
};

enum class RuleActionKind : uint8_t {
  kRoute,          // action.route: another queue or a terminal path
  kSetMinLevel,    // the call's minimum agent level becomes `level` (relaxing in steps)
  kRaisePriority,  // the call's priority grows by `priority_delta`
  kAddQueue,       // the members of `queue` may take the call too
  // The call's level bounds change by `bounds` (Asterisk's penaltychange).
  kSetLevelBounds,
  // The call's skill requirement changes (Amazon Connect's routing criteria
  // steps, Genesys' bullseye rings): kRequireSkill makes its condition on
  // `skill` "level >= `level`" (adding, raising or relaxing it), kDropSkill
  // removes every condition on `skill` (SkillExpr::Requiring / Without).
  kRequireSkill,
  kDropSkill,
};

inline bool IsSkillStep(RuleActionKind action) {
  return action == RuleActionKind::kRequireSkill || action == RuleActionKind::kDropSkill;
}

// One bound's change in a kSetLevelBounds rule: the new value, or a step
// from the caller's current one (relative; a step of 0 leaves it alone).
struct LevelChange {
  bool relative = true;
  int value = 0;  // absolute: 1..10; relative: -9..9
  bool operator==(const LevelChange&) const = default;
};

// A caller's level bounds (Asterisk's QUEUE_MAX_PENALTY, QUEUE_MIN_PENALTY
// and QUEUE_RAISE_PENALTY, on acd's level scale where 10 is best, so the
// signs turn round): members below min_level or above max_level may not
// take the call, and a member above level_cap is treated as being at
// level_cap, first (it then falls within the bounds when level_cap does).
// A member at level t may thus take the call iff
// min_level <= min(t, level_cap) <= max_level. Always
// 1 <= min_level <= max_level <= 10 and min_level <= level_cap <= 10
// (DESIGN invariant 21); the open bounds are {1, 10, 10}.
struct LevelBoundsChange {
  LevelChange min_level;  // Asterisk's max penalty (the worst member allowed)
  LevelChange max_level;  // Asterisk's min penalty (the best member allowed)
  LevelChange level_cap;  // Asterisk's raise penalty
  bool operator==(const LevelBoundsChange&) const = default;
};

// A recurring rule's shortest period: a condition judged more often than
// once a second is a busy loop, not a routing step.
inline constexpr TimeMs kMinRuleEveryMs = 1000;

struct OverflowRule {
  std::string name;
  TimeMs after_ms = 0;
  // 0: the rule comes due once, at after_ms. Otherwise it comes due again
  // every every_ms (>= kMinRuleEveryMs) while the caller stays in the
  // queue: at after_ms, after_ms + every_ms, ... (a check repeated in a
  // queue flow's loop: priority aging, re-checking staffing). A caller who
  // enters after some of its times are past (rules_from_arrival) has the
  // latest of them come due as it enters, not each.
  TimeMs every_ms = 0;
  RuleCondition condition = RuleCondition::kAlways;
  // calls for kQueueLengthAtLeast, ms for kEwtAtLeast, percent for
  // kWaitingPerAgentAtLeast, a place in line for kPositionAtMost/AtLeast
  int64_t threshold = 0;
  RuleActionKind action = RuleActionKind::kRoute;
  OverflowAction route;
  int level = kMinLevel;  // for kSetMinLevel, and kRequireSkill's minimum
  int priority_delta = 0;
  QueueId queue = 0;  // for kAddQueue
  LevelBoundsChange bounds;  // for kSetLevelBounds
  SkillId skill = 0;  // for kRequireSkill and kDropSkill
};


// Asterisk's joinempty factors: the member states that do not count when a
// caller asks to join. A queue none of whose members counts is empty, and
// the caller is refused before entering it. acd's agent states map onto
// them so (a member who may take a call now always counts, except for
// kPenalty):
//   kPenalty      its level for the queue is outside the call's level
//                 bounds (LevelBoundsChange), or it lacks the queue's skill
//   kPaused       not ready (any reason), also while still ringing, talking
//                 or in wrap-up before the pause (Asterisk's paused member
//                 in use is excluded by either factor)
//   kInUse        talking with no room for another call, or on a call
//                 outside the ACD
//   kRinging      an offer rings at it and it has no room for another
//   kUnavailable  logged out
//   kInvalid, kUnknown  no acd state (a member is always known and valid):
//                 accepted so that a peer's list translates; count nothing
//   kWrapUp       in wrap-up (for this queue, when the wrap-up keeps the
//                 agent from its call's queue alone: wrapup_here_only)
// A queue without members is empty under any factor.
enum EmptyFactor : uint8_t {
  kEmptyPenalty = 1u << 0,
  kEmptyPaused = 1u << 1,
  kEmptyInUse = 1u << 2,
  kEmptyRinging = 1u << 3,
  kEmptyUnavailable = 1u << 4,
  kEmptyInvalid = 1u << 5,
  kEmptyUnknown = 1u << 6,
  kEmptyWrapUp = 1u << 7,
};

// Refusing to join (Asterisk's joinempty): with any factor set, a caller
// who would join an empty queue never enters it (no CallQueued, not
// counted as entered) and takes `action` instead, with RouteCause
// kJoinEmpty (the queue log writes JOINEMPTY). Callbacks are never
// refused (nobody is on the line). factors == 0: off.
struct JoinEmpty {
  uint8_t factors = 0;  // EmptyFactor bits
  OverflowAction action;
};

// When waiting callers leave the queue (Asterisk's leavewhenempty): a
// caller who waits in a queue that is empty for it (no member counts, by
// the factors below and, under kEmptyPenalty, the caller's level bounds)
// leaves at once with `action` (RouteCall cause kLeaveWhenEmpty, queue log
// EXITEMPTY). It is judged whenever a member's state, skills or membership
// change, when a caller joins and when a rule changes a caller's minimum
// level, so that no caller ever waits in a queue empty for it (DESIGN
// invariant 20). Callbacks never leave (nobody is on the line). The two
// conditions are shorthands for factor lists (LeaveFactors).
enum class EmptyCondition : uint8_t {
  kNever,
  kNoAgentLoggedIn,  // every member logged out: factors {unavailable}
  kNoAgentReady,     // every member logged out or paused: {unavailable, paused}
};

struct LeaveWhenEmpty {
  EmptyCondition condition = EmptyCondition::kNever;
  OverflowAction action;
  uint8_t factors = 0;  // EmptyFactor bits; with a condition, 0
};

// The factors a queue's leave_when_empty judges by (0: off).
inline uint8_t LeaveFactors(const LeaveWhenEmpty& leave) {
  switch (leave.condition) {
    case EmptyCondition::kNever: return leave.factors;
    case EmptyCondition::kNoAgentLoggedIn: return kEmptyUnavailable;
    case EmptyCondition::kNoAgentReady: return kEmptyUnavailable | kEmptyPaused;
  }
  return leave.factors;
}

// ---- announcements ----

// Periodic "you are number N in line, your wait is about M minutes".
// Positions only move up (a caller is never told a larger number than
// before); beyond position_limit the caller hears "more than N"; the wait is
// rounded up to ewt_round_ms.
struct Announcements {
  TimeMs first_ms = 0;     // after entering the queue; with every_ms == 0, off
  TimeMs every_ms = 0;     // 0 = no announcements
  uint32_t position_limit = 0;  // 0 = no limit
  bool ewt = true;         // include the estimated wait
  TimeMs ewt_round_ms = 30'000;
  bool operator==(const Announcements&) const = default;
};

// ---- callbacks ----

// What becomes of a call captured for a callback. The call itself ends at
// the capture (disposition callback_captured, and RouteCall tells the PBX
// to take the contact); when the PBX then files the contact
// (CallbackRequest, within request_within_ms), a callback is created:
//   - it waits in the capturing queue (same_queue) or in `queue`; a capture
//     whose action names a queue (OverflowAction::queue, the only way for
//     an entry rule's capture) waits there instead;
//   - the policy that governs it is the capturing queue's, or for an entry
//     rule's capture the policy of the queue the action names;
//   - with keep_place it takes the caller's place in line (their priority
//     and how long they have waited, ahead of anyone who came later);
//     otherwise it joins the back of the line at its priority (a call an
//     entry rule captured never had a place: it is in line from the
//     capture, at the priority the entry rules' boosts give it);
//   - it is offered like a call, to the queue's members by its strategy
//     (no queue delays, overflow rules, maximum wait or announcements:
//     nobody is on the line);
//   - an agent who takes it (CallAnswer) is connected to it while the PBX
//     dials (DialCallback); a dial that fails is retried after retry_ms,
//     then retry_ms * retry_factor, ... until max_attempts dials failed
//     (kCallbackFailed);
//   - it is never offered while the center is closed: it waits for the
//     calendar's next opening.
struct CallbackPolicy {
  bool enabled = false;    // false: capture ends the call, nothing more
  bool same_queue = true;  // true: the callback waits in the capturing queue
  QueueId queue = 0;       // otherwise here
  bool keep_place = true;
  uint32_t max_attempts = 3;  // dials that may fail; >= 1
  TimeMs retry_ms = 5 * 60'000;
  double retry_factor = 2.0;  // >= 1
  // How long after the capture the PBX may file the contact.
  TimeMs request_within_ms = 10 * 60'000;
  int priority_delta = 0;  // added to the captured call's priority
};

}  // namespace acd

#endif  // ACD_RULES_H_
