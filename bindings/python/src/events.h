// The engine's events as Python classes (acd.AgentLogin, acd.CallArrive,
// ...), one per alternative of acd::EventBody, with the same names and
// fields as include/acd/event.h, plus `time_ms` (None: the engine's current
// time) and `id` (the PBX's event id, 0 = no de-duplication). A dict with
// "kind" (the event's snake_case name, e.g. "call_arrive") and the same
// fields is accepted wherever an event is. CallEnqueue's skills_expr is
// the text of a requirement ("support & english>=5"), parsed against the
// engine's center when the event is applied.
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_EVENTS_H_
#define ACD_BINDINGS_PYTHON_EVENTS_H_

#include <pybind11/pybind11.h>

#include "acd/center.h"
#include "acd/event.h"
#include "acd/types.h"

namespace acd::python {

namespace py = pybind11;

void RegisterEvents(py::module_& m);

// The engine's Event for an event object or dict; `now_ms` stands in for
// a time_ms of None. Raises acd.InvalidArgument naming the field.
Event ToEvent(py::handle event, const CenterConfig& center, TimeMs now_ms);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_EVENTS_H_
