// ShadowModel: the queue's level options, from the center as written:
// level_first (the best level first, whatever the strategy; ring-all rings
// one level), ignore_levels_up_to_members (Asterisk's penaltymemberslimit:
// too few members and levels are not weighed) and skip_empty_delays
// (FreeSWITCH's tier-rule-no-agent-no-wait: a delay no logged-in member
// has holds no call). And the skills a universal agent holds.
#include <algorithm>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/core/center_gen.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

bool ShadowModel::IgnoresLevels(QueueId queue) const {
  const uint32_t limit = center_.queues[queue].ignore_levels_up_to_members;
  if (limit == 0) return false;
  uint64_t members = 0;
  for (const AgentConfig& a : center_.agents) {
    for (const Membership& m : a.queues) members += m.queue == queue;
  }
  return members <= limit;
}

int ShadowModel::LevelIn(QueueId queue, const ShadowAgent& agent) const {
  for (const Membership& m : agent.queues) {
    if (m.queue == queue) return LevelFor(center_, agent.skills, m);
  }
  return 0;
}

bool ShadowModel::MeetsLevel(const ShadowCall& call, const ShadowAgent& agent,
                             const Membership& m) const {
  const int level = LevelFor(center_, agent.skills, m);
  if (level < kMinLevel) return false;  // lacks the queue's skill
  if (IgnoresLevels(m.queue)) return true;
  // queuerules.conf.sample: a member below the raise penalty is treated as
  // having it, so the cap applies first, then the bounds.
  const int counted = std::min(level, call.level_cap);
  return counted >= std::max(kMinLevel, call.min_level) && counted <= call.max_level;
}

int ShadowModel::CountsAs(const ShadowCall& call, QueueId queue, int level) const {
  return IgnoresLevels(queue) ? level : std::min(level, call.level_cap);
}

void ShadowModel::SetLevelBounds(ShadowCall& call, const LevelBoundsChange& change) {
  auto to = [](int now, const LevelChange& c) {
    const int v = c.relative ? now + c.value : c.value;
    return v < kMinLevel ? kMinLevel : v > kMaxLevel ? kMaxLevel : v;
  };
  call.min_level = to(call.min_level, change.min_level);
  call.max_level = to(call.max_level, change.max_level);
  call.level_cap = to(call.level_cap, change.level_cap);
  if (call.max_level < call.min_level) call.max_level = call.min_level;
  if (call.level_cap < call.min_level) call.level_cap = call.min_level;
}

TimeMs ShadowModel::DelayToWait(QueueId queue, TimeMs delay) const {
  if (!center_.queues[queue].skip_empty_delays || delay == 0) return delay;
  std::vector<TimeMs> delays{0};
  for (const AgentConfig& a : center_.agents) {
    for (const Membership& m : a.queues) {
      if (m.queue == queue) delays.push_back(m.delay_ms);
    }
  }
  std::sort(delays.begin(), delays.end());
  delays.erase(std::unique(delays.begin(), delays.end()), delays.end());
  std::vector<uint32_t> logged_in(delays.size());
  for (const auto& [id, agent] : agents_) {
    if (agent.presence == Presence::kLoggedOut) continue;
    for (const Membership& m : agent.queues) {
      if (m.queue != queue) continue;
      logged_in[std::lower_bound(delays.begin(), delays.end(), m.delay_ms) - delays.begin()]++;
    }
  }
  size_t cls = std::lower_bound(delays.begin(), delays.end(), delay) - delays.begin();
  while (cls > 0 && logged_in[cls - 1] == 0) --cls;
  return delays[cls];
}

absl::Status ShadowModel::CheckLevelFirst(const ShadowCall& call, const ShadowAgent& agent,
                                          const Offer& offer) const {
  if (!center_.queues[offer.queue].level_first || IgnoresLevels(offer.queue) ||
      offer.preferred) {
    return absl::OkStatus();
  }
  const int level = CountsAs(call, offer.queue, LevelIn(offer.queue, agent));
  for (const ShadowOffer& other : call.offers) {
    if (!offer.ring_all || !other.ring_all || other.step != step_) continue;
    const int other_level = CountsAs(call, offer.queue, LevelIn(offer.queue, agents_.at(other.agent)));
    if (other_level != level) {
      return absl::InternalError(absl::StrCat(
          "level_first: call ", offer.call, " rings agent ", offer.agent, " (level ", level,
          ") and agent ", other.agent, " (level ", other_level, ") in one ring-all group"));
    }
  }
  if (!FirstOfferOnEntry(call, offer)) return absl::OkStatus();
  for (const auto& [id, other] : agents_) {
    if (id == offer.agent || !Available(other, now_ms_) ||
        !Eligible(call, other, offer.queue, now_ms_, Sureness::kCertain)) {
      continue;
    }
    const int other_level = CountsAs(call, offer.queue, LevelIn(offer.queue, other));
    if (other_level > level) {
      return absl::InternalError(absl::StrCat(
          "level_first: call ", offer.call, " offered to agent ", offer.agent, " (level ", level,
          ") while agent ", id, " (level ", other_level, ") was free and qualified"));
    }
  }
  return absl::OkStatus();
}

// AgentSetLevel (accepted): each membership it names whose queue takes a
// level of its own (no skill) and whose level differs changes, and is told.
void ShadowModel::OnSetLevel(const AgentSetLevel& e) {
  ShadowAgent& agent = *Agent(e.agent);
  bool changed = false;
  for (Membership& m : agent.queues) {
    if ((e.queue && m.queue != *e.queue) || center_.queues[m.queue].has_skill ||
        m.level == e.level) {
      continue;
    }
    m.level = e.level;
    expect_levels_.insert({e.agent, m.queue, e.level});
    changed = true;
  }
  if (changed) EndOwnerWindows(e.agent);  // as a skill change: the owner may no longer qualify
}

absl::Status ShadowModel::OnLevelChanged(const AgentLevelChanged& c) {
  if (expect_levels_.erase({c.agent, c.queue, c.level}) == 0) {
    return absl::InternalError(absl::StrCat("AgentLevelChanged agent ", c.agent, " queue ", c.queue,
                                            " level ", c.level, " that no AgentSetLevel of this "
                                            "step made"));
  }
  return absl::OkStatus();
}

std::vector<SkillLevel> ShadowModel::HeldSkills(const AgentConfig& config,
                                                const std::vector<SkillLevel>& listed) const {
  std::vector<SkillLevel> held = listed;
  if (config.all_skills_level == 0) return held;
  for (SkillId s = 0; s < center_.skills.size(); ++s) {
    if (SkillLevelOf(listed, s) == 0) held.push_back({s, config.all_skills_level});
  }
  return held;
}

}  // namespace acd::testing
