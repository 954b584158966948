// Env::Default(): the POSIX file system (open, write, pread, fdatasync,
// rename, ftruncate). EINTR is retried and short writes are continued.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/env.h"
#include "env/posix_error.h"

namespace acd {
namespace env_internal {

absl::Status PosixError(absl::string_view path, absl::string_view verb, int error) {
  const std::string message = absl::StrCat(path, ": cannot ", verb, ": ", std::strerror(error));
  switch (error) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    case EEXIST:
      return absl::AlreadyExistsError(message);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(absl::StrCat("disk full: ", message));
    default:
      return absl::InternalError(message);
  }
}

}  // namespace env_internal

namespace {

using env_internal::PosixError;

// Opens `path`, retrying EINTR; -1 with errno set on failure.
int OpenRetrying(const std::string& path, int flags, mode_t mode = 0644) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

class PosixWritableFile : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixWritableFile() override { Close().IgnoreError(); }

  absl::Status Append(std::string_view data) override {
    if (fd_ < 0) return absl::FailedPreconditionError(absl::StrCat(path_, ": file is closed"));
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return PosixError(path_, "write", errno);
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return absl::OkStatus();
  }
  absl::Status Flush() override { return absl::OkStatus(); }
  absl::Status Sync() override {
    if (fd_ < 0) return absl::FailedPreconditionError(absl::StrCat(path_, ": file is closed"));
    if (::fdatasync(fd_) != 0) return PosixError(path_, "sync", errno);
    return absl::OkStatus();
  }
  absl::Status Close() override {
    if (fd_ < 0) return absl::OkStatus();
    const int result = ::close(fd_);
    fd_ = -1;
    // close(2) after EINTR leaves the descriptor closed on Linux: no retry.
    if (result != 0 && errno != EINTR) return PosixError(path_, "close", errno);
    return absl::OkStatus();
  }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  int fd_;
};

class PosixSequentialFile : public SequentialFile {
 public:
  PosixSequentialFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixSequentialFile() override { ::close(fd_); }

  absl::Status Read(size_t n, std::string* out) override {
    out->resize(n);
    size_t got = 0;
    while (got < n) {
      const ssize_t r = ::read(fd_, out->data() + got, n - got);
      if (r < 0) {
        if (errno == EINTR) continue;
        out->clear();
        return PosixError(path_, "read", errno);
      }
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    out->resize(got);
    return absl::OkStatus();
  }
  absl::Status Skip(uint64_t n) override {
    if (::lseek(fd_, static_cast<off_t>(n), SEEK_CUR) < 0) return PosixError(path_, "seek", errno);
    return absl::OkStatus();
  }

 private:
  std::string path_;
  int fd_;
};

class PosixRandomAccessFile : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }

  absl::Status Read(uint64_t offset, size_t n, std::string* out) const override {
    out->resize(n);
    size_t got = 0;
    while (got < n) {
      const ssize_t r = ::pread(fd_, out->data() + got, n - got, static_cast<off_t>(offset + got));
      if (r < 0) {
        if (errno == EINTR) continue;
        out->clear();
        return PosixError(path_, "read", errno);
      }
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    out->resize(got);
    return absl::OkStatus();
  }

 private:
  std::string path_;
  int fd_;
};

// Syncs and closes `fd`, which was opened on `path`.
absl::Status SyncAndClose(const std::string& path, int fd, bool data_only) {
  absl::Status status;
  if ((data_only ? ::fdatasync(fd) : ::fsync(fd)) != 0) status = PosixError(path, "sync", errno);
  ::close(fd);
  return status;
}

class PosixEnv : public Env {
 public:
  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    const int fd = OpenRetrying(path, O_WRONLY | O_CREAT | O_TRUNC);
    if (fd < 0) return PosixError(path, "open", errno);
    return std::make_unique<PosixWritableFile>(path, fd);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(
      const std::string& path) override {
    const int fd = OpenRetrying(path, O_WRONLY | O_CREAT | O_APPEND);
    if (fd < 0) return PosixError(path, "open", errno);
    return std::make_unique<PosixWritableFile>(path, fd);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> NewOverwritingFile(
      const std::string& path) override {
    const int fd = OpenRetrying(path, O_WRONLY);  // at offset 0, no O_APPEND
    if (fd < 0) return PosixError(path, "open", errno);
    return std::make_unique<PosixWritableFile>(path, fd);
  }
  absl::StatusOr<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) override {
    const int fd = OpenRetrying(path, O_RDONLY);
    if (fd < 0) return PosixError(path, "open", errno);
    return std::make_unique<PosixSequentialFile>(path, fd);
  }
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) override {
    const int fd = OpenRetrying(path, O_RDONLY);
    if (fd < 0) return PosixError(path, "open", errno);
    return std::make_unique<PosixRandomAccessFile>(path, fd);
  }
  bool FileExists(const std::string& path) override { return ::access(path.c_str(), F_OK) == 0; }
  absl::StatusOr<uint64_t> GetFileSize(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PosixError(path, "stat", errno);
    return static_cast<uint64_t>(st.st_size);
  }
  absl::StatusOr<std::vector<std::string>> GetChildren(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return PosixError(dir, "list", errno);
    std::vector<std::string> names;
    while (const struct dirent* entry = ::readdir(d)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  }
  absl::Status CreateDir(const std::string& dir) override;
  absl::Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return PosixError(path, "remove", errno);
    return absl::OkStatus();
  }
  absl::Status RenameFile(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return PosixError(absl::StrCat(from, " -> ", to), "rename", errno);
    }
    return absl::OkStatus();
  }
  absl::Status TruncateFile(const std::string& path, uint64_t size) override {
    const int fd = OpenRetrying(path, O_WRONLY);
    if (fd < 0) return PosixError(path, "open", errno);
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
      const int error = errno;
      ::close(fd);
      return PosixError(path, "truncate", error);
    }
    return SyncAndClose(path, fd, /*data_only=*/false);
  }
  absl::Status SyncDir(const std::string& dir) override {
    const int fd = OpenRetrying(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return PosixError(dir, "open", errno);
    return SyncAndClose(dir, fd, /*data_only=*/false);
  }
};

absl::Status PosixEnv::CreateDir(const std::string& dir) {
  std::string prefix;
  size_t start = 0;
  while (start <= dir.size()) {
    size_t slash = dir.find('/', start);
    if (slash == std::string::npos) slash = dir.size();
    prefix = dir.substr(0, slash);
    start = slash + 1;
    if (prefix.empty()) continue;  // the root of an absolute path
    if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      return PosixError(prefix, "create directory", errno);
    }
  }
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return PosixError(dir, "create directory", errno);
  if (!S_ISDIR(st.st_mode)) return PosixError(dir, "create directory", ENOTDIR);
  return absl::OkStatus();
}

}  // namespace

Env& Env::Default() {
  static Env* env = new PosixEnv;
  return *env;
}

}  // namespace acd
