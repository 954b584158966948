// A shard on its real journal (JournalInputLog over ShardJournal), on real
// files: acknowledged events survive a restart and a power loss, snapshots
// shorten recovery without changing the state, and a full disk or a failed
// sync makes the shard refuse new events with the reason while it keeps
// serving reads and loses nothing it acknowledged.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "acd/bytes.h"
#include "acd/center_codec.h"
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
  const uint64_t before_hash = *first.shard->StateHash();
  Started second = Start(Env::Default(), dir.path(), clock);
  ASSERT_NE(second.shard, nullptr);
  EXPECT_EQ(*second.shard->StateHash(), before_hash);
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
  const uint64_t hash = *first.shard->StateHash();
  Started second = Start(Env::Default(), dir.path(), clock, journal_options);
  ASSERT_NE(second.shard, nullptr);
  EXPECT_TRUE(second.log->last_recovery().journal.snapshot_seq.has_value())
      << second.log->last_recovery().ToString();
  EXPECT_EQ(*second.shard->StateHash(), hash);
}

// Every command released so far, taken from a subscription.
std::vector<SequencedCommand> TakeAll(Subscription& subscription) {
  std::vector<SequencedCommand> out;
  while (true) {
    absl::StatusOr<size_t> n = subscription.Take(&out, 4096, std::chrono::milliseconds(100));
    EXPECT_TRUE(n.ok()) << n.status();
    if (!n.ok() || *n == 0) return out;
  }
}

void ExpectSame(const SequencedCommand& replayed, const SequencedCommand& live) {
  EXPECT_EQ(replayed.seq, live.seq);
  EXPECT_EQ(replayed.command, live.command) << "seq " << live.seq;
  EXPECT_EQ(replayed.cause_event, live.cause_event) << "seq " << live.seq;
}

// The numbering of commands goes on across restarts: the commands a
// recovery replays carry the numbers, contents and causes they were
// released with, whether the recovery starts from the open record or from
// a snapshot (which records the count), and live ones follow on.
TEST(JournalShard, CommandNumberingGoesOnAcrossRestartsAndSnapshots) {
  for (const uint64_t snapshot_every : {uint64_t{0}, uint64_t{40}}) {
    SCOPED_TRACE(snapshot_every == 0 ? "from the open record" : "from a snapshot");
    TempDir dir;
    ManualClock clock(8 * 3600 * 1000);
    ShardJournalOptions journal_options;
    journal_options.snapshot_every_records = snapshot_every;
    journal_options.snapshot_every_ms = 0;
    ShardOptions options;
    options.clock = &clock;
    options.keep_replayed = 50;
    auto log = std::make_unique<JournalInputLog>(Env::Default(), dir.path(), journal_options);
    options.log = log.get();
    auto first = Shard::Start("sales", TinyCenter(3), options);
    ASSERT_TRUE(first.ok()) << first.status();
    EXPECT_TRUE((*first)->numbering_continues());  // a new journal starts at 0
    EXPECT_TRUE((*first)->TakeReplayed().empty());
    std::unique_ptr<Subscription> live = (*first)->Subscribe("test");
    ASSERT_GT(SubmitAll(**first, clock, Morning(1, 60)), 200);
    const std::vector<SequencedCommand> released = TakeAll(*live);
    ASSERT_GT(released.size(), 100u);
    for (size_t i = 0; i < released.size(); ++i) ASSERT_EQ(released[i].seq, i + 1);
    (*first)->Stop();
    live.reset();
    first->reset();

    auto log2 = std::make_unique<JournalInputLog>(Env::Default(), dir.path(), journal_options);
    options.log = log2.get();
    auto second = Shard::Start("sales", TinyCenter(3), options);
    ASSERT_TRUE(second.ok()) << second.status();
    EXPECT_EQ(log2->last_recovery().journal.snapshot_seq.has_value(), snapshot_every != 0)
        << log2->last_recovery().ToString();
    ASSERT_TRUE((*second)->numbering_continues());
    EXPECT_EQ((*second)->released_seq(), released.size());
    const std::vector<SequencedCommand> replayed = (*second)->TakeReplayed();
    ASSERT_FALSE(replayed.empty());
    ASSERT_LE(replayed.size(), 50u);
    for (const SequencedCommand& r : replayed) {
      ASSERT_GE(r.seq, 1u);
      ASSERT_LE(r.seq, released.size());
      ExpectSame(r, released[r.seq - 1]);
    }
    EXPECT_EQ(replayed.back().seq, released.size());
    std::unique_ptr<Subscription> after = (*second)->Subscribe("test");
    ASSERT_GT(SubmitAll(**second, clock, Morning(10'000, 2)), 5);
    const std::vector<SequencedCommand> next = TakeAll(*after);
    ASSERT_FALSE(next.empty());
    EXPECT_EQ(next.front().seq, released.size() + 1);
    (*second)->Stop();
  }
}

// A snapshot written before snapshots counted commands (record version 1)
// still restores; the count is then unknown, and the shard says its
// numbering starts again.
TEST(JournalShard, AVersionOneSnapshotRestoresWithAnUnknownCount) {
  NullSink sink;
  auto engine = Engine::Create(TinyCenter(2), &sink);
  ASSERT_TRUE(engine.ok());
  ByteWriter v1;
  v1.PutU8(1);
  v1.PutFixed64(7);
  v1.PutBytes(EncodeCenter((*engine)->center()));
  v1.PutBytes((*engine)->Snapshot());
  absl::StatusOr<ShardSnapshotRecord> old = DecodeShardSnapshotRecord(v1.data());
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->seed, 7u);
  EXPECT_FALSE(old->commands.has_value());
  ByteWriter v2;
  v2.PutU8(2);
  v2.PutFixed64(7);
  v2.PutBytes(EncodeCenter((*engine)->center()));
  v2.PutBytes((*engine)->Snapshot());
  v2.PutVarint(12345);
  absl::StatusOr<ShardSnapshotRecord> counted = DecodeShardSnapshotRecord(v2.data());
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(counted->commands, 12345u);
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
  const uint64_t durable_hash = *first.shard->StateHash();

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
  EXPECT_EQ(*first.shard->StateHash(), durable_hash);
  EXPECT_EQ(first.shard->Snapshot()->counts.arrived, durable->counts.arrived);
  first.shard->Stop();

  // A power loss, then a restart on a disk with room again.
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  env.ClearFaults();
  Started second = Start(env, dir.path(), clock);
  ASSERT_NE(second.shard, nullptr);
  EXPECT_EQ(*second.shard->StateHash(), durable_hash);
}

}  // namespace
}  // namespace acd::testing
