// `acd sim`'s one set of flags, for both modes: a single run (the sales
// day's profile over --from..--to) and a plan (--forecast CSV: replications
// of the forecast's days). A flag means the same in both modes; one that
// only makes sense in one mode is refused in the other, naming the flag and
// why. One parser (ParseSimFlags) and one help (SimUsage).
//
// Thread-safety: plain values and free functions.
#ifndef ACD_TOOLS_ACD_SIM_FLAGS_H_
#define ACD_TOOLS_ACD_SIM_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "acd/planning.h"
#include "acd/sim.h"

namespace acd::tools {

struct SimFlags {
  // Both modes.
  bool help = false;
  bool trace = false;  // a plan traces its first run (replication 0 of day 0)
  std::string config_path;  // empty: the embedded sales department
  std::string out_dir;      // empty: no files
  // --seller-queue: the sellers' queue instead of the center file's
  // `sellers`; empty: the file's.
  std::string seller_queue;
  uint64_t seed = 1;        // a plan's base seed
  bool date_given = false;
  absl::CivilDay date = SimOptions().date;  // a plan's first day
  // A single run only.
  TimeMs from_ms = 8 * kMsPerHour;
  TimeMs to_ms = 12 * kMsPerHour;
  std::optional<double> calls_per_hour;
  std::string queue_log_path;  // empty: no queue log
  // A plan only.
  std::string forecast_path;  // given: the run is a plan
  std::string schedule_path;
  std::string handle;  // exponential | lognormal[:CV] | empirical:FILE
  int days = 0;        // 0: the forecast's days
  int replications = 10;
  int threads = 0;
  double sl_target = 0.8;
  bool pure_model = false;  // --model pure (MakePure)
  // The plan's model, every flag given applied (its base.date is `date`).
  PlanningModel model;
  // The simulation flags given that both modes take (--ring-out, --trunks,
  // --callback-acceptance, ...), in order: a single run applies them to its
  // options (ApplyRunFlags).
  std::vector<std::pair<std::string, std::string>> run_flags;

  bool plan() const { return !forecast_path.empty(); }
};

// Parses `acd sim`'s flags (argv[0] is "sim"); an error naming the flag.
std::optional<std::string> ParseSimFlags(int argc, char** argv, SimFlags* flags);

// A single run's options with the simulation flags given applied.
void ApplyRunFlags(const SimFlags& flags, SimOptions* options);

// Applies --handle (exponential, lognormal[:CV], empirical:FILE) to the
// model; the error names the flag or the sample file's line.
absl::Status ApplyHandleFlag(const std::string& handle, PlanningModel* model);

// The one help text of `acd sim`, both modes.
const char* SimUsage();

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_FLAGS_H_
