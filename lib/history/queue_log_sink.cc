// QueueLogSink: writes the queue log in front of another command sink.
#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/queue_log.h"

namespace acd {

QueueLogSink::QueueLogSink(const CenterConfig& center, std::ostream* out, CommandSink* inner,
                           bool flush_each_line)
    : formatter_(center), out_(out), inner_(inner), flush_each_line_(flush_each_line) {}

void QueueLogSink::Emit(const Command& command) {
  if (!started_) {
    started_ = true;
    Write({command.time_ms, 0, "", "", QueueLogEvent::kLogStart,
           {absl::StrCat(kQueueLogVersion)}});
  }
  Write(formatter_.Format(command));
  if (inner_ != nullptr) inner_->Emit(command);
}

void QueueLogSink::Write(const QueueLogRecord& record) {
  if (!status_.ok()) return;
  *out_ << FormatQueueLogLine(record) << '\n';
  if (flush_each_line_) out_->flush();
  if (!out_->good()) {
    status_ = absl::DataLossError(
        absl::StrCat("writing the queue log failed at line ", lines_ + 1,
                     "; it, later lines and lines not yet flushed were lost"));
    return;
  }
  ++lines_;
}

}  // namespace acd
