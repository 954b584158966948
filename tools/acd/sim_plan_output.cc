// The planner's table, intervals.csv, each breakdown's CSV files
// (sim_plan_slices.h) and summary.json.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "acd/sim.h"
#include "tools/acd/sim_plan.h"
#include "tools/acd/sim_plan_slices.h"

namespace acd::tools {
namespace {

size_t Kpi(const char* name) {
  const std::vector<KpiDef>& defs = KpiDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    if (std::strcmp(defs[i].name, name) == 0) return i;
  }
  return 0;
}

// "12.3" or "12.3±1.4"; "-" when undefined.
std::string WithCi(const KpiEstimate& e, double scale, int decimals) {
  if (e.n == 0 || !std::isfinite(e.mean)) return "-";
  std::string text = absl::StrFormat("%.*f", decimals, e.mean * scale);
  if (std::isfinite(e.half_width)) {
    absl::StrAppendFormat(&text, "±%.*f", decimals, e.half_width * scale);
  }
  return text;
}

std::string Clock(int day, TimeMs start_ms) {
  std::string clock = FormatClock(start_ms).substr(0, 5);
  return day == 0 ? clock : absl::StrCat("d", day, " ", clock);
}

// Right-aligns to `width` characters (UTF-8 aware: "±" is one).
std::string Pad(const std::string& text, size_t width) {
  size_t chars = 0;
  for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return std::string(width > chars ? width - chars : 0, ' ') + text;
}

std::string Cell(double x, int decimals) {
  return std::isfinite(x) ? absl::StrFormat("%.*f", decimals, x) : "";
}

std::string TableRow(const std::string& label, const std::string (&cells)[8]) {
  static constexpr size_t kWidths[8] = {8, 13, 13, 12, 12, 12, 7, 6};
  std::string row = absl::StrFormat("%-9s", label);
  for (size_t i = 0; i < 8; ++i) absl::StrAppend(&row, " ", Pad(cells[i], kWidths[i]));
  return row + "\n";
}

std::string KpiRow(const std::string& label, double calls, double scheduled, double needed,
                   const std::vector<KpiEstimate>& k) {
  const std::string cells[8] = {Cell(calls, 1),
                                WithCi(k[Kpi("offered")], 1, 1),
                                WithCi(k[Kpi("answered")], 1, 1),
                                WithCi(k[Kpi("abandon_rate")], 100, 1),
                                WithCi(k[Kpi("service_level")], 100, 1),
                                WithCi(k[Kpi("asa_s")], 1, 1),
                                Cell(scheduled, 1),
                                Cell(needed, 0)};
  return TableRow(label, cells);
}

std::string Number(double x) {
  if (!std::isfinite(x)) return "null";
  return absl::StrFormat("%.6g", x);
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppendFormat(&out, "\\u%04x", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JsonKpis(const std::vector<KpiEstimate>& kpis) {
  std::string out = "{";
  const std::vector<KpiDef>& defs = KpiDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", JsonString(defs[i].name),
                    ": {\"mean\": ", Number(kpis[i].mean),
                    ", \"ci95\": ", Number(kpis[i].half_width), ", \"n\": ", kpis[i].n, "}");
  }
  return out + "}";
}

double At(const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : std::nan(""); }

std::string DayName(absl::CivilDay day) {
  static constexpr const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  return kNames[static_cast<int>(absl::GetWeekday(day))];
}

// Each slice's day, one table per breakdown (queues, call types, agent
// groups), with the figures the terminal shows.
std::string SliceTables(const PlanReport& r) {
  std::string out;
  for (const SliceKind& kind : PlanSliceKinds()) {
    const std::vector<PlanEstimates::Slice>& slices = r.estimates.*kind.day;
    if (slices.empty()) continue;
    size_t width = std::strlen(kind.title);
    for (size_t i = 0; i < slices.size(); ++i) width = std::max(width, SliceName(kind, r, i).size());
    absl::StrAppendFormat(&out, "\nPer %s, per day (%s):\n%-*s", kind.title, kind.note,
                          static_cast<int>(width), kind.title);
    for (const SliceFigure& f : kind.table) absl::StrAppend(&out, " ", Pad(f.label, 12));
    out += "\n";
    for (size_t i = 0; i < slices.size(); ++i) {
      absl::StrAppendFormat(&out, "%-*s", static_cast<int>(width), SliceName(kind, r, i));
      for (const SliceFigure& f : kind.table) {
        absl::StrAppend(&out, " ", Pad(WithCi(slices[i].*f.value, f.scale, 1), 12));
      }
      out += "\n";
    }
  }
  return out;
}

// Why a plan has no "time to reach a seller".
constexpr const char* kNoSellers =
    "the center file names no sellers: add sellers: {queue: NAME} or {skill: NAME}, or give "
    "--seller-queue";

std::string JsonEstimate(const KpiEstimate& e) {
  return absl::StrCat("{\"mean\": ", Number(e.mean), ", \"ci95\": ", Number(e.half_width),
                      ", \"n\": ", e.n, "}");
}

// A breakdown's slices (a day's or an interval's) as a JSON list; `indent`
// is the indentation of the closing bracket.
std::string JsonSlices(const PlanReport& r, const SliceKind& kind,
                       const std::vector<PlanEstimates::Slice>& slices, const std::string& indent) {
  std::string out = "[";
  for (size_t i = 0; i < slices.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "\n" : ",\n", indent, "  {\"", kind.key,
                    "\": ", JsonString(SliceName(kind, r, i)));
    for (const SliceFigure& f : kind.figures) {
      absl::StrAppend(&out, ", \"", f.name, "\": ", JsonEstimate(slices[i].*f.value));
    }
    out += "}";
  }
  return out + (slices.empty() ? "]" : absl::StrCat("\n", indent, "]"));
}

// Every breakdown of a day or an interval, as summary.json's keys.
std::string JsonBreakdowns(const PlanReport& r, const PlanEstimates::Interval* interval,
                           const std::string& key_prefix, const std::string& indent) {
  std::string out;
  for (const SliceKind& kind : PlanSliceKinds()) {
    const std::vector<PlanEstimates::Slice>& slices =
        interval == nullptr ? r.estimates.*kind.day : (*interval).*kind.interval;
    absl::StrAppend(&out, ",", key_prefix, "\"", kind.list, "\": ",
                    JsonSlices(r, kind, slices, indent));
  }
  return out;
}

// The name as one CSV cell, quoted when it must be.
std::string CsvName(std::string name) {
  if (name.find_first_of(",\"\n") == std::string::npos) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The header after the leading columns: the slice's name, then each
// figure and its 95% half-width.
std::string SliceColumns(const SliceKind& kind) {
  std::string out = kind.key;
  for (const SliceFigure& f : kind.figures) absl::StrAppend(&out, ",", f.name, ",", f.name, "_ci95");
  return out + "\n";
}

// One slice's row from its name on.
std::string SliceRow(const PlanReport& r, const SliceKind& kind, size_t i,
                     const PlanEstimates::Slice& e) {
  auto cell = [](double x) { return std::isfinite(x) ? absl::StrFormat("%.6g", x) : ""; };
  std::string out = CsvName(SliceName(kind, r, i));
  for (const SliceFigure& f : kind.figures) {
    const KpiEstimate& k = e.*f.value;
    absl::StrAppend(&out, ",", cell(k.mean), ",", cell(k.half_width));
  }
  return out + "\n";
}

}  // namespace

std::string DescribeSellers(const PlanReport& r) {
  if (r.sellers.empty()) return kNoSellers;
  return absl::StrCat(r.sellers, ", ", r.sellers_from);
}

std::string PlanSlicesCsv(const PlanReport& r, size_t kind_index) {
  const SliceKind& kind = PlanSliceKinds()[kind_index];
  std::string out = SliceColumns(kind);
  const std::vector<PlanEstimates::Slice>& slices = r.estimates.*kind.day;
  for (size_t i = 0; i < slices.size(); ++i) absl::StrAppend(&out, SliceRow(r, kind, i, slices[i]));
  return out;
}

std::string PlanSliceIntervalsCsv(const PlanReport& r, size_t kind_index) {
  const SliceKind& kind = PlanSliceKinds()[kind_index];
  std::string out = absl::StrCat("day,interval_start,", SliceColumns(kind));
  for (const PlanEstimates::Interval& row : r.estimates.intervals) {
    const std::string when = absl::StrCat(row.day, ",", FormatClock(row.start_ms).substr(0, 5), ",");
    const std::vector<PlanEstimates::Slice>& slices = row.*kind.interval;
    for (size_t i = 0; i < slices.size(); ++i) {
      absl::StrAppend(&out, when, SliceRow(r, kind, i, slices[i]));
    }
  }
  return out;
}

std::string FormatPlanTable(const PlanReport& r) {
  std::string out = absl::StrFormat(
      "Plan: %s, forecast %s, schedule %s\n%d replication(s) x %d day(s), seed %d, %d thread(s), "
      "%.2f s wall time.\n"
      "By arrival interval; ± is the 95%% confidence half-width across replications (Student t).\n"
      "SL = answered within %s of reaching a queue / offered; abandon%% = abandoned / offered.\n\n",
      r.center_name, r.forecast_name,
      r.schedule_name.empty() ? "(all agents all day)" : r.schedule_name, r.replications, r.days,
      r.seed, r.threads, r.wall_s, FormatDuration(r.sl_threshold_ms));
  if (!r.needed_model.empty()) {
    absl::StrAppend(&out, "needed = agents by ", r.needed_model,
                    ": a lower bound where agents serve only their own queues.\n");
  }
  if (std::string warning = FewReplicationsWarning(r.replications); !warning.empty()) {
    absl::StrAppend(&out, "Note: ", warning, ".\n");
  }
  absl::StrAppend(&out, "Day 0 is ", DayName(r.first_date), " ",
                  absl::FormatCivilTime(r.first_date),
                  r.dated_forecast ? " (the forecast's dates)" : " (--date)",
                  " on the center's calendar, time zone ", r.time_zone, ".\n");
  absl::StrAppend(&out, "Model: ", r.model_name, " (--model); assumptions:\n");
  for (const std::string& line : r.assumptions) absl::StrAppend(&out, "  ", line, "\n");
  out += "\n";
  const std::string header[8] = {"forecast", "offered", "answered", "abandon%",
                                 "SL%",      "ASA s",   "agents",   "needed"};
  out += TableRow("interval", header);
  const auto& rows = r.estimates.intervals;
  for (size_t i = 0; i < rows.size(); ++i) {
    out += KpiRow(Clock(rows[i].day, rows[i].start_ms), At(r.calls, i), At(r.scheduled, i),
                  At(r.needed, i), rows[i].kpis);
  }
  double calls = 0;
  for (double c : r.calls) calls += c;
  out += KpiRow("per day", calls, std::nan(""), std::nan(""), r.estimates.per_day);
  out += SliceTables(r);
  const std::vector<KpiEstimate>& day = r.estimates.per_day;
  absl::StrAppendFormat(
      &out,
      "\nPer day: %s calls placed (%s retrials), %s blocked, %s captured for a callback in a "
      "queue; %soccupancy %s%%.\n",
      WithCi(day[Kpi("attempts")], 1, 1), WithCi(day[Kpi("retrials")], 1, 1),
      WithCi(day[Kpi("blocked")], 1, 1), WithCi(day[Kpi("callback_captured")], 1, 1),
      r.sellers.empty()
          ? absl::StrCat("time to reach a seller - (", DescribeSellers(r), "); ")
          : absl::StrFormat("time to reach a seller (%s) %s s (%s reached one); ",
                            DescribeSellers(r), WithCi(day[Kpi("time_to_seller_s")], 1, 1),
                            WithCi(day[Kpi("reached_seller")], 1, 1)),
      WithCi(day[Kpi("occupancy")], 100, 1));
  absl::StrAppendFormat(
      &out,
      "Where the calls went, per day: %s placed = %s blocked + %s offered to a queue + %s ended "
      "before a queue (entry rules, the IVR).\n",
      WithCi(day[Kpi("attempts")], 1, 1), WithCi(day[Kpi("blocked")], 1, 1),
      WithCi(day[Kpi("offered")], 1, 1), WithCi(day[Kpi("ended_before_queue")], 1, 1));
  absl::StrAppendFormat(
      &out,
      "Callbacks per day: %s captured (in queues and by entry rules), %s%% left a contact; %s "
      "completed (%s%% of those ended), %s failed, %s expired, %s cancelled; time to complete %s s (p90 %s s); time to reach a "
      "seller by callback %s s.\n",
      WithCi(day[Kpi("captured")], 1, 1), WithCi(day[Kpi("contact_share")], 100, 1),
      WithCi(day[Kpi("callbacks_completed")], 1, 1),
      WithCi(day[Kpi("callback_completed_share")], 100, 1),
      WithCi(day[Kpi("callbacks_failed")], 1, 1), WithCi(day[Kpi("callbacks_expired")], 1, 1),
      WithCi(day[Kpi("callbacks_cancelled")], 1, 1), WithCi(day[Kpi("callback_time_s")], 1, 0),
      WithCi(day[Kpi("callback_time_p90_s")], 1, 0),
      WithCi(day[Kpi("callback_time_to_seller_s")], 1, 0));
  absl::StrAppendFormat(&out,
                        "All runs: %d first attempts, %d retrials, %d blocked at the trunks, %d "
                        "at the full line, %d disconnected at closing, %d gave up.\n",
                        r.first_attempts, r.retrials, r.blocked_trunk, r.blocked_line,
                        r.disconnected_at_close, r.gave_up);
  absl::StrAppend(&out, LimitsLine({r.max_live_calls, r.blocked_trunk, r.blocked_line,
                                    r.blocked_engine, r.contacts_blocked, r.cut_at_serve_out_limit,
                                    r.serve_out_max_ms}));
  return out;
}

std::string PlanIntervalsCsv(const PlanReport& r) {
  std::string out = "day,interval_start,forecast_calls,agents_scheduled,agents_needed";
  for (const KpiDef& def : KpiDefs()) absl::StrAppend(&out, ",", def.name, ",", def.name, "_ci95");
  out += "\n";
  const auto& rows = r.estimates.intervals;
  auto cell = [](double x) { return std::isfinite(x) ? absl::StrFormat("%.6g", x) : ""; };
  for (size_t i = 0; i < rows.size(); ++i) {
    absl::StrAppend(&out, rows[i].day, ",", FormatClock(rows[i].start_ms).substr(0, 5), ",",
                    cell(At(r.calls, i)), ",", cell(At(r.scheduled, i)), ",",
                    cell(At(r.needed, i)));
    for (const KpiEstimate& e : rows[i].kpis) {
      absl::StrAppend(&out, ",", cell(e.mean), ",", cell(e.half_width));
    }
    out += "\n";
  }
  return out;
}

std::string PlanSummaryJson(const PlanReport& r) {
  std::string out = absl::StrCat(
      "{\n  \"center\": ", JsonString(r.center_name),
      ",\n  \"forecast\": ", JsonString(r.forecast_name),
      ",\n  \"schedule\": ", r.schedule_name.empty() ? "null" : JsonString(r.schedule_name),
      ",\n  \"seed\": ", r.seed, ",\n  \"replications\": ", r.replications,
      ",\n  \"days\": ", r.days, ",\n  \"threads\": ", r.threads,
      ",\n  \"sl_threshold_s\": ", Number(static_cast<double>(r.sl_threshold_ms) / 1000.0),
      ",\n  \"interval_min\": ", r.interval_ms / kMsPerMinute, ",\n  \"confidence\": 0.95",
      ",\n  \"first_date\": ", JsonString(absl::FormatCivilTime(r.first_date)),
      ",\n  \"time_zone\": ", JsonString(r.time_zone),
      ",\n  \"model\": ", JsonString(r.model_name),
      ",\n  \"sellers\": ",
      r.sellers.empty() ? absl::StrCat("{\"who\": null, \"why_none\": ", JsonString(kNoSellers), "}")
                        : absl::StrCat("{\"who\": ", JsonString(r.sellers),
                                       ", \"from\": ", JsonString(r.sellers_from), "}"),
      ",\n  \"assumptions\": [");
  for (size_t i = 0; i < r.assumptions.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", JsonString(r.assumptions[i]));
  }
  out += "]";
  absl::StrAppend(&out, ",\n  \"callers\": {\"first_attempts\": ", r.first_attempts,
                  ", \"retrials\": ", r.retrials, ", \"blocked_trunk\": ", r.blocked_trunk,
                  ", \"blocked_line\": ", r.blocked_line,
                  ", \"blocked_engine\": ", r.blocked_engine,
                  ", \"cut_at_serve_out_limit\": ", r.cut_at_serve_out_limit,
                  ", \"disconnected_at_close\": ", r.disconnected_at_close,
                  ", \"gave_up\": ", r.gave_up, ", \"calls_arrived\": ", r.calls_arrived, "}");
  absl::StrAppend(&out, ",\n  \"per_day\": ", JsonKpis(r.estimates.per_day));
  absl::StrAppend(&out, JsonBreakdowns(r, nullptr, "\n  ", "  "), ",\n  \"by_day\": [");
  for (size_t d = 0; d < r.estimates.days.size(); ++d) {
    absl::StrAppend(&out, d == 0 ? "\n    " : ",\n    ", "{\"day\": ", d,
                    ", \"kpis\": ", JsonKpis(r.estimates.days[d]), "}");
  }
  absl::StrAppend(&out, "\n  ],\n  \"intervals\": [");
  const auto& rows = r.estimates.intervals;
  for (size_t i = 0; i < rows.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "\n    " : ",\n    ", "{\"day\": ", rows[i].day,
                    ", \"start\": ", JsonString(FormatClock(rows[i].start_ms).substr(0, 5)),
                    ", \"forecast_calls\": ", Number(At(r.calls, i)),
                    ", \"agents_scheduled\": ", Number(At(r.scheduled, i)),
                    ", \"agents_needed\": ", Number(At(r.needed, i)),
                    ", \"kpis\": ", JsonKpis(rows[i].kpis),
                    JsonBreakdowns(r, &rows[i], " ", "     "), "}");
  }
  return out + "\n  ]\n}\n";
}

}  // namespace acd::tools
