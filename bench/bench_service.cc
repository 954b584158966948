// The gRPC service under load (RESULTS.md "Service"): an in-process
// acd::Server on loopback, driven by many concurrent adapter streams, each
// keeping a window of events in flight. Reported: events/s, and per event
// the latency to its acknowledgement (durable) and to the first command it
// caused (an enqueue's CallQueued, a hang-up's CallEnded), p50 and p99.
// Baseline in the same run: one unary SubmitEvent call per event, same
// events, same server. Journal on (a real directory, fdatasync per batch)
// and off.
//
// The load: each stream cycles its own calls through arrive, enqueue,
// hang up (three events per call; the center has no agent logged in, so
// the engine work is small and the service's cost shows).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/server.h"
#include "acd/v1/acd_service.grpc.pb.h"
#include "benchmark/benchmark.h"
#include "grpcpp/grpcpp.h"

namespace acd {
namespace {

using Clock = std::chrono::steady_clock;

CenterConfig LoadCenter() {
  CenterConfig center;
  QueueConfig q;
  q.name = "q";
  q.max_wait_ms = 3'600'000;
  q.on_max_wait = OverflowAction{OverflowKind::kVoicemail, 0, "box"};
  q.max_length = 1'000'000;
  center.queues.push_back(q);
  AgentConfig agent;
  agent.id = 1;
  agent.name = "a1";
  agent.queues.push_back(Membership{.queue = 0});
  center.agents.push_back(agent);
  center.max_live_calls = 1'000'000;
  return center;
}

struct Running {
  std::unique_ptr<Server> server;
  std::string journal;
  ~Running() {
    if (server) server->Shutdown();
    if (!journal.empty()) std::filesystem::remove_all(journal);
  }
};

// journal: 0 none, 1 the service's default (prepared segments), 2 segments
// that grow as they are written (the A/B of prepare_segments), 3 and 4 as
// 1 and 2 with the commit pipelined (the A/B of ShardOptions::pipeline_sync).
std::unique_ptr<Running> StartServer(int journal) {
  auto running = std::make_unique<Running>();
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.centers.push_back(ServedCenter{"bench", "", LoadCenter()});
  options.manual_clock = true;
  options.manual_clock_start_ms = 1;
  // Room for every stream's whole window: the load measures throughput,
  // not back-pressure (tests/service covers RESOURCE_EXHAUSTED).
  options.shard.inbox_bound = 1 << 16;
  if (journal) {
    running->journal = (std::filesystem::temp_directory_path() /
                        absl::StrCat("acd-bench-service-", ::getpid()))
                           .string();
    std::filesystem::remove_all(running->journal);
    options.journal_dir = running->journal;
    options.journal.prepare_segments = journal == 1 || journal == 3;
    options.shard.pipeline_sync = journal >= 3;
  }
  auto server = Server::Start(std::move(options));
  if (!server.ok()) return nullptr;
  running->server = *std::move(server);
  return running;
}

v1::Event MakeEvent(uint64_t id, int stream, uint64_t n) {
  v1::Event e;
  e.set_event_id(id);
  const std::string call = absl::StrCat("s", stream, "-", n / 3);
  switch (n % 3) {
    case 0:
      e.mutable_call_arrive()->set_call(call);
      break;
    case 1:
      e.mutable_call_enqueue()->set_call(call);
      e.mutable_call_enqueue()->set_queue("q");
      break;
    default:
      e.mutable_call_hangup()->set_call(call);
      break;
  }
  return e;
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * v.size()));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

// One adapter stream: a writer keeping `window` events in flight, a reader
// timing acks and caused commands.
struct StreamRun {
  std::vector<double> ack_us;
  std::vector<double> command_us;
  uint64_t acked = 0;
  bool failed = false;
};

// Closed loop (rate 0): `batch` events per message as soon as the window
// allows. Open loop (rate > 0 events/s): a message every millisecond with
// the events due by then, whatever the acks (the window only caps a stall).
void RunStream(v1::Acd::Stub* stub, int index, uint64_t events, uint32_t window,
               uint32_t batch, double rate, StreamRun* out) {
  grpc::ClientContext context;
  auto stream = stub->Connect(&context);
  v1::AdapterMessage hello;
  hello.mutable_hello()->set_adapter(absl::StrCat("load-", index));
  hello.mutable_hello()->set_accept_batches(batch > 1 || rate > 0);
  stream->Write(hello);
  std::vector<Clock::time_point> sent(events + 1);
  std::vector<bool> commanded(events + 1, false);
  std::mutex mu;
  std::condition_variable cv;
  uint64_t acked = 0;
  auto take = [&](const v1::ServerMessage& m, Clock::time_point now) {
    if (m.has_ack()) {
      const uint64_t id = m.ack().event_id();
      if (m.ack().code() != 0) out->failed = true;
      out->ack_us.push_back(std::chrono::duration<double, std::micro>(now - sent[id]).count());
      std::lock_guard<std::mutex> lock(mu);
      ++acked;
      cv.notify_all();
    } else if (m.has_command()) {
      const uint64_t id = m.command().cause_event_id();
      if (id != 0 && id <= events && !commanded[id]) {
        commanded[id] = true;
        out->command_us.push_back(
            std::chrono::duration<double, std::micro>(now - sent[id]).count());
      }
    }
  };
  std::thread reader([&] {
    v1::ServerMessage m;
    while (acked < events && stream->Read(&m)) {
      const auto now = Clock::now();
      if (!m.has_batch()) take(m, now);
      for (const v1::ServerMessage& inner : m.batch().messages()) take(inner, now);
    }
  });
  const auto start = Clock::now();
  uint64_t next = 1;
  while (next <= events) {
    const uint64_t first = next;
    uint64_t last = std::min<uint64_t>(events, first + batch - 1);
    if (rate > 0) {
      // The next millisecond tick at or after the next event's due time
      // (a tick per event would be thousands of wake-ups a second per
      // stream, on the cores the server needs).
      const auto due_at = std::chrono::microseconds(static_cast<int64_t>((first - 1) * 1e6 / rate));
      std::this_thread::sleep_until(
          start + std::chrono::ceil<std::chrono::milliseconds>(due_at));
      const double due = std::chrono::duration<double>(Clock::now() - start).count() * rate;
      last = std::clamp<uint64_t>(static_cast<uint64_t>(due), first,
                                  std::min<uint64_t>(events, first + 1023));
    }
    next = last + 1;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return last - acked <= window; });
    }
    v1::AdapterMessage m;
    const auto now = Clock::now();
    for (uint64_t id = first; id <= last; ++id) {
      *(last > first || batch > 1 ? m.mutable_events()->add_events() : m.mutable_event()) =
          MakeEvent(id, index, id - 1);
      sent[id] = now;
    }
    if (!stream->Write(m)) {
      out->failed = true;
      break;
    }
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return acked >= events; });
  }
  out->acked = acked;
  stream->WritesDone();
  context.TryCancel();
  reader.join();
}

// False (and the benchmark marked skipped) when an event was refused.
bool Report(benchmark::State& state, std::vector<StreamRun>& runs, double seconds) {
  std::vector<double> ack, command;
  uint64_t events = 0;
  for (StreamRun& r : runs) {
    if (r.failed) {
      state.SkipWithError("an event was refused or a stream broke");
      return false;
    }
    events += r.acked;
    ack.insert(ack.end(), r.ack_us.begin(), r.ack_us.end());
    command.insert(command.end(), r.command_us.begin(), r.command_us.end());
  }
  state.counters["events_per_s"] = events / seconds;
  state.counters["ack_p50_us"] = Percentile(ack, 0.50);
  state.counters["ack_p99_us"] = Percentile(ack, 0.99);
  state.counters["cmd_p50_us"] = Percentile(command, 0.50);
  state.counters["cmd_p99_us"] = Percentile(command, 0.99);
  return true;
}

// One measured run: a fresh server, `clients` client threads each running
// `client(stub, index, &its run)`, then the report. The server's start and
// stop are not timed.
template <typename Client>
void MeasureRun(benchmark::State& state, int journal, int clients, Client client) {
  for (auto _ : state) {
    state.PauseTiming();
    auto running = StartServer(journal);
    if (!running) {
      state.SkipWithError("server did not start");
      return;
    }
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", running->server->port()),
                                       grpc::InsecureChannelCredentials());
    auto stub = v1::Acd::NewStub(channel);
    std::vector<StreamRun> runs(clients);
    state.ResumeTiming();
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] { client(stub.get(), c, &runs[c]); });
    }
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    state.PauseTiming();
    const bool reported = Report(state, runs, seconds);
    running.reset();
    if (!reported) break;
    state.ResumeTiming();
  }
}

// Args: streams, window per stream, journal (0 none, 1 prepared segments, 2
// growing segments), events per message
// (more than 1: EventBatch in, merged messages out).
void BM_ServiceStreams(benchmark::State& state) {
  const int streams = static_cast<int>(state.range(0));
  const uint32_t window = static_cast<uint32_t>(state.range(1));
  const uint32_t batch = static_cast<uint32_t>(state.range(3));
  const uint64_t per_stream = (batch > 1 ? 120'000 : 30'000) / streams;
  MeasureRun(state, static_cast<int>(state.range(2)), streams,
             [&](v1::Acd::Stub* stub, int s, StreamRun* run) {
               RunStream(stub, s, per_stream, window, batch, 0.0, run);
             });
}
BENCHMARK(BM_ServiceStreams)
    ->ArgNames({"streams", "window", "journal", "batch"})
    ->Args({8, 256, 0, 1})
    ->Args({8, 256, 1, 1})
    ->Args({32, 64, 1, 1})
    ->Args({8, 8, 1, 1})
    ->Args({8, 1024, 0, 64})
    ->Args({8, 1024, 1, 64})
    ->Args({8, 256, 1, 16})
    ->Args({32, 256, 1, 32})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Latency at a given load: `rate` events/s in all, spread over `streams`
// open-loop streams (each sends what is due every millisecond, merged).
// Args: streams, total events/s, journal (0 none, 1 the default: prepared
// segments; 2 growing segments; 3 and 4: 1 and 2 with the commit
// pipelined).
void BM_ServicePaced(benchmark::State& state) {
  const int streams = static_cast<int>(state.range(0));
  const double rate = static_cast<double>(state.range(1));
  const uint64_t per_stream = static_cast<uint64_t>(rate * 2) / streams;  // two seconds
  MeasureRun(state, static_cast<int>(state.range(2)), streams,
             [&](v1::Acd::Stub* stub, int s, StreamRun* run) {
               RunStream(stub, s, per_stream, 1u << 16, 1u, rate / streams, run);
             });
}
BENCHMARK(BM_ServicePaced)
    ->ArgNames({"streams", "rate", "journal"})
    ->Args({8, 50'000, 1})
    ->Args({8, 50'000, 3})
    ->Args({8, 50'000, 2})
    ->Args({8, 50'000, 4})
    ->Args({8, 50'000, 0})
    ->Args({8, 20'000, 1})
    ->Args({8, 20'000, 3})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The baseline: one unary SubmitEvent per event, `threads` client threads.
void BM_ServiceUnary(benchmark::State& state) {
  const int threads_n = static_cast<int>(state.range(0));
  const uint64_t per_thread = 6'000 / threads_n;
  MeasureRun(state, static_cast<int>(state.range(1)), threads_n,
             [&](v1::Acd::Stub* stub, int t, StreamRun* run) {
               for (uint64_t n = 0; n < per_thread; ++n) {
                 grpc::ClientContext context;
                 v1::SubmitEventRequest request;
                 request.set_adapter(absl::StrCat("unary-", t));
                 *request.mutable_event() = MakeEvent(n + 1, t, n);
                 v1::SubmitEventReply reply;
                 const auto sent = Clock::now();
                 grpc::Status s = stub->SubmitEvent(&context, request, &reply);
                 run->ack_us.push_back(
                     std::chrono::duration<double, std::micro>(Clock::now() - sent).count());
                 if (!s.ok()) run->failed = true;
                 ++run->acked;
               }
             });
}
BENCHMARK(BM_ServiceUnary)
    ->ArgNames({"threads", "journal"})
    ->Args({8, 0})
    ->Args({8, 1})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd
