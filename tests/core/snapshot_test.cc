// Engine snapshots and the state hash taken from them:
//   - a restored engine makes the decisions the original would have made;
//   - fields the old hand-kept hash missed (a waiting call's owner and VIP
//     flag, agent capacity) now change the hash (regression);
//   - every single-bit change of a snapshot is refused or changes the hash
//     (the property that no field is left out of the hash);
//   - damaged, truncated, foreign and future snapshots are refused with a
//     clear status and never crash;
//   - events round-trip through their byte form (acd/event_codec.h).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "acd/event_codec.h"
#include "gtest/gtest.h"
#include "tests/core/describe.h"
#include "tests/core/scenario_test.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

// A center whose sales queue offers a returning caller to their own seller
// first, and has no entry rules: the owner comes with CallArrive alone.
CenterConfig OwnerCenter() {
  CenterConfig c = SalesAndDesk();
  c.queues[0].owner_first_ms = 30'000;
  c.boosts.vip = 5;
  return c;
}

std::string Describe(const std::vector<Command>& commands) {
  std::string out;
  for (const Command& c : commands) out += DescribeCommand(c) + "\n";
  return out;
}

class SnapshotTest : public ScenarioTest {
 protected:
  // A morning with calls waiting, ringing and talking, a wrap-up running
  // and an agent not ready: most records and timers hold something.
  void BusyMorning() {
    CenterConfig center = SalesAndDesk();
    center.queues[0].wrapup_ms = 20'000;
    center.queues[0].max_wait_ms = 120'000;
    center.queues[0].on_max_wait = OverflowAction{OverflowKind::kQueue, 1, "", false};
    Start(center);
    Login(0, {1, 2, 9});
    NewCall(1, 100, 0);
    NewCall(2, 101, 0);
    ASSERT_TRUE(At(3, CallAnswer{100, 1}).ok());
    NewCall(4, 102, 0, 3);
    NewCall(5, 103, 1);
    ASSERT_TRUE(At(6, AgentNotReady{9, NotReadyReason::kBreak}).ok());
    NewCall(7, 104, 1);
    ASSERT_TRUE(At(9, CallEndTalk{100}).ok());
    Advance(10);
  }

  std::unique_ptr<Engine> RestoreHere(VectorSink* sink) {
    auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), sink);
    EXPECT_TRUE(restored.ok()) << restored.status();
    return restored.ok() ? *std::move(restored) : nullptr;
  }
};

TEST_F(SnapshotTest, RestoredEngineMakesTheSameDecisions) {
  BusyMorning();
  VectorSink other;
  std::unique_ptr<Engine> twin = RestoreHere(&other);
  ASSERT_NE(twin, nullptr);
  EXPECT_TRUE(other.commands.empty()) << "a restore emits nothing";
  EXPECT_EQ(twin->StateHash(), engine_->StateHash());
  EXPECT_EQ(twin->Snapshot(), engine_->Snapshot());
  Clear();
  const std::vector<Event> later = {
      {0, 12'000, CallAnswer{101, 2}}, {0, 15'000, CallArrive{105, {}}},
      {0, 15'000, CallEnqueue{105, 0, 0, kMinLevel, {}}}, {0, 40'000, AgentReady{9}},
      {0, 45'000, CallHangup{102}},    {0, 200'000, CallEndTalk{101}}};
  for (const Event& e : later) {
    const absl::Status a = engine_->Apply(e);
    const absl::Status b = twin->Apply(e);
    EXPECT_EQ(a, b) << DescribeEvent(e);
  }
  ASSERT_TRUE(engine_->AdvanceTo(400'000).ok());
  ASSERT_TRUE(twin->AdvanceTo(400'000).ok());
  EXPECT_EQ(Describe(sink_.commands), Describe(other.commands));
  EXPECT_FALSE(sink_.commands.empty());
  EXPECT_EQ(twin->StateHash(), engine_->StateHash());
}

// Regression: the hand-kept hash left out a waiting call's owner and VIP
// flag (without entry rules), so two engines that then offered the call to
// different agents reported the same hash.
TEST_F(SnapshotTest, OwnerAndVipOfAWaitingCallChangeTheHash) {
  VectorSink sink_a, sink_b;
  auto a = Engine::Create(OwnerCenter(), &sink_a, EngineOptions{7});
  auto b = Engine::Create(OwnerCenter(), &sink_b, EngineOptions{7});
  ASSERT_TRUE(a.ok() && b.ok());
  // Seller 3 is on another call when call 1 comes in: a caller who is
  // theirs waits for them (owner_first_ms), anyone else goes to seller 1.
  for (Engine* e : {a->get(), b->get()}) {
    ASSERT_TRUE(e->Apply(Event{0, 500, AgentLogin{3, true}}).ok());
    ASSERT_TRUE(e->Apply(Event{0, 600, CallArrive{50, {}}}).ok());
    ASSERT_TRUE(e->Apply(Event{0, 600, CallEnqueue{50, 0, 0, kMinLevel, {}}}).ok());
    ASSERT_TRUE(e->Apply(Event{0, 700, CallAnswer{50, 3}}).ok());
  }
  CallAttributes owned;
  owned.owner_agent = 3;
  owned.vip = true;
  ASSERT_TRUE((*a)->Apply(Event{0, 1000, CallArrive{1, owned}}).ok());
  ASSERT_TRUE((*b)->Apply(Event{0, 1000, CallArrive{1, {}}}).ok());
  for (Engine* e : {a->get(), b->get()}) {
    ASSERT_TRUE(e->Apply(Event{0, 2000, CallEnqueue{1, 0, 0, kMinLevel, {}}}).ok());
  }
  EXPECT_NE((*a)->StateHash(), (*b)->StateHash());
  // And the futures differ indeed: only B offers the call to seller 1.
  sink_a.commands.clear();
  sink_b.commands.clear();
  for (Engine* e : {a->get(), b->get()}) {
    ASSERT_TRUE(e->Apply(Event{0, 3000, AgentLogin{1, true}}).ok());
  }
  ASSERT_FALSE(sink_a.commands.empty());
  ASSERT_FALSE(sink_b.commands.empty());
  EXPECT_NE(Describe(sink_a.commands), Describe(sink_b.commands));
}

TEST_F(SnapshotTest, CapacityAndMembershipsChangeTheHash) {
  CenterConfig one = SalesAndDesk();
  CenterConfig two = one;
  two.agents[0].capacity = 2;
  CenterConfig moved = one;
  moved.agents[0].queues[0].delay_ms = 5'000;
  VectorSink sink;
  auto a = Engine::Create(one, &sink);
  auto b = Engine::Create(two, &sink);
  auto c = Engine::Create(moved, &sink);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_NE((*a)->StateHash(), (*b)->StateHash());
  EXPECT_NE((*a)->StateHash(), (*c)->StateHash());
}

// The property behind "equal hashes mean equal futures": any single bit of
// the state changed gives another hash, or a snapshot that is refused.
TEST_F(SnapshotTest, EveryBitFlipIsRefusedOrChangesTheHash) {
  BusyMorning();
  const std::string bytes = engine_->Snapshot();
  const uint64_t hash = engine_->StateHash();
  int accepted = 0, refused = 0;
  VectorSink sink;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string mutated = bytes;
      mutated[i] = static_cast<char>(mutated[i] ^ (1 << bit));
      auto restored = Engine::Restore(engine_->center(), mutated, &sink);
      if (!restored.ok()) {
        ++refused;
        continue;
      }
      ++accepted;
      EXPECT_NE((*restored)->StateHash(), hash) << "byte " << i << " bit " << bit;
    }
  }
  EXPECT_TRUE(sink.commands.empty());
  EXPECT_GT(accepted, 0);  // changes of plain values (times, counters) restore
  EXPECT_GT(refused, 0);
}

TEST_F(SnapshotTest, DamagedSnapshotsAreRefusedWithTheReason) {
  BusyMorning();
  const std::string bytes = engine_->Snapshot();
  VectorSink sink;
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto restored = Engine::Restore(engine_->center(), bytes.substr(0, n), &sink);
    ASSERT_FALSE(restored.ok()) << "a snapshot cut at " << n << " bytes was accepted";
    EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss) << restored.status();
  }
  auto longer = Engine::Restore(engine_->center(), bytes + "x", &sink);
  EXPECT_EQ(longer.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(longer.status().message().find("end of the snapshot"), std::string::npos);

  std::string future = bytes;
  future[4] = 13;  // the version varint: one past the newest (12)
  auto newer = Engine::Restore(engine_->center(), future, &sink);
  EXPECT_EQ(newer.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find("version 13"), std::string::npos) << newer.status();

  CenterConfig other = engine_->center();
  other.queues[0].ring_timeout_ms += 1000;
  auto foreign = Engine::Restore(other, bytes, &sink);
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(foreign.status().message().find("another center"), std::string::npos);
  EXPECT_EQ(Engine::Restore(engine_->center(), bytes, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(sink.commands.empty());
}

TEST_F(SnapshotTest, FreshEngineRoundTrips) {
  Start(SalesAndDesk());
  VectorSink sink;
  std::unique_ptr<Engine> restored = RestoreHere(&sink);
  ASSERT_NE(restored, nullptr);
  EXPECT_EQ(restored->StateHash(), engine_->StateHash());
}

// Every event the fuzz generator draws (faults included) round-trips
// through its byte form, and every cut of it is refused.
TEST(EventCodecTest, FuzzEventsRoundTrip) {
  int kinds_seen[std::variant_size_v<EventBody>] = {};
  auto all_seen = [&kinds_seen] {
    for (int n : kinds_seen) if (n == 0) return false;
    return true;
  };
  for (uint64_t seed = 1; seed <= 40 && !all_seen(); ++seed) {
    FuzzOptions options;
    options.seed = seed;
    options.events = 1500;
    options.record = true;
    const FuzzResult run = RunFuzzSeed(options);
    ASSERT_TRUE(run.ok) << run.report;
    for (const Step& step : run.steps) {
      const std::string bytes = EncodeEvent(step.event);
      absl::StatusOr<Event> back = DecodeEvent(bytes);
      ASSERT_TRUE(back.ok()) << back.status() << " " << DescribeEvent(step.event);
      EXPECT_TRUE(SameEvent(*back, step.event)) << DescribeEvent(step.event);
      if (kinds_seen[step.event.body.index()]++ > 0) continue;
      for (size_t n = 0; n < bytes.size(); ++n) {  // the first of each kind
        EXPECT_EQ(DecodeEvent(bytes.substr(0, n)).status().code(), absl::StatusCode::kDataLoss);
      }
    }
  }
  for (size_t k = 0; k < std::variant_size_v<EventBody>; ++k) {
    EXPECT_GT(kinds_seen[k], 0) << "no event of kind " << k << " was drawn";
  }
}

TEST(EventCodecTest, UnknownKindAndVersionAreRefused) {
  std::string bytes = EncodeEvent(Event{7, 1000, CallHangup{3}});
  bytes[3] = 120;  // the kind byte after id (1 byte) and time (2 bytes)
  absl::StatusOr<Event> bad = DecodeEvent(bytes);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("event.kind"), std::string::npos) << bad.status();
  EXPECT_EQ(DecodeEvent(EncodeEvent(Event{}), kEventCodecVersion + 1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace acd::testing
