#include "config/yaml_to_proto.h"

#include <cmath>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/yaml.h"

namespace acd::config_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Scalars quoted in an error are cut to this many characters.
constexpr size_t kMaxQuotedChars = 40;

// 1-based line of a node, or `fallback` when the node has no position. An
// empty (null) value is placed by yaml-cpp at the next token, often on a
// later line, so it takes the fallback too.
int LineOf(const YAML::Node& node, int fallback) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() || node.IsNull() ? fallback : mark.line + 1;
}

// What a node is, for "expected X, got Y".
std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      if (text.size() <= kMaxQuotedChars) return absl::StrCat("\"", text, "\"");
      return absl::StrCat("\"", text.substr(0, kMaxQuotedChars), "...\"");
    }
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

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

// Walks a YAML tree alongside a message's descriptor. Not thread-safe;
// one walker per file. Invariant: visits at most kMaxYamlValues values.
class Walker {
 public:
  Walker(SourceMap* lines, ErrorList* errors)
      : lines_(lines), errors_(errors) {}

  // Fills `message` from a YAML map at `path`.
  void Fill(const YAML::Node& node, const std::string& path, Message* message);

 private:
  // A proto map field given as a YAML map.
  void MapField(const YAML::Node& value, const std::string& path, int line,
                Message* message, const FieldDescriptor* field);
  // One map entry: a singular or a repeated field.
  void Field(const YAML::Node& value, const std::string& path, int line,
             Message* message, const FieldDescriptor* field);
  // A singular field's value, or one item of a repeated field.
  void Value(const YAML::Node& value, const std::string& path, Message* message,
             const FieldDescriptor* field);
  // Counts one value against the budget; false once it is spent.
  bool Spend();

  SourceMap* lines_;
  ErrorList* errors_;
  size_t budget_ = kMaxYamlValues;
};

bool Walker::Spend() {
  if (budget_ == 0) return false;
  if (--budget_ == 0) {
    errors_->AddAtLine(0, "",
                       absl::StrCat("too many values (more than ",
                                    kMaxYamlValues, "); not read"));
    return false;
  }
  return true;
}

void Walker::Fill(const YAML::Node& node, const std::string& path,
                  Message* message) {
  const Descriptor* type = message->GetDescriptor();
  if (!node.IsMap()) {
    errors_->Add(path, absl::StrCat("expected a map of ", type->name(),
                                    " fields, got ", Describe(node)));
    return;
  }
  absl::flat_hash_set<std::string> seen;
  for (const auto& entry : node) {
    if (!Spend()) return;
    const int line = LineOf(entry.first, lines_->LineOf(path));
    if (!entry.first.IsScalar()) {
      errors_->AddAtLine(
          line, path,
          absl::StrCat("expected a field name, got ", Describe(entry.first)));
      continue;
    }
    const std::string& name = entry.first.Scalar();
    const std::string field_path = JoinPath(path, name);
    lines_->Record(field_path, line);
    const FieldDescriptor* field = type->FindFieldByName(name);
    if (field == nullptr) {
      errors_->AddAtLine(
          line, field_path,
          absl::StrCat("unknown field \"", name, "\" in ", type->name(),
                       NameHint(name, FieldNames(type))));
    } else if (!seen.insert(name).second) {
      errors_->AddAtLine(line, field_path, "field given twice");
    } else {
      Field(entry.second, field_path, line, message, field);
    }
  }
}

void Walker::Field(const YAML::Node& value, const std::string& path, int line,
                   Message* message, const FieldDescriptor* field) {
  if (field->is_map()) {
    MapField(value, path, line, message, field);
    return;
  }
  if (!field->is_repeated()) {
    Value(value, path, message, field);
    return;
  }
  if (!value.IsDefined() || value.IsNull()) {
    errors_->Add(path, "missing value: expected a list");
    return;
  }
  if (!value.IsSequence()) {
    errors_->Add(path, absl::StrCat("expected a list, got ", Describe(value)));
    return;
  }
  size_t index = 0;
  for (const YAML::Node& item : value) {
    if (!Spend()) return;
    const std::string item_path = IndexPath(path, index++);
    lines_->Record(item_path, LineOf(item, line));
    Value(item, item_path, message, field);
  }
}

// A proto map (name -> scalar) written as a YAML map; each entry's path is
// the map's path and the key ("queues[0].skill_weights.sales").
void Walker::MapField(const YAML::Node& value, const std::string& path, int line,
                      Message* message, const FieldDescriptor* field) {
  if (!value.IsMap()) {
    errors_->Add(path, absl::StrCat("expected a map, got ", Describe(value)));
    return;
  }
  const FieldDescriptor* key_field = field->message_type()->map_key();
  const FieldDescriptor* value_field = field->message_type()->map_value();
  absl::flat_hash_set<std::string> seen;
  for (const auto& entry : value) {
    if (!Spend()) return;
    const int entry_line = LineOf(entry.first, line);
    if (!entry.first.IsScalar()) {
      errors_->AddAtLine(entry_line, path,
                         absl::StrCat("expected a name, got ", Describe(entry.first)));
      continue;
    }
    const std::string& key = entry.first.Scalar();
    const std::string entry_path = JoinPath(path, key);
    lines_->Record(entry_path, entry_line);
    if (!seen.insert(key).second) {
      errors_->AddAtLine(entry_line, entry_path, "given twice");
      continue;
    }
    Message* item = message->GetReflection()->AddMessage(message, field);
    SetScalar(key, item, key_field);
    Value(entry.second, entry_path, item, value_field);
  }
}

void Walker::Value(const YAML::Node& value, const std::string& path,
                   Message* message, const FieldDescriptor* field) {
  if (!value.IsDefined() || value.IsNull()) {
    errors_->Add(path,
                 absl::StrCat("missing value: expected ", Expected(field)));
    return;
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    const Reflection* r = message->GetReflection();
    Fill(value, path,
         field->is_repeated() ? r->AddMessage(message, field)
                              : r->MutableMessage(message, field));
    return;
  }
  if (!value.IsScalar() || !SetScalar(value.Scalar(), message, field)) {
    errors_->Add(path, absl::StrCat("expected ", Expected(field), ", got ",
                                    Describe(value)));
  }
}

// Sees the parser's events only to note where the second document's
// first node is (1-based line; 0 until known).
class DocumentCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override { ++documents_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&,
                       YAML::anchor_t, YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

  int second_line() const { return second_line_; }

 private:
  void Node(const YAML::Mark& mark) {
    if (documents_ == 2 && second_line_ == 0 && !mark.is_null()) {
      second_line_ = mark.line + 1;
    }
  }

  int documents_ = 0;
  int second_line_ = 0;
};

// The number of documents in `text`, counting at most kMaxYamlDocuments + 1:
// the parser is stepped by hand because yaml-cpp's LoadAll can go on
// producing documents without end on some malformed input. Throws
// YAML::Exception for malformed YAML.
size_t CountDocuments(const std::string& text, int* second_line) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentCounter counter;
  size_t documents = 0;
  while (documents <= kMaxYamlDocuments && parser.HandleNextDocument(counter)) {
    ++documents;
  }
  *second_line = counter.second_line();
  return documents;
}

}  // namespace

void YamlToProto(std::string_view text, Message* message, SourceMap* lines,
                 ErrorList* errors) {
  try {
    const std::string source(text);
    int second_line = 0;
    const size_t documents = CountDocuments(source, &second_line);
    if (documents > 1) {
      errors->AddAtLine(
          second_line, "",
          documents > kMaxYamlDocuments
              ? absl::StrCat("expected one YAML document, found more than ",
                             kMaxYamlDocuments)
              : absl::StrCat("expected one YAML document, found ", documents));
      return;
    }
    const YAML::Node document =
        documents == 0 ? YAML::Node() : YAML::Load(source);
    if (!document.IsDefined() || document.IsNull()) {
      errors->AddAtLine(0, "", "the file is empty");
      return;
    }
    lines->Record("", LineOf(document, 0));
    Walker(lines, errors).Fill(document, "", message);
  } catch (const YAML::Exception& e) {
    errors->AddAtLine(
        e.mark.is_null() ? 0 : e.mark.line + 1, "",
        absl::StrCat("malformed YAML",
                     e.mark.is_null()
                         ? ""
                         : absl::StrCat(" at column ", e.mark.column + 1),
                     ": ", e.msg));
  } catch (const std::exception& e) {
    errors->AddAtLine(0, "", absl::StrCat("cannot read YAML: ", e.what()));
  }
}

}  // namespace acd::config_internal
