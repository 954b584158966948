// YamlToProto: a YAML center file into the v1::Center message, walking
// YamlTree's nodes alongside the message's descriptor.
#include "config/yaml_to_proto.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "config/yaml_scalar.h"
#include "config/yaml_tree.h"

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
// empty (null) value may be placed by the parser at the next token, often
// on a later line, so it takes the fallback too.
int LineOf(const YamlNode& node, int fallback) {
  return node.line == 0 || node.IsNull() ? fallback : node.line;
}

// What a node is, for "expected X, got Y".
std::string Describe(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kScalar: {
      const std::string& text = node.scalar;
      if (text.size() <= kMaxQuotedChars) return absl::StrCat("\"", text, "\"");
      return absl::StrCat("\"", text.substr(0, kMaxQuotedChars), "...\"");
    }
    case YamlNode::Kind::kSequence:
      return "a list";
    case YamlNode::Kind::kMap:
      return "a map";
    case YamlNode::Kind::kNull:
      break;
  }
  return "nothing";
}

// Walks a YAML tree alongside a message's descriptor. Not thread-safe;
// one walker per file. Invariant: visits at most kMaxYamlValues values.
class Walker {
 public:
  Walker(SourceMap* lines, ErrorList* errors)
      : lines_(lines), errors_(errors) {}

  using Seen = absl::flat_hash_set<std::string>;

  // True once the budget of values is spent (and said so).
  bool spent() const { return budget_ == 0; }

  // Fills `message` from a YAML map at `path`.
  void Fill(const YamlNode& node, const std::string& path, Message* message);
  // One entry of the map at `path` (Fill's step). False once the budget of
  // values is spent.
  bool Entry(const YamlNode& key, const YamlNode& value, const std::string& path,
             Message* message, Seen* seen);
  // A root entry whose value is a list, read item by item (ListItem): the
  // field, when the key names a repeated field not seen yet, else nullptr
  // and nothing done (the entry then goes to Entry whole).
  const FieldDescriptor* BeginList(const YamlNode& key, Message* message, Seen* seen,
                                   std::string* path, int* line);
  // Item `index` of the list `field` at `path`. False once the budget is
  // spent.
  bool ListItem(const YamlNode& item, const std::string& path, size_t index, int line,
                Message* message, const FieldDescriptor* field);

 private:
  // A proto map field given as a YAML map.
  void MapField(const YamlNode& value, const std::string& path, int line,
                Message* message, const FieldDescriptor* field);
  // One map entry: a singular or a repeated field.
  void Field(const YamlNode& value, const std::string& path, int line,
             Message* message, const FieldDescriptor* field);
  // A singular field's value, or one item of a repeated field.
  void Value(const YamlNode& value, const std::string& path, Message* message,
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

void Walker::Fill(const YamlNode& node, const std::string& path,
                  Message* message) {
  const Descriptor* type = message->GetDescriptor();
  if (!node.IsMap()) {
    errors_->Add(path, absl::StrCat("expected a map of ", type->name(),
                                    " fields, got ", Describe(node)));
    return;
  }
  Seen seen;
  for (size_t i = 0; i + 1 < node.items.size(); i += 2) {
    if (!Entry(node.items[i], node.items[i + 1], path, message, &seen)) return;
  }
}

bool Walker::Entry(const YamlNode& key, const YamlNode& value,
                   const std::string& path, Message* message, Seen* seen) {
  const Descriptor* type = message->GetDescriptor();
  if (!Spend()) return false;
  const int line = LineOf(key, lines_->LineOf(path));
  if (!key.IsScalar()) {
    errors_->AddAtLine(
        line, path,
        absl::StrCat("expected a field name, got ", Describe(key)));
    return true;
  }
  const std::string& name = key.scalar;
  const std::string field_path = JoinPath(path, name);
  lines_->Record(field_path, line);
  const FieldDescriptor* field = type->FindFieldByName(name);
  if (field == nullptr) {
    errors_->AddAtLine(
        line, field_path,
        absl::StrCat("unknown field \"", name, "\" in ", type->name(),
                     NameHint(name, FieldNames(type))));
  } else if (!seen->insert(name).second) {
    errors_->AddAtLine(line, field_path, "field given twice");
  } else {
    Field(value, field_path, line, message, field);
  }
  return true;
}

const FieldDescriptor* Walker::BeginList(const YamlNode& key, Message* message,
                                         Seen* seen, std::string* path,
                                         int* line) {
  if (!key.IsScalar() || budget_ < 2 || seen->contains(key.scalar)) {
    return nullptr;
  }
  const FieldDescriptor* field =
      message->GetDescriptor()->FindFieldByName(key.scalar);
  if (field == nullptr || !field->is_repeated() || field->is_map()) {
    return nullptr;
  }
  Spend();  // the entry, as Entry counts it
  *line = LineOf(key, lines_->LineOf(""));
  *path = JoinPath("", key.scalar);
  lines_->Record(*path, *line);
  seen->insert(key.scalar);
  return field;
}

bool Walker::ListItem(const YamlNode& item, const std::string& path,
                      size_t index, int line, Message* message,
                      const FieldDescriptor* field) {
  if (!Spend()) return false;
  const std::string item_path = IndexPath(path, index);
  lines_->Record(item_path, LineOf(item, line));
  Value(item, item_path, message, field);
  return true;
}

void Walker::Field(const YamlNode& value, const std::string& path, int line,
                   Message* message, const FieldDescriptor* field) {
  if (field->is_map()) {
    MapField(value, path, line, message, field);
    return;
  }
  if (!field->is_repeated()) {
    Value(value, path, message, field);
    return;
  }
  if (value.IsNull()) {
    errors_->Add(path, "missing value: expected a list");
    return;
  }
  if (!value.IsSequence()) {
    errors_->Add(path, absl::StrCat("expected a list, got ", Describe(value)));
    return;
  }
  for (size_t i = 0; i < value.items.size(); ++i) {
    if (!ListItem(value.items[i], path, i, line, message, field)) return;
  }
}

// A proto map (name -> scalar) written as a YAML map; each entry's path is
// the map's path and the key ("queues[0].skill_weights.sales").
void Walker::MapField(const YamlNode& value, const std::string& path, int line,
                      Message* message, const FieldDescriptor* field) {
  if (!value.IsMap()) {
    errors_->Add(path, absl::StrCat("expected a map, got ", Describe(value)));
    return;
  }
  const FieldDescriptor* key_field = field->message_type()->map_key();
  const FieldDescriptor* value_field = field->message_type()->map_value();
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i + 1 < value.items.size(); i += 2) {
    const YamlNode& key_node = value.items[i];
    const YamlNode& entry_value = value.items[i + 1];
    if (!Spend()) return;
    const int entry_line = LineOf(key_node, line);
    if (!key_node.IsScalar()) {
      errors_->AddAtLine(entry_line, path,
                         absl::StrCat("expected a name, got ", Describe(key_node)));
      continue;
    }
    const std::string& key = key_node.scalar;
    const std::string entry_path = JoinPath(path, key);
    lines_->Record(entry_path, entry_line);
    if (!seen.insert(key).second) {
      errors_->AddAtLine(entry_line, entry_path, "given twice");
      continue;
    }
    Message* item = message->GetReflection()->AddMessage(message, field);
    SetScalar(key, item, key_field);
    Value(entry_value, entry_path, item, value_field);
  }
}

void Walker::Value(const YamlNode& value, const std::string& path,
                   Message* message, const FieldDescriptor* field) {
  if (value.IsNull()) {
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
  if (!value.IsScalar() || !SetScalar(value.scalar, message, field)) {
    errors_->Add(path, absl::StrCat("expected ", Expected(field), ", got ",
                                    Describe(value)));
  }
}

// Fills the root message from the root map as YamlTree reads it: entries
// in file order, a list under the root item by item.
class RootFiller : public RootEntrySink {
 public:
  RootFiller(Walker* walker, SourceMap* lines, Message* message)
      : walker_(walker), lines_(lines), message_(message) {}

  void OnRoot(const YamlNode& header) override {
    lines_->Record("", LineOf(header, 0));
  }
  void OnEntry(const YamlNode& key, const YamlNode& value) override {
    walker_->Entry(key, value, "", message_, &seen_);
  }
  bool StreamList(const YamlNode& key, const YamlNode&) override {
    list_ = walker_->BeginList(key, message_, &seen_, &list_path_, &list_line_);
    return list_ != nullptr;
  }
  void OnItem(size_t index, const YamlNode& item) override {
    walker_->ListItem(item, list_path_, index, list_line_, message_, list_);
  }

 private:
  Walker* walker_;
  SourceMap* lines_;
  Message* message_;
  Walker::Seen seen_;
  const FieldDescriptor* list_ = nullptr;
  std::string list_path_;
  int list_line_ = 0;
};

}  // namespace

void YamlToProto(std::string_view text, Message* message, SourceMap* lines,
                 ErrorList* errors) {
  // One pass over the text: the first document read into the message as
  // the parser goes, the others counted (at most kMaxYamlDocuments + 1).
  Walker walker(lines, errors);
  RootFiller filler(&walker, lines, message);
  YamlTree tree(&filler);
  if (!tree.Read(text, kMaxYamlDocuments)) {
    const YamlError& error = *tree.error();
    errors->AddAtLine(
        error.line, "",
        absl::StrCat("malformed YAML",
                     error.column == 0 ? "" : absl::StrCat(" at column ", error.column),
                     ": ", error.reason));
    return;
  }
  const size_t documents = tree.documents();
  if (documents > 1) {
    // The first document was read already: only this error is reported.
    errors->Clear();
    message->Clear();
    errors->AddAtLine(
        tree.second_line(), "",
        documents > kMaxYamlDocuments
            ? absl::StrCat("expected one YAML document, found more than ", kMaxYamlDocuments)
            : absl::StrCat("expected one YAML document, found ", documents));
    return;
  }
  if (tree.overflowed() && !walker.spent()) {
    errors->AddAtLine(0, "",
                      absl::StrCat("too many values (more than ", kMaxYamlValues,
                                   "); not read"));
    return;
  }
  if (tree.overflowed() || tree.root_streamed()) return;
  const YamlNode* document = tree.root();
  if (document == nullptr || document->IsNull()) {
    errors->AddAtLine(0, "", "the file is empty");
    return;
  }
  lines->Record("", LineOf(*document, 0));
  walker.Fill(*document, "", message);
}

}  // namespace acd::config_internal
