// Small CSV reader for the planner's input files (forecast, schedule):
// comma-separated fields, optional double quotes ("" for a quote inside),
// '#' comments outside quotes, blank lines skipped. Every row keeps its line
// number so errors can point at "file:line:column" (the column is the
// 1-based field number). Also parses the clock and date forms those files
// use. Thread-safety: free functions, no shared state.
#ifndef ACD_LIB_SIM_CSV_H_
#define ACD_LIB_SIM_CSV_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/env.h"
#include "acd/types.h"

namespace acd::sim {

struct CsvRow {
  int line = 0;                     // 1-based line in the file
  std::vector<std::string> fields;  // trimmed unless quoted
};

// Splits text into rows; InvalidArgument "file:line:column: reason" for an
// unterminated quote or text after a closing quote.
absl::StatusOr<std::vector<CsvRow>> SplitCsv(std::string_view text, std::string_view file_name);

// "file:line:column: field: reason" as an InvalidArgument status.
absl::Status CsvError(std::string_view file_name, int line, size_t column, std::string_view field,
                      std::string_view reason);

// The header's columns: finds `name` (exact, case-insensitive); nullopt when
// absent.
std::optional<size_t> FindColumn(const CsvRow& header, std::string_view name);

// Reads a whole file through `env`; NotFound when it does not exist (the
// message names the path and the OS reason, acd/env.h), InvalidArgument when
// it is larger than max_bytes.
absl::StatusOr<std::string> ReadTextFile(const std::string& path, size_t max_bytes, Env& env);

// The final path component, for messages: "/a/b/forecast.csv" -> "forecast.csv".
std::string BaseName(const std::string& path);

// A finite number; false for anything else (text, inf, nan, empty).
bool ParseNumber(std::string_view text, double* out);

// "HH:MM" or "HH:MM:SS" (H may be one digit); hours 0..max_hour, and when
// max_hour is 24 only 24:00 itself. Milliseconds since midnight.
bool ParseClockMs(std::string_view text, int max_hour, TimeMs* out);

// "YYYY-MM-DD" -> days since 1970-01-01 (proleptic Gregorian); false when
// the date does not exist.
bool ParseDate(std::string_view text, int64_t* days);

}  // namespace acd::sim

#endif  // ACD_LIB_SIM_CSV_H_
