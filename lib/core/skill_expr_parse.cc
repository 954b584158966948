// ParseSkillExpr: a recursive-descent parser of skill requirements.
//   or   := and ('|' and)*
//   and  := not ('&' not)*
//   not  := '!' not | atom
//   atom := '(' or ')' | NAME ['>=' LEVEL]
// Each rule returns its SkillExpr in canonical form.
#include <algorithm>
#include <cctype>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/skill_expr.h"

namespace acd {
namespace {

constexpr int kMaxDepth = 32;  // nested parentheses and negations

bool IsNameChar(char ch) {
  return std::isspace(static_cast<unsigned char>(ch)) == 0 &&
         std::string_view("&|!()<>=#").find(ch) == std::string_view::npos;
}

// Edit distance, case-insensitive; for "did you mean".
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// One parse of one text: pos_ only moves forward; each Parse* returns the
// canonical SkillExpr of what it read, or the first error. Not thread-safe.
class Parser {
 public:
  Parser(std::string_view text, const std::vector<std::string>& names, std::string_view field)
      : text_(text), names_(names), field_(field) {}

  absl::StatusOr<SkillExpr> Parse() {
    SkipSpace();
    if (pos_ == text_.size()) return Error("empty expression", "");
    absl::StatusOr<SkillExpr> e = ParseOr(0);
    if (!e.ok()) return e;
    SkipSpace();
    if (pos_ < text_.size()) {
      return Error(absl::StrCat("unexpected '", std::string(1, text_[pos_]), "'"),
                   text_[pos_] == ')' ? " (no '(' to close)" : " (expected '&' or '|')");
    }
    if (e->never()) {
      return absl::InvalidArgumentError(
          absl::StrCat(std::string(field_), ": no agent can ever meet '", std::string(text_), "'"));
    }
    return e;
  }

 private:
  absl::Status Error(std::string_view what, std::string_view hint) const {
    return ErrorAt(pos_, what, hint);
  }
  absl::Status ErrorAt(size_t pos, std::string_view what, std::string_view hint) const {
    return absl::InvalidArgumentError(absl::StrCat(std::string(field_), ": ", std::string(what), " at column ",
                                                   pos + 1, std::string(hint)));
  }
  // The combinations' errors (too complex) name "skills_expr": name the field.
  absl::StatusOr<SkillExpr> Named(absl::StatusOr<SkillExpr> e) const {
    constexpr std::string_view kPrefix = "skills_expr: ";
    if (e.ok()) return e;
    std::string message(e.status().message());
    if (message.rfind(kPrefix, 0) == 0) message = message.substr(kPrefix.size());
    return absl::InvalidArgumentError(absl::StrCat(std::string(field_), ": ", message));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) {
      ++pos_;
    }
  }
  bool Take(char ch) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ch) {
      ++pos_;
      return true;
    }
    return false;
  }

  absl::StatusOr<SkillExpr> ParseOr(int depth) {
    absl::StatusOr<SkillExpr> e = ParseAnd(depth);
    while (e.ok() && Take('|')) {
      absl::StatusOr<SkillExpr> next = ParseAnd(depth);
      if (!next.ok()) return next;
      e = Named(SkillExpr::Or(*e, *next));
    }
    return e;
  }

  absl::StatusOr<SkillExpr> ParseAnd(int depth) {
    absl::StatusOr<SkillExpr> e = ParseNot(depth);
    while (e.ok() && Take('&')) {
      absl::StatusOr<SkillExpr> next = ParseNot(depth);
      if (!next.ok()) return next;
      e = Named(SkillExpr::And(*e, *next));
    }
    return e;
  }

  absl::StatusOr<SkillExpr> ParseNot(int depth) {
    SkipSpace();
    if (depth > kMaxDepth) return Error(absl::StrCat("nesting deeper than ", kMaxDepth), "");
    if (!Take('!')) return ParseAtom(depth);
    absl::StatusOr<SkillExpr> e = ParseNot(depth + 1);
    if (!e.ok()) return e;
    return Named(SkillExpr::Not(*e));
  }

  absl::StatusOr<SkillExpr> ParseAtom(int depth) {
    SkipSpace();
    const size_t open = pos_;
    if (Take('(')) {
      absl::StatusOr<SkillExpr> e = ParseOr(depth + 1);
      if (!e.ok()) return e;
      if (!Take(')')) {
        return Error(pos_ < text_.size() ? absl::StrCat("expected ')' but found '",
                                                        std::string(1, text_[pos_]), "'")
                                         : std::string("expected ')' but the text ended"),
                     absl::StrCat(" (to close the '(' at column ", open + 1, ")"));
      }
      return e;
    }
    if (pos_ == text_.size()) return Error("expected a skill name but the text ended", "");
    if (!IsNameChar(text_[pos_])) {
      return Error(absl::StrCat("expected a skill name or '(' but found '",
                                std::string(1, text_[pos_]), "'"),
                   "");
    }
    size_t end = pos_;
    while (end < text_.size() && IsNameChar(text_[end])) ++end;
    const std::string name(text_.substr(pos_, end - pos_));
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) return ErrorAt(pos_, absl::StrCat("unknown skill '", name, "'"), Hint(name));
    const SkillId skill = static_cast<SkillId>(it - names_.begin());
    pos_ = end;
    return ParseLevel(skill);
  }

  // The optional ">= LEVEL" after a skill name.
  absl::StatusOr<SkillExpr> ParseLevel(SkillId skill) {
    SkipSpace();
    if (pos_ < text_.size() && (text_[pos_] == '<' || text_[pos_] == '>' || text_[pos_] == '=')) {
      if (text_.substr(pos_, 2) != ">=") {
        return Error("levels compare with '>=' only", " (use !skill>=N for 'below N')");
      }
      pos_ += 2;
      SkipSpace();
      const size_t at = pos_;
      int level = 0;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
        level = std::min(level * 10 + (text_[pos_++] - '0'), 1000);
      }
      if (pos_ == at) return Error("expected a level 1..10 after '>='", "");
      if (level < kMinLevel || level > kMaxLevel) {
        return ErrorAt(at, absl::StrCat("level ", std::string(text_.substr(at, pos_ - at)),
                                        " is outside 1..10"),
                       "");
      }
      return SkillExpr::AtLeast(skill, level);
    }
    return SkillExpr::AtLeast(skill, kMinLevel);
  }

  // " (did you mean 'x'?)" for the closest known name, if close enough.
  std::string Hint(const std::string& name) const {
    size_t best = std::max<size_t>(2, name.size() / 3) + 1;
    const std::string* pick = nullptr;
    for (const std::string& known : names_) {
      const size_t d = Distance(name, known);
      if (d < best) {
        best = d;
        pick = &known;
      }
    }
    return pick == nullptr ? "" : absl::StrCat(" (did you mean '", *pick, "'?)");
  }

  std::string_view text_;
  const std::vector<std::string>& names_;
  std::string_view field_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<SkillExpr> ParseSkillExpr(std::string_view text,
                                         const std::vector<std::string>& skill_names,
                                         std::string_view field) {
  if (text.size() > kMaxSkillExprText) {
    return absl::InvalidArgumentError(absl::StrCat(std::string(field), ": ", text.size(),
                                                   " characters, at most ", kMaxSkillExprText));
  }
  return Parser(text, skill_names, field).Parse();
}

}  // namespace acd
