// Seeded simulated mornings of the embedded sales department written to a
// real queue-log file, read back and checked against the engine's commands:
// one terminal line per call, matching its disposition; every CONNECT after
// an OFFER to that agent; times never go backwards; agent lines follow the
// agent state changes; awkward names round-trip; the per-call history
// agrees with the file.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "acd/config.h"
#include "acd/history.h"
#include "acd/queue_log.h"
#include "acd/sim.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

// Feeds the simulator's commands to a sink and remembers the arrivals.
class Recorder : public TraceSink {
 public:
  explicit Recorder(CommandSink* sink) : sink_(sink) {}
  void OnEvent(const Event& event) override {
    if (const auto* arrive = std::get_if<CallArrive>(&event.body)) arrived.push_back(arrive->call);
    if (const auto* request = std::get_if<CallbackRequest>(&event.body)) {
      callbacks.push_back(request->callback);
    }
  }
  void OnCommand(const Command& command) override { sink_->Emit(command); }
  std::vector<CallId> arrived;
  std::vector<CallId> callbacks;  // filed by the PBX (CallbackRequest)

 private:
  CommandSink* sink_;
};

struct LogRun {
  std::vector<CallId> arrived;
  std::vector<CallId> callbacks;
  std::vector<Command> commands;
  std::vector<QueueLogRecord> records;
  std::vector<CallRecord> history;  // the ended calls CallHistory kept
  size_t history_live = 0;
};

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/acd_queue_log_" + name + ".log";
}

// Runs the morning through QueueLogSink -> CallHistory -> VectorSink, with
// the log in a real file, and reads the file back.
LogRun RunThroughLog(const CenterConfig& center, const SimOptions& options,
                     const std::string& name) {
  LogRun run;
  const std::string path = TempPath(name);
  VectorSink commands;
  CallHistoryOptions history_options;
  history_options.ended_calls_max = 50;
  CallHistory history(center, history_options, &commands);
  {
    std::ofstream file(path);
    EXPECT_TRUE(file.is_open()) << path;
    QueueLogSink log(center, &file, &history, /*flush_each_line=*/false);
    Recorder recorder(&log);
    absl::StatusOr<SimResult> result = RunSimulation(center, options, &recorder);
    EXPECT_TRUE(result.ok()) << name << ": " << result.status();
    EXPECT_TRUE(log.status().ok()) << log.status();
    EXPECT_EQ(log.lines(), commands.commands.size() + 1);
    run.arrived = std::move(recorder.arrived);
    run.callbacks = std::move(recorder.callbacks);
  }
  std::ifstream in(path);
  absl::StatusOr<std::vector<QueueLogRecord>> records = ReadQueueLog(in);
  EXPECT_TRUE(records.ok()) << records.status();
  if (records.ok()) run.records = *std::move(records);
  run.commands = std::move(commands.commands);
  for (CallId call : history.EndedCalls()) run.history.push_back(*history.Find(call));
  run.history_live = history.live_calls();
  std::remove(path.c_str());
  return run;
}

CenterConfig Sales(std::string_view name = "sales") {
  absl::StatusOr<CenterConfig> center = LoadEmbeddedCenter(name);
  EXPECT_TRUE(center.ok()) << center.status();
  return center.ok() ? *center : CenterConfig{};
}

// The checks every run must pass; returns the events seen, by name.
std::set<std::string> CheckRun(const CenterConfig& center, const LogRun& run) {
  std::set<std::string> seen;
  EXPECT_EQ(run.records.size(), run.commands.size() + 1);
  if (run.records.size() != run.commands.size() + 1) return seen;
  EXPECT_EQ(run.records[0].event, QueueLogEvent::kLogStart);
  absl::flat_hash_map<CallId, CallEnded> ended;
  std::vector<AgentStateChanged> agent_changes;
  for (const Command& c : run.commands) {
    if (const auto* e = std::get_if<CallEnded>(&c.body)) ended[e->call] = *e;
    if (const auto* a = std::get_if<AgentStateChanged>(&c.body)) agent_changes.push_back(*a);
  }
  absl::flat_hash_map<CallId, int> terminal_lines;
  std::set<std::pair<CallId, std::string>> offered;
  std::vector<const QueueLogRecord*> agent_lines;
  TimeMs last_ms = run.records[0].time_ms;
  for (size_t i = 1; i < run.records.size(); ++i) {
    const QueueLogRecord& r = run.records[i];
    seen.insert(std::string(QueueLogEventName(r.event)));
    EXPECT_GE(r.time_ms, last_ms) << "line " << i + 1;
    EXPECT_EQ(r.time_ms, run.commands[i - 1].time_ms) << "line " << i + 1;
    last_ms = r.time_ms;
    EXPECT_FALSE(r.call != 0 && terminal_lines.contains(r.call))
        << "line " << i + 1 << ": call " << r.call << " has a line after its terminal line";
    if (r.event == QueueLogEvent::kOffer || r.event == QueueLogEvent::kCallbackOffer) {
      offered.insert({r.call, r.agent});
    }
    if (r.event == QueueLogEvent::kConnect) {
      EXPECT_TRUE(offered.contains({r.call, r.agent}))
          << "line " << i + 1 << ": CONNECT of call " << r.call << " to " << r.agent
          << " without an OFFER to that agent";
    }
    if (r.call == 0) agent_lines.push_back(&r);
    if (!IsTerminalQueueLogEvent(r.event)) continue;
    ++terminal_lines[r.call];
    auto it = ended.find(r.call);
    if (it == ended.end()) {
      ADD_FAILURE() << "line " << i + 1 << ": terminal line for call " << r.call
                    << " that never ended";
      continue;
    }
    EXPECT_EQ(r.Field("disposition"), ToString(it->second.disposition)) << "call " << r.call;
    EXPECT_EQ(r.event, TerminalEventFor(it->second.disposition, it->second.ended_by)) << "call " << r.call;
    EXPECT_EQ(r.Number("wait_ms"), it->second.wait_ms) << "call " << r.call;
    EXPECT_EQ(r.Number("talk_ms"), it->second.talk_ms) << "call " << r.call;
  }
  EXPECT_GT(run.arrived.size(), 100u);
  for (CallId call : run.arrived) {
    EXPECT_EQ(terminal_lines[call], 1) << "call " << call;
  }
  for (CallId callback : run.callbacks) {
    EXPECT_EQ(terminal_lines[callback], 1) << "callback " << callback;
  }
  EXPECT_EQ(terminal_lines.size(), run.arrived.size() + run.callbacks.size());
  QueueLogFormatter names(center);
  EXPECT_EQ(agent_lines.size(), agent_changes.size());
  for (size_t i = 0; i < std::min(agent_lines.size(), agent_changes.size()); ++i) {
    EXPECT_EQ(agent_lines[i]->agent, names.AgentName(agent_changes[i].agent)) << i;
    EXPECT_EQ(agent_lines[i]->Field("state"), ToString(agent_changes[i].state)) << i;
    EXPECT_EQ(agent_lines[i]->Field("reason"), ToString(agent_changes[i].reason)) << i;
  }
  return seen;
}

// The per-call history holds exactly the call's lines of the file.
void CheckHistory(const LogRun& run) {
  EXPECT_EQ(run.history_live, 0u);
  ASSERT_EQ(run.history.size(), 50u);
  for (const CallRecord& record : run.history) {
    std::vector<QueueLogRecord> lines;
    for (const QueueLogRecord& r : run.records) {
      if (r.call == record.call) lines.push_back(r);
    }
    EXPECT_TRUE(record.ended);
    EXPECT_EQ(record.dropped_entries, 0u);
    EXPECT_EQ(record.entries, lines) << "call " << record.call;
  }
}

TEST(QueueLogSimulation, DefaultMorningReadsBackConsistent) {
  for (std::string_view name : {"sales", "sales-direct"}) {
    SCOPED_TRACE(name);
    const CenterConfig center = Sales(name);
    SimOptions options = SalesDepartmentOptions(center);
    options.seed = 11;
    const LogRun run = RunThroughLog(center, options, std::string(name));
    const std::set<std::string> seen = CheckRun(center, run);
    for (const char* event : {"AGENTLOGIN", "ENTRYRULE", "ENTERQUEUE", "OFFER", "CONNECT",
                              "RESERVED", "TALKING", "COMPLETE", "EXITREJECTED", "ANNOUNCE",
                              "RULE", "PAUSE"}) {
      EXPECT_TRUE(seen.contains(event)) << event;
    }
    CheckHistory(run);
  }
}

TEST(QueueLogSimulation, BusyMorningLogsLossesAndOverflows) {
  const CenterConfig center = Sales();
  SimOptions options = SalesDepartmentOptions(center);
  options.seed = 4;
  ASSERT_TRUE(ScaleTraffic(260, options.start_ms, options.end_ms, &options.traffic).ok());
  const LogRun run = RunThroughLog(center, options, "busy");
  const std::set<std::string> seen = CheckRun(center, run);
  for (const char* event : {"ABANDON", "RINGNOANSWER", "REQUEUE", "OVERFLOW", "EXITCALLBACK"}) {
    EXPECT_TRUE(seen.contains(event)) << event;
  }
  CheckHistory(run);
}

// Callbacks in the log: each filed contact's callback has its offers
// (CALLBACKOFFER), dials (CALLBACKDIAL, numbered from 1), back-off
// (CALLBACKHELD) and one CALLBACK* terminal line, and the file reads back.
TEST(QueueLogSimulation, CallbacksReadBackWithTheirOwnEvents) {
  const CenterConfig center = Sales("sales-direct");
  SimOptions options = SalesDepartmentOptions(center);
  options.seed = 5;
  options.callbacks.answer_probability = 0.5;  // retries and failures too
  ASSERT_TRUE(ScaleTraffic(200, options.start_ms, options.end_ms, &options.traffic).ok());
  const LogRun run = RunThroughLog(center, options, "callbacks");
  const std::set<std::string> seen = CheckRun(center, run);
  ASSERT_GT(run.callbacks.size(), 10u);
  for (const char* event : {"EXITCALLBACK", "CALLBACKOFFER", "CALLBACKDIAL", "CALLBACKHELD",
                            "CALLBACKDONE", "CALLBACKFAILED"}) {
    EXPECT_TRUE(seen.contains(event)) << event;
  }
  const absl::flat_hash_set<CallId> callbacks(run.callbacks.begin(), run.callbacks.end());
  absl::flat_hash_map<CallId, int64_t> last_attempt;
  for (const QueueLogRecord& r : run.records) {
    if (r.event == QueueLogEvent::kOffer) {
      EXPECT_FALSE(callbacks.contains(r.call)) << "callback " << r.call << " offered as a call";
    }
    if (r.event == QueueLogEvent::kCallbackDial) {
      EXPECT_TRUE(callbacks.contains(r.call)) << r.call;
      EXPECT_EQ(r.Number("attempt"), last_attempt[r.call] + 1) << "callback " << r.call;
      last_attempt[r.call] = r.Number("attempt");
      EXPECT_EQ(r.Field("number").substr(0, 5), "+4930");
      EXPECT_FALSE(r.agent.empty());
    }
    if (r.event == QueueLogEvent::kCallbackHeld) {
      EXPECT_GT(r.Number("until_ms"), r.time_ms) << "callback " << r.call;
    }
    if (r.event == QueueLogEvent::kCallbackDone) {
      EXPECT_FALSE(r.agent.empty()) << "callback " << r.call;
    }
  }
  CheckHistory(run);
}

// Queue names, an agent name and an entry rule's message with '|', '\' and
// newlines come back from the file exactly as configured.
TEST(QueueLogSimulation, AwkwardNamesAndMessagesRoundTrip) {
  CenterConfig center = Sales();
  const SimOptions options = SalesDepartmentOptions(center);  // finds queues by name
  const std::string queue_name = "sales|east\\floor\n2";
  const std::string agent_name = "Anna | \"the closer\"\r\nBerg";
  const std::string message = "send offers to buy|at\\example.com\nthanks";
  auto sales = std::find_if(center.queues.begin(), center.queues.end(),
                            [](const QueueConfig& q) { return q.name == "sales"; });
  ASSERT_NE(sales, center.queues.end());
  sales->name = queue_name;
  center.agents[0].name = agent_name;
  bool replaced = false;
  for (EntryRule& rule : center.entry_rules) {
    if (rule.route.kind == OverflowKind::kReject) {
      rule.route.target = message;
      replaced = true;
    }
  }
  ASSERT_TRUE(replaced);
  const LogRun run = RunThroughLog(center, options, "names");
  CheckRun(center, run);
  bool queue_seen = false, agent_seen = false, message_seen = false;
  for (const QueueLogRecord& r : run.records) {
    queue_seen |= r.queue == queue_name;
    agent_seen |= r.agent == agent_name;
    message_seen |= r.event == QueueLogEvent::kEntryRule && r.Field("target") == message;
  }
  EXPECT_TRUE(queue_seen);
  EXPECT_TRUE(agent_seen);
  EXPECT_TRUE(message_seen);
}

}  // namespace
}  // namespace acd
