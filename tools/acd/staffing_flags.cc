// The flags `acd erlang` and `acd staff` share (see staffing_flags.h).
#include "tools/acd/staffing_flags.h"

#include <limits>

#include "tools/acd/flag_values.h"

namespace acd::tools {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct SharedFlag {
  const char* name;
  NumberRange range;
  std::optional<double> StaffingFlags::*field;  // null for --target-s
};

constexpr SharedFlag kSharedFlags[] = {
    {"--aht-s", {0, 1e6, true, false}, &StaffingFlags::aht_s},
    {"--patience-s", {0, 1e9, false, false}, &StaffingFlags::patience_s},
    {"--target-s", {0, 1e6, false, false}, nullptr},
    {"--sl-target", {0, 1, false, true}, &StaffingFlags::sl_target},
    {"--max-abandon", {0, 1, true, false}, &StaffingFlags::max_abandon},
    {"--max-asa-s", {0, kInf, true, false}, &StaffingFlags::max_asa_s},
    {"--max-occupancy", {0, 1, true, false}, &StaffingFlags::max_occupancy},
    {"--shrinkage", {0, 1, false, true}, &StaffingFlags::shrinkage},
};

}  // namespace

bool IsStaffingFlag(const std::string& flag) {
  for (const SharedFlag& f : kSharedFlags) {
    if (flag == f.name) return true;
  }
  return false;
}

std::string ParseStaffingFlag(const std::string& flag, const std::string& value,
                              StaffingFlags* flags) {
  for (const SharedFlag& f : kSharedFlags) {
    if (flag != f.name) continue;
    double v = 0;
    if (std::string error = ParseNumberFlag(flag, value, f.range, &v); !error.empty()) {
      return error;
    }
    if (f.field == nullptr) {
      flags->target_s = v;
    } else {
      flags->*f.field = v;
    }
    return "";
  }
  return flag + ": unknown flag";
}

std::string CheckStaffingFlags(const StaffingFlags& flags) {
  if (flags.max_abandon && !flags.patience_s) {
    return "--max-abandon: needs --patience-s (without it nobody abandons: Erlang C)";
  }
  return "";
}

StaffingTarget TargetFromFlags(const StaffingFlags& flags) {
  StaffingTarget target;
  target.threshold_s = flags.target_s;
  target.service_level = flags.sl_target.value_or(0);
  target.abandon_max = flags.max_abandon;
  target.asa_s_max = flags.max_asa_s;
  target.occupancy_max = flags.max_occupancy;
  return target;
}

const char* StaffingFlagsUsage() {
  return "  --aht-s Y             mean handle time in seconds (talk + wrap-up)\n"
         "  --patience-s P        mean caller patience in seconds: Erlang A (M/M/n+M);\n"
         "                        0: callers who find every agent busy leave at once\n"
         "                        (the loss system, Erlang B); without it callers\n"
         "                        never abandon: Erlang C (M/M/n)\n"
         "  --target-s T          service-level threshold in seconds (default 20)\n"
         "  --sl-target S         least share of ALL calls answered within T, in [0, 1)\n"
         "  --max-abandon X       most share of calls abandoned (needs --patience-s)\n"
         "  --max-asa-s X         longest mean wait of answered calls, seconds\n"
         "  --max-occupancy X     highest share of agent time busy, in (0, 1]\n"
         "  --shrinkage X         share of paid time off the phones, in [0, 1):\n"
         "                        headcount = ceil(agents / (1 - X))\n";
}

}  // namespace acd::tools
