// JournalInputLog: a shard's InputLog (acd/runtime.h) on its journal
// directory (acd/shard_journal.h). Every input the shard applies is
// journaled and synced once per batch; Recover rebuilds the durable state
// from the directory alone (its newest snapshot and the records after it,
// or a new journal for the shard's initial center); after each synced batch
// a snapshot is taken when the journal's triggers say so.
//
// Thread-safety: the shard's thread calls it (InputLog's rule); Open may run
// on any thread before the shard starts.
// Invariants: an input is durable only after a Sync that returned OK; after
// the first failed write or sync every Sync fails (the shard refuses
// inputs) until Recover reopens the directory, which then holds exactly the
// durable inputs. The journal's current center wins over the shard's
// initial one: a changed file is applied with Shard::SubmitReconfigure.
#ifndef ACD_JOURNAL_INPUT_LOG_H_
#define ACD_JOURNAL_INPUT_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/env.h"
#include "acd/runtime.h"
#include "acd/shard_journal.h"

namespace acd {

class JournalInputLog : public InputLog {
 public:
  // Nothing is read or written before Recover (which the shard calls from
  // Shard::Start; a new journal's engine takes ShardOptions::engine.seed).
  JournalInputLog(Env& env, std::string dir, ShardJournalOptions options = {});

  absl::Status Append(const ShardInput& input) override;
  // The owner's note (ShardJournal::AppendNote), before the inputs it
  // must be durable with; recovered through options.on_note.
  absl::Status AppendNote(std::string_view bytes);
  absl::Status Sync() override;
  bool SyncsInBackground() const override { return true; }
  absl::Status StartSync(std::function<void()> done) override;
  absl::Status FinishSync() override;
  absl::StatusOr<RecoveredEngine> Recover(const CenterConfig& initial_center, CommandSink* sink,
                                          const EngineOptions& options) override;
  absl::Status AfterSync(const Engine& engine, uint64_t commands) override;

  // What the last Recover replayed (for the operator's log).
  const ShardRecoverySummary& last_recovery() const { return last_recovery_; }

 private:
  Env& env_;
  const std::string dir_;
  const ShardJournalOptions options_;
  std::unique_ptr<ShardJournal> journal_;
  ShardRecoverySummary last_recovery_;
};

}  // namespace acd

#endif  // ACD_JOURNAL_INPUT_LOG_H_
