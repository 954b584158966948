// `acd demo`: the simulator as a PBX over gRPC. Simulates a morning of a
// center in process, then plays the events its PBX side produced (callers
// arriving, agents answering, hanging up) to an `acd serve` on a manual
// clock, through one adapter stream, printing the server's decisions as
// they come, the server's figures at the end, and whether the server
// decided exactly as the in-process engine did. Also writes the events as a
// trace file (JSON lines) that examples/adapters/python replays.
#ifndef ACD_TOOLS_ACD_DEMO_COMMAND_H_
#define ACD_TOOLS_ACD_DEMO_COMMAND_H_

namespace acd::tools {

// argv[0] is "demo". Exit code: 0 when every decision matched, 1 when the
// server could not be reached or decided otherwise, 2 bad usage.
int RunDemoCommand(int argc, char** argv);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_DEMO_COMMAND_H_
