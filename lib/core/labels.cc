// Center labels (acd/labels.h): ids, names and their checks.
#include "acd/labels.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace acd {
namespace {

// What the two kinds differ in, for the shared code below.
template <typename Label>
struct Kind;
template <>
struct Kind<NotReadyReason> {
  static constexpr int kBuiltins = kBuiltinNotReadyReasons;
  static constexpr const char* kWhat = "a not-ready reason";
  static const std::vector<std::string>& Declared(const CenterLabels& l) {
    return l.not_ready_reasons;
  }
};
template <>
struct Kind<Intent> {
  static constexpr int kBuiltins = kBuiltinIntents;
  static constexpr const char* kWhat = "an intent";
  static const std::vector<std::string>& Declared(const CenterLabels& l) { return l.intents; }
};

template <typename Label>
bool Knows(const CenterLabels& labels, Label label) {
  const size_t id = static_cast<size_t>(label);
  return id < Kind<Label>::kBuiltins + Kind<Label>::Declared(labels).size();
}

template <typename Label>
std::string Name(const CenterLabels& labels, Label label) {
  const int id = static_cast<int>(label);
  if (id < Kind<Label>::kBuiltins) return std::string(ToString(label));
  const std::vector<std::string>& declared = Kind<Label>::Declared(labels);
  const size_t i = static_cast<size_t>(id - Kind<Label>::kBuiltins);
  return i < declared.size() ? declared[i] : absl::StrCat("#", id);
}

template <typename Label>
std::vector<std::string> Names(const CenterLabels& labels) {
  std::vector<std::string> names;
  for (int i = 0; i < Kind<Label>::kBuiltins; ++i) {
    names.emplace_back(ToString(static_cast<Label>(i)));
  }
  for (const std::string& s : Kind<Label>::Declared(labels)) names.push_back(s);
  return names;
}

template <typename Label>
absl::StatusOr<Label> Resolve(const CenterLabels& labels, std::string_view field,
                              std::string_view name) {
  const std::vector<std::string> names = Names<Label>(labels);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Label>(i);
  }
  return absl::InvalidArgumentError(absl::StrCat(std::string(field), ": '", std::string(name), "' is not ",
                                                 Kind<Label>::kWhat, " of this center; it declares ",
                                                 absl::StrJoin(names, ", ")));
}

template <typename Label>
void Check(const CenterLabels& labels, const char* path, std::vector<std::string>& problems) {
  const std::vector<std::string>& declared = Kind<Label>::Declared(labels);
  if (declared.size() > kMaxCenterLabels) {
    problems.push_back(absl::StrCat(path, ": ", declared.size(), " labels, at most ",
                                    kMaxCenterLabels));
  }
  const std::vector<std::string> names = Names<Label>(labels);
  for (size_t i = 0; i < declared.size(); ++i) {
    const std::string& s = declared[i];
    if (!IsLabelName(s)) {
      problems.push_back(absl::StrCat(path, "[", i, "]: '", s,
                                      "' is not a label name (a lower-case letter, then "
                                      "letters, digits or '_', at most ",
                                      kMaxLabelName, ")"));
      continue;
    }
    const size_t id = Kind<Label>::kBuiltins + i;
    for (size_t j = 0; j < id; ++j) {
      if (names[j] == s) {
        problems.push_back(absl::StrCat(
            path, "[", i, "]: '", s, "' is ",
            j < static_cast<size_t>(Kind<Label>::kBuiltins) ? "a built-in name"
                                                            : "declared twice"));
        break;
      }
    }
  }
}

}  // namespace

bool IsLabelName(std::string_view s) {
  if (s.empty() || s.size() > kMaxLabelName || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool KnowsLabel(const CenterLabels& labels, NotReadyReason reason) { return Knows(labels, reason); }
bool KnowsLabel(const CenterLabels& labels, Intent intent) { return Knows(labels, intent); }

std::string LabelName(const CenterLabels& labels, NotReadyReason reason) {
  return Name(labels, reason);
}
std::string LabelName(const CenterLabels& labels, Intent intent) { return Name(labels, intent); }

absl::StatusOr<NotReadyReason> ResolveNotReadyReason(const CenterLabels& labels,
                                                     std::string_view field,
                                                     std::string_view name) {
  return Resolve<NotReadyReason>(labels, field, name);
}
absl::StatusOr<Intent> ResolveIntent(const CenterLabels& labels, std::string_view field,
                                     std::string_view name) {
  return Resolve<Intent>(labels, field, name);
}

std::vector<std::string> NotReadyReasonNames(const CenterLabels& labels) {
  return Names<NotReadyReason>(labels);
}
std::vector<std::string> IntentNames(const CenterLabels& labels) { return Names<Intent>(labels); }

std::vector<std::string> CheckLabels(const CenterLabels& labels) {
  std::vector<std::string> problems;
  Check<NotReadyReason>(labels, "labels.not_ready_reasons", problems);
  Check<Intent>(labels, "labels.intents", problems);
  return problems;
}

}  // namespace acd
