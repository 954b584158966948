// The overflow graph of a center: queues are vertices, an on_max_wait of
// kind "queue" is an edge to its target. Loops are rejected earlier, by
// acd::ValidateCenter; this checks that every queue has a way out.
#ifndef ACD_LIB_CONFIG_OVERFLOW_GRAPH_H_
#define ACD_LIB_CONFIG_OVERFLOW_GRAPH_H_

#include "acd/center.h"
#include "config/errors.h"

namespace acd::config_internal {

// Reports, one error each, every queue from which a waiting call can reach
// neither an agent (a member with capacity, holding the queue's skill when
// it has one) nor a terminal action (callback, voicemail, external number,
// disconnect message), following on_max_wait when max_wait_ms > 0.
// `center` should have passed acd::ValidateCenter; out-of-range references
// are ignored.
void CheckOverflowGraph(const CenterConfig& center, ErrorList* errors);

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_OVERFLOW_GRAPH_H_
