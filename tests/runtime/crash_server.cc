// acd_crash_server: a shard of the embedded default center on a real journal
// directory, driven over stdin/stdout, for the SIGKILL crash test
// (crash_test.py). It is a real server process: events come in as text
// lines, go through Shard::Submit, and are acknowledged on stdout only once
// the shard's journal has synced them.
//
//   stdin:  "<id> <kind> [a] [b]" per line; kinds: login A, logout A,
//           ready A, notready A, arrive C, classify C, enqueue C Q,
//           answer C A, hangup C, end C
//   stdout: "ready <inputs recovered> <state hash> <agents,...> <queues>"
//           once started; then "ack <id> <status code>" per durable event
//           (0 = applied, else the engine's refusal, e.g. 6 for a repeated
//           id), "busy <id>" when the inbox refused it (back-pressure: send
//           it again), "stopped <state hash>" after a graceful stop at EOF.
//
// Options: --journal DIR (required), --snapshot-every N records (default
// 400), --keep-all (never delete old segments or snapshots, so that the
// test can replay the whole history).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>

#include "acd/config.h"
#include "acd/journal_input_log.h"
#include "acd/runtime.h"

namespace {

std::mutex out_mu;

void Say(const std::string& line) {
  std::lock_guard<std::mutex> lock(out_mu);
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

// One input line as an event (time 0: the shard stamps it); false if malformed.
bool Parse(const std::string& line, acd::Event& event) {
  std::istringstream in(line);
  std::string kind;
  uint64_t a = 0, b = 0;
  if (!(in >> event.id >> kind)) return false;
  in >> a >> b;
  const auto agent = static_cast<acd::AgentId>(a);
  if (kind == "login") event.body = acd::AgentLogin{agent, true};
  else if (kind == "logout") event.body = acd::AgentLogout{agent};
  else if (kind == "ready") event.body = acd::AgentReady{agent};
  else if (kind == "notready") event.body = acd::AgentNotReady{agent, acd::NotReadyReason::kBreak};
  else if (kind == "arrive") event.body = acd::CallArrive{a, {}};
  else if (kind == "classify") event.body = acd::CallClassify{a, "1", acd::Intent::kBuy};
  else if (kind == "enqueue") {
    acd::CallEnqueue enqueue;
    enqueue.call = a;
    enqueue.queue = static_cast<acd::QueueId>(b);
    event.body = enqueue;
  }
  else if (kind == "answer") event.body = acd::CallAnswer{a, static_cast<acd::AgentId>(b)};
  else if (kind == "hangup") event.body = acd::CallHangup{a};
  else if (kind == "end") event.body = acd::CallEndTalk{a};
  else return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  acd::ShardJournalOptions journal_options;
  journal_options.snapshot_every_records = 400;
  bool pipelined = false;  // ShardOptions::pipeline_sync
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--journal" && i + 1 < argc) dir = argv[++i];
    else if (arg == "--snapshot-every" && i + 1 < argc) journal_options.snapshot_every_records = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--keep-all") journal_options.journal.keep_snapshots = 1 << 30;
    else if (arg == "--pipelined") pipelined = true;
    else if (arg == "--prepared-segments" && i + 1 < argc) {
      journal_options.journal.prepare_segments = true;
      journal_options.journal.segment_bytes = std::strtoull(argv[++i], nullptr, 10);
    }
    else {
      std::fprintf(stderr, "acd_crash_server: unknown argument '%s'\n", arg.c_str());
      return 2;
    }
  }
  if (dir.empty()) {
    std::fprintf(stderr, "acd_crash_server: --journal DIR is required\n");
    return 2;
  }
  absl::StatusOr<acd::CenterConfig> center = acd::DefaultCenter();
  if (!center.ok()) {
    std::fprintf(stderr, "acd_crash_server: %s\n", center.status().ToString().c_str());
    return 1;
  }
  acd::JournalInputLog log(acd::Env::Default(), dir, journal_options);
  acd::ShardOptions options;
  options.log = &log;
  options.inbox_bound = 256;  // small: back-pressure shows under load
  options.pipeline_sync = pipelined;
  absl::StatusOr<std::unique_ptr<acd::Shard>> shard = acd::Shard::Start("sales", *center, options);
  if (!shard.ok()) {
    std::fprintf(stderr, "acd_crash_server: %s\n", shard.status().ToString().c_str());
    return 1;
  }
  std::string agents;
  for (const acd::AgentConfig& a : center->agents) agents += (agents.empty() ? "" : ",") + std::to_string(a.id);
  const auto started = (*shard)->Snapshot();
  Say("ready " + std::to_string(started->inputs_applied) + " " + std::to_string(*(*shard)->StateHash()) +
      " " + agents + " " + std::to_string(center->queues.size()));
  std::string line;
  while (std::getline(std::cin, line)) {
    acd::Event event;
    if (!Parse(line, event)) {
      std::fprintf(stderr, "acd_crash_server: cannot read the line '%s'\n", line.c_str());
      return 2;
    }
    const uint64_t id = event.id;
    absl::Status submitted = (*shard)->Submit(std::move(event), [id](const absl::Status& s) {
      Say("ack " + std::to_string(id) + " " + std::to_string(static_cast<int>(s.code())));
    });
    if (absl::IsResourceExhausted(submitted)) {
      Say("busy " + std::to_string(id));
    } else if (!submitted.ok()) {
      std::fprintf(stderr, "acd_crash_server: %s\n", submitted.ToString().c_str());
      return 1;
    }
  }
  (*shard)->Stop();
  Say("stopped " + std::to_string(*(*shard)->StateHash()));
  return 0;
}
