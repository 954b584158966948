// `acd sim`: replays a seeded simulated morning of a center through the
// engine, printing the routing decisions (--trace) and a summary table.
#ifndef ACD_TOOLS_ACD_SIM_COMMAND_H_
#define ACD_TOOLS_ACD_SIM_COMMAND_H_

#include <string>

namespace acd::tools {

// argv[0] is "sim"; the flags follow. Returns the process exit code:
// 0 done, 1 the run or the config failed, 2 bad usage.
int RunSimCommand(int argc, char** argv);

// The usage text of `acd sim`'s single run.
const char* SimUsage();
// The one help text of `acd sim`, both forms (a single run, then the
// planner's --forecast), whichever form asked for it.
std::string SimHelp();

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_COMMAND_H_
