// One batch on the shard thread: apply every input, log it, sync once
// (group commit), then release the commands and the acks (output commit);
// or, when the log fails, refuse the batch and go back to the durable state.
#include <algorithm>
#include <chrono>
#include <vector>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "acd/runtime.h"
#include "runtime/shard_impl.h"

namespace acd {

void ApplyInput(Engine& engine, const ShardInput& input) {
  if (const auto* event = std::get_if<Event>(&input)) {
    (void)engine.Apply(*event);
  } else if (const auto* advance = std::get_if<AdvanceInput>(&input)) {
    (void)engine.AdvanceTo(advance->time_ms);
  } else {
    (void)engine.Reconfigure(std::get<ReconfigureInput>(input).center);
  }
}


absl::StatusOr<RecoveredEngine> ReplayInputs(const CenterConfig& center,
                                             const std::vector<ShardInput>& inputs,
                                             CommandSink* sink, const EngineOptions& options) {
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(center, sink, options);
  if (!engine.ok()) return engine.status();
  for (const ShardInput& input : inputs) ApplyInput(**engine, input);
  return RecoveredEngine{*std::move(engine), inputs.size()};
}

}  // namespace acd

namespace acd::runtime {

void ShardImpl::Emit(const Command& command) {
  if (!muted_) {
    batch_commands_.push_back(SequencedCommand{0, command, cause_event_});
    return;
  }
  ++replayed_count_;
  if (keep_replayed_) {
    replayed_.push_back(SequencedCommand{0, command, cause_event_});
    if (replayed_.size() > options_.keep_replayed) replayed_.pop_front();
  }
}

std::vector<SequencedCommand> ShardImpl::TakeReplayed() {
  std::lock_guard<std::mutex> lock(replayed_mu_);
  std::vector<SequencedCommand> out(std::make_move_iterator(replayed_.begin()),
                                    std::make_move_iterator(replayed_.end()));
  replayed_.clear();
  return out;
}

bool ShardImpl::ProcessBatch(std::vector<InboxItem>& items, size_t n) {
  const auto start = std::chrono::steady_clock::now();
  const bool failed = state_.load() == kFailed;
  const TimeMs now_ms = clock_->NowMs();
  if (!failed) AdvanceIfDue(now_ms);
  bool stop = ApplyItems(items.data(), n, failed, now_ms);
  // Group commit: keep draining what is already waiting, up to max_batch
  // inputs or batch_work_us of work, so that one Sync covers it all; but
  // not past the end of the sync in flight (pipelined), whose batch is
  // released first.
  const auto work = std::chrono::microseconds(options_.batch_work_us);
  for (size_t taken = n; taken < items.size();) {
    if (std::chrono::steady_clock::now() - start >= work) break;
    if (in_flight_.active && sync_done_.load(std::memory_order_acquire)) break;
    const size_t more = inbox_.TryTake(items.data(), items.size() - taken);
    if (more == 0) break;
    taken += more;
    stop |= ApplyItems(items.data(), more, failed, now_ms);
  }
  if (Pipelined()) {
    CommitPipelined(stop);
  } else if (batch_inputs_ != 0) {
    if (absl::Status s = Commit(); s.ok()) {
      batch_inputs_ = 0;  // nothing applied is left undurable
      Release(batch_commands_, batch_acks_);
    } else {
      Fail(s);
    }
  }
  if (!in_flight_.active) {
    RunReads();
    // A view put off while inputs were waiting is published once they are
    // all taken, even when the last batch held only reads or wake-ups.
    if (publish_due_ && inbox_.pending() == 0) Publish();
  }
  return stop;
}

bool ShardImpl::ApplyItems(InboxItem* items, size_t n, bool failed, TimeMs now_ms) {
  bool stop = false;
  for (size_t i = 0; i < n; ++i) {
    InboxItem& item = items[i];
    switch (item.kind) {
      case InboxItem::Kind::kEvent:
      case InboxItem::Kind::kReconfigure:
        if (failed) {
          if (item.ack) std::move(item.ack)(RefusedStatus());
        } else {
          ApplyItem(item, now_ms);
        }
        break;
      case InboxItem::Kind::kRead:
        batch_reads_.push_back(std::move(item.read));
        break;
      case InboxItem::Kind::kStop:
        stop = true;
        break;
      case InboxItem::Kind::kWake:
      case InboxItem::Kind::kNone:
        break;
    }
    item = InboxItem{};  // free the event's strings and the center now
  }
  return stop;
}

void ShardImpl::AdvanceIfDue(TimeMs now_ms) {
  const std::optional<TimeMs> deadline = engine_->NextDeadlineMs();
  if (!deadline.has_value() || *deadline > now_ms || now_ms < engine_->now_ms()) return;
  (void)engine_->AdvanceTo(now_ms);
  ++inputs_applied_;
  ++batch_inputs_;
  Log(AdvanceInput{now_ms});
}

void ShardImpl::ApplyItem(InboxItem& item, TimeMs now_ms) {
  absl::Status status;
  ++inputs_applied_;
  ++batch_inputs_;
  if (item.kind == InboxItem::Kind::kEvent) {
    cause_event_ = item.event.id;
    // Producers do not supply wall time; the engine's time never goes back.
    item.event.time_ms = std::max(now_ms, engine_->now_ms());
    status = engine_->Apply(item.event);
    cause_event_ = 0;
    ++(status.ok() ? events_accepted_ : events_rejected_);
    if (options_.log != nullptr) Log(std::move(item.event));
  } else {
    status = engine_->Reconfigure(*item.center);
    if (options_.log != nullptr) Log(ReconfigureInput{std::move(*item.center)});
  }
  batch_acks_.push_back(PendingAck{std::move(item.ack), std::move(status)});
}

void ShardImpl::Log(ShardInput input) {
  // After a failed Append the batch is lost anyway: stop writing.
  if (options_.log == nullptr || !log_error_.ok()) return;
  log_error_ = options_.log->Append(input);
}

absl::Status ShardImpl::Commit() {
  if (options_.log == nullptr) return absl::OkStatus();
  if (!log_error_.ok()) return log_error_;
  absl::Status synced = options_.log->Sync();
  // The batch is durable now; a snapshot the log fails to take shows in
  // its next Sync.
  if (synced.ok()) {
    const uint64_t commands = seq_->load(std::memory_order_relaxed) + batch_commands_.size();
    options_.log->AfterSync(*engine_, commands).IgnoreError();
  }
  return synced;
}

void ShardImpl::AdoptNewOutboxes() {
  if (!has_new_outboxes_.load()) return;
  std::lock_guard<std::mutex> lock(subscribe_mu_);
  has_new_outboxes_.store(false);
  for (auto& outbox : new_outboxes_) outboxes_.push_back(std::move(outbox));
  new_outboxes_.clear();
}

void ShardImpl::Release(std::vector<SequencedCommand>& commands,
                        std::vector<PendingAck>& acks) {
  AdoptNewOutboxes();  // a subscriber sees every release begun after Subscribe
  uint64_t seq = seq_->load(std::memory_order_relaxed);
  for (SequencedCommand& sequenced : commands) {
    sequenced.seq = ++seq;
    // The shard never waits on a subscriber: one that is full is dropped.
    std::erase_if(outboxes_, [&](const std::shared_ptr<Outbox>& outbox) {
      return !outbox->Deliver(sequenced);
    });
  }
  seq_->store(seq, std::memory_order_release);
  // The listener sees the batch before any of its acks goes out.
  if (options_.listener != nullptr) options_.listener->OnRelease(commands);
  commands.clear();
  ++batches_;
  // Readers' view first: a producer that got its ack and then reads the
  // published view sees its input (when the inbox was empty; under load
  // the view lags by at most publish_every_ms). Not while a later batch is
  // applied but not durable (the caller has counted the released batch
  // out of batch_inputs_): the view would show it.
  if (batch_inputs_ == 0) {
    MaybePublish();
  } else {
    publish_due_ = true;
  }
  for (PendingAck& pending : acks) {
    if (pending.ack) std::move(pending.ack)(pending.status);
  }
  acks.clear();
  if (options_.listener != nullptr) options_.listener->OnReleaseDone();
}

void ShardImpl::RunReads() {
  const uint64_t seq = seq_->load(std::memory_order_relaxed);
  for (EngineRead& read : batch_reads_) std::move(read)(*engine_, seq);
  batch_reads_.clear();
}

void ShardImpl::MaybePublish() {
  publish_due_ = true;
  if (inbox_.pending() == 0 || PublishOverdue()) Publish();
}

bool ShardImpl::PublishOverdue() const {
  return std::chrono::steady_clock::now() - last_publish_ >=
         std::chrono::milliseconds(options_.publish_every_ms);
}

void ShardImpl::Fail(const absl::Status& error) {
  failure_ = absl::StrCat("input log failed (", error.ToString(),
                          "); the inputs of the failed batch were not applied");
  batch_commands_.clear();
  batch_inputs_ = 0;
  in_flight_.commands.clear();
  const bool was_in_flight = std::exchange(in_flight_.active, false);
  log_error_ = absl::OkStatus();
  const absl::Status refusal = absl::UnavailableError(
      absl::StrCat("shard '", name_, "': ", failure_, "; this input is not acknowledged"));
  if (absl::Status s = Rebuild(/*at_start=*/false); !s.ok()) {
    absl::StrAppend(&failure_, "; rebuilding the durable state failed: ", s.ToString());
  }
  Publish();  // readers see the durable state and the failure
  state_.store(kFailed);
  // In order: the batch that was syncing, then the one applied after it.
  if (was_in_flight) {
    for (PendingAck& pending : in_flight_.acks) {
      if (pending.ack) std::move(pending.ack)(refusal);
    }
  }
  in_flight_.acks.clear();
  for (PendingAck& pending : batch_acks_) {
    if (pending.ack) std::move(pending.ack)(refusal);
  }
  batch_acks_.clear();
}

absl::Status ShardImpl::Rebuild(bool at_start) {
  RecoveredEngine recovered;
  std::lock_guard<std::mutex> replayed_lock(replayed_mu_);
  replayed_count_ = 0;
  keep_replayed_ = at_start && options_.keep_replayed > 0;
  muted_ = true;  // a replay's commands were released long ago
  if (options_.log != nullptr) {
    absl::StatusOr<RecoveredEngine> durable =
        options_.log->Recover(initial_center_, this, options_.engine);
    if (durable.ok()) recovered = *std::move(durable);
    muted_ = false;
    if (!durable.ok()) return durable.status();
  } else {
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(initial_center_, this, options_.engine);
    muted_ = false;
    if (!engine.ok()) return engine.status();
    recovered.engine = *std::move(engine);
  }
  keep_replayed_ = false;
  if (recovered.engine == nullptr) return absl::InternalError("the input log recovered no engine");
  inputs_applied_ = recovered.inputs;
  engine_ = std::move(recovered.engine);
  cause_event_ = 0;
  if (at_start) {
    // Numbering goes on from the log when it can tell where it stood: the
    // replayed commands get the numbers they were released under (every
    // released command came from a durable input, and a durable input's
    // commands that a crash kept from release are numbered as if they
    // had been).
    numbering_continues_ = options_.log != nullptr && recovered.commands_before.has_value();
    if (numbering_continues_) {
      const uint64_t last = *recovered.commands_before + replayed_count_;
      seq_->store(last, std::memory_order_release);
      uint64_t seq = last - replayed_.size();
      for (SequencedCommand& command : replayed_) command.seq = ++seq;
    } else {
      replayed_.clear();
    }
  }
  return absl::OkStatus();
}


void ShardImpl::Publish() {
  publish_due_ = false;
  last_publish_ = std::chrono::steady_clock::now();
  auto snapshot = std::make_shared<ShardSnapshot>();
  snapshot->shard = name_;
  snapshot->now_ms = engine_->now_ms();
  snapshot->next_deadline_ms = engine_->NextDeadlineMs();
  snapshot->inputs_applied = inputs_applied_;
  snapshot->events_accepted = events_accepted_;
  snapshot->events_rejected = events_rejected_;
  snapshot->batches = batches_;
  snapshot->last_command_seq = seq_->load(std::memory_order_relaxed);
  const CenterConfig& center = engine_->center();
  snapshot->queues.reserve(center.queues.size());
  for (QueueId q = 0; q < center.queues.size(); ++q) {
    absl::StatusOr<QueueStats> stats = engine_->GetQueueStats(q);
    snapshot->queues.push_back(QueueSnapshot{center.queues[q].name, stats.value_or(QueueStats{})});
  }
  snapshot->agents = engine_->AllAgents();
  snapshot->counts = engine_->counts();
  snapshot->failure = failure_;
  snapshot_.store(std::move(snapshot));
}

}  // namespace acd::runtime
