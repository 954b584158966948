// Command-line reading shared by `acd sim`'s modes: "--flag=value" or
// "--flag value", and "HH:MM" clock values.
// Thread-safety: a FlagReader is a plain value over argv; one owner.
#ifndef ACD_TOOLS_ACD_FLAG_READER_H_
#define ACD_TOOLS_ACD_FLAG_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "acd/types.h"

namespace acd::tools {

// Splits "--flag=value"; a flag without '=' takes the next argument.
class FlagReader {
 public:
  FlagReader(int argc, char** argv) : argc_(argc), argv_(argv) {}
  bool Done() const { return i_ >= argc_; }
  std::string NextArg() {
    std::string arg = argv_[i_++];
    inline_value_.reset();
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      inline_value_ = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    return arg;
  }
  bool has_inline_value() const { return inline_value_.has_value(); }
  // The flag's value, or nullopt when it is missing.
  std::optional<std::string> Value() {
    if (inline_value_) return inline_value_;
    if (i_ >= argc_) return std::nullopt;
    return std::string(argv_[i_++]);
  }

 private:
  int argc_;
  char** argv_;
  int i_ = 1;
  std::optional<std::string> inline_value_;
};

// True when any argument after argv[0] is --help or -h: the command then
// prints its help whatever else was given (even after a flag that takes a
// value, "--forecast --help").
inline bool WantsHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

// "HH:MM" (or "HH:MM:SS") within one day, 24:00 allowed as the end.
bool ParseClock(std::string_view text, TimeMs* out);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_FLAG_READER_H_
