// A shard on its own: deadlines, sleeping, reloads, subscribers, snapshots,
// graceful stop, and the Runtime's shard map.
#include <chrono>
#include <memory>
#include <thread>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/runtime.h"
#include "gtest/gtest.h"
#include "tests/runtime/runtime_testkit.h"

namespace acd {
namespace {

using testing::AckBox;
using testing::TakeUntil;
using testing::TinyCenter;
using testing::WaitFor;

bool HasRingTimeout(const std::vector<SequencedCommand>& got) {
  for (const SequencedCommand& c : got) {
    const auto* cancel = std::get_if<CancelOffer>(&c.command.body);
    if (cancel != nullptr && cancel->reason == CancelReason::kRingTimeout) return true;
  }
  return false;
}

const Command* FindOffer(const std::vector<SequencedCommand>& got) {
  for (const SequencedCommand& c : got) {
    if (std::holds_alternative<Offer>(c.command.body)) return &c.command;
  }
  return nullptr;
}

// Logs agent 1 in and sends call 100 to the queue: an offer rings.
void RingOneCall(Shard& shard, AckBox& acks) {
  ASSERT_TRUE(shard.Submit(Event{1, 0, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(shard.Submit(Event{2, 0, CallArrive{100, {}}}, acks.Make()).ok());
  ASSERT_TRUE(shard.Submit(testing::EnqueueEvent(3, 100), acks.Make()).ok());
}

TEST(RuntimeShard, ManualClockAdvanceFiresTheRingTimeoutAtItsDeadline) {
  ManualClock clock(1'000'000);
  ShardOptions options;
  options.clock = &clock;
  auto shard = *Shard::Start("sales", TinyCenter(1, 10'000), options);
  auto sub = shard->Subscribe("pbx");
  AckBox acks;
  RingOneCall(*shard, acks);
  ASSERT_TRUE(acks.WaitCount(3));
  for (const absl::Status& s : acks.statuses()) EXPECT_TRUE(s.ok()) << s;
  std::vector<SequencedCommand> got =
      TakeUntil(*sub, [](const auto& got) { return FindOffer(got) != nullptr; });
  ASSERT_NE(FindOffer(got), nullptr);
  EXPECT_EQ(FindOffer(got)->time_ms, 1'000'000);  // stamped from the clock
  EXPECT_EQ(shard->Snapshot()->next_deadline_ms, 1'010'000);

  clock.Advance(10'000);  // wakes the shard: RONA at exactly the deadline
  got = TakeUntil(*sub, HasRingTimeout);
  ASSERT_TRUE(HasRingTimeout(got));
  for (const SequencedCommand& c : got) EXPECT_EQ(c.command.time_ms, 1'010'000);
  ASSERT_TRUE(WaitFor([&] { return shard->Snapshot()->now_ms == 1'010'000; }));
}

TEST(RuntimeShard, RealClockFiresARingTimeoutAfterItsDeadline) {
  auto shard = *Shard::Start("sales", TinyCenter(1, /*ring_ms=*/50));
  auto sub = shard->Subscribe("pbx");
  AckBox acks;
  RingOneCall(*shard, acks);
  std::vector<SequencedCommand> got = TakeUntil(*sub, HasRingTimeout);
  ASSERT_TRUE(HasRingTimeout(got));  // nobody sent an input: the timer woke it
  const Command* offer = FindOffer(got);
  ASSERT_NE(offer, nullptr);
  for (const SequencedCommand& c : got) {
    if (std::holds_alternative<CancelOffer>(c.command.body)) {
      EXPECT_GE(c.command.time_ms, offer->time_ms + 50);
    }
  }
}

TEST(RuntimeShard, IdleShardDoesNotSpin) {
  auto shard = *Shard::Start("sales", TinyCenter(2));  // real clock, no timers
  ASSERT_FALSE(shard->Snapshot()->next_deadline_ms.has_value());
  const uint64_t before = shard->wakeups();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_LE(shard->wakeups() - before, 3u);
}

TEST(RuntimeShard, EventsAreStampedAndAckedWithTheEngineStatus) {
  ManualClock clock(5'000);
  ShardOptions options;
  options.clock = &clock;
  auto shard = *Shard::Start("sales", TinyCenter(1), options);
  AckBox acks;
  // The producer's time is ignored: 1 would be in the past.
  ASSERT_TRUE(shard->Submit(Event{1, 1, AgentLogin{1, true}}, acks.Make()).ok());
  ASSERT_TRUE(shard->Submit(Event{2, 0, AgentLogin{99, true}}, acks.Make()).ok());
  ASSERT_TRUE(shard->Submit(Event{1, 0, AgentLogout{1}}, acks.Make()).ok());  // repeat id
  ASSERT_TRUE(acks.WaitCount(3));
  const std::vector<absl::Status> statuses = acks.statuses();
  EXPECT_TRUE(statuses[0].ok()) << statuses[0];
  EXPECT_EQ(statuses[1].code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(statuses[2].code(), absl::StatusCode::kAlreadyExists);
  ASSERT_TRUE(WaitFor([&] { return shard->Snapshot()->inputs_applied == 3; }));
  const auto snapshot = shard->Snapshot();
  EXPECT_EQ(snapshot->now_ms, 5'000);
  EXPECT_EQ(snapshot->events_accepted, 1u);
  EXPECT_EQ(snapshot->events_rejected, 2u);
  ASSERT_EQ(snapshot->agents.size(), 1u);
  EXPECT_EQ(snapshot->agents[0].state, AgentState::kReady);
  ASSERT_EQ(snapshot->queues.size(), 1u);
  EXPECT_EQ(snapshot->queues[0].name, "sales");
  EXPECT_EQ(snapshot->queues[0].stats.agents_ready, 1u);
}

TEST(RuntimeShard, ReloadGoesThroughTheInboxAndIsAcked) {
  ManualClock clock;
  ShardOptions options;
  options.clock = &clock;
  auto shard = *Shard::Start("sales", TinyCenter(2), options);
  AckBox acks;
  CenterConfig bigger = TinyCenter(2);
  QueueConfig support;
  support.name = "support";
  bigger.queues.push_back(support);
  CenterConfig broken = TinyCenter(2);
  broken.agents[1].id = broken.agents[0].id;  // duplicate agent id
  ASSERT_TRUE(shard->SubmitReconfigure(bigger, acks.Make()).ok());
  ASSERT_TRUE(shard->SubmitReconfigure(broken, acks.Make()).ok());
  ASSERT_TRUE(acks.WaitCount(2));
  EXPECT_TRUE(acks.statuses()[0].ok()) << acks.statuses()[0];
  EXPECT_EQ(acks.statuses()[1].code(), absl::StatusCode::kInvalidArgument);
  const auto snapshot = shard->Snapshot();
  ASSERT_EQ(snapshot->queues.size(), 2u);
  EXPECT_EQ(snapshot->queues[1].name, "support");
}

TEST(RuntimeShard, SlowSubscriberIsDisconnectedWhileOthersKeepReceiving) {
  ManualClock clock;
  ShardOptions options;
  options.clock = &clock;
  auto shard = *Shard::Start("sales", TinyCenter(4), options);
  auto slow = shard->Subscribe("slow-pbx", /*bound=*/3);
  auto fast = shard->Subscribe("fast-pbx");
  AckBox acks;
  constexpr int kEvents = 20;  // each toggles an agent: one command each
  for (int i = 0; i < kEvents; ++i) {
    const AgentId agent = 1 + i % 4;
    const EventId id = i + 1;
    Event event = i < 4 ? Event{id, 0, AgentLogin{agent, true}}
                        : (i / 4) % 2 == 1 ? Event{id, 0, AgentNotReady{agent}}
                                           : Event{id, 0, AgentReady{agent}};
    ASSERT_TRUE(shard->Submit(std::move(event), acks.Make()).ok());
  }
  ASSERT_TRUE(acks.WaitCount(kEvents));
  const uint64_t last = shard->Snapshot()->last_command_seq;
  ASSERT_GE(last, 10u);
  std::vector<SequencedCommand> got =
      TakeUntil(*fast, [&](const auto& got) { return got.size() >= last; });
  ASSERT_EQ(got.size(), last);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].seq, i + 1);

  std::vector<SequencedCommand> slow_got;
  absl::StatusOr<size_t> taken = slow->Take(&slow_got, 100, std::chrono::milliseconds(10));
  ASSERT_TRUE(taken.ok());
  ASSERT_EQ(slow_got.size(), 3u);  // the prefix that fitted
  EXPECT_EQ(slow_got.back().seq, 3u);
  taken = slow->Take(&slow_got, 100, std::chrono::milliseconds(10));
  ASSERT_EQ(taken.status().code(), absl::StatusCode::kResourceExhausted);
  {
    const std::string message(taken.status().message());
    EXPECT_NE(message.find("from sequence 4 on"), std::string::npos) << message;
    EXPECT_NE(message.find(absl::StrCat(last - 3, " lost so far")), std::string::npos)
        << message;
    EXPECT_NE(message.find("slow-pbx"), std::string::npos) << message;
  }
}

TEST(RuntimeShard, GracefulStopDrainsEverythingAccepted) {
  ShardOptions options;
  options.inbox_bound = 100'000;
  auto shard = *Shard::Start("sales", TinyCenter(8), options);
  AckBox acks;
  constexpr int kEvents = 5'000;
  for (int i = 0; i < kEvents; ++i) {
    const AgentId agent = 1 + i % 8;
    Event event = i % 2 == 0 ? Event{0, 0, AgentLogin{agent, true}}
                             : Event{0, 0, AgentLogout{agent}};
    ASSERT_TRUE(shard->Submit(std::move(event), acks.Make()).ok());
  }
  shard->Stop();  // returns once every accepted input was applied and acked
  EXPECT_EQ(acks.count(), static_cast<uint64_t>(kEvents));
  EXPECT_EQ(shard->Snapshot()->inputs_applied, static_cast<uint64_t>(kEvents));
  const absl::Status after = shard->Submit(Event{0, 0, AgentLogin{1, true}}, acks.Make());
  EXPECT_EQ(after.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(after.message().find("stopping"), std::string::npos) << after;
}

TEST(RuntimeShard, RuntimeAddsGetsAndRemovesShardsByName) {
  Runtime runtime;
  ASSERT_TRUE(runtime.AddShard("sales", TinyCenter(1)).ok());
  ASSERT_TRUE(runtime.AddShard("support", TinyCenter(1)).ok());
  EXPECT_EQ(runtime.AddShard("sales", TinyCenter(1)).status().code(),
            absl::StatusCode::kAlreadyExists);
  CenterConfig invalid = TinyCenter(1);
  invalid.queues.clear();
  EXPECT_FALSE(runtime.AddShard("broken", invalid).ok());
  EXPECT_EQ(runtime.ShardNames(), (std::vector<std::string>{"sales", "support"}));
  absl::StatusOr<std::shared_ptr<Shard>> sales = runtime.GetShard("sales");
  ASSERT_TRUE(sales.ok());
  EXPECT_EQ((*sales)->name(), "sales");
  ASSERT_TRUE(runtime.RemoveShard("sales").ok());
  EXPECT_EQ(runtime.GetShard("sales").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(runtime.RemoveShard("sales").code(), absl::StatusCode::kNotFound);
  // A producer that still holds the shard is refused, not crashed.
  EXPECT_EQ((*sales)->Submit(Event{0, 0, AgentLogin{1, true}}, nullptr).code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace acd
