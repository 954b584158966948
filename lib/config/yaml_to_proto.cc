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

// A YAML node as the walker reads it, built straight from the parser's
// events (YamlTree): a few dozen bytes a node where yaml-cpp's own tree
// takes hundreds, and the file is scanned once. Invariant: a map's items
// alternate key, value.
struct YamlNode {
  enum class Kind : uint8_t { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  int line = 0;  // 1-based; 0 when unknown
  std::string scalar;
  std::vector<YamlNode> items;

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }
  size_t Size() const;  // nodes in this subtree
};

size_t YamlNode::Size() const {
  size_t n = 1;
  for (const YamlNode& item : items) n += item.Size();
  return n;
}

// 1-based line of a node, or `fallback` when the node has no position. An
// empty (null) value is placed by yaml-cpp at the next token, often on a
// later line, so it takes the fallback too.
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
  void Fill(const YamlNode& node, const std::string& path, Message* message);

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
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i + 1 < node.items.size(); i += 2) {
    const YamlNode& key = node.items[i];
    const YamlNode& value = node.items[i + 1];
    if (!Spend()) return;
    const int line = LineOf(key, lines_->LineOf(path));
    if (!key.IsScalar()) {
      errors_->AddAtLine(
          line, path,
          absl::StrCat("expected a field name, got ", Describe(key)));
      continue;
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
    } else if (!seen.insert(name).second) {
      errors_->AddAtLine(line, field_path, "field given twice");
    } else {
      Field(value, field_path, line, message, field);
    }
  }
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
  size_t index = 0;
  for (const YamlNode& item : value.items) {
    if (!Spend()) return;
    const std::string item_path = IndexPath(path, index++);
    lines_->Record(item_path, LineOf(item, line));
    Value(item, item_path, message, field);
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

// Builds the first document's YamlNode tree from the parser's events and
// notes where the second document's first node is (1-based line; 0 until
// known). An alias is a copy of its anchor's subtree; the tree stops
// growing past kMaxYamlNodes nodes (overflowed()), so that nested aliases
// cannot exhaust memory.
class YamlTree : public YAML::EventHandler {
 public:
  // Three nodes per value leave room for the keys of kMaxYamlValues entries.
  static constexpr size_t kMaxYamlNodes = 3 * kMaxYamlValues;

  void OnDocumentStart(const YAML::Mark&) override { ++documents_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (Building(mark)) Place(Leaf(YamlNode::Kind::kNull, mark, ""), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (!Building(mark)) return;
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      Place(Leaf(YamlNode::Kind::kNull, mark, ""), YAML::NullAnchor);
      return;
    }
    if (nodes_ + it->second.size > kMaxYamlNodes) {
      overflowed_ = true;
      return;
    }
    nodes_ += it->second.size - 1;  // Place counts one
    Place(it->second.node, YAML::NullAnchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    if (Building(mark)) Place(Leaf(YamlNode::Kind::kScalar, mark, value), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(YamlNode::Kind::kSequence, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(YamlNode::Kind::kMap, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

  int second_line() const { return second_line_; }
  bool overflowed() const { return overflowed_; }
  // The first document; nullptr when the text has none.
  const YamlNode* root() const { return has_root_ ? &root_ : nullptr; }

 private:
  struct Anchored {
    YamlNode node;
    size_t size = 0;
  };

  static YamlNode Leaf(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& text) {
    YamlNode node;
    node.kind = kind;
    node.line = mark.is_null() ? 0 : mark.line + 1;
    node.scalar = text;
    return node;
  }
  // True while the first document is read; notes the second's first line.
  bool Building(const YAML::Mark& mark) {
    if (documents_ == 2 && second_line_ == 0 && !mark.is_null()) second_line_ = mark.line + 1;
    return documents_ == 1 && !overflowed_;
  }
  void Open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (!Building(mark)) {
      ++skipped_depth_;
      return;
    }
    stack_.push_back(Leaf(kind, mark, ""));
    stack_anchors_.push_back(anchor);
  }
  void Close() {
    if (skipped_depth_ > 0) {
      --skipped_depth_;
      return;
    }
    if (stack_.empty()) return;
    YamlNode node = std::move(stack_.back());
    const YAML::anchor_t anchor = stack_anchors_.back();
    stack_.pop_back();
    stack_anchors_.pop_back();
    Place(std::move(node), anchor);
  }
  void Place(YamlNode node, YAML::anchor_t anchor) {
    if (++nodes_ > kMaxYamlNodes) {
      overflowed_ = true;
      return;
    }
    if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{node, node.Size()};
    if (!stack_.empty()) {
      stack_.back().items.push_back(std::move(node));
    } else {
      root_ = std::move(node);
      has_root_ = true;
    }
  }

  int documents_ = 0;
  int second_line_ = 0;
  int skipped_depth_ = 0;  // containers open outside the first document
  size_t nodes_ = 0;
  bool overflowed_ = false;
  bool has_root_ = false;
  YamlNode root_;
  std::vector<YamlNode> stack_;
  std::vector<YAML::anchor_t> stack_anchors_;
  absl::flat_hash_map<YAML::anchor_t, Anchored> anchors_;
};

}  // namespace

void YamlToProto(std::string_view text, Message* message, SourceMap* lines,
                 ErrorList* errors) {
  try {
    // One pass over the text: the first document's tree, and the others
    // counted (at most kMaxYamlDocuments + 1: the parser is stepped by hand
    // because yaml-cpp's LoadAll can go on producing documents without end
    // on some malformed input).
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    YamlTree tree;
    size_t documents = 0;
    while (documents <= kMaxYamlDocuments && parser.HandleNextDocument(tree)) {
      ++documents;
    }
    if (documents > 1) {
      errors->AddAtLine(
          tree.second_line(), "",
          documents > kMaxYamlDocuments
              ? absl::StrCat("expected one YAML document, found more than ",
                             kMaxYamlDocuments)
              : absl::StrCat("expected one YAML document, found ", documents));
      return;
    }
    if (tree.overflowed()) {
      errors->AddAtLine(0, "",
                        absl::StrCat("too many values (more than ",
                                     kMaxYamlValues, "); not read"));
      return;
    }
    const YamlNode* document = tree.root();
    if (document == nullptr || document->IsNull()) {
      errors->AddAtLine(0, "", "the file is empty");
      return;
    }
    lines->Record("", LineOf(*document, 0));
    Walker(lines, errors).Fill(*document, "", message);
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
