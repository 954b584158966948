// The engine's view of a center: queues, skills and the agent roster, as
// plain values. lib/config loads files into this; tests and benches build it
// directly. ValidateCenter checks it; the engine refuses a center that fails.
#ifndef ACD_CENTER_H_
#define ACD_CENTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "acd/labels.h"
#include "acd/rules.h"
#include "acd/types.h"

namespace acd {

struct QueueConfig {
  std::string name;
  Strategy strategy = Strategy::kLongestIdle;
  // Across queues, a call of a higher-priority queue is taken first.
  int priority = 0;
  // Across queues at equal priority, wait_ms * wait_weight decides.
  double wait_weight = 1.0;
  TimeMs ring_timeout_ms = 10'000;
  TimeMs wrapup_ms = 0;
  // Consecutive missed offers (RONA) after which the agent is made not
  // ready with reason kNoAnswer. 0 never auto-pauses.
  int max_misses = 3;
  // Asterisk's autopausedelay: a miss of this queue's call that reaches
  // max_misses pauses the agent only when its last call ended at least
  // this long ago (the latest end of a call in any of its queues; an agent
  // who has ended none is paused as before). Within the delay the miss
  // still counts and rests the agent, so its next miss after the delay
  // pauses it. 0: off. Needs max_misses > 0.
  TimeMs auto_pause_delay_ms = 0;
  // When set, an agent's level for this queue is its level in this skill
  // (an agent without the skill cannot take the queue's calls); otherwise
  // it is the membership's level.
  bool has_skill = false;
  SkillId skill = 0;
  // Longest a call may wait before on_max_wait fires; 0 = no limit.
  TimeMs max_wait_ms = 0;
  OverflowAction on_max_wait;
  // What max wait does to a call whose offer rings (Asterisk's
  // timeoutpriority): false (Asterisk "conf") lets the ring finish and takes
  // on_max_wait only if it ends unanswered; true ("app") withdraws the
  // ringing offers at once (CancelOffer kCallMoved, no miss for the agents)
  // and takes on_max_wait. Needs max_wait_ms > 0.
  bool max_wait_cuts_ring = false;
  // Strategies kLeastCalls and kLeastTalkTime only: order the agents by
  // the calls and talk time since they last became ready (from not ready
  // or a login; FreeSWITCH mod_callcenter resets them so) instead of the
  // day's counters.
  bool counters_since_ready = false;
  // Asterisk's shared_lastcall = no, per queue: the wrap-up after a call of
  // this queue keeps the agent from this queue's calls only; its other
  // queues may offer it theirs at once. false: the wrap-up keeps it from
  // every queue (acd's behaviour before, Asterisk's shared_lastcall = yes).
  bool wrapup_here_only = false;
  // Asterisk's autopause = yes (false: autopause = all): the agent's miss
  // of this queue's call that reaches max_misses pauses it in this queue
  // alone (an AgentPauseChanged, reason kNoAnswer) instead of everywhere;
  // it stays ready for its other queues, their ringing offers ring on,
  // this queue's other ringing offers to it are withdrawn and its miss
  // count starts again. Needs max_misses > 0.
  bool auto_pause_here_only = false;
  // Asterisk's autopausebusy / autopauseunavail: a busy line
  // (CallDecline reason kBusy), or a congested or unreachable device
  // (kUnavailable), of this queue's call counts as a missed offer toward
  // max_misses, as an unanswered ring does (the pause everywhere or here,
  // auto_pause_delay_ms); the agent still rests its busy_delay_ms when the
  // miss does not pause it. false: it rests the agent and does not count.
  // Needs max_misses > 0.
  bool auto_pause_busy = false;
  bool auto_pause_unavailable = false;
  // Asterisk's shared_lastcall = no, the counters' half: strategies
  // kLeastCalls, kLeastTalkTime and kLongestIdle order the agents by what
  // they did in this queue alone (its calls they answered, their talk time,
  // the end of their last one; an agent who never ended one of its calls
  // counts as idle the longest, as app_queue's leastrecent puts a member
  // with no lastcall first) instead of the day's counters of every queue.
  // Not with counters_since_ready (those count every queue's calls).
  bool counters_here_only = false;
  // The media of the queue's calls (Amazon Connect's channel, TaskRouter's
  // task channel, Genesys' media type): a call takes it when it first
  // enters a queue and keeps it for its life, and only agents with room
  // for it (AgentConfig::channels) are offered the queue's calls.
  Media media = Media::kVoice;
  // Twilio TaskRouter's workflow timeouts: the queue's overflow rules count
  // their after_ms from the call's arrival (CallArrive, the task's
  // creation) instead of its entry into this queue, so a call overflowed
  // here at 8 s meets a rule at 20 s 12 s later, and rules already past
  // come due as it enters. Needs a rule.
  bool rules_from_arrival = false;
  // TaskRouter's reservation timeout: an offer of the call that rings out
  // unanswered (ring_timeout_ms; not a decline) brings the call's next
  // rule due at once, judged and carried out as if its time had come (a
  // rule routing to another queue moves the caller on to the next step).
  // Needs a rule.
  bool ring_timeout_moves_on = false;
  // Asterisk's penalty rules, copied to each caller as it joins: a live
  // reload that changes this queue's rules (or rules_from_arrival) leaves
  // the callers already in line on the rules they entered with, renumbered
  // to the new center (a route to a removed queue takes on_queue_removed;
  // a rule whose queue or skill is gone is passed over); callers who enter
  // afterwards follow the new rules. Off, the new rules apply to everyone in
  // line as if always in force. Needs a rule.
  bool keep_rules_at_entry = false;
  // Most calls that may wait at once; when full, on_full fires at enqueue.
  uint32_t max_length = 10'000;
  OverflowAction on_full{OverflowKind::kDisconnect, 0, "queue full"};
  // Ring-all offers to at most this many agents at once.
  uint32_t ring_all_max = 32;
  // Strategy best_skill_score: an agent's score is the sum of weight times
  // its level in each skill here (0 when it lacks the skill). Skills are
  // distinct; at most kMaxSkillWeights.
  std::vector<SkillWeight> skill_weights;

  // Ordered overflow rules, each judged once per call at its after_ms.
  std::vector<OverflowRule> rules;
  LeaveWhenEmpty leave_when_empty;
  JoinEmpty join_empty;
  // What an agent's decline does (a screened call the director's assistant
  // turns down goes to voicemail); kNone puts the call back in line.
  OverflowAction on_decline;
  // A returning caller with a CRM owner who is a member of this queue and
  // logged in is offered only to the owner for this long, then to anyone
  // qualified; 0 = no preference.
  TimeMs owner_first_ms = 0;
  // Ring progressively: while an offer rings unanswered, add the next agent
  // every progressive_ring_ms (the earlier ones keep ringing; the first to
  // answer wins); 0 = one agent at a time. Not with ring_all. At most
  // ring_all_max agents ring at once; a miss counts only against the agent
  // who rang the whole ring timeout (the others were added later).
  TimeMs progressive_ring_ms = 0;
  // With at most this many members logged in, member delays (secondary
  // queues) are ignored; 0 = never.
  uint32_t ignore_delays_up_to_members = 0;
  // Level first (Asterisk's penalty, FreeSWITCH's tier level): every
  // decision picks among the available qualified agents of the best
  // (highest) level present, then by the strategy within that level; with
  // ring_all only the best available level rings. Delay classes gate who may
  // take the call first; among those, level comes before class.
  bool level_first = false;
  // Asterisk's penaltymemberslimit: with at most this many members (the
  // queue's configured members, logged in or not, as app_queue counts
  // them), levels are not weighed: no minimum level, no level first; 0 =
  // always weighed.
  uint32_t ignore_levels_up_to_members = 0;
  // FreeSWITCH's tier-rule-no-agent-no-wait: a delay class none of whose
  // members is logged in does not hold a call: the next class may take it
  // at once (its own delay no longer waited for). Needs a member with
  // delay_ms > 0.
  bool skip_empty_delays = false;
  // TaskRouter's order_by on one worker attribute: the available qualified
  // agents are ordered by their value of the agent attribute named here
  // (AgentConfig::attributes), ascending or descending, those without it
  // after all who have it; the strategy breaks ties (level_first and the
  // delay classes still come first). Empty: off. Not with the strategies
  // that order nothing by key (round_robin, random, weighted_random,
  // ring_all).
  std::string order_by;
  bool order_descending = false;
  // Offer to agents that the PBX reports on a call outside the ACD.
  bool ring_in_use = false;
  Announcements announcements;
  // The handle time (talk + wrap-up) the estimated wait assumes until the
  // queue has answered calls; then a moving average of the last ~20 takes over.
  TimeMs expected_handle_ms = 180'000;
  CallbackPolicy callback;
};

// An agent's place in a queue.
struct Membership {
  QueueId queue = 0;
  int level = kMaxLevel;  // 1..10, used when the queue has no skill
  // The agent takes this queue's calls only once they waited >= delay_ms
  // (a secondary queue). At most kMaxDelayClasses distinct delays a queue.
  TimeMs delay_ms = 0;
  uint32_t position = 0;  // for fixed order and round robin
  double weight = 1.0;    // for weighted random (share of the draws, to 1/1024); > 0
};

// The most calls one agent holds at once (a person on several chats, not
// four billion calls).
inline constexpr uint32_t kMaxAgentCapacity = 100;

// A numeric attribute of an agent (TaskRouter's worker attribute), read by
// a queue's order_by. Values are integers of at most 2^53 either way (exact
// in JSON and YAML numbers).
struct AgentAttribute {
  std::string name;
  int64_t value = 0;
  bool operator==(const AgentAttribute&) const = default;
};
inline constexpr size_t kMaxAgentAttributes = 32;
inline constexpr size_t kMaxAttributeName = 64;  // characters
inline constexpr int64_t kMaxAttributeValue = int64_t{1} << 53;

// What an agent may hold of one media (AgentConfig::channels): Amazon
// Connect's media concurrency, TaskRouter's worker channel capacity,
// Genesys' utilization row.
struct ChannelConfig {
  Media media = Media::kVoice;
  uint32_t capacity = 1;  // calls of this media at once (offers included), 1..capacity
  // Genesys' "interrupted by": while the agent holds a call of this media,
  // it may still be offered calls of these media (bit 1 << Media); no
  // other. Its own media is always allowed, up to `capacity`.
  uint8_t interrupted_by = 0;
  bool operator==(const ChannelConfig&) const = default;
};

struct AgentConfig {
  AgentId id = 0;
  std::string name;
  uint32_t capacity = 1;  // calls at once (offers included), 1..kMaxAgentCapacity
  std::vector<Membership> queues;
  std::vector<SkillLevel> skills;
  // After a missed offer (no answer), a decline or a busy line, the agent
  // gets no new offer for this long (not made not ready; just skipped).
  TimeMs no_answer_delay_ms = 0;
  TimeMs decline_delay_ms = 0;
  TimeMs busy_delay_ms = 0;
  // Named numbers a queue's order_by orders by; names distinct, at most
  // kMaxAgentAttributes (the loader gives them in name order).
  std::vector<AgentAttribute> attributes;
  // This agent's wrap-up after a queue's call, in place of the queue's
  // wrapup_ms (0: none); nullopt: the queue's.
  std::optional<TimeMs> wrapup_ms;
  // A universal agent: every skill not in `skills` counts as held at this
  // level (1..10), in every requirement the engine weighs (a queue's skill,
  // pools, skill expressions, skill scores); a listed skill keeps its own
  // level, also after AgentSetSkills (which replaces the list, not this).
  // Memberships are unchanged: it serves only its queues. 0: off.
  int all_skills_level = 0;
  // The media the agent takes and how many of each at once, in Media
  // order, each media at most once; `capacity` still bounds the total. A
  // call of a media not listed is never offered to it. Empty: every media,
  // in any mix, up to `capacity` (acd's behaviour before channels).
  std::vector<ChannelConfig> channels;
};

struct CenterConfig {
  std::vector<std::string> skills;  // SkillId indexes this
  std::vector<QueueConfig> queues;  // QueueId indexes this
  std::vector<AgentConfig> agents;
  BusinessCalendar calendar;  // default: always open, UTC
  // The receptionist's filtering, applied to a CallClassify event: the
  // first matching rule decides; with none, entry_default does.
  std::vector<EntryRule> entry_rules;
  OverflowAction entry_default{OverflowKind::kReject, 0, "no entry rule matched"};
  PriorityBoosts boosts;
  // Live reload (Engine::Reconfigure): where the waiting calls of a queue
  // the new configuration no longer has go. kNone refuses to remove a queue
  // in which calls wait; kQueue moves them there (to the back of its line
  // at their priority, like any overflow move); a terminal path ends them
  // that way (kCallback must name the queue its callbacks wait in).
  OverflowAction on_queue_removed;
  // A caller (same ANI) who abandoned a queue and enters it again within
  // this long gets their old place in line back; 0 = off.
  TimeMs resume_place_ms = 0;
  // The center's own not-ready reasons and intents (acd/labels.h), after
  // the built-in ones. A reload keeps a label that the live state uses at
  // its id, or is refused.
  CenterLabels labels;
  // Bounds (DESIGN invariant 10).
  uint32_t max_live_calls = 1'000'000;     // calls not yet ended
  uint32_t dedupe_window = 1u << 16;       // recent event ids remembered
  uint32_t ended_calls_window = 1u << 18;  // ended call ids remembered
};

inline constexpr int kMaxDelayClasses = 4;   // distinct delays per queue
inline constexpr int kMaxPoolsPerQueue = 16;  // distinct skill requirements
inline constexpr size_t kMaxSkillWeights = 16;  // per queue

// Checks every field; the error names the field path and the reason, e.g.
// "queues[2].ring_timeout_ms: must be > 0, got 0".
absl::Status ValidateCenter(const CenterConfig& center);

}  // namespace acd

#endif  // ACD_CENTER_H_
