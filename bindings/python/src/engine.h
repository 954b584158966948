// acd.Engine: the routing engine (include/acd/engine.h) for Python, and
// its views (acd.AgentView, acd.CallView, acd.QueueStats, acd.CallCounts).
//
// apply() and advance_to() return the commands the engine decided in that
// step, in order. An error raises (errors.h) and changes nothing, except
// that, as in the library, timers due by a rejected event's time_ms have
// fired: their commands are returned by the next successful call.
//
// Thread-safety: an Engine is used by one thread at a time (it holds the
// GIL throughout: each step is short).
#ifndef ACD_BINDINGS_PYTHON_ENGINE_H_
#define ACD_BINDINGS_PYTHON_ENGINE_H_

#include <pybind11/pybind11.h>

namespace acd::python {

namespace py = pybind11;

void RegisterEngine(py::module_& m);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_ENGINE_H_
