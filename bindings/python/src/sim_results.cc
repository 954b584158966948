// acd.SimRun and acd.Plan (sim_results.h): figures as numpy arrays, the
// KPIs by the library's definitions (acd::KpiDefs), to_pandas().
#include "sim_results.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "absl/strings/str_format.h"
#include "arrays.h"
#include "errors.h"
#include "sim_py.h"

namespace acd::python {
namespace {

double OrNan(std::optional<double> v) { return v.value_or(std::nan("")); }

// The run's intervals inside its arrival window.
std::vector<IntervalKpi> Window(const SimResult& r) {
  std::vector<IntervalKpi> out;
  for (const IntervalKpi& k : r.intervals.intervals) {
    if (k.start_ms < r.end_ms) out.push_back(k);
  }
  return out;
}

// Counts of an interval that KpiDefs does not already give.
struct CountField {
  const char* name;
  uint64_t IntervalKpi::*member;
};
constexpr CountField kCounts[] = {
    {"arrived", &IntervalKpi::arrived},
    {"answered_in_sl", &IntervalKpi::answered_in_sl},
    {"other_ended", &IntervalKpi::other_ended},
    {"contacts", &IntervalKpi::contacts},
};

py::dict IntervalArrays(const std::vector<IntervalKpi>& intervals, TimeMs interval_ms) {
  py::dict out;
  for (const KpiDef& def : KpiDefs()) {
    std::vector<double> v;
    for (const IntervalKpi& k : intervals) v.push_back(OrNan(def.value(k, interval_ms)));
    out[def.name] = ToArray(v);
  }
  for (const CountField& c : kCounts) {
    std::vector<int64_t> v;
    for (const IntervalKpi& k : intervals) v.push_back(static_cast<int64_t>(k.*c.member));
    out[c.name] = ToArray(v);
  }
  return out;
}

py::object DataFrame(const py::dict& columns) {
  py::module_ pandas;
  try {
    pandas = py::module_::import("pandas");
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_ImportError)) throw;
    PyErr_SetString(PyExc_ImportError,
                    "to_pandas() needs pandas (Debian: apt-get install python3-pandas)");
    throw py::error_already_set();
  }
  return pandas.attr("DataFrame")(columns);
}

std::string Clock(TimeMs ms) {
  const TimeMs minutes = ms / 60'000;
  return absl::StrFormat("%02d:%02d", (minutes / 60) % 24, minutes % 60);
}

py::dict RunTable(const SimRunObj& run) {
  const std::vector<IntervalKpi> w = Window(run.result);
  py::dict columns;
  std::vector<std::string> start;
  std::vector<int64_t> start_ms;
  for (const IntervalKpi& k : w) {
    start.push_back(Clock(k.start_ms));
    start_ms.push_back(k.start_ms);
  }
  columns["start"] = py::cast(start);
  columns["start_ms"] = ToArray(start_ms);
  for (auto [key, value] : IntervalArrays(w, run.result.intervals.interval_ms)) columns[key] = value;
  return columns;
}

py::dict Estimates(const std::vector<KpiEstimate>& e) {
  py::dict out;
  const std::vector<KpiDef>& defs = KpiDefs();
  for (size_t i = 0; i < defs.size() && i < e.size(); ++i) {
    out[defs[i].name] = py::make_tuple(e[i].mean, e[i].half_width, e[i].n);
  }
  return out;
}

}  // namespace

void RegisterSimResults(py::module_& m) {
  py::class_<SimRunObj>(m, "SimRun", R"doc(
One simulated day. intervals: a dict of numpy arrays, one value per
interval of the arrival window (the KPIs of acd.kpi_names(), NaN where
undefined, and the counts arrived, answered_in_sl, other_ended, contacts);
totals: the same KPIs over the whole window.
)doc")
      .def_property_readonly("seed", [](const SimRunObj& r) { return r.result.seed; })
      .def_property_readonly("day", [](const SimRunObj& r) { return r.day; })
      .def_property_readonly("replication", [](const SimRunObj& r) { return r.replication; })
      .def_property_readonly("start_ms", [](const SimRunObj& r) { return r.result.start_ms; })
      .def_property_readonly("end_ms", [](const SimRunObj& r) { return r.result.end_ms; })
      .def_property_readonly("state_hash", [](const SimRunObj& r) { return r.result.state_hash; },
                             "The engine's state hash at the end: equal for equal runs.")
      .def_property_readonly("calls_arrived", [](const SimRunObj& r) { return r.result.calls_arrived; })
      .def_property_readonly("events_applied",
                             [](const SimRunObj& r) { return r.result.events_applied; })
      .def_property_readonly("commands", [](const SimRunObj& r) { return r.result.commands; })
      .def_property_readonly("first_attempts",
                             [](const SimRunObj& r) { return r.result.first_attempts; })
      .def_property_readonly("retrials", [](const SimRunObj& r) { return r.result.retrials; })
      .def_property_readonly("blocked_trunk", [](const SimRunObj& r) { return r.result.blocked_trunk; })
      .def_property_readonly("blocked_line", [](const SimRunObj& r) { return r.result.blocked_line; })
      .def_property_readonly("gave_up", [](const SimRunObj& r) { return r.result.gave_up; })
      .def_property_readonly("last_call_ended_ms",
                             [](const SimRunObj& r) { return r.result.last_call_ended_ms; })
      .def_property_readonly("counts", [](const SimRunObj& r) { return r.result.counts; },
                             "The engine's counters at the end (acd.CallCounts).")
      .def_property_readonly("interval_minutes",
                             [](const SimRunObj& r) { return r.result.intervals.interval_ms / 60'000; })
      .def_property_readonly(
          "interval_start_ms",
          [](const SimRunObj& r) {
            std::vector<int64_t> v;
            for (const IntervalKpi& k : Window(r.result)) v.push_back(k.start_ms);
            return ToArray(v);
          },
          "Each interval's start, ms since midnight.")
      .def_property_readonly("intervals", [](const SimRunObj& r) {
        return IntervalArrays(Window(r.result), r.result.intervals.interval_ms);
      })
      .def_property_readonly("totals", [](const SimRunObj& r) {
        IntervalKpi total;
        for (const IntervalKpi& k : Window(r.result)) total.Add(k);
        py::dict out;
        for (const KpiDef& def : KpiDefs()) {
          out[def.name] = OrNan(def.value(total, r.result.end_ms - r.result.start_ms));
        }
        return out;
      })
      .def("to_pandas", [](const SimRunObj& r) { return DataFrame(RunTable(r)); },
           "The intervals as a pandas DataFrame (start, start_ms, then every figure).")
      .def("__repr__", [](const SimRunObj& r) {
        return absl::StrFormat("SimRun(day=%d, replication=%d, seed=%d, calls_arrived=%d)", r.day,
                               r.replication, r.result.seed, r.result.calls_arrived);
      });

  py::class_<PlanObj>(m, "Plan", R"doc(
Replications of a forecast's days: every KPI per interval and per day as
the mean over replications with its 95% confidence half-width.
mean[name] and half_width[name] are numpy arrays, one value per interval
(day, interval_start_ms); per_day[name] is (mean, half_width, n);
runs holds every SimRun, run k of day d at runs[k * days + d].
)doc")
      .def_property_readonly("days", [](const PlanObj& p) { return p.days; })
      .def_property_readonly("replications", [](const PlanObj& p) { return p.replications; })
      .def_property_readonly("interval_minutes", [](const PlanObj& p) { return p.interval_ms / 60'000; })
      .def_property_readonly("runs", [](const PlanObj& p) { return p.runs; })
      .def_property_readonly("day",
                             [](const PlanObj& p) {
                               std::vector<int32_t> v;
                               for (const auto& i : p.estimates.intervals) v.push_back(i.day);
                               return ToArray(v);
                             })
      .def_property_readonly("interval_start_ms",
                             [](const PlanObj& p) {
                               std::vector<int64_t> v;
                               for (const auto& i : p.estimates.intervals) v.push_back(i.start_ms);
                               return ToArray(v);
                             })
      .def_property_readonly("mean",
                             [](const PlanObj& p) {
                               py::dict out;
                               const std::vector<KpiDef>& defs = KpiDefs();
                               for (size_t k = 0; k < defs.size(); ++k) {
                                 std::vector<double> v;
                                 for (const auto& i : p.estimates.intervals) v.push_back(i.kpis[k].mean);
                                 out[defs[k].name] = ToArray(v);
                               }
                               return out;
                             })
      .def_property_readonly("half_width",
                             [](const PlanObj& p) {
                               py::dict out;
                               const std::vector<KpiDef>& defs = KpiDefs();
                               for (size_t k = 0; k < defs.size(); ++k) {
                                 std::vector<double> v;
                                 for (const auto& i : p.estimates.intervals) {
                                   v.push_back(i.kpis[k].half_width);
                                 }
                                 out[defs[k].name] = ToArray(v);
                               }
                               return out;
                             })
      .def_property_readonly("per_day", [](const PlanObj& p) { return Estimates(p.estimates.per_day); })
      .def_property_readonly("by_day",
                             [](const PlanObj& p) {
                               py::list out;
                               for (const auto& d : p.estimates.days) out.append(Estimates(d));
                               return out;
                             },
                             "One per_day-style dict per simulated day.")
      .def("to_pandas", [](const PlanObj& p) {
        py::dict columns;
        std::vector<int32_t> day;
        std::vector<std::string> start;
        std::vector<int64_t> start_ms;
        for (const auto& i : p.estimates.intervals) {
          day.push_back(i.day);
          start.push_back(Clock(i.start_ms));
          start_ms.push_back(i.start_ms);
        }
        columns["day"] = ToArray(day);
        columns["start"] = py::cast(start);
        columns["start_ms"] = ToArray(start_ms);
        const std::vector<KpiDef>& defs = KpiDefs();
        for (size_t k = 0; k < defs.size(); ++k) {
          std::vector<double> mean, hw;
          for (const auto& i : p.estimates.intervals) {
            mean.push_back(i.kpis[k].mean);
            hw.push_back(i.kpis[k].half_width);
          }
          columns[defs[k].name] = ToArray(mean);
          columns[py::str(std::string(defs[k].name) + "_hw")] = ToArray(hw);
        }
        return DataFrame(columns);
      }, "Per interval: day, start, start_ms, then each KPI's mean and <name>_hw (half-width).");

  m.def("kpi_names", [] {
    py::dict out;
    for (const KpiDef& def : KpiDefs()) out[def.name] = def.label;
    return out;
  }, "The per-interval KPIs, name -> label, in the library's order.");
}

}  // namespace acd::python
