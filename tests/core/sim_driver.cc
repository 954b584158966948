// The fuzz driver: one seed, step by step, checked after every step.
#include "tests/core/sim_driver.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/core/center_gen.h"
#include "tests/core/describe.h"
#include "tests/core/fuzz_run.h"
#include "tests/core/invariant_checker.h"

namespace acd::testing {
namespace {

std::string DescribeStep(const Step& step) {
  if (step.advance) return absl::StrCat("AdvanceTo(", step.event.time_ms, ")");
  return absl::StrCat(DescribeEvent(step.event),
                      step.fault == Fault::kNone ? "" : absl::StrCat("  [fault ",
                                                                     Sv(FaultName(step.fault)), "]"));
}

std::string DescribeCenter(const CenterConfig& center) {
  std::string out = absl::StrCat(center.queues.size(), " queues, ", center.agents.size(),
                                 " agents, ", center.skills.size(), " skills, max_live_calls ",
                                 center.max_live_calls, "\n");
  for (size_t q = 0; q < center.queues.size(); ++q) {
    const QueueConfig& c = center.queues[q];
    absl::StrAppend(&out, "    queue ", q, " (", c.name, "): ", Name(c.strategy), " ring ",
                    c.ring_timeout_ms, " wrapup ", c.wrapup_ms, " max_misses ", c.max_misses,
                    " max_wait ", c.max_wait_ms, "->", Name(c.on_max_wait.kind), ":",
                    c.on_max_wait.queue, " max_length ", c.max_length, "->",
                    Name(c.on_full.kind), ":", c.on_full.queue,
                    c.has_skill ? absl::StrCat(" skill ", c.skill) : "",
                    c.ring_in_use ? " ring_in_use" : "",
                    c.max_wait_cuts_ring ? " max_wait_cuts_ring" : "",
                    c.counters_since_ready ? " counters_since_ready" : "",
                    c.wrapup_here_only ? " wrapup_here_only" : "",
                    c.auto_pause_here_only ? " auto_pause_here_only" : "",
                    c.auto_pause_delay_ms > 0 ? absl::StrCat(" auto_pause_delay ", c.auto_pause_delay_ms)
                                              : "",
                    c.auto_pause_busy ? " auto_pause_busy" : "",
                    c.auto_pause_unavailable ? " auto_pause_unavailable" : "",
                    c.counters_here_only ? " counters_here_only" : "",
                    c.rules_from_arrival ? " rules_from_arrival" : "",
                    c.ring_timeout_moves_on ? " ring_timeout_moves_on" : "",
                    c.keep_rules_at_entry ? " keep_rules_at_entry" : "",
                    c.order_by.empty() ? ""
                                       : absl::StrCat(" order_by ", c.order_by,
                                                      c.order_descending ? " desc" : " asc"),
                    c.owner_first_ms > 0 ? absl::StrCat(" owner_first ", c.owner_first_ms) : "",
                    c.progressive_ring_ms > 0 ? absl::StrCat(" progressive ", c.progressive_ring_ms)
                                              : "",
                    c.ignore_delays_up_to_members > 0
                        ? absl::StrCat(" ignore_delays_up_to ", c.ignore_delays_up_to_members)
                        : "",
                    c.level_first ? " level_first" : "",
                    c.skip_empty_delays ? " skip_empty_delays" : "",
                    c.ignore_levels_up_to_members > 0
                        ? absl::StrCat(" ignore_levels_up_to ", c.ignore_levels_up_to_members)
                        : "",
                    c.join_empty.factors != 0
                        ? absl::StrCat(" join_empty ", c.join_empty.factors, "->",
                                       Name(c.join_empty.action.kind), ":",
                                       c.join_empty.action.queue)
                        : "",
                    LeaveFactors(c.leave_when_empty) != 0
                        ? absl::StrCat(" leave_empty ", LeaveFactors(c.leave_when_empty), "->",
                                       Name(c.leave_when_empty.action.kind), ":",
                                       c.leave_when_empty.action.queue)
                        : "",
                    "\n");
    for (size_t r = 0; r < c.rules.size(); ++r) {
      const OverflowRule& rule = c.rules[r];
      absl::StrAppend(&out, "      rule ", r, ": after ", rule.after_ms, " every ", rule.every_ms,
                      " condition ",
                      static_cast<int>(rule.condition), " threshold ", rule.threshold,
                      " action ", static_cast<int>(rule.action), " route ",
                      Name(rule.route.kind), ":", rule.route.queue, " level ", rule.level,
                      " priority ", rule.priority_delta, " queue ", rule.queue, " bounds ",
                      rule.bounds.min_level.relative, ":", rule.bounds.min_level.value, ",",
                      rule.bounds.max_level.relative, ":", rule.bounds.max_level.value, ",",
                      rule.bounds.level_cap.relative, ":", rule.bounds.level_cap.value, "\n");
    }
  }
  for (const AgentConfig& a : center.agents) {
    absl::StrAppend(&out, "    agent ", a.id, ": capacity ", a.capacity, " queues [");
    for (const Membership& m : a.queues) {
      absl::StrAppend(&out, " ", m.queue, " level ", m.level, " delay ", m.delay_ms, ";");
    }
    absl::StrAppend(&out, " ] skills [");
    for (const SkillLevel& sk : a.skills) absl::StrAppend(&out, " ", sk.skill, ":", sk.level);
    absl::StrAppend(&out, " ]");
    if (a.all_skills_level != 0) absl::StrAppend(&out, " every other skill:", a.all_skills_level);
    if (!a.attributes.empty()) {
      absl::StrAppend(&out, " attributes [");
      for (const AgentAttribute& at : a.attributes) {
        absl::StrAppend(&out, " ", at.name, ":", at.value);
      }
      absl::StrAppend(&out, " ]");
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace

FuzzRun::FuzzRun(const FuzzOptions& options)
    : options_(options),
      center_(CenterForSeed(options.seed)),
      live_center_(center_),
      checker_(center_),
      gen_(center_, options.seed, kFuzzStartMs),
      reload_rng_(options.seed ^ 0x72656c6f6164ULL),
      restore_rng_(options.seed ^ 0x736e617073686f74ULL) {
  checker_.SetSkillExprs(&gen_.skill_exprs());
}

absl::Status FuzzRun::Setup() {
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(center_, &sink_, EngineOptions{options_.seed});
  if (!engine.ok()) return engine.status();
  engine_ = *std::move(engine);
  if (options_.twin) {
    absl::StatusOr<std::unique_ptr<Engine>> twin =
        Engine::Create(center_, &twin_sink_, EngineOptions{options_.seed});
    if (!twin.ok()) return twin.status();
    twin_ = *std::move(twin);
  }
  return absl::OkStatus();
}

FuzzResult FuzzRun::Run() {
  if (absl::Status s = Setup(); !s.ok()) {
    result_.ok = false;
    result_.report = absl::StrCat("seed ", options_.seed, ": the generated center is invalid: ",
                                  s.ToString(), "\n", DescribeCenter(center_));
    return std::move(result_);
  }
  for (int i = 0; i < options_.events; ++i) {
    if (ReloadDue()) {
      if (absl::Status broken = Reload(i); !broken.ok()) {
        result_.ok = false;
        result_.report = Report(i, nullptr, absl::OkStatus(), broken);
        break;
      }
    }
    if (RestoreDue()) {
      if (absl::Status broken = RestoreFromSnapshot(i); !broken.ok()) {
        result_.ok = false;
        result_.report = Report(i, nullptr, absl::OkStatus(), broken);
        break;
      }
    }
    const Step step = NextStep();
    sink_.commands.clear();
    twin_sink_.commands.clear();
    if (shadowed()) {
      checker_.BeginStep(static_cast<uint64_t>(i));
    } else {
      tracker_.BeginStep();
      ++result_.stats.steps_unshadowed;
    }
    absl::Status outcome;
    absl::Status broken = DoStep(step, &outcome);
    if (broken.ok()) broken = shadowed() ? checker_.EndStep(*engine_) : tracker_.Check(*engine_);
    if (broken.ok() && twin_) broken = CheckTwin(i, step, outcome);
    Past& past = history_[i % kHistory];
    past.step = step;
    past.outcome = outcome;
    past.commands = sink_.commands;
    steps_done_ = i + 1;
    if (!broken.ok()) {
      result_.ok = false;
      result_.report = Report(i, &step, outcome, broken);
      break;
    }
    gen_.Observe(step, outcome);
    Count(sink_.commands);
    if (options_.record) {
      result_.steps.push_back(step);
      result_.commands.insert(result_.commands.end(), sink_.commands.begin(),
                              sink_.commands.end());
    }
  }
  result_.counts = engine_->counts();
  result_.final_hash = engine_->StateHash();
  return std::move(result_);
}

Step FuzzRun::NextStep() {
  if (shadowed()) return gen_.Next(checker_.shadow(), engine_->now_ms());
  return gen_.NextFrom(tracker_.Look(*engine_), engine_->now_ms());
}

void FuzzRun::Count(const std::vector<Command>& commands) {
  FuzzStats& s = result_.stats;
  s.commands += commands.size();
  for (const Command& c : commands) {
    ++s.by_command[c.body.index()];
    if (const auto* offer = std::get_if<Offer>(&c.body)) {
      s.ring_all_offers += offer->ring_all;
      s.preferred_offers += offer->preferred;
      s.transfer_offers += offer->transfer_from != 0;
      const QueueConfig& q = current_center().queues[offer->queue];
      s.progressive_offers += !offer->ring_all && offer->ring_timeout_ms != q.ring_timeout_ms;
      s.score_offers += q.strategy == Strategy::kBestSkillScore;
      s.ordered_offers += !q.order_by.empty();
      if (shadowed()) {
        const auto call = checker_.shadow().live().find(offer->call);
        s.skill_expr_offers +=
            call != checker_.shadow().live().end() && call->second.expr != nullptr;
      }
    }
    if (const auto* rule = std::get_if<RuleApplied>(&c.body)) {
      (rule->held ? s.rules_held : s.rules_passed_over) += 1;
    }
    if (const auto* route = std::get_if<RouteCall>(&c.body)) {
      ++s.routes_by_cause[static_cast<int>(route->cause)];
    }
    if (const auto* cancel = std::get_if<CancelOffer>(&c.body)) {
      ++s.cancels_by_reason[static_cast<int>(cancel->reason)];
    }
    if (const auto* state = std::get_if<AgentStateChanged>(&c.body)) {
      s.no_answer_pauses += state->reason == NotReadyReason::kNoAnswer;
    }
  }
}

absl::Status FuzzRun::DoStep(const Step& step, absl::Status* outcome) {
  if (step.fault != Fault::kNone) {
    ++result_.stats.faults;
    ++result_.stats.fault_counts[static_cast<int>(step.fault)];
  }
  if (step.advance) {
    ++result_.stats.advances;
    return DoAdvance(step.event.time_ms);
  }
  return DoApply(step, outcome);
}

absl::Status FuzzRun::DoAdvance(TimeMs time_ms) {
  const size_t first = sink_.commands.size();
  if (absl::Status s = engine_->AdvanceTo(time_ms); !s.ok()) {
    return absl::InternalError(absl::StrCat("AdvanceTo(", time_ms, ") failed: ", s.ToString()));
  }
  if (engine_->now_ms() != time_ms) return absl::InternalError("AdvanceTo did not move now_ms");
  for (size_t i = first; i < sink_.commands.size(); ++i) {
    if (sink_.commands[i].time_ms > time_ms) {
      return absl::InternalError("a timer command is stamped after the AdvanceTo time");
    }
  }
  const auto emitted =
      absl::MakeConstSpan(sink_.commands).subspan(first, sink_.commands.size() - first);
  return shadowed() ? checker_.OnTimerCommands(emitted) : tracker_.OnCommands(emitted);
}

absl::Status FuzzRun::DoApply(const Step& step, absl::Status* outcome) {
  const Event& e = step.event;
  if (e.time_ms >= engine_->now_ms()) {
    if (absl::Status s = DoAdvance(e.time_ms); !s.ok()) return s;
  }
  const size_t first = sink_.commands.size();
  const bool must = shadowed() && step.fault == Fault::kNone && (step.fresh_id || e.id == 0) &&
                    e.time_ms >= engine_->now_ms() &&
                    MustAccept(e, checker_.shadow(), center_, engine_->now_ms());
  // StateHash walks the whole state: only taken when a rejection is
  // allowed (without the shadow, at every fourth step: a rejection that
  // changed the state would not stay hidden for long).
  const bool hashed = !must && (shadowed() || steps_done_ % 4 == 0);
  const uint64_t hash_before = hashed ? Hash(*engine_) : 0;
  *outcome = engine_->Apply(e);
  const auto emitted =
      absl::MakeConstSpan(sink_.commands).subspan(first, sink_.commands.size() - first);
  if (outcome->ok()) {
    ++result_.stats.accepted;
    ++result_.stats.accepted_by_event[e.body.index()];
    if (std::holds_alternative<AgentSetLevel>(e.body)) {  // a raised agent takes a waiting caller
      for (const Command& c : emitted) result_.stats.level_offers += std::holds_alternative<Offer>(c.body);
    }
    if (step.expect) return absl::InternalError("the engine accepted a faulty event");
    return OnAccepted(e, emitted);
  }
  ++result_.stats.rejected;
  if (must) {
    return absl::InternalError(
        absl::StrCat("the engine rejected an event the contract accepts: ", outcome->ToString()));
  }
  if (step.fresh_id && outcome->code() == absl::StatusCode::kAlreadyExists &&
      absl::StartsWith(outcome->message(), "event_id")) {
    return absl::InternalError("a fresh event id (earlier used only by a rejected event) was "
                               "reported as a duplicate: a rejected event left its id behind");
  }
  return checker_.OnRejected(e, *outcome, hash_before, hashed ? Hash(*engine_) : 0, emitted.size(),
                             step.expect.value_or(RejectExpectation{}));
}

absl::Status FuzzRun::OnAccepted(const Event& event, absl::Span<const Command> emitted) {
  if (shadowed()) return checker_.OnAccepted(event, emitted);
  for (const Command& c : emitted) {
    if (c.time_ms != event.time_ms) {
      return absl::InternalError("command of an event not stamped with its time");
    }
  }
  tracker_.OnAccepted(event);
  return tracker_.OnCommands(emitted);
}

absl::Status FuzzRun::CheckTwin(int step_index, const Step& step, const absl::Status& outcome) {
  absl::Status twin_outcome =
      step.advance ? twin_->AdvanceTo(step.event.time_ms) : twin_->Apply(step.event);
  if (twin_outcome.code() != outcome.code()) {
    return absl::InternalError(absl::StrCat(
        "Apply at a later time and AdvanceTo+Apply disagree: Apply alone answered ",
        twin_outcome.ToString(), ", AdvanceTo then Apply answered ", outcome.ToString()));
  }
  // A rejection before the timers leaves the twin behind: catch it up.
  if (!twin_outcome.ok()) {
    if (absl::Status s = twin_->AdvanceTo(engine_->now_ms()); !s.ok()) return s;
  }
  if (!SameCommands(twin_sink_.commands, sink_.commands)) {
    return absl::InternalError(absl::StrCat(
        "replay: the twin engine emitted ", twin_sink_.commands.size(),
        " commands differing from the engine's ", sink_.commands.size(),
        twin_sink_.commands.empty() ? "" : absl::StrCat("; twin first: ",
                                                        DescribeCommand(twin_sink_.commands[0]))));
  }
  // The hash walks the whole state: compared every 64th step and at the
  // end; the command streams are compared at every step.
  const bool compare = step_index % 64 == 0 || step_index + 1 == options_.events;
  if (compare && Hash(*twin_) != Hash(*engine_)) {
    return absl::InternalError("replay: the twin engine's StateHash differs (invariant 9)");
  }
  return absl::OkStatus();
}

std::string FuzzRun::Report(int index, const Step* step, const absl::Status& outcome,
                            const absl::Status& broken) const {
  std::string out = absl::StrCat("FUZZ FAILURE seed=", options_.seed, " step=", index, " of ",
                                 options_.events, "\n  broken: ", broken.message(),
                                 "\n  step: ",
                                 step == nullptr ? "the last reload listed below" : DescribeStep(*step),
                                 "\n  engine answered: ", outcome.ToString(), "\n  center: ",
                                 DescribeCenter(current_center()));
  if (!reloads_.empty()) {
    absl::StrAppend(&out, "  reloads", shadowed() ? "" : " (the shadow model is off since the first accepted change)",
                    ":\n");
    for (const std::string& r : reloads_) absl::StrAppend(&out, "    ", r, "\n");
  }
  absl::StrAppend(&out, "  last steps (oldest first):\n");
  const int from = std::max(0, steps_done_ - static_cast<int>(kHistory));
  for (int i = from; i < steps_done_; ++i) {
    const Past& past = history_[i % kHistory];
    absl::StrAppend(&out, "    #", i, " ", DescribeStep(past.step), " -> ",
                    past.outcome.ok() ? "OK" : past.outcome.ToString(), "\n");
    for (const Command& c : past.commands) absl::StrAppend(&out, "        ", DescribeCommand(c), "\n");
  }
  if (options_.reloads == ReloadMode::kOff) {
    absl::StrAppend(&out, "  rerun: ACD_SEED=", options_.seed, " ACD_FUZZ_EVENTS=", options_.events,
                    " <build>/bin/core_fuzz_test --gtest_filter='FuzzOne.*'\n");
  } else {
    absl::StrAppend(&out, "  rerun: ACD_SEED=", options_.seed, " ACD_FUZZ_EVENTS=", options_.events,
                    " ACD_RELOADS=",
                    options_.reloads == ReloadMode::kMutated ? "mutated"
                    : options_.reloads == ReloadMode::kRules ? "rules"
                                                             : "identity",
                    options_.restores ? " ACD_RESTORES=1" : "",
                    " <build>/bin/core_reload_fuzz_test --gtest_filter='ReloadOne.*'\n");
  }
  return out;
}

CenterConfig CenterForSeed(uint64_t seed) {
  TestRng rng(seed);
  return RandomCenter(rng);
}

FuzzResult RunFuzzSeed(const FuzzOptions& options) { return FuzzRun(options).Run(); }

uint64_t EnvU64(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::strtoull(value, nullptr, 10);
}

uint64_t ScaledSeeds(uint64_t seeds) {
  const char* value = std::getenv("ACD_FUZZ_DIVISOR");
  const uint64_t divisor = value == nullptr ? 1 : std::strtoull(value, nullptr, 10);
  return divisor <= 1 ? seeds : std::max<uint64_t>(1, seeds / divisor);
}

ReplayResult ReplaySteps(const CenterConfig& center, uint64_t engine_seed,
                         const std::vector<Step>& steps) {
  VectorSink sink;
  ReplayResult out;
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(center, &sink, EngineOptions{engine_seed});
  if (!engine.ok()) return out;
  for (const Step& step : steps) {
    if (step.advance || step.event.time_ms >= (*engine)->now_ms()) {
      (*engine)->AdvanceTo(step.event.time_ms).IgnoreError();
    }
    if (!step.advance) (*engine)->Apply(step.event).IgnoreError();
  }
  out.commands = std::move(sink.commands);
  out.hash = (*engine)->StateHash();
  return out;
}

}  // namespace acd::testing
