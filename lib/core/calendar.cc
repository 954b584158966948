// BusinessCalendar: is the center open at an engine time, and when does
// that change. Pure functions of the time and the loaded time zone.
#include <algorithm>

#include "absl/time/civil_time.h"
#include "acd/rules.h"

namespace acd {
namespace {

constexpr TimeMs kMsPerMinute = 60'000;
constexpr int kSearchDays = 14;

bool InWindows(const std::vector<TimeWindow>& windows, int weekday, int minute,
               bool use_weekdays) {
  for (const TimeWindow& w : windows) {
    if (use_weekdays && ((w.weekdays >> weekday) & 1) == 0) continue;
    if (minute >= w.from_minute && minute < w.to_minute) return true;
  }
  return false;
}

int WeekdayIndex(absl::Weekday day) {
  switch (day) {
    case absl::Weekday::monday: return 0;
    case absl::Weekday::tuesday: return 1;
    case absl::Weekday::wednesday: return 2;
    case absl::Weekday::thursday: return 3;
    case absl::Weekday::friday: return 4;
    case absl::Weekday::saturday: return 5;
    case absl::Weekday::sunday: return 6;
  }
  return 0;
}

}  // namespace

void BusinessCalendar::LocalMinute(TimeMs time_ms, int* weekday, int* minute) const {
  const absl::CivilMinute local =
      absl::ToCivilMinute(absl::FromUnixMillis(time_ms), time_zone);
  *weekday = WeekdayIndex(absl::GetWeekday(local));
  *minute = local.hour() * 60 + local.minute();
}

bool BusinessCalendar::IsOpen(TimeMs time_ms) const {
  if (always_open()) return true;
  const absl::CivilMinute local =
      absl::ToCivilMinute(absl::FromUnixMillis(time_ms), time_zone);
  const int minute = local.hour() * 60 + local.minute();
  for (const Holiday& h : holidays) {
    if (h.year == local.year() && h.month == local.month() && h.day == local.day()) {
      return InWindows(h.open, 0, minute, /*use_weekdays=*/false);
    }
  }
  if (open.empty()) return true;  // only holidays close it
  return InWindows(open, WeekdayIndex(absl::GetWeekday(local)), minute, true);
}

TimeMs BusinessCalendar::NextChangeMs(TimeMs time_ms) const {
  const TimeMs limit_ms = time_ms + kSearchDays * 24 * 60 * kMsPerMinute;
  if (always_open()) return limit_ms;
  const bool now_open = IsOpen(time_ms);
  // Windows start and end on whole local minutes: step minute by minute
  // from the next minute boundary (at most 14 days: 20,160 steps).
  TimeMs t = (time_ms / kMsPerMinute + 1) * kMsPerMinute;
  if (time_ms < 0 && time_ms % kMsPerMinute != 0) t -= kMsPerMinute;
  for (; t <= limit_ms; t += kMsPerMinute) {
    if (IsOpen(t) != now_open) return t;
  }
  return limit_ms;
}

}  // namespace acd
