#include "sim/arrivals.h"

#include <algorithm>
#include <cmath>

namespace acd::sim {

ArrivalProcess::ArrivalProcess(const TrafficProfile& profile, TimeMs from_ms, TimeMs to_ms,
                               uint64_t seed, double rate_factor)
    : profile_(profile),
      now_ms_(static_cast<double>(from_ms)),
      to_ms_(to_ms),
      rate_factor_(rate_factor),
      rng_(seed) {
  double sum = 0;
  for (const CallType& type : profile.types) {
    sum += std::max(0.0, type.share);
    cumulative_share_.push_back(sum);
  }
}

TimeMs ArrivalProcess::Next() {
  const TimeMs interval_ms = profile_.interval_ms;
  const TimeMs profile_end_ms =
      profile_.start_ms + interval_ms * static_cast<TimeMs>(profile_.calls_per_hour.size());
  const TimeMs end_ms = std::min(to_ms_, profile_end_ms);
  // Fractional time within the current interval; the process is memoryless,
  // so restarting it at each interval boundary is exact.
  double t = std::max(now_ms_, static_cast<double>(profile_.start_ms));
  while (t < static_cast<double>(end_ms)) {
    const auto index = static_cast<size_t>((static_cast<TimeMs>(t) - profile_.start_ms) / interval_ms);
    const double interval_end =
        static_cast<double>(profile_.start_ms + interval_ms * static_cast<TimeMs>(index + 1));
    const double rate_per_ms =
        rate_factor_ * profile_.calls_per_hour[index] / static_cast<double>(kMsPerHour);
    if (rate_per_ms > 0) {
      const double next = t + rng_.Exponential(1.0 / rate_per_ms);
      if (next < interval_end) {
        const auto next_ms = static_cast<TimeMs>(std::ceil(next));
        if (next_ms >= end_ms) break;
        now_ms_ = next;
        return next_ms;
      }
    }
    t = interval_end;
  }
  now_ms_ = static_cast<double>(to_ms_);
  return kNeverMs;
}

size_t ArrivalProcess::PickType() {
  if (cumulative_share_.empty() || cumulative_share_.back() <= 0) return 0;
  const double u = rng_.Uniform01() * cumulative_share_.back();
  const auto it = std::upper_bound(cumulative_share_.begin(), cumulative_share_.end(), u);
  const auto index = static_cast<size_t>(it - cumulative_share_.begin());
  return std::min(index, cumulative_share_.size() - 1);
}

size_t ArrivalProcess::PickType(TimeMs arrival_ms) {
  if (profile_.mix.empty() || arrival_ms < profile_.start_ms) return PickType();
  const auto index = static_cast<size_t>((arrival_ms - profile_.start_ms) / profile_.interval_ms);
  if (index >= profile_.mix.size()) return PickType();
  const std::vector<double>& shares = profile_.mix[index];
  double sum = 0;
  for (double share : shares) sum += std::max(0.0, share);
  if (sum <= 0) return PickType();
  double u = rng_.Uniform01() * sum;
  for (size_t t = 0; t < shares.size(); ++t) {
    u -= std::max(0.0, shares[t]);
    if (u < 0) return t;
  }
  return shares.size() - 1;
}

}  // namespace acd::sim
