// Commands: the engine's decisions and notifications, written to a
// CommandSink in the order they were decided. Plain values.
#ifndef ACD_COMMAND_H_
#define ACD_COMMAND_H_

#include <variant>
#include <vector>

#include "acd/types.h"

namespace acd {

// Ring this agent for this call for ring_timeout_ms. In a ring-all group
// several Offer commands for one call are emitted in the same step.
struct Offer {
  CallId call = 0;
  AgentId agent = 0;
  QueueId queue = 0;
  TimeMs ring_timeout_ms = 0;
  bool ring_all = false;
};
// Stop ringing this agent for this call.
struct CancelOffer { CallId call = 0; AgentId agent = 0; CancelReason reason{}; };
// The call now waits in this queue (after enqueue, RONA, decline, transfer,
// overflow to a queue). waiting counts the calls waiting in the queue, this
// one included: the queue length, not the caller's place in line (position
// announcements, which need the rank by priority, are a separate feature).
struct CallQueued { CallId call = 0; QueueId queue = 0; uint32_t waiting = 0; };
// The agent answered; wait_ms is the time since the call arrived.
struct CallConnected { CallId call = 0; AgentId agent = 0; QueueId queue = 0; TimeMs wait_ms = 0; };
// A queue limit fired: take the call down this path (terminal kinds end
// the call with the matching disposition in the same step).
struct RouteCall { CallId call = 0; QueueId from_queue = 0; OverflowKind kind{}; QueueId to_queue = 0; };
// The call has ended with its one disposition.
struct CallEnded {
  CallId call = 0;
  Disposition disposition{};
  bool queued = false;  // whether it ever reached a queue
  QueueId queue = 0;    // last queue, when queued
  AgentId agent = 0;    // the answering agent, when answered
  TimeMs wait_ms = 0;   // arrival to answer or end
  TimeMs talk_ms = 0;   // answer to end, when answered
};
// An agent changed state (as AgentView reports it).
struct AgentStateChanged { AgentId agent = 0; AgentState state{}; NotReadyReason reason{}; };

using CommandBody = std::variant<Offer, CancelOffer, CallQueued, CallConnected, RouteCall,
                                 CallEnded, AgentStateChanged>;

struct Command {
  TimeMs time_ms = 0;
  CommandBody body;
};

// Receives commands. Called on the engine's thread, synchronously, during
// Apply or AdvanceTo; must not call back into the engine.
class CommandSink {
 public:
  virtual ~CommandSink() = default;
  virtual void Emit(const Command& command) = 0;
};

// Keeps every command; for tests and tools.
class VectorSink : public CommandSink {
 public:
  void Emit(const Command& command) override { commands.push_back(command); }
  std::vector<Command> commands;
};

// Drops every command; for benchmarks of the engine alone.
class NullSink : public CommandSink {
 public:
  void Emit(const Command&) override {}
};

std::string_view CommandName(const CommandBody& body);

}  // namespace acd

#endif  // ACD_COMMAND_H_
