// The plan's breakdowns (PlanEstimates::Slice): per queue, per call type
// and per agent group. One table says, for each kind, its name, its files
// and JSON key, and which figures it shows where, so that the terminal
// table, the CSV files, summary.json and report.html all walk the same
// list. Thread-safety: constant data.
#ifndef ACD_TOOLS_ACD_SIM_PLAN_SLICES_H_
#define ACD_TOOLS_ACD_SIM_PLAN_SLICES_H_

#include <string>
#include <vector>

#include "acd/replications.h"
#include "tools/acd/sim_plan.h"

namespace acd::tools {

// One figure of a slice.
struct SliceFigure {
  const char* name;   // CSV column and JSON key, e.g. "service_level"
  const char* label;  // terminal and report header, e.g. "SL%"
  KpiEstimate PlanEstimates::Slice::*value;
  double scale;       // 100 for a share shown in %
};

struct SliceKind {
  const char* key;     // the name's CSV column and JSON key: "queue"
  const char* list;    // summary.json's list and the per-day CSV: "queues"
  const char* title;   // "queue", "call type", "agent group"
  const char* note;    // what a slice counts, one sentence
  std::vector<SliceFigure> figures;  // CSV, JSON, report, in this order
  std::vector<SliceFigure> table;    // the terminal's (concise)
  const std::vector<std::string> PlanReport::*names;
  const std::vector<PlanEstimates::Slice> PlanEstimates::*day;
  const std::vector<PlanEstimates::Slice> PlanEstimates::Interval::*interval;
};

// Queues, call types, agent groups: in the order the outputs show them.
const std::vector<SliceKind>& PlanSliceKinds();
// The slice's name; its index when the report names none.
std::string SliceName(const SliceKind& kind, const PlanReport& report, size_t i);
// The per-day CSV (queues.csv) and the per-interval one (queue_intervals.csv).
std::string SliceDayFile(const SliceKind& kind);
std::string SliceIntervalFile(const SliceKind& kind);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_PLAN_SLICES_H_
