// Value parsers for command-line flags, shared by `acd erlang` and
// `acd staff`. Each returns the error message, naming the flag and the
// reason (e.g. "--aht-s: expected a number > 0, got 'fast'"), or an empty
// string when the value parsed. Thread-safety: pure functions.
#ifndef ACD_TOOLS_ACD_FLAG_VALUES_H_
#define ACD_TOOLS_ACD_FLAG_VALUES_H_

#include <cstdint>
#include <string>

namespace acd::tools {

// "<flag>: <why>, got '<value>'".
std::string FlagValueError(const std::string& flag, const std::string& why,
                           const std::string& value);

// A finite number in [low, high], or (low, high] when low_open, or [low, high)
// when high_open; high may be infinity.
struct NumberRange {
  double low = 0;
  double high = 0;
  bool low_open = false;
  bool high_open = false;
};
std::string ParseNumberFlag(const std::string& flag, const std::string& value, NumberRange range,
                            double* out);

// A whole number in [low, high]: digits only (no sign, fraction or exponent).
std::string ParseWholeNumberFlag(const std::string& flag, const std::string& value, uint64_t low,
                                 uint64_t high, uint64_t* out);

// A number for JSON: "%.10g", or null when it is infinite or NaN.
std::string JsonNumber(double value);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_FLAG_VALUES_H_
