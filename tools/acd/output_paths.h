// Output paths of the acd commands, checked before any work starts: an
// output never names one of the run's input files (same file by device and
// inode, so hard links, symlinks and "./x" spellings count), never a
// directory where a file is meant (or a file where a directory is meant),
// and its directory must exist (or be creatable) and be writable. The rule
// the commands document: an output that exists is replaced atomically
// (temp file in the same directory, sync, rename), an input never.
// "-" as a file output means standard output; an existing device or pipe
// (/dev/stdout, a FIFO) is written in place, not replaced.
// Thread-safety: pure functions over the file system's current state.
#ifndef ACD_TOOLS_ACD_OUTPUT_PATHS_H_
#define ACD_TOOLS_ACD_OUTPUT_PATHS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace acd::tools {

// A path given on the command line and the flag that gave it.
struct FlagPath {
  std::string flag;  // "--config"
  std::string path;
};

// True when `a` and `b` name the same existing file (device and inode).
bool SameFile(const std::string& a, const std::string& b);

// True when `path` exists and is neither a regular file nor a directory (a
// device or a pipe), which an output writes in place.
bool IsSpecialFile(const std::string& path);

// The exit status for a refused output: 2 for a usage error, 1 otherwise.
int OutputErrorExit(const absl::Status& status);

// Checks that `out` can be written as a file and is none of `inputs`
// (empty paths are skipped). The error names the flag, the path and the
// reason: InvalidArgument when the command line names the wrong thing
// ("--queue-log: 'c.yaml' is the --config input file; an output never
// replaces an input"), FailedPrecondition when the file system refuses
// (a missing or read-only directory).
absl::Status CheckOutputFile(const FlagPath& out, const std::vector<FlagPath>& inputs);

// Checks that `dir` is a directory or can be created, and that none of the
// files `names` to be written in it is one of `inputs`.
absl::Status CheckOutputDir(const FlagPath& dir, const std::vector<std::string>& names,
                            const std::vector<FlagPath>& inputs);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_OUTPUT_PATHS_H_
