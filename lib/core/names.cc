// Names of enum values, as used in logs, configs and messages.
#include <array>
#include <string_view>
#include <utility>

#include "acd/command.h"
#include "acd/event.h"
#include "acd/types.h"

namespace acd {
namespace {

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, Enum value) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : std::string_view("unknown");
}

template <typename Enum, size_t N>
bool ParseName(const std::array<std::string_view, N>& names, std::string_view name, Enum* out) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) {
      *out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 6> kAgentStates = {
    "logged_out", "ready", "reserved", "talking", "wrap_up", "not_ready"};
constexpr std::array<std::string_view, 7> kReasons = {
    "none", "unspecified", "break", "lunch", "training", "meeting", "no_answer"};
constexpr std::array<std::string_view, 6> kCallStates = {
    "arrived", "waiting", "offered", "dialing", "talking", "ended"};
constexpr std::array<std::string_view, kDispositionCount> kDispositions = {
    "none",     "answered",          "abandoned_in_ivr", "abandoned_in_queue",
    "abandoned_ringing", "overflowed", "callback_captured", "voicemail", "rejected",
    "callback_completed", "callback_failed", "callback_expired", "callback_cancelled",
    "outbound", "consult"};
constexpr std::array<std::string_view, 5> kDialOutcomes = {
    "connected", "no_answer", "busy", "failed", "invalid_number"};
constexpr std::array<std::string_view, kMediaCount> kMedia = {"voice", "chat", "email", "task"};
constexpr std::array<std::string_view, 3> kEndedBy = {"unknown", "caller", "agent"};
constexpr std::array<std::string_view, 10> kStrategies = {
    "longest_idle", "least_calls", "least_talk_time", "round_robin", "fixed_order",
    "highest_proficiency", "random", "weighted_random", "ring_all", "best_skill_score"};
constexpr std::array<std::string_view, 7> kOverflowKinds = {
    "none", "queue", "callback", "voicemail", "external", "disconnect", "reject"};
constexpr std::array<std::string_view, 6> kIntents = {
    "unknown", "buy", "existing_order", "support", "sell_to_us", "other"};
constexpr std::array<std::string_view, 7> kCancelReasons = {
    "answered_elsewhere", "caller_hangup", "ring_timeout",
    "agent_declined", "agent_unavailable", "call_moved", "reconfigured"};
constexpr std::array<std::string_view, 27> kEventNames = {
    "agent_login", "agent_logout", "agent_ready", "agent_not_ready", "agent_set_skills",
    "call_arrive", "call_enqueue", "call_answer", "call_decline", "call_hangup",
    "call_end_talk", "call_transfer", "call_route", "call_classify", "agent_outside_call",
    "callback_request", "callback_result", "call_hold", "call_resume", "call_update",
    "call_set_priority", "outbound_call", "call_transfer_to_agent",
    "call_move", "call_consult", "call_consult_end", "agent_set_level"};
constexpr std::array<std::string_view, 13> kCommandNames = {
    "offer", "cancel_offer", "call_queued", "call_connected", "route_call", "call_ended",
    "agent_state_changed", "rule_applied", "announce", "dial_callback", "callback_held",
    "agent_level_changed", "agent_pause_changed"};
constexpr std::array<std::string_view, 9> kRouteCauses = {
    "queue_full", "max_wait", "rule", "entry_rule", "entry_default", "leave_when_empty",
    "declined", "queue_removed", "join_empty"};

static_assert(std::variant_size_v<EventBody> == kEventNames.size());
static_assert(std::variant_size_v<CommandBody> == kCommandNames.size());

}  // namespace

std::string_view ToString(AgentState s) { return NameOf(kAgentStates, s); }
std::string_view ToString(NotReadyReason r) { return NameOf(kReasons, r); }
std::string_view ToString(CallState s) { return NameOf(kCallStates, s); }
std::string_view ToString(Disposition d) { return NameOf(kDispositions, d); }
std::string_view ToString(Strategy s) { return NameOf(kStrategies, s); }
std::string_view ToString(OverflowKind k) { return NameOf(kOverflowKinds, k); }
std::string_view ToString(CancelReason r) { return NameOf(kCancelReasons, r); }
std::string_view ToString(Intent i) { return NameOf(kIntents, i); }
std::string_view ToString(DialOutcome o) { return NameOf(kDialOutcomes, o); }
std::string_view ToString(EndedBy b) { return NameOf(kEndedBy, b); }
std::string_view ToString(Media m) { return NameOf(kMedia, m); }
std::string_view ToString(RouteCause c) { return NameOf(kRouteCauses, c); }

bool ParseStrategy(std::string_view name, Strategy* out) { return ParseName(kStrategies, name, out); }
bool ParseOverflowKind(std::string_view name, OverflowKind* out) {
  return ParseName(kOverflowKinds, name, out);
}

bool ParseMedia(std::string_view name, Media* out) { return ParseName(kMedia, name, out); }

std::string_view EventName(const EventBody& body) { return kEventNames[body.index()]; }
std::string_view CommandName(const CommandBody& body) { return kCommandNames[body.index()]; }

}  // namespace acd
