// `acd check-config FILE...`: loads and checks center files, printing
// "FILE: ok (N queues, M agents, K skills)" for each good file and every
// error of a bad one, one per line. The entry point is in the global
// namespace, like main, since the acd program dispatches to it by name.
#ifndef ACD_TOOLS_ACD_CHECK_CONFIG_H_
#define ACD_TOOLS_ACD_CHECK_CONFIG_H_

#include <ostream>

// argv[0] is the subcommand's name ("check-config"). Returns the exit code:
// 0 when every file is valid, 1 when one is not (or cannot be read), 2 on a
// usage error. Writes results to stdout, errors to stderr.
int RunCheckConfig(int argc, char** argv);

// The same, writing to the given streams (for tests).
int RunCheckConfig(int argc, char** argv, std::ostream& out, std::ostream& err);

#endif  // ACD_TOOLS_ACD_CHECK_CONFIG_H_
