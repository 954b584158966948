// `acd erlang`: answers one queueing question with Erlang C or Erlang A and
// prints one JSON object: the figures at a given number of agents, or the
// fewest agents that meet a service-level target (and the figures there).
#ifndef ACD_TOOLS_ACD_ERLANG_COMMAND_H_
#define ACD_TOOLS_ACD_ERLANG_COMMAND_H_

namespace acd::tools {

// argv[0] is "erlang"; the flags follow. Returns the process exit code:
// 0 done, 1 the targets cannot be met, 2 bad usage.
int RunErlangCommand(int argc, char** argv);

// The usage text of `acd erlang`.
const char* ErlangUsage();

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_ERLANG_COMMAND_H_
