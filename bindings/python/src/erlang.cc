// The vectorised Erlang functions and the staffing solver (erlang_py.h).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/erlang.h"
#include "acd/staffing.h"
#include "arrays.h"
#include "erlang_py.h"
#include "errors.h"

namespace acd::python {
namespace {

// A whole number of agents (or lines), from a broadcast float.
absl::StatusOr<int64_t> Whole(double value, const char* field) {
  if (!std::isfinite(value) || value != std::floor(value) || std::fabs(value) > 9e15) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": expected a whole number, got ", value));
  }
  return static_cast<int64_t>(value);
}

// Runs `one(i)` for every element without the GIL; raises the first
// error, naming its element when there is more than one.
template <typename Fn>
void ForEach(const Broadcast& b, Fn one) {
  absl::Status failed;
  size_t failed_at = 0;
  {
    py::gil_scoped_release release;
    for (size_t i = 0; i < b.size; ++i) {
      if (absl::Status s = one(i); !s.ok()) {
        failed = s;
        failed_at = i;
        break;
      }
    }
  }
  if (!failed.ok()) {
    if (b.shape.empty()) Raise(failed);
    Raise(absl::Status(failed.code(), absl::StrCat("element ", failed_at, ": ", failed.message())));
  }
}

// The QueueFigures of every element, one array per field.
py::dict FiguresDict(const std::vector<QueueFigures>& f, const std::vector<py::ssize_t>& shape) {
  struct DoubleField {
    const char* name;
    double QueueFigures::*member;
  };
  static constexpr DoubleField kFields[] = {
      {"erlangs", &QueueFigures::erlangs},
      {"p_wait", &QueueFigures::p_wait},
      {"p_abandon", &QueueFigures::p_abandon},
      {"p_answered", &QueueFigures::p_answered},
      {"service_level", &QueueFigures::service_level},
      {"service_level_answered", &QueueFigures::service_level_answered},
      {"asa_s", &QueueFigures::asa_s},
      {"mean_wait_s", &QueueFigures::mean_wait_s},
      {"queue_length", &QueueFigures::queue_length},
      {"occupancy", &QueueFigures::occupancy},
      {"threshold_s", &QueueFigures::threshold_s},
  };
  py::dict out;
  std::vector<int64_t> agents;
  std::vector<bool> stable;
  for (const QueueFigures& q : f) {
    agents.push_back(q.agents);
    stable.push_back(q.stable);
  }
  out["agents"] = Shaped(agents, shape);
  out["stable"] = Shaped(stable, shape);
  for (const DoubleField& field : kFields) {
    std::vector<double> v;
    v.reserve(f.size());
    for (const QueueFigures& q : f) v.push_back(q.*field.member);
    out[field.name] = Shaped(v, shape);
  }
  return out;
}

py::object ErlangBPy(py::handle lines, py::handle erlangs) {
  const Broadcast b = BroadcastArgs({{"lines", lines}, {"erlangs", erlangs}});
  std::vector<double> out(b.size);
  ForEach(b, [&](size_t i) -> absl::Status {
    absl::StatusOr<int64_t> n = Whole(b.values[0][i], "lines");
    if (!n.ok()) return n.status();
    absl::StatusOr<double> p = ErlangB(*n, b.values[1][i]);
    if (!p.ok()) return p.status();
    out[i] = *p;
    return absl::OkStatus();
  });
  return Shaped(out, b.shape);
}

py::dict ErlangCAPy(bool model_a, py::handle calls_per_hour, py::handle aht_s, py::handle agents,
                    py::handle patience_s, py::handle threshold_s) {
  const Broadcast b = BroadcastArgs({{"calls_per_hour", calls_per_hour},
                                     {"aht_s", aht_s},
                                     {"agents", agents},
                                     {"patience_s", patience_s},
                                     {"threshold_s", threshold_s}});
  std::vector<QueueFigures> out(b.size);
  ForEach(b, [&](size_t i) -> absl::Status {
    absl::StatusOr<int64_t> n = Whole(b.values[2][i], "agents");
    if (!n.ok()) return n.status();
    QueueQuestion q;
    q.calls_per_hour = b.values[0][i];
    q.aht_s = b.values[1][i];
    q.agents = *n;
    q.patience_s = b.values[3][i];
    q.threshold_s = b.values[4][i];
    absl::StatusOr<QueueFigures> f = model_a ? ErlangA(q) : ErlangC(q);
    if (!f.ok()) return f.status();
    out[i] = *f;
    return absl::OkStatus();
  });
  return FiguresDict(out, b.shape);
}

py::dict SolveStaffingPy(py::handle calls_per_hour, py::handle aht_s, const std::string& model,
                         py::handle patience_s, double threshold_s, double service_level,
                         std::optional<double> abandon_max, std::optional<double> asa_s_max,
                         std::optional<double> occupancy_max) {
  StaffingQuestion base;
  if (model == "erlang_c") {
    base.model = QueueModel::kErlangC;
  } else if (model == "erlang_a") {
    base.model = QueueModel::kErlangA;
  } else {
    RaiseInvalid(absl::StrCat("model: expected 'erlang_c' or 'erlang_a', got '", model, "'"));
  }
  base.target.threshold_s = threshold_s;
  base.target.service_level = service_level;
  base.target.abandon_max = abandon_max;
  base.target.asa_s_max = asa_s_max;
  base.target.occupancy_max = occupancy_max;
  const Broadcast b = BroadcastArgs(
      {{"calls_per_hour", calls_per_hour}, {"aht_s", aht_s}, {"patience_s", patience_s}});
  std::vector<QueueFigures> figures(b.size);
  std::vector<int64_t> agents(b.size);
  std::vector<int64_t> evaluations(b.size);
  ForEach(b, [&](size_t i) -> absl::Status {
    StaffingQuestion q = base;
    q.calls_per_hour = b.values[0][i];
    q.aht_s = b.values[1][i];
    q.patience_s = b.values[2][i];
    if (absl::Status s = ValidateStaffingQuestion(q); !s.ok()) return s;
    absl::StatusOr<StaffingAnswer> a = SolveStaffing(q);
    if (!a.ok()) return a.status();
    agents[i] = a->agents;
    figures[i] = a->figures;
    evaluations[i] = a->evaluations;
    return absl::OkStatus();
  });
  py::dict out = FiguresDict(figures, b.shape);
  out["agents"] = Shaped(agents, b.shape);
  out["evaluations"] = Shaped(evaluations, b.shape);
  return out;
}

py::object HeadcountPy(py::handle agents, py::handle shrinkage) {
  const Broadcast b = BroadcastArgs({{"agents", agents}, {"shrinkage", shrinkage}});
  std::vector<int64_t> out(b.size);
  ForEach(b, [&](size_t i) -> absl::Status {
    absl::StatusOr<int64_t> n = Whole(b.values[0][i], "agents");
    if (!n.ok()) return n.status();
    absl::StatusOr<int64_t> h = Headcount(*n, b.values[1][i]);
    if (!h.ok()) return h.status();
    out[i] = *h;
    return absl::OkStatus();
  });
  return Shaped(out, b.shape);
}

}  // namespace

void RegisterErlang(py::module_& m) {
  m.def("erlang_b", &ErlangBPy, py::arg("lines"), py::arg("erlangs"),
        "Erlang B: the probability that a call finds every line busy. Vectorised.");
  m.def(
      "erlang_c",
      [](py::handle cph, py::handle aht, py::handle agents, py::handle threshold) {
        return ErlangCAPy(false, cph, aht, agents, py::float_(kInfinity), threshold);
      },
      py::arg("calls_per_hour"), py::arg("aht_s"), py::arg("agents"),
      py::arg("threshold_s") = 20.0,
      "Erlang C (M/M/n): a dict of figures (erlangs, agents, stable, p_wait, p_abandon, "
      "p_answered, service_level, service_level_answered, asa_s, mean_wait_s, queue_length, "
      "occupancy, threshold_s), each an array of the arguments' broadcast shape (numbers for "
      "scalar arguments).");
  m.def(
      "erlang_a",
      [](py::handle cph, py::handle aht, py::handle agents, py::handle patience,
         py::handle threshold) { return ErlangCAPy(true, cph, aht, agents, patience, threshold); },
      py::arg("calls_per_hour"), py::arg("aht_s"), py::arg("agents"), py::arg("patience_s"),
      py::arg("threshold_s") = 20.0,
      "Erlang A (M/M/n+M, exponential patience with mean patience_s): the same dict as "
      "erlang_c. patience_s = inf gives Erlang C, 0 the loss system.");
  m.def("solve_staffing", &SolveStaffingPy, py::arg("calls_per_hour"), py::arg("aht_s"),
        py::kw_only(), py::arg("model") = "erlang_c", py::arg("patience_s") = py::float_(kInfinity),
        py::arg("threshold_s") = 20.0, py::arg("service_level") = 0.8,
        py::arg("abandon_max") = py::none(), py::arg("asa_s_max") = py::none(),
        py::arg("occupancy_max") = py::none(),
        "The fewest agents meeting every target, per element: the erlang_c dict with 'agents' "
        "the answer and 'evaluations' the model evaluations used. model: 'erlang_c' or "
        "'erlang_a' (patience_s > 0 and finite).");
  m.def("headcount", &HeadcountPy, py::arg("agents"), py::arg("shrinkage"),
        "Agents to schedule so that `agents` are on the phones after shrinkage: "
        "ceil(agents / (1 - shrinkage)). Vectorised.");
}

}  // namespace acd::python
