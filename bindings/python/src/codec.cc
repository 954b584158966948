// The Codec specialisations that are not templates (codec.h).
#include "codec.h"

#include <string>

#include "absl/strings/str_join.h"

namespace acd::python {
namespace {

template <typename E>
std::vector<std::string> NamesByToString(int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.emplace_back(ToString(static_cast<E>(i)));
  return names;
}

}  // namespace

std::string DescribeValue(py::handle value) {
  std::string repr = py::repr(value);
  if (repr.size() > 60) repr = repr.substr(0, 57) + "...";
  return absl::StrCat(std::string(py::str(py::type::handle_of(value).attr("__name__"))), " ",
                      repr);
}

// The value counts of the enums that travel to and from Python; the names
// are the library's own (acd::ToString).
template <>
const std::vector<std::string>& EnumNames<AgentState>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<AgentState>(6));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<CallState>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<CallState>(6));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<Disposition>() {
  static const auto* n =
      new std::vector<std::string>(NamesByToString<Disposition>(kDispositionCount));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<OverflowKind>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<OverflowKind>(7));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<CancelReason>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<CancelReason>(7));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<DialOutcome>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<DialOutcome>(5));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<RouteCause>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<RouteCause>(9));
  return *n;
}
template <>
const std::vector<std::string>& EnumNames<EndedBy>() {
  static const auto* n = new std::vector<std::string>(NamesByToString<EndedBy>(3));
  return *n;
}
// DeclineReason has no ToString in the library; these are the names
// DescribeEvent prints.
template <>
const std::vector<std::string>& EnumNames<DeclineReason>() {
  static const auto* n = new std::vector<std::string>{"declined", "busy", "unavailable"};
  return *n;
}

template <typename E>
E Codec<E, std::enable_if_t<std::is_enum_v<E>>>::Load(py::handle value, const std::string& field) {
  const std::vector<std::string>& names = EnumNames<E>();
  if (py::isinstance<py::str>(value)) {
    const std::string name = py::str(value);
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<E>(i);
    }
  }
  RaiseInvalid(absl::StrCat(field, ": expected one of ", absl::StrJoin(names, ", "), "; got ",
                            DescribeValue(value)));
}

template struct Codec<AgentState>;
template struct Codec<CallState>;
template struct Codec<Disposition>;
template struct Codec<OverflowKind>;
template struct Codec<CancelReason>;
template struct Codec<DialOutcome>;
template struct Codec<RouteCause>;
template struct Codec<DeclineReason>;
template struct Codec<EndedBy>;

bool Codec<bool>::Load(py::handle value, const std::string& field) {
  if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
  // numpy.bool_ and other bool-like scalars that are not integers.
  const std::string type_name = py::str(py::type::handle_of(value).attr("__name__"));
  if (type_name == "bool_" || type_name == "bool") return value.cast<bool>();
  RaiseInvalid(absl::StrCat(field, ": expected True or False, got ", DescribeValue(value)));
}

std::string Codec<std::string>::Load(py::handle value, const std::string& field) {
  if (!py::isinstance<py::str>(value)) {
    RaiseInvalid(absl::StrCat(field, ": expected a string, got ", DescribeValue(value)));
  }
  return py::str(value);
}

SkillLevel LoadSkillLevel(py::handle value, const std::string& field) {
  SkillLevel s;
  if (py::isinstance<py::dict>(value)) {
    py::dict d = py::reinterpret_borrow<py::dict>(value);
    for (auto [key, v] : d) {
      const std::string name = py::str(key);
      if (name == "skill") {
        s.skill = Codec<SkillId>::Load(v, absl::StrCat(field, ".skill"));
      } else if (name == "level") {
        s.level = Codec<int>::Load(v, absl::StrCat(field, ".level"));
      } else {
        RaiseInvalid(absl::StrCat(field, ": unknown key '", name, "' (skill, level)"));
      }
    }
    return s;
  }
  if (py::isinstance<py::sequence>(value) && !py::isinstance<py::str>(value) &&
      py::len(value) == 2) {
    py::sequence seq = py::reinterpret_borrow<py::sequence>(value);
    s.skill = Codec<SkillId>::Load(seq[0], absl::StrCat(field, ".skill"));
    s.level = Codec<int>::Load(seq[1], absl::StrCat(field, ".level"));
    return s;
  }
  RaiseInvalid(absl::StrCat(field, ": expected a (skill, level) pair, got ",
                            DescribeValue(value)));
}

CallAttributes Codec<CallAttributes>::Load(py::handle value, const std::string& field) {
  if (py::isinstance<CallAttributes>(value)) return value.cast<CallAttributes>();
  if (py::isinstance<py::dict>(value)) {
    return AttributesFromDict(py::reinterpret_borrow<py::dict>(value), field);
  }
  RaiseInvalid(absl::StrCat(field, ": expected acd.CallAttributes or a dict, got ",
                            DescribeValue(value)));
}

py::object Codec<CallAttributes>::Dump(const CallAttributes& v) { return py::cast(v); }

}  // namespace acd::python
