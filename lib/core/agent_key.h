// AgentKey: where an available agent is filed in a queue pool's ready
// index (core/agent_index.h); a plain value, compared as a whole.
#ifndef ACD_LIB_CORE_AGENT_KEY_H_
#define ACD_LIB_CORE_AGENT_KEY_H_

#include <cstdint>

namespace acd::core {

// Ordering key of an agent inside a set; smaller is better. `order` is the
// queue's order_by (the agent's attribute, negated when descending,
// INT64_MAX without it; 0 in a queue without order_by), compared before
// `a` and `b`, which depend on the strategy (idle since, calls today,
// position); the random strategies order nothing by key (they draw,
// core/weighted_draw.h).
struct AgentKey {
  int64_t order = 0;
  int64_t a = 0;
  int64_t b = 0;
  uint32_t agent = 0;
  uint32_t gen = 0;  // the agent's filing generation when filed
  auto operator<=>(const AgentKey&) const = default;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_AGENT_KEY_H_
