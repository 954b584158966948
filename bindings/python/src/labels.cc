// Process-wide label ids for Python (labels.h).
#include "labels.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec.h"
#include "errors.h"

namespace acd::python {
namespace {

// The names by process-wide id: the built-ins, then the interned ones.
template <typename Label>
std::vector<std::string>& Table() {
  static auto* names = new std::vector<std::string>([] {
    if constexpr (std::is_same_v<Label, NotReadyReason>) {
      return NotReadyReasonNames(CenterLabels{});
    } else {
      return IntentNames(CenterLabels{});
    }
  }());
  return *names;
}

// Whether `name` could be a label a center declares.
template <typename Label>
bool LabelShaped(const std::string& name) {
  CenterLabels probe;
  if constexpr (std::is_same_v<Label, NotReadyReason>) {
    probe.not_ready_reasons = {name};
  } else {
    probe.intents = {name};
  }
  return CheckLabels(probe).empty();
}

template <typename Label>
Label Intern(const std::string& name, const std::string& field) {
  std::vector<std::string>& names = Table<Label>();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Label>(i);
  }
  if (names.size() > 255) {  // ids are one byte
    RaiseInvalid(absl::StrCat(field, ": too many distinct label names in this process"));
  }
  names.push_back(name);
  return static_cast<Label>(names.size() - 1);
}

template <typename Label>
Label Resolve(Label id, const CenterLabels& labels, const std::string& field) {
  const std::string& name = Table<Label>().at(static_cast<size_t>(id));
  if constexpr (std::is_same_v<Label, NotReadyReason>) {
    return Check(ResolveNotReadyReason(labels, field, name));
  } else {
    return Check(ResolveIntent(labels, field, name));
  }
}

}  // namespace

template <typename Label>
Label LabelCodec<Label>::Load(py::handle value, const std::string& field) {
  if (py::isinstance<py::str>(value)) {
    const std::string name = py::str(value);
    const std::vector<std::string>& names = Table<Label>();
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<Label>(i);
    }
    if (LabelShaped<Label>(name)) return Intern<Label>(name, field);
  }
  const CenterLabels none;
  std::vector<std::string> builtins;
  if constexpr (std::is_same_v<Label, NotReadyReason>) {
    builtins = NotReadyReasonNames(none);
  } else {
    builtins = IntentNames(none);
  }
  RaiseInvalid(absl::StrCat(field, ": expected one of ", absl::StrJoin(builtins, ", "),
                            " or a label the center declares; got ", DescribeValue(value)));
}

template <typename Label>
py::object LabelCodec<Label>::Dump(Label v) {
  return py::str(Table<Label>().at(static_cast<size_t>(v)));
}

template struct LabelCodec<NotReadyReason>;
template struct LabelCodec<Intent>;

NotReadyReason ToCenter(NotReadyReason id, const CenterLabels& labels, const std::string& field) {
  return Resolve(id, labels, field);
}
Intent ToCenter(Intent id, const CenterLabels& labels, const std::string& field) {
  return Resolve(id, labels, field);
}

NotReadyReason FromCenter(NotReadyReason id, const CenterLabels& labels) {
  return Intern<NotReadyReason>(LabelName(labels, id), "reason");
}
Intent FromCenter(Intent id, const CenterLabels& labels) {
  return Intern<Intent>(LabelName(labels, id), "intent");
}

}  // namespace acd::python
