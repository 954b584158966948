// Value parsers for command-line flags (see flag_values.h).
#include "tools/acd/flag_values.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace acd::tools {

std::string FlagValueError(const std::string& flag, const std::string& why,
                           const std::string& value) {
  return absl::StrCat(flag, ": ", why, ", got '", value, "'");
}

std::string ParseNumberFlag(const std::string& flag, const std::string& value, NumberRange range,
                            double* out) {
  double v = 0;
  const bool ok = absl::SimpleAtod(value, &v) && std::isfinite(v) &&
                  (range.low_open ? v > range.low : v >= range.low) &&
                  (range.high_open ? v < range.high : v <= range.high);
  if (ok) {
    *out = v;
    return "";
  }
  std::string why;
  if (std::isinf(range.high)) {
    why = absl::StrFormat("expected a number %s %g", range.low_open ? ">" : ">=", range.low);
  } else {
    why = absl::StrFormat("expected a number in %s%g, %g%s", range.low_open ? "(" : "[", range.low,
                          range.high, range.high_open ? ")" : "]");
  }
  return FlagValueError(flag, why, value);
}

std::string ParseWholeNumberFlag(const std::string& flag, const std::string& value, uint64_t low,
                                 uint64_t high, uint64_t* out) {
  uint64_t v = 0;
  const bool digits_only =
      !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  if (digits_only && absl::SimpleAtoi(value, &v) && v >= low && v <= high) {
    *out = v;
    return "";
  }
  return FlagValueError(flag, absl::StrCat("expected a whole number from ", low, " to ", high),
                        value);
}

std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  return absl::StrFormat("%.10g", value);
}

}  // namespace acd::tools
