// MutateCenter: every mutated center passes ValidateCenter, and the
// mutations the live-reload fuzz relies on do happen.
#include "tests/core/center_mutate.h"

#include <iostream>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/core/center_gen.h"

namespace acd::testing {
namespace {

std::vector<std::string> QueueNames(const CenterConfig& c) {
  std::vector<std::string> names;
  for (const QueueConfig& q : c.queues) names.push_back(q.name);
  return names;
}

TEST(CenterMutate, EveryMutatedCenterIsValid) {
  int reordered = 0, added = 0, removed = 0, agents_changed = 0, skills_added = 0;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    TestRng rng(seed);
    CenterConfig center = RandomCenter(rng);
    ASSERT_TRUE(ValidateCenter(center).ok()) << "seed " << seed;
    TestRng mutate_rng(seed ^ 0x6d75746174ULL);
    for (int round = 0; round < 4; ++round) {
      const CenterConfig next = MutateCenter(center, mutate_rng);
      const absl::Status valid = ValidateCenter(next);
      ASSERT_TRUE(valid.ok()) << "seed " << seed << " round " << round << ": " << valid;
      ASSERT_FALSE(next.queues.empty());
      ASSERT_FALSE(next.agents.empty());
      const std::vector<std::string> before = QueueNames(center), after = QueueNames(next);
      const std::set<std::string> before_set(before.begin(), before.end());
      const std::set<std::string> after_set(after.begin(), after.end());
      reordered += before_set == after_set && before != after;
      for (const std::string& name : after) added += !before_set.contains(name);
      for (const std::string& name : before) removed += !after_set.contains(name);
      agents_changed += next.agents.size() != center.agents.size();
      // Skills are only appended: a skill id keeps its name.
      ASSERT_GE(next.skills.size(), center.skills.size());
      for (size_t s = 0; s < center.skills.size(); ++s) ASSERT_EQ(next.skills[s], center.skills[s]);
      skills_added += next.skills.size() > center.skills.size();
      center = next;
    }
  }
  std::cout << "over 12,000 mutations: " << reordered << " reorderings, " << added
            << " queues added, " << removed << " removed, " << agents_changed
            << " rosters resized, " << skills_added << " skill lists grown\n";
  EXPECT_GT(reordered, 100);
  EXPECT_GT(added, 100);
  EXPECT_GT(removed, 100);
  EXPECT_GT(agents_changed, 100);
  EXPECT_GT(skills_added, 100);
}

// A reordering moves every reference with its queue: the same queues by
// name, the same memberships and overflow targets by name.
TEST(CenterMutate, RenumberingKeepsReferencesByName) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    TestRng rng(seed);
    const CenterConfig center = RandomCenter(rng);
    std::vector<int> map(center.queues.size());
    for (size_t i = 0; i < map.size(); ++i) map[i] = static_cast<int>(map.size() - 1 - i);
    CenterConfig next = center;
    RenumberQueues(next, map);
    ASSERT_TRUE(ValidateCenter(next).ok()) << "seed " << seed;
    for (size_t a = 0; a < center.agents.size(); ++a) {
      ASSERT_EQ(center.agents[a].queues.size(), next.agents[a].queues.size());
      for (size_t m = 0; m < center.agents[a].queues.size(); ++m) {
        EXPECT_EQ(center.queues[center.agents[a].queues[m].queue].name,
                  next.queues[next.agents[a].queues[m].queue].name);
      }
    }
    for (size_t q = 0; q < center.queues.size(); ++q) {
      const QueueConfig& old_q = center.queues[q];
      const QueueConfig& new_q = next.queues[map[q]];
      ASSERT_EQ(old_q.name, new_q.name);
      if (old_q.on_full.kind == OverflowKind::kQueue) {
        EXPECT_EQ(center.queues[old_q.on_full.queue].name, next.queues[new_q.on_full.queue].name);
      }
      for (size_t r = 0; r < old_q.rules.size(); ++r) {
        if (old_q.rules[r].action == RuleActionKind::kAddQueue) {
          EXPECT_EQ(center.queues[old_q.rules[r].queue].name,
                    next.queues[new_q.rules[r].queue].name);
        }
      }
    }
  }
}

}  // namespace
}  // namespace acd::testing
