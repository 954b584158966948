// The command classes (commands.h). Each kind is one AddCommand line in
// RegisterCommands.
#include "commands.h"

#include <stdexcept>
#include <string>
#include <variant>

#include "record.h"

namespace acd::python {
namespace {

// The Python object behind a command class.
template <typename T>
struct CommandObj {
  TimeMs time_ms = 0;
  T body;
};

int& bound_kinds() {
  static int count = 0;
  return count;
}

template <typename T, typename... Fields>
void AddCommand(py::module_& m, const char* name, const char* doc, const Fields&... fields) {
  using H = CommandObj<T>;
  static const T prototype{};
  const std::string kind(CommandName(CommandBody(prototype)));
  FieldList<H> list;
  list.push_back({"time_ms", [](const H& h) { return Codec<TimeMs>::Dump(h.time_ms); }, {}});
  for (FieldOps<H>& ops : FieldsOf<H>(kind, /*writable=*/false, fields...)) {
    list.push_back(std::move(ops));
  }
  BindRecord<H>(m, name, doc, kind, std::move(list), /*writable=*/false);
  ++bound_kinds();
}

}  // namespace

void RegisterCommands(py::module_& m) {
  // One line per command kind (include/acd/command.h).
  AddCommand<Offer>(m, "Offer", "Ring this agent for this call for ring_timeout_ms.",
                    F("call", &Offer::call), F("agent", &Offer::agent), F("queue", &Offer::queue),
                    F("ring_timeout_ms", &Offer::ring_timeout_ms),
                    F("ring_all", &Offer::ring_all), F("preferred", &Offer::preferred),
                    F("callback", &Offer::callback), F("transfer_from", &Offer::transfer_from));
  AddCommand<CancelOffer>(m, "CancelOffer", "Stop ringing this agent for this call.",
                          F("call", &CancelOffer::call), F("agent", &CancelOffer::agent),
                          F("reason", &CancelOffer::reason));
  AddCommand<CallQueued>(m, "CallQueued", "The call now waits in this queue (waiting: its length).",
                         F("call", &CallQueued::call), F("queue", &CallQueued::queue),
                         F("waiting", &CallQueued::waiting));
  AddCommand<CallConnected>(m, "CallConnected",
                            "The agent answered; wait_ms since arrival. With transfer_from, "
                            "an attended transfer completed (not a new answer).",
                            F("call", &CallConnected::call), F("agent", &CallConnected::agent),
                            F("queue", &CallConnected::queue),
                            F("wait_ms", &CallConnected::wait_ms),
                            F("transfer_from", &CallConnected::transfer_from));
  AddCommand<RouteCall>(m, "RouteCall", "Take the call down a path: a queue or a terminal one.",
                        F("call", &RouteCall::call), F("from_queue", &RouteCall::from_queue),
                        F("path", &RouteCall::kind), F("to_queue", &RouteCall::to_queue),
                        F("cause", &RouteCall::cause), F("rule", &RouteCall::rule),
                        F("target", &RouteCall::target));
  AddCommand<CallEnded>(m, "CallEnded", "The call ended with its one disposition.",
                        F("call", &CallEnded::call), F("disposition", &CallEnded::disposition),
                        F("queued", &CallEnded::queued), F("queue", &CallEnded::queue),
                        F("agent", &CallEnded::agent), F("wait_ms", &CallEnded::wait_ms),
                        F("talk_ms", &CallEnded::talk_ms), F("hold_ms", &CallEnded::hold_ms),
                        F("ended_by", &CallEnded::ended_by));
  AddCommand<AgentStateChanged>(m, "AgentStateChanged", "An agent changed state.",
                                F("agent", &AgentStateChanged::agent),
                                F("state", &AgentStateChanged::state),
                                F("reason", &AgentStateChanged::reason));
  AddCommand<RuleApplied>(m, "RuleApplied", "An overflow rule came due: applied (held) or not.",
                          F("call", &RuleApplied::call), F("queue", &RuleApplied::queue),
                          F("rule", &RuleApplied::rule), F("held", &RuleApplied::held),
                          F("name", &RuleApplied::name));
  AddCommand<Announce>(m, "Announce", "Tell the caller their place and the estimated wait.",
                       F("call", &Announce::call), F("queue", &Announce::queue),
                       F("position", &Announce::position), F("more_than", &Announce::more_than),
                       F("ewt_ms", &Announce::ewt_ms));
  AddCommand<DialCallback>(m, "DialCallback", "The agent took the callback: dial the number.",
                           F("callback", &DialCallback::callback), F("agent", &DialCallback::agent),
                           F("queue", &DialCallback::queue), F("number", &DialCallback::number),
                           F("attempt", &DialCallback::attempt));
  AddCommand<CallbackHeld>(m, "CallbackHeld", "A callback waits until until_ms.",
                           F("callback", &CallbackHeld::callback), F("queue", &CallbackHeld::queue),
                           F("until_ms", &CallbackHeld::until_ms),
                           F("failed_attempts", &CallbackHeld::failed_attempts));
  AddCommand<AgentLevelChanged>(m, "AgentLevelChanged",
                                "An AgentSetLevel changed the agent's level in this queue.",
                                F("agent", &AgentLevelChanged::agent),
                                F("queue", &AgentLevelChanged::queue),
                                F("level", &AgentLevelChanged::level));
  AddCommand<AgentPauseChanged>(m, "AgentPauseChanged",
                                "The agent's pause in this queue alone began (paused) or ended.",
                                F("agent", &AgentPauseChanged::agent),
                                F("queue", &AgentPauseChanged::queue),
                                F("paused", &AgentPauseChanged::paused),
                                F("reason", &AgentPauseChanged::reason));
  if (bound_kinds() != static_cast<int>(std::variant_size_v<CommandBody>)) {
    throw std::logic_error("acd: a command kind has no Python class (commands.cc)");
  }
}

py::object ToPython(const Command& command) {
  return std::visit(
      [&](const auto& body) -> py::object {
        using T = std::decay_t<decltype(body)>;
        return py::cast(CommandObj<T>{command.time_ms, body});
      },
      command.body);
}

py::list ToPython(const std::vector<Command>& commands) {
  py::list out(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) out[i] = ToPython(commands[i]);
  return out;
}

}  // namespace acd::python
