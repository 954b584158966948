// Event and command renderings for failure reports.
#include "tests/core/describe.h"

#include <tuple>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace acd::testing {
namespace {

std::string Body(const CommandBody& body) {
  return std::visit([](const auto& c) -> std::string {
    using T = std::decay_t<decltype(c)>;
    if constexpr (std::is_same_v<T, Offer>) {
      return absl::StrCat("call=", c.call, " agent=", c.agent, " queue=", c.queue,
                          " ring_timeout_ms=", c.ring_timeout_ms, " ring_all=", c.ring_all,
                          " preferred=", c.preferred, " callback=", c.callback,
                          c.transfer_from != 0 ? " transfer_from=" : "",
                          c.transfer_from != 0 ? absl::StrCat(c.transfer_from) : "");
    } else if constexpr (std::is_same_v<T, CancelOffer>) {
      return absl::StrCat("call=", c.call, " agent=", c.agent, " reason=", Name(c.reason));
    } else if constexpr (std::is_same_v<T, CallQueued>) {
      return absl::StrCat("call=", c.call, " queue=", c.queue, " waiting=", c.waiting);
    } else if constexpr (std::is_same_v<T, CallConnected>) {
      return absl::StrCat("call=", c.call, " agent=", c.agent, " queue=", c.queue,
                          " wait_ms=", c.wait_ms,
                          c.transfer_from != 0 ? absl::StrCat(" transfer_from=", c.transfer_from) : "");
    } else if constexpr (std::is_same_v<T, RouteCall>) {
      return absl::StrCat("call=", c.call, " from_queue=", c.from_queue,
                          " kind=", Name(c.kind), " to_queue=", c.to_queue,
                          " cause=", Sv(ToString(c.cause)), " rule=", c.rule, " target=", c.target);
    } else if constexpr (std::is_same_v<T, RuleApplied>) {
      return absl::StrCat("call=", c.call, " queue=", c.queue, " rule=", c.rule, " held=", c.held);
    } else if constexpr (std::is_same_v<T, Announce>) {
      return absl::StrCat("call=", c.call, " queue=", c.queue, " position=", c.position,
                          " more_than=", c.more_than, " ewt_ms=", c.ewt_ms);
    } else if constexpr (std::is_same_v<T, CallEnded>) {
      return absl::StrCat("call=", c.call, " disposition=", Name(c.disposition),
                          " queued=", c.queued, " queue=", c.queue, " agent=", c.agent,
                          " wait_ms=", c.wait_ms, " talk_ms=", c.talk_ms,
                          // Only when set, so that text stored before they existed stays.
                          c.hold_ms != 0 ? absl::StrCat(" hold_ms=", c.hold_ms) : "",
                          c.ended_by != EndedBy::kUnknown
                              ? absl::StrCat(" ended_by=", Sv(ToString(c.ended_by)))
                              : "");
    } else if constexpr (std::is_same_v<T, DialCallback>) {
      return absl::StrCat("callback=", c.callback, " agent=", c.agent, " queue=", c.queue,
                          " number=", c.number, " attempt=", c.attempt);
    } else if constexpr (std::is_same_v<T, CallbackHeld>) {
      return absl::StrCat("callback=", c.callback, " queue=", c.queue, " until_ms=", c.until_ms,
                          " failed_attempts=", c.failed_attempts);
    } else if constexpr (std::is_same_v<T, AgentLevelChanged>) {
      return absl::StrCat("agent=", c.agent, " queue=", c.queue, " level=", c.level);
    } else if constexpr (std::is_same_v<T, AgentPauseChanged>) {
      return absl::StrCat("agent=", c.agent, " queue=", c.queue, " paused=", c.paused,
                          " reason=", Name(c.reason));
    } else {
      return absl::StrCat("agent=", c.agent, " state=", Name(c.state),
                          " reason=", Name(c.reason));
    }
  }, body);
}

}  // namespace

std::string DescribeCommand(const Command& command) {
  return absl::StrCat("@", command.time_ms, " ", Sv(CommandName(command.body)), " ",
                      Body(command.body));
}

bool SameCommand(const Command& a, const Command& b) { return a == b; }

bool SameCommands(const std::vector<Command>& a, const std::vector<Command>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameCommand(a[i], b[i])) return false;
  }
  return true;
}

}  // namespace acd::testing
