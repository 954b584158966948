// Conversions between Python values and the fields of acd's plain structs
// (events, commands, views): Codec<M>::Load(value, field) checks the value
// and raises acd.InvalidArgument naming `field` and the reason; Dump gives
// the Python value. Enums travel as their names ("ready", "no_answer"),
// the same names the library prints and the center files use.
//
// Thread-safety: call with the GIL held.
#ifndef ACD_BINDINGS_PYTHON_CODEC_H_
#define ACD_BINDINGS_PYTHON_CODEC_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <pybind11/pybind11.h>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/event.h"
#include "acd/skill_expr.h"
#include "acd/types.h"
#include "errors.h"
#include "labels.h"

namespace acd::python {

// "int 'abc'" style description of a bad value, for messages.
std::string DescribeValue(py::handle value);

template <typename M, typename = void>
struct Codec;

// Integers (ids, times, counts): any Python integer (or numpy integer)
// within M's range; bool is refused.
template <typename M>
struct Codec<M, std::enable_if_t<std::is_integral_v<M> && !std::is_same_v<M, bool>>> {
  static M Load(py::handle value, const std::string& field) {
    PyObject* p = value.ptr();
    if (PyBool_Check(p) || !PyIndex_Check(p)) {
      RaiseInvalid(absl::StrCat(field, ": expected an integer, got ", DescribeValue(value)));
    }
    py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(p));
    if (!index) throw py::error_already_set();
    int overflow = 0;
    if constexpr (std::is_signed_v<M>) {
      const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
      if (overflow == 0 && v >= std::numeric_limits<M>::min() &&
          v <= std::numeric_limits<M>::max()) {
        return static_cast<M>(v);
      }
    } else {
      const long long sign = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
      if (overflow >= 0 && !(overflow == 0 && sign < 0)) {
        const unsigned long long v = PyLong_AsUnsignedLongLong(index.ptr());
        if (!PyErr_Occurred() && v <= std::numeric_limits<M>::max()) return static_cast<M>(v);
        PyErr_Clear();
      }
    }
    RaiseInvalid(absl::StrCat(field, ": expected an integer in [",
                              static_cast<long long>(std::numeric_limits<M>::min()), ", ",
                              static_cast<unsigned long long>(std::numeric_limits<M>::max()),
                              "], got ", DescribeValue(value)));
  }
  static py::object Dump(M v) { return py::int_(v); }
};

template <>
struct Codec<bool> {
  static bool Load(py::handle value, const std::string& field);
  static py::object Dump(bool v) { return py::bool_(v); }
};

template <>
struct Codec<std::string> {
  static std::string Load(py::handle value, const std::string& field);
  static py::object Dump(const std::string& v) { return py::str(v); }
};

// The names of an enum's values, in value order.
template <typename E>
const std::vector<std::string>& EnumNames();

template <typename E>
struct Codec<E, std::enable_if_t<std::is_enum_v<E>>> {
  static E Load(py::handle value, const std::string& field);
  static py::object Dump(E v) { return py::str(EnumNames<E>()[static_cast<size_t>(v)]); }
};

// Not-ready reasons and intents are open labels (labels.h).
template <>
struct Codec<NotReadyReason> : LabelCodec<NotReadyReason> {};
template <>
struct Codec<Intent> : LabelCodec<Intent> {};

// Skill levels: a list of (skill id, level) pairs; each may also be a
// dict {"skill": id, "level": n}.
SkillLevel LoadSkillLevel(py::handle value, const std::string& field);
template <typename V>
struct Codec<V, std::enable_if_t<std::is_same_v<typename V::value_type, SkillLevel>>> {
  static V Load(py::handle value, const std::string& field) {
    if (!py::isinstance<py::sequence>(value) || py::isinstance<py::str>(value)) {
      RaiseInvalid(absl::StrCat(field, ": expected a list of (skill, level) pairs, got ",
                                DescribeValue(value)));
    }
    V out;
    size_t i = 0;
    for (py::handle item : value) {
      out.push_back(LoadSkillLevel(item, absl::StrCat(field, "[", i++, "]")));
    }
    return out;
  }
  static py::object Dump(const V& v) {
    py::list out;
    for (const SkillLevel& s : v) out.append(py::make_tuple(s.skill, s.level));
    return out;
  }
};

// CallAttributes: an acd.CallAttributes or a dict of its fields (the
// dict's fields are checked by the bound class's table, events.cc).
CallAttributes AttributesFromDict(const py::dict& fields, const std::string& field);
// An optional value (AgentSetLevel's queue): None, or M's value.
template <typename M>
struct Codec<std::optional<M>> {
  static std::optional<M> Load(py::handle value, const std::string& field) {
    if (value.is_none()) return std::nullopt;
    return Codec<M>::Load(value, field);
  }
  static py::object Dump(const std::optional<M>& v) {
    return v ? Codec<M>::Dump(*v) : py::object(py::none());
  }
};

template <>
struct Codec<CallAttributes> {
  static CallAttributes Load(py::handle value, const std::string& field);
  static py::object Dump(const CallAttributes& v);
};

// Agent lists (CallView::ringing).
template <>
struct Codec<std::vector<AgentId>> {
  static py::object Dump(const std::vector<AgentId>& v) {
    py::list out;
    for (AgentId a : v) out.append(a);
    return out;
  }
};

// An agent's pauses in one queue (AgentView::paused_queues): a list of
// (queue id, reason) pairs, as skill levels are (skill, level) pairs.
template <>
struct Codec<std::vector<AgentView::QueuePause>> {
  static py::object Dump(const std::vector<AgentView::QueuePause>& v) {
    py::list out;
    for (const AgentView::QueuePause& p : v) {
      out.append(py::make_tuple(p.queue, Codec<NotReadyReason>::Dump(p.reason)));
    }
    return out;
  }
};

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_CODEC_H_
