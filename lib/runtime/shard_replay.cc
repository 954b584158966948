// The replay of a shard's journal through its engine (see shard_replay.h).
#include "runtime/shard_replay.h"

#include <algorithm>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "acd/center_codec.h"
#include "runtime/shard_record_codec.h"

namespace acd::runtime_internal {
namespace {

absl::string_view Sv(std::string_view s) { return {s.data(), s.size()}; }

class ShardReplay {
 public:
  ShardReplay(CommandSink* sink, bool check_invariants, const NoteFn& on_note)
      : sink_(sink), check_invariants_(check_invariants), on_note_(on_note) {}

  absl::Status OnSnapshot(uint64_t seq, std::string_view payload);
  absl::Status OnRecord(const JournalRecord& record);
  Replayed Finish(RecoverySummary journal) &&;
  bool has_engine() const { return engine_ != nullptr; }

 private:
  absl::Status Replay(uint64_t seq, ShardRecord input);
  absl::Status ReplayEvent(Event event);
  void SeeTime(TimeMs t) {
    if (!summary_.first_time_ms) summary_.first_time_ms = t;
    summary_.last_time_ms = std::max(summary_.last_time_ms.value_or(t), t);
  }

  CommandSink* sink_;
  bool check_invariants_;
  const NoteFn& on_note_;
  std::unique_ptr<Engine> engine_;
  ShardRecoverySummary summary_;
};

absl::Status ShardReplay::OnSnapshot(uint64_t seq, std::string_view payload) {
  absl::StatusOr<ShardSnapshotRecord> snapshot = DecodeShardSnapshotRecord(payload);
  if (!snapshot.ok()) {
    return absl::DataLossError(absl::StrCat("snapshot of seq ", seq, ": ",
                                            snapshot.status().message()));
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(
      snapshot->center, snapshot->engine, sink_, EngineOptions{snapshot->seed, check_invariants_});
  if (!engine.ok()) {
    return absl::Status(engine.status().code(),
                        absl::StrCat("snapshot of seq ", seq, ": cannot restore the engine: ",
                                     engine.status().message()));
  }
  engine_ = *std::move(engine);
  summary_.seed = snapshot->seed;
  summary_.snapshot_time_ms = engine_->now_ms();
  summary_.commands_before = snapshot->commands;
  summary_.notes_before = snapshot->notes;
  return absl::OkStatus();
}

absl::Status ShardReplay::OnRecord(const JournalRecord& record) {
  if (record.type == static_cast<uint8_t>(shard_record::Type::kEvent) && engine_ != nullptr) {
    absl::StatusOr<Event> event = DecodeEventRecord(record.payload);  // the fast path
    if (event.ok()) return ReplayEvent(*std::move(event));
  }
  absl::StatusOr<ShardRecord> input = DecodeShardRecord(record.type, record.payload);
  if (!input.ok()) {
    return absl::Status(input.status().code(),
                        absl::StrCat("record seq ", record.seq, " (",
                                     Sv(shard_record::TypeName(record.type)),
                                     "): ", input.status().message()));
  }
  return Replay(record.seq, *std::move(input));
}

absl::Status ShardReplay::Replay(uint64_t seq, ShardRecord input) {
  if (auto* open = std::get_if<ShardOpen>(&input)) {
    if (engine_ != nullptr) {
      return absl::DataLossError(absl::StrCat("record seq ", seq, ": a second open record"));
    }
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(open->center, sink_, EngineOptions{open->seed, check_invariants_});
    if (!engine.ok()) {
      return absl::DataLossError(absl::StrCat("record seq ", seq, ": the open record's center "
                                              "is refused: ", engine.status().message()));
    }
    engine_ = *std::move(engine);
    summary_.seed = open->seed;
    summary_.commands_before = 0;
    ++summary_.opens;
    return absl::OkStatus();
  }
  if (engine_ == nullptr) {
    return absl::DataLossError(absl::StrCat(
        "record seq ", seq, " comes before any open record and no snapshot covers it "
        "(the journal's first records are missing)"));
  }
  if (auto* event = std::get_if<Event>(&input)) {
    return ReplayEvent(std::move(*event));
  } else if (auto* note = std::get_if<ShardNote>(&input)) {
    ++summary_.notes;
    if (!on_note_) return absl::OkStatus();
    if (absl::Status s = on_note_(note->bytes); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("record seq ", seq, " (note): ", s.message()));
    }
  } else if (auto* advance = std::get_if<ShardAdvance>(&input)) {
    sink_->BeginReplayedInput(0);
    ++summary_.advances;
    if (!engine_->AdvanceTo(advance->time_ms).ok()) ++summary_.advances_rejected;
    SeeTime(advance->time_ms);
  } else if (auto* reload = std::get_if<ShardReconfigure>(&input)) {
    sink_->BeginReplayedInput(0);
    ++summary_.reconfigures;
    if (!engine_->Reconfigure(reload->center).ok()) ++summary_.reconfigures_refused;
  }
  return absl::OkStatus();
}

absl::Status ShardReplay::ReplayEvent(Event event) {
  sink_->BeginReplayedInput(event.id);
  ++summary_.events;
  if (!engine_->Apply(event).ok()) ++summary_.events_rejected;
  SeeTime(event.time_ms);
  summary_.last_event = std::move(event);
  return absl::OkStatus();
}

Replayed ShardReplay::Finish(RecoverySummary journal) && {
  summary_.journal = std::move(journal);
  summary_.state_hash = engine_->StateHash();
  return Replayed{std::move(engine_), std::move(summary_)};
}

}  // namespace

absl::StatusOr<Replayed> ReplayShard(Env& env, const std::string& dir, CommandSink* sink,
                                     const JournalOptions& journal_options,
                                     bool check_invariants, const NoteFn& on_note) {
  if (sink == nullptr) return absl::InvalidArgumentError("shard journal: a null sink");
  ShardReplay replay(sink, check_invariants, on_note);
  absl::StatusOr<RecoverySummary> journal = RecoverJournal(
      env, dir, journal_options,
      [&](uint64_t seq, std::string_view payload) { return replay.OnSnapshot(seq, payload); },
      [&](const JournalRecord& record) { return replay.OnRecord(record); });
  if (!journal.ok()) {
    return absl::Status(journal.status().code(),
                        absl::StrCat("shard journal ", dir, ": ", journal.status().message()));
  }
  if (!replay.has_engine()) {
    return absl::NotFoundError(absl::StrCat(
        "shard journal ", dir, ": no journal here (no snapshot and no open record",
        journal->records > 0 ? "" : "; an empty or unfinished directory", ")"));
  }
  return std::move(replay).Finish(*std::move(journal));
}

}  // namespace acd::runtime_internal
