// The overflow graph of a center, built with Boost.Graph: the queues are
// vertices, and every way a call can move on without an agent's decision
// is an edge: on_max_wait, on_full, an overflow rule's route or add_queue,
// leave_when_empty (on_decline is not one: each of its moves needs an
// agent who chose to decline); entry rules lead calls in. Three checks run
// on it, each error naming the queue or rule and the field:
//
// (a) Loops a call can go round forever without an agent taking it. Every
//     move but on_decline can happen with no agent at all (timed rules
//     judge "no agent ready" or "queue long" true again on every visit,
//     and each visit to a queue starts its rules afresh), so a cycle of
//     such moves is rejected even when the queues on it have members: with
//     those members busy or away, a call would circle without ever
//     reaching a terminal path. acd::ValidateCenter already rejects the
//     cycles of moves that always fire (on_full, on_max_wait, rules with
//     condition "always" or after_ms 0); this check finds the rest, those
//     with at least one conditional rule or leave_when_empty on them.
// (b) Queues whose waiting calls can reach neither an agent (a member with
//     capacity, holding the queue's skill when it has one, or such a
//     member of a queue added by add_queue) nor a terminal path (callback,
//     voicemail, external number, disconnect or reject message), following
//     on_max_wait (when max_wait_ms > 0), rules and leave_when_empty.
//     on_full is not a way out: it turns arrivals away and drains nothing.
// (c) Entry rules (and entry_default) that send calls to a queue where no
//     agent can ever take them: no member, there or in a queue the call
//     can move or be added to, holds the rule's required skills at their
//     levels at the lowest level the call can be relaxed to. And queues
//     whose callbacks wait in a queue no agent can serve.
// The roster is the configured one (agents' skills can change at run time).
#ifndef ACD_LIB_CONFIG_OVERFLOW_GRAPH_H_
#define ACD_LIB_CONFIG_OVERFLOW_GRAPH_H_

#include "acd/center.h"
#include "config/errors.h"

namespace acd::config_internal {

// Adds one error for each loop, queue without a way out and unservable
// entry rule or callback queue (see above). `center` should have passed
// acd::ValidateCenter; out-of-range references are ignored.
void CheckOverflowGraph(const CenterConfig& center, ErrorList* errors);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_OVERFLOW_GRAPH_H_
