// The shard's public face, its admission (the lock-free submit path), its
// thread's loop and its graceful stop.
#include <algorithm>
#include <future>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/runtime.h"
#include "runtime/shard_impl.h"

namespace acd::runtime {

ShardImpl::ShardImpl(std::string name, CenterConfig center, ShardOptions options)
    : name_(std::move(name)),
      initial_center_(std::move(center)),
      options_(options),
      clock_(options.clock != nullptr ? options.clock : RealClock()),
      inbox_(std::max<uint32_t>(options.inbox_bound, 1)) {}

ShardImpl::~ShardImpl() { Stop(); }

absl::Status ShardImpl::Init() {
  if (absl::Status s = Rebuild(/*at_start=*/true); !s.ok()) return s;
  Publish();
  clock_->AddWaker(this, [this] {
    InboxItem wake;
    wake.kind = InboxItem::Kind::kWake;
    inbox_.Push(std::move(wake));
  });
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

absl::Status ShardImpl::RefusedStatus() const {
  if (state_.load() == kFailed) {
    return absl::UnavailableError(
        absl::StrCat("shard '", name_, "' accepts no inputs: ", Snapshot()->failure));
  }
  return absl::UnavailableError(absl::StrCat("shard '", name_, "' is stopping"));
}

// Reserve first, then look at the state: Stop sets the state before it
// waits for the reserved places to drain, so an input that saw kRunning is
// always taken by the thread (seq_cst on both sides).
absl::Status ShardImpl::Admit(bool reads_when_failed) {
  if (!inbox_.Reserve()) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "shard '", name_, "': inbox full (bound ", inbox_.bound(), " inputs); retry later"));
  }
  const int state = state_.load();
  if (state != kRunning && !(reads_when_failed && state == kFailed)) {
    inbox_.Unreserve();
    return RefusedStatus();
  }
  return absl::OkStatus();
}

void ShardImpl::Enqueue(InboxItem item, ShardProducer* producer) {
  if (producer != nullptr) {
    inbox_.Push(std::move(item), static_cast<InboxProducer*>(producer)->token);
  } else {
    inbox_.Push(std::move(item));
  }
}

std::unique_ptr<ShardProducer> ShardImpl::NewProducer() {
  return std::make_unique<InboxProducer>(inbox_.NewToken());
}

absl::Status ShardImpl::Submit(Event event, Ack ack, ShardProducer* producer) {
  if (absl::Status s = Admit(); !s.ok()) return s;
  InboxItem item;
  item.kind = InboxItem::Kind::kEvent;
  item.event = std::move(event);
  item.ack = std::move(ack);
  Enqueue(std::move(item), producer);
  return absl::OkStatus();
}

absl::Status ShardImpl::SubmitReconfigure(CenterConfig center, Ack ack,
                                          ShardProducer* producer) {
  if (absl::Status s = Admit(); !s.ok()) return s;
  InboxItem item;
  item.kind = InboxItem::Kind::kReconfigure;
  item.center = std::make_unique<CenterConfig>(std::move(center));
  item.ack = std::move(ack);
  Enqueue(std::move(item), producer);
  return absl::OkStatus();
}

absl::Status ShardImpl::SubmitRead(EngineRead read, ShardProducer* producer) {
  if (absl::Status s = Admit(/*reads_when_failed=*/true); !s.ok()) return s;
  InboxItem item;
  item.kind = InboxItem::Kind::kRead;
  item.read = std::move(read);
  Enqueue(std::move(item), producer);
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ShardImpl::StateHash() {
  {
    // Stopped (or stopping: Stop holds the lock until the thread is gone):
    // nobody else touches the engine.
    std::lock_guard<std::mutex> lock(stop_mu_);
    if (!thread_.joinable()) return engine_->StateHash();
  }
  std::promise<uint64_t> hash;
  std::future<uint64_t> answer = hash.get_future();
  absl::Status s =
      SubmitRead([&hash](const Engine& engine, uint64_t) { hash.set_value(engine.StateHash()); },
                 nullptr);
  if (!s.ok()) return s;
  return answer.get();
}

std::unique_ptr<Subscription> ShardImpl::Subscribe(std::string subscriber, uint32_t bound) {
  auto outbox = std::make_shared<Outbox>(name_, std::move(subscriber),
                                         bound != 0 ? bound : options_.outbox_bound, seq_);
  {
    std::lock_guard<std::mutex> lock(subscribe_mu_);
    new_outboxes_.push_back(outbox);
  }
  has_new_outboxes_.store(true);
  return std::make_unique<Subscription>(std::move(outbox));
}

void ShardImpl::Stop() {
  std::lock_guard<std::mutex> lock(stop_mu_);
  if (!thread_.joinable()) return;
  int running = kRunning;
  state_.compare_exchange_strong(running, kStopping);
  InboxItem stop;
  stop.kind = InboxItem::Kind::kStop;
  inbox_.Push(std::move(stop));
  thread_.join();
  clock_->RemoveWaker(this);
}

std::optional<std::chrono::microseconds> ShardImpl::WaitTime() const {
  if (state_.load() == kFailed) return std::nullopt;
  const std::optional<TimeMs> deadline = engine_->NextDeadlineMs();
  if (!deadline.has_value()) return std::nullopt;
  return clock_->RealWait(*deadline);
}

void ShardImpl::Run() {
  std::vector<InboxItem> items(std::max<uint32_t>(options_.max_batch, 1));
  bool stopping = false;
  while (true) {
    // Once stopping, producers that reserved a place may still be pushing:
    // poll briefly until every reserved input was taken.
    const std::optional<std::chrono::microseconds> wait =
        stopping ? std::optional(std::chrono::microseconds(1000)) : WaitTime();
    const size_t n = inbox_.Take(items.data(), items.size(), wait);
    wakeups_.fetch_add(1, std::memory_order_relaxed);
    stopping |= ProcessBatch(items, n);
    if (stopping && inbox_.pending() == 0) break;
  }
  if (Pipelined()) CommitPipelined(/*stopping=*/true);  // every input durable, released
  if (publish_due_) Publish();  // the state Stop leaves behind
}

}  // namespace acd::runtime

namespace acd {

Subscription::Subscription(std::shared_ptr<runtime::Outbox> outbox) : outbox_(std::move(outbox)) {}
Subscription::~Subscription() { outbox_->Close(); }

absl::StatusOr<size_t> Subscription::Take(std::vector<SequencedCommand>* out, size_t max,
                                          std::chrono::microseconds timeout) {
  return outbox_->Take(out, max, timeout);
}

Shard::Shard(std::unique_ptr<runtime::ShardImpl> impl) : impl_(std::move(impl)) {}
Shard::~Shard() { Stop(); }

absl::StatusOr<std::unique_ptr<Shard>> Shard::Start(std::string name, CenterConfig center,
                                                    ShardOptions options) {
  auto impl = std::make_unique<runtime::ShardImpl>(std::move(name), std::move(center), options);
  if (absl::Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<Shard>(new Shard(std::move(impl)));
}

absl::Status Shard::Submit(Event event, Ack ack, ShardProducer* producer) {
  return impl_->Submit(std::move(event), std::move(ack), producer);
}
absl::Status Shard::SubmitReconfigure(CenterConfig center, Ack ack, ShardProducer* producer) {
  return impl_->SubmitReconfigure(std::move(center), std::move(ack), producer);
}
absl::Status Shard::SubmitRead(EngineRead read, ShardProducer* producer) {
  return impl_->SubmitRead(std::move(read), producer);
}
std::unique_ptr<ShardProducer> Shard::NewProducer() { return impl_->NewProducer(); }
std::unique_ptr<Subscription> Shard::Subscribe(std::string subscriber, uint32_t bound) {
  return impl_->Subscribe(std::move(subscriber), bound);
}
std::shared_ptr<const ShardSnapshot> Shard::Snapshot() const { return impl_->Snapshot(); }
absl::StatusOr<uint64_t> Shard::StateHash() { return impl_->StateHash(); }
uint64_t Shard::wakeups() const { return impl_->wakeups(); }
uint64_t Shard::released_seq() const { return impl_->released_seq(); }
std::vector<SequencedCommand> Shard::TakeReplayed() { return impl_->TakeReplayed(); }
bool Shard::numbering_continues() const { return impl_->numbering_continues(); }
const std::string& Shard::name() const { return impl_->name(); }
void Shard::Stop() { impl_->Stop(); }

}  // namespace acd
