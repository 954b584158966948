// A shard on its real journal (JournalInputLog over ShardJournal), on real
// files: acknowledged events survive a restart and a power loss, snapshots
// shorten recovery without changing the state, and a full disk or a failed
// sync makes the shard refuse new events with the reason while it keeps
// serving reads and loses nothing it acknowledged.
#include <memory>
#include <string>
#include <vector>

#include "acd/journal_input_log.h"
#include "gtest/gtest.h"
#include "tests/env/fault_injection_env.h"
#include "tests/env/temp_dir.h"
#include "tests/runtime/runtime_testkit.h"

namespace acd::testing {
namespace {

using test_env::FaultInjectionEnv;
using test_env::TempDir;

// A busy little morning: logins, calls arriving, queued, answered, ended.
std::vector<Event> Morning(EventId first, int calls) {
  std::vector<Event> out;
  EventId id = first;
  for (AgentId a = 1; a <= 3; ++a) out.push_back(Event{id++, 0, AgentLogin{a, true}});
  for (int c = 0; c < calls; ++c) {
    const CallId call = 1000 + first + static_cast<CallId>(c);
    out.push_back(Event{id++, 0, CallArrive{call, {}}});
    out.push_back(EnqueueEvent(id++, call));
    out.push_back(Event{id++, 0, CallAnswer{call, static_cast<AgentId>(1 + c % 3)}});
    out.push_back(Event{id++, 0, CallEndTalk{call}});
  }
  return out;
}

struct Started {
  std::unique_ptr<JournalInputLog> log;
  std::unique_ptr<Shard> shard;
};

Started Start(Env& env, const std::string& dir, ManualClock& clock,
              ShardJournalOptions journal_options = {}) {
  Started s;
  s.log = std::make_unique<JournalInputLog>(env, dir, journal_options);
  ShardOptions options;
  options.clock = &clock;
  options.log = s.log.get();
  absl::StatusOr<std::unique_ptr<Shard>> shard = Shard::Start("sales", TinyCenter(3), options);
  EXPECT_TRUE(shard.ok()) << shard.status();
  if (shard.ok()) s.shard = *std::move(shard);
  return s;
}

// Submits every event, one at a time (each acked before the next), and
// returns how many were acked OK or refused by the engine (not Unavailable).
int SubmitAll(Shard& shard, ManualClock& clock, const std::vector<Event>& events) {
  int acked = 0;
  for (const Event& e : events) {
    AckBox box;
    clock.Advance(1000);
    if (!shard.Submit(e, box.Make()).ok()) break;
    EXPECT_TRUE(box.WaitCount(1));
    if (box.statuses()[0].code() == absl::StatusCode::kUnavailable) break;
    ++acked;
  }
  return acked;
}

TEST(JournalShard, AcknowledgedEventsSurviveARestart) {
  TempDir dir;
  ManualClock clock(8 * 3600 * 1000);
  Started first = Start(Env::Default(), dir.path(), clock);
  ASSERT_NE(first.shard, nullptr);
  const std::vector<Event> events = Morning(1, 20);
  ASSERT_EQ(SubmitAll(*first.shard, clock, events), static_cast<int>(events.size()));
  first.shard->Stop();
  const auto before = first.shard->Snapshot();
  Started second = Start(Env::Default(), dir.path(), clock);
  ASSERT_NE(second.shard, nullptr);
  EXPECT_EQ(second.shard->Snapshot()->state_hash, before->state_hash);
  EXPECT_EQ(second.shard->Snapshot()->inputs_applied, before->inputs_applied);
  // A repeat of an acknowledged event is recognised after the restart.
  AckBox box;
  ASSERT_TRUE(second.shard->Submit(events[5], box.Make()).ok());
  ASSERT_TRUE(box.WaitCount(1));
  EXPECT_EQ(box.statuses()[0].code(), absl::StatusCode::kAlreadyExists) << box.statuses()[0];
}

TEST(JournalShard, SnapshotsShortenRecoveryAndKeepTheState) {
  TempDir dir;
  ManualClock clock(8 * 3600 * 1000);
  ShardJournalOptions journal_options;
  journal_options.snapshot_every_records = 40;
  Started first = Start(Env::Default(), dir.path(), clock, journal_options);
  ASSERT_NE(first.shard, nullptr);
  ASSERT_GT(SubmitAll(*first.shard, clock, Morning(1, 60)), 200);
  first.shard->Stop();
  const uint64_t hash = first.shard->Snapshot()->state_hash;
  Started second = Start(Env::Default(), dir.path(), clock, journal_options);
  ASSERT_NE(second.shard, nullptr);
  EXPECT_TRUE(second.log->last_recovery().journal.snapshot_seq.has_value())
      << second.log->last_recovery().ToString();
  EXPECT_EQ(second.shard->Snapshot()->state_hash, hash);
}

TEST(JournalShard, FullDiskRefusesServesReadsAndLosesNothingAcknowledged) {
  TempDir dir;
  FaultInjectionEnv env;
  ManualClock clock(8 * 3600 * 1000);
  Started first = Start(env, dir.path(), clock);
  ASSERT_NE(first.shard, nullptr);
  const std::vector<Event> events = Morning(1, 10);
  ASSERT_EQ(SubmitAll(*first.shard, clock, events), static_cast<int>(events.size()));
  const auto durable = first.shard->Snapshot();

  env.SetDiskBudget(0);  // the disk is full from now on
  AckBox refused;
  clock.Advance(1000);
  ASSERT_TRUE(first.shard->Submit(Event{500, 0, CallArrive{9000, {}}}, refused.Make()).ok());
  ASSERT_TRUE(refused.WaitCount(1));
  EXPECT_EQ(refused.statuses()[0].code(), absl::StatusCode::kUnavailable) << refused.statuses()[0];
  EXPECT_NE(refused.statuses()[0].message().find("disk full"), std::string::npos)
      << refused.statuses()[0];
  // New events are refused at once with the reason; reads go on at the
  // durable state.
  const absl::Status next = first.shard->Submit(Event{501, 0, AgentLogout{1}}, [](auto&&) {});
  EXPECT_EQ(next.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(first.shard->Snapshot()->state_hash, durable->state_hash);
  EXPECT_EQ(first.shard->Snapshot()->counts.arrived, durable->counts.arrived);
  first.shard->Stop();

  // A power loss, then a restart on a disk with room again.
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  env.ClearFaults();
  Started second = Start(env, dir.path(), clock);
  ASSERT_NE(second.shard, nullptr);
  EXPECT_EQ(second.shard->Snapshot()->state_hash, durable->state_hash);
}

}  // namespace
}  // namespace acd::testing
