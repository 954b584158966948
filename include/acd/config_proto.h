// The proto level of center loading, for code that speaks acd.v1.Center
// itself (an RPC service, a converter): parse files into the message, and
// check and convert a message into the engine's CenterConfig. Errors are
// worded as in acd/config.h. Thread-safe (no shared state); never throws.
#ifndef ACD_CONFIG_PROTO_H_
#define ACD_CONFIG_PROTO_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/v1/center.pb.h"

namespace acd {

// Syntax and schema only (stage 1): a message that parsed may still hold
// dangling names or impossible values.
absl::StatusOr<v1::Center> ParseCenterYaml(std::string_view text,
                                           std::string_view filename);
absl::StatusOr<v1::Center> ParseCenterJson(std::string_view text,
                                           std::string_view filename);

// Stages 2 and 3 on a message: names resolved, values and overflow graph
// checked. `filename` names the source in errors (no line numbers).
absl::StatusOr<CenterConfig> CenterFromProto(const v1::Center& proto,
                                             std::string_view filename);

}  // namespace acd

#endif  // ACD_CONFIG_PROTO_H_
