// EventGenerator: ordinary PBX traffic. Faults are in event_faults.cc.
#include "tests/core/event_gen.h"

#include <algorithm>
#include <string>

namespace acd::testing {
namespace {

constexpr NotReadyReason kReasons[] = {NotReadyReason::kUnspecified, NotReadyReason::kBreak,
                                       NotReadyReason::kLunch, NotReadyReason::kTraining,
                                       NotReadyReason::kMeeting};
constexpr Disposition kTerminal[] = {Disposition::kRejected, Disposition::kVoicemail,
                                     Disposition::kCallbackCaptured, Disposition::kOverflowed};

}  // namespace

template <typename Label>
Label EventGenerator::MaybeDeclared(Label builtin) {
  const CenterLabels& labels = center_->labels;
  const size_t declared = std::is_same_v<Label, Intent> ? labels.intents.size()
                                                        : labels.not_ready_reasons.size();
  const int first = std::is_same_v<Label, Intent> ? kBuiltinIntents : kBuiltinNotReadyReasons;
  if (declared == 0) return builtin;
  if (labels_rng_.PerMille(20)) return static_cast<Label>(first + declared);  // undeclared
  if (!labels_rng_.PerMille(400)) return builtin;
  return static_cast<Label>(first + labels_rng_.Below(declared));
}
template Intent EventGenerator::MaybeDeclared(Intent);
template NotReadyReason EventGenerator::MaybeDeclared(NotReadyReason);

EventGenerator::EventGenerator(const CenterConfig& center, uint64_t seed, TimeMs start_ms)
    : center_(&center),
      rng_(seed * 0x9e3779b97f4a7c15ULL + 17),
      clock_ms_(start_ms),
      expr_rng_(seed ^ 0x736b696c6c73ULL),
      vocab_rng_(seed ^ 0x766f636162ULL),
      labels_rng_(seed ^ 0x6c6162656c73ULL),
      levels_rng_(seed ^ 0x6c6576656c73ULL),
      pauses_rng_(seed ^ 0x706175736573ULL) {
  const uint32_t fault_rates[] = {0, 20, 60, 150};
  mix_.fault_per_mille = fault_rates[rng_.Below(4)];
  mix_.answer = std::vector<uint32_t>{4, 20, 60}[rng_.Below(3)];
  mix_.decline = std::vector<uint32_t>{0, 3, 10}[rng_.Below(3)];
  mix_.hangup = std::vector<uint32_t>{2, 8, 20}[rng_.Below(3)];
  mix_.end_talk = std::vector<uint32_t>{10, 30}[rng_.Below(2)];
  mix_.churn = std::vector<uint32_t>{1, 4, 12}[rng_.Below(3)];
  mix_.dt_max_ms = std::vector<TimeMs>{500, 3000, 15000}[rng_.Below(3)];
  calls_per_agent_ = 1 + rng_.Below(4);
  SetCenter(center);
  // A small menu of extra-skill sets, so queues stay within their pool limit.
  skill_sets_.emplace_back();
  const size_t skills = center.skills.size();
  for (size_t i = 0; skills > 0 && i < 4; ++i) {
    absl::InlinedVector<SkillLevel, 2> set;
    const SkillId first = static_cast<SkillId>(rng_.Below(skills));
    set.push_back({first, static_cast<int>(rng_.Between(1, 8))});
    const SkillId second = static_cast<SkillId>(rng_.Below(skills));
    if (second != first && rng_.PerMille(400)) {
      set.push_back({second, static_cast<int>(rng_.Between(1, 8))});
    }
    skill_sets_.push_back(set);
  }
  // With the skill sets, at most 9 requirements per queue: within its pools.
  skill_exprs_ = RandomSkillExprs(expr_rng_, center.skills, 4);
}

void EventGenerator::SetCenter(const CenterConfig& center) {
  center_ = &center;
  mix_.max_calls = center.agents.size() * calls_per_agent_ + 5;
  reports_outside_calls_ = false;
  for (const QueueConfig& q : center.queues) reports_outside_calls_ |= q.ring_in_use;
}

std::optional<Step> EventGenerator::StartStep(TimeMs now_ms) {
  now_ms_ = now_ms;
  clock_ms_ = std::max(clock_ms_, now_ms);
  std::optional<Step> held = std::move(held_);
  held_.reset();
  return held;
}

Step EventGenerator::Next(const ShadowModel& shadow, TimeMs now_ms) {
  if (std::optional<Step> held = StartStep(now_ms)) return *std::move(held);
  const Look look = Snapshot(shadow);
  Step step;
  if (rng_.PerMille(mix_.fault_per_mille) && MakeFault(look, shadow, now_ms, &step)) return step;
  return NormalStep(look);
}

Step EventGenerator::NextFrom(const Look& look, TimeMs now_ms) {
  if (std::optional<Step> held = StartStep(now_ms)) return *std::move(held);
  return NormalStep(look);
}

Step EventGenerator::NormalStep(const Look& look) {
  Step step;
  while (!Normal(look, &step)) step = Step();
  if (!step.advance) Stamp(&step);
  return step;
}

void EventGenerator::Observe(const Step& step, const absl::Status& status) {
  if (step.advance || step.event.id == 0) return;
  if (status.ok()) {
    accepted_.push_back(step.event);
    if (accepted_.size() > 16) accepted_.pop_front();
  } else if (step.fresh_id && free_ids_.size() < 64) {
    free_ids_.push_back(step.event.id);
  }
}

EventGenerator::Look EventGenerator::Snapshot(const ShadowModel& shadow) const {
  Look look;
  for (const auto& [id, call] : shadow.live()) {
    look.all.push_back(id);
    switch (call.state) {
      case CallState::kArrived: look.ivr.push_back(id); break;
      case CallState::kWaiting:
        look.waiting.push_back(id);
        look.waiting_queue[id] = call.queue;
        break;
      case CallState::kOffered: look.offered.push_back(id); break;
      case CallState::kTalking: look.talking.push_back(id); break;
      case CallState::kDialing: look.dialing.push_back(id); break;
      default: break;
    }
    if (call.on_hold) look.on_hold.push_back(id);
    if (call.consult != 0 && !call.consult_leg) look.consulting.push_back(id);
    for (const ShadowOffer& o : call.offers) look.offers.emplace_back(id, o.agent);
  }
  for (const auto& [id, capture] : shadow.captures()) {
    if (shadow.CaptureOpen(id, now_ms_)) look.captures.push_back(id);
  }
  for (const auto& [id, agent] : shadow.agents()) {
    switch (agent.state) {
      case AgentState::kLoggedOut: look.logged_out.push_back(id); break;
      case AgentState::kReady: look.ready.push_back(id); break;
      case AgentState::kNotReady:
      case AgentState::kWrapUp: look.paused.push_back(id); break;
      default: look.busy.push_back(id); break;
    }
    if (agent.state != AgentState::kLoggedOut) look.logged_in.push_back(id);
    if (agent.outside_call) look.outside.push_back(id);
  }
  return look;
}

TimeMs EventGenerator::Tick() {
  const uint64_t r = rng_.Below(100);
  if (r >= 40) clock_ms_ += static_cast<TimeMs>(rng_.Below(r < 92 ? mix_.dt_max_ms : 60'000));
  return clock_ms_;
}

void EventGenerator::Stamp(Step* step) {
  step->event.time_ms = Tick();
  const uint64_t r = rng_.Below(100);
  if (r < 8) {
    step->event.id = 0;
  } else if (r < 14 && !free_ids_.empty()) {
    step->event.id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    step->event.id = next_event_id_++;
  }
  step->fresh_id = step->event.id != 0;
}

bool EventGenerator::Normal(const Look& look, Step* step) {
  if (vocab_rng_.PerMille(100) && VocabStep(look, step)) return true;
  auto w = [](bool possible, uint32_t weight) { return possible ? weight : 0u; };
  const std::vector<uint32_t> weights = {
      4,
      w(look.all.size() < mix_.max_calls, 30),
      w(!look.ivr.empty(), 40),
      w(!look.ivr.empty(), 2),
      w(!look.offers.empty(), mix_.answer),
      w(!look.offers.empty(), mix_.decline),
      w(!look.all.empty(), mix_.hangup),
      w(!look.talking.empty(), mix_.end_talk),
      w(!look.waiting.empty() || !look.talking.empty() || !look.offered.empty(), 3),
      w(!look.logged_out.empty(), 3 * mix_.churn + 5),
      w(!look.logged_in.empty(), mix_.churn),
      w(!look.paused.empty(), 4 * mix_.churn + 5),
      w(!look.ready.empty() || !look.busy.empty(), mix_.churn),
      2,
      // Callbacks last: without captures or dials, every other draw stays
      // what it was before callbacks existed.
      w(!look.captures.empty(), 25),
      w(!look.dialing.empty(), 40),
      // Outside calls only where the PBX reports them (some queue rings
      // agents in use): other seeds keep their streams.
      w(reports_outside_calls_ && !look.logged_in.empty(), 6),
  };
  const int kind = static_cast<int>(rng_.Weighted(weights));
  if (kind == 0) {
    step->advance = true;
    step->event.time_ms = Tick();
    return true;
  }
  if (kind == 16) {
    const AgentId agent = rng_.Pick(look.logged_in);
    const bool on_call = std::find(look.outside.begin(), look.outside.end(), agent) ==
                         look.outside.end();
    step->event.body = AgentOutsideCall{agent, on_call};
    return true;
  }
  if (kind >= 14) return CallbackStep(kind, look, step);
  return kind <= 8 ? CallStep(kind, look, step) : AgentStep(kind, look, step);
}

CallEnqueue EventGenerator::RandomEnqueue(CallId call) {
  CallEnqueue e;
  e.call = call;
  e.queue = static_cast<QueueId>(rng_.Below(center_->queues.size()));
  e.priority = rng_.PerMille(30) ? (rng_.PerMille(500) ? 1000 : -1000)
                                 : static_cast<int>(rng_.Between(-3, 3));
  e.min_level = rng_.PerMille(600) ? kMinLevel : static_cast<int>(rng_.Between(1, kMaxLevel));
  if (!rng_.PerMille(600)) e.required_skills = rng_.Pick(skill_sets_);
  if (e.required_skills.empty() && !skill_exprs_.empty() && expr_rng_.PerMille(400)) {
    e.skills_expr = expr_rng_.Pick(skill_exprs_).expr;
  }
  // Sometimes a requested place in line (Asterisk's Queue() position).
  if (vocab_rng_.PerMille(100)) e.position = static_cast<uint32_t>(vocab_rng_.Between(1, 6));
  // Sometimes a time adjustment (FreeSWITCH's base score, Connect's queue
  // time adjustment), mostly ahead, sometimes behind.
  if (vocab_rng_.PerMille(150)) e.wait_credit_ms = vocab_rng_.Between(-60, 300) * 1000;
  return e;
}

std::vector<SkillLevel> EventGenerator::RandomSkills() {
  std::vector<SkillLevel> skills;
  for (size_t s = 0; s < center_->skills.size(); ++s) {
    if (rng_.PerMille(500)) {
      skills.push_back({static_cast<SkillId>(s), static_cast<int>(rng_.Between(1, 10))});
    }
  }
  return skills;
}

bool EventGenerator::CallStep(int kind, const Look& look, Step* step) {
  Event& ev = step->event;
  switch (kind) {
    case 1: {
      CallArrive e{next_call_id_++, {}};
      // Few callers, so that some call back (resume their place in line).
      e.attributes.ani = "+3361" + std::to_string(rng_.Below(1000000) % 40);
      e.attributes.vip = rng_.PerMille(100);
      e.attributes.internal = rng_.PerMille(200);
      e.attributes.returning = rng_.PerMille(300);
      e.attributes.intent = MaybeDeclared(static_cast<Intent>(rng_.Below(6)));
      // A CRM owner for some returning callers, from the call id alone so
      // that the generator's draws (and every seed's stream) stay as before.
      const uint64_t h = (e.call * 0x9e3779b97f4a7c15ULL) >> 33;
      if (e.attributes.returning && h % 3 != 0 && !center_->agents.empty()) {
        e.attributes.owner_agent = center_->agents[h % center_->agents.size()].id;
      }
      // The number dialled and the language, for entry rules, the same way.
      e.attributes.dnis = "+49301" + std::to_string((h >> 8) % 3);
      e.attributes.language = (h >> 12) % 2 == 0 ? "de" : "en";
      ev.body = e;
      return true;
    }
    case 2: {
      const CallId call = rng_.Pick(look.ivr);
      // With entry rules, mostly the IVR's menu decides (the rules' own
      // draws only where there are rules: other seeds stay as they were).
      if (!center_->entry_rules.empty() && rng_.PerMille(700)) {
        const std::vector<std::string> menu = {"", "1", "2", "3", "42", "9"};
        ev.body = CallClassify{call, rng_.Pick(menu), static_cast<Intent>(rng_.Below(6))};
        std::get<CallClassify>(ev.body).intent =
            MaybeDeclared(std::get<CallClassify>(ev.body).intent);
        return true;
      }
      ev.body = RandomEnqueue(call);
      return true;
    }
    case 3: {
      // Mostly from the IVR; sometimes a queued call, waiting or ringing
      // (the caller chose voicemail while in line).
      std::vector<CallId> queued_calls = look.waiting;
      queued_calls.insert(queued_calls.end(), look.offered.begin(), look.offered.end());
      const bool queued = !queued_calls.empty() && rng_.PerMille(100);
      ev.body = CallRoute{rng_.Pick(queued ? queued_calls : look.ivr),
                          kTerminal[rng_.Below(std::size(kTerminal))]};
      return true;
    }
    case 4: {
      const auto [call, agent] = rng_.Pick(look.offers);
      ev.body = CallAnswer{call, agent};
      return true;
    }
    case 5: {
      const auto [call, agent] = rng_.Pick(look.offers);
      // A busy line or an unavailable device now and then, from the
      // vocabulary's stream (the main stream stays).
      const uint64_t line = vocab_rng_.Below(10);
      ev.body = CallDecline{call, agent,
                            line < 7   ? DeclineReason::kDeclined
                            : line < 9 ? DeclineReason::kBusy
                                       : DeclineReason::kUnavailable};
      return true;
    }
    case 6: ev.body = CallHangup{rng_.Pick(look.all)}; return true;
    case 7:
      ev.body = CallEndTalk{rng_.Pick(look.talking), static_cast<EndedBy>(vocab_rng_.Below(3))};
      return true;
    default: {
      std::vector<CallId> pool = look.waiting;
      pool.insert(pool.end(), look.talking.begin(), look.talking.end());
      if (pool.empty() || rng_.PerMille(150)) pool.insert(pool.end(), look.offered.begin(),
                                                         look.offered.end());
      if (pool.empty()) return false;
      ev.body = CallTransfer{rng_.Pick(pool),
                             static_cast<QueueId>(rng_.Below(center_->queues.size())),
                             static_cast<int>(rng_.Between(-3, 3))};
      return true;
    }
  }
}

bool EventGenerator::CallbackStep(int kind, const Look& look, Step* step) {
  Event& ev = step->event;
  if (kind == 14) {
    CallbackRequest e;
    e.callback = next_call_id_++;
    e.from_call = rng_.Pick(look.captures);
    e.number = "+4930" + std::to_string(1000000 + rng_.Below(9000000));
    const uint64_t window = rng_.Below(10);
    if (window < 2) {  // a window the caller chose, perhaps later
      e.window_from_ms = clock_ms_ + rng_.Between(0, 120) * 1000;
      e.window_to_ms = e.window_from_ms + rng_.Between(30, 600) * 1000;
    } else if (window < 3) {  // only an end
      e.window_to_ms = clock_ms_ + rng_.Between(60, 900) * 1000;
    }
    ev.body = e;
    return true;
  }
  const DialOutcome outcomes[] = {DialOutcome::kConnected, DialOutcome::kConnected,
                                  DialOutcome::kNoAnswer,  DialOutcome::kBusy,
                                  DialOutcome::kFailed,    DialOutcome::kInvalidNumber};
  const uint64_t pick = rng_.Below(20);
  ev.body = CallbackResult{rng_.Pick(look.dialing),
                           outcomes[pick < 9 ? 0 : pick < 14 ? 2 : pick < 17 ? 3 : pick < 19 ? 4 : 5]};
  return true;
}

bool EventGenerator::AgentStep(int kind, const Look& look, Step* step) {
  Event& ev = step->event;
  switch (kind) {
    case 9: ev.body = AgentLogin{rng_.Pick(look.logged_out), rng_.PerMille(850)}; return true;
    case 10: ev.body = AgentLogout{rng_.Pick(look.logged_in)}; return true;
    case 11: {
      const bool any = look.paused.empty() || rng_.PerMille(100);
      if (any && look.logged_in.empty()) return false;
      ev.body = AgentReady{rng_.Pick(any ? look.logged_in : look.paused)};
      QueuePauseStep(look, step);  // or, now and then, in one queue
      return true;
    }
    case 12: {
      const bool busy = look.ready.empty() || (!look.busy.empty() && rng_.PerMille(250));
      ev.body = AgentNotReady{rng_.Pick(busy ? look.busy : look.ready),
                              kReasons[rng_.Below(std::size(kReasons))]};
      std::get<AgentNotReady>(ev.body).reason =
          MaybeDeclared(std::get<AgentNotReady>(ev.body).reason);
      QueuePauseStep(look, step);
      return true;
    }
    default:
      ev.body = AgentSetSkills{center_->agents[rng_.Below(center_->agents.size())].id,
                               RandomSkills()};
      LevelStep(step);  // or, now and then, a level instead
      return true;
  }
}

}  // namespace acd::testing
