// AgentKey: where an available agent is filed in a queue pool's ready
// index (core/agent_index.h); a plain value, compared as a whole. PlainKey
// is the same key without `order`, what the index of a queue without
// order_by files (24 bytes instead of 32: more keys per tree node and per
// cache line on every decision).
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

  // The interface a ready index's key type offers (see PlainKey).
  static AgentKey Of(const AgentKey& key) { return key; }
  AgentKey Full() const { return *this; }
};

// An AgentKey whose order is 0: it orders as the full key would.
struct PlainKey {
  int64_t a = 0;
  int64_t b = 0;
  uint32_t agent = 0;
  uint32_t gen = 0;
  auto operator<=>(const PlainKey&) const = default;

  static PlainKey Of(const AgentKey& key) { return PlainKey{key.a, key.b, key.agent, key.gen}; }
  AgentKey Full() const { return AgentKey{0, a, b, agent, gen}; }
  static constexpr int64_t order = 0;
};

static_assert(sizeof(PlainKey) == 24 && sizeof(AgentKey) == 32);

}  // namespace acd::core

#endif  // ACD_LIB_CORE_AGENT_KEY_H_
