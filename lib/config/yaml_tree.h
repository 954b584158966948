// The first document of a YAML text as a small tree (YamlNode), built from
// libyaml's parser events in one pass over the text: a few dozen bytes a
// node. With a RootEntrySink the root map is not kept: each entry is
// handed over as soon as its value is read, and the items of a list under
// the root one by one, so a center's 50,000 agents are never held as a tree
// at once. The one YAML reader of the project: center files (yaml_to_proto)
// and the service's token file read their YAML through it.
//
// Thread-safety: none; one tree per text. Invariants: a map's items
// alternate key, value; at most kMaxYamlNodes nodes are built per text,
// aliases counted each time they are used (an alias is a copy of its
// anchor's subtree), past which the builder stops (overflowed()); lists
// and maps nest at most kMaxYamlDepth deep (deeper is an error), so walking
// a tree recursively is safe.
#ifndef ACD_LIB_CONFIG_YAML_TREE_H_
#define ACD_LIB_CONFIG_YAML_TREE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

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
  // A map's value under the scalar key `key`; nullptr when absent or when
  // this is not a map.
  const YamlNode* Find(std::string_view key) const;
};

// Why a text is not YAML, and where.
struct YamlError {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string reason;
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

class YamlTree {
 public:
  static constexpr size_t kMaxYamlNodes = 3'000'000;
  static constexpr size_t kMaxYamlDepth = 200;

  // `sink` may be null: then the whole first document is kept (root()).
  explicit YamlTree(RootEntrySink* sink) : sink_(sink) {}

  // Reads `text`: the first document into the tree (or the sink), the
  // later ones only counted, stopping once more than `max_documents` are
  // seen or at the first error. False on malformed YAML (error()).
  bool Read(std::string_view text, size_t max_documents);

  // Documents seen (at most max_documents + 1).
  size_t documents() const { return documents_; }
  const std::optional<YamlError>& error() const { return error_; }
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
  bool Building(int line);
  void OnScalar(int line, std::string anchor, std::string value, bool null);
  void OnAlias(int line, const std::string& anchor);
  // False when the containers nest too deep (error_ set).
  bool Open(YamlNode::Kind kind, int line, std::string anchor);
  void Close();
  void Place(YamlNode node, std::string anchor);

  RootEntrySink* sink_;
  size_t documents_ = 0;
  int second_line_ = 0;
  int skipped_depth_ = 0;  // containers open outside the first document
  size_t nodes_ = 0;
  size_t item_index_ = 0;  // of the list handed over item by item
  bool overflowed_ = false;
  bool has_root_ = false;
  bool root_streamed_ = false;
  bool list_streamed_ = false;  // stack_[1] is such a list
  std::optional<YamlError> error_;
  YamlNode root_;
  std::vector<YamlNode> stack_;
  std::vector<std::string> stack_anchors_;
  absl::flat_hash_map<std::string, Anchored> anchors_;
};

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_YAML_TREE_H_
