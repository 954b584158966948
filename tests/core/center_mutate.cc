// MutateCenter: changed copies of valid centers for the live-reload fuzz.
#include "tests/core/center_mutate.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include "tests/core/center_gen.h"

namespace acd::testing {
namespace {

constexpr Strategy kStrategies[] = {
    Strategy::kLongestIdle, Strategy::kLeastCalls,     Strategy::kLeastTalkTime,
    Strategy::kRoundRobin,  Strategy::kFixedOrder,     Strategy::kHighestProficiency,
    Strategy::kRandom,      Strategy::kWeightedRandom, Strategy::kRingAll,
    Strategy::kBestSkillScore,
};

bool MovesTo(const OverflowAction& a, QueueId q) {
  return a.kind == OverflowKind::kQueue && a.queue == q;
}

void RenumberAction(OverflowAction& a, const std::vector<int>& map) {
  if (a.kind == OverflowKind::kQueue || a.has_queue) a.queue = static_cast<QueueId>(map[a.queue]);
}

// The terminal path a reference to a removed queue becomes.
void EndInstead(OverflowAction& a, QueueId removed, bool allow_none) {
  if (MovesTo(a, removed)) {
    a = allow_none ? OverflowAction{} : OverflowAction{OverflowKind::kVoicemail, 0, "removed"};
  }
  if (a.has_queue && a.queue == removed) {
    a.has_queue = false;
    a.queue = 0;
  }
}

// Points everything that names queue q elsewhere: moves end on a terminal
// path, guest-queue rules and memberships go, entry rules route to the next
// queue, callbacks wait in their capturing queue.
void Detach(CenterConfig& c, QueueId q) {
  const QueueId next = static_cast<QueueId>((q + 1) % c.queues.size());
  for (QueueConfig& qc : c.queues) {
    EndInstead(qc.on_max_wait, q, false);
    EndInstead(qc.on_full, q, false);
    EndInstead(qc.on_decline, q, true);
    EndInstead(qc.leave_when_empty.action, q, false);
    EndInstead(qc.join_empty.action, q, false);
    std::erase_if(qc.rules, [q](const OverflowRule& r) {
      return r.action == RuleActionKind::kAddQueue && r.queue == q;
    });
    for (OverflowRule& rule : qc.rules) {
      if (rule.action == RuleActionKind::kRoute) EndInstead(rule.route, q, false);
    }
    if (!qc.callback.same_queue && qc.callback.queue == q) {
      qc.callback.same_queue = true;
      qc.callback.queue = 0;
    }
  }
  for (AgentConfig& agent : c.agents) {
    std::erase_if(agent.queues, [q](const Membership& m) { return m.queue == q; });
  }
  for (EntryRule& rule : c.entry_rules) {
    if (MovesTo(rule.route, q)) rule.route.queue = next;
    EndInstead(rule.route, q, false);
  }
  if (MovesTo(c.entry_default, q)) c.entry_default = {OverflowKind::kReject, 0, "removed"};
  EndInstead(c.on_queue_removed, q, true);
  if (c.on_queue_removed.kind == OverflowKind::kCallback && !c.on_queue_removed.has_queue) {
    c.on_queue_removed = {};
  }
}

std::string FreshName(const std::set<std::string>& used, const std::string& prefix,
                      TestRng& rng) {
  while (true) {
    std::string name = prefix + std::to_string(rng.Below(10'000));
    if (!used.contains(name)) return name;
  }
}

std::set<std::string> QueueNames(const CenterConfig& c) {
  std::set<std::string> names;
  for (const QueueConfig& q : c.queues) names.insert(q.name);
  return names;
}

// The distinct non-zero member delays of each queue (at most
// kMaxDelayClasses - 1), with one drawn where a queue has none.
std::vector<std::vector<TimeMs>> Delays(const CenterConfig& c, TestRng& rng) {
  std::vector<std::set<TimeMs>> sets(c.queues.size());
  for (const AgentConfig& a : c.agents) {
    for (const Membership& m : a.queues) {
      if (m.delay_ms > 0) sets[m.queue].insert(m.delay_ms);
    }
  }
  std::vector<std::vector<TimeMs>> out;
  for (const std::set<TimeMs>& s : sets) {
    out.emplace_back(s.begin(), s.end());
    if (out.back().empty()) out.back().push_back(rng.Between(1, 40) * 1000);
  }
  return out;
}

QueueId AnyQueue(const CenterConfig& c, TestRng& rng) {
  return static_cast<QueueId>(rng.Below(c.queues.size()));
}

// ---- the mutations; each may leave the center invalid (then it is dropped) ----

void ReorderQueues(CenterConfig& c, TestRng& rng) {
  std::vector<int> map(c.queues.size());
  for (size_t i = 0; i < map.size(); ++i) map[i] = static_cast<int>(i);
  for (size_t i = map.size(); i > 1; --i) std::swap(map[i - 1], map[rng.Below(i)]);
  RenumberQueues(c, map);
}

void AddQueue(CenterConfig& c, TestRng& rng) {
  const int n = static_cast<int>(c.queues.size());
  // As the last queue its actions are terminal: no loop can close.
  QueueConfig qc = RandomQueue(rng, n, n + 1, static_cast<int>(c.skills.size()));
  qc.name = FreshName(QueueNames(c), "nq", rng);
  c.queues.push_back(qc);
  for (AgentConfig& agent : c.agents) {
    if (rng.PerMille(400)) {
      agent.queues.push_back({static_cast<QueueId>(n),
                              static_cast<int>(rng.Between(kMinLevel, kMaxLevel)), 0,
                              static_cast<uint32_t>(rng.Below(60)), 1.0});
    }
  }
  if (!c.entry_rules.empty() && rng.PerMille(300)) {
    EntryRule& rule = c.entry_rules[rng.Below(c.entry_rules.size())];
    if (rule.route.kind == OverflowKind::kQueue) rule.route.queue = static_cast<QueueId>(n);
  }
}

void RemoveQueue(CenterConfig& c, TestRng& rng) {
  if (c.queues.size() < 2) return;
  const QueueId q = AnyQueue(c, rng);
  Detach(c, q);
  std::vector<int> map(c.queues.size());
  for (size_t i = 0; i < map.size(); ++i) {
    map[i] = i < q ? static_cast<int>(i) : i == q ? -1 : static_cast<int>(i) - 1;
  }
  RenumberQueues(c, map);
}

void AddAgent(CenterConfig& c, TestRng& rng) {
  AgentId id = 100;
  for (const AgentConfig& a : c.agents) id = std::max(id, a.id);
  AgentConfig agent = RandomAgent(rng, c.agents.size(), Delays(c, rng),
                                  static_cast<int>(c.skills.size()));
  agent.id = id + 1 + rng.Below(5);
  agent.name = "agent-" + std::to_string(agent.id);
  c.agents.insert(c.agents.begin() + static_cast<long>(rng.Below(c.agents.size() + 1)), agent);
}

void RemoveAgent(CenterConfig& c, TestRng& rng) {
  if (c.agents.size() < 2) return;
  c.agents.erase(c.agents.begin() + static_cast<long>(rng.Below(c.agents.size())));
}

void ChangeAgent(CenterConfig& c, TestRng& rng) {
  AgentConfig& a = c.agents[rng.Below(c.agents.size())];
  switch (rng.Below(7)) {
    case 0: a.capacity = static_cast<uint32_t>(rng.Between(1, 3)); break;
    case 1:
      if (!a.queues.empty()) {
        a.queues[rng.Below(a.queues.size())].level =
            static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
      }
      break;
    case 2:
      if (!a.queues.empty()) {
        Membership& m = a.queues[rng.Below(a.queues.size())];
        m.delay_ms = rng.PerMille(500) ? 0 : rng.Pick(Delays(c, rng)[m.queue]);
      }
      break;
    case 3:
      if (!a.queues.empty()) a.queues.erase(a.queues.begin() + static_cast<long>(rng.Below(a.queues.size())));
      break;
    case 4: {
      const QueueId q = AnyQueue(c, rng);
      const bool member = std::any_of(a.queues.begin(), a.queues.end(),
                                      [q](const Membership& m) { return m.queue == q; });
      if (!member) a.queues.push_back({q, static_cast<int>(rng.Between(kMinLevel, kMaxLevel))});
      break;
    }
    case 5:
      if (!c.skills.empty() && rng.PerMille(750)) {
        const SkillId s = static_cast<SkillId>(rng.Below(c.skills.size()));
        std::erase_if(a.skills, [s](const SkillLevel& k) { return k.skill == s; });
        if (rng.PerMille(700)) a.skills.push_back({s, static_cast<int>(rng.Between(1, 10))});
      } else {  // a universal agent appears, changes level or goes (invariant 27)
        a.all_skills_level = rng.PerMille(400) ? 0 : static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
      }
      break;
    default:
      a.no_answer_delay_ms = rng.Between(0, 30) * 1000;
      a.decline_delay_ms = rng.Between(0, 10) * 1000;
      break;
  }
}

void SwitchStrategy(CenterConfig& c, TestRng& rng) {
  QueueConfig& q = c.queues[AnyQueue(c, rng)];
  q.strategy = kStrategies[rng.Below(std::size(kStrategies))];
  q.skill_weights.clear();
  if (q.strategy == Strategy::kBestSkillScore) {
    if (c.skills.empty()) {
      q.strategy = Strategy::kLongestIdle;
    } else {
      for (size_t s = 0; s < c.skills.size(); ++s) {
        if (rng.PerMille(500) || (s + 1 == c.skills.size() && q.skill_weights.empty())) {
          q.skill_weights.push_back({static_cast<SkillId>(s), static_cast<int>(rng.Between(1, 5))});
        }
      }
    }
  }
  if (q.strategy == Strategy::kRingAll) q.progressive_ring_ms = 0;
  q.counters_since_ready =
      (q.strategy == Strategy::kLeastCalls || q.strategy == Strategy::kLeastTalkTime) &&
      rng.PerMille(500);
  // Kept, or (no new draw) turned on, where the new strategy counts calls:
  // the reload keeps the memberships' counters and re-keys by them.
  q.counters_here_only = (q.counters_here_only || q.ring_timeout_ms % 4000 == 0) &&
                         !q.counters_since_ready &&
                         (q.strategy == Strategy::kLeastCalls ||
                          q.strategy == Strategy::kLeastTalkTime ||
                          q.strategy == Strategy::kLongestIdle);
  if (!OrdersByKey(q.strategy)) q.order_by.clear();
  q.order_descending = q.order_descending && !q.order_by.empty();
}

// Attributes are configuration: a reload re-keys the agents it files
// (DESIGN invariant 22). An agent's value changes, appears or goes, or a
// queue orders by another attribute, the other way, or not at all.
void ChangeOrder(CenterConfig& c, TestRng& rng) {
  static constexpr const char* kNames[] = {"english", "seniority", "tenure"};
  if (rng.PerMille(600) && !c.agents.empty()) {
    std::vector<AgentAttribute>& attributes = c.agents[rng.Below(c.agents.size())].attributes;
    const std::string name = kNames[rng.Below(std::size(kNames))];
    std::erase_if(attributes, [&name](const AgentAttribute& a) { return a.name == name; });
    if (rng.PerMille(700)) attributes.push_back({name, rng.Between(0, 6) - 2});
    return;
  }
  QueueConfig& q = c.queues[AnyQueue(c, rng)];
  q.order_by.clear();
  q.order_descending = false;
  if (OrdersByKey(q.strategy) && rng.PerMille(700)) {
    q.order_by = kNames[rng.Below(std::size(kNames))];
    q.order_descending = rng.PerMille(500);
  }
}

void ChangeRules(CenterConfig& c, TestRng& rng) {
  const QueueId q = AnyQueue(c, rng);
  QueueConfig& qc = c.queues[q];
  const uint64_t r = rng.Below(3);
  if (r == 0 || qc.rules.empty()) {
    std::set<std::string> names;
    for (const OverflowRule& rule : qc.rules) names.insert(rule.name);
    OverflowRule rule = RandomRule(rng, c, static_cast<int>(q), 0);
    rule.name = FreshName(names, "m", rng);
    qc.rules.insert(qc.rules.begin() + static_cast<long>(rng.Below(qc.rules.size() + 1)), rule);
  } else if (r == 1) {
    qc.rules.erase(qc.rules.begin() + static_cast<long>(rng.Below(qc.rules.size())));
  } else {
    qc.rules[rng.Below(qc.rules.size())].after_ms = rng.PerMille(200) ? 0 : rng.Between(1, 60) * 1000;
  }
  // TaskRouter's workflow timing starts, changes or stops with the rules,
  // from their times (none without a rule).
  qc.rules_from_arrival = !qc.rules.empty() && qc.rules[0].after_ms % 3000 == 0;
  qc.ring_timeout_moves_on = !qc.rules.empty() && qc.rules.back().after_ms % 4000 == 0;
  Recur(qc);
}

void ChangeQueue(CenterConfig& c, TestRng& rng) {
  const QueueId q = AnyQueue(c, rng);
  QueueConfig& qc = c.queues[q];
  switch (rng.Below(6)) {
    case 5:  // refusing joins starts, changes or stops (applies to later joins)
      qc.join_empty = {};
      if (rng.PerMille(600)) {
        qc.join_empty.factors = static_cast<uint8_t>(rng.Between(1, 255));
        qc.join_empty.action =
            RandomAction(rng, static_cast<int>(q), static_cast<int>(c.queues.size()), false);
      }
      break;
    case 0:
      qc.max_wait_ms = rng.PerMille(300) ? 0 : rng.Between(3, 120) * 1000;
      if (qc.on_max_wait.kind == OverflowKind::kNone) {
        qc.on_max_wait = RandomAction(rng, static_cast<int>(q), static_cast<int>(c.queues.size()), false);
      }
      // Rings already past max wait are cut at the reload when this turns on.
      qc.max_wait_cuts_ring = qc.max_wait_ms > 0 && rng.PerMille(500);
      break;
    case 1:
      qc.announcements = {};
      if (rng.PerMille(600)) {
        qc.announcements.first_ms = rng.Between(0, 20) * 1000;
        qc.announcements.every_ms = rng.Between(5, 60) * 1000;
        qc.announcements.position_limit = static_cast<uint32_t>(rng.Between(0, 5));
      }
      break;
    case 2:  // with the ring timeout, the level options change (applies to calls in line)
      qc.ring_timeout_ms = rng.Between(1, 20) * 1000;
      qc.level_first = qc.ring_timeout_ms % 3000 == 0;
      qc.ignore_levels_up_to_members = qc.ring_timeout_ms % 4000 == 0 ? 4 : 0;
      qc.skip_empty_delays = qc.ring_timeout_ms % 5000 != 0 && HasDelayedMember(c, q);
      break;
    case 3:
      qc.wrapup_ms = rng.PerMille(400) ? 0 : rng.Between(1, 30) * 1000;
      qc.max_misses = static_cast<int>(rng.Between(0, 4));
      // Whether it keeps the wrap-up to its own calls, from the draw above
      // (applies from the next call's end; a running wrap-up keeps its queue).
      qc.wrapup_here_only = qc.wrapup_ms > 0 && qc.wrapup_ms % 3000 == 0;
      // And where its automatic pause lands (applies from the next miss;
      // a pause made already stays).
      qc.auto_pause_here_only = qc.max_misses > 0 && qc.wrapup_ms % 2000 == 0;
      // And whether a busy or unavailable line counts (from the next decline).
      qc.auto_pause_busy = qc.max_misses > 0 && qc.wrapup_ms % 4000 == 0;
      qc.auto_pause_unavailable = qc.max_misses > 0 && qc.max_misses % 2 == 0;
      if (qc.max_misses == 0) qc.auto_pause_delay_ms = 0;
      break;
    default: qc.max_length = static_cast<uint32_t>(rng.Between(1, 8)); break;
  }
}

void AppendSkill(CenterConfig& c, TestRng& rng) {
  const std::set<std::string> used(c.skills.begin(), c.skills.end());
  c.skills.push_back(FreshName(used, "skill-n", rng));
  const SkillId s = static_cast<SkillId>(c.skills.size() - 1);
  for (AgentConfig& a : c.agents) {
    if (rng.PerMille(400)) a.skills.push_back({s, static_cast<int>(rng.Between(1, 10))});
  }
}

void ChangeCenter(CenterConfig& c, TestRng& rng) {
  if (rng.PerMille(500)) {
    c.max_live_calls = rng.PerMille(500) ? static_cast<uint32_t>(rng.Between(3, 40)) : 1'000'000;
  } else {
    c.resume_place_ms = rng.PerMille(500) ? 0 : rng.Between(1, 120) * 1000;
  }
}

// What becomes of the calls waiting in a queue the new center drops: often
// nothing (the reload is refused while calls wait there), else a queue or a
// terminal path (a callback names a queue that takes callbacks).
void DrawOnQueueRemoved(CenterConfig& c, TestRng& rng) {
  const uint64_t r = rng.Below(10);
  if (r < 5) {
    c.on_queue_removed = {};
    return;
  }
  if (r < 7) {
    c.on_queue_removed = {OverflowKind::kQueue, AnyQueue(c, rng), ""};
    return;
  }
  const OverflowKind kinds[] = {OverflowKind::kCallback, OverflowKind::kVoicemail,
                                OverflowKind::kExternal, OverflowKind::kDisconnect,
                                OverflowKind::kReject};
  c.on_queue_removed = {kinds[rng.Below(std::size(kinds))], 0, "queue-removed"};
  if (c.on_queue_removed.kind != OverflowKind::kCallback) return;
  c.on_queue_removed.kind = OverflowKind::kVoicemail;
  for (size_t q = 0; q < c.queues.size(); ++q) {
    if (c.queues[q].callback.enabled) {
      c.on_queue_removed = {OverflowKind::kCallback, static_cast<QueueId>(q), "queue-removed", true};
      break;
    }
  }
}

// Channels: a queue takes another media (refused by the live state while
// calls of the old one are in it; the agents' channels follow when they
// list the media), or an agent's channels change capacity or
// interruptions.
void ChangeChannels(CenterConfig& c, TestRng& rng) {
  if (rng.PerMille(500)) {
    const QueueId q = AnyQueue(c, rng);
    const Media media = static_cast<Media>(rng.Below(kMediaCount));
    c.queues[q].media = media;
    for (AgentConfig& a : c.agents) {
      if (a.channels.empty()) continue;
      const bool member = std::any_of(a.queues.begin(), a.queues.end(),
                                      [q](const Membership& m) { return m.queue == q; });
      const bool listed = std::any_of(a.channels.begin(), a.channels.end(),
                                      [media](const ChannelConfig& ch) { return ch.media == media; });
      if (member && !listed) {
        a.channels.push_back(ChannelConfig{media, 1, 0});
        std::sort(a.channels.begin(), a.channels.end(),
                  [](const ChannelConfig& x, const ChannelConfig& y) { return x.media < y.media; });
      }
    }
    return;
  }
  AgentConfig& a = c.agents[rng.Below(c.agents.size())];
  if (a.channels.empty()) return;
  ChannelConfig& ch = a.channels[rng.Below(a.channels.size())];
  ch.capacity = static_cast<uint32_t>(rng.Between(1, a.capacity));
  ch.interrupted_by = 0;
  for (const ChannelConfig& other : a.channels) {
    if (other.media != ch.media && rng.PerMille(500)) {
      ch.interrupted_by |= static_cast<uint8_t>(1u << static_cast<int>(other.media));
    }
  }
}

using Mutation = void (*)(CenterConfig&, TestRng&);

// `count` mutations drawn from `mutations`, each kept only when the center
// still validates.
template <size_t N>
CenterConfig Mutate(const CenterConfig& center, TestRng& rng, const Mutation (&mutations)[N],
                    int count) {
  CenterConfig out = center;
  for (int i = 0; i < count; ++i) {
    CenterConfig next = out;
    mutations[rng.Below(N)](next, rng);
    if (ValidateCenter(next).ok()) out = std::move(next);
  }
  return out;
}

}  // namespace

void RenumberQueues(CenterConfig& c, const std::vector<int>& map) {
  size_t kept = 0;
  for (int to : map) kept += to >= 0;
  std::vector<QueueConfig> queues(kept);
  for (size_t i = 0; i < map.size(); ++i) {
    if (map[i] >= 0) queues[map[i]] = std::move(c.queues[i]);
  }
  c.queues = std::move(queues);
  for (QueueConfig& qc : c.queues) {
    for (OverflowAction* a : {&qc.on_max_wait, &qc.on_full, &qc.on_decline,
                              &qc.leave_when_empty.action, &qc.join_empty.action}) {
      RenumberAction(*a, map);
    }
    for (OverflowRule& rule : qc.rules) {
      if (rule.action == RuleActionKind::kRoute) RenumberAction(rule.route, map);
      if (rule.action == RuleActionKind::kAddQueue) rule.queue = static_cast<QueueId>(map[rule.queue]);
    }
    if (!qc.callback.same_queue) qc.callback.queue = static_cast<QueueId>(map[qc.callback.queue]);
  }
  for (AgentConfig& agent : c.agents) {
    std::erase_if(agent.queues, [&map](const Membership& m) { return map[m.queue] < 0; });
    for (Membership& m : agent.queues) m.queue = static_cast<QueueId>(map[m.queue]);
  }
  for (EntryRule& rule : c.entry_rules) RenumberAction(rule.route, map);
  RenumberAction(c.entry_default, map);
  RenumberAction(c.on_queue_removed, map);
}

CenterConfig MutateCenter(const CenterConfig& center, TestRng& rng) {
  static constexpr Mutation kMutations[] = {
      ReorderQueues, AddQueue,   RemoveQueue,  AddAgent,    RemoveAgent,
      ChangeAgent,   ChangeAgent, SwitchStrategy, ChangeRules, ChangeQueue,
      ChangeQueue,   AppendSkill, ChangeCenter, DrawOnQueueRemoved, DrawOnQueueRemoved,
      ChangeOrder,   ChangeOrder, ChangeChannels,
  };
  return Mutate(center, rng, kMutations, static_cast<int>(rng.Between(2, 6)));
}

CenterConfig MutateRules(const CenterConfig& center, TestRng& rng) {
  static constexpr Mutation kMutations[] = {ChangeRules, ChangeRules, ChangeRules,
                                            ChangeRules, RemoveQueue, ReorderQueues};
  return Mutate(center, rng, kMutations, static_cast<int>(rng.Between(1, 3)));
}

}  // namespace acd::testing
