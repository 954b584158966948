// The queue log: a durable, line-oriented history of every call and agent
// change, one line per engine command, that a floor supervisor can read with
// grep and a reporting tool can load. Modelled on the queue_log floors know
// from Asterisk's app_queue (one line per event, '|' between fields), but
// defined by the engine's own commands (include/acd/command.h).
//
// A line:   time_ms|time|call|queue|agent|EVENT|data1|data2|...
//   time_ms  the command's time, in ms since the Unix epoch (the engine's
//            time; `acd sim` maps its virtual clock onto the simulated day)
//   time     the same instant as ISO-8601 UTC with milliseconds,
//            e.g. 2026-11-24T08:14:03.250Z
//   call     the call id (on OTHER when the command has one), or NONE on
//            agent lines and LOGSTART
//   queue    the queue's name (its index when the name is empty), or NONE
//   agent    the agent's name when it is set, unique in the center and not
//            "NONE"; otherwise the agent id; NONE when no agent is involved
//   EVENT    one of the names below; data fields follow in the order given
// Durations (_ms) are whole milliseconds; -1 means "not known" (e.g. the
// offer a ring time would be measured from was not seen). Flags are 0 or 1.
// Names of enum values are the engine's (types.h: ToString).
//
// Escaping: in every field '\' is written "\\", '|' "\|", a newline "\n"
// and a carriage return "\r"; no other escapes exist. A line never holds a
// raw newline, so one line is one record.
//
// | EVENT           | written for                   | queue      | agent    | data fields         |
// |-----------------|-------------------------------|------------|----------|---------------------|
// | LOGSTART        | the log's first line          | NONE       | NONE     | version (1)         |
// | OFFER           | Offer                         | queue      | agent    | ring_timeout_ms,    |
// |                 |                               |            |          | ring_all, preferred |
// | CALLBACKOFFER   | Offer of a callback           | queue      | agent    | (as OFFER)          |
// | BLINDTRANSFER   | Offer of a transfer to a      | queue      | the agent| to_agent,           |
// |                 | named agent (transfer_from)   |            | who      | ring_timeout_ms     |
// |                 |                               |            | transfers|                     |
// | ATTENDEDTRANSFER| CallConnected with            | queue      | the agent| to_agent, wait_ms   |
// |                 | transfer_from (a consult      |            | who      |                     |
// |                 | completed)                    |            | transfers|                     |
// | RINGNOANSWER    | CancelOffer, ring_timeout     | call's     | agent    | ring_ms             |
// | RINGCANCELED    | CancelOffer, other reasons    | call's     | agent    | reason, ring_ms     |
// | ENTERQUEUE      | CallQueued, a new queue       | queue      | NONE     | waiting             |
// | REQUEUE         | CallQueued, same queue again  | queue      | NONE     | waiting             |
// | CONNECT         | CallConnected                 | queue      | agent    | wait_ms, ring_ms    |
// | FULL            | RouteCall, queue_full         | from queue | NONE     | path, to_queue,     |
// | EXITWITHTIMEOUT | RouteCall, max_wait           | from queue | NONE     | rule, target        |
// | OVERFLOW        | RouteCall, rule               | from queue | NONE     | (all RouteCalls)    |
// | ENTRYRULE       | RouteCall, entry_rule         | NONE       | NONE     |                     |
// | ENTRYDEFAULT    | RouteCall, entry_default      | NONE       | NONE     |                     |
// | EXITEMPTY       | RouteCall, leave_when_empty   | from queue | NONE     |                     |
// | JOINEMPTY       | RouteCall, join_empty (the    | refusing   | NONE     |                     |
// |                 | caller never entered)         | queue      |          |                     |
// | DECLINEROUTE    | RouteCall, declined           | from queue | NONE     |                     |
// | RULE            | RuleApplied                   | queue      | NONE     | rule, held, name    |
// | ANNOUNCE        | Announce                      | queue      | NONE     | position,           |
// |                 |                               |            |          | more_than, ewt_ms   |
// | CALLBACKDIAL    | DialCallback                  | queue      | agent    | number, attempt     |
// | CALLBACKHELD    | CallbackHeld                  | queue      | NONE     | until_ms,           |
// |                 |                               |            |          | failed_attempts     |
// | COMPLETE        | CallEnded, answered           | last queue | answerer | disposition,        |
// | COMPLETECALLER  |   ... and the caller hung up  |            |          |                     |
// | COMPLETEAGENT   |   ... and the agent hung up   |            |          |                     |
// | ABANDON         | CallEnded, abandoned_in_ivr,  | last queue | NONE     | wait_ms, talk_ms    |
// |                 | _in_queue or _ringing         | or NONE    |          | (all CallEndeds)    |
// | EXITOVERFLOW    | CallEnded, overflowed         | (never     | NONE     |                     |
// | EXITCALLBACK    | CallEnded, callback_captured  | queued)    | NONE     |                     |
// | EXITVOICEMAIL   | CallEnded, voicemail          |            | NONE     |                     |
// | EXITREJECTED    | CallEnded, rejected           |            | NONE     |                     |
// | CALLBACKDONE    | CallEnded, callback_completed | last queue | answerer |                     |
// | CALLBACKFAILED  | CallEnded, callback_failed    | last queue | NONE     |                     |
// | CALLBACKEXPIRED | CallEnded, callback_expired   | last queue | NONE     |                     |
// | CALLBACKCANCEL  | CallEnded, callback_cancelled | last queue | NONE     |                     |
// | ENDED           | CallEnded, other dispositions |            | NONE     |                     |
// |                 | (outbound: an agent's call,   | NONE       | the agent|                     |
// |                 | in no queue)                  |            |          |                     |
// | AGENTLOGIN      | AgentStateChanged, logging in | NONE       | agent    | state, reason       |
// | AGENTLOGOFF     | AgentStateChanged, logged_out | NONE       | agent    | (all agent lines)   |
// | READY           | AgentStateChanged, ready      | NONE       | agent    |                     |
// | RESERVED        | AgentStateChanged, reserved   | NONE       | agent    |                     |
// | TALKING         | AgentStateChanged, talking    | NONE       | agent    |                     |
// | WRAPUP          | AgentStateChanged, wrap_up    | NONE       | agent    |                     |
// | PAUSE           | AgentStateChanged, not_ready  | NONE       | agent    |                     |
// | PENALTY         | AgentLevelChanged             | queue      | agent    | level               |
// | PAUSE           | AgentPauseChanged, paused     | queue      | agent    | state (not_ready),  |
// |                 | (a pause in that queue alone) |            |          | reason              |
// | UNPAUSE         | AgentPauseChanged, not paused | queue      | agent    | state (ready), none |
// | OTHER           | a command not in this table   | NONE       | NONE     | command (its name)  |
// ("call's": the queue the call last entered, or NONE. A RouteCause added
// to the engine later is written as OVERFLOW, a later AgentState as PAUSE.)
// Fields: ring_ms is the time from the Offer to this agent; wait_ms (CONNECT,
// terminal lines) is from the call's arrival, talk_ms from the answer;
// waiting is the queue's length, this call included; reason (RINGCANCELED)
// is a CancelReason, (agent lines) a not-ready reason by name (a built-in
// one or one the center declares, acd/labels.h); path is an OverflowKind;
// to_queue a queue name or NONE; rule the rule's index or -1; target and
// name are free text (external number, message, mailbox; the rule's name);
// position is the place in line (1 = next), ewt_ms the rounded estimated
// wait or -1; disposition a Disposition; held and more_than are flags;
// level (PENALTY) the agent's new level in the queue, 1..10 (AgentSetLevel;
// Asterisk writes its QueuePenalty's penalty there, 0 best: level 10 is
// penalty 0).
// Callbacks: a callback (a captured caller's contact, filed by the PBX)
// has its own call id; its lines are those of a call (ENTERQUEUE, REQUEUE,
// RINGNOANSWER, CONNECT when the customer answered the dial...) with
// CALLBACKOFFER for its offers, CALLBACKDIAL when the agent took it and
// the PBX dials `number` (attempt counts from 1), CALLBACKHELD when it
// waits for a retry, the caller's window or the opening (until_ms: engine
// ms since the Unix epoch; failed_attempts so far), and one of the four
// CALLBACK* terminal lines. wait_ms on a callback's lines counts from the
// contact's filing, talk_ms from the connection; its CONNECT has ring_ms
// -1 (the agent's ring ended when the agent took it, before the dial).
// Every call the engine ended has exactly one terminal line (COMPLETE ...
// ENDED); nothing in the format is ever rewritten. An answered call ends
// in COMPLETECALLER or COMPLETEAGENT when the PBX said who hung up
// (CallEnded::ended_by, as Asterisk writes them), in COMPLETE when it did
// not. A transfer to a named agent (CallTransferToAgent) is one
// BLINDTRANSFER line, under the agent who transferred (as Asterisk writes
// it for the member who transferred), naming the colleague offered; that
// colleague's RINGNOANSWER / RINGCANCELED / CONNECT lines follow as for an
// offer, and the call keeps its one terminal line. An attended transfer
// (CallConsult, then CallConsultEnd complete) is one ATTENDEDTRANSFER
// line under the consulting agent, naming the colleague who now has the
// caller; a consult leg has lines of its own (a leg to a colleague, in no
// queue, only its terminal ENDED under the colleague; a leg into a queue
// those of any call). Time on hold is not a line: Asterisk's queue_log has no hold verb
// (CallEnded::hold_ms and the call history carry it).
#ifndef ACD_QUEUE_LOG_H_
#define ACD_QUEUE_LOG_H_

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/types.h"

namespace acd {

inline constexpr int kQueueLogVersion = 1;
inline constexpr std::string_view kQueueLogNone = "NONE";

enum class QueueLogEvent : uint8_t {
  kLogStart, kOffer, kRingNoAnswer, kRingCanceled, kEnterQueue, kRequeue, kConnect,
  kFull, kExitWithTimeout, kOverflow, kEntryRule, kEntryDefault, kExitEmpty, kDeclineRoute,
  kQueueRemoved, kRule, kAnnounce, kCallbackOffer, kCallbackDial, kCallbackHeld,
  kComplete, kCompleteCaller, kCompleteAgent, kAbandon, kExitOverflow, kExitCallback, kExitVoicemail, kExitRejected,
  kCallbackDone, kCallbackFailed, kCallbackExpired, kCallbackCancel, kEnded,
  kAgentLogin, kAgentLogoff, kReady, kReserved, kTalking, kWrapUp, kPause,
  kBlindTransfer, kJoinEmpty, kAttendedTransfer, kPenalty, kUnpause,
  kOther,
};

// How a data field is checked when a line is read.
enum class QueueLogFieldType : uint8_t {
  kCount,        // whole number >= 0
  kMs,           // whole number >= -1 (-1: not known)
  kInt,          // whole number (rule indexes: -1 = none)
  kFlag,         // 0 or 1
  kDisposition,  // a Disposition name
  kCancelReason, // a CancelReason name
  kAgentState,   // an AgentState name
  kReason,       // a not-ready reason: a built-in name or a label name
  kPath,         // an OverflowKind name
  kText,         // free text (escaped)
};

struct QueueLogField {
  std::string_view name;
  QueueLogFieldType type;
};

std::string_view QueueLogEventName(QueueLogEvent event);
bool ParseQueueLogEvent(std::string_view name, QueueLogEvent* out);
// The data fields of an event, in line order.
std::span<const QueueLogField> QueueLogFields(QueueLogEvent event);
// Whether the event ends a call (COMPLETE, ABANDON, EXIT*, ENDED).
bool IsTerminalQueueLogEvent(QueueLogEvent event);
// The terminal event a disposition is written as (an answered call's by
// who hung up).
QueueLogEvent TerminalEventFor(Disposition disposition, EndedBy by = EndedBy::kUnknown);

// One line of the log, unescaped. A plain value.
struct QueueLogRecord {
  TimeMs time_ms = 0;
  CallId call = 0;    // 0: NONE
  std::string queue;  // empty: NONE
  std::string agent;  // empty: NONE
  QueueLogEvent event = QueueLogEvent::kOther;
  std::vector<std::string> data;  // as QueueLogFields(event) lists them

  // The data field of that name; empty when the event has no such field.
  std::string_view Field(std::string_view name) const;
  // A numeric data field; 0 when absent or not a number.
  int64_t Number(std::string_view name) const;
  bool operator==(const QueueLogRecord&) const = default;
};

// "\|" for '|', "\\" for '\', "\n", "\r"; and back. Unescape fails on a
// dangling '\' or an unknown escape, naming the column (1-based).
std::string EscapeQueueLogText(std::string_view text);
absl::StatusOr<std::string> UnescapeQueueLogText(std::string_view text);

// "2026-11-24T08:14:03.250Z".
std::string FormatQueueLogTime(TimeMs time_ms);

// The line for a record, without the trailing newline.
std::string FormatQueueLogLine(const QueueLogRecord& record);

// Reads one line (without its newline). The error names the field by
// position and name and gives the reason, e.g.
// "field 8 (ring_ms): expected a whole number >= -1, got 'x'".
absl::StatusOr<QueueLogRecord> ParseQueueLogLine(std::string_view line);

// Reads a whole log. Empty lines are skipped. On malformed lines the error
// lists each (up to 20) as "line N: <the line's error>" and the count.
absl::StatusOr<std::vector<QueueLogRecord>> ReadQueueLog(std::istream& in);

// Turns commands into records, keeping what a line needs that its command
// does not carry: the queue a call waits in (for CancelOffer, CallEnded of
// unqueued calls), when each offer started (ring_ms) and each agent's last
// state (AGENTLOGIN). Names are copied from the center at construction.
// Thread-safety: none; the engine's thread. Memory: one small record per
// live call and per ringing offer, dropped when the call ends.
class QueueLogFormatter {
 public:
  explicit QueueLogFormatter(const CenterConfig& center);
  QueueLogRecord Format(const Command& command);
  std::string QueueName(QueueId queue) const;
  std::string AgentName(AgentId agent) const;
  size_t live_calls() const { return calls_.size(); }

 private:
  struct LiveCall {
    bool queued = false;
    QueueId queue = 0;
    absl::flat_hash_map<AgentId, TimeMs> offer_start_ms;  // ringing offers
  };
  QueueLogRecord FormatCall(TimeMs time_ms, CallId call, const CommandBody& body);
  QueueLogRecord FormatAgent(TimeMs time_ms, const AgentStateChanged& c);
  // Since the agent's offer of this call started, forgetting the offer; -1
  // when it was not seen.
  TimeMs RingMs(LiveCall& call, AgentId agent, TimeMs time_ms);

  std::vector<std::string> queue_names_;
  CenterLabels labels_;  // the not-ready reasons' names
  absl::flat_hash_map<AgentId, std::string> agent_names_;
  absl::flat_hash_map<AgentId, AgentState> agent_states_;
  absl::flat_hash_map<CallId, LiveCall> calls_;
};

// A CommandSink decorator: writes one queue-log line per command to `out`
// (a LOGSTART line first, at the first command's time), then forwards the
// command to `inner` (may be null), so a runtime or simulator can chain it
// in front of its own sink. Lines are flushed as written when
// flush_each_line, so a crash loses at most the line being written; syncing
// the file to disk is the file owner's business.
// A failed write does not stop the forwarding: status() reports the first
// failure (with the line number) and later lines are not attempted.
// Thread-safety: none; the engine's thread. `out` and `inner` must outlive
// the sink.
class QueueLogSink : public CommandSink {
 public:
  QueueLogSink(const CenterConfig& center, std::ostream* out, CommandSink* inner = nullptr,
               bool flush_each_line = true);
  void Emit(const Command& command) override;
  // Lines handed to the stream (LOGSTART included) before a failure showed.
  uint64_t lines() const { return lines_; }
  absl::Status status() const { return status_; }

 private:
  void Write(const QueueLogRecord& record);

  QueueLogFormatter formatter_;
  std::ostream* out_;
  CommandSink* inner_;
  bool flush_each_line_;
  bool started_ = false;
  uint64_t lines_ = 0;
  absl::Status status_;
};

}  // namespace acd

#endif  // ACD_QUEUE_LOG_H_
