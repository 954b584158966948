// FaultInjectionEnv: the wrapped files and the bookkeeping of sizes.
#include "tests/env/fault_injection_env.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace acd::test_env {

// A real file whose writes and syncs go past the env's faults and books.
class FaultyFile : public WritableFile {
 public:
  FaultyFile(FaultInjectionEnv* env, std::unique_ptr<WritableFile> file)
      : env_(env), file_(std::move(file)) {}

  absl::Status Append(std::string_view data) override {
    size_t allowed = data.size();
    const absl::Status fault = env_->BeforeAppend(path(), data.size(), &allowed);
    if (allowed > 0) {
      if (absl::Status s = file_->Append(data.substr(0, allowed)); !s.ok()) return s;
      env_->AfterAppend(path(), allowed);
    }
    return fault;
  }
  absl::Status Flush() override { return file_->Flush(); }
  absl::Status Sync() override {
    uint64_t size = 0;  // what was written before the sync began
    if (absl::Status s = env_->BeforeSync(path(), &size); !s.ok()) return s;
    if (absl::Status s = file_->Sync(); !s.ok()) return s;
    env_->AfterSync(path(), size);
    return absl::OkStatus();
  }
  absl::Status Close() override { return file_->Close(); }
  const std::string& path() const override { return file_->path(); }

 private:
  FaultInjectionEnv* env_;
  std::unique_ptr<WritableFile> file_;
};

void FaultInjectionEnv::FailWrites(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_writes_ = n;
}
void FaultInjectionEnv::FailSyncs(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_syncs_ = n;
}
void FaultInjectionEnv::FailRenames(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_renames_ = n;
}
void FaultInjectionEnv::SetDiskBudget(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  budget_bytes_ = bytes;
}
void FaultInjectionEnv::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  fail_writes_ = fail_syncs_ = fail_renames_ = 0;
  budget_bytes_ = std::numeric_limits<uint64_t>::max();
}

absl::Status FaultInjectionEnv::DropUnsyncedData() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [path, state] : files_) {
    if (state.size == state.synced) continue;
    absl::Status s = state.overwriting ? ZeroRange(path, state.synced, state.size)
                                       : target().TruncateFile(path, state.synced);
    if (!s.ok()) return s;
    state.size = state.synced;
  }
  return absl::OkStatus();
}

// Puts zeros back over [from, to) of `path`, its size unchanged (test
// files are small: the whole file is rewritten and synced).
absl::Status FaultInjectionEnv::ZeroRange(const std::string& path, uint64_t from, uint64_t to) {
  absl::StatusOr<std::string> bytes = target().ReadFileToString(path, size_t{1} << 30);
  if (!bytes.ok()) return bytes.status();
  if (from < bytes->size()) {
    std::fill(bytes->begin() + static_cast<ptrdiff_t>(from),
              bytes->begin() + static_cast<ptrdiff_t>(std::min<uint64_t>(to, bytes->size())), '\0');
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> file = target().NewWritableFile(path);
  if (!file.ok()) return file.status();
  absl::Status s = (*file)->Append(*bytes);
  if (s.ok()) s = (*file)->Sync();
  if (s.ok()) s = (*file)->Close();
  return s;
}

absl::Status FaultInjectionEnv::TearTail(const std::string& path, uint64_t bytes) {
  absl::StatusOr<uint64_t> size = target().GetFileSize(path);
  if (!size.ok()) return size.status();
  const uint64_t keep = *size > bytes ? *size - bytes : 0;
  if (absl::Status s = target().TruncateFile(path, keep); !s.ok()) return s;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it != files_.end()) {
    it->second.size = keep;
    it->second.synced = std::min(it->second.synced, keep);
  }
  return absl::OkStatus();
}

uint64_t FaultInjectionEnv::SyncedSize(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? 0 : it->second.synced;
}

int FaultInjectionEnv::syncs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return syncs_;
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewWritableFile(
    const std::string& path) {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = target().NewWritableFile(path);
  if (!file.ok()) return file.status();
  {
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = FileState{};
  }
  return std::make_unique<FaultyFile>(this, *std::move(file));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewAppendableFile(
    const std::string& path) {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = target().NewAppendableFile(path);
  if (!file.ok()) return file.status();
  absl::StatusOr<uint64_t> size = target().GetFileSize(path);
  if (!size.ok()) return size.status();
  {
    std::lock_guard<std::mutex> lock(mu_);
    // What was there before is taken as durable.
    auto [it, fresh] = files_.try_emplace(path, FileState{*size, *size});
    if (!fresh) it->second.size = *size;
  }
  return std::make_unique<FaultyFile>(this, *std::move(file));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewOverwritingFile(
    const std::string& path) {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = target().NewOverwritingFile(path);
  if (!file.ok()) return file.status();
  {
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = FileState{0, 0, /*overwriting=*/true};
  }
  return std::make_unique<FaultyFile>(this, *std::move(file));
}

absl::Status FaultInjectionEnv::RemoveFile(const std::string& path) {
  if (absl::Status s = target().RemoveFile(path); !s.ok()) return s;
  std::lock_guard<std::mutex> lock(mu_);
  files_.erase(path);
  return absl::OkStatus();
}

absl::Status FaultInjectionEnv::RenameFile(const std::string& from, const std::string& to) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_renames_ > 0) {
      --fail_renames_;
      return absl::InternalError(absl::StrCat(from, " -> ", to, ": cannot rename: injected"));
    }
  }
  if (absl::Status s = target().RenameFile(from, to); !s.ok()) return s;
  std::lock_guard<std::mutex> lock(mu_);
  files_.erase(to);
  if (auto it = files_.find(from); it != files_.end()) {
    files_[to] = it->second;
    files_.erase(from);
  }
  return absl::OkStatus();
}

absl::Status FaultInjectionEnv::TruncateFile(const std::string& path, uint64_t size) {
  if (absl::Status s = target().TruncateFile(path, size); !s.ok()) return s;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = files_.find(path); it != files_.end()) it->second = FileState{size, size};
  return absl::OkStatus();
}

absl::Status FaultInjectionEnv::BeforeAppend(const std::string& path, size_t n,
                                             size_t* allowed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_writes_ > 0) {
    --fail_writes_;
    *allowed = 0;
    return absl::InternalError(absl::StrCat(path, ": cannot write: injected I/O error"));
  }
  if (n <= budget_bytes_) {
    if (budget_bytes_ != std::numeric_limits<uint64_t>::max()) budget_bytes_ -= n;
    *allowed = n;
    return absl::OkStatus();
  }
  *allowed = static_cast<size_t>(budget_bytes_);
  budget_bytes_ = 0;
  return absl::ResourceExhaustedError(
      absl::StrCat("disk full: ", path, ": cannot write: No space left on device (injected)"));
}

void FaultInjectionEnv::AfterAppend(const std::string& path, size_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[path].size += n;
}

absl::Status FaultInjectionEnv::BeforeSync(const std::string& path, uint64_t* size) {
  std::lock_guard<std::mutex> lock(mu_);
  *size = files_[path].size;
  if (fail_syncs_ > 0) {
    --fail_syncs_;
    return absl::InternalError(absl::StrCat(path, ": cannot sync: injected I/O error"));
  }
  return absl::OkStatus();
}

void FaultInjectionEnv::AfterSync(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> lock(mu_);
  ++syncs_;
  FileState& state = files_[path];
  // Bytes appended while the sync ran (another thread's) are not counted:
  // a power loss may take them.
  state.synced = std::max(state.synced, std::min(size, state.size));
}

}  // namespace acd::test_env
