// The simulator's virtual clock on the center's calendar: virtual time 0 is
// local midnight of SimOptions::date in the center's time zone.
#include <algorithm>

#include "absl/time/time.h"
#include "acd/sim.h"

namespace acd {
namespace {

// Whether the engine's decisions can depend on the time of day or the date:
// a business calendar with hours or holidays, or entry rules with hours.
bool UsesClock(const CenterConfig& center) {
  if (!center.calendar.always_open()) return true;
  return std::any_of(center.entry_rules.begin(), center.entry_rules.end(),
                     [](const EntryRule& rule) { return !rule.match.hours.empty(); });
}

}  // namespace

TimeMs EngineEpochMs(const CenterConfig& center, absl::CivilDay date) {
  // A center that never looks at the clock sees the same decisions at any
  // date; leaving its clock at 0 spares converting every command's time.
  if (!UsesClock(center)) return 0;
  const absl::Time midnight =
      absl::FromCivil(absl::CivilSecond(date), center.calendar.time_zone);
  return absl::ToUnixMillis(midnight);
}

}  // namespace acd
