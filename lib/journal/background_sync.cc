// BackgroundSync: the syncing thread and its hand-over with the writer.
#include "journal/background_sync.h"

#include <utility>

namespace acd::journal_internal {

BackgroundSync::BackgroundSync() : thread_([this] { Run(); }) {}

BackgroundSync::~BackgroundSync() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    // A sync in flight finishes first: its file is still open.
    cv_.wait(lock, [this] { return file_ == nullptr; });
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void BackgroundSync::Start(WritableFile* file, std::function<void()> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    file_ = file;
    done_ = std::move(done);
    finished_ = false;
  }
  in_flight_ = true;
  cv_.notify_all();
}

absl::Status BackgroundSync::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return finished_; });
  in_flight_ = false;
  finished_ = false;
  return std::exchange(result_, absl::OkStatus());
}

void BackgroundSync::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stop_ || file_ != nullptr; });
    if (file_ == nullptr) return;  // stopping, nothing in flight
    WritableFile* const file = file_;
    std::function<void()> done = std::move(done_);
    lock.unlock();
    absl::Status result = file->Sync();
    if (done) done();
    lock.lock();
    result_ = std::move(result);
    file_ = nullptr;
    finished_ = true;
    cv_.notify_all();
  }
}

}  // namespace acd::journal_internal
