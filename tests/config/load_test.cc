// Loading good centers: the examples (from disk, embedded, as JSON), the
// schema's defaults and the name lookups.
#include <fstream>
#include <sstream>
#include <string>

#include "acd/config.h"
#include "center_dump.h"
#include "acd/config_proto.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ExamplePath(std::string_view name) {
  return std::string(ACD_SOURCE_DIR) + "/examples/centers/" + std::string(name);
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(LoadCenterFile, SalesExampleLoads) {
  absl::StatusOr<CenterConfig> center =
      LoadCenterFile(ExamplePath("sales.yaml"));
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_EQ(center->queues.size(), 4u);
  EXPECT_EQ(center->agents.size(), 17u);
  const CenterNames names(*center);
  ASSERT_TRUE(names.Queue("sales").has_value());
  ASSERT_TRUE(names.Queue("reception").has_value());
  const QueueConfig& sales = center->queues[*names.Queue("sales")];
  EXPECT_EQ(sales.ring_timeout_ms, 10'000);
  EXPECT_EQ(sales.max_misses, 3);
  EXPECT_GT(sales.wrapup_ms, 0);
  EXPECT_EQ(sales.on_max_wait.kind, OverflowKind::kQueue);
  EXPECT_EQ(sales.on_max_wait.queue, *names.Queue("reception"));
  const QueueConfig& reception = center->queues[*names.Queue("reception")];
  EXPECT_EQ(reception.on_max_wait.kind, OverflowKind::kCallback);
  size_t sellers = 0;
  for (const AgentConfig& agent : center->agents) {
    for (const Membership& m : agent.queues) {
      if (m.queue == *names.Queue("sales")) ++sellers;
    }
  }
  EXPECT_EQ(sellers, 10u);
}

// The floor's rules of issue "The embedded default center": business
// hours, the menu's entry rules, skill relaxation, the screened director.
TEST(LoadCenterFile, SalesExampleHasTheFloorsRules) {
  absl::StatusOr<CenterConfig> center = LoadCenterFile(ExamplePath("sales.yaml"));
  ASSERT_TRUE(center.ok()) << center.status();
  const CenterNames names(*center);
  EXPECT_EQ(center->calendar.time_zone.name(), "Europe/Berlin");
  ASSERT_EQ(center->calendar.open.size(), 1u);
  EXPECT_EQ(center->calendar.open[0].weekdays, 0x1f);
  EXPECT_GE(center->calendar.holidays.size(), 2u);
  std::vector<std::string> entry_names;
  for (const EntryRule& rule : center->entry_rules) entry_names.push_back(rule.name);
  EXPECT_THAT(entry_names, ElementsAre("director after hours", "director", "closed",
                                       "offering us something", "buy", "existing order",
                                       "support in French", "support"));
  const EntryRule& offer = center->entry_rules[3];
  EXPECT_EQ(offer.route.kind, OverflowKind::kReject);
  EXPECT_EQ(offer.route.target, "please send your offer by e-mail");
  EXPECT_EQ(center->entry_rules[2].route.kind, OverflowKind::kCallback);
  EXPECT_EQ(center->entry_rules[4].min_level, 8);
  EXPECT_EQ(center->entry_rules[6].skills_expr.ToString(center->skills), "english>=8 | french");
  const QueueConfig& sales = center->queues[*names.Queue("sales")];
  std::vector<int> levels;
  for (const OverflowRule& rule : sales.rules) {
    if (rule.action == RuleActionKind::kSetMinLevel) levels.push_back(rule.level);
  }
  EXPECT_THAT(levels, ElementsAre(5, 1));
  EXPECT_GT(sales.announcements.every_ms, 0);
  EXPECT_TRUE(sales.callback.enabled);
  const QueueConfig& director = center->queues[*names.Queue("director")];
  EXPECT_EQ(director.on_decline.kind, OverflowKind::kVoicemail);
  const QueueConfig& reception = center->queues[*names.Queue("reception")];
  EXPECT_EQ(reception.callback.queue, *names.Queue("sales"));
}

TEST(LoadCenterFile, DirectVariantHasNoReceptionHop) {
  absl::StatusOr<CenterConfig> center =
      LoadCenterFile(ExamplePath("sales-direct.yaml"));
  ASSERT_TRUE(center.ok()) << center.status();
  const CenterNames names(*center);
  EXPECT_FALSE(names.Queue("reception").has_value());
  ASSERT_TRUE(names.Queue("sales").has_value());
  EXPECT_EQ(center->queues[*names.Queue("sales")].on_max_wait.kind,
            OverflowKind::kCallback);
}

TEST(DefaultCenter, IsTheEmbeddedSalesFile) {
  EXPECT_EQ(DefaultCenterYaml(), ReadText(ExamplePath("sales.yaml")));
  absl::StatusOr<CenterConfig> center = DefaultCenter();
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_EQ(center->queues.size(), 4u);
}

TEST(EmbeddedCenters, BothExamplesAreCompiledIn) {
  EXPECT_THAT(EmbeddedCenterNames(), ElementsAre("sales", "sales-direct"));
  ASSERT_TRUE(EmbeddedCenterYaml("sales-direct").has_value());
  EXPECT_EQ(*EmbeddedCenterYaml("sales-direct"),
            ReadText(ExamplePath("sales-direct.yaml")));
  EXPECT_TRUE(LoadEmbeddedCenter("sales-direct").ok());
  EXPECT_FALSE(EmbeddedCenterYaml("nope").has_value());
  EXPECT_EQ(LoadEmbeddedCenter("nope").status().code(),
            absl::StatusCode::kNotFound);
}

// The same center written as JSON (protobuf's mapping) loads to the same
// config as the YAML file, field for field.
TEST(LoadCenterJson, MatchesTheYamlOfTheSameCenter) {
  for (std::string_view name : EmbeddedCenterNames()) {
    const std::string_view yaml = *EmbeddedCenterYaml(name);
    absl::StatusOr<v1::Center> proto = ParseCenterYaml(yaml, name);
    ASSERT_TRUE(proto.ok()) << proto.status();
    std::string json;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*proto, &json).ok());
    absl::StatusOr<CenterConfig> from_json = LoadCenterJson(json, "center.json");
    ASSERT_TRUE(from_json.ok()) << from_json.status();
    absl::StatusOr<CenterConfig> from_yaml = LoadEmbeddedCenter(name);
    ASSERT_TRUE(from_yaml.ok()) << from_yaml.status();
    EXPECT_EQ(testing::DumpCenter(*from_json), testing::DumpCenter(*from_yaml)) << name;
    EXPECT_FALSE(from_yaml->entry_rules.empty()) << name;
    EXPECT_FALSE(from_yaml->calendar.always_open()) << name;
  }
}

TEST(LoadCenterFile, ReadsJsonByExtension) {
  const std::string path = ::testing::TempDir() + "/center.json";
  std::ofstream(path) << R"({"skills": ["german"],
    "queues": [{"name": "desk", "onFull": {"kind": "callback"}}],
    "agents": [{"id": "7", "queues": [{"queue": "desk"}]}]})";
  absl::StatusOr<CenterConfig> center = LoadCenterFile(path);
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_EQ(center->agents[0].id, 7u);
}

// Leaving a field out gives the schema's default; setting it to 0 means 0.
TEST(LoadCenterYaml, AppliesDefaultsOnlyToFieldsLeftOut) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(R"(
queues:
  - name: desk
    max_misses: 0
agents:
  - id: 1
    queues: [{queue: desk}]
)",
                                                       "defaults.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  const QueueConfig& q = center->queues[0];
  const QueueConfig defaults;
  EXPECT_EQ(q.strategy, Strategy::kLongestIdle);
  EXPECT_EQ(q.ring_timeout_ms, defaults.ring_timeout_ms);
  EXPECT_EQ(q.wait_weight, defaults.wait_weight);
  EXPECT_EQ(q.max_misses, 0);
  EXPECT_EQ(q.max_length, defaults.max_length);
  EXPECT_EQ(q.on_full.kind, OverflowKind::kDisconnect);
  EXPECT_EQ(q.on_full.target, "queue full");
  EXPECT_EQ(q.ring_all_max, defaults.ring_all_max);
  EXPECT_FALSE(q.has_skill);
  const AgentConfig& a = center->agents[0];
  EXPECT_EQ(a.capacity, 1u);
  EXPECT_EQ(a.queues[0].level, kMaxLevel);
  EXPECT_EQ(a.queues[0].weight, 1.0);
  EXPECT_EQ(center->max_live_calls, CenterConfig().max_live_calls);
}

TEST(LoadCenterYaml, ResolvesNamesToIndexes) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(R"(
skills: [german, french]
queues:
  - {name: a, skill: french, strategy: ring_all, max_wait_ms: 1000,
     on_max_wait: {kind: queue, queue: b}}
  - {name: b, max_wait_ms: 5000, on_max_wait: {kind: voicemail, target: box}}
agents:
  - id: 9
    skills: [{skill: french, level: 4}]
    queues: [{queue: b, level: 2, delay_ms: 3000, position: 5, weight: 2.5},
             {queue: a}]
)",
                                                       "names.yaml");
  ASSERT_TRUE(center.ok()) << center.status();
  EXPECT_TRUE(center->queues[0].has_skill);
  EXPECT_EQ(center->queues[0].skill, 1u);
  EXPECT_EQ(center->queues[0].strategy, Strategy::kRingAll);
  EXPECT_EQ(center->queues[0].on_max_wait.queue, 1u);
  EXPECT_EQ(center->queues[1].on_max_wait.target, "box");
  const AgentConfig& a = center->agents[0];
  EXPECT_EQ(a.skills, (std::vector<SkillLevel>{{1, 4}}));
  EXPECT_EQ(a.queues[0].queue, 1u);
  EXPECT_EQ(a.queues[0].level, 2);
  EXPECT_EQ(a.queues[0].delay_ms, 3000);
  EXPECT_EQ(a.queues[0].position, 5u);
  EXPECT_EQ(a.queues[0].weight, 2.5);
  EXPECT_EQ(a.queues[1].queue, 0u);
}

TEST(CenterNames, FindsQueuesSkillsAndAgents) {
  absl::StatusOr<CenterConfig> center = DefaultCenter();
  ASSERT_TRUE(center.ok());
  const CenterNames names(*center);
  ASSERT_TRUE(names.Skill("tech_support").has_value());
  EXPECT_EQ(center->skills[*names.Skill("tech_support")], "tech_support");
  ASSERT_TRUE(names.AgentById(141).has_value());
  EXPECT_EQ(center->agents[*names.AgentById(141)].name, "Petra Lange");
  ASSERT_TRUE(names.AgentByName("Katrin Weber").has_value());
  EXPECT_EQ(center->agents[*names.AgentByName("Katrin Weber")].id, 111u);
  EXPECT_FALSE(names.Queue("marketing").has_value());
  EXPECT_FALSE(names.Skill("spanish").has_value());
  EXPECT_FALSE(names.AgentById(999).has_value());
  EXPECT_FALSE(names.AgentByName("Nobody").has_value());
}

TEST(CenterFromProto, ChecksAMessageBuiltInCode) {
  v1::Center proto;
  v1::Queue* q = proto.add_queues();
  q->set_name("desk");
  q->set_ring_timeout_ms(0);
  absl::StatusOr<CenterConfig> center = CenterFromProto(proto, "rpc");
  ASSERT_FALSE(center.ok());
  EXPECT_THAT(center.status().message(),
              HasSubstr("rpc: queues[0].ring_timeout_ms: must be > 0, got 0"));
}

// A hand-written JSON center (protobuf's field names in lowerCamelCase)
// gives the same config as its YAML twin.
TEST(RulesLoad, JsonAndYamlGiveTheSameConfig) {
  absl::StatusOr<CenterConfig> from_yaml = LoadCenterYaml(R"(
time_zone: Europe/Berlin
calendar:
  open: [{days: [mon-fri], from: "08:00", to: "18:00"}]
  holidays: [{date: "2026-12-24", open: [{from: "08:00", to: "12:00"}]}]
entry_rules:
  - {name: buy, match: {digits: ["1"], open: "yes"},
     route: {kind: queue, queue: sales}, min_level: 8}
boosts: {vip: 2}
skills: [german]
queues:
  - name: sales
    rules:
      - {name: relax, after_ms: 20000, action: set_min_level, level: 5}
      - {name: busy, after_ms: 45000, condition: no_agent_ready,
         route: {kind: callback}}
    announcements: {every_ms: 30000}
    callback: {max_attempts: 2}
agents: [{id: 1, queues: [{queue: sales}], busy_delay_ms: 3000}]
)",
                                                          "c.yaml");
  absl::StatusOr<CenterConfig> from_json = LoadCenterJson(R"({
  "timeZone": "Europe/Berlin",
  "calendar": {
    "open": [{"days": ["mon-fri"], "from": "08:00", "to": "18:00"}],
    "holidays": [{"date": "2026-12-24", "open": [{"from": "08:00", "to": "12:00"}]}]},
  "entryRules": [{"name": "buy", "match": {"digits": ["1"], "open": "yes"},
                  "route": {"kind": "queue", "queue": "sales"}, "minLevel": 8}],
  "boosts": {"vip": 2},
  "skills": ["german"],
  "queues": [{
    "name": "sales",
    "rules": [
      {"name": "relax", "afterMs": "20000", "action": "set_min_level", "level": 5},
      {"name": "busy", "afterMs": "45000", "condition": "no_agent_ready",
       "route": {"kind": "callback"}}],
    "announcements": {"everyMs": "30000"},
    "callback": {"maxAttempts": 2}}],
  "agents": [{"id": "1", "queues": [{"queue": "sales"}], "busyDelayMs": "3000"}]
})",
                                                          "c.json");
  ASSERT_TRUE(from_yaml.ok()) << from_yaml.status();
  ASSERT_TRUE(from_json.ok()) << from_json.status();
  EXPECT_EQ(testing::DumpCenter(*from_json), testing::DumpCenter(*from_yaml));
  EXPECT_EQ(from_json->queues[0].rules[1].after_ms, 45'000);
}

}  // namespace
}  // namespace acd
