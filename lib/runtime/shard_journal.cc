// ShardJournal: Create, Open (recovery), appends, group commit, snapshots.
#include "acd/shard_journal.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/center_codec.h"
#include "acd/journal_format.h"
#include "runtime/shard_record_codec.h"
#include "runtime/shard_replay.h"

namespace acd {
namespace {

using runtime_internal::EncodeEventRecord;

// Whether `dir` holds a snapshot or a record. Segments without a record
// (a Create that crashed before its open record was synced) do not count.
absl::StatusOr<bool> HoldsJournal(Env& env, const std::string& dir) {
  if (!env.FileExists(dir)) return false;
  absl::StatusOr<std::vector<std::string>> names = env.GetChildren(dir);
  if (!names.ok()) return names.status();
  bool segments = false;
  for (const std::string& name : *names) {
    if (journal::ParseSnapshotFileName(name)) return true;
    segments = segments || journal::ParseSegmentFileName(name).has_value();
  }
  if (!segments) return false;
  JournalOptions read_only;
  read_only.read_only = true;
  absl::StatusOr<RecoverySummary> found = RecoverJournal(env, dir, read_only, nullptr, nullptr);
  return !found.ok() || found->records > 0;
}

std::string Fingerprint(const CenterConfig& center) {
  return absl::StrCat(absl::Hex(CenterFingerprint(center), absl::kZeroPad16));
}

}  // namespace

ShardJournal::ShardJournal(std::unique_ptr<JournalWriter> writer,
                           const ShardJournalOptions& options, uint64_t seed)
    : writer_(std::move(writer)), options_(options), seed_(seed) {}

ShardJournal::~ShardJournal() = default;

absl::StatusOr<ShardJournal::Opened> ShardJournal::Create(Env& env, const std::string& dir,
                                                          const CenterConfig& center,
                                                          uint64_t seed, CommandSink* sink,
                                                          const ShardJournalOptions& options) {
  absl::StatusOr<bool> holds = HoldsJournal(env, dir);
  if (!holds.ok()) return holds.status();
  if (*holds) {
    return absl::FailedPreconditionError(absl::StrCat(
        "shard journal ", dir, ": already holds a journal (open it instead, or remove it)"));
  }
  if (options.journal.read_only) {
    return absl::InvalidArgumentError("shard journal: Create cannot be read-only");
  }
  Opened out;
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(center, sink, EngineOptions{seed, options.check_invariants});
  if (!engine.ok()) return engine.status();
  out.engine = *std::move(engine);
  absl::StatusOr<std::unique_ptr<JournalWriter>> writer =
      JournalWriter::Open(env, dir, options.journal, &out.summary.journal);
  if (!writer.ok()) return writer.status();
  out.journal.reset(new ShardJournal(*std::move(writer), options, seed));
  const std::string open = runtime_internal::EncodeOpenRecord(seed, center);
  if (absl::Status s = out.journal->AppendRecord(shard_record::Type::kOpen, open); !s.ok()) {
    return s;
  }
  if (absl::Status s = out.journal->Sync(); !s.ok()) return s;
  out.center = out.engine->center();
  out.summary.seed = seed;
  out.summary.opens = 1;
  out.summary.commands_before = 0;
  out.summary.state_hash = out.engine->StateHash();
  return out;
}

absl::StatusOr<ShardJournal::Opened> ShardJournal::Open(Env& env, const std::string& dir,
                                                        CommandSink* sink,
                                                        const ShardJournalOptions& options,
                                                        const CenterConfig* expect_center) {
  absl::StatusOr<runtime_internal::Replayed> replayed = runtime_internal::ReplayShard(
      env, dir, sink, options.journal, options.check_invariants, options.on_note);
  if (!replayed.ok()) return replayed.status();
  Opened out;
  out.engine = std::move(replayed->engine);
  out.summary = std::move(replayed->summary);
  out.center = out.engine->center();
  if (expect_center != nullptr &&
      CenterFingerprint(*expect_center) != CenterFingerprint(out.center)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "shard journal ", dir, ": its center (fingerprint ", Fingerprint(out.center), ", ",
        out.center.queues.size(), " queues, ", out.center.agents.size(),
        " agents) is not the one the shard was started with (fingerprint ",
        Fingerprint(*expect_center), "); open it without a center and append a "
        "Reconfigure to change it"));
  }
  if (options.journal.read_only) return out;
  absl::StatusOr<std::unique_ptr<JournalWriter>> writer =
      JournalWriter::OpenAfterRecovery(env, dir, options.journal, out.summary.journal);
  if (!writer.ok()) return writer.status();
  out.journal.reset(new ShardJournal(*std::move(writer), options, out.summary.seed));
  if (out.summary.journal.snapshot_seq) {
    out.journal->last_snapshot_seq_ = *out.summary.journal.snapshot_seq;
    out.journal->last_snapshot_ms_ = out.summary.snapshot_time_ms;
  }
  out.journal->notes_ = out.summary.notes_before + out.summary.notes;
  return out;
}

absl::Status ShardJournal::AppendRecord(shard_record::Type type, std::string_view payload) {
  absl::StatusOr<uint64_t> seq = writer_->Append(static_cast<uint8_t>(type), payload);
  return seq.status();
}

absl::Status ShardJournal::AppendEvent(const Event& event) {
  EncodeEventRecord(event, scratch_);
  return AppendRecord(shard_record::Type::kEvent, scratch_.data());
}

absl::Status ShardJournal::AppendAdvance(TimeMs time_ms) {
  return AppendRecord(shard_record::Type::kAdvance,
                      runtime_internal::EncodeAdvanceRecord(time_ms));
}

absl::Status ShardJournal::AppendReconfigure(const CenterConfig& center) {
  return AppendRecord(shard_record::Type::kReconfigure,
                      runtime_internal::EncodeReconfigureRecord(center));
}

absl::Status ShardJournal::AppendNote(std::string_view bytes) {
  if (absl::Status s = AppendRecord(shard_record::Type::kNote,
                                    runtime_internal::EncodeNoteRecord(bytes));
      !s.ok()) {
    return s;
  }
  ++notes_;
  return absl::OkStatus();
}

absl::Status ShardJournal::Sync() { return writer_->Sync(); }
absl::Status ShardJournal::StartSync(std::function<void()> done) {
  return writer_->StartSync(std::move(done));
}
absl::Status ShardJournal::FinishSync() { return writer_->FinishSync(); }

absl::Status ShardJournal::MaybeSnapshot(const Engine& engine, bool* written) {
  if (written != nullptr) *written = false;
  if (!status().ok()) return status();
  const uint64_t last = next_seq() - 1;
  if (last <= last_snapshot_seq_) return absl::OkStatus();
  if (!last_snapshot_ms_) last_snapshot_ms_ = engine.now_ms();
  const bool by_records = options_.snapshot_every_records > 0 &&
                          last - last_snapshot_seq_ >= options_.snapshot_every_records;
  const bool by_time = options_.snapshot_every_ms > 0 &&
                       engine.now_ms() - *last_snapshot_ms_ >= options_.snapshot_every_ms;
  if (!by_records && !by_time) return absl::OkStatus();
  absl::Status s = SnapshotNow(engine);
  if (s.ok() && written != nullptr) *written = true;
  return s;
}

absl::Status ShardJournal::SnapshotNow(const Engine& engine) {
  if (absl::Status s = Sync(); !s.ok()) return s;
  // The notes in the segments the snapshot lets go must live on elsewhere.
  if (options_.before_snapshot) {
    if (absl::Status s = options_.before_snapshot(); !s.ok()) return s;
  }
  const uint64_t last = next_seq() - 1;
  const std::string payload =
      runtime_internal::EncodeSnapshotPayload(seed_, engine.center(), engine.Snapshot(),
                                              commands_, notes_);
  if (absl::Status s = writer_->WriteSnapshot(last, payload); !s.ok()) return s;
  last_snapshot_seq_ = last;
  last_snapshot_ms_ = engine.now_ms();
  return writer_->DeleteObsolete(last);
}

}  // namespace acd
