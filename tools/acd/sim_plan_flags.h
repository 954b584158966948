// `acd sim --forecast`'s flags: what they set and how they are read.
#ifndef ACD_TOOLS_ACD_SIM_PLAN_FLAGS_H_
#define ACD_TOOLS_ACD_SIM_PLAN_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "acd/planning.h"

namespace acd::tools {

struct PlanFlags {
  bool help = false;
  bool trace = false;  // trace replication 0 of day 0 instead of the plan
  std::string config_path;
  std::string forecast_path;
  std::string schedule_path;
  std::string out_dir;
  std::string handle;  // exponential | lognormal[:CV] | empirical:FILE
  int days = 0;        // 0: the forecast's days
  int replications = 10;
  int threads = 0;
  uint64_t seed = 1;
  double sl_target = 0.8;
  bool pure_model = false;  // --model pure (MakePure)
  bool date_given = false;  // --date (model.base.date)
  PlanningModel model;
};

// The flags only one form of acd sim takes (the other form's parser names
// the form they belong to): --from, --to, --calls-per-hour, --queue-log for
// a single run; the forecast, schedule, replications and model flags for a
// plan.
bool IsSingleRunFlag(std::string_view flag);
bool IsPlanFlag(std::string_view flag);

// Parses the planner's flags (argv[0] is "sim"); an error naming the flag.
std::optional<std::string> ParsePlanFlags(int argc, char** argv, PlanFlags* flags);

// Applies --handle (exponential, lognormal[:CV], empirical:FILE) to the
// model; the error names the flag or the sample file's line.
absl::Status ApplyHandleFlag(const std::string& handle, PlanningModel* model);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_PLAN_FLAGS_H_
