// Snapshots stay readable: a snapshot of each version stored in
// tests/core/data (taken under the frozen center below, mid-morning with
// calls waiting, ringing and talking; from version 2 a call on hold too,
// from version 3 a call transferred to a named agent, ringing there, from
// version 4 a caller on hold while their agent consults the sales queue,
// from version 5 a desk caller with a wait credit ahead of an earlier one,
// from version 6 desk callers whose level bounds a set_level_bounds rule
// moved, under FrozenCenterV6; from version 7 a seller wrapping up for
// sales alone while a desk caller rings at it, the assistant at a run-time
// level in the desk queue, and the caller transferred to the assistant
// carrying its first answer, earlier than its connection, under
// FrozenCenterV7; from version 8 seller 1 paused in sales alone too;
// from version 9 sales orders its agents by their counters of its own calls,
// under FrozenCenterV9; version 10 is a morning of its own, under
// FrozenCenterV10: the assistant on two chats with a voice call ringing
// beside them)
// must restore in every later version, and the restored engine must then
// decide exactly what the version that wrote it decided (the commands
// stored beside it).
//
// Write the current version's files only when the format version is
// bumped, never to make this test pass: ACD_WRITE_SNAPSHOT_FIXTURE=1
// core_snapshot_test --gtest_filter='SnapshotCompat.*' writes them from the
// running build. The files of older versions are never written again.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/core/describe.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/snapshot_compat.h"

namespace acd::testing {
namespace {

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

// Frozen likewise, for version 6 on: the desk queue's callers have their
// upper level bound and level cap moved as they enter (a maximum of 9 and
// a cap of 5: the assistant at 10 counts as 5, inside the bounds, so the
// decisions are the version-5 ones). Do not edit.
CenterConfig FrozenCenterV6() {
  CenterConfig c = FrozenCenter();
  OverflowRule rule;
  rule.name = "penaltychange";
  rule.action = RuleActionKind::kSetLevelBounds;
  rule.bounds = LevelBoundsChange{{}, {true, -1}, {false, 5}};
  c.queues[1].rules = {rule};
  return c;
}

// Frozen likewise, for version 7 on: sales keeps its wrap-up to its own
// calls (wrapup_here_only) and seller 1 serves the desk too. Do not edit.
CenterConfig FrozenCenterV7() {
  CenterConfig c = FrozenCenterV6();
  c.queues[0].wrapup_here_only = true;
  c.agents[0].queues.push_back(Membership{1, 10, 0, 0, 1.0});
  return c;
}

// Frozen likewise, for version 9 on: sales (longest idle) orders its
// agents by the end of their last sales call (counters_here_only, Asterisk's
// leastrecent with shared_lastcall = no). Do not edit.
CenterConfig FrozenCenterV9() {
  CenterConfig c = FrozenCenterV7();
  c.queues[0].counters_here_only = true;
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

// A call entering queue 0 (built field by field: GCC 12 misreads moving a
// braced empty InlinedVector out of an aggregate as uninitialized).
Event Enqueue(EventId id, TimeMs time_ms, CallId call) {
  CallEnqueue e;
  e.call = call;
  return Event{id, time_ms, e};
}

std::vector<Event> Afterwards() {
  return {{20, 12'000, CallAnswer{101, 2}},  {21, 15'000, CallArrive{105, {}}},
          Enqueue(22, 15'000, 105), {23, 40'000, AgentReady{9}},
          {24, 45'000, CallHangup{102}},     {25, 200'000, CallEndTalk{101}}};
}

// Version 2: the same morning, but the first call is still connected and
// on hold (after an earlier hold), and the assistant on a break is on an
// outbound call, when the snapshot is taken.
std::vector<Event> MorningV2() {
  std::vector<Event> events = Morning();
  events.back() = {16, 8000, CallHold{100}};
  events.push_back({17, 8500, CallResume{100}});
  events.push_back({18, 9000, CallHold{100}});
  events.push_back({40, 9000, OutboundCall{900, 9}});
  return events;
}

std::vector<Event> AfterwardsV2() {
  CallUpdate crm{105, CallUpdate::kVip | CallUpdate::kOwnerAgent, {}};
  crm.attributes.vip = true;
  crm.attributes.owner_agent = 1;
  return {{19, 10'000, CallResume{100}},
          {30, 11'000, CallEndTalk{100, EndedBy::kAgent}},
          {20, 12'000, CallAnswer{101, 2}},
          {21, 15'000, CallArrive{105, {}}},
          Enqueue(22, 15'000, 105),
          {31, 16'000, crm},
          {32, 17'000, CallSetPriority{105, 3}},
          {41, 30'000, CallHangup{900}},
          {23, 40'000, AgentReady{9}},
          {24, 45'000, CallHangup{102}},
          {25, 200'000, CallEndTalk{101}}};
}

// Version 3: the version-2 morning, then the assistant ends the outbound
// call, comes back from the break, takes a desk call and ends it, and
// seller 1 transfers the caller on hold to the assistant, whose phone
// rings when the snapshot is taken.
std::vector<Event> MorningV3() {
  std::vector<Event> events = MorningV2();
  events.push_back({41, 9'400, CallHangup{900}});
  events.push_back({50, 9'500, AgentReady{9}});
  events.push_back({51, 9'600, CallAnswer{103, 9}});
  events.push_back({52, 9'700, CallEndTalk{103}});
  events.push_back({53, 9'800, CallTransferToAgent{100, 9}});
  return events;
}

std::vector<Event> AfterwardsV3() {
  return {{20, 12'000, CallAnswer{101, 2}},
          {54, 15'000, CallAnswer{100, 9}},
          {55, 16'000, CallHold{100}},
          {56, 40'000, CallEndTalk{100, EndedBy::kCaller}},
          {24, 45'000, CallHangup{102}},
          {25, 200'000, CallEndTalk{101}}};
}

// Version 4: the version-3 morning, then the assistant answers the
// transfer and consults the sales queue (the caller on hold, the consult
// leg waiting in sales) when the snapshot is taken.
std::vector<Event> MorningV4() {
  std::vector<Event> events = MorningV3();
  events.push_back({60, 10'000, CallAnswer{100, 9}});
  events.push_back({61, 10'500, CallConsult{100, 700, 0, 0}});
  return events;
}

// The consult is cancelled; a second one, to seller 2, completes.
std::vector<Event> AfterwardsV4() {
  return {{20, 12'000, CallAnswer{101, 2}},
          {62, 13'000, CallConsultEnd{100, false}},
          {63, 14'000, CallEndTalk{101, EndedBy::kAgent}},
          {64, 15'000, CallConsult{100, 701, 2, 0}},
          {65, 20'000, CallConsultEnd{100, true}},
          {24, 45'000, CallHangup{102}},
          {66, 60'000, CallEndTalk{100, EndedBy::kCaller}}};
}

// Version 5: the version-4 morning, then two callers enter the desk queue,
// the second with a wait credit that puts it ahead of the first.
std::vector<Event> MorningV5() {
  std::vector<Event> events = MorningV4();
  events.push_back({70, 10'600, CallArrive{702, {}}});
  CallEnqueue plain;
  plain.call = 702;
  plain.queue = 1;
  events.push_back({71, 10'600, plain});
  events.push_back({72, 10'700, CallArrive{703, {}}});
  CallEnqueue credited = plain;
  credited.call = 703;
  credited.wait_credit_ms = 5'000;
  events.push_back({73, 10'700, credited});
  return events;
}

// The version-4 afternoon (the assistant, free again, takes the credited
// desk caller first), then the other desk caller hangs up.
std::vector<Event> AfterwardsV5() {
  std::vector<Event> events = AfterwardsV4();
  events.push_back({74, 61'000, CallHangup{702}});
  return events;
}

// Version 7: the version-5 morning, then a supervisor sets the assistant's
// level in the desk queue (AgentSetLevel). Call 100, answered by seller 1
// at 3 s and by the assistant after a transfer at 10 s, carries its first
// answer in the snapshot.
std::vector<Event> MorningV7() {
  std::vector<Event> events = MorningV5();
  events.push_back({80, 10'800, AgentSetLevel{9, 1, 7}});
  return events;
}

// The version-5 afternoon (call 100 ends waiting 2 s, arrival to its first
// answer), then the assistant's level in every queue that takes one.
std::vector<Event> AfterwardsV7() {
  std::vector<Event> events = AfterwardsV5();
  events.push_back({81, 62'000, AgentSetLevel{9, std::nullopt, 6}});
  return events;
}

// Version 8: the version-7 morning, then seller 1 pauses in sales alone
// (AgentNotReady with a queue) during its wrap-up for sales.
std::vector<Event> MorningV8() {
  std::vector<Event> events = MorningV7();
  events.push_back({82, 10'900, AgentNotReady{1, NotReadyReason::kBreak, 0}});
  return events;
}

TEST(SnapshotCompat, Version1StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(1, &Afterwards, FrozenCenter());
}

TEST(SnapshotCompat, Version2StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(2, &AfterwardsV2, FrozenCenter());
}

TEST(SnapshotCompat, Version3StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(3, &AfterwardsV3, FrozenCenter());
}

TEST(SnapshotCompat, Version4StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(4, &AfterwardsV4, FrozenCenter());
}

TEST(SnapshotCompat, Version5StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(5, &AfterwardsV5, FrozenCenter());
}

// Version 6: the version-5 morning and afternoon under FrozenCenterV6.
TEST(SnapshotCompat, Version6StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(6, &AfterwardsV5, FrozenCenterV6());
}

// Version 7: the version-7 morning and afternoon under FrozenCenterV7:
// when the snapshot is taken seller 1, released by its transfer, wraps up
// for sales alone while a desk caller rings at it, and the assistant has a
// run-time level in the desk queue; afterwards call 100 ends waiting 2 s
// (arrival to its first answer) and the assistant's level changes in every
// queue that takes one.
TEST(SnapshotCompat, Version7StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(7, &AfterwardsV7, FrozenCenterV7());
}

// Version 8: the version-8 morning and afternoon under FrozenCenterV7: when
// the snapshot is taken seller 1 (wrapping up for sales) is paused in
// sales alone; afterwards the version-7 afternoon, in which a missed ring
// pauses seller 1 everywhere, and that ends its pause in sales.
TEST(SnapshotCompat, Version8StillRestoresAndDecidesAlike) {
  ExpectRestoresAndDecidesAlike(8, &AfterwardsV7, FrozenCenterV7());
}

// Version 9: the version-8 morning and the version-7 afternoon under
// FrozenCenterV9: when the snapshot is taken seller 1 has ended a sales
// call (its transfer) and the assistant none, sellers 2 and 3 none either;
// the snapshot carries each membership's counters of its queue's calls
// (restored as written, and the sales keys filed by them) and the
// afternoon decides as the build that wrote it did (as under version 8:
// no afternoon offer has a choice the counters turn).
TEST(SnapshotCompat, Version9StillRestoresAndDecidesAlike) {
  if (std::getenv("ACD_WRITE_SNAPSHOT_FIXTURE") != nullptr) {
    VectorSink sink;
    auto engine = Engine::Create(FrozenCenterV9(), &sink, EngineOptions{3});
    ASSERT_TRUE(engine.ok()) << engine.status();
    for (const Event& e : MorningV8()) ASSERT_TRUE((*engine)->Apply(e).ok()) << DescribeEvent(e);
    const AgentView seller = *(*engine)->GetAgent(1);
    ASSERT_TRUE(seller.queue_counters[0].ended);
    std::ofstream(SnapshotFile(9), std::ios::binary) << (*engine)->Snapshot();
    const std::string after = Play(**engine, sink, &AfterwardsV7);
    ASSERT_EQ(after.find("rejected"), std::string::npos) << after;
    std::ofstream(CommandsFile(9), std::ios::binary) << after;
    GTEST_SKIP() << "wrote " << SnapshotFile(9) << " and " << CommandsFile(9);
  }
  ExpectRestoresAndDecidesAlike(9, &AfterwardsV7, FrozenCenterV9());
  VectorSink sink;
  auto restored = Engine::Restore(FrozenCenterV9(), ReadFile(SnapshotFile(9)), &sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  ASSERT_TRUE((*restored)->CheckInvariants().ok()) << (*restored)->CheckInvariants();
  // Seller 1 answered call 100 at 3 s and left it by its transfer at 9.8 s.
  const AgentView seller = *(*restored)->GetAgent(1);
  EXPECT_EQ(seller.queue_counters[0], (AgentView::QueueCounters{0, 1, 6'800, true, 9'800}));
}

// ---- version 10 (channels) ----
// Frozen: the stored snapshot's fingerprint is this center's. Do not edit.
// FrozenCenterV9 and a chat queue "web" the assistant serves with voice 1
// and chat 2 (total 3), chat interrupted by voice.
CenterConfig FrozenCenterV10() {
  CenterConfig c = FrozenCenterV9();
  QueueConfig web;
  web.name = "web";
  web.media = Media::kChat;
  c.queues.push_back(web);
  AgentConfig& assistant = c.agents[3];
  assistant.queues.push_back(Membership{2, 10, 0, 0, 1.0});
  assistant.capacity = 3;
  assistant.channels = {ChannelConfig{Media::kVoice, 1, 0},
                        ChannelConfig{Media::kChat, 2, 1u << static_cast<int>(Media::kVoice)}};
  return c;
}

// The assistant answers chats 900 and 901; desk (voice) call 902 rings at
// it beside them when the snapshot is taken.
std::vector<Event> MorningV10() {
  return {{1, 0, AgentLogin{9, true}},     {2, 1000, CallArrive{900, {}}},
          EnqueueAt(3, 1000, 900, 2),      {4, 1500, CallAnswer{900, 9}},
          {5, 2000, CallArrive{901, {}}},  EnqueueAt(6, 2000, 901, 2),
          {7, 2500, CallAnswer{901, 9}},   {8, 3000, CallArrive{902, {}}},
          EnqueueAt(9, 3000, 902, 1)};
}

// A third chat waits (chat capacity 2); the voice call is answered; a chat
// ends but chat may not interrupt voice, so the third chat is offered only
// when the voice call ends.
std::vector<Event> AfterwardsV10() {
  return {{20, 4000, CallArrive{903, {}}},   EnqueueAt(21, 4000, 903, 2),
          {22, 4500, CallAnswer{902, 9}},    {23, 5000, CallEndTalk{900}},
          {24, 9000, CallEndTalk{902}},      {25, 9500, CallAnswer{903, 9}}};
}

TEST(SnapshotCompat, Version10StillRestoresAndDecidesAlike) {
  if (std::getenv("ACD_WRITE_SNAPSHOT_FIXTURE") != nullptr) {
    VectorSink sink;
    auto engine = Engine::Create(FrozenCenterV10(), &sink, EngineOptions{3});
    ASSERT_TRUE(engine.ok()) << engine.status();
    for (const Event& e : MorningV10()) ASSERT_TRUE((*engine)->Apply(e).ok()) << DescribeEvent(e);
    ASSERT_EQ((*engine)->GetAgent(9)->load, 3u);  // two chats and the voice offer
    std::ofstream(SnapshotFile(10), std::ios::binary) << (*engine)->Snapshot();
    const std::string after = Play(**engine, sink, &AfterwardsV10);
    ASSERT_EQ(after.find("rejected"), std::string::npos) << after;
    std::ofstream(CommandsFile(10), std::ios::binary) << after;
    GTEST_SKIP() << "wrote " << SnapshotFile(10) << " and " << CommandsFile(10);
  }
  ExpectRestoresAndDecidesAlike(10, &AfterwardsV10, FrozenCenterV10());
}
// ---- end of version 10

}  // namespace
}  // namespace acd::testing
