// Loading a center's configuration from YAML or JSON files (schema:
// proto/acd/v1/center.proto) into the engine's CenterConfig, and the
// embedded example centers. Every function is thread-safe (no shared state)
// and never throws.
//
// A file is checked in stages, and every error of the first failing stage is
// reported at once, one per line, each naming the file, the YAML line when
// known and the field path:
//   sales.yaml:42: queues[3].on_max_wait.queue: no queue named "recepton"
//   (did you mean "reception"?)
// 1. syntax and schema: malformed YAML or JSON, unknown fields, wrong types;
// 2. names and values: dangling queue or skill names, unknown strategies,
//    duplicate names, and everything acd::ValidateCenter checks;
// 3. the overflow graph: loops a call could go round without an agent,
//    queues whose calls can reach neither an agent nor a terminal action,
//    entry rules and callbacks that lead to no agent able to take the call
//    (lib/config/overflow_graph.h says exactly what is checked).
#ifndef ACD_CONFIG_H_
#define ACD_CONFIG_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/env.h"
#include "acd/sellers.h"
#include "acd/types.h"

namespace acd {

// Largest center file LoadCenterFile reads.
inline constexpr size_t kMaxCenterFileBytes = 16u << 20;

// Loads a file, read through `env`: YAML for .yaml/.yml, JSON for .json.
// NotFound when it does not exist, another code naming the path and the OS
// reason when it cannot be read (acd/env.h), InvalidArgument (all errors,
// one per line) when it is not valid.
absl::StatusOr<CenterConfig> LoadCenterFile(const std::string& path,
                                            Env& env = Env::Default());

// Loads YAML text; `filename` only names it in errors.
absl::StatusOr<CenterConfig> LoadCenterYaml(std::string_view text,
                                            std::string_view filename);

// Loads JSON text (protobuf's JSON mapping of acd.v1.Center: unknown fields
// are rejected); `filename` only names it in errors. JSON has no line
// numbers in errors.
absl::StatusOr<CenterConfig> LoadCenterJson(std::string_view text,
                                            std::string_view filename);

// The embedded default center: examples/centers/sales.yaml, compiled in.
absl::StatusOr<CenterConfig> DefaultCenter();
std::string_view DefaultCenterYaml();

// The example centers compiled in, by name: "sales" (the default) and
// "sales-direct" (the same department without the reception hop).
std::vector<std::string_view> EmbeddedCenterNames();
// The YAML text of an embedded center; nullopt for an unknown name.
std::optional<std::string_view> EmbeddedCenterYaml(std::string_view name);
// Loads an embedded center; NotFound for an unknown name.
absl::StatusOr<CenterConfig> LoadEmbeddedCenter(std::string_view name);

// A center as the planner reads it: the engine's configuration and what
// only planning reads from the same file, who the sellers are (its
// `sellers` entry: acd/sellers.h; nullopt when the file names none). The
// loaders above check `sellers` too, and drop it.
struct PlanningCenter {
  CenterConfig center;
  std::optional<SellerDefinition> sellers;
};
// As LoadCenterFile, LoadCenterYaml, LoadCenterJson, LoadEmbeddedCenter
// and DefaultCenter.
absl::StatusOr<PlanningCenter> LoadPlanningCenterFile(const std::string& path,
                                                      Env& env = Env::Default());
absl::StatusOr<PlanningCenter> LoadPlanningCenterYaml(std::string_view text, std::string_view file);
absl::StatusOr<PlanningCenter> LoadPlanningCenterJson(std::string_view text, std::string_view file);
absl::StatusOr<PlanningCenter> LoadEmbeddedPlanningCenter(std::string_view name);
absl::StatusOr<PlanningCenter> DefaultPlanningCenter();

// Name lookups over a center, for tools and adapters that speak in names.
// Holds copies of the names: independent of the center's lifetime.
// Thread-compatible (const methods may be called concurrently).
// Invariant: each lookup returns the first match in the center's order.
class CenterNames {
 public:
  explicit CenterNames(const CenterConfig& center);

  std::optional<QueueId> Queue(std::string_view name) const;
  std::optional<SkillId> Skill(std::string_view name) const;
  // Index into CenterConfig::agents of the agent with this id / name.
  std::optional<size_t> AgentById(AgentId id) const;
  std::optional<size_t> AgentByName(std::string_view name) const;

 private:
  absl::flat_hash_map<std::string, QueueId> queues_;
  absl::flat_hash_map<std::string, SkillId> skills_;
  absl::flat_hash_map<AgentId, size_t> agents_by_id_;
  absl::flat_hash_map<std::string, size_t> agents_by_name_;
};

}  // namespace acd

#endif  // ACD_CONFIG_H_
