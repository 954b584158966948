// CallMap: the PBX's own call ids (strings: an AMI Uniqueid, an ESL UUID)
// and the engine's CallIds, with the adapter that owns each call (the one
// that reported it), and each adapter's stable tag (the high bits of the
// engine event ids made from its event ids).
//
// Durability: a new entry is recorded in a journal of its own (lib/journal,
// beside the shard's journal) before the event that uses it is submitted;
// ServiceInputLog syncs this journal before the shard's at every batch, so
// an entry is durable no later than the first event that names it, and a
// repeat after a restart resolves to the same engine id. Ended calls are
// kept for a while (a late hang-up of an ended call still resolves), then
// forgotten; the journal is compacted by snapshots of the live map.
//
// Thread-safety: every method is thread-safe. Sync is called by one thread
// at a time (the shard's thread, through ServiceInputLog).
// Invariants: an external id maps to one CallId and back; CallIds are
// never reused; adapter tags are 1..kMaxAdapters and never reused.
#ifndef ACD_LIB_SERVICE_CALL_MAP_H_
#define ACD_LIB_SERVICE_CALL_MAP_H_

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

  // Makes every entry created so far durable (journal append + fdatasync).
  absl::Status Sync();

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

  // Sync's caller only.
  std::unique_ptr<JournalWriter> writer_;
  uint64_t records_since_snapshot_ = 0;
};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_CALL_MAP_H_
