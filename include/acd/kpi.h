// Floor figures computed from the engine's command stream alone: per queue
// (offered, answered, abandoned, overflowed, callback captured, service
// level, ASA, AHT, longest wait) and per agent (calls, talk time, time in
// each state, occupancy). The simulator uses it; any other producer of
// commands (a replayed journal, a live shard) can feed it the same way.
#ifndef ACD_KPI_H_
#define ACD_KPI_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/sellers.h"
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

// The callbacks of a run: of the callers no seller took (those sent down
// the callback-capture path), the share who left a contact, and how the
// callbacks made of those contacts ended. A callback is counted here and
// not as a call (not in QueueKpi, not in calls_ended), its connection and
// talk in its agent's figures. Once every callback ended:
//   contacts = completed + failed + expired + cancelled.
struct CallbackKpi {
  uint64_t captured = 0;   // calls that ended callback_captured, queued or not
  uint64_t contacts = 0;   // callbacks filed (KpiCollector::FileCallback)
  uint64_t dials = 0;      // DialCallback commands, retries included
  uint64_t connected = 0;  // callbacks whose customer answered a dial
  uint64_t completed = 0;
  uint64_t failed = 0;
  uint64_t expired = 0;
  uint64_t cancelled = 0;
  TimeMs to_connect_ms = 0;  // sum over connected: capture to connection
  // Connected by a seller (KpiOptions::sellers), and the sum of their
  // calls' arrival-to-connection times.
  uint64_t at_seller = 0;
  TimeMs reach_ms = 0;
  TimeMs talk_ms = 0;        // sum over completed
  // Every connected callback's capture-to-connection time, for percentiles.
  std::vector<TimeMs> to_connect_samples_ms;

  uint64_t Ended() const { return completed + failed + expired + cancelled; }
  double ContactShare() const;    // contacts / captured; 0 when none captured
  double CompletedShare() const;  // completed / ended; 0 when none ended
  double ToConnectMeanMs() const;  // 0 when none connected
  double ToConnectP90Ms() const;   // nearest rank; 0 when none connected
  double ReachMeanMs() const;      // 0 when no seller connected one
};

// The nearest-rank quantile (q in (0, 1]) of samples; 0 when empty.
double NearestRankMs(std::vector<TimeMs> samples_ms, double q);

// The call or callback a command is about; 0 for an agent's command.
CallId CommandSubject(const Command& command);

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
  CallbackKpi callbacks;
  uint64_t calls_ended = 0;         // calls, not callbacks
  uint64_t calls_never_queued = 0;  // ended before reaching any queue
};

struct KpiOptions {
  TimeMs sl_threshold_ms = 20'000;  // "answered within T" for service level
  TimeMs start_ms = 0;              // when agent time accounting starts
  // Who the sellers are, for CallbackKpi::at_seller; nullopt: none.
  std::optional<SellerDefinition> sellers;
};

// Builds a KpiReport from commands, in the order the engine emitted them.
// Thread-safety: none; feed it from one thread. Memory: one small record
// per live call, live callback and agent (ended ones are forgotten), and
// one time per connected callback (CallbackKpi's samples).
class KpiCollector : public CommandSink {
 public:
  KpiCollector(const CenterConfig& center, KpiOptions options);

  void Emit(const Command& command) override;
  // A contact filed for a call captured at captured_ms that had arrived at
  // call_arrived_ms (the PBX's CallbackRequest): the commands about
  // `callback` count as callback figures from now on. Call it before the
  // engine applies the request (its CallQueued follows at once).
  void FileCallback(CallId callback, TimeMs captured_ms, TimeMs call_arrived_ms);
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
  struct CallbackRecord {
    TimeMs captured_ms = 0;
    TimeMs call_arrived_ms = 0;
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
  // Handles a command about a filed callback.
  void OnCallback(const Command& command, CallbackRecord record);

  KpiReport report_;
  absl::flat_hash_map<CallId, CallRecord> calls_;
  absl::flat_hash_map<CallId, CallbackRecord> callbacks_;  // live ones
  absl::flat_hash_map<AgentId, size_t> agent_index_;
  std::vector<AgentRecord> agents_;
  std::vector<bool> seller_agent_;  // roster order; empty without sellers
};

}  // namespace acd

#endif  // ACD_KPI_H_
