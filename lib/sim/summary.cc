// FormatSummary: the table printed after a run.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "acd/sim.h"

namespace acd {
namespace {

std::string Percent(double share) { return absl::StrFormat("%.1f%%", 100.0 * share); }

// "-" where a figure is undefined: SL with nothing offered, ASA and AHT
// with nothing answered, the longest wait with nothing offered.
std::string QueueRow(const std::string& name, int width, const QueueKpi& q) {
  const bool offered = q.offered > 0;
  const bool answered = q.answered > 0;
  return absl::StrFormat(
      "%-*s %7d %8d %9d %10d %8d %9d %7s %9s %9s %12s\n", width, name, q.offered, q.answered,
      q.abandoned, q.overflowed, q.callback_captured, q.voicemail,
      offered ? Percent(q.ServiceLevel()) : "-",
      answered ? FormatDuration(static_cast<TimeMs>(q.AsaMs())) : "-",
      answered ? FormatDuration(static_cast<TimeMs>(q.AhtMs())) : "-",
      offered ? FormatDuration(q.wait_max_ms) : "-");
}

std::string AgentLabel(const CenterConfig& center, size_t i) {
  const AgentConfig& agent = center.agents[i];
  if (agent.name.empty()) return absl::StrCat("agent ", agent.id);
  return absl::StrCat(agent.name, " (", agent.id, ")");
}

// "14 calls ended before reaching a queue: 9 rejected, 5 callback captured;
// by entry rule: offering us something 9, closed 5."
std::string NeverQueuedLine(const CenterConfig& center, const SimResult& result) {
  if (result.kpis.calls_never_queued == 0) return "";
  std::vector<std::string> parts;
  for (size_t d = 0; d < std::size(result.never_queued); ++d) {
    if (result.never_queued[d] == 0) continue;
    std::string name(ToString(static_cast<Disposition>(d)));
    std::replace(name.begin(), name.end(), '_', ' ');
    parts.push_back(absl::StrCat(result.never_queued[d], " ", name));
  }
  std::vector<std::string> rules;
  for (size_t r = 0; r < result.entry_rule_ends.size(); ++r) {
    if (result.entry_rule_ends[r] == 0) continue;
    const std::string name = r < center.entry_rules.size() ? center.entry_rules[r].name
                                                           : std::string("no rule matched");
    rules.push_back(absl::StrCat(name.empty() ? absl::StrCat("rule ", r) : name, " ",
                                 result.entry_rule_ends[r]));
  }
  std::string line = absl::StrCat(result.kpis.calls_never_queued,
                                  " calls ended before reaching a queue: ",
                                  absl::StrJoin(parts, ", "));
  if (!rules.empty()) absl::StrAppend(&line, "; by entry rule: ", absl::StrJoin(rules, ", "));
  return absl::StrCat(line, ".\n");
}

// "Callbacks: of 40 callers captured, 31 left a contact (77.5%); ..."; ""
// when nobody was captured.
std::string CallbacksLine(const SimResult& result) {
  const CallbackKpi& k = result.kpis.callbacks;
  if (k.captured == 0) return "";
  if (k.contacts == 0) {
    return absl::StrFormat("Callbacks: of %d callers captured, none left a contact.\n", k.captured);
  }
  std::string line = absl::StrFormat(
      "Callbacks: of %d callers captured, %d left a contact (%s); %d completed (%s of those "
      "ended), %d failed, %d expired, %d cancelled",
      k.captured, k.contacts, Percent(k.ContactShare()), k.completed,
      Percent(k.CompletedShare()), k.failed, k.expired, k.cancelled);
  if (result.callbacks_withdrawn > 0) {
    absl::StrAppend(&line, " (", result.callbacks_withdrawn,
                    " carried over: withdrawn at the end of the run)");
  }
  absl::StrAppend(&line, "; ", k.dials, k.dials == 1 ? " dial.\n" : " dials.\n");
  if (k.connected > 0) {
    absl::StrAppend(
        &line, "Time to complete (capture to connection): mean ",
        FormatDuration(static_cast<TimeMs>(k.ToConnectMeanMs())), ", p90 ",
        FormatDuration(static_cast<TimeMs>(k.ToConnectP90Ms())),
        k.at_seller == 0
            ? std::string(".\n")
            : absl::StrCat("; time to reach a seller by callback (arrival to connection): mean ",
                           FormatDuration(static_cast<TimeMs>(k.ReachMeanMs())), ".\n"));
  }
  return line;
}

}  // namespace

std::string LimitsLine(const BlockedCalls& b) {
  std::string out;
  if (b.trunk + b.line + b.engine > 0) {
    absl::StrAppend(&out, "Blocked callers (never queued): ", b.trunk, " at the trunk lines, ",
                    b.line, " at the full waiting line, ", b.engine,
                    " at the engine's bound of live calls.\n");
  }
  if (b.contacts > 0) {
    absl::StrAppend(&out, b.contacts, " callback contacts could not be filed at the engine's bound "
                    "of live calls.\n");
  }
  if (b.engine + b.contacts > 0) {
    absl::StrAppend(&out, "The engine held its bound of ", b.max_live_calls,
                    " live calls (bounds.max_live_calls in the center file): raise it to "
                    "simulate the whole overload.\n");
  }
  if (b.cut > 0) {
    absl::StrAppend(&out, b.cut, b.cut == 1 ? " call was" : " calls were",
                    " still live at the serve-out limit (", FormatDuration(b.serve_out_max_ms),
                    " after the end of arrivals) and cut there: callers waiting were "
                    "disconnected, calls talking hung up.\n");
  }
  return out;
}

std::string FormatSummary(const CenterConfig& center, const SimResult& result) {
  const KpiReport& kpis = result.kpis;
  std::string out = absl::StrFormat(
      "Summary of %s-%s, seed %d: %d calls arrived%s.\n"
      "SL = answered within %s of reaching a queue / offered; ASA and longest wait "
      "from reaching a queue; AHT = talk + wrap-up.\n\n",
      FormatClock(result.start_ms), FormatClock(result.end_ms), result.seed,
      result.calls_arrived,
      result.calls_arrived == 0
          ? ""
          : absl::StrCat("; the last call ended at ", FormatClock(result.last_call_ended_ms)),
      FormatDuration(kpis.sl_threshold_ms));
  int width = 10;
  for (const QueueConfig& q : center.queues) {
    width = std::max(width, static_cast<int>(q.name.size()));
  }
  absl::StrAppendFormat(&out, "%-*s %7s %8s %9s %10s %8s %9s %7s %9s %9s %12s\n", width,
                        "queue", "offered", "answered", "abandoned", "overflowed", "callback",
                        "voicemail", "SL", "ASA", "AHT", "longest wait");
  for (size_t q = 0; q < kpis.queues.size() && q < center.queues.size(); ++q) {
    absl::StrAppend(&out, QueueRow(center.queues[q].name, width, kpis.queues[q]));
  }
  absl::StrAppend(&out, QueueRow("all calls", width, kpis.total));
  absl::StrAppend(&out, NeverQueuedLine(center, result));
  absl::StrAppend(&out, LimitsLine({center.max_live_calls, result.blocked_trunk,
                                    result.blocked_line, result.blocked_engine,
                                    result.contacts_blocked, result.cut_at_serve_out_limit,
                                    result.serve_out_max_ms}));
  absl::StrAppend(&out, CallbacksLine(result));
  int agent_width = 10;
  for (size_t i = 0; i < center.agents.size(); ++i) {
    agent_width = std::max(agent_width, static_cast<int>(AgentLabel(center, i).size()));
  }
  absl::StrAppendFormat(&out, "\n%-*s %6s %6s %10s %10s %10s\n", agent_width, "agent", "calls",
                        "missed", "talk time", "occupancy", "logged in");
  for (size_t i = 0; i < kpis.agents.size() && i < center.agents.size(); ++i) {
    const AgentKpi& a = kpis.agents[i];
    absl::StrAppendFormat(&out, "%-*s %6d %6d %10s %10s %10s\n", agent_width,
                          AgentLabel(center, i), a.calls, a.missed, FormatDuration(a.talk_ms),
                          Percent(a.Occupancy()), FormatDuration(a.LoggedInMs()));
  }
  absl::StrAppend(&out, "Occupancy = (ringing + talking + wrap-up) / (logged in - not ready).\n");
  return out;
}

}  // namespace acd
