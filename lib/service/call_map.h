// CallMap: the PBX's own call ids (strings: an AMI Uniqueid, an ESL UUID)
// and the engine's CallIds, with the adapter that owns each call (the one
// that reported it), and each adapter's stable tag (the high bits of the
// engine event ids made from its event ids).
//
// Durability: a new entry is recorded in a journal of its own (lib/journal,
// beside the shard's journal). With Options::notes (a server with a
// journal) it is also handed to the shard's journal as a note, ahead of the
// first input that can name it (ServiceInputLog), so one sync per batch
// makes an entry durable no later than the first event that names it; the
// map's own journal is then synced only before the shard's journal takes a
// snapshot and lets older notes go, and a recovery adds the notes after
// that snapshot (ApplyNote). Without notes the map's journal is synced
// at every batch. Either way a repeat after a restart resolves to the
// same engine id. Ended calls are kept for a while (a late hang-up of an
// ended call still resolves), then forgotten; the map's journal is
// compacted by snapshots of the live map.
//
// Thread-safety: every method is thread-safe. Sync is called by one thread
// at a time (the shard's thread, through ServiceInputLog).
// Invariants: an external id maps to one CallId and back; CallIds are
// never reused; adapter tags are 1..kMaxAdapters and never reused.
#ifndef ACD_LIB_SERVICE_CALL_MAP_H_
#define ACD_LIB_SERVICE_CALL_MAP_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "acd/bytes.h"
#include "acd/env.h"
#include "acd/journal.h"
#include "acd/types.h"

namespace acd::service {

inline constexpr uint32_t kMaxAdapters = 65535;
inline constexpr int kAdapterEventBits = 44;  // an adapter's event ids: 1..2^44-1
inline constexpr uint64_t kMaxAdapterEventId = (uint64_t{1} << kAdapterEventBits) - 1;

class CallMap {
 public:
  struct Owner {
    std::string external;
    std::string adapter;
  };
  struct Options {
    size_t keep_ended = 65536;      // ended calls still resolved
    uint64_t snapshot_every = 65536;  // records between compactions
    bool notes = false;             // new entries are also kept for TakeNote
  };

  // dir empty: in memory only (a server without a journal).
  static absl::StatusOr<std::unique_ptr<CallMap>> Open(Env& env, const std::string& dir,
                                                       Options options);
  static absl::StatusOr<std::unique_ptr<CallMap>> Open(Env& env, const std::string& dir) {
    return Open(env, dir, Options{});
  }

  // The engine id of `external`. With create, an unknown id gets a new
  // engine id owned by `adapter` (created = true); without, NotFound.
  // InvalidArgument naming `field` for an empty or over-long id.
  absl::StatusOr<CallId> Resolve(absl::string_view field, absl::string_view external,
                                 absl::string_view adapter, bool create, bool* created = nullptr);
  std::optional<Owner> Find(CallId id) const;
  // The adapter's tag (created and recorded on first use);
  // ResourceExhausted past kMaxAdapters.
  absl::StatusOr<uint32_t> AdapterTag(absl::string_view adapter);
  // The adapter a tag stands for ("" when unknown).
  std::string AdapterName(uint32_t tag) const;
  // The engine event id for an adapter's event id.
  static uint64_t EngineEventId(uint32_t tag, uint64_t adapter_event_id) {
    return (uint64_t{tag} << kAdapterEventBits) | adapter_event_id;
  }
  // The call ended: forgotten once keep_ended newer ones ended.
  void MarkEnded(CallId id);
  // Live (not ended) calls owned by `adapter`.
  std::vector<CallId> LiveCalls(absl::string_view adapter) const;
  // Every call the map holds as live (to reconcile with the engine after a
  // restart).
  std::vector<CallId> AllLive() const;

  // Makes every entry created so far durable in the map's own journal
  // (append + fdatasync).
  absl::Status Sync();
  // With Options::notes: the entries created since the last call, as one
  // note ("" when there are none; cheap then, no lock).
  std::string TakeNote();
  // A note a recovery of the shard's journal hands back: its entries the
  // map lacks are added (and queued for its own journal); those it holds
  // change nothing, so a note may come twice. DataLoss for a damaged note
  // or one that contradicts the map.
  absl::Status ApplyNote(std::string_view note);

  size_t size() const;

 private:
  struct Entry {
    std::string external;
    uint32_t adapter_tag = 0;
    bool ended = false;
  };
  CallMap(Env& env, std::string dir, Options options) : env_(env), dir_(std::move(dir)), options_(options) {}
  absl::Status Recover();
  void AddLocked(CallId id, std::string external, uint32_t tag) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A new record for the map's journal (and the next note).
  void QueueLocked(uint8_t type, std::string payload) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::string SnapshotLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status ApplySnapshot(std::string_view payload);
  absl::Status ApplyRecord(uint8_t type, std::string_view payload);

  Env& env_;
  const std::string dir_;
  const Options options_;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, CallId> by_external_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<CallId, Entry> by_id_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint32_t> tags_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> adapters_ ABSL_GUARDED_BY(mu_);  // [tag - 1]
  std::deque<CallId> ended_ ABSL_GUARDED_BY(mu_);
  CallId next_id_ ABSL_GUARDED_BY(mu_) = 1;
  std::vector<std::pair<uint8_t, std::string>> pending_ ABSL_GUARDED_BY(mu_);
  ByteWriter note_ ABSL_GUARDED_BY(mu_);  // records since TakeNote: type u8, payload bytes
  std::atomic<bool> has_note_{false};

  // Sync's caller only.
  std::unique_ptr<JournalWriter> writer_;
  uint64_t records_since_snapshot_ = 0;
};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_CALL_MAP_H_
