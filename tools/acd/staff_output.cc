// `acd staff`'s table and CSV rows (staff_output.h).
#include "tools/acd/staff_output.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/acd/flag_values.h"

namespace acd::tools {

std::string Clock(TimeMs start_ms) {
  const int64_t day = start_ms / (24 * 3'600'000);
  const int64_t minutes = start_ms % (24 * 3'600'000) / 60'000;
  return absl::StrFormat("%s%02d:%02d", day > 0 ? absl::StrCat("d", day, " ") : "", minutes / 60,
                         minutes % 60);
}

std::string TableHeader(bool verify) {
  return absl::StrFormat("%-9s %9s %9s %7s %s%10s %8s %8s %8s%s\n", "interval", "calls", "erlangs",
                         "agents", verify ? "verified " : "", "headcount", "SL", "ASA s", "abandon",
                         verify ? "   simulated SL" : "");
}

std::string TableRow(const PlanRow& r, bool verify) {
  std::string verified;
  std::string simulated;
  if (verify) {
    verified = r.verified ? absl::StrFormat("%8d ", *r.verified) : absl::StrFormat("%8s ", "-");
    if (r.simulated) {
      simulated = absl::StrFormat("  %.3f +- %.3f", r.simulated->service_level.mean,
                                  r.simulated->service_level.half_width);
    }
  }
  return absl::StrFormat("%-9s %9.1f %9.2f %7d %s%10d %8.4f %8.1f %8.4f%s\n", Clock(r.start_ms),
                         r.calls, r.figures.erlangs, r.agents, verified, r.headcount,
                         r.figures.service_level, r.figures.asa_s, r.figures.p_abandon, simulated);
}

std::string TotalsLine(const std::vector<PlanRow>& rows, TimeMs interval_ms) {
  double calls = 0, agent_hours = 0, headcount_hours = 0;
  int64_t peak = 0;
  const double hours = static_cast<double>(interval_ms) / 3.6e6;
  for (const PlanRow& r : rows) {
    const int64_t scheduled = r.verified.value_or(r.agents);
    calls += r.calls;
    agent_hours += static_cast<double>(scheduled) * hours;
    headcount_hours += static_cast<double>(r.headcount) * hours;
    peak = std::max(peak, scheduled);
  }
  return absl::StrFormat(
      "total: %.1f calls, peak %d agents, %.1f agent-hours on the phones, %.1f paid hours\n", calls,
      peak, agent_hours, headcount_hours);
}

const char kCsvHeader[] =
    "queue,interval_start,calls,aht_s,erlangs,agents,verified_agents,headcount,service_level,"
    "asa_s,abandon,occupancy,sim_service_level,sim_service_level_half_width,sim_abandon,"
    "sim_asa_s\n";

std::string CsvRows(const std::string& queue, const std::vector<PlanRow>& rows, bool verify) {
  std::string csv;
  for (const PlanRow& r : rows) {
    const int64_t verified = r.verified.value_or(r.agents);
    absl::StrAppend(&csv, queue, ",", Clock(r.start_ms), ",", JsonNumber(r.calls), ",",
                    JsonNumber(r.aht_s),
                    ",", JsonNumber(r.figures.erlangs), ",", r.agents, ",",
                    verify ? absl::StrCat(verified) : "", ",", r.headcount, ",",
                    JsonNumber(r.figures.service_level), ",", JsonNumber(r.figures.asa_s), ",",
                    JsonNumber(r.figures.p_abandon), ",", JsonNumber(r.figures.occupancy));
    if (r.simulated) {
      absl::StrAppend(&csv, ",", JsonNumber(r.simulated->service_level.mean), ",",
                      JsonNumber(r.simulated->service_level.half_width), ",",
                      JsonNumber(r.simulated->p_abandon.mean), ",",
                      JsonNumber(r.simulated->asa_s.mean), "\n");
    } else {
      absl::StrAppend(&csv, ",,,,\n");
    }
  }
  return csv;
}

}  // namespace acd::tools
