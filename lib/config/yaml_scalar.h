// Scalars of a YAML center file into protobuf fields, by the field's type:
// parsing the text, setting or appending the value, and the words for what
// a field takes ("a 32-bit integer", "one of ...").
//
// Thread-safety: free functions, no shared state.
#ifndef ACD_LIB_CONFIG_YAML_SCALAR_H_
#define ACD_LIB_CONFIG_YAML_SCALAR_H_

#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace acd::config_internal {

// What a field takes, for "expected X, got Y".
std::string Expected(const google::protobuf::FieldDescriptor* field);
// Sets a scalar field (or appends to a repeated one) from YAML text; false
// when the text is not of the field's type (nothing set).
bool SetScalar(const std::string& text, google::protobuf::Message* message,
               const google::protobuf::FieldDescriptor* field);
// The names of a message type's fields, for hints.
std::vector<std::string> FieldNames(const google::protobuf::Descriptor* type);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_YAML_SCALAR_H_
