// EnvOstream: a std::ostream that writes to a WritableFile of an Env, for
// writers that produce a stream of text (the queue log) while every byte
// still goes through the file seam (acd/env.h) and its fault injection.
//
// Thread-safety: one thread at a time, like the WritableFile it owns.
// Invariants: bytes are buffered (64 KiB) and appended to the file when the
// buffer fills, on flush() and on Close(); the first failed append sets the
// stream's badbit and is kept: status() returns it, and Close() returns it
// rather than OK, so a failed write is never reported as written.
// A stream opened with OpenReplacing writes "<path>.tmp" and only a Close
// that succeeded puts it in place (sync, rename, sync the directory): a
// failed run, Abandon() or destruction before Close removes the temp file
// and leaves `path` as it was, so a program output is the old file or the
// whole new one, never a mix.
#ifndef ACD_ENV_OSTREAM_H_
#define ACD_ENV_OSTREAM_H_

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/env.h"

namespace acd {

class EnvOstream : public std::ostream {
 public:
  // Opens (truncates) `path` through `env`.
  static absl::StatusOr<std::unique_ptr<EnvOstream>> Open(Env& env, const std::string& path);
  // Writes "<path>.tmp" through `env`; Close replaces `path` with it.
  static absl::StatusOr<std::unique_ptr<EnvOstream>> OpenReplacing(Env& env,
                                                                    const std::string& path);
  ~EnvOstream() override;

  // Appends what is buffered, syncs nothing, closes the file; the first
  // error of any write, flush or the close. A replacing stream also syncs
  // and renames its temp file over the path (removed on any error).
  absl::Status Close();
  // A replacing stream: closes and removes the temp file, leaving the path
  // untouched. A plain stream: Close().
  void Abandon();
  const absl::Status& status() const { return buf_.status; }

 private:
  struct Buf : public std::streambuf {
    std::unique_ptr<WritableFile> file;
    std::string buffer;
    absl::Status status;
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;
    bool Drain();
  };
  explicit EnvOstream(std::unique_ptr<WritableFile> file);
  Buf buf_;
  // Set for a replacing stream: its Env and the path the temp file replaces.
  Env* env_ = nullptr;
  std::string final_path_;
};

}  // namespace acd

#endif  // ACD_ENV_OSTREAM_H_
