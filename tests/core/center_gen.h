// Random centers for the fuzz tests: 1-8 queues with every strategy, ring
// timeouts, wrap-ups, miss limits, queue limits and overflow actions (moves
// to another queue only go to a higher-numbered queue, so no loops), and
// 1-40 agents with random memberships, levels, delays, positions, weights
// and skills; with rules, some queues score agents by weighted skills
// (best_skill_score). The result always passes ValidateCenter.
#ifndef ACD_TESTS_CORE_CENTER_GEN_H_
#define ACD_TESTS_CORE_CENTER_GEN_H_

#include <cstdint>
#include <vector>

#include "acd/center.h"
#include "tests/core/test_rng.h"

namespace acd::testing {

struct CenterGenOptions {
  int max_queues = 8;
  int max_agents = 40;
  int max_skills = 5;
  // Overflow rules, announcements, leave-when-empty, screening and rests.
  bool rules = true;
};

// A center drawn from `rng`; the same rng state gives the same center.
CenterConfig RandomCenter(TestRng& rng, const CenterGenOptions& options = {});

// The building blocks RandomCenter draws with, for tests that change a
// center (center_mutate.h). An overflow action from queue q: a move to a
// later queue or a terminal path (kNone only when allow_none).
OverflowAction RandomAction(TestRng& rng, int q, int queue_count, bool allow_none);
// Queue q ("q<q>") of queue_count, its actions as RandomAction draws them.
QueueConfig RandomQueue(TestRng& rng, int q, int queue_count, int skill_count);
// Agent `index` with memberships (delays from delays[queue]) and skills.
AgentConfig RandomAgent(TestRng& rng, size_t index, const std::vector<std::vector<TimeMs>>& delays,
                        int skill_count);
// Overflow rule r ("r<r>") of queue q.
OverflowRule RandomRule(TestRng& rng, const CenterConfig& center, int q, int r);

// The agent's level for a queue as DESIGN defines it (0 = may not serve):
// the skill level when the queue names a skill, else the membership level.
// Whether some member of the queue has a delay (skip_empty_delays needs one).
bool HasDelayedMember(const CenterConfig& center, QueueId queue);
int LevelFor(const CenterConfig& center, const std::vector<SkillLevel>& skills,
             const Membership& membership);

// Whether a queue of this strategy may order by an attribute (order_by):
// every strategy but those that order nothing by key.
bool OrdersByKey(Strategy strategy);
// Agents' attributes (english, seniority, tenure: small values, many ties)
// and, for some queues that may, an order_by on one of them.
void AddRandomAttributes(TestRng& rng, CenterConfig& center);

// center_gen_channels.cc: sometimes queues of other media than voice (one
// media per group of queues calls move between) and agents with channels.
void AddRandomChannels(TestRng& rng, CenterConfig& center);

// Makes the queue's rules due at a multiple of 5 s recur, every 5..24 s,
// and has the callers of about half the queues with rules keep theirs
// across a reload (keep_rules_at_entry); from the rules' times, so that no
// random draw is taken.
void Recur(QueueConfig& qc);

// Level of `skill` in `skills`, 0 when absent.
int SkillLevelOf(const std::vector<SkillLevel>& skills, SkillId skill);

// Whether some queue has a skill step (require_skill, drop_skill): such
// steps make requirements no event brought, so a queue may come to route
// all the distinct requirements it can (kMaxPoolsPerQueue); an event, an
// added queue or another step that needs one more is then refused or
// passed over, which the requirements events bring alone never cause here.
bool StepsSkills(const CenterConfig& center);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_CENTER_GEN_H_
