#include "service/center_names.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace acd::service {

CenterNames::CenterNames(const CenterConfig& center)
    : skills_(center.skills), labels_(center.labels) {
  for (QueueId q = 0; q < center.queues.size(); ++q) {
    queues_.push_back(center.queues[q].name);
    queue_ids_.emplace(center.queues[q].name, q);
  }
  for (SkillId s = 0; s < center.skills.size(); ++s) skill_ids_.emplace(center.skills[s], s);
  for (const AgentConfig& agent : center.agents) {
    const std::string name = agent.name.empty() ? absl::StrCat(agent.id) : agent.name;
    agent_names_.emplace(agent.id, name);
    if (!agent.name.empty()) agent_ids_.emplace(agent.name, agent.id);
  }
}

absl::StatusOr<QueueId> CenterNames::ResolveQueue(absl::string_view field,
                                                  absl::string_view name) const {
  if (name.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": empty queue name"));
  auto it = queue_ids_.find(name);
  if (it == queue_ids_.end()) {
    return absl::NotFoundError(absl::StrCat(field, ": no queue named '", name, "'"));
  }
  return it->second;
}

absl::StatusOr<AgentId> CenterNames::ResolveAgent(absl::string_view field,
                                                  absl::string_view name) const {
  if (name.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": empty agent name"));
  if (auto it = agent_ids_.find(name); it != agent_ids_.end()) return it->second;
  AgentId id = 0;
  if (absl::SimpleAtoi(name, &id) && agent_names_.contains(id)) return id;
  return absl::NotFoundError(absl::StrCat(field, ": no agent named '", name, "'"));
}

absl::StatusOr<SkillId> CenterNames::ResolveSkill(absl::string_view field,
                                                  absl::string_view name) const {
  if (name.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": empty skill name"));
  auto it = skill_ids_.find(name);
  if (it == skill_ids_.end()) {
    return absl::NotFoundError(absl::StrCat(field, ": no skill named '", name, "'"));
  }
  return it->second;
}

std::string CenterNames::QueueName(QueueId queue) const {
  return queue < queues_.size() ? queues_[queue] : absl::StrCat("#", queue);
}

std::string CenterNames::AgentName(AgentId agent) const {
  auto it = agent_names_.find(agent);
  return it != agent_names_.end() ? it->second : absl::StrCat(agent);
}

absl::StatusOr<NotReadyReason> CenterNames::ResolveReason(absl::string_view field,
                                                          absl::string_view name) const {
  return ResolveNotReadyReason(labels_, std::string_view(field.data(), field.size()),
                               std::string_view(name.data(), name.size()));
}

absl::StatusOr<Intent> CenterNames::ResolveIntent(absl::string_view field,
                                                  absl::string_view name) const {
  return acd::ResolveIntent(labels_, std::string_view(field.data(), field.size()),
                            std::string_view(name.data(), name.size()));
}

}  // namespace acd::service
