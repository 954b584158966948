// Events: what the PBX, the CRM or the simulator tells the engine. Plain
// values; an Event is applied with Engine::Apply.
#ifndef ACD_EVENT_H_
#define ACD_EVENT_H_

#include <optional>
#include <string>
#include <variant>

#include "absl/container/inlined_vector.h"
#include "acd/center.h"
#include "acd/skill_expr.h"
#include "acd/types.h"

namespace acd {

// What the PBX, IVR or CRM knows about a call when it arrives.
struct CallAttributes {
  std::string ani;               // caller's number
  std::string dnis;              // number dialled
  std::string digits;            // IVR menu digits pressed
  std::string language;
  std::string marketing_source;
  Intent intent = Intent::kUnknown;
  bool vip = false;
  bool returning = false;        // a known customer
  bool internal = false;         // internal line (external calls outrank)
  AgentId owner_agent = 0;       // CRM owner seller, 0 = none
};

// Agent state. A supervisor forces an agent's state with these same events
// (log out, ready, not ready): each is accepted in any state it changes,
// also while the agent talks (the call goes on; the new presence applies
// once it ends). Logging out or going not ready withdraws a ringing offer
// (CancelReason kAgentUnavailable).
struct AgentLogin { AgentId agent = 0; bool ready = true; };
struct AgentLogout { AgentId agent = 0; };
// Ready again; also ends wrap-up early and every pause in one queue.
// With a queue: ends the agent's pause in that queue alone (Asterisk's AMI
// QueuePause with Queue and Paused = false); see AgentNotReady.
struct AgentReady {
  AgentId agent = 0;
  std::optional<QueueId> queue{};  // none: ready everywhere
};
// Not ready (paused) everywhere with a reason; ends every pause in one
// queue (it covers them). With a queue: paused in that queue alone
// (Asterisk's QueuePause with Queue): the agent stops taking that queue's
// calls (a ringing offer of a call of that queue is withdrawn, kAgentUnavailable)
// and stays ready for its other queues; its reported state is unchanged
// (AgentView::paused_queues lists such pauses) and it counts as paused in
// that queue for join_empty / leave_when_empty. Each such change emits
// AgentPauseChanged. A pause in one queue is for a ready agent (DESIGN
// invariant 25): AgentReady or AgentNotReady without a queue, a logout,
// an automatic pause (max_misses) and a reload that removes the queue or
// the membership end it. Errors with a queue: NotFound "queue" for an
// unknown queue; FailedPrecondition "queue" for a queue the agent is not a
// member of, an AgentReady for a queue it is not paused in, an
// AgentNotReady repeating the queue's pause and reason; FailedPrecondition
// "agent" while the agent is logged out or not ready everywhere.
struct AgentNotReady {
  AgentId agent = 0;
  NotReadyReason reason = NotReadyReason::kUnspecified;
  std::optional<QueueId> queue{};  // none: not ready everywhere
};
struct AgentSetSkills { AgentId agent = 0; std::vector<SkillLevel> skills; };
// A supervisor changed the agent's level (1..10, 10 best) in one queue, or
// with no queue in every queue the agent is a member of (Asterisk's
// QueuePenalty; its penalty p, 0 best, is level 10 - p for p <= 9). The
// level holds until another AgentSetLevel or a reload that gives that
// membership a new level in the file (DESIGN.md, "Run-time levels"); the
// agent's place in every ready index, its tiers and pools follow at once,
// and a waiting caller an agent raised into range may take is offered in
// the same step. A queue whose level comes from a skill (QueueConfig
// skill) is left alone: naming it is FailedPrecondition "queue"
// (AgentSetSkills sets that level), and with no queue it is skipped.
// Emits AgentLevelChanged per membership whose level changed. Errors:
// InvalidArgument "level" outside 1..10; NotFound "agent" / "queue" for an
// unknown one; FailedPrecondition "queue" for a queue the agent is not a
// member of, "agent" when no queue of the agent takes a level.
struct AgentSetLevel {
  AgentId agent = 0;
  std::optional<QueueId> queue{};  // none: every queue the agent is a member of
  int level = kMaxLevel;
};
// The PBX reports the agent on (or off) a call outside the ACD; queues
// without ring_in_use offer nothing to an agent on such a call.
struct AgentOutsideCall { AgentId agent = 0; bool on_call = true; };

struct CallArrive { CallId call = 0; CallAttributes attributes; };
// The IVR is done: place the call by the center's entry rules (queue,
// priority, skills, or a terminal path). Non-empty digits and a known intent
// replace what the call arrived with (the caller chose in the menu).
struct CallClassify { CallId call = 0; std::string digits{}; Intent intent = Intent::kUnknown; };
struct CallEnqueue {
  CallId call = 0;
  QueueId queue = 0;
  int priority = 0;  // higher is served first; -1000..1000
  int min_level = kMinLevel;  // lowest agent level for the queue
  // Extra skills the agent must have (e.g. a language), each at a level.
  absl::InlinedVector<SkillLevel, 2> required_skills;
  // A requirement the agent must meet as well (ANDed with required_skills),
  // e.g. ParseSkillExpr("english | german>=7", center.skills).
  SkillExpr skills_expr{};
  // A requested place in line (Asterisk's Queue() position): 1 = next;
  // never ahead of a caller of higher priority nor behind one of lower
  // (the place is the nearest one its priority allows); 0 = behind the
  // callers of its priority (the default). Not for a caller who first waits
  // for their own seller alone (the owner window: then it joins as 0).
  uint32_t position = 0;
  // A time adjustment of the caller's place (Amazon Connect's queue time
  // adjustment, FreeSWITCH's cc_base_score in seconds x 1000): within its
  // priority the caller is ordered as if it had entered the queue this
  // much earlier (negative: later), in this queue and in every queue it is
  // moved on to by the engine or a transfer. Orders only: max wait, member
  // delays, rules and reports count the real wait. At most
  // kMaxWaitCreditMs either way; a requested `position` or a resumed place
  // wins over it in the queue it joins.
  TimeMs wait_credit_ms = 0;
};
inline constexpr TimeMs kMaxWaitCreditMs = 86'400'000;  // a day
// The offered agent answered (for a callback: accepted it; the engine
// then asks the PBX to dial).
struct CallAnswer { CallId call = 0; AgentId agent = 0; };
// The offered agent declined after the whisper (kDeclined), or the PBX found
// the agent's line busy (kBusy: SIP 486, Asterisk BUSY, FreeSWITCH
// USER_BUSY) or its device congested or unreachable (kUnavailable:
// Asterisk CONGESTION / CHANUNAVAIL, FreeSWITCH NORMAL_TEMPORARY_FAILURE,
// USER_NOT_REGISTERED). Each may keep the agent from offers for a while
// (AgentConfig's decline_delay_ms; busy_delay_ms for both of the others);
// the call's queue may count a busy or unavailable line as a missed offer
// (QueueConfig::auto_pause_busy, auto_pause_unavailable).
enum class DeclineReason : uint8_t { kDeclined, kBusy, kUnavailable };
struct CallDecline {
  CallId call = 0;
  AgentId agent = 0;
  DeclineReason reason = DeclineReason::kDeclined;
};
// The caller hung up, at any stage (a connected call then ends with
// CallEnded::ended_by kCaller).
struct CallHangup { CallId call = 0; };
// The conversation ended; the agent goes to wrap-up. `by` says who hung up
// when the PBX knows (carried into CallEnded and the queue log's
// COMPLETECALLER / COMPLETEAGENT). A connected call may be on hold.
struct CallEndTalk { CallId call = 0; EndedBy by = EndedBy::kUnknown; };
// The agent put the connected caller on hold (CallHold) or took them back
// (CallResume). The agent stays busy (talking) throughout; the time on hold
// is counted (CallEnded::hold_ms, CallView::hold_ms). Only a connected call
// (talking, not already on hold / on hold) may be held / resumed;
// otherwise FailedPrecondition. A transfer or the end of the call ends the
// hold.
struct CallHold { CallId call = 0; };
struct CallResume { CallId call = 0; };
// The CRM (or the PBX) learned more about a live call after it arrived:
// the attributes whose bit is set in `fields` replace the call's (the
// others are ignored). They take effect for the decisions that follow:
// entry rules at CallClassify, boosts (vip, internal, returning) and the
// preferred seller (owner_agent) when the call next enters a queue (enqueue,
// transfer, overflow), the caller's ANI for resuming a place. A call waiting
// for its former owner alone stops waiting for them (it joins its line).
// Errors: InvalidArgument for no field or an unknown bit ("fields"), an
// intent out of range ("attributes.intent"); NotFound / FailedPrecondition
// for an unknown or ended call.
struct CallUpdate {
  static constexpr uint32_t kAni = 1u << 0;
  static constexpr uint32_t kDnis = 1u << 1;
  static constexpr uint32_t kDigits = 1u << 2;
  static constexpr uint32_t kLanguage = 1u << 3;
  static constexpr uint32_t kMarketingSource = 1u << 4;
  static constexpr uint32_t kIntent = 1u << 5;
  static constexpr uint32_t kVip = 1u << 6;
  static constexpr uint32_t kReturning = 1u << 7;
  static constexpr uint32_t kInternal = 1u << 8;
  static constexpr uint32_t kOwnerAgent = 1u << 9;
  static constexpr uint32_t kAll = (1u << 10) - 1;
  CallId call = 0;
  uint32_t fields = 0;
  CallAttributes attributes;
};
// A supervisor changed a waiting call's priority (-1000..1000): it keeps
// its place among the calls of its new priority by its original entry
// (the same ordering CallEnqueue gives). Only a waiting call (kWaiting,
// a held callback included); otherwise FailedPrecondition.
struct CallSetPriority { CallId call = 0; int priority = 0; };
// A supervisor moved a waiting call to a place in its queue's line
// (position 1 is the head, as CallQueued and Announce count). The call
// lands with position - 1 of the line's other calls ahead of it (at the
// end when the line is shorter) and takes the priority of the call it now
// stands before (at the end: of the call now before it), so that callers
// who join later keep their order around it as they would around that
// call, and a time in line between its new neighbours' (calls rank by it
// across pools and queues; its wait counted from enqueued_ms and its
// timers stay); its next announcement tells the new position. Only a call in its queue's line (kWaiting, not a
// callback held out of line, not one waiting for its own seller alone):
// otherwise FailedPrecondition "call"; position 0 is InvalidArgument
// "position". O(calls in the line): a supervisor's action, not a routing
// path.
struct CallMove { CallId call = 0; uint32_t position = 1; };
// An agent placed a call out (the PBX reports the dial). The call has its
// own id, from the call id space, and is connected to the agent from the
// dial on: the agent is busy (talking) until CallEndTalk or CallHangup
// (the other party hung up: ended_by kCaller) ends it with disposition
// kOutbound, and goes back to work without wrap-up. It is in no queue:
// no service level, no queue figures; CallCounts::outbound counts it and
// AgentView::outbound_today the agent's. Hold and CallUpdate apply; a
// transfer or a route does not. The agent must be logged in (ready or not
// ready; a not-ready agent stays so) with spare capacity (a ringing offer
// takes its share): FailedPrecondition "agent" otherwise; the call id
// follows CallArrive's rules (AlreadyExists for a live or recently ended id).
struct OutboundCall { CallId call = 0; AgentId agent = 0; };
// Move a waiting or talking call to another queue (blind transfer).
struct CallTransfer { CallId call = 0; QueueId queue = 0; int priority = 0; };
// The connected agent transferred the caller to a named colleague (a
// direct, blind transfer to an agent). The first agent is released at once
// (to wrap-up by the call's queue, as at the end of a talk; a hold ends);
// the call is offered to `agent` alone: one offer (Offer with
// transfer_from), ringing for the queue's ring timeout, never widened by
// ring-all or progressive ringing. The target must be available now
// (logged in, ready, not in wrap-up or resting after a miss, with spare
// capacity, and not on a call outside the ACD unless the call's queue
// rings agents in use): otherwise FailedPrecondition "agent" and nothing changes (the
// engine does not wait for them; the PBX keeps the caller with the first
// agent). When the target does not answer (ring timeout, decline, busy,
// logging out), the call goes back into its queue at the place it had (its
// entry order and time in line are kept, so it is not penalised; its
// queue's timers, max wait, rules, announcements, start again as on
// entry; a line that filled up meanwhile sends it down the queue's
// on_full path, RouteCall cause queue_full). The call stays in its queue throughout and is counted answered
// there once; a caller who hangs up while the transfer rings, or back in
// line, ends `answered`. CallView::transfers counts it; the queue log
// writes BLINDTRANSFER. Only an inbound call through a queue (not a
// callback, not an outbound call) is transferred; `agent` must not be the
// connected agent itself (FailedPrecondition "agent").
struct CallTransferToAgent { CallId call = 0; AgentId agent = 0; };
// The connected agent of `call` consults before transferring it (an
// attended transfer): the caller is put on hold (if not already) and a
// consult leg, a new call with its own id `consult` (from the call id
// space; CallArrive's rules), goes
//   - to colleague `agent` (agent != 0): the PBX dialled them; the leg is
//     connected to them from the dial on, in no queue, as an outbound call
//     is (they must be logged in with spare capacity: FailedPrecondition
//     "agent"; not the consulting agent itself), and ends with disposition
//     kConsult; or
//   - into `queue` (agent == 0): the leg is an internal call waiting there
//     and routed like any other (offers, timers, overflow), with the
//     dispositions of any call.
// Only a connected caller through a queue (not a callback, an outbound
// call or a consult leg) consults, one consult at a time (FailedPrecondition
// "call"). While it lasts the caller stays on hold (CallResume is refused)
// and is neither transferred nor routed. The consult ends with
// CallConsultEnd, or when its leg ends (CallHangup or CallEndTalk of the
// leg, a route out of its queue): then the caller is back with the agent,
// off hold. A caller who hangs up during the consult ends as usual; the
// leg lives on as a call of its own. CallCounts::consults counts legs.
struct CallConsult { CallId call = 0; CallId consult = 0; AgentId agent = 0; QueueId queue = 0; };
// The consulting agent completes (complete: the caller is connected to the
// colleague the leg is connected to, the consulting agent is released to
// wrap-up by the call's queue, the leg ends, kConsult or, through a queue,
// kAnswered; CallConnected with transfer_from set, queue log
// ATTENDEDTRANSFER) or cancels (the leg ends as if hung up: CallHangup of
// the leg) the consult of `call`. Completing needs the leg connected
// (FailedPrecondition "call"); `call` must be consulting.
struct CallConsultEnd { CallId call = 0; bool complete = false; };
// The PBX/IVR ended a not-yet-connected call on a terminal path (filtered,
// voicemail chosen in the menu, ...). Terminal dispositions only.
struct CallRoute { CallId call = 0; Disposition disposition = Disposition::kRejected; };

// The IVR or the reception desk took the contact of a call that went down
// the callback-capture path (its disposition is callback_captured): a
// callback is created under a new id (the PBX's, from the call id space)
// and waits in line like a call, keeping the caller's place when the
// policy says so (CallbackPolicy). A window the caller chose, [from, to)
// in engine ms, holds it until `from` and expires it at `to`; both 0 = as
// soon as possible. The callback is offered to an agent like a call (Offer
// with callback set); when the agent answers the offer, the engine emits
// DialCallback and the PBX reports the dial's outcome with CallbackResult.
// CallHangup withdraws it (kCallbackCancelled); CallEndTalk ends a
// connected callback (kCallbackCompleted).
struct CallbackRequest {
  CallId callback = 0;
  CallId from_call = 0;
  std::string number;
  TimeMs window_from_ms = 0;
  TimeMs window_to_ms = 0;
};
// How the dial of a callback the engine asked for (DialCallback) went.
struct CallbackResult {
  CallId callback = 0;
  DialOutcome outcome = DialOutcome::kConnected;
};

using EventBody = std::variant<AgentLogin, AgentLogout, AgentReady, AgentNotReady,
                               AgentSetSkills, CallArrive, CallEnqueue, CallAnswer,
                               CallDecline, CallHangup, CallEndTalk, CallTransfer,
                               CallRoute, CallClassify, AgentOutsideCall, CallbackRequest,
                               CallbackResult, CallHold, CallResume, CallUpdate,
                               CallSetPriority, OutboundCall, CallTransferToAgent, CallMove,
                               CallConsult, CallConsultEnd, AgentSetLevel>;

struct Event {
  EventId id = 0;  // the PBX's id; a repeat of a recent id is ignored
  TimeMs time_ms = 0;
  EventBody body;
};

std::string_view EventName(const EventBody& body);
// The event's kind and fields on one line ("call_enqueue call=3 queue=1
// ..."), and with its time and id in front ("@28800000 id=7 ..."): for
// logs, journal dumps and test reports.
std::string DescribeEventBody(const EventBody& body);
std::string DescribeEvent(const Event& event);

}  // namespace acd

#endif  // ACD_EVENT_H_
