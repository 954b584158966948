// ValidateCenter: every field of a CenterConfig, with the field path in
// the message. All errors are reported at once, one per line. This file:
// the roster, the queues' own fields and the overflow loops; the calendar
// and the rules are checked in center_validate_rules.cc.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "acd/center.h"
#include "core/center_validate.h"

namespace acd {
namespace core {

void CheckMs(const std::string& path, TimeMs value, bool positive, ValidationErrors& errors) {
  if (positive && value <= 0) {
    errors.Add(path, ": must be > 0, got ", value);
  } else if (value < 0) {
    errors.Add(path, ": must be >= 0, got ", value);
  } else if (value > kMaxDurationMs) {
    errors.Add(path, ": ", value, " is more than a year (", kMaxDurationMs, " ms)");
  }
}

void CheckAction(const CenterConfig& c, const std::string& path, const OverflowAction& a,
                 ValidationErrors& errors) {
  if (a.kind > OverflowKind::kReject) {
    errors.Add(path, ".kind: ", static_cast<int>(a.kind), " is not an overflow kind");
  }
  if (a.kind == OverflowKind::kQueue && a.queue >= c.queues.size()) {
    errors.Add(path, ".queue: ", a.queue, " does not exist (the center has ", c.queues.size(),
               " queues)");
  }
  if (a.kind == OverflowKind::kExternal && a.target.empty()) {
    errors.Add(path, ".target: kind external needs the number to route to");
  }
  if (a.has_queue && a.kind != OverflowKind::kCallback) {
    errors.Add(path, ".has_queue: only a callback action names the queue its callback waits in");
  }
  if (a.has_queue && a.kind == OverflowKind::kCallback) {
    if (a.queue >= c.queues.size()) {
      errors.Add(path, ".queue: ", a.queue, " does not exist (the center has ", c.queues.size(),
                 " queues)");
    } else if (!c.queues[a.queue].callback.enabled) {
      errors.Add(path, ".queue: '", c.queues[a.queue].name,
                 "' takes no callbacks (give it a callback policy)");
    }
  }
}

}  // namespace core

namespace {

using core::ValidationErrors;

// The weights of strategy best_skill_score, used by it alone.
void CheckSkillWeights(const CenterConfig& c, const QueueConfig& q, const std::string& path,
                       ValidationErrors& errors) {
  const bool scored = q.strategy == Strategy::kBestSkillScore;
  if (scored && q.skill_weights.empty()) {
    errors.Add(path, ".skill_weights: strategy best_skill_score needs at least one skill weight");
  }
  if (!scored && !q.skill_weights.empty()) {
    errors.Add(path, ".skill_weights: only used with strategy best_skill_score (this queue's is ",
               std::string(ToString(q.strategy)), ")");
  }
  if (q.skill_weights.size() > kMaxSkillWeights) {
    errors.Add(path, ".skill_weights: ", q.skill_weights.size(), " given, at most ",
               kMaxSkillWeights);
  }
  absl::flat_hash_set<SkillId> seen;
  for (size_t w = 0; w < q.skill_weights.size(); ++w) {
    const SkillWeight& sw = q.skill_weights[w];
    const std::string wpath = absl::StrCat(path, ".skill_weights[", w, "]");
    if (sw.skill >= c.skills.size()) {
      errors.Add(wpath, ".skill: ", sw.skill, " does not exist (the center has ", c.skills.size(),
                 " skills)");
    } else if (!seen.insert(sw.skill).second) {
      errors.Add(wpath, ".skill: '", c.skills[sw.skill], "' is listed twice");
    }
    if (sw.weight < 1 || sw.weight > kMaxSkillWeight) {
      errors.Add(wpath, ".weight: must be 1..", kMaxSkillWeight, ", got ", sw.weight);
    }
  }
}

// A queue's order_by (TaskRouter's): an attribute name, and a strategy
// that orders its agents by key (the others have no order to refine).
void CheckOrderBy(const QueueConfig& q, const std::string& path, ValidationErrors& errors) {
  if (q.order_by.empty()) {
    if (q.order_descending) {
      errors.Add(path, ".order_by.direction: a direction needs an attribute to order by");
    }
    return;
  }
  switch (q.strategy) {
    case Strategy::kRoundRobin:
    case Strategy::kRandom:
    case Strategy::kWeightedRandom:
    case Strategy::kRingAll:
      errors.Add(path, ".order_by: not with strategy ", std::string(ToString(q.strategy)),
                 ", which orders no agent before another (use longest_idle, least_calls, "
                 "least_talk_time, fixed_order, highest_proficiency or best_skill_score)");
      break;
    default:
      break;
  }
  if (q.order_by.size() > kMaxAttributeName) {
    errors.Add(path, ".order_by.attribute: at most ", kMaxAttributeName, " characters, got ",
               q.order_by.size());
  }
}

void CheckAttributes(const AgentConfig& a, const std::string& path, ValidationErrors& errors) {
  if (a.attributes.size() > kMaxAgentAttributes) {
    errors.Add(path, ".attributes: ", a.attributes.size(), " given, at most ",
               kMaxAgentAttributes);
  }
  absl::flat_hash_set<std::string_view> names;
  for (const AgentAttribute& attr : a.attributes) {
    const std::string apath = absl::StrCat(path, ".attributes.", attr.name);
    if (attr.name.empty()) errors.Add(path, ".attributes: a name must not be empty");
    if (attr.name.size() > kMaxAttributeName) {
      errors.Add(apath, ": a name has at most ", kMaxAttributeName, " characters");
    }
    if (!names.insert(attr.name).second) errors.Add(apath, ": given twice");
    if (attr.value < -kMaxAttributeValue || attr.value > kMaxAttributeValue) {
      errors.Add(apath, ": ", attr.value, " is outside -2^53..2^53");
    }
  }
}

void CheckQueue(const CenterConfig& c, size_t i, ValidationErrors& errors) {
  const QueueConfig& q = c.queues[i];
  const std::string path = absl::StrCat("queues[", i, "]");
  if (q.name.empty()) errors.Add(path, ".name: must not be empty");
  core::CheckMs(path + ".ring_timeout_ms", q.ring_timeout_ms, true, errors);
  core::CheckMs(path + ".wrapup_ms", q.wrapup_ms, false, errors);
  if (q.max_misses < 0) errors.Add(path, ".max_misses: must be >= 0, got ", q.max_misses);
  core::CheckMs(path + ".auto_pause_delay_ms", q.auto_pause_delay_ms, false, errors);
  // The options that shape an automatic pause: each needs max_misses.
  struct ShapesPause {
    bool set;
    const char* field;
    const char* without;  // what the option would have nothing to act on
  };
  for (const ShapesPause& o : {
           ShapesPause{q.auto_pause_here_only, ".auto_pause_here_only",
                       "there is no automatic pause to keep to this queue"},
           ShapesPause{q.auto_pause_busy, ".auto_pause_busy",
                       "a busy or unavailable line has no miss count to add to"},
           ShapesPause{q.auto_pause_unavailable, ".auto_pause_unavailable",
                       "a busy or unavailable line has no miss count to add to"},
           ShapesPause{q.auto_pause_delay_ms > 0, ".auto_pause_delay_ms",
                       "there is no automatic pause to delay"}}) {
    if (o.set && q.max_misses == 0) {
      errors.Add(path, o.field, ": the queue's max_misses is 0 (it never pauses an agent, so ",
                 o.without, ")");
    }
  }
  if (q.rules_from_arrival && q.rules.empty()) {
    errors.Add(path, ".rules_from_arrival: the queue has no overflow rule to time from the "
               "call's arrival");
  }
  if (q.keep_rules_at_entry && q.rules.empty()) {
    errors.Add(path, ".keep_rules_at_entry: the queue has no overflow rule for its callers to "
               "keep");
  }
  if (q.ring_timeout_moves_on && q.rules.empty()) {
    errors.Add(path, ".ring_timeout_moves_on: the queue has no overflow rule to move on to");
  }
  if (!(q.wait_weight > 0)) errors.Add(path, ".wait_weight: must be > 0, got ", q.wait_weight);
  if (q.priority < -1000 || q.priority > 1000) {
    errors.Add(path, ".priority: ", q.priority, " is outside -1000..1000");
  }
  if (q.has_skill && q.skill >= c.skills.size()) {
    errors.Add(path, ".skill: ", q.skill, " does not exist (the center has ", c.skills.size(),
               " skills)");
  }
  core::CheckMs(path + ".max_wait_ms", q.max_wait_ms, false, errors);
  if (q.max_wait_ms > 0 && q.on_max_wait.kind == OverflowKind::kNone) {
    errors.Add(path, ".on_max_wait: an action is required when max_wait_ms is set");
  }
  if (q.max_length == 0) errors.Add(path, ".max_length: must be > 0");
  if (q.on_full.kind == OverflowKind::kNone) {
    errors.Add(path, ".on_full: an action is required (a full queue must overflow)");
  }
  if (q.ring_all_max == 0) errors.Add(path, ".ring_all_max: must be > 0");
  if (q.max_wait_cuts_ring && q.max_wait_ms == 0) {
    errors.Add(path, ".max_wait_cuts_ring: needs max_wait_ms > 0 (there is no max wait to cut "
               "a ring with)");
  }
  if (q.counters_since_ready && q.strategy != Strategy::kLeastCalls &&
      q.strategy != Strategy::kLeastTalkTime) {
    errors.Add(path, ".counters_since_ready: only used with strategies least_calls and "
               "least_talk_time");
  }
  if (q.counters_here_only && q.strategy != Strategy::kLeastCalls &&
      q.strategy != Strategy::kLeastTalkTime && q.strategy != Strategy::kLongestIdle) {
    errors.Add(path, ".counters_here_only: strategy ", std::string(ToString(q.strategy)),
               " counts no calls; only used with strategies least_calls, least_talk_time and "
               "longest_idle");
  }
  if (q.counters_here_only && q.counters_since_ready) {
    errors.Add(path, ".counters_here_only: not with counters_since_ready, whose counters take "
               "every queue's calls (choose one)");
  }
  core::CheckAction(c, path + ".on_max_wait", q.on_max_wait, errors);
  core::CheckAction(c, path + ".on_full", q.on_full, errors);
  core::CheckMs(path + ".owner_first_ms", q.owner_first_ms, false, errors);
  core::CheckMs(path + ".progressive_ring_ms", q.progressive_ring_ms, false, errors);
  if (q.progressive_ring_ms > 0 && q.strategy == Strategy::kRingAll) {
    errors.Add(path, ".progressive_ring_ms: not with strategy ring_all, which rings every "
               "agent at once");
  }
  core::CheckMs(path + ".expected_handle_ms", q.expected_handle_ms, true, errors);
  CheckSkillWeights(c, q, path, errors);
  CheckOrderBy(q, path, errors);
  core::CheckQueueRules(c, i, errors);
}

void CheckAgent(const CenterConfig& c, size_t i, absl::flat_hash_set<AgentId>& ids,
                std::vector<absl::flat_hash_set<TimeMs>>& delays, ValidationErrors& errors) {
  const AgentConfig& a = c.agents[i];
  const std::string path = absl::StrCat("agents[", i, "]");
  if (a.id == 0) errors.Add(path, ".id: must not be 0");
  if (a.id != 0 && !ids.insert(a.id).second) errors.Add(path, ".id: ", a.id, " is used twice");
  if (a.capacity == 0) errors.Add(path, ".capacity: must be >= 1");
  if (a.capacity > kMaxAgentCapacity) {
    errors.Add(path, ".capacity: at most ", kMaxAgentCapacity, " calls at once, got ", a.capacity);
  }
  absl::flat_hash_set<QueueId> queues;
  for (size_t m = 0; m < a.queues.size(); ++m) {
    const Membership& mem = a.queues[m];
    const std::string mpath = absl::StrCat(path, ".queues[", m, "]");
    if (mem.queue >= c.queues.size()) {
      errors.Add(mpath, ".queue: ", mem.queue, " does not exist (the center has ",
                 c.queues.size(), " queues)");
      continue;
    }
    if (!queues.insert(mem.queue).second) {
      errors.Add(mpath, ".queue: '", c.queues[mem.queue].name, "' is listed twice");
    }
    if (mem.level < kMinLevel || mem.level > kMaxLevel) {
      errors.Add(mpath, ".level: ", mem.level, " is outside 1..10");
    }
    core::CheckMs(mpath + ".delay_ms", mem.delay_ms, false, errors);
    if (!(mem.weight > 0)) errors.Add(mpath, ".weight: must be > 0, got ", mem.weight);
    delays[mem.queue].insert(mem.delay_ms);
  }
  absl::flat_hash_set<SkillId> skills;
  for (size_t s = 0; s < a.skills.size(); ++s) {
    const SkillLevel& sk = a.skills[s];
    const std::string spath = absl::StrCat(path, ".skills[", s, "]");
    if (sk.skill >= c.skills.size()) {
      errors.Add(spath, ".skill: ", sk.skill, " does not exist (the center has ",
                 c.skills.size(), " skills)");
    } else if (!skills.insert(sk.skill).second) {
      errors.Add(spath, ".skill: '", c.skills[sk.skill], "' is listed twice");
    }
    if (sk.level < kMinLevel || sk.level > kMaxLevel) {
      errors.Add(spath, ".level: ", sk.level, " is outside 1..10");
    }
  }
  const std::pair<const char*, TimeMs> rests[] = {{"no_answer_delay_ms", a.no_answer_delay_ms},
                                                  {"decline_delay_ms", a.decline_delay_ms},
                                                  {"busy_delay_ms", a.busy_delay_ms}};
  for (const auto& [field, value] : rests) {
    core::CheckMs(absl::StrCat(path, ".", field), value, false, errors);
  }
  CheckAttributes(a, path, errors);
  if (a.wrapup_ms.has_value()) core::CheckMs(absl::StrCat(path, ".wrapup_ms"), *a.wrapup_ms, false, errors);
  if (a.all_skills_level != 0 && (a.all_skills_level < kMinLevel || a.all_skills_level > kMaxLevel)) {
    errors.Add(path, ".all_skills_level: ", a.all_skills_level, " is outside 1..10 (0: off)");
  }
}

// A queue-to-queue move that fires without any agent's doing and, followed
// around a cycle, would move a call forever: on_full (at once, when full),
// on_max_wait (always, after max_wait_ms), join_empty and leave_when_empty
// (as the call enters a queue empty for it), and overflow rules that route to
// a queue either unconditionally or as the call enters (after_ms 0: judged
// in the same step, so a cycle of them would never return; in a queue
// timing its rules from the arrival, rules_from_arrival, every rule is
// judged as a call older than its wait enters). Other rules with a
// condition and a wait are left to the loader's overflow graph check.
struct MoveEdge {
  size_t to;
  std::string field;  // "on_full", "rules[2].route"
  std::string rule;   // the rule's name, if any
};

std::vector<std::vector<MoveEdge>> AlwaysMoves(const CenterConfig& c) {
  const size_t n = c.queues.size();
  std::vector<std::vector<MoveEdge>> edges(n);
  for (size_t i = 0; i < n; ++i) {
    const QueueConfig& q = c.queues[i];
    if (q.on_max_wait.kind == OverflowKind::kQueue && q.on_max_wait.queue < n) {
      edges[i].push_back({q.on_max_wait.queue, "on_max_wait", ""});
    }
    if (q.on_full.kind == OverflowKind::kQueue && q.on_full.queue < n) {
      edges[i].push_back({q.on_full.queue, "on_full", ""});
    }
    // A refused join takes its path in the same step; so does a caller who
    // enters a queue already empty for it (leave_when_empty, DESIGN
    // invariant 20).
    if (q.join_empty.factors != 0 && q.join_empty.action.kind == OverflowKind::kQueue &&
        q.join_empty.action.queue < n && q.join_empty.action.queue != i) {
      edges[i].push_back({q.join_empty.action.queue, "join_empty.action", ""});
    }
    const OverflowAction& leave = q.leave_when_empty.action;
    if (LeaveFactors(q.leave_when_empty) != 0 && leave.kind == OverflowKind::kQueue &&
        leave.queue < n && leave.queue != i) {
      edges[i].push_back({leave.queue, "leave_when_empty.action", ""});
    }
    for (size_t r = 0; r < q.rules.size(); ++r) {
      const OverflowRule& rule = q.rules[r];
      if (rule.action != RuleActionKind::kRoute || rule.route.kind != OverflowKind::kQueue ||
          rule.route.queue >= n || rule.route.queue == i) {
        continue;  // a rule routing to its own queue is reported on its own
      }
      if (rule.condition == RuleCondition::kAlways || rule.after_ms == 0 ||
          q.rules_from_arrival) {
        edges[i].push_back({rule.route.queue, absl::StrCat("rules[", r, "].route"), rule.name});
      }
    }
  }
  return edges;
}

// Queue-to-queue moves that always fire must not loop: a call would never end.
void CheckOverflowLoops(const CenterConfig& c, ValidationErrors& errors) {
  const size_t n = c.queues.size();
  const std::vector<std::vector<MoveEdge>> edges = AlwaysMoves(c);
  std::vector<int> color(n, 0);  // 0 new, 1 on the path, 2 done
  for (size_t start = 0; start < n; ++start) {
    if (color[start] != 0) continue;
    std::vector<std::pair<size_t, size_t>> stack{{start, 0}};
    color[start] = 1;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next == edges[v].size()) {
        color[v] = 2;
        stack.pop_back();
        continue;
      }
      const MoveEdge& edge = edges[v][next++];
      if (color[edge.to] == 1) {
        errors.Add("queues[", v, "].", edge.field, ".queue: ",
                   edge.rule.empty() ? "" : absl::StrCat("rule '", edge.rule, "': "),
                   "overflow to '", c.queues[edge.to].name,
                   "' closes a loop; a call could move between queues forever");
      } else if (color[edge.to] == 0) {
        color[edge.to] = 1;
        stack.push_back({edge.to, 0});
      }
    }
  }
}

// wrapup_here_only needs a wrap-up to keep: the queue's, or a member's own.
void CheckWrapUpHereOnly(const CenterConfig& center, ValidationErrors& errors) {
  std::vector<bool> member_wraps(center.queues.size(), false);
  for (const AgentConfig& a : center.agents) {
    if (a.wrapup_ms.value_or(0) <= 0) continue;
    for (const Membership& m : a.queues) {
      if (m.queue < member_wraps.size()) member_wraps[m.queue] = true;
    }
  }
  for (size_t q = 0; q < center.queues.size(); ++q) {
    const QueueConfig& qc = center.queues[q];
    if (qc.wrapup_here_only && qc.wrapup_ms <= 0 && !member_wraps[q]) {
      errors.Add("queues[", q, "].wrapup_here_only: the queue has no wrapup_ms and no member "
                 "one of its own (there is no wrap-up to keep to this queue)");
    }
  }
}

void CheckCenterWide(const CenterConfig& center, ValidationErrors& errors) {
  const std::pair<const char*, int> boosts[] = {{"external", center.boosts.external},
                                                {"vip", center.boosts.vip},
                                                {"returning", center.boosts.returning}};
  for (const auto& [field, value] : boosts) {
    if (value < -1000 || value > 1000) {
      errors.Add("boosts.", field, ": ", value, " is outside -1000..1000");
    }
  }
  core::CheckMs("resume_place_ms", center.resume_place_ms, false, errors);
  if (center.max_live_calls == 0) errors.Add("max_live_calls: must be > 0");
  if (center.dedupe_window == 0) errors.Add("dedupe_window: must be > 0");
  if (center.ended_calls_window == 0) errors.Add("ended_calls_window: must be > 0");
}

}  // namespace

absl::Status ValidateCenter(const CenterConfig& center) {
  ValidationErrors errors;
  absl::flat_hash_set<std::string> skill_names;
  for (size_t i = 0; i < center.skills.size(); ++i) {
    if (center.skills[i].empty()) errors.Add("skills[", i, "]: must not be empty");
    if (!skill_names.insert(center.skills[i]).second) {
      errors.Add("skills[", i, "]: '", center.skills[i], "' is listed twice");
    }
  }
  for (const std::string& problem : CheckLabels(center.labels)) errors.Add(problem);
  core::CheckCalendar(center, errors);
  absl::flat_hash_set<std::string> queue_names;
  for (size_t i = 0; i < center.queues.size(); ++i) {
    CheckQueue(center, i, errors);
    if (!center.queues[i].name.empty() && !queue_names.insert(center.queues[i].name).second) {
      errors.Add("queues[", i, "].name: '", center.queues[i].name, "' is used twice");
    }
  }
  absl::flat_hash_set<AgentId> ids;
  std::vector<absl::flat_hash_set<TimeMs>> delays(center.queues.size());
  for (size_t i = 0; i < center.agents.size(); ++i) CheckAgent(center, i, ids, delays, errors);
  for (size_t q = 0; q < delays.size(); ++q) {
    delays[q].insert(0);
    if (delays[q].size() > static_cast<size_t>(kMaxDelayClasses)) {
      errors.Add("queues[", q, "]: members use ", delays[q].size() - 1,
                 " distinct delay_ms values besides 0; at most ", kMaxDelayClasses - 1);
    }
    if (center.queues[q].skip_empty_delays && delays[q].size() == 1) {
      errors.Add("queues[", q, "].skip_empty_delays: no member of the queue has a delay_ms "
                 "(there is no delay to skip)");
    }
  }
  CheckWrapUpHereOnly(center, errors);
  CheckOverflowLoops(center, errors);
  core::CheckEntryRules(center, errors);
  core::CheckMedia(center, errors);
  CheckCenterWide(center, errors);
  return errors.ToStatus();
}

}  // namespace acd
