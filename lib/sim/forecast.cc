// ParseForecastCsv / ReadForecastCsv: the forecast CSV (format in
// include/acd/forecast.h).
#include "acd/forecast.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/labels.h"
#include "acd/sim.h"
#include "sim/csv.h"

namespace acd {
namespace {

constexpr TimeMs kMsPerDay = 24 * kMsPerHour;

// Where each column of the header is.
struct Columns {
  size_t start = 0;
  size_t calls = 0;
  std::optional<size_t> aht;
  std::vector<size_t> mix;  // in mix_names order
};

absl::Status ReadHeader(const sim::CsvRow& header, std::string_view file, Columns* columns,
                        Forecast* forecast) {
  std::optional<size_t> start, calls;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(header.fields[i]);
    auto error = [&](const std::string& why) {
      return sim::CsvError(file, header.line, i + 1, "header", why);
    };
    if (std::find(header.fields.begin(), header.fields.begin() + static_cast<long>(i),
                  header.fields[i]) != header.fields.begin() + static_cast<long>(i)) {
      return error(absl::StrCat("column '", header.fields[i], "' appears twice"));
    }
    if (name == "interval_start") {
      start = i;
    } else if (name == "calls") {
      calls = i;
    } else if (name == "aht_s") {
      columns->aht = i;
    } else if (absl::StartsWith(name, "queue:") || absl::StartsWith(name, "intent:")) {
      const std::string value = name.substr(name.find(':') + 1);
      if (value.empty()) return error(absl::StrCat("column '", header.fields[i], "' has no name"));
      if (absl::StartsWith(name, "intent:") && !IsLabelName(value)) {
        return error(absl::StrCat("intent '", value,
                                  "' is not an intent's name (lower-case letters, digits and _, "
                                  "starting with a letter: a built-in intent such as buy or "
                                  "support, or one the center's labels declare)"));
      }
      columns->mix.push_back(i);
      forecast->mix_columns.push_back(static_cast<int>(i + 1));
      forecast->mix_names.push_back(absl::StartsWith(name, "queue:")
                                        ? absl::StrCat("queue:", header.fields[i].substr(6))
                                        : name);
    } else {
      return error(absl::StrCat("unknown column '", header.fields[i],
                                "' (expected interval_start, calls, aht_s, queue:<name>, "
                                "intent:<name>)"));
    }
  }
  if (!start || !calls) {
    return sim::CsvError(file, header.line, header.fields.size() + 1, "header",
                         absl::StrCat("missing column '", start ? "calls" : "interval_start", "'"));
  }
  columns->start = *start;
  columns->calls = *calls;
  return absl::OkStatus();
}

// Parses "HH:MM" or "YYYY-MM-DD HH:MM"; *dated tells which form it was.
bool ParseStart(const std::string& text, bool* dated, int64_t* day, TimeMs* clock_ms) {
  const size_t space = text.find_first_of(" T");
  if (space == std::string::npos) {
    *dated = false;
    *day = 0;
    return sim::ParseClockMs(text, 23, clock_ms);
  }
  *dated = true;
  std::string_view clock = std::string_view(text).substr(space + 1);
  while (!clock.empty() && clock.front() == ' ') clock.remove_prefix(1);
  return sim::ParseDate(std::string_view(text).substr(0, space), day) &&
         sim::ParseClockMs(clock, 23, clock_ms);
}

// Parses one data row into *out; first_day is set by the first row.
absl::Status ReadRow(const sim::CsvRow& row, const Columns& columns, size_t width,
                     std::string_view file, std::optional<bool>* dated_form,
                     std::optional<int64_t>* first_day, ForecastInterval* out) {
  auto error = [&](size_t column, std::string_view field, const std::string& why) {
    return sim::CsvError(file, row.line, column + 1, field, why);
  };
  if (row.fields.size() > width) {
    return error(width, "row",
                 absl::StrCat("has ", row.fields.size(), " fields, the header ", width));
  }
  if (row.fields.size() < width) {
    return error(row.fields.size(), "row",
                 absl::StrCat("has ", row.fields.size(), " fields, the header ", width));
  }
  const std::string& start = row.fields[columns.start];
  bool dated = false;
  int64_t day = 0;
  TimeMs clock_ms = 0;
  if (!ParseStart(start, &dated, &day, &clock_ms)) {
    return error(columns.start, "interval_start",
                 absl::StrCat("expected HH:MM or YYYY-MM-DD HH:MM, got '", start, "'"));
  }
  if (dated_form->has_value() && **dated_form != dated) {
    return error(columns.start, "interval_start",
                 absl::StrCat("expected the ", **dated_form ? "YYYY-MM-DD HH:MM" : "HH:MM",
                              " form of the first row, got '", start, "'"));
  }
  *dated_form = dated;
  if (!first_day->has_value()) *first_day = day;
  if (day < **first_day) {
    return error(columns.start, "interval_start",
                 absl::StrCat("before the first row's date, got '", start, "'"));
  }
  out->start_ms = (day - **first_day) * kMsPerDay + clock_ms;
  out->line = row.line;
  const std::string& calls = row.fields[columns.calls];
  if (!sim::ParseNumber(calls, &out->calls) || out->calls < 0) {
    return error(columns.calls, "calls", absl::StrCat("expected a number >= 0, got '", calls, "'"));
  }
  if (columns.aht && !row.fields[*columns.aht].empty()) {
    double aht_s = 0;
    const std::string& text = row.fields[*columns.aht];
    if (!sim::ParseNumber(text, &aht_s) || aht_s <= 0) {
      return error(*columns.aht, "aht_s",
                   absl::StrCat("expected a number of seconds > 0, got '", text, "'"));
    }
    out->aht_s = aht_s;
  }
  double mix_sum = 0;
  for (size_t m : columns.mix) {
    double share = 0;
    if (!sim::ParseNumber(row.fields[m], &share) || share < 0) {
      return error(m, "mix", absl::StrCat("expected a share >= 0, got '", row.fields[m], "'"));
    }
    out->mix.push_back(share);
    mix_sum += share;
  }
  if (!columns.mix.empty() && mix_sum <= 0 && out->calls > 0) {
    return error(columns.mix.front(), "mix", "every share is 0 but calls are expected");
  }
  return absl::OkStatus();
}

// Fixes the interval length and checks order and alignment.
absl::Status CheckIntervals(std::string_view file, size_t start_column, Forecast* forecast) {
  const auto& rows = forecast->intervals;
  TimeMs step_min_ms = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const TimeMs step_ms = rows[i].start_ms - rows[i - 1].start_ms;
    if (step_ms <= 0) {
      return sim::CsvError(
          file, rows[i].line, start_column + 1, "interval_start",
          absl::StrCat("rows must ascend: ", FormatClock(rows[i].start_ms),
                       " is not after the previous row's ", FormatClock(rows[i - 1].start_ms)));
    }
    if (step_min_ms == 0 || step_ms < step_min_ms) step_min_ms = step_ms;
  }
  if (step_min_ms != 0 && step_min_ms != 15 * kMsPerMinute && step_min_ms != 30 * kMsPerMinute) {
    const ForecastInterval& at = *std::find_if(rows.begin() + 1, rows.end(), [&](const auto& r) {
      return r.start_ms - (&r - 1)->start_ms == step_min_ms;
    });
    return sim::CsvError(file, at.line, start_column + 1, "interval_start",
                         absl::StrCat("the smallest step between rows must be 15 or 30 minutes, "
                                      "got ",
                                      FormatDuration(step_min_ms)));
  }
  forecast->interval_ms = step_min_ms == 0 ? 15 * kMsPerMinute : step_min_ms;
  for (const ForecastInterval& row : rows) {
    if (row.start_ms % forecast->interval_ms != 0) {
      return sim::CsvError(file, row.line, start_column + 1, "interval_start",
                           absl::StrCat(FormatClock(row.start_ms), " is not on the ",
                                        forecast->interval_ms / kMsPerMinute,
                                        "-minute grid of the file's intervals"));
    }
  }
  forecast->days = rows.empty() ? 1 : static_cast<int>(rows.back().start_ms / kMsPerDay) + 1;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Forecast> ParseForecastCsv(std::string_view text, std::string_view file_name) {
  absl::StatusOr<std::vector<sim::CsvRow>> rows = sim::SplitCsv(text, file_name);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return sim::CsvError(file_name, 1, 1, "header",
                         "the file is empty (expected a header: interval_start,calls)");
  }
  Forecast forecast;
  forecast.header_line = rows->front().line;
  Columns columns;
  if (absl::Status s = ReadHeader(rows->front(), file_name, &columns, &forecast); !s.ok()) {
    return s;
  }
  if (rows->size() == 1) {
    return sim::CsvError(file_name, rows->front().line, 1, "rows", "no interval after the header");
  }
  std::optional<bool> dated_form;
  std::optional<int64_t> first_day;
  const size_t width = rows->front().fields.size();
  for (size_t r = 1; r < rows->size(); ++r) {
    ForecastInterval interval;
    absl::Status s =
        ReadRow((*rows)[r], columns, width, file_name, &dated_form, &first_day, &interval);
    if (!s.ok()) return s;
    forecast.intervals.push_back(std::move(interval));
  }
  if (absl::Status s = CheckIntervals(file_name, columns.start, &forecast); !s.ok()) return s;
  if (dated_form.value_or(false)) forecast.first_date = absl::CivilDay(1970, 1, 1) + *first_day;
  return forecast;
}

absl::StatusOr<Forecast> ReadForecastCsv(const std::string& path, Env& env) {
  absl::StatusOr<std::string> text = sim::ReadTextFile(path, kMaxForecastFileBytes, env);
  if (!text.ok()) return text.status();
  return ParseForecastCsv(*text, sim::BaseName(path));
}

}  // namespace acd
