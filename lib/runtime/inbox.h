// A shard's inbox: a bounded multi-producer, single-consumer queue of
// inputs on moodycamel::BlockingConcurrentQueue.
//
// Thread-safety: TryPush/PushControl from any thread, without a lock; Take
// from the shard thread only.
// Invariants: at most `bound` bounded items (events, reloads, reads) are accepted
// and not yet taken; control items (wake, stop) are not counted.
// The counter is reserved before the enqueue, so a producer that was told
// OK has its item in the queue shortly after, never dropped.
#ifndef ACD_LIB_RUNTIME_INBOX_H_
#define ACD_LIB_RUNTIME_INBOX_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "acd/center.h"
#include "acd/event.h"
#include "acd/runtime.h"
#include "concurrentqueue/blockingconcurrentqueue.h"

namespace acd::runtime {

struct InboxItem {
  enum class Kind : uint8_t { kNone, kEvent, kReconfigure, kRead, kWake, kStop };
  Kind kind = Kind::kNone;
  Event event;
  std::unique_ptr<CenterConfig> center;  // kReconfigure
  Ack ack;                               // kEvent, kReconfigure
  EngineRead read;                       // kRead
};

// A ShardProducer: one producer token of the shard's inbox.
class InboxProducer final : public ShardProducer {
 public:
  explicit InboxProducer(moodycamel::ProducerToken token) : token(std::move(token)) {}
  moodycamel::ProducerToken token;
};

class Inbox {
 public:
  explicit Inbox(uint32_t bound) : bound_(bound) {}

  // Reserves a place: false when `bound` items are pending. Pair every
  // true with exactly one Push (or Unreserve).
  bool Reserve() {
    if (pending_.fetch_add(1, std::memory_order_seq_cst) >= bound_) {
      pending_.fetch_sub(1, std::memory_order_seq_cst);
      return false;
    }
    return true;
  }
  void Unreserve() { pending_.fetch_sub(1, std::memory_order_seq_cst); }
  // Enqueues an item (reserved, or a control item). moodycamel allocates
  // blocks only while the queue grows past what it held before.
  void Push(InboxItem item) { queue_.enqueue(std::move(item)); }
  // Through a producer token: FIFO with the token's earlier pushes.
  void Push(InboxItem item, moodycamel::ProducerToken& token) {
    queue_.enqueue(token, std::move(item));
  }
  moodycamel::ProducerToken NewToken() { return moodycamel::ProducerToken(queue_); }

  // Waits up to `wait` (nullopt: until an item comes) and moves up to max
  // items into out; returns how many. Bounded items taken are released.
  size_t Take(InboxItem* out, size_t max, std::optional<std::chrono::microseconds> wait) {
    return Release(out, wait.has_value()
                            ? queue_.wait_dequeue_bulk_timed(token_, out, max, wait->count())
                            : queue_.wait_dequeue_bulk(token_, out, max));
  }
  // Takes what is there without waiting (and without the semaphore's spin).
  size_t TryTake(InboxItem* out, size_t max) {
    return Release(out, queue_.try_dequeue_bulk(token_, out, max));
  }

  // Reserved places not yet taken (items accepted and in flight or queued).
  int64_t pending() const { return pending_.load(std::memory_order_seq_cst); }
  uint32_t bound() const { return bound_; }

 private:
  size_t Release(InboxItem* out, size_t n) {
    size_t bounded = 0;
    for (size_t i = 0; i < n; ++i) {
      if (out[i].kind == InboxItem::Kind::kEvent ||
          out[i].kind == InboxItem::Kind::kReconfigure ||
          out[i].kind == InboxItem::Kind::kRead) {
        ++bounded;
      }
    }
    if (bounded > 0) pending_.fetch_sub(bounded, std::memory_order_seq_cst);
    return n;
  }

  const uint32_t bound_;
  std::atomic<int64_t> pending_{0};
  moodycamel::BlockingConcurrentQueue<InboxItem> queue_;
  moodycamel::ConsumerToken token_{queue_};
};

}  // namespace acd::runtime

#endif  // ACD_LIB_RUNTIME_INBOX_H_
