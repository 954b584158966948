#include "config/errors.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace acd::config_internal {
namespace {

// Candidates listed in a hint before it is cut short.
constexpr size_t kMaxHintNames = 12;

// Levenshtein distance, capped at 8 since only small distances matter.
size_t EditDistance(absl::string_view a, absl::string_view b) {
  constexpr size_t kCap = 8;
  if (a.size() > b.size() + kCap || b.size() > a.size() + kCap) return kCap;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return std::min(row[b.size()], kCap);
}

// The parent of a field path: "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
absl::string_view ParentPath(absl::string_view path) {
  const size_t cut = path.find_last_of(".[");
  return cut == absl::string_view::npos ? absl::string_view()
                                        : path.substr(0, cut);
}

}  // namespace

namespace {

uint64_t PathHash(absl::string_view path) { return absl::HashOf(path); }

}  // namespace

void SourceMap::Record(const std::string& path, int line) {
  if (line >= 1) lines_.try_emplace(PathHash(path), line);
}

int SourceMap::LineOf(absl::string_view path) const {
  while (true) {
    auto it = lines_.find(PathHash(path));
    if (it != lines_.end()) return it->second;
    if (path.empty()) return 0;
    path = ParentPath(path);
  }
}

ErrorList::ErrorList(std::string filename, const SourceMap* lines)
    : filename_(std::move(filename)), lines_(lines) {}

void ErrorList::Add(const std::string& path, const std::string& message) {
  AddAtLine(lines_ == nullptr ? 0 : lines_->LineOf(path), path, message);
}

void ErrorList::Clear() {
  errors_.clear();
  paths_.clear();
  count_ = 0;
}

void ErrorList::AddAtLine(int line, const std::string& path,
                          const std::string& message) {
  ++count_;
  paths_.emplace(path);
  if (errors_.size() >= kMaxErrors) return;
  std::string text = filename_;
  if (line > 0) absl::StrAppend(&text, ":", line);
  absl::StrAppend(&text, ": ");
  if (!path.empty()) absl::StrAppend(&text, path, ": ");
  absl::StrAppend(&text, message);
  errors_.emplace_back(line, std::move(text));
}

void ErrorList::AddPathLines(absl::string_view text) {
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    const size_t colon = line.find(": ");
    if (colon == absl::string_view::npos) {
      Add("", std::string(line));
    } else if (!paths_.contains(line.substr(0, colon))) {
      Add(std::string(line.substr(0, colon)),
          std::string(line.substr(colon + 2)));
    }
  }
}

absl::Status ErrorList::ToStatus() const {
  if (count_ == 0) return absl::OkStatus();
  std::vector<std::pair<int, std::string>> sorted = errors_;
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text;
  for (const auto& [line, error] : sorted) {
    absl::StrAppend(&text, text.empty() ? "" : "\n", error);
  }
  if (count_ > errors_.size()) {
    absl::StrAppend(&text, "\n", filename_, ": ", count_ - errors_.size(),
                    " more errors not shown");
  }
  return absl::InvalidArgumentError(text);
}

std::string JoinPath(const std::string& prefix, const std::string& field) {
  if (prefix.empty()) return field;
  return absl::StrCat(prefix, ".", field);
}

std::string IndexPath(const std::string& prefix, size_t index) {
  return absl::StrCat(prefix, "[", index, "]");
}

std::string NameHint(const std::string& name,
                     const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  const std::string* best = nullptr;
  size_t best_distance = 3;  // suggest only within two edits
  for (const std::string& candidate : candidates) {
    const size_t distance = EditDistance(name, candidate);
    if (distance < best_distance && distance < candidate.size()) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best != nullptr) return absl::StrCat(" (did you mean \"", *best, "\"?)");
  std::vector<std::string> shown(
      candidates.begin(),
      candidates.begin() + std::min(candidates.size(), kMaxHintNames));
  return absl::StrCat(" (expected one of: ", absl::StrJoin(shown, ", "),
                      candidates.size() > kMaxHintNames ? ", ..." : "", ")");
}

}  // namespace acd::config_internal
