// The input-log seam: every state-changing input is logged in the order
// applied, one Sync per batch, acks and commands only after Sync, and a
// failing log turns into refusals and an engine back at the durable state.
#include <chrono>
#include <memory>
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

uint64_t ReplayHash(const CenterConfig& center, const std::vector<ShardInput>& inputs) {
  NullSink sink;
  std::unique_ptr<Engine> engine = *Engine::Create(center, &sink);
  for (const ShardInput& input : inputs) ApplyInput(*engine, input);
  return engine->StateHash();
}

TEST(RuntimeInputLog, LogsEveryInputInOrderWithStampedTimesAndAdvances) {
  ManualClock clock(10'000);
  RecordingLog log;
  ShardOptions options;
  options.clock = &clock;
  options.log = &log;
  auto shard = *Shard::Start("sales", TinyCenter(1, 10'000), options);
  AckBox acks;
  ASSERT_TRUE(shard->Submit(Event{1, 0, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(shard->Submit(Event{2, 0, AgentLogin{42, true}}, acks.Make()).ok());  // rejected
  ASSERT_TRUE(shard->Submit(Event{3, 0, CallArrive{100, {}}}, acks.Make()).ok());
  ASSERT_TRUE(shard->Submit(testing::EnqueueEvent(4, 100), acks.Make()).ok());
  ASSERT_TRUE(acks.WaitCount(4));
  clock.Advance(10'000);  // the ring timeout: the shard's own advance
  ASSERT_TRUE(WaitFor([&] { return log.synced() == 5; }));
  ASSERT_TRUE(shard->SubmitReconfigure(TinyCenter(1, 5'000), acks.Make()).ok());
  ASSERT_TRUE(acks.WaitCount(5));
  shard->Stop();

  const std::vector<ShardInput> inputs = log.all();
  ASSERT_EQ(inputs.size(), 6u);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(std::holds_alternative<Event>(inputs[i])) << i;
    EXPECT_EQ(std::get<Event>(inputs[i]).id, static_cast<EventId>(i + 1));
    EXPECT_EQ(std::get<Event>(inputs[i]).time_ms, 10'000);
  }
  ASSERT_TRUE(std::holds_alternative<AdvanceInput>(inputs[4]));
  EXPECT_EQ(std::get<AdvanceInput>(inputs[4]).time_ms, 20'000);
  ASSERT_TRUE(std::holds_alternative<ReconfigureInput>(inputs[5]));
  EXPECT_EQ(log.synced(), 6u);
  EXPECT_EQ(ReplayHash(TinyCenter(1, 10'000), inputs), *shard->StateHash());
}

TEST(RuntimeInputLog, AcksAndCommandsWaitForTheSync) {
  ManualClock clock;
  RecordingLog log;
  log.Hold();  // the disk is slow: Sync does not return yet
  ShardOptions options;
  options.clock = &clock;
  options.log = &log;
  auto shard = *Shard::Start("sales", TinyCenter(1), options);
  auto sub = shard->Subscribe("pbx");
  AckBox acks;
  ASSERT_TRUE(shard->Submit(Event{1, 0, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(log.WaitSyncCalls(0));  // applied, appended, syncing
  EXPECT_EQ(log.appended(), 1u);
  std::vector<SequencedCommand> got;
  ASSERT_TRUE(sub->Take(&got, 10, std::chrono::milliseconds(50)).ok());
  EXPECT_TRUE(got.empty());  // no PBX sees a decision a crash could undo
  EXPECT_EQ(acks.count(), 0u);
  EXPECT_EQ(shard->Snapshot()->inputs_applied, 0u);

  log.Open();
  ASSERT_TRUE(acks.WaitCount(1));
  EXPECT_TRUE(acks.statuses()[0].ok());
  EXPECT_EQ(log.synced(), 1u);
  got = TakeUntil(*sub, [](const auto& got) { return !got.empty(); });
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<AgentStateChanged>(got[0].command.body));
}

TEST(RuntimeInputLog, BatchesShareOneSync) {
  ManualClock clock;
  RecordingLog log;
  log.Hold();
  ShardOptions options;
  options.clock = &clock;
  options.log = &log;
  options.inbox_bound = 1'000;
  auto shard = *Shard::Start("sales", TinyCenter(4), options);
  AckBox acks;
  ASSERT_TRUE(shard->Submit(Event{0, 0, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(log.WaitSyncCalls(0));  // the first batch holds the thread
  for (AgentId a = 2; a <= 4; ++a) {  // these queue up meanwhile
    ASSERT_TRUE(shard->Submit(Event{0, 0, AgentLogin{a, true}}, acks.Make()).ok());
  }
  log.Open();
  ASSERT_TRUE(acks.WaitCount(4));
  ASSERT_TRUE(WaitFor([&] { return shard->Snapshot()->batches == 2; }));
  EXPECT_EQ(shard->Snapshot()->inputs_applied, 4u);
  EXPECT_EQ(log.sync_calls(), 2u);  // three inputs, one Sync
}

void FailingLogTest(bool fail_append) {
  ManualClock clock(1'000);
  RecordingLog log;
  ShardOptions options;
  options.clock = &clock;
  options.log = &log;
  const CenterConfig center = TinyCenter(2);
  auto shard = *Shard::Start("sales", center, options);
  auto sub = shard->Subscribe("pbx");
  AckBox acks;
  ASSERT_TRUE(shard->Submit(Event{1, 0, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(acks.WaitCount(1));
  ASSERT_TRUE(WaitFor([&] { return shard->Snapshot()->inputs_applied == 1; }));
  const uint64_t durable_hash = *shard->StateHash();
  const uint64_t durable_seq = shard->Snapshot()->last_command_seq;

  fail_append ? log.FailAppend(true) : log.FailSync(true);
  ASSERT_TRUE(shard->Submit(Event{2, 0, CallArrive{100, {}}}, acks.Make()).ok());
  ASSERT_TRUE(acks.WaitCount(2));
  const absl::Status refused = acks.statuses()[1];
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(refused.message().find("injected"), std::string::npos) << refused;
  EXPECT_NE(refused.message().find("not acknowledged"), std::string::npos) << refused;

  // Reads go on, at the durable state; no command of the lost batch left.
  const auto snapshot = shard->Snapshot();
  EXPECT_FALSE(snapshot->failure.empty());
  EXPECT_EQ(*shard->StateHash(), durable_hash);
  EXPECT_EQ(snapshot->inputs_applied, 1u);
  EXPECT_EQ(snapshot->counts.arrived, 0u);
  EXPECT_EQ(snapshot->last_command_seq, durable_seq);
  EXPECT_EQ(ReplayHash(center, *log.DurableInputs()), durable_hash);
  std::vector<SequencedCommand> got =
      TakeUntil(*sub, [&](const auto& got) { return got.size() >= durable_seq; });
  EXPECT_EQ(got.size(), durable_seq);

  // New inputs are refused at once, with the reason.
  const absl::Status next = shard->Submit(Event{3, 0, AgentLogin{2, true}}, acks.Make());
  EXPECT_EQ(next.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(next.message().find("input log failed"), std::string::npos) << next;
  shard->Stop();
  EXPECT_EQ(acks.count(), 2u);
}

TEST(RuntimeInputLog, FailedSyncRefusesTheBatchAndRestoresTheDurableState) {
  FailingLogTest(/*fail_append=*/false);
}

TEST(RuntimeInputLog, FailedAppendRefusesTheBatchAndRestoresTheDurableState) {
  FailingLogTest(/*fail_append=*/true);
}

TEST(RuntimeInputLog, StartReplaysTheDurableInputs) {
  ManualClock clock(1'000);
  RecordingLog log;
  ShardOptions options;
  options.clock = &clock;
  options.log = &log;
  uint64_t hash = 0;
  {
    auto shard = *Shard::Start("sales", TinyCenter(2), options);
    AckBox acks;
    ASSERT_TRUE(shard->Submit(Event{1, 0, AgentLogin{1, true}}, acks.Make()).ok());
    ASSERT_TRUE(shard->Submit(Event{2, 0, AgentLogin{2, false}}, acks.Make()).ok());
    shard->Stop();
    hash = *shard->StateHash();
  }
  auto again = *Shard::Start("sales", TinyCenter(2), options);  // after a "crash"
  EXPECT_EQ(*again->StateHash(), hash);
  EXPECT_EQ(again->Snapshot()->inputs_applied, 2u);
}

}  // namespace
}  // namespace acd
