// Run-time levels (AgentSetLevel): a supervisor changes an agent's level in
// one queue or in every queue it is a member of, as Asterisk's AMI
// QueuePenalty changes a member's penalty. The membership's level is engine
// state (snapshot, StateHash, kept by a reload that leaves the membership's
// level in the file as it was: DESIGN.md "Run-time levels"); its tier,
// ready-index keys and join counts follow in the same step, and a caller an
// agent raised into range may take is offered at once.
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"
#include "core/engine_reload.h"

namespace acd::core {

bool EngineImpl::TakesLevel(QueueId queue) const { return !qcfg(queue).has_skill; }

absl::Status EngineImpl::CheckEvent(const AgentSetLevel& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (e.level < kMinLevel || e.level > kMaxLevel) {
    return absl::InvalidArgumentError(absl::StrCat("level: ", e.level, " is outside ", kMinLevel,
                                                   "..", kMaxLevel, " (10 best)"));
  }
  if (!e.queue) {
    for (const AgentMembership& m : a->memberships) {
      if (TakesLevel(m.queue)) return absl::OkStatus();
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", e.agent,
        a->memberships.empty() ? " is a member of no queue"
                               : " is a member only of queues whose level comes from a skill "
                                 "(set it with AgentSetSkills)"));
  }
  if (*e.queue >= queues_.size()) {
    return absl::NotFoundError(absl::StrCat("queue: ", *e.queue, " does not exist (the center has ",
                                            queues_.size(), " queues)"));
  }
  const QueueConfig& q = qcfg(*e.queue);
  for (const AgentMembership& m : a->memberships) {
    if (m.queue != *e.queue) continue;
    if (TakesLevel(m.queue)) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("queue: '", q.name, "' takes its members' level from skill '",
                     center_.skills[q.skill], "'; set it with AgentSetSkills"));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("queue: agent ", e.agent, " is not a member of queue '", q.name, "'"));
}

void EngineImpl::DoEvent(const AgentSetLevel& e) {
  const uint32_t slot = AgentSlot(e.agent);
  Agent& a = agents_[slot];
  auto changes = [&](const AgentMembership& m) {
    return (!e.queue || m.queue == *e.queue) && TakesLevel(m.queue) && m.level != e.level;
  };
  bool any = false;
  for (const AgentMembership& m : a.memberships) any = any || changes(m);
  if (!any) return;  // already at that level everywhere asked: nothing to tell
  UnindexAgent(slot);  // filed under the old tiers
  if (count_joins_) CountJoin(slot, -1);
  for (AgentMembership& m : a.memberships) {
    if (!changes(m)) continue;
    m.level = e.level;
    m.tier = static_cast<uint8_t>(TierFor(a, m));
    Emit(AgentLevelChanged{a.id, m.queue, e.level});
  }
  if (count_joins_) {
    CountJoin(slot, +1);
    LeaveCheckAfterChange(slot);  // a lower level may empty a queue for its callers
  }
  ReleaseOwnedCalls(slot);  // as for a skill change: they may no longer qualify
  RefreshAgent(slot);       // filed again, and looks for a call it may now take
  Drain();
}

void ReloadAdopter::AdoptLevels(const EngineImpl& old, uint32_t o, const ReloadPlan& plan,
                             Agent& a) const {
  const std::vector<Membership>& was = old.center_.agents[o].queues;
  const absl::InlinedVector<AgentMembership, 2>& from = old.agents_[o].memberships;
  for (size_t i = 0; i < from.size(); ++i) {
    const QueueId queue = plan.queue_to[from[i].queue];
    if (queue == kNoQueue || from[i].level == was[i].level) continue;  // no run-time level
    for (AgentMembership& m : a.memberships) {
      // m.level is still the new file's here.
      if (m.queue == queue && e_.TakesLevel(queue) && m.level == was[i].level) {
        m.level = from[i].level;
      }
    }
  }
}

}  // namespace acd::core
