// `acd staff`: agents needed per interval of a forecast, by Erlang C or
// Erlang A, optionally checked and corrected by simulating each interval
// through the engine; headcount after shrinkage; a table and a CSV.
#ifndef ACD_TOOLS_ACD_STAFF_COMMAND_H_
#define ACD_TOOLS_ACD_STAFF_COMMAND_H_

namespace acd::tools {

// argv[0] is "staff"; the flags follow. Returns the process exit code:
// 0 done, 1 the forecast, the output file or a simulation failed, or a
// target cannot be met, 2 bad usage.
int RunStaffCommand(int argc, char** argv);

// The usage text of `acd staff`.
const char* StaffUsage();

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_STAFF_COMMAND_H_
