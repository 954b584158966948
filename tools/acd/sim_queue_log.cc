// `acd sim --queue-log FILE`: opening, feeding and closing the log file.
#include "tools/acd/sim_queue_log.h"

#include <iostream>
#include <string>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tools/acd/output_paths.h"

namespace acd::tools {

QueueLogTrace::QueueLogTrace(const std::string& path, std::unique_ptr<EnvOstream> file,
                             const CenterConfig& center, TraceSink* also)
    : path_(path),
      file_(std::move(file)),
      sink_(center, file_ != nullptr ? static_cast<std::ostream*>(file_.get()) : &std::cout,
            nullptr, /*flush_each_line=*/false),
      also_(also) {}

absl::StatusOr<std::unique_ptr<QueueLogTrace>> QueueLogTrace::Open(const std::string& path,
                                                                   const CenterConfig& center,
                                                                   absl::CivilDay date,
                                                                   TraceSink* also) {
  absl::StatusOr<std::unique_ptr<EnvOstream>> file =
      path == "-"           ? std::unique_ptr<EnvOstream>()
      : IsSpecialFile(path) ? EnvOstream::Open(Env::Default(), path)
                            : EnvOstream::OpenReplacing(Env::Default(), path);
  if (!file.ok()) {
    // The seam's message is "<path>: cannot open: <reason>"; keep the reason.
    const std::string message(file.status().message());
    const size_t reason = message.rfind(": ");
    return absl::InvalidArgumentError(absl::StrCat(
        "--queue-log: cannot open '", path, "' for writing: ",
        reason == std::string::npos ? message : message.substr(reason + 2)));
  }
  std::unique_ptr<QueueLogTrace> trace(new QueueLogTrace(path, *std::move(file), center, also));
  trace->day_start_ms_ =
      absl::ToUnixMillis(absl::FromCivil(absl::CivilSecond(date), center.calendar.time_zone));
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
  absl::Status status = sink_.status();
  if (file_ == nullptr) {
    std::cout.flush();
    if (status.ok() && !std::cout.good()) status = absl::DataLossError("cannot write to stdout");
  } else if (!status.ok()) {
    file_->Abandon();
  } else {
    status = file_->Close();
  }
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("--queue-log: ", path_, ": ", status.message()));
  }
  return absl::OkStatus();
}

}  // namespace acd::tools
