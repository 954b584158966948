// numpy helpers shared by the vectorised functions and the results:
// broadcasting arguments, and arrays from vectors.
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_ARRAYS_H_
#define ACD_BINDINGS_PYTHON_ARRAYS_H_

#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace acd::python {

namespace py = pybind11;

// Arguments broadcast together (numpy's rules), as flat float64 values.
struct Broadcast {
  std::vector<py::ssize_t> shape;  // empty: every argument was a scalar
  size_t size = 0;
  std::vector<std::vector<double>> values;  // one per argument, `size` each
};

// `args` are (name, value) pairs; raises acd.InvalidArgument naming the
// argument that is not numeric, or the shapes that do not broadcast.
Broadcast BroadcastArgs(const std::vector<std::pair<std::string, py::handle>>& args);

// A value of `shape` (a Python scalar when the shape is empty).
template <typename T>
py::object Shaped(const std::vector<T>& values, const std::vector<py::ssize_t>& shape) {
  if (shape.empty()) return py::cast(values.at(0));
  py::array_t<T> out(shape);
  T* data = out.mutable_data();
  for (size_t i = 0; i < values.size(); ++i) data[i] = values[i];
  return out;
}

template <typename T>
py::array_t<T> ToArray(const std::vector<T>& values) {
  py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
  T* data = out.mutable_data();
  for (size_t i = 0; i < values.size(); ++i) data[i] = values[i];
  return out;
}

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_ARRAYS_H_
