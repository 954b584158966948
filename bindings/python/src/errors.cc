// The module's exception classes (errors.h).
#include "errors.h"

#include <Python.h>

namespace acd::python {
namespace {

// Owned for the life of the process: the classes live as long as the
// module, and releasing them at exit would run after the interpreter.
struct Classes {
  PyObject* error = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* not_found = nullptr;
  PyObject* already_exists = nullptr;
  PyObject* failed_precondition = nullptr;
  PyObject* resource_exhausted = nullptr;
  PyObject* data_loss = nullptr;
  PyObject* internal = nullptr;
};

Classes& classes() {
  static Classes* c = new Classes();
  return *c;
}

PyObject* Make(py::module_& m, const char* name, const char* doc, PyObject* python_base) {
  const std::string qualified = std::string("acd.") + name;
  py::tuple bases = python_base == nullptr
                        ? py::make_tuple(py::handle(PyExc_Exception))
                        : py::make_tuple(py::handle(classes().error), py::handle(python_base));
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.attr(name) = py::handle(type);  // the module keeps a reference too
  return type;
}

}  // namespace

void RegisterErrors(py::module_& m) {
  Classes& c = classes();
  c.error = Make(m, "Error", "Base of the errors acd raises; the message names the field.",
                 nullptr);
  c.invalid_argument = Make(m, "InvalidArgument",
                            "Bad input: a malformed field or a value out of range.",
                            PyExc_ValueError);
  c.not_found = Make(m, "NotFound", "An unknown call, agent, queue or file.", PyExc_LookupError);
  c.already_exists =
      Make(m, "AlreadyExists", "A repeated event id or call id.", PyExc_ValueError);
  c.failed_precondition = Make(m, "FailedPrecondition",
                               "Not possible in the engine's current state.", PyExc_RuntimeError);
  c.resource_exhausted =
      Make(m, "ResourceExhausted", "A bound is full (back-pressure).", PyExc_RuntimeError);
  c.data_loss = Make(m, "DataLoss", "Damaged bytes (a snapshot).", PyExc_ValueError);
  c.internal = Make(m, "Internal", "Any other failure of the library.", PyExc_RuntimeError);
}

void Raise(const absl::Status& status) {
  const Classes& c = classes();
  PyObject* type = c.internal;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      type = c.invalid_argument;
      break;
    case absl::StatusCode::kNotFound:
      type = c.not_found;
      break;
    case absl::StatusCode::kAlreadyExists:
      type = c.already_exists;
      break;
    case absl::StatusCode::kFailedPrecondition:
      type = c.failed_precondition;
      break;
    case absl::StatusCode::kResourceExhausted:
      type = c.resource_exhausted;
      break;
    case absl::StatusCode::kDataLoss:
      type = c.data_loss;
      break;
    default:
      break;
  }
  const std::string message(status.message());
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

bool IsInvalidArgument(py::error_already_set& error) {
  return error.matches(classes().invalid_argument);
}

void RaiseInvalid(const std::string& message) {
  PyErr_SetString(classes().invalid_argument, message.c_str());
  throw py::error_already_set();
}

}  // namespace acd::python
