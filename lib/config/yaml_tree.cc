// YamlTree: libyaml's parser events to YamlNode, handing a root map over
// entry by entry.
#include "config/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace acd::config_internal {
namespace {

YamlNode Leaf(YamlNode::Kind kind, int line, std::string text) {
  YamlNode node;
  node.kind = kind;
  node.line = line;
  node.scalar = std::move(text);
  return node;
}

std::string Text(const yaml_char_t* text) {
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// A plain scalar without a tag that YAML reads as null (an empty value, ~,
// null).
bool IsNull(const yaml_event_t& event) {
  if (event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || event.data.scalar.tag != nullptr) {
    return false;
  }
  const std::string_view value(reinterpret_cast<const char*>(event.data.scalar.value),
                               event.data.scalar.length);
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

// Where and why libyaml stopped.
YamlError SyntaxError(const yaml_parser_t& parser, std::string_view text) {
  YamlError error;
  if (parser.error == YAML_MEMORY_ERROR) {
    error.reason = "out of memory";
    return error;
  }
  error.reason = parser.problem == nullptr ? "not YAML" : parser.problem;
  if (parser.error == YAML_READER_ERROR) {
    // Bad bytes (not UTF-8): libyaml gives their offset, not a mark.
    const size_t offset = std::min(parser.problem_offset, text.size());
    const std::string_view before = text.substr(0, offset);
    error.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const size_t line_start = before.rfind('\n');
    error.column = static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    return error;
  }
  error.line = static_cast<int>(parser.problem_mark.line) + 1;
  error.column = static_cast<int>(parser.problem_mark.column) + 1;
  if (parser.context != nullptr) {
    absl::StrAppend(&error.reason, " (", parser.context, " at line ",
                    parser.context_mark.line + 1, ")");
  }
  return error;
}

}  // namespace

size_t YamlNode::Size() const {
  size_t n = 1;
  for (const YamlNode& item : items) n += item.Size();
  return n;
}

const YamlNode* YamlNode::Find(std::string_view key) const {
  if (!IsMap()) return nullptr;
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i].IsScalar() && items[i].scalar == key) return &items[i + 1];
  }
  return nullptr;
}

bool YamlTree::Read(std::string_view text, size_t max_documents) {
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) {
    error_ = YamlError{0, 0, "out of memory"};
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  bool done = false;
  while (!done) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      error_ = SyntaxError(parser, text);
      break;
    }
    const int line = static_cast<int>(event.start_mark.line) + 1;
    switch (event.type) {
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      case YAML_DOCUMENT_START_EVENT:
        done = ++documents_ > max_documents;
        break;
      case YAML_SCALAR_EVENT:
        OnScalar(line, Text(event.data.scalar.anchor),
                 std::string(reinterpret_cast<const char*>(event.data.scalar.value),
                             event.data.scalar.length),
                 IsNull(event));
        break;
      case YAML_ALIAS_EVENT:
        OnAlias(line, Text(event.data.alias.anchor));
        break;
      case YAML_SEQUENCE_START_EVENT:
        done = !Open(YamlNode::Kind::kSequence, line, Text(event.data.sequence_start.anchor));
        break;
      case YAML_MAPPING_START_EVENT:
        done = !Open(YamlNode::Kind::kMap, line, Text(event.data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        Close();
        break;
      default:
        break;
    }
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  return !error_.has_value();
}

bool YamlTree::Building(int line) {
  if (documents_ == 2 && second_line_ == 0) second_line_ = line;
  return documents_ == 1 && !overflowed_;
}

void YamlTree::OnScalar(int line, std::string anchor, std::string value, bool null) {
  if (!Building(line)) return;
  Place(null ? Leaf(YamlNode::Kind::kNull, line, "")
             : Leaf(YamlNode::Kind::kScalar, line, std::move(value)),
        std::move(anchor));
}

void YamlTree::OnAlias(int line, const std::string& anchor) {
  if (!Building(line)) return;
  auto it = anchors_.find(anchor);
  if (it == anchors_.end()) {
    Place(Leaf(YamlNode::Kind::kNull, line, ""), "");
    return;
  }
  if (nodes_ + it->second.size > kMaxYamlNodes) {
    overflowed_ = true;
    return;
  }
  nodes_ += it->second.size - 1;  // Place counts one
  Place(it->second.node, "");
}

bool YamlTree::Open(YamlNode::Kind kind, int line, std::string anchor) {
  if (stack_.size() + skipped_depth_ >= kMaxYamlDepth) {
    error_ = YamlError{line, 0, absl::StrCat("lists and maps nested more than ", kMaxYamlDepth,
                                             " deep")};
    return false;
  }
  if (!Building(line)) {
    ++skipped_depth_;
    return true;
  }
  YamlNode header = Leaf(kind, line, "");
  if (sink_ != nullptr && stack_.empty() && kind == YamlNode::Kind::kMap) {
    root_streamed_ = true;
    sink_->OnRoot(header);
  } else if (root_streamed_ && stack_.size() == 1 && kind == YamlNode::Kind::kSequence &&
             anchor.empty() && stack_[0].items.size() == 1) {
    // A list anchored elsewhere is kept whole, for its aliases.
    list_streamed_ = sink_->StreamList(stack_[0].items[0], header);
    item_index_ = 0;
  }
  stack_.push_back(std::move(header));
  stack_anchors_.push_back(std::move(anchor));
  return true;
}

void YamlTree::Close() {
  if (skipped_depth_ > 0) {
    --skipped_depth_;
    return;
  }
  if (stack_.empty()) return;
  YamlNode node = std::move(stack_.back());
  std::string anchor = std::move(stack_anchors_.back());
  stack_.pop_back();
  stack_anchors_.pop_back();
  if (list_streamed_ && stack_.size() == 1) {
    // The list's items went to the sink: the root entry is done.
    list_streamed_ = false;
    ++nodes_;
    stack_[0].items.clear();
    return;
  }
  node.items.shrink_to_fit();
  Place(std::move(node), std::move(anchor));
}

void YamlTree::Place(YamlNode node, std::string anchor) {
  if (++nodes_ > kMaxYamlNodes) {
    overflowed_ = true;
    return;
  }
  if (!anchor.empty()) anchors_[anchor] = Anchored{node, node.Size()};
  if (stack_.empty()) {
    root_ = std::move(node);
    has_root_ = true;
  } else if (list_streamed_ && stack_.size() == 2) {
    sink_->OnItem(item_index_++, node);
  } else if (root_streamed_ && stack_.size() == 1) {
    std::vector<YamlNode>& pending = stack_[0].items;  // the entry's key
    if (pending.empty()) {
      pending.push_back(std::move(node));
    } else {
      sink_->OnEntry(pending[0], node);
      pending.clear();
    }
  } else {
    stack_.back().items.push_back(std::move(node));
  }
}

}  // namespace acd::config_internal
