// One error message for a file the command line read: the path once, then
// the reason. Loaders already name the file in most of their messages
// ("c.yaml: cannot open: ..."), so it is added only where they do not.
// Thread-safety: a pure function.
#ifndef ACD_TOOLS_ACD_FILE_ERROR_H_
#define ACD_TOOLS_ACD_FILE_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace acd::tools {

inline std::string FileError(const std::string& path, const absl::Status& status) {
  const std::string message(status.message());
  if (message.starts_with(path + ":")) return message;
  return absl::StrCat(path, ": ", message);
}

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_FILE_ERROR_H_
