#include <string>

#include "acd/config.h"
#include "config/errors.h"

namespace acd {

CenterNames::CenterNames(const CenterConfig& center) {
  for (size_t i = 0; i < center.queues.size(); ++i) {
    queues_.try_emplace(center.queues[i].name, static_cast<QueueId>(i));
  }
  for (size_t i = 0; i < center.skills.size(); ++i) {
    skills_.try_emplace(center.skills[i], static_cast<SkillId>(i));
  }
  for (size_t i = 0; i < center.agents.size(); ++i) {
    agents_by_id_.try_emplace(center.agents[i].id, i);
    agents_by_name_.try_emplace(center.agents[i].name, i);
  }
}

std::optional<QueueId> CenterNames::Queue(std::string_view name) const {
  auto it = queues_.find(config_internal::AbslView(name));
  if (it == queues_.end()) return std::nullopt;
  return it->second;
}

std::optional<SkillId> CenterNames::Skill(std::string_view name) const {
  auto it = skills_.find(config_internal::AbslView(name));
  if (it == skills_.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> CenterNames::AgentById(AgentId id) const {
  auto it = agents_by_id_.find(id);
  if (it == agents_by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> CenterNames::AgentByName(std::string_view name) const {
  auto it = agents_by_name_.find(config_internal::AbslView(name));
  if (it == agents_by_name_.end()) return std::nullopt;
  return it->second;
}

}  // namespace acd
