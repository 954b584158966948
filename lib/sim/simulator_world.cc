// Simulator: world happenings (callers and agents acting).
#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <variant>

#include "absl/strings/str_cat.h"
#include "sim/simulator.h"

namespace acd::sim {
namespace {

constexpr uint64_t kCallStream = 4;
constexpr uint64_t kRetrialStream = 6;
constexpr uint64_t kCallerStream = 7;  // who the caller is (CRM, line)

bool Abandoned(Disposition d) {
  return d == Disposition::kAbandonedInQueue || d == Disposition::kAbandonedRinging;
}

}  // namespace

void Simulator::Schedule(TimeMs time_ms, HappeningKind kind, CallId call, AgentId agent,
                         uint32_t index, uint64_t serial) {
  Happening& h = world_.Schedule(time_ms);
  h.kind = kind;
  h.call = call;
  h.agent = agent;
  h.index = index;
  h.serial = serial;
}

void Simulator::ScheduleShifts() {
  if (options_.shifts.empty()) {
    for (const SimAgent& agent : agents_) {
      Schedule(options_.start_ms, HappeningKind::kLogin, 0, agent.id);
    }
    return;
  }
  for (size_t i = 0; i < options_.shifts.size(); ++i) {
    const AgentShift& shift = options_.shifts[i];
    const auto index = static_cast<uint32_t>(i);
    Schedule(shift.login_ms, HappeningKind::kLogin, 0, shift.agent, index);
    for (size_t b = 0; b < shift.breaks.size(); ++b) {
      Schedule(shift.breaks[b].start_ms, HappeningKind::kBreakStart, 0, shift.agent, index, b);
    }
    Schedule(shift.logout_ms, HappeningKind::kLogout, 0, shift.agent, index);
  }
}

absl::Status Simulator::Step(const Happening& h) {
  switch (h.kind) {
    case HappeningKind::kArrival: return OnArrival();
    case HappeningKind::kRetrial: return OnRetrial(h.serial);
    case HappeningKind::kClose: return OnClose();
    case HappeningKind::kIvrDone: return OnIvrDone(h.call);
    case HappeningKind::kPatienceOver: return OnPatienceOver(h);
    case HappeningKind::kAnswer: return OnAnswer(h);
    case HappeningKind::kTalkEnd: return OnTalkEnd(h.call);
    case HappeningKind::kLogin: return OnLogin(h.agent);
    case HappeningKind::kBreakEnd: return OnBreakEnd(h);
    case HappeningKind::kNoAnswerOver: return OnNoAnswerOver(h);
    case HappeningKind::kContact: return OnContact(h.serial);
    case HappeningKind::kDialResult: return OnDialResult(h);
    case HappeningKind::kCallbackCut: return OnCallbackCut();
    case HappeningKind::kLogout:
    case HappeningKind::kBreakStart: {
      SimAgent* agent = FindAgent(h.agent);
      if (agent == nullptr) return absl::OkStatus();
      if (h.kind == HappeningKind::kLogout) {
        agent->wants_logout = true;
      } else {
        agent->wants_break = true;
        agent->pending_break = options_.shifts[h.index].breaks[h.serial];
      }
      return Settle(*agent);
    }
  }
  return absl::OkStatus();
}

absl::Status Simulator::OnArrival() {
  const auto type = static_cast<uint32_t>(arrivals_.PickType(now_ms_));
  const TimeMs next_ms = arrivals_.Next();
  if (next_ms < kNeverMs) Schedule(next_ms, HappeningKind::kArrival);
  return PlaceCall(next_caller_++, 0, type, std::nullopt);
}

absl::Status Simulator::OnRetrial(uint64_t key) {
  auto it = retrials_.find(key);
  if (it == retrials_.end()) return absl::OkStatus();
  const PendingRetrial retrial = it->second;
  retrials_.erase(it);
  return PlaceCall(retrial.caller, retrial.attempt, retrial.type, retrial.base_handle_ms);
}

IntervalKpi* Simulator::Bucket(TimeMs time_ms) {
  return intervals_ ? intervals_->Bucket(time_ms) : nullptr;
}

absl::Status Simulator::PlaceCall(uint64_t caller, uint32_t attempt, uint32_t type_index,
                                  std::optional<TimeMs> base_handle_ms) {
  IntervalKpi* bucket = Bucket(now_ms_);
  ++(attempt == 0 ? result_.first_attempts : result_.retrials);
  if (bucket != nullptr) {
    ++bucket->attempts;
    if (attempt > 0) ++bucket->retrials;
  }
  // A callback holds no line while it waits (its dial is not modelled).
  if (options_.trunk_lines > 0 && calls_.size() - live_callbacks_ >= options_.trunk_lines) {
    ++result_.blocked_trunk;  // busy tone: the engine never hears of it
    if (bucket != nullptr) {
      ++bucket->blocked_trunk;
      ++bucket->Type(type_index).blocked;
    }
    return absl::OkStatus();
  }
  // The engine's bound on live calls (callbacks count): the PBX hears the
  // refusal and plays a busy tone, so the caller is blocked like at a trunk.
  if (calls_.size() >= center_.max_live_calls) {
    ++result_.blocked_engine;
    if (bucket != nullptr) {
      ++bucket->blocked_engine;
      ++bucket->Type(type_index).blocked;
    }
    return absl::OkStatus();
  }
  const CallId id = next_call_++;
  const CallType& type = options_.traffic.types[type_index];
  // The caller's own stream: the same caller whatever the routing does.
  const uint64_t caller_seed = MixSeed(options_.seed, kCallStream, caller);
  Rng rng(attempt == 0 ? caller_seed : MixSeed(caller_seed, attempt));
  const TimeMs ivr_ms = SampleMs(type.ivr_ms, rng);
  SimCall& call = calls_.Add(id);
  call.type = type_index;
  call.caller = caller;
  call.attempt = attempt;
  call.arrived_ms = now_ms_;
  call.patience_ms = SampleMs(type.patience_ms, rng);
  const TimeMs drawn_ms = std::max<TimeMs>(SampleMs(type.handle_ms, rng), 1);
  call.base_handle_ms = base_handle_ms.value_or(drawn_ms);
  call.handle_ms = call.base_handle_ms;
  const TrafficProfile& traffic = options_.traffic;
  if (!traffic.handle_factor.empty() && now_ms_ >= traffic.start_ms) {
    const auto i = static_cast<size_t>((now_ms_ - traffic.start_ms) / traffic.interval_ms);
    if (i < traffic.handle_factor.size()) {
      call.handle_ms = std::max<TimeMs>(
          1, std::llround(static_cast<double>(call.base_handle_ms) * traffic.handle_factor[i]));
    }
  }
  if (type.zero_patience_share > 0) call.zero_patience = rng.Bernoulli(type.zero_patience_share);
  call.by_rules = type.routing == CallRouting::kByEntryRules;
  ++result_.calls_arrived;
  if (intervals_) intervals_->NoteCallType(id, type_index);
  Schedule(now_ms_ + ivr_ms, HappeningKind::kIvrDone, id);
  Event event{0, now_ms_ + epoch_ms_, EventBody(std::in_place_type<CallArrive>)};
  CallArrive& arrive = std::get<CallArrive>(event.body);
  arrive.call = id;
  arrive.attributes.intent = type.intent;
  arrive.attributes.returning = attempt > 0;
  if (call.by_rules) DescribeCaller(type, caller, attempt, &arrive.attributes);
  return ApplyEvent(event);
}

// The caller as the PBX, the IVR and the CRM know them. Drawn from the
// caller's own stream, so every attempt of a caller is the same person
// (same number, same owner) and the other draws are left as they were.
void Simulator::DescribeCaller(const CallType& type, uint64_t caller, uint32_t attempt,
                               CallAttributes* a) const {
  Rng rng(MixSeed(options_.seed, kCallerStream, caller));
  a->ani = absl::StrCat("caller-", caller);
  a->dnis = type.dnis;
  a->digits = type.digits;
  a->language = type.language;
  a->marketing_source = type.marketing_source;
  a->vip = rng.Bernoulli(type.vip_share);
  const bool customer = rng.Bernoulli(type.returning_share);
  a->returning = customer || attempt > 0;
  a->internal = rng.Bernoulli(type.internal_share);
  if (customer && !type.owner_agents.empty()) {
    a->owner_agent = type.owner_agents[rng.Below(type.owner_agents.size())];
  }
}

void Simulator::StartPatience(SimCall& call, CallId id) {
  call.patience_started = true;
  if (call.zero_patience) {
    Schedule(now_ms_, HappeningKind::kPatienceOver, id, 0, 1);
  } else if (call.patience_ms < kNeverMs) {
    Schedule(now_ms_ + call.patience_ms, HappeningKind::kPatienceOver, id);
  }
}

absl::Status Simulator::OnIvrDone(CallId id) {
  SimCall* call = calls_.Find(id);
  if (call == nullptr) return absl::OkStatus();
  const CallType& type = options_.traffic.types[call->type];
  if (!call->by_rules && type.ivr_route != Disposition::kNone) {
    return Apply(CallRoute{id, type.ivr_route});
  }
  if (closed_) {
    ++result_.disconnected_at_close;
    return Apply(CallRoute{id, Disposition::kOverflowed});
  }
  if (options_.waiting_line_max > 0) {
    const CallCounts counts = engine_->counts();
    if (counts.waiting + counts.offered >= options_.waiting_line_max) {
      ++result_.blocked_line;
      if (IntervalKpi* bucket = Bucket(call->arrived_ms)) ++bucket->blocked_line;
      if (intervals_) intervals_->NoteBlockedAtLine(id);
      return Apply(CallRoute{id, Disposition::kRejected});
    }
  }
  // By entry rules the engine decides; the patience clock starts when the
  // call is queued (OnQueued), if it is.
  if (call->by_rules) return Apply(CallClassify{id, type.digits, type.intent});
  StartPatience(*call, id);
  return Apply(CallEnqueue{id, type.queue, type.priority, kMinLevel, {}});
}

absl::Status Simulator::OnPatienceOver(const Happening& h) {
  const SimCall* call = calls_.Find(h.call);
  if (call == nullptr || call->connected) return absl::OkStatus();
  if (h.index == 1) {
    // No patience at all: leaves unless an offer started on arrival.
    absl::StatusOr<CallView> view = engine_->GetCall(h.call);
    if (!view.ok() || view->state != CallState::kWaiting) return absl::OkStatus();
  }
  return Apply(CallHangup{h.call});
}

// Closing with a message: every caller not yet talking is disconnected;
// those still in the IVR hear it when they leave it (closed_).
absl::Status Simulator::OnClose() {
  closed_ = true;
  std::vector<CallId> waiting = calls_.Ids();
  waiting.erase(std::remove_if(waiting.begin(), waiting.end(),
                               [&](CallId id) {
                                 const SimCall* call = calls_.Find(id);
                                 return call->connected || call->callback;  // not on the line
                               }),
                waiting.end());
  for (CallId id : waiting) {
    absl::StatusOr<CallView> view = engine_->GetCall(id);
    if (!view.ok() || view->state == CallState::kArrived) continue;  // in the IVR
    ++result_.disconnected_at_close;
    if (absl::Status s = Apply(CallRoute{id, Disposition::kOverflowed}); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// The serve-out limit: a caller still waiting is disconnected, a call
// still talking is hung up. Each is counted once.
absl::Status Simulator::CutAtServeOutLimit() {
  serve_out_cut_ = true;
  for (CallId id : calls_.Ids()) {
    const SimCall* call = calls_.Find(id);
    if (call == nullptr) continue;  // ended by an earlier cut's reactions
    absl::StatusOr<CallView> view = engine_->GetCall(id);
    if (!view.ok()) continue;
    ++result_.cut_at_serve_out_limit;
    absl::Status s = call->connected ? Apply(CallHangup{id})
                                     : Apply(CallRoute{id, Disposition::kOverflowed});
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Simulator::OnAnswer(const Happening& h) {
  SimCall* call = calls_.Find(h.call);
  if (call == nullptr || call->connected) return absl::OkStatus();
  auto& answers = call->answers;
  auto pending = std::find_if(answers.begin(), answers.end(), [&](const PendingAnswer& a) {
    return a.agent == h.agent && a.serial == h.serial;
  });
  if (pending == answers.end()) return absl::OkStatus();  // the offer was withdrawn
  answers.erase(pending);
  return Apply(CallAnswer{h.call, h.agent});
}

absl::Status Simulator::OnTalkEnd(CallId id) {
  const SimCall* call = calls_.Find(id);
  if (call == nullptr || !call->connected) return absl::OkStatus();
  return Apply(CallEndTalk{id});
}

absl::Status Simulator::OnLogin(AgentId id) {
  SimAgent* agent = FindAgent(id);
  if (agent == nullptr) return absl::OkStatus();
  agent->wants_logout = false;  // a new shift starts before the old one let go
  absl::StatusOr<AgentView> view = engine_->GetAgent(id);
  if (!view.ok() || view->state != AgentState::kLoggedOut) return absl::OkStatus();
  return Apply(AgentLogin{id, true});
}

absl::Status Simulator::OnBreakEnd(const Happening& h) {
  SimAgent* agent = FindAgent(h.agent);
  if (agent == nullptr || agent->break_serial != h.serial) return absl::OkStatus();
  absl::StatusOr<AgentView> view = engine_->GetAgent(h.agent);
  if (!view.ok() || view->state != AgentState::kNotReady ||
      view->reason != static_cast<NotReadyReason>(h.index)) {
    return absl::OkStatus();
  }
  return Apply(AgentReady{h.agent});
}

absl::Status Simulator::OnNoAnswerOver(const Happening& h) {
  SimAgent* agent = FindAgent(h.agent);
  if (agent == nullptr) return absl::OkStatus();
  if (h.index != 0) {  // a pause in one queue alone, if it still holds
    const QueueId queue = h.index - 1;
    if (agent->queue_pause_serials[queue] != h.serial) return absl::OkStatus();
    absl::StatusOr<AgentView> view = engine_->GetAgent(h.agent);
    if (!view.ok()) return absl::OkStatus();
    for (const AgentView::QueuePause& pause : view->paused_queues) {
      if (pause.queue == queue && pause.reason == NotReadyReason::kNoAnswer) {
        return Apply(AgentReady{h.agent, queue});
      }
    }
    return absl::OkStatus();
  }
  if (agent->pause_serial != h.serial) return absl::OkStatus();
  absl::StatusOr<AgentView> view = engine_->GetAgent(h.agent);
  if (!view.ok() || view->state != AgentState::kNotReady ||
      view->reason != NotReadyReason::kNoAnswer) {
    return absl::OkStatus();
  }
  return Apply(AgentReady{h.agent});
}

// Carries out a break or a logout that is due. While an offer rings the
// agent waits (either would withdraw the offer); while talking or in
// wrap-up the engine keeps the agent on the call and applies the new
// presence afterwards, which is what a floor agent does.
absl::Status Simulator::Settle(SimAgent& agent) {
  if (!agent.wants_logout && !agent.wants_break) return absl::OkStatus();
  absl::StatusOr<AgentView> view = engine_->GetAgent(agent.id);
  if (!view.ok()) return view.status();
  if (view->state == AgentState::kReserved) return absl::OkStatus();
  if (agent.wants_logout) {
    agent.wants_logout = false;
    agent.wants_break = false;
    agent.break_applied = false;
    if (view->state == AgentState::kLoggedOut) return absl::OkStatus();
    return Apply(AgentLogout{agent.id});
  }
  agent.wants_break = false;
  if (view->state == AgentState::kLoggedOut) return absl::OkStatus();
  const NotReadyReason reason = agent.pending_break.reason;
  agent.break_applied = true;
  if (view->state == AgentState::kNotReady && view->reason == reason) {
    // Already away for this reason: the break clock starts now.
    OnAgentState(AgentStateChanged{agent.id, AgentState::kNotReady, reason});
    return absl::OkStatus();
  }
  return Apply(AgentNotReady{agent.id, reason});
}

Simulator::SimAgent* Simulator::FindAgent(AgentId id) {
  auto it = agent_index_.find(id);
  return it == agent_index_.end() ? nullptr : &agents_[it->second];
}

void Simulator::MarkRecheck(SimAgent& agent) {
  if (agent.recheck) return;
  agent.recheck = true;
  recheck_.push_back(static_cast<size_t>(&agent - agents_.data()));
}

// A caller who abandoned may call again later: same caller, same need.
void Simulator::OnEnded(const CallEnded& ended) {
  const auto disposition = static_cast<size_t>(ended.disposition);
  if (!ended.queued && disposition < std::size(result_.never_queued)) {
    ++result_.never_queued[disposition];
  }
  const SimCall* found = calls_.Find(ended.call);
  if (found == nullptr) return;
  if (found->callback) {
    --live_callbacks_;
    if (found->held) --held_callbacks_;
    calls_.Erase(ended.call);
    return;
  }
  if (ended.disposition == Disposition::kCallbackCaptured) OnCaptured(*found, ended.call, ended);
  // What a retrial needs of the caller, before the record goes.
  struct {
    uint64_t caller;
    uint32_t attempt;
    uint32_t type;
    TimeMs base_handle_ms;
  } const call{found->caller, found->attempt, found->type, found->base_handle_ms};
  calls_.Erase(ended.call);
  if (!Abandoned(ended.disposition)) return;
  const RetrialOptions& retrial = options_.retrial;
  Rng rng(MixSeed(MixSeed(options_.seed, kRetrialStream, call.caller), call.attempt));
  if (static_cast<int>(call.attempt) >= retrial.max_retrials ||
      !rng.Bernoulli(retrial.probability)) {
    ++result_.gave_up;
    return;
  }
  const TimeMs at_ms = now_ms_ + SampleMs(retrial.delay_ms, rng);
  if (at_ms >= options_.end_ms) {
    ++result_.retrials_after_close;
    return;
  }
  const uint64_t key = next_retrial_++;
  retrials_[key] = PendingRetrial{call.caller, call.attempt + 1, call.type, call.base_handle_ms};
  Schedule(at_ms, HappeningKind::kRetrial, 0, 0, 0, key);
}

}  // namespace acd::sim
