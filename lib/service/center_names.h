// CenterNames: the names a PBX or a CRM uses for a center's queues, agents,
// skills and labels (not-ready reasons, intents), and back. Built once per configuration (a reload builds a new
// one); immutable afterwards, so any thread may read it.
//
// Agents are named by the center file's `name`, or by their decimal id when
// no agent has that name. Every Resolve* error is InvalidArgument (an empty
// or malformed name) or NotFound (no such queue/agent/skill) and names the
// field it was given.
#ifndef ACD_LIB_SERVICE_CENTER_NAMES_H_
#define ACD_LIB_SERVICE_CENTER_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/center.h"
#include "acd/labels.h"
#include "acd/types.h"

namespace acd::service {

class CenterNames {
 public:
  explicit CenterNames(const CenterConfig& center);

  absl::StatusOr<QueueId> ResolveQueue(absl::string_view field, absl::string_view name) const;
  absl::StatusOr<AgentId> ResolveAgent(absl::string_view field, absl::string_view name) const;
  absl::StatusOr<SkillId> ResolveSkill(absl::string_view field, absl::string_view name) const;
  // A built-in or declared label (acd/labels.h); InvalidArgument otherwise.
  absl::StatusOr<NotReadyReason> ResolveReason(absl::string_view field,
                                               absl::string_view name) const;
  absl::StatusOr<Intent> ResolveIntent(absl::string_view field, absl::string_view name) const;

  // The name to send for an id (the decimal id for an agent without one,
  // "#<id>" for a queue id the center does not have).
  std::string QueueName(QueueId queue) const;
  std::string AgentName(AgentId agent) const;
  std::string ReasonName(NotReadyReason reason) const { return LabelName(labels_, reason); }
  std::string IntentName(Intent intent) const { return LabelName(labels_, intent); }

  const std::vector<std::string>& skills() const { return skills_; }
  size_t queue_count() const { return queues_.size(); }
  size_t agent_count() const { return agent_names_.size(); }

 private:
  std::vector<std::string> queues_;
  std::vector<std::string> skills_;
  CenterLabels labels_;
  absl::flat_hash_map<std::string, QueueId> queue_ids_;
  absl::flat_hash_map<std::string, SkillId> skill_ids_;
  absl::flat_hash_map<std::string, AgentId> agent_ids_;
  absl::flat_hash_map<AgentId, std::string> agent_names_;
};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_CENTER_NAMES_H_
