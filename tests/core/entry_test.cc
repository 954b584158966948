// Scenario tests of entry rules (CallClassify): the receptionist's
// filtering by menu digits, DNIS, intent and the other attributes, time of
// day and business hours, priority boosts, terminal paths and the default.
#include <memory>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

constexpr QueueId kSales = 0;
constexpr QueueId kDirector = 1;
constexpr TimeMs kHourMs = 3'600'000;
// 1970-01-05 was a Monday; engine time is ms since the Unix epoch.
constexpr TimeMs kMondayMs = 4 * 24 * kHourMs;

EntryRule Rule(const std::string& name, OverflowKind kind, QueueId queue = 0,
               const std::string& target = "") {
  EntryRule r;
  r.name = name;
  r.route = OverflowAction{kind, queue, target};
  return r;
}

CenterConfig Center() {
  CenterConfig c;
  c.skills = {"french"};
  QueueConfig sales;
  sales.name = "sales";
  QueueConfig director;
  director.name = "director";
  c.queues = {sales, director};
  AgentConfig seller;
  seller.id = 1;
  seller.queues = {Membership{kSales, 10, 0, 0, 1.0}};
  seller.skills = {SkillLevel{0, 7}};
  c.agents = {seller};
  c.calendar.open = {TimeWindow{0x1f, 8 * 60, 18 * 60}};  // Mon-Fri 08:00-18:00 UTC

  EntryRule closed = Rule("closed", OverflowKind::kCallback);
  closed.match.open = Tri::kNo;
  EntryRule supplier = Rule("supplier", OverflowKind::kReject, 0, "send your offer by e-mail");
  supplier.match.digits = {"4"};
  supplier.match.intents = {Intent::kSellToUs};
  EntryRule boss = Rule("director", OverflowKind::kQueue, kDirector);
  boss.match.dnis = {"+4930555*"};
  EntryRule french = Rule("french buyers", OverflowKind::kQueue, kSales);
  french.match.digits = {"1"};
  french.match.languages = {"fr"};
  french.priority = 3;
  french.required_skills = {SkillLevel{0, 5}};
  EntryRule buyers = Rule("buyers", OverflowKind::kQueue, kSales);
  buyers.match.digits = {"1"};
  c.entry_rules = {closed, supplier, boss, french, buyers};
  c.entry_default = OverflowAction{OverflowKind::kVoicemail, 0, "general"};
  c.boosts.vip = 5;
  return c;
}

class EntryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Create(Center(), &sink_, EngineOptions{3});
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  absl::Status At(TimeMs t_ms, EventBody body) {
    absl::Status s = engine_->Apply(Event{0, t_ms, std::move(body)});
    EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
    return s;
  }
  // Arrives with the attributes, then leaves the IVR with digits pressed.
  absl::Status Call(TimeMs t_ms, CallId id, CallAttributes attributes, std::string digits = "",
                    Intent intent = Intent::kUnknown) {
    if (absl::Status s = At(t_ms, CallArrive{id, std::move(attributes)}); !s.ok()) return s;
    return At(t_ms + 15'000, CallClassify{id, std::move(digits), intent});
  }
  std::vector<RouteCall> Routes() {
    std::vector<RouteCall> out;
    for (const Command& c : sink_.commands)
      if (const auto* r = std::get_if<RouteCall>(&c.body)) out.push_back(*r);
    sink_.commands.clear();
    return out;
  }

  VectorSink sink_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(EntryTest, MenuDigitsChooseTheQueueWithTheExternalBoost) {
  ASSERT_TRUE(Call(kMondayMs + 9 * kHourMs, 1, {}, "1").ok());
  auto call = engine_->GetCall(1);
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->queue, kSales);
  EXPECT_EQ(call->priority, 1);  // external calls outrank internal ones
  CallAttributes internal;
  internal.internal = true;
  ASSERT_TRUE(Call(kMondayMs + 9 * kHourMs + 60'000, 2, internal, "1").ok());
  EXPECT_EQ(engine_->GetCall(2)->priority, 0);
}

TEST_F(EntryTest, FirstMatchingRuleWinsWithItsSkillsAndBoosts) {
  CallAttributes a;
  a.language = "fr";
  a.vip = true;
  ASSERT_TRUE(Call(kMondayMs + 10 * kHourMs, 1, a, "1").ok());
  auto call = engine_->GetCall(1);
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->priority, 3 + 1 + 5);  // rule + external + VIP
}

TEST_F(EntryTest, SupplierIsRejectedWithTheMessage) {
  ASSERT_TRUE(Call(kMondayMs + 10 * kHourMs, 1, {}, "4", Intent::kSellToUs).ok());
  auto routes = Routes();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].kind, OverflowKind::kReject);
  EXPECT_EQ(routes[0].cause, RouteCause::kEntryRule);
  EXPECT_EQ(routes[0].rule, 1);
  EXPECT_EQ(routes[0].target, "send your offer by e-mail");
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kRejected)], 1u);
  // Digit 4 without the intent is no supplier: nothing else matches.
  ASSERT_TRUE(Call(kMondayMs + 10 * kHourMs + 60'000, 2, {}, "4").ok());
  routes = Routes();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].cause, RouteCause::kEntryDefault);
  EXPECT_EQ(routes[0].kind, OverflowKind::kVoicemail);
}

TEST_F(EntryTest, DnisPrefixReachesTheDirector) {
  CallAttributes a;
  a.dnis = "+4930555123";
  ASSERT_TRUE(Call(kMondayMs + 11 * kHourMs, 1, a).ok());
  EXPECT_EQ(engine_->GetCall(1)->queue, kDirector);
  a.dnis = "+4930556123";
  ASSERT_TRUE(Call(kMondayMs + 11 * kHourMs + 60'000, 2, a).ok());
  EXPECT_FALSE(engine_->GetCall(2).ok());  // the default: voicemail
}

TEST_F(EntryTest, OutOfHoursGoesToCallbackCapture) {
  ASSERT_TRUE(Call(kMondayMs + 19 * kHourMs, 1, {}, "1").ok());  // Monday 19:00
  ASSERT_TRUE(Call(kMondayMs + 5 * 24 * kHourMs + 10 * kHourMs, 2, {}, "1").ok());  // Saturday
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kCallbackCaptured)],
            2u);
}

TEST_F(EntryTest, ClassifyingAQueuedCallIsRefusedAndChangesNothing) {
  ASSERT_TRUE(Call(kMondayMs + 9 * kHourMs, 1, {}, "1").ok());
  const uint64_t hash = engine_->StateHash();
  absl::Status s = At(kMondayMs + 9 * kHourMs + 20'000, CallClassify{1, "1", Intent::kBuy});
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("call: 1 is already"), absl::string_view::npos) << s;
  EXPECT_EQ(engine_->StateHash(), hash);
  s = At(kMondayMs + 9 * kHourMs + 20'000, CallClassify{77, "1", Intent::kBuy});
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(At(kMondayMs + 9 * kHourMs + 20'000, CallArrive{2, {}}).ok());
  const uint64_t before = engine_->StateHash();
  s = At(kMondayMs + 9 * kHourMs + 20'000, CallClassify{2, std::string(65, '1'), Intent::kBuy});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("digits:"), absl::string_view::npos) << s;
  EXPECT_EQ(engine_->StateHash(), before);
}

TEST_F(EntryTest, TimeWindowsMatchLocalTime) {
  CenterConfig c = Center();
  c.calendar = BusinessCalendar{};  // always open
  EntryRule lunch = Rule("lunch desk", OverflowKind::kQueue, kDirector);
  lunch.match.hours = {TimeWindow{0x7f, 12 * 60, 13 * 60}};
  c.entry_rules = {lunch};
  c.entry_default = OverflowAction{OverflowKind::kQueue, kSales, ""};
  sink_.commands.clear();
  auto engine = Engine::Create(c, &sink_, EngineOptions{3});
  ASSERT_TRUE(engine.ok()) << engine.status();
  engine_ = std::move(*engine);
  ASSERT_TRUE(Call(kMondayMs + 12 * kHourMs, 1, {}).ok());  // classified 12:00:15
  EXPECT_EQ(engine_->GetCall(1)->queue, kDirector);
  ASSERT_TRUE(Call(kMondayMs + 14 * kHourMs, 2, {}).ok());
  EXPECT_EQ(engine_->GetCall(2)->queue, kSales);
}

}  // namespace
}  // namespace acd
