// The runtime's dispatch: how fast producers reach a shard, and how long a
// decision takes to reach a subscriber (bench/RESULTS.md "Dispatch").
//
//   BM_Queue<Q>/<producers>/<bound>   (a) one consumer, 1/2/4 producers,
//                             bound 4096 or 32768 items, uint64 items,
//                             200,000 items per iteration:
//       MutexDeque      std::mutex + std::deque + condition_variable, the
//                       consumer drains up to 256 per lock (the baseline)
//       BoostLockfree   boost::lockfree::queue, nodes preallocated for the
//                       bound, bounded_push (never allocates)
//       Moodycamel      moodycamel::ConcurrentQueue + atomic bound, consumer
//                       polls (try_dequeue_bulk, yields when empty)
//       MoodycamelBlocking  moodycamel::BlockingConcurrentQueue + atomic bound,
//                       consumer sleeps in wait_dequeue_bulk_timed (the
//                       runtime's inbox)
//     A producer that finds the queue full yields and retries.
//   BM_ShardThroughput/<producers>/<batch_work_us>  (b) events/s through
//     Shard::Submit, the engine and the acks, no input log, 64 agents going
//     not ready / ready; batch_work_us 0 = one bulk take per batch, 1000 =
//     the default (keep draining up to 256 inputs or ~1 ms).
//   BM_ShardGroupCommit/<batch_work_us>/<max_batch>  (b') the same with an
//     input log whose Sync sleeps 200 us, 4 producers: events/s and events
//     per Sync.
//   BM_ShardJournaled/<pipeline_sync>  (b'') 4 producers through the real
//     journal (JournalInputLog): durable, acknowledged events/s, with the
//     commit pipelined (1) or not (0, the default).
//   BM_SubmitToCommand  (c) one producer, closed loop: time from Submit to
//     the event's command taken from a subscriber's outbox; p50/p99 in us.
#include <benchmark/benchmark.h>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "acd/journal_input_log.h"
#include "acd/runtime.h"
#include "boost/lockfree/queue.hpp"
#include "concurrentqueue/blockingconcurrentqueue.h"
#include "concurrentqueue/concurrentqueue.h"

namespace acd::bench {
namespace {

constexpr size_t kBulk = 256;
constexpr uint64_t kItems = 200'000;

class MutexDeque {
 public:
  explicit MutexDeque(size_t bound) : bound_(bound) {}
  bool TryPush(uint64_t v) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (items_.size() >= bound_) return false;
      items_.push_back(v);
    }
    cv_.notify_one();
    return true;
  }
  size_t Pop(uint64_t* out) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(1), [&] { return !items_.empty(); });
    const size_t n = std::min(kBulk, items_.size());
    std::copy_n(items_.begin(), n, out);
    items_.erase(items_.begin(), items_.begin() + n);
    return n;
  }

 private:
  const size_t bound_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<uint64_t> items_;
};

class BoostLockfree {
 public:
  explicit BoostLockfree(size_t bound) : queue_(bound) {}
  bool TryPush(uint64_t v) { return queue_.bounded_push(v); }
  size_t Pop(uint64_t* out) {
    size_t n = 0;
    while (n < kBulk && queue_.pop(out[n])) ++n;
    if (n == 0) std::this_thread::yield();
    return n;
  }

 private:
  boost::lockfree::queue<uint64_t> queue_;
};

// Bounded by a reservation counter, as the runtime's inbox is.
template <typename Q, bool kBlocking>
class Moodycamel {
 public:
  explicit Moodycamel(size_t bound) : bound_(static_cast<int64_t>(bound)) {}
  bool TryPush(uint64_t v) {
    if (size_.fetch_add(1) >= bound_) {
      size_.fetch_sub(1);
      return false;
    }
    queue_.enqueue(v);
    return true;
  }
  size_t Pop(uint64_t* out) {
    size_t n;
    if constexpr (kBlocking) {
      n = queue_.wait_dequeue_bulk_timed(token_, out, kBulk, 1000);
    } else {
      n = queue_.try_dequeue_bulk(token_, out, kBulk);
      if (n == 0) std::this_thread::yield();
    }
    size_.fetch_sub(static_cast<int64_t>(n));
    return n;
  }

 private:
  const int64_t bound_;
  std::atomic<int64_t> size_{0};
  Q queue_;
  moodycamel::ConsumerToken token_{queue_};
};
using MoodycamelPoll = Moodycamel<moodycamel::ConcurrentQueue<uint64_t>, false>;
using MoodycamelBlocking = Moodycamel<moodycamel::BlockingConcurrentQueue<uint64_t>, true>;

// moodycamel::ConcurrentQueue with a hand-written wake (an event count): the
// consumer first polls with sched_yield up to kYields times (a burst keeps
// it awake without a system call per item), then says it sleeps,
// re-checks, and sleeps on a semaphore; producers signal only while it
// sleeps, instead of on every item. kYields = 0: sleep at once.
template <int kYields>
class MoodycamelEventcount {
 public:
  explicit MoodycamelEventcount(size_t bound) : bound_(static_cast<int64_t>(bound)) {}
  bool TryPush(uint64_t v) {
    if (size_.fetch_add(1) >= bound_) {
      size_.fetch_sub(1);
      return false;
    }
    queue_.enqueue(v);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (sleeping_.load(std::memory_order_relaxed)) wake_.signal();
    return true;
  }
  size_t Pop(uint64_t* out) {
    size_t n = queue_.try_dequeue_bulk(token_, out, kBulk);
    for (int i = 0; n == 0 && i < kYields; ++i) {
      std::this_thread::yield();
      n = queue_.try_dequeue_bulk(token_, out, kBulk);
    }
    if (n == 0) {
      sleeping_.store(true, std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_seq_cst);
      n = queue_.try_dequeue_bulk(token_, out, kBulk);
      if (n == 0) wake_.wait(1000);
      sleeping_.store(false, std::memory_order_relaxed);
      wake_.tryWaitMany(1 << 20);  // forget the signals of racing producers
      if (n == 0) n = queue_.try_dequeue_bulk(token_, out, kBulk);
    }
    size_.fetch_sub(static_cast<int64_t>(n));
    return n;
  }

 private:
  const int64_t bound_;
  std::atomic<int64_t> size_{0};
  std::atomic<bool> sleeping_{false};
  moodycamel::LightweightSemaphore wake_{0, 100};
  moodycamel::ConcurrentQueue<uint64_t> queue_;
  moodycamel::ConsumerToken token_{queue_};
};

template <typename Q>
void BM_Queue(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  const uint64_t per_producer = kItems / producers;
  for (auto _ : state) {
    auto queue = std::make_unique<Q>(static_cast<size_t>(state.range(1)));
    std::vector<std::thread> threads;
    for (int p = 0; p < producers; ++p) {
      threads.emplace_back([&queue, per_producer] {
        for (uint64_t i = 0; i < per_producer; ++i) {
          while (!queue->TryPush(i)) std::this_thread::yield();
        }
      });
    }
    uint64_t out[kBulk];
    uint64_t taken = 0;
    uint64_t sum = 0;
    while (taken < per_producer * producers) {
      const size_t n = queue->Pop(out);
      for (size_t i = 0; i < n; ++i) sum += out[i];
      taken += n;
    }
    benchmark::DoNotOptimize(sum);
    for (std::thread& t : threads) t.join();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * per_producer * producers));
}
BENCHMARK_TEMPLATE(BM_Queue, MutexDeque)
    ->ArgsProduct({{1, 2, 4}, {4096, 32768}})->UseRealTime();
BENCHMARK_TEMPLATE(BM_Queue, BoostLockfree)
    ->ArgsProduct({{1, 2, 4}, {4096, 32768}})->UseRealTime();
BENCHMARK_TEMPLATE(BM_Queue, MoodycamelPoll)
    ->ArgsProduct({{1, 2, 4}, {4096, 32768}})->UseRealTime();
BENCHMARK_TEMPLATE(BM_Queue, MoodycamelBlocking)
    ->ArgsProduct({{1, 2, 4}, {4096, 32768}})->UseRealTime();
BENCHMARK_TEMPLATE(BM_Queue, MoodycamelEventcount<0>)
    ->ArgsProduct({{1, 2, 4}, {4096, 32768}})->UseRealTime();
BENCHMARK_TEMPLATE(BM_Queue, MoodycamelEventcount<64>)
    ->ArgsProduct({{1, 2, 4}, {4096, 32768}})->UseRealTime();

constexpr uint32_t kAgents = 64;

CenterConfig BenchCenter() {
  CenterConfig center;
  QueueConfig sales;
  sales.name = "sales";
  center.queues.push_back(sales);
  for (AgentId id = 1; id <= kAgents; ++id) {
    AgentConfig agent;
    agent.id = id;
    agent.name = "agent" + std::to_string(id);
    agent.queues.push_back(Membership{.queue = 0});
    center.agents.push_back(agent);
  }
  return center;
}

// Every agent logged in, not ready; returns once applied.
std::unique_ptr<Shard> StartedShard(ShardOptions options = {}) {
  std::unique_ptr<Shard> shard = *Shard::Start("bench", BenchCenter(), options);
  std::atomic<uint32_t> acked{0};
  for (AgentId id = 1; id <= kAgents; ++id) {
    (void)shard->Submit(Event{0, 0, AgentLogin{id, false}},
                        [&acked](const absl::Status&) { acked.fetch_add(1); });
  }
  while (acked.load() < kAgents) std::this_thread::yield();
  return shard;
}

// An agent's n-th toggle: ready on odd n, not ready on even n.
Event Toggle(AgentId agent, uint64_t n) {
  return n % 2 == 1 ? Event{0, 0, AgentReady{agent}} : Event{0, 0, AgentNotReady{agent}};
}

// One round: `producers` threads submit per_producer toggles each (producer
// p owns agents p+1, p+1+producers, ...), retrying a full inbox; returns
// once every event was acknowledged, with the number of full answers.
uint64_t SubmitRound(Shard& shard, int producers, uint64_t per_producer,
                     std::vector<uint64_t>& toggles) {
  std::atomic<uint64_t> acked{0};
  std::atomic<uint64_t> refused{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) {
    threads.emplace_back([&, p] {
      for (uint64_t i = 0; i < per_producer; ++i) {
        const AgentId agent = 1 + p + (i % (kAgents / producers)) * producers;
        const Event event = Toggle(agent, ++toggles[agent]);
        while (!shard.Submit(event, [&acked](const absl::Status&) { acked.fetch_add(1); }).ok()) {
          refused.fetch_add(1);
          std::this_thread::yield();
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  while (acked.load() < per_producer * producers) std::this_thread::yield();
  return refused.load();
}

void BM_ShardThroughput(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  const uint64_t per_producer = 100'000 / producers;
  ShardOptions options;
  options.batch_work_us = static_cast<uint32_t>(state.range(1));
  std::unique_ptr<Shard> shard = StartedShard(options);
  std::vector<uint64_t> toggles(kAgents + 1, 0);
  uint64_t full = 0;
  for (auto _ : state) full += SubmitRound(*shard, producers, per_producer, toggles);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * per_producer * producers));
  state.counters["full_answers"] = static_cast<double>(full);
  shard->Stop();
  const auto snapshot = shard->Snapshot();
  state.counters["rejected"] = static_cast<double>(snapshot->events_rejected);
  state.counters["batches"] = static_cast<double>(snapshot->batches);
}
BENCHMARK(BM_ShardThroughput)->ArgsProduct({{1, 2, 4}, {0, 1000}})->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// A log whose Sync takes sync_us (a disk's flush), keeping nothing.
class SlowSyncLog : public InputLog {
 public:
  explicit SlowSyncLog(int64_t sync_us) : sync_us_(sync_us) {}
  absl::Status Append(const ShardInput&) override { return absl::OkStatus(); }
  absl::Status Sync() override {
    std::this_thread::sleep_for(std::chrono::microseconds(sync_us_));
    ++syncs_;
    return absl::OkStatus();
  }
  absl::StatusOr<RecoveredEngine> Recover(const CenterConfig& center, CommandSink* sink,
                                          const EngineOptions& options) override {
    return ReplayInputs(center, {}, sink, options);
  }
  uint64_t syncs() const { return syncs_; }

 private:
  const int64_t sync_us_;
  uint64_t syncs_ = 0;  // shard thread only; read after Stop
};

// Group commit with a log whose Sync takes 200 us: events/s and events per
// Sync, 4 producers, batch_work_us 0 or 1000, max_batch 256 or 1024.
void BM_ShardGroupCommit(benchmark::State& state) {
  constexpr int kProducers = 4;
  constexpr uint64_t kPerProducer = 5'000;
  SlowSyncLog log(200);
  ShardOptions options;
  options.log = &log;
  options.batch_work_us = static_cast<uint32_t>(state.range(0));
  options.max_batch = static_cast<uint32_t>(state.range(1));
  std::unique_ptr<Shard> shard = StartedShard(options);
  const uint64_t syncs_before = log.syncs();
  std::vector<uint64_t> toggles(kAgents + 1, 0);
  for (auto _ : state) SubmitRound(*shard, kProducers, kPerProducer, toggles);
  shard->Stop();
  const double events = static_cast<double>(state.iterations() * kPerProducer * kProducers);
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.counters["events_per_sync"] = events / static_cast<double>(log.syncs() - syncs_before);
}
BENCHMARK(BM_ShardGroupCommit)->ArgsProduct({{0, 1000}, {256, 1024}})->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// End to end with the real journal (JournalInputLog on a fresh directory
// under $TMPDIR or /tmp: CRC32C records, one fdatasync per batch), 4
// producers: durable events/s, every event acknowledged after its sync.
void BM_ShardJournaled(benchmark::State& state) {
  constexpr int kProducers = 4;
  constexpr uint64_t kPerProducer = 25'000;
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = std::string(tmp != nullptr ? tmp : "/tmp") + "/acd-bench-journal-XXXXXX";
  if (::mkdtemp(dir.data()) == nullptr) {
    state.SkipWithError("mkdtemp failed");
    return;
  }
  ShardJournalOptions journal_options;
  journal_options.snapshot_every_records = 0;  // the journal alone
  journal_options.snapshot_every_ms = 0;
  JournalInputLog log(Env::Default(), dir, journal_options);
  ShardOptions options;
  options.log = &log;
  options.pipeline_sync = state.range(0) != 0;
  std::unique_ptr<Shard> shard = StartedShard(options);
  std::vector<uint64_t> toggles(kAgents + 1, 0);
  for (auto _ : state) SubmitRound(*shard, kProducers, kPerProducer, toggles);
  shard->Stop();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPerProducer * kProducers));
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}
BENCHMARK(BM_ShardJournaled)
    ->ArgName("pipeline_sync")
    ->Arg(0)
    ->Arg(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_SubmitToCommand(benchmark::State& state) {
  std::unique_ptr<Shard> shard = StartedShard();
  std::unique_ptr<Subscription> sub = shard->Subscribe("pbx");
  std::vector<SequencedCommand> got;
  std::vector<double> latency_us;
  uint64_t n = 0;
  for (auto _ : state) {
    got.clear();
    const auto start = std::chrono::steady_clock::now();
    if (!shard->Submit(Toggle(1, ++n), nullptr).ok()) state.SkipWithError("refused");
    while (got.empty()) {
      if (!sub->Take(&got, 16, std::chrono::seconds(1)).ok()) state.SkipWithError("lost");
    }
    const auto took = std::chrono::steady_clock::now() - start;
    latency_us.push_back(std::chrono::duration<double, std::micro>(took).count());
  }
  std::sort(latency_us.begin(), latency_us.end());
  auto at = [&](double q) {
    return latency_us.empty() ? 0.0 : latency_us[static_cast<size_t>(q * (latency_us.size() - 1))];
  };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = latency_us.empty() ? 0.0 : latency_us.back();
}
BENCHMARK(BM_SubmitToCommand)->Iterations(20'000)->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace acd::bench
