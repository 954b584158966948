// Entry-rule matching: which of a center's entry rules (the receptionist's
// filtering, acd/rules.h) a caller meets. The engine classifies every call
// with it (CallClassify), and planning uses it to tell where a kind of
// caller is expected to go, so the two cannot drift apart.
//
// Thread-safety: pure functions of their arguments.
// Invariants: every non-empty part of an EntryMatch must match (AND);
// within a list any element may (OR); a pattern ending in '*' matches by
// prefix, any other pattern must be equal; an empty list matches anything.
#ifndef ACD_ENTRY_MATCH_H_
#define ACD_ENTRY_MATCH_H_

#include <optional>
#include <string>
#include <vector>

#include "acd/event.h"
#include "acd/rules.h"

namespace acd {

// The center's clock as the rules see it when a call is classified.
struct EntryClock {
  bool open = true;  // the business calendar says open
  // Local weekday (0 = Monday) and minute of the day; nullopt: any time,
  // so that rules restricted to hours match (planning's "during hours").
  std::optional<int> weekday;
  int minute = 0;
};

// A pattern ("0800123*", "1") against a value.
bool EntryPatternMatches(const std::string& pattern, const std::string& value);

// The caller `a` at `clock` meets `match`.
bool EntryMatches(const EntryMatch& match, const CallAttributes& a, const EntryClock& clock);

// The index of the first of `rules` the caller meets, or -1.
int FirstMatchingEntryRule(const std::vector<EntryRule>& rules, const CallAttributes& a,
                           const EntryClock& clock);

}  // namespace acd

#endif  // ACD_ENTRY_MATCH_H_
