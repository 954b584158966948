// CSV splitting and the clock/date forms of the planner's input files.
#include "sim/csv.h"

#include <charconv>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace acd::sim {
namespace {

std::string Trim(std::string_view text) {
  return std::string(absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size())));
}

// Splits one line into fields; sets *bad_column and *why on a malformed
// quote. Returns false when the line is blank or only a comment.
bool SplitLine(std::string_view line, std::vector<std::string>* fields, size_t* bad_column,
               std::string* why) {
  std::string field;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // the current field was quoted
  bool any = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == '#') break;
    if (c == ',') {
      fields->push_back(was_quoted ? field : Trim(field));
      field.clear();
      was_quoted = false;
      any = true;
      continue;
    }
    if (c == '"' && Trim(field).empty() && !was_quoted) {
      field.clear();
      quoted = was_quoted = true;
      continue;
    }
    if (was_quoted && c != ' ' && c != '\t' && c != '\r') {
      *bad_column = fields->size() + 1;
      *why = "text after a closing quote";
      return true;
    }
    if (!was_quoted) field += c;
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) any = true;
  }
  if (quoted) {
    *bad_column = fields->size() + 1;
    *why = "unterminated quote";
    return true;
  }
  if (!any && !was_quoted) return false;
  fields->push_back(was_quoted ? field : Trim(field));
  return true;
}

bool ParseInt(std::string_view text, int digits_min, int digits_max, int* out) {
  if (text.size() < static_cast<size_t>(digits_min) ||
      text.size() > static_cast<size_t>(digits_max)) {
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

absl::StatusOr<std::vector<CsvRow>> SplitCsv(std::string_view text, std::string_view file_name) {
  std::vector<CsvRow> rows;
  int line_number = 0;
  size_t pos = 0;
  // A UTF-8 byte-order mark (spreadsheets write one) is not part of the
  // first column's name.
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    CsvRow row;
    row.line = line_number;
    size_t bad_column = 0;
    std::string why;
    if (!SplitLine(line, &row.fields, &bad_column, &why)) continue;
    if (bad_column != 0) return CsvError(file_name, line_number, bad_column, "csv", why);
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::Status CsvError(std::string_view file_name, int line, size_t column, std::string_view field,
                      std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(std::string(file_name), ":", line, ":", column,
                                                 ": ", std::string(field), ": ",
                                                 std::string(reason)));
}

std::optional<size_t> FindColumn(const CsvRow& header, std::string_view name) {
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (absl::EqualsIgnoreCase(header.fields[i], absl::string_view(name.data(), name.size()))) {
      return i;
    }
  }
  return std::nullopt;
}

absl::StatusOr<std::string> ReadTextFile(const std::string& path, size_t max_bytes, Env& env) {
  return env.ReadFileToString(path, max_bytes);
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool ParseNumber(std::string_view text, double* out) {
  if (text.empty()) return false;
  double value = 0;
  if (!absl::SimpleAtod(absl::string_view(text.data(), text.size()), &value)) return false;
  if (!std::isfinite(value)) return false;
  *out = value;
  return true;
}

bool ParseClockMs(std::string_view text, int max_hour, TimeMs* out) {
  int parts[3] = {0, 0, 0};
  size_t start = 0;
  int n = 0;
  while (n < 3) {
    const size_t colon = text.find(':', start);
    const std::string_view part = text.substr(
        start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    if (!ParseInt(part, n == 0 ? 1 : 2, 2, &parts[n])) return false;
    ++n;
    if (colon == std::string_view::npos) break;
    start = colon + 1;
    if (n == 3) return false;
  }
  if (n < 2 || parts[1] > 59 || parts[2] > 59 || parts[0] > max_hour) return false;
  if (parts[0] == 24 && (parts[1] != 0 || parts[2] != 0)) return false;
  *out = parts[0] * 3'600'000LL + parts[1] * 60'000LL + parts[2] * 1'000LL;
  return true;
}

bool ParseDate(std::string_view text, int64_t* days) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (!ParseInt(text.substr(0, 4), 4, 4, &y) || !ParseInt(text.substr(5, 2), 2, 2, &m) ||
      !ParseInt(text.substr(8, 2), 2, 2, &d)) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
  // Days from civil (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
  const int yy = y - (m <= 2 ? 1 : 0);
  const int era = yy / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  return true;
}

}  // namespace acd::sim
