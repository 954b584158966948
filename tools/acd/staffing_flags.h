// The flags `acd erlang` and `acd staff` share: handle time, patience and
// the service targets, parsed and checked the same way for both.
#ifndef ACD_TOOLS_ACD_STAFFING_FLAGS_H_
#define ACD_TOOLS_ACD_STAFFING_FLAGS_H_

#include <optional>
#include <string>

#include "acd/staffing.h"

namespace acd::tools {

struct StaffingFlags {
  std::optional<double> aht_s;          // --aht-s
  std::optional<double> patience_s;     // --patience-s: Erlang A
  double target_s = 20;                 // --target-s
  std::optional<double> sl_target;      // --sl-target
  std::optional<double> max_abandon;    // --max-abandon (Erlang A)
  std::optional<double> max_asa_s;      // --max-asa-s
  std::optional<double> max_occupancy;  // --max-occupancy
  std::optional<double> shrinkage;      // --shrinkage
};

// True when `flag` is one of the shared flags (then it takes a value).
bool IsStaffingFlag(const std::string& flag);

// Parses one shared flag's value; the error message, or empty.
std::string ParseStaffingFlag(const std::string& flag, const std::string& value,
                              StaffingFlags* flags);

// Cross-flag rules: --max-abandon needs --patience-s. The error, or empty.
std::string CheckStaffingFlags(const StaffingFlags& flags);

// The targets the flags set (service level 0 when --sl-target is absent).
StaffingTarget TargetFromFlags(const StaffingFlags& flags);

// The usage lines of the shared flags.
const char* StaffingFlagsUsage();

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_STAFFING_FLAGS_H_
