// QueueLogFormatter: one record per engine command, with the little state
// a line needs that its command does not carry.
#include <string>
#include <type_traits>
#include <variant>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "acd/queue_log.h"

namespace acd {
namespace {

std::string Flag(bool b) { return b ? "1" : "0"; }
std::string Name(std::string_view s) { return std::string(s); }

QueueLogEvent RouteEvent(RouteCause cause) {
  switch (cause) {
    case RouteCause::kQueueFull: return QueueLogEvent::kFull;
    case RouteCause::kMaxWait: return QueueLogEvent::kExitWithTimeout;
    case RouteCause::kRule: return QueueLogEvent::kOverflow;
    case RouteCause::kEntryRule: return QueueLogEvent::kEntryRule;
    case RouteCause::kEntryDefault: return QueueLogEvent::kEntryDefault;
    case RouteCause::kLeaveWhenEmpty: return QueueLogEvent::kExitEmpty;
    case RouteCause::kDeclined: return QueueLogEvent::kDeclineRoute;
    case RouteCause::kQueueRemoved: return QueueLogEvent::kQueueRemoved;
    case RouteCause::kJoinEmpty: return QueueLogEvent::kJoinEmpty;
    default: return QueueLogEvent::kOverflow;  // a cause this format predates
  }
}

QueueLogEvent AgentEvent(AgentState previous, AgentState state) {
  if (state == AgentState::kLoggedOut) return QueueLogEvent::kAgentLogoff;
  if (previous == AgentState::kLoggedOut) return QueueLogEvent::kAgentLogin;
  switch (state) {
    case AgentState::kReady: return QueueLogEvent::kReady;
    case AgentState::kReserved: return QueueLogEvent::kReserved;
    case AgentState::kTalking: return QueueLogEvent::kTalking;
    case AgentState::kWrapUp: return QueueLogEvent::kWrapUp;
    case AgentState::kNotReady: return QueueLogEvent::kPause;
    default: return QueueLogEvent::kPause;  // a state this format predates
  }
}

// The call a command is about (a callback's own id for the callback
// commands); 0 for agent commands and unknown ones.
CallId CallOf(const CommandBody& body) {
  return std::visit(
      [](const auto& c) -> CallId {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, DialCallback> || std::is_same_v<C, CallbackHeld>) {
          return c.callback;
        } else if constexpr (requires { c.call; }) {
          return c.call;
        } else {
          return 0;
        }
      },
      body);
}

}  // namespace

QueueLogFormatter::QueueLogFormatter(const CenterConfig& center) : labels_(center.labels) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    queue_names_.push_back(center.queues[q].name.empty() ? absl::StrCat(q)
                                                         : center.queues[q].name);
  }
  absl::flat_hash_map<std::string, int> uses;
  for (const AgentConfig& a : center.agents) ++uses[a.name];
  for (const AgentConfig& a : center.agents) {
    const bool usable = !a.name.empty() && a.name != kQueueLogNone && uses[a.name] == 1;
    agent_names_[a.id] = usable ? a.name : absl::StrCat(a.id);
  }
}

std::string QueueLogFormatter::QueueName(QueueId queue) const {
  return queue < queue_names_.size() ? queue_names_[queue] : absl::StrCat(queue);
}

std::string QueueLogFormatter::AgentName(AgentId agent) const {
  if (agent == 0) return "";
  auto it = agent_names_.find(agent);
  return it == agent_names_.end() ? absl::StrCat(agent) : it->second;
}

TimeMs QueueLogFormatter::RingMs(LiveCall& call, AgentId agent, TimeMs time_ms) {
  auto it = call.offer_start_ms.find(agent);
  if (it == call.offer_start_ms.end()) return -1;
  const TimeMs ring_ms = time_ms - it->second;
  call.offer_start_ms.erase(it);
  return ring_ms >= 0 ? ring_ms : -1;
}

QueueLogRecord QueueLogFormatter::Format(const Command& command) {
  if (const auto* c = std::get_if<AgentStateChanged>(&command.body)) {
    return FormatAgent(command.time_ms, *c);
  }
  if (const auto* c = std::get_if<AgentLevelChanged>(&command.body)) {
    return {command.time_ms, 0, QueueName(c->queue), AgentName(c->agent), QueueLogEvent::kPenalty,
            {absl::StrCat(c->level)}};
  }
  if (const auto* c = std::get_if<AgentPauseChanged>(&command.body)) {
    // In that queue alone (Asterisk's PAUSE / UNPAUSE lines name the queue;
    // a pause everywhere is the agent line PAUSE under NONE).
    const AgentState here = c->paused ? AgentState::kNotReady : AgentState::kReady;
    return {command.time_ms, 0, QueueName(c->queue), AgentName(c->agent),
            c->paused ? QueueLogEvent::kPause : QueueLogEvent::kUnpause,
            {Name(ToString(here)), Name(LabelName(labels_, c->reason))}};
  }
  const CallId call = CallOf(command.body);
  if (call == 0) {
    return {command.time_ms, 0, "", "", QueueLogEvent::kOther, {Name(CommandName(command.body))}};
  }
  return FormatCall(command.time_ms, call, command.body);
}

QueueLogRecord QueueLogFormatter::FormatAgent(TimeMs time_ms, const AgentStateChanged& c) {
  AgentState& previous = agent_states_.try_emplace(c.agent, AgentState::kLoggedOut).first->second;
  QueueLogRecord r{time_ms, 0, "", AgentName(c.agent), AgentEvent(previous, c.state),
                   {Name(ToString(c.state)), Name(LabelName(labels_, c.reason))}};
  previous = c.state;
  return r;
}

QueueLogRecord QueueLogFormatter::FormatCall(TimeMs time_ms, CallId call,
                                             const CommandBody& body) {
  LiveCall& state = calls_[call];
  QueueLogRecord r{time_ms, call, state.queued ? QueueName(state.queue) : "", "",
                   QueueLogEvent::kOther, {}};
  std::visit(
      [&](const auto& c) {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, Offer>) {
          state.offer_start_ms[c.agent] = time_ms;
          r.queue = QueueName(c.queue);
          r.agent = AgentName(c.agent);
          r.event = c.callback ? QueueLogEvent::kCallbackOffer : QueueLogEvent::kOffer;
          r.data = {absl::StrCat(c.ring_timeout_ms), Flag(c.ring_all), Flag(c.preferred)};
          if (c.transfer_from != 0) {  // under the agent who transferred
            r.agent = AgentName(c.transfer_from);
            r.event = QueueLogEvent::kBlindTransfer;
            r.data = {AgentName(c.agent), absl::StrCat(c.ring_timeout_ms)};
          }
        } else if constexpr (std::is_same_v<C, CancelOffer>) {
          r.agent = AgentName(c.agent);
          const std::string ring_ms = absl::StrCat(RingMs(state, c.agent, time_ms));
          if (c.reason == CancelReason::kRingTimeout) {
            r.event = QueueLogEvent::kRingNoAnswer;
            r.data = {ring_ms};
          } else {
            r.event = QueueLogEvent::kRingCanceled;
            r.data = {Name(ToString(c.reason)), ring_ms};
          }
        } else if constexpr (std::is_same_v<C, CallQueued>) {
          const bool again = state.queued && state.queue == c.queue;
          state.queued = true;
          state.queue = c.queue;
          r.queue = QueueName(c.queue);
          r.event = again ? QueueLogEvent::kRequeue : QueueLogEvent::kEnterQueue;
          r.data = {absl::StrCat(c.waiting)};
        } else if constexpr (std::is_same_v<C, CallConnected>) {
          r.queue = QueueName(c.queue);
          r.agent = AgentName(c.agent);
          r.event = QueueLogEvent::kConnect;
          r.data = {absl::StrCat(c.wait_ms), absl::StrCat(RingMs(state, c.agent, time_ms))};
          if (c.transfer_from != 0) {  // a consult completed: under the agent who transferred
            r.agent = AgentName(c.transfer_from);
            r.event = QueueLogEvent::kAttendedTransfer;
            r.data = {AgentName(c.agent), absl::StrCat(c.wait_ms)};
          }
        } else if constexpr (std::is_same_v<C, RouteCall>) {
          const bool entry = c.cause == RouteCause::kEntryRule ||
                             c.cause == RouteCause::kEntryDefault ||
                             c.cause == RouteCause::kQueueRemoved;  // no such queue now
          r.queue = entry ? "" : QueueName(c.from_queue);
          r.event = RouteEvent(c.cause);
          r.data = {Name(ToString(c.kind)),
                    c.kind == OverflowKind::kQueue ? QueueName(c.to_queue) : Name(kQueueLogNone),
                    absl::StrCat(c.rule), c.target};
        } else if constexpr (std::is_same_v<C, RuleApplied>) {
          r.queue = QueueName(c.queue);
          r.event = QueueLogEvent::kRule;
          r.data = {absl::StrCat(c.rule), Flag(c.held), c.name};
        } else if constexpr (std::is_same_v<C, Announce>) {
          r.queue = QueueName(c.queue);
          r.event = QueueLogEvent::kAnnounce;
          r.data = {absl::StrCat(c.position), Flag(c.more_than), absl::StrCat(c.ewt_ms)};
        } else if constexpr (std::is_same_v<C, DialCallback>) {
          RingMs(state, c.agent, time_ms);  // the agent's ring ended when it took the callback
          state.queued = true;
          state.queue = c.queue;
          r.queue = QueueName(c.queue);
          r.agent = AgentName(c.agent);
          r.event = QueueLogEvent::kCallbackDial;
          r.data = {c.number, absl::StrCat(c.attempt)};
        } else if constexpr (std::is_same_v<C, CallbackHeld>) {
          state.queued = true;
          state.queue = c.queue;
          r.queue = QueueName(c.queue);
          r.event = QueueLogEvent::kCallbackHeld;
          r.data = {absl::StrCat(c.until_ms), absl::StrCat(c.failed_attempts)};
        } else if constexpr (std::is_same_v<C, CallEnded>) {
          r.queue = c.queued ? QueueName(c.queue) : "";
          const bool talked = c.disposition == Disposition::kAnswered ||
                              c.disposition == Disposition::kCallbackCompleted ||
                              c.disposition == Disposition::kOutbound ||
                              c.disposition == Disposition::kConsult;
          r.agent = talked ? AgentName(c.agent) : "";
          r.event = TerminalEventFor(c.disposition, c.ended_by);
          r.data = {Name(ToString(c.disposition)), absl::StrCat(c.wait_ms),
                    absl::StrCat(c.talk_ms)};
        } else {
          r.data = {Name(CommandName(body))};
        }
      },
      body);
  const bool untouched = !state.queued && state.offer_start_ms.empty();
  if (IsTerminalQueueLogEvent(r.event) || (r.event == QueueLogEvent::kOther && untouched)) {
    calls_.erase(call);
  }
  return r;
}

}  // namespace acd
