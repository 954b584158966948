// The core benchmark: one realistic event stream over 100 to 100,000 agents
// (200 queues, 50 skills) replayed into the engine and into the baselines.
// Each reports events/s as items_per_second.
//
//   BM_Core/<agents>            the engine (lib/core)
//   BM_NaiveScan/<agents>       baseline (a): scans every agent of the center per
//                               decision (and every waiting call per free agent)
//   BM_NaiveQueueWalk/<agents>  baseline (a'): walks the members of the call's queue
//                               (and the waiting calls of the agent's queues)
//   BM_SqliteSelect/<agents>    baseline (b): SQL queries on in-memory SQLite
//   BM_CoreClosedLoop/<agents>  the engine driven by the stream generator live
//
// The stream is recorded once per agent count from a closed-loop run of the
// engine (bench/event_stream.h reacts to its commands). The engine is
// deterministic and every baseline decides exactly as it does
// (bench_crosscheck), so replaying the recording into any of them makes the
// same decisions the live run made, and the timing holds the engine alone,
// not the generator. Each benchmark replays the warm-up part untimed, then
// times the events after it; if the library asks for more events than were
// recorded, a fresh engine starts the measured part again (untimed rebuild).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/rig.h"

namespace acd::bench {
namespace {

constexpr uint32_t kQueues = 200;
constexpr uint32_t kSkills = 50;
// Events recorded after the warm-up, the measured part of every replay.
constexpr uint64_t kRecordedEvents = 500'000;

BenchCenterOptions CenterOptions(int64_t agents) {
  BenchCenterOptions o;
  o.agents = static_cast<uint32_t>(agents);
  o.queues = kQueues;
  o.skills = kSkills;
  o.seed = 1;
  return o;
}

uint64_t WarmupEvents(int64_t agents) { return static_cast<uint64_t>(agents) + 20'000; }

[[noreturn]] void Die(const absl::Status& status) {
  std::fprintf(stderr, "bench: %s\n", status.ToString().c_str());
  std::abort();
}

// ---- the recorded stream ----

struct Recording {
  int64_t agents = -1;
  CenterConfig center;
  std::vector<Event> events;
  size_t warm = 0;      // events[0, warm) bring the center to its steady state
  StreamStats stats;    // the live run's view at the end of the recording
  TimeMs end_ms = 0;
};

// A replaying engine; kept while the library re-runs its benchmark with more
// iterations, so the (possibly slow) warm-up replay happens once.
struct Replayer {
  EngineKind kind;
  int64_t agents = -1;
  NullSink sink;  // declared before the target, which holds a pointer to it
  std::unique_ptr<TargetEngine> target;
  size_t next = 0;
  uint64_t errors = 0;
  uint64_t restarts = 0;
};

// One recording at a time bounds memory (about 130 MB at 100,000 agents);
// the benchmarks are registered grouped by agent count.
std::unique_ptr<Recording> recording;
std::unique_ptr<Replayer> replayer;

const Recording& CachedRecording(int64_t agents) {
  if (recording != nullptr && recording->agents == agents) return *recording;
  replayer.reset();  // points into the old recording
  recording = std::make_unique<Recording>();
  StreamOptions options;
  options.record = &recording->events;
  absl::StatusOr<std::unique_ptr<Rig>> rig =
      MakeRig(EngineKind::kCore, CenterOptions(agents), options);
  if (!rig.ok()) Die(rig.status());
  (*rig)->stream->Start(WarmupEvents(agents));
  recording->warm = recording->events.size();
  for (uint64_t i = 0; i < kRecordedEvents; ++i) (*rig)->stream->Step();
  if ((*rig)->stream->stats().errors != 0) Die(absl::InternalError("the live run had errors"));
  recording->center = (*rig)->center.config;
  recording->stats = (*rig)->stream->stats();
  recording->end_ms = (*rig)->stream->now_ms();
  recording->agents = agents;
  return *recording;
}

// A fresh target with the warm-up part applied.
void StartReplay(Replayer& r, const Recording& rec) {
  r.target.reset();
  absl::StatusOr<std::unique_ptr<TargetEngine>> target = MakeTarget(r.kind, rec.center, &r.sink);
  if (!target.ok()) Die(target.status());
  r.target = *std::move(target);
  for (size_t i = 0; i < rec.warm; ++i) r.errors += !r.target->Apply(rec.events[i]).ok();
  r.next = rec.warm;
}

Replayer& CachedReplayer(EngineKind kind, int64_t agents) {
  const Recording& rec = CachedRecording(agents);
  if (replayer != nullptr && replayer->kind == kind && replayer->agents == agents) {
    return *replayer;
  }
  replayer.reset();
  replayer = std::make_unique<Replayer>();
  replayer->kind = kind;
  replayer->agents = agents;
  StartReplay(*replayer, rec);
  return *replayer;
}

// Shares of the recorded run, so a reader sees what the stream was like.
void ReportRecording(benchmark::State& state, const Recording& rec) {
  const StreamStats& s = rec.stats;
  const uint32_t working = s.logged_in_agents_now - s.not_ready_agents_now;
  state.counters["busy_share"] =
      working == 0 ? 0.0 : static_cast<double>(s.busy_agents_now) / working;
  state.counters["waiting"] = s.waiting_now;
  state.counters["answer_share"] =
      s.arrivals == 0 ? 0.0 : static_cast<double>(s.answers) / static_cast<double>(s.arrivals);
}

void RunReplay(benchmark::State& state, EngineKind kind) {
  const int64_t agents = state.range(0);
  Replayer& r = CachedReplayer(kind, agents);
  const Recording& rec = *recording;
  const uint64_t errors_before = r.errors;
  const uint64_t restarts_before = r.restarts;
  const Engine* core =
      kind == EngineKind::kCore ? &static_cast<CoreTarget*>(r.target.get())->engine() : nullptr;
  const WorkCounters work_before = core != nullptr ? core->work() : WorkCounters{};
  for (auto _ : state) {
    if (r.next == rec.events.size()) {
      state.PauseTiming();
      StartReplay(r, rec);
      ++r.restarts;
      core = kind == EngineKind::kCore ? &static_cast<CoreTarget*>(r.target.get())->engine()
                                       : nullptr;
      state.ResumeTiming();
    }
    r.errors += !r.target->Apply(rec.events[r.next++]).ok();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["errors"] = static_cast<double>(r.errors - errors_before);
  state.counters["restarts"] = static_cast<double>(r.restarts - restarts_before);
  ReportRecording(state, rec);
  if (core != nullptr && r.restarts == restarts_before) {
    const WorkCounters& w = core->work();
    const double decisions = static_cast<double>(w.decisions - work_before.decisions);
    state.counters["probes_per_decision"] =
        decisions == 0 ? 0.0
                       : static_cast<double>(w.index_probes - work_before.index_probes) /
                             decisions;
  }
  if (r.errors != errors_before) state.SkipWithError("the replay was rejected");
}

void BM_Core(benchmark::State& state) { RunReplay(state, EngineKind::kCore); }
void BM_NaiveScan(benchmark::State& state) { RunReplay(state, EngineKind::kNaiveScan); }
void BM_NaiveQueueWalk(benchmark::State& state) {
  RunReplay(state, EngineKind::kNaiveQueueWalk);
}
void BM_SqliteSelect(benchmark::State& state) { RunReplay(state, EngineKind::kSqlite); }

// ---- the engine inside the live generator ----

// Kept while the library re-runs the benchmark; the stream simply continues.
std::unique_ptr<Rig> live_rig;
int64_t live_agents = -1;

void BM_CoreClosedLoop(benchmark::State& state) {
  const int64_t agents = state.range(0);
  if (live_rig == nullptr || live_agents != agents) {
    live_rig.reset();
    absl::StatusOr<std::unique_ptr<Rig>> made =
        MakeRig(EngineKind::kCore, CenterOptions(agents), {});
    if (!made.ok()) Die(made.status());
    live_rig = *std::move(made);
    live_agents = agents;
    live_rig->stream->Start(WarmupEvents(agents));
  }
  const uint64_t errors_before = live_rig->stream->stats().errors;
  for (auto _ : state) live_rig->stream->Step();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["errors"] = static_cast<double>(live_rig->stream->stats().errors - errors_before);
  if (live_rig->stream->stats().errors != errors_before) {
    state.SkipWithError("the engine rejected events of the stream");
  }
}

// Grouped by agent count so that each recording is made once.
int RegisterAll() {
  for (int64_t n : {100, 1'000, 10'000, 100'000}) {
    benchmark::RegisterBenchmark("BM_Core", BM_Core)->Arg(n);
    benchmark::RegisterBenchmark("BM_NaiveScan", BM_NaiveScan)->Arg(n);
    benchmark::RegisterBenchmark("BM_NaiveQueueWalk", BM_NaiveQueueWalk)->Arg(n);
    benchmark::RegisterBenchmark("BM_SqliteSelect", BM_SqliteSelect)->Arg(n);
    benchmark::RegisterBenchmark("BM_CoreClosedLoop", BM_CoreClosedLoop)->Arg(n);
  }
  return 0;
}
[[maybe_unused]] const int registered = RegisterAll();

}  // namespace
}  // namespace acd::bench
