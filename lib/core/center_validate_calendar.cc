// ValidateCenter, continued: the business calendar (weekly hours and
// holidays) and the time windows entry rules match on.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "acd/center.h"
#include "core/center_validate.h"

namespace acd::core {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

std::string Clock(int minute) {
  return absl::StrFormat("%02d:%02d", minute / 60, minute % 60);
}

void CheckWindow(const std::string& path, const TimeWindow& w, bool weekdays_used,
                 ValidationErrors& errors) {
  if (weekdays_used && (w.weekdays == 0 || w.weekdays > 0x7f)) {
    errors.Add(path, ".days: weekday bits ", static_cast<int>(w.weekdays),
               " name no day (bit 0 = Monday ... bit 6 = Sunday)");
  }
  const bool from_ok = w.from_minute >= 0 && w.from_minute <= kMinutesPerDay;
  const bool to_ok = w.to_minute >= 0 && w.to_minute <= kMinutesPerDay;
  if (!from_ok) errors.Add(path, ": from minute ", w.from_minute, " is outside 0..1440");
  if (!to_ok) errors.Add(path, ": to minute ", w.to_minute, " is outside 0..1440");
  if (from_ok && to_ok && w.from_minute >= w.to_minute) {
    errors.Add(path, ": from ", Clock(w.from_minute), " must be before to ", Clock(w.to_minute),
               " (hours over midnight are two windows)");
  }
}

}  // namespace

void CheckWindows(const std::string& path, const std::vector<TimeWindow>& windows,
                  bool weekdays_used, ValidationErrors& errors) {
  for (size_t i = 0; i < windows.size(); ++i) {
    CheckWindow(absl::StrCat(path, "[", i, "]"), windows[i], weekdays_used, errors);
  }
}

void CheckCalendar(const CenterConfig& c, ValidationErrors& errors) {
  CheckWindows("calendar.open", c.calendar.open, true, errors);
  std::set<absl::CivilDay> dates;
  for (size_t i = 0; i < c.calendar.holidays.size(); ++i) {
    const Holiday& h = c.calendar.holidays[i];
    const std::string path = absl::StrCat("calendar.holidays[", i, "]");
    const std::string text = absl::StrFormat("%04d-%02d-%02d", h.year, h.month, h.day);
    const absl::CivilDay day(h.year, h.month, h.day);  // normalises a bad date
    if (day.year() != h.year || day.month() != h.month || day.day() != h.day) {
      errors.Add(path, ".date: ", text, " does not exist");
    } else if (!dates.insert(day).second) {
      errors.Add(path, ".date: ", text, " is listed twice");
    }
    CheckWindows(path + ".open", h.open, false, errors);
  }
}

}  // namespace acd::core
