// The adapter stream (Connect): a bidirectional gRPC reactor. Reads one
// message at a time; the first must be a Hello, checked against the
// caller's token. Each event (or each of an EventBatch's, at most 1,024)
// goes to the center's host, whose acknowledgements and commands (both
// from the shard's thread, an ack after its event's commands) are queued here and
// written one at a time; to an adapter that accepts batches, what queued
// up behind a write goes out merged in the next one.
//
// Back-pressure: with max_in_flight events unacknowledged (a batch may
// pass it by its size) the reactor stops reading, so gRPC's flow control holds the adapter back; a stream whose
// outgoing queue passes stream_queue_bound is closed RESOURCE_EXHAUSTED
// (the adapter reconnects and resumes).
//
// Lifetime and locking: the host holds the stream's Link (a StreamSink);
// acks and commands may arrive after the stream ended, and the Link drops
// them once the reactor cleared it in OnDone. The Link's mutex guards the
// reactor's state; the reactor never calls into the host while holding it
// (the host calls Send while holding its own locks).
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "service/adapter_stream.h"
#include "service/server_impl.h"

namespace acd::service {

constexpr int kMaxBatchEvents = 1024;
// Messages merged into one write at most (acks and commands are small).
constexpr size_t kMaxMergedMessages = 512;

// An event's callback: its ack goes to the stream, if it still lives.
CenterHost::AckFn AckTo(const std::shared_ptr<StreamLink>& link) {
  return [link](v1::Ack ack) {
    v1::ServerMessage m;
    *m.mutable_ack() = std::move(ack);
    link->Send(std::move(m));
  };
}

class AdapterStream final
    : public grpc::ServerBidiReactor<v1::AdapterMessage, v1::ServerMessage> {
 public:
  AdapterStream(ServerImpl* server, grpc::CallbackServerContext* context)
      : server_(server), context_(context), link_(std::make_shared<StreamLink>(this)) {
    server_->AddStream(link_);
    StartRead(&in_);
  }

  // With the link's mutex held. Without write_now the message waits for
  // FlushLocked (the end of the sender's SendBatch).
  void SendLocked(v1::ServerMessage message, bool write_now) {
    if (finish_.has_value()) return;
    if (message.kind_case() == v1::ServerMessage::kAck && in_flight_ > 0) {
      --in_flight_;
      if (read_paused_ && !read_closed_ && !draining_) {
        read_paused_ = false;
        StartRead(&in_);
      }
    }
    if (out_.size() >= server_->options().stream_queue_bound) {
      RequestFinishLocked(
          grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                       absl::StrCat("adapter '", adapter_, "' fell ", out_.size(),
                                    " messages behind; reconnect with Hello.last_command_seq "
                                    "to resume")),
          /*flush=*/false);
      return;
    }
    out_.push_back(std::move(message));
    if (!writing_ && write_now) StartNextWriteLocked();
    if (in_flight_ == 0 && (read_closed_ || draining_)) EndLocked();
  }

  // With the link's mutex held: writes what was held back, if no write is
  // under way (OnWriteDone writes the rest after it).
  void FlushLocked() {
    if (!writing_ && !out_.empty() && !finish_called_) StartNextWriteLocked();
  }

  // After a token reload: a stream its token no longer covers ends.
  void RecheckLocked() {
    if (host_ == nullptr || finish_.has_value()) return;
    absl::Status allowed = server_->StillAllowed(caller_, host_->name(), adapter_);
    if (allowed.ok()) return;
    server_->Log(absl::StrCat("level=warn event=adapter_cut adapter=", adapter_,
                              " center=", host_->name(), " reason=\"", allowed.message(), "\""));
    RequestFinishLocked(ToGrpc(allowed), /*flush=*/false);
  }

  void DrainLocked() {
    draining_ = true;
    if (in_flight_ == 0) EndLocked();
  }

 private:
  void OnReadDone(bool ok) override {
    std::unique_lock<std::mutex> lock(link_->mu());
    if (!ok) {  // the adapter half-closed, or the call broke
      read_closed_ = true;
      if (in_flight_ == 0) EndLocked();
      return;
    }
    if (finish_.has_value()) return;
    if (host_ == nullptr) {
      if (!AcceptHelloLocked()) return;
      lock.unlock();
      v1::Hello hello = in_.hello();
      (void)host_->Attach(hello, link_.get());
      lock.lock();
      attached_ = true;
    } else if (in_.kind_case() == v1::AdapterMessage::kEvent) {
      ++in_flight_;
      const std::shared_ptr<StreamLink> link = link_;
      lock.unlock();
      host_->SubmitEvent(adapter_, in_.event(), AckTo(link));
      lock.lock();
    } else if (in_.kind_case() == v1::AdapterMessage::kEvents) {
      const int n = in_.events().events_size();
      if (n > kMaxBatchEvents) {
        RequestFinishLocked(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                         absl::StrCat("events: ", n, " events in one batch (at most ",
                                                      kMaxBatchEvents, ")")),
                            /*flush=*/true);
        return;
      }
      in_flight_ += static_cast<uint32_t>(n);
      const std::shared_ptr<StreamLink> link = link_;
      lock.unlock();
      host_->SubmitEvents(adapter_, in_.events().events(), [&link] { return AckTo(link); });
      lock.lock();
    } else {
      RequestFinishLocked(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                       "message: a hello was already received; send events"),
                          /*flush=*/true);
      return;
    }
    if (finish_.has_value() || draining_) return;
    if (in_flight_ < server_->options().max_in_flight) {
      StartRead(&in_);
    } else {
      read_paused_ = true;
    }
  }

  bool AcceptHelloLocked() {
    if (in_.kind_case() != v1::AdapterMessage::kHello) {
      RequestFinishLocked(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                       "message: the first message must be a hello"),
                          /*flush=*/false);
      return false;
    }
    const v1::Hello& hello = in_.hello();
    if (hello.adapter().empty() || hello.adapter().size() > 128) {
      RequestFinishLocked(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                       "hello.adapter: a name of 1 to 128 bytes is required"),
                          /*flush=*/false);
      return false;
    }
    absl::StatusOr<Caller> caller = server_->Authenticate(*context_);
    absl::StatusOr<CenterHost*> host =
        caller.ok() ? server_->HostFor(*caller, hello.center(), &hello.adapter()) : caller.status();
    if (!host.ok()) {
      if (absl::IsUnauthenticated(host.status()) || absl::IsPermissionDenied(host.status())) {
        server_->Log(absl::StrCat("level=warn event=access_denied peer=", context_->peer(),
                                  " adapter=", hello.adapter(), " reason=\"",
                                  host.status().message(), "\""));
      }
      RequestFinishLocked(ToGrpc(host.status()), /*flush=*/false);
      return false;
    }
    caller_ = *std::move(caller);
    host_ = *host;
    adapter_ = hello.adapter();
    batches_ = hello.accept_batches();
    server_->Log(absl::StrCat("level=info event=adapter_connected adapter=", adapter_,
                              " center=", host_->name(), " peer=", context_->peer(),
                              " client=", caller_.name(),
                              " last_command_seq=", hello.last_command_seq()));
    return true;
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(link_->mu());
    out_.pop_front();
    writing_ = false;
    if (!ok) {  // the call broke: nothing more can be written
      out_.clear();
      RequestFinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream broken"), false);
      // A finish asked for before (an end that was flushing) is due now:
      // nothing is left to flush, and no other callback would finish it.
      TryFinishLocked();
      return;
    }
    if (!out_.empty()) {
      StartNextWriteLocked();
      return;
    }
    TryFinishLocked();
  }

  // Writes the front message; to an adapter that accepts batches, the
  // messages queued behind it go in the same write.
  void StartNextWriteLocked() {
    if (batches_ && out_.size() > 1) {
      v1::ServerMessage merged;
      v1::MessageBatch* batch = merged.mutable_batch();
      for (size_t n = 0; n < kMaxMergedMessages && !out_.empty(); ++n) {
        batch->add_messages()->Swap(&out_.front());
        out_.pop_front();
      }
      out_.push_front(std::move(merged));
    }
    writing_ = true;
    StartWrite(&out_.front());
  }

  // Everything was answered and no more will be read: close the stream.
  void EndLocked() {
    if (draining_) {
      RequestFinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                       "the server is shutting down; reconnect and resume"),
                          /*flush=*/true);
    } else {
      RequestFinishLocked(grpc::Status::OK, /*flush=*/true);
    }
  }

  void RequestFinishLocked(grpc::Status status, bool flush) {
    if (finish_.has_value()) return;
    finish_ = std::move(status);
    if (!flush) out_.erase(out_.begin() + (writing_ ? 1 : 0), out_.end());
    TryFinishLocked();
  }

  void TryFinishLocked() {
    if (finish_.has_value() && !finish_called_ && !writing_ && out_.empty()) {
      finish_called_ = true;
      Finish(*finish_);
    }
  }

  void OnDone() override {
    if (attached_) host_->Detach(link_.get());
    server_->RemoveStream(link_);
    link_->Clear();
    if (host_ != nullptr) {
      server_->Log(absl::StrCat("level=info event=adapter_disconnected adapter=", adapter_,
                                " center=", host_->name()));
    }
    delete this;
  }

  ServerImpl* const server_;
  grpc::CallbackServerContext* const context_;
  const std::shared_ptr<StreamLink> link_;
  v1::AdapterMessage in_;
  std::deque<v1::ServerMessage> out_;
  CenterHost* host_ = nullptr;
  std::string adapter_;
  Caller caller_;
  uint32_t in_flight_ = 0;
  bool writing_ = false;
  bool batches_ = false;
  bool read_paused_ = false;
  bool read_closed_ = false;
  bool draining_ = false;
  bool attached_ = false;
  bool finish_called_ = false;
  std::optional<grpc::Status> finish_;
};

void StreamLink::Send(v1::ServerMessage message) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stream_ == nullptr) return;  // the stream ended: the adapter resumes
  if (!flush_due_) {
    flush_due_ = SendBatch::Defer([link = shared_from_this()]() mutable { link->Flush(); });
  }
  stream_->SendLocked(std::move(message), /*write_now=*/!flush_due_);
}

void StreamLink::Flush() {
  std::lock_guard<std::mutex> lock(mu_);
  flush_due_ = false;
  if (stream_ != nullptr) stream_->FlushLocked();
}

void StreamLink::Recheck() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stream_ != nullptr) stream_->RecheckLocked();
}

void StreamLink::Drain() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stream_ != nullptr) stream_->DrainLocked();
}

grpc::ServerBidiReactor<v1::AdapterMessage, v1::ServerMessage>* ServerImpl::Connect(
    grpc::CallbackServerContext* context) {
  return new AdapterStream(this, context);
}

}  // namespace acd::service
