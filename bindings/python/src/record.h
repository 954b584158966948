// Binds a plain struct as a small Python class from a table of its fields:
// keyword construction (every field optional, unknown names refused),
// properties that check what is assigned (Codec), __repr__, __eq__ and
// to_dict(). Events, commands, CallAttributes and the engine's views are
// all bound this way, so a new event or command kind is one table entry.
//
// A holder H is either the struct itself or a wrapper with the struct in a
// member named `body` (plus its own fields, e.g. an event's time_ms).
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_RECORD_H_
#define ACD_BINDINGS_PYTHON_RECORD_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec.h"
#include "errors.h"

namespace acd::python {

template <typename H>
auto& Body(H& holder) {
  if constexpr (requires { holder.body; }) {
    return holder.body;
  } else {
    return holder;
  }
}

// One field of the Python class.
template <typename H>
struct FieldOps {
  std::string name;
  std::function<py::object(const H&)> get;
  std::function<void(H&, py::handle)> set;  // empty: read-only
};
template <typename H>
using FieldList = std::vector<FieldOps<H>>;

// A member of the struct behind H, by name: F("call", &CallHangup::call).
template <typename T, typename M>
struct Field {
  const char* name;
  M T::*member;
};
template <typename T, typename M>
constexpr Field<T, M> F(const char* name, M T::*member) {
  return {name, member};
}

// The operations of one member; `owner` prefixes the field in messages
// ("call_enqueue.priority: ...").
template <typename H, typename T, typename M>
FieldOps<H> OpsOf(const Field<T, M>& field, const std::string& owner, bool writable) {
  FieldOps<H> ops;
  ops.name = field.name;
  M T::*member = field.member;
  ops.get = [member](const H& h) { return Codec<M>::Dump(Body(h).*member); };
  if constexpr (requires(py::handle v, const std::string& path) { Codec<M>::Load(v, path); }) {
    if (writable) {
      ops.set = [member, path = absl::StrCat(owner, ".", field.name)](H& h, py::handle v) {
        Body(h).*member = Codec<M>::Load(v, path);
      };
    }
  }
  return ops;
}

template <typename H, typename... Fields>
FieldList<H> FieldsOf(const std::string& owner, bool writable, const Fields&... fields) {
  FieldList<H> list;
  (list.push_back(OpsOf<H>(fields, owner, writable)), ...);
  return list;
}

// Sets the fields named in `kwargs` on `h`; unknown names are refused.
template <typename H>
void SetFields(const FieldList<H>& fields, const std::string& owner, H& h, const py::dict& kwargs) {
  for (auto [key, value] : kwargs) {
    const std::string name = py::str(key);
    const FieldOps<H>* found = nullptr;
    for (const FieldOps<H>& f : fields) {
      if (f.name == name) found = &f;
    }
    if (found == nullptr || !found->set) {
      std::vector<std::string> names;
      for (const FieldOps<H>& f : fields) {
        if (f.set) names.push_back(f.name);
      }
      RaiseInvalid(absl::StrCat(owner, ": unknown field '", name, "' (fields: ",
                                absl::StrJoin(names, ", "), ")"));
    }
    found->set(h, value);
  }
}

// Binds H as `name` in `m`. `kind` (may be empty) is the snake_case name
// of an event or command kind: a class attribute, and the first entry of
// to_dict(). Writable records get keyword construction and setters.
template <typename H>
py::class_<H> BindRecord(py::module_& m, const char* name, const char* doc, std::string kind,
                         FieldList<H> field_list, bool writable) {
  auto fields = std::make_shared<const FieldList<H>>(std::move(field_list));
  py::class_<H> cls(m, name, doc);
  const std::string owner = kind.empty() ? std::string(name) : kind;
  if (writable) {
    cls.def(py::init([fields, owner](const py::kwargs& kwargs) {
              H h{};
              SetFields(*fields, owner, h, kwargs);
              return h;
            }),
            "Every field is a keyword argument; omitted fields keep their defaults.");
  }
  for (const FieldOps<H>& f : *fields) {
    py::cpp_function getter([get = f.get](const H& h) { return get(h); });
    if (f.set) {
      py::cpp_function setter([set = f.set](H& h, py::handle v) { set(h, v); }, py::is_method(cls));
      cls.def_property(f.name.c_str(), getter, setter);
    } else {
      cls.def_property_readonly(f.name.c_str(), getter);
    }
  }
  if (!kind.empty()) cls.attr("kind") = py::str(kind);
  cls.def("to_dict", [fields, kind](const H& h) {
    py::dict d;
    if (!kind.empty()) d["kind"] = py::str(kind);
    for (const FieldOps<H>& f : *fields) d[py::str(f.name)] = f.get(h);
    return d;
  }, "The fields as a dict (with 'kind' for events and commands).");
  cls.def("__repr__", [fields, name = std::string(name)](const H& h) {
    std::string out = name + "(";
    bool first = true;
    for (const FieldOps<H>& f : *fields) {
      absl::StrAppend(&out, first ? "" : ", ", f.name, "=",
                      std::string(py::repr(f.get(h))));
      first = false;
    }
    return out + ")";
  });
  cls.def("__eq__", [fields](const H& a, py::handle b) {
    if (!py::isinstance<H>(b)) return false;
    const H& other = b.cast<const H&>();
    for (const FieldOps<H>& f : *fields) {
      if (!f.get(a).equal(f.get(other))) return false;
    }
    return true;
  });
  cls.attr("__hash__") = py::none();
  return cls;
}

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_RECORD_H_
