// The simulator benchmark: whole simulated days through the full engine.
//
//   BM_SimMMc               an M/M/c day (one queue, 12 agents, Poisson
//                           arrivals, exponential handle time, no patience,
//                           no IVR, answer at once, no RONA): simulated
//                           calls/s and engine events/s of CPU time. The
//                           same model is in bench/sim_model.py.
//   BM_SimDay1000           a 1,000-agent center (50 queues x 20 agents,
//                           about 250,000 calls in 12 hours, the
//                           simulator's default caller and agent behaviour):
//                           seconds per simulated day on one core.
//   BM_SimDay1000Replicated the same day as independent replications spread
//                           over threads (RunReplications): wall seconds per
//                           simulated day.
//   BM_SimPlannedDay        a planner's day: the default center with
//                           examples/planning/forecast.csv and schedule.csv
//                           (PlanDays), seeds 1-20 in turn; the C++ side of
//                           bench/python_binding.py (the same day through the
//                           Python module).
//
// Every run checks the engine's counters (RunSimulation fails otherwise); a
// failure aborts the benchmark with the message.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "acd/config.h"
#include "acd/forecast.h"
#include "acd/planning.h"
#include "acd/schedule.h"
#include "bench/sim_models.h"

namespace acd::bench {
namespace {

[[noreturn]] void Die(const absl::Status& status) {
  std::fprintf(stderr, "bench_sim: %s\n", status.ToString().c_str());
  std::abort();
}

void BM_SimMMc(benchmark::State& state) {
  const MmcModel model;
  const CenterConfig center = MmcCenter(model);
  SimOptions options = MmcOptions(model, 1);
  uint64_t calls = 0;
  uint64_t events = 0;
  uint64_t commands = 0;
  double wait_ms = 0;
  for (auto _ : state) {
    absl::StatusOr<SimResult> result = RunSimulation(center, options);
    if (!result.ok()) Die(result.status());
    calls += result->calls_arrived;
    events += result->events_applied;
    commands += result->commands;
    wait_ms += result->kpis.total.AsaMs() * static_cast<double>(result->kpis.total.answered);
    ++options.seed;  // a new day each iteration
  }
  // The model, for bench/sim_compare.py to run the Python model on, and
  // its average wait to compare with the Python model's.
  state.counters["agents"] = model.agents;
  state.counters["calls_per_hour"] = model.calls_per_hour;
  state.counters["handle_s"] = model.handle_s;
  state.counters["hours"] = model.hours;
  state.counters["asa_s"] = wait_ms / std::max<double>(1, static_cast<double>(calls)) / 1000;
  const auto rate = benchmark::Counter::kIsRate;
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), rate);
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), rate);
  state.counters["commands_per_s"] = benchmark::Counter(static_cast<double>(commands), rate);
  state.counters["calls_per_day"] =
      static_cast<double>(calls) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SimMMc)->Unit(benchmark::kMillisecond);

void BM_SimDay1000(benchmark::State& state) {
  const BigDayModel model;
  const CenterConfig center = BigDayCenter(model);
  SimOptions options = BigDayOptions(model, 1);
  uint64_t calls = 0;
  uint64_t events = 0;
  for (auto _ : state) {
    absl::StatusOr<SimResult> result = RunSimulation(center, options);
    if (!result.ok()) Die(result.status());
    calls += result->calls_arrived;
    events += result->events_applied;
    ++options.seed;
  }
  const auto rate = benchmark::Counter::kIsRate;
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), rate);
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), rate);
  state.counters["calls_per_day"] =
      static_cast<double>(calls) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SimDay1000)->Unit(benchmark::kMillisecond);

// state.range(0) threads, each simulating state.range(1) days per
// iteration; the counter "s_per_day" is wall time over days simulated.
void BM_SimDay1000Replicated(benchmark::State& state) {
  const BigDayModel model;
  const CenterConfig center = BigDayCenter(model);
  const std::vector<SimOptions> day = {BigDayOptions(model, 1)};
  const int threads = static_cast<int>(state.range(0));
  const int replications = threads * static_cast<int>(state.range(1));
  uint64_t base_seed = 1;
  uint64_t days = 0;
  uint64_t calls = 0;
  for (auto _ : state) {
    absl::StatusOr<std::vector<SimResult>> runs =
        RunReplications(center, day, 1, replications, base_seed++, threads);
    if (!runs.ok()) Die(runs.status());
    for (const SimResult& r : *runs) calls += r.calls_arrived;
    days += runs->size();
  }
  const auto rate = benchmark::Counter::kIsRate;
  state.counters["days_per_s"] = benchmark::Counter(static_cast<double>(days), rate);
  state.counters["s_per_day"] =
      benchmark::Counter(static_cast<double>(days), rate | benchmark::Counter::kInvert);
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), rate);
}
BENCHMARK(BM_SimDay1000Replicated)
    ->ArgNames({"threads", "days_each"})
    ->Args({1, 2})
    ->Args({2, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_SimPlannedDay(benchmark::State& state) {
  const std::string dir = std::string(ACD_SOURCE_DIR) + "/examples/planning/";
  absl::StatusOr<CenterConfig> center = DefaultCenter();
  if (!center.ok()) Die(center.status());
  absl::StatusOr<Forecast> forecast = ReadForecastCsv(dir + "forecast.csv");
  if (!forecast.ok()) Die(forecast.status());
  absl::StatusOr<std::vector<AgentShift>> shifts = ReadScheduleCsv(dir + "schedule.csv", *center);
  if (!shifts.ok()) Die(shifts.status());
  absl::StatusOr<std::vector<SimOptions>> days =
      PlanDays(*center, *forecast, "forecast.csv", *shifts, PlanningModel{});
  if (!days.ok()) Die(days.status());
  SimOptions options = days->front();
  uint64_t calls = 0;
  uint64_t events = 0;
  uint64_t iteration = 0;
  for (auto _ : state) {
    options.seed = 1 + iteration++ % 20;  // bench/python_binding.py runs the same seeds
    absl::StatusOr<SimResult> result = RunSimulation(*center, options);
    if (!result.ok()) Die(result.status());
    calls += result->calls_arrived;
    events += result->events_applied;
  }
  const auto rate = benchmark::Counter::kIsRate;
  state.counters["calls_per_day"] =
      static_cast<double>(calls) / static_cast<double>(state.iterations());
  state.counters["events_per_day"] =
      static_cast<double>(events) / static_cast<double>(state.iterations());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), rate);
}
BENCHMARK(BM_SimPlannedDay)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::bench
