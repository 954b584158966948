// The first document of a YAML file as a small tree (YamlNode), built from
// yaml-cpp's parser events in one pass over the text: a few dozen bytes a
// node where yaml-cpp's own tree takes hundreds. With a RootEntrySink the
// root map is not kept: each entry is handed over as soon as its value is
// read, and the items of a list under the root one by one, so a center's
// 50,000 agents are never held as a tree at once.
//
// Thread-safety: none; one builder per file. Invariants: a map's items
// alternate key, value; at most kMaxYamlNodes nodes are built per file,
// aliases counted each time they are used (an alias is a copy of its
// anchor's subtree), past which the builder stops (overflowed()).
#ifndef ACD_LIB_CONFIG_YAML_TREE_H_
#define ACD_LIB_CONFIG_YAML_TREE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/yaml.h"

namespace acd::config_internal {

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

// Receives the root map of the first document while it is read. A header
// is a node without its items (kind and line only).
class RootEntrySink {
 public:
  virtual ~RootEntrySink() = default;
  virtual void OnRoot(const YamlNode& header) = 0;
  // An entry whose value was read whole.
  virtual void OnEntry(const YamlNode& key, const YamlNode& value) = 0;
  // An entry whose value is a list: true to be given its items one at a
  // time (OnItem) instead of OnEntry.
  virtual bool StreamList(const YamlNode& key, const YamlNode& header) = 0;
  virtual void OnItem(size_t index, const YamlNode& item) = 0;
};

class YamlTree : public YAML::EventHandler {
 public:
  static constexpr size_t kMaxYamlNodes = 3'000'000;

  // `sink` may be null: then the whole first document is kept (root()).
  explicit YamlTree(RootEntrySink* sink) : sink_(sink) {}

  void OnDocumentStart(const YAML::Mark&) override { ++documents_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override { Close(); }

  // The 1-based line of the second document's first node; 0 if none.
  int second_line() const { return second_line_; }
  bool overflowed() const { return overflowed_; }
  // True when the root was a map handed to the sink entry by entry.
  bool root_streamed() const { return root_streamed_; }
  // The first document (a map handed to the sink has no items); nullptr
  // when the text has none.
  const YamlNode* root() const { return has_root_ ? &root_ : nullptr; }

 private:
  struct Anchored {
    YamlNode node;
    size_t size = 0;
  };

  // True while the first document is read; notes the second's first line.
  bool Building(const YAML::Mark& mark);
  void Open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor);
  void Close();
  void Place(YamlNode node, YAML::anchor_t anchor);

  RootEntrySink* sink_;
  int documents_ = 0;
  int second_line_ = 0;
  int skipped_depth_ = 0;  // containers open outside the first document
  size_t nodes_ = 0;
  size_t item_index_ = 0;  // of the list handed over item by item
  bool overflowed_ = false;
  bool has_root_ = false;
  bool root_streamed_ = false;
  bool list_streamed_ = false;  // stack_[1] is such a list
  YamlNode root_;
  std::vector<YamlNode> stack_;
  std::vector<YAML::anchor_t> stack_anchors_;
  absl::flat_hash_map<YAML::anchor_t, Anchored> anchors_;
};

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_YAML_TREE_H_
