#include "center_dump.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace acd::testing {
namespace {

// Appends "prefix.field=value" lines.
class Dumper {
 public:
  explicit Dumper(std::vector<std::string>* lines) : lines_(lines) {}

  template <typename T>
  void Field(const std::string& path, const T& value) {
    lines_->push_back(absl::StrCat(path, "=", value));
  }
  void Field(const std::string& path, std::string_view value) {
    lines_->push_back(absl::StrCat(path, "=\"", std::string(value), "\""));
  }
  void Field(const std::string& path, bool value) {
    lines_->push_back(absl::StrCat(path, "=", value ? "true" : "false"));
  }
  template <typename E>
  void Enum(const std::string& path, E value) {
    Field(path, static_cast<int>(value));
  }

  void Action(const std::string& p, const OverflowAction& a) {
    Enum(p + ".kind", a.kind);
    Field(p + ".queue", a.queue);
    Field(p + ".target", std::string_view(a.target));
  }
  void Window(const std::string& p, const TimeWindow& w) {
    Field(p + ".weekdays", static_cast<int>(w.weekdays));
    Field(p + ".from_minute", w.from_minute);
    Field(p + ".to_minute", w.to_minute);
  }
  void Windows(const std::string& p, const std::vector<TimeWindow>& windows) {
    Field(p + ".size", windows.size());
    for (size_t i = 0; i < windows.size(); ++i) Window(absl::StrCat(p, "[", i, "]"), windows[i]);
  }
  void Texts(const std::string& p, const std::vector<std::string>& texts) {
    Field(p, std::string_view(absl::StrJoin(texts, "|")));
  }
  void Skills(const std::string& p, const std::vector<SkillLevel>& skills) {
    Field(p + ".size", skills.size());
    for (size_t i = 0; i < skills.size(); ++i) {
      Field(absl::StrCat(p, "[", i, "].skill"), skills[i].skill);
      Field(absl::StrCat(p, "[", i, "].level"), skills[i].level);
    }
  }

  void Calendar(const BusinessCalendar& c);
  void Queue(const std::string& p, const QueueConfig& q);
  void Rule(const std::string& p, const OverflowRule& r);
  void Agent(const std::string& p, const AgentConfig& a);
  void Entry(const std::string& p, const EntryRule& r);

 private:
  std::vector<std::string>* lines_;
};

void Dumper::Calendar(const BusinessCalendar& c) {
  Field("calendar.time_zone_name", std::string_view(c.time_zone_name));
  Field("calendar.time_zone", std::string_view(c.time_zone.name()));
  Windows("calendar.open", c.open);
  Field("calendar.holidays.size", c.holidays.size());
  for (size_t i = 0; i < c.holidays.size(); ++i) {
    const Holiday& h = c.holidays[i];
    const std::string p = absl::StrCat("calendar.holidays[", i, "]");
    Field(p + ".date", absl::StrCat(h.year, "-", h.month, "-", h.day));
    Windows(p + ".open", h.open);
  }
}

void Dumper::Queue(const std::string& p, const QueueConfig& q) {
  Field(p + ".name", std::string_view(q.name));
  Enum(p + ".strategy", q.strategy);
  Field(p + ".priority", q.priority);
  Field(p + ".wait_weight", q.wait_weight);
  Field(p + ".ring_timeout_ms", q.ring_timeout_ms);
  Field(p + ".wrapup_ms", q.wrapup_ms);
  Field(p + ".max_misses", q.max_misses);
  Field(p + ".has_skill", q.has_skill);
  Field(p + ".skill", q.skill);
  Field(p + ".max_wait_ms", q.max_wait_ms);
  Action(p + ".on_max_wait", q.on_max_wait);
  Field(p + ".max_length", q.max_length);
  Action(p + ".on_full", q.on_full);
  Field(p + ".ring_all_max", q.ring_all_max);
  for (const SkillWeight& w : q.skill_weights) {
    Field(absl::StrCat(p, ".skill_weights.", w.skill), w.weight);
  }
  Field(p + ".rules.size", q.rules.size());
  for (size_t i = 0; i < q.rules.size(); ++i) Rule(absl::StrCat(p, ".rules[", i, "]"), q.rules[i]);
  Enum(p + ".leave_when_empty.condition", q.leave_when_empty.condition);
  Action(p + ".leave_when_empty.action", q.leave_when_empty.action);
  Field(p + ".join_empty.factors", static_cast<int>(q.join_empty.factors));
  Action(p + ".join_empty.action", q.join_empty.action);
  Action(p + ".on_decline", q.on_decline);
  Field(p + ".owner_first_ms", q.owner_first_ms);
  Field(p + ".progressive_ring_ms", q.progressive_ring_ms);
  Field(p + ".ignore_delays_up_to_members", q.ignore_delays_up_to_members);
  Field(p + ".ring_in_use", q.ring_in_use);
  Field(p + ".max_wait_cuts_ring", q.max_wait_cuts_ring);
  Field(p + ".level_first", q.level_first);
  Field(p + ".ignore_levels_up_to_members", q.ignore_levels_up_to_members);
  Field(p + ".skip_empty_delays", q.skip_empty_delays);
  Field(p + ".counters_since_ready", q.counters_since_ready);
  Field(p + ".wrapup_here_only", q.wrapup_here_only);
  Field(p + ".auto_pause_here_only", q.auto_pause_here_only);
  Field(p + ".auto_pause_delay_ms", q.auto_pause_delay_ms);
  Field(p + ".auto_pause_busy", q.auto_pause_busy);
  Field(p + ".auto_pause_unavailable", q.auto_pause_unavailable);
  Field(p + ".counters_here_only", q.counters_here_only);
  Field(p + ".rules_from_arrival", q.rules_from_arrival);
  Field(p + ".keep_rules_at_entry", q.keep_rules_at_entry);
  Field(p + ".ring_timeout_moves_on", q.ring_timeout_moves_on);
  if (q.media != Media::kVoice) Field(p + ".media", static_cast<int>(q.media));
  Field(p + ".order_by", std::string_view(q.order_by));
  Field(p + ".order_descending", q.order_descending);
  const Announcements& a = q.announcements;
  Field(p + ".announcements.first_ms", a.first_ms);
  Field(p + ".announcements.every_ms", a.every_ms);
  Field(p + ".announcements.position_limit", a.position_limit);
  Field(p + ".announcements.ewt", a.ewt);
  Field(p + ".announcements.ewt_round_ms", a.ewt_round_ms);
  Field(p + ".expected_handle_ms", q.expected_handle_ms);
  const CallbackPolicy& cb = q.callback;
  Field(p + ".callback.enabled", cb.enabled);
  Field(p + ".callback.same_queue", cb.same_queue);
  Field(p + ".callback.queue", cb.queue);
  Field(p + ".callback.keep_place", cb.keep_place);
  Field(p + ".callback.max_attempts", cb.max_attempts);
  Field(p + ".callback.retry_ms", cb.retry_ms);
  Field(p + ".callback.retry_factor", cb.retry_factor);
}

void Dumper::Rule(const std::string& p, const OverflowRule& r) {
  Field(p + ".name", std::string_view(r.name));
  Field(p + ".after_ms", r.after_ms);
  Field(p + ".every_ms", r.every_ms);
  Enum(p + ".condition", r.condition);
  Field(p + ".threshold", r.threshold);
  Enum(p + ".action", r.action);
  Action(p + ".route", r.route);
  Field(p + ".level", r.level);
  Field(p + ".priority_delta", r.priority_delta);
  Field(p + ".queue", r.queue);
  Field(p + ".skill", r.skill);
  const std::pair<const char*, const LevelChange*> changes[] = {
      {".bounds.min_level", &r.bounds.min_level},
      {".bounds.max_level", &r.bounds.max_level},
      {".bounds.level_cap", &r.bounds.level_cap}};
  for (const auto& [name, change] : changes) {
    Field(p + name + ".relative", change->relative);
    Field(p + name + ".value", change->value);
  }
}

void Dumper::Agent(const std::string& p, const AgentConfig& a) {
  Field(p + ".id", a.id);
  Field(p + ".name", std::string_view(a.name));
  Field(p + ".capacity", a.capacity);
  Field(p + ".queues.size", a.queues.size());
  for (size_t i = 0; i < a.queues.size(); ++i) {
    const Membership& m = a.queues[i];
    const std::string mp = absl::StrCat(p, ".queues[", i, "]");
    Field(mp + ".queue", m.queue);
    Field(mp + ".level", m.level);
    Field(mp + ".delay_ms", m.delay_ms);
    Field(mp + ".position", m.position);
    Field(mp + ".weight", m.weight);
  }
  Skills(p + ".skills", a.skills);
  Field(p + ".no_answer_delay_ms", a.no_answer_delay_ms);
  Field(p + ".decline_delay_ms", a.decline_delay_ms);
  Field(p + ".busy_delay_ms", a.busy_delay_ms);
  for (const AgentAttribute& attr : a.attributes) {
    Field(absl::StrCat(p, ".attributes.", attr.name), attr.value);
  }
  if (a.wrapup_ms.has_value()) Field(p + ".wrapup_ms", *a.wrapup_ms);
  if (a.all_skills_level != 0) Field(p + ".all_skills_level", a.all_skills_level);
  for (size_t i = 0; i < a.channels.size(); ++i) {
    const std::string cp = absl::StrCat(p, ".channels[", i, "]");
    Field(cp + ".media", static_cast<int>(a.channels[i].media));
    Field(cp + ".capacity", a.channels[i].capacity);
    Field(cp + ".interrupted_by", static_cast<int>(a.channels[i].interrupted_by));
  }
}

void Dumper::Entry(const std::string& p, const EntryRule& r) {
  Field(p + ".name", std::string_view(r.name));
  const EntryMatch& m = r.match;
  Texts(p + ".match.dnis", m.dnis);
  Texts(p + ".match.digits", m.digits);
  std::vector<std::string> intents;
  for (Intent i : m.intents) intents.push_back(absl::StrCat(static_cast<int>(i)));
  Texts(p + ".match.intents", intents);
  Texts(p + ".match.languages", m.languages);
  Texts(p + ".match.marketing_sources", m.marketing_sources);
  Enum(p + ".match.vip", m.vip);
  Enum(p + ".match.returning", m.returning);
  Enum(p + ".match.internal", m.internal);
  Enum(p + ".match.has_owner", m.has_owner);
  Enum(p + ".match.open", m.open);
  Windows(p + ".match.hours", m.hours);
  Action(p + ".route", r.route);
  Field(p + ".priority", r.priority);
  Field(p + ".min_level", r.min_level);
  Skills(p + ".required_skills", r.required_skills);
  Field(p + ".skills_expr", r.skills_expr.ToString({}));
  Field(p + ".wait_credit_ms", r.wait_credit_ms);
}

}  // namespace

std::vector<std::string> DumpCenter(const CenterConfig& center) {
  std::vector<std::string> lines;
  Dumper d(&lines);
  d.Texts("skills", center.skills);
  d.Calendar(center.calendar);
  d.Field("queues.size", center.queues.size());
  for (size_t i = 0; i < center.queues.size(); ++i) {
    d.Queue(absl::StrCat("queues[", i, "]"), center.queues[i]);
  }
  d.Field("agents.size", center.agents.size());
  for (size_t i = 0; i < center.agents.size(); ++i) {
    d.Agent(absl::StrCat("agents[", i, "]"), center.agents[i]);
  }
  d.Field("entry_rules.size", center.entry_rules.size());
  for (size_t i = 0; i < center.entry_rules.size(); ++i) {
    d.Entry(absl::StrCat("entry_rules[", i, "]"), center.entry_rules[i]);
  }
  d.Action("entry_default", center.entry_default);
  d.Action("on_queue_removed", center.on_queue_removed);
  d.Field("boosts.external", center.boosts.external);
  d.Field("boosts.vip", center.boosts.vip);
  d.Field("boosts.returning", center.boosts.returning);
  d.Field("resume_place_ms", center.resume_place_ms);
  d.Texts("labels.not_ready_reasons", center.labels.not_ready_reasons);
  d.Texts("labels.intents", center.labels.intents);
  d.Field("max_live_calls", center.max_live_calls);
  d.Field("dedupe_window", center.dedupe_window);
  d.Field("ended_calls_window", center.ended_calls_window);
  return lines;
}

}  // namespace acd::testing
