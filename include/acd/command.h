// Commands: the engine's decisions and notifications, written to a
// CommandSink in the order they were decided. Plain values.
#ifndef ACD_COMMAND_H_
#define ACD_COMMAND_H_

#include <string>
#include <variant>
#include <vector>

#include "acd/types.h"

namespace acd {

// Ring this agent for this call for ring_timeout_ms. In a ring-all group
// several Offer commands for one call are emitted in the same step.
struct Offer {
  CallId call = 0;
  AgentId agent = 0;
  QueueId queue = 0;
  TimeMs ring_timeout_ms = 0;
  bool ring_all = false;     // one of a ring-all group
  bool preferred = false;    // offered to the caller's own (CRM owner) seller
  bool callback = false;     // a callback to dial, not a caller on the line
  // A transfer to a named agent (CallTransferToAgent): the agent who
  // transferred the caller; 0 = an offer from the queue.
  AgentId transfer_from = 0;
  bool operator==(const Offer&) const = default;
};
// Stop ringing this agent for this call.
struct CancelOffer {
  CallId call = 0;
  AgentId agent = 0;
  CancelReason reason{};
  bool operator==(const CancelOffer&) const = default;
};
// The call now waits in this queue (after enqueue, RONA, decline, transfer,
// overflow to a queue). waiting counts the calls waiting in the queue, this
// one included: the queue length, not the caller's place in line (position
// announcements, which need the rank by priority, are a separate feature).
struct CallQueued {
  CallId call = 0;
  QueueId queue = 0;
  uint32_t waiting = 0;
  bool operator==(const CallQueued&) const = default;
};
// The agent answered; wait_ms is the time since the call arrived (for a
// callback: since it was requested, to the customer's answer). With
// transfer_from set, an attended transfer completed (CallConsultEnd): the
// caller, answered before, is now connected to `agent`, from
// `transfer_from`; not a new answer.
struct CallConnected {
  CallId call = 0;
  AgentId agent = 0;
  QueueId queue = 0;
  TimeMs wait_ms = 0;
  AgentId transfer_from = 0;
  bool operator==(const CallConnected&) const = default;
};
// Why a call was routed.
enum class RouteCause : uint8_t {
  kQueueFull,     // the queue's max_length (on_full)
  kMaxWait,       // the queue's max_wait_ms (on_max_wait)
  kRule,          // one of the queue's overflow rules (rule = its index)
  kEntryRule,     // an entry rule (rule = its index); from_queue meaningless
  kEntryDefault,  // no entry rule matched; from_queue meaningless
  kLeaveWhenEmpty,
  kDeclined,      // an agent declined (on_decline)
  kQueueRemoved,  // a reload removed the call's queue (on_queue_removed);
                  // from_queue meaningless (the old configuration's)
  kJoinEmpty,     // refused at the door of from_queue (join_empty): the
                  // call never entered it
};
// Take the call down this path: to another queue, or a terminal one
// (which ends the call with the matching disposition in the same step).
// target is the external number, message or mailbox.
struct RouteCall {
  CallId call = 0;
  QueueId from_queue = 0;
  OverflowKind kind{};
  QueueId to_queue = 0;
  RouteCause cause = RouteCause::kQueueFull;
  int32_t rule = -1;
  std::string target{};
  bool operator==(const RouteCall&) const = default;
};
// An overflow rule of the call's queue came due: applied when its condition
// held, passed over otherwise. Rules that route also emit a RouteCall. The
// call's history, for the queue log. `rule` indexes the rules the caller
// follows and `name` is that rule's: a caller keeping the rules it entered
// with across a reload (keep_rules_at_entry) may follow rules its queue no
// longer has, so the index alone cannot name them.
struct RuleApplied {
  CallId call = 0;
  QueueId queue = 0;
  int32_t rule = 0;
  bool held = false;
  std::string name{};
  bool operator==(const RuleApplied&) const = default;
};
// Tell the waiting caller their place in line (1 = next) and the estimated
// wait, rounded up (-1 when there is no estimate: nobody serves the queue).
// more_than: the place is beyond the queue's limit; say "more than position".
struct Announce {
  CallId call = 0;
  QueueId queue = 0;
  uint32_t position = 0;
  bool more_than = false;
  TimeMs ewt_ms = -1;
  bool operator==(const Announce&) const = default;
};
// The agent took the callback: dial `number` from the agent's line and
// report the outcome with CallbackResult. attempt counts from 1.
struct DialCallback {
  CallId callback = 0;
  AgentId agent = 0;
  QueueId queue = 0;
  std::string number{};
  uint32_t attempt = 1;
  bool operator==(const DialCallback&) const = default;
};
// A callback's dial failed and it will be offered again at retry_at_ms
// (back-off), or it waits for the caller's window or the center to open.
struct CallbackHeld {
  CallId callback = 0;
  QueueId queue = 0;
  TimeMs until_ms = 0;
  uint32_t failed_attempts = 0;
  bool operator==(const CallbackHeld&) const = default;
};
// The call has ended with its one disposition.
struct CallEnded {
  CallId call = 0;
  Disposition disposition{};
  bool queued = false;  // whether it ever reached a queue
  QueueId queue = 0;    // last queue, when queued
  AgentId agent = 0;    // the answering agent, when answered
  TimeMs wait_ms = 0;   // arrival to answer or end
  TimeMs talk_ms = 0;   // answer to end, when answered (hold included)
  TimeMs hold_ms = 0;   // time on hold (CallHold .. CallResume) while connected
  EndedBy ended_by = EndedBy::kUnknown;  // who hung up a connected call
  bool operator==(const CallEnded&) const = default;
};
// An agent changed state (as AgentView reports it).
struct AgentStateChanged {
  AgentId agent = 0;
  AgentState state{};
  NotReadyReason reason{};
  bool operator==(const AgentStateChanged&) const = default;
};

// An AgentSetLevel changed the agent's level (1..10) in this queue: one per
// membership whose level changed (Asterisk's QueueMemberPenalty event and
// queue_log PENALTY line), none for a membership already at the level.
struct AgentLevelChanged {
  AgentId agent = 0;
  QueueId queue = 0;
  int level = kMaxLevel;
  bool operator==(const AgentLevelChanged&) const = default;
};

// The agent's pause in one queue began, changed its reason (paused) or
// ended (not paused, reason none): AgentNotReady / AgentReady with a
// queue; AgentReady or AgentNotReady without one, a logout, an automatic
// pause or a reload end every such pause, one command per queue (Asterisk's
// QueueMemberPause event and queue_log PAUSE / UNPAUSE with the queue).
struct AgentPauseChanged {
  AgentId agent = 0;
  QueueId queue = 0;
  bool paused = false;
  NotReadyReason reason = NotReadyReason::kNone;
  bool operator==(const AgentPauseChanged&) const = default;
};

using CommandBody = std::variant<Offer, CancelOffer, CallQueued, CallConnected, RouteCall,
                                 CallEnded, AgentStateChanged, RuleApplied, Announce,
                                 DialCallback, CallbackHeld, AgentLevelChanged,
                                 AgentPauseChanged>;

struct Command {
  TimeMs time_ms = 0;
  CommandBody body;
  bool operator==(const Command&) const = default;
};

// Receives commands. Called on the engine's thread, synchronously, during
// Apply or AdvanceTo; must not call back into the engine.
class CommandSink {
 public:
  virtual ~CommandSink() = default;
  virtual void Emit(const Command& command) = 0;
  // A replay of recorded inputs (a shard's recovery) names the event whose
  // commands follow (0: a clock advance or a reload), so that a sink can
  // tell each replayed command's cause as it was told live. The engine
  // itself never calls it.
  virtual void BeginReplayedInput(EventId cause) {}
};

// Keeps every command; for tests and tools.
class VectorSink : public CommandSink {
 public:
  void Emit(const Command& command) override { commands.push_back(command); }
  std::vector<Command> commands;
};

// Drops every command; for benchmarks of the engine alone.
class NullSink : public CommandSink {
 public:
  void Emit(const Command&) override {}
};

std::string_view CommandName(const CommandBody& body);
std::string_view ToString(RouteCause cause);

}  // namespace acd

#endif  // ACD_COMMAND_H_
