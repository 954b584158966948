// A std::ostream over a WritableFile (acd/env_ostream.h).
#include "acd/env_ostream.h"

#include <utility>

namespace acd {
namespace {
constexpr size_t kBufferBytes = 64 * 1024;
}  // namespace

absl::StatusOr<std::unique_ptr<EnvOstream>> EnvOstream::Open(Env& env, const std::string& path) {
  absl::StatusOr<std::unique_ptr<WritableFile>> file = env.NewWritableFile(path);
  if (!file.ok()) return file.status();
  return std::unique_ptr<EnvOstream>(new EnvOstream(*std::move(file)));
}

absl::StatusOr<std::unique_ptr<EnvOstream>> EnvOstream::OpenReplacing(Env& env,
                                                                     const std::string& path) {
  absl::StatusOr<std::unique_ptr<EnvOstream>> out = Open(env, path + ".tmp");
  if (!out.ok()) return out.status();
  (*out)->env_ = &env;
  (*out)->final_path_ = path;
  return out;
}

EnvOstream::EnvOstream(std::unique_ptr<WritableFile> file) : std::ostream(nullptr) {
  buf_.file = std::move(file);
  buf_.buffer.reserve(kBufferBytes);
  rdbuf(&buf_);
}

EnvOstream::~EnvOstream() { Abandon(); }

absl::Status EnvOstream::Close() {
  if (buf_.file == nullptr) return buf_.status;
  buf_.Drain();
  if (env_ != nullptr && buf_.status.ok()) buf_.status = buf_.file->Sync();
  absl::Status closed = buf_.file->Close();
  if (buf_.status.ok()) buf_.status = closed;
  const std::string temp = buf_.file->path();
  buf_.file.reset();
  if (env_ != nullptr) {
    if (buf_.status.ok()) buf_.status = env_->RenameFile(temp, final_path_);
    if (!buf_.status.ok()) {
      env_->RemoveFile(temp).IgnoreError();
    } else {
      buf_.status = env_->SyncDir(DirName(final_path_));
    }
  }
  if (!buf_.status.ok()) setstate(std::ios::badbit);
  return buf_.status;
}

void EnvOstream::Abandon() {
  if (buf_.file == nullptr) return;
  if (env_ == nullptr) {
    Close().IgnoreError();
    return;
  }
  const std::string temp = buf_.file->path();
  buf_.file->Close().IgnoreError();
  buf_.file.reset();
  env_->RemoveFile(temp).IgnoreError();
  if (buf_.status.ok()) {
    buf_.status = absl::CancelledError(final_path_ + ": abandoned, not written");
  }
  setstate(std::ios::badbit);
}

bool EnvOstream::Buf::Drain() {
  if (!status.ok() || file == nullptr) return false;
  if (!buffer.empty()) status = file->Append(buffer);
  buffer.clear();
  return status.ok();
}

EnvOstream::Buf::int_type EnvOstream::Buf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
}

std::streamsize EnvOstream::Buf::xsputn(const char* s, std::streamsize n) {
  if (!status.ok() || file == nullptr) return 0;
  buffer.append(s, static_cast<size_t>(n));
  if (buffer.size() >= kBufferBytes && !Drain()) return 0;
  return n;
}

int EnvOstream::Buf::sync() { return Drain() ? 0 : -1; }

}  // namespace acd
