// Snapshots stay readable, from version 11 on (snapshot_compat_test.cc holds
// versions 1 to 10): version 11 writes a call's next overflow rule as the
// rule's index with its time, so that a recurring rule's place survives a
// restore. The morning below stops with callers between the times of a
// recurring rule, one of them before a once-only rule due later; the
// restored engine must decide exactly what the build that wrote it decided.
//
// Write the version's files only when the format version is bumped, never
// to make this test pass: ACD_WRITE_SNAPSHOT_FIXTURE=1 core_snapshot_test
// --gtest_filter='SnapshotCompat.Version11*' writes them from the running
// build.
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/describe.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/snapshot_compat.h"

namespace acd::testing {
namespace {

// Frozen: the stored snapshot's fingerprint is this center's. Do not edit.
// One queue whose callers age (priority +1 at 5 s and every 10 s after) and
// whose staffing is checked at 20 s and every 20 s after (nobody logged in:
// voicemail); one agent.
CenterConfig FrozenCenterV11() {
  CenterConfig c;
  QueueConfig line;
  line.name = "line";
  OverflowRule aging;
  aging.name = "aging";
  aging.after_ms = 5'000;
  aging.every_ms = 10'000;
  aging.action = RuleActionKind::kRaisePriority;
  aging.priority_delta = 1;
  OverflowRule staffing;
  staffing.name = "staffing";
  staffing.after_ms = 20'000;
  staffing.every_ms = 20'000;
  staffing.condition = RuleCondition::kNoAgentLoggedIn;
  staffing.route = OverflowAction{OverflowKind::kVoicemail, 0, "line-mailbox", false};
  line.rules = {aging, staffing};
  c.queues = {line};
  AgentConfig agent;
  agent.id = 1;
  agent.queues = {Membership{0, 10, 0, 0, 1.0}};
  c.agents = {agent};
  return c;
}

// Call 500 waits from 0 s (aged at 5 and 15 s: its next time is the
// staffing check at 20 s), call 501 from 8 s (aged at 13 s: next at 23 s).
std::vector<Event> MorningV11() {
  return {{1, 0, CallArrive{500, {}}}, EnqueueAt(2, 0, 500, 0), {3, 8'000, CallArrive{501, {}}},
          EnqueueAt(4, 8'000, 501, 0), {5, 17'000, CallArrive{502, {}}}};
}

// The agent logs in at 18 s and takes the older, higher caller; call 501
// ages on (23, 33 s), its staffing check at 28 s finds the agent; it is
// answered when call 500 ends; call 502 never enters a queue.
std::vector<Event> AfterwardsV11() {
  return {{20, 18'000, AgentLogin{1, true}}, {21, 19'000, CallAnswer{500, 1}},
          {22, 35'000, CallEndTalk{500}},   {23, 36'000, CallAnswer{501, 1}},
          {24, 37'000, CallHangup{502}}};
}

TEST(SnapshotCompat, Version11StillRestoresAndDecidesAlike) {
  if (std::getenv("ACD_WRITE_SNAPSHOT_FIXTURE") != nullptr) {
    VectorSink sink;
    auto engine = Engine::Create(FrozenCenterV11(), &sink, EngineOptions{3});
    ASSERT_TRUE(engine.ok()) << engine.status();
    for (const Event& e : MorningV11()) ASSERT_TRUE((*engine)->Apply(e).ok()) << DescribeEvent(e);
    ASSERT_EQ((*engine)->GetCall(500)->priority, 2);
    ASSERT_EQ((*engine)->GetCall(501)->priority, 1);
    std::ofstream(SnapshotFile(11), std::ios::binary) << (*engine)->Snapshot();
    const std::string after = Play(**engine, sink, &AfterwardsV11);
    ASSERT_EQ(after.find("rejected"), std::string::npos) << after;
    std::ofstream(CommandsFile(11), std::ios::binary) << after;
    GTEST_SKIP() << "wrote " << SnapshotFile(11) << " and " << CommandsFile(11);
  }
  ExpectRestoresAndDecidesAlike(11, &AfterwardsV11, FrozenCenterV11());
}

}  // namespace
}  // namespace acd::testing
