// The extension module acd._acd; the package acd (acd/__init__.py)
// re-exports it. Each area registers its own classes and functions.
#include <pybind11/pybind11.h>

#include "commands.h"
#include "config_arg.h"
#include "engine.h"
#include "erlang_py.h"
#include "errors.h"
#include "events.h"
#include "sim_py.h"

PYBIND11_MODULE(_acd, m) {
  m.doc() = "acd: the call-center routing engine, its simulator and the Erlang models.";
  acd::python::RegisterErrors(m);
  acd::python::RegisterConfig(m);
  acd::python::RegisterEvents(m);
  acd::python::RegisterCommands(m);
  acd::python::RegisterEngine(m);
  acd::python::RegisterErlang(m);
  acd::python::RegisterSim(m);
}
