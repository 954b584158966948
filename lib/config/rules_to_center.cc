// A queue's overflow rules, leave-when-empty, decline path, announcements
// and callback policy; the center's entry rules, default and boosts.
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "config/converter.h"
#include "config/rule_names.h"

namespace acd::config_internal {
namespace {

constexpr char kQueueOnly[] =
    "only used when route.kind is \"queue\" (a terminal route ends the "
    "call at once)";

// "only used with action \"x\"".
std::string OnlyWithAction(RuleActionKind action) {
  return absl::StrCat("only used with action \"", AbslView(NameOf(action)),
                      "\"");
}

// A set_level_bounds change: "" (none), "N" (to N) or "+N" / "-N" (a step
// from the caller's current value). The range is ValidateCenter's to check.
bool ParseLevelChange(const std::string& text, LevelChange* out) {
  *out = LevelChange{};
  if (text.empty()) return true;
  size_t i = 0;
  int sign = 0;
  if (text[0] == '+' || text[0] == '-') {
    sign = text[0] == '+' ? 1 : -1;
    i = 1;
  }
  if (i == text.size() || text.size() - i > 3) return false;
  int value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out->relative = sign != 0;
  out->value = sign == 0 ? value : sign * value;
  return true;
}

}  // namespace

uint8_t Converter::EmptyFactors(const google::protobuf::RepeatedPtrField<std::string>& names,
                                const std::string& path) {
  uint8_t factors = 0;
  for (int i = 0; i < names.size(); ++i) {
    const std::string factor_path = IndexPath(path, i);
    int bit = 0;
    if (!ParseEnum(names[i], EmptyFactorNames(), "factor", factor_path, errors_, &bit)) continue;
    const uint8_t mask = static_cast<uint8_t>(1u << bit);
    if ((factors & mask) != 0) {
      errors_->Add(factor_path, absl::StrCat("\"", names[i], "\" is listed twice"));
    }
    factors |= mask;
  }
  return factors;
}

void Converter::QueueRules(const v1::Queue& in, const std::string& path,
                           QueueConfig* out) {
  for (int i = 0; i < in.rules_size(); ++i) {
    out->rules.push_back(
        Rule(in.rules(i), IndexPath(JoinPath(path, "rules"), i)));
  }
  if (in.has_leave_when_empty()) {
    const v1::LeaveWhenEmpty& leave = in.leave_when_empty();
    const std::string leave_path = JoinPath(path, "leave_when_empty");
    if (!leave.condition().empty() &&
        !ParseEnum(leave.condition(), EmptyConditionNames(), "condition",
                   JoinPath(leave_path, "condition"), errors_,
                   &out->leave_when_empty.condition)) {
      // A stand-in that uses the action keeps later checks quiet.
      out->leave_when_empty.condition = EmptyCondition::kNoAgentLoggedIn;
    }
    out->leave_when_empty.factors =
        EmptyFactors(leave.factors(), JoinPath(leave_path, "factors"));
    if (leave.has_action()) {
      out->leave_when_empty.action =
          Action(leave.action(), JoinPath(leave_path, "action"));
    }
  }
  if (in.has_join_empty()) {
    const v1::JoinEmpty& join = in.join_empty();
    const std::string join_path = JoinPath(path, "join_empty");
    out->join_empty.factors = EmptyFactors(join.factors(), JoinPath(join_path, "factors"));
    if (join.has_action()) {
      out->join_empty.action = Action(join.action(), JoinPath(join_path, "action"));
    }
  }
  if (in.has_on_decline()) {
    out->on_decline = Action(in.on_decline(), JoinPath(path, "on_decline"));
  }
  out->owner_first_ms = in.owner_first_ms();
  out->progressive_ring_ms = in.progressive_ring_ms();
  out->ignore_delays_up_to_members = in.ignore_delays_up_to_members();
  out->ring_in_use = in.ring_in_use();
  out->max_wait_cuts_ring = in.max_wait_cuts_ring();
  out->level_first = in.level_first();
  out->ignore_levels_up_to_members = in.ignore_levels_up_to_members();
  out->skip_empty_delays = in.skip_empty_delays();
  out->counters_since_ready = in.counters_since_ready();
  out->wrapup_here_only = in.wrapup_here_only();
  out->auto_pause_here_only = in.auto_pause_here_only();
  out->auto_pause_delay_ms = in.auto_pause_delay_ms();
  out->auto_pause_busy = in.auto_pause_busy();
  out->auto_pause_unavailable = in.auto_pause_unavailable();
  out->counters_here_only = in.counters_here_only();
  out->rules_from_arrival = in.rules_from_arrival();
  out->keep_rules_at_entry = in.keep_rules_at_entry();
  out->ring_timeout_moves_on = in.ring_timeout_moves_on();
  if (!in.media().empty()) {
    ParseEnum(in.media(), MediaNames(), "media", JoinPath(path, "media"), errors_, &out->media);
  }
  const v1::Announcements& say = in.announcements();
  out->announcements.first_ms = say.first_ms();
  out->announcements.every_ms = say.every_ms();
  out->announcements.position_limit = say.position_limit();
  if (say.has_ewt()) out->announcements.ewt = say.ewt();
  if (say.has_ewt_round_ms()) out->announcements.ewt_round_ms = say.ewt_round_ms();
  if (in.has_expected_handle_ms()) {
    out->expected_handle_ms = in.expected_handle_ms();
  }
  if (in.has_callback()) {
    out->callback = Callback(in.callback(), JoinPath(path, "callback"));
  }
}

OverflowRule Converter::Rule(const v1::OverflowRule& in,
                             const std::string& path) {
  OverflowRule rule;
  rule.name = in.name();
  rule.after_ms = in.after_ms();
  rule.every_ms = in.every_ms();
  if (!in.condition().empty()) {
    ParseEnum(in.condition(), RuleConditionNames(), "condition",
              JoinPath(path, "condition"), errors_, &rule.condition);
  }
  rule.threshold = in.threshold();
  if (!in.action().empty() &&
      !ParseEnum(in.action(), RuleActionNames(), "action",
                 JoinPath(path, "action"), errors_, &rule.action)) {
    // The fields below depend on the action: a valid stand-in that uses
    // none of them keeps the checks that follow quiet.
    rule.action = RuleActionKind::kSetMinLevel;
    return rule;
  }
  const RuleActionKind action = rule.action;
  if (in.has_route()) {
    if (action == RuleActionKind::kRoute) {
      rule.route = Action(in.route(), JoinPath(path, "route"));
    } else {
      errors_->Add(JoinPath(path, "route"),
                   OnlyWithAction(RuleActionKind::kRoute));
    }
  }
  const bool takes_level =
      action == RuleActionKind::kSetMinLevel || action == RuleActionKind::kRequireSkill;
  if (in.has_level() && !takes_level) {
    errors_->Add(JoinPath(path, "level"),
                 "only used with action \"set_min_level\" or \"require_skill\"");
  } else if (takes_level) {
    if (in.has_level()) {
      rule.level = in.level();
    } else {
      errors_->Add(JoinPath(path, "level"),
                   absl::StrCat("missing: action \"", RuleActionNames()[static_cast<int>(action)],
                                "\" needs the level (1..10)"));
    }
  }
  const bool takes_skill =
      action == RuleActionKind::kRequireSkill || action == RuleActionKind::kDropSkill;
  if (!in.skill().empty() && !takes_skill) {
    errors_->Add(JoinPath(path, "skill"),
                 "only used with action \"require_skill\" or \"drop_skill\"");
  } else if (takes_skill) {
    if (in.skill().empty()) {
      errors_->Add(JoinPath(path, "skill"),
                   absl::StrCat("missing: action \"", RuleActionNames()[static_cast<int>(action)],
                                "\" needs the skill it changes"));
    } else {
      rule.skill = skills_.Find(in.skill(), JoinPath(path, "skill"), errors_);
    }
  }
  if (in.priority_delta() != 0 && action != RuleActionKind::kRaisePriority) {
    errors_->Add(JoinPath(path, "priority_delta"),
                 OnlyWithAction(RuleActionKind::kRaisePriority));
  }
  rule.priority_delta = in.priority_delta();
  const std::pair<const std::string*, LevelChange*> changes[] = {
      {&in.min_level_change(), &rule.bounds.min_level},
      {&in.max_level_change(), &rule.bounds.max_level},
      {&in.level_cap_change(), &rule.bounds.level_cap}};
  const char* const change_names[] = {"min_level_change", "max_level_change", "level_cap_change"};
  for (int i = 0; i < 3; ++i) {
    const std::string& text = *changes[i].first;
    const std::string change_path = JoinPath(path, change_names[i]);
    if (!text.empty() && action != RuleActionKind::kSetLevelBounds) {
      errors_->Add(change_path, OnlyWithAction(RuleActionKind::kSetLevelBounds));
    } else if (!ParseLevelChange(text, changes[i].second)) {
      errors_->Add(change_path,
                   absl::StrCat("\"", text,
                                "\" is neither a level (1..10) nor a step (+N or -N, 1..9)"));
      *changes[i].second = LevelChange{false, kMinLevel};  // a valid stand-in: no more errors
    }
  }
  if (action == RuleActionKind::kAddQueue) {
    rule.queue = queues_.Find(in.queue(), JoinPath(path, "queue"), errors_);
  } else if (!in.queue().empty()) {
    errors_->Add(JoinPath(path, "queue"),
                 absl::StrCat(OnlyWithAction(RuleActionKind::kAddQueue),
                              " (action \"route\" takes route.queue)"));
  }
  return rule;
}

CallbackPolicy Converter::Callback(const v1::CallbackPolicy& in,
                                   const std::string& path) {
  CallbackPolicy policy;
  policy.enabled = in.has_enabled() ? in.enabled() : true;
  if (!in.queue().empty()) {
    policy.same_queue = false;
    policy.queue = queues_.Find(in.queue(), JoinPath(path, "queue"), errors_);
  }
  if (in.has_keep_place()) policy.keep_place = in.keep_place();
  if (in.has_max_attempts()) policy.max_attempts = in.max_attempts();
  if (in.has_retry_ms()) policy.retry_ms = in.retry_ms();
  if (in.has_retry_factor()) policy.retry_factor = in.retry_factor();
  if (in.has_request_within_ms()) policy.request_within_ms = in.request_within_ms();
  policy.priority_delta = in.priority_delta();
  return policy;
}

void Converter::EntryRules(CenterConfig* out) {
  for (int i = 0; i < proto_.entry_rules_size(); ++i) {
    out->entry_rules.push_back(
        Entry(proto_.entry_rules(i), IndexPath("entry_rules", i)));
  }
  if (proto_.has_entry_default()) {
    out->entry_default = Action(proto_.entry_default(), "entry_default");
  }
  const v1::PriorityBoosts& boosts = proto_.boosts();
  if (boosts.has_external()) out->boosts.external = boosts.external();
  out->boosts.vip = boosts.vip();
  out->boosts.returning = boosts.returning();
  out->resume_place_ms = proto_.resume_place_ms();
  if (proto_.has_on_queue_removed()) {
    out->on_queue_removed = Action(proto_.on_queue_removed(), "on_queue_removed");
  }
}

EntryRule Converter::Entry(const v1::EntryRule& in, const std::string& path) {
  EntryRule rule;
  rule.name = in.name();
  // The name is how a call's history, the queue log and the checks' own
  // messages point at the rule; an empty one would point nowhere.
  if (in.name().empty()) {
    errors_->Add(JoinPath(path, "name"),
                 "missing: every entry rule needs a name (calls' histories and "
                 "messages name the rule by it)");
  }
  rule.match = Match(in.match(), JoinPath(path, "match"));
  if (in.has_route()) rule.route = Action(in.route(), JoinPath(path, "route"));
  const bool to_queue = rule.route.kind == OverflowKind::kQueue ||
                        rule.route.kind == OverflowKind::kNone;
  if (!to_queue && in.priority() != 0) {
    errors_->Add(JoinPath(path, "priority"), kQueueOnly);
  }
  if (!to_queue && in.has_min_level()) {
    errors_->Add(JoinPath(path, "min_level"), kQueueOnly);
  }
  if (!to_queue && in.required_skills_size() > 0) {
    errors_->Add(JoinPath(path, "required_skills"), kQueueOnly);
  }
  if (!to_queue && in.wait_credit_ms() != 0) {
    errors_->Add(JoinPath(path, "wait_credit_ms"), kQueueOnly);
  }
  if (!to_queue && !in.skills_expr().empty()) {
    errors_->Add(JoinPath(path, "skills_expr"), kQueueOnly);
  } else if (!in.skills_expr().empty()) {
    absl::StatusOr<SkillExpr> expr =
        ParseSkillExpr(in.skills_expr(), skill_names_, "skills_expr");
    if (expr.ok()) {
      rule.skills_expr = *std::move(expr);
    } else {
      // The parser's message starts with the field's name; the path says it.
      std::string message(expr.status().message());
      message = message.substr(message.find(": ") + 2);
      errors_->Add(JoinPath(path, "skills_expr"), message);
    }
  }
  rule.priority = in.priority();
  rule.min_level = in.has_min_level() ? in.min_level() : kMinLevel;
  rule.wait_credit_ms = in.wait_credit_ms();
  for (int i = 0; i < in.required_skills_size(); ++i) {
    const v1::SkillRequirement& need = in.required_skills(i);
    const std::string need_path =
        IndexPath(JoinPath(path, "required_skills"), i);
    SkillLevel skill;
    skill.skill =
        skills_.Find(need.skill(), JoinPath(need_path, "skill"), errors_);
    skill.level = need.has_level() ? need.level() : kMinLevel;
    rule.required_skills.push_back(skill);
  }
  return rule;
}

EntryMatch Converter::Match(const v1::EntryMatch& in, const std::string& path) {
  EntryMatch match;
  match.dnis.assign(in.dnis().begin(), in.dnis().end());
  match.digits.assign(in.digits().begin(), in.digits().end());
  match.languages.assign(in.languages().begin(), in.languages().end());
  match.marketing_sources.assign(in.marketing_sources().begin(),
                                 in.marketing_sources().end());
  for (int i = 0; i < in.intents_size(); ++i) {
    Intent intent = Intent::kUnknown;
    if (ParseEnum(in.intents(i), intent_names_, "intent",
                  IndexPath(JoinPath(path, "intents"), i), errors_, &intent)) {
      match.intents.push_back(intent);
    }
  }
  const auto tri = [&](const std::string& text, const char* field, Tri* out) {
    if (!text.empty()) {
      ParseEnum(text, TriNames(), "switch", JoinPath(path, field), errors_,
                out);
    }
  };
  tri(in.vip(), "vip", &match.vip);
  tri(in.returning(), "returning", &match.returning);
  tri(in.internal(), "internal", &match.internal);
  tri(in.has_owner(), "has_owner", &match.has_owner);
  tri(in.open(), "open", &match.open);
  match.hours = Windows(in.hours(), JoinPath(path, "hours"),
                        /*weekdays_used=*/true);
  return match;
}

}  // namespace acd::config_internal
