// BackgroundSync: one thread that syncs a journal segment while the writer's
// thread goes on appending (the pipelined group commit: batch n+1 is applied
// and written while batch n's fdatasync runs).
//
// Thread-safety: Start and Wait belong to the writer's thread; the sync runs
// on this object's own thread. `done` runs on that thread, after the sync and
// before Wait can return; it must not block (it wakes the writer's thread).
// Invariants: at most one sync is in flight; Start is called only when none
// is (after Wait); the file outlives the sync (the writer waits before it
// rotates, closes or destroys it); the destructor joins the thread after
// the sync in flight, if any, has finished.
#ifndef ACD_LIB_JOURNAL_BACKGROUND_SYNC_H_
#define ACD_LIB_JOURNAL_BACKGROUND_SYNC_H_

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "acd/env.h"

namespace acd::journal_internal {

class BackgroundSync {
 public:
  BackgroundSync();
  ~BackgroundSync();
  BackgroundSync(const BackgroundSync&) = delete;
  BackgroundSync& operator=(const BackgroundSync&) = delete;

  // Starts `file->Sync()` on the thread; `done` runs when it returned.
  void Start(WritableFile* file, std::function<void()> done);
  // Waits for the sync Start began and returns its result.
  absl::Status Wait();
  // A sync was started and not yet waited for.
  bool in_flight() const { return in_flight_; }

 private:
  void Run();

  bool in_flight_ = false;  // the writer's thread only
  std::mutex mu_;
  std::condition_variable cv_;
  WritableFile* file_ = nullptr;  // set: a sync to run
  std::function<void()> done_;
  bool finished_ = false;
  absl::Status result_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace acd::journal_internal

#endif  // ACD_LIB_JOURNAL_BACKGROUND_SYNC_H_
