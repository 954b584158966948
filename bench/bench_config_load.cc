// Loading a center file: the same generated center as YAML and as JSON, N
// agents each with two skills and two queues (the shape of a large
// center's roster), at 12,500 and 50,000 agents.
//
//   BM_LoadCenterYaml   LoadCenterYaml (libyaml's event parser, our tree, the
//                       proto, the checks)
//   BM_LoadCenterJson   LoadCenterJson (protobuf's JSON parser, the checks)
//
// The goal (issue 15): YAML within 3x of JSON in time and memory.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/config.h"

namespace acd::bench {
namespace {

constexpr const char* kSkills[] = {"german", "english", "french", "italian"};

std::string CenterYaml(int agents) {
  std::string out =
      "name: Generated center\n"
      "skills: [german, english, french, italian]\n"
      "queues:\n"
      "  - name: sales\n    strategy: longest_idle\n    ring_timeout_ms: 10000\n"
      "  - name: support\n    strategy: longest_idle\n    ring_timeout_ms: 15000\n"
      "agents:\n";
  for (int i = 0; i < agents; ++i) {
    absl::StrAppend(&out, "  - id: ", 1000 + i, "\n    name: Agent ", i, "\n    skills:\n",
                    "      - skill: ", kSkills[i % 4], "\n        level: ", 1 + i % 10, "\n",
                    "      - skill: ", kSkills[(i + 1) % 4], "\n        level: 5\n",
                    "    queues:\n      - queue: sales\n        level: ", 1 + i % 10, "\n",
                    "      - queue: support\n        position: 2\n        delay_ms: 20000\n");
  }
  return out;
}

std::string CenterJson(int agents) {
  std::string out =
      "{\"name\":\"Generated center\",\"skills\":[\"german\",\"english\",\"french\","
      "\"italian\"],\"queues\":[{\"name\":\"sales\",\"strategy\":\"longest_idle\","
      "\"ring_timeout_ms\":10000},{\"name\":\"support\",\"strategy\":\"longest_idle\","
      "\"ring_timeout_ms\":15000}],\"agents\":[";
  for (int i = 0; i < agents; ++i) {
    absl::StrAppend(&out, i ? "," : "", "{\"id\":", 1000 + i, ",\"name\":\"Agent ", i,
                    "\",\"skills\":[{\"skill\":\"", kSkills[i % 4], "\",\"level\":", 1 + i % 10,
                    "},{\"skill\":\"", kSkills[(i + 1) % 4], "\",\"level\":5}],",
                    "\"queues\":[{\"queue\":\"sales\",\"level\":", 1 + i % 10,
                    "},{\"queue\":\"support\",\"position\":2,\"delay_ms\":20000}]}");
  }
  return out + "]}";
}

template <bool kYaml>
void BM_LoadCenter(benchmark::State& state) {
  const int agents = static_cast<int>(state.range(0));
  const std::string text = kYaml ? CenterYaml(agents) : CenterJson(agents);
  for (auto _ : state) {
    absl::StatusOr<CenterConfig> center =
        kYaml ? LoadCenterYaml(text, "bench.yaml") : LoadCenterJson(text, "bench.json");
    if (!center.ok() || center->agents.size() != static_cast<size_t>(agents)) {
      std::fprintf(stderr, "load failed: %s\n", std::string(center.status().message()).c_str());
      std::abort();
    }
    benchmark::DoNotOptimize(center);
  }
  state.counters["bytes"] = static_cast<double>(text.size());
}

void BM_LoadCenterYaml(benchmark::State& state) { BM_LoadCenter<true>(state); }
void BM_LoadCenterJson(benchmark::State& state) { BM_LoadCenter<false>(state); }

BENCHMARK(BM_LoadCenterYaml)->Arg(12'500)->Arg(50'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadCenterJson)->Arg(12'500)->Arg(50'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::bench
