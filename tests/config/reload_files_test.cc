// Live reload from files: the floor switches the running default center
// (through the reception desk) to the direct variant mid-morning. The
// desk's waiting callers need a stated rule; a file that does not load
// changes nothing; an accepted reload keeps every call.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(ACD_SOURCE_DIR) + "/examples/centers/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ReloadFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<CenterConfig> center = LoadCenterYaml(ReadExample("sales.yaml"), "sales.yaml");
    ASSERT_TRUE(center.ok()) << center.status();
    auto engine = Engine::Create(*center, &sink_, EngineOptions{3, /*check_invariants=*/true});
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
    // Tuesday 2026-11-24, 10:00 in Berlin: open.
    absl::TimeZone berlin;
    ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
    t0_ms_ = absl::ToUnixMillis(absl::FromCivil(absl::CivilMinute(2026, 11, 24, 10, 0), berlin));
  }
  absl::Status At(double t_s, EventBody body) {
    return engine_->Apply(Event{0, t0_ms_ + static_cast<TimeMs>(t_s * 1000), std::move(body)});
  }
  template <typename T>
  std::vector<T> Take() {
    std::vector<T> out;
    for (const Command& c : sink_.commands)
      if (const T* x = std::get_if<T>(&c.body)) out.push_back(*x);
    return out;
  }
  QueueId Queue(const std::string& name) const {
    const CenterConfig& c = engine_->center();
    for (QueueId q = 0; q < c.queues.size(); ++q)
      if (c.queues[q].name == name) return q;
    ADD_FAILURE() << "no queue " << name;
    return 0;
  }

  VectorSink sink_;
  std::unique_ptr<Engine> engine_;
  TimeMs t0_ms_ = 0;
};

TEST_F(ReloadFilesTest, TheFloorSwitchesToDirectRoutingWithoutLosingACall) {
  // The assistants are in but on a break; the sellers are ready.
  for (AgentId id : {101, 102}) ASSERT_TRUE(At(0, AgentLogin{id, false}).ok());
  for (AgentId id = 111; id <= 119; ++id) ASSERT_TRUE(At(0, AgentLogin{id, true}).ok());
  // Existing orders (menu 2) wait at the desk; buyers (menu 1) ring sellers.
  for (CallId id = 1; id <= 8; ++id) {
    CallAttributes caller;
    caller.ani = "+4930555" + std::to_string(1000 + id);
    ASSERT_TRUE(At(id, CallArrive{id, caller}).ok());
    ASSERT_TRUE(At(id + 0.5, CallClassify{id, id % 2 == 0 ? "2" : "1"}).ok());
  }
  const QueueStats desk = *engine_->GetQueueStats(Queue("reception"));
  ASSERT_EQ(desk.waiting, 4u);
  const CallCounts before_counts = engine_->counts();

  // The direct variant has no desk: without a rule for its callers the
  // reload is refused and nothing changes.
  const std::string direct = ReadExample("sales-direct.yaml");
  absl::StatusOr<CenterConfig> next = LoadCenterYaml(direct, "sales-direct.yaml");
  ASSERT_TRUE(next.ok()) << next.status();
  const uint64_t hash = engine_->StateHash();
  sink_.commands.clear();
  absl::Status refused = engine_->Reconfigure(*next);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("on_queue_removed: queue 'reception' is removed"),
            std::string::npos) << refused;
  EXPECT_EQ(engine_->StateHash(), hash);
  EXPECT_TRUE(sink_.commands.empty());

  // A file with a mistake does not load, so it cannot change anything.
  absl::StatusOr<CenterConfig> broken =
      LoadCenterYaml(direct + "on_queue_removed: {kind: queue, queue: salse}\n", "direct.yaml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("on_queue_removed.queue"), std::string::npos)
      << broken.status();

  // The desk's callers go to the sellers.
  next = LoadCenterYaml(direct + "on_queue_removed: {kind: queue, queue: sales}\n", "direct.yaml");
  ASSERT_TRUE(next.ok()) << next.status();
  ASSERT_TRUE(engine_->Reconfigure(*next).ok());
  EXPECT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  size_t moved = 0;
  for (const RouteCall& r : Take<RouteCall>()) moved += r.cause == RouteCause::kQueueRemoved;
  EXPECT_EQ(moved, 4u);
  size_t logged_out = 0;
  for (const AgentStateChanged& s : Take<AgentStateChanged>()) {
    logged_out += (s.agent == 101 || s.agent == 102) && s.state == AgentState::kLoggedOut;
  }
  EXPECT_EQ(logged_out, 2u);
  const CallCounts after = engine_->counts();
  EXPECT_EQ(after.arrived, before_counts.arrived);
  EXPECT_EQ(after.ended, before_counts.ended);
  EXPECT_EQ(after.waiting + after.offered + after.talking,
            before_counts.waiting + before_counts.offered + before_counts.talking);
  for (CallId id = 2; id <= 8; id += 2) EXPECT_EQ(engine_->GetCall(id)->queue, Queue("sales"));
  EXPECT_FALSE(engine_->GetAgent(101).ok());

  // Sellers answer whatever rings and talk for 5 s, until every call ended.
  for (double t_s = 25; t_s < 900 && engine_->counts().ended < 8; t_s += 5) {
    ASSERT_TRUE(engine_->AdvanceTo(t0_ms_ + static_cast<TimeMs>(t_s * 1000)).ok());
    for (CallId id = 1; id <= 8; ++id) {
      absl::StatusOr<CallView> call = engine_->GetCall(id);
      if (!call.ok()) continue;
      if (call->state == CallState::kTalking) {
        ASSERT_TRUE(At(t_s, CallEndTalk{id}).ok());
      }
      if (call->state == CallState::kOffered) {
        ASSERT_TRUE(At(t_s, CallAnswer{id, call->ringing[0]}).ok());
      }
    }
  }
  for (const CallEnded& e : Take<CallEnded>()) {
    EXPECT_EQ(e.disposition, Disposition::kAnswered) << "call " << e.call;
  }
  EXPECT_EQ(engine_->counts().by_disposition[static_cast<int>(Disposition::kAnswered)], 8u);
}

}  // namespace
}  // namespace acd
