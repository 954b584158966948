// ScenarioTest: the fixture of the hand-written engine scenarios. Times are
// in seconds; every step is followed by the engine's own invariant check;
// the commands are kept and can be taken by type. Not thread-safe.
#ifndef ACD_TESTS_CORE_SCENARIO_TEST_H_
#define ACD_TESTS_CORE_SCENARIO_TEST_H_

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "acd/engine.h"
#include "gtest/gtest.h"

namespace acd::testing {

// The small center most scenarios use: queue 0 "sales" (skill "sales")
// with sellers 1..3 at levels 9, 6, 3; queue 1 "desk" with assistant 9.
inline CenterConfig SalesAndDesk() {
  CenterConfig c;
  c.skills = {"sales"};
  QueueConfig sales;
  sales.name = "sales";
  sales.has_skill = true;
  sales.skill = 0;
  QueueConfig desk;
  desk.name = "desk";
  c.queues = {sales, desk};
  const int levels[] = {9, 6, 3};
  for (AgentId id = 1; id <= 3; ++id) {
    AgentConfig a;
    a.id = id;
    a.queues = {Membership{0, 10, 0, static_cast<uint32_t>(id), 1.0}};
    a.skills = {SkillLevel{0, levels[id - 1]}};
    c.agents.push_back(a);
  }
  AgentConfig assistant;
  assistant.id = 9;
  assistant.queues = {Membership{1, 10, 0, 0, 1.0}};
  c.agents.push_back(assistant);
  return c;
}

// A rule that moves the caller to `queue` after_ms after it entered (or,
// rules_from_arrival, arrived).
inline OverflowRule RouteToQueue(TimeMs after_ms, QueueId queue, std::string name) {
  OverflowRule r;
  r.name = std::move(name);
  r.after_ms = after_ms;
  r.route.kind = OverflowKind::kQueue;
  r.route.queue = queue;
  return r;
}

class ScenarioTest : public ::testing::Test {
 protected:
  void Start(const CenterConfig& center, uint64_t seed = 7) {
    auto engine = Engine::Create(center, &sink_, EngineOptions{seed});
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  // Applies an event at t_s seconds and checks the invariants.
  absl::Status At(double t_s, EventBody body) {
    absl::Status s = engine_->Apply(Event{0, static_cast<TimeMs>(t_s * 1000), std::move(body)});
    EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
    return s;
  }
  void Advance(double t_s) {
    ASSERT_TRUE(engine_->AdvanceTo(static_cast<TimeMs>(t_s * 1000)).ok());
    ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  }
  // The agents log in ready at t_s.
  void Login(double t_s, std::vector<AgentId> ids) {
    for (AgentId id : ids) ASSERT_TRUE(At(t_s, AgentLogin{id, true}).ok());
  }
  // A call arrives at t_s and enters queue q at once.
  void NewCall(double t_s, CallId id, QueueId q, int priority = 0, int min_level = kMinLevel) {
    ASSERT_TRUE(At(t_s, CallArrive{id, {}}).ok());
    ASSERT_TRUE(At(t_s, CallEnqueue{id, q, priority, min_level, {}}).ok());
  }
  // Every command of type T emitted since the last Clear, in order.
  template <typename T>
  std::vector<T> Take() {
    std::vector<T> out;
    for (const Command& c : sink_.commands)
      if (const T* x = std::get_if<T>(&c.body)) out.push_back(*x);
    return out;
  }
  void Clear() { sink_.commands.clear(); }
  // The agents offered call `id` since the last Clear, ascending.
  std::vector<AgentId> OfferedTo(CallId id) {
    std::vector<AgentId> out;
    for (const Offer& o : Take<Offer>()) {
      if (o.call == id) out.push_back(o.agent);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  // Call `id` arrives at t_s, enters queue q and is answered by `agent`,
  // who must be the one it is offered to.
  void Connected(double t_s, CallId id, AgentId agent, QueueId q = 0) {
    NewCall(t_s, id, q);
    ASSERT_TRUE(At(t_s, CallAnswer{id, agent}).ok());
  }
  // The CallEnded of call `id` among the commands since the last Clear.
  CallEnded EndedOf(CallId id) {
    for (const CallEnded& e : Take<CallEnded>()) {
      if (e.call == id) return e;
    }
    ADD_FAILURE() << "no CallEnded for call " << id;
    return {};
  }
  // The event is refused with `code`, its message starts with "field:",
  // and the state is exactly as before.
  void ExpectRejected(double t_s, EventBody body, absl::StatusCode code,
                      std::string_view field) {
    const uint64_t before = engine_->StateHash();
    const absl::Status s = At(t_s, std::move(body));
    EXPECT_EQ(s.code(), code) << s;
    EXPECT_TRUE(absl::StartsWith(s.message(), std::string(field) + ":")) << s;
    EXPECT_EQ(engine_->StateHash(), before) << "a rejected event changed the state";
  }

  VectorSink sink_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SCENARIO_TEST_H_
