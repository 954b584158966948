// BaselineEngine: the routing state machine the two benchmark baselines
// share. It has the engine's semantics for the subset of events and
// configuration the benchmark's stream uses (login, logout, ready, not
// ready, arrive, enqueue with priority, minimum level and extra skills,
// answer, decline, hang-up, end of talk; ring timeouts with RONA and
// auto-pause, wrap-up; longest idle, least calls, least talk time, highest
// proficiency, round robin and fixed order), including the same checks,
// timers, event de-duplication and commands. What it leaves to a subclass
// is how to find the best agent for a call and the best call for an agent:
// NaiveEngine scans, SqliteEngine asks SQLite.
//
// Thread-safety: none; one thread drives it.
// Invariants: as the engine's (one offer per call, capacity, no offers to
// unavailable agents, work conservation after every event).
#ifndef ACD_BENCH_BASELINE_ENGINE_H_
#define ACD_BENCH_BASELINE_ENGINE_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/event.h"
#include "bench/recent_window.h"
#include "bench/target.h"

namespace acd::bench {

inline constexpr uint32_t kNone = UINT32_MAX;

class BaselineEngine : public TargetEngine {
 public:
  ~BaselineEngine() override = default;
  BaselineEngine(const BaselineEngine&) = delete;
  BaselineEngine& operator=(const BaselineEngine&) = delete;

  absl::Status Apply(const Event& event) override;
  absl::Status AdvanceTo(TimeMs time_ms) override;
  TimeMs now_ms() const { return now_ms_; }

  // Whether the center stays inside the subset the baselines implement
  // (no secondary-queue delays, no max wait, no random or ring-all queues).
  static absl::Status CheckSupported(const CenterConfig& center);

 protected:
  using SkillList = absl::InlinedVector<SkillLevel, 2>;
  enum class Presence : uint8_t { kLoggedOut, kReady, kNotReady };
  enum class TimerKind : uint8_t { kRingTimeout, kWrapUpEnd };

  struct Timer {
    TimeMs due_ms = 0;
    uint64_t seq = 0;  // 0: no timer
    TimerKind kind = TimerKind::kRingTimeout;
    uint32_t target = 0;
    bool operator<(const Timer& o) const {
      return due_ms != o.due_ms ? due_ms < o.due_ms : seq < o.seq;
    }
  };
  struct AgentMember {
    QueueId queue = 0;
    int level = kMaxLevel;
    uint32_t position = 0;
  };
  struct Agent {
    AgentId id = 0;
    uint32_t capacity = 1;
    Presence presence = Presence::kLoggedOut;
    NotReadyReason reason = NotReadyReason::kNone;
    bool in_wrapup = false;
    Timer wrapup_timer;
    uint32_t offers = 0;
    uint32_t talking = 0;
    absl::InlinedVector<uint32_t, 2> calls;
    TimeMs idle_since_ms = 0;
    uint32_t calls_today = 0;
    TimeMs talk_ms_today = 0;
    uint32_t misses_in_row = 0;
    AgentState reported = AgentState::kLoggedOut;
    NotReadyReason reported_reason = NotReadyReason::kNone;
    SkillList skills;  // sorted by skill
    std::vector<AgentMember> memberships;
    uint32_t load() const { return offers + talking; }
  };
  struct Call {
    CallId id = 0;
    CallState state = CallState::kArrived;
    bool queued = false;
    bool waiting = false;  // in its queue's waiting set
    QueueId queue = 0;
    int priority = 0;
    int min_level = kMinLevel;
    SkillList extra;
    uint64_t seq = 0;  // queue entry order
    TimeMs arrived_ms = 0;
    TimeMs enqueued_ms = 0;
    TimeMs answered_ms = 0;
    Timer ring_timer;
    absl::InlinedVector<uint32_t, 1> ringing;
    uint32_t agent = kNone;
    uint32_t aux = kNone;  // for the subclass (e.g. a position in a list)
  };
  struct QueueState {
    const QueueConfig* config = nullptr;
    std::vector<uint32_t> members;  // agent slots, roster order
    int64_t rr_last = -1;
    uint32_t waiting = 0;
  };

  BaselineEngine(const CenterConfig& center, CommandSink* sink);

  // ---- what a subclass provides ----
  // The best available agent for a waiting call, or kNone.
  virtual uint32_t SelectAgent(uint32_t call_slot) = 0;
  // The best waiting call for an available agent, or kNone.
  virtual uint32_t SelectCall(uint32_t agent_slot) = 0;
  // Hooks: an agent was re-filed (availability or ordering fields may have
  // changed); a call entered or left its queue's waiting set.
  virtual void OnAgentRefreshed(uint32_t agent_slot) {}
  virtual void OnWaitingInserted(uint32_t call_slot) {}
  virtual void OnWaitingRemoved(uint32_t call_slot) {}

  // ---- helpers for the subclasses ----
  bool Available(const Agent& a) const {
    return a.presence == Presence::kReady && !a.in_wrapup && a.load() < a.capacity;
  }
  // The agent's level for the membership's queue; 0 = may not take its calls.
  int TierFor(const Agent& a, const AgentMember& m) const;
  bool MatchesExtra(const Agent& a, const SkillList& extra) const;
  // Whether agent x beats agent y for queue q (both eligible), by the
  // queue's strategy; tiers are the agents' levels for q.
  bool AgentBetter(const QueueState& q, uint32_t x, int x_tier, uint32_t y, int y_tier) const;
  // Whether waiting call x beats waiting call y for an agent: queue priority,
  // call priority, weighted wait, entry order.
  bool CallBetter(uint32_t x, uint32_t y) const;
  const AgentMember* MembershipOf(const Agent& a, QueueId queue) const;

  CenterConfig center_;
  std::vector<Agent> agents_;
  std::vector<QueueState> queues_;
  std::vector<Call> calls_;

 private:
  absl::Status Advance(TimeMs time_ms);  // AdvanceTo without the virtual hop
  absl::Status Check(const EventBody& body) const;
  absl::Status CheckAgent(AgentId id, const Agent** agent) const;
  absl::Status CheckLiveCall(CallId id, const Call** call) const;
  absl::Status CheckOfferedTo(CallId call, AgentId agent) const;
  absl::Status CheckEnqueue(const CallEnqueue& e) const;
  void Do(const EventBody& body);
  void DoAgentEvent(const EventBody& body);
  void DoCallEvent(const EventBody& body);

  void SetPresence(uint32_t slot, Presence p, NotReadyReason reason);
  void RefreshAgent(uint32_t slot);
  void ReportAgent(uint32_t slot);
  void CancelAgentOffers(uint32_t slot, CancelReason reason);
  uint32_t NewCallSlot();
  void EnqueueCall(uint32_t slot, const CallEnqueue& e);
  void InsertWaiting(uint32_t slot);
  void RemoveWaiting(uint32_t slot);
  void Drain();
  void TryDispatchCall(uint32_t slot);
  void TryDispatchAgent(uint32_t agent_slot);
  void NoteRoundRobin(uint32_t call_slot, uint32_t agent_slot);
  void MakeOffer(uint32_t call_slot, uint32_t agent_slot);
  void ReleaseOffer(uint32_t call_slot, uint32_t agent_slot, CancelReason reason);
  void ReturnToQueue(uint32_t call_slot);
  void ConnectCall(uint32_t call_slot, uint32_t agent_slot);
  void ReleaseAgentFromCall(uint32_t call_slot);
  void EndCall(uint32_t slot, Disposition disposition, CancelReason reason);
  void SetCallState(uint32_t slot, CallState state);
  void OnRingTimeout(uint32_t call_slot);
  void OnWrapUpEnd(uint32_t agent_slot);

  Timer AddTimer(TimeMs due_ms, TimerKind kind, uint32_t target);
  void CancelTimer(Timer& timer);
  void Emit(CommandBody body) { sink_->Emit(Command{now_ms_, std::move(body)}); }
  uint32_t AgentSlot(AgentId id) const { return agent_slots_.at(id); }
  uint32_t CallSlot(CallId id) const { return live_calls_.at(id); }

  CommandSink* sink_;
  TimeMs now_ms_ = 0;
  bool started_ = false;
  absl::flat_hash_map<AgentId, uint32_t> agent_slots_;
  absl::flat_hash_map<CallId, uint32_t> live_calls_;
  std::vector<uint32_t> free_call_slots_;
  RecentWindow<Disposition> ended_calls_;
  RecentWindow<bool> seen_events_;
  absl::btree_set<Timer> timers_;
  uint64_t next_timer_seq_ = 1;
  uint64_t timers_fired_ = 0;
  uint64_t enqueue_seq_ = 0;
  std::vector<uint32_t> pending_calls_;
  std::vector<uint32_t> pending_agents_;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_BASELINE_ENGINE_H_
