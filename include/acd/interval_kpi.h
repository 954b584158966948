// Floor figures per 15- or 30-minute interval, the way a planner reads a
// day: calls counted in the interval they arrived in (so an interval's
// service level is that of its own callers, even when they were served in
// the next one), agents' time counted by the clock.
//
// The call and agent figures come from the engine's command stream alone
// (IntervalKpiCollector); the callers' side the engine never sees
// (attempts, retrials, calls blocked at the trunks) is added by the
// simulator through Bucket().
#ifndef ACD_INTERVAL_KPI_H_
#define ACD_INTERVAL_KPI_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/sellers.h"
#include "acd/types.h"

namespace acd {

// One interval. Once every call ended:
//   attempts = blocked_trunk + blocked_engine + arrived
//   arrived = offered + never queued (turned away, blocked_line, hung up
//             in the IVR)
//   offered = answered + abandoned + callback_captured + other_ended.
struct IntervalKpi {
  TimeMs start_ms = 0;
  // Callers' side, by attempt time (the simulator fills these).
  uint64_t attempts = 0;  // first attempts and retrials
  uint64_t retrials = 0;
  uint64_t blocked_trunk = 0;  // all trunk lines busy: never reached the engine
  uint64_t blocked_line = 0;   // the waiting line was full
  uint64_t blocked_engine = 0;  // the engine held bounds.max_live_calls
  // Calls, by arrival time at the engine (from commands).
  uint64_t arrived = 0;
  uint64_t offered = 0;  // reached a queue
  uint64_t answered = 0;
  uint64_t answered_in_sl = 0;
  uint64_t abandoned = 0;  // in queue or while ringing
  uint64_t callback_captured = 0;
  uint64_t other_ended = 0;  // overflowed out, voicemail, disconnected
  // Calls answered by a seller (SimOptions::sellers: an agent of the
  // sellers' queue, for a call that first reached that queue, or an agent
  // with the sellers' skill), and the sum of their arrival-to-answer
  // times, IVR included.
  uint64_t reached_wanted = 0;
  TimeMs to_wanted_ms = 0;
  TimeMs answered_wait_ms = 0;  // from first reaching a queue
  TimeMs handle_ms = 0;         // talk + wrap-up of answered calls
  TimeMs wait_max_ms = 0;       // longest wait of any queued call
  // Callbacks, by the arrival time of the call that was captured (not
  // counted as calls above). Once every callback ended:
  //   contacts = callbacks_completed + _failed + _expired + _cancelled.
  uint64_t captures = 0;  // calls ended callback_captured, queued or not
  uint64_t contacts = 0;  // of those, callbacks filed
  uint64_t callbacks_completed = 0;
  uint64_t callbacks_failed = 0;
  uint64_t callbacks_expired = 0;
  uint64_t callbacks_cancelled = 0;
  uint64_t callbacks_connected = 0;
  TimeMs callback_to_connect_ms = 0;  // sum: capture to connection
  // Connections by a seller (SimOptions::sellers) and the sum of their
  // calls' arrival-to-connection times: "time to reach a seller by
  // callback" (none without sellers).
  uint64_t callbacks_at_seller = 0;
  TimeMs callback_reach_ms = 0;
  std::vector<TimeMs> callback_to_connect_samples_ms;  // one per connection
  // Agents' time inside the interval, summed over agents (by the clock).
  TimeMs logged_in_ms = 0;
  TimeMs not_ready_ms = 0;
  TimeMs busy_ms = 0;  // ringing, talking, wrap-up
  // The interval's calls and agents split three ways, each by the arrival
  // time of the call (agents' time by the clock). One record, Counts, for
  // every slice; a field a slice cannot attribute stays 0.
  //  - queues (by QueueId), as KpiReport::queues counts a day: a call is
  //    offered to each queue it entered and answered or abandoned in the
  //    one it left last, overflowed from every other; its wait runs from
  //    first reaching any queue. Per queue: offered = answered + abandoned
  //    + overflowed.
  //  - types (by index in the traffic's call types, SimOptions::traffic):
  //    each attempt of a caller of the type once (NoteCallType). Summed
  //    over the types: blocked = Blocked() (the full line included:
  //    NoteBlockedAtLine), ended_before_queue = arrived - offered -
  //    blocked_line, so blocked + ended_before_queue + offered = attempts;
  //    offered, answered, answered_in_sl and abandoned are the
  //    interval's, and overflowed = callback_captured + other_ended.
  //  - groups (by AgentGroups' index): the calls the group's agents
  //    answered (answered, answered_in_sl, answered_wait_ms; summed over
  //    the groups, the interval's answered calls) and the agents' time
  //    (busy_ms, available_ms). A group is offered nothing: calls wait in
  //    queues, not at a group.
  // Each vector is as long as the highest index reached.
  struct Counts {
    uint64_t blocked = 0;             // trunks, the full line, the engine's bound
    uint64_t ended_before_queue = 0;  // entry rules, the IVR: never a queue
    uint64_t offered = 0;             // reached a queue
    uint64_t answered = 0;
    uint64_t answered_in_sl = 0;
    uint64_t abandoned = 0;   // in queue or while ringing
    uint64_t overflowed = 0;  // left by any other path: another queue, the
                              // callback path, voicemail, disconnected
    TimeMs answered_wait_ms = 0;
    TimeMs busy_ms = 0;       // ringing, talking, wrap-up
    TimeMs available_ms = 0;  // logged in and not "not ready"
    void Add(const Counts& other);
  };
  std::vector<Counts> queues;
  std::vector<Counts> types;
  std::vector<Counts> groups;
  // The slice of that index, the vector grown to hold it.
  Counts& Queue(QueueId queue) { return Slice(&queues, queue); }
  Counts& Type(uint32_t type) { return Slice(&types, type); }
  Counts& Group(uint32_t group) { return Slice(&groups, group); }

  // answered_in_sl / offered; 1 when nothing was offered.
  double ServiceLevel() const;
  double AbandonRate() const;    // abandoned / offered; 0 when none
  double AsaS() const;           // 0 when none answered
  double AhtS() const;           // 0 when none answered
  double TimeToWantedS() const;  // 0 when none reached
  // busy / (logged in - not ready); 0 when nobody was available.
  double Occupancy() const;
  uint64_t Blocked() const { return blocked_trunk + blocked_line + blocked_engine; }
  // Adds every count and sum of `other`; maxima take the larger.
  void Add(const IntervalKpi& other);

 private:
  static Counts& Slice(std::vector<Counts>* slices, size_t index);
};

// Agent groups: the center file has no teams, so agents who serve the
// same set of queues form a group, named by those queues in the center's
// order joined with "+" ("reception+director"; "(no queue)" for agents
// who serve none). Groups are numbered in the order of their first agent
// in the roster.
struct AgentGroups {
  std::vector<std::string> names;
  std::vector<uint32_t> of_agent;  // roster index -> group
};
AgentGroups GroupAgents(const CenterConfig& center);

struct IntervalReport {
  TimeMs start_ms = 0;
  TimeMs interval_ms = 0;  // 0: no per-interval figures
  TimeMs sl_threshold_ms = 20'000;
  std::vector<IntervalKpi> intervals;  // consecutive, from start_ms
  std::vector<std::string> group_names;  // IntervalKpi::groups' (AgentGroups)
  // Every interval added up (the day's figures).
  IntervalKpi Total() const;
};

// Builds an IntervalReport from commands, in the order the engine emitted
// them. Thread-safety: none; one feeding thread. Memory: one small record
// per live call and per agent; the intervals grow to cover the last
// command's time.
class IntervalKpiCollector : public CommandSink {
 public:
  // sellers: who they are, nullopt when the center has none.
  IntervalKpiCollector(const CenterConfig& center, TimeMs start_ms, TimeMs interval_ms,
                       TimeMs sl_threshold_ms, std::optional<SellerDefinition> sellers);

  void Emit(const Command& command) override;
  // A contact filed for a call captured at captured_ms that had arrived at
  // call_arrived_ms; call before the engine applies the CallbackRequest.
  void FileCallback(CallId callback, TimeMs captured_ms, TimeMs call_arrived_ms);
  // The call `call` is a caller of traffic type `type`: its figures also
  // count in IntervalKpi::types. Call it before the engine applies the
  // call's CallArrive.
  void NoteCallType(CallId call, uint32_t type);
  // The call found the waiting line full (SimOptions::waiting_line_max):
  // its type counts it blocked, not ended before a queue.
  void NoteBlockedAtLine(CallId call);
  // Closes the agents' time at end_ms.
  void Finish(TimeMs end_ms);
  // The interval holding time_ms (grown as needed); nullptr before start.
  IntervalKpi* Bucket(TimeMs time_ms);

  const IntervalReport& report() const { return report_; }
  IntervalReport TakeReport() { return std::move(report_); }

 private:
  struct CallRecord {
    bool queued = false;
    bool typed = false;  // NoteCallType named its type
    bool blocked_at_line = false;
    uint32_t type = 0;
    QueueId first_queue = 0;
    QueueId last_queue = 0;
    TimeMs first_queued_ms = 0;
    absl::InlinedVector<QueueId, 2> entered;  // each queue once, in order
  };
  struct AgentRecord {
    AgentState state = AgentState::kLoggedOut;
    TimeMs since_ms = 0;
    TimeMs last_arrival_ms = -1;  // arrival of the agent's last call
  };

  struct CallbackRecord {
    TimeMs captured_ms = 0;
    TimeMs call_arrived_ms = 0;
  };
  void OnCallback(const Command& command, const CallbackRecord& record);
  void OnQueued(CallId call, QueueId queue, TimeMs time_ms);
  void OnConnected(const CallConnected& c, TimeMs time_ms);
  void OnEnded(const CallEnded& c, TimeMs time_ms);
  // Counts an ended call that reached a queue in `bucket`.
  void CountQueued(const CallEnded& c, const CallRecord& record, TimeMs wait_ms,
                   IntervalKpi* bucket);
  void OnAgentState(AgentId agent, AgentState state, TimeMs time_ms);
  // Spreads [from_ms, to_ms) of an agent (roster index) in `state` over
  // the intervals.
  void AddAgentTime(size_t agent, AgentState state, TimeMs from_ms, TimeMs to_ms);

  IntervalReport report_;
  std::optional<SellerDefinition> sellers_;
  absl::flat_hash_map<CallId, CallRecord> calls_;
  absl::flat_hash_map<CallId, CallbackRecord> callbacks_;  // live ones
  absl::flat_hash_map<AgentId, size_t> agent_index_;
  std::vector<AgentRecord> agents_;
  std::vector<bool> seller_agent_;                  // roster order
  std::vector<uint32_t> agent_group_;               // roster order
};

}  // namespace acd

#endif  // ACD_INTERVAL_KPI_H_
