// The parts of Env that are the same for every file system: reading a whole
// file, DirName and WriteFileAtomically, all on top of the virtual calls.
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/env.h"

namespace acd {

absl::StatusOr<std::string> Env::ReadFileToString(const std::string& path, size_t max_bytes) {
  absl::StatusOr<std::unique_ptr<SequentialFile>> file = NewSequentialFile(path);
  if (!file.ok()) return file.status();
  std::string text;
  // One allocation for the usual case (the size is only a hint).
  if (absl::StatusOr<uint64_t> size = GetFileSize(path); size.ok() && *size <= max_bytes) {
    text.reserve(static_cast<size_t>(*size));
  }
  std::string chunk;
  constexpr size_t kChunkBytes = 1 << 20;
  while (true) {
    if (absl::Status s = (*file)->Read(kChunkBytes, &chunk); !s.ok()) return s;
    if (chunk.empty()) break;
    text.append(chunk);
    if (text.size() > max_bytes) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": larger than ", max_bytes, " bytes"));
    }
  }
  return text;
}

std::string DirName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

absl::Status WriteFileAtomically(Env& env, const std::string& path, std::string_view data) {
  const std::string temp = path + ".tmp";
  absl::Status status;
  {
    absl::StatusOr<std::unique_ptr<WritableFile>> file = env.NewWritableFile(temp);
    if (!file.ok()) return file.status();
    status = (*file)->Append(data);
    if (status.ok()) status = (*file)->Sync();
    const absl::Status closed = (*file)->Close();
    if (status.ok()) status = closed;
  }
  if (status.ok()) status = env.RenameFile(temp, path);
  if (!status.ok()) {
    env.RemoveFile(temp).IgnoreError();
    return status;
  }
  return env.SyncDir(DirName(path));
}

}  // namespace acd
