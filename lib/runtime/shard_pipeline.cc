// The pipelined group commit on the shard thread: batch n's sync runs on
// the log's thread while what arrives meanwhile is applied and written as
// batch n+1; n is released (commands, then acks) once its sync returned
// OK, and n+1's sync starts then. The shard's thread never waits for a
// sync but for a read, a stop or an overdue view. Output commit holds as without pipelining: nothing leaves before
// the input behind it is durable.
#include <utility>

#include "acd/runtime.h"
#include "runtime/shard_impl.h"

namespace acd::runtime {

bool ShardImpl::Pipelined() const {
  return options_.pipeline_sync && options_.log != nullptr && options_.log->SyncsInBackground();
}

void ShardImpl::CommitPipelined(bool stopping) {
  const bool view_overdue = publish_due_ && PublishOverdue();
  const bool settle = stopping || !batch_reads_.empty() || view_overdue;
  if (in_flight_.active && (settle || sync_done_.load(std::memory_order_acquire))) {
    if (!FinishInFlight()) return;
  }
  if (!in_flight_.active && batch_inputs_ != 0) StartCommit();
  if (in_flight_.active && settle) FinishInFlight();
}

void ShardImpl::StartCommit() {
  if (!log_error_.ok()) {
    Fail(log_error_);
    return;
  }
  sync_done_.store(false, std::memory_order_relaxed);
  absl::Status started = options_.log->StartSync([this] {
    sync_done_.store(true, std::memory_order_release);
    InboxItem wake;  // the shard may be waiting for inputs: end its wait
    wake.kind = InboxItem::Kind::kWake;
    inbox_.Push(std::move(wake));
  });
  if (!started.ok()) {
    Fail(started);
    return;
  }
  in_flight_.active = true;
  std::swap(in_flight_.commands, batch_commands_);  // both keep their capacity
  std::swap(in_flight_.acks, batch_acks_);
  batch_inputs_ = 0;
}

bool ShardImpl::FinishInFlight() {
  absl::Status synced = options_.log->FinishSync();
  if (!synced.ok()) {
    Fail(synced);
    return false;
  }
  // The batch is durable. A snapshot the log takes now covers the batch
  // applied after it too (it syncs that first), so it counts that batch's
  // commands as well; never while that batch's logging failed (the engine
  // then holds an input the log has not).
  if (log_error_.ok()) {
    const uint64_t commands = seq_->load(std::memory_order_relaxed) +
                              in_flight_.commands.size() + batch_commands_.size();
    options_.log->AfterSync(*engine_, commands).IgnoreError();
  }
  in_flight_.active = false;
  Release(in_flight_.commands, in_flight_.acks);
  return true;
}

}  // namespace acd::runtime
