// Simulator: one run of the discrete-event simulation behind RunSimulation.
//
// The loop takes the earlier of the next world happening and the engine's
// next deadline (the engine first on a tie, as Engine::Apply would fire it
// first anyway), applies it, then drains the commands the engine emitted:
// each goes to the trace, to the KpiCollector and to the simulator's own
// reactions, which only schedule happenings. Agents' wishes (a break or a
// logout while an offer rings) are settled after the drain, which may
// apply more events; the loop repeats until nothing is pending.
//
// Thread-safety: none; one run, one thread. Bounds: a few happenings per
// live call and per agent; the command buffer holds one step's commands.
#ifndef ACD_LIB_SIM_SIMULATOR_H_
#define ACD_LIB_SIM_SIMULATOR_H_

#include <memory>
#include <string>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/engine.h"
#include "acd/interval_kpi.h"
#include "acd/kpi.h"
#include "acd/sim.h"
#include "sim/arrivals.h"
#include "sim/random.h"
#include "sim/world.h"

namespace acd::sim {

class Simulator : public CommandSink {
 public:
  Simulator(const CenterConfig& center, const SimOptions& options, TraceSink* trace);

  // Checks the options (ValidateSimOptions), then RunChecked.
  absl::StatusOr<SimResult> Run();
  // The run, for options already checked against this center (a plan's
  // days are checked once, ValidatedPlan, not once per run).
  absl::StatusOr<SimResult> RunChecked();
  // Handles the engine's commands as they come, or buffers them to handle
  // after the step: with a trace (which must see the event before the
  // commands it caused) and while agents are settled (the order the
  // reactions had when every command was buffered).
  void Emit(const Command& command) override {
    if (buffer_commands_) {
      pending_.push_back(command);
      ToVirtual(pending_.back());
    } else if (epoch_ms_ == 0) {
      Handle(command);
    } else {
      Command local = command;
      ToVirtual(local);
      Handle(local);
    }
  }

 private:
  struct PendingAnswer {
    AgentId agent = 0;
    uint64_t serial = 0;
  };
  struct SimCall {
    uint32_t type = 0;
    bool connected = false;
    bool zero_patience = false;
    bool by_rules = false;          // CallRouting::kByEntryRules
    bool patience_started = false;  // the patience clock runs (queued)
    uint32_t attempt = 0;    // 0: first attempt, then retrials
    uint64_t caller = 0;     // the same for a caller's retrials
    TimeMs arrived_ms = 0;
    TimeMs patience_ms = 0;  // from enqueue; kNeverMs for none
    TimeMs base_handle_ms = 0;  // the caller's need, before any factor
    TimeMs handle_ms = 0;       // with the interval's factor
    absl::InlinedVector<PendingAnswer, 1> answers;
    // A call captured by an entry rule: the queue whose callback policy
    // applies (the rule's capture names it), or kNoQueue.
    QueueId capture_queue = kNoQueue;
    // A callback (not a caller on the line): arrived_ms is its call's.
    bool callback = false;
    bool held = false;  // since a CallbackHeld, until it waits in line again
    TimeMs captured_ms = 0;
    uint64_t dial_serial = 0;
  };
  // A captured caller's contact on its way to the PBX (kContact).
  struct PendingContact {
    CallId from_call = 0;
    uint64_t caller = 0;
    uint32_t type = 0;
    TimeMs arrived_ms = 0;
    TimeMs captured_ms = 0;
    TimeMs base_handle_ms = 0;
    TimeMs handle_ms = 0;
    TimeMs window_from_ms = 0;  // virtual; both 0 = as soon as possible
    TimeMs window_to_ms = 0;
  };
  struct PendingRetrial {
    uint64_t caller = 0;
    uint32_t attempt = 0;
    uint32_t type = 0;
    TimeMs base_handle_ms = 0;
  };
  struct SimAgent {
    AgentId id = 0;
    bool wants_logout = false;
    bool wants_break = false;
    bool break_applied = false;   // not ready sent, waiting for the agent to be free
    AgentBreak pending_break;
    uint64_t break_serial = 0;
    uint64_t pause_serial = 0;    // no-answer pauses
    // No-answer pauses in one queue (auto_pause_here_only), by queue.
    absl::flat_hash_map<QueueId, uint64_t> queue_pause_serials;
    bool recheck = false;
  };

  absl::Status Start();
  absl::Status Loop();
  absl::Status Close();
  absl::Status Step(const Happening& h);
  // Applies one event at now; a rejection is the simulator's bug: Internal.
  // The body goes into the event's variant in place (a CallArrive carries
  // five strings; moving it twice per call showed in profiles).
  template <typename Body>
  absl::Status Apply(Body body) {
    return ApplyEvent(
        Event{0, now_ms_ + epoch_ms_, EventBody(std::in_place_type<Body>, std::move(body))});
  }
  absl::Status ApplyEvent(const Event& event);
  // Engine times in a command or event (its time, a callback's hold or
  // window) onto the virtual clock.
  void ToVirtual(Command& command) const {
    command.time_ms -= epoch_ms_;
    if (auto* held = std::get_if<CallbackHeld>(&command.body)) held->until_ms -= epoch_ms_;
  }
  void ToVirtual(Event& event) const;
  absl::Status Advance(TimeMs time_ms);
  // Handles buffered commands, then settles agents; repeats until quiet.
  absl::Status Drain();
  // Counts one command, feeds the trace and the collectors, reacts.
  void Handle(const Command& command);
  absl::Status AfterStep();
  absl::Status CheckBalance() const;

  // World happenings (simulator_world.cc).
  absl::Status OnArrival();
  absl::Status OnRetrial(uint64_t key);
  // One attempt by a caller: blocked at the trunks or arrives at the engine.
  absl::Status PlaceCall(uint64_t caller, uint32_t attempt, uint32_t type,
                         std::optional<TimeMs> base_handle_ms);
  absl::Status OnIvrDone(CallId call);
  // Fills CallArrive's attributes for a caller of a kByEntryRules type.
  void DescribeCaller(const CallType& type, uint64_t caller, uint32_t attempt,
                      CallAttributes* attributes) const;
  void StartPatience(SimCall& call, CallId id);
  absl::Status OnPatienceOver(const Happening& h);
  absl::Status OnClose();
  // serve_out_max_ms after end_ms: ends every call still live.
  absl::Status CutAtServeOutLimit();
  absl::Status OnAnswer(const Happening& h);
  absl::Status OnTalkEnd(CallId call);
  absl::Status OnLogin(AgentId agent);
  absl::Status OnBreakEnd(const Happening& h);
  absl::Status OnNoAnswerOver(const Happening& h);
  absl::Status Settle(SimAgent& agent);
  void ScheduleShifts();
  void Schedule(TimeMs time_ms, HappeningKind kind, CallId call = 0, AgentId agent = 0,
                uint32_t index = 0, uint64_t serial = 0);

  // Callbacks (simulator_callbacks.cc): the caller leaving a contact, the
  // PBX dialling, the customer answering, the serve-out cut.
  void OnCaptured(const SimCall& call, CallId id, const CallEnded& ended);
  absl::Status OnContact(uint64_t key);
  void OnDial(const DialCallback& dial);
  absl::Status OnDialResult(const Happening& h);
  absl::Status OnCallbackCut();
  // Callbacks' wait in line and hold (CallQueued, CallbackHeld, CallEnded).
  void TrackHold(CallId id, bool held);
  // After end_ms with no caller left: withdraws the held callbacks.
  absl::Status CarryOverCallbacks();
  bool CarryOverDue() const {
    return held_callbacks_ > 0 && now_ms_ >= options_.end_ms && calls_.size() == live_callbacks_;
  }
  // A conservation problem of the callbacks, or "".
  std::string CallbackBalance() const;

  // Reactions to commands (simulator_world.cc).
  void React(const Command& command);
  void OnOffer(const Offer& offer);
  void OnCancel(const CancelOffer& cancel);
  void OnConnected(const CallConnected& connected);
  void OnEnded(const CallEnded& ended);
  void OnQueued(const CallQueued& queued);
  void OnRouted(const RouteCall& route);
  // The interval of time_ms for the callers' side, or nullptr.
  IntervalKpi* Bucket(TimeMs time_ms);
  void OnAgentState(const AgentStateChanged& change);
  void OnPauseChanged(const AgentPauseChanged& change);
  SimAgent* FindAgent(AgentId id);
  void MarkRecheck(SimAgent& agent);

  std::string Where() const;  // "seed 7 at 09:14:03": for error messages

  const CenterConfig& center_;
  const SimOptions& options_;
  TraceSink* trace_;
  std::unique_ptr<Engine> engine_;
  KpiCollector kpis_;
  std::optional<IntervalKpiCollector> intervals_;
  double busyness_ = 1;  // before arrivals_: it scales their rate
  ArrivalProcess arrivals_;
  Rng agent_rng_;
  World world_;
  TimeMs now_ms_ = 0;  // virtual
  // Engine time of virtual time 0 (EngineEpochMs): events and AdvanceTo
  // add it, commands and deadlines take it off.
  TimeMs epoch_ms_ = 0;
  CallId next_call_ = 1;
  uint64_t next_caller_ = 1;
  uint64_t next_retrial_ = 1;
  bool closed_ = false;  // AtClose::kDisconnect fired
  bool callbacks_cut_ = false;  // kCallbackCut fired
  bool serve_out_cut_ = false;  // CutAtServeOutLimit ran
  uint64_t next_contact_ = 1;
  absl::flat_hash_map<uint64_t, PendingContact> contacts_;
  size_t live_callbacks_ = 0;  // callbacks among calls_
  size_t held_callbacks_ = 0;  // of those, held
  absl::flat_hash_map<uint64_t, PendingRetrial> retrials_;
  uint64_t next_serial_ = 1;
  std::vector<Command> pending_;
  bool buffer_commands_ = false;
  CallTable<SimCall> calls_;
  absl::flat_hash_map<AgentId, size_t> agent_index_;
  std::vector<SimAgent> agents_;
  std::vector<size_t> recheck_;
  SimResult result_;
  uint64_t steps_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_SIMULATOR_H_
