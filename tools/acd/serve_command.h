// `acd serve`: the gRPC server (include/acd/server.h) on one center file
// (or the embedded default center), its journal under a directory, until
// SIGTERM or SIGINT (graceful: drains, syncs); SIGHUP rereads the file.
#ifndef ACD_TOOLS_ACD_SERVE_COMMAND_H_
#define ACD_TOOLS_ACD_SERVE_COMMAND_H_

namespace acd::tools {

// argv[0] is "serve". Returns the exit code: 0 after a clean shutdown,
// 1 when the server cannot start (the message says why), 2 bad usage.
int RunServeCommand(int argc, char** argv);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SERVE_COMMAND_H_
