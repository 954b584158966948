// TextTrace: the lines about callbacks (the contact left, offers, dials,
// back-off, the end).
#include <string>
#include <variant>

#include "absl/strings/str_cat.h"
#include "acd/sim.h"

namespace acd {
namespace {

std::string DialText(DialOutcome outcome) {
  switch (outcome) {
    case DialOutcome::kConnected: return "the customer answers";
    case DialOutcome::kNoAnswer: return "no answer";
    case DialOutcome::kBusy: return "busy";
    case DialOutcome::kFailed: return "the dial failed";
    case DialOutcome::kInvalidNumber: return "invalid number";
  }
  return "unknown outcome";
}

std::string Dials(uint32_t n) { return absl::StrCat(n, n == 1 ? " failed dial" : " failed dials"); }

}  // namespace

std::string TextTrace::DescribeCallbackEvent(const Event& event) {
  if (const auto* c = std::get_if<CallbackRequest>(&event.body)) {
    CallInfo& info = calls_[c->callback];
    info.from_call = c->from_call;
    std::string text = absl::StrCat("contact left for call ", c->from_call, ": callback ",
                                    c->callback, ", ", c->number);
    if (c->window_to_ms > 0) {
      absl::StrAppend(&text, ", call back between ", FormatClock(c->window_from_ms), " and ",
                      FormatClock(c->window_to_ms));
    }
    return text;
  }
  if (const auto* c = std::get_if<CallbackResult>(&event.body)) {
    return absl::StrCat("dial for callback ", c->callback, ": ", DialText(c->outcome));
  }
  return "";
}

std::string TextTrace::DescribeCallback(const Command& command) const {
  if (const auto* c = std::get_if<DialCallback>(&command.body)) {
    return absl::StrCat("dial ", c->number, " for callback ", c->callback, " from ",
                        AgentName(c->agent), ", attempt ", c->attempt);
  }
  if (const auto* c = std::get_if<CallbackHeld>(&command.body)) {
    const std::string why = c->failed_attempts == 0 ? "the caller's window or the opening hours"
                                                    : Dials(c->failed_attempts);
    return absl::StrCat("callback ", c->callback, " held until ", FormatClock(c->until_ms), " (",
                        why, ")");
  }
  const CallId id = CommandSubject(command);
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.from_call == 0) return "";
  const std::string callback = absl::StrCat("callback ", id);
  if (const auto* c = std::get_if<Offer>(&command.body)) {
    return absl::StrCat("offer ", callback, " (", QueueName(c->queue), ", for call ",
                        it->second.from_call, ") to ", AgentName(c->agent), ", ring ",
                        FormatDuration(c->ring_timeout_ms));
  }
  if (const auto* c = std::get_if<CallQueued>(&command.body)) {
    return absl::StrCat(callback, " waits in ", QueueName(c->queue), " (for call ",
                        it->second.from_call, "), ", c->waiting, " waiting");
  }
  if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    return absl::StrCat(callback, " connected: ", AgentName(c->agent), " talks to the customer");
  }
  if (const auto* c = std::get_if<CallEnded>(&command.body)) {
    switch (c->disposition) {
      case Disposition::kCallbackCompleted:
        return absl::StrCat(callback, " completed after ", FormatDuration(c->talk_ms),
                            " talk with ", AgentName(c->agent));
      case Disposition::kCallbackFailed: return absl::StrCat(callback, " failed");
      case Disposition::kCallbackExpired:
        return absl::StrCat(callback, " expired (the caller's window closed)");
      case Disposition::kCallbackCancelled: return absl::StrCat(callback, " cancelled");
      default: return absl::StrCat(callback, " ended: ", std::string(ToString(c->disposition)));
    }
  }
  return "";
}

}  // namespace acd
