// KpiCollector: floor figures from the engine's command stream.
#include "acd/kpi.h"

#include <algorithm>
#include <variant>

namespace acd {
namespace {

constexpr int kStates = 6;

size_t StateIndex(AgentState s) { return static_cast<size_t>(s); }

}  // namespace

double QueueKpi::ServiceLevel() const {
  if (offered == 0) return 1.0;
  return static_cast<double>(answered_in_sl) / static_cast<double>(offered);
}

double QueueKpi::AbandonRate() const {
  if (offered == 0) return 0.0;
  return static_cast<double>(abandoned) / static_cast<double>(offered);
}

double QueueKpi::AsaMs() const {
  if (answered == 0) return 0.0;
  return static_cast<double>(answered_wait_ms) / static_cast<double>(answered);
}

double QueueKpi::AhtMs() const {
  if (answered == 0) return 0.0;
  return static_cast<double>(talk_ms + wrapup_ms) / static_cast<double>(answered);
}

uint64_t QueueKpi::Resolved() const {
  return answered + abandoned + overflowed + callback_captured + voicemail + other_ended;
}

TimeMs AgentKpi::LoggedInMs() const {
  TimeMs sum = 0;
  for (int s = 0; s < kStates; ++s) {
    if (s != static_cast<int>(AgentState::kLoggedOut)) sum += state_ms[s];
  }
  return sum;
}

TimeMs AgentKpi::BusyMs() const {
  return state_ms[StateIndex(AgentState::kReserved)] +
         state_ms[StateIndex(AgentState::kTalking)] + state_ms[StateIndex(AgentState::kWrapUp)];
}

double AgentKpi::Occupancy() const {
  const TimeMs staffed_ms = LoggedInMs() - state_ms[StateIndex(AgentState::kNotReady)];
  if (staffed_ms <= 0) return 0.0;
  return static_cast<double>(BusyMs()) / static_cast<double>(staffed_ms);
}

KpiCollector::KpiCollector(const CenterConfig& center, KpiOptions options) {
  report_.sl_threshold_ms = options.sl_threshold_ms;
  report_.start_ms = options.start_ms;
  report_.end_ms = options.start_ms;
  report_.queues.resize(center.queues.size());
  report_.agents.resize(center.agents.size());
  agents_.resize(center.agents.size());
  if (options.sellers) seller_agent_ = SellerAgents(center, *options.sellers);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    report_.agents[i].id = center.agents[i].id;
    agent_index_[center.agents[i].id] = i;
    agents_[i].since_ms = options.start_ms;
  }
}

KpiCollector::CallRecord& KpiCollector::Touch(CallId call) { return calls_[call]; }

void KpiCollector::EnterQueue(CallRecord& call, QueueId queue, TimeMs time_ms) {
  if (call.queued && call.queue == queue) return;
  if (!call.queued) {
    call.queued = true;
    call.first_queued_ms = time_ms;
    ++report_.total.offered;
  }
  call.queue = queue;
  if (queue < report_.queues.size()) ++report_.queues[queue].offered;
}

void KpiCollector::Emit(const Command& command) {
  const TimeMs t = command.time_ms;
  if (!callbacks_.empty()) {
    if (auto it = callbacks_.find(CommandSubject(command)); it != callbacks_.end()) {
      OnCallback(command, it->second);
      return;
    }
  }
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CallQueued>) {
          EnterQueue(Touch(c.call), c.queue, t);
        } else if constexpr (std::is_same_v<T, Offer>) {
          EnterQueue(Touch(c.call), c.queue, t);
        } else if constexpr (std::is_same_v<T, CancelOffer>) {
          if (c.reason != CancelReason::kRingTimeout) return;
          const CallRecord& call = Touch(c.call);
          if (call.queued && call.queue < report_.queues.size()) {
            ++report_.queues[call.queue].ring_no_answer;
          }
          ++report_.total.ring_no_answer;
          if (auto it = agent_index_.find(c.agent); it != agent_index_.end()) {
            ++report_.agents[it->second].missed;
          }
        } else if constexpr (std::is_same_v<T, CallConnected>) {
          OnConnected(c, t);
        } else if constexpr (std::is_same_v<T, RouteCall>) {
          OnRouted(c, t);
        } else if constexpr (std::is_same_v<T, CallEnded>) {
          OnEnded(c, t);
        } else if constexpr (std::is_same_v<T, AgentStateChanged>) {
          OnAgentState(c, t);
        }
      },
      command.body);
}

void KpiCollector::OnConnected(const CallConnected& c, TimeMs time_ms) {
  CallRecord& call = Touch(c.call);
  EnterQueue(call, c.queue, time_ms);
  if (auto it = agent_index_.find(c.agent); it != agent_index_.end()) {
    agents_[it->second].last_queue = c.queue;
    agents_[it->second].has_last_queue = true;
  }
}

void KpiCollector::OnRouted(const RouteCall& c, TimeMs time_ms) {
  // The entry rules route a call that never reached a queue (from_queue
  // means nothing); its CallEnded counts it as never queued.
  if (c.cause == RouteCause::kEntryRule || c.cause == RouteCause::kEntryDefault) return;
  CallRecord& call = Touch(c.call);
  EnterQueue(call, c.from_queue, time_ms);
  if (c.kind != OverflowKind::kQueue) return;  // CallEnded counts terminal paths
  if (c.from_queue < report_.queues.size()) {
    QueueKpi& from = report_.queues[c.from_queue];
    ++from.overflowed;
    from.wait_max_ms = std::max(from.wait_max_ms, time_ms - call.first_queued_ms);
  }
  EnterQueue(call, c.to_queue, time_ms);
}

void KpiCollector::CountEnd(QueueKpi& q, Disposition d) {
  switch (d) {
    case Disposition::kAnswered:
      ++q.answered;
      break;
    case Disposition::kAbandonedInQueue:
    case Disposition::kAbandonedRinging:
      ++q.abandoned;
      break;
    case Disposition::kOverflowed:
      ++q.overflowed;
      break;
    case Disposition::kCallbackCaptured:
      ++q.callback_captured;
      break;
    case Disposition::kVoicemail:
      ++q.voicemail;
      break;
    default:
      ++q.other_ended;
      break;
  }
}

void KpiCollector::OnEnded(const CallEnded& c, TimeMs time_ms) {
  ++report_.calls_ended;
  if (c.disposition == Disposition::kCallbackCaptured) ++report_.callbacks.captured;
  auto it = calls_.find(c.call);
  const bool queued = it != calls_.end() && it->second.queued;
  if (!queued) {
    ++report_.calls_never_queued;
    if (it != calls_.end()) calls_.erase(it);
    return;
  }
  const CallRecord call = it->second;
  calls_.erase(it);
  const bool answered = c.disposition == Disposition::kAnswered;
  // An answered call waited until its answer (end minus talk).
  const TimeMs wait_ms = (answered ? time_ms - c.talk_ms : time_ms) - call.first_queued_ms;
  QueueKpi* queues[2] = {&report_.total, nullptr};
  if (call.queue < report_.queues.size()) queues[1] = &report_.queues[call.queue];
  for (QueueKpi* q : queues) {
    if (q == nullptr) continue;
    CountEnd(*q, c.disposition);
    q->wait_max_ms = std::max(q->wait_max_ms, wait_ms);
    if (!answered) continue;
    q->answered_wait_ms += wait_ms;
    q->talk_ms += c.talk_ms;
    if (wait_ms <= report_.sl_threshold_ms) ++q->answered_in_sl;
  }
  if (!answered) return;
  if (auto a = agent_index_.find(c.agent); a != agent_index_.end()) {
    ++report_.agents[a->second].calls;
    report_.agents[a->second].talk_ms += c.talk_ms;
  }
}

void KpiCollector::OnAgentState(const AgentStateChanged& c, TimeMs time_ms) {
  auto it = agent_index_.find(c.agent);
  if (it == agent_index_.end()) return;
  AgentRecord& agent = agents_[it->second];
  const TimeMs spent_ms = time_ms - agent.since_ms;
  report_.agents[it->second].state_ms[StateIndex(agent.state)] += spent_ms;
  if (agent.state == AgentState::kWrapUp && agent.has_last_queue) {
    if (agent.last_queue < report_.queues.size()) {
      report_.queues[agent.last_queue].wrapup_ms += spent_ms;
    }
    report_.total.wrapup_ms += spent_ms;
  }
  agent.state = c.state;
  agent.since_ms = time_ms;
}

void KpiCollector::Finish(TimeMs end_ms) {
  for (size_t i = 0; i < agents_.size(); ++i) {
    AgentStateChanged close{report_.agents[i].id, agents_[i].state, NotReadyReason::kNone};
    OnAgentState(close, std::max(end_ms, agents_[i].since_ms));
  }
  report_.end_ms = end_ms;
}

}  // namespace acd
