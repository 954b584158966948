// ShardReplay: the visitors of a shard's recovery. It rebuilds the engine
// from the snapshot or the kOpen record, then applies every later record
// exactly as the shard applied it, counting what it replays.
// Implementation header. Thread-safety: one thread; one replay per object.
#ifndef ACD_LIB_RUNTIME_SHARD_REPLAY_H_
#define ACD_LIB_RUNTIME_SHARD_REPLAY_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/engine.h"
#include <functional>
#include <string_view>

#include "acd/env.h"
#include "acd/journal.h"
#include "acd/shard_journal.h"

namespace acd::runtime_internal {

struct Replayed {
  std::unique_ptr<Engine> engine;
  ShardRecoverySummary summary;
};

// Runs RecoverJournal on `dir` with `journal_options` and replays it through
// a new engine whose commands go to `sink`; the notes go to `on_note` (may
// be empty: they are skipped). NotFound when `dir` holds no journal (no
// snapshot and no record).
using NoteFn = std::function<absl::Status(std::string_view note)>;
absl::StatusOr<Replayed> ReplayShard(Env& env, const std::string& dir, CommandSink* sink,
                                     const JournalOptions& journal_options,
                                     bool check_invariants, const NoteFn& on_note = {});

}  // namespace acd::runtime_internal

#endif  // ACD_LIB_RUNTIME_SHARD_REPLAY_H_
