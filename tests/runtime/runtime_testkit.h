// Helpers for the runtime tests: a tiny center, an in-memory recording
// InputLog that can fail or hold its Sync on demand, an ack counter and a
// patient wait (generous timeouts: the tests run on a loaded machine and
// assert order and counts, never tight wall times).
#ifndef ACD_TESTS_RUNTIME_RUNTIME_TESTKIT_H_
#define ACD_TESTS_RUNTIME_RUNTIME_TESTKIT_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "acd/center.h"
#include "acd/runtime.h"

namespace acd::testing {

// One queue "sales" (ring timeout ring_ms), `agents` members with ids 1..n.
inline CenterConfig TinyCenter(uint32_t agents, TimeMs ring_ms = 10'000) {
  CenterConfig center;
  QueueConfig sales;
  sales.name = "sales";
  sales.ring_timeout_ms = ring_ms;
  center.queues.push_back(sales);
  for (AgentId id = 1; id <= agents; ++id) {
    AgentConfig agent;
    agent.id = id;
    agent.name = "agent" + std::to_string(id);
    agent.queues.push_back(Membership{.queue = 0});
    center.agents.push_back(agent);
  }
  return center;
}

// CallEnqueue of `call` to queue 0, as an event.
inline Event EnqueueEvent(EventId id, CallId call) {
  CallEnqueue enqueue;
  enqueue.call = call;
  enqueue.queue = 0;
  return Event{id, 0, enqueue};
}

// Waits up to 20 s for done() to hold.
inline bool WaitFor(const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Records every input; Sync makes the appended ones durable. Can fail the
// next Append or Sync, and can hold Sync until Open() (a slow disk).
class RecordingLog : public InputLog {
 public:
  // background: the log syncs in the background (StartSync on a thread of
  // its own), so a shard pipelines its commits on it.
  explicit RecordingLog(bool background = false) : background_(background) {}
  ~RecordingLog() override {
    if (syncer_.joinable()) syncer_.join();
  }

  absl::Status Append(const ShardInput& input) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_append_) return absl::InternalError("disk full (injected)");
    appended_.push_back(input);
    return absl::OkStatus();
  }
  absl::Status Sync() override { return SyncUpTo(appended()); }
  bool SyncsInBackground() const override { return background_; }
  absl::Status StartSync(std::function<void()> done) override {
    if (syncer_.joinable()) return absl::InternalError("a sync is already in flight");
    syncer_ = std::thread([this, upto = appended(), done = std::move(done)] {
      background_result_ = SyncUpTo(upto);
      if (done) done();
    });
    return absl::OkStatus();
  }
  absl::Status FinishSync() override {
    if (!syncer_.joinable()) return absl::InternalError("no sync in flight");
    syncer_.join();
    return background_result_;
  }
  absl::StatusOr<RecoveredEngine> Recover(const CenterConfig& initial_center, CommandSink* sink,
                                          const EngineOptions& options) override {
    return ReplayInputs(initial_center, *DurableInputs(), sink, options);
  }
  absl::StatusOr<std::vector<ShardInput>> DurableInputs() {
    std::lock_guard<std::mutex> lock(mu_);
    return std::vector<ShardInput>(appended_.begin(), appended_.begin() + synced_);
  }

  void FailAppend(bool on) { Set([&] { fail_append_ = on; }); }
  void FailSync(bool on) { Set([&] { fail_sync_ = on; }); }
  // Hold: no sync returns until Open (every one) or Allow (the next n).
  void Hold() { Set([&] { allowed_ = 0; }); }
  void Open() { Set([&] { allowed_ = kUnlimited; }); }
  void Allow(uint64_t n) { Set([&] { allowed_ += n; }); }
  // Waits until a Sync call is in progress or done (count > n).
  bool WaitSyncCalls(uint64_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(20), [&] { return sync_calls_ > n; });
  }
  size_t appended() const { std::lock_guard<std::mutex> l(mu_); return appended_.size(); }
  size_t synced() const { std::lock_guard<std::mutex> l(mu_); return synced_; }
  uint64_t sync_calls() const { std::lock_guard<std::mutex> l(mu_); return sync_calls_; }
  std::vector<ShardInput> all() const { std::lock_guard<std::mutex> l(mu_); return appended_; }

 private:
  static constexpr uint64_t kUnlimited = UINT64_MAX / 2;
  // Makes the first `upto` inputs durable (those appended when it began).
  absl::Status SyncUpTo(size_t upto) {
    std::unique_lock<std::mutex> lock(mu_);
    ++sync_calls_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return allowed_ > 0; });
    if (allowed_ < kUnlimited) --allowed_;
    if (fail_sync_) {
      appended_.resize(synced_);  // what was not synced is gone
      return absl::InternalError("I/O error on fsync (injected)");
    }
    synced_ = std::max(synced_, upto);
    return absl::OkStatus();
  }
  void Set(const std::function<void()>& change) {
    std::lock_guard<std::mutex> lock(mu_);
    change();
    cv_.notify_all();
  }
  const bool background_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ShardInput> appended_;
  size_t synced_ = 0;
  uint64_t sync_calls_ = 0;
  bool fail_append_ = false;
  bool fail_sync_ = false;
  uint64_t allowed_ = kUnlimited;
  std::thread syncer_;  // the sync in flight (background)
  absl::Status background_result_;
};

// Counts acks and keeps their statuses (set from the shard thread).
class AckBox {
 public:
  Ack Make() {
    return [this](const absl::Status& status) {
      std::lock_guard<std::mutex> lock(mu_);
      statuses_.push_back(status);
      count_.fetch_add(1);
    };
  }
  uint64_t count() const { return count_.load(); }
  std::vector<absl::Status> statuses() const {
    std::lock_guard<std::mutex> lock(mu_);
    return statuses_;
  }
  bool WaitCount(uint64_t n) const { return WaitFor([&] { return count() >= n; }); }

 private:
  mutable std::mutex mu_;
  std::vector<absl::Status> statuses_;
  std::atomic<uint64_t> count_{0};
};

// Takes commands until pred holds on what was taken (or 20 s pass).
inline std::vector<SequencedCommand> TakeUntil(
    Subscription& sub, const std::function<bool(const std::vector<SequencedCommand>&)>& pred) {
  std::vector<SequencedCommand> got;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!pred(got) && std::chrono::steady_clock::now() < until) {
    if (!sub.Take(&got, 1024, std::chrono::milliseconds(10)).ok()) break;
  }
  return got;
}

}  // namespace acd::testing

#endif  // ACD_TESTS_RUNTIME_RUNTIME_TESTKIT_H_
