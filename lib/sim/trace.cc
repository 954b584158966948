// TextTrace: one readable line per routing decision; clock formatting.
#include <algorithm>
#include <ostream>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/sim.h"

namespace acd {
namespace {

const char* IntentName(Intent intent) {
  switch (intent) {
    case Intent::kUnknown: return "no menu choice";
    case Intent::kBuy: return "buy";
    case Intent::kExistingOrder: return "existing order";
    case Intent::kSupport: return "support";
    case Intent::kSellToUs: return "sells to us";
    case Intent::kOther: return "other";
  }
  return "other";
}

const char* CancelText(CancelReason reason) {
  switch (reason) {
    case CancelReason::kAnsweredElsewhere: return "answered elsewhere";
    case CancelReason::kCallerHangup: return "caller hung up";
    case CancelReason::kRingTimeout: return "no answer";
    case CancelReason::kAgentDeclined: return "declined";
    case CancelReason::kAgentUnavailable: return "agent unavailable";
    case CancelReason::kCallMoved: return "call moved";
  }
  return "cancelled";
}

// "callback_captured" -> "callback captured".
std::string Readable(std::string_view name) {
  std::string text(name);
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

}  // namespace

std::string FormatClock(TimeMs time_ms) {
  const TimeMs day_ms = 24 * kMsPerHour;
  const TimeMs day = time_ms >= 0 ? time_ms / day_ms : 0;
  const TimeMs in_day_s = (time_ms - day * day_ms) / kMsPerSecond;
  std::string clock = absl::StrFormat("%02d:%02d:%02d", in_day_s / 3600, in_day_s / 60 % 60,
                                      in_day_s % 60);
  if (day == 0) return clock;
  return absl::StrCat("d", day, " ", clock);
}

std::string FormatDuration(TimeMs duration_ms) {
  const TimeMs s = (duration_ms + kMsPerSecond / 2) / kMsPerSecond;
  if (s < 60) return absl::StrCat(s, " s");
  if (s < 3600) return absl::StrFormat("%d m %02d s", s / 60, s % 60);
  return absl::StrFormat("%d h %02d m", s / 3600, s / 60 % 60);
}

TextTrace::TextTrace(const CenterConfig& center, std::ostream* out)
    : center_(center), out_(out) {
  for (size_t i = 0; i < center.agents.size(); ++i) agent_index_[center.agents[i].id] = i;
  agent_states_.assign(center.agents.size(), AgentState::kLoggedOut);
}

std::string TextTrace::AgentName(AgentId id) const {
  auto it = agent_index_.find(id);
  if (it == agent_index_.end() || center_.agents[it->second].name.empty()) {
    return absl::StrCat("agent ", id);
  }
  return absl::StrCat(center_.agents[it->second].name, " (", id, ")");
}

std::string TextTrace::QueueName(QueueId id) const {
  if (id >= center_.queues.size() || center_.queues[id].name.empty()) {
    return absl::StrCat("queue ", id);
  }
  return center_.queues[id].name;
}

TimeMs TextTrace::WaitedMs(CallId call, TimeMs time_ms) const {
  auto it = calls_.find(call);
  if (it == calls_.end() || !it->second.queued) return 0;
  return time_ms - it->second.first_queued_ms;
}

void TextTrace::Write(TimeMs time_ms, const std::string& text) {
  if (text.empty()) return;
  *out_ << FormatClock(time_ms) << "  " << text << '\n';
  ++lines_;
}

void TextTrace::OnEvent(const Event& event) {
  if (const auto* arrive = std::get_if<CallArrive>(&event.body)) {
    calls_[arrive->call] = CallInfo{};
    Write(event.time_ms, absl::StrCat("call ", arrive->call, " arrives, IVR: ",
                                      IntentName(arrive->attributes.intent)));
  }
}

void TextTrace::OnCommand(const Command& command) {
  Write(command.time_ms, Describe(command));
  if (const auto* ended = std::get_if<CallEnded>(&command.body)) calls_.erase(ended->call);
}

std::string TextTrace::Describe(const Command& command) {
  const TimeMs t = command.time_ms;
  if (const auto* c = std::get_if<Offer>(&command.body)) {
    return absl::StrCat("offer call ", c->call, " (", QueueName(c->queue), ", waited ",
                        FormatDuration(WaitedMs(c->call, t)), ") to ", AgentName(c->agent),
                        ", ring ", FormatDuration(c->ring_timeout_ms),
                        c->ring_all ? " [ring all]" : "");
  }
  if (const auto* c = std::get_if<CancelOffer>(&command.body)) {
    if (c->reason == CancelReason::kRingTimeout) {
      return absl::StrCat("RONA call ", c->call, ": ", AgentName(c->agent), " did not answer");
    }
    return absl::StrCat("cancel offer of call ", c->call, " to ", AgentName(c->agent), ": ",
                        CancelText(c->reason));
  }
  if (const auto* c = std::get_if<CallQueued>(&command.body)) {
    CallInfo& info = calls_[c->call];
    const bool back = info.queued && info.queue == c->queue;
    if (!info.queued) info.first_queued_ms = t;
    info.queued = true;
    info.queue = c->queue;
    return absl::StrCat("call ", c->call, back ? " back in " : " queued in ", QueueName(c->queue),
                        ", ", c->waiting, " waiting");
  }
  if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    return absl::StrCat("call ", c->call, " answered by ", AgentName(c->agent), " after ",
                        FormatDuration(WaitedMs(c->call, t)), " in queue");
  }
  if (const auto* c = std::get_if<RouteCall>(&command.body)) return DescribeRoute(*c);
  if (const auto* c = std::get_if<CallEnded>(&command.body)) return DescribeEnded(*c, t);
  if (const auto* c = std::get_if<AgentStateChanged>(&command.body)) return DescribeAgent(*c);
  return "";
}

std::string TextTrace::DescribeRoute(const RouteCall& c) const {
  const std::string from = QueueName(c.from_queue);
  switch (c.kind) {
    case OverflowKind::kQueue:
      return absl::StrCat("overflow call ", c.call, " ", from, " -> ", QueueName(c.to_queue));
    case OverflowKind::kCallback:
      return absl::StrCat("callback capture for call ", c.call, " (", from, ")");
    case OverflowKind::kVoicemail:
      return absl::StrCat("voicemail for call ", c.call, " (", from, ")");
    case OverflowKind::kExternal:
      return absl::StrCat("overflow call ", c.call, " ", from, " -> external number");
    case OverflowKind::kDisconnect:
      return absl::StrCat("disconnect call ", c.call, " in ", from, " with a closing message");
    case OverflowKind::kReject:
      return absl::StrCat("reject call ", c.call, " (", from, ") with a message");
    case OverflowKind::kNone:
      break;
  }
  return absl::StrCat("overflow call ", c.call, " out of ", from);
}

std::string TextTrace::DescribeEnded(const CallEnded& c, TimeMs time_ms) const {
  const std::string id = absl::StrCat("call ", c.call);
  switch (c.disposition) {
    case Disposition::kAnswered:
      return absl::StrCat(id, " ended after ", FormatDuration(c.talk_ms), " talk with ",
                          AgentName(c.agent));
    case Disposition::kAbandonedInQueue:
      return absl::StrCat(id, " abandoned in queue after ",
                          FormatDuration(WaitedMs(c.call, time_ms)));
    case Disposition::kAbandonedRinging:
      return absl::StrCat(id, " abandoned while ringing after ",
                          FormatDuration(WaitedMs(c.call, time_ms)));
    case Disposition::kAbandonedInIvr:
      return absl::StrCat(id, " hung up in the IVR");
    default:
      return absl::StrCat(id, " ended: ", Readable(ToString(c.disposition)));
  }
}

std::string TextTrace::DescribeAgent(const AgentStateChanged& c) {
  auto it = agent_index_.find(c.agent);
  AgentState previous = AgentState::kLoggedOut;
  if (it != agent_index_.end()) {
    previous = agent_states_[it->second];
    agent_states_[it->second] = c.state;
  }
  const std::string who = AgentName(c.agent);
  switch (c.state) {
    case AgentState::kReserved:
    case AgentState::kTalking:
      return "";  // the offer and answer lines say it
    case AgentState::kReady:
      return absl::StrCat(who, previous == AgentState::kLoggedOut ? " logs in, ready" : " ready");
    case AgentState::kWrapUp:
      return absl::StrCat(who, " in wrap-up");
    case AgentState::kNotReady:
      return absl::StrCat(who, previous == AgentState::kLoggedOut ? " logs in, " : " ",
                          "not ready (", Readable(ToString(c.reason)), ")");
    case AgentState::kLoggedOut:
      return absl::StrCat(who, " logs out");
  }
  return "";
}

}  // namespace acd
