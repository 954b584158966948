// The fuzz driver's restores from snapshots (FuzzOptions::restores), see
// fuzz_run.h: the engine is replaced by Engine::Restore of its own
// Snapshot(), and everything after must be as if it had never stopped.
#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tests/core/fuzz_run.h"

namespace acd::testing {
namespace {

constexpr uint64_t kRestoreEvery = 300;  // steps, on average
constexpr int kFlipsPerRestore = 4;      // damaged copies tried at each restore

}  // namespace

bool FuzzRun::RestoreDue() {
  return options_.restores && restore_rng_.Below(kRestoreEvery) == 0;
}

absl::Status FuzzRun::RestoreFromSnapshot(int index) {
  sink_.commands.clear();
  const uint64_t hash_before = Hash(*engine_);
  const std::string bytes = engine_->Snapshot();
  result_.stats.snapshot_bytes_max =
      std::max<uint64_t>(result_.stats.snapshot_bytes_max, bytes.size());
  absl::StatusOr<std::unique_ptr<Engine>> restored =
      Engine::Restore(current_center(), bytes, &sink_, EngineOptions{options_.seed});
  reloads_.push_back(absl::StrCat("before step ", index, ": restore from a snapshot of ",
                                  bytes.size(), " bytes -> ", restored.status().ToString()));
  if (!restored.ok()) {
    return absl::InternalError(absl::StrCat("restoring the engine's own snapshot failed: ",
                                            restored.status().ToString()));
  }
  if (!sink_.commands.empty()) return absl::InternalError("a restore emitted commands");
  if (Hash(**restored) != hash_before) {
    return absl::InternalError("the restored engine's StateHash differs from the snapshot's");
  }
  if ((*restored)->Snapshot() != bytes) {
    return absl::InternalError("the restored engine's snapshot differs from the one it came from");
  }
  engine_ = *std::move(restored);
  ++result_.stats.restores;
  return TryDamagedSnapshots(bytes, hash_before);
}

// A snapshot with one bit flipped is refused with DataLoss or
// FailedPrecondition, or restores to another state hash; it never crashes
// the decoder (the sanitizer build runs this too) and emits nothing.
absl::Status FuzzRun::TryDamagedSnapshots(const std::string& bytes, uint64_t hash) {
  VectorSink sink;
  for (int i = 0; i < kFlipsPerRestore; ++i) {
    std::string damaged = bytes;
    const size_t at = restore_rng_.Below(bytes.size());
    const int bit = static_cast<int>(restore_rng_.Below(8));
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit));
    absl::StatusOr<std::unique_ptr<Engine>> restored =
        Engine::Restore(current_center(), damaged, &sink, EngineOptions{options_.seed});
    const std::string where = absl::StrCat(" (byte ", at, " bit ", bit, " of ", bytes.size(), ")");
    if (restored.ok() && (*restored)->StateHash() == hash) {
      return absl::InternalError(absl::StrCat("a damaged snapshot restored to the same hash", where));
    }
    if (!restored.ok() && restored.status().code() != absl::StatusCode::kDataLoss &&
        restored.status().code() != absl::StatusCode::kFailedPrecondition) {
      return absl::InternalError(absl::StrCat("a damaged snapshot was refused with ",
                                              restored.status().ToString(), where));
    }
  }
  if (!sink.commands.empty()) return absl::InternalError("a damaged snapshot's restore emitted commands");
  return absl::OkStatus();
}

}  // namespace acd::testing
