// The queue log's format: event names and fields, escaping, times, lines.
#include <array>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "acd/queue_log.h"

namespace acd {
namespace {

using T = QueueLogFieldType;

constexpr QueueLogField kLogStartFields[] = {{"version", T::kCount}};
constexpr QueueLogField kOfferFields[] = {
    {"ring_timeout_ms", T::kMs}, {"ring_all", T::kFlag}, {"preferred", T::kFlag}};
constexpr QueueLogField kRingNoAnswerFields[] = {{"ring_ms", T::kMs}};
constexpr QueueLogField kRingCanceledFields[] = {{"reason", T::kCancelReason},
                                                 {"ring_ms", T::kMs}};
constexpr QueueLogField kQueuedFields[] = {{"waiting", T::kCount}};
constexpr QueueLogField kConnectFields[] = {{"wait_ms", T::kMs}, {"ring_ms", T::kMs}};
constexpr QueueLogField kRouteFields[] = {
    {"path", T::kPath}, {"to_queue", T::kText}, {"rule", T::kInt}, {"target", T::kText}};
constexpr QueueLogField kRuleFields[] = {
    {"rule", T::kInt}, {"held", T::kFlag}, {"name", T::kText}};
constexpr QueueLogField kAnnounceFields[] = {
    {"position", T::kCount}, {"more_than", T::kFlag}, {"ewt_ms", T::kMs}};
constexpr QueueLogField kDialFields[] = {{"number", T::kText}, {"attempt", T::kCount}};
constexpr QueueLogField kHeldFields[] = {{"until_ms", T::kMs}, {"failed_attempts", T::kCount}};
constexpr QueueLogField kEndFields[] = {
    {"disposition", T::kDisposition}, {"wait_ms", T::kMs}, {"talk_ms", T::kMs}};
constexpr QueueLogField kAgentFields[] = {{"state", T::kAgentState}, {"reason", T::kReason}};
constexpr QueueLogField kOtherFields[] = {{"command", T::kText}};
constexpr QueueLogField kTransferFields[] = {{"to_agent", T::kText}, {"ring_timeout_ms", T::kMs}};
constexpr QueueLogField kAttendedFields[] = {{"to_agent", T::kText}, {"wait_ms", T::kMs}};
constexpr QueueLogField kPenaltyFields[] = {{"level", T::kCount}};

struct EventInfo {
  std::string_view name;
  std::span<const QueueLogField> fields;
};

constexpr std::array<EventInfo, 46> kEvents = {{
    {"LOGSTART", kLogStartFields},
    {"OFFER", kOfferFields},
    {"RINGNOANSWER", kRingNoAnswerFields},
    {"RINGCANCELED", kRingCanceledFields},
    {"ENTERQUEUE", kQueuedFields},
    {"REQUEUE", kQueuedFields},
    {"CONNECT", kConnectFields},
    {"FULL", kRouteFields},
    {"EXITWITHTIMEOUT", kRouteFields},
    {"OVERFLOW", kRouteFields},
    {"ENTRYRULE", kRouteFields},
    {"ENTRYDEFAULT", kRouteFields},
    {"EXITEMPTY", kRouteFields},
    {"DECLINEROUTE", kRouteFields},
    {"QUEUEREMOVED", kRouteFields},
    {"RULE", kRuleFields},
    {"ANNOUNCE", kAnnounceFields},
    {"CALLBACKOFFER", kOfferFields},
    {"CALLBACKDIAL", kDialFields},
    {"CALLBACKHELD", kHeldFields},
    {"COMPLETE", kEndFields},
    {"COMPLETECALLER", kEndFields},
    {"COMPLETEAGENT", kEndFields},
    {"ABANDON", kEndFields},
    {"EXITOVERFLOW", kEndFields},
    {"EXITCALLBACK", kEndFields},
    {"EXITVOICEMAIL", kEndFields},
    {"EXITREJECTED", kEndFields},
    {"CALLBACKDONE", kEndFields},
    {"CALLBACKFAILED", kEndFields},
    {"CALLBACKEXPIRED", kEndFields},
    {"CALLBACKCANCEL", kEndFields},
    {"ENDED", kEndFields},
    {"AGENTLOGIN", kAgentFields},
    {"AGENTLOGOFF", kAgentFields},
    {"READY", kAgentFields},
    {"RESERVED", kAgentFields},
    {"TALKING", kAgentFields},
    {"WRAPUP", kAgentFields},
    {"PAUSE", kAgentFields},
    {"BLINDTRANSFER", kTransferFields},
    {"JOINEMPTY", kRouteFields},
    {"ATTENDEDTRANSFER", kAttendedFields},
    {"PENALTY", kPenaltyFields},
    {"UNPAUSE", kAgentFields},
    {"OTHER", kOtherFields},
}};
static_assert(static_cast<size_t>(QueueLogEvent::kOther) + 1 == kEvents.size());

}  // namespace

std::string_view QueueLogEventName(QueueLogEvent event) {
  const auto i = static_cast<size_t>(event);
  return i < kEvents.size() ? kEvents[i].name : std::string_view("OTHER");
}

bool ParseQueueLogEvent(std::string_view name, QueueLogEvent* out) {
  for (size_t i = 0; i < kEvents.size(); ++i) {
    if (kEvents[i].name == name) {
      *out = static_cast<QueueLogEvent>(i);
      return true;
    }
  }
  return false;
}

std::span<const QueueLogField> QueueLogFields(QueueLogEvent event) {
  const auto i = static_cast<size_t>(event);
  return i < kEvents.size() ? kEvents[i].fields : std::span<const QueueLogField>(kOtherFields);
}

bool IsTerminalQueueLogEvent(QueueLogEvent event) {
  return event >= QueueLogEvent::kComplete && event <= QueueLogEvent::kEnded;
}

QueueLogEvent TerminalEventFor(Disposition disposition, EndedBy by) {
  switch (disposition) {
    case Disposition::kAnswered:
      return by == EndedBy::kCaller  ? QueueLogEvent::kCompleteCaller
             : by == EndedBy::kAgent ? QueueLogEvent::kCompleteAgent
                                     : QueueLogEvent::kComplete;
    case Disposition::kAbandonedInIvr:
    case Disposition::kAbandonedInQueue:
    case Disposition::kAbandonedRinging: return QueueLogEvent::kAbandon;
    case Disposition::kOverflowed: return QueueLogEvent::kExitOverflow;
    case Disposition::kCallbackCaptured: return QueueLogEvent::kExitCallback;
    case Disposition::kVoicemail: return QueueLogEvent::kExitVoicemail;
    case Disposition::kRejected: return QueueLogEvent::kExitRejected;
    case Disposition::kCallbackCompleted: return QueueLogEvent::kCallbackDone;
    case Disposition::kCallbackFailed: return QueueLogEvent::kCallbackFailed;
    case Disposition::kCallbackExpired: return QueueLogEvent::kCallbackExpired;
    case Disposition::kCallbackCancelled: return QueueLogEvent::kCallbackCancel;
    default: return QueueLogEvent::kEnded;
  }
}

std::string_view QueueLogRecord::Field(std::string_view name) const {
  const std::span<const QueueLogField> fields = QueueLogFields(event);
  for (size_t i = 0; i < fields.size() && i < data.size(); ++i) {
    if (fields[i].name == name) return data[i];
  }
  return {};
}

int64_t QueueLogRecord::Number(std::string_view name) const {
  int64_t value = 0;
  const std::string_view text = Field(name);
  if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &value)) return 0;
  return value;
}

std::string EscapeQueueLogText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '|': out += "\\|"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

absl::StatusOr<std::string> UnescapeQueueLogText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (i + 1 == text.size()) {
      return absl::InvalidArgumentError(absl::StrCat("column ", i + 1, ": a '\\' ends the text"));
    }
    switch (text[++i]) {
      case '\\': out += '\\'; break;
      case '|': out += '|'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            "column ", i, ": unknown escape '\\", std::string(1, text[i]), "'"));
    }
  }
  return out;
}

std::string FormatQueueLogTime(TimeMs time_ms) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromUnixMillis(time_ms),
                          absl::UTCTimeZone());
}

std::string FormatQueueLogLine(const QueueLogRecord& record) {
  const std::string none(kQueueLogNone);
  std::string line = absl::StrCat(
      record.time_ms, "|", FormatQueueLogTime(record.time_ms), "|",
      record.call == 0 ? none : absl::StrCat(record.call), "|",
      record.queue.empty() ? none : EscapeQueueLogText(record.queue), "|",
      record.agent.empty() ? none : EscapeQueueLogText(record.agent), "|",
      std::string(QueueLogEventName(record.event)));
  for (const std::string& field : record.data) {
    absl::StrAppend(&line, "|", EscapeQueueLogText(field));
  }
  return line;
}

}  // namespace acd
