// Replay (DESIGN invariant 9): the same center, seed and events give the
// same commands and the same StateHash, in two engines and in two
// processes; the engine seed, and only it, drives the random strategies.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <unistd.h>

#include "gtest/gtest.h"
#include "tests/core/describe.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

FuzzResult Recorded(uint64_t seed, int events) {
  FuzzOptions options;
  options.seed = seed;
  options.events = events;
  options.twin = false;
  options.record = true;
  return RunFuzzSeed(options);
}

TEST(Replay, SameCenterSeedAndEventsGiveSameCommandsAndHash) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    const FuzzResult run = Recorded(seed, 3000);
    ASSERT_GT(run.steps.size(), 0u);
    const ReplayResult replay = ReplaySteps(CenterForSeed(seed), seed, run.steps);
    EXPECT_TRUE(SameCommands(replay.commands, run.commands))
        << "seed " << seed << ": " << replay.commands.size() << " vs " << run.commands.size()
        << " commands";
    const ReplayResult again = ReplaySteps(CenterForSeed(seed), seed, run.steps);
    EXPECT_EQ(replay.hash, again.hash) << "seed " << seed;
    EXPECT_TRUE(SameCommands(replay.commands, again.commands)) << "seed " << seed;
  }
}

uint64_t ReferenceHash() {
  const FuzzResult run = Recorded(3, 2000);
  return ReplaySteps(CenterForSeed(3), 3, run.steps).hash;
}

// Run by HashIsStableAcrossProcesses in a child process.
TEST(Replay, PrintHashForParent) {
  if (std::getenv("ACD_REPLAY_PRINT_HASH") == nullptr) GTEST_SKIP() << "child half of a test";
  std::printf("HASH %llu\n", static_cast<unsigned long long>(ReferenceHash()));
}

TEST(Replay, HashIsStableAcrossProcesses) {
  char self[4096];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(length, 0);
  self[length] = '\0';
  const std::string command = std::string("ACD_REPLAY_PRINT_HASH=1 '") + self +
                              "' --gtest_filter=Replay.PrintHashForParent";
  FILE* child = popen(command.c_str(), "r");
  ASSERT_NE(child, nullptr);
  char line[256];
  unsigned long long child_hash = 0;
  bool found = false;
  while (std::fgets(line, sizeof line, child) != nullptr) {
    found |= std::sscanf(line, "HASH %llu", &child_hash) == 1;
  }
  ASSERT_EQ(pclose(child), 0);
  ASSERT_TRUE(found) << "the child printed no hash";
  EXPECT_EQ(child_hash, ReferenceHash()) << "StateHash depends on the process";
}

CenterConfig OneQueue(Strategy strategy, int agents) {
  CenterConfig center;
  QueueConfig queue;
  queue.name = "q";
  queue.strategy = strategy;
  center.queues = {queue};
  for (int i = 0; i < agents; ++i) {
    Membership m;
    m.weight = i % 2 == 0 ? 1.0 : 9.0;
    AgentConfig agent;
    agent.id = static_cast<AgentId>(100 + i);
    agent.name = "a";
    agent.queues = {m};
    center.agents.push_back(agent);
  }
  return center;
}

// The agent each of `calls` calls was offered to; every call is answered
// and ended at once, so all agents are ready for the next one.
std::vector<AgentId> Decisions(const CenterConfig& center, uint64_t seed, int calls) {
  auto s = *ScriptedEngine::Create(center, seed);
  for (const AgentConfig& a : center.agents) EXPECT_TRUE(s->Send(AgentLogin{a.id, true}).ok());
  std::vector<AgentId> out;
  for (CallId call = 1; call <= static_cast<CallId>(calls); ++call) {
    EXPECT_TRUE(s->Send(CallArrive{call, {}}, 1000).ok());
    EXPECT_TRUE(s->Send(Enqueue(call, 0)).ok());
    const std::optional<AgentId> agent = s->OfferedTo(call);
    if (!agent) {
      ADD_FAILURE() << "call " << call << " was not offered";
      break;
    }
    out.push_back(*agent);
    EXPECT_TRUE(s->Send(CallAnswer{call, *agent}).ok());
    EXPECT_TRUE(s->Send(CallEndTalk{call}, 10).ok());
  }
  return out;
}

TEST(Replay, EngineSeedDrivesTheRandomStrategies) {
  for (Strategy strategy : {Strategy::kRandom, Strategy::kWeightedRandom}) {
    const CenterConfig center = OneQueue(strategy, 30);
    const std::vector<AgentId> first = Decisions(center, 1, 200);
    EXPECT_EQ(first, Decisions(center, 1, 200)) << "same seed, other decisions";
    EXPECT_NE(first, Decisions(center, 2, 200)) << "another seed, the same decisions";
  }
  const CenterConfig idle = OneQueue(Strategy::kLongestIdle, 30);
  EXPECT_EQ(Decisions(idle, 1, 100), Decisions(idle, 2, 100))
      << "the seed changed a strategy that draws no random number";
}

TEST(Replay, WeightedRandomFollowsTheWeights) {
  const std::vector<AgentId> picks = Decisions(OneQueue(Strategy::kWeightedRandom, 2), 7, 2000);
  size_t heavy = 0;
  for (AgentId agent : picks) heavy += agent == 101;  // weight 9 against 1
  EXPECT_GT(heavy, picks.size() * 8 / 10);
  EXPECT_LT(heavy, picks.size() * 97 / 100);
}

}  // namespace
}  // namespace acd::testing
