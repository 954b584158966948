// `acd compare`: the same simulated day through two center files, side by
// side with 95% confidence intervals and the paired difference.
#ifndef ACD_TOOLS_ACD_COMPARE_COMMAND_H_
#define ACD_TOOLS_ACD_COMPARE_COMMAND_H_

namespace acd::tools {

// argv[0] is "compare"; two center files and the flags follow. Returns the
// process exit code: 0 done, 1 a file or the run failed, 2 bad usage.
int RunCompareCommand(int argc, char** argv);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_COMPARE_COMMAND_H_
