// SellerDefinition: who the sellers are, by queue or by skill.
#include "acd/sellers.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace acd {

std::string SellerDefinition::Describe() const {
  return absl::StrCat(kind == Kind::kQueue ? "queue " : "skill ", name);
}

absl::StatusOr<SellerDefinition> SellerQueue(const CenterConfig& center, const std::string& name,
                                             const std::string& field) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    if (absl::EqualsIgnoreCase(center.queues[q].name, name)) {
      return SellerDefinition{SellerDefinition::Kind::kQueue, static_cast<uint32_t>(q),
                              center.queues[q].name};
    }
  }
  return absl::NotFoundError(
      absl::StrCat(field, ": the center has no queue named \"", name, "\" (the sellers' queue)"));
}

std::vector<bool> SellerAgents(const CenterConfig& center, const SellerDefinition& sellers) {
  std::vector<bool> is_seller(center.agents.size(), false);
  for (size_t a = 0; a < center.agents.size(); ++a) {
    const AgentConfig& agent = center.agents[a];
    if (sellers.kind == SellerDefinition::Kind::kQueue) {
      for (const Membership& m : agent.queues) is_seller[a] = is_seller[a] || m.queue == sellers.index;
    } else {
      // A universal agent (all_skills_level) holds the sellers' skill too.
      is_seller[a] = agent.all_skills_level != 0;
      for (const SkillLevel& s : agent.skills) is_seller[a] = is_seller[a] || s.skill == sellers.index;
    }
  }
  return is_seller;
}

}  // namespace acd
