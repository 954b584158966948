// PlanSliceKinds: what each breakdown of the plan shows.
#include "tools/acd/sim_plan_slices.h"

#include "absl/strings/str_cat.h"

namespace acd::tools {
namespace {

using Slice = PlanEstimates::Slice;

constexpr SliceFigure kBlocked{"blocked", "blocked", &Slice::blocked, 1};
constexpr SliceFigure kBeforeQueue{"ended_before_queue", "no queue", &Slice::ended_before_queue,
                                   1};
constexpr SliceFigure kOffered{"offered", "offered", &Slice::offered, 1};
constexpr SliceFigure kAnswered{"answered", "answered", &Slice::answered, 1};
constexpr SliceFigure kAbandoned{"abandoned", "abandoned", &Slice::abandoned, 1};
constexpr SliceFigure kOverflowed{"overflowed", "overflowed", &Slice::overflowed, 1};
constexpr SliceFigure kServiceLevel{"service_level", "SL%", &Slice::service_level, 100};
constexpr SliceFigure kAsa{"asa_s", "ASA s", &Slice::asa_s, 1};
constexpr SliceFigure kOccupancy{"occupancy", "occupancy%", &Slice::occupancy, 100};

}  // namespace

const std::vector<SliceKind>& PlanSliceKinds() {
  static const std::vector<SliceKind> kinds = {
      {"queue", "queues", "queue",
       "a call counts in each queue it entered; overflowed: left for another queue or a path",
       {kOffered, kAnswered, kAbandoned, kOverflowed, kServiceLevel, kAsa},
       {kOffered, kAnswered, kAbandoned, kOverflowed, kServiceLevel, kAsa},
       &PlanReport::queue_names, &PlanEstimates::queues, &PlanEstimates::Interval::queues},
      {"call_type", "call_types", "call type",
       "each call once; blocked + no queue + offered = calls placed",
       {kBlocked, kBeforeQueue, kOffered, kAnswered, kAbandoned, kOverflowed, kServiceLevel,
        kAsa},
       {kBlocked, kBeforeQueue, kOffered, kAnswered, kAbandoned, kServiceLevel, kAsa},
       &PlanReport::type_names, &PlanEstimates::types, &PlanEstimates::Interval::types},
      {"agent_group", "agent_groups", "agent group",
       "the agents who serve the same queues: the calls they answered",
       {kAnswered, kAsa, kOccupancy},
       {kAnswered, kAsa, kOccupancy},
       &PlanReport::group_names, &PlanEstimates::groups, &PlanEstimates::Interval::groups},
  };
  return kinds;
}

std::string SliceName(const SliceKind& kind, const PlanReport& report, size_t i) {
  const std::vector<std::string>& names = report.*kind.names;
  return i < names.size() ? names[i] : absl::StrCat(i);
}

std::string SliceDayFile(const SliceKind& kind) { return absl::StrCat(kind.list, ".csv"); }

std::string SliceIntervalFile(const SliceKind& kind) {
  return absl::StrCat(kind.key, "_intervals.csv");
}

}  // namespace acd::tools
