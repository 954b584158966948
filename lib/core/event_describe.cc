// One-line renderings of engine input events (acd/event.h), shared by the
// runtime's journal tools and the tests' failure reports.
#include <string>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "acd/event.h"
#include "acd/labels.h"

// A label a center declares is shown by its id ("reason=#7"): a description
// does not know the center (acd/labels.h).

namespace acd {
namespace {

// std::string_view to absl::string_view (distinct types in Debian's Abseil).
absl::string_view Sv(std::string_view s) { return {s.data(), s.size()}; }

template <typename List>
std::string Skills(const List& skills) {
  return absl::StrCat("[", absl::StrJoin(skills, ",", [](std::string* out, const SkillLevel& s) {
    absl::StrAppend(out, s.skill, ":", s.level);
  }), "]");
}

std::string CallBody(const CallArrive& e) {
  const CallAttributes& a = e.attributes;
  return absl::StrCat("call=", e.call, " ani=", a.ani, " dnis=", a.dnis, " digits=", a.digits,
                      " intent=", LabelName(CenterLabels{}, a.intent), " vip=", a.vip,
                      " returning=", a.returning, " internal=", a.internal,
                      " owner=", a.owner_agent);
}

std::string Fields(const EventBody& body) {
  return std::visit([](const auto& e) -> std::string {
    using T = std::decay_t<decltype(e)>;
    if constexpr (std::is_same_v<T, AgentLogin>) {
      return absl::StrCat("agent=", e.agent, " ready=", e.ready);
    } else if constexpr (std::is_same_v<T, AgentNotReady>) {
      return absl::StrCat("agent=", e.agent, " reason=", LabelName(CenterLabels{}, e.reason),
                          e.queue ? absl::StrCat(" queue=", *e.queue) : "");
    } else if constexpr (std::is_same_v<T, AgentSetSkills>) {
      return absl::StrCat("agent=", e.agent, " skills=", Skills(e.skills));
    } else if constexpr (std::is_same_v<T, AgentReady>) {
      return absl::StrCat("agent=", e.agent, e.queue ? absl::StrCat(" queue=", *e.queue) : "");
    } else if constexpr (std::is_same_v<T, AgentLogout>) {
      return absl::StrCat("agent=", e.agent);
    } else if constexpr (std::is_same_v<T, AgentSetLevel>) {
      return absl::StrCat("agent=", e.agent, " queue=", e.queue ? absl::StrCat(*e.queue) : "all",
                          " level=", e.level);
    } else if constexpr (std::is_same_v<T, AgentOutsideCall>) {
      return absl::StrCat("agent=", e.agent, " on_call=", e.on_call);
    } else if constexpr (std::is_same_v<T, CallArrive>) {
      return CallBody(e);
    } else if constexpr (std::is_same_v<T, CallEnqueue>) {
      return absl::StrCat("call=", e.call, " queue=", e.queue, " priority=", e.priority,
                          " min_level=", e.min_level, " required=", Skills(e.required_skills),
                          e.skills_expr.always() ? "" : " skills_expr=",
                          e.skills_expr.always() ? "" : e.skills_expr.ToString({}),
                          e.position == 0 ? "" : absl::StrCat(" position=", e.position),
                          e.wait_credit_ms == 0 ? ""
                                                : absl::StrCat(" wait_credit_ms=", e.wait_credit_ms));
    } else if constexpr (std::is_same_v<T, CallAnswer>) {
      return absl::StrCat("call=", e.call, " agent=", e.agent);
    } else if constexpr (std::is_same_v<T, CallDecline>) {
      return absl::StrCat("call=", e.call, " agent=", e.agent, " reason=",
                          e.reason == DeclineReason::kBusy          ? "busy"
                          : e.reason == DeclineReason::kUnavailable ? "unavailable"
                                                                    : "declined");
    } else if constexpr (std::is_same_v<T, CallTransfer>) {
      return absl::StrCat("call=", e.call, " queue=", e.queue, " priority=", e.priority);
    } else if constexpr (std::is_same_v<T, CallRoute>) {
      return absl::StrCat("call=", e.call, " disposition=", Sv(ToString(e.disposition)));
    } else if constexpr (std::is_same_v<T, CallClassify>) {
      return absl::StrCat("call=", e.call, " digits=", e.digits, " intent=",
                          LabelName(CenterLabels{}, e.intent));
    } else if constexpr (std::is_same_v<T, CallbackRequest>) {
      return absl::StrCat("callback=", e.callback, " from_call=", e.from_call, " number=",
                          e.number, " window=", e.window_from_ms, "..", e.window_to_ms);
    } else if constexpr (std::is_same_v<T, CallEndTalk>) {
      return absl::StrCat("call=", e.call, " by=", Sv(ToString(e.by)));
    } else if constexpr (std::is_same_v<T, OutboundCall> ||
                         std::is_same_v<T, CallTransferToAgent>) {
      return absl::StrCat("call=", e.call, " agent=", e.agent);
    } else if constexpr (std::is_same_v<T, CallSetPriority>) {
      return absl::StrCat("call=", e.call, " priority=", e.priority);
    } else if constexpr (std::is_same_v<T, CallMove>) {
      return absl::StrCat("call=", e.call, " position=", e.position);
    } else if constexpr (std::is_same_v<T, CallConsult>) {
      return e.agent != 0 ? absl::StrCat("call=", e.call, " consult=", e.consult, " agent=", e.agent)
                          : absl::StrCat("call=", e.call, " consult=", e.consult, " queue=", e.queue);
    } else if constexpr (std::is_same_v<T, CallConsultEnd>) {
      return absl::StrCat("call=", e.call, " complete=", e.complete ? 1 : 0);
    } else if constexpr (std::is_same_v<T, CallUpdate>) {
      return absl::StrCat("fields=0x", absl::Hex(e.fields), " ",
                          CallBody(CallArrive{e.call, e.attributes}));
    } else if constexpr (std::is_same_v<T, CallbackResult>) {
      return absl::StrCat("callback=", e.callback, " outcome=", Sv(ToString(e.outcome)));
    } else {
      return absl::StrCat("call=", e.call);
    }
  }, body);
}

}  // namespace

std::string DescribeEventBody(const EventBody& body) {
  return absl::StrCat(Sv(EventName(body)), " ", Fields(body));
}

std::string DescribeEvent(const Event& event) {
  return absl::StrCat("@", event.time_ms, " id=", event.id, " ", DescribeEventBody(event.body));
}

}  // namespace acd
