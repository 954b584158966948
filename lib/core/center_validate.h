// ValidateCenter's parts: center_validate.cc checks the roster, the queues'
// own fields and the loops; center_validate_calendar.cc the business
// calendar; center_validate_rules.cc the queues' rules and the entry rules. Each check adds one line per
// problem, "PATH: REASON", and never stops early.
#ifndef ACD_LIB_CORE_CENTER_VALIDATE_H_
#define ACD_LIB_CORE_CENTER_VALIDATE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/center.h"

namespace acd::core {

// The error lines of one validation. Not thread-safe.
class ValidationErrors {
 public:
  template <typename... Args>
  void Add(const Args&... args) {
    lines_.push_back(absl::StrCat(args...));
  }
  absl::Status ToStatus() const {
    if (lines_.empty()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrJoin(lines_, "\n"));
  }

 private:
  std::vector<std::string> lines_;
};

// The longest duration a center may give: a year. Longer ones are surely
// mistakes, and the engine adds durations to times without overflow.
inline constexpr TimeMs kMaxDurationMs = 365LL * 24 * 3'600'000;

// A duration at `path` ("queues[0].wrapup_ms"): >= 0 (or > 0 when
// `positive`) and at most kMaxDurationMs.
void CheckMs(const std::string& path, TimeMs value, bool positive, ValidationErrors& errors);

// An overflow action at `path`: a known kind, an existing target queue, a
// number for kind external.
void CheckAction(const CenterConfig& c, const std::string& path, const OverflowAction& a,
                 ValidationErrors& errors);

// center_validate_calendar.cc
void CheckCalendar(const CenterConfig& c, ValidationErrors& errors);
// Time windows at `path` (their weekday bits checked when weekdays_used).
void CheckWindows(const std::string& path, const std::vector<TimeWindow>& windows,
                  bool weekdays_used, ValidationErrors& errors);

// center_validate_rules.cc
// rules, leave_when_empty, on_decline, announcements, callback of queue i.
void CheckQueueRules(const CenterConfig& c, size_t i, ValidationErrors& errors);
void CheckEntryRules(const CenterConfig& c, ValidationErrors& errors);

// center_validate_media.cc: queue media, agent channels, and moves between
// queues of one media only.
void CheckMedia(const CenterConfig& c, ValidationErrors& errors);

}  // namespace acd::core

#endif  // ACD_LIB_CORE_CENTER_VALIDATE_H_
