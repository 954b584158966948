// The center's fields added after version 1, each behind its marker byte and
// written only when set, so that every center that could be written before
// keeps its encoding and its fingerprint (center_codec.cc writes the version-1
// fields, center_decode.cc reads both back).
//
// Thread-safety: pure functions.
#include <cstdint>

#include "acd/config.h"
#include "core/state_codec.h"

namespace acd::core {
namespace {

void PutJoinEmpty(ByteWriter& w, const CenterConfig& center, uint64_t refusing) {
  w.PutU8(kMarkerJoinEmpty);
  w.PutVarint(refusing);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    const JoinEmpty& join = center.queues[i].join_empty;
    if (join.factors == 0) continue;
    w.PutVarint(i);
    w.PutU8(join.factors);
    PutAction(w, join.action);
  }
}

// A queue flag's marker, then the count and indexes of the queues with it
// (none: nothing is written).
void PutQueueFlag(ByteWriter& w, const CenterConfig& center, uint8_t marker,
                  bool QueueConfig::*flag) {
  uint64_t count = 0;
  for (const QueueConfig& q : center.queues) count += q.*flag;
  if (count == 0) return;
  w.PutU8(marker);
  w.PutVarint(count);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    if (center.queues[i].*flag) w.PutVarint(i);
  }
}

void PutAutoPauseDelays(ByteWriter& w, const CenterConfig& center, uint64_t delaying) {
  w.PutU8(kMarkerAutoPauseDelay);
  w.PutVarint(delaying);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    if (center.queues[i].auto_pause_delay_ms == 0) continue;
    w.PutVarint(i);
    w.PutSigned(center.queues[i].auto_pause_delay_ms);
  }
}

bool HasLevelOptions(const QueueConfig& q) {
  return q.level_first || q.ignore_levels_up_to_members != 0 || q.skip_empty_delays;
}

void PutLevels(ByteWriter& w, const CenterConfig& center, uint64_t weighing) {
  w.PutU8(kMarkerLevels);
  w.PutVarint(weighing);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    const QueueConfig& q = center.queues[i];
    if (!HasLevelOptions(q)) continue;
    w.PutVarint(i);
    w.PutU8(static_cast<uint8_t>((q.level_first ? kLevelFirstBit : 0) |
                                 (q.skip_empty_delays ? kSkipEmptyDelaysBit : 0)));
    w.PutVarint(q.ignore_levels_up_to_members);
  }
}

void PutEntryCredits(ByteWriter& w, const CenterConfig& center, uint64_t crediting) {
  w.PutU8(kMarkerEntryCredit);
  w.PutVarint(crediting);
  for (size_t i = 0; i < center.entry_rules.size(); ++i) {
    if (center.entry_rules[i].wait_credit_ms == 0) continue;
    w.PutVarint(i);
    w.PutSigned(center.entry_rules[i].wait_credit_ms);
  }
}

void PutLeaveFactors(ByteWriter& w, const CenterConfig& center, uint64_t leaving) {
  w.PutU8(kMarkerLeaveFactors);
  w.PutVarint(leaving);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    const uint8_t factors = center.queues[i].leave_when_empty.factors;
    if (factors == 0) continue;
    w.PutVarint(i);
    w.PutU8(factors);
  }
}

bool HasLevelBoundsRule(const QueueConfig& q) {
  return std::any_of(q.rules.begin(), q.rules.end(), [](const OverflowRule& rule) {
    return rule.action == RuleActionKind::kSetLevelBounds;
  });
}

void PutLevelBounds(ByteWriter& w, const CenterConfig& center, uint64_t bounding) {
  w.PutU8(kMarkerLevelBounds);
  w.PutVarint(bounding);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    if (!HasLevelBoundsRule(center.queues[i])) continue;
    w.PutVarint(i);
    for (const OverflowRule& rule : center.queues[i].rules) {
      if (rule.action != RuleActionKind::kSetLevelBounds) continue;
      for (const LevelChange* change :
           {&rule.bounds.min_level, &rule.bounds.max_level, &rule.bounds.level_cap}) {
        w.PutBool(change->relative);
        w.PutSigned(change->value);
      }
    }
  }
}

bool HasSkillStep(const QueueConfig& q) {
  return std::any_of(q.rules.begin(), q.rules.end(),
                     [](const OverflowRule& rule) { return IsSkillStep(rule.action); });
}

void PutSkillSteps(ByteWriter& w, const CenterConfig& center, uint64_t stepping) {
  w.PutU8(kMarkerSkillSteps);
  w.PutVarint(stepping);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    if (!HasSkillStep(center.queues[i])) continue;
    w.PutVarint(i);
    for (const OverflowRule& rule : center.queues[i].rules) {
      if (IsSkillStep(rule.action)) w.PutVarint(rule.skill);
    }
  }
}

bool HasRecurringRule(const QueueConfig& q) {
  return std::any_of(q.rules.begin(), q.rules.end(),
                     [](const OverflowRule& rule) { return rule.every_ms != 0; });
}

void PutRecurringRules(ByteWriter& w, const CenterConfig& center, uint64_t recurring) {
  w.PutU8(kMarkerRecurringRules);
  w.PutVarint(recurring);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    if (!HasRecurringRule(center.queues[i])) continue;
    w.PutVarint(i);
    for (const OverflowRule& rule : center.queues[i].rules) w.PutSigned(rule.every_ms);
  }
}

bool HasAttributeOrder(const CenterConfig& center) {
  for (const QueueConfig& q : center.queues) {
    if (!q.order_by.empty()) return true;
  }
  for (const AgentConfig& a : center.agents) {
    if (!a.attributes.empty()) return true;
  }
  return false;
}

void PutOrderBy(ByteWriter& w, const CenterConfig& center) {
  w.PutU8(kMarkerOrderBy);
  uint64_t ordering = 0;
  for (const QueueConfig& q : center.queues) ordering += !q.order_by.empty();
  w.PutVarint(ordering);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    const QueueConfig& q = center.queues[i];
    if (q.order_by.empty()) continue;
    w.PutVarint(i);
    w.PutBytes(q.order_by);
    w.PutBool(q.order_descending);
  }
  uint64_t described = 0;
  for (const AgentConfig& a : center.agents) described += !a.attributes.empty();
  w.PutVarint(described);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    const AgentConfig& a = center.agents[i];
    if (a.attributes.empty()) continue;
    w.PutVarint(i);
    w.PutVarint(a.attributes.size());
    for (const AgentAttribute& attr : a.attributes) {
      w.PutBytes(attr.name);
      w.PutSigned(attr.value);
    }
  }
}

void PutAgentWrapUp(ByteWriter& w, const CenterConfig& center, uint64_t overriding) {
  w.PutU8(kMarkerAgentWrapUp);
  w.PutVarint(overriding);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    if (!center.agents[i].wrapup_ms.has_value()) continue;
    w.PutVarint(i);
    w.PutSigned(*center.agents[i].wrapup_ms);
  }
}

void PutAllSkills(ByteWriter& w, const CenterConfig& center, uint64_t universal) {
  w.PutU8(kMarkerAllSkills);
  w.PutVarint(universal);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    if (center.agents[i].all_skills_level == 0) continue;
    w.PutVarint(i);
    w.PutVarint(static_cast<uint64_t>(center.agents[i].all_skills_level));
  }
}

}  // namespace

// The fields added after version 1, each behind its marker and only when
// set, in marker order (center_decode.cc reads them back):
//   kMarkerJoinEmpty: the queues with join_empty factors, by index.
//   kMarkerLabels: the declared not-ready reasons, then intents.
//   kMarkerTimeoutPriority: the queues with max_wait_cuts_ring, by index.
//   kMarkerLevels: the queues with level_first, ignore_levels_up_to_members
//     or skip_empty_delays, by index, each with its flags and its limit.
//   kMarkerCountersSinceReady: the queues with counters_since_ready, by index.
//   kMarkerLeaveFactors: the queues with leave_when_empty factors, by index
//     (the action is in the queue's version-1 fields).
//   kMarkerLevelBounds: the queues with set_level_bounds rules, by index,
//     each with the three changes of each such rule, in rule order (the
//     action is in the rule's version-1 fields).
//   kMarkerOrderBy: the queues with an order_by (index, attribute, whether
//     descending), then the agents with attributes (index, count, each
//     name and value); written when either list has one.
//   kMarkerAgentWrapUp: the agents with a wrap-up of their own, by index,
//     each with its wrapup_ms.
//   kMarkerWrapUpHereOnly: the queues with wrapup_here_only, by index.
//   kMarkerEntryCredit: the entry rules with a wait credit, by index, each
//     with its wait_credit_ms.
//   kMarkerAutoPauseHereOnly: the queues with auto_pause_here_only, by
//     index.
//   kMarkerAllSkills: the agents with an all_skills_level, by index, each
//     with its level.
//   kMarkerCountersHereOnly: the queues with counters_here_only, by index.
//   kMarkerSkillSteps: the queues with require_skill or drop_skill rules,
//     by index, each with the skill of each such rule, in rule order (the
//     action and require_skill's level are in the rule's version-1 fields).
//   kMarkerChannels: the queues whose media is not voice (index, media
//     byte), then the agents with channels (index, count, each channel's
//     media byte, capacity and interrupted_by bits); written when either
//     list has one.
//   kMarkerRulesFromArrival, kMarkerRingTimeoutMovesOn: the queues with
//     rules_from_arrival, with ring_timeout_moves_on, by index.
//   kMarkerRecurringRules: the queues with a recurring rule, by index, each
//     with every rule's every_ms (signed; 0 for a rule that comes due once)
//     in rule order.
//   kMarkerKeepRulesAtEntry: the queues with keep_rules_at_entry, by index.
//   kMarkerAutoPauseDelay: the queues with an auto_pause_delay_ms, by
//     index, each with it (signed).
//   kMarkerAutoPauseBusy, kMarkerAutoPauseUnavailable: the queues with
//     auto_pause_busy, with auto_pause_unavailable, by index.
bool HasChannels(const CenterConfig& center) {
  for (const QueueConfig& q : center.queues) {
    if (q.media != Media::kVoice) return true;
  }
  for (const AgentConfig& a : center.agents) {
    if (!a.channels.empty()) return true;
  }
  return false;
}

void PutChannels(ByteWriter& w, const CenterConfig& center) {
  w.PutU8(kMarkerChannels);
  uint64_t other = 0;
  for (const QueueConfig& q : center.queues) other += q.media != Media::kVoice;
  w.PutVarint(other);
  for (size_t i = 0; i < center.queues.size(); ++i) {
    if (center.queues[i].media == Media::kVoice) continue;
    w.PutVarint(i);
    w.PutU8(static_cast<uint8_t>(center.queues[i].media));
  }
  uint64_t channeled = 0;
  for (const AgentConfig& a : center.agents) channeled += !a.channels.empty();
  w.PutVarint(channeled);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    const AgentConfig& a = center.agents[i];
    if (a.channels.empty()) continue;
    w.PutVarint(i);
    w.PutVarint(a.channels.size());
    for (const ChannelConfig& ch : a.channels) {
      w.PutU8(static_cast<uint8_t>(ch.media));
      w.PutVarint(ch.capacity);
      w.PutU8(ch.interrupted_by);
    }
  }
}

void PutLaterFields(ByteWriter& w, const CenterConfig& center) {
  uint64_t refusing = 0;
  for (const QueueConfig& q : center.queues) refusing += q.join_empty.factors != 0;
  if (refusing != 0) PutJoinEmpty(w, center, refusing);
  const CenterLabels& labels = center.labels;
  if (!labels.not_ready_reasons.empty() || !labels.intents.empty()) {
    w.PutU8(kMarkerLabels);
    PutStrings(w, labels.not_ready_reasons);
    PutStrings(w, labels.intents);
  }
  PutQueueFlag(w, center, kMarkerTimeoutPriority, &QueueConfig::max_wait_cuts_ring);
  uint64_t weighing = 0;
  for (const QueueConfig& q : center.queues) weighing += HasLevelOptions(q);
  if (weighing != 0) PutLevels(w, center, weighing);
  PutQueueFlag(w, center, kMarkerCountersSinceReady, &QueueConfig::counters_since_ready);
  uint64_t leaving = 0;
  for (const QueueConfig& q : center.queues) leaving += q.leave_when_empty.factors != 0;
  if (leaving != 0) PutLeaveFactors(w, center, leaving);
  uint64_t bounding = 0;
  for (const QueueConfig& q : center.queues) bounding += HasLevelBoundsRule(q);
  if (bounding != 0) PutLevelBounds(w, center, bounding);
  if (HasAttributeOrder(center)) PutOrderBy(w, center);
  uint64_t overriding = 0;
  for (const AgentConfig& a : center.agents) overriding += a.wrapup_ms.has_value();
  if (overriding != 0) PutAgentWrapUp(w, center, overriding);
  PutQueueFlag(w, center, kMarkerWrapUpHereOnly, &QueueConfig::wrapup_here_only);
  uint64_t crediting = 0;
  for (const EntryRule& e : center.entry_rules) crediting += e.wait_credit_ms != 0;
  if (crediting != 0) PutEntryCredits(w, center, crediting);
  PutQueueFlag(w, center, kMarkerAutoPauseHereOnly, &QueueConfig::auto_pause_here_only);
  uint64_t universal = 0;
  for (const AgentConfig& a : center.agents) universal += a.all_skills_level != 0;
  if (universal != 0) PutAllSkills(w, center, universal);
  if (HasChannels(center)) PutChannels(w, center);
  PutQueueFlag(w, center, kMarkerCountersHereOnly, &QueueConfig::counters_here_only);
  uint64_t stepping = 0;
  for (const QueueConfig& q : center.queues) stepping += HasSkillStep(q);
  if (stepping != 0) PutSkillSteps(w, center, stepping);
  PutQueueFlag(w, center, kMarkerRulesFromArrival, &QueueConfig::rules_from_arrival);
  PutQueueFlag(w, center, kMarkerRingTimeoutMovesOn, &QueueConfig::ring_timeout_moves_on);
  uint64_t recurring = 0;
  for (const QueueConfig& q : center.queues) recurring += HasRecurringRule(q);
  if (recurring != 0) PutRecurringRules(w, center, recurring);
  PutQueueFlag(w, center, kMarkerKeepRulesAtEntry, &QueueConfig::keep_rules_at_entry);
  uint64_t delaying = 0;
  for (const QueueConfig& q : center.queues) delaying += q.auto_pause_delay_ms != 0;
  if (delaying != 0) PutAutoPauseDelays(w, center, delaying);
  PutQueueFlag(w, center, kMarkerAutoPauseBusy, &QueueConfig::auto_pause_busy);
  PutQueueFlag(w, center, kMarkerAutoPauseUnavailable, &QueueConfig::auto_pause_unavailable);
}

}  // namespace acd::core
