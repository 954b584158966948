// The center as a whole: skills, queues, agents and bounds. The rules and
// the calendar are in rules_to_center.cc and calendar_to_center.cc.
#include "config/proto_to_center.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "config/converter.h"
#include "config/rule_names.h"

namespace acd::config_internal {

void NameTable::Add(const std::string& name) {
  const uint32_t index = static_cast<uint32_t>(names_.size());
  names_.push_back(name);
  if (!name.empty()) ids_.try_emplace(name, index);
}

uint32_t NameTable::Find(const std::string& name, const std::string& path,
                         ErrorList* errors) const {
  if (name.empty()) {
    errors->Add(path, absl::StrCat("missing ", what_, " name"));
    return kUnresolved;
  }
  auto it = ids_.find(name);
  if (it != ids_.end()) return it->second;
  errors->Add(path, absl::StrCat("no ", what_, " named \"", name, "\"",
                                 NameHint(name, names_)));
  return kUnresolved;
}

CenterConfig Converter::Convert() {
  CenterConfig out;
  TimeZone(&out.calendar);
  if (proto_.queues_size() == 0) {
    errors_->Add("queues", "a center needs at least one queue");
  }
  for (int i = 0; i < proto_.skills_size(); ++i) {
    skills_.Add(proto_.skills(i));
    out.skills.push_back(proto_.skills(i));
    skill_names_.push_back(proto_.skills(i));
  }
  for (int i = 0; i < proto_.queues_size(); ++i) {
    queues_.Add(proto_.queues(i).name());
  }
  for (int i = 0; i < proto_.queues_size(); ++i) {
    out.queues.push_back(Queue(proto_.queues(i), IndexPath("queues", i)));
  }
  for (int i = 0; i < proto_.agents_size(); ++i) {
    out.agents.push_back(Agent(proto_.agents(i), IndexPath("agents", i)));
  }
  Bounds(proto_.bounds(), &out);
  Calendar(proto_.calendar(), &out.calendar);
  out.labels.not_ready_reasons.assign(proto_.labels().not_ready_reasons().begin(),
                                      proto_.labels().not_ready_reasons().end());
  out.labels.intents.assign(proto_.labels().intents().begin(), proto_.labels().intents().end());
  intent_names_ = IntentNames(out.labels);
  EntryRules(&out);
  return out;
}

QueueConfig Converter::Queue(const v1::Queue& in, const std::string& path) {
  QueueConfig q;
  q.name = in.name();
  if (!in.strategy().empty()) {
    ParseEnum(in.strategy(), StrategyNames(), "strategy",
              JoinPath(path, "strategy"), errors_, &q.strategy);
  }
  q.priority = in.priority();
  if (in.has_wait_weight()) q.wait_weight = in.wait_weight();
  if (in.has_ring_timeout_ms()) q.ring_timeout_ms = in.ring_timeout_ms();
  q.wrapup_ms = in.wrapup_ms();
  if (in.has_max_misses()) q.max_misses = in.max_misses();
  if (!in.skill().empty()) {
    q.has_skill = true;
    q.skill = skills_.Find(in.skill(), JoinPath(path, "skill"), errors_);
  }
  q.max_wait_ms = in.max_wait_ms();
  if (in.has_on_max_wait()) {
    q.on_max_wait = Action(in.on_max_wait(), JoinPath(path, "on_max_wait"));
  }
  if (in.has_max_length()) q.max_length = in.max_length();
  if (in.has_on_full())
    q.on_full = Action(in.on_full(), JoinPath(path, "on_full"));
  if (in.has_ring_all_max()) q.ring_all_max = in.ring_all_max();
  q.skill_weights = Weights(in, JoinPath(path, "skill_weights"));
  if (in.has_order_by()) {
    const v1::OrderBy& order = in.order_by();
    const std::string order_path = JoinPath(path, "order_by");
    q.order_by = order.attribute();
    if (q.order_by.empty()) {
      errors_->Add(JoinPath(order_path, "attribute"), "must name an agent attribute");
    }
    if (order.direction() == "desc") {
      q.order_descending = !q.order_by.empty();  // else reported above, once
    } else if (!order.direction().empty() && order.direction() != "asc") {
      errors_->Add(JoinPath(order_path, "direction"),
                   absl::StrCat("must be \"asc\" or \"desc\", got \"", order.direction(), "\""));
    }
  }
  QueueRules(in, path, &q);
  return q;
}

// Sorted by skill id. An entry with an unknown skill or a weight out of
// range is reported here, at its key's path, and left out; a proto map has
// no order, so the entries are read in name order.
std::vector<SkillWeight> Converter::Weights(const v1::Queue& in,
                                            const std::string& path) {
  std::vector<std::pair<std::string, int32_t>> entries(
      in.skill_weights().begin(), in.skill_weights().end());
  std::sort(entries.begin(), entries.end());
  std::vector<SkillWeight> out;
  for (const auto& [name, weight] : entries) {
    const std::string entry_path = JoinPath(path, name);
    const SkillId skill = skills_.Find(name, entry_path, errors_);
    if (weight < 1 || weight > kMaxSkillWeight) {
      errors_->Add(entry_path, absl::StrCat("weight must be 1..",
                                            kMaxSkillWeight, ", got ", weight));
    } else if (skill != kUnresolved) {
      out.push_back(SkillWeight{skill, weight});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const SkillWeight& x, const SkillWeight& y) {
              return x.skill < y.skill;
            });
  return out;
}

OverflowAction Converter::Action(const v1::OverflowAction& in,
                                 const std::string& path) {
  OverflowAction action;
  if (!in.kind().empty() &&
      !ParseEnum(in.kind(), OverflowKindNames(), "overflow kind",
                 JoinPath(path, "kind"), errors_, &action.kind)) {
    // A terminal stand-in keeps checks that need an action quiet.
    action.kind = OverflowKind::kDisconnect;
    return action;
  }
  const std::string queue_path = JoinPath(path, "queue");
  if (action.kind == OverflowKind::kQueue) {
    action.queue = queues_.Find(in.queue(), queue_path, errors_);
  } else if (action.kind == OverflowKind::kCallback && !in.queue().empty()) {
    action.queue = queues_.Find(in.queue(), queue_path, errors_);
    action.has_queue = true;
  } else if (!in.queue().empty()) {
    errors_->Add(queue_path,
                 absl::StrCat("a target queue is only used with kinds "
                              "\"queue\" and \"callback\", not \"",
                              AbslView(ToString(action.kind)), "\""));
  }
  action.target = in.target();
  return action;
}

AgentConfig Converter::Agent(const v1::Agent& in, const std::string& path) {
  AgentConfig a;
  a.id = in.id();
  a.name = in.name();
  if (in.has_capacity()) a.capacity = in.capacity();
  for (int i = 0; i < in.queues_size(); ++i) {
    const v1::Membership& m = in.queues(i);
    const std::string m_path = IndexPath(JoinPath(path, "queues"), i);
    Membership out;
    out.queue = queues_.Find(m.queue(), JoinPath(m_path, "queue"), errors_);
    if (m.has_level()) out.level = m.level();
    out.delay_ms = m.delay_ms();
    out.position = m.position();
    if (m.has_weight()) out.weight = m.weight();
    a.queues.push_back(out);
  }
  for (int i = 0; i < in.skills_size(); ++i) {
    const v1::AgentSkill& s = in.skills(i);
    const std::string s_path = IndexPath(JoinPath(path, "skills"), i);
    SkillLevel out;
    out.skill = skills_.Find(s.skill(), JoinPath(s_path, "skill"), errors_);
    if (s.has_level()) out.level = s.level();
    a.skills.push_back(out);
  }
  a.no_answer_delay_ms = in.no_answer_delay_ms();
  a.decline_delay_ms = in.decline_delay_ms();
  a.busy_delay_ms = in.busy_delay_ms();
  // A proto map has no order: by name, so that a center encodes one way.
  for (const auto& [name, value] : in.attributes()) a.attributes.push_back({name, value});
  std::sort(a.attributes.begin(), a.attributes.end(),
            [](const AgentAttribute& x, const AgentAttribute& y) { return x.name < y.name; });
  if (in.has_wrapup_ms()) a.wrapup_ms = in.wrapup_ms();
  if (in.has_all_skills_level()) {
    // 0 is the struct's "off": given, it is a mistake, not a way to say off.
    if (in.all_skills_level() == 0) {
      errors_->Add(JoinPath(path, "all_skills_level"),
                   "0 is outside 1..10 (leave it unset for an agent of its listed skills only)");
    }
    a.all_skills_level = static_cast<int>(std::min<uint32_t>(in.all_skills_level(), INT32_MAX));
  }
  Channels(in, path, &a);
  return a;
}

void Converter::Bounds(const v1::Bounds& in, CenterConfig* out) {
  if (in.has_max_live_calls()) out->max_live_calls = in.max_live_calls();
  if (in.has_dedupe_window()) out->dedupe_window = in.dedupe_window();
  if (in.has_ended_calls_window()) {
    out->ended_calls_window = in.ended_calls_window();
  }
}

CenterConfig ProtoToCenter(const v1::Center& proto, ErrorList* errors) {
  return Converter(proto, errors).Convert();
}

}  // namespace acd::config_internal
