// Snapshots stay readable: a version-1 snapshot stored in tests/core/data
// (taken under the frozen center below, mid-morning with calls waiting,
// ringing and talking) must restore in every later version, and the
// restored engine must then decide exactly what the version that wrote it
// decided (the commands stored beside it).
//
// Regenerate the files only when the format version is bumped, never to
// make this test pass: ACD_WRITE_SNAPSHOT_FIXTURE=1 core_snapshot_test
// --gtest_filter='SnapshotCompat.*' writes them from the running build.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/describe.h"
#include "tests/core/scripted_engine.h"

namespace acd::testing {
namespace {

const std::string kDir = ACD_CORE_TEST_DATA_DIR;
const std::string kSnapshotFile = kDir + "/snapshot_v1.bin";
const std::string kCommandsFile = kDir + "/snapshot_v1_after.txt";

// Frozen: the stored snapshot's fingerprint is this center's. Do not edit.
CenterConfig FrozenCenter() {
  CenterConfig c;
  c.skills = {"sales", "english"};
  QueueConfig sales;
  sales.name = "sales";
  sales.has_skill = true;
  sales.skill = 0;
  sales.wrapup_ms = 20'000;
  sales.max_wait_ms = 120'000;
  sales.on_max_wait = OverflowAction{OverflowKind::kQueue, 1, "", false};
  sales.owner_first_ms = 30'000;
  sales.announcements.first_ms = 15'000;
  sales.announcements.every_ms = 30'000;
  sales.callback.enabled = true;
  QueueConfig desk;
  desk.name = "desk";
  desk.strategy = Strategy::kRandom;
  c.queues = {sales, desk};
  const int levels[] = {9, 6, 3};
  for (AgentId id = 1; id <= 3; ++id) {
    AgentConfig a;
    a.id = id;
    a.queues = {Membership{0, 10, 0, static_cast<uint32_t>(id), 1.0}};
    a.skills = {SkillLevel{0, levels[id - 1]}, SkillLevel{1, 5}};
    c.agents.push_back(a);
  }
  AgentConfig assistant;
  assistant.id = 9;
  assistant.queues = {Membership{1, 10, 0, 0, 1.0}, Membership{0, 5, 20'000, 0, 1.0}};
  c.agents.push_back(assistant);
  c.resume_place_ms = 60'000;
  return c;
}

std::vector<Event> Morning() {
  CallAttributes owned;
  owned.ani = "+4930111";
  owned.owner_agent = 2;
  owned.vip = true;
  return {{1, 0, AgentLogin{1, true}},      {2, 0, AgentLogin{2, true}},
          {3, 0, AgentLogin{9, true}},      {4, 1000, CallArrive{100, {}}},
          {5, 1000, CallEnqueue{100, 0, 0, kMinLevel, {}}},
          {6, 2000, CallArrive{101, owned}},
          {7, 2000, CallEnqueue{101, 0, 2, kMinLevel, {SkillLevel{1, 3}}}},
          {8, 3000, CallAnswer{100, 1}},    {9, 4000, CallArrive{102, {}}},
          {10, 4000, CallEnqueue{102, 0, 0, kMinLevel, {}}},
          {11, 5000, CallArrive{103, {}}},  {12, 5000, CallEnqueue{103, 1, 0, kMinLevel, {}}},
          {13, 6000, AgentNotReady{9, NotReadyReason::kBreak}},
          {14, 7000, CallArrive{104, {}}},  {15, 7000, CallEnqueue{104, 0, 0, kMinLevel, {}}},
          {16, 9000, CallEndTalk{100}}};
}

std::vector<Event> Afterwards() {
  return {{20, 12'000, CallAnswer{101, 2}},  {21, 15'000, CallArrive{105, {}}},
          {22, 15'000, CallEnqueue{105, 0, 0, kMinLevel, {}}}, {23, 40'000, AgentReady{9}},
          {24, 45'000, CallHangup{102}},     {25, 200'000, CallEndTalk{101}}};
}

std::string Play(Engine& engine, VectorSink& sink) {
  sink.commands.clear();
  for (const Event& e : Afterwards()) {
    absl::Status s = engine.Apply(e);
    if (!s.ok()) return "rejected " + DescribeEvent(e) + ": " + s.ToString();
  }
  if (!engine.AdvanceTo(600'000).ok()) return "AdvanceTo failed";
  std::string out;
  for (const Command& c : sink.commands) out += DescribeCommand(c) + "\n";
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SnapshotCompat, Version1StillRestoresAndDecidesAlike) {
  if (std::getenv("ACD_WRITE_SNAPSHOT_FIXTURE") != nullptr) {
    VectorSink sink;
    auto engine = Engine::Create(FrozenCenter(), &sink, EngineOptions{3});
    ASSERT_TRUE(engine.ok()) << engine.status();
    for (const Event& e : Morning()) ASSERT_TRUE((*engine)->Apply(e).ok()) << DescribeEvent(e);
    std::ofstream(kSnapshotFile, std::ios::binary) << (*engine)->Snapshot();
    std::ofstream(kCommandsFile, std::ios::binary) << Play(**engine, sink);
    GTEST_SKIP() << "wrote " << kSnapshotFile << " and " << kCommandsFile;
  }
  const std::string bytes = ReadFile(kSnapshotFile);
  ASSERT_FALSE(bytes.empty()) << "cannot read " << kSnapshotFile;
  VectorSink sink;
  auto restored = Engine::Restore(FrozenCenter(), bytes, &sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(sink.commands.empty());
  const std::string expected = ReadFile(kCommandsFile);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(Play(**restored, sink), expected);
}

}  // namespace
}  // namespace acd::testing
