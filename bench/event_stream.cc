#include "bench/event_stream.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>

namespace acd::bench {
namespace {

// Item tags for agent items.
constexpr uint32_t kTagBreak = 0;
constexpr uint32_t kTagLunch = 1;
constexpr uint32_t kTagNoAnswer = 2;

bool IsBusy(AgentState s) {
  return s == AgentState::kReserved || s == AgentState::kTalking || s == AgentState::kWrapUp;
}

}  // namespace

EventStream::EventStream(const BenchCenter& center, const StreamOptions& options)
    : center_(center),
      options_(options),
      rng_(options.seed),
      agent_state_(center.config.agents.size(), AgentState::kLoggedOut),
      on_break_(center.config.agents.size(), 0) {
  arrival_per_ms_ = EstimateArrivalPerMs();
  calls_.reserve(center.config.agents.size() * 2 + 1024);
}

CallId EventStream::NewCall() {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(calls_.size());
    calls_.emplace_back();
  }
  CallSim& call = calls_[slot];
  ++call.generation;
  call.id = (static_cast<uint64_t>(call.generation) << kSlotBits) | slot;
  call.phase = CallPhase::kArrived;
  call.offer_serial = 0;
  return call.id;
}

void EventStream::ForgetCall(CallSim* call) {
  call->id = 0;
  free_slots_.push_back(static_cast<uint32_t>(call - calls_.data()));
}

double EventStream::EstimateArrivalPerMs() const {
  const CenterConfig& c = center_.config;
  // Mean wrap-up and ring-out cost, weighted by each queue's traffic.
  double wrapup_ms = 0, ring_ms = 0, prev = 0;
  for (size_t q = 0; q < c.queues.size(); ++q) {
    const double w = center_.queue_weight_cumulative[q] - prev;
    prev = center_.queue_weight_cumulative[q];
    wrapup_ms += w * static_cast<double>(c.queues[q].wrapup_ms);
    ring_ms += w * static_cast<double>(c.queues[q].ring_timeout_ms);
  }
  const double total = std::max(prev, 1e-9);
  wrapup_ms /= total;
  ring_ms /= total;
  const double ring_out = 1.0 - options_.answer_share - options_.decline_share;
  const double handle_ms = options_.talk_ms_mean + wrapup_ms + 3'500.0 + ring_out * ring_ms;
  // Share of time agents spend on breaks and at lunch (not available).
  const double away_ms = options_.break_share * options_.break_ms_mean +
                         options_.lunch_share * (options_.lunch_ms_mean + 30'000.0);
  const double available = handle_ms / (handle_ms + away_ms);
  return options_.load * static_cast<double>(c.agents.size()) * available / handle_ms;
}

void EventStream::Start(uint64_t warmup_events) {
  const uint32_t n = static_cast<uint32_t>(center_.config.agents.size());
  for (uint32_t i = 0; i < n; ++i) Schedule(0, Kind::kAgentLogin, 0, i, 0);
  // A first burst: as many calls as the steady state keeps talking, arriving
  // over the first ten seconds.
  const double talking = arrival_per_ms_ * options_.talk_ms_mean;
  const uint64_t burst = static_cast<uint64_t>(talking);
  for (uint64_t i = 0; i < burst; ++i) Schedule(1 + rng_.Between(0, 9'999), Kind::kArrive, 0, 0, 1);
  Schedule(10'000 + rng_.ExponentialMs(1.0 / arrival_per_ms_), Kind::kArrive, 0, 0, 0);
  for (uint64_t i = 0; i < n + 2 * burst + warmup_events; ++i) Step();
}

void EventStream::Step() {
  Event event;
  while (true) {
    const AgendaItem item = agenda_.top();
    agenda_.Pop();
    if (item.time_ms > now_ms_) now_ms_ = item.time_ms;
    if (Build(item, &event)) break;
  }
  Send(event);
}

void EventStream::Send(const Event& event) {
  ++stats_.events;
  if (options_.record != nullptr) options_.record->push_back(event);
  const absl::Status status = target_->Apply(event);
  if (status.ok()) return;
  if (stats_.errors++ < static_cast<uint64_t>(options_.log_errors)) {
    std::fprintf(stderr, "event %llu at %lld ms (%s) rejected: %s\n",
                 static_cast<unsigned long long>(event.id), static_cast<long long>(event.time_ms),
                 std::string(EventName(event.body)).c_str(), status.ToString().c_str());
  }
}

bool EventStream::Build(const AgendaItem& item, Event* event) {
  event->id = next_event_id_;
  event->time_ms = now_ms_;
  const bool built = static_cast<Kind>(item.kind) >= Kind::kAgentNotReady
                         ? BuildAgent(item, event)
                         : BuildCall(item, event);
  if (built) ++next_event_id_;
  return built;
}

bool EventStream::BuildCall(const AgendaItem& item, Event* event) {
  const Kind kind = static_cast<Kind>(item.kind);
  if (kind == Kind::kArrive) {
    // tag 1: a burst call, which does not draw the next arrival.
    if (item.tag == 0) {
      Schedule(now_ms_ + rng_.ExponentialMs(1.0 / arrival_per_ms_), Kind::kArrive, 0, 0, 0);
    }
    BuildArrive(event);
    return true;
  }
  CallSim* found = FindCall(item.call);
  if (found == nullptr) return false;  // ended meanwhile
  CallSim& call = *found;
  switch (kind) {
    case Kind::kEnqueue:
      if (call.phase != CallPhase::kArrived) return false;
      BuildEnqueue(item.call, event);
      return true;
    case Kind::kHangup:
      if (call.phase == CallPhase::kTalking) return false;
      ++stats_.hangups;
      event->body = CallHangup{item.call};
      return true;
    case Kind::kAnswer:
    case Kind::kDecline: {
      if (call.phase != CallPhase::kOffered || call.offer_serial != item.tag) return false;
      const AgentId agent = center_.config.agents[call.agent].id;
      if (kind == Kind::kAnswer) {
        event->body = CallAnswer{item.call, agent};
      } else {
        event->body = CallDecline{item.call, agent};
      }
      return true;
    }
    case Kind::kEndTalk:
      if (call.phase != CallPhase::kTalking) return false;
      ++stats_.talks_ended;
      AfterTalk(call.agent, now_ms_);
      event->body = CallEndTalk{item.call};
      return true;
    default:
      return false;
  }
}

void EventStream::BuildArrive(Event* event) {
  const CallId id = NewCall();
  ++stats_.arrivals;
  CallArrive arrive;
  arrive.call = id;
  arrive.attributes.ani = "+3361" + std::to_string(10'000'000 + rng_.Below(89'999'999));
  arrive.attributes.dnis = "+33140000000";
  arrive.attributes.intent = static_cast<Intent>(rng_.Below(6));
  arrive.attributes.vip = rng_.Chance(0.03);
  arrive.attributes.returning = rng_.Chance(0.3);
  event->body = std::move(arrive);
  if (rng_.Chance(options_.ivr_abandon_share)) {
    Schedule(now_ms_ + rng_.Between(500, 2'999), Kind::kHangup, id, 0, 0);
  }
  Schedule(now_ms_ + rng_.Between(1'000, 3'000), Kind::kEnqueue, id, 0, 0);
}

void EventStream::BuildEnqueue(CallId call, Event* event) {
  const std::vector<double>& cum = center_.queue_weight_cumulative;
  const double x = rng_.Unit() * cum.back();
  const QueueId q = static_cast<QueueId>(
      std::min<size_t>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin(), cum.size() - 1));
  CallEnqueue enqueue;
  enqueue.call = call;
  enqueue.queue = q;
  const double p = rng_.Unit();
  enqueue.priority = p < 0.85 ? 0 : (p < 0.95 ? 1 : 5);
  const std::vector<uint32_t>& members = center_.members[q];
  if (!members.empty() && rng_.Chance(options_.min_level_share)) {
    // A level some member has, so the call can be served.
    const int level = center_.member_levels[q][rng_.Below(members.size())];
    enqueue.min_level = static_cast<int>(rng_.Between(kMinLevel, std::max(level, kMinLevel)));
  }
  const std::vector<SkillLevel>& extras = center_.extra_options[q];
  if (!extras.empty() && rng_.Chance(options_.extra_skill_share)) {
    enqueue.required_skills.push_back(extras[rng_.Below(static_cast<uint32_t>(extras.size()))]);
  }
  event->body = std::move(enqueue);
  FindCall(call)->phase = CallPhase::kWaiting;
  ++stats_.waiting_now;
  Schedule(now_ms_ + rng_.ExponentialMs(options_.patience_ms_mean), Kind::kHangup, call, 0, 0);
}

void EventStream::AfterTalk(uint32_t agent, TimeMs time_ms) {
  const double r = rng_.Unit();
  if (r < options_.break_share) {
    Schedule(time_ms, Kind::kAgentNotReady, 0, agent, kTagBreak);
  } else if (r < options_.break_share + options_.lunch_share) {
    Schedule(time_ms, Kind::kAgentNotReady, 0, agent, kTagLunch);
  }
}

bool EventStream::BuildAgent(const AgendaItem& item, Event* event) {
  const uint32_t i = item.agent;
  const AgentId id = center_.config.agents[i].id;
  const AgentState s = agent_state_[i];
  switch (static_cast<Kind>(item.kind)) {
    case Kind::kAgentNotReady:
      // Between calls only: ready, or in wrap-up (engine shows wrap-up on).
      if (s != AgentState::kReady && s != AgentState::kWrapUp) return false;
      if (on_break_[i]) return false;
      on_break_[i] = 1;
      if (item.tag == kTagLunch) {
        event->body = AgentNotReady{id, NotReadyReason::kLunch};
        Schedule(now_ms_ + 30'000, Kind::kAgentLogout, 0, i, 0);
      } else {
        event->body = AgentNotReady{id, NotReadyReason::kBreak};
        Schedule(now_ms_ + rng_.ExponentialMs(options_.break_ms_mean), Kind::kAgentReady, 0, i,
                 kTagBreak);
      }
      break;
    case Kind::kAgentReady:
      if (item.tag == kTagNoAnswer) {
        if (s != AgentState::kNotReady || on_break_[i]) return false;
      } else if (!on_break_[i] || s == AgentState::kLoggedOut) {
        return false;
      }
      on_break_[i] = 0;
      event->body = AgentReady{id};
      break;
    case Kind::kAgentLogout:
      if (s != AgentState::kNotReady && s != AgentState::kWrapUp) return false;
      event->body = AgentLogout{id};
      Schedule(now_ms_ + rng_.ExponentialMs(options_.lunch_ms_mean), Kind::kAgentLogin, 0, i, 0);
      break;
    case Kind::kAgentLogin:
      if (s != AgentState::kLoggedOut) return false;
      on_break_[i] = 0;
      event->body = AgentLogin{id, true};
      break;
    default:
      return false;
  }
  ++stats_.agent_events;
  return true;
}

void EventStream::Emit(const Command& command) {
  const CommandBody& body = command.body;
  if (const Offer* offer = std::get_if<Offer>(&body)) {
    OnOffer(*offer, command.time_ms);
  } else if (const AgentStateChanged* change = std::get_if<AgentStateChanged>(&body)) {
    OnAgentState(*change, command.time_ms);
  } else if (const CancelOffer* cancel = std::get_if<CancelOffer>(&body)) {
    CallSim* call = FindCall(cancel->call);
    if (call != nullptr && call->phase == CallPhase::kOffered) call->phase = CallPhase::kWaiting;
  } else if (const CallConnected* connected = std::get_if<CallConnected>(&body)) {
    CallSim* call = FindCall(connected->call);
    if (call == nullptr) return;
    call->phase = CallPhase::kTalking;
    --stats_.waiting_now;
    ++stats_.answers;
    Schedule(command.time_ms + rng_.ExponentialMs(options_.talk_ms_mean), Kind::kEndTalk,
             connected->call, 0, 0);
  } else if (const CallEnded* ended = std::get_if<CallEnded>(&body)) {
    CallSim* call = FindCall(ended->call);
    if (call == nullptr) return;
    if (call->phase == CallPhase::kWaiting || call->phase == CallPhase::kOffered) {
      --stats_.waiting_now;
    }
    ForgetCall(call);
  }
}

void EventStream::OnOffer(const Offer& offer, TimeMs time_ms) {
  CallSim* found = FindCall(offer.call);
  if (found == nullptr) return;
  CallSim& call = *found;
  call.phase = CallPhase::kOffered;
  call.agent = static_cast<uint32_t>(offer.agent - 1);  // roster ids are 1..N
  ++call.offer_serial;
  ++stats_.offers;
  const double r = rng_.Unit();
  if (r < options_.answer_share) {
    Schedule(time_ms + rng_.Between(1'000, 6'000), Kind::kAnswer, offer.call, 0,
             call.offer_serial);
  } else if (r < options_.answer_share + options_.decline_share) {
    ++stats_.declines;
    Schedule(time_ms + rng_.Between(1'000, 4'000), Kind::kDecline, offer.call, 0,
             call.offer_serial);
  } else {
    ++stats_.ring_outs;  // the engine's ring timer will fire (RONA)
  }
}

void EventStream::OnAgentState(const AgentStateChanged& change, TimeMs time_ms) {
  const uint32_t i = static_cast<uint32_t>(change.agent - 1);
  const AgentState old = agent_state_[i];
  agent_state_[i] = change.state;
  stats_.busy_agents_now += IsBusy(change.state);
  stats_.busy_agents_now -= IsBusy(old);
  stats_.logged_in_agents_now += change.state != AgentState::kLoggedOut;
  stats_.logged_in_agents_now -= old != AgentState::kLoggedOut;
  stats_.not_ready_agents_now += change.state == AgentState::kNotReady;
  stats_.not_ready_agents_now -= old == AgentState::kNotReady;
  if (change.state == AgentState::kNotReady && change.reason == NotReadyReason::kNoAnswer) {
    // The agent notices the auto-pause and makes itself ready again.
    Schedule(time_ms + rng_.Between(20'000, 60'000), Kind::kAgentReady, 0, i, kTagNoAnswer);
  }
}

}  // namespace acd::bench
