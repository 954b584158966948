// Output paths checked before the work (tools/acd/output_paths.h).
#include "tools/acd/output_paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/env.h"

namespace acd::tools {
namespace {

// InvalidArgument: the command line names the wrong thing (an input, a
// directory); FailedPrecondition: the file system does not let it write.
absl::Status Refuse(const FlagPath& out, const std::string& why,
                    absl::StatusCode code = absl::StatusCode::kInvalidArgument) {
  return absl::Status(code, absl::StrCat(out.flag, ": '", out.path, "' ", why));
}

absl::Status Unwritable(const FlagPath& out, const std::string& why) {
  return Refuse(out, absl::StrCat("cannot be written: ", why),
                absl::StatusCode::kFailedPrecondition);
}

// The input `path` names, if any.
const FlagPath* InputNamed(const std::string& path, const std::vector<FlagPath>& inputs) {
  for (const FlagPath& in : inputs) {
    if (!in.path.empty() && SameFile(path, in.path)) return &in;
  }
  return nullptr;
}

// `dir` exists as a writable directory, or its nearest existing ancestor
// is one (so that it can be created).
absl::Status CheckDirWritable(const FlagPath& out, const std::string& dir) {
  std::string probe = dir;
  struct stat st;
  while (::stat(probe.c_str(), &st) != 0) {
    if (errno != ENOENT && errno != ENOTDIR) {
      return Unwritable(out, absl::StrCat("'", probe, "': ", std::strerror(errno)));
    }
    const std::string parent = DirName(probe);
    if (parent == probe) break;
    probe = parent;
  }
  if (!S_ISDIR(st.st_mode)) {
    return Unwritable(out, absl::StrCat("'", probe, "' is not a directory"));
  }
  if (::access(probe.c_str(), W_OK | X_OK) != 0) {
    return Unwritable(out, absl::StrCat("directory '", probe, "': ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool IsSpecialFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int OutputErrorExit(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

absl::Status CheckOutputFile(const FlagPath& out, const std::vector<FlagPath>& inputs) {
  if (out.path == "-") return absl::OkStatus();
  if (const FlagPath* in = InputNamed(out.path, inputs)) {
    return Refuse(out, absl::StrCat("is the ", in->flag,
                                    " input file; an output never replaces an input"));
  }
  // The output is written to "<path>.tmp" first.
  if (const FlagPath* in = InputNamed(out.path + ".tmp", inputs)) {
    return Refuse(out, absl::StrCat("would be written through ", out.path, ".tmp, the ",
                                    in->flag, " input file"));
  }
  struct stat st;
  if (::stat(out.path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Refuse(out, "is a directory; expected a file name");
    if (!S_ISREG(st.st_mode)) return absl::OkStatus();  // a device or a pipe: written in place
  }
  const std::string dir = DirName(out.path);
  if (::stat(dir.c_str(), &st) != 0) {
    return Unwritable(out, absl::StrCat("directory '", dir, "': ", std::strerror(errno)));
  }
  return CheckDirWritable(out, dir);
}

absl::Status CheckOutputDir(const FlagPath& dir, const std::vector<std::string>& names,
                            const std::vector<FlagPath>& inputs) {
  struct stat st;
  if (::stat(dir.path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return Refuse(dir, "is a file; expected a directory");
  }
  if (absl::Status s = CheckDirWritable(dir, dir.path); !s.ok()) return s;
  for (const std::string& name : names) {
    const std::string path = absl::StrCat(dir.path, "/", name);
    if (const FlagPath* in = InputNamed(path, inputs)) {
      return Refuse(dir, absl::StrCat("holds the ", in->flag, " input file ", name,
                                      ", which the outputs would replace"));
    }
    if (const FlagPath* in = InputNamed(path + ".tmp", inputs)) {
      return Refuse(dir, absl::StrCat("holds the ", in->flag, " input file ", name,
                                      ".tmp, which writing ", name, " would replace"));
    }
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      return Refuse(dir, absl::StrCat("holds a directory named ", name,
                                      ", where an output file goes"));
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::tools
