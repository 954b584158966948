// ServiceInputLog: a shard's InputLog (acd/runtime.h) on the shard's
// journal (JournalInputLog) that carries the call map's new entries as
// notes: before each input it appends the entries created since the last
// one (they were created before the inputs that name them were submitted),
// so the batch's one sync makes an entry durable no later than the first
// event that names it, and a recovery hands the notes back to the map
// (CallMap::ApplyNote) before the inputs after them. The map's own journal
// is synced only before the shard's journal takes a snapshot (the segments
// holding older notes may then go): see Options below.
//
// Thread-safety: the shard's thread calls it (InputLog's rule).
#ifndef ACD_LIB_SERVICE_SERVICE_INPUT_LOG_H_
#define ACD_LIB_SERVICE_SERVICE_INPUT_LOG_H_

#include <string>

#include "acd/journal_input_log.h"
#include "acd/runtime.h"
#include "service/call_map.h"

namespace acd::service {

class ServiceInputLog : public InputLog {
 public:
  // What the shard's journal must be opened with for this log: the notes go
  // back to `calls`, and its own journal is synced before a snapshot.
  static ShardJournalOptions JournalOptions(CallMap* calls, ShardJournalOptions options = {}) {
    options.on_note = [calls](std::string_view note) { return calls->ApplyNote(note); };
    options.before_snapshot = [calls] { return calls->Sync(); };
    return options;
  }

  // Neither is owned; `journal` was made with JournalOptions(calls) and
  // `calls` opened with CallMap::Options::notes.
  ServiceInputLog(JournalInputLog* journal, CallMap* calls) : journal_(journal), calls_(calls) {}

  absl::Status Append(const ShardInput& input) override {
    if (std::string note = calls_->TakeNote(); !note.empty()) {
      if (absl::Status s = journal_->AppendNote(note); !s.ok()) return s;
    }
    return journal_->Append(input);
  }
  absl::Status Sync() override { return journal_->Sync(); }
  bool SyncsInBackground() const override { return journal_->SyncsInBackground(); }
  absl::Status StartSync(std::function<void()> done) override {
    return journal_->StartSync(std::move(done));
  }
  absl::Status FinishSync() override { return journal_->FinishSync(); }
  absl::StatusOr<RecoveredEngine> Recover(const CenterConfig& initial_center, CommandSink* sink,
                                          const EngineOptions& options) override {
    return journal_->Recover(initial_center, sink, options);
  }
  absl::Status AfterSync(const Engine& engine, uint64_t commands) override {
    return journal_->AfterSync(engine, commands);
  }

 private:
  JournalInputLog* const journal_;
  CallMap* const calls_;
};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_SERVICE_INPUT_LOG_H_
