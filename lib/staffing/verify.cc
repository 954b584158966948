// The simulation check of a staffing level: replications on threads,
// confidence intervals, and the walk from the analytic answer.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/staffing.h"
#include "boost/math/distributions/students_t.hpp"
#include "staffing/queue_sim.h"

namespace acd {
namespace {

using staffing_internal::ReplicationTally;

constexpr int kReplicationsMax = 10'000;

// Mean and 95% half width of values (Student's t, n - 1 degrees of freedom).
Estimate Summarize(const std::vector<double>& values) {
  Estimate e;
  const double n = static_cast<double>(values.size());
  for (double v : values) e.mean += v;
  e.mean /= n;
  if (values.size() < 2) return e;
  double squares = 0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  const double sd = std::sqrt(squares / (n - 1));
  const boost::math::students_t t(n - 1);
  e.half_width = boost::math::quantile(t, 0.975) * sd / std::sqrt(n);
  return e;
}

// A share's interval is never narrower than the sampling noise of the
// calls counted (Agresti-Coull: two successes and two failures added), so
// that a few short replications that all show 100% are not taken as
// certainty.
void FloorShareWidth(uint64_t hits, uint64_t calls, Estimate* e) {
  const double n = static_cast<double>(calls) + 4;
  const double p = (static_cast<double>(hits) + 2) / n;
  e->half_width = std::max(e->half_width, 1.96 * std::sqrt(p * (1 - p) / n));
}

SimulatedStaffing Combine(int64_t agents, const std::vector<ReplicationTally>& tallies) {
  SimulatedStaffing s;
  s.agents = agents;
  s.replications = static_cast<int>(tallies.size());
  std::vector<double> sl, abandon, asa, occupancy;
  for (const ReplicationTally& t : tallies) {
    s.calls_measured += t.arrived;
    const double arrived = static_cast<double>(t.arrived);
    const double answered = static_cast<double>(t.answered);
    sl.push_back(t.arrived == 0 ? 1.0 : static_cast<double>(t.answered_in_sl) / arrived);
    abandon.push_back(t.arrived == 0 ? 0.0 : static_cast<double>(t.abandoned) / arrived);
    asa.push_back(t.answered == 0 ? 0.0 : t.answered_wait_ms / answered / 1000.0);
    occupancy.push_back(t.agent_ms > 0 ? t.busy_agent_ms / t.agent_ms : 0.0);
  }
  uint64_t in_sl = 0, abandoned = 0;
  for (const ReplicationTally& t : tallies) {
    in_sl += t.answered_in_sl;
    abandoned += t.abandoned;
  }
  s.service_level = Summarize(sl);
  FloorShareWidth(in_sl, s.calls_measured, &s.service_level);
  s.p_abandon = Summarize(abandon);
  FloorShareWidth(abandoned, s.calls_measured, &s.p_abandon);
  s.asa_s = Summarize(asa);
  s.occupancy = Summarize(occupancy);
  return s;
}

// Runs the replications on up to options.threads threads; each writes only
// its own slot, so the result does not depend on the thread count.
absl::StatusOr<std::vector<ReplicationTally>> SimulateReplications(const StaffingQuestion& question,
                                                                   int64_t agents,
                                                                   const VerifyOptions& options) {
  const CenterConfig center = staffing_internal::SingleQueueCenter(agents);
  const size_t count = static_cast<size_t>(options.replications);
  std::vector<absl::StatusOr<ReplicationTally>> slots(count, ReplicationTally{});
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t r = next++; r < count; r = next++) {
      slots[r] = staffing_internal::RunReplication(center, question, options, options.seed + r);
    }
  };
  const size_t threads = std::min(count, static_cast<size_t>(options.threads));
  std::vector<std::thread> pool;
  for (size_t i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  std::vector<ReplicationTally> tallies;
  for (size_t r = 0; r < count; ++r) {
    if (!slots[r].ok()) {
      return absl::Status(slots[r].status().code(),
                          absl::StrCat("replication ", r, " (seed ", options.seed + r, ", ", agents,
                                       " agents): ", slots[r].status().message()));
    }
    tallies.push_back(*slots[r]);
  }
  return tallies;
}

bool Stable(const StaffingQuestion& question, int64_t agents) {
  const double erlangs = question.calls_per_hour * question.aht_s / 3600.0;
  return question.model == QueueModel::kErlangA || static_cast<double>(agents) > erlangs;
}

}  // namespace

absl::Status ValidateVerifyOptions(const VerifyOptions& o) {
  if (o.replications < 2 || o.replications > kReplicationsMax) {
    return absl::InvalidArgumentError(
        absl::StrCat("replications: must be in [2, ", kReplicationsMax, "], got ", o.replications));
  }
  if (o.warmup_ms && *o.warmup_ms < 0) {
    return absl::InvalidArgumentError(absl::StrCat("warmup_ms: must be >= 0, got ", *o.warmup_ms));
  }
  if (o.window_ms <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("window_ms: must be > 0, got ", o.window_ms));
  }
  if (o.threads < 1) {
    return absl::InvalidArgumentError(absl::StrCat("threads: must be >= 1, got ", o.threads));
  }
  if (o.extra_agents_max < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("extra_agents_max: must be >= 0, got ", o.extra_agents_max));
  }
  return absl::OkStatus();
}

TimeMs WarmupMs(const StaffingQuestion& question, int64_t agents, const VerifyOptions& options) {
  if (options.warmup_ms) return *options.warmup_ms;
  constexpr double kMinS = 30 * 60;
  constexpr double kMaxS = 48 * 3600;
  const double erlangs = question.calls_per_hour * question.aht_s / 3600.0;
  const double gap = std::sqrt(static_cast<double>(agents)) - std::sqrt(erlangs);
  double relaxation_s = gap > 0 ? question.aht_s / (gap * gap) : kMaxS;
  if (question.model == QueueModel::kErlangA) {
    relaxation_s = std::min(relaxation_s, std::max(question.patience_s, question.aht_s));
  }
  const double warmup_s = std::clamp(5 * relaxation_s, kMinS, kMaxS);
  return static_cast<TimeMs>(warmup_s * 1000);
}

absl::StatusOr<SimulatedStaffing> SimulateStaffing(const StaffingQuestion& question, int64_t agents,
                                                   const VerifyOptions& options) {
  if (absl::Status s = ValidateStaffingQuestion(question); !s.ok()) return s;
  if (absl::Status s = ValidateVerifyOptions(options); !s.ok()) return s;
  if (agents < 1 || agents > kErlangMaxAgents) {
    return absl::InvalidArgumentError(
        absl::StrCat("agents: must be in [1, ", kErlangMaxAgents, "], got ", agents));
  }
  if (!Stable(question, agents)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "agents: ", agents, " agents cannot keep up with ",
        question.calls_per_hour * question.aht_s / 3600.0, " erlangs without abandonment"));
  }
  absl::StatusOr<std::vector<ReplicationTally>> tallies =
      SimulateReplications(question, agents, options);
  if (!tallies.ok()) return tallies.status();
  return Combine(agents, *tallies);
}

std::string MissedTarget(const SimulatedStaffing& s, const StaffingTarget& target,
                         VerifyOptions::Decide decide_by) {
  const bool bound = decide_by == VerifyOptions::Decide::kConfidenceBound;
  const double sl = bound ? s.service_level.Lower() : s.service_level.mean;
  const double abandon = bound ? s.p_abandon.Upper() : s.p_abandon.mean;
  const double asa = bound ? s.asa_s.Upper() : s.asa_s.mean;
  const double occupancy = bound ? s.occupancy.Upper() : s.occupancy.mean;
  const char* what = bound ? " (95% bound)" : " (mean)";
  if (sl < target.service_level) {
    return absl::StrFormat("simulated service level %.4f%s < %.4g", sl, what, target.service_level);
  }
  if (target.abandon_max && abandon > *target.abandon_max) {
    return absl::StrFormat("simulated abandonment %.4f%s > %.4g", abandon, what,
                           *target.abandon_max);
  }
  if (target.asa_s_max && asa > *target.asa_s_max) {
    return absl::StrFormat("simulated ASA %.4g s%s > %.4g s", asa, what, *target.asa_s_max);
  }
  if (target.occupancy_max && occupancy > *target.occupancy_max) {
    return absl::StrFormat("simulated occupancy %.4f%s > %.4g", occupancy, what,
                           *target.occupancy_max);
  }
  return "";
}

absl::StatusOr<VerifiedStaffing> VerifyStaffing(const StaffingQuestion& question,
                                                int64_t analytic_agents,
                                                const VerifyOptions& options) {
  VerifiedStaffing v;
  v.analytic_agents = analytic_agents;
  auto simulate = [&](int64_t agents) -> absl::Status {
    absl::StatusOr<SimulatedStaffing> s = SimulateStaffing(question, agents, options);
    if (!s.ok()) return s.status();
    v.tried.push_back(*s);
    return absl::OkStatus();
  };
  auto misses = [&](const SimulatedStaffing& s, VerifyOptions::Decide decide_by) {
    return !MissedTarget(s, question.target, decide_by).empty();
  };
  int64_t agents = std::max<int64_t>(analytic_agents, 1);
  if (absl::Status s = simulate(agents); !s.ok()) return s;
  if (misses(v.tried.back(), options.decide_by)) {
    while (misses(v.tried.back(), options.decide_by)) {
      if (agents - analytic_agents >= options.extra_agents_max) {
        return absl::FailedPreconditionError(
            absl::StrCat("the simulation still misses the targets with ", agents, " agents (",
                         MissedTarget(v.tried.back(), question.target, options.decide_by),
                         "); the analytic answer was ", analytic_agents));
      }
      if (absl::Status s = simulate(++agents); !s.ok()) return s;
    }
  } else {
    // Met with room to spare: one agent less may do.
    while (agents > 1 && Stable(question, agents - 1) &&
           !misses(v.tried.back(), VerifyOptions::Decide::kConfidenceBound)) {
      if (absl::Status s = simulate(agents - 1); !s.ok()) return s;
      if (misses(v.tried.back(), options.decide_by)) break;
      --agents;
    }
  }
  v.verified_agents = agents;
  for (const SimulatedStaffing& s : v.tried) {
    if (s.agents == agents) v.at_verified = s;
  }
  return v;
}

}  // namespace acd
