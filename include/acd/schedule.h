// Agents' working times for the simulator, read from a schedule CSV. The
// schedule is one day's and applies to every simulated day.
//
// Like the forecast ('#' comments, blank lines, a header, commas, optional
// double quotes), in one of two forms told apart by the header:
//
// 1. Shifts: columns `login`, `logout` (HH:MM, logout after login, 24:00
//    allowed), optional `breaks`, and either `agent` (an agent's id or
//    name) or `group` with an optional `count` (that many of the group's
//    agents, in roster order, among those without an overlapping shift;
//    all of them when count is empty). breaks is a space-separated list of
//    START/MINUTES[/REASON], e.g. "10:00/15 12:30/30/lunch 15:00/15";
//    REASON is break (default), lunch, training or meeting; a break lies
//    inside the shift.
//      agent,login,logout,breaks
//      Anna Berg,08:00,16:30,10:00/15 12:30/30/lunch
//      group,count,login,logout,breaks
//      sales,4,12:00,20:00,16:00/15
// 2. Staffing per interval: columns `interval_start`, `group`, `agents`:
//    during the interval (15 or 30 minutes, the smallest step between
//    distinct starts) the first `agents` agents of the group in roster
//    order are logged in; intervals not listed have none of that group.
//      interval_start,group,agents
//      08:00,sales,3
//
// An agent group is the agents whose first queue membership is that queue
// (a seller's group is "sales"). Errors name the file, line, column (the
// 1-based field number) and reason, e.g.
//   schedule.csv:4:3: logout: expected HH:MM after login (08:00), got '07:30'
// Thread-safety: the functions share no state.
#ifndef ACD_SCHEDULE_H_
#define ACD_SCHEDULE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/env.h"
#include "acd/sim.h"
#include "acd/types.h"

namespace acd {

inline constexpr size_t kMaxScheduleFileBytes = 16u << 20;

absl::StatusOr<std::vector<AgentShift>> ParseScheduleCsv(std::string_view text,
                                                         std::string_view file_name,
                                                         const CenterConfig& center);
absl::StatusOr<std::vector<AgentShift>> ReadScheduleCsv(const std::string& path,
                                                        const CenterConfig& center,
                                                        Env& env = Env::Default());

// The group of the agent at roster index i: its first queue's name, or ""
// when it has no queue.
std::string AgentGroupName(const CenterConfig& center, size_t i);
// Roster indexes of the group's agents, in roster order.
std::vector<size_t> AgentGroup(const CenterConfig& center, std::string_view group);

// Agents on shift during each of `count` intervals from start_ms (average
// over the interval, breaks deducted), for reports.
std::vector<double> ScheduledAgents(const std::vector<AgentShift>& shifts, TimeMs start_ms,
                                    TimeMs interval_ms, size_t count);

}  // namespace acd

#endif  // ACD_SCHEDULE_H_
