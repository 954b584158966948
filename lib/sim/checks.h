// Checks on the simulator's options shared by ValidateSimOptions: one
// distribution, and the planning models (busyness, retrials, limits, mix,
// handle factors). Each error names the field and the reason.
#ifndef ACD_LIB_SIM_CHECKS_H_
#define ACD_LIB_SIM_CHECKS_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "acd/center.h"
#include "acd/sim.h"

namespace acd::sim {

// ValidateSimOptions calls in this process, so that tests can tell a plan
// is checked once, not once per run. Thread-safe (atomic).
extern std::atomic<uint64_t> validations;

absl::Status CheckDistribution(const Distribution& d, const std::string& field);

// The fields SimOptions gained for planning, and the traffic's mix and
// handle factors.
absl::Status CheckPlanningOptions(const CenterConfig& center, const SimOptions& options);

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_CHECKS_H_
