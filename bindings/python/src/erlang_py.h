// Erlang B, C and A (include/acd/erlang.h) and the analytic staffing
// solver (include/acd/staffing.h), vectorised over numpy arrays: every
// numeric argument may be a number or an array, broadcast together as
// numpy does; scalars in, scalars out. The loops run without the GIL.
// An element the library refuses raises acd.InvalidArgument naming the
// element and the field ("element 3: aht_s: ...").
#ifndef ACD_BINDINGS_PYTHON_ERLANG_PY_H_
#define ACD_BINDINGS_PYTHON_ERLANG_PY_H_

#include <pybind11/pybind11.h>

namespace acd::python {

namespace py = pybind11;

void RegisterErlang(py::module_& m);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_ERLANG_PY_H_
