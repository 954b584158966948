// MutateCenter: a changed copy of a valid center, as a new configuration
// file changes it before a live reload. Queues are reordered (their ids
// change and every reference follows: memberships, overflow actions, rules,
// entry rules, callback policies, entry_default), added and removed (the
// references to a removed queue are fixed; when the fixed center does not
// validate, the queue stays), agents added and removed, memberships,
// levels, capacities, delays and rests changed, strategies switched,
// overflow rules added, dropped and retimed, maximum waits, announcements,
// ring timeouts and the live-call bound changed, skills appended (existing
// skill ids keep their meaning), and the rule for calls waiting in a removed
// queue (on_queue_removed) drawn. Each mutation is kept only when the
// center still passes ValidateCenter, so the result always does.
// Deterministic in rng; no state.
#ifndef ACD_TESTS_CORE_CENTER_MUTATE_H_
#define ACD_TESTS_CORE_CENTER_MUTATE_H_

#include <vector>

#include "acd/center.h"
#include "tests/core/test_rng.h"

namespace acd::testing {

// Several mutations of `center` (which must pass ValidateCenter).
CenterConfig MutateCenter(const CenterConfig& center, TestRng& rng);

// One to three changes of `center`'s overflow rules (added, dropped,
// retimed), with now and then a queue removed or the queues reordered:
// the reloads under which callers keep the rules they entered with
// (keep_rules_at_entry, set from the rules' times: center_gen.h Recur).
CenterConfig MutateRules(const CenterConfig& center, TestRng& rng);

// Renumbers the queues: queue i becomes queue map[i], or is dropped when
// map[i] < 0 (nothing may refer to it any more). The new ids are 0..n-1.
// Every QueueId in the center follows.
void RenumberQueues(CenterConfig& center, const std::vector<int>& map);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_CENTER_MUTATE_H_
