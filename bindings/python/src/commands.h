// The engine's commands as read-only Python classes (acd.Offer,
// acd.CallEnded, ...), one per alternative of acd::CommandBody, with the
// same names and fields as include/acd/command.h plus `time_ms`, `kind`
// (e.g. "call_ended") and to_dict(). RouteCall's OverflowKind `kind` is
// called `path` here (the queue log's name), as `kind` names the command.
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_COMMANDS_H_
#define ACD_BINDINGS_PYTHON_COMMANDS_H_

#include <vector>

#include <pybind11/pybind11.h>

#include "acd/command.h"

namespace acd::python {

namespace py = pybind11;

void RegisterCommands(py::module_& m);

// The Python object of one command; a list of them.
py::object ToPython(const Command& command);
py::list ToPython(const std::vector<Command>& commands);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_COMMANDS_H_
