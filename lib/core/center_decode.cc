// Reading a center's byte form (acd/center_codec.h): the mirror of
// center_codec.cc's encoder, field by field in the same order.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "acd/center_codec.h"
#include "core/state_codec.h"

namespace acd::core {
namespace {

constexpr uint64_t kMaxCount = 1u << 24;  // any list in a center

OverflowAction GetAction(ByteReader& r) {
  OverflowAction a;
  a.kind = GetEnum(r, kLastOverflowKind);
  a.queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
  a.target = r.GetString();
  a.has_queue = r.GetBool();
  return a;
}

std::vector<TimeWindow> GetWindows(ByteReader& r) {
  std::vector<TimeWindow> out(r.GetVarintAtMost(r.remaining()));
  for (TimeWindow& t : out) {
    t.weekdays = r.GetU8();
    t.from_minute = static_cast<int>(r.GetSigned());
    t.to_minute = static_cast<int>(r.GetSigned());
  }
  return out;
}

std::vector<std::string> GetStrings(ByteReader& r) {
  std::vector<std::string> out(r.GetVarintAtMost(r.remaining()));
  for (std::string& s : out) s = r.GetString();
  return out;
}

void GetCalendar(ByteReader& r, BusinessCalendar& c) {
  r.set_field("calendar");
  c.time_zone_name = r.GetString();
  const std::string zone = r.GetString();
  if (r.ok() && !absl::LoadTimeZone(zone, &c.time_zone)) r.Fail("unknown time zone");
  c.open = GetWindows(r);
  c.holidays.resize(r.GetVarintAtMost(r.remaining()));
  for (Holiday& h : c.holidays) {
    h.year = static_cast<int>(r.GetSigned());
    h.month = static_cast<int>(r.GetSigned());
    h.day = static_cast<int>(r.GetSigned());
    h.open = GetWindows(r);
  }
}

EntryRule GetEntryRule(ByteReader& r) {
  EntryRule e;
  e.name = r.GetString();
  EntryMatch& m = e.match;
  m.dnis = GetStrings(r);
  m.digits = GetStrings(r);
  m.intents.resize(r.GetVarintAtMost(r.remaining()));
  for (Intent& i : m.intents) i = GetEnum(r, kLastIntent);
  m.languages = GetStrings(r);
  m.marketing_sources = GetStrings(r);
  for (Tri* t : {&m.vip, &m.returning, &m.internal, &m.has_owner, &m.open}) *t = GetEnum(r, Tri::kNo);
  m.hours = GetWindows(r);
  e.route = GetAction(r);
  e.priority = static_cast<int>(r.GetSigned());
  e.min_level = static_cast<int>(r.GetSigned());
  GetSkills(r, e.required_skills);
  e.skills_expr = GetSkillExpr(r);
  return e;
}

OverflowRule GetRule(ByteReader& r) {
  OverflowRule o;
  o.name = r.GetString();
  o.after_ms = r.GetSigned();
  o.condition = GetEnum(r, RuleCondition::kPositionAtLeast);
  o.threshold = r.GetSigned();
  o.action = GetEnum(r, RuleActionKind::kDropSkill);
  o.route = GetAction(r);
  o.level = static_cast<int>(r.GetSigned());
  o.priority_delta = static_cast<int>(r.GetSigned());
  o.queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
  return o;
}

void GetCallbackPolicy(ByteReader& r, CallbackPolicy& p) {
  p.enabled = r.GetBool();
  p.same_queue = r.GetBool();
  p.queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
  p.keep_place = r.GetBool();
  p.max_attempts = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  p.retry_ms = r.GetSigned();
  p.retry_factor = r.GetDouble();
  p.request_within_ms = r.GetSigned();
  p.priority_delta = static_cast<int>(r.GetSigned());
}

void GetQueue(ByteReader& r, QueueConfig& q) {
  q.name = r.GetString();
  q.strategy = GetEnum(r, kLastStrategy);
  q.priority = static_cast<int>(r.GetSigned());
  q.wait_weight = r.GetDouble();
  q.ring_timeout_ms = r.GetSigned();
  q.wrapup_ms = r.GetSigned();
  q.max_misses = static_cast<int>(r.GetSigned());
  q.has_skill = r.GetBool();
  q.skill = static_cast<SkillId>(r.GetVarintAtMost(UINT32_MAX));
  q.max_wait_ms = r.GetSigned();
  q.on_max_wait = GetAction(r);
  q.max_length = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  q.on_full = GetAction(r);
  q.ring_all_max = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  q.skill_weights.resize(r.GetVarintAtMost(kMaxSkillWeights));
  for (SkillWeight& s : q.skill_weights) {
    s.skill = static_cast<SkillId>(r.GetVarintAtMost(UINT32_MAX));
    s.weight = static_cast<int>(r.GetSigned());
  }
  q.rules.resize(r.GetVarintAtMost(r.remaining()));
  for (OverflowRule& rule : q.rules) rule = GetRule(r);
  q.leave_when_empty.condition = GetEnum(r, EmptyCondition::kNoAgentReady);
  q.leave_when_empty.action = GetAction(r);
  q.on_decline = GetAction(r);
  q.owner_first_ms = r.GetSigned();
  q.progressive_ring_ms = r.GetSigned();
  q.ignore_delays_up_to_members = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  q.ring_in_use = r.GetBool();
  Announcements& a = q.announcements;
  a.first_ms = r.GetSigned();
  a.every_ms = r.GetSigned();
  a.position_limit = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  a.ewt = r.GetBool();
  a.ewt_round_ms = r.GetSigned();
  q.expected_handle_ms = r.GetSigned();
  GetCallbackPolicy(r, q.callback);
}

void GetAgent(ByteReader& r, AgentConfig& a) {
  a.id = static_cast<AgentId>(r.GetVarintAtMost(UINT32_MAX));
  a.name = r.GetString();
  a.capacity = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  a.queues.resize(r.GetVarintAtMost(r.remaining()));
  for (Membership& m : a.queues) {
    m.queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
    m.level = static_cast<int>(r.GetSigned());
    m.delay_ms = r.GetSigned();
    m.position = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
    m.weight = r.GetDouble();
  }
  GetSkills(r, a.skills);
  a.no_answer_delay_ms = r.GetSigned();
  a.decline_delay_ms = r.GetSigned();
  a.busy_delay_ms = r.GetSigned();
}

}  // namespace
}  // namespace acd::core

namespace acd {

// A list of records (queues or agents) by increasing index: the count,
// then each index and what follows it, which `read` reads (center_codec.cc
// writes them so). Returns the count.
template <typename T, typename Read>
static uint64_t GetIndexed(ByteReader& r, std::vector<T>& records, Read read) {
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
static void GetQueueList(ByteReader& r, CenterConfig& c, const char* field, Read read) {
  r.set_field(field);
  const uint64_t count = GetIndexed(r, c.queues, read);
  if (r.ok() && count == 0) r.Fail("no queue is written");
}

static void GetJoinEmpty(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.join_empty", [&r](QueueConfig& q) {
    q.join_empty.factors = r.GetU8();
    if (r.ok() && q.join_empty.factors == 0) r.Fail("a queue without factors is written");
    q.join_empty.action = core::GetAction(r);
  });
}

static void GetLabels(ByteReader& r, CenterConfig& c) {
  r.set_field("labels");
  c.labels.not_ready_reasons = core::GetStrings(r);
  c.labels.intents = core::GetStrings(r);
  if (r.ok() && c.labels.not_ready_reasons.empty() && c.labels.intents.empty()) {
    r.Fail("no label is written");
  }
}

static void GetCutsRing(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.max_wait_cuts_ring",
               [](QueueConfig& q) { q.max_wait_cuts_ring = true; });
}

static void GetLevels(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.level_first", [&r](QueueConfig& q) {
    const uint8_t flags = r.GetU8();
    if (r.ok() && (flags & ~(core::kLevelFirstBit | core::kSkipEmptyDelaysBit)) != 0) {
      r.Fail("an unknown level option is written");
    }
    q.level_first = (flags & core::kLevelFirstBit) != 0;
    q.skip_empty_delays = (flags & core::kSkipEmptyDelaysBit) != 0;
    r.set_field("queues.ignore_levels_up_to_members");
    q.ignore_levels_up_to_members = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
    if (r.ok() && flags == 0 && q.ignore_levels_up_to_members == 0) {
      r.Fail("a queue without level options is written");
    }
  });
}

static void GetSinceReady(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.counters_since_ready",
               [](QueueConfig& q) { q.counters_since_ready = true; });
}

static void GetLeaveFactors(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.leave_when_empty.factors", [&r](QueueConfig& q) {
    q.leave_when_empty.factors = r.GetU8();
    if (r.ok() && q.leave_when_empty.factors == 0) r.Fail("a queue without factors is written");
  });
}

static void GetLevelBounds(ByteReader& r, CenterConfig& c, size_t* bounded) {
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
static void GetSkillSteps(ByteReader& r, CenterConfig& c, size_t* stepped) {
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
static void GetOrderBy(ByteReader& r, CenterConfig& c) {
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
static void GetAgentWrapUp(ByteReader& r, CenterConfig& c) {
  r.set_field("agents.wrapup_ms");
  const uint64_t count = GetIndexed(r, c.agents, [&r](AgentConfig& a) { a.wrapup_ms = r.GetSigned(); });
  if (r.ok() && count == 0) r.Fail("no agent is written");
}

static void GetWrapUpHereOnly(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.wrapup_here_only", [](QueueConfig& q) { q.wrapup_here_only = true; });
}

// Queues counting their own calls alone (kMarkerCountersHereOnly), likewise.
static void GetCountersHereOnly(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.counters_here_only",
               [](QueueConfig& q) { q.counters_here_only = true; });
}

// Entry rules with a wait credit (kMarkerEntryCredit), by increasing index,
// at least one, none of them 0.
static void GetEntryCredits(ByteReader& r, CenterConfig& c) {
  r.set_field("entry_rules.wait_credit_ms");
  const uint64_t count = GetIndexed(r, c.entry_rules, [&r](EntryRule& e) {
    e.wait_credit_ms = r.GetSigned();
    if (r.ok() && e.wait_credit_ms == 0) r.Fail("a rule without a credit is written");
  });
  if (r.ok() && count == 0) r.Fail("no entry rule is written");
}

static void GetAutoPauseHereOnly(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.auto_pause_here_only",
               [](QueueConfig& q) { q.auto_pause_here_only = true; });
}

static void GetRulesFromArrival(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.rules_from_arrival",
               [](QueueConfig& q) { q.rules_from_arrival = true; });
}

static void GetRingTimeoutMovesOn(ByteReader& r, CenterConfig& c) {
  GetQueueList(r, c, "queues.ring_timeout_moves_on",
               [](QueueConfig& q) { q.ring_timeout_moves_on = true; });
}

// Universal agents (kMarkerAllSkills), by increasing index, at least one,
// each with a level of 1..10 (ValidateCenter says which).
static void GetAllSkills(ByteReader& r, CenterConfig& c) {
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
static void GetChannels(ByteReader& r, CenterConfig& c) {
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

// The fields added after version 1 (center_codec.cc, PutLaterFields): each
// marker at most once and in order, each only when set, so that a center
// has one encoding.
static void GetLaterFields(ByteReader& r, CenterConfig& c) {
  uint8_t last = 0;
  size_t bounded = 0;  // queues whose set_level_bounds rules were given their changes
  size_t stepped = 0;  // queues whose skill steps were given their skills
  while (r.ok() && !r.at_end()) {
    const uint8_t marker = r.GetU8();
    if (marker <= last || marker > core::kMarkerLast) {
      r.Fail("bytes follow the end of the center (an unknown or repeated field marker)");
      return;
    }
    last = marker;
    if (marker == core::kMarkerJoinEmpty) GetJoinEmpty(r, c);
    if (marker == core::kMarkerLabels) GetLabels(r, c);
    if (marker == core::kMarkerTimeoutPriority) GetCutsRing(r, c);
    if (marker == core::kMarkerLevels) GetLevels(r, c);
    if (marker == core::kMarkerCountersSinceReady) GetSinceReady(r, c);
    if (marker == core::kMarkerLeaveFactors) GetLeaveFactors(r, c);
    if (marker == core::kMarkerLevelBounds) GetLevelBounds(r, c, &bounded);
    if (marker == core::kMarkerOrderBy) GetOrderBy(r, c);
    if (marker == core::kMarkerAgentWrapUp) GetAgentWrapUp(r, c);
    if (marker == core::kMarkerWrapUpHereOnly) GetWrapUpHereOnly(r, c);
    if (marker == core::kMarkerEntryCredit) GetEntryCredits(r, c);
    if (marker == core::kMarkerAutoPauseHereOnly) GetAutoPauseHereOnly(r, c);
    if (marker == core::kMarkerAllSkills) GetAllSkills(r, c);
    if (marker == core::kMarkerChannels) GetChannels(r, c);
    if (marker == core::kMarkerCountersHereOnly) GetCountersHereOnly(r, c);
    if (marker == core::kMarkerSkillSteps) GetSkillSteps(r, c, &stepped);
    if (marker == core::kMarkerRulesFromArrival) GetRulesFromArrival(r, c);
    if (marker == core::kMarkerRingTimeoutMovesOn) GetRingTimeoutMovesOn(r, c);
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

absl::StatusOr<CenterConfig> DecodeCenter(std::string_view bytes) {
  using namespace core;  // NOLINT: the decoders above
  ByteReader r(bytes);
  CenterConfig c;
  r.set_field("skills");
  c.skills = GetStrings(r);
  r.set_field("queues");
  c.queues.resize(r.GetVarintAtMost(std::min<uint64_t>(kMaxCount, r.remaining())));
  for (QueueConfig& q : c.queues) GetQueue(r, q);
  r.set_field("agents");
  c.agents.resize(r.GetVarintAtMost(std::min<uint64_t>(kMaxCount, r.remaining())));
  for (AgentConfig& a : c.agents) GetAgent(r, a);
  GetCalendar(r, c.calendar);
  r.set_field("entry_rules");
  c.entry_rules.resize(r.GetVarintAtMost(r.remaining()));
  for (EntryRule& e : c.entry_rules) e = GetEntryRule(r);
  r.set_field("center");
  c.entry_default = GetAction(r);
  c.boosts.external = static_cast<int>(r.GetSigned());
  c.boosts.vip = static_cast<int>(r.GetSigned());
  c.boosts.returning = static_cast<int>(r.GetSigned());
  c.on_queue_removed = GetAction(r);
  c.resume_place_ms = r.GetSigned();
  c.max_live_calls = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  c.dedupe_window = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  c.ended_calls_window = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  GetLaterFields(r, c);
  if (r.ok() && !r.at_end()) r.Fail("bytes follow the end of the center");
  if (!r.ok()) return r.status();
  return c;
}

}  // namespace acd
