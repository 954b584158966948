// The center's definition of a seller (the file's `sellers`: a queue or a
// skill) and "time to reach a seller", counted from it alone.
#include <optional>
#include <string>

#include "acd/config.h"
#include "acd/sellers.h"
#include "acd/sim.h"
#include "gtest/gtest.h"
#include "tests/sim/test_center.h"

namespace acd {
namespace {

constexpr char kCenter[] = R"(
skills: [german, furniture]
queues:
  - name: desk
  - name: sales
agents:
  - {id: 1, name: Ann, skills: [{skill: german, level: 8}], queues: [{queue: desk}]}
  - {id: 2, name: Ben, skills: [{skill: furniture, level: 5}], queues: [{queue: sales}]}
)";

absl::StatusOr<PlanningCenter> Load(const std::string& sellers) {
  return LoadPlanningCenterYaml(std::string(kCenter) + sellers, "c.yaml");
}

TEST(Sellers, TheCenterFileNamesAQueueOrASkill) {
  absl::StatusOr<PlanningCenter> none = Load("");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->sellers.has_value());
  absl::StatusOr<PlanningCenter> queue = Load("sellers: {queue: sales}\n");
  ASSERT_TRUE(queue.ok()) << queue.status();
  ASSERT_TRUE(queue->sellers.has_value());
  EXPECT_EQ(queue->sellers->kind, SellerDefinition::Kind::kQueue);
  EXPECT_EQ(queue->sellers->index, 1u);
  EXPECT_EQ(queue->sellers->Describe(), "queue sales");
  absl::StatusOr<PlanningCenter> skill = Load("sellers: {skill: furniture}\n");
  ASSERT_TRUE(skill.ok()) << skill.status();
  EXPECT_EQ(skill->sellers->kind, SellerDefinition::Kind::kSkill);
  EXPECT_EQ(skill->sellers->Describe(), "skill furniture");
  EXPECT_EQ(SellerAgents(skill->center, *skill->sellers), (std::vector<bool>{false, true}));
  // The engine's loaders check the entry too, and drop it.
  EXPECT_TRUE(LoadCenterYaml(std::string(kCenter) + "sellers: {queue: sales}\n", "c.yaml").ok());
}

TEST(Sellers, ABadEntryIsAnErrorNamingTheField) {
  EXPECT_EQ(Load("sellers: {queue: sale}\n").status().message(),
            "c.yaml:9: sellers.queue: no queue named \"sale\" (did you mean \"sales\"?)");
  EXPECT_EQ(Load("sellers: {skill: lamps}\n").status().message(),
            "c.yaml:9: sellers.skill: no skill named \"lamps\" (expected one of: german, "
            "furniture)");
  EXPECT_EQ(Load("sellers: {queue: sales, skill: german}\n").status().message(),
            "c.yaml:9: sellers: names both a queue and a skill: name one");
  EXPECT_EQ(Load("sellers: {}\n").status().message(),
            "c.yaml:9: sellers: names no queue and no skill: name one (e.g. sellers: {queue: "
            "sales})");
  EXPECT_FALSE(LoadCenterYaml(std::string(kCenter) + "sellers: {queue: x}\n", "c.yaml").ok());
}

TEST(Sellers, TheEmbeddedCenterNamesItsSellers) {
  absl::StatusOr<PlanningCenter> center = DefaultPlanningCenter();
  ASSERT_TRUE(center.ok()) << center.status();
  ASSERT_TRUE(center->sellers.has_value());
  EXPECT_EQ(center->sellers->Describe(), "queue sales");
}

// Counted only from the definition: none, no figure; a queue, the calls
// that first reached it and one of its agents answered; a skill, the calls
// its holders answered.
TEST(Sellers, TimeToReachASellerFollowsTheDefinition) {
  const CenterConfig center = testing::SmallCenter(4, 2, 30'000);
  SimOptions o = testing::HourOptions(150, 21);
  o.kpi_interval_ms = 15 * kMsPerMinute;
  auto reached = [&](std::optional<SellerDefinition> sellers) {
    o.sellers = std::move(sellers);
    absl::StatusOr<SimResult> r = RunSimulation(center, o);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->intervals.Total().reached_wanted : 0;
  };
  EXPECT_EQ(reached(std::nullopt), 0u);
  const absl::StatusOr<SellerDefinition> desk = SellerQueue(center, "RECEPTION", "--seller-queue");
  ASSERT_TRUE(desk.ok()) << desk.status();
  const uint64_t at_desk = reached(*desk);
  EXPECT_GT(at_desk, 0u);
  const absl::StatusOr<SimResult> run = RunSimulation(center, o);
  ASSERT_TRUE(run.ok());
  EXPECT_LE(at_desk, run->kpis.queues[1].answered);
  EXPECT_EQ(SellerQueue(center, "buyers", "--seller-queue").status().message(),
            "--seller-queue: the center has no queue named \"buyers\" (the sellers' queue)");
  o.sellers = SellerDefinition{SellerDefinition::Kind::kQueue, 9, "nine"};
  EXPECT_EQ(RunSimulation(center, o).status().message(),
            "sellers: no queue 9 in the center (it has 2)");
}

// "Time to reach a seller by callback" too: only a seller's connection
// counts, and nothing without sellers.
TEST(Sellers, ReachingASellerByCallbackFollowsTheDefinition) {
  absl::StatusOr<PlanningCenter> center = LoadEmbeddedPlanningCenter("sales-direct");
  ASSERT_TRUE(center.ok()) << center.status();
  SimOptions o = SalesDepartmentOptions(center->center);
  o.seed = 3;
  o.kpi_interval_ms = 15 * kMsPerMinute;
  ASSERT_TRUE(ScaleTraffic(200, o.start_ms, o.end_ms, &o.traffic).ok());
  o.sellers = center->sellers;
  absl::StatusOr<SimResult> sellers = RunSimulation(center->center, o);
  ASSERT_TRUE(sellers.ok()) << sellers.status();
  const CallbackKpi& k = sellers->kpis.callbacks;
  EXPECT_GT(k.at_seller, 0u);
  EXPECT_LE(k.at_seller, k.connected);
  EXPECT_EQ(sellers->intervals.Total().callbacks_at_seller, k.at_seller);
  EXPECT_GT(k.ReachMeanMs(), 0);
  o.sellers = std::nullopt;
  absl::StatusOr<SimResult> none = RunSimulation(center->center, o);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_GT(none->kpis.callbacks.connected, 0u);
  EXPECT_EQ(none->kpis.callbacks.at_seller, 0u);
  EXPECT_EQ(none->kpis.callbacks.ReachMeanMs(), 0);
  EXPECT_EQ(none->intervals.Total().callbacks_at_seller, 0u);
}

}  // namespace
}  // namespace acd
