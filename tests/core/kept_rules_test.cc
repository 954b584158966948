// Scenario tests of rules kept across a live reload
// (QueueConfig::keep_rules_at_entry). Asterisk copies a queue's penalty
// rules to each caller as it joins (app_queue's copy_rules), so a
// `queue reload rules` changes nothing for the callers already waiting and
// applies to those who join afterwards; acd offers that per queue, beside
// its default of applying new rules to everyone in line as if always in
// force. The invariants are checked after every step.
#include <string>
#include <utility>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/scenario_test.h"

namespace acd {
namespace {

using testing::RouteToQueue;

constexpr QueueId kSales = 0, kHelp = 1, kExtra = 2;
constexpr QueueId kNone = UINT32_MAX;  // Routed::to_queue of a terminal path

OverflowRule Voicemail(TimeMs after_ms, std::string box) {
  OverflowRule r;
  r.name = "voicemail";
  r.after_ms = after_ms;
  r.route.kind = OverflowKind::kVoicemail;
  r.route.target = std::move(box);
  return r;
}

OverflowRule Raise(TimeMs after_ms) {
  OverflowRule r;
  r.name = "raise";
  r.after_ms = after_ms;
  r.action = RuleActionKind::kRaisePriority;
  r.priority_delta = 1;
  return r;
}

// Queues sales (its rules given by the test, keeping them at entry or
// not), help and extra; agent 1 serves help, agent 2 extra; skill
// "french" is agent 1's. Nobody serves sales, so its callers wait.
CenterConfig Floor(std::vector<OverflowRule> rules, bool keep) {
  CenterConfig c;
  c.skills = {"french"};
  QueueConfig sales;
  sales.name = "sales";
  sales.rules = std::move(rules);
  sales.keep_rules_at_entry = keep;
  QueueConfig help;
  help.name = "help";
  QueueConfig extra;
  extra.name = "extra";
  c.queues = {sales, help, extra};
  AgentConfig a;
  a.id = 1;
  a.queues = {Membership{kHelp, 5, 0, 0, 1.0}};
  a.skills = {SkillLevel{0, 5}};
  AgentConfig b;
  b.id = 2;
  b.queues = {Membership{kExtra, 5, 0, 0, 1.0}};
  c.agents = {a, b};
  c.on_queue_removed.kind = OverflowKind::kVoicemail;
  c.on_queue_removed.target = "removed";
  return c;
}

class KeptRulesTest : public testing::ScenarioTest {
 protected:
  void Reload(const CenterConfig& c) {
    const absl::Status s = engine_->Reconfigure(c);
    ASSERT_TRUE(s.ok()) << s;
    ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  }
  // (time in s, call, rule, where to) of every RouteCall since the last Clear.
  struct Routed {
    double at_s;
    CallId call;
    int rule;
    OverflowKind kind;
    std::string target;
    QueueId to_queue;
    bool operator==(const Routed&) const = default;
  };
  std::vector<Routed> Routes() {
    std::vector<Routed> out;
    for (const Command& c : sink_.commands) {
      if (const auto* r = std::get_if<RouteCall>(&c.body)) {
        out.push_back({static_cast<double>(c.time_ms) / 1000, r->call, r->rule, r->kind,
                       r->target, r->kind == OverflowKind::kQueue ? r->to_queue : kNone});
      }
    }
    return out;
  }
};

// Asterisk's documented behaviour: the rules a caller joined with stay
// theirs. Caller 100 joins sales under "voicemail at 20 s"; a reload at
// 10 s makes the rule "help at 15 s"; caller 101 joins at 12 s. 100 still
// goes to voicemail at 20 s, 101 to help at 27 s. Without the option the
// reload's rule applies to 100 as if always in force: help at 15 s.
TEST_F(KeptRulesTest, ACallerKeepsTheRulesItEnteredWith) {
  for (const bool keep : {true, false}) {
    SCOPED_TRACE(keep ? "kept" : "replaced");
    Start(Floor({Voicemail(20'000, "sales-vm")}, keep));
    NewCall(0, 100, kSales);
    Advance(10);
    Reload(Floor({RouteToQueue(15'000, kHelp, "to queue")}, keep));
    NewCall(12, 101, kSales);
    Clear();
    Advance(30);
    if (keep) {
      EXPECT_EQ(Routes(), (std::vector<Routed>{
                              {20, 100, 0, OverflowKind::kVoicemail, "sales-vm", kNone},
                              {27, 101, 0, OverflowKind::kQueue, "", kHelp}}));
    } else {
      EXPECT_EQ(Routes(), (std::vector<Routed>{{15, 100, 0, OverflowKind::kQueue, "", kHelp},
                                               {27, 101, 0, OverflowKind::kQueue, "", kHelp}}));
    }
  }
}

// The kept rules speak the new center's ids: queue extra is renumbered
// when help is removed, and the kept add_queue still adds extra (agent 2,
// logged in, is offered the call); a kept route to the removed help takes
// on_queue_removed; a kept skill step on a removed skill is passed over.
TEST_F(KeptRulesTest, KeptRulesFollowTheNewCentersIds) {
  OverflowRule add;
  add.name = "add extra";
  add.after_ms = 10'000;
  add.action = RuleActionKind::kAddQueue;
  add.queue = kExtra;
  OverflowRule french;
  french.name = "french";
  french.after_ms = 15'000;
  french.action = RuleActionKind::kRequireSkill;
  french.skill = 0;
  french.level = 3;
  Start(Floor({add, french, RouteToQueue(20'000, kHelp, "to queue")}, true));
  NewCall(0, 100, kSales);
  Advance(5);
  CenterConfig next = Floor({Raise(50'000)}, true);
  next.skills.clear();
  next.agents[0].skills.clear();
  next.queues.erase(next.queues.begin() + kHelp);  // extra is queue 1 now
  next.agents.erase(next.agents.begin());          // agent 1 served help alone
  next.agents[0].queues[0].queue = 1;
  Reload(next);
  Clear();
  Advance(12);
  Login(12, {2});
  EXPECT_EQ(OfferedTo(100), std::vector<AgentId>{2});
  std::vector<RuleApplied> judged = Take<RuleApplied>();
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0], (RuleApplied{100, kSales, 0, true, "add extra"}));
  ASSERT_TRUE(At(12.5, AgentLogout{2}).ok());  // the offer is withdrawn: back in line
  Clear();
  Advance(25);
  EXPECT_EQ(Take<RuleApplied>(),
            (std::vector<RuleApplied>{{100, kSales, 1, false, "french"},
                                      {100, kSales, 2, true, "to queue"}}));
  EXPECT_EQ(Routes(), (std::vector<Routed>{
                          {20, 100, 2, OverflowKind::kVoicemail, "removed", kNone}}));
}

// A snapshot carries the kept rules: the restored engine hashes alike and
// carries them out alike.
TEST_F(KeptRulesTest, ASnapshotCarriesTheKeptRules) {
  Start(Floor({Voicemail(20'000, "sales-vm"), Raise(25'000)}, true));
  NewCall(0, 100, kSales);
  NewCall(1, 101, kSales);
  Advance(10);
  const CenterConfig next = Floor({RouteToQueue(15'000, kHelp, "to queue")}, true);
  Reload(next);
  NewCall(12, 102, kSales);
  const std::string bytes = engine_->Snapshot();
  VectorSink restored_sink;
  absl::StatusOr<std::unique_ptr<Engine>> restored = Engine::Restore(next, bytes, &restored_sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
  Clear();
  Advance(40);
  ASSERT_TRUE((*restored)->AdvanceTo(40'000).ok());
  EXPECT_EQ(restored_sink.commands, sink_.commands);
  EXPECT_EQ((*restored)->StateHash(), engine_->StateHash());
  EXPECT_EQ(Routes(), (std::vector<Routed>{
                          {20, 100, 0, OverflowKind::kVoicemail, "sales-vm", kNone},
                          {21, 101, 0, OverflowKind::kVoicemail, "sales-vm", kNone},
                          {27, 102, 0, OverflowKind::kQueue, "", kHelp}}));
}

// A caller keeps its book through a reload that leaves the queue's rules
// alone; a reload that changes them with the option off gives it the new
// rules as if always in force.
TEST_F(KeptRulesTest, TheBookStaysUntilAReloadReplacesIt) {
  Start(Floor({Voicemail(40'000, "sales-vm")}, true));
  NewCall(0, 100, kSales);
  Advance(5);
  CenterConfig next = Floor({RouteToQueue(30'000, kHelp, "to queue")}, true);
  Reload(next);
  next.queues[kHelp].ring_timeout_ms = 20'000;  // another change: the book stays
  Reload(next);
  Advance(10);
  CenterConfig replaced = Floor({Voicemail(30'000, "later-vm")}, false);
  Clear();
  Reload(replaced);
  Advance(45);
  EXPECT_EQ(Routes(), (std::vector<Routed>{
                          {30, 100, 0, OverflowKind::kVoicemail, "later-vm", kNone}}));
}

// A caller whose rules are all behind it gets none from a reload that
// keeps rules at entry (the new rules are for later callers).
TEST_F(KeptRulesTest, NoRuleToComeStaysNone) {
  Start(Floor({Raise(5'000)}, true));
  NewCall(0, 100, kSales);
  Advance(10);
  Reload(Floor({Voicemail(20'000, "sales-vm")}, true));
  Clear();
  Advance(60);
  EXPECT_TRUE(Routes().empty());
  EXPECT_EQ(engine_->GetCall(100)->priority, 1);
}

// Validation: the option with no rule to keep is a mistake in the file.
TEST(KeptRulesCenter, TheOptionNeedsARule) {
  CenterConfig c = Floor({}, true);
  VectorSink sink;
  const absl::Status refused = Engine::Create(c, &sink, EngineOptions{1}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("queues[0].keep_rules_at_entry"), std::string::npos)
      << refused;
}

}  // namespace
}  // namespace acd
