// The queue log's format: escaping, the line of every command kind, names,
// and the reader's errors (field, line and reason).
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/queue_log.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::HasSubstr;

constexpr TimeMs kEight = 8 * 3'600'000;  // 1970-01-01 08:00 UTC

CenterConfig NamesCenter() {
  CenterConfig c;
  QueueConfig sales;
  sales.name = "sales";
  OverflowRule rule;
  rule.name = "relax|fast";
  sales.rules.push_back(rule);
  QueueConfig unnamed;
  c.queues = {sales, unnamed};
  for (auto [id, name] : std::vector<std::pair<AgentId, std::string>>{
           {101, "Anna Berg"}, {102, "Bo"}, {103, "Bo"}, {104, ""}, {105, "NONE"}}) {
    AgentConfig a;
    a.id = id;
    a.name = name;
    c.agents.push_back(a);
  }
  return c;
}

std::string LineOf(QueueLogFormatter* f, TimeMs time_ms, CommandBody body) {
  return FormatQueueLogLine(f->Format(Command{time_ms, std::move(body)}));
}

TEST(QueueLogEscape, RoundTripsEveryAwkwardCharacter) {
  for (std::string text : {std::string(""), std::string("plain"), std::string("a|b"),
                           std::string("back\\slash"), std::string("two\nlines\r\n"),
                           std::string("\\|\\n|\\"), std::string("ends with \\")}) {
    const std::string escaped = EscapeQueueLogText(text);
    EXPECT_EQ(escaped.find('\n'), std::string::npos) << escaped;
    EXPECT_EQ(escaped.find('\r'), std::string::npos) << escaped;
    absl::StatusOr<std::string> back = UnescapeQueueLogText(escaped);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, text);
    // In a line, as a queue name (when not empty) and as free text.
    QueueLogRecord rule{1, 2, text.empty() ? "q" : text, "", QueueLogEvent::kRule,
                        {"0", "1", text}};
    absl::StatusOr<QueueLogRecord> line = ParseQueueLogLine(FormatQueueLogLine(rule));
    ASSERT_TRUE(line.ok()) << line.status();
    EXPECT_EQ(*line, rule);
  }
  EXPECT_EQ(EscapeQueueLogText("a|b\\c\nd"), "a\\|b\\\\c\\nd");
}

TEST(QueueLogEscape, RejectsUnknownAndDanglingEscapes) {
  EXPECT_THAT(UnescapeQueueLogText("ab\\x").status().message(),
              HasSubstr("column 3: unknown escape '\\x'"));
  EXPECT_THAT(UnescapeQueueLogText("ab\\").status().message(),
              HasSubstr("column 3: a '\\' ends the text"));
}

TEST(QueueLogTime, IsIsoUtcWithMilliseconds) {
  EXPECT_EQ(FormatQueueLogTime(kEight + 3'250), "1970-01-01T08:00:03.250Z");
  EXPECT_EQ(FormatQueueLogTime(1'795'939'200'000), "2026-11-29T08:00:00.000Z");
}

TEST(QueueLogFormatter, WritesTheDocumentedLines) {
  QueueLogFormatter f(NamesCenter());
  EXPECT_EQ(LineOf(&f, kEight, CallQueued{17, 0, 3}),
            "28800000|1970-01-01T08:00:00.000Z|17|sales|NONE|ENTERQUEUE|3");
  EXPECT_EQ(LineOf(&f, kEight + 10, Offer{17, 101, 0, 10'000, false, true}),
            "28800010|1970-01-01T08:00:00.010Z|17|sales|Anna Berg|OFFER|10000|0|1");
  EXPECT_EQ(LineOf(&f, kEight + 10'010, CancelOffer{17, 101, CancelReason::kRingTimeout}),
            "28810010|1970-01-01T08:00:10.010Z|17|sales|Anna Berg|RINGNOANSWER|10000");
  EXPECT_EQ(LineOf(&f, kEight + 10'010, CallQueued{17, 0, 2}),
            "28810010|1970-01-01T08:00:10.010Z|17|sales|NONE|REQUEUE|2");
  EXPECT_EQ(LineOf(&f, kEight + 11'000, RuleApplied{17, 0, 0, true, "relax|fast"}),
            "28811000|1970-01-01T08:00:11.000Z|17|sales|NONE|RULE|0|1|relax\\|fast");
  EXPECT_EQ(LineOf(&f, kEight + 12'000, Announce{17, 0, 2, false, 60'000}),
            "28812000|1970-01-01T08:00:12.000Z|17|sales|NONE|ANNOUNCE|2|0|60000");
  EXPECT_EQ(LineOf(&f, kEight + 13'000, Offer{17, 102, 0, 10'000, true, false}),
            "28813000|1970-01-01T08:00:13.000Z|17|sales|102|OFFER|10000|1|0");
  EXPECT_EQ(LineOf(&f, kEight + 13'000, Offer{17, 104, 0, 10'000, true, false}),
            "28813000|1970-01-01T08:00:13.000Z|17|sales|104|OFFER|10000|1|0");
  EXPECT_EQ(LineOf(&f, kEight + 16'000, CallConnected{17, 102, 0, 16'000}),
            "28816000|1970-01-01T08:00:16.000Z|17|sales|102|CONNECT|16000|3000");
  EXPECT_EQ(
      LineOf(&f, kEight + 16'000, CancelOffer{17, 104, CancelReason::kAnsweredElsewhere}),
      "28816000|1970-01-01T08:00:16.000Z|17|sales|104|RINGCANCELED|answered_elsewhere|3000");
  EXPECT_EQ(LineOf(&f, kEight + 76'000,
                   CallEnded{17, Disposition::kAnswered, true, 0, 102, 16'000, 60'000}),
            "28876000|1970-01-01T08:01:16.000Z|17|sales|102|COMPLETE|answered|16000|60000");
  EXPECT_EQ(f.live_calls(), 0u);
}

// Asterisk's JOINEMPTY: a caller the queue refused at the door (join_empty),
// on the refusing queue's name.
TEST(QueueLogFormatter, RefusedJoinIsJoinEmpty) {
  QueueLogFormatter f(NamesCenter());
  EXPECT_EQ(LineOf(&f, kEight, RouteCall{18, 0, OverflowKind::kVoicemail, 0, RouteCause::kJoinEmpty,
                                         -1, "box"}),
            "28800000|1970-01-01T08:00:00.000Z|18|sales|NONE|JOINEMPTY|voicemail|NONE|-1|box");
}

// Asterisk's COMPLETECALLER / COMPLETEAGENT when the PBX said who hung up.
TEST(QueueLogFormatter, AnsweredCallSaysWhoHungUp) {
  QueueLogFormatter f(NamesCenter());
  CallEnded ended{17, Disposition::kAnswered, true, 0, 102, 16'000, 60'000, 5'000,
                  EndedBy::kCaller};
  EXPECT_EQ(LineOf(&f, kEight, ended),
            "28800000|1970-01-01T08:00:00.000Z|17|sales|102|COMPLETECALLER|answered|16000|60000");
  ended.ended_by = EndedBy::kAgent;
  EXPECT_EQ(LineOf(&f, kEight, ended),
            "28800000|1970-01-01T08:00:00.000Z|17|sales|102|COMPLETEAGENT|answered|16000|60000");
  ended.ended_by = EndedBy::kUnknown;
  EXPECT_EQ(LineOf(&f, kEight, ended),
            "28800000|1970-01-01T08:00:00.000Z|17|sales|102|COMPLETE|answered|16000|60000");
  for (QueueLogEvent e : {QueueLogEvent::kCompleteCaller, QueueLogEvent::kCompleteAgent}) {
    EXPECT_TRUE(IsTerminalQueueLogEvent(e));
    absl::StatusOr<QueueLogRecord> back = ParseQueueLogLine(
        FormatQueueLogLine(QueueLogRecord{1, 17, "sales", "Bo", e, {"answered", "1", "2"}}));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->event, e);
  }
  EXPECT_EQ(TerminalEventFor(Disposition::kAnswered, EndedBy::kAgent), QueueLogEvent::kCompleteAgent);
  // An agent's outbound call: in no queue, its agent named.
  EXPECT_EQ(LineOf(&f, kEight, CallEnded{900, Disposition::kOutbound, false, 0, 101, 0, 42'000, 0,
                                         EndedBy::kCaller}),
            "28800000|1970-01-01T08:00:00.000Z|900|NONE|Anna Berg|ENDED|outbound|0|42000");
  // A callback's end keeps its own line.
  EXPECT_EQ(TerminalEventFor(Disposition::kCallbackCompleted, EndedBy::kCaller),
            QueueLogEvent::kCallbackDone);
}

TEST(QueueLogFormatter, RoutesAndEndsOfUnqueuedCalls) {
  QueueLogFormatter f(NamesCenter());
  RouteCall entry{5, 0, OverflowKind::kReject, 0, RouteCause::kEntryRule, 3, "mail us|now"};
  EXPECT_EQ(LineOf(&f, 0, entry),
            "0|1970-01-01T00:00:00.000Z|5|NONE|NONE|ENTRYRULE|reject|NONE|3|mail us\\|now");
  EXPECT_EQ(LineOf(&f, 0, CallEnded{5, Disposition::kRejected, false, 0, 0, 0, 0}),
            "0|1970-01-01T00:00:00.000Z|5|NONE|NONE|EXITREJECTED|rejected|0|0");
  RouteCall move{6, 0, OverflowKind::kQueue, 1, RouteCause::kMaxWait, -1, ""};
  EXPECT_EQ(LineOf(&f, 1, move),
            "1|1970-01-01T00:00:00.001Z|6|sales|NONE|EXITWITHTIMEOUT|queue|1|-1|");
  EXPECT_EQ(LineOf(&f, 1, CallQueued{6, 1, 1}),
            "1|1970-01-01T00:00:00.001Z|6|1|NONE|ENTERQUEUE|1");
  EXPECT_EQ(LineOf(&f, 2, CallEnded{6, Disposition::kAbandonedInQueue, true, 1, 0, 90, 0}),
            "2|1970-01-01T00:00:00.002Z|6|1|NONE|ABANDON|abandoned_in_queue|90|0");
}

// A max wait that cuts a ringing offer (max_wait_cuts_ring, Asterisk's
// timeoutpriority=app): the ring is cancelled, not the agent's RINGNOANSWER,
// then the caller's EXITWITHTIMEOUT.
TEST(QueueLogFormatter, MaxWaitCuttingARingIsRingCanceledThenExitWithTimeout) {
  QueueLogFormatter f(NamesCenter());
  ASSERT_FALSE(LineOf(&f, 0, CallQueued{7, 0, 1}).empty());
  ASSERT_FALSE(LineOf(&f, 10'000, Offer{7, 101, 0, 15'000, false, false}).empty());
  EXPECT_EQ(LineOf(&f, 20'000, CancelOffer{7, 101, CancelReason::kCallMoved}),
            "20000|1970-01-01T00:00:20.000Z|7|sales|Anna Berg|RINGCANCELED|call_moved|10000");
  RouteCall out{7, 0, OverflowKind::kVoicemail, 0, RouteCause::kMaxWait, -1, "box"};
  EXPECT_EQ(LineOf(&f, 20'000, out),
            "20000|1970-01-01T00:00:20.000Z|7|sales|NONE|EXITWITHTIMEOUT|voicemail|NONE|-1|box");
}

// A transfer to a named agent: one BLINDTRANSFER line under the agent who
// transferred, naming the colleague; the colleague's ring is measured from it.
TEST(QueueLogFormatter, WritesATransferToAnAgent) {
  QueueLogFormatter f(NamesCenter());
  LineOf(&f, 1'000, CallQueued{30, 0, 1});
  LineOf(&f, 2'000, Offer{30, 101, 0, 10'000, false, false});
  LineOf(&f, 3'000, CallConnected{30, 101, 0, 2'000});
  EXPECT_EQ(LineOf(&f, 9'000, Offer{30, 102, 0, 10'000, false, false, false, 101}),
            "9000|1970-01-01T00:00:09.000Z|30|sales|Anna Berg|BLINDTRANSFER|102|10000");
  EXPECT_EQ(LineOf(&f, 12'000, CallConnected{30, 102, 0, 11'000}),
            "12000|1970-01-01T00:00:12.000Z|30|sales|102|CONNECT|11000|3000");
  QueueLogEvent event;
  ASSERT_TRUE(ParseQueueLogEvent("BLINDTRANSFER", &event));
  EXPECT_EQ(event, QueueLogEvent::kBlindTransfer);
  EXPECT_EQ(QueueLogFields(event).size(), 2u);
}

// An attended transfer: the completed consult is one ATTENDEDTRANSFER line
// under the agent who consulted, naming the colleague; the consult leg to
// the colleague (in no queue) ends in one ENDED line under them.
TEST(QueueLogFormatter, WritesAnAttendedTransfer) {
  QueueLogFormatter f(NamesCenter());
  LineOf(&f, 1'000, CallQueued{31, 0, 1});
  LineOf(&f, 2'000, Offer{31, 101, 0, 10'000, false, false});
  LineOf(&f, 3'000, CallConnected{31, 101, 0, 2'000});
  EXPECT_EQ(LineOf(&f, 20'000, CallEnded{32, Disposition::kConsult, false, 0, 102, 0, 5'000, 0,
                                         EndedBy::kAgent}),
            "20000|1970-01-01T00:00:20.000Z|32|NONE|102|ENDED|consult|0|5000");
  EXPECT_EQ(LineOf(&f, 20'000, CallConnected{31, 102, 0, 19'000, 101}),
            "20000|1970-01-01T00:00:20.000Z|31|sales|Anna Berg|ATTENDEDTRANSFER|102|19000");
  EXPECT_EQ(LineOf(&f, 60'000, CallEnded{31, Disposition::kAnswered, true, 0, 102, 19'000,
                                         40'000, 8'000, EndedBy::kCaller}),
            "60000|1970-01-01T00:01:00.000Z|31|sales|102|COMPLETECALLER|answered|19000|40000");
  QueueLogEvent event;
  ASSERT_TRUE(ParseQueueLogEvent("ATTENDEDTRANSFER", &event));
  EXPECT_EQ(event, QueueLogEvent::kAttendedTransfer);
  EXPECT_EQ(QueueLogFields(event).size(), 2u);
}

// A callback's life: waits, is offered, dialled (no answer), held for the
// back-off, dialled again, connected and completed; and the other ends.
TEST(QueueLogFormatter, WritesACallbacksLines) {
  QueueLogFormatter f(NamesCenter());
  EXPECT_EQ(LineOf(&f, 1'000, CallQueued{512, 0, 2}),
            "1000|1970-01-01T00:00:01.000Z|512|sales|NONE|ENTERQUEUE|2");
  EXPECT_EQ(LineOf(&f, 2'000, Offer{512, 101, 0, 10'000, false, false, true}),
            "2000|1970-01-01T00:00:02.000Z|512|sales|Anna Berg|CALLBACKOFFER|10000|0|0");
  EXPECT_EQ(LineOf(&f, 5'000, DialCallback{512, 101, 0, "+4930500077", 1}),
            "5000|1970-01-01T00:00:05.000Z|512|sales|Anna Berg|CALLBACKDIAL|+4930500077|1");
  EXPECT_EQ(LineOf(&f, 20'000, CallbackHeld{512, 0, 920'000, 1}),
            "20000|1970-01-01T00:00:20.000Z|512|sales|NONE|CALLBACKHELD|920000|1");
  EXPECT_EQ(LineOf(&f, 920'000, CallQueued{512, 0, 1}),
            "920000|1970-01-01T00:15:20.000Z|512|sales|NONE|REQUEUE|1");
  EXPECT_EQ(LineOf(&f, 925'000, DialCallback{512, 101, 0, "+4930500077", 2}),
            "925000|1970-01-01T00:15:25.000Z|512|sales|Anna Berg|CALLBACKDIAL|+4930500077|2");
  EXPECT_EQ(LineOf(&f, 935'000, CallConnected{512, 101, 0, 934'000}),
            "935000|1970-01-01T00:15:35.000Z|512|sales|Anna Berg|CONNECT|934000|-1");
  EXPECT_EQ(LineOf(&f, 995'000, CallEnded{512, Disposition::kCallbackCompleted, true, 0, 101,
                                          934'000, 60'000}),
            "995000|1970-01-01T00:16:35.000Z|512|sales|Anna Berg|CALLBACKDONE|callback_completed|"
            "934000|60000");
  EXPECT_EQ(f.live_calls(), 0u);
  // A callback held for the caller's window before it ever waited in line.
  EXPECT_EQ(LineOf(&f, 1'000, CallbackHeld{513, 1, 3'600'000, 0}),
            "1000|1970-01-01T00:00:01.000Z|513|1|NONE|CALLBACKHELD|3600000|0");
  EXPECT_EQ(LineOf(&f, 7'200'000, CallEnded{513, Disposition::kCallbackExpired, true, 1, 0,
                                            7'199'000, 0}),
            "7200000|1970-01-01T02:00:00.000Z|513|1|NONE|CALLBACKEXPIRED|callback_expired|"
            "7199000|0");
  EXPECT_EQ(TerminalEventFor(Disposition::kCallbackFailed), QueueLogEvent::kCallbackFailed);
  EXPECT_EQ(TerminalEventFor(Disposition::kCallbackCancelled), QueueLogEvent::kCallbackCancel);
  EXPECT_EQ(f.live_calls(), 0u);
}

// AgentLevelChanged (AgentSetLevel): one PENALTY line per membership, as
// app_queue writes `queue|NONE|interface|PENALTY|penalty`, with acd's level.
TEST(QueueLogFormatter, WritesALevelChangeAsPenalty) {
  QueueLogFormatter f(NamesCenter());
  EXPECT_EQ(LineOf(&f, 5, AgentLevelChanged{101, 0, 8}),
            "5|1970-01-01T00:00:00.005Z|NONE|sales|Anna Berg|PENALTY|8");
  EXPECT_EQ(LineOf(&f, 5, AgentLevelChanged{102, 1, 1}),
            "5|1970-01-01T00:00:00.005Z|NONE|1|102|PENALTY|1");  // two agents are "Bo"
  const absl::StatusOr<QueueLogRecord> back =
      ParseQueueLogLine("5|1970-01-01T00:00:00.005Z|NONE|sales|Anna Berg|PENALTY|8");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->event, QueueLogEvent::kPenalty);
  EXPECT_EQ(back->Number("level"), 8);
}

// AgentPauseChanged (a pause in one queue): PAUSE / UNPAUSE under the
// queue's name, as app_queue writes `queue|NONE|interface|PAUSE|reason` for
// a QueuePause with a Queue; a pause everywhere stays the agent line PAUSE
// under NONE.
TEST(QueueLogFormatter, WritesAPauseInOneQueueUnderItsName) {
  QueueLogFormatter f(NamesCenter());
  EXPECT_EQ(LineOf(&f, 5, AgentPauseChanged{101, 0, true, NotReadyReason::kBreak}),
            "5|1970-01-01T00:00:00.005Z|NONE|sales|Anna Berg|PAUSE|not_ready|break");
  EXPECT_EQ(LineOf(&f, 6, AgentPauseChanged{101, 0, false, NotReadyReason::kNone}),
            "6|1970-01-01T00:00:00.006Z|NONE|sales|Anna Berg|UNPAUSE|ready|none");
  const absl::StatusOr<QueueLogRecord> back =
      ParseQueueLogLine("6|1970-01-01T00:00:00.006Z|NONE|sales|Anna Berg|UNPAUSE|ready|none");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->event, QueueLogEvent::kUnpause);
  EXPECT_EQ(back->queue, "sales");
}

// A caller answered, transferred to another queue and answered again: the
// terminal line's wait_ms is the engine's CallEnded's, arrival to the first
// answer (3 s), not to the second connection.
TEST(QueueLogFormatter, TransferredCallWaitsToItsFirstAnswer) {
  CenterConfig c;
  QueueConfig sales, desk;
  sales.name = "sales";
  desk.name = "desk";
  c.queues = {sales, desk};
  AgentConfig anna, bo;
  anna.id = 101;
  anna.queues = {Membership{0, 10, 0, 0, 1.0}};
  bo.id = 102;
  bo.queues = {Membership{1, 10, 0, 0, 1.0}};
  c.agents = {anna, bo};
  VectorSink sink;
  auto engine = Engine::Create(c, &sink, EngineOptions{1});
  ASSERT_TRUE(engine.ok()) << engine.status();
  CallEnqueue enqueue;  // field by field: GCC 12 misreads a braced empty InlinedVector
  enqueue.call = 7;
  for (const Event& e : {Event{0, 0, AgentLogin{101, true}}, Event{0, 0, AgentLogin{102, true}},
                         Event{0, 1'000, CallArrive{7, {}}}, Event{0, 1'000, enqueue},
                         Event{0, 4'000, CallAnswer{7, 101}}, Event{0, 10'000, CallTransfer{7, 1, 0}},
                         Event{0, 15'000, CallAnswer{7, 102}},
                         Event{0, 20'000, CallEndTalk{7, EndedBy::kUnknown}}}) {
    ASSERT_TRUE((*engine)->Apply(e).ok()) << DescribeEvent(e);
  }
  QueueLogFormatter f(c);
  std::string last;
  for (const Command& cmd : sink.commands) last = FormatQueueLogLine(f.Format(cmd));
  EXPECT_EQ(last, "20000|1970-01-01T00:00:20.000Z|7|desk|102|COMPLETE|answered|3000|5000");
}

TEST(QueueLogFormatter, AgentLinesFollowTheStateWithLoginAndLogoff) {
  QueueLogFormatter f(NamesCenter());
  const NotReadyReason none = NotReadyReason::kNone;
  EXPECT_EQ(LineOf(&f, 5, AgentStateChanged{101, AgentState::kReady, none}),
            "5|1970-01-01T00:00:00.005Z|NONE|NONE|Anna Berg|AGENTLOGIN|ready|none");
  EXPECT_EQ(LineOf(&f, 6, AgentStateChanged{101, AgentState::kNotReady, NotReadyReason::kLunch}),
            "6|1970-01-01T00:00:00.006Z|NONE|NONE|Anna Berg|PAUSE|not_ready|lunch");
  EXPECT_EQ(LineOf(&f, 7, AgentStateChanged{101, AgentState::kReady, none}),
            "7|1970-01-01T00:00:00.007Z|NONE|NONE|Anna Berg|READY|ready|none");
  EXPECT_EQ(LineOf(&f, 8, AgentStateChanged{105, AgentState::kNotReady, none}),
            "8|1970-01-01T00:00:00.008Z|NONE|NONE|105|AGENTLOGIN|not_ready|none");
  EXPECT_EQ(LineOf(&f, 9, AgentStateChanged{101, AgentState::kLoggedOut, none}),
            "9|1970-01-01T00:00:00.009Z|NONE|NONE|Anna Berg|AGENTLOGOFF|logged_out|none");
  EXPECT_EQ(LineOf(&f, 9, AgentStateChanged{999, AgentState::kReady, none}),
            "9|1970-01-01T00:00:00.009Z|NONE|NONE|999|AGENTLOGIN|ready|none");
}

TEST(QueueLogFormatter, AReasonTheCenterDeclaresIsWrittenByName) {
  CenterConfig center = NamesCenter();
  center.labels.not_ready_reasons = {"coaching"};
  QueueLogFormatter f(center);
  const NotReadyReason coaching = static_cast<NotReadyReason>(kBuiltinNotReadyReasons);
  const std::string line = LineOf(&f, 6, AgentStateChanged{101, AgentState::kNotReady, coaching});
  EXPECT_EQ(line, "6|1970-01-01T00:00:00.006Z|NONE|NONE|Anna Berg|AGENTLOGIN|not_ready|coaching");
  // The reader does not know the center: any label name is a reason.
  absl::StatusOr<QueueLogRecord> back = ParseQueueLogLine(line);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->data.back(), "coaching");
}

std::string ErrorOf(std::string_view line) {
  absl::StatusOr<QueueLogRecord> r = ParseQueueLogLine(line);
  return r.ok() ? "ok" : std::string(r.status().message());
}

TEST(QueueLogRead, ParsesWhatItWrites) {
  QueueLogFormatter f(NamesCenter());
  std::vector<Command> commands = {
      {1, CallQueued{9, 0, 1}},
      {2, Offer{9, 101, 0, 8'000, false, false}},
      {3, CancelOffer{9, 101, CancelReason::kCallerHangup}},
      {4, RouteCall{9, 0, OverflowKind::kExternal, 0, RouteCause::kRule, 0, "+49 30|x\ny"}},
      {4, CallEnded{9, Disposition::kOverflowed, true, 0, 0, 3, 0}},
      {5, AgentStateChanged{103, AgentState::kWrapUp, NotReadyReason::kNone}},
      {6, Offer{10, 101, 0, 8'000, false, false, true}},
      {7, DialCallback{10, 101, 0, "+49*30#1", 3}},
      {8, CallbackHeld{10, 0, 99'000, 3}},
      {9, CallEnded{10, Disposition::kCallbackFailed, true, 0, 0, 8, 0}},
      {9, CallEnded{11, Disposition::kCallbackCancelled, true, 0, 0, 8, 0}},
  };
  for (const Command& c : commands) {
    const QueueLogRecord record = f.Format(c);
    absl::StatusOr<QueueLogRecord> back = ParseQueueLogLine(FormatQueueLogLine(record));
    ASSERT_TRUE(back.ok()) << back.status() << " in " << FormatQueueLogLine(record);
    EXPECT_EQ(*back, record) << FormatQueueLogLine(record);
  }
  absl::StatusOr<QueueLogRecord> route = ParseQueueLogLine(
      "4|1970-01-01T00:00:00.004Z|9|sales|NONE|OVERFLOW|external|NONE|0|+49 30\\|x\\ny");
  ASSERT_TRUE(route.ok()) << route.status();
  EXPECT_EQ(route->Field("target"), "+49 30|x\ny");
  EXPECT_EQ(route->Number("rule"), 0);
  EXPECT_EQ(route->queue, "sales");
  EXPECT_TRUE(route->agent.empty());
  absl::StatusOr<QueueLogRecord> dial =
      ParseQueueLogLine("7|1970-01-01T00:00:00.007Z|10|sales|Anna Berg|CALLBACKDIAL|+4930|2");
  ASSERT_TRUE(dial.ok()) << dial.status();
  EXPECT_EQ(dial->event, QueueLogEvent::kCallbackDial);
  EXPECT_EQ(dial->Field("number"), "+4930");
  EXPECT_EQ(dial->Number("attempt"), 2);
  EXPECT_THAT(ErrorOf("8|1970-01-01T00:00:00.008Z|10|sales|NONE|CALLBACKHELD|99000|x"),
              HasSubstr("failed_attempts"));
}

TEST(QueueLogRead, NamesTheFieldAndTheReason) {
  const std::string t = "0|1970-01-01T00:00:00.000Z|";
  EXPECT_EQ(ErrorOf("x|1970-01-01T00:00:00.000Z|1|q|NONE|ENTERQUEUE|1"),
            "field 1 (time_ms): expected milliseconds since the epoch, got 'x'");
  EXPECT_EQ(ErrorOf("5|1970-01-01T00:00:00.000Z|1|q|NONE|ENTERQUEUE|1"),
            "field 2 (time): expected 1970-01-01T00:00:00.005Z (time_ms in UTC), got "
            "'1970-01-01T00:00:00.000Z'");
  EXPECT_EQ(ErrorOf(t + "0|q|NONE|ENTERQUEUE|1"),
            "field 3 (call): expected a call id > 0 or NONE, got '0'");
  EXPECT_EQ(ErrorOf(t + "1|q\\t|NONE|ENTERQUEUE|1"),
            "field 4 (queue): column 2: unknown escape '\\t', got 'q\\t'");
  EXPECT_EQ(ErrorOf(t + "1|q|NONE|ENTER|1"), "field 6 (event): unknown event, got 'ENTER'");
  EXPECT_EQ(ErrorOf(t + "1|q"),
            "field 5 (agent): missing; a line has at least 6 fields separated by '|', got 4");
  EXPECT_EQ(ErrorOf(t + "1|q|A|OFFER|10000|0"),
            "field 9: OFFER takes 3 data field(s) (ring_timeout_ms, ring_all, preferred), got 2");
  EXPECT_EQ(ErrorOf(t + "1|q|A|OFFER|10000|2|0"),
            "field 8 (ring_all): expected 0 or 1, got '2'");
  EXPECT_EQ(ErrorOf(t + "1|q|A|CONNECT|-2|0"),
            "field 7 (wait_ms): expected a whole number >= -1, got '-2'");
  EXPECT_EQ(ErrorOf(t + "1|q|NONE|COMPLETE|finished|1|2"),
            "field 7 (disposition): expected a disposition, got 'finished'");
  EXPECT_EQ(ErrorOf(t + "NONE|NONE|A|PAUSE|not_ready|Nap time"),
            "field 8 (reason): expected a not-ready reason, got 'Nap time'");
  EXPECT_EQ(ErrorOf(t + "NONE|NONE|NONE|LOGSTART|2"),
            "field 7 (version): this reader knows version 1, got '2'");
  EXPECT_EQ(ErrorOf(t + "1||NONE|ENTERQUEUE|1"),
            "field 4 (queue): expected a name or NONE, got ''");
  EXPECT_EQ(ErrorOf(t + "1|q|NONE|ENTERQUEUE|1"), "ok");
}

TEST(QueueLogRead, ReportsEveryMalformedLineWithItsNumber) {
  std::istringstream in(
      "0|1970-01-01T00:00:00.000Z|NONE|NONE|NONE|LOGSTART|1\n"
      "0|1970-01-01T00:00:00.000Z|1|q|NONE|ENTERQUEUE|many\n"
      "\n"
      "0|1970-01-01T00:00:00.000Z|1|q|NONE|ENTERQUEUE|1\r\n"
      "garbage\n");
  absl::StatusOr<std::vector<QueueLogRecord>> records = ReadQueueLog(in);
  ASSERT_FALSE(records.ok());
  const std::string message(records.status().message());
  EXPECT_THAT(message, HasSubstr("2 malformed line(s) in the queue log"));
  EXPECT_THAT(message,
              HasSubstr("line 2: field 7 (waiting): expected a whole number >= 0, got 'many'"));
  EXPECT_THAT(message, HasSubstr("line 5: field 2 (time): missing; a line has at least 6 fields"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("line 4")));

  std::string many;
  for (int i = 0; i < 25; ++i) many += "junk\n";
  std::istringstream junk(many);
  const std::string junk_message(ReadQueueLog(junk).status().message());
  EXPECT_THAT(junk_message, HasSubstr("25 malformed line(s)"));
  EXPECT_THAT(junk_message, HasSubstr("line 20: "));
  EXPECT_THAT(junk_message, ::testing::Not(HasSubstr("line 21: ")));
  EXPECT_THAT(junk_message, HasSubstr("... 5 more"));

  std::istringstream good("0|1970-01-01T00:00:00.000Z|NONE|NONE|NONE|LOGSTART|1\n\n");
  absl::StatusOr<std::vector<QueueLogRecord>> ok = ReadQueueLog(good);
  ASSERT_TRUE(ok.ok()) << ok.status();
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].event, QueueLogEvent::kLogStart);
}

TEST(QueueLogSink, WritesLogStartThenOneLinePerCommandAndForwards) {
  std::ostringstream out;
  VectorSink inner;
  QueueLogSink sink(NamesCenter(), &out, &inner);
  sink.Emit({kEight, CallQueued{1, 0, 1}});
  sink.Emit({kEight + 5, CallEnded{1, Disposition::kAbandonedInQueue, true, 0, 0, 5, 0}});
  EXPECT_EQ(out.str(),
            "28800000|1970-01-01T08:00:00.000Z|NONE|NONE|NONE|LOGSTART|1\n"
            "28800000|1970-01-01T08:00:00.000Z|1|sales|NONE|ENTERQUEUE|1\n"
            "28800005|1970-01-01T08:00:00.005Z|1|sales|NONE|ABANDON|abandoned_in_queue|5|0\n");
  EXPECT_EQ(sink.lines(), 3u);
  EXPECT_TRUE(sink.status().ok());
  ASSERT_EQ(inner.commands.size(), 2u);
  EXPECT_EQ(inner.commands[1].time_ms, kEight + 5);
}

TEST(QueueLogSink, AFailedWriteIsReportedAndForwardingGoesOn) {
  std::ostringstream out;
  VectorSink inner;
  QueueLogSink sink(NamesCenter(), &out, &inner);
  sink.Emit({1, CallQueued{1, 0, 1}});
  out.setstate(std::ios::badbit);
  sink.Emit({2, CallQueued{2, 0, 2}});
  sink.Emit({3, CallQueued{3, 0, 3}});
  EXPECT_EQ(sink.lines(), 2u);
  EXPECT_EQ(sink.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(sink.status().message(), HasSubstr("writing the queue log failed at line 3"));
  EXPECT_EQ(inner.commands.size(), 3u);
}

TEST(QueueLogEvents, EveryEventHasAUniqueNameAndNamedFields) {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(QueueLogEvent::kOther); ++i) {
    const auto event = static_cast<QueueLogEvent>(i);
    const std::string_view name = QueueLogEventName(event);
    EXPECT_TRUE(names.insert(name).second) << name;
    QueueLogEvent parsed;
    ASSERT_TRUE(ParseQueueLogEvent(name, &parsed)) << name;
    EXPECT_EQ(parsed, event);
    EXPECT_FALSE(QueueLogFields(event).empty()) << name;
    for (const QueueLogField& field : QueueLogFields(event)) EXPECT_FALSE(field.name.empty());
  }
  EXPECT_EQ(names.size(), 46u);  // 46: UNPAUSE (a pause in one queue ended)
}

TEST(QueueLogEvents, EveryDispositionHasOneTerminalEvent) {
  for (int i = 1; i < 64 && ToString(static_cast<Disposition>(i)) != "unknown"; ++i) {
    const QueueLogEvent event = TerminalEventFor(static_cast<Disposition>(i));
    EXPECT_TRUE(IsTerminalQueueLogEvent(event)) << i;
    QueueLogEvent parsed;
    ASSERT_TRUE(ParseQueueLogEvent(QueueLogEventName(event), &parsed));
    EXPECT_EQ(parsed, event);
  }
  EXPECT_EQ(TerminalEventFor(Disposition::kAnswered), QueueLogEvent::kComplete);
  EXPECT_EQ(TerminalEventFor(Disposition::kAbandonedRinging), QueueLogEvent::kAbandon);
  EXPECT_FALSE(IsTerminalQueueLogEvent(QueueLogEvent::kConnect));
}

}  // namespace
}  // namespace acd
