#include "config/rule_names.h"

#include "absl/strings/str_cat.h"

namespace acd::config_internal {
namespace {

// The names ToString (acd/types.h) gives values 0..last of an enum.
template <typename Enum>
std::vector<std::string> NamesUpTo(Enum last) {
  std::vector<std::string> names;
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    names.emplace_back(ToString(static_cast<Enum>(i)));
  }
  return names;
}

}  // namespace

const std::vector<std::string>& RuleConditionNames() {
  static const auto* names = new std::vector<std::string>{
      "always",         "queue_length_at_least", "no_agent_logged_in",
      "no_agent_ready", "ewt_at_least",          "closed",
      "waiting_per_agent_at_least", "position_at_most", "position_at_least"};
  return *names;
}

const std::vector<std::string>& RuleActionNames() {
  static const auto* names = new std::vector<std::string>{
      "route",           "set_min_level", "raise_priority", "add_queue",
      "set_level_bounds", "require_skill", "drop_skill"};
  return *names;
}

const std::vector<std::string>& EmptyConditionNames() {
  static const auto* names = new std::vector<std::string>{
      "never", "no_agent_logged_in", "no_agent_ready"};
  return *names;
}

const std::vector<std::string>& EmptyFactorNames() {
  static const auto* names = new std::vector<std::string>{
      "penalty", "paused", "inuse", "ringing", "unavailable", "invalid", "unknown", "wrapup"};
  return *names;
}

const std::vector<std::string>& TriNames() {
  static const auto* names = new std::vector<std::string>{"any", "yes", "no"};
  return *names;
}

const std::vector<std::string>& WeekdayNames() {
  static const auto* names = new std::vector<std::string>{
      "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return *names;
}

const std::vector<std::string>& OverflowKindNames() {
  static const auto* names =
      new std::vector<std::string>(NamesUpTo(OverflowKind::kReject));
  return *names;
}

const std::vector<std::string>& StrategyNames() {
  static const auto* names =
      new std::vector<std::string>(NamesUpTo(Strategy::kBestSkillScore));
  return *names;
}

const std::vector<std::string>& MediaNames() {
  static const auto* names = new std::vector<std::string>(NamesUpTo(Media::kTask));
  return *names;
}

std::string_view NameOf(RuleCondition condition) {
  return RuleConditionNames().at(static_cast<size_t>(condition));
}

std::string_view NameOf(RuleActionKind action) {
  return RuleActionNames().at(static_cast<size_t>(action));
}

int ParseName(const std::string& text, const std::vector<std::string>& names,
              std::string_view what, const std::string& path,
              ErrorList* errors) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<int>(i);
  }
  errors->Add(path, absl::StrCat("unknown ", AbslView(what), " \"", text, "\"",
                                 NameHint(text, names)));
  return -1;
}

}  // namespace acd::config_internal
