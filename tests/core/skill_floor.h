// The skill scenario tests' floor (skill_match_test.cc, all_skills_test.cc):
// a center of four skills and a "support" queue, agents that are its
// members, and a fixture that starts the engine, logs agents in and sends
// calls with a skill requirement. Test-only; not thread-safe.
#ifndef ACD_TESTS_CORE_SKILL_FLOOR_H_
#define ACD_TESTS_CORE_SKILL_FLOOR_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "acd/engine.h"
#include "acd/skill_expr.h"
#include "gtest/gtest.h"
#include "tests/core/scripted_engine.h"

namespace acd::testing {

inline constexpr SkillId kSales = 0, kEnglish = 1, kGerman = 2, kTrainee = 3;

inline CenterConfig Floor(Strategy strategy = Strategy::kLongestIdle) {
  CenterConfig c;
  c.skills = {"sales", "english", "german", "trainee"};
  QueueConfig q;
  q.name = "support";
  q.strategy = strategy;
  if (strategy == Strategy::kBestSkillScore) q.skill_weights = {{kSales, 3}, {kEnglish, 1}};
  c.queues = {q};
  return c;
}

// A member of queue 0 at level 5, its position its id; all_skills_level:
// a universal agent's level (0: off).
inline void AddAgent(CenterConfig& c, AgentId id, std::vector<SkillLevel> skills,
                     int all_skills_level = 0) {
  AgentConfig a;
  a.id = id;
  a.name = "agent" + std::to_string(id);
  a.queues = {Membership{0, 5, 0, static_cast<uint32_t>(id), 1.0}};
  a.skills = std::move(skills);
  a.all_skills_level = all_skills_level;
  c.agents.push_back(a);
}

inline SkillExpr Expr(const CenterConfig& c, const std::string& text) {
  absl::StatusOr<SkillExpr> e = ParseSkillExpr(text, c.skills);
  EXPECT_TRUE(e.ok()) << e.status();
  return e.ok() ? *e : SkillExpr();
}

class SkillMatchTest : public ::testing::Test {
 protected:
  void Start(const CenterConfig& c) {
    center_ = c;
    auto s = ScriptedEngine::Create(c);
    ASSERT_TRUE(s.ok()) << s.status();
    s_ = std::move(*s);
  }
  void Login(AgentId id, TimeMs after_ms = 1000) {
    ASSERT_TRUE(s_->Send(AgentLogin{id, true}, after_ms).ok());
  }
  absl::Status Call(CallId id, const std::string& expr,
                    std::initializer_list<SkillLevel> required = {}, QueueId queue = 0,
                    int min_level = kMinLevel) {
    if (absl::Status st = s_->Send(CallArrive{id, {}}, 1000); !st.ok()) return st;
    CallEnqueue e = Enqueue(id, queue, 0, min_level, required);
    if (!expr.empty()) e.skills_expr = Expr(center_, expr);
    return s_->Send(e);
  }
  CallState StateOf(CallId id) { return s_->engine().GetCall(id)->state; }
  void ExpectInvariants() { EXPECT_TRUE(s_->engine().CheckInvariants().ok()); }

  CenterConfig center_;
  std::unique_ptr<ScriptedEngine> s_;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SKILL_FLOOR_H_
