// Traffic scaling and the checks on SimOptions.
#include <algorithm>
#include <cmath>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/sim.h"
#include "sim/checks.h"

namespace acd {
namespace {

using AgentIds = absl::flat_hash_set<AgentId>;

absl::Status CheckShare(double share, const std::string& field) {
  if (!(share >= 0 && share <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must be in [0, 1], got ", share));
  }
  return absl::OkStatus();
}

// The caller's attributes and the routing mode of one call type.
absl::Status CheckCaller(const CenterConfig& center, const AgentIds& agent_ids,
                         const CallType& type, const std::string& field) {
  constexpr size_t kMaxDigits = 64;  // the engine's limit on CallClassify
  if (type.routing != CallRouting::kQueue && type.routing != CallRouting::kByEntryRules) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".routing: unknown mode ",
                                                   static_cast<int>(type.routing)));
  }
  if (type.routing == CallRouting::kByEntryRules) {
    if (type.ivr_route != Disposition::kNone) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".ivr_route: must be none with routing by entry rules (the entry rules decide), "
                 "got ", std::string(ToString(type.ivr_route))));
    }
    if (center.entry_rules.empty() && center.entry_default.kind != OverflowKind::kQueue) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".routing: by entry rules, but the center has no entry rules and its "
                 "entry_default does not queue: every caller would be turned away"));
    }
  }
  if (type.digits.size() > kMaxDigits) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".digits: at most ", kMaxDigits,
                                                   " characters, got ", type.digits.size()));
  }
  const std::pair<double, const char*> shares[] = {{type.vip_share, "vip_share"},
                                                   {type.returning_share, "returning_share"},
                                                   {type.internal_share, "internal_share"}};
  for (const auto& [share, name] : shares) {
    if (absl::Status s = CheckShare(share, absl::StrCat(field, ".", name)); !s.ok()) return s;
  }
  for (size_t i = 0; i < type.owner_agents.size(); ++i) {
    const AgentId id = type.owner_agents[i];
    if (!agent_ids.contains(id)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".owner_agents[", i, "]: no agent ", id, " in the center"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckTraffic(const CenterConfig& center, const AgentIds& agent_ids,
                          const TrafficProfile& traffic) {
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
    if (absl::Status s = CheckCaller(center, agent_ids, type, field); !s.ok()) return s;
    if (type.routing == CallRouting::kByEntryRules) {
      if (type.queue != kNoQueue && type.queue >= center.queues.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            field, ".queue: no queue ", type.queue, " in the center (it has ",
            center.queues.size(), "); kNoQueue when the entry rules turn the callers away"));
      }
    } else if (type.ivr_route != Disposition::kNone) {
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

absl::Status CheckShifts(const AgentIds& agent_ids, const std::vector<AgentShift>& shifts) {
  for (size_t i = 0; i < shifts.size(); ++i) {
    const AgentShift& shift = shifts[i];
    const std::string field = absl::StrCat("shifts[", i, "]");
    if (!agent_ids.contains(shift.agent)) {
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
      // An agent takes one break at a time (a shift has a handful).
      for (size_t e = 0; e < b; ++e) {
        const AgentBreak& other = shift.breaks[e];
        if (pause.start_ms < other.start_ms + other.duration_ms &&
            other.start_ms < pause.start_ms + pause.duration_ms) {
          return absl::InvalidArgumentError(absl::StrCat(
              field, ".breaks[", b, "]: ", FormatClock(pause.start_ms), " for ",
              FormatDuration(pause.duration_ms), " overlaps breaks[", e, "] (",
              FormatClock(other.start_ms), " for ", FormatDuration(other.duration_ms), ")"));
        }
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

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

namespace {

absl::Status CheckCallbacks(const CallbackBehavior& callbacks) {
  const std::pair<double, const char*> shares[] = {
      {callbacks.acceptance, "callbacks.acceptance"},
      {callbacks.window_share, "callbacks.window_share"},
      {callbacks.answer_probability, "callbacks.answer_probability"},
      {callbacks.busy_share, "callbacks.busy_share"}};
  for (const auto& [share, name] : shares) {
    if (absl::Status s = CheckShare(share, name); !s.ok()) return s;
  }
  const std::pair<const Distribution*, const char*> times[] = {
      {&callbacks.capture_ms, "callbacks.capture_ms"}, {&callbacks.dial_ms, "callbacks.dial_ms"}};
  for (const auto& [d, name] : times) {
    if (d->kind == Distribution::Kind::kNever) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": must end; kNever is not allowed"));
    }
    if (absl::Status s = sim::CheckDistribution(*d, name); !s.ok()) return s;
  }
  if (callbacks.window_after_ms < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "callbacks.window_after_ms: must be >= 0, got ", callbacks.window_after_ms));
  }
  if (callbacks.window_length_ms <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "callbacks.window_length_ms: must be > 0, got ", callbacks.window_length_ms));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSimOptions(const CenterConfig& center, const SimOptions& options) {
  sim::validations.fetch_add(1, std::memory_order_relaxed);
  if (options.end_ms <= options.start_ms) {
    return absl::InvalidArgumentError(absl::StrCat("end_ms: must be after start_ms (",
                                                   FormatClock(options.start_ms), "), got ",
                                                   FormatClock(options.end_ms)));
  }
  if (options.date.year() < 1970 || options.date.year() > 9999) {
    return absl::InvalidArgumentError(absl::StrCat(
        "date: must be in the years 1970-9999, got ", absl::FormatCivilTime(options.date)));
  }
  if (options.start_ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("start_ms: must be >= 0, got ", options.start_ms));
  }
  // The center's agent ids once, so that owners and shifts are checked in
  // linear time (a 50,000-agent plan checks 50,000 shifts).
  AgentIds agent_ids;
  agent_ids.reserve(center.agents.size());
  for (const AgentConfig& agent : center.agents) agent_ids.insert(agent.id);
  if (absl::Status s = CheckTraffic(center, agent_ids, options.traffic); !s.ok()) return s;
  if (absl::Status s = CheckShifts(agent_ids, options.shifts); !s.ok()) return s;
  if (const std::optional<SellerDefinition>& sellers = options.sellers) {
    const bool queue = sellers->kind == SellerDefinition::Kind::kQueue;
    const size_t count = queue ? center.queues.size() : center.skills.size();
    if (sellers->index >= count) {
      return absl::InvalidArgumentError(absl::StrCat("sellers: no ", queue ? "queue " : "skill ",
                                                     sellers->index, " in the center (it has ",
                                                     count, ")"));
    }
  }
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
  if (absl::Status s = CheckCallbacks(options.callbacks); !s.ok()) return s;
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
