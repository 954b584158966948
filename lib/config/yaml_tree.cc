// YamlTree: yaml-cpp's parser events to YamlNode, handing a root map over
// entry by entry.
#include "config/yaml_tree.h"

#include <utility>

namespace acd::config_internal {
namespace {

YamlNode Leaf(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& text) {
  YamlNode node;
  node.kind = kind;
  node.line = mark.is_null() ? 0 : mark.line + 1;
  node.scalar = text;
  return node;
}

}  // namespace

size_t YamlNode::Size() const {
  size_t n = 1;
  for (const YamlNode& item : items) n += item.Size();
  return n;
}

bool YamlTree::Building(const YAML::Mark& mark) {
  if (documents_ == 2 && second_line_ == 0 && !mark.is_null()) second_line_ = mark.line + 1;
  return documents_ == 1 && !overflowed_;
}

void YamlTree::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (Building(mark)) Place(Leaf(YamlNode::Kind::kNull, mark, ""), anchor);
}

void YamlTree::OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                        const std::string& value) {
  if (Building(mark)) Place(Leaf(YamlNode::Kind::kScalar, mark, value), anchor);
}

void YamlTree::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
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

void YamlTree::OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                               YAML::EmitterStyle::value) {
  Open(YamlNode::Kind::kSequence, mark, anchor);
}

void YamlTree::OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                          YAML::EmitterStyle::value) {
  Open(YamlNode::Kind::kMap, mark, anchor);
}

void YamlTree::Open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (!Building(mark)) {
    ++skipped_depth_;
    return;
  }
  YamlNode header = Leaf(kind, mark, "");
  if (sink_ != nullptr && stack_.empty() && kind == YamlNode::Kind::kMap) {
    root_streamed_ = true;
    sink_->OnRoot(header);
  } else if (root_streamed_ && stack_.size() == 1 && kind == YamlNode::Kind::kSequence &&
             anchor == YAML::NullAnchor && stack_[0].items.size() == 1) {
    // A list anchored elsewhere is kept whole, for its aliases.
    list_streamed_ = sink_->StreamList(stack_[0].items[0], header);
    item_index_ = 0;
  }
  stack_.push_back(std::move(header));
  stack_anchors_.push_back(anchor);
}

void YamlTree::Close() {
  if (skipped_depth_ > 0) {
    --skipped_depth_;
    return;
  }
  if (stack_.empty()) return;
  YamlNode node = std::move(stack_.back());
  const YAML::anchor_t anchor = stack_anchors_.back();
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
  Place(std::move(node), anchor);
}

void YamlTree::Place(YamlNode node, YAML::anchor_t anchor) {
  if (++nodes_ > kMaxYamlNodes) {
    overflowed_ = true;
    return;
  }
  if (anchor != YAML::NullAnchor) anchors_[anchor] = Anchored{node, node.Size()};
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
