// ValidateCenter, continued: each queue's overflow rules, leave-when-empty,
// decline path, announcements and callback policy, and the entry rules.
#include <algorithm>
#include <utility>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "acd/center.h"
#include "core/center_validate.h"
#include "core/engine_impl.h"

namespace acd::core {
namespace {

// The engine names a queue's rules in 8-bit indexes, the last of them
// kept for "no rule to come" (Call::next_rule).
constexpr size_t kMaxRulesPerQueue = kNoRule;

bool SelfMove(const OverflowAction& a, size_t queue) {
  return a.kind == OverflowKind::kQueue && a.queue == queue;
}

// A set_level_bounds rule's changes: each a level (1..10) or a step
// (-9..9, 0 = unchanged), and at least one of them a change.
void CheckLevelBounds(const std::string& path, const LevelBoundsChange& b,
                      ValidationErrors& errors) {
  const std::pair<const char*, const LevelChange*> changes[] = {
      {".min_level_change", &b.min_level},
      {".max_level_change", &b.max_level},
      {".level_cap_change", &b.level_cap}};
  for (const auto& [name, change] : changes) {
    if (change->relative && (change->value < 1 - kMaxLevel || change->value > kMaxLevel - 1)) {
      errors.Add(path, name, ": a step of ", change->value, " is outside -9..+9");
    } else if (!change->relative && (change->value < kMinLevel || change->value > kMaxLevel)) {
      errors.Add(path, name, ": ", change->value, " is outside 1..10");
    }
  }
  if (b == LevelBoundsChange{}) {
    errors.Add(path, ": action set_level_bounds changes nothing (give min_level_change, "
               "max_level_change or level_cap_change)");
  }
}

void CheckRule(const CenterConfig& c, size_t queue, size_t r, ValidationErrors& errors) {
  const OverflowRule& rule = c.queues[queue].rules[r];
  const std::string path = absl::StrCat("queues[", queue, "].rules[", r, "]");
  CheckMs(path + ".after_ms", rule.after_ms, false, errors);
  CheckMs(path + ".every_ms", rule.every_ms, false, errors);
  if (rule.every_ms > 0 && rule.every_ms < kMinRuleEveryMs) {
    errors.Add(path, ".every_ms: ", rule.every_ms, " ms is shorter than a recurring rule's ",
               kMinRuleEveryMs, " ms (0: the rule comes due once)");
  }
  switch (rule.condition) {
    case RuleCondition::kQueueLengthAtLeast:
      if (rule.threshold < 1 || rule.threshold > 1'000'000) {
        errors.Add(path, ".threshold: must be in 1..1000000 (calls waiting), got ",
                   rule.threshold);
      }
      break;
    case RuleCondition::kEwtAtLeast:
      CheckMs(path + ".threshold", rule.threshold, false, errors);
      break;
    case RuleCondition::kWaitingPerAgentAtLeast:
      if (rule.threshold < 1 || rule.threshold > 1'000'000) {
        errors.Add(path, ".threshold: must be in 1..1000000 (percent: calls waiting per "
                   "member logged in x 100), got ", rule.threshold);
      }
      break;
    case RuleCondition::kPositionAtMost:
    case RuleCondition::kPositionAtLeast:
      if (rule.threshold < 1 || rule.threshold > 1'000'000) {
        errors.Add(path, ".threshold: must be in 1..1000000 (a place in line, 1 = next), got ",
                   rule.threshold);
      }
      break;
    case RuleCondition::kAlways:
    case RuleCondition::kNoAgentLoggedIn:
    case RuleCondition::kNoAgentReady:
    case RuleCondition::kClosed:
      if (rule.threshold != 0) {
        errors.Add(path, ".threshold: only used with conditions queue_length_at_least, "
                   "ewt_at_least, waiting_per_agent_at_least, position_at_most and "
                   "position_at_least");
      }
      break;
    default:
      errors.Add(path, ".condition: ", static_cast<int>(rule.condition), " is not a condition");
  }
  if (rule.condition == RuleCondition::kClosed && c.calendar.always_open()) {
    errors.Add(path, ".condition: closed never holds: the center has no business hours "
               "(calendar)");
  }
  if (rule.action != RuleActionKind::kSetLevelBounds && rule.bounds != LevelBoundsChange{}) {
    errors.Add(path, ".bounds: only used with action set_level_bounds");
  }
  switch (rule.action) {
    case RuleActionKind::kRoute:
      if (rule.route.kind == OverflowKind::kNone) {
        errors.Add(path, ".route: action route needs a route (a queue or a terminal path)");
      }
      CheckAction(c, path + ".route", rule.route, errors);
      if (SelfMove(rule.route, queue)) {
        errors.Add(path, ".route.queue: the rule would move calls to '", c.queues[queue].name,
                   "', the queue they are in");
      }
      break;
    case RuleActionKind::kSetMinLevel:
      if (rule.level < kMinLevel || rule.level > kMaxLevel) {
        errors.Add(path, ".level: ", rule.level, " is outside 1..10");
      }
      break;
    case RuleActionKind::kRaisePriority:
      if (rule.priority_delta == 0 || rule.priority_delta < -2000 || rule.priority_delta > 2000) {
        errors.Add(path, ".priority_delta: must be one of -2000..2000 but 0, got ",
                   rule.priority_delta);
      }
      break;
    case RuleActionKind::kSetLevelBounds:
      CheckLevelBounds(path, rule.bounds, errors);
      break;
    case RuleActionKind::kRequireSkill:
      if (rule.level < kMinLevel || rule.level > kMaxLevel) {
        errors.Add(path, ".level: ", rule.level, " is outside 1..10");
      }
      [[fallthrough]];
    case RuleActionKind::kDropSkill:
      if (rule.skill >= c.skills.size()) {
        errors.Add(path, ".skill: ", rule.skill, " does not exist (the center has ",
                   c.skills.size(), " skills)");
      }
      break;
    case RuleActionKind::kAddQueue:
      if (rule.queue >= c.queues.size()) {
        errors.Add(path, ".queue: ", rule.queue, " does not exist (the center has ",
                   c.queues.size(), " queues)");
      } else if (rule.queue == queue) {
        errors.Add(path, ".queue: the call is already in '", c.queues[queue].name, "'");
      }
      break;
    default:
      errors.Add(path, ".action: ", static_cast<int>(rule.action), " is not an action");
  }
}

// The path of a queue's empty condition (leave_when_empty, join_empty):
// unused while the condition is off, required and valid once it is on,
// never back to the queue itself. The texts say why in each option's words.
struct EmptyPathTexts {
  const char* unused;     // ".action: never used: <unused>"
  const char* required;   // ".action: <required>"
  const char* self_before;  // ".action.queue: <self_before><name><self_after>"
  const char* self_after;
};

void CheckEmptyPath(const CenterConfig& c, size_t queue, const std::string& path, bool on,
                    const OverflowAction& action, const EmptyPathTexts& texts,
                    ValidationErrors& errors) {
  if (!on) {
    if (action.kind != OverflowKind::kNone) errors.Add(path, ".action: never used: ", texts.unused);
    return;
  }
  if (action.kind == OverflowKind::kNone) errors.Add(path, ".action: ", texts.required);
  CheckAction(c, path + ".action", action, errors);
  if (SelfMove(action, queue)) {
    errors.Add(path, ".action.queue: ", texts.self_before, c.queues[queue].name, texts.self_after);
  }
}

void CheckLeaveWhenEmpty(const CenterConfig& c, size_t queue, const std::string& path,
                         ValidationErrors& errors) {
  const LeaveWhenEmpty& leave = c.queues[queue].leave_when_empty;
  if (leave.condition > EmptyCondition::kNoAgentReady) {
    errors.Add(path, ".condition: ", static_cast<int>(leave.condition), " is not a condition");
  }
  if (leave.condition != EmptyCondition::kNever && leave.factors != 0) {
    errors.Add(path, ".factors: give a condition or factors, not both (the condition is a "
               "shorthand for a factor list)");
  }
  CheckEmptyPath(c, queue, path, LeaveFactors(leave) != 0, leave.action,
                 {"no condition or factor is set",
                  "an action is required with a condition or factors",
                  "calls would leave '", "' for itself"},
                 errors);
}

void CheckJoinEmpty(const CenterConfig& c, size_t queue, const std::string& path,
                    ValidationErrors& errors) {
  const JoinEmpty& join = c.queues[queue].join_empty;
  CheckEmptyPath(c, queue, path, join.factors != 0, join.action,
                 {"no factor is set", "a refused caller needs a path (factors are set)",
                  "a caller refused by '", "' would be sent to join it again"},
                 errors);
}

void CheckCallback(const CenterConfig& c, const CallbackPolicy& cb, const std::string& path,
                   ValidationErrors& errors) {
  if (!cb.same_queue && cb.queue >= c.queues.size()) {
    errors.Add(path, ".queue: ", cb.queue, " does not exist (the center has ", c.queues.size(),
               " queues)");
  }
  if (!cb.enabled) return;
  if (cb.max_attempts == 0 || cb.max_attempts > 100) {
    errors.Add(path, ".max_attempts: must be in 1..100 with callbacks on, got ", cb.max_attempts);
  }
  CheckMs(path + ".retry_ms", cb.retry_ms, true, errors);
  if (!(cb.retry_factor >= 1) || cb.retry_factor > 1000) {
    errors.Add(path, ".retry_factor: must be in 1..1000, got ", cb.retry_factor);
  }
  CheckMs(path + ".request_within_ms", cb.request_within_ms, true, errors);
  if (cb.priority_delta < -2000 || cb.priority_delta > 2000) {
    errors.Add(path, ".priority_delta: ", cb.priority_delta, " is outside -2000..2000");
  }
}

void CheckAnnouncements(const Announcements& a, const std::string& path,
                        ValidationErrors& errors) {
  CheckMs(path + ".first_ms", a.first_ms, false, errors);
  CheckMs(path + ".every_ms", a.every_ms, false, errors);
  CheckMs(path + ".ewt_round_ms", a.ewt_round_ms, true, errors);
}

void CheckPatterns(const std::string& path, const std::vector<std::string>& patterns,
                   ValidationErrors& errors) {
  for (size_t i = 0; i < patterns.size(); ++i) {
    const std::string& p = patterns[i];
    if (p.empty()) {
      errors.Add(path, "[", i, "]: must not be empty");
    } else if (p.find('*') < p.size() - 1) {
      errors.Add(path, "[", i, "]: '*' may only end a pattern (a prefix), got \"", p, "\"");
    }
  }
}

void CheckMatch(const CenterConfig& c, const EntryMatch& m, const std::string& path,
                ValidationErrors& errors) {
  CheckPatterns(path + ".dnis", m.dnis, errors);
  CheckPatterns(path + ".digits", m.digits, errors);
  CheckPatterns(path + ".languages", m.languages, errors);
  CheckPatterns(path + ".marketing_sources", m.marketing_sources, errors);
  for (size_t i = 0; i < m.intents.size(); ++i) {
    if (!KnowsLabel(c.labels, m.intents[i])) {
      errors.Add(path, ".intents[", i, "]: ", static_cast<int>(m.intents[i]),
                 " is not an intent of this center");
    }
  }
  const std::pair<const char*, Tri> switches[] = {{"vip", m.vip},
                                                  {"returning", m.returning},
                                                  {"internal", m.internal},
                                                  {"has_owner", m.has_owner},
                                                  {"open", m.open}};
  for (const auto& [field, value] : switches) {
    if (value > Tri::kNo) errors.Add(path, ".", field, ": ", static_cast<int>(value), " is not any, yes or no");
  }
  if (m.open == Tri::kNo && c.calendar.always_open()) {
    errors.Add(path, ".open: \"no\" never matches: the center has no business hours (calendar)");
  }
  CheckWindows(path + ".hours", m.hours, true, errors);
}

void CheckRequiredSkills(const CenterConfig& c, const EntryRule& rule, const std::string& path,
                         ValidationErrors& errors) {
  if (rule.required_skills.size() > kMaxRequiredSkills) {
    errors.Add(path, ".required_skills: ", rule.required_skills.size(), " given, at most ",
               kMaxRequiredSkills);
  }
  absl::flat_hash_set<SkillId> seen;
  for (size_t s = 0; s < rule.required_skills.size(); ++s) {
    const SkillLevel& need = rule.required_skills[s];
    const std::string spath = absl::StrCat(path, ".required_skills[", s, "]");
    if (need.skill >= c.skills.size()) {
      errors.Add(spath, ".skill: ", need.skill, " does not exist (the center has ",
                 c.skills.size(), " skills)");
    } else if (!seen.insert(need.skill).second) {
      errors.Add(spath, ".skill: '", c.skills[need.skill], "' is listed twice");
    }
    if (need.level < kMinLevel || need.level > kMaxLevel) {
      errors.Add(spath, ".level: ", need.level, " is outside 1..10");
    }
  }
  for (const SkillTerm& t : rule.skills_expr.terms()) {
    if (t.skill >= c.skills.size()) {
      errors.Add(path, ".skills_expr: skill ", t.skill, " does not exist (the center has ",
                 c.skills.size(), " skills)");
      return;
    }
  }
  if (rule.skills_expr.never()) {
    errors.Add(path, ".skills_expr: no agent can ever meet it");
    return;
  }
  const absl::StatusOr<SkillExpr> both =
      SkillExpr::And(SkillExpr::AllOf(rule.required_skills), rule.skills_expr);
  if (!both.ok()) {
    errors.Add(path, ".", both.status().message());
  } else if (both->never()) {
    errors.Add(path, ".skills_expr: no agent can ever meet '",
               rule.skills_expr.ToString(c.skills), "' together with required_skills");
  }
}

void CheckEntryRule(const CenterConfig& c, size_t i, ValidationErrors& errors) {
  const EntryRule& rule = c.entry_rules[i];
  const std::string path = absl::StrCat("entry_rules[", i, "]");
  CheckMatch(c, rule.match, path + ".match", errors);
  if (rule.route.kind == OverflowKind::kNone) {
    errors.Add(path, ".route: an entry rule needs a route (a queue or a terminal path)");
  }
  CheckAction(c, path + ".route", rule.route, errors);
  if (rule.route.kind != OverflowKind::kQueue && rule.route.kind != OverflowKind::kNone) {
    constexpr char kQueueOnly[] =
        ": only used when route.kind is \"queue\" (a terminal route ends the call at once)";
    if (rule.priority != 0) errors.Add(path, ".priority", kQueueOnly);
    if (rule.min_level != kMinLevel) errors.Add(path, ".min_level", kQueueOnly);
    if (!rule.required_skills.empty()) errors.Add(path, ".required_skills", kQueueOnly);
    if (!rule.skills_expr.always()) errors.Add(path, ".skills_expr", kQueueOnly);
    if (rule.wait_credit_ms != 0) errors.Add(path, ".wait_credit_ms", kQueueOnly);
    return;
  }
  if (rule.priority < -kMaxPriority || rule.priority > kMaxPriority) {
    errors.Add(path, ".priority: ", rule.priority, " is outside -1000..1000");
  }
  if (rule.min_level < kMinLevel || rule.min_level > kMaxLevel) {
    errors.Add(path, ".min_level: ", rule.min_level, " is outside 1..10");
  }
  if (rule.wait_credit_ms < -kMaxWaitCreditMs || rule.wait_credit_ms > kMaxWaitCreditMs) {
    errors.Add(path, ".wait_credit_ms: ", rule.wait_credit_ms, " is more than a day (",
               kMaxWaitCreditMs, " ms) either way");
  }
  CheckRequiredSkills(c, rule, path, errors);
}

// The engine keeps a waiting index per distinct skill requirement a queue
// is asked for (kMaxPoolsPerQueue, one of them for calls with none).
void CheckSkillSetsPerQueue(const CenterConfig& c, ValidationErrors& errors) {
  std::vector<absl::flat_hash_set<SkillExpr>> sets(c.queues.size());
  for (size_t i = 0; i < c.entry_rules.size(); ++i) {
    const EntryRule& rule = c.entry_rules[i];
    if (rule.route.kind != OverflowKind::kQueue || rule.route.queue >= c.queues.size()) continue;
    std::vector<SkillLevel> required = rule.required_skills;
    std::sort(required.begin(), required.end(),
              [](const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; });
    const absl::StatusOr<SkillExpr> key =
        SkillExpr::And(SkillExpr::AllOf(required), rule.skills_expr);
    if (!key.ok() || key->always() || key->never()) continue;
    auto& queue_sets = sets[rule.route.queue];
    if (queue_sets.insert(*key).second &&
        queue_sets.size() > static_cast<size_t>(kMaxPoolsPerQueue) - 1) {
      errors.Add("entry_rules[", i, "].", rule.skills_expr.always() ? "required_skills" : "skills_expr",
                 ": queue '", c.queues[rule.route.queue].name, "' is asked for more than ",
                 kMaxPoolsPerQueue - 1, " distinct skill requirements");
    }
  }
}

}  // namespace

void CheckQueueRules(const CenterConfig& c, size_t i, ValidationErrors& errors) {
  const QueueConfig& q = c.queues[i];
  const std::string path = absl::StrCat("queues[", i, "]");
  if (q.rules.size() > kMaxRulesPerQueue) {
    errors.Add(path, ".rules: ", q.rules.size(), " rules, at most ", kMaxRulesPerQueue);
  }
  absl::flat_hash_set<std::string> names;
  for (size_t r = 0; r < q.rules.size(); ++r) {
    CheckRule(c, i, r, errors);
    if (!q.rules[r].name.empty() && !names.insert(q.rules[r].name).second) {
      errors.Add(path, ".rules[", r, "].name: '", q.rules[r].name,
                 "' is used twice in this queue");
    }
  }
  CheckLeaveWhenEmpty(c, i, path + ".leave_when_empty", errors);
  CheckJoinEmpty(c, i, path + ".join_empty", errors);
  CheckAction(c, path + ".on_decline", q.on_decline, errors);
  if (SelfMove(q.on_decline, i)) {
    errors.Add(path, ".on_decline.queue: declined calls would stay in '", q.name,
               "'; use kind none to put them back in line");
  }
  CheckAnnouncements(q.announcements, path + ".announcements", errors);
  CheckCallback(c, q.callback, path + ".callback", errors);
}

void CheckEntryRules(const CenterConfig& c, ValidationErrors& errors) {
  absl::flat_hash_set<std::string> names;
  for (size_t i = 0; i < c.entry_rules.size(); ++i) {
    CheckEntryRule(c, i, errors);
    const std::string& name = c.entry_rules[i].name;
    if (!name.empty() && !names.insert(name).second) {
      errors.Add("entry_rules[", i, "].name: '", name, "' is used twice");
    }
  }
  CheckSkillSetsPerQueue(c, errors);
  if (c.entry_default.kind == OverflowKind::kNone) {
    errors.Add("entry_default.kind: must route somewhere (none is no route)");
  }
  CheckAction(c, "entry_default", c.entry_default, errors);
  CheckAction(c, "on_queue_removed", c.on_queue_removed, errors);
  if (c.on_queue_removed.kind == OverflowKind::kCallback && !c.on_queue_removed.has_queue) {
    errors.Add("on_queue_removed.queue: a callback capture must name the queue its callbacks "
               "wait in (the removed queue is gone)");
  }
}

}  // namespace acd::core
