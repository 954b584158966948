// The parts of the overflow graph check (overflow_graph.h): the moves a
// call can make, and who can serve a queue. overflow_graph.cc builds the
// graph and finds loops and queues without a way out; entry_reach.cc
// checks that entry rules and callbacks lead to agents.
#ifndef ACD_LIB_CONFIG_OVERFLOW_GRAPH_INTERNAL_H_
#define ACD_LIB_CONFIG_OVERFLOW_GRAPH_INTERNAL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "acd/center.h"
#include "config/errors.h"

namespace acd::config_internal {

// One way a call waiting in queue `from` can move on without an agent's
// decision.
struct Move {
  size_t from = 0;
  // The queue the call moves to (or, with `adds`, whose members may take
  // it); queues.size() for a terminal path.
  size_t to = 0;
  std::string field;  // under queues[from]: "on_max_wait", "rules[2].route"
  std::string rule;   // the overflow rule's name; empty for other fields
  bool drains = true;  // takes waiting calls out (on_full does not)
  bool adds = false;   // add_queue: no move, more agents
};

// The moves of every queue, in queue order, then field order: on_max_wait
// (when max_wait_ms > 0), on_full (to a queue), rules, leave_when_empty.
// Out-of-range targets are skipped.
std::vector<Move> CollectMoves(const CenterConfig& center);

// Queues some agent can take calls from: a member with capacity, holding
// the queue's skill when it has one.
std::vector<bool> ServedQueues(const CenterConfig& center);

// Check (c) of overflow_graph.h for the entry rules and entry_default.
void CheckEntryReach(const CenterConfig& center, const std::vector<Move>& moves,
                     ErrorList* errors);
// Every enabled callback policy's queue is served.
void CheckCallbackQueues(const CenterConfig& center,
                         const std::vector<bool>& served, ErrorList* errors);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_OVERFLOW_GRAPH_INTERNAL_H_
