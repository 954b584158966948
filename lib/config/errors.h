// Error collection for center files: every problem of a file is reported at
// once, one line each, naming the file, the YAML line when known and the
// field path ("queues[3].on_max_wait.queue").
#ifndef ACD_LIB_CONFIG_ERRORS_H_
#define ACD_LIB_CONFIG_ERRORS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace acd::config_internal {

// Where each field of a YAML file was: field path -> 1-based line.
// Not thread-safe. Invariant: recorded lines are >= 1.
// Memory: 16 bytes a path (its 64-bit hash and the line, not the path's
// text: a 50,000-agent center records a million paths). Two paths with the
// same hash would only give an error the other's line.
class SourceMap {
 public:
  // Remembers the first line recorded for `path`; lines < 1 are ignored.
  void Record(const std::string& path, int line);
  // The line of `path` or of its nearest recorded ancestor
  // ("queues[3].on_full.kind" -> "queues[3].on_full" -> "queues[3]" ...);
  // 0 when none is known.
  int LineOf(absl::string_view path) const;

 private:
  absl::flat_hash_map<uint64_t, int> lines_;  // hash of the path -> line
};

// The errors of one file. Not thread-safe. Invariant: holds at most
// kMaxErrors lines; further errors are only counted.
class ErrorList {
 public:
  static constexpr size_t kMaxErrors = 100;

  // `lines` may be null (JSON files have no line information); when set it
  // must outlive the list.
  ErrorList(std::string filename, const SourceMap* lines);

  // Adds "FILE:LINE: PATH: MESSAGE", the line looked up from the path.
  void Add(const std::string& path, const std::string& message);
  // Adds an error at a known line (0 = unknown).
  void AddAtLine(int line, const std::string& path, const std::string& message);
  // Adds each line of `text`, each of the form "PATH: MESSAGE" (the way
  // acd::ValidateCenter words its errors), looking its line up. Skips a
  // line whose path already has an error: the same fault seen twice.
  void AddPathLines(absl::string_view text);

  // Forgets every error added so far.
  void Clear();
  bool empty() const { return count_ == 0; }
  size_t count() const { return count_; }
  // OK when empty; otherwise InvalidArgument with one error per line, in
  // the order of their lines in the file (errors without a line first).
  absl::Status ToStatus() const;

 private:
  std::string filename_;
  const SourceMap* lines_;
  std::vector<std::pair<int, std::string>> errors_;  // line, text
  absl::flat_hash_set<std::string> paths_;           // paths that have an error
  size_t count_ = 0;
};

// "a.b" from ("a", "b"); "b" when the prefix is empty.
std::string JoinPath(const std::string& prefix, const std::string& field);
// "a[3]".
std::string IndexPath(const std::string& prefix, size_t index);

// A hint for a name that matched nothing: ` (did you mean "x"?)` when one
// candidate is close, else ` (expected one of: a, b, c)`, else "".
std::string NameHint(const std::string& name,
                     const std::vector<std::string>& candidates);

// Abseil here is built with its own string_view; this bridges from std's.
inline absl::string_view AbslView(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_ERRORS_H_
