// CheckShardJournal: the operator's check of a shard's directory (`acd
// journal check`): recovery through a discarding sink, and a full replay
// from the open record to compare with the snapshot's.
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/shard_journal.h"
#include "runtime/shard_replay.h"

namespace acd {

absl::StatusOr<ShardCheckReport> CheckShardJournal(Env& env, const std::string& dir,
                                                   const JournalOptions& options) {
  NullSink sink;  // the commands were delivered when the inputs were first applied
  absl::StatusOr<runtime_internal::Replayed> replayed =
      runtime_internal::ReplayShard(env, dir, &sink, options, /*check_invariants=*/false);
  if (!replayed.ok()) return replayed.status();
  ShardCheckReport report;
  report.summary = std::move(replayed->summary);
  if (!report.summary.journal.snapshot_seq) {
    report.full_replay_hash = report.summary.state_hash;
    report.full_replay_note = "no snapshot: the replay is the full replay from the open record";
    return report;
  }
  JournalOptions full_options = options;
  full_options.read_only = true;  // whatever had to be cut, the first pass cut (or reported)
  full_options.ignore_snapshots = true;
  absl::StatusOr<runtime_internal::Replayed> full =
      runtime_internal::ReplayShard(env, dir, &sink, full_options, /*check_invariants=*/false);
  if (!full.ok()) {
    report.full_replay_note = absl::StrCat("not possible (records before the snapshot were "
                                           "deleted, as DeleteObsolete does): ",
                                           full.status().message());
    return report;
  }
  if (full->summary.journal.last_seq != report.summary.journal.last_seq) {
    report.full_replay_note =
        absl::StrCat("the full replay ended at seq ", full->summary.journal.last_seq,
                     " and the snapshot's at seq ", report.summary.journal.last_seq);
  }
  report.full_replay_hash = full->summary.state_hash;
  return report;
}

}  // namespace acd
