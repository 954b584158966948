// CenterHost: one center served over gRPC. It owns the center's shard (one
// engine on one thread, on its journal), the call map and the current
// names. It is the shard's ReleaseListener: as each batch is released, on
// the shard's thread, it turns the commands into messages and hands each
// to the streams of the adapter that owns its call (agent state changes go
// to every adapter of the center), keeping the most recent ones for
// adapters that resume; the batch's acks follow. No thread sits between
// the shard and the streams (bench/RESULTS.md: a pump thread cost a
// context switch before every ack).
//
// Thread-safety: every public method is thread-safe and never blocks on
// I/O: events and reads go to the shard's bounded inbox and answer through
// callbacks (run on the shard's thread, or at once on refusal).
// Invariants: every SubmitEvent answers exactly once; an event is answered
// OK only once durable, and only after every command it caused went to
// the attached streams (the shard calls the listener before the acks: an
// adapter that has an ack has that event's commands); a repeat is
// answered OK with repeat set and never applied twice; a full inbox
// answers RESOURCE_EXHAUSTED (back-pressure, nothing dropped); commands
// reach each attached stream in seq order, none skipped.
#ifndef ACD_LIB_SERVICE_CENTER_HOST_H_
#define ACD_LIB_SERVICE_CENTER_HOST_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "acd/center.h"
#include "acd/journal.h"
#include "acd/env.h"
#include "acd/journal_input_log.h"
#include "acd/runtime.h"
#include "acd/v1/acd_service.pb.h"
#include "service/call_map.h"
#include "service/center_names.h"
#include "service/service_input_log.h"

namespace acd::service {

// Where a host delivers an adapter's messages: a stream. Send never blocks
// (a stream that cannot keep up closes itself). While a SendBatch is open
// on the sending thread, a sink may hold what it is sent and write it at
// the batch's end (merged: one write for a released batch's commands and
// acks instead of one per message).
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  virtual void Send(v1::ServerMessage message) = 0;
};

// The messages a thread sends between Begin and End are gathered per sink
// and written at End. The host opens one around each released batch (on
// the shard's thread: the commands, then the acks). Not nested; a thread
// with no batch open sends at once.
class SendBatch {
 public:
  // A sink that held a message asks to be flushed at End (once per batch).
  using FlushFn = absl::AnyInvocable<void() &&>;
  static void Begin();
  static void End();
  // Whether a batch is open on this thread; if so, `flush` runs at End.
  static bool Defer(FlushFn flush);
};

struct HostOptions {
  std::string name;
  std::string config_path;  // "" for an embedded center
  CenterConfig center;
  std::string journal_dir;  // "" = no journal: state lives as long as the process
  JournalOptions journal;   // the engine journal's (not the call map's)
  Env* env = nullptr;       // null: Env::Default()
  Clock* clock = nullptr;   // null: the real clock
  uint64_t seed = 1;
  size_t keep_commands = 1 << 18;  // kept for resuming adapters
  ShardOptions shard;
};

class CenterHost {
 public:
  // `fresh_epoch` is the epoch of a new numbering (the journal keeps its
  // own while its numbering goes on).
  static absl::StatusOr<std::unique_ptr<CenterHost>> Start(HostOptions options,
                                                           std::string fresh_epoch);
  ~CenterHost();
  CenterHost(const CenterHost&) = delete;
  CenterHost& operator=(const CenterHost&) = delete;

  using AckFn = absl::AnyInvocable<void(v1::Ack) &&>;
  // Translates and submits one adapter event; `done` runs exactly once.
  // An empty adapter with event id 0 is an action without de-duplication
  // (agent actions from CRMs); it must not create calls.
  void SubmitEvent(const std::string& adapter, const v1::Event& event, AckFn done);
  // An adapter's batch (EventBatch): each event as SubmitEvent would take
  // it, in order, under one lock; make_done gives each event's callback.
  void SubmitEvents(const std::string& adapter,
                    const google::protobuf::RepeatedPtrField<v1::Event>& events,
                    const std::function<AckFn()>& make_done);

  // A stream of `adapter` begins: Welcome, then the missed commands (same
  // epoch, still kept) or a Resync of the adapter's live calls, then the
  // live commands. Detach before the sink goes away.
  absl::Status Attach(const v1::Hello& hello, StreamSink* sink);
  void Detach(StreamSink* sink);

  // A call by the PBX's id; `done` runs exactly once.
  void GetCall(const std::string& external, absl::AnyInvocable<void(absl::StatusOr<v1::CallInfo>) &&> done);
  // Applies a new center (names follow); `done` gets the state hash after.
  void Reload(CenterConfig center, absl::AnyInvocable<void(absl::StatusOr<uint64_t>) &&> done);
  // Runs after every input submitted before it was applied.
  absl::Status Barrier(absl::AnyInvocable<void(const Engine&, uint64_t) &&> fn);

  std::shared_ptr<const ShardSnapshot> Snapshot() const { return shard_->Snapshot(); }
  // The state hash now (Shard::StateHash: blocks on the shard; for logs at
  // start and stop, never on a handler's path); 0 when it cannot be read.
  uint64_t StateHashNow() const { return shard_->StateHash().value_or(0); }
  std::shared_ptr<const CenterNames> names() const;
  const std::string& name() const { return options_.name; }
  const std::string& epoch() const;
  const std::string& config_path() const { return options_.config_path; }
  ManualClock* manual_clock() const { return manual_clock_; }
  void set_manual_clock(ManualClock* clock) { manual_clock_ = clock; }

  // Stops the shard after it drained (graceful; idempotent).
  void Stop();

 private:
  // The shard's listener: every released batch, on the shard's thread.
  class Releases : public ReleaseListener {
   public:
    explicit Releases(CenterHost* host) : host_(host) {}
    void OnRelease(const std::vector<SequencedCommand>& commands) override;
    void OnReleaseDone() override;

   private:
    CenterHost* const host_;
  };

  explicit CenterHost(HostOptions options, std::string epoch);
  absl::Status Init();
  void Dispatch(const SequencedCommand& command, const CenterNames& names);
  absl::Status SettleEpoch(Env& env);
  void SendResync(const std::string& adapter, StreamSink* sink);
  // Translates and submits one adapter event with a valid id.
  void SubmitLocked(const std::string& adapter, uint32_t tag, const v1::Event& event, AckFn done)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(config_mu_);

  struct Kept {
    uint64_t seq = 0;
    CallId call = 0;    // 0 = about an agent
    std::string owner;  // "" = every adapter (agent state)
    v1::Command command;
  };
  Kept KeepOf(const SequencedCommand& command, const CenterNames& names);
  // The commands the recovery replayed: kept for adapters that resume
  // (before the live ones already kept: theirs are the older seqs).
  void SeedKept(std::vector<SequencedCommand> replayed);
  struct Attached {
    std::string adapter;
    StreamSink* sink = nullptr;
  };

  const HostOptions options_;
  // The numbering's epoch: kept in <journal>/epoch while the journal's
  // command numbering goes on across restarts, new otherwise. Set by Init.
  std::string epoch_;
  ManualClock* manual_clock_ = nullptr;
  std::unique_ptr<CallMap> calls_;
  std::unique_ptr<JournalInputLog> journal_;
  std::unique_ptr<ServiceInputLog> log_;
  Releases releases_{this};
  std::unique_ptr<Shard> shard_;

  // Every submission (events, reads, reloads) is translated and enqueued
  // under this lock through one producer: the shard applies them in the
  // order they were submitted (one stream's events are read by different
  // gRPC threads), and every event under the names it was translated with
  // (a reload swaps the names in the same critical section). The lock is
  // held for a translation and an enqueue, never for I/O.
  mutable absl::Mutex config_mu_;
  std::unique_ptr<ShardProducer> producer_ ABSL_GUARDED_BY(config_mu_);
  std::shared_ptr<const CenterNames> names_ ABSL_GUARDED_BY(config_mu_);
  std::shared_ptr<const CenterConfig> center_ ABSL_GUARDED_BY(config_mu_);

  absl::Mutex streams_mu_;
  std::vector<Attached> streams_ ABSL_GUARDED_BY(streams_mu_);
  std::deque<Kept> kept_ ABSL_GUARDED_BY(streams_mu_);
  uint64_t last_seq_ ABSL_GUARDED_BY(streams_mu_) = 0;

};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_CENTER_HOST_H_
