#include "bench/bench_center.h"

#include <algorithm>
#include <string>

#include "bench/bench_rng.h"

namespace acd::bench {
namespace {

Strategy PickStrategy(BenchRng& rng) {
  const double r = rng.Unit();
  if (r < 0.70) return Strategy::kLongestIdle;
  if (r < 0.80) return Strategy::kLeastCalls;
  if (r < 0.85) return Strategy::kLeastTalkTime;
  if (r < 0.90) return Strategy::kHighestProficiency;
  if (r < 0.95) return Strategy::kRoundRobin;
  return Strategy::kFixedOrder;
}

QueueConfig MakeQueue(uint32_t index, const BenchCenterOptions& options, BenchRng& rng) {
  static constexpr TimeMs kRingTimeoutsMs[] = {8'000, 10'000, 12'000, 15'000};
  static constexpr TimeMs kWrapupsMs[] = {0, 5'000, 10'000, 15'000, 30'000};
  QueueConfig q;
  q.name = "queue-" + std::to_string(index);
  q.strategy = options.longest_idle_only ? Strategy::kLongestIdle : PickStrategy(rng);
  const double p = rng.Unit();
  q.priority = p < 0.80 ? 0 : (p < 0.95 ? 1 : 2);
  const double w = rng.Unit();
  q.wait_weight = w < 0.70 ? 1.0 : (w < 0.90 ? 1.5 : 2.0);
  q.ring_timeout_ms = kRingTimeoutsMs[rng.Below(4)];
  q.wrapup_ms = kWrapupsMs[rng.Below(5)];
  q.max_misses = 3;
  q.has_skill = rng.Chance(0.5);
  q.skill = q.has_skill ? rng.Below(options.skills) : 0;
  return q;
}

void AddSkill(AgentConfig& agent, SkillId skill, BenchRng& rng) {
  for (const SkillLevel& s : agent.skills) {
    if (s.skill == skill) return;
  }
  agent.skills.push_back({skill, static_cast<int>(rng.Between(kMinLevel, kMaxLevel))});
}

AgentConfig MakeAgent(uint32_t index, const BenchCenterOptions& options,
                      const std::vector<QueueConfig>& queues, BenchRng& rng) {
  AgentConfig a;
  a.id = index + 1;
  a.name = "agent-" + std::to_string(index);
  a.capacity = 1;
  const uint32_t queue_count = 1 + rng.Below(3);
  while (a.queues.size() < queue_count) {
    const QueueId q = rng.Below(options.queues);
    const bool seen = std::any_of(a.queues.begin(), a.queues.end(),
                                  [q](const Membership& m) { return m.queue == q; });
    if (seen) continue;
    Membership m;
    m.queue = q;
    m.level = static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
    m.position = rng.Below(1000);
    a.queues.push_back(m);
    if (queues[q].has_skill) AddSkill(a, queues[q].skill, rng);
  }
  const uint32_t skill_target = 1 + rng.Below(4);
  while (a.skills.size() < skill_target) AddSkill(a, rng.Below(options.skills), rng);
  return a;
}

}  // namespace

int QueueLevel(const CenterConfig& center, const AgentConfig& agent,
               const Membership& membership) {
  const QueueConfig& q = center.queues[membership.queue];
  if (!q.has_skill) return membership.level;
  for (const SkillLevel& s : agent.skills) {
    if (s.skill == q.skill) return s.level;
  }
  return 0;
}

BenchCenter BuildBenchCenter(const BenchCenterOptions& options) {
  BenchRng rng(options.seed * 0x9e3779b97f4a7c15ULL + 17);
  BenchCenter bc;
  CenterConfig& c = bc.config;
  for (uint32_t s = 0; s < options.skills; ++s) c.skills.push_back("skill-" + std::to_string(s));
  for (uint32_t q = 0; q < options.queues; ++q) c.queues.push_back(MakeQueue(q, options, rng));
  c.agents.reserve(options.agents);
  std::vector<double> weight(options.queues, 0.0);
  bc.members.resize(options.queues);
  bc.member_levels.resize(options.queues);
  for (uint32_t i = 0; i < options.agents; ++i) {
    c.agents.push_back(MakeAgent(i, options, c.queues, rng));
    const AgentConfig& a = c.agents.back();
    for (const Membership& m : a.queues) {
      weight[m.queue] += 1.0 / static_cast<double>(a.queues.size());
      bc.members[m.queue].push_back(i);
      bc.member_levels[m.queue].push_back(QueueLevel(c, a, m));
    }
  }
  bc.extra_options.resize(options.queues);
  for (uint32_t q = 0; q < options.queues; ++q) {
    const std::vector<uint32_t>& members = bc.members[q];
    for (int k = 0; k < 4 && !members.empty(); ++k) {
      const AgentConfig& a = c.agents[members[rng.Below(static_cast<uint32_t>(members.size()))]];
      const SkillLevel& s = a.skills[rng.Below(static_cast<uint32_t>(a.skills.size()))];
      bc.extra_options[q].push_back({s.skill, static_cast<int>(rng.Between(kMinLevel, s.level))});
    }
  }
  double sum = 0;
  for (double w : weight) {
    sum += w;
    bc.queue_weight_cumulative.push_back(sum);
  }
  // Room for the initial burst plus steady traffic at any agent count.
  c.max_live_calls = std::max<uint32_t>(1'000'000, options.agents * 4);
  return bc;
}

}  // namespace acd::bench
