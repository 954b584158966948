// Reading a center's byte form (acd/center_codec.h): the mirror of
// center_codec.cc's encoder, field by field in the same order; the fields
// added after version 1 are read by center_decode_later.cc.
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

}  // namespace

OverflowAction GetAction(ByteReader& r) {
  OverflowAction a;
  a.kind = GetEnum(r, kLastOverflowKind);
  a.queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
  a.target = r.GetString();
  a.has_queue = r.GetBool();
  return a;
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

std::vector<std::string> GetStrings(ByteReader& r) {
  std::vector<std::string> out(r.GetVarintAtMost(r.remaining()));
  for (std::string& s : out) s = r.GetString();
  return out;
}

namespace {

std::vector<TimeWindow> GetWindows(ByteReader& r) {
  std::vector<TimeWindow> out(r.GetVarintAtMost(r.remaining()));
  for (TimeWindow& t : out) {
    t.weekdays = r.GetU8();
    t.from_minute = static_cast<int>(r.GetSigned());
    t.to_minute = static_cast<int>(r.GetSigned());
  }
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
