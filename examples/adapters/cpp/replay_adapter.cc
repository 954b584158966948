// A PBX adapter in C++ on the generated gRPC client of acd's API
// (proto/acd/v1/acd_service.proto): it replays a call-event trace against
// `acd serve` and prints the commands it receives, as a PBX adapter would
// turn them into actions. Unlike the Python example it also shows what an
// adapter must do to lose nothing when the server restarts: it keeps every
// event it sent until its acknowledgement, and when the stream breaks it
// reconnects with the epoch and the last command it had (Hello), then
// resends what has no acknowledgement (the server answers a repeat, never
// applies it twice).
//
//   build/bin/acd_replay_adapter --server 127.0.0.1:50051 --trace morning.jsonl
//
// The trace is JSON lines, {"time_ms": T, "event": {...}}, the event an
// acd.v1.Event in protobuf's JSON form (`acd demo --record FILE` writes
// one). On a server with --clock manual the adapter moves the clock to
// each instant first (AdvanceClock), after every earlier event was
// acknowledged, so a recorded day replays exactly.
//
// Exit: 0 when every event was acknowledged OK, 1 otherwise, 2 bad usage.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "acd/v1/acd_service.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"

namespace {

using acd::v1::AdapterMessage;
using acd::v1::ServerMessage;
using Stream = grpc::ClientReaderWriter<AdapterMessage, ServerMessage>;

constexpr int kMaxEventsPerMessage = 1024;  // the server's bound on an EventBatch

struct Options {
  std::string server = "127.0.0.1:50051";
  std::string trace;
  std::string adapter = "cpp-replay";
  std::string center;
  bool real_clock = false;
  bool quiet = false;
  std::string token_file, tls_ca, tls_cert, tls_key;
};

struct Record {
  int64_t time_ms = 0;
  acd::v1::Event event;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "acd_replay_adapter: " << path << ": cannot open it\n";
    std::exit(2);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Reads the trace; exits 2 naming the line of a bad record.
std::vector<Record> ReadTrace(const std::string& path) {
  std::istringstream lines(Slurp(path));
  std::vector<Record> records;
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    google::protobuf::Struct record;
    std::string event_json;
    Record r;
    bool ok = google::protobuf::util::JsonStringToMessage(line, &record).ok();
    auto time = record.fields().find("time_ms");
    auto event = record.fields().find("event");
    ok = ok && time != record.fields().end() && time->second.has_number_value() &&
         event != record.fields().end() &&
         google::protobuf::util::MessageToJsonString(event->second, &event_json).ok() &&
         google::protobuf::util::JsonStringToMessage(event_json, &r.event).ok();
    if (!ok) {
      std::cerr << "acd_replay_adapter: " << path << ":" << number
                << ": not a trace record {\"time_ms\": T, \"event\": {...}}\n";
      std::exit(2);
    }
    r.time_ms = static_cast<int64_t>(time->second.number_value());
    records.push_back(std::move(r));
  }
  return records;
}

// One adapter session: the stream of the moment, what was sent and not yet
// acknowledged, and where to resume from.
class Session {
 public:
  Session(std::shared_ptr<grpc::Channel> channel, const Options& options, size_t events)
      : stub_(acd::v1::Acd::NewStub(channel)), options_(options), acked_(events + 1, false),
        sent_(events + 1) {
    if (!options.token_file.empty()) {
      std::string token = Slurp(options.token_file);
      token = token.substr(0, token.find_first_of("\r\n"));
      bearer_ = "Bearer " + token;
    }
  }
  ~Session() { Close(); }

  // Sends events (ids 1, 2, ... in order) in as few messages as allowed.
  // Only the main thread writes and reconnects; a write is made without
  // the lock, so the reader keeps taking acks while gRPC's flow control
  // holds the write back.
  void Send(const std::vector<acd::v1::Event>& events) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const acd::v1::Event& e : events) sent_[e.event_id()] = e;
      last_sent_ = events.empty() ? last_sent_ : events.back().event_id();
    }
    if (!Write(events)) MarkBroken();
  }

  // Waits until every event sent so far has its acknowledgement,
  // reconnecting as often as it takes. False when the server refused us.
  bool WaitAcked() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return acks_ >= last_sent_ || broken_ || fatal_; });
      if (fatal_) return false;
      if (acks_ >= last_sent_) return true;
      ReconnectLocked(lock);
    }
  }

  bool Open() {
    std::unique_lock<std::mutex> lock(mu_);
    ConnectLocked();
    return !fatal_;
  }

  // AdvanceClock with retries across a restart (the clock only moves on).
  // A reconnect moves a restarted server's clock back to this instant
  // before resending, so resent events keep the time they were sent at.
  bool AdvanceClock(int64_t to_ms) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      instant_ = to_ms;
    }
    for (int attempt = 0; attempt < 300; ++attempt) {
      grpc::ClientContext context;
      Authorize(&context);
      context.set_wait_for_ready(true);
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      acd::v1::AdvanceClockRequest request;
      request.set_center(options_.center);
      request.set_to_ms(to_ms);
      acd::v1::AdvanceClockReply reply;
      grpc::Status s = stub_->AdvanceClock(&context, request, &reply);
      // INVALID_ARGUMENT: the server's clock is already past that instant.
      if (s.ok() || s.error_code() == grpc::StatusCode::INVALID_ARGUMENT) return true;
      if (s.error_code() != grpc::StatusCode::UNAVAILABLE) {
        std::cerr << "AdvanceClock: " << s.error_message() << "\n";
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // Ends the stream (idempotent; main thread).
  void Close() {
    if (stream_ == nullptr) return;
    stream_->WritesDone();
    context_->TryCancel();
    if (reader_.joinable()) reader_.join();
    std::lock_guard<std::mutex> lock(mu_);
    stream_.reset();
  }

  void PrintSummary() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::cout << last_sent_ << " events sent, " << acks_ << " acknowledged, " << refused_
              << " refused, " << commands_ << " commands received, " << reconnects_
              << " reconnects\n";
  }
  bool AllOk() const {
    std::lock_guard<std::mutex> lock(mu_);
    return !fatal_ && acks_ == last_sent_ && refused_ == 0;
  }

 private:
  void Authorize(grpc::ClientContext* context) const {
    if (!bearer_.empty()) context->AddMetadata("authorization", bearer_);
  }

  void MarkBroken() {
    std::lock_guard<std::mutex> lock(mu_);
    broken_ = true;
    cv_.notify_all();
  }

  // Main thread only (stream_ changes only there).
  bool Write(const std::vector<acd::v1::Event>& events) {
    if (stream_ == nullptr) return false;
    for (size_t i = 0; i < events.size(); i += kMaxEventsPerMessage) {
      AdapterMessage message;
      for (size_t j = i; j < events.size() && j < i + kMaxEventsPerMessage; ++j) {
        *message.mutable_events()->add_events() = events[j];
      }
      if (!stream_->Write(message)) return false;
    }
    return true;
  }

  void ConnectLocked() {
    context_ = std::make_unique<grpc::ClientContext>();
    Authorize(context_.get());
    context_->set_wait_for_ready(true);  // across a restart: wait for the server
    stream_ = stub_->Connect(context_.get());
    AdapterMessage hello;
    hello.mutable_hello()->set_adapter(options_.adapter);
    hello.mutable_hello()->set_center(options_.center);
    hello.mutable_hello()->set_server_epoch(epoch_);
    hello.mutable_hello()->set_last_command_seq(last_seq_);
    hello.mutable_hello()->set_accept_batches(true);
    broken_ = !stream_->Write(hello);
    reader_ = std::thread([this, stream = stream_.get()] { Read(stream); });
  }

  // The stream broke: a new one, then every unacknowledged event again.
  void ReconnectLocked(std::unique_lock<std::mutex>& lock) {
    ++reconnects_;
    std::unique_ptr<Stream> old = std::move(stream_);
    std::unique_ptr<grpc::ClientContext> old_context = std::move(context_);
    old_context->TryCancel();
    lock.unlock();
    if (reader_.joinable()) reader_.join();
    old.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    lock.lock();
    broken_ = false;
    ConnectLocked();
    if (!options_.real_clock && instant_ != 0) {
      const int64_t instant = instant_;
      lock.unlock();
      AdvanceClock(instant);
      lock.lock();
    }
    std::vector<acd::v1::Event> unacked;
    for (uint64_t id = 1; id <= last_sent_; ++id) {
      if (!acked_[id]) unacked.push_back(sent_[id]);
    }
    std::cerr << "reconnecting (epoch " << epoch_ << ", last command " << last_seq_ << "); "
              << unacked.size() << " events to resend\n";
    lock.unlock();
    const bool written = Write(unacked);
    lock.lock();
    if (!written) broken_ = true;
  }

  void Take(const ServerMessage& m) {
    if (m.has_ack()) {
      const uint64_t id = m.ack().event_id();
      if (id == 0 || id >= acked_.size() || acked_[id]) return;  // a repeat's second answer
      acked_[id] = true;
      ++acks_;
      if (m.ack().code() != 0) {
        ++refused_;
        std::cerr << "refused: event " << id << ": " << m.ack().message() << "\n";
      }
    } else if (m.has_command()) {
      const acd::v1::Command& c = m.command();
      if (c.seq() <= last_seq_) return;  // resumed: already had it
      last_seq_ = c.seq();
      ++commands_;
      if (!options_.quiet) {
        const auto* body = c.GetReflection()->GetOneofFieldDescriptor(
            c, c.GetDescriptor()->FindOneofByName("body"));
        std::string fields =
            body != nullptr ? c.GetReflection()->GetMessage(c, body).ShortDebugString() : "";
        std::cout << "#" << c.seq() << " @" << c.time_ms() << " "
                  << (body != nullptr ? body->name() : "?") << " " << fields << "\n";
      }
    } else if (m.has_welcome()) {
      if (m.welcome().server_epoch() != epoch_) last_seq_ = 0;  // a new epoch numbers anew
      epoch_ = m.welcome().server_epoch();
    } else if (m.has_resync()) {
      last_seq_ = m.resync().next_command_seq() - 1;
      if (!options_.quiet && m.resync().calls_size() > 0) {
        std::cout << "resync: " << m.resync().calls_size() << " live calls\n";
      }
    }
  }

  void Read(Stream* stream) {
    ServerMessage m;
    while (stream->Read(&m)) {
      std::lock_guard<std::mutex> lock(mu_);
      if (m.has_batch()) {
        for (const ServerMessage& inner : m.batch().messages()) Take(inner);
      } else {
        Take(m);
      }
      cv_.notify_all();
    }
    grpc::Status status = stream->Finish();
    std::lock_guard<std::mutex> lock(mu_);
    const grpc::StatusCode code = status.error_code();
    if (code == grpc::StatusCode::UNAUTHENTICATED || code == grpc::StatusCode::PERMISSION_DENIED ||
        code == grpc::StatusCode::INVALID_ARGUMENT || code == grpc::StatusCode::NOT_FOUND) {
      std::cerr << "the server refused the stream: " << status.error_message() << "\n";
      fatal_ = true;
    } else if (code != grpc::StatusCode::CANCELLED) {
      broken_ = true;  // UNAVAILABLE (restart, shutdown), RESOURCE_EXHAUSTED: resume
    }
    cv_.notify_all();
  }

  std::unique_ptr<acd::v1::Acd::Stub> stub_;
  const Options& options_;
  std::string bearer_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<Stream> stream_;
  std::thread reader_;
  std::vector<bool> acked_;
  std::vector<acd::v1::Event> sent_;
  uint64_t last_sent_ = 0, acks_ = 0, refused_ = 0, commands_ = 0, reconnects_ = 0;
  std::string epoch_;
  uint64_t last_seq_ = 0;
  int64_t instant_ = 0;  // the last instant the clock was moved to
  bool broken_ = false;
  bool fatal_ = false;
};

std::shared_ptr<grpc::Channel> MakeChannel(const Options& o) {
  if (o.tls_ca.empty()) return grpc::CreateChannel(o.server, grpc::InsecureChannelCredentials());
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = Slurp(o.tls_ca);
  if (!o.tls_cert.empty()) tls.pem_cert_chain = Slurp(o.tls_cert);
  if (!o.tls_key.empty()) tls.pem_private_key = Slurp(o.tls_key);
  return grpc::CreateChannel(o.server, grpc::SslCredentials(tls));
}

const char kUsage[] =
    "usage: acd_replay_adapter --trace FILE [--server ADDR] [--adapter NAME] [--center NAME]\n"
    "       [--real-clock] [--quiet] [--token-file FILE]\n"
    "       [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]\n";

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (flag == "--real-clock" || flag == "--quiet") {
      (flag == "--quiet" ? o.quiet : o.real_clock) = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::cerr << "acd_replay_adapter: " << flag << ": a value is required\n" << kUsage;
      std::exit(2);
    }
    const std::string value = argv[++i];
    std::string* target = flag == "--server"       ? &o.server
                          : flag == "--trace"      ? &o.trace
                          : flag == "--adapter"    ? &o.adapter
                          : flag == "--center"     ? &o.center
                          : flag == "--token-file" ? &o.token_file
                          : flag == "--tls-ca"     ? &o.tls_ca
                          : flag == "--tls-cert"   ? &o.tls_cert
                          : flag == "--tls-key"    ? &o.tls_key
                                                   : nullptr;
    if (target == nullptr) {
      std::cerr << "acd_replay_adapter: " << flag << ": unknown flag\n" << kUsage;
      std::exit(2);
    }
    *target = value;
  }
  if (o.trace.empty()) {
    std::cerr << "acd_replay_adapter: --trace: required\n" << kUsage;
    std::exit(2);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  std::vector<Record> records = ReadTrace(options.trace);
  Session session(MakeChannel(options), options, records.size());
  if (!session.Open()) return 1;
  uint64_t next_id = 1;
  for (size_t i = 0; i < records.size();) {
    const int64_t instant = records[i].time_ms;
    std::vector<acd::v1::Event> events;
    for (; i < records.size() && records[i].time_ms == instant; ++i) {
      records[i].event.set_event_id(next_id++);
      events.push_back(records[i].event);
    }
    if (!options.real_clock) {
      // Every earlier event applied, then the clock moves to this instant.
      if (!session.WaitAcked() || !session.AdvanceClock(instant)) break;
    }
    session.Send(events);
  }
  session.WaitAcked();
  session.Close();
  session.PrintSummary();
  return session.AllOk() ? 0 : 1;
}
