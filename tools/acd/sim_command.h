// `acd sim`: replays a seeded simulated morning of a center through the
// engine, printing the routing decisions (--trace) and a summary table; or,
// with --forecast, plans the forecast's days (sim_plan.h). One set of flags
// for both (sim_flags.h).
#ifndef ACD_TOOLS_ACD_SIM_COMMAND_H_
#define ACD_TOOLS_ACD_SIM_COMMAND_H_

namespace acd::tools {

// argv[0] is "sim"; the flags follow. Returns the process exit code:
// 0 done, 1 the run or the config failed, 2 bad usage.
int RunSimCommand(int argc, char** argv);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_COMMAND_H_
