// One subscriber's bounded outbox: the shard thread delivers, the
// subscriber's thread takes. Lock-free on both sides
// (moodycamel::BlockingConcurrentQueue with an atomic size bound).
//
// Thread-safety: Deliver and closed() on the shard thread; Take on one
// subscriber thread at a time; Close from any thread.
// Invariants: at most `bound` commands wait; the first command that does
// not fit disconnects the subscriber for good (first_lost = its sequence)
// and nothing after it is delivered, so a subscriber sees a gap-free
// prefix of the shard's commands and then an explicit error.
#ifndef ACD_LIB_RUNTIME_OUTBOX_H_
#define ACD_LIB_RUNTIME_OUTBOX_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/runtime.h"
#include "concurrentqueue/blockingconcurrentqueue.h"

namespace acd::runtime {

class Outbox {
 public:
  // shard_seq: the shard's last released command sequence (for the lost
  // count in the disconnect status).
  Outbox(std::string shard, std::string subscriber, uint32_t bound,
         std::shared_ptr<const std::atomic<uint64_t>> shard_seq);

  // Shard thread. False when the subscriber is gone (closed or
  // disconnected now or before): the shard forgets it.
  bool Deliver(const SequencedCommand& command);
  void Close() { closed_.store(true, std::memory_order_release); }

  absl::StatusOr<size_t> Take(std::vector<SequencedCommand>* out, size_t max,
                              std::chrono::microseconds timeout);

 private:
  absl::Status LostStatus() const;

  const std::string shard_;
  const std::string subscriber_;
  const uint32_t bound_;
  const std::shared_ptr<const std::atomic<uint64_t>> shard_seq_;
  std::atomic<int64_t> size_{0};
  std::atomic<uint64_t> first_lost_{0};  // 0: connected
  std::atomic<bool> closed_{false};
  moodycamel::BlockingConcurrentQueue<SequencedCommand> queue_;
};

}  // namespace acd::runtime

#endif  // ACD_LIB_RUNTIME_OUTBOX_H_
