// The fuzz driver: runs one seed end to end. It draws a random center and
// an EventGenerator from the seed, feeds the engine step by step (for an
// event: AdvanceTo(event time) then Apply, so that timer commands and event
// commands are told apart), and after every step runs the InvariantChecker.
// A twin engine gets the same events through plain Apply (timers fired
// inside Apply) and must produce the same commands and the same StateHash:
// that checks replay and Apply's "fire due timers first" contract at once.
// The first broken invariant stops the run with a report that names the
// seed, the step, the event, what broke, the recent history and how to
// rerun. Not thread-safe; one run per thread.
#ifndef ACD_TESTS_CORE_SIM_DRIVER_H_
#define ACD_TESTS_CORE_SIM_DRIVER_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "acd/center.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "tests/core/event_gen.h"

namespace acd::testing {

// Live reloads (Engine::Reconfigure) before random steps, about 1 in 300:
// kIdentity reloads the engine's own center (nothing may change: the same
// StateHash, and the twin engine, never reloaded, keeps emitting the same
// commands); kMutated also reloads changed centers (MutateCenter), the twin
// alike. kRules reloads changed rules every time (MutateRules: rules added,
// dropped and retimed, queues removed and reordered under them), for the
// callers who keep the rules they entered with (keep_rules_at_entry).
// Reloads are not in FuzzResult::steps (ReplaySteps cannot replay them).
enum class ReloadMode : uint8_t { kOff, kIdentity, kMutated, kRules };

struct FuzzOptions {
  uint64_t seed = 1;
  int events = 5000;   // steps (Apply or AdvanceTo calls)
  bool twin = true;    // also drive and compare the twin engine
  bool record = false;  // keep every step and command in the result
  ReloadMode reloads = ReloadMode::kOff;
  // Before random steps (about 1 in 300) the engine is replaced by one
  // restored from its own Snapshot(): no command, the same StateHash and
  // snapshot bytes, and from then on the same commands as the twin engine,
  // which never stopped (sim_driver_snapshot.cc).
  bool restores = false;
};

struct FuzzStats {
  uint64_t accepted = 0, rejected = 0, advances = 0, faults = 0, commands = 0;
  uint64_t fault_counts[static_cast<int>(Fault::kCount)] = {};
  uint64_t by_command[std::variant_size_v<CommandBody>] = {};  // by CommandBody index
  uint64_t accepted_by_event[std::variant_size_v<EventBody>] = {};  // by EventBody index
  uint64_t cancels_by_reason[7] = {};                           // by CancelReason
  uint64_t ring_all_offers = 0;
  uint64_t no_answer_pauses = 0;
  uint64_t preferred_offers = 0;    // to the caller's own seller
  uint64_t transfer_offers = 0;     // to a named colleague (CallTransferToAgent)
  uint64_t progressive_offers = 0;  // an agent added to a ringing call
  uint64_t skill_expr_offers = 0;   // of calls with a skills_expr
  uint64_t score_offers = 0;        // in best_skill_score queues
  uint64_t ordered_offers = 0;      // in queues with an order_by
  uint64_t level_offers = 0;        // in the step of an AgentSetLevel (mostly an agent raised into range)
  uint64_t rules_held = 0, rules_passed_over = 0;
  uint64_t routes_by_cause[9] = {};  // by RouteCause
  uint64_t state_hashes = 0;  // StateHash calls by the driver (they walk the state)
  // Reloads: to the engine's own center; to changed centers, accepted and
  // refused (by absl::StatusCode); steps checked without the shadow model.
  uint64_t reloads_identity = 0, reloads_accepted = 0;
  uint64_t reloads_refused_by_code[17] = {};
  uint64_t steps_unshadowed = 0;
  uint64_t restores = 0;            // engines replaced by a restore from their snapshot
  uint64_t snapshot_bytes_max = 0;  // the largest snapshot taken
};

struct FuzzResult {
  bool ok = true;
  std::string report;  // on failure: what broke and how to rerun
  FuzzStats stats;
  CallCounts counts;
  uint64_t final_hash = 0;
  std::vector<Step> steps;        // when options.record
  std::vector<Command> commands;  // when options.record
};

// A suite's seed count, divided by ACD_FUZZ_DIVISOR when set (the
// sanitizer build runs the same suites on fewer seeds; at least 1 remains).
uint64_t ScaledSeeds(uint64_t seeds);

// An unsigned number from the environment (a seed or a count to rerun one
// seed with), or `fallback` when the variable is unset or empty.
uint64_t EnvU64(const char* name, uint64_t fallback);

// The center a seed runs on.
CenterConfig CenterForSeed(uint64_t seed);

FuzzResult RunFuzzSeed(const FuzzOptions& options);

// Feeds recorded steps to a fresh engine exactly as RunFuzzSeed did.
struct ReplayResult {
  std::vector<Command> commands;
  uint64_t hash = 0;
};
ReplayResult ReplaySteps(const CenterConfig& center, uint64_t engine_seed,
                         const std::vector<Step>& steps);

// Whether the contract obliges the engine to accept `event` now (a
// well-formed event that fits the state the shadow model shows).
bool MustAccept(const Event& event, const ShadowModel& shadow, const CenterConfig& center,
                TimeMs now_ms);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SIM_DRIVER_H_
