// The results of acd.simulate_day and acd.simulate (sim_py.h): one run
// (SimRunObj) and a plan over replications (PlanObj).
#ifndef ACD_BINDINGS_PYTHON_SIM_RESULTS_H_
#define ACD_BINDINGS_PYTHON_SIM_RESULTS_H_

#include <vector>

#include "acd/replications.h"
#include "acd/sim.h"

namespace acd::python {

struct SimRunObj {
  SimResult result;
  int day = 0;          // simulated day
  int replication = 0;  // replication k
};

struct PlanObj {
  PlanEstimates estimates;
  std::vector<SimRunObj> runs;  // [k * days + d]
  int days = 1;
  int replications = 1;
  TimeMs interval_ms = 0;
};

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_SIM_RESULTS_H_
