// Scalars into protobuf fields (yaml_scalar.h).
#include "config/yaml_scalar.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace acd::config_internal {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// What a field takes, for "expected X, got Y".
std::string Expected(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return "a 32-bit integer";
    case FieldDescriptor::CPPTYPE_INT64:
      return "an integer";
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return "a non-negative integer";
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return "a finite number";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true or false";
    case FieldDescriptor::CPPTYPE_STRING:
      return "a text";
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return absl::StrCat("a map of ", field->message_type()->name(),
                          " fields");
    case FieldDescriptor::CPPTYPE_ENUM: {
      std::vector<std::string> names;
      const EnumDescriptor* type = field->enum_type();
      for (int i = 0; i < type->value_count(); ++i) {
        names.push_back(type->value(i)->name());
      }
      return absl::StrCat("one of ", absl::StrJoin(names, ", "));
    }
  }
  return "a value";
}

namespace {

bool ParseScalar(const std::string& text, int32_t* out) {
  return absl::SimpleAtoi(text, out);
}
bool ParseScalar(const std::string& text, int64_t* out) {
  return absl::SimpleAtoi(text, out);
}
bool ParseScalar(const std::string& text, uint32_t* out) {
  return absl::SimpleAtoi(text, out);
}
bool ParseScalar(const std::string& text, uint64_t* out) {
  return absl::SimpleAtoi(text, out);
}
bool ParseScalar(const std::string& text, double* out) {
  return absl::SimpleAtod(text, out) && std::isfinite(*out);
}
bool ParseScalar(const std::string& text, float* out) {
  return absl::SimpleAtof(text, out) && std::isfinite(*out);
}
bool ParseScalar(const std::string& text, bool* out) {
  return absl::SimpleAtob(text, out);
}

// Parses `text` as a T and sets the singular field or appends to the
// repeated one. False when the text is not a T.
template <typename T>
bool SetParsed(const std::string& text, Message* message,
               const FieldDescriptor* field,
               void (Reflection::*set)(Message*, const FieldDescriptor*, T)
                   const,
               void (Reflection::*add)(Message*, const FieldDescriptor*, T)
                   const) {
  T value;
  if (!ParseScalar(text, &value)) return false;
  const Reflection* reflection = message->GetReflection();
  (reflection->*(field->is_repeated() ? add : set))(message, field, value);
  return true;
}

}  // namespace

// Sets a scalar field (or appends to a repeated one) from YAML text.
bool SetScalar(const std::string& text, Message* message,
               const FieldDescriptor* field) {
  const Reflection* r = message->GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return SetParsed<int32_t>(text, message, field, &Reflection::SetInt32,
                                &Reflection::AddInt32);
    case FieldDescriptor::CPPTYPE_INT64:
      return SetParsed<int64_t>(text, message, field, &Reflection::SetInt64,
                                &Reflection::AddInt64);
    case FieldDescriptor::CPPTYPE_UINT32:
      return SetParsed<uint32_t>(text, message, field, &Reflection::SetUInt32,
                                 &Reflection::AddUInt32);
    case FieldDescriptor::CPPTYPE_UINT64:
      return SetParsed<uint64_t>(text, message, field, &Reflection::SetUInt64,
                                 &Reflection::AddUInt64);
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return SetParsed<double>(text, message, field, &Reflection::SetDouble,
                               &Reflection::AddDouble);
    case FieldDescriptor::CPPTYPE_FLOAT:
      return SetParsed<float>(text, message, field, &Reflection::SetFloat,
                              &Reflection::AddFloat);
    case FieldDescriptor::CPPTYPE_BOOL:
      return SetParsed<bool>(text, message, field, &Reflection::SetBool,
                             &Reflection::AddBool);
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value = field->enum_type()->FindValueByName(text);
      if (value == nullptr) return false;
      if (field->is_repeated()) {
        r->AddEnum(message, field, value);
      } else {
        r->SetEnum(message, field, value);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_STRING:
      if (field->is_repeated()) {
        r->AddString(message, field, text);
      } else {
        r->SetString(message, field, text);
      }
      return true;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return false;
}

std::vector<std::string> FieldNames(const Descriptor* type) {
  std::vector<std::string> names;
  for (int i = 0; i < type->field_count(); ++i) {
    names.push_back(type->field(i)->name());
  }
  return names;
}

}  // namespace acd::config_internal
