// Whether the calls an entry rule places can ever meet an agent, and
// whether callbacks wait where someone serves them.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "config/overflow_graph_internal.h"

namespace acd::config_internal {
namespace {

// The agent's level for the queue through membership m (0: not eligible),
// as the engine computes it.
int TierFor(const CenterConfig& center, const AgentConfig& agent,
            const Membership& m) {
  const QueueConfig& queue = center.queues[m.queue];
  if (!queue.has_skill) return m.level;
  for (const SkillLevel& s : agent.skills) {
    if (s.skill == queue.skill) return s.level;
  }
  return agent.all_skills_level;
}

// Whether some agent may take, in `queue`, a call that needs `need` at
// min_level or above.
bool CanServe(const CenterConfig& center, size_t queue, const SkillExpr& need,
              int min_level) {
  for (const AgentConfig& agent : center.agents) {
    if (agent.capacity == 0 || !need.Matches(agent.skills, agent.all_skills_level)) continue;
    for (const Membership& m : agent.queues) {
      if (m.queue == queue &&
          TierFor(center, agent, m) >= std::max(min_level, kMinLevel)) {
        return true;
      }
    }
  }
  return false;
}

// Whether a call entering `start` with `need` and min_level can meet an
// agent there, in a queue it can move to, or through a queue one of those
// adds. The call's minimum level may fall to the lowest set_min_level (or
// set_level_bounds minimum) of any of those queues (levels travel with the
// call).
bool Reachable(const CenterConfig& center, const std::vector<Move>& moves,
               size_t start, const SkillExpr& need, int min_level) {
  const size_t n = center.queues.size();
  std::vector<bool> seen(n, false);
  std::vector<size_t> frontier{start};
  std::vector<size_t> candidates;  // queues whose members may take the call
  seen[start] = true;
  while (!frontier.empty()) {
    const size_t q = frontier.back();
    frontier.pop_back();
    candidates.push_back(q);
    for (const OverflowRule& rule : center.queues[q].rules) {
      if (rule.action == RuleActionKind::kSetMinLevel) {
        min_level = std::min(min_level, rule.level);
      } else if (rule.action == RuleActionKind::kSetLevelBounds) {
        // Judged hopefully: the caller's other bounds may open as well.
        const LevelChange& low = rule.bounds.min_level;
        const int to = low.relative ? std::max(kMinLevel, min_level + low.value) : low.value;
        min_level = std::min(min_level, to);
      }
    }
    for (const Move& m : moves) {
      if (m.from != q || m.to >= n) continue;
      if (m.adds) {
        candidates.push_back(m.to);
      } else if (!seen[m.to]) {
        seen[m.to] = true;
        frontier.push_back(m.to);
      }
    }
  }
  return std::any_of(candidates.begin(), candidates.end(), [&](size_t q) {
    return CanServe(center, q, need, min_level);
  });
}

std::string Needs(const CenterConfig& center, const EntryRule& rule,
                  int min_level) {
  std::vector<std::string> parts;
  for (const SkillLevel& s : rule.required_skills) {
    parts.push_back(absl::StrCat(center.skills[s.skill], " >= ", s.level));
  }
  if (!rule.skills_expr.always()) {
    parts.push_back(
        absl::StrCat("'", rule.skills_expr.ToString(center.skills), "'"));
  }
  std::string text;
  if (!parts.empty()) {
    absl::StrAppend(&text, " with ", absl::StrJoin(parts, ", "));
  }
  if (min_level > kMinLevel) absl::StrAppend(&text, " at level >= ", min_level);
  return text;
}

}  // namespace

std::vector<bool> ServedQueues(const CenterConfig& center) {
  std::vector<bool> served(center.queues.size(), false);
  for (size_t q = 0; q < served.size(); ++q) {
    served[q] = CanServe(center, q, SkillExpr(), kMinLevel);
  }
  return served;
}

void CheckEntryReach(const CenterConfig& center, const std::vector<Move>& moves,
                     ErrorList* errors) {
  const size_t n = center.queues.size();
  for (size_t i = 0; i < center.entry_rules.size(); ++i) {
    const EntryRule& rule = center.entry_rules[i];
    if (rule.route.kind != OverflowKind::kQueue || rule.route.queue >= n) continue;
    // A requirement ValidateCenter refuses is reported there, not here.
    const absl::StatusOr<SkillExpr> need =
        SkillExpr::And(SkillExpr::AllOf(rule.required_skills), rule.skills_expr);
    if (!need.ok() || need->never() ||
        Reachable(center, moves, rule.route.queue, *need, rule.min_level)) {
      continue;
    }
    errors->Add(
        absl::StrCat("entry_rules[", i, "].route.queue"),
        absl::StrCat(rule.name.empty() ? "the rule" : absl::StrCat("rule \"", rule.name, "\""),
                     " sends calls to \"", center.queues[rule.route.queue].name,
                     "\", but no agent can ever take them there or in a queue "
                     "they can move on to: none is a member",
                     Needs(center, rule, rule.min_level)));
  }
  const OverflowAction& fallback = center.entry_default;
  if (fallback.kind == OverflowKind::kQueue && fallback.queue < n &&
      !Reachable(center, moves, fallback.queue, SkillExpr(), kMinLevel)) {
    errors->Add("entry_default.queue",
                absl::StrCat("calls no entry rule matches go to \"",
                             center.queues[fallback.queue].name,
                             "\", but no agent can ever take them there or in "
                             "a queue they can move on to"));
  }
}

void CheckCallbackQueues(const CenterConfig& center,
                         const std::vector<bool>& served, ErrorList* errors) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    const CallbackPolicy& cb = center.queues[q].callback;
    if (!cb.enabled) continue;
    const size_t target = cb.same_queue ? q : cb.queue;
    if (target >= served.size() || served[target]) continue;
    errors->Add(absl::StrCat("queues[", q, "].callback", cb.same_queue ? "" : ".queue"),
                absl::StrCat("callbacks captured in \"", center.queues[q].name,
                             "\" would wait in \"", center.queues[target].name,
                             "\", where no agent can take them"));
  }
}

}  // namespace acd::config_internal
