// The journal: an append-only log of opaque records plus snapshot files, in
// one directory that one shard owns. The runtime puts encoded engine inputs
// in the records (events, clock advances, reloads); the journal knows
// nothing about them. Because the engine is deterministic, the newest valid
// snapshot plus the records after it rebuild the exact state after a crash.
// The on-disk layout is in acd/journal_format.h; all I/O goes through an Env.
//
// Thread-safety: a JournalWriter belongs to one thread (the shard's); the
// fdatasync StartSync begins runs on a thread of the writer's own;
// RecoverJournal may run on any thread but not while a writer is open on the
// same directory.
// Invariants:
// - Sequence numbers start at 1 and grow by exactly 1 from record to record,
//   across segments and restarts.
// - Nothing acknowledged is lost: once Sync() (or FinishSync() after a
//   StartSync()) returns OK, every record appended before it (before the
//   StartSync) is recovered after any crash; a record whose Sync did
//   not return OK may or may not be.
// - After the first failed write or sync a writer stays failed: every later
//   call returns that first error (the caller stops acknowledging).
// - Recovery never skips a record silently: a torn tail is cut and reported,
//   corruption followed by good data refuses with DataLoss unless the
//   operator asked for truncate_at_corruption.
#ifndef ACD_JOURNAL_H_
#define ACD_JOURNAL_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/bytes.h"
#include "acd/env.h"

namespace acd {
namespace journal_internal {
class SegmentPreparer;
class BackgroundSync;
}  // namespace journal_internal

struct JournalOptions {
  // A segment is closed and a new one started once it holds this much.
  uint64_t segment_bytes = uint64_t{64} << 20;
  // Appended bytes are handed to the OS (not synced) once this many wait.
  size_t buffer_bytes = size_t{1} << 20;
  // DeleteObsolete keeps this many newest snapshots (>= 1), and every
  // segment the oldest of them still needs.
  int keep_snapshots = 2;
  // Segments are made ahead of need on a thread of the writer's: each is
  // segment_bytes of zeros, synced, before its first record, so appends
  // overwrite allocated blocks and a Sync flushes data alone (no metadata,
  // no wait on the file system's journal). The first is made at open (one
  // segment's writing); a closed segment is cut to its records. When none
  // is ready in time, the next segment is a plain one.
  bool prepare_segments = false;
  // Recovery: on corruption followed by good data, drop everything from the
  // bad record on (set later segments aside as "*.corrupt") instead of
  // refusing. The operator's explicit choice; never the default.
  bool truncate_at_corruption = false;
  // Recovery only reports: nothing in the directory is removed, cut,
  // renamed or synced; the summary lists the cuts and removals it would
  // have made (an operator's check; a writer cannot follow such a run).
  bool read_only = false;
  // Recovery starts from the first record, as if there were no snapshot
  // (a full replay, to compare with the snapshot's); DataLoss when the
  // segments before the newest snapshot were deleted.
  bool ignore_snapshots = false;
};

struct JournalRecord {
  uint64_t seq = 0;
  uint8_t type = 0;
  std::string_view payload;  // valid during the visitor call only
};

// One cut recovery made in a segment.
struct JournalCut {
  std::string file;    // segment name
  uint64_t offset = 0; // where the file now ends
  uint64_t bytes_dropped = 0;
  bool torn_tail = false;  // false: corruption in the middle (operator's choice)
  std::string reason;
};

// What recovery found and did, for the runtime's log and an operator tool.
struct RecoverySummary {
  std::string dir;
  std::optional<uint64_t> snapshot_seq;  // the snapshot used, if any
  std::string snapshot_file;
  std::vector<std::string> snapshots_skipped;  // "<file>: <why>", newest first
  uint64_t first_seq = 0;  // first and last record replayed (0: none)
  uint64_t last_seq = 0;
  uint64_t records = 0;
  uint64_t payload_bytes = 0;
  std::array<uint64_t, 256> records_by_type{};
  uint64_t segments_read = 0;
  uint64_t segment_bytes_read = 0;  // file sizes as found, before any cut
  // Zeros found after the last record of prepared segments: their unused
  // room, not data (cut, unless read_only).
  uint64_t unused_bytes = 0;
  std::vector<JournalCut> cuts;
  std::vector<std::string> set_aside;     // segments renamed "*.corrupt"
  std::vector<std::string> removed;       // leftover "*.tmp" and torn headers
  uint64_t next_seq = 1;  // the seq the next appended record gets

  // A few lines for a log or a terminal.
  std::string ToString() const;
};

// Called once with the snapshot used (seq, payload), before any record.
using SnapshotVisitor = std::function<absl::Status(uint64_t seq, std::string_view payload)>;
// Called for every record after the snapshot, in order. An error stops
// recovery and is returned.
using RecordVisitor = std::function<absl::Status(const JournalRecord& record)>;

// Finds the newest valid snapshot (falling back to older ones, reported),
// then reads every record after it, checking CRC, length, type, version and
// sequence continuity across segments. A torn or corrupt tail of the last
// segment is cut (synced) and reported; corruption followed by good data, a
// missing segment or a sequence gap is DataLoss naming the segment, the
// offset and what is wrong (see truncate_at_corruption). On an error the
// records already visited must be thrown away. Null visitors are allowed.
// A missing or empty directory is an empty journal.
absl::StatusOr<RecoverySummary> RecoverJournal(Env& env, const std::string& dir,
                                               const JournalOptions& options,
                                               const SnapshotVisitor& on_snapshot,
                                               const RecordVisitor& on_record);

class JournalWriter {
 public:
  // Recovers `dir` (without visitors; creates it when missing), then opens
  // a new segment after the last record. `recovered` (optional) gets the
  // summary.
  static absl::StatusOr<std::unique_ptr<JournalWriter>> Open(
      Env& env, const std::string& dir, const JournalOptions& options,
      RecoverySummary* recovered = nullptr);
  // Opens a new segment after a recovery the caller already ran (with its
  // visitors) on the same directory. Both first sync the newest existing
  // segment: recovery may have read records a crashed process left unsynced
  // in the OS, and the new segment must not outlive them.
  static absl::StatusOr<std::unique_ptr<JournalWriter>> OpenAfterRecovery(
      Env& env, const std::string& dir, const JournalOptions& options,
      const RecoverySummary& recovered);

  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Buffers a record and returns its seq; nothing is durable before Sync.
  // InvalidArgument (the writer stays usable) for type 0 or a payload above
  // journal::kMaxPayloadBytes. May write (not sync) when the buffer is full
  // and rotate to a new segment past segment_bytes.
  absl::StatusOr<uint64_t> Append(uint8_t type, std::string_view payload);
  // Writes and fdatasyncs everything appended so far: the group commit
  // (append a batch, sync once). OK means every record up to next_seq()-1
  // is durable.
  absl::Status Sync();
  // The pipelined group commit: writes what was appended so far and starts
  // its fdatasync on a thread of the writer's (made at the first call), then
  // returns at once; `done` runs on that thread once the sync returned (it
  // must not block: it wakes the caller's thread). Appends may go on
  // meanwhile. FinishSync waits for it and returns its result: OK means
  // every record appended before StartSync is durable (synced_seq). At most
  // one is in flight; Sync, WriteSnapshot, a rotation, Close and the
  // destructor finish it first. Without a sync in flight FinishSync returns
  // status().
  absl::Status StartSync(std::function<void()> done);
  absl::Status FinishSync();
  bool sync_in_flight() const;
  // Syncs, then writes a snapshot of the state after record `seq` (<= the
  // last appended) atomically. A failed snapshot write leaves the journal
  // untouched and the writer usable.
  absl::Status WriteSnapshot(uint64_t seq, std::string_view payload);
  // Removes snapshots older than the newest keep_snapshots with seq <=
  // `snapshot_seq`, and the segments wholly covered by the oldest one kept.
  absl::Status DeleteObsolete(uint64_t snapshot_seq);
  // Syncs and closes; later calls fail.
  absl::Status Close();

  uint64_t next_seq() const { return next_seq_; }
  uint64_t synced_seq() const { return synced_seq_; }
  // OK, or the first error that failed the writer.
  const absl::Status& status() const { return status_; }

 private:
  JournalWriter(Env& env, std::string dir, const JournalOptions& options, uint64_t next_seq);

  absl::Status StartSegment();
  // Opens the segment at `path` on a prepared file, if one is ready.
  absl::StatusOr<std::unique_ptr<WritableFile>> OpenPrepared(const std::string& path);
  // Cuts a prepared segment's unused zeros (closing or rotating).
  absl::Status CutPrepared();
  absl::Status Rotate();
  absl::Status WriteBuffer();
  absl::Status Fail(absl::Status status);

  Env& env_;
  const std::string dir_;
  const JournalOptions options_;
  std::unique_ptr<WritableFile> file_;
  bool file_prepared_ = false;  // file_ was prepared: it ends in zeros until cut
  std::unique_ptr<journal_internal::SegmentPreparer> preparer_;  // prepare_segments
  std::unique_ptr<journal_internal::BackgroundSync> background_;  // StartSync's thread
  uint64_t in_flight_seq_ = 0;  // the last record the sync in flight covers
  ByteWriter buffer_;           // encoded records not yet handed to the OS
  uint64_t segment_bytes_ = 0;  // in the current segment, buffer included
  uint64_t segment_records_ = 0;
  uint64_t next_seq_;
  uint64_t synced_seq_;
  absl::Status status_;
};

}  // namespace acd

#endif  // ACD_JOURNAL_H_
