#include "runtime/outbox.h"

#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"

namespace acd::runtime {

Outbox::Outbox(std::string shard, std::string subscriber, uint32_t bound,
               std::shared_ptr<const std::atomic<uint64_t>> shard_seq)
    : shard_(std::move(shard)),
      subscriber_(std::move(subscriber)),
      bound_(bound),
      shard_seq_(std::move(shard_seq)) {}

bool Outbox::Deliver(const SequencedCommand& command) {
  if (closed_.load(std::memory_order_acquire)) return false;
  if (first_lost_.load(std::memory_order_relaxed) != 0) return false;
  if (size_.load(std::memory_order_acquire) >= static_cast<int64_t>(bound_)) {
    // Release: every command enqueued before is visible to a Take that
    // sees the loss.
    first_lost_.store(command.seq, std::memory_order_release);
    return false;
  }
  size_.fetch_add(1, std::memory_order_acq_rel);
  queue_.enqueue(command);
  return true;
}

absl::Status Outbox::LostStatus() const {
  const uint64_t first = first_lost_.load(std::memory_order_acquire);
  const uint64_t last = shard_seq_->load(std::memory_order_acquire);
  return absl::ResourceExhaustedError(absl::StrCat(
      "subscriber '", subscriber_, "' of shard '", shard_, "' fell behind its outbox bound of ",
      bound_, " commands and was disconnected: commands from sequence ", first,
      " on were not delivered (", last >= first ? last - first + 1 : 1,
      " lost so far, the shard is at sequence ", last, "); resubscribe and resynchronise"));
}

absl::StatusOr<size_t> Outbox::Take(std::vector<SequencedCommand>* out, size_t max,
                                    std::chrono::microseconds timeout) {
  // Read the loss first: every command delivered before it is then in
  // the queue, so an empty queue after a loss means the prefix is done.
  const bool lost = first_lost_.load(std::memory_order_acquire) != 0;
  size_t n = queue_.try_dequeue_bulk(std::back_inserter(*out), max);
  if (n == 0) {
    if (lost) return LostStatus();
    n = queue_.wait_dequeue_bulk_timed(std::back_inserter(*out), max, timeout.count());
  }
  size_.fetch_sub(static_cast<int64_t>(n), std::memory_order_acq_rel);
  return n;
}

}  // namespace acd::runtime
