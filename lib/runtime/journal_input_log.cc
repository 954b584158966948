// A shard's InputLog on its journal directory (acd/journal_input_log.h).
#include "acd/journal_input_log.h"

#include <algorithm>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"

namespace acd {

JournalInputLog::JournalInputLog(Env& env, std::string dir, ShardJournalOptions options)
    : env_(env), dir_(std::move(dir)), options_(std::move(options)) {}

absl::Status JournalInputLog::Append(const ShardInput& input) {
  if (journal_ == nullptr) {
    return absl::FailedPreconditionError("journal: not open for writing (see the last recovery)");
  }
  if (const auto* event = std::get_if<Event>(&input)) return journal_->AppendEvent(*event);
  if (const auto* advance = std::get_if<AdvanceInput>(&input)) {
    return journal_->AppendAdvance(advance->time_ms);
  }
  return journal_->AppendReconfigure(std::get<ReconfigureInput>(input).center);
}

absl::Status JournalInputLog::AppendNote(std::string_view bytes) {
  if (journal_ == nullptr) {
    return absl::FailedPreconditionError("journal: not open for writing (see the last recovery)");
  }
  return journal_->AppendNote(bytes);
}

absl::Status JournalInputLog::Sync() {
  if (journal_ == nullptr) {
    return absl::FailedPreconditionError("journal: not open for writing (see the last recovery)");
  }
  return journal_->Sync();
}

absl::Status JournalInputLog::StartSync(std::function<void()> done) {
  if (journal_ == nullptr) {
    return absl::FailedPreconditionError("journal: not open for writing (see the last recovery)");
  }
  return journal_->StartSync(std::move(done));
}

absl::Status JournalInputLog::FinishSync() {
  if (journal_ == nullptr) {
    return absl::FailedPreconditionError("journal: not open for writing (see the last recovery)");
  }
  return journal_->FinishSync();
}

absl::Status JournalInputLog::AfterSync(const Engine& engine, uint64_t commands) {
  if (journal_ == nullptr) return absl::OkStatus();
  journal_->NoteCommands(commands);
  return journal_->MaybeSnapshot(engine);
}

absl::StatusOr<RecoveredEngine> JournalInputLog::Recover(const CenterConfig& initial_center,
                                                         CommandSink* sink,
                                                         const EngineOptions& options) {
  journal_.reset();  // a failed writer is closed before the directory is read again
  ShardJournalOptions opts = options_;
  opts.check_invariants = options.check_invariants;
  absl::StatusOr<ShardJournal::Opened> opened = ShardJournal::Open(env_, dir_, sink, opts);
  if (absl::IsNotFound(opened.status())) {
    opened = ShardJournal::Create(env_, dir_, initial_center, options.seed, sink, opts);
  }
  if (!opened.ok() && !absl::IsNotFound(opened.status())) {
    // The directory cannot take writes (a full disk, a failed device): the
    // durable state can still be read, so the shard serves reads at it
    // while it refuses inputs (Append and Sync fail until a Recover works).
    ShardJournalOptions read_only = opts;
    read_only.journal.read_only = true;
    absl::StatusOr<ShardJournal::Opened> readable =
        ShardJournal::Open(env_, dir_, sink, read_only);
    if (readable.ok()) opened = std::move(readable);
  }
  if (!opened.ok()) {
    return absl::Status(opened.status().code(),
                        absl::StrCat("journal ", dir_, ": ", opened.status().message()));
  }
  journal_ = std::move(opened->journal);  // null when opened read-only
  last_recovery_ = opened->summary;
  RecoveredEngine out;
  out.engine = std::move(opened->engine);
  // Every record but the journal's first (kOpen) and the notes is an input.
  const RecoverySummary& read = opened->summary.journal;
  const uint64_t last = std::max(read.last_seq, read.snapshot_seq.value_or(0));
  const uint64_t notes = opened->summary.notes_before + opened->summary.notes;
  out.inputs = last >= 1 + notes ? last - 1 - notes : 0;
  out.commands_before = opened->summary.commands_before;
  return out;
}

}  // namespace acd
