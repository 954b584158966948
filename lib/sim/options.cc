// The default sales-department traffic, traffic scaling and the checks on
// SimOptions.
#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/sim.h"
#include "sim/checks.h"

namespace acd {
namespace {

// Calls per hour for each quarter hour from 07:00 to 19:00: a morning ramp
// to the 10:00-11:00 peak, a lunch dip and a lower afternoon peak.
constexpr double kSalesDayCallsPerHour[] = {
    15,  20,  25,  30,  40,  50,  62,  75,  85,  95,  105, 112,  // 07-10
    118, 120, 120, 116, 110, 104, 98,  90,  70,  60,  58,  62,   // 10-13
    72,  82,  90,  96,  100, 102, 100, 96,  92,  88,  84,  78,   // 13-16
    72,  66,  60,  52,  44,  36,  28,  22,  18,  14,  10,  8,    // 16-19
};

struct TypeTemplate {
  const char* name;
  const char* queue;
  double share;
  Intent intent;
  Distribution handle_ms;
  Distribution patience_ms;
  Disposition ivr_route = Disposition::kNone;
};

const TypeTemplate kSalesTypes[] = {
    {"buy", "sales", 0.60, Intent::kBuy, Distribution::Lognormal(300'000, 180'000),
     Distribution::Exponential(90'000)},
    {"support", "support", 0.25, Intent::kSupport, Distribution::Lognormal(300'000, 180'000),
     Distribution::Exponential(120'000)},
    {"existing order", "reception", 0.10, Intent::kExistingOrder,
     Distribution::Lognormal(120'000, 60'000), Distribution::Exponential(90'000)},
    {"director", "director", 0.05, Intent::kOther, Distribution::Lognormal(180'000, 90'000),
     Distribution::Exponential(60'000)},
    // Offers to sell to the company: the IVR asks for an e-mail, hangs up.
    {"sells to us", nullptr, 0.03, Intent::kSellToUs, Distribution::Constant(0),
     Distribution::Never(), Disposition::kRejected},
};

bool FindQueue(const CenterConfig& center, const char* name, QueueId* out) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    if (absl::EqualsIgnoreCase(center.queues[q].name, name)) {
      *out = static_cast<QueueId>(q);
      return true;
    }
  }
  return false;
}

std::vector<CallType> SalesCallTypes(const CenterConfig& center) {
  std::vector<CallType> types;
  bool any_queue = false;
  for (const TypeTemplate& t : kSalesTypes) {
    QueueId queue = 0;
    if (t.queue != nullptr && !FindQueue(center, t.queue, &queue)) continue;
    any_queue = any_queue || t.queue != nullptr;
    CallType type;
    type.name = t.name;
    type.queue = queue;
    type.share = t.share;
    type.intent = t.intent;
    type.handle_ms = t.handle_ms;
    type.patience_ms = t.patience_ms;
    type.ivr_route = t.ivr_route;
    types.push_back(type);
  }
  if (any_queue) return types;
  types.clear();
  for (size_t q = 0; q < center.queues.size(); ++q) {
    CallType type;
    type.name = center.queues[q].name;
    type.queue = static_cast<QueueId>(q);
    types.push_back(type);
  }
  return types;
}

// Every agent works from start_ms until the line is served after end_ms
// (the run logs everyone out once the last call ended) with one 15-minute
// break, the breaks spread over the middle of the window in roster order.
std::vector<AgentShift> WholeWindowShifts(const CenterConfig& center, TimeMs start_ms,
                                          TimeMs end_ms, TimeMs serve_out_ms) {
  std::vector<AgentShift> shifts;
  const TimeMs span_ms = end_ms - start_ms;
  const size_t n = center.agents.size();
  for (size_t i = 0; i < n; ++i) {
    AgentShift shift;
    shift.agent = center.agents[i].id;
    shift.login_ms = start_ms;
    shift.logout_ms = end_ms + serve_out_ms;
    if (span_ms >= 2 * kMsPerHour) {
      const double at = 0.375 + 0.375 * static_cast<double>(i) / static_cast<double>(n);
      AgentBreak pause;
      pause.start_ms = start_ms + static_cast<TimeMs>(at * static_cast<double>(span_ms));
      pause.start_ms -= pause.start_ms % kMsPerMinute;
      shift.breaks.push_back(pause);
    }
    shifts.push_back(std::move(shift));
  }
  return shifts;
}

absl::Status CheckTraffic(const CenterConfig& center, const TrafficProfile& traffic) {
  if (traffic.interval_ms <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("traffic.interval_ms: must be > 0, got ", traffic.interval_ms));
  }
  bool any_calls = false;
  for (size_t i = 0; i < traffic.calls_per_hour.size(); ++i) {
    const double rate = traffic.calls_per_hour[i];
    if (!std::isfinite(rate) || rate < 0) {
      return absl::InvalidArgumentError(absl::StrCat("traffic.calls_per_hour[", i,
                                                     "]: must be finite and >= 0, got ", rate));
    }
    any_calls = any_calls || rate > 0;
  }
  double share_sum = 0;
  for (size_t i = 0; i < traffic.types.size(); ++i) {
    const CallType& type = traffic.types[i];
    const std::string field = absl::StrCat("traffic.types[", i, "]");
    if (type.ivr_route != Disposition::kNone) {
      const Disposition d = type.ivr_route;
      if (d != Disposition::kOverflowed && d != Disposition::kCallbackCaptured &&
          d != Disposition::kVoicemail && d != Disposition::kRejected) {
        return absl::InvalidArgumentError(absl::StrCat(
            field, ".ivr_route: must be a terminal route (overflowed, callback_captured, "
                   "voicemail, rejected), got ",
            std::string(ToString(d))));
      }
    } else if (type.queue >= center.queues.size()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".queue: no queue ", type.queue,
                                                     " in the center (it has ",
                                                     center.queues.size(), ")"));
    }
    if (!std::isfinite(type.share) || type.share < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".share: must be finite and >= 0, got ", type.share));
    }
    if (type.priority < -1000 || type.priority > 1000) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".priority: must be in -1000..1000, got ", type.priority));
    }
    const std::pair<const Distribution*, const char*> distributions[] = {
        {&type.ivr_ms, "ivr_ms"}, {&type.handle_ms, "handle_ms"}, {&type.patience_ms, "patience_ms"}};
    for (const auto& [d, name] : distributions) {
      absl::Status s = sim::CheckDistribution(*d, absl::StrCat(field, ".", name));
      if (!s.ok()) return s;
    }
    if (type.ivr_ms.kind == Distribution::Kind::kNever ||
        type.handle_ms.kind == Distribution::Kind::kNever) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, type.ivr_ms.kind == Distribution::Kind::kNever ? ".ivr_ms" : ".handle_ms",
          ": must end; kNever is only for patience"));
    }
    share_sum += type.share;
  }
  if (any_calls && share_sum <= 0) {
    return absl::InvalidArgumentError(
        "traffic.types: calls arrive but no call type has a share > 0");
  }
  return absl::OkStatus();
}

absl::Status CheckShifts(const CenterConfig& center, const std::vector<AgentShift>& shifts) {
  for (size_t i = 0; i < shifts.size(); ++i) {
    const AgentShift& shift = shifts[i];
    const std::string field = absl::StrCat("shifts[", i, "]");
    const bool known = std::any_of(center.agents.begin(), center.agents.end(),
                                   [&](const AgentConfig& a) { return a.id == shift.agent; });
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".agent: no agent ", shift.agent, " in the center"));
    }
    if (shift.logout_ms <= shift.login_ms) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".logout_ms: must be after login_ms (",
                                                     shift.login_ms, "), got ", shift.logout_ms));
    }
    for (size_t b = 0; b < shift.breaks.size(); ++b) {
      const AgentBreak& pause = shift.breaks[b];
      if (pause.duration_ms <= 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            field, ".breaks[", b, "].duration_ms: must be > 0, got ", pause.duration_ms));
      }
      if (pause.reason == NotReadyReason::kNone || pause.reason == NotReadyReason::kNoAnswer) {
        return absl::InvalidArgumentError(absl::StrCat(field, ".breaks[", b,
                                                       "].reason: must be an agent's reason, got ",
                                                       std::string(ToString(pause.reason))));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

SimOptions SalesDepartmentOptions(const CenterConfig& center, TimeMs start_ms, TimeMs end_ms) {
  SimOptions options;
  options.start_ms = start_ms;
  options.end_ms = end_ms;
  options.traffic.start_ms = 7 * kMsPerHour;
  options.traffic.interval_ms = 15 * kMsPerMinute;
  options.traffic.calls_per_hour.assign(std::begin(kSalesDayCallsPerHour),
                                        std::end(kSalesDayCallsPerHour));
  options.traffic.types = SalesCallTypes(center);
  if (end_ms > start_ms) {
    options.shifts = WholeWindowShifts(center, start_ms, end_ms, options.serve_out_max_ms);
  }
  return options;
}

double AverageCallsPerHour(const TrafficProfile& profile, TimeMs from_ms, TimeMs to_ms) {
  if (to_ms <= from_ms || profile.interval_ms <= 0) return 0;
  double calls = 0;
  for (size_t i = 0; i < profile.calls_per_hour.size(); ++i) {
    const TimeMs begin_ms = profile.start_ms + profile.interval_ms * static_cast<TimeMs>(i);
    const TimeMs overlap_ms =
        std::min(to_ms, begin_ms + profile.interval_ms) - std::max(from_ms, begin_ms);
    if (overlap_ms > 0) calls += profile.calls_per_hour[i] * static_cast<double>(overlap_ms);
  }
  return calls / static_cast<double>(to_ms - from_ms);
}

absl::Status ScaleTraffic(double calls_per_hour, TimeMs from_ms, TimeMs to_ms,
                          TrafficProfile* profile) {
  if (!std::isfinite(calls_per_hour) || calls_per_hour < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("calls_per_hour: must be finite and >= 0, got ", calls_per_hour));
  }
  const double average = AverageCallsPerHour(*profile, from_ms, to_ms);
  if (average <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("the traffic profile has no calls between ",
                                                   FormatClock(from_ms), " and ",
                                                   FormatClock(to_ms), " to scale"));
  }
  const double factor = calls_per_hour / average;
  for (double& rate : profile->calls_per_hour) rate *= factor;
  return absl::OkStatus();
}

absl::Status ValidateSimOptions(const CenterConfig& center, const SimOptions& options) {
  if (options.end_ms <= options.start_ms) {
    return absl::InvalidArgumentError(absl::StrCat("end_ms: must be after start_ms (",
                                                   FormatClock(options.start_ms), "), got ",
                                                   FormatClock(options.end_ms)));
  }
  if (options.start_ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("start_ms: must be >= 0, got ", options.start_ms));
  }
  if (absl::Status s = CheckTraffic(center, options.traffic); !s.ok()) return s;
  if (absl::Status s = CheckShifts(center, options.shifts); !s.ok()) return s;
  const AgentBehavior& agents = options.agents;
  if (!(agents.rona_probability >= 0 && agents.rona_probability <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "agents.rona_probability: must be in [0, 1], got ", agents.rona_probability));
  }
  if (absl::Status s = sim::CheckDistribution(agents.answer_delay_ms, "agents.answer_delay_ms");
      !s.ok()) {
    return s;
  }
  if (agents.no_answer_pause_ms.kind == Distribution::Kind::kNever) {
    return absl::InvalidArgumentError(
        "agents.no_answer_pause_ms: agents must come back; kNever is not allowed");
  }
  if (absl::Status s =
          sim::CheckDistribution(agents.no_answer_pause_ms, "agents.no_answer_pause_ms");
      !s.ok()) {
    return s;
  }
  if (options.sl_threshold_ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("sl_threshold_ms: must be >= 0, got ", options.sl_threshold_ms));
  }
  if (options.serve_out_max_ms <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("serve_out_max_ms: must be > 0, got ", options.serve_out_max_ms));
  }
  return sim::CheckPlanningOptions(center, options);
}

}  // namespace acd
