// Helpers the service's conversions share: an engine enum from the name
// acd::ToString gives it, and a StatusOr shorthand.
// Thread-safety: pure functions.
#ifndef ACD_LIB_SERVICE_ENUM_NAMES_H_
#define ACD_LIB_SERVICE_ENUM_NAMES_H_

#include <string_view>

#include "absl/strings/string_view.h"
#include "acd/types.h"

namespace acd::service {

// The value of E (its values 0..count-1) whose ToString is `name`.
template <typename E>
bool ParseEnumName(absl::string_view name, int count, E* out) {
  for (int i = 0; i < count; ++i) {
    if (ToString(static_cast<E>(i)) == std::string_view(name.data(), name.size())) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

}  // namespace acd::service

// Assigns the value of a StatusOr expression to lhs, or returns its error
// from the enclosing function.
#define ACD_ASSIGN_OR_RETURN(lhs, expr)                \
  do {                                                 \
    auto acd_value_ = (expr);                          \
    if (!acd_value_.ok()) return acd_value_.status();  \
    lhs = *std::move(acd_value_);                      \
  } while (0)

#endif  // ACD_LIB_SERVICE_ENUM_NAMES_H_
