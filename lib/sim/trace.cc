// TextTrace: one readable line per routing decision; clock formatting.
#include <algorithm>
#include <ostream>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "acd/sim.h"

namespace acd {
namespace {

// A built-in intent as a sentence reads it; a center's own by its label.
std::string IntentName(const CenterLabels& labels, Intent intent) {
  switch (intent) {
    case Intent::kUnknown: return "no menu choice";
    case Intent::kBuy: return "buy";
    case Intent::kExistingOrder: return "existing order";
    case Intent::kSupport: return "support";
    case Intent::kSellToUs: return "sells to us";
    case Intent::kOther: return "other";
  }
  return LabelName(labels, intent);
}

const char* CancelText(CancelReason reason) {
  switch (reason) {
    case CancelReason::kAnsweredElsewhere: return "answered elsewhere";
    case CancelReason::kCallerHangup: return "caller hung up";
    case CancelReason::kRingTimeout: return "no answer";
    case CancelReason::kAgentDeclined: return "declined";
    case CancelReason::kAgentUnavailable: return "agent unavailable";
    case CancelReason::kCallMoved: return "call moved";
    case CancelReason::kReconfigured: return "reconfigured";
  }
  return "cancelled";
}

// "callback_captured" -> "callback captured".
std::string Readable(std::string_view name) {
  std::string text(name);
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

// "1st", "2nd", "3rd", "4th", ..., "11th", "21st".
std::string Ordinal(uint32_t n) {
  const uint32_t tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return absl::StrCat(n, suffix);
}

// A wait as the announcement says it: "30 s", "2 min", "2 min 30 s".
std::string SpokenWait(TimeMs wait_ms) {
  const TimeMs s = (wait_ms + kMsPerSecond - 1) / kMsPerSecond;
  if (s < 60) return absl::StrCat(s, " s");
  if (s % 60 == 0) return absl::StrCat(s / 60, " min");
  return absl::StrCat(s / 60, " min ", s % 60, " s");
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

// " (pressed 1, returning customer of Anna Berg (101), VIP)"; "" for a
// caller the PBX knows nothing more about.
std::string TextTrace::DescribeCaller(const CallAttributes& a) const {
  std::vector<std::string> parts;
  if (!a.digits.empty()) parts.push_back(absl::StrCat("pressed ", a.digits));
  if (!a.dnis.empty()) parts.push_back(absl::StrCat("dialled ", a.dnis));
  if (a.owner_agent != 0) {
    parts.push_back(absl::StrCat("returning customer of ", AgentName(a.owner_agent)));
  } else if (a.returning) {
    parts.push_back("returning");
  }
  if (a.vip) parts.push_back("VIP");
  if (a.internal) parts.push_back("internal line");
  if (parts.empty()) return "";
  return absl::StrCat(" (", absl::StrJoin(parts, ", "), ")");
}

void TextTrace::OnEvent(const Event& event) {
  Write(event.time_ms, DescribeCallbackEvent(event));
  if (const auto* arrive = std::get_if<CallArrive>(&event.body)) {
    calls_[arrive->call] = CallInfo{};
    Write(event.time_ms, absl::StrCat("call ", arrive->call, " arrives, IVR: ",
                                      IntentName(center_.labels, arrive->attributes.intent),
                                      DescribeCaller(arrive->attributes)));
  }
}

void TextTrace::OnCommand(const Command& command) {
  Write(command.time_ms, Describe(command));
  if (const auto* ended = std::get_if<CallEnded>(&command.body)) calls_.erase(ended->call);
}

std::string TextTrace::Describe(const Command& command) {
  const TimeMs t = command.time_ms;
  if (std::string text = DescribeCallback(command); !text.empty()) return text;
  if (const auto* c = std::get_if<Offer>(&command.body)) {
    return absl::StrCat("offer call ", c->call, " (", QueueName(c->queue), ", waited ",
                        FormatDuration(WaitedMs(c->call, t)), ") to ", AgentName(c->agent),
                        ", ring ", FormatDuration(c->ring_timeout_ms),
                        c->ring_all ? " [ring all]" : "",
                        c->preferred ? " [the caller's own seller]" : "");
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
  if (const auto* c = std::get_if<RuleApplied>(&command.body)) return DescribeRule(*c);
  if (const auto* c = std::get_if<Announce>(&command.body)) return DescribeAnnounce(*c);
  return "";
}

// Why a call was routed, e.g. "entry rule 'closed'", "rule 'no seller
// free'", "max wait".
std::string TextTrace::RouteCauseText(const RouteCall& c) const {
  const auto rule = static_cast<size_t>(c.rule);
  switch (c.cause) {
    case RouteCause::kQueueFull: return "queue full";
    case RouteCause::kMaxWait: return "max wait";
    case RouteCause::kRule:
      return absl::StrCat("rule '", RuleName(c.from_queue, c.rule), "'");
    case RouteCause::kEntryRule:
      if (c.rule >= 0 && rule < center_.entry_rules.size() &&
          !center_.entry_rules[rule].name.empty()) {
        return absl::StrCat("entry rule '", center_.entry_rules[rule].name, "'");
      }
      return absl::StrCat("entry rule ", c.rule);
    case RouteCause::kEntryDefault: return "no entry rule matched";
    case RouteCause::kLeaveWhenEmpty: return "no agent left";
    case RouteCause::kDeclined: return "declined";
    case RouteCause::kQueueRemoved: return "its queue was removed";
    case RouteCause::kJoinEmpty: return "refused: the queue was empty";
  }
  return "routed";
}

std::string TextTrace::RuleName(QueueId queue, int32_t rule) const {
  const auto index = static_cast<size_t>(rule);
  if (queue < center_.queues.size() && rule >= 0 && index < center_.queues[queue].rules.size() &&
      !center_.queues[queue].rules[index].name.empty()) {
    return center_.queues[queue].rules[index].name;
  }
  return absl::StrCat(rule);
}

std::string TextTrace::DescribeRoute(const RouteCall& c) const {
  const bool entry = c.cause == RouteCause::kEntryRule || c.cause == RouteCause::kEntryDefault;
  // Where the call was: the IVR for the entry rules, else its queue.
  const std::string from = entry ? "IVR" : QueueName(c.from_queue);
  const std::string why = absl::StrCat(" (", from, ": ", RouteCauseText(c), ")");
  const std::string target = c.target.empty() ? "" : absl::StrCat(" -> ", c.target);
  const std::string id = absl::StrCat("call ", c.call);
  switch (c.kind) {
    case OverflowKind::kQueue:
      return absl::StrCat("overflow ", id, " ", from, " -> ", QueueName(c.to_queue), " (",
                          RouteCauseText(c), ")");
    case OverflowKind::kCallback:
      return absl::StrCat("callback capture for ", id, why, target);
    case OverflowKind::kVoicemail:
      return absl::StrCat("voicemail for ", id, why, target);
    case OverflowKind::kExternal:
      return absl::StrCat("overflow ", id, " to an external number", why, target);
    case OverflowKind::kDisconnect:
      return absl::StrCat("disconnect ", id, why,
                          c.target.empty() ? " with a closing message" : ": \"" + c.target + "\"");
    case OverflowKind::kReject:
      return absl::StrCat("reject ", id, why,
                          c.target.empty() ? " with a message" : ": \"" + c.target + "\"");
    case OverflowKind::kNone:
      break;
  }
  return absl::StrCat("route ", id, " out", why);
}

std::string TextTrace::DescribeRule(const RuleApplied& c) const {
  return absl::StrCat("call ", c.call, " in ", QueueName(c.queue), ": rule '",
                      c.name, "' ",
                      c.held ? "applies" : "passed over (its condition does not hold)");
}

std::string TextTrace::DescribeAnnounce(const Announce& c) const {
  std::string text = absl::StrCat("tell call ", c.call, ": ", c.more_than ? "beyond " : "",
                                  Ordinal(c.position), " in line");
  if (c.ewt_ms < 0) return text;
  return absl::StrCat(text, ", about ", SpokenWait(c.ewt_ms));
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
                          "not ready (", Readable(LabelName(center_.labels, c.reason)), ")");
    case AgentState::kLoggedOut:
      return absl::StrCat(who, " logs out");
  }
  return "";
}

}  // namespace acd
