// JsonLines: a recursive scanner over a JSON text, recording field lines.
#include "config/json_lines.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace acd::config_internal {
namespace {

// "ringTimeoutMs" -> "ring_timeout_ms": proto's field name for a JSON name.
std::string SnakeCase(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      out.push_back('_');
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class Scanner {
 public:
  Scanner(std::string_view text, SourceMap* lines) : text_(text), lines_(lines) {}

  JsonSyntax Run() {
    SkipSpace();
    if (Value("", 0)) {
      SkipSpace();
      if (at_ < text_.size()) Fail("more after the end of the object");
    }
    return error_;
  }

 private:
  bool Fail(std::string reason) {
    if (error_.line == 0) {
      error_.line = line_;
      error_.column = static_cast<int>(at_ - line_start_) + 1;
      error_.reason = std::move(reason);
    }
    return false;
  }
  bool End() const { return at_ >= text_.size(); }
  char Peek() const { return text_[at_]; }
  void SkipSpace() {
    while (!End() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      if (Peek() == '\n') {
        ++line_;
        line_start_ = at_ + 1;
      }
      ++at_;
    }
  }
  // A string at at_ (the opening quote), its raw text in *out.
  bool String(std::string* out) {
    ++at_;
    while (!End() && Peek() != '"') {
      if (Peek() == '\n') return Fail("a line break inside a string");
      if (Peek() == '\\') {
        ++at_;
        if (End()) break;
      }
      out->push_back(Peek());
      ++at_;
    }
    if (End()) return Fail("the file ends inside a string");
    ++at_;
    return true;
  }
  void Record(const std::string& path) { lines_->Record(path, line_); }

  bool Value(const std::string& path, int depth) {
    if (depth > kMaxJsonDepth) return Fail("nested too deep");
    if (End()) return Fail("the file ends where a value was expected");
    const char c = Peek();
    if (c == '{') return Object(path, depth);
    if (c == '[') return List(path, depth);
    if (c == '"') {
      std::string ignored;
      return String(&ignored);
    }
    const size_t start = at_;
    while (!End() && (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '-' ||
                      Peek() == '+' || Peek() == '.')) {
      ++at_;
    }
    if (at_ == start) return Fail(absl::StrCat("expected a value, got '", std::string(1, c), "'"));
    return true;  // a number or a literal: protobuf says which are wrong
  }

  bool Object(const std::string& path, int depth) {
    ++at_;
    SkipSpace();
    if (!End() && Peek() == '}') {
      ++at_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (End()) return Fail("the file ends inside an object (expected a key or })");
      if (Peek() != '"') return Fail("expected a key in double quotes");
      std::string key;
      if (!String(&key)) return false;
      const std::string snake = SnakeCase(key);
      Record(JoinPath(path, snake));
      if (snake != key) Record(JoinPath(path, key));
      SkipSpace();
      if (End() || Peek() != ':') {
        return Fail(absl::StrCat("expected ':' after the key \"", key, "\""));
      }
      ++at_;
      SkipSpace();
      if (!Value(JoinPath(path, snake), depth + 1)) return false;
      SkipSpace();
      if (End()) return Fail("the file ends inside an object (expected , or })");
      if (Peek() == '}') {
        ++at_;
        return true;
      }
      if (Peek() != ',') return Fail("expected , or } after a value in an object");
      ++at_;
    }
  }

  bool List(const std::string& path, int depth) {
    ++at_;
    SkipSpace();
    if (!End() && Peek() == ']') {
      ++at_;
      return true;
    }
    for (size_t i = 0;; ++i) {
      SkipSpace();
      const std::string item = IndexPath(path, i);
      Record(item);
      if (End()) return Fail("the file ends inside a list (expected a value or ])");
      if (!Value(item, depth + 1)) return false;
      SkipSpace();
      if (End()) return Fail("the file ends inside a list (expected , or ])");
      if (Peek() == ']') {
        ++at_;
        return true;
      }
      if (Peek() != ',') return Fail("expected , or ] after a value in a list");
      ++at_;
    }
  }

  std::string_view text_;
  SourceMap* lines_;
  size_t at_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  JsonSyntax error_;
};

}  // namespace

JsonSyntax JsonLines(std::string_view text, SourceMap* lines) {
  return Scanner(text, lines).Run();
}

}  // namespace acd::config_internal
