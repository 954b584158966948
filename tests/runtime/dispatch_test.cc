// Many producers, one shard: every event acked exactly once, applied in one
// order (the log's), each producer's events in its own order, and the
// shard's state equal to a single-threaded replay of the logged inputs.
#include <atomic>
#include <memory>
#include <thread>
#include <variant>
#include <vector>

#include "acd/engine.h"
#include "acd/runtime.h"
#include "gtest/gtest.h"
#include "tests/runtime/runtime_testkit.h"

namespace acd {
namespace {

using testing::RecordingLog;
using testing::TinyCenter;

constexpr int kProducers = 4;
constexpr int kPerProducer = 2'000;
constexpr uint32_t kAgentsPerProducer = 4;

// Producer p's i-th event: its agents log in, go not ready and ready, and
// its calls arrive, enqueue and hang up (offers cross producers: the
// engine decides; some events are rejected, which is fine).
Event ProducerEvent(int p, int i) {
  const EventId id = (static_cast<EventId>(p + 1) << 32) | static_cast<EventId>(i + 1);
  const AgentId agent = 1 + p * kAgentsPerProducer + i % kAgentsPerProducer;
  const CallId call = (static_cast<CallId>(p + 1) << 32) | static_cast<CallId>(i / 5 + 1);
  switch (i % 5) {
    case 0: return Event{id, 0, CallArrive{call, {}}};
    case 1: return testing::EnqueueEvent(id, call);
    case 2: return Event{id, 0, AgentLogin{agent, true}};
    case 3: return Event{id, 0, CallHangup{call}};
    default: return Event{id, 0, AgentNotReady{agent}};
  }
}

TEST(RuntimeDispatch, ManyProducersOneOrderEveryEventAckedOnceReplayMatches) {
  RecordingLog log;
  ShardOptions options;
  options.log = &log;
  options.inbox_bound = 256;
  const CenterConfig center = TinyCenter(kProducers * kAgentsPerProducer);
  auto shard = *Shard::Start("sales", center, options);
  auto sub = shard->Subscribe("pbx");
  std::vector<std::atomic<int>> acks(kProducers * kPerProducer);
  std::atomic<uint64_t> full{0};
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        std::atomic<int>* slot = &acks[p * kPerProducer + i];
        Ack ack = [slot](const absl::Status&) { slot->fetch_add(1); };
        // Back-pressure is an answer, not a loss: wait and resubmit.
        while (true) {
          absl::Status s = shard->Submit(ProducerEvent(p, i), std::move(ack));
          if (s.ok()) break;
          ASSERT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << s;
          full.fetch_add(1);
          ack = [slot](const absl::Status&) { slot->fetch_add(1); };
          std::this_thread::yield();
        }
      }
    });
  }
  for (std::thread& t : producers) t.join();
  shard->Stop();

  for (size_t i = 0; i < acks.size(); ++i) ASSERT_EQ(acks[i].load(), 1) << "event " << i;
  const std::vector<ShardInput> inputs = log.all();
  ASSERT_EQ(log.synced(), inputs.size());
  const auto snapshot = shard->Snapshot();
  EXPECT_EQ(snapshot->inputs_applied, inputs.size());

  // One order: each producer's events appear in its own submission order.
  std::vector<int> next(kProducers, 1);
  size_t events = 0;
  for (const ShardInput& input : inputs) {
    const auto* event = std::get_if<Event>(&input);
    if (event == nullptr) continue;
    ++events;
    const int p = static_cast<int>(event->id >> 32) - 1;
    ASSERT_EQ(static_cast<int>(event->id & 0xffffffff), next[p]) << "producer " << p;
    ++next[p];
  }
  EXPECT_EQ(events, static_cast<size_t>(kProducers * kPerProducer));

  NullSink sink;
  std::unique_ptr<Engine> replay = *Engine::Create(center, &sink);
  for (const ShardInput& input : inputs) ApplyInput(*replay, input);
  EXPECT_EQ(replay->StateHash(), *shard->StateHash());
  EXPECT_EQ(replay->now_ms(), snapshot->now_ms);
  EXPECT_GT(snapshot->events_accepted, 0u);
  // The subscriber saw every released command, in sequence.
  std::vector<SequencedCommand> got;
  while (true) {
    absl::StatusOr<size_t> n = sub->Take(&got, 4096, std::chrono::milliseconds(0));
    if (!n.ok() || *n == 0) break;
  }
  ASSERT_EQ(got.size(), snapshot->last_command_seq);
  for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i].seq, i + 1);
  std::printf("inputs %zu, commands %zu, back-pressure answers %llu\n", inputs.size(),
              got.size(), static_cast<unsigned long long>(full.load()));
}

}  // namespace
}  // namespace acd
