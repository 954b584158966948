// RunReplications over threads and EstimatePlan across their results.
#include "acd/replications.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "sim/random.h"

namespace acd {
namespace {

constexpr uint64_t kReplicationStream = 0x5eed;

// The window's intervals of one run, padded with empty ones.
std::vector<IntervalKpi> WindowIntervals(const SimOptions& options, const SimResult& run) {
  const TimeMs step_ms = options.kpi_interval_ms;
  const auto count =
      static_cast<size_t>((options.end_ms - options.start_ms + step_ms - 1) / step_ms);
  std::vector<IntervalKpi> intervals(count);
  for (size_t i = 0; i < count; ++i) {
    intervals[i].start_ms = options.start_ms + step_ms * static_cast<TimeMs>(i);
    if (i < run.intervals.intervals.size()) intervals[i] = run.intervals.intervals[i];
  }
  return intervals;
}

std::vector<KpiEstimate> EstimateAll(const std::vector<IntervalKpi>& samples, TimeMs duration_ms) {
  std::vector<KpiEstimate> estimates;
  for (const KpiDef& def : KpiDefs()) {
    std::vector<double> values;
    for (const IntervalKpi& kpi : samples) {
      if (std::optional<double> v = def.value(kpi, duration_ms)) values.push_back(*v);
    }
    estimates.push_back(EstimateMean(values));
  }
  return estimates;
}

}  // namespace

uint64_t ReplicationSeed(uint64_t base_seed, int replication, int day) {
  return sim::MixSeed(base_seed ^ kReplicationStream, static_cast<uint64_t>(replication),
                      static_cast<uint64_t>(day));
}

absl::StatusOr<std::vector<SimResult>> RunReplications(
    const CenterConfig& center, const std::vector<SimOptions>& day_options, int days,
    int replications, uint64_t base_seed, int threads,
    const std::function<void(int done, int total)>& progress) {
  if (day_options.empty() || days < 1 || replications < 1) {
    return absl::InvalidArgumentError(
        "replications: need day options, days >= 1, replications >= 1");
  }
  const int total = days * replications;
  std::vector<std::optional<absl::StatusOr<SimResult>>> results(static_cast<size_t>(total));
  std::atomic<int> next{0};
  std::mutex progress_mutex;
  int done = 0;
  auto work = [&] {
    for (int task = next++; task < total; task = next++) {
      const int k = task / days;
      const int d = task % days;
      SimOptions options = day_options[static_cast<size_t>(d) % day_options.size()];
      options.seed = ReplicationSeed(base_seed, k, d);
      results[static_cast<size_t>(task)] = RunSimulation(center, options);
      if (progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        progress(++done, total);
      }
    }
  };
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, total);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  std::vector<SimResult> runs;
  runs.reserve(results.size());
  for (auto& result : results) {
    if (!result->ok()) return result->status();
    runs.push_back(**std::move(result));
  }
  return runs;
}

PlanEstimates EstimatePlan(const std::vector<SimOptions>& day_options, int days, int replications,
                           const std::vector<SimResult>& runs) {
  PlanEstimates plan;
  const size_t forecast_days = day_options.size();
  for (size_t f = 0; f < forecast_days; ++f) {
    const SimOptions& options = day_options[f];
    std::vector<std::vector<IntervalKpi>> by_run;
    for (int k = 0; k < replications; ++k) {
      for (int d = static_cast<int>(f); d < days; d += static_cast<int>(forecast_days)) {
        by_run.push_back(WindowIntervals(options, runs[static_cast<size_t>(k * days + d)]));
      }
    }
    const size_t count = by_run.empty() ? 0 : by_run.front().size();
    for (size_t i = 0; i < count; ++i) {
      std::vector<IntervalKpi> samples;
      for (const auto& run : by_run) samples.push_back(run[i]);
      plan.intervals.push_back(PlanEstimates::Interval{
          static_cast<int>(f), options.start_ms + options.kpi_interval_ms * static_cast<TimeMs>(i),
          EstimateAll(samples, options.kpi_interval_ms)});
    }
  }
  std::vector<IntervalKpi> all_days;
  TimeMs day_ms = 0;
  for (int d = 0; d < days; ++d) {
    const SimOptions& options = day_options[static_cast<size_t>(d) % forecast_days];
    day_ms = options.end_ms - options.start_ms;
    std::vector<IntervalKpi> samples;
    for (int k = 0; k < replications; ++k) {
      IntervalKpi total;
      for (const IntervalKpi& i :
           WindowIntervals(options, runs[static_cast<size_t>(k * days + d)])) {
        total.Add(i);
      }
      samples.push_back(total);
      all_days.push_back(total);
    }
    plan.days.push_back(EstimateAll(samples, day_ms));
  }
  plan.per_day = EstimateAll(all_days, day_ms);
  return plan;
}

}  // namespace acd
