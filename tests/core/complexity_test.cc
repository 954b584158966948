// The O(log n) claim (DESIGN "Decisions are O(log n) or better"): the
// index entries a routing decision examines (WorkCounters::index_probes)
// must not grow with the number of agents or of waiting calls. A scan of
// all agents or calls would grow 100-fold between the sizes compared here;
// an O(log n) index may grow by the log ratio (2) at most. Each metric is
// compared per decision and per event, so that neither more work per
// decision nor more decisions per event can hide a scan.
#include <algorithm>
#include <deque>
#include <iostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/scripted_engine.h"
#include "tests/core/test_rng.h"

namespace acd::testing {
namespace {

constexpr int kQueues = 4;
constexpr double kMaxGrowth = 2.5;  // log(10'000) / log(100) = 2, plus slack
constexpr double kSlack = 8;
constexpr double kMaxProbesPerDecision = 64;  // 4 delay classes x 10 tiers, plus slack

CenterConfig Center(int agents, Strategy strategy) {
  CenterConfig center;
  center.skills = {"fr", "en"};
  for (int q = 0; q < kQueues; ++q) {
    QueueConfig queue;
    queue.name = "q" + std::to_string(q);
    queue.strategy = strategy;
    queue.ring_all_max = 8;
    if (strategy == Strategy::kBestSkillScore) queue.skill_weights = {{0, 3}, {1, 1}};
    center.queues.push_back(queue);
  }
  TestRng rng(agents);
  for (int i = 0; i < agents; ++i) {
    AgentConfig a{static_cast<AgentId>(1000 + i), "a", 1, {}, {}, 0, 0, 0, {}, {}, 0, {}};
    a.queues.push_back(Membership{static_cast<QueueId>(i % kQueues),
                                  static_cast<int>(rng.Between(1, 10)), 0,
                                  static_cast<uint32_t>(i), 1.0 + static_cast<double>(i % 3)});
    a.queues.push_back(Membership{static_cast<QueueId>((i + 1) % kQueues),
                                  static_cast<int>(rng.Between(1, 10)),
                                  rng.PerMille(300) ? 5000 : 0, static_cast<uint32_t>(i), 1.0});
    a.skills = {{0, static_cast<int>(rng.Between(1, 10))}};
    center.agents.push_back(a);
  }
  return center;
}

struct Work {
  uint64_t decisions = 0;
  uint64_t probes = 0;
  uint64_t events = 0;
  double per_decision() const {
    return decisions == 0 ? 0 : static_cast<double>(probes) / static_cast<double>(decisions);
  }
  double per_event(uint64_t n) const {
    return events == 0 ? 0 : static_cast<double>(n) / static_cast<double>(events);
  }
};

// Counts the routing work of the events sent through it.
class Meter {
 public:
  explicit Meter(ScriptedEngine& s) : s_(s) {}
  void Start() {
    start_ = s_.engine().work();
    events_ = 0;
  }
  absl::Status Send(EventBody body, TimeMs after_ms = 0) {
    ++events_;
    return s_.Send(std::move(body), after_ms);
  }
  Work Stop() const {
    const WorkCounters& now = s_.engine().work();
    return Work{now.decisions - start_.decisions, now.index_probes - start_.index_probes,
                events_};
  }

 private:
  ScriptedEngine& s_;
  WorkCounters start_;
  uint64_t events_ = 0;
};

const std::vector<SkillExpr>& SkillExprs() {
  static const std::vector<SkillExpr>* exprs = new std::vector<SkillExpr>{
      *ParseSkillExpr("fr>=3 | en", {"fr", "en"}), *ParseSkillExpr("!en", {"fr", "en"})};
  return *exprs;
}

CallEnqueue RandomCall(TestRng& rng, CallId call, bool exprs) {
  CallEnqueue e = Enqueue(call, static_cast<QueueId>(rng.Below(kQueues)),
                          static_cast<int>(rng.Between(-2, 2)),
                          static_cast<int>(rng.Between(1, 5)));
  if (rng.PerMille(300)) {
    e.required_skills.push_back(SkillLevel{0, static_cast<int>(rng.Between(1, 4))});
  }
  // Skill expressions key pools like skill sets: nothing is evaluated per decision.
  if (exprs && rng.PerMille(200)) e.skills_expr = SkillExprs()[rng.Below(SkillExprs().size())];
  return e;
}

// Files one call with each skill requirement RandomCall uses in every queue,
// then hangs them up: a queue's first call with a new skill set re-files
// its ready members once (bounded by kMaxPoolsPerQueue), not per decision.
void WarmPools(ScriptedEngine& s, CallId& next, bool exprs) {
  for (QueueId q = 0; q < kQueues; ++q) {
    for (int level = 0; level <= 4; ++level) {
      CallEnqueue e = Enqueue(0, q);
      if (level > 0) e.required_skills.push_back(SkillLevel{0, level});
      for (size_t x = 0; x <= (exprs ? SkillExprs().size() : 0); ++x) {
        if (x > 0) e.skills_expr = SkillExprs()[x - 1];
        e.call = next++;
        EXPECT_TRUE(s.Send(CallArrive{e.call, {}}).ok());
        EXPECT_TRUE(s.Send(e).ok());
        EXPECT_TRUE(s.Send(CallHangup{e.call}).ok());
      }
    }
  }
}

// Many agents, half of them busy at most: every call is matched against
// the ready index. Calls are answered at once and end in arrival order.
Work ManyAgents(int agents, Strategy strategy) {
  auto s = *ScriptedEngine::Create(Center(agents, strategy));
  for (const AgentConfig& a : s->engine().center().agents) {
    EXPECT_TRUE(s->Send(AgentLogin{a.id, true}).ok());
  }
  CallId next = 1;
  WarmPools(*s, next, /*exprs=*/true);
  TestRng rng(7);
  std::deque<CallId> talking;
  Meter meter(*s);
  meter.Start();
  for (int i = 0; i < 4000; ++i) {
    const CallId call = next++;
    EXPECT_TRUE(meter.Send(CallArrive{call, {}}, 50).ok());
    EXPECT_TRUE(meter.Send(RandomCall(rng, call, /*exprs=*/true)).ok());
    const std::vector<Command> commands = s->last();
    for (const Command& c : commands) {
      if (const auto* offer = std::get_if<Offer>(&c.body)) {
        if (meter.Send(CallAnswer{offer->call, offer->agent}).ok()) {
          talking.push_back(offer->call);
        }
      }
    }
    while (talking.size() > std::min<size_t>(agents / 2, 50)) {
      EXPECT_TRUE(meter.Send(CallEndTalk{talking.front()}).ok());
      talking.pop_front();
    }
  }
  return meter.Stop();
}

// Few agents, many waiting calls: each agent logs in, takes its best call,
// ends it, gets the next offer and logs out (which returns that call); the
// queue is kept at `waiting` calls. Only skill sets here: a freed agent
// reads the head of every pool it meets, so the probes follow how many
// pools are occupied (at most kMaxPoolsPerQueue, whatever the kind of
// requirement), which a short queue understates; ManyAgents covers
// expressions.
Work ManyWaitingCalls(int waiting, Strategy strategy) {
  auto s = *ScriptedEngine::Create(Center(8, strategy));
  CallId next = 1;
  WarmPools(*s, next, /*exprs=*/false);
  TestRng rng(11);
  for (int i = 0; i < waiting; ++i, ++next) {
    EXPECT_TRUE(s->Send(CallArrive{next, {}}).ok());
    EXPECT_TRUE(s->Send(RandomCall(rng, next, /*exprs=*/false)).ok());
  }
  Meter meter(*s);
  meter.Start();
  for (int round = 0; round < 100; ++round) {
    for (const AgentConfig& a : s->engine().center().agents) {
      EXPECT_TRUE(meter.Send(AgentLogin{a.id, true}, 10).ok());
      const std::vector<Command> commands = s->last();
      for (const Command& c : commands) {
        const auto* offer = std::get_if<Offer>(&c.body);
        if (offer == nullptr || !meter.Send(CallAnswer{offer->call, offer->agent}).ok()) continue;
        EXPECT_TRUE(meter.Send(CallEndTalk{offer->call}, 10).ok());
        EXPECT_TRUE(meter.Send(CallArrive{next, {}}).ok());
        EXPECT_TRUE(meter.Send(RandomCall(rng, next++, /*exprs=*/false)).ok());
      }
      EXPECT_TRUE(meter.Send(AgentLogout{a.id}).ok());
    }
  }
  return meter.Stop();
}

void ExpectFlat(const std::string& what, const Work& small, const Work& large) {
  std::cout << what << ": probes/decision " << small.per_decision() << " -> "
            << large.per_decision() << ", decisions/event " << small.per_event(small.decisions)
            << " -> " << large.per_event(large.decisions) << ", probes/event "
            << small.per_event(small.probes) << " -> " << large.per_event(large.probes) << "\n";
  EXPECT_GT(small.decisions, 1000u) << what;
  EXPECT_GT(large.decisions, 1000u) << what;
  EXPECT_GT(large.probes, 1000u) << what << ": the scenario examined nothing";
  // The additive slack covers how many tiers happen to be occupied, which
  // differs between a small and a large roster; a scan would grow 100-fold.
  auto flat = [](double s, double l) { return l <= kMaxGrowth * s + kSlack; };
  EXPECT_TRUE(flat(small.per_decision(), large.per_decision()))
      << what << ": probes per decision grow with size";
  EXPECT_TRUE(flat(small.per_event(small.decisions), large.per_event(large.decisions)))
      << what << ": decisions per event grow with size";
  EXPECT_TRUE(flat(small.per_event(small.probes), large.per_event(large.probes)))
      << what << ": probes per event grow with size";
  EXPECT_LE(large.per_decision(), kMaxProbesPerDecision) << what;
}

class Complexity : public ::testing::TestWithParam<Strategy> {};

TEST_P(Complexity, ProbesPerDecisionDoNotGrowWithAgents) {
  ExpectFlat(std::string("agents 100 -> 10000, ") + std::string(ToString(GetParam())),
             ManyAgents(100, GetParam()), ManyAgents(10'000, GetParam()));
}

TEST_P(Complexity, ProbesPerDecisionDoNotGrowWithWaitingCalls) {
  ExpectFlat(std::string("waiting calls 100 -> 10000, ") + std::string(ToString(GetParam())),
             ManyWaitingCalls(100, GetParam()), ManyWaitingCalls(10'000, GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Strategies, Complexity,
    ::testing::Values(Strategy::kLongestIdle, Strategy::kLeastCalls, Strategy::kLeastTalkTime,
                      Strategy::kRoundRobin, Strategy::kFixedOrder,
                      Strategy::kHighestProficiency, Strategy::kRandom,
                      Strategy::kWeightedRandom, Strategy::kRingAll,
                      Strategy::kBestSkillScore),
    [](const ::testing::TestParamInfo<Strategy>& info) {
      return std::string(ToString(info.param));
    });

}  // namespace
}  // namespace acd::testing
