// SegmentPreparer: makes the journal's next segment file ahead of need, on a
// thread of its own: a file of segment_bytes zeros, synced, under a ".tmp"
// name (recovery removes one left behind). The writer renames it to the
// segment's name and overwrites it from the start; its blocks are allocated
// and its size stays, so a Sync is one data flush (fdatasync writes no
// metadata) instead of a flush plus a file-system journal commit.
//
// Thread-safety: Take, Request and PrepareNow belong to the writer's thread;
// the preparing runs on the preparer's own thread, behind a mutex.
// Invariants: at most one file is being prepared or ready at a time; Take
// hands out only a file whose zeros were all written and synced; the
// destructor joins the thread and removes a file never taken.
#ifndef ACD_LIB_JOURNAL_SEGMENT_PREPARER_H_
#define ACD_LIB_JOURNAL_SEGMENT_PREPARER_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "acd/env.h"

namespace acd::journal_internal {

class SegmentPreparer {
 public:
  SegmentPreparer(Env& env, std::string dir, uint64_t bytes);
  ~SegmentPreparer();
  SegmentPreparer(const SegmentPreparer&) = delete;
  SegmentPreparer& operator=(const SegmentPreparer&) = delete;

  // Prepares a file on the calling thread (the first segment, at open).
  absl::Status PrepareNow();
  // Starts preparing the next file on the preparer's thread, unless one is
  // ready or under way.
  void Request();
  // The path of a ready file, now the caller's; nullopt while none is (the
  // writer then makes a plain segment instead of waiting).
  std::optional<std::string> Take();

 private:
  enum class State { kIdle, kRequested, kReady };
  void Run();
  absl::Status Prepare() const;

  Env& env_;
  const std::string path_;
  const uint64_t bytes_;
  std::mutex mu_;
  std::condition_variable cv_;
  State state_ = State::kIdle;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace acd::journal_internal

#endif  // ACD_LIB_JOURNAL_SEGMENT_PREPARER_H_
