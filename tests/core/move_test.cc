// Scenario tests of a supervisor moving a waiting call in its line
// (CallMove), of a caller's time adjustment (CallEnqueue.wait_credit_ms,
// or an entry rule's)
// and of the place a call view reports (CallView::position).
#include <algorithm>
#include <vector>

#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDesk = 1;
using Code = absl::StatusCode;

class MoveTest : public ScenarioTest {
 protected:
  // The calls' places as the engine reports them, in the order given.
  std::vector<uint32_t> Positions(const std::vector<CallId>& calls) {
    std::vector<uint32_t> out;
    for (CallId id : calls) out.push_back(engine_->GetCall(id)->position);
    return out;
  }
  // Agents 1, 2, 3... log in one by one; the calls in the order offered.
  std::vector<CallId> ServeAll(double t_s, size_t n) {
    std::vector<CallId> order;
    for (AgentId agent = 1; agent <= n; ++agent) {
      Clear();
      Login(t_s, {agent});
      const std::vector<Offer> offers = Take<Offer>();
      if (offers.size() != 1u) return order;
      order.push_back(offers[0].call);
      EXPECT_TRUE(At(t_s, CallAnswer{offers[0].call, agent}).ok());
    }
    return order;
  }
};

TEST_F(MoveTest, AMovedCallIsServedAtItsNewPlace) {
  Start(SalesAndDesk());
  for (CallId id : {101, 102, 103}) NewCall(1, id, kSales);
  EXPECT_EQ(Positions({101, 102, 103}), (std::vector<uint32_t>{1, 2, 3}));
  ASSERT_TRUE(At(2, CallMove{103, 1}).ok());  // to the head
  EXPECT_EQ(Positions({103, 101, 102}), (std::vector<uint32_t>{1, 2, 3}));
  ASSERT_TRUE(At(2, CallMove{101, 3}).ok());  // to the back
  EXPECT_EQ(Positions({103, 102, 101}), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(ServeAll(3, 3), (std::vector<CallId>{103, 102, 101}));
}

TEST_F(MoveTest, AMovedCallTakesThePriorityOfTheCallItStandsBefore) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales, /*priority=*/5);
  NewCall(1, 102, kSales);
  NewCall(1, 103, kSales);
  ASSERT_TRUE(At(2, CallMove{103, 1}).ok());
  EXPECT_EQ(engine_->GetCall(103)->priority, 5);
  // A later caller of priority 5 comes after both, as after 101 alone.
  NewCall(3, 104, kSales, /*priority=*/5);
  EXPECT_EQ(Positions({103, 101, 104, 102}), (std::vector<uint32_t>{1, 2, 3, 4}));
  // Past the end: behind the last call, with its priority.
  ASSERT_TRUE(At(4, CallMove{101, 40}).ok());
  EXPECT_EQ(engine_->GetCall(101)->priority, 0);
  EXPECT_EQ(Positions({103, 104, 102, 101}), (std::vector<uint32_t>{1, 2, 3, 4}));
  // Its own place: nothing moves.
  ASSERT_TRUE(At(5, CallMove{104, 2}).ok());
  EXPECT_EQ(Positions({103, 104, 102, 101}), (std::vector<uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(ServeAll(6, 3), (std::vector<CallId>{103, 104, 102}));
}

// Each move lands between the same two neighbours, using up the room
// there until none is left (about a thousand moves): the queue's entry
// orders are respaced and the line is exactly what the moves said, every
// time.
TEST_F(MoveTest, MovesIntoOneGapRespaceTheLineAndKeepItsOrder) {
  Start(SalesAndDesk());
  std::vector<CallId> line = {101, 102, 103, 104, 105};
  for (CallId id : line) NewCall(1, id, kSales);
  for (int i = 0; i < 2500; ++i) {
    const CallId third = line[2];
    ASSERT_TRUE(At(2, CallMove{third, 2}).ok()) << "move " << i;
    line.erase(line.begin() + 2);
    line.insert(line.begin() + 1, third);
    std::vector<uint32_t> expected(line.size());
    for (size_t k = 0; k < line.size(); ++k) expected[k] = static_cast<uint32_t>(k + 1);
    ASSERT_EQ(Positions(line), expected) << "after move " << i;
  }
  // Callers who join later still come last.
  NewCall(3, 106, kSales);
  EXPECT_EQ(engine_->GetCall(106)->position, 6u);
  EXPECT_EQ(ServeAll(4, 3), std::vector<CallId>(line.begin(), line.begin() + 3));
}

// A call ringing at an agent is not in line: a move places the moved call
// among the others, and the ringing call, unanswered, comes back at the
// place it had, ahead of a call moved to the head meanwhile.
TEST_F(MoveTest, ARingingCallKeepsItsPlaceAheadOfAMove) {
  Start(SalesAndDesk());
  for (CallId id : {101, 102, 103}) NewCall(1, id, kSales);
  Login(2, {1});  // 101 rings at agent 1
  ASSERT_TRUE(At(3, CallMove{103, 1}).ok());
  EXPECT_EQ(Positions({101, 103, 102}), (std::vector<uint32_t>{0, 1, 2}));
  ASSERT_TRUE(At(4, AgentLogout{1}).ok());  // the offer is withdrawn
  EXPECT_EQ(Positions({101, 103, 102}), (std::vector<uint32_t>{1, 2, 3}));
}

TEST_F(MoveTest, OnlyACallInLineMoves) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales);
  ExpectRejected(2, CallMove{101, 0}, Code::kInvalidArgument, "position");
  ExpectRejected(2, CallMove{999, 1}, Code::kNotFound, "call");
  Login(3, {1});  // 101 rings at agent 1
  EXPECT_EQ(engine_->GetCall(101)->position, 0u);
  ExpectRejected(4, CallMove{101, 1}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(5, CallAnswer{101, 1}).ok());
  ExpectRejected(6, CallMove{101, 1}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(7, CallArrive{102, {}}).ok());  // in the IVR
  ExpectRejected(8, CallMove{102, 1}, Code::kFailedPrecondition, "call");
  ASSERT_TRUE(At(9, CallHangup{102}).ok());
  ExpectRejected(10, CallMove{102, 1}, Code::kFailedPrecondition, "call");
}

// Asterisk's Queue() position: a caller joins at the place asked for among
// the callers of its priority, never ahead of a higher priority nor behind
// a lower one, and keeps its own priority.
TEST_F(MoveTest, ACallerJoinsAtTheRequestedPlaceWithinItsPriority) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales, /*priority=*/5);
  NewCall(1, 102, kSales);
  NewCall(1, 103, kSales);
  NewCall(1, 104, kSales, /*priority=*/-1);
  auto join = [&](CallId id, int priority, uint32_t position) {
    ASSERT_TRUE(At(2, CallArrive{id, {}}).ok());
    CallEnqueue e;
    e.call = id;
    e.queue = kSales;
    e.priority = priority;
    e.position = position;
    ASSERT_TRUE(At(2, e).ok());
  };
  join(105, 0, 2);  // second: behind 101 (priority 5), before 102
  EXPECT_EQ(Positions({101, 105, 102, 103, 104}), (std::vector<uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(engine_->GetCall(105)->priority, 0);
  join(106, 0, 1);  // first asked, but 101 has a higher priority: second
  EXPECT_EQ(Positions({101, 106, 105, 102, 103, 104}), (std::vector<uint32_t>{1, 2, 3, 4, 5, 6}));
  join(107, 0, 9);  // past its priority's callers: before the lower one
  EXPECT_EQ(Positions({101, 106, 105, 102, 103, 107, 104}),
            (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7}));
  join(108, 5, 3);  // a higher priority cannot be put behind a lower one
  EXPECT_EQ(Positions({101, 108, 106}), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(ServeAll(3, 3), (std::vector<CallId>{101, 108, 106}));
}

// CallEnqueue's time adjustment (wait_credit_ms): Amazon Connect's queue
// time adjustment, FreeSWITCH mod_callcenter's cc_base_score (score = base
// score + seconds waited, highest first).
class WaitCreditTest : public MoveTest {
 protected:
  void Credited(double t_s, CallId id, QueueId q, TimeMs credit_ms, int priority = 0) {
    ASSERT_TRUE(At(t_s, CallArrive{id, {}}).ok());
    CallEnqueue e;
    e.call = id;
    e.queue = q;
    e.priority = priority;
    e.wait_credit_ms = credit_ms;
    ASSERT_TRUE(At(t_s, e).ok());
  }
};

// FreeSWITCH: a member with cc_base_score 6 who joined at 10 s scores
// 6 + waited, as one who joined at 4 s: behind the caller of 1 s, ahead of
// the caller of 5 s. Priority still comes first.
TEST_F(WaitCreditTest, ACreditedCallerIsOrderedAsIfItHadComeEarlier) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales);
  NewCall(5, 102, kSales);
  Credited(10, 103, kSales, 6'000);
  EXPECT_EQ(Positions({101, 103, 102}), (std::vector<uint32_t>{1, 2, 3}));
  NewCall(11, 104, kSales, /*priority=*/1);
  Credited(12, 105, kSales, 100'000);  // ahead of every caller of its priority
  EXPECT_EQ(Positions({104, 105, 101, 103, 102}), (std::vector<uint32_t>{1, 2, 3, 4, 5}));
  // Orders only: its wait and the view's entry time are the real ones.
  EXPECT_EQ(engine_->GetCall(105)->enqueued_ms, 12'000);
  EXPECT_EQ(ServeAll(13, 3), (std::vector<CallId>{104, 105, 101}));
}

// A negative credit: as if it had come later. Callers entering before that
// time stand ahead of it, later ones behind it.
TEST_F(WaitCreditTest, ANegativeCreditLetsLaterCallersAhead) {
  Start(SalesAndDesk());
  Credited(1, 101, kSales, -10'000);  // as if at 11 s
  NewCall(2, 102, kSales);
  NewCall(20, 103, kSales);
  EXPECT_EQ(Positions({102, 101, 103}), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(ServeAll(21, 3), (std::vector<CallId>{102, 101, 103}));
}

// The credit is the call's: transferred to another queue, it is ordered
// there as if it had entered that much earlier too, also after a restore.
TEST_F(WaitCreditTest, TheCreditGoesWithTheCallToAnotherQueueAndThroughASnapshot) {
  Start(SalesAndDesk());
  Login(0, {1});
  Credited(1, 101, kSales, 30'000);
  ASSERT_TRUE(At(1, CallAnswer{101, 1}).ok());
  NewCall(2, 201, kDesk);
  NewCall(3, 202, kDesk);
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine_ = std::move(*restored);
  ASSERT_TRUE(At(10, CallTransfer{101, kDesk}).ok());  // as if in line since -20 s
  EXPECT_EQ(Positions({101, 201, 202}), (std::vector<uint32_t>{1, 2, 3}));
  Clear();
  Login(11, {9});
  const std::vector<Offer> offers = Take<Offer>();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].call, 101u);
}

// A requested place wins over the credit in the queue the caller joins.
TEST_F(WaitCreditTest, ARequestedPositionWinsOverTheCredit) {
  Start(SalesAndDesk());
  NewCall(1, 101, kSales);
  NewCall(2, 102, kSales);
  ASSERT_TRUE(At(3, CallArrive{103, {}}).ok());
  CallEnqueue e;
  e.call = 103;
  e.queue = kSales;
  e.wait_credit_ms = 60'000;
  e.position = 2;
  ASSERT_TRUE(At(3, e).ok());
  EXPECT_EQ(Positions({101, 103, 102}), (std::vector<uint32_t>{1, 2, 3}));
}

TEST_F(WaitCreditTest, ACreditBeyondADayIsRefused) {
  Start(SalesAndDesk());
  ASSERT_TRUE(At(1, CallArrive{101, {}}).ok());
  for (TimeMs credit : {kMaxWaitCreditMs + 1, -kMaxWaitCreditMs - 1}) {
    CallEnqueue e;
    e.call = 101;
    e.queue = kSales;
    e.wait_credit_ms = credit;
    ExpectRejected(1, e, Code::kInvalidArgument, "wait_credit_ms");
  }
}

// The credit from an entry rule (Amazon Connect sets its time adjustment in
// a flow): a caller the IVR classifies as a callback's return goes in line
// as if 30 s earlier; the entry default gives none.
TEST_F(WaitCreditTest, AnEntryRuleGivesItsCallersTheirCredit) {
  CenterConfig center = SalesAndDesk();
  EntryRule back;
  back.name = "returning-callback";
  back.match.digits = {"9"};
  back.route = OverflowAction{OverflowKind::kQueue, kSales, {}, false};
  back.wait_credit_ms = 30'000;
  center.entry_rules.push_back(back);
  center.entry_default = OverflowAction{OverflowKind::kQueue, kSales, {}, false};
  center.boosts.external = 0;  // every caller at priority 0, as CallEnqueue's here
  Start(center);
  NewCall(1, 101, kSales);
  NewCall(5, 102, kSales);
  ASSERT_TRUE(At(10, CallArrive{103, {}}).ok());
  ASSERT_TRUE(At(10, CallClassify{103, "9", Intent::kUnknown}).ok());  // as if since -20 s
  ASSERT_TRUE(At(11, CallArrive{104, {}}).ok());
  ASSERT_TRUE(At(11, CallClassify{104, "1", Intent::kUnknown}).ok());  // the default: none
  EXPECT_EQ(Positions({103, 101, 102, 104}), (std::vector<uint32_t>{1, 2, 3, 4}));
  // Orders only: the caller's time in the queue is the real one.
  EXPECT_EQ(engine_->GetCall(103)->enqueued_ms, 10'000);
  EXPECT_EQ(ServeAll(12, 2), (std::vector<CallId>{103, 101}));
}

TEST_F(WaitCreditTest, AnEntryRulesCreditIsCheckedByValidation) {
  CenterConfig center = SalesAndDesk();
  EntryRule rule;
  rule.name = "r";
  rule.route = OverflowAction{OverflowKind::kQueue, kSales, {}, false};
  rule.wait_credit_ms = kMaxWaitCreditMs + 1;
  center.entry_rules.push_back(rule);
  absl::Status status = ValidateCenter(center);
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_NE(status.message().find("entry_rules[0].wait_credit_ms"), std::string::npos) << status;
  center.entry_rules[0].wait_credit_ms = 5'000;
  center.entry_rules[0].route = OverflowAction{OverflowKind::kVoicemail, 0, "box", false};
  status = ValidateCenter(center);
  EXPECT_NE(status.message().find("entry_rules[0].wait_credit_ms: only used when route.kind"),
            std::string::npos)
      << status;
}

}  // namespace
}  // namespace acd::testing
