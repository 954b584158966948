// What a live reload costs: the pause while Engine::Reconfigure moves a busy
// engine's state into the engine for the new center (the runtime holds the
// shard's events meanwhile). The state: every agent logged in, a call
// ringing or waiting for each of them and a tenth more waiting. The center
// is the same file again (Reconfigure's work does not depend on what
// changed, only on the state it carries), so every iteration reloads the
// same state.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "acd/engine.h"
#include "bench/bench_center.h"
#include "bench/bench_rng.h"

namespace acd::bench {
namespace {

void BM_Reload(benchmark::State& state) {
  const uint32_t agents = static_cast<uint32_t>(state.range(0));
  BenchCenterOptions options;
  options.agents = agents;
  const BenchCenter center = BuildBenchCenter(options);
  NullSink sink;
  std::unique_ptr<Engine> engine = *Engine::Create(center.config, &sink);
  for (const AgentConfig& a : center.config.agents) {
    (void)engine->Apply(Event{0, 0, AgentLogin{a.id, true}});
  }
  BenchRng rng(11);
  const std::vector<double>& cum = center.queue_weight_cumulative;
  const CallId calls = agents + agents / 10;
  for (CallId id = 1; id <= calls; ++id) {
    const TimeMs t = static_cast<TimeMs>(id);
    (void)engine->Apply(Event{0, t, CallArrive{id, {}}});
    const double x = rng.Unit() * cum.back();
    const auto queue = std::min<size_t>(
        static_cast<size_t>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin()),
        cum.size() - 1);
    (void)engine->Apply(Event{0, t, CallEnqueue{id, static_cast<QueueId>(queue), 0, 1, {}}});
  }
  const CallCounts counts = engine->counts();
  for (auto _ : state) {
    if (!engine->Reconfigure(center.config).ok()) state.SkipWithError("reload refused");
  }
  state.counters["calls_live"] = static_cast<double>(counts.offered + counts.waiting);
  state.counters["s_per_agent_and_call"] = benchmark::Counter(
      static_cast<double>(agents + counts.offered + counts.waiting),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_Reload)->Arg(100)->Arg(1'000)->Arg(10'000)->Arg(100'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::bench
