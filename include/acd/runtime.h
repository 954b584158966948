// The runtime: threads and wall-clock time around deterministic engines.
//
// What it is: a Shard is one Engine on one thread, owning its center and
// nothing else (so a later change can move it between machines). Producers
// on any thread Submit events and reloads to the shard's bounded lock-free
// inbox and get an acknowledgement (a callback run on the shard thread)
// carrying the engine's Status. The shard stamps each event's time from its
// Clock, applies inputs in batches, writes every state-changing input to an
// optional InputLog and syncs it once per batch (group commit); only then
// does it release the batch's acks and commands (output commit). Commands go
// to per-subscriber bounded outboxes with a per-shard sequence number, and
// to the shard's one ReleaseListener, if any, on the shard thread; after
// each batch an immutable ShardSnapshot is published for readers. A Runtime
// hosts many shards keyed by a stable center name.
//
// Choices (bench/RESULTS.md "Dispatch" has the numbers):
//   - Inbox: moodycamel::BlockingConcurrentQueue (Debian's
//     libconcurrentqueue-dev), bounded by an atomic counter reserved before
//     the enqueue. Producers take no lock: an enqueue is a few atomics plus a
//     semaphore signal that makes a system call only when the shard sleeps.
//     On the shared 2-vCPU machine it moved 0.3-0.9x the items/s of a
//     mutex + deque baseline (no candidate reached 3x); it is kept because a
//     producer never waits on a lock held by a preempted thread, and a
//     hand-written wake was not clearly better.
//   - Sleeping: the shard thread blocks in wait_dequeue_bulk_timed with the
//     time left until the engine's next deadline (or without a timeout when
//     there is none), so one wait covers "next input" and "next timer": no
//     polling, no tick. Boost.Asio (steady_timer + post) would do the same
//     but its post() takes the io_context's mutex on every submit.
//   - A manual clock wakes its shards on Advance through a wake token.
//
// Thread-safety: Shard, Subscription (one consumer thread at a time),
// Runtime and the clocks are thread-safe unless a method says otherwise.
// Acks, InputLog calls and the CommandSink-like fan-out run on the shard
// thread; an ack must not block (hand work to another thread).
//
// Invariants: an accepted submission (Submit returned OK) is acked exactly
// once; a refused one (ResourceExhausted when the inbox is full,
// Unavailable when the shard is stopping or failed) is never acked and
// never applied: nothing is dropped silently. Inputs are applied, logged
// and sequenced in one order. Acks and commands of a batch leave the shard
// only after InputLog::Sync returned OK. The shard never blocks on a
// subscriber: one that falls behind its bound is disconnected and told
// which sequence it lost from.
#ifndef ACD_RUNTIME_H_
#define ACD_RUNTIME_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/event.h"
#include "acd/types.h"

namespace acd {

// ---- Clock seam ----

// Where a shard's time comes from: epoch milliseconds that never go
// backwards. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs NowMs() const = 0;
  // Real time left until NowMs() reaches deadline_ms (zero when due), or
  // nullopt when only a clock change can bring it (a manual clock): the
  // shard then sleeps until an input or a wake-up from the clock.
  virtual std::optional<std::chrono::microseconds> RealWait(TimeMs deadline_ms) const = 0;
  // Wake-ups on clock changes (ManualClock::Advance); the real clock never
  // calls them. The function runs on the thread that changes the clock.
  virtual void AddWaker(const void* key, absl::AnyInvocable<void()> wake) {}
  virtual void RemoveWaker(const void* key) {}
};

// std::chrono::steady_clock anchored to the wall clock when first used:
// epoch ms that follow real time and never go backwards. Process-wide.
// RealWait is capped at 1 s (a shard with a distant deadline wakes once a
// second), so a step of the wall clock cannot stretch a wait for long.
Clock* RealClock();

// A clock that moves only when told; Advance wakes the shards that use it.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimeMs start_ms = 0) : now_ms_(start_ms) {}
  TimeMs NowMs() const override;
  std::optional<std::chrono::microseconds> RealWait(TimeMs) const override {
    return std::nullopt;
  }
  void AddWaker(const void* key, absl::AnyInvocable<void()> wake) override;
  void RemoveWaker(const void* key) override;
  // Moves the clock forward by delta_ms (>= 0) and wakes every shard.
  void Advance(TimeMs delta_ms);

 private:
  mutable absl::Mutex mu_;
  TimeMs now_ms_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<const void*, absl::AnyInvocable<void()>> wakers_ ABSL_GUARDED_BY(mu_);
};

// ---- Input log seam (the journal implements it) ----

// The clock moved to time_ms and due timers fired (Engine::AdvanceTo).
struct AdvanceInput {
  TimeMs time_ms = 0;
};
// A live reload (Engine::Reconfigure), accepted or refused.
struct ReconfigureInput {
  CenterConfig center;
};
// One input that can change an engine's state, as applied: an Event carries
// the time the shard stamped on it. Accepted and rejected events alike (a
// rejected Apply may still have fired timers).
using ShardInput = std::variant<Event, AdvanceInput, ReconfigureInput>;

// Applies one logged input to an engine, as the shard did (the status of a
// rejected event is part of the history, not an error of the replay).
void ApplyInput(Engine& engine, const ShardInput& input);

// The durable state an InputLog rebuilds.
struct RecoveredEngine {
  std::unique_ptr<Engine> engine;
  uint64_t inputs = 0;  // durable inputs it has applied since the log began
  // Commands the durable inputs before the replayed ones had emitted (the
  // replay's own commands come on top, through the sink): 0 when the log
  // replays from its beginning; unset when the log cannot tell (a snapshot
  // from before it counted them), and the shard then numbers from 1 again.
  std::optional<uint64_t> commands_before = 0;
};

// Where a shard writes its inputs before it answers anyone. Called on the
// shard thread only. Append every input of a batch in order, then Sync once;
// an input counts as durable only after a Sync that returned OK.
class InputLog {
 public:
  virtual ~InputLog() = default;
  virtual absl::Status Append(const ShardInput& input) = 0;
  virtual absl::Status Sync() = 0;
  // The pipelined group commit, for a log that can sync on a thread of its
  // own (SyncsInBackground): StartSync makes durable, in the background,
  // every input appended so far and returns at once; `done` runs on that
  // thread when it finished (it must not block). Append may go on
  // meanwhile. FinishSync waits for it and returns what Sync would have.
  // At most one is in flight; the shard calls FinishSync before the next
  // StartSync, Sync, Recover or its own end. A log that cannot keeps the
  // defaults, and the shard uses Sync.
  virtual bool SyncsInBackground() const { return false; }
  virtual absl::Status StartSync(std::function<void()> done) {
    return absl::UnimplementedError("this input log syncs on the caller's thread only");
  }
  virtual absl::Status FinishSync() {
    return absl::UnimplementedError("this input log syncs on the caller's thread only");
  }
  // The durable state: an engine that has applied every durable input in
  // order, starting from the shard's initial center (or from a snapshot the
  // log keeps, under the center it was taken under). The shard calls it at
  // start (recovery) and after a failed batch (to go back to the durable
  // state); the commands the replay emits go to `sink`, which the shard
  // mutes (they were released before).
  virtual absl::StatusOr<RecoveredEngine> Recover(const CenterConfig& initial_center,
                                                  CommandSink* sink,
                                                  const EngineOptions& options) = 0;
  // After a batch's Sync returned OK: a log that keeps snapshots may take
  // one of the engine now, with `commands`, how many commands the durable
  // inputs have emitted (the shard's numbering, for a recovery to go on
  // from). The batch is durable whatever this returns; an error is
  // reported by the next Sync (the log stays failed), which then fails the
  // shard.
  virtual absl::Status AfterSync(const Engine& engine, uint64_t commands) {
    return absl::OkStatus();
  }
};

// Replays inputs kept in a list into a fresh engine for `center` (for a
// log that keeps its durable inputs in memory, and for tests).
absl::StatusOr<RecoveredEngine> ReplayInputs(const CenterConfig& center,
                                             const std::vector<ShardInput>& inputs,
                                             CommandSink* sink, const EngineOptions& options);

// ---- Outboxes ----

struct SequencedCommand {
  // Per shard, from 1, no gaps. With a log that counts them, numbering goes
  // on across restarts: the commands a recovery replays get the numbers they
  // had (Shard::TakeReplayed), and the live ones follow; otherwise it
  // starts at 1 with each Shard::Start (Shard::numbering_continues).
  uint64_t seq = 0;
  Command command;
  // The id of the event whose Apply emitted it; 0 when a clock advance (a
  // timer) or a reload did. Links a decision to the PBX event behind it.
  EventId cause_event = 0;
};

namespace runtime {
class Outbox;
class ShardImpl;
}  // namespace runtime

// Receives every released command on the shard's thread, as each batch is
// released: in seq order, after the batch is durable and before its acks
// run, so an input's acknowledgement always follows the commands it
// caused. For the one consumer that must see every command at once (a
// service fanning commands out to its clients): no queue, no thread hop,
// nothing can be lost. It must not block (no I/O waits, no lock held
// across one) and must not call Stop; it may Submit.
class ReleaseListener {
 public:
  virtual ~ReleaseListener() = default;
  // A batch is released: its commands (maybe none), before its acks run.
  virtual void OnRelease(const std::vector<SequencedCommand>& commands) = 0;
  // The same batch's acks have all run (a listener that gathers what the
  // acks send, to write it once, writes it now).
  virtual void OnReleaseDone() {}
};

// One subscriber's bounded outbox (e.g. one PBX adapter stream): every
// command of the shard released after Subscribe returned. One consumer
// thread at a time. Dropping it unsubscribes.
class Subscription {
 public:
  explicit Subscription(std::shared_ptr<runtime::Outbox> outbox);
  ~Subscription();
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // Moves up to max commands into out (appending); waits up to timeout for
  // the first one. Returns how many it moved (0 on timeout). Once the
  // subscriber fell behind and every command before the loss was taken:
  // ResourceExhausted naming the shard, the bound, the first lost sequence
  // and how many were lost so far; the subscription is then dead.
  absl::StatusOr<size_t> Take(std::vector<SequencedCommand>* out, size_t max,
                              std::chrono::microseconds timeout);

 private:
  std::shared_ptr<runtime::Outbox> outbox_;
};

// ---- Snapshots ----

struct QueueSnapshot {
  std::string name;
  QueueStats stats;
};

// What readers on other threads see: the shard after its last released
// batch. Immutable once published.
struct ShardSnapshot {
  std::string shard;
  TimeMs now_ms = 0;
  std::optional<TimeMs> next_deadline_ms;
  // Events (accepted or not), advances and reloads: the durable ones the
  // log recovered plus those applied since.
  uint64_t inputs_applied = 0;
  // Events applied since this shard started (recovered ones not counted).
  uint64_t events_accepted = 0;
  uint64_t events_rejected = 0;  // by the engine (acked with its error)
  uint64_t batches = 0;
  uint64_t last_command_seq = 0;
  std::vector<QueueSnapshot> queues;  // by QueueId
  std::vector<AgentView> agents;      // roster order
  CallCounts counts;
  // Set once the input log failed: the shard refuses new inputs.
  std::string failure;
};

// ---- Shard ----

struct ShardOptions {
  // Most inputs (events and reloads) accepted but not yet taken by the
  // shard; a full inbox refuses with ResourceExhausted.
  uint32_t inbox_bound = 4096;
  // Group commit: a batch takes what waits in the inbox, up to max_batch
  // inputs or about batch_work_us of work (it never waits for more), then
  // syncs the log once. With a 200 us Sync, 1024 gave ~3x the events/s of
  // 256 (bench/RESULTS.md); 1024 simple events are well under 1 ms of work.
  uint32_t max_batch = 1024;
  uint32_t batch_work_us = 1000;
  // Default bound of a subscriber's outbox (commands not yet taken).
  uint32_t outbox_bound = 65536;
  // How many of the newest commands the start's recovery replays are kept,
  // numbered, for Shard::TakeReplayed (a service resends them to clients
  // that missed them in a crash). 0: none.
  uint32_t keep_replayed = 0;
  // Readers' view (Snapshot()) is rebuilt after a batch that empties the
  // inbox, and at most this often while inputs keep coming: a view walks
  // every agent and queue (Shard::StateHash reads the hash on demand).
  uint32_t publish_every_ms = 50;
  // Pipelined group commit, with a log that syncs in the background
  // (InputLog::SyncsInBackground): while one batch's sync runs, the shard
  // applies and writes the next one; a batch's commands and acks still go
  // out only after its own sync, and reads and views still see durable
  // state only (a read or an overdue view waits for the sync in flight).
  // The shard's thread never waits for a sync: durable events/s through
  // the real journal rose 1.3-1.7x in bench_dispatch (BM_ShardJournaled). But a
  // released batch crosses from the log's thread to the shard's, and on a
  // busy 2-core machine serving gRPC that hop cost more latency than the
  // overlap saved (bench_service, BM_ServicePaced journal 3 vs 1), so it
  // is off by default: for throughput, not latency. bench/RESULTS.md.
  bool pipeline_sync = false;
  // Not owned; must outlive the shard. Null: no log, acks go out at once.
  InputLog* log = nullptr;
  // Not owned; must outlive the shard. Called with every released batch.
  ReleaseListener* listener = nullptr;
  Clock* clock = nullptr;  // null: RealClock()
  EngineOptions engine;
};

// The answer to a submission, run on the shard thread: the engine's Status
// for an event or a reload, or Unavailable when the batch could not be
// made durable (the input is then not applied). It must not block and must
// not call Stop (it runs on the thread Stop joins).
using Ack = absl::AnyInvocable<void(const absl::Status&) &&>;
// A read of the engine on the shard thread (a call's view, a query no
// published snapshot holds). It runs after the batch it was taken in was
// released, so it sees durable state only, with the seq of the last
// command released; it must not block and must not keep the reference.
using EngineRead = absl::AnyInvocable<void(const Engine&, uint64_t last_command_seq) &&>;

// An ordered producer. Inputs one thread submits are applied in the order
// it submitted them; inputs from different threads are not ordered against
// each other, even when one Submit returned before the other began (the
// lock-free inbox keeps one sub-queue per thread). A producer whose inputs
// are submitted by different threads one after another (a stream served by
// a thread pool) passes a ShardProducer: inputs submitted through it are
// applied in submission order. Not thread-safe: one Submit at a time (the
// caller orders them); it must not outlive its shard.
class ShardProducer {
 public:
  virtual ~ShardProducer() = default;
};

class Shard {
 public:
  // Creates the engine (replaying the log's durable inputs) and starts the
  // thread. Fails when the center is invalid or the log cannot be read.
  static absl::StatusOr<std::unique_ptr<Shard>> Start(std::string name, CenterConfig center,
                                                      ShardOptions options = {});
  ~Shard();  // Stop()
  Shard(const Shard&) = delete;
  Shard& operator=(const Shard&) = delete;

  // Never blocks, never locks. OK: accepted, ack follows exactly once. The
  // event's time_ms is ignored (the shard stamps it). ResourceExhausted:
  // the inbox is full (retry later). Unavailable: stopping or failed.
  // With a producer (NewProducer), in that producer's order.
  absl::Status Submit(Event event, Ack ack, ShardProducer* producer = nullptr);
  absl::Status SubmitReconfigure(CenterConfig center, Ack ack,
                                 ShardProducer* producer = nullptr);
  // Queues a read (counted against the inbox bound, like an event): OK
  // means `read` runs exactly once; the same refusals as Submit otherwise,
  // except that a failed shard still serves reads (at its durable state).
  absl::Status SubmitRead(EngineRead read, ShardProducer* producer = nullptr);
  std::unique_ptr<ShardProducer> NewProducer();

  // A new outbox that receives every command of the releases that begin
  // after this returns (the first one's seq says where it starts); bound 0
  // takes ShardOptions::outbox_bound.
  std::unique_ptr<Subscription> Subscribe(std::string subscriber, uint32_t bound = 0);

  // The last published snapshot; never null, never waits on the shard.
  std::shared_ptr<const ShardSnapshot> Snapshot() const;
  // The engine's state hash after every input submitted before the call:
  // a read through the inbox that blocks until the shard thread answers
  // (O(state); for tools, tests and logs, never on a handler's path: those
  // use SubmitRead). Once stopped, the hash of the state Stop left behind.
  // The refusals of SubmitRead while running.
  absl::StatusOr<uint64_t> StateHash();
  // The newest commands the start's recovery replayed (at most
  // ShardOptions::keep_replayed, oldest first), with the seqs and causes
  // they were released under; empty unless numbering_continues(). Moves
  // them out (call once, after Start).
  std::vector<SequencedCommand> TakeReplayed();
  // Whether this start's numbering goes on from the log's earlier runs (a
  // log that counts commands in its snapshots); false without a log.
  bool numbering_continues() const;
  // The seq of the last command released to the outboxes. Read in an ack
  // (on the shard thread) it covers every command that input caused:
  // a subscriber that has taken up to it has them all.
  uint64_t released_seq() const;
  // How often the shard thread woke up (for the no-spin test).
  uint64_t wakeups() const;
  const std::string& name() const;

  // Graceful stop: refuses new inputs, applies and acks everything
  // accepted, syncs, joins. Idempotent.
  void Stop();

 private:
  explicit Shard(std::unique_ptr<runtime::ShardImpl> impl);
  std::unique_ptr<runtime::ShardImpl> impl_;
};

// ---- Runtime ----

// Many shards keyed by a stable center name. Thread-safe; its own lock is
// taken only by these control calls, never on the submit path (keep the
// shared_ptr from GetShard).
class Runtime {
 public:
  Runtime() = default;
  ~Runtime();  // stops every shard
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // AlreadyExists for a name in use; the Shard::Start errors otherwise.
  absl::StatusOr<std::shared_ptr<Shard>> AddShard(const std::string& name, CenterConfig center,
                                                  ShardOptions options = {});
  absl::StatusOr<std::shared_ptr<Shard>> GetShard(const std::string& name) const;
  // Stops the shard gracefully and forgets it; NotFound for an unknown name.
  absl::Status RemoveShard(const std::string& name);
  std::vector<std::string> ShardNames() const;

 private:
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<Shard>> shards_ ABSL_GUARDED_BY(mu_);
};

}  // namespace acd

#endif  // ACD_RUNTIME_H_
