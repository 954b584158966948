// Entry-rule matching (acd/entry_match.h), shared by the engine and planning.
#include "acd/entry_match.h"

#include <algorithm>

namespace acd {
namespace {

// Empty list: anything matches.
bool AnyMatches(const std::vector<std::string>& patterns, const std::string& value) {
  if (patterns.empty()) return true;
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return EntryPatternMatches(p, value); });
}

bool TriMatches(Tri tri, bool value) { return tri == Tri::kAny || (tri == Tri::kYes) == value; }

bool InHours(const std::vector<TimeWindow>& hours, const EntryClock& clock) {
  if (hours.empty() || !clock.weekday) return true;
  return std::any_of(hours.begin(), hours.end(), [&](const TimeWindow& w) {
    return ((w.weekdays >> *clock.weekday) & 1) != 0 && clock.minute >= w.from_minute &&
           clock.minute < w.to_minute;
  });
}

}  // namespace

bool EntryPatternMatches(const std::string& pattern, const std::string& value) {
  if (!pattern.empty() && pattern.back() == '*') {
    return value.size() >= pattern.size() - 1 &&
           value.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return pattern == value;
}

bool EntryMatches(const EntryMatch& m, const CallAttributes& a, const EntryClock& clock) {
  if (!AnyMatches(m.dnis, a.dnis) || !AnyMatches(m.digits, a.digits) ||
      !AnyMatches(m.languages, a.language) ||
      !AnyMatches(m.marketing_sources, a.marketing_source)) {
    return false;
  }
  if (!m.intents.empty() &&
      std::find(m.intents.begin(), m.intents.end(), a.intent) == m.intents.end()) {
    return false;
  }
  return TriMatches(m.vip, a.vip) && TriMatches(m.returning, a.returning) &&
         TriMatches(m.internal, a.internal) && TriMatches(m.has_owner, a.owner_agent != 0) &&
         TriMatches(m.open, clock.open) && InHours(m.hours, clock);
}

int FirstMatchingEntryRule(const std::vector<EntryRule>& rules, const CallAttributes& a,
                           const EntryClock& clock) {
  for (size_t i = 0; i < rules.size(); ++i) {
    if (EntryMatches(rules[i].match, a, clock)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace acd
