// Env: the file-system seam (leveldb's Env is the model). Every file acd
// reads or writes goes through an Env, so that tests can substitute one that
// injects faults (I/O errors, a full disk, a power loss that drops what was
// never synced) while still using real files.
//
// Errors are absl::Status values naming the path, what was attempted and the
// OS reason: "<path>: cannot open: No such file or directory". The codes:
// NotFound (ENOENT), PermissionDenied (EACCES, EPERM), AlreadyExists
// (EEXIST), ResourceExhausted with "disk full: " in front (ENOSPC, EDQUOT),
// Internal for every other I/O error. Nothing throws.
//
// Thread-safety: Env::Default() and its methods are thread-safe; a file
// object (WritableFile, SequentialFile, RandomAccessFile) belongs to one
// thread at a time.
// Invariants: a WritableFile writes through to the OS on every Append (no
// user-space buffer: callers batch their bytes); Sync returns OK only when
// every byte appended before it is on stable storage (fdatasync); a file is
// closed by Close or by its destructor, whichever comes first.
#ifndef ACD_ENV_H_
#define ACD_ENV_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace acd {

// A file opened for writing at its end (or, from NewOverwritingFile, at its
// first byte and then after what it wrote).
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  // Writes all of `data` after what came before (short writes and EINTR are
  // retried); on error some prefix of `data` may have been written.
  virtual absl::Status Append(std::string_view data) = 0;
  // Hands buffered bytes to the OS; a no-op for write-through files.
  virtual absl::Status Flush() = 0;
  // Makes every appended byte durable (fdatasync). It may run on another
  // thread while the owner goes on appending: what was appended before it
  // was called is durable when it returns OK (later bytes may be too).
  virtual absl::Status Sync() = 0;
  virtual absl::Status Close() = 0;
  virtual const std::string& path() const = 0;
};

// A file read from its start to its end.
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Replaces `out` with up to `n` bytes; fewer (or none) only at the end.
  virtual absl::Status Read(size_t n, std::string* out) = 0;
  virtual absl::Status Skip(uint64_t n) = 0;
};

// A file read at any offset (pread).
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Replaces `out` with up to `n` bytes from `offset`; fewer only at the end.
  virtual absl::Status Read(uint64_t offset, size_t n, std::string* out) const = 0;
};

class Env {
 public:
  virtual ~Env() = default;

  // The POSIX file system. Never destroyed.
  static Env& Default();

  // Creates or truncates `path`.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path) = 0;
  // Opens `path` for appending, creating it if it does not exist.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(
      const std::string& path) = 0;
  // Opens an existing `path` for writing from its first byte over what it
  // holds, keeping its size: a file prepared ahead with zeros, whose writes
  // within that size change no metadata, so that Sync flushes data alone.
  // NotFound when it does not exist.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewOverwritingFile(
      const std::string& path) = 0;
  virtual absl::StatusOr<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) = 0;
  virtual absl::StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;

  virtual bool FileExists(const std::string& path) = 0;
  virtual absl::StatusOr<uint64_t> GetFileSize(const std::string& path) = 0;
  // The names (not paths) of the entries of `dir`, without "." and "..",
  // sorted.
  virtual absl::StatusOr<std::vector<std::string>> GetChildren(const std::string& dir) = 0;
  // Creates `dir` and its missing parents; OK when it already exists.
  virtual absl::Status CreateDir(const std::string& dir) = 0;
  virtual absl::Status RemoveFile(const std::string& path) = 0;
  // Replaces `to` atomically (rename(2)); both in the same file system.
  virtual absl::Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Cuts (or extends with zeros) `path` to `size` bytes and syncs it.
  virtual absl::Status TruncateFile(const std::string& path, uint64_t size) = 0;
  // fsyncs the directory itself, so that creates, renames and removes in it
  // survive a power loss.
  virtual absl::Status SyncDir(const std::string& dir) = 0;

  // Reads a whole file of at most `max_bytes` (InvalidArgument "<path>:
  // larger than N bytes" beyond). Built on NewSequentialFile.
  absl::StatusOr<std::string> ReadFileToString(const std::string& path, size_t max_bytes);
};

// Forwards every call to `target` (which must outlive it); a fault-injecting
// or counting Env overrides only what it changes.
class EnvWrapper : public Env {
 public:
  explicit EnvWrapper(Env& target) : target_(target) {}
  Env& target() const { return target_; }

  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& p) override {
    return target_.NewWritableFile(p);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& p) override {
    return target_.NewAppendableFile(p);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> NewOverwritingFile(const std::string& p) override {
    return target_.NewOverwritingFile(p);
  }
  absl::StatusOr<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& p) override {
    return target_.NewSequentialFile(p);
  }
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& p) override {
    return target_.NewRandomAccessFile(p);
  }
  bool FileExists(const std::string& p) override { return target_.FileExists(p); }
  absl::StatusOr<uint64_t> GetFileSize(const std::string& p) override {
    return target_.GetFileSize(p);
  }
  absl::StatusOr<std::vector<std::string>> GetChildren(const std::string& d) override {
    return target_.GetChildren(d);
  }
  absl::Status CreateDir(const std::string& d) override { return target_.CreateDir(d); }
  absl::Status RemoveFile(const std::string& p) override { return target_.RemoveFile(p); }
  absl::Status RenameFile(const std::string& f, const std::string& t) override {
    return target_.RenameFile(f, t);
  }
  absl::Status TruncateFile(const std::string& p, uint64_t size) override {
    return target_.TruncateFile(p, size);
  }
  absl::Status SyncDir(const std::string& d) override { return target_.SyncDir(d); }

 private:
  Env& target_;
};

// The directory part of `path` ("." when it has none).
std::string DirName(const std::string& path);

// Writes `data` to `path` so that a crash leaves either the old file or the
// new one, never a mix: writes "<path>.tmp" in the same directory, syncs it,
// renames it over `path`, then syncs the directory. On error the temp file
// is removed (best effort) and `path` is untouched.
absl::Status WriteFileAtomically(Env& env, const std::string& path, std::string_view data);

}  // namespace acd

#endif  // ACD_ENV_H_
