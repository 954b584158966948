// Watch: a server-streaming view of a center's live figures. One ticker
// thread serves every watch: every 50 ms it writes a Figures message to
// each watch that is due and whose previous write completed (a slow
// watcher skips ticks; it is never queued behind).
#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "service/server_impl.h"

namespace acd::service {

class WatchReactor final : public grpc::ServerWriteReactor<v1::Figures> {
 public:
  WatchReactor(ServerImpl* server, CenterHost* host, const v1::WatchRequest& request)
      : server_(server), host_(host), agents_(request.agents()),
        interval_(std::chrono::milliseconds(request.interval_ms() == 0 ? 1000
                                                                       : request.interval_ms())) {}

  // Ticker thread, with the server's watch lock held.
  void MaybeWrite(std::chrono::steady_clock::time_point now) {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_ || writing_ || now < next_) return;
    next_ = now + interval_;
    figures_.Clear();
    FillFigures(*host_->Snapshot(), *host_->names(), agents_, &figures_);
    writing_ = true;
    StartWrite(&figures_);
  }

  void End(grpc::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    EndLocked(std::move(status));
  }

 private:
  void EndLocked(grpc::Status status) {
    if (finished_) return;
    finished_ = true;
    pending_ = std::move(status);
    if (!writing_) Finish(pending_);
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    if (finished_) {
      Finish(pending_);
    } else if (!ok) {
      EndLocked(grpc::Status(grpc::StatusCode::CANCELLED, "watch stream broken"));
    }
  }

  void OnCancel() override { End(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled")); }

  void OnDone() override {
    server_->RemoveWatch(this);
    delete this;
  }

  ServerImpl* const server_;
  CenterHost* const host_;
  const bool agents_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point next_{};
  v1::Figures figures_;
  bool writing_ = false;
  bool finished_ = false;
  grpc::Status pending_;
};

grpc::ServerWriteReactor<v1::Figures>* ServerImpl::Watch(grpc::CallbackServerContext* context,
                                                          const v1::WatchRequest* request) {
  absl::StatusOr<CenterHost*> host = HostFor(*context, request->center());
  absl::Status bad;
  if (!host.ok()) bad = host.status();
  if (bad.ok() && request->interval_ms() != 0 && request->interval_ms() < 50) {
    bad = absl::InvalidArgumentError(
        absl::StrCat("interval_ms: ", request->interval_ms(), " is below 50"));
  }
  if (bad.ok() && shutting_down_.load()) bad = absl::UnavailableError("the server is shutting down");
  if (!bad.ok()) {
    class Refused final : public grpc::ServerWriteReactor<v1::Figures> {
     public:
      explicit Refused(const absl::Status& s) { Finish(ToGrpc(s)); }
      void OnDone() override { delete this; }
    };
    return new Refused(bad);
  }
  auto* watch = new WatchReactor(this, *host, *request);
  AddWatch(watch);
  return watch;
}

void ServerImpl::AddWatch(WatchReactor* watch) {
  absl::MutexLock lock(&watch_mu_);
  watches_.push_back(watch);
}

void ServerImpl::RemoveWatch(WatchReactor* watch) {
  absl::MutexLock lock(&watch_mu_);
  std::erase(watches_, watch);
}

void ServerImpl::Tick() {
  while (ticking_.load()) {
    {
      absl::MutexLock lock(&watch_mu_);
      const auto now = std::chrono::steady_clock::now();
      for (WatchReactor* watch : watches_) watch->MaybeWrite(now);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  absl::MutexLock lock(&watch_mu_);
  for (WatchReactor* watch : watches_) {
    watch->End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
}

}  // namespace acd::service
