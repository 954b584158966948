// Reading the center's fields added after version 1, each behind its marker
// byte (center_codec_later.cc writes them): the mirror of that file, as
// center_decode.cc is of center_codec.cc.
//
// Thread-safety: pure functions.
#include <algorithm>
#include <string>
#include <vector>

#include "acd/config.h"
#include "core/state_codec.h"

namespace acd::core {
namespace {

// A list of records (queues or agents) by increasing index: the count,
// then each index and what follows it, which `read` reads (center_codec.cc
// writes them so). Returns the count.
template <typename T, typename Read>
uint64_t GetIndexed(ByteReader& r, std::vector<T>& records, Read read) {
  const uint64_t count = r.GetVarintAtMost(records.size());
  uint64_t next = 0;
  for (uint64_t k = 0; k < count && r.ok(); ++k) {
    const uint64_t i = r.GetVarintAtMost(records.size() - 1);  // count <= size: not empty
    if (r.ok() && i < next) r.Fail("records out of order");
    next = i + 1;
    if (r.ok()) read(records[i]);
  }
  return count;
}

// A list of queues by increasing index, at least one.
template <typename Read>
void GetQueueList(ByteReader& r, CenterConfig& c, const char* field, Read read) {
  r.set_field(field);
  const uint64_t count = GetIndexed(r, c.queues, read);
  if (r.ok() && count == 0) r.Fail("no queue is written");
}

void GetJoinEmpty(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.join_empty", [&r](QueueConfig& q) {
    q.join_empty.factors = r.GetU8();
    if (r.ok() && q.join_empty.factors == 0) r.Fail("a queue without factors is written");
    q.join_empty.action = GetAction(r);
  });
}

void GetLabels(ByteReader& r, CenterConfig& c) {
  r.set_field("labels");
  c.labels.not_ready_reasons = GetStrings(r);
  c.labels.intents = GetStrings(r);
  if (r.ok() && c.labels.not_ready_reasons.empty() && c.labels.intents.empty()) {
    r.Fail("no label is written");
  }
}

void GetCutsRing(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.max_wait_cuts_ring",
               [](QueueConfig& q) { q.max_wait_cuts_ring = true; });
}

void GetLevels(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.level_first", [&r](QueueConfig& q) {
    const uint8_t flags = r.GetU8();
    if (r.ok() && (flags & ~(kLevelFirstBit | kSkipEmptyDelaysBit)) != 0) {
      r.Fail("an unknown level option is written");
    }
    q.level_first = (flags & kLevelFirstBit) != 0;
    q.skip_empty_delays = (flags & kSkipEmptyDelaysBit) != 0;
    r.set_field("queues.ignore_levels_up_to_members");
    q.ignore_levels_up_to_members = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
    if (r.ok() && flags == 0 && q.ignore_levels_up_to_members == 0) {
      r.Fail("a queue without level options is written");
    }
  });
}

void GetSinceReady(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.counters_since_ready",
               [](QueueConfig& q) { q.counters_since_ready = true; });
}

void GetLeaveFactors(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.leave_when_empty.factors", [&r](QueueConfig& q) {
    q.leave_when_empty.factors = r.GetU8();
    if (r.ok() && q.leave_when_empty.factors == 0) r.Fail("a queue without factors is written");
  });
}

void GetLevelBounds(ByteReader& r, CenterConfig& c, size_t* bounded) {
  GetQueueList(r, c, "queues.rules.set_level_bounds", [&r, bounded](QueueConfig& q) {
    ++*bounded;
    bool any = false;
    for (OverflowRule& rule : q.rules) {
      if (rule.action != RuleActionKind::kSetLevelBounds) continue;
      any = true;
      for (LevelChange* change :
           {&rule.bounds.min_level, &rule.bounds.max_level, &rule.bounds.level_cap}) {
        change->relative = r.GetBool();
        change->value = static_cast<int>(r.GetSigned());
      }
    }
    if (r.ok() && !any) r.Fail("a queue without set_level_bounds rules is written");
  });
}

// Overflow rules' skills (kMarkerSkillSteps); ValidateCenter checks that
// each names a skill of the center.
void GetSkillSteps(ByteReader& r, CenterConfig& c, size_t* stepped) {
  GetQueueList(r, c, "queues.rules.skill", [&r, stepped](QueueConfig& q) {
    ++*stepped;
    bool any = false;
    for (OverflowRule& rule : q.rules) {
      if (!IsSkillStep(rule.action)) continue;
      any = true;
      rule.skill = static_cast<SkillId>(r.GetVarintAtMost(UINT32_MAX));
    }
    if (r.ok() && !any) r.Fail("a queue without require_skill or drop_skill rules is written");
  });
}

// Queues' order_by and agents' attributes (kMarkerOrderBy): each list by
// increasing index, at least one entry in one of them.
void GetOrderBy(ByteReader& r, CenterConfig& c) {
  r.set_field("queues.order_by");
  const uint64_t queues = GetIndexed(r, c.queues, [&r](QueueConfig& q) {
    q.order_by = r.GetString();
    q.order_descending = r.GetBool();
    if (r.ok() && q.order_by.empty()) r.Fail("a queue without an attribute is written");
  });
  r.set_field("agents.attributes");
  const uint64_t agents = GetIndexed(r, c.agents, [&r](AgentConfig& a) {
    const uint64_t count = r.GetVarintAtMost(kMaxAgentAttributes);
    if (r.ok() && count == 0) r.Fail("an agent without attributes is written");
    for (uint64_t n = 0; n < count && r.ok(); ++n) {
      std::string name = r.GetString();
      a.attributes.push_back({std::move(name), r.GetSigned()});
    }
  });
  if (r.ok() && queues == 0 && agents == 0) r.Fail("no order_by and no attribute is written");
}

// Agents with a wrap-up of their own (kMarkerAgentWrapUp), by increasing
// index, at least one.
void GetAgentWrapUp(ByteReader& r, CenterConfig& c) {
  r.set_field("agents.wrapup_ms");
  const uint64_t count = GetIndexed(r, c.agents, [&r](AgentConfig& a) { a.wrapup_ms = r.GetSigned(); });
  if (r.ok() && count == 0) r.Fail("no agent is written");
}

void GetWrapUpHereOnly(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.wrapup_here_only", [](QueueConfig& q) { q.wrapup_here_only = true; });
}

// Queues counting their own calls alone (kMarkerCountersHereOnly), likewise.
void GetCountersHereOnly(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.counters_here_only",
               [](QueueConfig& q) { q.counters_here_only = true; });
}

// Entry rules with a wait credit (kMarkerEntryCredit), by increasing index,
// at least one, none of them 0.
void GetEntryCredits(ByteReader& r, CenterConfig& c) {
  r.set_field("entry_rules.wait_credit_ms");
  const uint64_t count = GetIndexed(r, c.entry_rules, [&r](EntryRule& e) {
    e.wait_credit_ms = r.GetSigned();
    if (r.ok() && e.wait_credit_ms == 0) r.Fail("a rule without a credit is written");
  });
  if (r.ok() && count == 0) r.Fail("no entry rule is written");
}

void GetAutoPauseHereOnly(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.auto_pause_here_only",
               [](QueueConfig& q) { q.auto_pause_here_only = true; });
}

void GetRulesFromArrival(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.rules_from_arrival",
               [](QueueConfig& q) { q.rules_from_arrival = true; });
}

void GetRingTimeoutMovesOn(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.ring_timeout_moves_on",
               [](QueueConfig& q) { q.ring_timeout_moves_on = true; });
}

void GetKeepRulesAtEntry(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.keep_rules_at_entry",
               [](QueueConfig& q) { q.keep_rules_at_entry = true; });
}

void GetAutoPauseBusy(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.auto_pause_busy", [](QueueConfig& q) { q.auto_pause_busy = true; });
}

void GetAutoPauseUnavailable(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.auto_pause_unavailable",
               [](QueueConfig& q) { q.auto_pause_unavailable = true; });
}

void GetAutoPauseDelays(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.auto_pause_delay_ms", [&r](QueueConfig& q) {
    q.auto_pause_delay_ms = r.GetSigned();
    if (r.ok() && q.auto_pause_delay_ms == 0) r.Fail("a queue without a delay is written");
  });
}

// Recurring rules (kMarkerRecurringRules): queues by increasing index, at
// least one, each with every rule's every_ms and at least one of them set;
// ValidateCenter judges the values.
void GetRecurringRules(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.rules.every_ms", [&r](QueueConfig& q) {
    bool any = false;
    for (OverflowRule& rule : q.rules) {
      rule.every_ms = r.GetSigned();
      any = any || rule.every_ms != 0;
    }
    if (r.ok() && !any) r.Fail("a queue without a recurring rule is written");
  });
}

// Universal agents (kMarkerAllSkills), by increasing index, at least one,
// each with a level of 1..10 (ValidateCenter says which).
void GetAllSkills(ByteReader& r, CenterConfig& c) {
  r.set_field("agents.all_skills_level");
  const uint64_t count = GetIndexed(r, c.agents, [&r](AgentConfig& a) {
    a.all_skills_level = static_cast<int>(r.GetVarintAtMost(kMaxLevel));
    if (r.ok() && a.all_skills_level == 0) r.Fail("an agent without the option is written");
  });
  if (r.ok() && count == 0) r.Fail("no agent is written");
}

// Queues' media and agents' channels (kMarkerChannels): each list by
// increasing index, at least one entry in one of them; ValidateCenter
// judges the values.
void GetChannels(ByteReader& r, CenterConfig& c) {
  r.set_field("queues.media");
  const uint64_t queues = GetIndexed(r, c.queues, [&r](QueueConfig& q) {
    q.media = static_cast<Media>(r.GetU8());
    if (r.ok() && q.media == Media::kVoice) r.Fail("a voice queue is written");
  });
  r.set_field("agents.channels");
  const uint64_t agents = GetIndexed(r, c.agents, [&r](AgentConfig& a) {
    const uint64_t count = r.GetVarintAtMost(kMediaCount);
    if (r.ok() && count == 0) r.Fail("an agent without channels is written");
    for (uint64_t n = 0; n < count && r.ok(); ++n) {
      ChannelConfig ch;
      ch.media = static_cast<Media>(r.GetU8());
      ch.capacity = static_cast<uint32_t>(r.GetVarintAtMost(kMaxAgentCapacity));
      ch.interrupted_by = r.GetU8();
      a.channels.push_back(ch);
    }
  });
  if (r.ok() && queues == 0 && agents == 0) r.Fail("no media and no channel is written");
}

}  // namespace

// The fields added after version 1 (center_codec.cc, PutLaterFields): each
// marker at most once and in order, each only when set, so that a center
// has one encoding.
void GetLaterFields(ByteReader& r, CenterConfig& c) {
  uint8_t last = 0;
  size_t bounded = 0;  // queues whose set_level_bounds rules were given their changes
  size_t stepped = 0;  // queues whose skill steps were given their skills
  while (r.ok() && !r.at_end()) {
    const uint8_t marker = r.GetU8();
    if (marker <= last || marker > kMarkerLast) {
      r.Fail("bytes follow the end of the center (an unknown or repeated field marker)");
      return;
    }
    last = marker;
    if (marker == kMarkerJoinEmpty) GetJoinEmpty(r, c);
    if (marker == kMarkerLabels) GetLabels(r, c);
    if (marker == kMarkerTimeoutPriority) GetCutsRing(r, c);
    if (marker == kMarkerLevels) GetLevels(r, c);
    if (marker == kMarkerCountersSinceReady) GetSinceReady(r, c);
    if (marker == kMarkerLeaveFactors) GetLeaveFactors(r, c);
    if (marker == kMarkerLevelBounds) GetLevelBounds(r, c, &bounded);
    if (marker == kMarkerOrderBy) GetOrderBy(r, c);
    if (marker == kMarkerAgentWrapUp) GetAgentWrapUp(r, c);
    if (marker == kMarkerWrapUpHereOnly) GetWrapUpHereOnly(r, c);
    if (marker == kMarkerEntryCredit) GetEntryCredits(r, c);
    if (marker == kMarkerAutoPauseHereOnly) GetAutoPauseHereOnly(r, c);
    if (marker == kMarkerAllSkills) GetAllSkills(r, c);
    if (marker == kMarkerChannels) GetChannels(r, c);
    if (marker == kMarkerCountersHereOnly) GetCountersHereOnly(r, c);
    if (marker == kMarkerSkillSteps) GetSkillSteps(r, c, &stepped);
    if (marker == kMarkerRulesFromArrival) GetRulesFromArrival(r, c);
    if (marker == kMarkerRingTimeoutMovesOn) GetRingTimeoutMovesOn(r, c);
    if (marker == kMarkerRecurringRules) GetRecurringRules(r, c);
    if (marker == kMarkerKeepRulesAtEntry) GetKeepRulesAtEntry(r, c);
    if (marker == kMarkerAutoPauseDelay) GetAutoPauseDelays(r, c);
    if (marker == kMarkerAutoPauseBusy) GetAutoPauseBusy(r, c);
    if (marker == kMarkerAutoPauseUnavailable) GetAutoPauseUnavailable(r, c);
  }
  // Every queue with a set_level_bounds rule is listed (a cut before the
  // marker is no center).
  size_t with_bounds = 0;
  for (const QueueConfig& q : c.queues) {
    with_bounds += std::any_of(q.rules.begin(), q.rules.end(), [](const OverflowRule& rule) {
      return rule.action == RuleActionKind::kSetLevelBounds;
    });
  }
  if (r.ok() && with_bounds != bounded) {
    r.set_field("queues.rules.set_level_bounds");
    r.Fail("a set_level_bounds rule is written without its changes");
  }
  size_t with_steps = 0;
  for (const QueueConfig& q : c.queues) {
    with_steps += std::any_of(q.rules.begin(), q.rules.end(),
                              [](const OverflowRule& rule) { return IsSkillStep(rule.action); });
  }
  if (r.ok() && with_steps != stepped) {
    r.set_field("queues.rules.skill");
    r.Fail("a require_skill or drop_skill rule is written without its skill");
  }
}

}  // namespace acd::core
