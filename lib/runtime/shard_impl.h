// The shard's machinery behind acd::Shard: the thread's loop, batches,
// group commit, release, failure and rebuild.
//
// Thread-safety: Submit*, Subscribe, Snapshot, wakeups and Stop from any
// thread; everything else runs on the shard thread (or in Init, before the
// thread starts).
// Invariants: the engine, the batch buffers, the outbox list and the
// counters belong to the shard thread. A batch's acks and commands are
// released only after the log's Sync (or FinishSync) returned OK; on a log
// failure they are answered with Unavailable and the engine is rebuilt
// from the durable inputs. Pipelined (ShardOptions::pipeline_sync): at most
// one batch is syncing (in_flight_) while the next is applied; batches are
// released in order; reads run and views are published only when no batch
// is applied but unreleased (the engine then holds durable inputs only).
#ifndef ACD_LIB_RUNTIME_SHARD_IMPL_H_
#define ACD_LIB_RUNTIME_SHARD_IMPL_H_

#include <atomic>
#include <deque>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/runtime.h"
#include "runtime/inbox.h"
#include "runtime/outbox.h"

namespace acd::runtime {

class ShardImpl : public CommandSink {
 public:
  ShardImpl(std::string name, CenterConfig center, ShardOptions options);
  ~ShardImpl() override;

  // Creates the engine, replays the log's durable inputs, publishes the
  // first snapshot and starts the thread.
  absl::Status Init();

  absl::Status Submit(Event event, Ack ack, ShardProducer* producer);
  absl::Status SubmitReconfigure(CenterConfig center, Ack ack, ShardProducer* producer);
  absl::Status SubmitRead(EngineRead read, ShardProducer* producer);
  std::unique_ptr<ShardProducer> NewProducer();
  std::unique_ptr<Subscription> Subscribe(std::string subscriber, uint32_t bound);
  std::shared_ptr<const ShardSnapshot> Snapshot() const { return snapshot_.load(); }
  absl::StatusOr<uint64_t> StateHash();
  uint64_t wakeups() const { return wakeups_.load(std::memory_order_relaxed); }
  uint64_t released_seq() const { return seq_->load(std::memory_order_acquire); }
  const std::string& name() const { return name_; }
  void Stop();

  void Emit(const Command& command) override;
  void BeginReplayedInput(EventId cause) override { cause_event_ = cause; }
  std::vector<SequencedCommand> TakeReplayed();
  bool numbering_continues() const { return numbering_continues_; }

 private:
  enum State : int { kRunning, kStopping, kFailed };
  struct PendingAck {
    Ack ack;
    absl::Status status;
  };

  // Reserves an inbox place; refuses when full, stopping or (inputs, and
  // reads unless reads_when_failed) failed.
  absl::Status Admit(bool reads_when_failed = false);
  void Run();
  std::optional<std::chrono::microseconds> WaitTime() const;
  // Applies, logs and commits one batch that starts with items[0, n) and
  // drains more if waiting; true when it held a stop token.
  bool ProcessBatch(std::vector<InboxItem>& items, size_t n);
  bool ApplyItems(InboxItem* items, size_t n, bool failed, TimeMs now_ms);
  void ApplyItem(InboxItem& item, TimeMs now_ms);
  void AdvanceIfDue(TimeMs now_ms);
  void Log(ShardInput input);
  absl::Status Commit();
  // Releases a durable batch: numbers and delivers its commands, then runs
  // its acks (emptied). The caller has already taken the batch out of
  // batch_inputs_ (it counts only inputs applied and not yet durable).
  void Release(std::vector<SequencedCommand>& commands, std::vector<PendingAck>& acks);
  // The pipelined commit (shard_pipeline.cc). While a batch syncs, what
  // arrives is applied into the next one, which starts its own sync once
  // the one in flight is released. A read, a stop or an overdue view waits
  // for both (they need durable state).
  bool Pipelined() const;
  void CommitPipelined(bool stopping);
  // Starts the current batch's sync (none in flight); it moves to in_flight_.
  void StartCommit();
  // Waits for the batch in flight's sync; releases it, or fails the shard
  // (refusing it and the batch applied after it). False on failure.
  bool FinishInFlight();
  void Enqueue(InboxItem item, ShardProducer* producer);
  void RunReads();
  void AdoptNewOutboxes();
  void Fail(const absl::Status& error);
  // A fresh engine from the initial center, fed the durable inputs. At
  // start it also sets the numbering of commands from the log and keeps
  // the newest replayed ones (TakeReplayed).
  absl::Status Rebuild(bool at_start);
  void Publish();
  // Publishes after a batch when the inbox is empty (the shard is about to
  // wait) or ShardOptions::publish_every_ms passed since the last one: a
  // view costs O(agents + calls), so a busy shard does not build one per
  // batch.
  void MaybePublish();
  // Whether publish_every_ms passed since the last view.
  bool PublishOverdue() const;
  absl::Status RefusedStatus() const;

  const std::string name_;
  const CenterConfig initial_center_;
  const ShardOptions options_;
  Clock* const clock_;
  Inbox inbox_;
  std::atomic<int> state_{kRunning};
  std::atomic<std::shared_ptr<const ShardSnapshot>> snapshot_;
  std::atomic<uint64_t> wakeups_{0};
  std::shared_ptr<std::atomic<uint64_t>> seq_ = std::make_shared<std::atomic<uint64_t>>(0);

  // Shard thread only.
  std::unique_ptr<Engine> engine_;
  bool muted_ = false;  // replaying: commands were already released
  bool keep_replayed_ = false;  // at start: keep the newest replayed commands
  uint64_t replayed_count_ = 0;  // commands the last replay emitted
  std::vector<SequencedCommand> batch_commands_;  // seq set at release
  EventId cause_event_ = 0;  // the event being applied (0: advance, reload)
  std::vector<EngineRead> batch_reads_;  // run after the batch's release
  std::vector<PendingAck> batch_acks_;
  uint64_t batch_inputs_ = 0;
  // The batch whose sync runs in the background (pipelined commit).
  struct InFlight {
    bool active = false;
    std::vector<SequencedCommand> commands;
    std::vector<PendingAck> acks;
  };
  InFlight in_flight_;
  std::atomic<bool> sync_done_{false};  // set by the log's thread
  absl::Status log_error_;
  std::vector<std::shared_ptr<Outbox>> outboxes_;
  std::string failure_;
  uint64_t inputs_applied_ = 0;
  uint64_t events_accepted_ = 0;
  uint64_t events_rejected_ = 0;
  uint64_t batches_ = 0;
  std::chrono::steady_clock::time_point last_publish_{};
  bool publish_due_ = false;  // a batch since the last Publish

  // The newest commands replayed at start, numbered (TakeReplayed).
  std::mutex replayed_mu_;
  std::deque<SequencedCommand> replayed_;
  bool numbering_continues_ = false;  // set at Init, then read-only

  std::mutex stop_mu_;  // Stop's callers only, never the submit path
  // Subscribe's new outboxes, taken by the next release (a control call,
  // not the submit path; the inbox would not order it against other
  // producers' events).
  std::mutex subscribe_mu_;
  std::vector<std::shared_ptr<Outbox>> new_outboxes_;
  std::atomic<bool> has_new_outboxes_{false};
  std::thread thread_;
};

}  // namespace acd::runtime

#endif  // ACD_LIB_RUNTIME_SHARD_IMPL_H_
