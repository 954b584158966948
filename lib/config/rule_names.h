// The names center files use for the rule enums of acd/rules.h, and the
// parsing of a name into its value with an error naming the field.
#ifndef ACD_LIB_CONFIG_RULE_NAMES_H_
#define ACD_LIB_CONFIG_RULE_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "acd/rules.h"
#include "acd/types.h"
#include "config/errors.h"

namespace acd::config_internal {

// Each list is indexed by the enum's value.
const std::vector<std::string>& RuleConditionNames();  // "always", ...
const std::vector<std::string>& RuleActionNames();     // "route", ...
const std::vector<std::string>& EmptyConditionNames(); // "never", ...
// Bit i is EmptyFactor 1 << i.
const std::vector<std::string>& EmptyFactorNames();    // "penalty", ...
const std::vector<std::string>& TriNames();            // "any", "yes", "no"
const std::vector<std::string>& WeekdayNames();        // "mon" ... "sun"
const std::vector<std::string>& OverflowKindNames();   // "none", "queue", ...
const std::vector<std::string>& StrategyNames();       // "longest_idle", ...
const std::vector<std::string>& MediaNames();          // "voice", "chat", ...

std::string_view NameOf(RuleCondition condition);
std::string_view NameOf(RuleActionKind action);

// Finds `text` in `names`: its index, or -1 after adding the error
// `unknown <what> "<text>"` with a hint at `path`.
int ParseName(const std::string& text, const std::vector<std::string>& names,
              std::string_view what, const std::string& path,
              ErrorList* errors);

// ParseName for an enum whose values index `names`; `out` is left as it
// was when the name is unknown. Returns whether it was found.
template <typename Enum>
bool ParseEnum(const std::string& text, const std::vector<std::string>& names,
               std::string_view what, const std::string& path,
               ErrorList* errors, Enum* out) {
  const int index = ParseName(text, names, what, path, errors);
  if (index < 0) return false;
  *out = static_cast<Enum>(index);
  return true;
}

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_RULE_NAMES_H_
