// The pipelined group commit (ShardOptions::pipeline_sync) on a log that
// syncs in the background. What must hold: the next batch is applied and
// written while the one before it syncs; each batch's commands and acks
// leave only after its own sync, in order; a read and the readers' view see
// durable inputs only; a failed sync refuses the batch in flight and the
// one applied after it and puts the engine back at the durable state.
#include <atomic>
#include <chrono>
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

using testing::AckBox;
using testing::RecordingLog;
using testing::TakeUntil;
using testing::TinyCenter;
using testing::WaitFor;

struct Pipeline {
  explicit Pipeline(RecordingLog* log, bool pipeline = true) {
    options.clock = &clock;
    options.log = log;
    options.pipeline_sync = pipeline;
    shard = *Shard::Start("sales", TinyCenter(4), options);
    sub = shard->Subscribe("pbx");
  }
  ManualClock clock{1'000};
  ShardOptions options;
  std::unique_ptr<Shard> shard;
  std::unique_ptr<Subscription> sub;
};

Event Login(EventId id, AgentId agent) { return Event{id, 0, AgentLogin{agent, true}}; }

TEST(RuntimePipeline, TheNextBatchIsAppliedWhileTheOneBeforeSyncs) {
  RecordingLog log(/*background=*/true);
  log.Hold();
  Pipeline p(&log);
  AckBox acks;
  ASSERT_TRUE(p.shard->Submit(Login(1, 1), acks.Make()).ok());
  ASSERT_TRUE(log.WaitSyncCalls(0));  // batch 1 syncing
  ASSERT_TRUE(p.shard->Submit(Login(2, 2), acks.Make()).ok());
  ASSERT_TRUE(p.shard->Submit(Login(3, 3), acks.Make()).ok());
  // Applied and written during batch 1's sync: the shard did not wait.
  ASSERT_TRUE(WaitFor([&] { return log.appended() == 3; }));
  EXPECT_EQ(log.sync_calls(), 1u);
  EXPECT_EQ(acks.count(), 0u);  // nothing durable yet, nothing answered
  std::vector<SequencedCommand> got;
  ASSERT_TRUE(p.sub->Take(&got, 10, std::chrono::milliseconds(20)).ok());
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(p.shard->Snapshot()->inputs_applied, 0u);  // the view is durable state

  log.Allow(1);  // batch 1's sync returns; batch 2 (two logins) starts its own
  ASSERT_TRUE(acks.WaitCount(1));
  ASSERT_TRUE(log.WaitSyncCalls(1));
  got = TakeUntil(*p.sub, [](const auto& got) { return !got.empty(); });
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].seq, 1u);
  EXPECT_EQ(got[0].cause_event, 1u);
  EXPECT_EQ(acks.count(), 1u);  // batch 2 waits for its own sync
  EXPECT_EQ(log.synced(), 1u);

  log.Open();
  ASSERT_TRUE(acks.WaitCount(3));
  for (const absl::Status& s : acks.statuses()) EXPECT_TRUE(s.ok()) << s;
  got = TakeUntil(*p.sub, [](const auto& got) { return got.size() >= 2; });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].seq, 2u);
  EXPECT_EQ(got[0].cause_event, 2u);
  EXPECT_EQ(got[1].cause_event, 3u);
  EXPECT_EQ(log.synced(), 3u);
  EXPECT_EQ(log.sync_calls(), 2u);
  ASSERT_TRUE(WaitFor([&] { return p.shard->Snapshot()->inputs_applied == 3; }));
}

TEST(RuntimePipeline, AReadWaitsForTheSyncInFlightAndSeesDurableState) {
  RecordingLog log(/*background=*/true);
  log.Hold();
  Pipeline p(&log);
  AckBox acks;
  ASSERT_TRUE(p.shard->Submit(Login(1, 1), acks.Make()).ok());
  ASSERT_TRUE(log.WaitSyncCalls(0));
  std::atomic<bool> ran{false};
  std::atomic<bool> saw_login{false};
  std::atomic<uint64_t> seen_seq{0};
  ASSERT_TRUE(p.shard->SubmitRead([&](const Engine& engine, uint64_t seq) {
    saw_login = engine.GetAgent(1)->state != AgentState::kLoggedOut;
    seen_seq = seq;
    ran = true;
  }).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(ran.load());  // it would have seen an input not yet durable
  log.Open();
  ASSERT_TRUE(WaitFor([&] { return ran.load(); }));
  EXPECT_TRUE(saw_login.load());
  EXPECT_EQ(seen_seq.load(), 1u);  // after the batch's release
  EXPECT_EQ(acks.count(), 1u);
}

TEST(RuntimePipeline, AFailedSyncRefusesTheBatchInFlightAndTheOneAfterIt) {
  RecordingLog log(/*background=*/true);
  Pipeline p(&log);
  AckBox acks;
  ASSERT_TRUE(p.shard->Submit(Login(1, 1), acks.Make()).ok());
  ASSERT_TRUE(acks.WaitCount(1));
  ASSERT_TRUE(WaitFor([&] { return p.shard->Snapshot()->inputs_applied == 1; }));
  const uint64_t durable_hash = *p.shard->StateHash();

  log.Hold();
  log.FailSync(true);
  ASSERT_TRUE(p.shard->Submit(Login(2, 2), acks.Make()).ok());
  ASSERT_TRUE(log.WaitSyncCalls(1));  // batch 2 syncing (it will fail)
  ASSERT_TRUE(p.shard->Submit(Login(3, 3), acks.Make()).ok());
  ASSERT_TRUE(WaitFor([&] { return log.appended() == 3; }));  // batch 3 applied meanwhile
  log.Open();
  ASSERT_TRUE(acks.WaitCount(3));
  const std::vector<absl::Status> statuses = acks.statuses();
  EXPECT_TRUE(statuses[0].ok());
  for (int i : {1, 2}) {
    EXPECT_EQ(statuses[i].code(), absl::StatusCode::kUnavailable) << statuses[i];
    EXPECT_NE(statuses[i].message().find("injected"), std::string::npos) << statuses[i];
  }
  // Back at the durable state: agent 1 alone, and no command of the lost batches left.
  EXPECT_EQ(*p.shard->StateHash(), durable_hash);
  EXPECT_EQ(p.shard->Snapshot()->inputs_applied, 1u);
  EXPECT_EQ(p.shard->Snapshot()->last_command_seq, 1u);
  EXPECT_FALSE(p.shard->Snapshot()->failure.empty());
  EXPECT_EQ(log.DurableInputs()->size(), 1u);
}

TEST(RuntimePipeline, OffOrOnALogThatCannotTheBatchSyncsOnTheShardThread) {
  for (const bool background : {false, true}) {
    RecordingLog log(background);
    log.Hold();
    Pipeline p(&log, /*pipeline=*/background ? false : true);
    AckBox acks;
    ASSERT_TRUE(p.shard->Submit(Login(1, 1), acks.Make()).ok());
    ASSERT_TRUE(log.WaitSyncCalls(0));
    ASSERT_TRUE(p.shard->Submit(Login(2, 2), acks.Make()).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(log.appended(), 1u) << background;  // the thread waits in Sync
    log.Open();
    ASSERT_TRUE(acks.WaitCount(2));
    EXPECT_EQ(log.synced(), 2u);
  }
}

TEST(RuntimePipeline, ManyProducersEveryAckAfterItsInputIsDurable) {
  RecordingLog log(/*background=*/true);
  Pipeline p(&log);
  constexpr int kThreads = 4;
  constexpr int kEach = 500;
  std::atomic<int> early{0};
  std::atomic<int> answered{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto producer = p.shard->NewProducer();
      for (int i = 0; i < kEach; ++i) {
        // Agents 1..4 log in and out; many are refused (already in that
        // state), all are inputs all the same.
        const AgentId agent = 1 + static_cast<AgentId>(t);
        Event e{0, 0, AgentLogin{agent, i % 2 == 0}};
        while (true) {
          const size_t before = log.appended();
          absl::Status s = p.shard->Submit(e, [&, before](const absl::Status&) {
            // Durable: the log synced at least as far as this input.
            if (log.synced() <= before) ++early;
            ++answered;
          }, producer.get());
          if (s.ok()) break;
          std::this_thread::yield();  // back-pressure
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(WaitFor([&] { return answered.load() == kThreads * kEach; }));
  EXPECT_EQ(early.load(), 0);
  EXPECT_EQ(log.synced(), static_cast<size_t>(kThreads * kEach));
  EXPECT_LT(log.sync_calls(), static_cast<uint64_t>(kThreads * kEach));  // batches shared syncs
}

}  // namespace
}  // namespace acd
