// `acd sim --queue-log FILE`: opening, feeding and closing the log file.
#include "tools/acd/sim_queue_log.h"

#include <cerrno>
#include <cstring>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace acd::tools {

QueueLogTrace::QueueLogTrace(const std::string& path, const CenterConfig& center,
                             TraceSink* also)
    : path_(path), sink_(center, &file_, nullptr, /*flush_each_line=*/false), also_(also) {}

absl::StatusOr<std::unique_ptr<QueueLogTrace>> QueueLogTrace::Open(const std::string& path,
                                                                   const CenterConfig& center,
                                                                   absl::CivilDay date,
                                                                   TraceSink* also) {
  std::unique_ptr<QueueLogTrace> trace(new QueueLogTrace(path, center, also));
  trace->day_start_ms_ =
      absl::ToUnixMillis(absl::FromCivil(absl::CivilSecond(date), center.calendar.time_zone));
  errno = 0;
  trace->file_.open(path, std::ios::out | std::ios::trunc);
  if (!trace->file_.is_open()) {
    const int error = errno;
    return absl::InvalidArgumentError(
        absl::StrCat("--queue-log: cannot open '", path, "' for writing",
                     error != 0 ? absl::StrCat(": ", std::strerror(error)) : ""));
  }
  return trace;
}

void QueueLogTrace::OnEvent(const Event& event) {
  if (also_ != nullptr) also_->OnEvent(event);
}

void QueueLogTrace::OnCommand(const Command& command) {
  Command real = command;
  real.time_ms += day_start_ms_;
  if (auto* held = std::get_if<CallbackHeld>(&real.body)) held->until_ms += day_start_ms_;
  sink_.Emit(real);
  if (also_ != nullptr) also_->OnCommand(command);
}

absl::Status QueueLogTrace::Close() {
  file_.flush();
  absl::Status status = sink_.status();
  if (status.ok() && !file_.good()) {
    status = absl::DataLossError("the last lines of the queue log could not be written");
  }
  file_.close();
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("--queue-log: ", path_, ": ", status.message()));
  }
  return absl::OkStatus();
}

}  // namespace acd::tools
