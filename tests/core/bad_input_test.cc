// Bad input: every kind of rejected event gets the documented status code,
// a message that starts with the offending field, no command, and leaves
// the state hash exactly as it was. And every bad center field gives an
// error naming its path.
#include <cctype>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/core/scripted_engine.h"

namespace acd::testing {
namespace {

using Code = absl::StatusCode;

constexpr AgentId kA = 101, kB = 102, kOut = 103;  // kOut stays logged out
constexpr CallId kIvr = 10, kRinging = 11, kTalking = 12, kWaiting = 13, kEnded = 14;

CenterConfig SmallCenter() {
  CenterConfig c;
  c.skills = {"fr", "en", "vip"};
  QueueConfig sales;
  sales.name = "sales";
  sales.wrapup_ms = 0;
  QueueConfig desk;
  desk.name = "desk";
  desk.strategy = Strategy::kRingAll;
  c.queues = {sales, desk};
  c.agents = {
      AgentConfig{kA, "a", 1, {Membership{0, 5}}, {{0, 7}}, 0, 0, 0, {}, {}, 0, {}},
      AgentConfig{kB, "b", 1, {Membership{0, 8}}, {{0, 3}, {1, 9}}, 0, 0, 0, {}, {}, 0, {}},
      AgentConfig{kOut, "out", 1, {Membership{1, 5}}, {}, 0, 0, 0, {}, {}, 0, {}},
  };
  return c;
}

// bool NamesField: "field: ...", "field[i].x: ..." or "field.x: ...".
::testing::AssertionResult NamesField(const absl::Status& status, const std::string& field) {
  const absl::string_view m = status.message();
  if (absl::StartsWith(m, field) && m.size() > field.size() &&
      (m[field.size()] == ':' || m[field.size()] == '[' || m[field.size()] == '.') &&
      absl::StrContains(m, ": ")) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "message does not start with '" << field
                                       << "': " << status;
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = ScriptedEngine::Create(SmallCenter());
    ASSERT_TRUE(created.ok()) << created.status();
    s_ = *std::move(created);
    ASSERT_TRUE(s_->Send(AgentLogin{kA, true}).ok());
    ASSERT_TRUE(s_->Send(AgentLogin{kB, true}).ok());
    for (CallId call : {kIvr, kRinging, kTalking, kWaiting, kEnded}) {
      ASSERT_TRUE(s_->Send(CallArrive{call, {}}).ok());
    }
    ASSERT_TRUE(s_->Send(Enqueue(kTalking, 0), 10).ok());
    talker_ = *s_->OfferedTo(kTalking);
    ASSERT_TRUE(s_->Send(CallAnswer{kTalking, talker_}).ok());
    ASSERT_TRUE(s_->Send(Enqueue(kRinging, 0), 10).ok());
    ringer_ = *s_->OfferedTo(kRinging);
    ASSERT_NE(ringer_, talker_);
    ASSERT_TRUE(s_->Send(Enqueue(kWaiting, 0), 10).ok());
    ASSERT_FALSE(s_->OfferedTo(kWaiting).has_value());
    ASSERT_TRUE(s_->Send(CallHangup{kEnded}).ok());
  }

  // The event is rejected with `code`, names `field`, emits nothing and
  // leaves the state hash unchanged.
  void ExpectRejected(const Event& event, Code code, const std::string& field) {
    const uint64_t before = s_->engine().StateHash();
    const absl::Status status = s_->SendRaw(event);
    EXPECT_EQ(status.code(), code) << status;
    EXPECT_TRUE(NamesField(status, field));
    EXPECT_TRUE(s_->last().empty()) << "a rejected event emitted commands";
    EXPECT_EQ(s_->engine().StateHash(), before) << "a rejected event changed the state";
  }
  void ExpectRejected(EventBody body, Code code, const std::string& field) {
    ExpectRejected(Event{900'000 + ++extra_ids_, s_->engine().now_ms(), std::move(body)}, code,
                   field);
  }

  std::unique_ptr<ScriptedEngine> s_;
  AgentId talker_ = 0, ringer_ = 0;
  EventId extra_ids_ = 0;
};

TEST_F(BadInputTest, UnknownCall) {
  for (EventBody body : std::vector<EventBody>{
           Enqueue(777, 0), CallAnswer{777, kA}, CallDecline{777, kA}, CallHangup{777},
           CallEndTalk{777}, CallTransfer{777, 1}, CallRoute{777, Disposition::kVoicemail},
           CallTransferToAgent{777, kA}}) {
    ExpectRejected(body, Code::kNotFound, "call");
  }
}

TEST_F(BadInputTest, ZeroIds) {
  ExpectRejected(CallArrive{0, {}}, Code::kInvalidArgument, "call");
  ExpectRejected(CallHangup{0}, Code::kInvalidArgument, "call");
  ExpectRejected(AgentLogin{0, true}, Code::kInvalidArgument, "agent");
}

TEST_F(BadInputTest, UnknownAgent) {
  for (EventBody body : std::vector<EventBody>{
           AgentLogin{999, true}, AgentLogout{999}, AgentReady{999},
           AgentNotReady{999, NotReadyReason::kBreak}, AgentSetSkills{999, {}},
           CallAnswer{kRinging, 999}, CallDecline{kRinging, 999}}) {
    ExpectRejected(body, Code::kNotFound, "agent");
  }
}

TEST_F(BadInputTest, QueueOutOfRange) {
  ExpectRejected(Enqueue(kIvr, 2), Code::kNotFound, "queue");
  ExpectRejected(CallTransfer{kWaiting, 7}, Code::kNotFound, "queue");
}

TEST_F(BadInputTest, DuplicateEventIdIsRecognised) {
  const Event repeat{s_->last_event_id(), s_->engine().now_ms(), CallArrive{50, {}}};
  ExpectRejected(repeat, Code::kAlreadyExists, "event_id");
}

// A PBX that re-sends an event after a lost acknowledgement sends it as it
// was, with its original time: it must be recognised as a repeat, not
// blamed for a time going backwards.
TEST_F(BadInputTest, ExactResendOfAnOlderEventIsRecognisedAsARepeat) {
  const Event first{1, 1'000'000, AgentLogin{kA, true}};  // SetUp's first event
  ASSERT_TRUE(s_->AdvanceBy(5'000).ok());
  ExpectRejected(first, Code::kAlreadyExists, "event_id");
}

TEST_F(BadInputTest, EventIdZeroIsNeverADuplicate) {
  EXPECT_TRUE(s_->SendRaw(Event{0, s_->engine().now_ms(), CallArrive{60, {}}}).ok());
  EXPECT_TRUE(s_->SendRaw(Event{0, s_->engine().now_ms(), CallArrive{61, {}}}).ok());
}

TEST_F(BadInputTest, ARejectedEventLeavesItsIdFree) {
  const EventId id = 5'000;
  ExpectRejected(Event{id, s_->engine().now_ms(), CallHangup{777}}, Code::kNotFound, "call");
  EXPECT_TRUE(s_->SendRaw(Event{id, s_->engine().now_ms(), CallArrive{62, {}}}).ok());
}

TEST_F(BadInputTest, DuplicateAndReusedCallIds) {
  ExpectRejected(CallArrive{kWaiting, {}}, Code::kAlreadyExists, "call");
  ExpectRejected(CallArrive{kEnded, {}}, Code::kAlreadyExists, "call");
}

TEST_F(BadInputTest, TimeGoingBackwards) {
  ExpectRejected(Event{800'001, s_->engine().now_ms() - 1, CallArrive{70, {}}},
                 Code::kInvalidArgument, "time_ms");
  const uint64_t before = s_->engine().StateHash();
  const absl::Status status = s_->engine().AdvanceTo(s_->engine().now_ms() - 1);
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_TRUE(NamesField(status, "time_ms"));
  EXPECT_EQ(s_->engine().StateHash(), before);
}

TEST_F(BadInputTest, AnswerOrDeclineByAnAgentWithoutTheOffer) {
  ExpectRejected(CallAnswer{kRinging, talker_}, Code::kFailedPrecondition, "agent");
  ExpectRejected(CallDecline{kRinging, kOut}, Code::kFailedPrecondition, "agent");
  ExpectRejected(CallAnswer{kWaiting, kA}, Code::kFailedPrecondition, "agent");
  ExpectRejected(CallAnswer{kTalking, talker_}, Code::kFailedPrecondition, "call");
}

TEST_F(BadInputTest, AnswerAfterHangUp) {
  ASSERT_TRUE(s_->Send(CallHangup{kRinging}).ok());
  ExpectRejected(CallAnswer{kRinging, ringer_}, Code::kFailedPrecondition, "call");
}

TEST_F(BadInputTest, EventsForAnEndedCall) {
  for (EventBody body : std::vector<EventBody>{
           CallHangup{kEnded}, CallEndTalk{kEnded}, Enqueue(kEnded, 0),
           CallTransfer{kEnded, 1}, CallDecline{kEnded, kA}, CallTransferToAgent{kEnded, kA},
           CallRoute{kEnded, Disposition::kVoicemail}}) {
    ExpectRejected(body, Code::kFailedPrecondition, "call");
  }
}

TEST_F(BadInputTest, LevelsOutsideOneToTen) {
  for (int level : {0, 11, -3}) {
    ExpectRejected(Enqueue(kIvr, 0, 0, level), Code::kInvalidArgument, "min_level");
    ExpectRejected(Enqueue(kIvr, 0, 0, 1, {{0, level}}), Code::kInvalidArgument,
                   "required_skills[0].level");
    ExpectRejected(AgentSetSkills{kA, {{1, level}}}, Code::kInvalidArgument, "skills[0].level");
  }
}

TEST_F(BadInputTest, SkillsThatDoNotExistOrRepeat) {
  ExpectRejected(Enqueue(kIvr, 0, 0, 1, {{3, 5}}), Code::kNotFound,
                 "required_skills[0].skill");
  ExpectRejected(AgentSetSkills{kA, {{9, 5}}}, Code::kNotFound, "skills[0].skill");
  ExpectRejected(AgentSetSkills{kA, {{1, 5}, {1, 6}}}, Code::kInvalidArgument,
                 "skills[1].skill");
  ExpectRejected(Enqueue(kIvr, 0, 0, 1, {{0, 5}, {1, 5}, {2, 5}, {0, 6}, {1, 6}}),
                 Code::kInvalidArgument, "required_skills");
}

TEST_F(BadInputTest, PriorityOutOfRange) {
  for (int priority : {1001, -1001, 1 << 30}) {
    ExpectRejected(Enqueue(kIvr, 0, priority), Code::kInvalidArgument, "priority");
    ExpectRejected(CallTransfer{kWaiting, 1, priority}, Code::kInvalidArgument, "priority");
  }
}

TEST_F(BadInputTest, AgentStateEventsThatDoNotFit) {
  ExpectRejected(AgentLogout{kOut}, Code::kFailedPrecondition, "agent");
  ExpectRejected(AgentReady{kOut}, Code::kFailedPrecondition, "agent");
  ExpectRejected(AgentNotReady{kOut, NotReadyReason::kBreak}, Code::kFailedPrecondition,
                 "agent");
  ExpectRejected(AgentLogin{kA, true}, Code::kFailedPrecondition, "agent");
  ExpectRejected(AgentNotReady{kA, NotReadyReason::kNone}, Code::kInvalidArgument, "reason");
}

TEST_F(BadInputTest, CallEventsThatDoNotFitTheCallsState) {
  ExpectRejected(Enqueue(kWaiting, 1), Code::kFailedPrecondition, "call");
  ExpectRejected(CallEndTalk{kWaiting}, Code::kFailedPrecondition, "call");
  ExpectRejected(CallEndTalk{kIvr}, Code::kFailedPrecondition, "call");
  ExpectRejected(CallTransfer{kRinging, 1}, Code::kFailedPrecondition, "call");
  ExpectRejected(CallTransfer{kWaiting, 0}, Code::kFailedPrecondition, "queue");
  ExpectRejected(CallRoute{kTalking, Disposition::kVoicemail}, Code::kFailedPrecondition, "call");
  ExpectRejected(CallTransferToAgent{kWaiting, kOut}, Code::kFailedPrecondition, "call");
  ExpectRejected(CallTransferToAgent{kRinging, kOut}, Code::kFailedPrecondition, "call");
}

// A transfer to a named agent: the target must exist, be another agent and
// be available now; the engine does not wait for them.
TEST_F(BadInputTest, TransferToAnAgentWhoCannotTakeIt) {
  ExpectRejected(CallTransferToAgent{kTalking, 0}, Code::kInvalidArgument, "agent");
  ExpectRejected(CallTransferToAgent{kTalking, 4242}, Code::kNotFound, "agent");
  ExpectRejected(CallTransferToAgent{kTalking, talker_}, Code::kFailedPrecondition, "agent");
  ExpectRejected(CallTransferToAgent{kTalking, ringer_}, Code::kFailedPrecondition, "agent");
  ExpectRejected(CallTransferToAgent{kTalking, kOut}, Code::kFailedPrecondition, "agent");
  ExpectRejected(CallTransferToAgent{0, kOut}, Code::kInvalidArgument, "call");
}

TEST_F(BadInputTest, RouteWithANonTerminalDisposition) {
  for (Disposition d : {Disposition::kNone, Disposition::kAnswered,
                        Disposition::kAbandonedInQueue, Disposition::kAbandonedRinging,
                        Disposition::kAbandonedInIvr}) {
    ExpectRejected(CallRoute{kIvr, d}, Code::kInvalidArgument, "disposition");
  }
}

TEST_F(BadInputTest, TooManyDistinctSkillSetsInAQueue) {
  // Pool 0 is "no extra skills"; 15 more distinct sets fill the queue.
  CallId call = 100;
  for (int level = 1; level <= 10; ++level) {
    for (SkillId skill : {SkillId{0}, SkillId{1}}) {
      if (level > 5 && skill == 1) continue;
      ASSERT_TRUE(s_->Send(CallArrive{call, {}}).ok());
      ASSERT_TRUE(s_->Send(Enqueue(call++, 1, 0, 1, {{skill, level}})).ok());
    }
  }
  ASSERT_TRUE(s_->Send(CallArrive{call, {}}).ok());
  ExpectRejected(Enqueue(call, 1, 0, 1, {{2, 1}}), Code::kResourceExhausted,
                 "required_skills");
}

TEST(BadInputBounds, LiveCallLimitIsBackPressure) {
  CenterConfig center = SmallCenter();
  center.max_live_calls = 2;
  auto s = *ScriptedEngine::Create(center);
  ASSERT_TRUE(s->Send(CallArrive{1, {}}).ok());
  ASSERT_TRUE(s->Send(CallArrive{2, {}}).ok());
  const uint64_t before = s->engine().StateHash();
  const absl::Status status = s->Send(CallArrive{3, {}});
  EXPECT_EQ(status.code(), Code::kResourceExhausted) << status;
  EXPECT_TRUE(NamesField(status, "call"));
  EXPECT_EQ(s->engine().StateHash(), before);
  ASSERT_TRUE(s->Send(CallHangup{1}).ok());
  EXPECT_TRUE(s->Send(CallArrive{3, {}}).ok()) << "room again once a call ended";
}

// ---- ValidateCenter: each bad field is named by its path ----

struct CenterCase {
  const char* path;
  std::function<void(CenterConfig&)> spoil;
};

class BadCenterTest : public ::testing::TestWithParam<CenterCase> {};

TEST_P(BadCenterTest, ErrorNamesTheFieldPath) {
  CenterConfig center = SmallCenter();
  ASSERT_TRUE(ValidateCenter(center).ok());
  GetParam().spoil(center);
  const absl::Status status = ValidateCenter(center);
  ASSERT_EQ(status.code(), Code::kInvalidArgument) << status;
  bool named = false;
  for (absl::string_view line : absl::StrSplit(status.message(), '\n')) {
    named |= absl::StartsWith(line, absl::StrCat(GetParam().path, ":"));
  }
  EXPECT_TRUE(named) << "no line starts with " << GetParam().path << ": " << status;
  VectorSink sink;
  EXPECT_EQ(Engine::Create(center, &sink).status().code(), Code::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, BadCenterTest,
    ::testing::Values(
        CenterCase{"skills[1]", [](CenterConfig& c) { c.skills[1] = ""; }},
        CenterCase{"skills[2]", [](CenterConfig& c) { c.skills[2] = "fr"; }},
        CenterCase{"queues[1].name", [](CenterConfig& c) { c.queues[1].name = ""; }},
        CenterCase{"queues[1].name", [](CenterConfig& c) { c.queues[1].name = "sales"; }},
        CenterCase{"queues[1].ring_timeout_ms",
                   [](CenterConfig& c) { c.queues[1].ring_timeout_ms = 0; }},
        CenterCase{"queues[0].wrapup_ms", [](CenterConfig& c) { c.queues[0].wrapup_ms = -1; }},
        CenterCase{"queues[0].max_misses", [](CenterConfig& c) { c.queues[0].max_misses = -2; }},
        CenterCase{"queues[1].auto_pause_here_only",
                   [](CenterConfig& c) {
                     c.queues[1].max_misses = 0;
                     c.queues[1].auto_pause_here_only = true;
                   }},
        CenterCase{"queues[1].rules_from_arrival",
                   [](CenterConfig& c) {
                     c.queues[1].rules.clear();
                     c.queues[1].rules_from_arrival = true;
                   }},
        CenterCase{"queues[1].auto_pause_delay_ms",
                   [](CenterConfig& c) {
                     c.queues[1].max_misses = 0;
                     c.queues[1].auto_pause_delay_ms = 30'000;
                   }},
        CenterCase{"queues[0].auto_pause_delay_ms",
                   [](CenterConfig& c) { c.queues[0].auto_pause_delay_ms = -1; }},
        CenterCase{"queues[1].auto_pause_busy",
                   [](CenterConfig& c) {
                     c.queues[1].max_misses = 0;
                     c.queues[1].auto_pause_busy = true;
                   }},
        CenterCase{"queues[1].auto_pause_unavailable",
                   [](CenterConfig& c) {
                     c.queues[1].max_misses = 0;
                     c.queues[1].auto_pause_unavailable = true;
                   }},
        CenterCase{"queues[1].keep_rules_at_entry",
                   [](CenterConfig& c) {
                     c.queues[1].rules.clear();
                     c.queues[1].keep_rules_at_entry = true;
                   }},
        CenterCase{"queues[1].ring_timeout_moves_on",
                   [](CenterConfig& c) {
                     c.queues[1].rules.clear();
                     c.queues[1].ring_timeout_moves_on = true;
                   }},
        CenterCase{"queues[0].rules[0].every_ms",
                   [](CenterConfig& c) {
                     OverflowRule aging;
                     aging.name = "aging";
                     aging.action = RuleActionKind::kRaisePriority;
                     aging.priority_delta = 1;
                     aging.every_ms = 10;  // a busy loop, not a step
                     c.queues[0].rules = {aging};
                   }},
        CenterCase{"queues[0].wait_weight",
                   [](CenterConfig& c) { c.queues[0].wait_weight = 0; }},
        CenterCase{"queues[1].priority", [](CenterConfig& c) { c.queues[1].priority = 5000; }},
        CenterCase{"queues[0].skill",
                   [](CenterConfig& c) {
                     c.queues[0].has_skill = true;
                     c.queues[0].skill = 3;
                   }},
        CenterCase{"queues[0].max_wait_ms",
                   [](CenterConfig& c) { c.queues[0].max_wait_ms = -5; }},
        CenterCase{"queues[0].on_max_wait",
                   [](CenterConfig& c) { c.queues[0].max_wait_ms = 5000; }},
        CenterCase{"queues[0].on_max_wait.queue",
                   [](CenterConfig& c) {
                     c.queues[0].max_wait_ms = 5000;
                     c.queues[0].on_max_wait = {OverflowKind::kQueue, 9, ""};
                   }},
        CenterCase{"queues[1].max_length", [](CenterConfig& c) { c.queues[1].max_length = 0; }},
        CenterCase{"queues[1].on_full",
                   [](CenterConfig& c) { c.queues[1].on_full = {OverflowKind::kNone, 0, ""}; }},
        CenterCase{"queues[1].ring_all_max",
                   [](CenterConfig& c) { c.queues[1].ring_all_max = 0; }},
        CenterCase{"queues[1].on_full.queue",
                   [](CenterConfig& c) {
                     c.queues[0].on_full = {OverflowKind::kQueue, 1, ""};
                     c.queues[1].on_full = {OverflowKind::kQueue, 0, ""};
                   }},
        CenterCase{"agents[0].id", [](CenterConfig& c) { c.agents[0].id = 0; }},
        CenterCase{"agents[2].id", [](CenterConfig& c) { c.agents[2].id = kA; }},
        CenterCase{"agents[1].capacity", [](CenterConfig& c) { c.agents[1].capacity = 0; }},
        CenterCase{"agents[1].capacity",
                   [](CenterConfig& c) { c.agents[1].capacity = 4'294'967'295u; }},
        CenterCase{"agents[0].queues[0].queue",
                   [](CenterConfig& c) { c.agents[0].queues[0].queue = 4; }},
        CenterCase{"agents[0].queues[1].queue",
                   [](CenterConfig& c) { c.agents[0].queues.push_back(Membership{0, 3}); }},
        CenterCase{"agents[1].queues[0].level",
                   [](CenterConfig& c) { c.agents[1].queues[0].level = 11; }},
        CenterCase{"agents[1].queues[0].delay_ms",
                   [](CenterConfig& c) { c.agents[1].queues[0].delay_ms = -1; }},
        CenterCase{"agents[1].queues[0].weight",
                   [](CenterConfig& c) { c.agents[1].queues[0].weight = 0; }},
        CenterCase{"agents[1].skills[1].skill",
                   [](CenterConfig& c) { c.agents[1].skills[1].skill = 7; }},
        CenterCase{"agents[1].skills[1].skill",
                   [](CenterConfig& c) { c.agents[1].skills[1].skill = 0; }},
        CenterCase{"agents[0].skills[0].level",
                   [](CenterConfig& c) { c.agents[0].skills[0].level = 0; }},
        CenterCase{"queues[0]",
                   [](CenterConfig& c) {
                     for (TimeMs d : {1000, 2000, 3000, 4000}) {
                       c.agents.push_back(AgentConfig{static_cast<AgentId>(500 + d / 1000), "x",
                                                      1, {Membership{0, 5, d}}, {}, 0, 0, 0, {}, {}, 0, {}});
                     }
                   }},
        CenterCase{"max_live_calls", [](CenterConfig& c) { c.max_live_calls = 0; }},
        CenterCase{"dedupe_window", [](CenterConfig& c) { c.dedupe_window = 0; }},
        CenterCase{"ended_calls_window", [](CenterConfig& c) { c.ended_calls_window = 0; }}),
    [](const ::testing::TestParamInfo<CenterCase>& info) {
      std::string name;
      for (const char* p = info.param.path; *p != '\0'; ++p) {
        if (std::isalnum(static_cast<unsigned char>(*p))) name += *p;
      }
      return name + "_" + std::to_string(info.index);
    });

}  // namespace
}  // namespace acd::testing
