// Where the fields of a JSON center file are: a small scanner over the text
// that records the 1-based line of every field path ("queues[0].priority",
// keys also in proto's snake_case: "ringTimeoutMs" -> "ring_timeout_ms")
// into a SourceMap, and finds the first place where the text is not JSON
// with the reason in plain words. Run only when a JSON file has errors, so
// that a good file costs one parse.
//
// Thread-safety: free function, no shared state. Bounds: nesting deeper
// than kMaxJsonDepth stops the scan (reported as a syntax error).
#ifndef ACD_LIB_CONFIG_JSON_LINES_H_
#define ACD_LIB_CONFIG_JSON_LINES_H_

#include <string>
#include <string_view>

#include "config/errors.h"

namespace acd::config_internal {

inline constexpr int kMaxJsonDepth = 100;

struct JsonSyntax {
  int line = 0;    // 1-based; 0: the text is JSON
  int column = 0;  // 1-based, in bytes
  std::string reason;  // e.g. "expected ':' after the key \"name\""
};

// Records the lines of `text`'s field paths in `lines`; returns where the
// text stops being JSON, if it does.
JsonSyntax JsonLines(std::string_view text, SourceMap* lines);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_JSON_LINES_H_
