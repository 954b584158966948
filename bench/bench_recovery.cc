// The shard journal's recovery and the engine's snapshots (bench/RESULTS.md,
// "Shard journal: recovery and snapshots").
//
//   BM_RecoveryReplay     ShardJournal::Open (read-only) of a journal of
//                         1,048,576 recorded events of a 1,000-agent bench
//                         center: read, CRC-check, decode and replay
//                         every event through the engine (items = events)
//   BM_JournalDecode/0    the same journal read and CRC-checked, no decoding
//   BM_JournalDecode/1    ... and every event decoded, no engine
//   BM_EngineReplay       the same events applied from memory: the engine's
//                         own share of the replay
//   BM_Snapshot/<agents>  Engine::Snapshot() with as many live calls as
//                         agents (most talking, the rest waiting)
//   BM_Restore/<agents>   Engine::Restore() of that snapshot
//
// The journal is written once into a temp dir under /tmp (removed at exit);
// the page cache is warm, as after a process crash.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "acd/shard_journal.h"
#include "bench/rig.h"

namespace acd::bench {
namespace {

constexpr uint64_t kJournalEvents = uint64_t{1} << 20;

[[noreturn]] void Die(const absl::Status& status) {
  std::fprintf(stderr, "bench_recovery: %s\n", status.ToString().c_str());
  std::abort();
}

struct RecordedJournal {
  std::string dir;
  CenterConfig center;
  std::vector<Event> events;
  uint64_t bytes = 0;
};

// 1 Mi events of the closed-loop stream on 1,000 agents, journaled.
const RecordedJournal& Journal() {
  static RecordedJournal* journal = [] {
    auto* out = new RecordedJournal;
    BenchCenterOptions center_options;
    center_options.agents = 1000;
    StreamOptions stream_options;
    stream_options.record = &out->events;
    absl::StatusOr<std::unique_ptr<Rig>> rig =
        MakeRig(EngineKind::kCore, center_options, stream_options);
    if (!rig.ok()) Die(rig.status());
    (*rig)->stream->Start(0);
    while (out->events.size() < kJournalEvents) (*rig)->stream->Step();
    out->center = (*rig)->center.config;
    std::string pattern = "/tmp/acd-bench-recovery-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) Die(absl::InternalError("mkdtemp"));
    // The journal lives as long as the process (this object is never
    // destroyed): its directory goes at exit.
    static std::string root;
    root = pattern;
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(root, ignored);
    });
    out->dir = pattern + "/shard";
    ShardJournalOptions options;
    options.snapshot_every_records = 0;
    options.snapshot_every_ms = 0;
    NullSink sink;
    auto opened = ShardJournal::Create(Env::Default(), out->dir, out->center, 1, &sink, options);
    if (!opened.ok()) Die(opened.status());
    for (size_t i = 0; i < out->events.size(); ++i) {
      if (absl::Status s = opened->journal->AppendEvent(out->events[i]); !s.ok()) Die(s);
      if (i % 4096 == 4095) {
        if (absl::Status s = opened->journal->Sync(); !s.ok()) Die(s);
      }
    }
    if (absl::Status s = opened->journal->Sync(); !s.ok()) Die(s);
    for (const auto& entry : std::filesystem::directory_iterator(out->dir)) {
      out->bytes += entry.file_size();
    }
    static std::unique_ptr<RecordedJournal> owner(out);  // removed at exit
    return out;
  }();
  return *journal;
}

void BM_RecoveryReplay(benchmark::State& state) {
  const RecordedJournal& journal = Journal();
  ShardJournalOptions options;
  options.journal.read_only = true;
  uint64_t events = 0, rejected = 0;
  for (auto _ : state) {
    NullSink sink;  // replayed commands were delivered before the crash
    auto opened = ShardJournal::Open(Env::Default(), journal.dir, &sink, options);
    if (!opened.ok()) Die(opened.status());
    events += opened->summary.events;
    rejected = opened->summary.events_rejected;
    benchmark::DoNotOptimize(opened->summary.state_hash);
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.counters["journal_MB"] = static_cast<double>(journal.bytes) / 1e6;
  state.counters["events"] = static_cast<double>(journal.events.size());
  state.counters["rejected"] = static_cast<double>(rejected);
}
BENCHMARK(BM_RecoveryReplay)->Unit(benchmark::kMillisecond)->UseRealTime();

// The journal's share: read, CRC-check and (with arg 1) decode every event,
// no engine.
void BM_JournalDecode(benchmark::State& state) {
  const RecordedJournal& journal = Journal();
  JournalOptions options;
  options.read_only = true;
  const bool decode = state.range(0) == 1;
  uint64_t events = 0;
  for (auto _ : state) {
    absl::StatusOr<RecoverySummary> summary = RecoverJournal(
        Env::Default(), journal.dir, options, nullptr, [&](const JournalRecord& record) {
          if (!decode) return absl::Status(absl::OkStatus());
          absl::StatusOr<ShardRecord> input = DecodeShardRecord(record.type, record.payload);
          if (!input.ok()) return input.status();
          events += std::holds_alternative<Event>(*input);
          return absl::Status(absl::OkStatus());
        });
    if (!summary.ok()) Die(summary.status());
    if (!decode) events += summary->records - 1;  // the open record is not an event
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
}
BENCHMARK(BM_JournalDecode)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EngineReplay(benchmark::State& state) {
  const RecordedJournal& journal = Journal();
  uint64_t events = 0;
  for (auto _ : state) {
    NullSink sink;
    std::unique_ptr<Engine> engine = *Engine::Create(journal.center, &sink, EngineOptions{1});
    for (const Event& event : journal.events) engine->Apply(event).IgnoreError();
    events += journal.events.size();
    benchmark::DoNotOptimize(engine->now_ms());
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
}
BENCHMARK(BM_EngineReplay)->Unit(benchmark::kMillisecond)->UseRealTime();

// Answers every offer in the commands it sees (through the engine it is
// given after creation).
class Answerer : public CommandSink {
 public:
  void Emit(const Command& command) override {
    if (const auto* offer = std::get_if<Offer>(&command.body)) offers_.push_back(*offer);
  }
  std::vector<Offer> Take() { return std::exchange(offers_, {}); }

 private:
  std::vector<Offer> offers_;
};

struct Populated {
  int64_t agents = -1;
  CenterConfig center;
  std::string snapshot;
  uint64_t live_calls = 0, talking = 0;
};

// `agents` agents logged in and ready, then as many calls (each queued in
// a queue of agent i), every offer answered at once.
const Populated& PopulatedEngine(int64_t agents) {
  static std::unique_ptr<Populated> cached;
  if (cached != nullptr && cached->agents == agents) return *cached;
  cached = std::make_unique<Populated>();
  BenchCenterOptions options;
  options.agents = static_cast<uint32_t>(agents);
  cached->center = BuildBenchCenter(options).config;
  const CenterConfig& center = cached->center;
  Answerer sink;
  std::unique_ptr<Engine> engine = *Engine::Create(center, &sink);
  EventId id = 1;
  TimeMs t = 1'000;
  for (const AgentConfig& agent : center.agents) {
    engine->Apply(Event{id++, t, AgentLogin{agent.id, true}}).IgnoreError();
  }
  for (int64_t i = 0; i < agents; ++i) {
    const CallId call = static_cast<CallId>(i + 1);
    const QueueId queue = center.agents[static_cast<size_t>(i)].queues.front().queue;
    engine->Apply(Event{id++, t, CallArrive{call, {}}}).IgnoreError();
    CallEnqueue enqueue;
    enqueue.call = call;
    enqueue.queue = queue;
    engine->Apply(Event{id++, t, enqueue}).IgnoreError();
    for (const Offer& offer : sink.Take()) {
      engine->Apply(Event{id++, t, CallAnswer{offer.call, offer.agent}}).IgnoreError();
    }
    if (i % 64 == 63) t += 1;
  }
  const CallCounts counts = engine->counts();
  cached->live_calls = counts.arrived + counts.callbacks - counts.ended;
  cached->talking = counts.talking;
  cached->snapshot = engine->Snapshot();
  cached->agents = agents;
  return *cached;
}

void SnapshotCounters(benchmark::State& state, const Populated& p) {
  state.counters["snapshot_MB"] = static_cast<double>(p.snapshot.size()) / 1e6;
  state.counters["live_calls"] = static_cast<double>(p.live_calls);
  state.counters["talking"] = static_cast<double>(p.talking);
}

void BM_Snapshot(benchmark::State& state) {
  const Populated& p = PopulatedEngine(state.range(0));
  NullSink sink;
  std::unique_ptr<Engine> engine = *Engine::Restore(p.center, p.snapshot, &sink);
  for (auto _ : state) {
    std::string bytes = engine->Snapshot();
    benchmark::DoNotOptimize(bytes.data());
  }
  SnapshotCounters(state, p);
}
BENCHMARK(BM_Snapshot)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Restore(benchmark::State& state) {
  const Populated& p = PopulatedEngine(state.range(0));
  for (auto _ : state) {
    NullSink sink;
    absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(p.center, p.snapshot, &sink);
    if (!engine.ok()) Die(engine.status());
    benchmark::DoNotOptimize(engine->get());
  }
  SnapshotCounters(state, p);
}
BENCHMARK(BM_Restore)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace acd::bench
