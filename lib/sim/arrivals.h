// Arrival process: a non-homogeneous Poisson process with a rate that is
// constant within each interval of a TrafficProfile, and the choice of a
// call type by share. Thread-safety: none; one owner.
#ifndef ACD_LIB_SIM_ARRIVALS_H_
#define ACD_LIB_SIM_ARRIVALS_H_

#include <vector>

#include "acd/sim.h"
#include "sim/random.h"

namespace acd::sim {

class ArrivalProcess {
 public:
  // Arrivals happen in [from_ms, to_ms) only, at the profile's rates times
  // rate_factor (>= 0). The profile must outlive this object.
  ArrivalProcess(const TrafficProfile& profile, TimeMs from_ms, TimeMs to_ms, uint64_t seed,
                 double rate_factor = 1.0);

  // The next arrival strictly after the previous one (or at/after from_ms
  // for the first), or kNeverMs when there is none before to_ms.
  TimeMs Next();
  // The type of the arrival just returned by Next (an index into
  // profile.types), drawn by share.
  size_t PickType();
  // The same, with the shares of the profile's mix for the interval
  // holding arrival_ms when it has one.
  size_t PickType(TimeMs arrival_ms);

 private:
  const TrafficProfile& profile_;
  double now_ms_;  // exact time of the last arrival
  TimeMs to_ms_;
  double rate_factor_;
  Rng rng_;
  std::vector<double> cumulative_share_;
};

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_ARRIVALS_H_
