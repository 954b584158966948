// Scenario tests of a queue's order_by (Twilio TaskRouter's order_by on a
// worker attribute): the available qualified agents are ordered by an
// agent attribute, ascending or descending, agents without it after every
// agent with it; the queue's strategy breaks ties; level_first and member
// delays come first. Sellers 1, 2, 3 are at levels 9, 6, 3
// (testing::SalesAndDesk). Invariants are checked after every step.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;
constexpr int64_t kNone = INT64_MIN;  // the agent has no such attribute

// Sellers 1..3 with the given values of `attribute` (kNone: left out).
CenterConfig Center(const std::string& attribute, bool descending,
                    std::vector<int64_t> values, Strategy strategy = Strategy::kLongestIdle) {
  CenterConfig c = testing::SalesAndDesk();
  QueueConfig& q = c.queues[kSales];
  q.strategy = strategy;
  q.order_by = attribute;
  q.order_descending = descending;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] != kNone) c.agents[i].attributes.push_back({attribute, values[i]});
  }
  return c;
}

class OrderByTest : public testing::ScenarioTest {
 protected:
  // Sellers 3, 2, 1 log in one second apart: seller 3 has been idle the
  // longest, seller 1 the shortest.
  void ThreeIdleLongest() {
    Login(0, {3});
    Login(1, {2});
    Login(2, {1});
    Clear();
  }
  // Calls 100, 101, ... arrive one by one and are answered at once; the
  // agents they went to, in order.
  std::vector<AgentId> ServeInTurn(int calls, double from_s = 10) {
    std::vector<AgentId> order;
    for (int k = 0; k < calls; ++k) {
      const CallId id = 100 + static_cast<CallId>(k);
      NewCall(from_s + k, id, kSales);
      const std::vector<AgentId> offered = OfferedTo(id);
      if (offered.size() != 1) {
        ADD_FAILURE() << "call " << id << " offered to " << offered.size() << " agents";
        return order;
      }
      order.push_back(offered[0]);
      EXPECT_TRUE(At(from_s + k, CallAnswer{id, offered[0]}).ok());
    }
    return order;
  }
};

// TaskRouter's documented example, its first clause: TaskQueue order_by
// "worker.support ASC", Alice {finance 10, support 8}, Bob {finance 10,
// support 5}: Bob is reserved first. Alice (seller 3) has been idle the
// longest, so without order_by she would be.
TEST_F(OrderByTest, TaskRouterAscendingExample) {
  CenterConfig c = Center("support", /*descending=*/false, {5, kNone, 8});
  c.agents[0].attributes.push_back({"finance", 10});  // Bob
  c.agents[2].attributes.push_back({"finance", 10});  // Alice
  std::sort(c.agents[0].attributes.begin(), c.agents[0].attributes.end(),
            [](const AgentAttribute& x, const AgentAttribute& y) { return x.name < y.name; });
  c.agents[1].queues.clear();  // two workers, as in the example
  Start(c);
  Login(0, {3});
  Login(2, {1});
  Clear();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});

  c.queues[kSales].order_by.clear();
  Start(c);
  Login(0, {3});
  Login(2, {1});
  Clear();
  NewCall(5, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{3});
}

// TaskRouter: "Workers without a given skill are ordered after those that
// have a skill ..., regardless of whether ASC or DESC sort direction is
// selected": Alice {support 8} before Bob (no support), both ways, though
// Bob has been idle the longest.
TEST_F(OrderByTest, WithoutTheAttributeLastEitherWay) {
  for (const bool descending : {false, true}) {
    SCOPED_TRACE(descending ? "DESC" : "ASC");
    CenterConfig c = Center("support", descending, {8, kNone, kNone});
    Start(c);
    ThreeIdleLongest();
    // Seller 1 first (the only one with the attribute), then the two
    // without it by the strategy: seller 3 idle longest, then seller 2.
    EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{1, 3, 2}));
  }
}

TEST_F(OrderByTest, AscendingAndDescending) {
  Start(Center("seniority", /*descending=*/false, {7, 2, 5}));
  ThreeIdleLongest();
  EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{2, 3, 1}));

  Start(Center("seniority", /*descending=*/true, {7, 2, 5}));
  ThreeIdleLongest();
  EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{1, 3, 2}));
}

// Equal values: the queue's strategy decides (longest idle by default, as
// TaskRouter orders workers without an order_by); with least calls, the
// fewest calls today.
TEST_F(OrderByTest, TheStrategyBreaksTies) {
  Start(Center("seniority", /*descending=*/true, {4, 4, 4}));
  ThreeIdleLongest();
  EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{3, 2, 1}));

  Start(Center("seniority", /*descending=*/true, {4, 4, 1}, Strategy::kLeastCalls));
  Login(0, {1, 2, 3});
  Clear();
  // Seller 1 and 2 tie on seniority; each call goes to the one with fewer
  // calls (seller 1 first: equal counts, then idle since, then slot).
  NewCall(1, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
  ASSERT_TRUE(At(1, CallAnswer{100, 1}).ok());
  ASSERT_TRUE(At(2, CallHangup{100}).ok());
  NewCall(3, 101, kSales);
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{2});
}

// Highest proficiency orders by level; the attribute comes before it.
TEST_F(OrderByTest, AttributeBeforeProficiency) {
  Start(Center("seniority", /*descending=*/false, {3, 1, 2}, Strategy::kHighestProficiency));
  ThreeIdleLongest();
  EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{2, 3, 1}));
}

// Level first comes before the attribute (the best level present, then the
// attribute within it), as it comes before every strategy. Sellers 1 and 2
// are both at level 9 here, seller 3 at 3.
TEST_F(OrderByTest, LevelFirstComesFirst) {
  CenterConfig c = Center("seniority", /*descending=*/false, {9, 4, 1});
  c.agents[1].skills[0].level = 9;
  Start(c);
  ThreeIdleLongest();
  EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{3, 2, 1}));

  c.queues[kSales].level_first = true;
  Start(c);
  ThreeIdleLongest();
  EXPECT_EQ(ServeInTurn(3), (std::vector<AgentId>{2, 1, 3}));
}

// Member delays decide who may take the call: seller 2 (the best value)
// takes sales calls only after 20 s, so seller 1 is offered it at once.
TEST_F(OrderByTest, MemberDelaysDecideWhoMay) {
  CenterConfig c = Center("seniority", /*descending=*/false, {5, 1, 9});
  c.agents[1].queues[0].delay_ms = 20'000;
  Start(c);
  Login(0, {1, 2});
  Clear();
  NewCall(1, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
  ASSERT_TRUE(At(1, CallAnswer{100, 1}).ok());
  NewCall(2, 101, kSales);
  EXPECT_TRUE(OfferedTo(101).empty());
  Advance(22);
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{2});
}

// Attributes are configuration: a reload re-keys the available agents at
// once (the next call follows the new values) and leaves an offer ringing,
// and a restored engine orders as the live one.
TEST_F(OrderByTest, ReloadRekeysAndRestoreKeeps) {
  Start(Center("seniority", /*descending=*/false, {7, 2, 5}));
  ThreeIdleLongest();
  ASSERT_TRUE(engine_->Reconfigure(Center("seniority", false, {1, 2, 5})).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  Clear();
  NewCall(10, 100, kSales);
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{1});
  ASSERT_TRUE(engine_->Reconfigure(Center("seniority", true, {1, 2, 5})).ok());
  ASSERT_TRUE(engine_->Reconfigure(Center("tenure", true, {1, 2, 5})).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  // Only attributes and the order changed: the ring at seller 1 goes on.
  EXPECT_TRUE(Take<CancelOffer>().empty());

  VectorSink other;
  auto twin = Engine::Restore(engine_->center(), engine_->Snapshot(), &other);
  ASSERT_TRUE(twin.ok()) << twin.status();
  EXPECT_EQ((*twin)->StateHash(), engine_->StateHash());
  Clear();
  NewCall(11, 101, kSales);
  ASSERT_TRUE((*twin)->Apply(Event{0, 11'000, CallArrive{101, {}}}).ok());
  ASSERT_TRUE((*twin)->Apply(Event{0, 11'000, CallEnqueue{101, kSales, 0, kMinLevel, {}}}).ok());
  // Seller 3 (tenure 5, the highest) is free; seller 1 rings call 100.
  EXPECT_EQ(OfferedTo(101), std::vector<AgentId>{3});
  std::vector<AgentId> twin_offers;
  for (const Command& cmd : other.commands) {
    if (const Offer* o = std::get_if<Offer>(&cmd.body); o != nullptr && o->call == 101) {
      twin_offers.push_back(o->agent);
    }
  }
  EXPECT_EQ(twin_offers, std::vector<AgentId>{3});
}

TEST_F(OrderByTest, ValidationNamesTheField) {
  for (Strategy s : {Strategy::kRoundRobin, Strategy::kRandom, Strategy::kWeightedRandom,
                     Strategy::kRingAll}) {
    const absl::Status status = ValidateCenter(Center("seniority", false, {1, 2, 3}, s));
    EXPECT_TRUE(absl::StrContains(status.message(), "queues[0].order_by: not with strategy"))
        << status;
  }
  CenterConfig c = Center("seniority", false, {1, 2, 3});
  c.agents[0].attributes.push_back({"seniority", 4});
  c.agents[1].attributes[0].value = kMaxAttributeValue + 1;
  c.agents[2].attributes.push_back({"", 1});
  const absl::Status status = ValidateCenter(c);
  EXPECT_TRUE(absl::StrContains(status.message(), "agents[0].attributes.seniority: given twice"))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "agents[1].attributes.seniority: "))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "agents[2].attributes: a name must not be empty"))
      << status;
  CenterConfig direction_only = testing::SalesAndDesk();
  direction_only.queues[kSales].order_descending = true;
  EXPECT_TRUE(absl::StrContains(ValidateCenter(direction_only).message(),
                                "queues[0].order_by.direction"));
  EXPECT_FALSE(Engine::Create(c, &sink_, EngineOptions{}).ok());
}

}  // namespace
}  // namespace acd
