// FuzzRun: one seed of the fuzz driver (sim_driver.h), split across
// sim_driver.cc (the steps and their checks) and sim_driver_reload.cc (live
// reloads). Until a reload to a changed center is accepted the shadow model
// checks every command; from then on the LiveTracker's model-free checks
// do, and events are drawn from the engine's views against the new center.
// Not thread-safe; one run per thread.
#ifndef ACD_TESTS_CORE_FUZZ_RUN_H_
#define ACD_TESTS_CORE_FUZZ_RUN_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "tests/core/invariant_checker.h"
#include "tests/core/live_tracker.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {

inline constexpr TimeMs kFuzzStartMs = 8 * 3600 * 1000;  // 08:00 on the engine's clock

class FuzzRun {
 public:
  explicit FuzzRun(const FuzzOptions& options);

  FuzzResult Run();

 private:
  static constexpr size_t kHistory = 12;  // steps kept for a failure report
  struct Past {
    Step step;
    absl::Status outcome;
    std::vector<Command> commands;
  };
  absl::Status Setup();
  uint64_t Hash(const Engine& engine) {
    ++result_.stats.state_hashes;
    return engine.StateHash();
  }
  bool shadowed() const { return !tracker_.started(); }
  // The center events are drawn against and commands are read with.
  const CenterConfig& current_center() const { return shadowed() ? center_ : live_center_; }
  Step NextStep();
  void Count(const std::vector<Command>& commands);
  absl::Status DoStep(const Step& step, absl::Status* outcome);
  absl::Status DoAdvance(TimeMs time_ms);
  absl::Status DoApply(const Step& step, absl::Status* outcome);
  absl::Status OnAccepted(const Event& event, absl::Span<const Command> emitted);
  absl::Status CheckTwin(int step_index, const Step& step, const absl::Status& outcome);
  // `step` is null when a reload before step `index` broke something.
  std::string Report(int index, const Step* step, const absl::Status& outcome,
                     const absl::Status& broken) const;

  // sim_driver_reload.cc.
  bool ReloadDue();
  absl::Status Reload(int index);
  absl::Status IdentityReload(uint64_t hash_before);
  absl::Status MutatedReload(uint64_t hash_before);
  absl::Status AcceptReload(const CenterConfig& next, const CallCounts& counts_before);
  // sim_driver_snapshot.cc.
  bool RestoreDue();
  absl::Status RestoreFromSnapshot(int index);
  absl::Status TryDamagedSnapshots(const std::string& bytes, uint64_t hash);

  FuzzOptions options_;
  CenterConfig center_;       // the seed's; the shadow model's for the whole run
  CenterConfig live_center_;  // the engine's after a changed center was accepted
  VectorSink sink_, twin_sink_;
  std::unique_ptr<Engine> engine_, twin_;
  InvariantChecker checker_;
  LiveTracker tracker_;
  EventGenerator gen_;
  TestRng reload_rng_;  // its own stream: without reloads the seeds stay as they were
  TestRng restore_rng_;  // likewise for restores from snapshots
  FuzzResult result_;
  std::array<Past, kHistory> history_;
  int steps_done_ = 0;
  std::vector<std::string> reloads_;  // the reloads so far, for a failure report
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_FUZZ_RUN_H_
