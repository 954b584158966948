// Helpers for the shard journal tests: a seeded stream of engine inputs
// (the core fuzz's recorded steps, with live reloads to mutated centers
// mixed in), feeding one input to a journal and its engine as a shard does,
// and the StateHash of an engine that applied a prefix without stopping.
// Not thread-safe; plain functions over values.
#ifndef ACD_TESTS_RUNTIME_SHARD_TEST_UTIL_H_
#define ACD_TESTS_RUNTIME_SHARD_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "acd/engine.h"
#include "acd/env.h"
#include "acd/journal_format.h"
#include "acd/shard_journal.h"
#include "tests/core/center_mutate.h"
#include "tests/core/sim_driver.h"
#include "tests/core/test_rng.h"

namespace acd::test_runtime {

struct InputStream {
  CenterConfig center;
  uint64_t engine_seed = 0;
  std::vector<ShardRecord> inputs;  // Event, ShardAdvance or ShardReconfigure
};

// `steps` fuzz steps of `seed` (faults included: rejected events are
// journaled too), with a reload about every 400 inputs.
inline InputStream MakeStream(uint64_t seed, int steps) {
  testing::FuzzOptions fuzz;
  fuzz.seed = seed;
  fuzz.events = steps;
  fuzz.twin = false;
  fuzz.record = true;
  testing::FuzzResult run = testing::RunFuzzSeed(fuzz);
  InputStream out;
  out.center = testing::CenterForSeed(seed);
  out.engine_seed = seed;
  testing::TestRng rng(seed ^ 0x7368617264ULL);
  CenterConfig current = out.center;
  for (const testing::Step& step : run.steps) {
    if (rng.PerMille(3)) {
      current = testing::MutateCenter(current, rng);
      out.inputs.push_back(ShardReconfigure{current});
    }
    if (step.advance) {
      out.inputs.push_back(ShardAdvance{step.event.time_ms});
    } else {
      out.inputs.push_back(step.event);
    }
  }
  return out;
}

// Applies `input` to `engine`, ignoring its status, as the shard did.
inline void ApplyInput(Engine& engine, const ShardRecord& input) {
  if (const auto* event = std::get_if<Event>(&input)) {
    engine.Apply(*event).IgnoreError();
  } else if (const auto* advance = std::get_if<ShardAdvance>(&input)) {
    engine.AdvanceTo(advance->time_ms).IgnoreError();
  } else if (const auto* reload = std::get_if<ShardReconfigure>(&input)) {
    engine.Reconfigure(reload->center).IgnoreError();
  }
}

// Journals `input`, then applies it.
inline absl::Status Feed(ShardJournal& journal, Engine& engine, const ShardRecord& input) {
  absl::Status s;
  if (const auto* event = std::get_if<Event>(&input)) {
    s = journal.AppendEvent(*event);
  } else if (const auto* advance = std::get_if<ShardAdvance>(&input)) {
    s = journal.AppendAdvance(advance->time_ms);
  } else if (const auto* reload = std::get_if<ShardReconfigure>(&input)) {
    s = journal.AppendReconfigure(reload->center);
  }
  ApplyInput(engine, input);
  return s;
}

// The StateHash of a fresh engine after inputs[0, n).
inline uint64_t HashAfter(const InputStream& stream, const std::vector<ShardRecord>& inputs,
                          size_t n) {
  NullSink sink;
  std::unique_ptr<Engine> engine =
      *Engine::Create(stream.center, &sink, EngineOptions{stream.engine_seed});
  for (size_t i = 0; i < n && i < inputs.size(); ++i) ApplyInput(*engine, inputs[i]);
  return engine->StateHash();
}

// The newest segment of `dir` (a path), or "" when there is none.
inline std::string NewestSegment(Env& env, const std::string& dir) {
  std::string newest;
  const absl::StatusOr<std::vector<std::string>> names = env.GetChildren(dir);
  for (const std::string& name : names.value_or(std::vector<std::string>{})) {
    if (journal::ParseSegmentFileName(name)) newest = name;  // names sort by seq
  }
  return newest.empty() ? newest : dir + "/" + newest;
}

}  // namespace acd::test_runtime

#endif  // ACD_TESTS_RUNTIME_SHARD_TEST_UTIL_H_
