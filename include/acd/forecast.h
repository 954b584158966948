// A call forecast: expected calls per 15- or 30-minute interval, read from a
// CSV file, for the simulator and the staffing solver.
//
// Format: '#' starts a comment (to the end of the line); blank lines are
// skipped. The first other line is the header; its columns, in any order:
//   interval_start  required: "HH:MM" for one day, or "YYYY-MM-DD HH:MM" for
//                   several days (all rows one form); start_ms counts whole
//                   days from the first row's date
//   calls           required: expected calls arriving in the interval, >= 0
//   aht_s           optional: expected average handle time, seconds, > 0;
//                   an empty cell leaves it unset for that interval
//   queue:<name>    optional mix columns: the share of the interval's calls
//   intent:<name>   going to a queue, or with an intent (buy, support,
//                   existing_order, sell_to_us, other); shares >= 0 and
//                   relative (they need not sum to 1)
// Fields are separated by commas; a field may be double-quoted ("" inside
// stands for one quote).
//
// Intervals: the interval length is the smallest step between consecutive
// rows and must be 15 or 30 minutes (a file of one row: 15 minutes; an
// hourly forecast must be split into 30-minute rows). Every start is a
// multiple of it within the day and rows ascend strictly.
// Gaps are allowed and mean no calls are expected then (e.g. the night
// between two days, or a closed lunch hour).
//
// Errors name the file, the line and the column (the 1-based field number,
// as a spreadsheet counts columns) and the reason, e.g.
//   forecast.csv:7:2: calls: expected a number >= 0, got 'ten'
// Thread-safety: the functions share no state.
#ifndef ACD_FORECAST_H_
#define ACD_FORECAST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "acd/env.h"
#include "acd/types.h"

namespace acd {

// Largest forecast file ReadForecastCsv reads.
inline constexpr size_t kMaxForecastFileBytes = 64u << 20;

struct ForecastInterval {
  TimeMs start_ms = 0;          // since day 0, 00:00
  double calls = 0;             // expected arrivals in the interval
  std::optional<double> aht_s;  // expected average handle time
  // One share per Forecast::mix_names; empty when the file has no mix.
  std::vector<double> mix;
  int line = 0;  // the row's line in the file, for later messages
};

struct Forecast {
  TimeMs interval_ms = 15 * 60'000;  // 15 or 30 minutes
  // The mix columns' headers as written, e.g. "queue:sales", "intent:buy".
  std::vector<std::string> mix_names;
  std::vector<int> mix_columns;  // their 1-based columns, for messages
  int header_line = 1;
  std::vector<ForecastInterval> intervals;  // ascending start_ms, no repeats
  int days = 1;                             // days covered: last row's day + 1
  // The first row's date when the rows are dated ("YYYY-MM-DD HH:MM"):
  // day d of the forecast is first_date + d on the center's calendar.
  std::optional<absl::CivilDay> first_date;

  // Rate of one interval in calls per hour.
  double CallsPerHour(size_t i) const {
    return intervals[i].calls * 3'600'000.0 / static_cast<double>(interval_ms);
  }
  // End of the last interval; 0 when there is none.
  TimeMs end_ms() const { return intervals.empty() ? 0 : intervals.back().start_ms + interval_ms; }
};

// Parses forecast text; `file_name` only names the file in errors.
// InvalidArgument "file:line:column: field: reason" on the first error.
absl::StatusOr<Forecast> ParseForecastCsv(std::string_view text, std::string_view file_name);

// Reads (through `env`) and parses a file. NotFound when it does not exist;
// read errors name the path and the OS reason (acd/env.h).
absl::StatusOr<Forecast> ReadForecastCsv(const std::string& path, Env& env = Env::Default());

}  // namespace acd

#endif  // ACD_FORECAST_H_
