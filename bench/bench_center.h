// Builds the benchmark's center: N agents, 200 queues, 50 skills, seeded.
// Each agent is a member of 1-3 queues and has 1-4 skills with levels
// 1..10; queues mix strategies (mostly longest idle), priorities, wait
// weights, ring timeouts and wrap-up times. Alongside the CenterConfig it
// keeps what the event generator needs to send realistic calls: how much
// traffic each queue gets (in proportion to its staffing) and its members.
//
// Thread-safety: a built BenchCenter is immutable.
#ifndef ACD_BENCH_BENCH_CENTER_H_
#define ACD_BENCH_BENCH_CENTER_H_

#include <cstdint>
#include <vector>

#include "acd/center.h"

namespace acd::bench {

struct BenchCenterOptions {
  uint32_t agents = 1000;
  uint32_t queues = 200;
  uint32_t skills = 50;
  uint64_t seed = 1;
  // Every queue uses longest idle (the cross-check compares engines on it).
  bool longest_idle_only = false;
};

struct BenchCenter {
  CenterConfig config;
  // Running sum of the queues' traffic weights (a queue's weight is its
  // members' share of their time); pick a queue by binary search.
  std::vector<double> queue_weight_cumulative;
  // Per queue: roster indexes of its members.
  std::vector<std::vector<uint32_t>> members;
  // Per queue: each member's level for the queue (parallel to members).
  std::vector<std::vector<int>> member_levels;
  // Per queue: the few extra skill requirements its calls may carry (a
  // language at a level, say), each held by at least one member.
  std::vector<std::vector<SkillLevel>> extra_options;
};

BenchCenter BuildBenchCenter(const BenchCenterOptions& options);

// An agent's level for a queue as the engine defines it: its level in the
// queue's skill when the queue has one (0 if it lacks the skill), else the
// membership's level.
int QueueLevel(const CenterConfig& center, const AgentConfig& agent,
               const Membership& membership);

}  // namespace acd::bench

#endif  // ACD_BENCH_BENCH_CENTER_H_
