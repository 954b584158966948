// One replication of the staffing check: a single-queue center of n agents
// simulated through the engine, measured after a warm-up. Implementation
// header of acd_staffing.
#ifndef ACD_LIB_STAFFING_QUEUE_SIM_H_
#define ACD_LIB_STAFFING_QUEUE_SIM_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/sim.h"
#include "acd/staffing.h"

namespace acd::staffing_internal {

// What one replication measured over the calls that arrived in its window.
struct ReplicationTally {
  uint64_t arrived = 0;
  uint64_t answered = 0;
  uint64_t answered_in_sl = 0;
  uint64_t abandoned = 0;
  double answered_wait_ms = 0;  // sum over answered calls
  double busy_agent_ms = 0;     // agents talking, integrated over the window
  double agent_ms = 0;          // agents times the window
};

// One queue "interval", `agents` agents (ids 1..agents) who all serve it,
// no wrap-up, no limits that would turn callers away.
CenterConfig SingleQueueCenter(int64_t agents);

// Poisson arrivals at the question's rate over [0, warmup_ms + window),
// exponential handle times, exponential patience (Erlang A) or none,
// no IVR, agents answering at once; seed as given.
SimOptions SingleQueueOptions(const StaffingQuestion& question, const VerifyOptions& options,
                              TimeMs warmup_ms, uint64_t seed);

// Runs one replication and counts the calls that arrived in the window
// after the warm-up (WarmupMs).
absl::StatusOr<ReplicationTally> RunReplication(const CenterConfig& center,
                                                const StaffingQuestion& question,
                                                const VerifyOptions& options, uint64_t seed);

}  // namespace acd::staffing_internal

#endif  // ACD_LIB_STAFFING_QUEUE_SIM_H_
