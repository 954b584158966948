// acd.simulate_day and acd.simulate (sim_py.h).
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "acd/planning.h"
#include "acd/replications.h"
#include "acd/schedule.h"
#include "acd/sim.h"
#include "codec.h"
#include "config_arg.h"
#include "errors.h"
#include "sim_py.h"
#include "sim_results.h"

namespace acd::python {
namespace {

// acd.Schedule: agents' shifts read once for a center (acd.load_schedule).
struct ScheduleObj {
  std::vector<AgentShift> shifts;
};

// None, an acd.Schedule, a path (str or os.PathLike) or CSV text (it has a
// newline).
std::vector<AgentShift> ScheduleFrom(py::handle schedule, const CenterConfig& center) {
  if (schedule.is_none()) return {};
  if (py::isinstance<ScheduleObj>(schedule)) return schedule.cast<const ScheduleObj&>().shifts;
  if (py::isinstance<py::str>(schedule)) {
    const std::string text = py::str(schedule);
    if (text.find('\n') != std::string::npos) return Check(ParseScheduleCsv(text, "schedule", center));
    return Check(ReadScheduleCsv(text, center));
  }
  if (py::isinstance(schedule, py::module_::import("os").attr("PathLike"))) {
    return Check(ReadScheduleCsv(py::str(py::module_::import("os").attr("fspath")(schedule)), center));
  }
  RaiseInvalid(absl::StrCat("schedule: expected None, an acd.Schedule, a path or CSV text, got ",
                            DescribeValue(schedule)));
}

struct ModelArgs {
  double sl_threshold_s = 20;
  std::optional<double> interval_minutes;
  std::optional<double> patience_s;
};

PlanningModel ModelFrom(const ModelArgs& a) {
  PlanningModel model;
  if (!(a.sl_threshold_s >= 0) || !std::isfinite(a.sl_threshold_s)) {
    RaiseInvalid(absl::StrCat("sl_threshold_s: expected seconds >= 0, got ", a.sl_threshold_s));
  }
  model.sl_threshold_ms = static_cast<TimeMs>(std::llround(a.sl_threshold_s * 1000));
  if (a.interval_minutes) {
    if (*a.interval_minutes != 15 && *a.interval_minutes != 30 && *a.interval_minutes != 60) {
      RaiseInvalid(absl::StrCat("interval_minutes: expected 15, 30 or 60, got ", *a.interval_minutes));
    }
    model.kpi_interval_ms = static_cast<TimeMs>(*a.interval_minutes) * kMsPerMinute;
  }
  if (a.patience_s) {
    if (!(*a.patience_s > 0) || !std::isfinite(*a.patience_s)) {
      RaiseInvalid(absl::StrCat("patience_s: expected seconds > 0, got ", *a.patience_s));
    }
    model.patience_ms = Distribution::Exponential(*a.patience_s * 1000);
  }
  return model;
}

// The sellers are the center file's (its `sellers` entry).
std::vector<SimOptions> PlanFor(const PlanningCenter& planning, py::handle forecast,
                                py::handle schedule, const ModelArgs& args) {
  const CenterConfig& center = planning.center;
  const NamedForecast f = ForecastFrom(forecast);
  const std::vector<AgentShift> shifts = ScheduleFrom(schedule, center);
  std::vector<SimOptions> days = Check(PlanDays(center, f.forecast, f.name, shifts, ModelFrom(args)));
  for (SimOptions& options : days) {
    options.sellers = planning.sellers;
    Check(ValidateSimOptions(center, options));
  }
  return days;
}

SimRunObj SimulateDay(py::handle config, py::handle forecast, py::handle schedule, int day,
                      uint64_t seed, double sl_threshold_s, std::optional<double> interval_minutes,
                      std::optional<double> patience_s, uint32_t check_invariants_every) {
  const std::shared_ptr<const PlanningCenter> loaded = LoadPlanningConfig(config);
  const CenterConfig& center = loaded->center;
  const ModelArgs args{sl_threshold_s, interval_minutes, patience_s};
  SimOptions options;
  if (forecast.is_none()) {
    if (!schedule.is_none()) RaiseInvalid("schedule: needs a forecast");
    if (day != 0) RaiseInvalid("day: without a forecast there is only day 0");
    options = SalesDepartmentOptions(center);
    options.sellers = loaded->sellers;
    const PlanningModel model = ModelFrom(args);
    options.sl_threshold_ms = model.sl_threshold_ms;
    options.kpi_interval_ms = model.kpi_interval_ms > 0 ? model.kpi_interval_ms : 15 * kMsPerMinute;
    if (model.patience_ms) {
      for (CallType& type : options.traffic.types) type.patience_ms = *model.patience_ms;
    }
    Check(ValidateSimOptions(center, options));
  } else {
    const std::vector<SimOptions> days = PlanFor(*loaded, forecast, schedule, args);
    if (day < 0 || static_cast<size_t>(day) >= days.size()) {
      RaiseInvalid(absl::StrCat("day: expected 0..", days.size() - 1, " (the forecast's days), got ",
                                day));
    }
    options = days[static_cast<size_t>(day)];
  }
  options.seed = seed;
  options.check_invariants_every = check_invariants_every;
  absl::StatusOr<SimResult> result;
  {
    py::gil_scoped_release release;
    result = RunSimulation(center, options);
  }
  return SimRunObj{Check(std::move(result)), day, 0};
}

PlanObj Simulate(py::handle config, py::handle forecast, py::handle schedule, int replications,
                 std::optional<int> days, uint64_t seed, int threads, double sl_threshold_s,
                 std::optional<double> interval_minutes, std::optional<double> patience_s,
                 py::object progress) {
  const std::shared_ptr<const PlanningCenter> loaded = LoadPlanningConfig(config);
  const CenterConfig& center = loaded->center;
  const std::vector<SimOptions> day_options =
      PlanFor(*loaded, forecast, schedule, ModelArgs{sl_threshold_s, interval_minutes, patience_s});
  if (replications < 2 || replications > 100'000) {
    RaiseInvalid(absl::StrCat("replications: expected 2..100000 (a confidence interval needs two), "
                              "got ",
                              replications));
  }
  const int day_count = days.value_or(static_cast<int>(day_options.size()));
  if (day_count < 1 || day_count > 3660) {
    RaiseInvalid(absl::StrCat("days: expected 1..3660, got ", day_count));
  }
  if (threads < 0 || threads > 1024) {
    RaiseInvalid(absl::StrCat("threads: expected 0 (every core) ..1024, got ", threads));
  }
  if (!progress.is_none() && !PyCallable_Check(progress.ptr())) {
    RaiseInvalid(absl::StrCat("progress: expected a callable(done, total) or None, got ",
                              DescribeValue(progress)));
  }
  std::unique_ptr<py::error_already_set> callback_error;
  std::function<void(int, int)> report;
  if (!progress.is_none()) {
    report = [&](int done, int total) {
      py::gil_scoped_acquire gil;
      if (callback_error) return;
      try {
        progress(done, total);
      } catch (py::error_already_set& e) {
        callback_error = std::make_unique<py::error_already_set>(std::move(e));
      }
    };
  }
  absl::StatusOr<std::vector<SimResult>> runs;
  {
    py::gil_scoped_release release;
    runs = RunReplications(center, day_options, day_count, replications, seed, threads, report);
  }
  if (callback_error) throw std::move(*callback_error);
  PlanObj plan;
  plan.days = day_count;
  plan.replications = replications;
  plan.interval_ms = day_options.front().kpi_interval_ms;
  std::vector<SimResult> results = Check(std::move(runs));
  plan.estimates = EstimatePlan(day_options, day_count, replications, results);
  for (size_t i = 0; i < results.size(); ++i) {
    plan.runs.push_back(SimRunObj{std::move(results[i]), static_cast<int>(i) % day_count,
                                  static_cast<int>(i) / day_count});
  }
  return plan;
}

}  // namespace

void RegisterSim(py::module_& m) {
  RegisterForecast(m);
  RegisterSimResults(m);
  py::class_<ScheduleObj>(m, "Schedule",
                          "Agents' shifts read once for a center (acd.load_schedule); accepted "
                          "wherever a schedule is, with that center.")
      .def("__len__", [](const ScheduleObj& s) { return s.shifts.size(); })
      .def_property_readonly(
          "agents",
          [](const ScheduleObj& s) {
            py::list ids;
            for (const AgentShift& shift : s.shifts) ids.append(shift.agent);
            return ids;
          },
          "The agent of each shift, in order.");
  m.def(
      "load_schedule",
      [](py::handle schedule, py::handle config) {
        if (schedule.is_none()) RaiseInvalid("schedule: expected a path or CSV text, got None");
        return ScheduleObj{ScheduleFrom(schedule, *LoadConfig(config))};
      },
      py::arg("schedule"), py::arg("config"),
      "Reads a schedule (a path or CSV text) once, for the center `config` names.");
  m.def("simulate_day", &SimulateDay, py::arg("config"), py::arg("forecast") = py::none(),
        py::arg("schedule") = py::none(), py::kw_only(), py::arg("day") = 0, py::arg("seed") = 1,
        py::arg("sl_threshold_s") = 20.0, py::arg("interval_minutes") = py::none(),
        py::arg("patience_s") = py::none(), py::arg("check_invariants_every") = 0,
        R"doc(
Simulates one day of `forecast` (an acd.Forecast, a path, CSV text, a dict
of columns or a pandas DataFrame) through the engine, with agents from
`schedule` (a path or CSV text; None: every agent all day). Without a
forecast: the sales department's morning (08:00-12:00) on the center.
Returns an acd.SimRun. The GIL is released while it runs.
)doc");
  m.def("simulate", &Simulate, py::arg("config"), py::arg("forecast"),
        py::arg("schedule") = py::none(), py::kw_only(), py::arg("replications") = 10,
        py::arg("days") = py::none(), py::arg("seed") = 1, py::arg("threads") = 0,
        py::arg("sl_threshold_s") = 20.0, py::arg("interval_minutes") = py::none(),
        py::arg("patience_s") = py::none(), py::arg("progress") = py::none(),
        R"doc(
Simulates the forecast's days `replications` times (seeded, over `threads`
threads; 0 = every core) and estimates every KPI per interval and per day
with its 95% confidence interval: an acd.Plan. progress(done, total) is
called after each simulated day. The GIL is released while it runs.
)doc");
}

}  // namespace acd::python
