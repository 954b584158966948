// Memory of the engine, measured as heap deltas (glibc mallinfo2: bytes in
// use, including container slack): per configured agent, per logged-in
// ready agent (the ready indexes), and per waiting call. Each runs once;
// its time is the set-up time and means nothing.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "acd/engine.h"
#include "bench/bench_center.h"
#include "bench/bench_rng.h"

namespace acd::bench {
namespace {

double HeapInUse() {
  const struct mallinfo2 mi = mallinfo2();
  return static_cast<double>(mi.uordblks + mi.hblkhd);
}

BenchCenter Center(uint32_t agents) {
  BenchCenterOptions o;
  o.agents = agents;
  return BuildBenchCenter(o);
}

void BM_MemoryPerAgent(benchmark::State& state) {
  const uint32_t n = static_cast<uint32_t>(state.range(0));
  const BenchCenter center = Center(n);
  double config = 0, engine_total = 0, ready = 0;
  for (auto _ : state) {
    const double before = HeapInUse();
    { const CenterConfig copy = center.config; config = HeapInUse() - before; }
    NullSink sink;
    const double start = HeapInUse();
    std::unique_ptr<Engine> engine = *Engine::Create(center.config, &sink);
    engine_total = HeapInUse() - start;
    const double built = HeapInUse();
    for (const AgentConfig& a : center.config.agents) {
      (void)engine->Apply(Event{0, 0, AgentLogin{a.id, true}});
    }
    ready = HeapInUse() - built;
  }
  state.counters["config_bytes_per_agent"] = config / n;
  state.counters["engine_bytes_per_agent"] = (engine_total - config) / n;
  state.counters["ready_index_bytes_per_agent"] = ready / n;
  state.counters["total_bytes_per_ready_agent"] = (engine_total + ready) / n;
}

// Calls enqueued on a center whose agents are all logged out, so they wait.
void BM_MemoryPerWaitingCall(benchmark::State& state) {
  const uint32_t calls = static_cast<uint32_t>(state.range(0));
  const BenchCenter center = Center(10'000);
  BenchRng rng(7);
  double per_call = 0;
  for (auto _ : state) {
    NullSink sink;
    std::unique_ptr<Engine> engine = *Engine::Create(center.config, &sink);
    const double before = HeapInUse();
    const std::vector<double>& cum = center.queue_weight_cumulative;
    for (CallId id = 1; id <= calls; ++id) {
      const TimeMs t = static_cast<TimeMs>(id);
      (void)engine->Apply(Event{0, t, CallArrive{id, {}}});
      CallEnqueue e;
      e.call = id;
      const double x = rng.Unit() * cum.back();
      e.queue = static_cast<QueueId>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
      if (e.queue >= cum.size()) e.queue = static_cast<QueueId>(cum.size() - 1);
      e.priority = rng.Chance(0.1) ? 1 : 0;
      const std::vector<SkillLevel>& extras = center.extra_options[e.queue];
      if (!extras.empty() && rng.Chance(0.15)) {
        e.required_skills.push_back(extras[rng.Below(static_cast<uint32_t>(extras.size()))]);
      }
      (void)engine->Apply(Event{0, t, std::move(e)});
    }
    per_call = (HeapInUse() - before) / calls;
    state.counters["waiting"] = static_cast<double>(engine->counts().waiting);
  }
  state.counters["bytes_per_waiting_call"] = per_call;
}

BENCHMARK(BM_MemoryPerAgent)->Arg(10'000)->Arg(100'000)->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MemoryPerWaitingCall)->Arg(100'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::bench
