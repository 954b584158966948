// Reading the queue log back: one line, or a whole stream, with errors that
// name the line, the field and the reason.
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/queue_log.h"

namespace acd {
namespace {

constexpr int kMaxReportedLines = 20;
constexpr size_t kFixedFields = 6;  // time_ms, time, call, queue, agent, event
constexpr std::string_view kFixedNames[kFixedFields] = {"time_ms", "time",  "call",
                                                        "queue",   "agent", "event"};

// Splits on '|' that are not escaped; fields stay escaped.
std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      fields.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  fields.push_back(line.substr(start));
  return fields;
}

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// True when `name` is what ToString gives for some value of Enum.
template <typename Enum>
bool IsEnumName(std::string_view name) {
  for (int i = 0; i < 256; ++i) {
    const std::string_view known = ToString(static_cast<Enum>(i));
    if (known == "unknown") return false;
    if (known == name) return true;
  }
  return false;
}

// Why a data field's (unescaped) text is wrong for its type; empty when fine.
std::string CheckValue(QueueLogFieldType type, const std::string& text) {
  int64_t n = 0;
  const bool number = absl::SimpleAtoi(text, &n) && !text.starts_with("+");
  switch (type) {
    case QueueLogFieldType::kCount:
      return number && n >= 0 ? "" : "expected a whole number >= 0";
    case QueueLogFieldType::kMs:
      return number && n >= -1 ? "" : "expected a whole number >= -1";
    case QueueLogFieldType::kInt:
      return number ? "" : "expected a whole number";
    case QueueLogFieldType::kFlag:
      return text == "0" || text == "1" ? "" : "expected 0 or 1";
    case QueueLogFieldType::kDisposition:
      return IsEnumName<Disposition>(text) ? "" : "expected a disposition";
    case QueueLogFieldType::kCancelReason:
      return IsEnumName<CancelReason>(text) ? "" : "expected a cancel reason";
    case QueueLogFieldType::kAgentState:
      return IsEnumName<AgentState>(text) ? "" : "expected an agent state";
    case QueueLogFieldType::kReason:
      // A built-in name, or one a center may declare (the log does not say which).
      return IsEnumName<NotReadyReason>(text) || CheckLabels({{text}, {}}).empty()
                 ? ""
                 : "expected a not-ready reason";
    case QueueLogFieldType::kPath:
      return IsEnumName<OverflowKind>(text) ? "" : "expected an overflow kind";
    case QueueLogFieldType::kText:
      return "";
  }
  return "unknown field type";
}

absl::Status FieldError(size_t index, std::string_view name, std::string_view why,
                        std::string_view got) {
  return absl::InvalidArgumentError(absl::StrCat("field ", index + 1, " (", std::string(name),
                                                 "): ", std::string(why), ", got '",
                                                 std::string(got), "'"));
}

// The fixed fields before the event's data.
absl::Status ParseHead(const std::vector<std::string_view>& f, QueueLogRecord* r) {
  if (!absl::SimpleAtoi(AbslView(f[0]), &r->time_ms)) {
    return FieldError(0, kFixedNames[0], "expected milliseconds since the epoch", f[0]);
  }
  if (const std::string iso = FormatQueueLogTime(r->time_ms); f[1] != iso) {
    return FieldError(1, kFixedNames[1], absl::StrCat("expected ", iso, " (time_ms in UTC)"),
                      f[1]);
  }
  if (f[2] != kQueueLogNone && (!absl::SimpleAtoi(AbslView(f[2]), &r->call) || r->call == 0 ||
                                f[2].starts_with("+"))) {
    return FieldError(2, kFixedNames[2], "expected a call id > 0 or NONE", f[2]);
  }
  for (size_t i : {3, 4}) {
    std::string* out = i == 3 ? &r->queue : &r->agent;
    if (f[i] == kQueueLogNone) continue;
    absl::StatusOr<std::string> text = UnescapeQueueLogText(f[i]);
    if (!text.ok()) {
      return FieldError(i, kFixedNames[i], std::string(text.status().message()), f[i]);
    }
    if (text->empty()) return FieldError(i, kFixedNames[i], "expected a name or NONE", f[i]);
    *out = *std::move(text);
  }
  if (!ParseQueueLogEvent(f[5], &r->event)) {
    return FieldError(5, kFixedNames[5], "unknown event", f[5]);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<QueueLogRecord> ParseQueueLogLine(std::string_view line) {
  const std::vector<std::string_view> f = SplitFields(line);
  if (f.size() < kFixedFields) {
    return absl::InvalidArgumentError(absl::StrCat(
        "field ", f.size() + 1, " (", std::string(kFixedNames[f.size()]),
        "): missing; a line has at least 6 fields separated by '|', got ", f.size()));
  }
  QueueLogRecord r;
  if (absl::Status s = ParseHead(f, &r); !s.ok()) return s;
  const std::span<const QueueLogField> spec = QueueLogFields(r.event);
  if (f.size() != kFixedFields + spec.size()) {
    std::vector<std::string> names;
    for (const QueueLogField& field : spec) names.push_back(std::string(field.name));
    const size_t index = std::min(f.size(), kFixedFields + spec.size());
    return absl::InvalidArgumentError(absl::StrCat(
        "field ", index + 1, ": ", std::string(f[5]), " takes ", spec.size(),
        " data field(s) (", absl::StrJoin(names, ", "), "), got ", f.size() - kFixedFields));
  }
  for (size_t i = 0; i < spec.size(); ++i) {
    const size_t index = kFixedFields + i;
    absl::StatusOr<std::string> text = UnescapeQueueLogText(f[index]);
    if (!text.ok()) {
      return FieldError(index, spec[i].name, std::string(text.status().message()), f[index]);
    }
    if (std::string why = CheckValue(spec[i].type, *text); !why.empty()) {
      return FieldError(index, spec[i].name, why, f[index]);
    }
    r.data.push_back(*std::move(text));
  }
  if (r.event == QueueLogEvent::kLogStart && r.Number("version") != kQueueLogVersion) {
    return FieldError(kFixedFields, "version",
                      absl::StrCat("this reader knows version ", kQueueLogVersion), f[6]);
  }
  return r;
}

absl::StatusOr<std::vector<QueueLogRecord>> ReadQueueLog(std::istream& in) {
  std::vector<QueueLogRecord> records;
  std::vector<std::string> errors;
  int bad_lines = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    absl::StatusOr<QueueLogRecord> record = ParseQueueLogLine(line);
    if (record.ok()) {
      records.push_back(*std::move(record));
      continue;
    }
    if (++bad_lines <= kMaxReportedLines) {
      errors.push_back(absl::StrCat("line ", number, ": ", record.status().message()));
    }
  }
  if (in.bad()) return absl::DataLossError("the queue log could not be read to its end");
  if (bad_lines == 0) return records;
  if (bad_lines > kMaxReportedLines) {
    errors.push_back(absl::StrCat("... ", bad_lines - kMaxReportedLines, " more"));
  }
  return absl::InvalidArgumentError(absl::StrCat(bad_lines, " malformed line(s) in the queue log\n",
                                                 absl::StrJoin(errors, "\n")));
}

}  // namespace acd
