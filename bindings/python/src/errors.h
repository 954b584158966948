// Python exceptions for absl::Status codes, and the helpers that raise them.
//
// acd.Error is the base of every exception the module raises itself:
//   InvalidArgument (also a ValueError): bad input, a field out of range;
//   NotFound (also a LookupError): an unknown call, agent, queue or file;
//   AlreadyExists (also a ValueError): a repeated event or call id;
//   FailedPrecondition (also a RuntimeError): not possible in this state;
//   ResourceExhausted (also a RuntimeError): a bound is full;
//   DataLoss (also a ValueError): damaged snapshot bytes;
//   Internal (also a RuntimeError): any other code.
// The message is the Status message, which names the field and the reason.
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_ERRORS_H_
#define ACD_BINDINGS_PYTHON_ERRORS_H_

#include <string>
#include <utility>

#include <pybind11/pybind11.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace acd::python {

namespace py = pybind11;

// Creates the exception classes in `m` (once, at import).
void RegisterErrors(py::module_& m);

// Raises the exception matching status.code() with its message; status
// must not be OK.
[[noreturn]] void Raise(const absl::Status& status);
// Raises acd.InvalidArgument with `message`.
[[noreturn]] void RaiseInvalid(const std::string& message);

// Whether `error` is an acd.InvalidArgument.
bool IsInvalidArgument(py::error_already_set& error);

inline void Check(const absl::Status& status) {
  if (!status.ok()) Raise(status);
}
template <typename T>
T Check(absl::StatusOr<T> value) {
  if (!value.ok()) Raise(value.status());
  return *std::move(value);
}

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_ERRORS_H_
