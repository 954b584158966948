// The center's time zone and business hours: weekdays, times of day
// ("HH:MM") and dates ("YYYY-MM-DD") as center files write them.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "config/converter.h"
#include "config/rule_names.h"

namespace acd::config_internal {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr uint8_t kEveryDay = 0x7f;

// Digits only (no sign, no spaces), at most `max_digits` of them.
bool ParseDigits(absl::string_view text, size_t min_digits, size_t max_digits,
                 int* out) {
  if (text.size() < min_digits || text.size() > max_digits) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(text, out);
}

// "H:MM" or "HH:MM", 00:00..24:00, as minutes after midnight.
bool ParseTimeOfDay(absl::string_view text, int* minute) {
  const size_t colon = text.find(':');
  if (colon == absl::string_view::npos) return false;
  int hours = 0;
  int minutes = 0;
  if (!ParseDigits(text.substr(0, colon), 1, 2, &hours) ||
      !ParseDigits(text.substr(colon + 1), 2, 2, &minutes)) {
    return false;
  }
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return false;
  *minute = hours * 60 + minutes;
  return true;
}

// "YYYY-MM-DD": the numbers only; whether the date exists is
// acd::ValidateCenter's to say.
bool ParseDate(absl::string_view text, Holiday* out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  return ParseDigits(text.substr(0, 4), 4, 4, &out->year) &&
         ParseDigits(text.substr(5, 2), 2, 2, &out->month) &&
         ParseDigits(text.substr(8, 2), 2, 2, &out->day);
}

}  // namespace

void Converter::TimeZone(BusinessCalendar* out) {
  if (proto_.time_zone().empty()) return;  // the default: UTC
  out->time_zone_name = proto_.time_zone();
  if (!absl::LoadTimeZone(proto_.time_zone(), &out->time_zone)) {
    errors_->Add("time_zone", absl::StrCat("unknown time zone \"",
                                           proto_.time_zone(), "\""));
  }
}

void Converter::Calendar(const v1::Calendar& in, BusinessCalendar* out) {
  out->open = Windows(in.open(), "calendar.open", /*weekdays_used=*/true);
  for (int i = 0; i < in.holidays_size(); ++i) {
    out->holidays.push_back(
        HolidayOf(in.holidays(i), IndexPath("calendar.holidays", i)));
  }
}

std::vector<TimeWindow> Converter::Windows(
    const google::protobuf::RepeatedPtrField<v1::TimeWindow>& in,
    const std::string& path, bool weekdays_used) {
  std::vector<TimeWindow> out;
  for (int i = 0; i < in.size(); ++i) {
    out.push_back(Window(in.Get(i), IndexPath(path, i), weekdays_used));
  }
  return out;
}

TimeWindow Converter::Window(const v1::TimeWindow& in, const std::string& path,
                             bool weekdays_used) {
  TimeWindow window;
  if (!weekdays_used && in.days_size() > 0) {
    errors_->Add(JoinPath(path, "days"),
                 "not used in a holiday's hours (the date gives the day)");
  }
  if (weekdays_used && in.days_size() > 0) window.weekdays = 0;
  for (int i = 0; i < in.days_size() && weekdays_used; ++i) {
    const std::string day_path = IndexPath(JoinPath(path, "days"), i);
    const std::string& text = in.days(i);
    const size_t dash = text.find('-');
    const std::string first = text.substr(0, dash);
    const std::string last = dash == std::string::npos ? first
                                                       : text.substr(dash + 1);
    const int from = ParseName(first, WeekdayNames(), "weekday", day_path,
                               errors_);
    const int to = from < 0 ? -1 : ParseName(last, WeekdayNames(), "weekday",
                                             day_path, errors_);
    if (from < 0 || to < 0) {
      window.weekdays = kEveryDay;  // quiets later checks; the error is out
      continue;
    }
    // A range may wrap around the week: "fri-mon".
    for (int d = from;; d = (d + 1) % 7) {
      window.weekdays |= static_cast<uint8_t>(1u << d);
      if (d == to) break;
    }
  }
  const auto time_of_day = [&](const std::string& text, const char* field,
                               int* minute) {
    if (text.empty()) return;
    if (!ParseTimeOfDay(text, minute)) {
      errors_->Add(JoinPath(path, field),
                   absl::StrCat("expected a time of day \"HH:MM\" between "
                                "00:00 and 24:00, got \"",
                                text, "\""));
    }
  };
  time_of_day(in.from(), "from", &window.from_minute);
  time_of_day(in.to(), "to", &window.to_minute);
  return window;
}

Holiday Converter::HolidayOf(const v1::Holiday& in, const std::string& path) {
  Holiday holiday;
  if (!ParseDate(in.date(), &holiday)) {
    errors_->Add(JoinPath(path, "date"),
                 in.date().empty()
                     ? std::string("missing date: expected \"YYYY-MM-DD\"")
                     : absl::StrCat("expected a date \"YYYY-MM-DD\", got \"",
                                    in.date(), "\""));
    holiday = Holiday{2000, 1, 1, {}};  // a real date: no second complaint
  }
  holiday.open = Windows(in.open(), JoinPath(path, "open"),
                         /*weekdays_used=*/false);
  return holiday;
}

}  // namespace acd::config_internal
