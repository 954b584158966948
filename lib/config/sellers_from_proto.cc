// The center file's `sellers`: a queue or a skill, by name.
#include "absl/strings/str_cat.h"
#include "config/proto_to_center.h"

namespace acd::config_internal {

std::optional<SellerDefinition> SellersFromProto(const v1::Center& proto,
                                                 const CenterConfig& center, ErrorList* errors) {
  if (!proto.has_sellers()) return std::nullopt;
  const v1::Sellers& sellers = proto.sellers();
  const bool queue = !sellers.queue().empty();
  if (queue == !sellers.skill().empty()) {
    errors->Add("sellers", queue ? "names both a queue and a skill: name one"
                                 : "names no queue and no skill: name one "
                                   "(e.g. sellers: {queue: sales})");
    return std::nullopt;
  }
  const std::string& name = queue ? sellers.queue() : sellers.skill();
  std::vector<std::string> candidates;
  if (queue) {
    for (const QueueConfig& q : center.queues) candidates.push_back(q.name);
  } else {
    candidates = center.skills;
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i] == name) {
      return SellerDefinition{
          queue ? SellerDefinition::Kind::kQueue : SellerDefinition::Kind::kSkill,
          static_cast<uint32_t>(i), name};
    }
  }
  errors->Add(queue ? "sellers.queue" : "sellers.skill",
              absl::StrCat("no ", queue ? "queue" : "skill", " named \"", name, "\"",
                           NameHint(name, candidates)));
  return std::nullopt;
}

}  // namespace acd::config_internal
