// Floor figures computed from the engine's command stream alone: per queue
// (offered, answered, abandoned, overflowed, callback captured, service
// level, ASA, AHT, longest wait) and per agent (calls, talk time, time in
// each state, occupancy). The simulator uses it; any other producer of
// commands (a replayed journal, a live shard) can feed it the same way.
#ifndef ACD_KPI_H_
#define ACD_KPI_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/types.h"

namespace acd {

// Figures for one queue. A call that moves between queues (overflow to a
// queue, transfer) is offered to each queue it visits and leaves every one
// but the last as overflowed, so for each queue, once every call ended:
//   offered = answered + abandoned + overflowed + callback_captured
//             + voicemail + other_ended.
// Waits are measured from the moment the call first reached any queue (the
// caller's time in line; IVR time excluded), so a call answered after an
// overflow carries its whole wait to the queue that answered it.
struct QueueKpi {
  uint64_t offered = 0;
  uint64_t answered = 0;
  uint64_t answered_in_sl = 0;  // answered within the service-level threshold
  uint64_t abandoned = 0;       // in queue or while ringing
  uint64_t overflowed = 0;      // left for another queue or an outside path
  uint64_t callback_captured = 0;
  uint64_t voicemail = 0;
  uint64_t other_ended = 0;     // any other disposition after queueing
  uint64_t ring_no_answer = 0;  // offers that timed out (RONA)
  TimeMs answered_wait_ms = 0;  // sum over answered calls, for ASA
  TimeMs talk_ms = 0;           // sum over answered calls
  TimeMs wrapup_ms = 0;         // agents' after-call work for these calls
  TimeMs wait_max_ms = 0;       // longest wait of any call in the queue

  // answered_in_sl / offered; 1 when nothing was offered.
  double ServiceLevel() const;
  double AbandonRate() const;  // abandoned / offered; 0 when none offered
  double AsaMs() const;        // average speed of answer
  double AhtMs() const;        // average handle time: talk + wrap-up
  // Calls that left the queue, by any path.
  uint64_t Resolved() const;
};

// Figures for one agent. Times are spent in each AgentState, indexed by
// the state's value; the agent counts as logged out before its first
// state change and after the collector finished.
struct AgentKpi {
  AgentId id = 0;
  uint64_t calls = 0;  // answered
  uint64_t missed = 0;  // offers not answered in time
  TimeMs talk_ms = 0;
  TimeMs state_ms[6] = {};

  TimeMs LoggedInMs() const;  // every state but logged out
  TimeMs BusyMs() const;      // reserved + talking + wrap-up
  // BusyMs over the time the agent was available or busy (logged in and
  // not "not ready"); 0 when that time is 0.
  double Occupancy() const;
};

// Whole-center figures over a run.
struct KpiReport {
  TimeMs sl_threshold_ms = 20'000;
  TimeMs start_ms = 0;
  TimeMs end_ms = 0;           // when the collector finished
  std::vector<QueueKpi> queues;  // indexed by QueueId
  std::vector<AgentKpi> agents;  // roster order
  // Per call, not per visit: offered counts each call that reached a queue
  // once; overflowed counts calls that left the center by a limit;
  // answered_in_sl, waits and talk follow the call's final outcome.
  QueueKpi total;
  uint64_t calls_ended = 0;
  uint64_t calls_never_queued = 0;  // ended before reaching any queue
};

struct KpiOptions {
  TimeMs sl_threshold_ms = 20'000;  // "answered within T" for service level
  TimeMs start_ms = 0;              // when agent time accounting starts
};

// Builds a KpiReport from commands, in the order the engine emitted them.
// Thread-safety: none; feed it from one thread. Memory: one small record
// per live call and per agent; ended calls are forgotten.
class KpiCollector : public CommandSink {
 public:
  KpiCollector(const CenterConfig& center, KpiOptions options);

  void Emit(const Command& command) override;
  // Closes every agent's current state at end_ms and stamps the report.
  void Finish(TimeMs end_ms);

  const KpiReport& report() const { return report_; }
  // Calls seen and not ended yet.
  size_t live_calls() const { return calls_.size(); }

 private:
  struct CallRecord {
    bool queued = false;
    QueueId queue = 0;
    TimeMs first_queued_ms = 0;
  };
  struct AgentRecord {
    AgentState state = AgentState::kLoggedOut;
    TimeMs since_ms = 0;
    QueueId last_queue = 0;  // queue of the agent's last connected call
    bool has_last_queue = false;
  };

  CallRecord& Touch(CallId call);
  // Records that the call is now in `queue` at time_ms; counts the visit.
  void EnterQueue(CallRecord& call, QueueId queue, TimeMs time_ms);
  void OnConnected(const CallConnected& c, TimeMs time_ms);
  void OnEnded(const CallEnded& c, TimeMs time_ms);
  void OnRouted(const RouteCall& c, TimeMs time_ms);
  void OnAgentState(const AgentStateChanged& c, TimeMs time_ms);
  void CountEnd(QueueKpi& q, Disposition d);

  KpiReport report_;
  absl::flat_hash_map<CallId, CallRecord> calls_;
  absl::flat_hash_map<AgentId, size_t> agent_index_;
  std::vector<AgentRecord> agents_;
};

}  // namespace acd

#endif  // ACD_KPI_H_
