// CallHistory: live and ended calls' records, its bounds, and forwarding.
#include <vector>

#include "acd/history.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

CenterConfig OneQueue() {
  CenterConfig c;
  QueueConfig q;
  q.name = "sales";
  c.queues.push_back(q);
  AgentConfig a;
  a.id = 7;
  a.name = "Anna";
  c.agents.push_back(a);
  return c;
}

Command Ended(TimeMs t, CallId call) {
  return {t, CallEnded{call, Disposition::kAbandonedInQueue, true, 0, 0, t, 0}};
}

TEST(CallHistory, KeepsLiveCallsAndTheLastEndedOnes) {
  VectorSink inner;
  CallHistoryOptions options;
  options.ended_calls_max = 2;
  CallHistory history(OneQueue(), options, &inner);
  for (CallId call = 1; call <= 4; ++call) history.Emit({10, CallQueued{call, 0, 1}});
  history.Emit({20, Offer{4, 7, 0, 10'000, false, false}});
  history.Emit({30, AgentStateChanged{7, AgentState::kReserved, NotReadyReason::kNone}});
  for (CallId call = 1; call <= 3; ++call) history.Emit(Ended(40 + call, call));
  EXPECT_EQ(inner.commands.size(), 9u);
  EXPECT_EQ(history.live_calls(), 1u);
  EXPECT_EQ(history.ended_calls(), 2u);
  EXPECT_EQ(history.EndedCalls(), (std::vector<CallId>{2, 3}));
  EXPECT_FALSE(history.Find(1).has_value());  // dropped: the oldest ended
  EXPECT_FALSE(history.Find(99).has_value());

  std::optional<CallRecord> live = history.Find(4);
  ASSERT_TRUE(live.has_value());
  EXPECT_FALSE(live->ended);
  ASSERT_EQ(live->entries.size(), 2u);
  EXPECT_EQ(live->entries[0].event, QueueLogEvent::kEnterQueue);
  EXPECT_EQ(live->entries[1].event, QueueLogEvent::kOffer);
  EXPECT_EQ(live->entries[1].agent, "Anna");
  EXPECT_EQ(live->entries[1].time_ms, 20);

  std::optional<CallRecord> done = history.Find(3);
  ASSERT_TRUE(done.has_value());
  EXPECT_TRUE(done->ended);
  ASSERT_EQ(done->entries.size(), 2u);
  EXPECT_EQ(done->entries[1].event, QueueLogEvent::kAbandon);
  EXPECT_EQ(done->entries[1].Number("wait_ms"), 43);
}

TEST(CallHistory, CapsEntriesPerCallButKeepsTheEnd) {
  CallHistoryOptions options;
  options.entries_per_call_max = 3;
  CallHistory history(OneQueue(), options);
  history.Emit({0, CallQueued{1, 0, 1}});
  for (int i = 1; i <= 10; ++i) history.Emit({i * 1'000, Announce{1, 0, 1, false, 30'000}});
  history.Emit(Ended(11'000, 1));
  std::optional<CallRecord> record = history.Find(1);
  ASSERT_TRUE(record.has_value());
  ASSERT_EQ(record->entries.size(), 4u);
  EXPECT_EQ(record->dropped_entries, 8u);
  EXPECT_EQ(record->entries[2].time_ms, 2'000);
  EXPECT_EQ(record->entries[3].event, QueueLogEvent::kAbandon);
}

TEST(CallHistory, WithNoEndedCallsKeptOnlyLiveOnesRemain) {
  CallHistoryOptions options;
  options.ended_calls_max = 0;
  CallHistory history(OneQueue(), options);
  history.Emit({0, CallQueued{1, 0, 1}});
  history.Emit({0, CallQueued{2, 0, 2}});
  history.Emit(Ended(5, 1));
  EXPECT_EQ(history.live_calls(), 1u);
  EXPECT_EQ(history.ended_calls(), 0u);
  EXPECT_FALSE(history.Find(1).has_value());
  EXPECT_TRUE(history.Find(2).has_value());
}

}  // namespace
}  // namespace acd
