// A center's configuration from what a Python caller passes: a path
// (str or os.PathLike) to a YAML or JSON file, YAML or JSON text, the name
// of an embedded center ("sales", "sales-direct"), or a dict with the same
// structure as a YAML file; or an acd.Center loaded before (acd.load_center),
// which saves reading the file again for every run. One loader for all:
// include/acd/config.h.
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_CONFIG_ARG_H_
#define ACD_BINDINGS_PYTHON_CONFIG_ARG_H_

#include <memory>

#include <pybind11/pybind11.h>

#include "acd/center.h"
#include "acd/config.h"

namespace acd::python {

namespace py = pybind11;

// Raises acd.InvalidArgument (every error of the file, one per line) or
// acd.NotFound (no such file or embedded center).
std::shared_ptr<const CenterConfig> LoadConfig(py::handle config);
// The same with what planning reads beside it (the file's sellers).
std::shared_ptr<const PlanningCenter> LoadPlanningConfig(py::handle config);

// acd.Center and acd.load_center.
void RegisterConfig(py::module_& m);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_CONFIG_ARG_H_
