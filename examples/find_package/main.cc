// Builds an engine for a one-queue, two-agent center, logs both agents in,
// lets one call arrive and enqueue, and prints the offer the engine decides.
#include <cstdio>
#include <memory>
#include <variant>

#include "absl/status/status.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/event.h"

namespace {

acd::CenterConfig TwoAgentCenter() {
  acd::CenterConfig center;
  acd::QueueConfig sales;
  sales.name = "sales";
  center.queues.push_back(sales);
  for (acd::AgentId id : {1, 2}) {
    acd::AgentConfig agent;
    agent.id = id;
    agent.name = id == 1 ? "ana" : "ben";
    agent.queues.push_back(acd::Membership{.queue = 0});
    center.agents.push_back(agent);
  }
  return center;
}

absl::Status Run() {
  acd::VectorSink sink;
  absl::StatusOr<std::unique_ptr<acd::Engine>> engine =
      acd::Engine::Create(TwoAgentCenter(), &sink);
  if (!engine.ok()) return engine.status();

  const acd::Event events[] = {
      {.id = 1, .time_ms = 0, .body = acd::AgentLogin{.agent = 1}},
      {.id = 2, .time_ms = 1'000, .body = acd::AgentLogin{.agent = 2}},
      {.id = 3, .time_ms = 5'000, .body = acd::CallArrive{.call = 100}},
      {.id = 4, .time_ms = 5'200, .body = acd::CallEnqueue{.call = 100, .queue = 0}},
  };
  for (const acd::Event& event : events) {
    if (absl::Status status = (*engine)->Apply(event); !status.ok()) return status;
  }

  for (const acd::Command& command : sink.commands) {
    if (const auto* offer = std::get_if<acd::Offer>(&command.body)) {
      std::printf("t=%lld ms: offer call %llu to agent %llu in queue %u, ring %lld ms\n",
                  static_cast<long long>(command.time_ms),
                  static_cast<unsigned long long>(offer->call),
                  static_cast<unsigned long long>(offer->agent), offer->queue,
                  static_cast<long long>(offer->ring_timeout_ms));
      return absl::OkStatus();
    }
  }
  return absl::InternalError("the engine made no offer");
}

}  // namespace

int main() {
  absl::Status status = Run();
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
