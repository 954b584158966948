// `acd demo`: flags, the recorded morning, and the replay over one stream.
#include "tools/acd/demo_command.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/config.h"
#include "acd/sim.h"
#include "acd/v1/acd_service.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "service/center_names.h"
#include "service/client_convert.h"
#include "tools/acd/client_security.h"
#include "tools/acd/flag_reader.h"

namespace acd::tools {
namespace {

const char* DemoUsage() {
  static const std::string usage = absl::StrCat("usage: acd demo [--server ADDR] [--config FILE] [--center NAME] [--adapter NAME]\n"
         "                [--seed N] [--from HH:MM] [--to HH:MM] [--record FILE] [--quiet]\n"
         "                [--token-file FILE] [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]\n"
         "\n"
         "The simulator as a PBX over gRPC. Simulates the morning of a center (as\n"
         "`acd sim` does), then plays the events its PBX side produced to a server\n"
         "started with `acd serve --clock manual` on the same center: one adapter\n"
         "stream, the server's clock moved to each event's time with AdvanceClock.\n"
         "Prints every decision the server sends as it comes (as `acd sim --trace`\n"
         "does), then the server's queue figures, and checks that the server made\n"
         "exactly the decisions the in-process engine made.\n"
         "\n"
         "  --server ADDR    the server (default 127.0.0.1:50051)\n"
         "  --config FILE    the center file the server runs (default: the embedded\n"
         "                   default center)\n"
         "  --center NAME    the center's name on the server (default: its only one)\n"
         "  --adapter NAME   this adapter's name (default demo-pbx)\n"
         "  --seed N         the simulation's seed (default 1)\n"
         "  --from HH:MM, --to HH:MM  the simulated hours (default 08:00-12:00)\n"
         "  --record FILE    also write the events as JSON lines, one\n"
         "                   {\"time_ms\": T, \"event\": {...}} per event (an\n"
         "                   acd.v1.Event in protobuf's JSON form), for\n"
         "                   examples/adapters/python/replay_adapter.py\n"
         "  --quiet          print the summary only\n",
         ClientSecurityUsage(),
         "\n"
         "Exit: 0 when every decision matched, 1 when the server could not be\n"
         "reached or decided otherwise, 2 bad usage.\n");
  return usage.c_str();
}

struct DemoFlags {
  std::string server = "127.0.0.1:50051";
  std::string config;
  std::string center;
  std::string adapter = "demo-pbx";
  uint64_t seed = 1;
  TimeMs from_ms = 8 * 3600 * 1000;
  TimeMs to_ms = 12 * 3600 * 1000;
  std::string record;
  ClientSecurity security;
  bool quiet = false;
  bool help = false;
};

std::optional<std::string> ParseFlags(int argc, char** argv, DemoFlags* flags) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--help" || flag == "-h") {
      flags->help = true;
      continue;
    }
    if (flag == "--quiet") {
      flags->quiet = true;
      continue;
    }
    std::optional<std::string> value = reader.Value();
    if (!value.has_value()) return absl::StrCat(flag, ": a value is required");
    if (flag == "--server") {
      flags->server = *value;
    } else if (flag == "--config") {
      flags->config = *value;
    } else if (flag == "--center") {
      flags->center = *value;
    } else if (flag == "--adapter") {
      if (value->empty()) return "--adapter: an empty name";
      flags->adapter = *value;
    } else if (flag == "--seed") {
      if (!absl::SimpleAtoi(*value, &flags->seed)) {
        return absl::StrCat("--seed: '", *value, "' is not a whole number");
      }
    } else if (flag == "--from" || flag == "--to") {
      if (!ParseClock(*value, flag == "--from" ? &flags->from_ms : &flags->to_ms)) {
        return absl::StrCat(flag, ": '", *value, "' is not HH:MM");
      }
    } else if (flag == "--record") {
      flags->record = *value;
    } else if (TakeClientSecurityFlag(flag, *value, &flags->security)) {
      continue;
    } else {
      return absl::StrCat(flag, ": unknown flag (see acd demo --help)");
    }
  }
  if (flags->to_ms <= flags->from_ms) return "--to: must be after --from";
  return std::nullopt;
}

// What the simulator's PBX side did, and what its engine decided.
class Recorder : public TraceSink {
 public:
  void OnEvent(const Event& event) override { events.push_back(event); }
  void OnCommand(const Command& command) override { commands.push_back(command); }
  std::vector<Event> events;
  std::vector<Command> commands;
};

using Stream = grpc::ClientReaderWriter<v1::AdapterMessage, v1::ServerMessage>;

// The server takes at most this many events in one EventBatch.
constexpr int kMaxEventsPerMessage = 1024;

// Reads the stream on its own thread: counts acks, keeps the commands.
class Inbox {
 public:
  void Run(Stream* stream) {
    v1::ServerMessage message;
    while (stream->Read(&message)) {
      std::lock_guard<std::mutex> lock(mu_);
      if (message.has_batch()) {  // the hello accepts batches
        for (const v1::ServerMessage& inner : message.batch().messages()) TakeLocked(inner);
      } else {
        TakeLocked(message);
      }
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    ended_ = true;
    cv_.notify_all();
  }
  void TakeLocked(const v1::ServerMessage& message) {
    if (message.has_ack()) {
      ++acks_;
      if (message.ack().code() != 0) {
        errors_.push_back(absl::StrCat("event ", message.ack().event_id(), ": ",
                                       message.ack().message()));
      }
    } else if (message.has_command()) {
      last_seq_ = message.command().seq();
      commands_.push_back(message.command());
      ++commands_total_;
    } else if (message.has_welcome()) {
      welcome_ = message.welcome();
    }
  }
  // Waits until `acks` acks arrived (false when the stream ended first).
  bool WaitAcks(uint64_t acks) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return acks_ >= acks || ended_; });
    return acks_ >= acks;
  }
  bool WaitCommands(uint64_t total, std::chrono::seconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return commands_total_ >= total || ended_; }) &&
           commands_total_ >= total;
  }
  // Waits (up to a second) until the command with seq `seq` arrived: every
  // decision released before it is then here, in order.
  void WaitSeq(uint64_t seq) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(1), [&] { return last_seq_ >= seq || ended_; });
  }
  std::deque<v1::Command> TakeCommands() {
    std::lock_guard<std::mutex> lock(mu_);
    return std::exchange(commands_, {});
  }
  std::vector<std::string> errors() {
    std::lock_guard<std::mutex> lock(mu_);
    return errors_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t acks_ = 0;
  uint64_t commands_total_ = 0;
  uint64_t last_seq_ = 0;
  std::deque<v1::Command> commands_;
  std::vector<std::string> errors_;
  std::optional<v1::Welcome> welcome_;
  bool ended_ = false;
};

std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? "-" : absl::StrFormat("%.1f%%", 100.0 * part / whole);
}

std::string Describe(const Command& c) {
  return std::string(CommandName(c.body)) + " at " + FormatClock(c.time_ms);
}

int Fail(const std::string& message) {
  std::cerr << "acd demo: " << message << "\n";
  return 1;
}

}  // namespace

int RunDemoCommand(int argc, char** argv) {
  DemoFlags flags;
  if (std::optional<std::string> error = ParseFlags(argc, argv, &flags)) {
    std::cerr << "acd demo: " << *error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << DemoUsage();
    return 0;
  }
  absl::StatusOr<CenterConfig> center =
      flags.config.empty() ? DefaultCenter() : LoadCenterFile(flags.config);
  if (!center.ok()) return Fail(absl::StrCat("the center: ", center.status().message()));
  const service::CenterNames names(*center);

  // 1. The morning, simulated in process: the PBX's events and the decisions.
  SimOptions options = SalesDepartmentOptions(*center, flags.from_ms, flags.to_ms);
  options.seed = flags.seed;
  Recorder recorded;
  absl::StatusOr<SimResult> simulated = RunSimulation(*center, options, &recorded);
  if (!simulated.ok()) return Fail(absl::StrCat("the simulation: ", simulated.status().message()));
  std::vector<v1::Event> events;
  for (size_t i = 0; i < recorded.events.size(); ++i) {
    absl::StatusOr<v1::Event> event = service::EventToProto(recorded.events[i].body, *center, names);
    if (!event.ok()) return Fail(std::string(event.status().message()));
    event->set_event_id(i + 1);
    events.push_back(*std::move(event));
  }
  if (!flags.record.empty()) {
    std::ofstream out(flags.record, std::ios::trunc);
    for (size_t i = 0; i < events.size(); ++i) {
      std::string json;
      google::protobuf::util::JsonPrintOptions print;
      print.preserve_proto_field_names = true;
      (void)google::protobuf::util::MessageToJsonString(events[i], &json, print);
      out << "{\"time_ms\": " << recorded.events[i].time_ms << ", \"event\": " << json << "}\n";
    }
    if (!out.good()) return Fail(absl::StrCat("--record ", flags.record, ": cannot write"));
  }

  // 2. The same events to the server, as a PBX would send them.
  absl::StatusOr<std::shared_ptr<grpc::Channel>> opened = OpenChannel(flags.server, &flags.security);
  if (!opened.ok()) return Fail(std::string(opened.status().message()));
  std::shared_ptr<grpc::Channel> channel = *std::move(opened);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    return Fail(absl::StrCat("no server at ", flags.server, " (start one with acd serve)"));
  }
  auto stub = v1::Acd::NewStub(channel);
  grpc::ClientContext stream_context;
  Authorize(flags.security, &stream_context);
  std::unique_ptr<Stream> stream = stub->Connect(&stream_context);
  v1::AdapterMessage hello;
  hello.mutable_hello()->set_adapter(flags.adapter);
  hello.mutable_hello()->set_center(flags.center);
  hello.mutable_hello()->set_accept_batches(true);
  if (!stream->Write(hello)) return Fail("the server closed the stream at hello");
  Inbox inbox;
  std::thread reader([&] { inbox.Run(stream.get()); });

  TextTrace trace(*center, &std::cout);
  std::vector<Command> received;
  std::vector<std::string> problems;
  auto drain = [&] {
    for (const v1::Command& c : inbox.TakeCommands()) {
      absl::StatusOr<Command> command = service::CommandFromProto(c, names);
      if (!command.ok()) {
        problems.push_back(std::string(command.status().message()));
        continue;
      }
      if (!flags.quiet) trace.OnCommand(*command);
      received.push_back(*std::move(command));
    }
  };
  auto advance = [&](TimeMs to_ms) -> bool {
    grpc::ClientContext context;
    Authorize(flags.security, &context);
    v1::AdvanceClockRequest request;
    request.set_center(flags.center);
    request.set_to_ms(to_ms);
    v1::AdvanceClockReply reply;
    grpc::Status s = stub->AdvanceClock(&context, request, &reply);
    if (!s.ok() && s.error_code() != grpc::StatusCode::INVALID_ARGUMENT) {
      problems.push_back(absl::StrCat("AdvanceClock: ", s.error_message()));
      return false;
    }
    // INVALID_ARGUMENT: the server's clock is already past. Print what was
    // decided up to now before the next events.
    if (s.ok()) inbox.WaitSeq(reply.last_command_seq());
    drain();
    return true;
  };

  const auto started = std::chrono::steady_clock::now();
  uint64_t sent = 0;
  for (size_t i = 0; i < events.size();) {
    const TimeMs t = recorded.events[i].time_ms;
    // Every earlier event is applied before the clock moves on.
    if (!inbox.WaitAcks(sent)) return Fail("the server closed the stream");
    if (!advance(t)) break;
    // The events of one instant go in one message (an EventBatch).
    v1::AdapterMessage message;
    for (; i < events.size() && recorded.events[i].time_ms == t; ++i) {
      if (message.events().events_size() == kMaxEventsPerMessage) {
        if (!stream->Write(message)) return Fail("the server closed the stream");
        message.Clear();
      }
      *message.mutable_events()->add_events() = events[i];
      if (!flags.quiet) trace.OnEvent(recorded.events[i]);
      ++sent;
    }
    if (!stream->Write(message)) return Fail("the server closed the stream");
    drain();
  }
  inbox.WaitAcks(sent);
  // The timers after the last event: the server's clock runs to the last
  // decision the in-process engine made.
  if (!recorded.commands.empty()) advance(recorded.commands.back().time_ms);
  inbox.WaitCommands(recorded.commands.size(), std::chrono::seconds(30));
  drain();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  stream->WritesDone();
  stream_context.TryCancel();
  reader.join();

  // 3. The server's figures, and the comparison.
  grpc::ClientContext figures_context;
  Authorize(flags.security, &figures_context);
  v1::ListQueuesRequest list;
  list.set_center(flags.center);
  v1::ListQueuesReply queues;
  grpc::Status listed = stub->ListQueues(&figures_context, list, &queues);
  std::cout << "\nThe server's figures at " << FormatClock(queues.now_ms()) << ":\n";
  std::cout << absl::StrFormat("  %-12s %8s %8s %9s %10s %8s\n", "queue", "entered", "answered",
                               "abandoned", "overflowed", "answer%");
  if (listed.ok()) {
    for (const v1::QueueFigures& q : queues.queues()) {
      std::cout << absl::StrFormat("  %-12s %8d %8d %9d %10d %8s\n", q.name(), q.entered(),
                                   q.answered(), q.abandoned(), q.overflowed(),
                                   Percent(q.answered(), q.entered()));
    }
  } else {
    problems.push_back(absl::StrCat("ListQueues: ", listed.error_message()));
  }
  for (const std::string& e : inbox.errors()) problems.push_back(e);
  size_t same = 0;
  while (same < received.size() && same < recorded.commands.size() &&
         received[same] == recorded.commands[same]) {
    ++same;
  }
  std::cout << absl::StrFormat(
      "\n%d events sent over gRPC in %.1f s (%.0f events/s with a clock step per distinct "
      "time); %d decisions received, %d made in process.\n",
      sent, seconds, sent / std::max(seconds, 1e-9), received.size(), recorded.commands.size());
  const bool match = same == received.size() && same == recorded.commands.size();
  if (match) {
    std::cout << "The server decided exactly as the in-process engine: all " << same
              << " decisions match.\n";
  } else {
    std::cout << "MISMATCH: the first " << same << " decisions match; then the server sent "
              << (same < received.size() ? Describe(received[same]) : "nothing")
              << " where the engine decided "
              << (same < recorded.commands.size() ? Describe(recorded.commands[same])
                                                  : "nothing")
              << "\n";
  }
  for (const std::string& p : problems) std::cout << "problem: " << p << "\n";
  return match && problems.empty() ? 0 : 1;
}

}  // namespace acd::tools
