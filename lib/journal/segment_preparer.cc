// SegmentPreparer: zero-filled segment files made ahead of need.
#include "journal/segment_preparer.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/journal_format.h"

namespace acd::journal_internal {

SegmentPreparer::SegmentPreparer(Env& env, std::string dir, uint64_t bytes)
    : env_(env),
      path_(absl::StrCat(dir, "/", std::string(journal::kPreparedSegmentName))),
      bytes_(bytes),
      thread_([this] { Run(); }) {}

SegmentPreparer::~SegmentPreparer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (state_ == State::kReady) env_.RemoveFile(path_).IgnoreError();
}

// Real zeros, not a hole or fallocate's unwritten extents: either would
// leave the first write of each block a metadata change to commit.
absl::Status SegmentPreparer::Prepare() const {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(path_);
  if (!file.ok()) return file.status();
  const std::string zeros(std::min<uint64_t>(bytes_, uint64_t{1} << 20), '\0');
  absl::Status s;
  for (uint64_t left = bytes_; left > 0 && s.ok();) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(left, zeros.size()));
    s = (*file)->Append(std::string_view(zeros).substr(0, n));
    left -= n;
  }
  if (s.ok()) s = (*file)->Sync();
  const absl::Status closed = (*file)->Close();
  if (s.ok()) s = closed;
  if (!s.ok()) env_.RemoveFile(path_).IgnoreError();
  return s;
}

absl::Status SegmentPreparer::PrepareNow() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return state_ != State::kRequested; });
  if (state_ == State::kReady) return absl::OkStatus();
  absl::Status s = Prepare();
  if (s.ok()) state_ = State::kReady;
  return s;
}

void SegmentPreparer::Request() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ != State::kIdle) return;
    state_ = State::kRequested;
  }
  cv_.notify_all();
}

std::optional<std::string> SegmentPreparer::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ != State::kReady) return std::nullopt;
  state_ = State::kIdle;
  return path_;
}

void SegmentPreparer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stop_ || state_ == State::kRequested; });
    if (stop_) return;
    lock.unlock();
    absl::Status s = Prepare();  // the writer never touches path_ meanwhile
    lock.lock();
    // A failed preparation (a full disk) leaves none ready: the writer makes
    // a plain segment, whose own write then reports the error.
    state_ = s.ok() ? State::kReady : State::kIdle;
    cv_.notify_all();
  }
}

}  // namespace acd::journal_internal
