// Random center generation for the fuzz tests.
#include "tests/core/center_gen.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace acd::testing {
namespace {

constexpr Strategy kStrategies[] = {
    Strategy::kLongestIdle, Strategy::kLeastCalls,         Strategy::kLeastTalkTime,
    Strategy::kRoundRobin,  Strategy::kFixedOrder,         Strategy::kHighestProficiency,
    Strategy::kRandom,      Strategy::kWeightedRandom,     Strategy::kRingAll,
};

}  // namespace

// An overflow action from queue q: a move to a later queue or a terminal path.
OverflowAction RandomAction(TestRng& rng, int q, int queue_count, bool allow_none) {
  OverflowAction action;
  const bool can_move = q + 1 < queue_count;
  switch (rng.Below(allow_none ? 6 : 5)) {
    case 0:
      action.kind = can_move ? OverflowKind::kQueue : OverflowKind::kVoicemail;
      break;
    case 1: action.kind = OverflowKind::kCallback; break;
    case 2: action.kind = OverflowKind::kVoicemail; break;
    case 3: action.kind = OverflowKind::kExternal; break;
    case 4: action.kind = can_move ? OverflowKind::kQueue : OverflowKind::kDisconnect; break;
    default: action.kind = OverflowKind::kNone; break;
  }
  if (action.kind == OverflowKind::kQueue) {
    action.queue = static_cast<QueueId>(rng.Between(q + 1, queue_count - 1));
  } else if (action.kind != OverflowKind::kNone) {
    action.target = absl::StrCat("path-", q);
  }
  return action;
}

QueueConfig RandomQueue(TestRng& rng, int q, int queue_count, int skill_count) {
  QueueConfig qc;
  qc.name = absl::StrCat("q", q);
  qc.strategy = kStrategies[rng.Below(std::size(kStrategies))];
  qc.priority = static_cast<int>(rng.Between(-2, 2));
  qc.wait_weight = std::vector<double>{0.5, 1.0, 1.0, 2.0}[rng.Below(4)];
  qc.ring_timeout_ms = rng.PerMille(100) ? rng.Between(1, 999) : rng.Between(2, 20) * 1000;
  qc.wrapup_ms = rng.PerMille(400) ? 0 : rng.Between(1, 30) * 1000;
  qc.max_misses = static_cast<int>(rng.Between(0, 4));
  if (skill_count > 0 && rng.PerMille(300)) {
    qc.has_skill = true;
    qc.skill = static_cast<SkillId>(rng.Below(skill_count));
  }
  if (rng.PerMille(500)) {
    qc.max_wait_ms = rng.Between(3, 120) * 1000;
    qc.on_max_wait = RandomAction(rng, q, queue_count, /*allow_none=*/false);
    // Half of them cut a ringing offer at max wait; from the draw above, so
    // that the generator's stream (and every recorded seed's center) stays.
    qc.max_wait_cuts_ring = qc.max_wait_ms % 2000 == 0;
  }
  if (rng.PerMille(300)) {
    qc.max_length = static_cast<uint32_t>(rng.Between(1, 6));
    qc.on_full = RandomAction(rng, q, queue_count, /*allow_none=*/false);
  }
  if (rng.PerMille(300)) qc.ring_all_max = static_cast<uint32_t>(rng.Between(1, 6));
  // Level options from the draws above, so that the generator's stream (and
  // every recorded seed's center) stays: about a third of the queues serve
  // the best level first, a fifth weigh no level with few members.
  qc.level_first = qc.ring_timeout_ms % 3000 == 0;
  qc.ignore_levels_up_to_members = qc.priority == -2 ? static_cast<uint32_t>(qc.max_misses) * 3 : 0;
  // About half the queues with a wrap-up keep it to their own calls
  // (Asterisk's shared_lastcall = no), from the draws above as well.
  qc.wrapup_here_only = qc.wrapup_ms > 0 && qc.wrapup_ms % 2000 == 0;
  // About half the queues that pause pause in themselves alone (Asterisk's
  // autopause = yes), from the draws above too (odd seconds of ring).
  qc.auto_pause_here_only = qc.max_misses > 0 && qc.ring_timeout_ms % 2000 != 0;
  // About a fifth of the queues that pause hold the pause back for 15-45 s
  // after the agent's last call (Asterisk's autopausedelay).
  qc.auto_pause_delay_ms = qc.max_misses > 0 && qc.priority == 1 ? 15'000 + qc.wrapup_ms : 0;
  // About half the queues that pause count a busy line as a miss, and
  // half an unavailable device (Asterisk's autopausebusy, autopauseunavail).
  qc.auto_pause_busy = qc.max_misses > 0 && (qc.ring_timeout_ms + qc.wrapup_ms) / 1000 % 2 == 0;
  qc.auto_pause_unavailable = qc.max_misses > 0 && qc.max_misses % 2 == 1;
  return qc;
}

AgentConfig RandomAgent(TestRng& rng, size_t index, const std::vector<std::vector<TimeMs>>& delays,
                        int skill_count) {
  AgentConfig agent;
  agent.id = 100 + index * 7 + rng.Below(7);
  agent.name = absl::StrCat("agent", index);
  agent.capacity = rng.PerMille(100) ? 2 : 1;
  for (size_t q = 0; q < delays.size(); ++q) {
    if (!rng.PerMille(550)) continue;
    Membership m;
    m.queue = static_cast<QueueId>(q);
    m.level = static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
    m.delay_ms = rng.PerMille(700) ? 0 : rng.Pick(delays[q]);
    m.position = static_cast<uint32_t>(rng.Below(60));
    m.weight = std::vector<double>{0.25, 1.0, 1.0, 3.0, 8.0}[rng.Below(5)];
    agent.queues.push_back(m);
  }
  for (int s = 0; s < skill_count; ++s) {
    if (rng.PerMille(500)) {
      agent.skills.push_back({static_cast<SkillId>(s),
                              static_cast<int>(rng.Between(kMinLevel, kMaxLevel))});
    }
  }
  return agent;
}

OverflowRule RandomRule(TestRng& rng, const CenterConfig& center, int q, int r) {
  const int queue_count = static_cast<int>(center.queues.size());
  OverflowRule rule;
  rule.name = absl::StrCat("r", r);
  rule.after_ms = rng.PerMille(200) ? 0 : rng.Between(1, 60) * 1000;
  rule.condition = static_cast<RuleCondition>(rng.Below(7));
  if (rule.condition == RuleCondition::kClosed && center.calendar.open.empty()) {
    rule.condition = RuleCondition::kNoAgentReady;
  }
  if (rule.condition == RuleCondition::kEwtAtLeast) rule.threshold = rng.Between(0, 300) * 1000;
  if (rule.condition == RuleCondition::kQueueLengthAtLeast) {
    rule.threshold = rng.Between(1, 4);
    // A place in line instead, from the same draws (the seeds' draws stay).
    if ((q + r) % 4 == 1) rule.condition = RuleCondition::kPositionAtLeast;
    if ((q + r) % 4 == 2) rule.condition = RuleCondition::kPositionAtMost;
  }
  if (rule.condition == RuleCondition::kWaitingPerAgentAtLeast) {
    rule.threshold = rng.Between(1, 12) * 25;  // 25% .. 300%
  }
  switch (rng.Below(5)) {
    case 0:
      rule.action = RuleActionKind::kRoute;
      rule.route = RandomAction(rng, q, queue_count, /*allow_none=*/false);
      if (rule.route.kind == OverflowKind::kDisconnect && rng.Below(2) == 0) {
        rule.route.kind = OverflowKind::kReject;
      }
      break;
    case 1:
      rule.action = RuleActionKind::kSetMinLevel;
      rule.level = static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
      // A skill step instead, from the same draw, on one of the first two
      // skills (the shadow model tries every level of a stepped skill).
      if (!center.skills.empty() && (rule.level + r) % 3 != 0) {
        rule.action = (rule.level + r) % 3 == 1 ? RuleActionKind::kRequireSkill
                                                 : RuleActionKind::kDropSkill;
        rule.skill = static_cast<SkillId>(rule.level % std::min<size_t>(2, center.skills.size()));
        if (rule.action == RuleActionKind::kDropSkill) rule.level = kMinLevel;
      }
      break;
    case 2: {
      // Asterisk's penaltychange: each bound unchanged, absolute or a step,
      // derived from the one draw set_min_level made here (the seeds' draws
      // stay as they were).
      const int v = static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
      const int k = v * 7 + r * 3;
      rule.action = RuleActionKind::kSetLevelBounds;
      LevelBoundsChange& b = rule.bounds;
      if (k % 3 == 1) b.min_level = {true, -(1 + v % 3)};
      if (k % 3 == 2) b.min_level = {false, v};
      if (k / 3 % 3 == 1) b.max_level = {false, kMaxLevel + 1 - v};
      if (k / 3 % 3 == 2) b.max_level = {true, -(1 + v % 4)};
      if (k / 9 % 3 == 1) b.level_cap = {false, 1 + v * 3 % kMaxLevel};
      if (k / 9 % 3 == 2) b.level_cap = {true, -(1 + v % 5)};
      if (b == LevelBoundsChange{}) b.min_level = {true, -1};
      break;
    }
    case 3:
      rule.action = RuleActionKind::kRaisePriority;
      rule.priority_delta = static_cast<int>(rng.Between(-3, 4));
      if (rule.priority_delta >= 0) ++rule.priority_delta;  // -3..-1, 1..5: never 0
      break;
    default:
      if (queue_count < 2) {
        rule.action = RuleActionKind::kRaisePriority;
        rule.priority_delta = 1;
        break;
      }
      rule.action = RuleActionKind::kAddQueue;
      rule.queue = static_cast<QueueId>((q + rng.Between(1, queue_count - 1)) % queue_count);
      break;
  }
  return rule;
}

namespace {

// Entry rules on the attributes the event generator gives calls (menu
// digits, intent, DNIS and language from the call id, VIP, returning,
// internal, owner) and the calendar; drawn after everything else in the
// rules stream.
Tri RandomTri(TestRng& rng) {
  const uint64_t r = rng.Below(10);
  return r < 6 ? Tri::kAny : r < 8 ? Tri::kYes : Tri::kNo;
}

void AddRandomEntryRules(TestRng& rng, CenterConfig& center) {
  if (!rng.PerMille(400)) return;
  const int queue_count = static_cast<int>(center.queues.size());
  const std::vector<std::string> digits = {"1", "2", "3", "4*", "42"};
  const int rule_count = static_cast<int>(rng.Between(1, 5));
  for (int r = 0; r < rule_count; ++r) {
    EntryRule rule;
    rule.name = absl::StrCat("e", r);
    EntryMatch& m = rule.match;
    if (rng.PerMille(500)) m.digits.push_back(rng.Pick(digits));
    if (rng.PerMille(200)) m.digits.push_back(rng.Pick(digits));
    if (rng.PerMille(250)) m.intents.push_back(static_cast<Intent>(rng.Below(6)));
    if (rng.PerMille(200)) m.dnis.push_back(rng.PerMille(500) ? "+49301*" : "+493010");
    if (rng.PerMille(150)) m.languages.push_back(rng.PerMille(500) ? "de" : "en");
    m.vip = rng.PerMille(300) ? RandomTri(rng) : Tri::kAny;
    m.returning = rng.PerMille(300) ? RandomTri(rng) : Tri::kAny;
    m.internal = rng.PerMille(300) ? RandomTri(rng) : Tri::kAny;
    m.has_owner = rng.PerMille(200) ? RandomTri(rng) : Tri::kAny;
    if (!center.calendar.open.empty() && rng.PerMille(300)) m.open = RandomTri(rng);
    if (rng.PerMille(150)) {
      m.hours = {TimeWindow{static_cast<uint8_t>(rng.Between(1, 0x7f)),
                            static_cast<int>(rng.Between(0, 12)) * 60,
                            static_cast<int>(rng.Between(13, 24)) * 60}};
    }
    if (rng.PerMille(650)) {
      rule.route.kind = OverflowKind::kQueue;
      rule.route.queue = static_cast<QueueId>(rng.Below(queue_count));
      rule.priority = static_cast<int>(rng.Between(-3, 3));
      rule.min_level = rng.PerMille(700) ? kMinLevel : static_cast<int>(rng.Between(1, kMaxLevel));
      // A wait credit from the draws above (no new draw: recorded seeds keep
      // their streams): ahead of 20 s of callers, or behind 15 s of them.
      rule.wait_credit_ms = rule.priority == 2 ? 20'000 : rule.priority == -2 ? -15'000 : 0;
      if (!center.skills.empty() && rng.PerMille(250)) {
        rule.required_skills.push_back(
            {static_cast<SkillId>(rng.Below(center.skills.size())), static_cast<int>(rng.Between(1, 8))});
      }
    } else {
      rule.route = RandomAction(rng, queue_count, queue_count, /*allow_none=*/false);
      if (rule.route.kind == OverflowKind::kCallback) {
        for (int q = 0; q < queue_count; ++q) {
          if (center.queues[q].callback.enabled && rng.PerMille(600)) {
            rule.route.has_queue = true;
            rule.route.queue = static_cast<QueueId>(q);
            break;
          }
        }
      } else if (rng.PerMille(300)) {
        rule.route.kind = OverflowKind::kReject;
      }
    }
    center.entry_rules.push_back(rule);
  }
  if (rng.PerMille(500)) {
    center.entry_default = OverflowAction{OverflowKind::kQueue,
                                          static_cast<QueueId>(rng.Below(queue_count)), ""};
  }
  center.boosts.external = static_cast<int>(rng.Between(0, 2));
  center.boosts.vip = static_cast<int>(rng.Between(0, 3));
  center.boosts.returning = static_cast<int>(rng.Between(0, 1));
}

// Callback policies, drawn last from the rules stream (so that the rules
// drawn before them stay what they were): some queues take callbacks, and
// some callback actions name the queue their callback waits in.
void AddRandomCallbacks(TestRng& rng, CenterConfig& center) {
  const int queue_count = static_cast<int>(center.queues.size());
  std::vector<QueueId> taking;
  for (int q = 0; q < queue_count; ++q) {
    if (!rng.PerMille(400)) continue;
    CallbackPolicy& cb = center.queues[q].callback;
    cb.enabled = true;
    cb.same_queue = rng.PerMille(700);
    if (!cb.same_queue) cb.queue = static_cast<QueueId>(rng.Below(queue_count));
    cb.keep_place = rng.PerMille(700);
    cb.max_attempts = static_cast<uint32_t>(rng.Between(1, 4));
    cb.retry_ms = rng.Between(1, 60) * 1000;
    cb.retry_factor = std::vector<double>{1.0, 1.5, 2.0}[rng.Below(3)];
    cb.request_within_ms = rng.Between(10, 600) * 1000;
    cb.priority_delta = static_cast<int>(rng.Between(-2, 2));
    taking.push_back(static_cast<QueueId>(q));
  }
  if (taking.empty()) return;
  auto name_queue = [&](OverflowAction& a) {
    if (a.kind == OverflowKind::kCallback && rng.PerMille(300)) {
      a.has_queue = true;
      a.queue = rng.Pick(taking);
    }
  };
  for (QueueConfig& qc : center.queues) {
    name_queue(qc.on_max_wait);
    name_queue(qc.on_full);
    name_queue(qc.on_decline);
    name_queue(qc.leave_when_empty.action);
    for (OverflowRule& rule : qc.rules) {
      if (rule.action == RuleActionKind::kRoute) name_queue(rule.route);
    }
  }
}


// Overflow rules, announcements, leave-when-empty, screening and rests:
// drawn from their own stream so that a seed's queues, agents and events
// stay what they were before these existed.
void AddRandomRules(TestRng& rng, CenterConfig& center) {
  const int queue_count = static_cast<int>(center.queues.size());
  if (rng.PerMille(300)) {
    // Open 06:00-20:00 on some days: the fuzz clock starts near 0 (Thursday).
    center.calendar.open = {TimeWindow{static_cast<uint8_t>(rng.Between(1, 0x7f)), 6 * 60,
                                       20 * 60}};
  }

  for (int q = 0; q < queue_count; ++q) {
    QueueConfig& qc = center.queues[q];
    const int rule_count = rng.PerMille(450) ? static_cast<int>(rng.Between(1, 4)) : 0;
    for (int r = 0; r < rule_count; ++r) qc.rules.push_back(RandomRule(rng, center, q, r));
    // TaskRouter's workflow timing on some of the queues with rules, from
    // the rules' times (so that the stream, and every seed's center, stays):
    // rules counted from the arrival, ring outs that bring the next rule due.
    if (!qc.rules.empty()) {
      qc.rules_from_arrival = qc.rules[0].after_ms % 3000 == 0;
      qc.ring_timeout_moves_on = qc.rules.back().after_ms % 2000 == 0;
      Recur(qc);
    }
    if (rng.PerMille(300)) {
      qc.announcements.first_ms = rng.Between(0, 20) * 1000;
      qc.announcements.every_ms = rng.Between(5, 60) * 1000;
      qc.announcements.position_limit = static_cast<uint32_t>(rng.Between(0, 5));
      qc.announcements.ewt_round_ms = rng.Between(1, 60) * 1000;
    }
    if (rng.PerMille(150)) {
      qc.leave_when_empty.condition = rng.Below(2) == 0 ? EmptyCondition::kNoAgentLoggedIn
                                                        : EmptyCondition::kNoAgentReady;
      qc.leave_when_empty.action = RandomAction(rng, q, queue_count, /*allow_none=*/false);
    }
    if (rng.PerMille(150)) qc.on_decline = RandomAction(rng, q, queue_count, false);
    if (rng.PerMille(150)) qc.ignore_delays_up_to_members = static_cast<uint32_t>(rng.Between(1, 4));
    if (rng.PerMille(300)) qc.owner_first_ms = rng.Between(1, 30) * 1000;
    if (qc.strategy != Strategy::kRingAll && rng.PerMille(250)) {
      qc.progressive_ring_ms = rng.Between(1, 8) * 1000;
    }
  }
  if (rng.PerMille(300)) center.resume_place_ms = rng.Between(1, 120) * 1000;
  for (AgentConfig& agent : center.agents) {
    if (!rng.PerMille(200)) continue;
    agent.no_answer_delay_ms = rng.Between(0, 30) * 1000;
    agent.decline_delay_ms = rng.Between(0, 10) * 1000;
    agent.busy_delay_ms = rng.Between(0, 10) * 1000;
  }
  // Skill scores, drawn last so that the draws above keep their values.
  const int skill_count = static_cast<int>(center.skills.size());
  for (QueueConfig& qc : center.queues) {
    if (skill_count == 0 || !rng.PerMille(150)) continue;
    qc.strategy = Strategy::kBestSkillScore;
    for (int s = 0; s < skill_count; ++s) {
      if (rng.PerMille(500) || (s == skill_count - 1 && qc.skill_weights.empty())) {
        qc.skill_weights.push_back({static_cast<SkillId>(s), static_cast<int>(rng.Between(1, 5))});
      }
    }
  }
  // Least calls / least talk time counted since ready (FreeSWITCH's way)
  // for half of those queues, from the draws above (the stream stays).
  for (QueueConfig& qc : center.queues) {
    qc.counters_since_ready = (qc.strategy == Strategy::kLeastCalls ||
                               qc.strategy == Strategy::kLeastTalkTime) &&
                              qc.ring_timeout_ms % 2000 == 0;
  }
  // Counters of one queue (Asterisk's shared_lastcall = no) for most of
  // the least-calls, least-talk-time and longest-idle queues that do not
  // count since ready, from the draws above (the stream stays).
  for (QueueConfig& qc : center.queues) {
    qc.counters_here_only = (qc.strategy == Strategy::kLeastCalls ||
                             qc.strategy == Strategy::kLeastTalkTime ||
                             qc.strategy == Strategy::kLongestIdle) &&
                            !qc.counters_since_ready && qc.max_misses != 2;
  }
  // Agents with a wrap-up of their own (Asterisk's member wrapuptime), from
  // the draws above (no new draw: the stream stays).
  for (AgentConfig& agent : center.agents) {
    if (agent.id % 3 == 0 && agent.no_answer_delay_ms % 2000 == 0) {
      agent.wrapup_ms = static_cast<TimeMs>(agent.id % 4) * 3000;  // 0 included
    }
  }
  AddRandomCallbacks(rng, center);
  AddRandomEntryRules(rng, center);
  // A PBX that reports its agents' other calls: queues that ring them anyway.
  if (rng.PerMille(300)) {
    for (QueueConfig& qc : center.queues) qc.ring_in_use = rng.PerMille(500);
    center.queues[0].ring_in_use = true;  // marks the center for the event generator
  }
  // Queues that refuse joins when empty (join_empty), drawn last: any set
  // of the peer's factors, any path.
  for (int q = 0; q < queue_count; ++q) {
    if (!rng.PerMille(150)) continue;
    JoinEmpty& join = center.queues[q].join_empty;
    join.factors = static_cast<uint8_t>(rng.Between(1, 255));
    join.action = RandomAction(rng, q, queue_count, /*allow_none=*/false);
  }
  // Queues whose callers leave by a factor list (leave_when_empty), drawn
  // after everything else: any set of factors, any path.
  for (int q = 0; q < queue_count; ++q) {
    if (!rng.PerMille(150)) continue;
    LeaveWhenEmpty& leave = center.queues[q].leave_when_empty;
    if (leave.condition != EmptyCondition::kNever) continue;
    leave.factors = static_cast<uint8_t>(rng.Between(1, 255));
    leave.action = RandomAction(rng, q, queue_count, /*allow_none=*/false);
  }
}

// Labels the center declares (issue 12): some not-ready reasons and
// intents after the built-in ones, and entry rules that match the intents.
void AddRandomLabels(TestRng& rng, CenterConfig& center) {
  if (!rng.PerMille(300)) return;
  const uint64_t reasons = rng.Below(4);
  for (uint64_t i = 0; i < reasons; ++i) {
    center.labels.not_ready_reasons.push_back(absl::StrCat("pause", i));
  }
  const uint64_t intents = rng.Below(4);
  for (uint64_t i = 0; i < intents; ++i) center.labels.intents.push_back(absl::StrCat("topic", i));
  for (EntryRule& rule : center.entry_rules) {
    if (intents == 0 || !rng.PerMille(400)) continue;
    rule.match.intents.push_back(static_cast<Intent>(kBuiltinIntents + rng.Below(intents)));
  }
}

}  // namespace

void Recur(QueueConfig& qc) {
  for (OverflowRule& rule : qc.rules) {
    rule.every_ms = rule.after_ms % 5000 == 0 ? (rule.after_ms / 1000 % 20 + 5) * 1000 : 0;
  }
  qc.keep_rules_at_entry = !qc.rules.empty() && qc.rules[0].after_ms / 1000 % 2 == 0;
}

bool OrdersByKey(Strategy strategy) {
  return strategy != Strategy::kRoundRobin && strategy != Strategy::kRandom &&
         strategy != Strategy::kWeightedRandom && strategy != Strategy::kRingAll;
}

void AddRandomAttributes(TestRng& rng, CenterConfig& center) {
  static constexpr const char* kNames[] = {"english", "seniority", "tenure"};
  for (AgentConfig& agent : center.agents) {
    for (const char* name : kNames) {  // in name order, as the loader gives them
      if (rng.PerMille(550)) agent.attributes.push_back({name, rng.Between(0, 6) - 2});
    }
  }
  for (QueueConfig& qc : center.queues) {
    if (!OrdersByKey(qc.strategy) || !rng.PerMille(450)) continue;
    // Now and then an attribute no agent has: every agent ties.
    qc.order_by = rng.PerMille(100) ? "nobody" : kNames[rng.Below(std::size(kNames))];
    qc.order_descending = rng.PerMille(500);
  }
}

CenterConfig RandomCenter(TestRng& rng, const CenterGenOptions& options) {
  CenterConfig center;
  const int skill_count = static_cast<int>(rng.Between(0, options.max_skills));
  for (int s = 0; s < skill_count; ++s) center.skills.push_back(absl::StrCat("skill", s));
  const int queue_count = static_cast<int>(rng.Between(1, options.max_queues));
  std::vector<std::vector<TimeMs>> delays(queue_count);
  for (int q = 0; q < queue_count; ++q) {
    center.queues.push_back(RandomQueue(rng, q, queue_count, skill_count));
    // Up to three non-zero delays: with 0 that is kMaxDelayClasses classes.
    const int delay_count = static_cast<int>(rng.Between(1, kMaxDelayClasses - 1));
    for (int d = 0; d < delay_count; ++d) delays[q].push_back(rng.Between(1, 40) * 1000);
  }
  const size_t agent_count = static_cast<size_t>(rng.Between(1, options.max_agents));
  for (size_t i = 0; i < agent_count; ++i) {
    center.agents.push_back(RandomAgent(rng, i, delays, skill_count));
  }
  // Queues whose empty delays hold no call (FreeSWITCH's
  // tier-rule-no-agent-no-wait): from the draws above (the stream stays),
  // only where a member has a delay.
  for (size_t q = 0; q < center.queues.size(); ++q) {
    center.queues[q].skip_empty_delays =
        center.queues[q].max_misses % 2 == 1 && HasDelayedMember(center, static_cast<QueueId>(q));
  }
  if (options.rules) {
    TestRng copy = rng;
    TestRng rules_rng(copy.Next() ^ 0x72756c6573ULL);
    AddRandomRules(rules_rng, center);
  }
  {
    // From their own stream, so that every other draw keeps its value.
    TestRng copy = rng;
    TestRng labels_rng(copy.Next() ^ 0x6c6162656c73ULL);
    AddRandomLabels(labels_rng, center);
  }
  {
    // Agents' attributes and queues' order_by (TaskRouter's), likewise from
    // their own stream, after the strategies are final.
    TestRng copy = rng;
    TestRng attributes_rng(copy.Next() ^ 0x6f7264657262ULL);
    AddRandomAttributes(attributes_rng, center);
  }
  {
    // Universal agents (all_skills_level): some agents hold every skill at
    // a level, their listed skills keeping their own; own stream as well.
    TestRng copy = rng;
    TestRng universal_rng(copy.Next() ^ 0x616c6c736b6c73ULL);
    for (AgentConfig& agent : center.agents) {
      if (universal_rng.PerMille(120)) {
        agent.all_skills_level = static_cast<int>(universal_rng.Between(kMinLevel, kMaxLevel));
      }
    }
  }
  {
    // Channels (media per queue, channels per agent), from their own stream.
    TestRng copy = rng;
    TestRng channels_rng(copy.Next() ^ 0x6368616e6e656cULL);
    AddRandomChannels(channels_rng, center);
  }
  if (rng.PerMille(200)) center.max_live_calls = static_cast<uint32_t>(rng.Between(3, 40));
  // Windows: mostly sized for a fuzz run (StateHash walks their tables, so
  // the defaults make every hash slow), sometimes tiny (ids are forgotten
  // within a run), sometimes the defaults.
  for (uint32_t* window : {&center.dedupe_window, &center.ended_calls_window}) {
    const uint64_t r = rng.Below(10);
    if (r < 2) {
      *window = static_cast<uint32_t>(rng.Between(64, 512));
    } else if (r < 9) {
      *window = static_cast<uint32_t>(rng.Between(4096, 16384));
    }
  }
  return center;
}

bool StepsSkills(const CenterConfig& center) {
  for (const QueueConfig& q : center.queues) {
    for (const OverflowRule& rule : q.rules) {
      if (IsSkillStep(rule.action)) return true;
    }
  }
  return false;
}

int SkillLevelOf(const std::vector<SkillLevel>& skills, SkillId skill) {
  for (const SkillLevel& s : skills) {
    if (s.skill == skill) return s.level;
  }
  return 0;
}

bool HasDelayedMember(const CenterConfig& center, QueueId queue) {
  for (const AgentConfig& a : center.agents) {
    for (const Membership& m : a.queues) {
      if (m.queue == queue && m.delay_ms > 0) return true;
    }
  }
  return false;
}

int LevelFor(const CenterConfig& center, const std::vector<SkillLevel>& skills,
             const Membership& membership) {
  const QueueConfig& queue = center.queues[membership.queue];
  return queue.has_skill ? SkillLevelOf(skills, queue.skill) : membership.level;
}

}  // namespace acd::testing
