// Back-pressure: a full inbox answers the producer at once with
// ResourceExhausted naming the shard and the bound; every submission is
// either acked once or refused, never lost.
#include <atomic>
#include <thread>
#include <vector>

#include "acd/runtime.h"
#include "gtest/gtest.h"
#include "tests/runtime/runtime_testkit.h"

namespace acd {
namespace {

using testing::AckBox;
using testing::RecordingLog;
using testing::TinyCenter;

TEST(RuntimeBackpressure, FullInboxRefusesAtOnceAndNothingIsLost) {
  RecordingLog log;
  log.Hold();  // a slow disk: the shard sits in its first Sync
  ShardOptions options;
  options.inbox_bound = 4;
  options.log = &log;
  auto shard = *Shard::Start("sales", TinyCenter(8), options);
  AckBox acks;
  ASSERT_TRUE(shard->Submit(Event{0, 0, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(log.WaitSyncCalls(0));

  constexpr int kProducers = 4;
  constexpr int kPerProducer = 50;
  std::atomic<int> accepted{1};
  std::atomic<int> refused{0};
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        const AgentId agent = 1 + (p * kPerProducer + i) % 8;
        absl::Status s = shard->Submit(Event{0, 0, AgentReady{agent}}, acks.Make());
        if (s.ok()) {
          accepted.fetch_add(1);
        } else {
          EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << s;
          EXPECT_NE(s.message().find("shard 'sales'"), std::string::npos) << s;
          EXPECT_NE(s.message().find("bound 4"), std::string::npos) << s;
          refused.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& t : producers) t.join();
  // The shard is stuck: exactly the bound got in while it was.
  EXPECT_EQ(accepted.load(), 1 + 4);
  EXPECT_EQ(refused.load(), kProducers * kPerProducer - 4);

  log.Open();
  shard->Stop();
  EXPECT_EQ(acks.count(), static_cast<uint64_t>(accepted.load()));
  EXPECT_EQ(acks.count() + refused.load(), 1u + kProducers * kPerProducer);
  EXPECT_EQ(shard->Snapshot()->inputs_applied, static_cast<uint64_t>(accepted.load()));
}

TEST(RuntimeBackpressure, SlowShardUnderLoadAcksOrRefusesEverySubmission) {
  ShardOptions options;
  options.inbox_bound = 8;
  auto shard = *Shard::Start("sales", TinyCenter(8), options);
  std::atomic<uint64_t> acked{0};
  std::atomic<int> refused{0};
  constexpr int kProducers = 4;
  constexpr int kPerProducer = 300;
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        const AgentId agent = 1 + (p * kPerProducer + i) % 8;
        // A slow consumer of acks makes the shard slow.
        Ack ack = [&](const absl::Status&) {
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          acked.fetch_add(1);
        };
        absl::Status s = shard->Submit(Event{0, 0, AgentLogin{agent, true}}, std::move(ack));
        if (!s.ok()) {
          EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << s;
          refused.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& t : producers) t.join();
  shard->Stop();
  EXPECT_GT(refused.load(), 0);
  EXPECT_EQ(acked.load() + refused.load(), static_cast<uint64_t>(kProducers * kPerProducer));
  EXPECT_EQ(shard->Snapshot()->inputs_applied, acked.load());
}

}  // namespace
}  // namespace acd
