// acd.v1.Center (names, optional fields) -> acd::CenterConfig (indexes,
// defaults applied): the step between a parsed file and the engine.
#ifndef ACD_LIB_CONFIG_PROTO_TO_CENTER_H_
#define ACD_LIB_CONFIG_PROTO_TO_CENTER_H_

#include <optional>

#include "acd/center.h"
#include "acd/sellers.h"
#include "acd/v1/center.pb.h"
#include "config/errors.h"

namespace acd::config_internal {

// Resolves skill and queue names to indexes, parses the names of
// strategies, overflow kinds, rule conditions and actions, intents,
// weekdays, times of day and dates, applies the schema's defaults, loads
// the time zone and checks that there is at least one queue and that no
// field is given that its kind or action does not use. Each reference that
// matches nothing (or is missing) becomes one error naming the field path;
// the config returned then holds an out-of-range index in its place. Value
// ranges, empty and repeated names are left to acd::ValidateCenter.
CenterConfig ProtoToCenter(const v1::Center& proto, ErrorList* errors);

// The file's `sellers` resolved against `center` (planning only: not part
// of CenterConfig); nullopt when unset or wrong. Naming both a queue and
// a skill, neither, or a name the center lacks is an error naming the
// field ("sellers.queue: no queue named ...").
std::optional<SellerDefinition> SellersFromProto(const v1::Center& proto,
                                                 const CenterConfig& center, ErrorList* errors);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_PROTO_TO_CENTER_H_
