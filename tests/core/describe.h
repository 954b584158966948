// One-line, human-readable renderings of events and commands, so that a
// failing fuzz seed can print exactly what happened. Pure functions.
#ifndef ACD_TESTS_CORE_DESCRIBE_H_
#define ACD_TESTS_CORE_DESCRIBE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "acd/command.h"
#include "acd/event.h"

namespace acd::testing {

// std::string_view to absl::string_view (distinct types in Debian's Abseil),
// so names can go into absl::StrCat.
inline absl::string_view Sv(std::string_view s) { return {s.data(), s.size()}; }
// The name of an enum value (ToString of include/acd/types.h), for StrCat.
template <typename Enum>
absl::string_view Name(Enum value) {
  return Sv(ToString(value));
}

using ::acd::DescribeEvent;  // include/acd/event.h
std::string DescribeCommand(const Command& command);

// Field-by-field equality of two commands (the structs have no operator==).
bool SameCommand(const Command& a, const Command& b);
bool SameCommands(const std::vector<Command>& a, const std::vector<Command>& b);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_DESCRIBE_H_
