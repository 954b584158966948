// FaultInjectionEnv: an Env for tests that wraps a real one (real files in a
// temp directory, never an in-memory fake) and can misbehave on demand: fail
// the next N writes or syncs with an I/O error, act as a full disk once a
// byte budget is spent, forget every byte that was never synced (a power
// loss, or a SIGKILL that takes the page cache with it), and tear the end of
// a file (the last record half written). leveldb's fault-injection test is
// the model.
//
// Thread-safety: all methods are thread-safe (one mutex); files opened
// through it follow WritableFile's rule (a Sync may run beside Appends).
// Invariants: for every file written through it since it was opened, the
// env knows the size (or, overwriting, the bytes written) and the synced
// size (synced <= size); a file created
// or appended through it is tracked until removed; renames carry the state
// along. Files written behind its back are not tracked and never dropped.
#ifndef ACD_TESTS_ENV_FAULT_INJECTION_ENV_H_
#define ACD_TESTS_ENV_FAULT_INJECTION_ENV_H_

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/env.h"

namespace acd::test_env {

class FaultInjectionEnv : public EnvWrapper {
 public:
  explicit FaultInjectionEnv(Env& target = Env::Default()) : EnvWrapper(target) {}

  // The next `n` Appends (to any file) fail with Internal, writing nothing.
  void FailWrites(int n);
  // The next `n` WritableFile::Sync calls fail with Internal; the data stays
  // unsynced (it may be dropped later).
  void FailSyncs(int n);
  // The next `n` renames fail with Internal and change nothing.
  void FailRenames(int n);
  // From now on Appends may write `bytes` more bytes in total; the Append
  // that crosses the budget writes what fits, then fails ResourceExhausted
  // ("disk full: <path>"), as does every later Append.
  void SetDiskBudget(uint64_t bytes);
  // Lifts every fault above (not the data dropped so far).
  void ClearFaults();

  // A power loss: truncates every tracked file to its synced size; a file
  // opened with NewOverwritingFile keeps its size and gets zeros back over
  // what it wrote after its last sync (it is taken to have been prepared
  // with zeros, as the journal's segments are).
  absl::Status DropUnsyncedData();
  // Tears the end of `path`: cuts its last `bytes` bytes (sizes are updated;
  // the cut is not a sync).
  absl::Status TearTail(const std::string& path, uint64_t bytes);

  uint64_t SyncedSize(const std::string& path) const;
  int syncs() const;

  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(
      const std::string& path) override;
  absl::StatusOr<std::unique_ptr<WritableFile>> NewOverwritingFile(
      const std::string& path) override;
  absl::Status RemoveFile(const std::string& path) override;
  absl::Status RenameFile(const std::string& from, const std::string& to) override;
  absl::Status TruncateFile(const std::string& path, uint64_t size) override;

 private:
  friend class FaultyFile;
  struct FileState {
    uint64_t size = 0;    // overwriting: the bytes written from the start
    uint64_t synced = 0;
    bool overwriting = false;
  };
  absl::Status ZeroRange(const std::string& path, uint64_t from, uint64_t to);
  // Called by the files: decide the fault, then account for what happened.
  absl::Status BeforeAppend(const std::string& path, size_t n, size_t* allowed);
  void AfterAppend(const std::string& path, size_t n);
  // `size` gets the bytes written when the sync began; AfterSync counts
  // those synced.
  absl::Status BeforeSync(const std::string& path, uint64_t* size);
  void AfterSync(const std::string& path, uint64_t size);

  mutable std::mutex mu_;
  std::map<std::string, FileState> files_;
  int fail_writes_ = 0;
  int fail_syncs_ = 0;
  int fail_renames_ = 0;
  int syncs_ = 0;
  uint64_t budget_bytes_ = std::numeric_limits<uint64_t>::max();
};

}  // namespace acd::test_env

#endif  // ACD_TESTS_ENV_FAULT_INJECTION_ENV_H_
