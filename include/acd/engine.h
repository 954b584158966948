// The routing engine: a single-threaded, deterministic state machine.
//
// What it is: events in (Apply), time in (AdvanceTo), commands out (to the
// CommandSink). It never reads a clock, starts a thread, does I/O or draws a
// random number from anything but its seeded generator, so the same center,
// seed and events give the same commands and the same StateHash, bit for bit.
//
// Thread-safety: none. One thread owns an Engine (a runtime shard, the
// simulator, a test); the sink is called on that thread.
//
// Invariants (DESIGN.md, checked by CheckInvariants): one pending offer or
// ring-all group per call; capacity respected; no offers to unavailable
// agents; conservation of calls; one disposition per call; work
// conservation (no ready agent beside a waiting call it may take); every
// timer fires once; bounded queues. A rejected event returns a Status that
// names the field and the reason and changes nothing.
#ifndef ACD_ENGINE_H_
#define ACD_ENGINE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/event.h"
#include "acd/types.h"

namespace acd {

struct EngineOptions {
  uint64_t seed = 1;  // for the random and weighted-random strategies
  // After every Apply and AdvanceTo, run CheckInvariants and stop the
  // program with the message if one is broken (a programmer error). For
  // tests and debug runs: it costs O(state) per step.
  bool check_invariants = false;
};

// One agent as the floor sees it.
struct AgentView {
  AgentId id = 0;
  AgentState state = AgentState::kLoggedOut;
  NotReadyReason reason = NotReadyReason::kNone;
  uint32_t load = 0;          // offers ringing + calls connected
  // The load by media (Media as index: voice, chat, email, task); adds
  // up to `load`.
  std::array<uint32_t, kMediaCount> load_by_media{};
  uint32_t calls_today = 0;   // answered
  TimeMs talk_ms_today = 0;
  // Since it last became ready (from not ready or a login): what a queue
  // with counters_since_ready orders its least-calls agents by.
  uint32_t calls_since_ready = 0;
  TimeMs talk_ms_since_ready = 0;
  uint32_t misses_in_row = 0;
  TimeMs state_since_ms = 0;
  uint32_t outbound_today = 0;  // outbound calls placed (OutboundCall)
  // The queues it is paused in alone (AgentNotReady with a queue), in
  // membership order, with their reasons; state stays kReady meanwhile
  // (or what its calls make it) and it takes its other queues' calls.
  struct QueuePause {
    QueueId queue = 0;
    NotReadyReason reason = NotReadyReason::kNone;
    bool operator==(const QueuePause&) const = default;
  };
  std::vector<QueuePause> paused_queues;
  // Its counters of each of its queues' calls alone, in membership order:
  // what a queue with counters_here_only orders it by (Asterisk's
  // per-queue member calls and lastcall): the calls of that queue it
  // answered, their talk time, and when the last one's talk ended
  // (ended false: none yet, last_end_ms 0). Part of the day's counters.
  struct QueueCounters {
    QueueId queue = 0;
    uint32_t calls = 0;
    TimeMs talk_ms = 0;
    bool ended = false;
    TimeMs last_end_ms = 0;
    bool operator==(const QueueCounters&) const = default;
  };
  std::vector<QueueCounters> queue_counters;
};

// One call as the floor sees it.
struct CallView {
  CallId id = 0;
  CallState state = CallState::kArrived;
  Disposition disposition = Disposition::kNone;
  bool queued = false;
  QueueId queue = 0;
  int priority = 0;
  int min_level = kMinLevel;
  // The upper level bound and the level cap (overflow rules'
  // set_level_bounds; 10 and 10 while open).
  int max_level = kMaxLevel;
  int level_cap = kMaxLevel;
  TimeMs arrived_ms = 0;
  TimeMs enqueued_ms = 0;  // last time it entered its current queue
  // A callback (outbound): its dial attempts so far that failed, and while
  // it is held back (a retry's back-off, the caller's window, closed
  // hours), when it may be offered again; 0 = not held.
  bool callback = false;
  uint32_t failed_attempts = 0;
  TimeMs held_until_ms = 0;
  std::vector<AgentId> ringing;  // agents with a pending offer
  AgentId agent = 0;             // connected agent, when talking
  bool outbound = false;         // placed by the agent (OutboundCall); in no queue
  // Connected calls: on hold now (CallHold), and the time on hold so far
  // (the current hold included).
  bool on_hold = false;
  TimeMs hold_ms = 0;
  // Transfers to a named agent (CallTransferToAgent) so far, and whether
  // the offer ringing now is one.
  uint32_t transfers = 0;
  bool transferring = false;
  // Attended transfers (CallConsult): a consulting call names its consult
  // leg, a leg the call it consults for (0 once that call ended);
  // consult_leg marks a leg.
  CallId consult = 0;
  bool consult_leg = false;
  // Its place in its queue's line (1 = next), as CallQueued and Announce
  // count it; 0 when not in line (not waiting, a callback held out of line,
  // a call waiting for its own seller alone). O(position) to compute.
  uint32_t position = 0;
};

// Live figures for one queue.
struct QueueStats {
  uint32_t waiting = 0;
  uint32_t ringing = 0;  // calls with an offer pending
  uint32_t talking = 0;
  TimeMs oldest_wait_ms = 0;  // longest current wait among waiting calls
  uint64_t entered = 0;       // calls that entered the queue
  uint64_t answered = 0;
  uint64_t abandoned = 0;     // in queue or ringing
  uint64_t overflowed = 0;    // left by a limit (any action)
  uint64_t ring_no_answer = 0;
  uint32_t agents_logged_in = 0;
  uint32_t agents_ready = 0;  // ready with spare capacity
  // Callbacks waiting in the queue (in line or held back for a retry, the
  // caller's window or closed hours) and how the ended ones ended.
  uint32_t callbacks_pending = 0;
  uint64_t callbacks_completed = 0;
  uint64_t callbacks_failed = 0;  // failed or expired
};

// Engine-wide counters (conservation, DESIGN invariant 3). arrived +
// callbacks + outbound + consults = in_ivr + waiting + offered + dialing + talking + ended.
struct CallCounts {
  uint64_t arrived = 0;
  uint64_t callbacks = 0;  // created by CallbackRequest
  uint64_t outbound = 0;   // placed by agents (OutboundCall)
  uint64_t consults = 0;   // consult legs (CallConsult), to an agent or a queue
  uint64_t in_ivr = 0;
  uint64_t waiting = 0;    // callbacks held back included
  uint64_t offered = 0;
  uint64_t dialing = 0;
  uint64_t talking = 0;
  uint64_t ended = 0;
  uint64_t by_disposition[kDispositionCount] = {};  // indexed by Disposition
};

// Work done by routing decisions, to show they do not scan (the O(log n)
// claim): every index entry looked at counts one probe.
struct WorkCounters {
  uint64_t decisions = 0;     // attempts to match a call or an agent
  uint64_t index_probes = 0;  // index entries examined by those attempts
};

// The payload type URL that marks Apply's answer to a repeated event id.
inline constexpr char kRepeatedEventPayload[] = "type.acd/repeated_event";
// True for Apply's AlreadyExists about an event id it already applied (an
// idempotent repeat), false for every other error (e.g. a call id in use).
bool IsRepeatedEvent(const absl::Status& status);

namespace core {
class EngineImpl;
}  // namespace core

class Engine {
 public:
  // Fails with the field and reason when the center is invalid.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(const CenterConfig& center,
                                                        CommandSink* sink,
                                                        EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Applies one event at event.time_ms, first firing timers due by then.
  // A repeated event id is recognised first (AlreadyExists), then a time
  // before now (InvalidArgument). On any error nothing changes, except that
  // timers due by event.time_ms may have fired, exactly as
  // AdvanceTo(event.time_ms) would have fired them (the event is judged
  // against the state at its own time, e.g. an answer after the ring timeout).
  // Errors: InvalidArgument (malformed field, time before now),
  // NotFound (unknown call/agent/queue), FailedPrecondition (not possible in
  // the current state), AlreadyExists (duplicate event id or call id),
  // ResourceExhausted (a bound is full: back-pressure).
  absl::Status Apply(const Event& event);

  // Live reload: applies a new center (as loaded from a changed file)
  // without losing a call, at the engine's current time. Queues and skills
  // are matched by name, agents by id; ids may change between the two.
  //   - Agents keep their state, today's figures, a running wrap-up or
  //     rest. An agent whose configuration changed takes the new skills,
  //     capacity and memberships, and the offers ringing on their phone are
  //     withdrawn (the calls go back to the head of their line); otherwise
  //     skills set at run time (AgentSetSkills) stay. A removed agent is
  //     logged out (AgentStateChanged) and their ringing offers withdrawn.
  //   - Calls keep their queue, place, priority, requirement, and a ring in
  //     progress. Where a queue's maximum wait, overflow rules,
  //     announcements or member delays changed, they apply to its calls as
  //     if in force since the call entered the queue: what is already due
  //     (a rule, the maximum wait) is judged at once. But in a queue with
  //     keep_rules_at_entry the callers in line keep the overflow rules
  //     they entered with (renumbered to the new center; a route to a
  //     removed queue takes on_queue_removed; a rule whose queue or skill
  //     is gone is passed over) and callers who enter later follow the new
  //     ones. A shorter max_length
  //     sends the back of a longer line down on_full; a ring-all or
  //     progressive ring above the new limit keeps its first offers and the
  //     others are withdrawn (CancelReason kReconfigured, as for the offers
  //     of removed or changed agents).
  //   - The waiting calls of a removed queue go down the new center's
  //     on_queue_removed (RouteCall, cause kQueueRemoved); its callbacks
  //     and open captures go to that queue if it takes callbacks (keeping
  //     their place and hold).
  //   - New agents start logged out. Statistics of kept queues carry on.
  // Every timer that stays keeps its due time and order: a reload to an
  // identical center changes nothing (same StateHash, same commands).
  // Commands emitted by the reload use the new center's ids. A reference
  // taken from center() before the reload no longer refers to anything.
  // On any error nothing changes: InvalidArgument when the center is invalid
  // (ValidateCenter); FailedPrecondition when the live state forbids the
  // change, naming it: a removed queue with calls offered or connected,
  // waiting calls and no on_queue_removed, or callbacks or open captures
  // and no on_queue_removed queue that takes callbacks; a max_length below
  // the calls ringing in the queue; a
  // removed agent connected to a call; a new capacity below an agent's
  // connected calls; a skill a live call requires gone; max_live_calls below
  // the live calls.
  absl::Status Reconfigure(const CenterConfig& next);

  // Moves the clock to time_ms, firing due timers in (due, creation) order.
  // InvalidArgument when time_ms is before now.
  absl::Status AdvanceTo(TimeMs time_ms);

  TimeMs now_ms() const;
  // The earliest pending timer, if any: when the runtime must wake up.
  std::optional<TimeMs> NextDeadlineMs() const;

  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<CallView> GetCall(CallId id) const;  // live calls only
  // O(calls waiting in the queue), for wallboards; not a routing path.
  absl::StatusOr<QueueStats> GetQueueStats(QueueId id) const;
  std::vector<AgentView> AllAgents() const;  // roster order
  CallCounts counts() const;
  const WorkCounters& work() const;
  const CenterConfig& center() const;

  // The whole state as bytes, in a versioned layout (lib/core/
  // snapshot_format.h): agents, calls, queues, timers, the random
  // generator, the remembered windows, and a fingerprint of the center.
  // O(state). Restore rebuilds an engine from it that makes the same
  // decisions as this one from here on (same commands for the same
  // inputs, same StateHash). A snapshot is readable by every later
  // version of acd.
  std::string Snapshot() const;

  // An engine for `center` in the state of `snapshot`, taken by Snapshot()
  // under the same center (its fingerprint must match; apply a changed
  // file with Reconfigure after restoring). Emits no command. Errors:
  // InvalidArgument (a null sink, an invalid center); FailedPrecondition
  // (another center, a snapshot newer than this build); DataLoss (damaged
  // bytes, naming the field and the offset, or a restored state that
  // breaks an invariant).
  static absl::StatusOr<std::unique_ptr<Engine>> Restore(const CenterConfig& center,
                                                         std::string_view snapshot,
                                                         CommandSink* sink,
                                                         EngineOptions options = {});

  // A 64-bit hash of Snapshot()'s bytes, stable across runs, processes and
  // machines: equal hashes mean equal snapshots, so equal futures (the
  // center's fingerprint is part of it). O(state).
  uint64_t StateHash() const;

  // Walks the whole state and checks DESIGN's invariants; O(state).
  absl::Status CheckInvariants() const;

 private:
  explicit Engine(std::unique_ptr<core::EngineImpl> impl);
  std::unique_ptr<core::EngineImpl> impl_;
};

}  // namespace acd

#endif  // ACD_ENGINE_H_
