// Bad files never crash the loader: truncated, garbled and hostile variants
// of the default center each load or fail with errors naming the file.
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

// Loads `yaml`; when that fails, expects every error line to name the
// file. Returns whether it loaded.
bool LoadsOrNamesTheFile(std::string_view yaml, std::string_view what) {
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
  if (center.ok()) return true;
  EXPECT_EQ(center.status().code(), absl::StatusCode::kInvalidArgument) << what;
  for (absl::string_view line :
       absl::StrSplit(center.status().message(), '\n')) {
    EXPECT_TRUE(absl::StartsWith(line, "g.yaml")) << what << ": " << line;
  }
  return false;
}

TEST(Robustness, EveryTruncationOfTheDefaultCenter) {
  const std::string_view yaml = DefaultCenterYaml();
  int cuts = 0;
  int failed = 0;
  for (size_t cut = 0; cut < yaml.size(); cut += 7, ++cuts) {
    if (!LoadsOrNamesTheFile(yaml.substr(0, cut), absl::StrCat("cut ", cut))) {
      ++failed;
    }
  }
  // Most prefixes lack the agents or end mid-value: they must not pass.
  EXPECT_GT(failed, cuts / 2);
}

TEST(Robustness, GarbledVariantsOfTheDefaultCenter) {
  const std::string original(DefaultCenterYaml());
  const std::string_view noise = "{}[]:,-#&*!|>'\"%@` \n\t\0x9";
  const uint32_t seed = 20240601;
  std::mt19937 rng(seed);
  for (int variant = 0; variant < 400; ++variant) {
    std::string yaml = original;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % yaml.size();
      switch (rng() % 4) {
        case 0:
          yaml[at] = noise[rng() % noise.size()];
          break;
        case 1:
          yaml.erase(at, 1 + rng() % 20);
          break;
        case 2:
          yaml.insert(at, 1, noise[rng() % noise.size()]);
          break;
        default:
          yaml.insert(at, yaml.substr(rng() % yaml.size(), rng() % 40));
          break;
      }
      if (yaml.empty()) yaml = "x";
    }
    LoadsOrNamesTheFile(yaml,
                        absl::StrCat("seed ", seed, " variant ", variant));
  }
}

TEST(Robustness, DeepNestingIsRejected) {
  const std::string lists =
      std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_FALSE(LoadsOrNamesTheFile(lists, "deep lists"));
  EXPECT_FALSE(LoadsOrNamesTheFile(std::string(100'000, '{'), "deep maps"));
}

// Aliases let a small file name a huge tree: here 1000 agents share one
// list of 2000 memberships. The loader stops at its value budget instead of
// walking all of it.
TEST(Robustness, AliasFanOutIsBounded) {
  std::string yaml = "queues: [{name: q}]\nagents:\n  - {id: 1, queues: &m [";
  for (int i = 0; i < 2000; ++i) {
    absl::StrAppend(&yaml, i ? ", " : "", "{queue: q}");
  }
  absl::StrAppend(&yaml, "]}\n");
  for (int i = 2; i <= 1000; ++i) {
    absl::StrAppend(&yaml, "  - {id: ", i, ", queues: *m}\n");
  }
  absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
  ASSERT_FALSE(center.ok());
  EXPECT_EQ(center.status().message(),
            "g.yaml: too many values (more than 1000000); not read");
}

TEST(Robustness, BinaryBytes) {
  std::string bytes;
  std::mt19937 rng(7);
  for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>(rng()));
  EXPECT_FALSE(LoadsOrNamesTheFile(bytes, "random bytes"));
  EXPECT_FALSE(LoadsOrNamesTheFile(std::string("queues: [{name: a\0b}]\n", 23),
                                   "NUL byte"));
}

// Random rule sections, from sensible to absurd: each center loads or fails
// with errors naming the file, and a center that loads is one the engine
// accepts (ValidateCenter passes on what the loader returns). A third of
// the centers are "sane": every choice is the first (valid) option and
// optional parts are left out, so that some load.
class RandomSections {
 public:
  explicit RandomSections(uint32_t seed) : rng_(seed) {}

  std::string Center() {
    sane_ = rng_() % 3 == 0;
    names_ = 0;
    const int queues = 1 + static_cast<int>(rng_() % 3);
    std::string yaml = absl::StrCat("time_zone: ", Pick({"UTC", "Europe/Berlin", "Mars/Base"}),
                                    "\nskills: [german, french]\n", Calendar(), Entries(queues),
                                    "queues:\n");
    for (int q = 0; q < queues; ++q) yaml += Queue(q, queues);
    absl::StrAppend(&yaml, "agents:\n  - id: 1\n    skills: [{skill: german, level: ",
                    Pick({"3", "8", "11"}), "}]\n    queues: [{queue: q0}",
                    queues > 1 ? ", {queue: q1, level: 4}" : "",
                    queues > 2 ? ", {queue: q2}" : "", "]\n",
                    Maybe("    no_answer_delay_ms: " + Number() + "\n"),
                    Maybe("    busy_delay_ms: " + Number() + "\n"),
                    Maybe("    attributes: {seniority: " + Number() + ", " +
                          Pick({"english", "\"\"", "seniority"}) + ": " + Number() + "}\n"));
    return yaml;
  }

 private:
  std::string Pick(std::initializer_list<const char*> options) {
    const size_t index = rng_() % options.size();
    return *(options.begin() + (sane_ ? 0 : index));
  }
  std::string Maybe(const std::string& text) { return rng_() % 2 && !sane_ ? text : ""; }
  // r0, r1, ... when sane (unique), else one of a few (repeats).
  std::string Name(const char* prefix) {
    return absl::StrCat(prefix, sane_ ? names_++ : static_cast<int>(rng_() % 3));
  }
  std::string Number() {
    return Pick({"0", "-1", "1", "5", "11", "20000", "99999999999999", "x"});
  }
  std::string QueueName(int queues) {
    return rng_() % 8 == 0 ? Pick({"nowhere", "\"\""}) : absl::StrCat("q", rng_() % queues);
  }
  std::string Action(int queues) {
    const std::string kind =
        Pick({"callback", "none", "queue", "voicemail", "external", "disconnect", "reject",
              "bogus"});
    return absl::StrCat("{kind: ", kind, kind == "queue" ? ", queue: " + QueueName(queues) : "",
                        Maybe(", target: \"+4930\""), "}");
  }
  std::string Window() {
    return absl::StrCat("{days: [", Pick({"mon-fri", "sat", "fri-mon", "xyz", "mon-"}),
                        "], from: \"", Pick({"08:00", "18:00", "7:5", "00:00"}), "\", to: \"",
                        Pick({"18:00", "24:00", "25:00", "08:00"}), "\"}");
  }
  std::string Calendar() {
    return Maybe(absl::StrCat("calendar:\n  open: [", Window(), "]\n  holidays: [{date: \"",
                              Pick({"2026-12-24", "2026-02-30", "2026-1-1", "2026-12-24"}),
                              "\", open: [", Maybe(Window()), "]}]\n"));
  }
  std::string Entries(int queues) {
    std::string yaml = "entry_rules:\n";
    for (int i = rng_() % 4; i > 0; --i) {
      absl::StrAppend(&yaml, "  - {name: ", Name("e"), ", match: {digits: [\"",
                      Pick({"1", "2*", "3*3", ""}), "\"], open: ", Pick({"yes", "no", "maybe"}),
                      ", intents: [", Pick({"buy", "support", "bogus"}), "]}, route: ",
                      Action(queues), Maybe(", min_level: " + Number()),
                      Maybe(", required_skills: [{skill: french, level: " + Number() + "}]"),
                      "}\n");
    }
    return yaml + Maybe("entry_default: " + Action(queues) + "\n");
  }
  std::string Rule(int queues) {
    return absl::StrCat(
        "      - {name: ", Name("r"), ", after_ms: ", Number(), Maybe(", every_ms: " + Number()),
        ", condition: ",
        Pick({"always", "queue_length_at_least", "no_agent_logged_in", "no_agent_ready",
              "ewt_at_least", "closed", "bogus"}),
        Maybe(", threshold: " + Number()), ", action: ",
        Pick({"route", "set_min_level", "raise_priority", "add_queue", "set_level_bounds",
              "bogus"}),
        ", route: ", Action(queues), Maybe(", level: " + Number()),
        Maybe(", priority_delta: " + Number()), Maybe(", queue: " + QueueName(queues)),
        Maybe(", min_level_change: \"" + Pick({"-3", "+2", "7", "", "x"}) + "\""),
        Maybe(", max_level_change: \"" + Pick({"-1", "5", "+12"}) + "\""),
        Maybe(", level_cap_change: \"" + Pick({"3", "-2"}) + "\""), "}\n");
  }
  std::string Queue(int q, int queues) {
    std::string yaml = absl::StrCat("  - name: q", q, "\n",
                                    Maybe("    strategy: ring_all\n"),
                                    Maybe("    max_wait_ms: 60000\n    on_max_wait: " +
                                          Action(queues) + "\n"),
                                    Maybe("    on_full: " + Action(queues) + "\n"));
    if (rng_() % 2) {
      yaml += "    rules:\n";
      for (int r = 1 + rng_() % 3; r > 0; --r) yaml += Rule(queues);
    }
    absl::StrAppend(
        &yaml,
        Maybe(absl::StrCat("    leave_when_empty: {condition: ",
                           Pick({"never", "no_agent_ready", "bogus"}), ", action: ",
                           Action(queues), "}\n")),
        Maybe("    on_decline: " + Action(queues) + "\n"),
        Maybe("    progressive_ring_ms: " + Number() + "\n"),
        Maybe(absl::StrCat("    max_wait_cuts_ring: ", Pick({"true", "false", "1"}), "\n")),
        Maybe(absl::StrCat("    level_first: ", Pick({"true", "false", "maybe"}), "\n")),
        Maybe("    ignore_levels_up_to_members: " + Number() + "\n"),
        Maybe(absl::StrCat("    skip_empty_delays: ", Pick({"true", "false"}), "\n")),
        Maybe(absl::StrCat("    counters_since_ready: ", Pick({"true", "false"}), "\n")),
        Maybe(absl::StrCat("    auto_pause_here_only: ", Pick({"true", "false", "all"}), "\n")),
        Maybe(absl::StrCat("    counters_here_only: ", Pick({"true", "false"}), "\n")),
        Maybe(absl::StrCat("    rules_from_arrival: ", Pick({"true", "false", "later"}), "\n")),
        Maybe(absl::StrCat("    ring_timeout_moves_on: ", Pick({"true", "false"}), "\n")),
        Maybe(absl::StrCat("    keep_rules_at_entry: ", Pick({"true", "false", "always"}), "\n")),
        Maybe("    auto_pause_delay_ms: " + Number() + "\n"),
        Maybe(absl::StrCat("    auto_pause_busy: ", Pick({"true", "false", "busy"}), "\n")),
        Maybe(absl::StrCat("    auto_pause_unavailable: ", Pick({"true", "false"}), "\n")),
        Maybe(absl::StrCat("    order_by: {attribute: ", Pick({"seniority", "\"\"", "x"}),
                           ", direction: ", Pick({"asc", "desc", "sideways"}), "}\n")),
        Maybe("    announcements: {every_ms: " + Number() + ", ewt_round_ms: " + Number() +
              "}\n"),
        Maybe(absl::StrCat("    callback: {queue: ", QueueName(queues),
                           ", max_attempts: ", Number(), ", retry_factor: ",
                           Pick({"0.5", "2", "nan"}), "}\n")));
    return yaml;
  }

  std::mt19937 rng_;
  bool sane_ = false;
  int names_ = 0;
};

TEST(Robustness, RandomRuleSections) {
  const uint32_t seed = 20260101;
  RandomSections random(seed);
  int loaded = 0;
  for (int variant = 0; variant < 600; ++variant) {
    const std::string yaml = random.Center();
    const std::string what = absl::StrCat("seed ", seed, " variant ", variant, ":\n", yaml);
    if (!LoadsOrNamesTheFile(yaml, what)) continue;
    ++loaded;
    absl::StatusOr<CenterConfig> center = LoadCenterYaml(yaml, "g.yaml");
    ASSERT_TRUE(center.ok());
    EXPECT_TRUE(ValidateCenter(*center).ok()) << what;
  }
  // Some variants must get through, or the checks above prove nothing.
  EXPECT_GT(loaded, 0);
  EXPECT_LT(loaded, 600);
}

}  // namespace
}  // namespace acd
