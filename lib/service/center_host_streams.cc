// CenterHost's way out (center_host.h): attaching adapter streams, the
// resume from kept commands or a Resync, and the release of each batch's
// commands to their owners' streams (on the shard's thread).
#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>
#include <variant>

#include "service/center_host.h"
#include "service/convert.h"

namespace acd::service {

void CenterHost::SeedKept(std::vector<SequencedCommand> replayed) {
  std::vector<Kept> kept;
  kept.reserve(replayed.size());
  std::shared_ptr<const CenterNames> current = names();
  for (const SequencedCommand& command : replayed) kept.push_back(KeepOf(command, *current));
  absl::MutexLock lock(&streams_mu_);
  // Live releases may have begun since the shard started: theirs are newer.
  kept_.insert(kept_.begin(), std::make_move_iterator(kept.begin()),
               std::make_move_iterator(kept.end()));
  while (kept_.size() > options_.keep_commands) kept_.pop_front();
  last_seq_ = std::max(last_seq_, shard_->released_seq());
}

CenterHost::Kept CenterHost::KeepOf(const SequencedCommand& command, const CenterNames& names) {
  const CallId call = CommandCall(command.command);
  std::string owner;
  if (call != 0) {
    std::optional<CallMap::Owner> found = calls_->Find(call);
    owner = found.has_value() ? found->adapter : std::string();
  }
  const uint32_t cause_tag = static_cast<uint32_t>(command.cause_event >> kAdapterEventBits);
  const uint64_t cause_id = command.cause_event & kMaxAdapterEventId;
  Kept kept{command.seq, call, owner, {}};
  ToProto(command, cause_tag != 0 ? calls_->AdapterName(cause_tag) : std::string(), cause_id,
          names, *calls_, &kept.command);
  return kept;
}

absl::Status CenterHost::Attach(const v1::Hello& hello, StreamSink* sink) {
  std::vector<v1::ServerMessage> missed;
  bool resumed = false;
  {
    absl::MutexLock lock(&streams_mu_);
    const uint64_t first_kept = kept_.empty() ? last_seq_ + 1 : kept_.front().seq;
    resumed = hello.server_epoch() == epoch_ && hello.last_command_seq() + 1 >= first_kept &&
              hello.last_command_seq() <= last_seq_;
    v1::ServerMessage welcome;
    welcome.mutable_welcome()->set_server_epoch(epoch_);
    welcome.mutable_welcome()->set_center(options_.name);
    welcome.mutable_welcome()->set_next_command_seq(last_seq_ + 1);
    welcome.mutable_welcome()->set_resumed(resumed);
    welcome.mutable_welcome()->set_now_ms(shard_->Snapshot()->now_ms);
    sink->Send(std::move(welcome));
    if (resumed) {
      for (const Kept& kept : kept_) {
        if (kept.seq <= hello.last_command_seq()) continue;
        if (!kept.owner.empty() && kept.owner != hello.adapter()) continue;
        v1::ServerMessage m;
        *m.mutable_command() = kept.command;
        sink->Send(std::move(m));
      }
    }
    streams_.push_back(Attached{hello.adapter(), sink});
  }
  if (!resumed) SendResync(hello.adapter(), sink);
  return absl::OkStatus();
}

void CenterHost::SendResync(const std::string& adapter, StreamSink* sink) {
  // The sink may detach before the read runs: deliver through the list.
  absl::Status s = Barrier([this, adapter, sink](const Engine& engine, uint64_t last_seq) {
    v1::ServerMessage m;
    v1::Resync* resync = m.mutable_resync();
    resync->set_next_command_seq(last_seq + 1);
    std::shared_ptr<const CenterNames> current = names();
    for (CallId id : calls_->LiveCalls(adapter)) {
      absl::StatusOr<CallView> view = engine.GetCall(id);
      if (!view.ok() || view->state == CallState::kEnded) continue;
      ToProto(*view, *current, *calls_, resync->add_calls());
    }
    absl::MutexLock lock(&streams_mu_);
    for (const Attached& a : streams_) {
      if (a.sink == sink) {
        sink->Send(std::move(m));
        break;
      }
    }
  });
  (void)s;  // a stopping shard: the stream is about to close anyway
}

void CenterHost::Detach(StreamSink* sink) {
  absl::MutexLock lock(&streams_mu_);
  std::erase_if(streams_, [sink](const Attached& a) { return a.sink == sink; });
}

namespace {
thread_local bool batch_open = false;
thread_local std::vector<SendBatch::FlushFn> batch_flushes;
}  // namespace

void SendBatch::Begin() { batch_open = true; }

void SendBatch::End() {
  batch_open = false;
  std::vector<SendBatch::FlushFn> flushes;
  flushes.swap(batch_flushes);
  for (FlushFn& flush : flushes) std::move(flush)();
  flushes.clear();
  batch_flushes.swap(flushes);  // keep the capacity for the next batch
}

bool SendBatch::Defer(FlushFn flush) {
  if (!batch_open) return false;
  batch_flushes.push_back(std::move(flush));
  return true;
}

void CenterHost::Releases::OnRelease(const std::vector<SequencedCommand>& commands) {
  SendBatch::Begin();
  if (commands.empty()) return;
  const std::shared_ptr<const CenterNames> names = host_->names();
  for (const SequencedCommand& command : commands) host_->Dispatch(command, *names);
}

void CenterHost::Releases::OnReleaseDone() { SendBatch::End(); }

void CenterHost::Dispatch(const SequencedCommand& command, const CenterNames& names) {
  Kept kept = KeepOf(command, names);
  const CallId call = kept.call;
  const std::string& owner = kept.owner;
  if (std::holds_alternative<CallEnded>(command.command.body)) calls_->MarkEnded(call);
  absl::MutexLock lock(&streams_mu_);
  last_seq_ = std::max(last_seq_, command.seq);
  for (const Attached& a : streams_) {
    if (call != 0 && a.adapter != owner) continue;
    v1::ServerMessage m;
    *m.mutable_command() = kept.command;
    a.sink->Send(std::move(m));
  }
  kept_.push_back(std::move(kept));
  while (kept_.size() > options_.keep_commands) kept_.pop_front();
}

}  // namespace acd::service
