#include "bench/sim_models.h"

#include <string>

namespace acd::bench {
namespace {

constexpr TimeMs kDayStartMs = 8 * kMsPerHour;

AgentConfig Member(AgentId id, QueueId queue, uint32_t position) {
  AgentConfig a;
  a.id = id;
  a.name = "Agent " + std::to_string(id);
  a.queues.push_back(Membership{queue, kMaxLevel, 0, position, 1.0});
  return a;
}

// Flat traffic in 15-minute intervals over `hours` from 08:00.
SimOptions FlatDay(double calls_per_hour, int hours, uint64_t seed) {
  SimOptions o;
  o.seed = seed;
  o.start_ms = kDayStartMs;
  o.end_ms = kDayStartMs + hours * kMsPerHour;
  o.traffic.start_ms = kDayStartMs;
  o.traffic.interval_ms = 15 * kMsPerMinute;
  o.traffic.calls_per_hour.assign(static_cast<size_t>(hours) * 4, calls_per_hour);
  o.serve_out_max_ms = 24 * kMsPerHour;
  return o;
}

}  // namespace

CenterConfig MmcCenter(const MmcModel& model) {
  CenterConfig c;
  QueueConfig q;
  q.name = "mmc";
  q.max_length = 1'000'000;
  c.queues.push_back(q);
  for (int i = 0; i < model.agents; ++i) {
    c.agents.push_back(Member(static_cast<AgentId>(1 + i), 0, static_cast<uint32_t>(i)));
  }
  return c;
}

SimOptions MmcOptions(const MmcModel& model, uint64_t seed) {
  SimOptions o = FlatDay(model.calls_per_hour, model.hours, seed);
  CallType type;
  type.name = "call";
  type.queue = 0;
  type.ivr_ms = Distribution::Constant(0);
  type.handle_ms = Distribution::Exponential(model.handle_s * kMsPerSecond);
  type.patience_ms = Distribution::Never();
  o.traffic.types = {type};
  o.agents.rona_probability = 0;
  o.agents.answer_delay_ms = Distribution::Constant(0);
  return o;
}

CenterConfig BigDayCenter(const BigDayModel& model) {
  CenterConfig c;
  AgentId next_id = 1;
  for (int q = 0; q < model.queues; ++q) {
    QueueConfig queue;
    queue.name = "queue " + std::to_string(q);
    c.queues.push_back(queue);
    for (int i = 0; i < model.agents_per_queue; ++i) {
      c.agents.push_back(
          Member(next_id++, static_cast<QueueId>(q), static_cast<uint32_t>(i)));
    }
  }
  return c;
}

SimOptions BigDayOptions(const BigDayModel& model, uint64_t seed) {
  SimOptions o = FlatDay(model.calls_per_hour, model.hours, seed);
  for (int q = 0; q < model.queues; ++q) {
    CallType type;
    type.name = "type " + std::to_string(q);
    type.queue = static_cast<QueueId>(q);
    type.handle_ms = Distribution::Exponential(model.handle_s * kMsPerSecond);
    type.patience_ms = Distribution::Exponential(model.patience_s * kMsPerSecond);
    o.traffic.types.push_back(type);
  }
  return o;
}

}  // namespace acd::bench
