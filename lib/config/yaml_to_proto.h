// YAML -> protobuf message, driven by the message's descriptor: every field
// of the schema can be written in YAML under its proto name, anything else
// is an error naming the field path and the line.
#ifndef ACD_LIB_CONFIG_YAML_TO_PROTO_H_
#define ACD_LIB_CONFIG_YAML_TO_PROTO_H_

#include <string_view>

#include "config/errors.h"
#include "google/protobuf/message.h"

namespace acd::config_internal {

// Most YAML values (map entries, list items, scalars) one file may hold,
// aliases counted each time they are used: bounds the work on hostile input.
inline constexpr size_t kMaxYamlValues = 1'000'000;
// Documents counted in a file before it is given up on (only one is read).
inline constexpr size_t kMaxYamlDocuments = 100;

// Parses `text` as one YAML document and fills `message` (which should be
// empty) from it. Each problem becomes one error in `errors`: malformed YAML
// (with line and column), unknown fields (with a hint), wrong types, values
// out of range, duplicate keys. Records the line of every field path it
// sees in `lines`. Never throws.
void YamlToProto(std::string_view text, google::protobuf::Message* message,
                 SourceMap* lines, ErrorList* errors);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_YAML_TO_PROTO_H_
