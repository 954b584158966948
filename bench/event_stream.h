// A closed-loop, seeded generator of a realistic call-center event stream.
//
// What it is: the PBX and the agents' phones around an engine. It sends
// call arrivals and enqueues (priorities, some minimum levels, some extra
// required skills), answers most offers, declines a few, lets some ring out
// (RONA, through the engine's ring timers as time moves on), hangs callers
// up in the IVR, in queue and while ringing, ends talks, and sends agents on
// breaks, to lunch (logout/login) and back. It reacts to the engine's
// commands (it is the engine's CommandSink): an Offer is answered or
// declined later, a CallConnected schedules the end of the talk, an
// AgentStateChanged to not-ready(no answer) schedules the agent's return.
// Nothing is pre-generated from engine output; everything is drawn on the
// fly from one seeded generator, so a seed and an engine's decisions name
// one stream. The arrival rate is set so that agents are ~92% busy.
//
// Thread-safety: none; the stream and its target run on one thread.
// Invariant: every event it sends is valid for the engine state it has
// mirrored from the commands (errors() stays 0 with a correct engine).
#ifndef ACD_BENCH_EVENT_STREAM_H_
#define ACD_BENCH_EVENT_STREAM_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "acd/command.h"
#include "acd/event.h"
#include "bench/agenda.h"
#include "bench/bench_center.h"
#include "bench/bench_rng.h"
#include "bench/target.h"

namespace acd::bench {

struct StreamOptions {
  uint64_t seed = 1;
  double load = 0.92;  // offered load on the agents expected to be available
  double talk_ms_mean = 150'000;
  double patience_ms_mean = 120'000;  // caller's patience once queued
  double ivr_abandon_share = 0.01;    // hang up before being queued
  double answer_share = 0.93;         // of offers; the rest decline or ring out
  double decline_share = 0.03;        // of offers
  double min_level_share = 0.20;      // calls with a minimum agent level
  double extra_skill_share = 0.15;    // calls requiring an extra skill
  double break_share = 0.03;          // after a talk, the agent takes a break
  double lunch_share = 0.003;         // after a talk, the agent logs out a while
  double break_ms_mean = 300'000;
  double lunch_ms_mean = 1'800'000;
  // Record every event sent (for replay benchmarks); may be null.
  std::vector<Event>* record = nullptr;
  // Print the first few rejected events to stderr.
  int log_errors = 5;
};

// What the stream did, from its own point of view.
struct StreamStats {
  uint64_t events = 0;  // events applied (one per Step)
  uint64_t errors = 0;  // events the engine rejected
  uint64_t arrivals = 0;
  uint64_t offers = 0;
  uint64_t answers = 0;
  uint64_t declines = 0;
  uint64_t ring_outs = 0;  // offers left to ring (RONA expected)
  uint64_t hangups = 0;    // callers who hung up before talking
  uint64_t talks_ended = 0;
  uint64_t agent_events = 0;  // ready, not ready, login, logout
  uint32_t waiting_now = 0;   // calls queued or ringing, mirrored
  uint32_t busy_agents_now = 0;       // reserved, talking or in wrap-up
  uint32_t logged_in_agents_now = 0;
  uint32_t not_ready_agents_now = 0;  // on a break, at lunch, auto-paused
};

class EventStream : public CommandSink {
 public:
  EventStream(const BenchCenter& center, const StreamOptions& options);

  // The engine receives the stream; it must have been created with this
  // object as its CommandSink. Call before Start.
  void Attach(TargetEngine* target) { target_ = target; }

  // Logs every agent in and sends a first burst of calls that fills the
  // agents (talk times are memoryless, so the center starts near its steady
  // state), then runs warmup_events more events. Errors count in stats.
  void Start(uint64_t warmup_events);

  // Sends the next event of the stream to the target.
  void Step();

  void Emit(const Command& command) override;

  const StreamStats& stats() const { return stats_; }
  TimeMs now_ms() const { return now_ms_; }
  double arrivals_per_s() const { return arrival_per_ms_ * 1000.0; }

 private:
  enum class Kind : uint8_t {
    kArrive, kEnqueue, kHangup, kAnswer, kDecline, kEndTalk,
    kAgentNotReady, kAgentReady, kAgentLogout, kAgentLogin,
  };
  enum class CallPhase : uint8_t { kArrived, kWaiting, kOffered, kTalking };
  // A live call as the stream sees it. Call ids carry their slot in the
  // low kSlotBits bits (and a per-slot generation above), so finding a
  // call from an id in a command is an array access, not a hash lookup.
  struct CallSim {
    CallId id = 0;  // 0: slot free
    uint32_t generation = 0;
    uint32_t agent = 0;  // offered or connected agent (roster index)
    uint32_t offer_serial = 0;
    CallPhase phase = CallPhase::kArrived;
  };
  static constexpr int kSlotBits = 24;

  CallSim* FindCall(CallId id) {
    const uint64_t slot = id & ((uint64_t{1} << kSlotBits) - 1);
    if (slot >= calls_.size() || calls_[slot].id != id) return nullptr;
    return &calls_[slot];
  }
  CallId NewCall();
  void ForgetCall(CallSim* call);
  void Schedule(TimeMs time_ms, Kind kind, CallId call, uint32_t agent, uint32_t tag) {
    agenda_.Push(AgendaItem{time_ms, call, 0, agent, tag, static_cast<uint8_t>(kind)});
  }
  // Turns an agenda item into an event; false when the item went stale.
  bool Build(const AgendaItem& item, Event* event);
  bool BuildCall(const AgendaItem& item, Event* event);
  bool BuildAgent(const AgendaItem& item, Event* event);
  void BuildArrive(Event* event);
  void BuildEnqueue(CallId call, Event* event);
  void Send(const Event& event);
  void OnOffer(const Offer& offer, TimeMs time_ms);
  void OnAgentState(const AgentStateChanged& change, TimeMs time_ms);
  void AfterTalk(uint32_t agent, TimeMs time_ms);
  double EstimateArrivalPerMs() const;

  const BenchCenter& center_;
  StreamOptions options_;
  BenchRng rng_;
  TargetEngine* target_ = nullptr;
  TimeMs now_ms_ = 0;
  EventId next_event_id_ = 1;
  double arrival_per_ms_ = 0;
  Agenda agenda_;
  std::vector<CallSim> calls_;        // slots; see CallSim
  std::vector<uint32_t> free_slots_;
  std::vector<AgentState> agent_state_;  // mirrored from the commands
  std::vector<uint8_t> on_break_;        // sent not ready by the stream
  StreamStats stats_;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_EVENT_STREAM_H_
