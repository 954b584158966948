// Who a center's sellers are: the center file's `sellers` entry (a queue,
// whose member agents sell, or a skill, whose holders do), for planning's
// "time to reach a seller". lib/config reads it with the center
// (LoadPlanningCenterFile, acd/config.h); the simulator counts the figure
// from it (SimOptions::sellers). The engine never reads it, so it is not
// part of CenterConfig, its encoding or its fingerprint.
//
// Thread-safety: a plain value. Invariant: index names a queue (kQueue) or
// a skill (kSkill) of the center it was read with, and name is that
// queue's or skill's name.
#ifndef ACD_SELLERS_H_
#define ACD_SELLERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/center.h"

namespace acd {

struct SellerDefinition {
  enum class Kind : uint8_t {
    kQueue,  // the agents with a membership in the queue; a call counts
             // when it first reached that queue and one of them answered
    kSkill,  // the agents with the skill (any level); a call counts when
             // one of them answered it
  };
  Kind kind = Kind::kQueue;
  uint32_t index = 0;  // QueueId or SkillId
  std::string name;    // the queue's or the skill's name

  // "queue sales" or "skill furniture", for headers and reasons.
  std::string Describe() const;
};

// The sellers of a queue named `name` (compared without case); NotFound
// naming `field` (e.g. "--seller-queue") when the center has no such queue.
absl::StatusOr<SellerDefinition> SellerQueue(const CenterConfig& center, const std::string& name,
                                             const std::string& field);

// Whether each agent (roster order) is a seller.
std::vector<bool> SellerAgents(const CenterConfig& center, const SellerDefinition& sellers);

}  // namespace acd

#endif  // ACD_SELLERS_H_
