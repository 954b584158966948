// `acd staff`'s plan rows and how they are shown: the table, the totals
// line and the CSV rows (staff_command.cc computes the rows).
//
// Thread-safety: free functions on values, no shared state.
#ifndef ACD_TOOLS_ACD_STAFF_OUTPUT_H_
#define ACD_TOOLS_ACD_STAFF_OUTPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "acd/staffing.h"
#include "acd/types.h"

namespace acd::tools {

// One interval of the plan.
struct PlanRow {
  TimeMs start_ms = 0;
  double calls = 0;
  double aht_s = 0;
  int64_t agents = 0;  // analytic
  std::optional<int64_t> verified;
  int64_t headcount = 0;                       // of the scheduled agents (verified when checked)
  QueueFigures figures;                        // analytic, at the scheduled agents
  std::optional<SimulatedStaffing> simulated;  // at the verified agents
};

// "08:15", "d1 08:15" from the second day on.
std::string Clock(TimeMs start_ms);
std::string TableHeader(bool verify);
std::string TableRow(const PlanRow& r, bool verify);
// "total: N calls, peak N agents, ..." of the rows.
std::string TotalsLine(const std::vector<PlanRow>& rows, TimeMs interval_ms);

// The CSV's header line, then CsvRows per plan; `queue` is the queue's
// name, "" for one pool.
extern const char kCsvHeader[];
std::string CsvRows(const std::string& queue, const std::vector<PlanRow>& rows, bool verify);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_STAFF_OUTPUT_H_
