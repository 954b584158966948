// The baselines must decide exactly as the engine does: a closed-loop run
// of the engine is recorded (events and commands), the events are replayed
// into each baseline, and every command must match, in order.
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/rig.h"
#include "gtest/gtest.h"

namespace acd::bench {
namespace {

std::string Render(const Command& c) {
  std::string body = std::visit(
      [](const auto& b) -> std::string {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Offer>) {
          return absl::StrCat("offer ", b.call, " ", b.agent, " q", b.queue);
        } else if constexpr (std::is_same_v<T, CancelOffer>) {
          return absl::StrCat("cancel ", b.call, " ", b.agent, " ",
                              std::string(ToString(b.reason)));
        } else if constexpr (std::is_same_v<T, CallQueued>) {
          return absl::StrCat("queued ", b.call, " q", b.queue, " #", b.waiting);
        } else if constexpr (std::is_same_v<T, CallConnected>) {
          return absl::StrCat("connected ", b.call, " ", b.agent, " wait ", b.wait_ms);
        } else if constexpr (std::is_same_v<T, RouteCall>) {
          return absl::StrCat("route ", b.call, " ", std::string(ToString(b.kind)));
        } else if constexpr (std::is_same_v<T, CallEnded>) {
          return absl::StrCat("ended ", b.call, " ", std::string(ToString(b.disposition)),
                              " agent ", b.agent, " wait ", b.wait_ms, " talk ", b.talk_ms);
        } else if constexpr (std::is_same_v<T, AgentStateChanged>) {
          return absl::StrCat("agent ", b.agent, " ", std::string(ToString(b.state)), " ",
                              std::string(ToString(b.reason)));
        } else if constexpr (std::is_same_v<T, RuleApplied>) {
          return absl::StrCat("rule ", b.call, " q", b.queue, " #", b.rule, " ", b.held);
        } else if constexpr (std::is_same_v<T, DialCallback>) {
          return absl::StrCat("dial ", b.callback, " ", b.agent, " #", b.attempt);
        } else if constexpr (std::is_same_v<T, CallbackHeld>) {
          return absl::StrCat("held ", b.callback, " until ", b.until_ms);
        } else if constexpr (std::is_same_v<T, AgentLevelChanged>) {
          return absl::StrCat("level ", b.agent, " q", b.queue, " ", b.level);
        } else if constexpr (std::is_same_v<T, AgentPauseChanged>) {
          return absl::StrCat("pause ", b.agent, " q", b.queue, " ", b.paused, " ",
                              std::string(ToString(b.reason)));
        } else {
          static_assert(std::is_same_v<T, Announce>);
          return absl::StrCat("announce ", b.call, " q", b.queue, " #", b.position);
        }
      },
      c.body);
  return absl::StrCat(c.time_ms, " ", body);
}

class RenderSink : public CommandSink {
 public:
  void Emit(const Command& command) override { lines.push_back(Render(command)); }
  std::vector<std::string> lines;
};

void CrossCheck(EngineKind baseline, bool longest_idle_only) {
  BenchCenterOptions center;
  center.agents = 60;
  center.queues = 12;
  center.skills = 8;
  center.seed = 3;
  center.longest_idle_only = longest_idle_only;
  std::vector<Event> events;
  StreamOptions stream;
  stream.seed = 11;
  stream.answer_share = 0.75;  // more ring-outs, so RONA auto-pauses happen
  stream.record = &events;
  RenderSink core_commands;
  auto rig = MakeRig(EngineKind::kCore, center, stream, &core_commands);
  ASSERT_TRUE(rig.ok()) << rig.status();
  (*rig)->stream->Start(40'000);
  ASSERT_EQ((*rig)->stream->stats().errors, 0u);
  ASSERT_GT((*rig)->stream->stats().offers, 5'000u);

  // The stream covers every path the baselines implement.
  for (const char* what : {"ring_timeout", "agent_declined", "abandoned_in_ivr",
                           "abandoned_in_queue", "abandoned_ringing", "no_answer", "break",
                           "logged_out", "wrap_up", "answered"}) {
    const bool seen = std::any_of(
        core_commands.lines.begin(), core_commands.lines.end(),
        [what](const std::string& line) { return line.find(what) != std::string::npos; });
    EXPECT_TRUE(seen) << "the stream never produced " << what;
  }

  RenderSink baseline_commands;
  auto target = MakeTarget(baseline, (*rig)->center.config, &baseline_commands);
  ASSERT_TRUE(target.ok()) << target.status();
  for (size_t i = 0; i < events.size(); ++i) {
    const absl::Status s = (*target)->Apply(events[i]);
    ASSERT_TRUE(s.ok()) << "event " << i << ": " << s;
  }
  const std::vector<std::string>& want = core_commands.lines;
  const std::vector<std::string>& got = baseline_commands.lines;
  for (size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
    ASSERT_EQ(got[i], want[i]) << "first difference at command " << i;
  }
  EXPECT_EQ(got.size(), want.size());
}

TEST(CrossCheck, NaiveQueueWalkMatchesEngineLongestIdle) {
  CrossCheck(EngineKind::kNaiveQueueWalk, true);
}
TEST(CrossCheck, SqliteMatchesEngineLongestIdle) { CrossCheck(EngineKind::kSqlite, true); }
TEST(CrossCheck, NaiveQueueWalkMatchesEngineMixedStrategies) {
  CrossCheck(EngineKind::kNaiveQueueWalk, false);
}
TEST(CrossCheck, SqliteMatchesEngineMixedStrategies) { CrossCheck(EngineKind::kSqlite, false); }
TEST(CrossCheck, NaiveScanMatchesEngine) { CrossCheck(EngineKind::kNaiveScan, false); }

}  // namespace
}  // namespace acd::bench
