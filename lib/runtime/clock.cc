// The real clock (steady time anchored to the wall clock) and the manual
// clock for tests.
#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "acd/runtime.h"

namespace acd {
namespace {

constexpr std::chrono::microseconds kMaxWait = std::chrono::seconds(1);

class SteadyWallClock : public Clock {
 public:
  SteadyWallClock()
      : anchor_steady_(std::chrono::steady_clock::now()),
        anchor_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count()) {}

  TimeMs NowMs() const override {
    const auto since = std::chrono::steady_clock::now() - anchor_steady_;
    return anchor_ms_ + std::chrono::duration_cast<std::chrono::milliseconds>(since).count();
  }

  std::optional<std::chrono::microseconds> RealWait(TimeMs deadline_ms) const override {
    const auto target = anchor_steady_ + std::chrono::milliseconds(deadline_ms - anchor_ms_);
    const auto left = target - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) {
      return std::chrono::microseconds(0);
    }
    // Round up: waking a little late is harmless, early means a second wait.
    // At most kMaxWait: the inbox's semaphore times its waits on
    // CLOCK_REALTIME, so a step of the wall clock could otherwise stretch
    // one wait without bound; this way a deadline is at most that late.
    return std::min(std::chrono::ceil<std::chrono::microseconds>(left), kMaxWait);
  }

 private:
  const std::chrono::steady_clock::time_point anchor_steady_;
  const TimeMs anchor_ms_;
};

}  // namespace

Clock* RealClock() {
  static SteadyWallClock* const clock = new SteadyWallClock();
  return clock;
}

TimeMs ManualClock::NowMs() const {
  absl::MutexLock lock(&mu_);
  return now_ms_;
}

void ManualClock::AddWaker(const void* key, absl::AnyInvocable<void()> wake) {
  absl::MutexLock lock(&mu_);
  wakers_[key] = std::move(wake);
}

void ManualClock::RemoveWaker(const void* key) {
  absl::MutexLock lock(&mu_);
  wakers_.erase(key);
}

void ManualClock::Advance(TimeMs delta_ms) {
  absl::MutexLock lock(&mu_);
  now_ms_ += std::max<TimeMs>(delta_ms, 0);
  // Wakers only enqueue a token (lock-free): safe under the lock.
  for (auto& [key, wake] : wakers_) wake();
}

}  // namespace acd
