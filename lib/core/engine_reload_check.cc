// Live reload, first half: map the running center onto the new one and find
// what the live state forbids. Nothing here changes the engine.
#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"
#include "core/engine_reload.h"

namespace acd::core {
namespace {

// Whether two actions lead to the same place; queue ids through the map.
bool SameAction(const OverflowAction& x, const OverflowAction& y, const ReloadPlan& plan) {
  const bool names_queue = x.kind == OverflowKind::kQueue || x.has_queue;
  return x.kind == y.kind && x.target == y.target && x.has_queue == y.has_queue &&
         (!names_queue || plan.queue_to[x.queue] == y.queue);
}

bool SameRules(const std::vector<OverflowRule>& xs, const std::vector<OverflowRule>& ys,
               const ReloadPlan& plan) {
  if (xs.size() != ys.size()) return false;
  for (size_t i = 0; i < xs.size(); ++i) {
    const OverflowRule& x = xs[i];
    const OverflowRule& y = ys[i];
    const bool adds = x.action == RuleActionKind::kAddQueue;
    if (x.name != y.name || x.after_ms != y.after_ms || x.every_ms != y.every_ms ||
        x.condition != y.condition ||
        x.threshold != y.threshold || x.action != y.action ||
        !SameAction(x.route, y.route, plan) || x.level != y.level ||
        x.priority_delta != y.priority_delta || x.bounds != y.bounds || x.skill != y.skill ||
        (adds && plan.queue_to[x.queue] != y.queue)) {
      return false;
    }
  }
  return true;
}

std::vector<SkillLevel> RemapSkills(const std::vector<SkillLevel>& skills, const ReloadPlan& plan) {
  std::vector<SkillLevel> out;
  for (const SkillLevel& s : skills) {
    if (plan.skill_to[s.skill] != kNoSkill) out.push_back({plan.skill_to[s.skill], s.level});
  }
  return out;
}

bool SameAgent(const AgentConfig& x, const AgentConfig& y, const ReloadPlan& plan) {
  if (x.capacity != y.capacity || x.queues.size() != y.queues.size() ||
      x.skills.size() != y.skills.size() || x.no_answer_delay_ms != y.no_answer_delay_ms ||
      x.decline_delay_ms != y.decline_delay_ms || x.busy_delay_ms != y.busy_delay_ms ||
      x.all_skills_level != y.all_skills_level || x.channels != y.channels ||
      RemapSkills(x.skills, plan) != y.skills) {
    return false;
  }
  for (size_t i = 0; i < x.queues.size(); ++i) {
    const Membership& m = x.queues[i];
    const Membership& n = y.queues[i];
    if (plan.queue_to[m.queue] != n.queue || m.level != n.level || m.delay_ms != n.delay_ms ||
        m.position != n.position || m.weight != n.weight) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<SkillExpr> ReloadPlan::Remap(const SkillExpr& expr) const {
  if (!skills_renumbered) return expr;
  std::vector<std::vector<SkillTerm>> conjunctions(expr.alternatives());
  for (size_t i = 0; i < expr.alternatives(); ++i) {
    for (const SkillTerm& t : expr.alternative(i)) {
      if (skill_to[t.skill] == kNoSkill) return std::nullopt;
      conjunctions[i].push_back(SkillTerm{skill_to[t.skill], t.levels});
    }
  }
  absl::StatusOr<SkillExpr> out = SkillExpr::Normalize(std::move(conjunctions));
  if (!out.ok()) return std::nullopt;  // same size as before: cannot happen
  return *std::move(out);
}

// A label id the live state holds (an agent's reason, a live call's
// intent) must mean the same in the new center: a reload that drops or
// moves a label in use is refused (ids are not renumbered under the state).
absl::Status EngineImpl::CheckLabelsKept(const CenterConfig& next, const ReloadPlan& plan) const {
  const CenterLabels& now = center_.labels;
  const CenterLabels& then = next.labels;
  // Built-in ids and labels at the same id under the same name are kept.
  auto kept = [&](auto label) {
    return KnowsLabel(then, label) && LabelName(then, label) == LabelName(now, label);
  };
  for (uint32_t i = 0; i < agents_.size(); ++i) {
    const Agent& a = agents_[i];
    if (plan.agent_to[i] == kNoSlot) continue;  // logged out by the reload
    absl::InlinedVector<NotReadyReason, 4> reasons = {a.reason, a.reported_reason};
    for (const AgentMembership& m : a.memberships) reasons.push_back(m.paused);
    for (NotReadyReason r : reasons) {
      if (kept(r)) continue;
      return absl::FailedPreconditionError(absl::StrCat(
          "labels.not_ready_reasons: '", LabelName(now, r), "' is dropped or moved, but agent ",
          a.id, " is not ready with it; keep it in its place until no agent uses it"));
    }
  }
  if (!keep_attributes_) return absl::OkStatus();
  std::vector<uint32_t> slots;
  for (const auto& [id, slot] : live_calls_) slots.push_back(slot);
  std::sort(slots.begin(), slots.end());  // the first error does not depend on hashing
  for (uint32_t slot : slots) {
    const Intent intent = attributes_[slot].intent;
    if (kept(intent)) continue;
    return absl::FailedPreconditionError(absl::StrCat(
        "labels.intents: '", LabelName(now, intent), "' is dropped or moved, but call ",
        calls_[slot].id, " has it; keep it in its place until no live call has it"));
  }
  return absl::OkStatus();
}

absl::Status EngineImpl::PlanReload(const CenterConfig& next, ReloadPlan& plan) const {
  // ---- the maps ----
  absl::flat_hash_map<std::string, uint32_t> by_name;
  for (uint32_t i = 0; i < next.skills.size(); ++i) by_name[next.skills[i]] = i;
  plan.skill_to.assign(center_.skills.size(), kNoSkill);
  for (uint32_t i = 0; i < center_.skills.size(); ++i) {
    auto it = by_name.find(center_.skills[i]);
    if (it != by_name.end()) plan.skill_to[i] = it->second;
    plan.skills_renumbered |= plan.skill_to[i] != i;
  }
  by_name.clear();
  for (uint32_t i = 0; i < next.queues.size(); ++i) by_name[next.queues[i].name] = i;
  plan.queue_to.assign(queues_.size(), kNoQueue);
  for (uint32_t i = 0; i < queues_.size(); ++i) {
    auto it = by_name.find(center_.queues[i].name);
    if (it != by_name.end()) plan.queue_to[i] = it->second;
  }
  absl::flat_hash_map<AgentId, uint32_t> agent_slot;
  for (uint32_t i = 0; i < next.agents.size(); ++i) agent_slot[next.agents[i].id] = i;
  plan.agent_to.assign(agents_.size(), kNoSlot);
  plan.agent_same.assign(agents_.size(), false);
  for (uint32_t i = 0; i < agents_.size(); ++i) {
    auto it = agent_slot.find(agents_[i].id);
    if (it == agent_slot.end()) continue;
    plan.agent_to[i] = it->second;
    plan.agent_same[i] = SameAgent(center_.agents[i], next.agents[it->second], plan);
  }
  plan.queue_change.assign(queues_.size(), QueueChange{});
  for (uint32_t i = 0; i < queues_.size(); ++i) {
    if (plan.queue_to[i] == kNoQueue) continue;
    const QueueConfig& x = center_.queues[i];
    const QueueConfig& y = next.queues[plan.queue_to[i]];
    QueueChange& change = plan.queue_change[i];
    change.max_wait_same = x.max_wait_ms == y.max_wait_ms;
    // Rules timed from another moment are other rules (rules_from_arrival).
    change.rules_same =
        SameRules(x.rules, y.rules, plan) && x.rules_from_arrival == y.rules_from_arrival;
    change.announcements_same = x.announcements == y.announcements;
    change.strategy_same = x.strategy == y.strategy;
  }

  // ---- what the live state forbids ----
  if (absl::Status s = CheckLabelsKept(next, plan); !s.ok()) return s;
  if (live_calls_.size() > next.max_live_calls) {
    return absl::FailedPreconditionError(absl::StrCat(
        "max_live_calls: ", next.max_live_calls, " is below the ", live_calls_.size(),
        " calls now live"));
  }
  for (uint32_t i = 0; i < agents_.size(); ++i) {
    const Agent& a = agents_[i];
    if (plan.agent_to[i] == kNoSlot && a.talking > 0) {
      CallId connected = 0;
      for (uint32_t slot : a.calls) {
        if (calls_[slot].agent == i && connected == 0) connected = calls_[slot].id;
      }
      return absl::FailedPreconditionError(absl::StrCat(
          "agents: agent ", a.id, " is removed but is connected to call ", connected,
          "; remove them once their calls end"));
    }
    if (plan.agent_to[i] != kNoSlot && next.agents[plan.agent_to[i]].capacity < a.talking) {
      return absl::FailedPreconditionError(absl::StrCat(
          "agents[", plan.agent_to[i], "].capacity: ", next.agents[plan.agent_to[i]].capacity,
          " is below the ", a.talking, " calls agent ", a.id, " has connected"));
    }
  }
  const OverflowAction& removed_route = next.on_queue_removed;
  if (removed_route.kind == OverflowKind::kQueue &&
      next.queues[removed_route.queue].callback.enabled) {
    plan.callbacks_to = removed_route.queue;
  }
  const std::string no_callback_queue =
      "; on_queue_removed must name a queue with a callback policy for it";
  std::vector<uint32_t> slots;
  slots.reserve(live_calls_.size());
  for (const auto& [id, slot] : live_calls_) slots.push_back(slot);
  std::sort(slots.begin(), slots.end());  // the first error does not depend on hashing
  // The skill requirements callbacks_to will hold: its own pools and those
  // of the callbacks moving in (at most kMaxPoolsPerQueue).
  absl::flat_hash_set<SkillExpr> target_pools;
  for (QueueId q = 0; q < queues_.size(); ++q) {
    if (plan.callbacks_to == kNoQueue || plan.queue_to[q] != plan.callbacks_to) continue;
    for (const Pool& pool : queues_[q].pools) {
      if (std::optional<SkillExpr> extra = plan.Remap(pool.extra)) target_pools.insert(*extra);
    }
  }
  for (uint32_t slot : slots) {
    const Call& c = calls_[slot];
    if (!c.queued) continue;
    const std::string& queue = center_.queues[c.queue].name;
    const std::optional<SkillExpr> requirement = plan.Remap(Requirement(c));
    if (!requirement) {
      return absl::FailedPreconditionError(absl::StrCat(
          "skills: call ", c.id, " in queue '", queue, "' requires '",
          Requirement(c).ToString(center_.skills), "', which names a skill the new center lacks"));
    }
    if (plan.queue_to[c.queue] == kNoQueue) {
      if (c.state != CallState::kWaiting) {
        return absl::FailedPreconditionError(absl::StrCat(
            "queues: '", queue, "' is removed but call ", c.id, " is ", NameOf(c.state),
            " in it; remove the queue once its calls are answered"));
      }
      if (c.callback && plan.callbacks_to == kNoQueue) {
        return absl::FailedPreconditionError(absl::StrCat(
            "on_queue_removed: queue '", queue, "' is removed but callback ", c.id,
            " waits in it", no_callback_queue));
      }
      if (c.callback) target_pools.insert(*requirement);
      if (next.on_queue_removed.kind == OverflowKind::kNone) {
        return absl::FailedPreconditionError(absl::StrCat(
            "on_queue_removed: queue '", queue, "' is removed but call ", c.id,
            " waits in it; say where its calls go or let it drain first"));
      }
    }
    // A call keeps its media (DESIGN invariant 32): the queue it will be
    // in, and a guest queue that keeps it, must take that media.
    const QueueId kept = plan.queue_to[c.queue];
    const QueueId lands = kept != kNoQueue ? kept
                          : next.on_queue_removed.kind == OverflowKind::kQueue
                              ? next.on_queue_removed.queue
                              : kNoQueue;
    const QueueId guest = c.guest_queue == kNoQueue ? kNoQueue : plan.queue_to[c.guest_queue];
    for (QueueId to : {lands, guest}) {
      if (to != kNoQueue && next.queues[to].media != c.media) {
        return absl::FailedPreconditionError(absl::StrCat(
            "queues[", to, "].media: '", next.queues[to].name, "' would take ",
            NameOf(next.queues[to].media), " calls but ", NameOf(c.media), " call ", c.id,
            " is in it (or moves there); change a queue's media once its calls are gone"));
      }
    }
    if (c.callback && plan.CallbackQueue(callbacks_.at(slot).policy_queue) == kNoQueue) {
      return absl::FailedPreconditionError(absl::StrCat(
          "on_queue_removed: queue '", center_.queues[callbacks_.at(slot).policy_queue].name,
          "' is removed but its callback policy governs callback ", c.id, no_callback_queue));
    }
  }
  // A shorter line takes the calls at its back down on_full; the calls
  // ringing cannot be taken back, so they must fit. A transfer ringing at
  // a colleague is not in line (it was answered; back in line it takes the
  // on_full path if the line is full then).
  std::vector<uint32_t> ringing(queues_.size(), 0);
  for (uint32_t slot : slots) {
    const Call& c = calls_[slot];
    if (c.queued && !c.callback && !c.directed && c.state == CallState::kOffered) {
      ++ringing[c.queue];
    }
  }
  for (QueueId q = 0; q < queues_.size(); ++q) {
    const QueueId to = plan.queue_to[q];
    if (to != kNoQueue && ringing[q] > next.queues[to].max_length) {
      return absl::FailedPreconditionError(absl::StrCat(
          "queues[", to, "].max_length: ", next.queues[to].max_length, " is below the ",
          ringing[q], " calls ringing in '", next.queues[to].name, "'"));
    }
  }
  if (target_pools.size() > kMaxPoolsPerQueue) {
    return absl::FailedPreconditionError(absl::StrCat(
        "on_queue_removed.queue: '", next.queues[plan.callbacks_to].name, "' would need ",
        target_pools.size(), " skill requirements with the callbacks of removed queues (at most ",
        kMaxPoolsPerQueue, ")"));
  }
  for (const auto& [id, cap] : captures_) {
    if (cap.until_ms < now_ms_) continue;  // expired: forgotten at the reload
    for (QueueId q : {cap.wait_queue, cap.policy_queue}) {
      if (plan.CallbackQueue(q) == kNoQueue) {
        return absl::FailedPreconditionError(absl::StrCat(
            "on_queue_removed: queue '", center_.queues[q].name, "' is removed but captured call ",
            id, " may still file its contact for it", no_callback_queue));
      }
    }
    if (!plan.Remap(cap.extra)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "skills: captured call ", id, " requires '", cap.extra.ToString(center_.skills),
          "', which names a skill the new center lacks"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<EngineImpl>> EngineImpl::Reload(const CenterConfig& next) {
  ReloadPlan plan;
  if (absl::Status s = PlanReload(next, plan); !s.ok()) return s;
  EngineOptions options;
  options.check_invariants = check_invariants_;
  auto fresh = std::make_unique<EngineImpl>(next, sink_, options);
  ReloadAdopter(*fresh).AdoptState(*this, plan);
  return fresh;
}

}  // namespace acd::core
