// The simulated centers of the simulator benchmark (bench/sim_bench.cc):
// an M/M/c day, the model bench/sim_model.py rebuilds in Python, and a
// 1,000-agent day. Plain values; no state.
#ifndef ACD_BENCH_SIM_MODELS_H_
#define ACD_BENCH_SIM_MODELS_H_

#include <cstdint>

#include "acd/center.h"
#include "acd/replications.h"
#include "acd/sim.h"

namespace acd::bench {

// M/M/c: Poisson arrivals at a constant rate, c agents in one queue,
// exponential handle times, callers who never hang up, no IVR, agents who
// answer at once and never let an offer ring out, no wrap-up. The defaults
// load the agents to 90% (10.8 erlangs on 12), about 2,160 calls a day.
struct MmcModel {
  int agents = 12;
  double calls_per_hour = 216;
  double handle_s = 180;
  int hours = 10;  // arrivals from 08:00, then serve out
};

CenterConfig MmcCenter(const MmcModel& model);
SimOptions MmcOptions(const MmcModel& model, uint64_t seed);

// 50 queues of 20 agents each (1,000 agents), 12 hours of arrivals at
// 20,833 calls per hour spread evenly over the queues (about 250,000 calls),
// exponential handle time of 2 minutes (about 69% occupancy), exponential
// patience of 3 minutes, and the simulator's default IVR time, answer
// delay, RONA chance and no-answer pause.
struct BigDayModel {
  int queues = 50;
  int agents_per_queue = 20;
  double calls_per_hour = 250'000.0 / 12;
  double handle_s = 120;
  double patience_s = 180;
  int hours = 12;
};

CenterConfig BigDayCenter(const BigDayModel& model);
SimOptions BigDayOptions(const BigDayModel& model, uint64_t seed);

}  // namespace acd::bench

#endif  // ACD_BENCH_SIM_MODELS_H_
