// Uses each installed library once: acd_config (YAML through libyaml, the
// schema through protobuf), acd_sim and acd_core (the engine it drives), and
// acd_runtime (a shard on its own thread).
// Prints one line; fails on any error.
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "acd/config.h"
#include "acd/config_proto.h"
#include "acd/runtime.h"
#include "acd/sim.h"

int main() {
  absl::StatusOr<acd::v1::Center> proto =
      acd::ParseCenterYaml(acd::DefaultCenterYaml(), "default");
  if (!proto.ok()) {
    std::fprintf(stderr, "parse: %s\n", proto.status().ToString().c_str());
    return 1;
  }
  absl::StatusOr<acd::CenterConfig> center = acd::CenterFromProto(*proto, "default");
  if (!center.ok()) {
    std::fprintf(stderr, "center: %s\n", center.status().ToString().c_str());
    return 1;
  }
  acd::SimOptions options =
      acd::SalesDepartmentOptions(*center, 8 * acd::kMsPerHour, 8 * acd::kMsPerHour + 30 * acd::kMsPerMinute);
  options.seed = 7;
  absl::StatusOr<acd::SimResult> result = acd::RunSimulation(*center, options);
  if (!result.ok()) {
    std::fprintf(stderr, "sim: %s\n", result.status().ToString().c_str());
    return 1;
  }
  std::printf("default center: %zu queues, %zu agents; 30 simulated minutes: %llu calls\n",
              center->queues.size(), center->agents.size(),
              static_cast<unsigned long long>(result->calls_arrived));
  absl::StatusOr<std::unique_ptr<acd::Shard>> shard = acd::Shard::Start("default", *center);
  if (!shard.ok()) {
    std::fprintf(stderr, "shard: %s\n", shard.status().ToString().c_str());
    return 1;
  }
  if (!(*shard)->Submit(acd::Event{1, 0, acd::AgentLogin{center->agents[0].id, true}}, nullptr)
           .ok()) {
    return 1;
  }
  (*shard)->Stop();  // drains: the login is applied
  if ((*shard)->Snapshot()->events_accepted != 1) return 1;
  return result->calls_arrived > 0 ? 0 : 1;
}
