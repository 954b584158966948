// Plain value types shared by every part of acd: ids, time, states and
// dispositions. Everything here is a trivially copyable value; no allocation.
#ifndef ACD_TYPES_H_
#define ACD_TYPES_H_

#include <cstdint>
#include <string_view>

namespace acd {

// Milliseconds on the engine's clock. The engine never reads a clock: time
// arrives with every event and through Engine::AdvanceTo. In the runtime it is
// wall time since the Unix epoch; in the simulator it is virtual time.
using TimeMs = int64_t;

using CallId = uint64_t;   // the PBX's id of a call; 0 is never a valid id
using AgentId = uint64_t;  // the roster's id of an agent; 0 is never valid
using EventId = uint64_t;  // the PBX's id of an event; 0 = no de-duplication
using QueueId = uint32_t;  // index into CenterConfig::queues
using SkillId = uint32_t;  // index into CenterConfig::skills

inline constexpr int kMinLevel = 1;   // lowest proficiency level
inline constexpr int kMaxLevel = 10;  // highest proficiency level

// What an agent is doing, as the floor sees it.
enum class AgentState : uint8_t {
  kLoggedOut,
  kReady,     // logged in, idle, may receive an offer
  kReserved,  // an offer is ringing at the agent
  kTalking,   // connected to a call
  // After-call work, while no call rings or talks: receives no offer, or
  // (the call's queue has wrapup_here_only) none of that queue's.
  kWrapUp,
  kNotReady,  // logged in but unavailable, with a reason
};

// Why an agent is not ready. kNoAnswer is set by the engine after too many
// missed offers (ring-no-answer, RONA); the others come from the agent.
enum class NotReadyReason : uint8_t {
  kNone,
  kUnspecified,
  kBreak,
  kLunch,
  kTraining,
  kMeeting,
  kNoAnswer,
};

// Where a call is in its life. Only moves forward, except that an offer
// that is not answered, or a callback dial that fails, puts the call back
// to kWaiting.
enum class CallState : uint8_t {
  kArrived,  // known to the engine (IVR, entry rules) but not queued yet
  kWaiting,  // in a queue, no offer pending
  kOffered,  // one offer (or one ring-all group) is ringing
  kDialing,  // a callback: the agent took it and the PBX dials the customer
  kTalking,  // connected to exactly one agent
  kEnded,    // has its one disposition
};

// How a call ended. Every call gets exactly one, once.
enum class Disposition : uint8_t {
  kNone,                // not ended yet
  kAnswered,            // an agent answered; ended when the talk ended
  kAbandonedInIvr,      // caller hung up before being queued
  kAbandonedInQueue,    // caller hung up while waiting
  kAbandonedRinging,    // caller hung up while an offer was ringing
  kOverflowed,          // routed out: external number or disconnect message
  kCallbackCaptured,    // sent down the callback-capture path
  kVoicemail,           // sent to voicemail
  kRejected,            // filtered before queueing (e.g. solicitation)
  // A callback (created by CallbackRequest for a captured call) ends with
  // one of these:
  kCallbackCompleted,   // the customer was reached and the talk ended
  kCallbackFailed,      // its dial attempts ran out, or the number is invalid
  kCallbackExpired,     // the caller's window closed before a connection
  kCallbackCancelled,   // the PBX or CRM withdrew it (CallHangup)
  // An agent's outbound call (OutboundCall) ends with this one:
  kOutbound,            // placed by an agent; ended by CallEndTalk or CallHangup
  // A consult leg to a named colleague (CallConsult) ends with this one:
  kConsult,             // an agent's consult call, in no queue
};
inline constexpr int kDispositionCount = 15;

// How a queue picks among the agents that may take a call.
enum class Strategy : uint8_t {
  kLongestIdle,         // the agent idle the longest (default)
  kLeastCalls,          // fewest answered calls today, then longest idle
  kLeastTalkTime,       // least talk time today, then longest idle
  kRoundRobin,          // next position after the last one offered
  kFixedOrder,          // lowest position first (top-down)
  kHighestProficiency,  // highest level first, then longest idle
  kRandom,              // uniformly at random (seeded)
  kWeightedRandom,      // at random, in proportion to membership weight
  kRingAll,             // offer all eligible at once; first answer wins
  kBestSkillScore,      // highest skill score (QueueConfig::skill_weights), then longest idle
};

// What a queue does with a call that hit one of its limits.
enum class OverflowKind : uint8_t {
  kNone,        // no action configured
  kQueue,       // move the call to another queue (keeps its arrival time)
  kCallback,    // callback capture (disposition kCallbackCaptured)
  kVoicemail,   // voicemail (disposition kVoicemail)
  kExternal,    // an external number (disposition kOverflowed)
  kDisconnect,  // a closing message, then hang up (disposition kOverflowed)
  kReject,      // a message, then hang up (disposition kRejected): filtered
};

// Why the caller says they call, from the IVR menu or the CRM.
enum class Intent : uint8_t { kUnknown, kBuy, kExistingOrder, kSupport, kSellToUs, kOther };

// Why an offer was withdrawn.
enum class CancelReason : uint8_t {
  kAnsweredElsewhere,  // ring-all: another agent answered
  kCallerHangup,
  kRingTimeout,        // nobody answered in time (RONA)
  kAgentDeclined,
  kAgentUnavailable,   // the agent logged out or went not ready
  kCallMoved,          // the call left the queue (transfer, overflow path, max wait cut)
  kReconfigured,       // a reload removed the agent, changed them, or rings fewer at once
};

// Who ended a connected call, as the PBX saw it (Asterisk's queue_log
// COMPLETECALLER / COMPLETEAGENT). kUnknown when the PBX does not say.
enum class EndedBy : uint8_t { kUnknown, kCaller, kAgent };

// How the PBX's dial of a callback's number went.
enum class DialOutcome : uint8_t {
  kConnected,      // the customer answered: the talk begins
  kNoAnswer,       // tried again later, while attempts remain
  kBusy,           // tried again later, while attempts remain
  kFailed,         // a network or trunk failure: tried again later
  kInvalidNumber,  // the number cannot be dialled: the callback fails at once
};

// The kind of contact a call is (Amazon Connect's channel, TaskRouter's
// task channel, Genesys' media type). A queue's calls have its media.
enum class Media : uint8_t { kVoice, kChat, kEmail, kTask };
inline constexpr int kMediaCount = 4;

std::string_view ToString(AgentState s);
std::string_view ToString(NotReadyReason r);
std::string_view ToString(CallState s);
std::string_view ToString(Disposition d);
std::string_view ToString(Strategy s);
std::string_view ToString(OverflowKind k);
std::string_view ToString(CancelReason r);
std::string_view ToString(Intent i);
std::string_view ToString(DialOutcome o);
std::string_view ToString(EndedBy b);
std::string_view ToString(Media m);

// Parses the names ToString returns ("longest_idle", "ring_all", ...).
// Returns false when the name is unknown. Not-ready reasons and intents are
// labels a center may add to: acd/labels.h resolves them against it.
bool ParseStrategy(std::string_view name, Strategy* out);
bool ParseOverflowKind(std::string_view name, OverflowKind* out);
bool ParseMedia(std::string_view name, Media* out);  // "voice", "chat", "email", "task"

}  // namespace acd

#endif  // ACD_TYPES_H_
