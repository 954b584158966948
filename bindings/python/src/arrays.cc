// BroadcastArgs (arrays.h).
#include "arrays.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec.h"
#include "errors.h"

namespace acd::python {

Broadcast BroadcastArgs(const std::vector<std::pair<std::string, py::handle>>& args) {
  py::module_ np = py::module_::import("numpy");
  py::list arrays;
  std::vector<std::string> names;
  for (const auto& [name, value] : args) {
    names.push_back(name);
    try {
      arrays.append(np.attr("asarray")(value, py::arg("dtype") = "float64"));
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_ValueError) && !e.matches(PyExc_TypeError)) throw;
      RaiseInvalid(absl::StrCat(name, ": expected a number or an array of numbers, got ",
                                DescribeValue(value)));
    }
  }
  py::list broadcast;
  try {
    broadcast = np.attr("broadcast_arrays")(*arrays);
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_ValueError)) throw;
    std::vector<std::string> shapes;
    for (py::handle a : arrays) shapes.push_back(py::str(a.attr("shape")));
    RaiseInvalid(absl::StrCat(absl::StrJoin(names, ", "), ": shapes ",
                              absl::StrJoin(shapes, ", "), " do not broadcast together"));
  }
  Broadcast out;
  for (py::handle a : broadcast) {
    if (out.values.empty()) {
      for (py::handle d : a.attr("shape")) out.shape.push_back(d.cast<py::ssize_t>());
      out.size = a.attr("size").cast<size_t>();
    }
    auto flat = np.attr("ascontiguousarray")(a).cast<py::array_t<double, py::array::c_style>>();
    out.values.emplace_back(flat.data(), flat.data() + flat.size());
  }
  return out;
}

}  // namespace acd::python
