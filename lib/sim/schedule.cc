// ParseScheduleCsv: shifts or staffing per interval (format in
// include/acd/schedule.h), and agent groups.
#include "acd/schedule.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "sim/csv.h"

namespace acd {
namespace {

struct Columns {
  std::optional<size_t> agent, group, count, login, logout, breaks;  // shifts
  std::optional<size_t> start, agents;                               // staffing
};

// The row's error reporter: "file:line:column: field: reason".
struct RowError {
  std::string_view file;
  int line;
  absl::Status operator()(size_t column, std::string_view field, const std::string& why) const {
    return sim::CsvError(file, line, column + 1, field, why);
  }
};

absl::Status ReadHeader(const sim::CsvRow& header, std::string_view file, Columns* c) {
  const RowError error{file, header.line};
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(header.fields[i]);
    std::optional<size_t>* slot = name == "agent"            ? &c->agent
                                  : name == "group"          ? &c->group
                                  : name == "count"          ? &c->count
                                  : name == "login"          ? &c->login
                                  : name == "logout"         ? &c->logout
                                  : name == "breaks"         ? &c->breaks
                                  : name == "interval_start" ? &c->start
                                  : name == "agents"         ? &c->agents
                                                             : nullptr;
    if (slot == nullptr) {
      return error(i, "header",
                   absl::StrCat("unknown column '", header.fields[i],
                                "' (shifts: agent or group, count, login, logout, breaks; "
                                "staffing: interval_start, group, agents)"));
    }
    if (slot->has_value()) {
      return error(i, "header", absl::StrCat("column '", header.fields[i], "' appears twice"));
    }
    *slot = i;
  }
  const size_t end = header.fields.size();
  if (c->start) {
    if (!c->group || !c->agents) {
      return error(end, "header", "staffing per interval needs interval_start, group, agents");
    }
    if (c->agent || c->count || c->login || c->logout || c->breaks) {
      return error(end, "header", "mixes staffing (interval_start) with shift columns");
    }
    return absl::OkStatus();
  }
  if (!c->login || !c->logout) return error(end, "header", "missing column 'login' or 'logout'");
  if (!c->agent && !c->group) return error(end, "header", "needs a column 'agent' or 'group'");
  return absl::OkStatus();
}

std::optional<size_t> FindAgent(const CenterConfig& center, const std::string& text) {
  uint64_t id = 0;
  const bool numeric = absl::SimpleAtoi(text, &id);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    if ((numeric && center.agents[i].id == id) || center.agents[i].name == text) return i;
  }
  return std::nullopt;
}

std::string GroupList(const CenterConfig& center) {
  std::vector<std::string> names;
  for (size_t i = 0; i < center.agents.size(); ++i) {
    const std::string name = AgentGroupName(center, i);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  return absl::StrJoin(names, ", ");
}

absl::StatusOr<std::vector<size_t>> GroupOf(const CenterConfig& center, const std::string& name,
                                            const RowError& error, size_t column) {
  std::vector<size_t> group = AgentGroup(center, name);
  if (group.empty()) {
    return error(
        column, "group",
        absl::StrCat("no agent has '", name, "' as first queue (groups: ", GroupList(center), ")"));
  }
  return group;
}

// A break's reason: a built-in agent's reason or one the center declares.
absl::Status ParseBreaks(const std::string& text, const CenterLabels& labels,
                         const RowError& error, size_t column, AgentShift* shift) {
  for (absl::string_view item : absl::StrSplit(text, ' ', absl::SkipWhitespace())) {
    const std::vector<std::string> parts = absl::StrSplit(item, '/');
    const std::string shown(item);
    TimeMs start_ms = 0;
    double minutes = 0;
    AgentBreak pause;
    if (parts.size() < 2 || parts.size() > 3 || !sim::ParseClockMs(parts[0], 23, &start_ms) ||
        !sim::ParseNumber(parts[1], &minutes) || minutes <= 0 || minutes > 24 * 60) {
      return error(
          column, "breaks",
          absl::StrCat("expected START/MINUTES[/REASON] like 10:00/15, got '", shown, "'"));
    }
    if (parts.size() == 3) {
      const absl::StatusOr<NotReadyReason> reason =
          ResolveNotReadyReason(labels, "reason", parts[2]);
      if (!reason.ok() || *reason == NotReadyReason::kNone ||
          *reason == NotReadyReason::kNoAnswer || *reason == NotReadyReason::kUnspecified) {
        return error(column, "breaks",
                     absl::StrCat("unknown reason '", parts[2], "' in '", shown,
                                  "' (break, lunch, training, meeting or a label the center "
                                  "declares)"));
      }
      pause.reason = *reason;
    }
    pause.start_ms = start_ms;
    pause.duration_ms = static_cast<TimeMs>(minutes * kMsPerMinute);
    if (start_ms < shift->login_ms || start_ms + pause.duration_ms > shift->logout_ms) {
      return error(column, "breaks",
                   absl::StrCat("'", shown, "' is not inside the shift ",
                                FormatClock(shift->login_ms), "-", FormatClock(shift->logout_ms)));
    }
    shift->breaks.push_back(pause);
  }
  return absl::OkStatus();
}

bool Overlaps(const std::vector<AgentShift>& shifts, AgentId agent, TimeMs login_ms,
              TimeMs logout_ms) {
  return std::any_of(shifts.begin(), shifts.end(), [&](const AgentShift& s) {
    return s.agent == agent && s.login_ms < logout_ms && login_ms < s.logout_ms;
  });
}

// Who a shift row names: one agent, or `count` free agents of a group.
absl::StatusOr<std::vector<size_t>> RowAgents(const sim::CsvRow& row, const Columns& c,
                                              const CenterConfig& center, const RowError& error,
                                              const AgentShift& shift,
                                              const std::vector<AgentShift>& shifts) {
  const std::string agent = c.agent ? row.fields[*c.agent] : "";
  const std::string group = c.group ? row.fields[*c.group] : "";
  if (agent.empty() == group.empty()) {
    return error(c.agent ? *c.agent : *c.group, c.agent ? "agent" : "group",
                 "give exactly one of agent and group");
  }
  if (!agent.empty()) {
    const std::optional<size_t> i = FindAgent(center, agent);
    if (!i) return error(*c.agent, "agent", absl::StrCat("no agent '", agent, "' in the center"));
    if (Overlaps(shifts, center.agents[*i].id, shift.login_ms, shift.logout_ms)) {
      return error(*c.agent, "agent",
                   absl::StrCat("'", agent, "' already works part of ", FormatClock(shift.login_ms),
                                "-", FormatClock(shift.logout_ms)));
    }
    return std::vector<size_t>{*i};
  }
  absl::StatusOr<std::vector<size_t>> members = GroupOf(center, group, error, *c.group);
  if (!members.ok()) return members.status();
  std::vector<size_t> free;
  for (size_t i : *members) {
    if (!Overlaps(shifts, center.agents[i].id, shift.login_ms, shift.logout_ms)) free.push_back(i);
  }
  const std::string count_text = c.count ? row.fields[*c.count] : "";
  if (count_text.empty()) return free;
  size_t count = 0;
  if (!absl::SimpleAtoi(count_text, &count) || count_text.starts_with("-")) {
    return error(*c.count, "count",
                 absl::StrCat("expected a whole number, got '", count_text, "'"));
  }
  if (count > free.size()) {
    return error(*c.count, "count",
                 absl::StrCat("group '", group, "' has ", free.size(), " of its ", members->size(),
                              " agents free at that time, ", count, " asked"));
  }
  free.resize(count);
  return free;
}

absl::Status ParseShiftRow(const sim::CsvRow& row, const Columns& c, const CenterConfig& center,
                           std::string_view file, std::vector<AgentShift>* shifts) {
  const RowError error{file, row.line};
  AgentShift shift;
  const std::string& login = row.fields[*c.login];
  const std::string& logout = row.fields[*c.logout];
  if (!sim::ParseClockMs(login, 23, &shift.login_ms)) {
    return error(*c.login, "login", absl::StrCat("expected HH:MM, got '", login, "'"));
  }
  if (!sim::ParseClockMs(logout, 24, &shift.logout_ms) || shift.logout_ms <= shift.login_ms) {
    return error(*c.logout, "logout",
                 absl::StrCat("expected HH:MM after login (", login, "), got '", logout, "'"));
  }
  if (c.breaks) {
    if (absl::Status s = ParseBreaks(row.fields[*c.breaks], center.labels, error, *c.breaks, &shift); !s.ok()) {
      return s;
    }
  }
  absl::StatusOr<std::vector<size_t>> agents = RowAgents(row, c, center, error, shift, *shifts);
  if (!agents.ok()) return agents.status();
  for (size_t i : *agents) {
    shift.agent = center.agents[i].id;
    shifts->push_back(shift);
  }
  return absl::OkStatus();
}

// Staffing per interval: group -> interval start -> agents logged in.
using Staffing = std::map<std::string, std::map<TimeMs, size_t>>;

absl::Status ParseStaffingRow(const sim::CsvRow& row, const Columns& c, const CenterConfig& center,
                              std::string_view file, Staffing* staffing,
                              std::map<TimeMs, int>* start_lines) {
  const RowError error{file, row.line};
  const std::string& start = row.fields[*c.start];
  TimeMs start_ms = 0;
  if (!sim::ParseClockMs(start, 23, &start_ms)) {
    return error(*c.start, "interval_start", absl::StrCat("expected HH:MM, got '", start, "'"));
  }
  const std::string& group = row.fields[*c.group];
  absl::StatusOr<std::vector<size_t>> members = GroupOf(center, group, error, *c.group);
  if (!members.ok()) return members.status();
  const std::string& text = row.fields[*c.agents];
  size_t agents = 0;
  if (!absl::SimpleAtoi(text, &agents) || text.starts_with("-") || agents > members->size()) {
    return error(*c.agents, "agents",
                 absl::StrCat("expected a whole number from 0 to ", members->size(),
                              " (the agents of group '", group, "'), got '", text, "'"));
  }
  if (!(*staffing)[group].emplace(start_ms, agents).second) {
    return error(*c.start, "interval_start",
                 absl::StrCat("group '", group, "' at ", start, " is already given"));
  }
  start_lines->emplace(start_ms, row.line);
  return absl::OkStatus();
}

// The interval length from the distinct starts (15 or 30 minutes).
absl::StatusOr<TimeMs> StaffingInterval(const std::map<TimeMs, int>& start_lines,
                                        std::string_view file, size_t column) {
  TimeMs step_ms = 0;
  std::optional<TimeMs> previous_ms;
  for (const auto& [start_ms, line] : start_lines) {
    if (previous_ms && (step_ms == 0 || start_ms - *previous_ms < step_ms)) {
      step_ms = start_ms - *previous_ms;
    }
    previous_ms = start_ms;
  }
  if (step_ms == 0) step_ms = 15 * kMsPerMinute;
  for (const auto& [start_ms, line] : start_lines) {
    if ((step_ms != 15 * kMsPerMinute && step_ms != 30 * kMsPerMinute) || start_ms % step_ms != 0) {
      return sim::CsvError(
          file, line, column + 1, "interval_start",
          absl::StrCat("intervals are 15 or 30 minutes on the clock's grid "
                       "(the smallest step between starts is ",
                       FormatDuration(step_ms), "); ", FormatClock(start_ms), " does not fit"));
    }
  }
  return step_ms;
}

absl::StatusOr<std::vector<AgentShift>> ParseStaffing(const std::vector<sim::CsvRow>& rows,
                                                      const Columns& c, const CenterConfig& center,
                                                      std::string_view file) {
  Staffing staffing;
  std::map<TimeMs, int> start_lines;
  for (size_t r = 1; r < rows.size(); ++r) {
    absl::Status s = ParseStaffingRow(rows[r], c, center, file, &staffing, &start_lines);
    if (!s.ok()) return s;
  }
  absl::StatusOr<TimeMs> step_ms = StaffingInterval(start_lines, file, *c.start);
  if (!step_ms.ok()) return step_ms.status();
  // The k-th agent of a group works every interval that needs more than k
  // agents; each run of such intervals is one shift.
  std::vector<AgentShift> shifts;
  for (const auto& [group, by_start] : staffing) {
    const std::vector<size_t> members = AgentGroup(center, group);
    for (size_t k = 0; k < members.size(); ++k) {
      std::optional<TimeMs> login_ms;
      TimeMs last_end_ms = 0;
      auto close = [&] {
        if (login_ms)
          shifts.push_back(AgentShift{center.agents[members[k]].id, *login_ms, last_end_ms, {}});
        login_ms.reset();
      };
      for (const auto& [start_ms, agents] : by_start) {
        const bool on = agents > k;
        if (login_ms && (!on || start_ms != last_end_ms)) close();
        if (on && !login_ms) login_ms = start_ms;
        if (on) last_end_ms = start_ms + *step_ms;
      }
      close();
    }
  }
  return shifts;
}

}  // namespace

std::string AgentGroupName(const CenterConfig& center, size_t i) {
  const AgentConfig& agent = center.agents[i];
  if (agent.queues.empty() || agent.queues[0].queue >= center.queues.size()) return "";
  return center.queues[agent.queues[0].queue].name;
}

std::vector<size_t> AgentGroup(const CenterConfig& center, std::string_view group) {
  std::vector<size_t> members;
  for (size_t i = 0; i < center.agents.size(); ++i) {
    if (!group.empty() && AgentGroupName(center, i) == group) members.push_back(i);
  }
  return members;
}

absl::StatusOr<std::vector<AgentShift>> ParseScheduleCsv(std::string_view text,
                                                         std::string_view file_name,
                                                         const CenterConfig& center) {
  absl::StatusOr<std::vector<sim::CsvRow>> rows = sim::SplitCsv(text, file_name);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return sim::CsvError(file_name, 1, 1, "header", "the file is empty");
  Columns columns;
  if (absl::Status s = ReadHeader(rows->front(), file_name, &columns); !s.ok()) return s;
  if (rows->size() < 2) {
    return sim::CsvError(file_name, rows->front().line, 1, "rows", "no row after the header");
  }
  const size_t width = rows->front().fields.size();
  for (const sim::CsvRow& row : *rows) {
    if (row.fields.size() != width) {
      return sim::CsvError(file_name, row.line, std::min(row.fields.size(), width) + 1, "row",
                           absl::StrCat("has ", row.fields.size(), " fields, the header ", width));
    }
  }
  if (columns.start) return ParseStaffing(*rows, columns, center, file_name);
  std::vector<AgentShift> shifts;
  for (size_t r = 1; r < rows->size(); ++r) {
    if (absl::Status s = ParseShiftRow((*rows)[r], columns, center, file_name, &shifts); !s.ok()) {
      return s;
    }
  }
  return shifts;
}

absl::StatusOr<std::vector<AgentShift>> ReadScheduleCsv(const std::string& path,
                                                        const CenterConfig& center, Env& env) {
  absl::StatusOr<std::string> text = sim::ReadTextFile(path, kMaxScheduleFileBytes, env);
  if (!text.ok()) return text.status();
  return ParseScheduleCsv(*text, sim::BaseName(path), center);
}

std::vector<double> ScheduledAgents(const std::vector<AgentShift>& shifts, TimeMs start_ms,
                                    TimeMs interval_ms, size_t count) {
  std::vector<double> agents(count, 0.0);
  auto add = [&](TimeMs from_ms, TimeMs to_ms, double sign) {
    for (size_t i = 0; i < count; ++i) {
      const TimeMs begin_ms = start_ms + interval_ms * static_cast<TimeMs>(i);
      const TimeMs overlap_ms =
          std::min(to_ms, begin_ms + interval_ms) - std::max(from_ms, begin_ms);
      if (overlap_ms > 0) {
        agents[i] += sign * static_cast<double>(overlap_ms) / static_cast<double>(interval_ms);
      }
    }
  };
  for (const AgentShift& shift : shifts) {
    add(shift.login_ms, shift.logout_ms, 1.0);
    for (const AgentBreak& pause : shift.breaks) {
      add(pause.start_ms, pause.start_ms + pause.duration_ms, -1.0);
    }
  }
  return agents;
}

}  // namespace acd
