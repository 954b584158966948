// Simulator: the run loop, applying events, draining commands, the checks.
#include "sim/simulator.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"

namespace acd::sim {
namespace {

// Independent random streams derived from the run's seed.
constexpr uint64_t kEngineStream = 1;
constexpr uint64_t kArrivalStream = 2;
constexpr uint64_t kAgentStream = 3;
constexpr uint64_t kBusynessStream = 5;

double DrawBusyness(const SimOptions& options) {
  if (!(options.busyness_shape > 0)) return 1.0;
  Rng rng(MixSeed(options.seed, kBusynessStream));
  return Gamma(options.busyness_shape, rng) / options.busyness_shape;
}

}  // namespace

Simulator::Simulator(const CenterConfig& center, const SimOptions& options, TraceSink* trace)
    : center_(center),
      options_(options),
      trace_(trace),
      kpis_(center, KpiOptions{options.sl_threshold_ms, options.start_ms, options.sellers}),
      busyness_(DrawBusyness(options)),
      arrivals_(options.traffic, options.start_ms, options.end_ms,
                MixSeed(options.seed, kArrivalStream), busyness_),
      agent_rng_(MixSeed(options.seed, kAgentStream)),
      epoch_ms_(EngineEpochMs(center, options.date)),
      buffer_commands_(trace != nullptr) {
  agents_.resize(center.agents.size());
  for (size_t i = 0; i < center.agents.size(); ++i) {
    agents_[i].id = center.agents[i].id;
    agent_index_[center.agents[i].id] = i;
  }
  result_.entry_rule_ends.assign(center.entry_rules.size() + 1, 0);
  if (options.kpi_interval_ms > 0) {
    intervals_.emplace(center, options.start_ms, options.kpi_interval_ms, options.sl_threshold_ms,
                       options.sellers);
  }
}

std::string Simulator::Where() const {
  return absl::StrCat("seed ", options_.seed, " at ", FormatClock(now_ms_));
}

absl::StatusOr<SimResult> Simulator::Run() {
  if (absl::Status s = ValidateSimOptions(center_, options_); !s.ok()) return s;
  return RunChecked();
}

absl::StatusOr<SimResult> Simulator::RunChecked() {
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(center_, this, EngineOptions{MixSeed(options_.seed, kEngineStream)});
  if (!engine.ok()) return engine.status();
  engine_ = *std::move(engine);
  if (absl::Status s = Start(); !s.ok()) return s;
  if (absl::Status s = Loop(); !s.ok()) return s;
  if (absl::Status s = Close(); !s.ok()) return s;
  if (absl::Status s = CheckBalance(); !s.ok()) return s;
  result_.seed = options_.seed;
  result_.start_ms = options_.start_ms;
  result_.end_ms = options_.end_ms;
  result_.serve_out_max_ms = options_.serve_out_max_ms;
  result_.kpis = kpis_.report();
  result_.counts = engine_->counts();
  result_.state_hash = engine_->StateHash();
  result_.busyness = busyness_;
  if (intervals_) result_.intervals = intervals_->TakeReport();
  return std::move(result_);
}

absl::Status Simulator::Start() {
  // Happenings scheduled before the start (a shift from 07:30 in a run
  // from 08:00) take place at the start.
  now_ms_ = options_.start_ms;
  if (absl::Status s = Advance(options_.start_ms); !s.ok()) return s;
  ScheduleShifts();
  if (options_.at_close == AtClose::kDisconnect) Schedule(options_.end_ms, HappeningKind::kClose);
  Schedule(options_.end_ms + options_.serve_out_max_ms / 2, HappeningKind::kCallbackCut);
  const TimeMs first_ms = arrivals_.Next();
  if (first_ms < kNeverMs) Schedule(first_ms, HappeningKind::kArrival);
  return Drain();
}

absl::Status Simulator::Loop() {
  const TimeMs serve_out_end_ms = options_.end_ms + options_.serve_out_max_ms;
  while (true) {
    std::optional<TimeMs> deadline = engine_->NextDeadlineMs();
    if (deadline.has_value()) *deadline -= epoch_ms_;
    const TimeMs world_ms = world_.empty() ? kNeverMs : world_.next_ms();
    const bool engine_first = deadline.has_value() && *deadline <= world_ms;
    const TimeMs next_ms = engine_first ? *deadline : world_ms;
    // Nothing left to happen: done, unless callers still wait (with no
    // agent and no patience), who are cut at the serve-out limit below.
    if (next_ms >= kNeverMs && (calls_.empty() || serve_out_cut_)) break;
    // Arrivals stop at end_ms; after it, run only while calls are live.
    if (next_ms > options_.end_ms && calls_.empty() && contacts_.empty()) break;
    if (next_ms > serve_out_end_ms && !serve_out_cut_) {
      now_ms_ = std::max(now_ms_, serve_out_end_ms);
      absl::Status s = Advance(now_ms_);
      if (s.ok()) s = CutAtServeOutLimit();
      if (s.ok()) s = AfterStep();
      if (!s.ok()) return s;
      continue;
    }
    // After the cut only wrap-ups and logouts remain; a call still live an
    // hour later is the simulator's own fault.
    if (next_ms > serve_out_end_ms + kMsPerHour && !calls_.empty()) {
      return absl::InternalError(absl::StrCat(Where(), ": ", calls_.size(),
                                              " calls still live an hour after the serve-out cut"));
    }
    now_ms_ = std::max(now_ms_, next_ms);
    absl::Status s = engine_first ? Advance(next_ms) : Step(world_.Pop());
    if (s.ok()) s = AfterStep();
    if (s.ok() && CarryOverDue()) s = CarryOverCallbacks();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Simulator::Close() {
  const TimeMs close_ms = std::max(now_ms_, options_.end_ms);
  now_ms_ = close_ms;
  if (absl::Status s = Advance(close_ms); !s.ok()) return s;
  for (const AgentView& agent : engine_->AllAgents()) {
    if (agent.state == AgentState::kLoggedOut) continue;
    if (absl::Status s = Apply(AgentLogout{agent.id}); !s.ok()) return s;
  }
  if (absl::Status s = AfterStep(); !s.ok()) return s;
  kpis_.Finish(close_ms);
  if (intervals_) intervals_->Finish(close_ms);
  return absl::OkStatus();
}

absl::Status Simulator::ApplyEvent(const Event& event) {
  if (absl::Status s = engine_->Apply(event); !s.ok()) {
    return absl::InternalError(absl::StrCat(Where(), ": the engine rejected ",
                                            std::string(EventName(event.body)), ": ", s.message()));
  }
  ++result_.events_applied;
  if (trace_ == nullptr) return absl::OkStatus();
  if (epoch_ms_ == 0) {
    trace_->OnEvent(event);
  } else {
    Event local = event;
    ToVirtual(local);
    trace_->OnEvent(local);
  }
  return absl::OkStatus();
}

void Simulator::ToVirtual(Event& event) const {
  event.time_ms -= epoch_ms_;
  if (auto* request = std::get_if<CallbackRequest>(&event.body); request != nullptr &&
                                                                   request->window_to_ms > 0) {
    request->window_from_ms -= epoch_ms_;
    request->window_to_ms -= epoch_ms_;
  }
}

absl::Status Simulator::Advance(TimeMs time_ms) {
  if (absl::Status s = engine_->AdvanceTo(time_ms + epoch_ms_); !s.ok()) {
    return absl::InternalError(absl::StrCat(Where(), ": AdvanceTo: ", s.message()));
  }
  return absl::OkStatus();
}

absl::Status Simulator::Drain() {
  while (true) {
    // React only schedules happenings and never calls the engine, so the
    // buffer does not grow while it is walked.
    for (const Command& command : pending_) Handle(command);
    pending_.clear();
    if (recheck_.empty()) return absl::OkStatus();
    std::vector<size_t> agents;
    agents.swap(recheck_);
    buffer_commands_ = true;
    for (size_t i : agents) {
      agents_[i].recheck = false;
      if (absl::Status s = Settle(agents_[i]); !s.ok()) {
        buffer_commands_ = trace_ != nullptr;
        return s;
      }
    }
    buffer_commands_ = trace_ != nullptr;
  }
}

void Simulator::Handle(const Command& command) {
  ++result_.commands;
  if (trace_ != nullptr) trace_->OnCommand(command);
  kpis_.Emit(command);
  if (intervals_) intervals_->Emit(command);
  React(command);
}

absl::Status Simulator::AfterStep() {
  if (absl::Status s = Drain(); !s.ok()) return s;
  ++steps_;
  const uint32_t every = options_.check_invariants_every;
  if (every == 0 || steps_ % every != 0) return absl::OkStatus();
  ++result_.invariant_checks;
  if (absl::Status s = engine_->CheckInvariants(); !s.ok()) {
    return absl::InternalError(
        absl::StrCat(Where(), ", step ", steps_, ": invariant broken: ", s.message()));
  }
  return absl::OkStatus();
}

absl::Status Simulator::CheckBalance() const {
  const CallCounts counts = engine_->counts();
  uint64_t by_disposition = 0;
  for (uint64_t n : counts.by_disposition) by_disposition += n;
  const KpiReport& kpis = kpis_.report();
  std::string problem;
  const uint64_t abandoned =
      counts.by_disposition[static_cast<int>(Disposition::kAbandonedInQueue)] +
      counts.by_disposition[static_cast<int>(Disposition::kAbandonedRinging)];
  if (result_.first_attempts + result_.retrials !=
      result_.blocked_trunk + result_.blocked_engine + result_.calls_arrived) {
    problem = absl::StrCat(result_.first_attempts, " first attempts and ", result_.retrials,
                           " retrials but ", result_.blocked_trunk, " blocked at the trunks, ",
                           result_.blocked_engine, " at the engine's bound and ",
                           result_.calls_arrived, " arrived");
  } else if (abandoned != result_.retrials + result_.retrials_after_close + result_.gave_up) {
    problem = absl::StrCat(abandoned, " abandoned but ", result_.retrials, " retrials, ",
                           result_.retrials_after_close, " after closing and ", result_.gave_up,
                           " gave up");
  } else if (counts.arrived != result_.calls_arrived) {
    problem = absl::StrCat("engine counted ", counts.arrived, " arrivals, the simulator made ",
                           result_.calls_arrived);
  } else if (counts.ended != counts.arrived + counts.callbacks || !calls_.empty()) {
    problem = absl::StrCat(counts.arrived + counts.callbacks - counts.ended,
                           " calls and callbacks never ended (", calls_.size(),
                           " live in the simulator)");
  } else if (by_disposition != counts.ended ||
             counts.by_disposition[static_cast<int>(Disposition::kNone)] != 0) {
    problem = absl::StrCat(counts.ended, " calls ended but ", by_disposition,
                           " dispositions were counted");
  } else if (kpis.calls_ended + kpis.callbacks.Ended() != counts.ended ||
             kpis.total.offered + kpis.calls_never_queued != kpis.calls_ended ||
             kpis.total.Resolved() != kpis.total.offered) {
    problem = absl::StrCat("KPIs do not balance: ended ", kpis.calls_ended, ", offered ",
                           kpis.total.offered, ", never queued ", kpis.calls_never_queued,
                           ", resolved ", kpis.total.Resolved());
  }
  if (problem.empty()) problem = CallbackBalance();
  uint64_t never_queued = 0;
  for (uint64_t n : result_.never_queued) never_queued += n;
  if (problem.empty() && never_queued != kpis.calls_never_queued) {
    problem = absl::StrCat(kpis.calls_never_queued, " calls never queued but ", never_queued,
                           " counted by disposition");
  }
  for (size_t q = 0; problem.empty() && q < kpis.queues.size(); ++q) {
    if (kpis.queues[q].offered != kpis.queues[q].Resolved()) {
      problem = absl::StrCat("queue ", q, " offered ", kpis.queues[q].offered, " but resolved ",
                             kpis.queues[q].Resolved());
    }
  }
  if (problem.empty()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(Where(), ": conservation: ", problem));
}

}  // namespace acd::sim

namespace acd {

absl::StatusOr<SimResult> RunSimulation(const CenterConfig& center, const SimOptions& options,
                                        TraceSink* trace) {
  sim::Simulator simulator(center, options, trace);
  return simulator.Run();
}

}  // namespace acd
