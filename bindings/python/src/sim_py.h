// The simulator for Python: acd.Forecast (include/acd/forecast.h),
// acd.simulate_day (one run, include/acd/sim.h and planning.h) and
// acd.simulate (replications, include/acd/replications.h), with their
// results acd.SimRun and acd.Plan: per-interval figures as numpy arrays and
// to_pandas() when pandas is installed (imported only then).
//
// Runs release the GIL; simulate's progress callback is called with the
// GIL held, from the replication threads, one call at a time. An
// exception it raises is raised once the run has ended.
#ifndef ACD_BINDINGS_PYTHON_SIM_PY_H_
#define ACD_BINDINGS_PYTHON_SIM_PY_H_

#include <pybind11/pybind11.h>

#include "acd/forecast.h"

namespace acd::python {

namespace py = pybind11;

void RegisterSim(py::module_& m);

// forecast.cc: acd.Forecast, and a Forecast from what a caller passes
// (acd.Forecast, a path, CSV text, a dict of columns, a DataFrame).
void RegisterForecast(py::module_& m);
struct NamedForecast {
  Forecast forecast;
  std::string name;  // the file's name, for messages
};
NamedForecast ForecastFrom(py::handle value);

// sim_results.cc: acd.SimRun and acd.Plan.
void RegisterSimResults(py::module_& m);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_SIM_PY_H_
