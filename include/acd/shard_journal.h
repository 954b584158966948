// ShardJournal: the persistence of one shard (one engine, its center, its
// journal directory). The shard appends every input it gives its engine
// (events, clock advances, reloads) and syncs them in groups; after a crash
// Open rebuilds the engine from the directory alone: the newest valid
// snapshot (center, engine snapshot, seed), else the journal's first record
// (center and seed), then every later input replayed exactly as the shard
// applied it. Because the engine is deterministic, the recovered engine has
// the StateHash of an engine that never stopped over the same durable
// inputs. The journal itself (acd/journal.h) stores opaque records; their
// payloads are defined here (namespace shard_record).
//
// Thread-safety: a ShardJournal belongs to the shard's thread, like its
// Engine. Open / Create / Check may run on any thread, never while another
// ShardJournal is open on the same directory.
// Invariants:
// - Nothing acknowledged is lost: every input appended before a Sync that
//   returned OK is replayed by every later Open.
// - The first record of a journal is kOpen; every input is journaled,
//   accepted or rejected (a rejected Apply may still fire timers; a refused
//   Reconfigure is refused identically on replay).
// - After the first failed write or sync the ShardJournal stays failed and
//   returns that error from every call (the shard stops acknowledging).
// - Commands emitted during replay go to the sink Open is given; they were
//   delivered before the crash, so it is usually a discarding one (NullSink).
#ifndef ACD_SHARD_JOURNAL_H_
#define ACD_SHARD_JOURNAL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/bytes.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/env.h"
#include "acd/event.h"
#include "acd/journal.h"

namespace acd {

// The shard's record types and payloads (journal record type = the enum).
// Every payload starts with kVersion (u8); numbers and strings in the
// encoding of acd/bytes.h.
//   kOpen         version | seed fixed64 | EncodeCenter(center) as bytes.
//                 The first record of a new journal: the directory alone
//                 rebuilds the shard.
//   kEvent        version | event codec version varint | EncodeEvent(event)
//                 as applied (the shard stamps its time first); accepted
//                 and rejected events alike.
//   kAdvance      version | time_ms signed: an AdvanceTo(time_ms).
//   kReconfigure  version | EncodeCenter(new center) as bytes; replayed with
//                 Engine::Reconfigure whether or not it was accepted.
//   kNote         version | bytes: the journal owner's own record (the
//                 service's call map entries), not an engine input: made
//                 durable by the same sync as the inputs after it, handed
//                 back in order by a recovery (ShardJournalOptions::on_note).
//   snapshot      version | seed fixed64 | EncodeCenter(engine.center()) as
//                 bytes | Engine::Snapshot() as bytes (needs nothing else)
//                 | (version 2) the number of commands the journal's inputs
//                 had emitted by then, varint: a shard numbers its commands
//                 on from there after a restart | (version 3) the number of
//                 notes before it, varint (none before version 3).
// A later version may add types and fields; a reader refuses a version
// above its own with FailedPrecondition.
namespace shard_record {
inline constexpr uint8_t kVersion = 3;  // 2: snapshots count commands; 3: notes
enum class Type : uint8_t { kOpen = 1, kEvent = 2, kAdvance = 3, kReconfigure = 4, kNote = 5 };
std::string_view TypeName(uint8_t type);  // "open", ..., "unknown"
}  // namespace shard_record

// The decoded payloads.
struct ShardOpen {
  uint64_t seed = 0;
  CenterConfig center;
};
struct ShardAdvance {
  TimeMs time_ms = 0;
};
struct ShardReconfigure {
  CenterConfig center;
};
struct ShardNote {
  std::string bytes;
};
using ShardRecord = std::variant<ShardOpen, Event, ShardAdvance, ShardReconfigure, ShardNote>;
struct ShardSnapshotRecord {
  uint64_t seed = 0;
  CenterConfig center;
  std::string engine;  // Engine::Snapshot() bytes
  // Commands emitted by the inputs before it; unknown in a version-1 one.
  std::optional<uint64_t> commands;
  uint64_t notes = 0;  // notes before it (0 before version 3: none existed)
};

// Decoders (DataLoss naming the field and the offset; FailedPrecondition
// for a newer version; InvalidArgument for an unknown type).
absl::StatusOr<ShardRecord> DecodeShardRecord(uint8_t type, std::string_view payload);
absl::StatusOr<ShardSnapshotRecord> DecodeShardSnapshotRecord(std::string_view payload);
// One line for an operator: "event @12000 id=7 CallArrive call=3 ...".
std::string DescribeShardRecord(const ShardRecord& input);

struct ShardJournalOptions {
  JournalOptions journal;
  // MaybeSnapshot writes one once this many records or this much engine
  // time passed since the last one (either; 0 disables that trigger).
  uint64_t snapshot_every_records = 100'000;
  TimeMs snapshot_every_ms = 10 * 60'000;
  bool check_invariants = false;  // EngineOptions::check_invariants
  // The owner of the notes (null: none are expected; a recovery skips them).
  // on_note gets each note a recovery replays (those after the snapshot it
  // starts from), in journal order, before the inputs after it; an error
  // stops the recovery. before_snapshot runs before a snapshot lets older
  // segments go: the owner makes its notes durable elsewhere (an error
  // leaves the journal as it was, the snapshot not taken).
  std::function<absl::Status(std::string_view note)> on_note;
  std::function<absl::Status()> before_snapshot;
};

// What Open replayed, for the runtime's log and `acd journal check`.
struct ShardRecoverySummary {
  RecoverySummary journal;  // snapshot used, records, cuts, ...
  uint64_t seed = 0;
  uint64_t opens = 0, events = 0, advances = 0, reconfigures = 0;
  uint64_t notes = 0;         // replayed (handed to on_note)
  uint64_t notes_before = 0;  // before the snapshot the replay started from
  uint64_t events_rejected = 0, advances_rejected = 0, reconfigures_refused = 0;
  std::optional<TimeMs> first_time_ms, last_time_ms;  // of replayed inputs
  std::optional<Event> last_event;
  TimeMs snapshot_time_ms = 0;  // the engine's time in the snapshot used
  // Commands the inputs before the replay's start had emitted: 0 from the
  // kOpen record; the snapshot's count; unset for a version-1 snapshot.
  std::optional<uint64_t> commands_before;
  uint64_t state_hash = 0;      // after replay
  std::string ToString() const;
};

class ShardJournal {
 public:
  struct Opened {
    std::unique_ptr<ShardJournal> journal;  // null after a read-only Open
    std::unique_ptr<Engine> engine;
    CenterConfig center;  // the engine's current center
    ShardRecoverySummary summary;
  };

  // A new journal in `dir` (created when missing) for a new engine of
  // `center` and `seed`, whose commands go to `sink`: writes and syncs the
  // kOpen record. FailedPrecondition when `dir` already holds a journal (a
  // snapshot or a record; the empty segment of a Create that crashed before
  // its kOpen was synced does not count).
  static absl::StatusOr<Opened> Create(Env& env, const std::string& dir,
                                       const CenterConfig& center, uint64_t seed,
                                       CommandSink* sink, const ShardJournalOptions& options);
  // Recovery: rebuilds the engine from `dir` (see the top), replaying with
  // `sink`, then opens a new segment for appends (not when
  // options.journal.read_only). With `expect_center`, a journal whose
  // current center differs is refused (FailedPrecondition naming both
  // fingerprints): the shard applies a changed file by appending a
  // Reconfigure after Open. NotFound for a directory without a journal.
  static absl::StatusOr<Opened> Open(Env& env, const std::string& dir, CommandSink* sink,
                                     const ShardJournalOptions& options,
                                     const CenterConfig* expect_center = nullptr);

  ~ShardJournal();
  ShardJournal(const ShardJournal&) = delete;
  ShardJournal& operator=(const ShardJournal&) = delete;

  // Buffer one input (nothing is durable before Sync). Append what the
  // engine was given, in the order it was given. InvalidArgument (the
  // journal stays usable) for a payload above journal::kMaxPayloadBytes.
  absl::Status AppendEvent(const Event& event);
  absl::Status AppendAdvance(TimeMs time_ms);
  absl::Status AppendReconfigure(const CenterConfig& center);
  // An owner's note (see kNote), durable with the next Sync.
  absl::Status AppendNote(std::string_view bytes);
  // The group commit: one fdatasync for everything appended.
  absl::Status Sync();
  // The pipelined Sync (JournalWriter::StartSync / FinishSync).
  absl::Status StartSync(std::function<void()> done);
  absl::Status FinishSync();
  // When a trigger of the options is due: Sync, then a snapshot of
  // `engine` (which must have applied every appended input), then
  // DeleteObsolete. `*written` (optional) says whether one was written.
  // A failed snapshot write is returned but leaves the journal usable (the
  // records stay the truth); a failed sync fails it.
  absl::Status MaybeSnapshot(const Engine& engine, bool* written = nullptr);
  // The same, whatever the triggers say.
  absl::Status SnapshotNow(const Engine& engine);
  // How many commands the inputs appended so far emitted (the shard's
  // numbering); the next snapshot records it.
  void NoteCommands(uint64_t commands) { commands_ = commands; }

  // OK, or the first error that failed the journal.
  const absl::Status& status() const { return writer_->status(); }
  uint64_t next_seq() const { return writer_->next_seq(); }
  uint64_t synced_seq() const { return writer_->synced_seq(); }

 private:
  ShardJournal(std::unique_ptr<JournalWriter> writer, const ShardJournalOptions& options,
               uint64_t seed);
  absl::Status AppendRecord(shard_record::Type type, std::string_view payload);

  std::unique_ptr<JournalWriter> writer_;
  const ShardJournalOptions options_;
  const uint64_t seed_;
  ByteWriter scratch_;  // an event's payload, reused
  uint64_t commands_ = 0;  // NoteCommands
  uint64_t notes_ = 0;     // in the journal so far (counted in snapshots)
  uint64_t last_snapshot_seq_ = 0;
  // The engine's time at the last snapshot; unset until the first
  // MaybeSnapshot of a journal recovered without one.
  std::optional<TimeMs> last_snapshot_ms_;
};

// `acd journal check`: recovery run read-only (nothing in `dir` changes),
// and, when the records since kOpen are all still there and a snapshot was
// used, a second full replay from kOpen whose hash must equal the first.
struct ShardCheckReport {
  ShardRecoverySummary summary;
  std::optional<uint64_t> full_replay_hash;  // nullopt: not possible
  std::string full_replay_note;              // why not, when not
};
absl::StatusOr<ShardCheckReport> CheckShardJournal(Env& env, const std::string& dir,
                                                   const JournalOptions& options);

}  // namespace acd

#endif  // ACD_SHARD_JOURNAL_H_
