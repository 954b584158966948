// The center's canonical encoding (every field, in declaration order) and
// its fingerprint, which a snapshot carries so that it is restored only
// with the center it was taken under; plus the shared codec helpers of
// state_codec.h.
//
// Completeness: the size checks at the end of this file fail the build when
// a configuration struct changes, so a new field cannot be left out of the
// encoding unnoticed (update the encoder, then the size).
//
// Compatibility: snapshots carry the fingerprint and must stay restorable
// after an upgrade, so a field added later is written only when it differs
// from its default (behind a marker byte after the fields of version 1,
// center_codec_later.cc):
// every center that could be written before keeps its fingerprint.
#include <algorithm>
#include <string_view>

#include "acd/center_codec.h"
#include "core/rng.h"
#include "core/state_codec.h"

namespace acd::core {

void PutAction(ByteWriter& w, const OverflowAction& a) {
  PutEnum(w, a.kind);
  w.PutVarint(a.queue);
  w.PutBytes(a.target);
  w.PutBool(a.has_queue);
}

void PutRule(ByteWriter& w, const OverflowRule& r) {
  w.PutBytes(r.name);
  w.PutSigned(r.after_ms);
  PutEnum(w, r.condition);
  w.PutSigned(r.threshold);
  PutEnum(w, r.action);
  PutAction(w, r.route);
  w.PutSigned(r.level);
  w.PutSigned(r.priority_delta);
  w.PutVarint(r.queue);
}

namespace {

void PutWindows(ByteWriter& w, const std::vector<TimeWindow>& windows) {
  w.PutVarint(windows.size());
  for (const TimeWindow& t : windows) {
    w.PutU8(t.weekdays);
    w.PutSigned(t.from_minute);
    w.PutSigned(t.to_minute);
  }
}

void PutCalendar(ByteWriter& w, const BusinessCalendar& c) {
  w.PutBytes(c.time_zone_name);
  w.PutBytes(c.time_zone.name());
  PutWindows(w, c.open);
  w.PutVarint(c.holidays.size());
  for (const Holiday& h : c.holidays) {
    w.PutSigned(h.year);
    w.PutSigned(h.month);
    w.PutSigned(h.day);
    PutWindows(w, h.open);
  }
}

void PutEntryRule(ByteWriter& w, const EntryRule& e) {
  w.PutBytes(e.name);
  const EntryMatch& m = e.match;
  PutStrings(w, m.dnis);
  PutStrings(w, m.digits);
  w.PutVarint(m.intents.size());
  for (Intent i : m.intents) PutEnum(w, i);
  PutStrings(w, m.languages);
  PutStrings(w, m.marketing_sources);
  for (Tri t : {m.vip, m.returning, m.internal, m.has_owner, m.open}) PutEnum(w, t);
  PutWindows(w, m.hours);
  PutAction(w, e.route);
  w.PutSigned(e.priority);
  w.PutSigned(e.min_level);
  PutSkills(w, e.required_skills);
  PutSkillExpr(w, e.skills_expr);
}

void PutCallbackPolicy(ByteWriter& w, const CallbackPolicy& p) {
  w.PutBool(p.enabled);
  w.PutBool(p.same_queue);
  w.PutVarint(p.queue);
  w.PutBool(p.keep_place);
  w.PutVarint(p.max_attempts);
  w.PutSigned(p.retry_ms);
  w.PutDouble(p.retry_factor);
  w.PutSigned(p.request_within_ms);
  w.PutSigned(p.priority_delta);
}

void PutQueue(ByteWriter& w, const QueueConfig& q) {
  w.PutBytes(q.name);
  PutEnum(w, q.strategy);
  w.PutSigned(q.priority);
  w.PutDouble(q.wait_weight);
  w.PutSigned(q.ring_timeout_ms);
  w.PutSigned(q.wrapup_ms);
  w.PutSigned(q.max_misses);
  w.PutBool(q.has_skill);
  w.PutVarint(q.skill);
  w.PutSigned(q.max_wait_ms);
  PutAction(w, q.on_max_wait);
  w.PutVarint(q.max_length);
  PutAction(w, q.on_full);
  w.PutVarint(q.ring_all_max);
  w.PutVarint(q.skill_weights.size());
  for (const SkillWeight& s : q.skill_weights) {
    w.PutVarint(s.skill);
    w.PutSigned(s.weight);
  }
  w.PutVarint(q.rules.size());
  for (const OverflowRule& r : q.rules) PutRule(w, r);
  PutEnum(w, q.leave_when_empty.condition);
  PutAction(w, q.leave_when_empty.action);
  PutAction(w, q.on_decline);
  w.PutSigned(q.owner_first_ms);
  w.PutSigned(q.progressive_ring_ms);
  w.PutVarint(q.ignore_delays_up_to_members);
  w.PutBool(q.ring_in_use);
  const Announcements& a = q.announcements;
  w.PutSigned(a.first_ms);
  w.PutSigned(a.every_ms);
  w.PutVarint(a.position_limit);
  w.PutBool(a.ewt);
  w.PutSigned(a.ewt_round_ms);
  w.PutSigned(q.expected_handle_ms);
  PutCallbackPolicy(w, q.callback);
}

void PutAgent(ByteWriter& w, const AgentConfig& a) {
  w.PutVarint(a.id);
  w.PutBytes(a.name);
  w.PutVarint(a.capacity);
  w.PutVarint(a.queues.size());
  for (const Membership& m : a.queues) {
    w.PutVarint(m.queue);
    w.PutSigned(m.level);
    w.PutSigned(m.delay_ms);
    w.PutVarint(m.position);
    w.PutDouble(m.weight);
  }
  PutSkills(w, a.skills);
  w.PutSigned(a.no_answer_delay_ms);
  w.PutSigned(a.decline_delay_ms);
  w.PutSigned(a.busy_delay_ms);
}

}  // namespace

void PutStrings(ByteWriter& w, const std::vector<std::string>& strings) {
  w.PutVarint(strings.size());
  for (const std::string& s : strings) w.PutBytes(s);
}

void PutSkillExpr(ByteWriter& w, const SkillExpr& expr) {
  w.PutVarint(expr.alternatives());
  for (size_t i = 0; i < expr.alternatives(); ++i) {
    const absl::Span<const SkillTerm> terms = expr.alternative(i);
    w.PutVarint(terms.size());
    for (const SkillTerm& t : terms) {
      w.PutVarint(t.skill);
      w.PutVarint(t.levels);
    }
  }
}

SkillExpr GetSkillExpr(ByteReader& r) {
  const uint64_t n = r.GetVarintAtMost(kMaxSkillExprAlternatives);
  std::vector<std::vector<SkillTerm>> conjunctions(n);
  size_t total = 0;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    const uint64_t terms = r.GetVarintAtMost(kMaxSkillExprTerms);
    total += terms;
    if (total > kMaxSkillExprTerms) r.Fail("a skill expression has too many terms");
    for (uint64_t t = 0; t < terms && r.ok(); ++t) {
      SkillTerm term;
      term.skill = static_cast<SkillId>(r.GetVarintAtMost(UINT32_MAX));
      term.levels = static_cast<uint16_t>(r.GetVarintAtMost(UINT16_MAX));
      conjunctions[i].push_back(term);
    }
  }
  if (!r.ok()) return {};
  if (n == 0) return SkillExpr::Never();
  absl::StatusOr<SkillExpr> expr = SkillExpr::Normalize(conjunctions);
  if (!expr.ok()) {
    r.Fail(std::string(expr.status().message()));
    return {};
  }
  // What was written is canonical: normalizing it must give it back.
  bool same = expr->alternatives() == n;
  for (size_t i = 0; same && i < n; ++i) {
    const absl::Span<const SkillTerm> terms = expr->alternative(i);
    same = std::vector<SkillTerm>(terms.begin(), terms.end()) == conjunctions[i];
  }
  if (!same) r.Fail("a skill expression is not in canonical form");
  return same ? *std::move(expr) : SkillExpr{};
}

uint64_t StableHash64(std::string_view bytes, uint64_t seed) {
  uint64_t h = seed ^ (bytes.size() * 0x9e3779b97f4a7c15ULL);
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word = 0;
    for (int b = 0; b < 8; ++b) word |= uint64_t{static_cast<uint8_t>(bytes[i + b])} << (8 * b);
    uint64_t s = h ^ word;
    h = SplitMix64(s);
  }
  uint64_t tail = 0;
  for (int b = 0; i < bytes.size(); ++i, ++b) {
    tail |= uint64_t{static_cast<uint8_t>(bytes[i])} << (8 * b);
  }
  uint64_t s = h ^ tail;
  return SplitMix64(s);
}

void EncodeCenter(const CenterConfig& center, ByteWriter& w) {
  PutStrings(w, center.skills);
  w.PutVarint(center.queues.size());
  for (const QueueConfig& q : center.queues) PutQueue(w, q);
  w.PutVarint(center.agents.size());
  for (const AgentConfig& a : center.agents) PutAgent(w, a);
  PutCalendar(w, center.calendar);
  w.PutVarint(center.entry_rules.size());
  for (const EntryRule& e : center.entry_rules) PutEntryRule(w, e);
  PutAction(w, center.entry_default);
  w.PutSigned(center.boosts.external);
  w.PutSigned(center.boosts.vip);
  w.PutSigned(center.boosts.returning);
  PutAction(w, center.on_queue_removed);
  w.PutSigned(center.resume_place_ms);
  w.PutVarint(center.max_live_calls);
  w.PutVarint(center.dedupe_window);
  w.PutVarint(center.ended_calls_window);
  PutLaterFields(w, center);
}

}  // namespace acd::core

namespace acd {

std::string EncodeCenter(const CenterConfig& center) {
  ByteWriter w;
  core::EncodeCenter(center, w);
  return w.Release();
}

uint64_t CenterFingerprint(const CenterConfig& center) {
  return core::StableHash64(EncodeCenter(center), 0x43454e544552ULL);  // "CENTER"
}

}  // namespace acd

namespace acd::core {

// A changed size means a changed struct: encode the new field above (and in
// the snapshot's decoder where the state holds it), then update the size.
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(OverflowAction) == 48, "update PutAction");
static_assert(sizeof(TimeWindow) == 12, "update PutWindows");
static_assert(sizeof(Holiday) == 40, "update PutCalendar");
static_assert(sizeof(BusinessCalendar) == 88, "update PutCalendar");
static_assert(sizeof(EntryMatch) == 152, "update PutEntryRule");
static_assert(sizeof(EntryRule) == 320, "update PutEntryRule (or PutLaterFields)");
static_assert(sizeof(OverflowRule) == 160, "update PutRule (or PutLaterFields)");
static_assert(sizeof(CallbackPolicy) == 48, "update PutCallbackPolicy");
static_assert(sizeof(Announcements) == 32, "update PutQueue");
static_assert(sizeof(QueueConfig) == 592, "update PutQueue (or PutLaterFields)");
static_assert(sizeof(Membership) == 32, "update PutAgent");
static_assert(sizeof(AgentConfig) == 192, "update PutAgent (or PutLaterFields)");
static_assert(sizeof(PriorityBoosts) == 12, "update EncodeCenter");
static_assert(sizeof(CenterConfig) == 368, "update EncodeCenter (or PutLaterFields)");
#endif

}  // namespace acd::core
