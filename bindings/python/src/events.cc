// The event classes (events.h). Each kind is one AddEvent line in
// RegisterEvents: its Python name, its doc and its fields.
#include "events.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/skill_expr.h"
#include "errors.h"
#include "labels.h"
#include "record.h"

namespace acd::python {
namespace {

// The Python object behind an event class.
template <typename T>
struct EventObj {
  T body{};
  std::optional<TimeMs> time_ms;  // None: the engine's now
  EventId id = 0;
  std::string skills_expr;  // CallEnqueue only: the requirement's text
};

using Converter = Event (*)(py::handle, const CenterConfig&, TimeMs);

struct Registry {
  absl::flat_hash_map<PyTypeObject*, Converter> by_type;
  std::vector<std::pair<std::string, py::handle>> classes;  // by kind; the module owns them
  const FieldList<CallAttributes>* attribute_fields = nullptr;
};
Registry& registry() {
  static auto* r = new Registry();
  return *r;
}

template <typename T>
std::string KindOf() {
  static const T prototype{};
  return std::string(EventName(EventBody(prototype)));
}

template <typename T>
T BodyFor(const EventObj<T>& e, const CenterConfig&) {
  return e.body;
}
CallEnqueue BodyFor(const EventObj<CallEnqueue>& e, const CenterConfig& center) {
  CallEnqueue body = e.body;
  if (!e.skills_expr.empty()) {
    body.skills_expr = Check(ParseSkillExpr(e.skills_expr, center.skills, "call_enqueue.skills_expr"));
  }
  return body;
}

// The labels of a body in the center's ids (labels.h).
template <typename T>
T WithCenterLabels(T body, const CenterLabels& labels) {
  const std::string kind = KindOf<T>();
  if constexpr (std::is_same_v<T, AgentNotReady>) {
    body.reason = ToCenter(body.reason, labels, kind + ".reason");
  } else if constexpr (std::is_same_v<T, CallClassify>) {
    body.intent = ToCenter(body.intent, labels, kind + ".intent");
  } else if constexpr (requires { body.attributes.intent; }) {
    body.attributes.intent = ToCenter(body.attributes.intent, labels, kind + ".attributes.intent");
  }
  return body;
}

template <typename T>
Event Convert(py::handle object, const CenterConfig& center, TimeMs now_ms) {
  const auto& e = object.cast<const EventObj<T>&>();
  return Event{e.id, e.time_ms.value_or(now_ms), WithCenterLabels(BodyFor(e, center), center.labels)};
}

// time_ms and id, and CallEnqueue's skills_expr text.
template <typename T>
void AddEventFields(const std::string& kind, FieldList<EventObj<T>>* fields) {
  using H = EventObj<T>;
  if constexpr (std::is_same_v<T, CallEnqueue>) {
    fields->push_back({"skills_expr", [](const H& h) { return Codec<std::string>::Dump(h.skills_expr); },
                       [path = kind + ".skills_expr"](H& h, py::handle v) {
                         h.skills_expr = Codec<std::string>::Load(v, path);
                       }});
  }
  fields->push_back({"time_ms",
                     [](const H& h) -> py::object {
                       if (!h.time_ms) return py::none();
                       return py::int_(*h.time_ms);
                     },
                     [path = kind + ".time_ms"](H& h, py::handle v) {
                       if (v.is_none()) {
                         h.time_ms.reset();
                       } else {
                         h.time_ms = Codec<TimeMs>::Load(v, path);
                       }
                     }});
  fields->push_back({"id", [](const H& h) { return Codec<EventId>::Dump(h.id); },
                     [path = kind + ".id"](H& h, py::handle v) {
                       h.id = Codec<EventId>::Load(v, path);
                     }});
}

template <typename T, typename... Fields>
void AddEvent(py::module_& m, const char* name, const char* doc, const Fields&... fields) {
  using H = EventObj<T>;
  const std::string kind = KindOf<T>();
  FieldList<H> list = FieldsOf<H>(kind, /*writable=*/true, fields...);
  AddEventFields<T>(kind, &list);
  py::class_<H> cls = BindRecord<H>(m, name, doc, kind, std::move(list), /*writable=*/true);
  registry().by_type[reinterpret_cast<PyTypeObject*>(cls.ptr())] = &Convert<T>;
  registry().classes.emplace_back(kind, cls);
}

std::string Kinds() {
  std::vector<std::string> kinds;
  for (const auto& [kind, cls] : registry().classes) kinds.push_back(kind);
  return absl::StrJoin(kinds, ", ");
}

}  // namespace

CallAttributes AttributesFromDict(const py::dict& fields, const std::string& field) {
  CallAttributes attributes;
  SetFields(*registry().attribute_fields, field, attributes, fields);
  return attributes;
}

void RegisterEvents(py::module_& m) {
  static const auto* attribute_fields = new FieldList<CallAttributes>(FieldsOf<CallAttributes>(
      "attributes", true, F("ani", &CallAttributes::ani), F("dnis", &CallAttributes::dnis),
      F("digits", &CallAttributes::digits), F("language", &CallAttributes::language),
      F("marketing_source", &CallAttributes::marketing_source),
      F("intent", &CallAttributes::intent), F("vip", &CallAttributes::vip),
      F("returning", &CallAttributes::returning), F("internal", &CallAttributes::internal),
      F("owner_agent", &CallAttributes::owner_agent)));
  registry().attribute_fields = attribute_fields;
  BindRecord<CallAttributes>(m, "CallAttributes",
                             "What the PBX, IVR or CRM knows about a call when it arrives.", "",
                             *attribute_fields, true);

  // One line per event kind (include/acd/event.h).
  AddEvent<AgentLogin>(m, "AgentLogin", "An agent logs in, ready or not.",
                       F("agent", &AgentLogin::agent), F("ready", &AgentLogin::ready));
  AddEvent<AgentLogout>(m, "AgentLogout", "An agent logs out.", F("agent", &AgentLogout::agent));
  AddEvent<AgentReady>(m, "AgentReady",
                       "Ready again; also ends wrap-up early and every pause in one queue. "
                       "With a queue: ends the pause in that queue alone (Asterisk's "
                       "QueuePause with a Queue).",
                       F("agent", &AgentReady::agent), F("queue", &AgentReady::queue));
  AddEvent<AgentNotReady>(m, "AgentNotReady",
                          "Not ready, with a reason (e.g. 'break'). With a queue: paused in "
                          "that queue alone, ready for the others (Asterisk's QueuePause with "
                          "a Queue).",
                          F("agent", &AgentNotReady::agent), F("reason", &AgentNotReady::reason),
                          F("queue", &AgentNotReady::queue));
  AddEvent<AgentSetSkills>(m, "AgentSetSkills",
                           "Replaces an agent's skills: a list of (skill id, level).",
                           F("agent", &AgentSetSkills::agent), F("skills", &AgentSetSkills::skills));
  AddEvent<AgentSetLevel>(m, "AgentSetLevel",
                          "Sets an agent's level (1..10, 10 best) in one queue, or with queue "
                          "None in every queue it is a member of (Asterisk's QueuePenalty: "
                          "penalty p is level 10 - p). A queue whose level comes from a skill "
                          "is refused (AgentSetSkills sets it) and skipped when queue is None.",
                          F("agent", &AgentSetLevel::agent), F("queue", &AgentSetLevel::queue),
                          F("level", &AgentSetLevel::level));
  AddEvent<AgentOutsideCall>(m, "AgentOutsideCall",
                             "The PBX reports the agent on (or off) a call outside the ACD.",
                             F("agent", &AgentOutsideCall::agent),
                             F("on_call", &AgentOutsideCall::on_call));
  AddEvent<CallArrive>(m, "CallArrive", "A call arrives; attributes: acd.CallAttributes or a dict.",
                       F("call", &CallArrive::call), F("attributes", &CallArrive::attributes));
  AddEvent<CallClassify>(m, "CallClassify",
                         "The IVR is done: place the call by the center's entry rules.",
                         F("call", &CallClassify::call), F("digits", &CallClassify::digits),
                         F("intent", &CallClassify::intent));
  AddEvent<CallEnqueue>(m, "CallEnqueue",
                        "Queue a call; skills_expr is a requirement's text, e.g. "
                        "'support & (english | german>=7)'; position a requested place in "
                        "line within its priority (1 = next, 0 = behind its priority's "
                        "callers); wait_credit_ms orders it within its priority as if it "
                        "had waited that much longer (negative: shorter).",
                        F("call", &CallEnqueue::call), F("queue", &CallEnqueue::queue),
                        F("priority", &CallEnqueue::priority),
                        F("min_level", &CallEnqueue::min_level),
                        F("required_skills", &CallEnqueue::required_skills),
                        F("position", &CallEnqueue::position),
                        F("wait_credit_ms", &CallEnqueue::wait_credit_ms));
  AddEvent<CallAnswer>(m, "CallAnswer", "The offered agent answered.",
                       F("call", &CallAnswer::call), F("agent", &CallAnswer::agent));
  AddEvent<CallDecline>(m, "CallDecline",
                        "The offered agent declined ('declined'), its line was 'busy', or "
                        "its device 'unavailable'.",
                        F("call", &CallDecline::call), F("agent", &CallDecline::agent),
                        F("reason", &CallDecline::reason));
  AddEvent<CallHangup>(m, "CallHangup", "The caller hung up, at any stage.",
                       F("call", &CallHangup::call));
  AddEvent<CallEndTalk>(m, "CallEndTalk",
                        "The conversation ended; the agent goes to wrap-up. by: who hung up "
                        "('caller', 'agent' or 'unknown').",
                        F("call", &CallEndTalk::call), F("by", &CallEndTalk::by));
  AddEvent<CallHold>(m, "CallHold", "The agent put the connected caller on hold.",
                     F("call", &CallHold::call));
  AddEvent<CallResume>(m, "CallResume", "The agent took the caller back from hold.",
                       F("call", &CallResume::call));
  AddEvent<CallUpdate>(m, "CallUpdate",
                       "The CRM learned more about a live call: the attributes whose bit is set "
                       "in fields (acd.UPDATE_ANI | acd.UPDATE_OWNER_AGENT ...) replace the "
                       "call's.",
                       F("call", &CallUpdate::call), F("fields", &CallUpdate::fields),
                       F("attributes", &CallUpdate::attributes));
  AddEvent<CallSetPriority>(m, "CallSetPriority",
                            "A supervisor changed a waiting call's priority (-1000..1000).",
                            F("call", &CallSetPriority::call),
                            F("priority", &CallSetPriority::priority));
  AddEvent<OutboundCall>(m, "OutboundCall",
                         "An agent placed a call out, under its own id; the agent is busy.",
                         F("call", &OutboundCall::call), F("agent", &OutboundCall::agent));
  AddEvent<CallTransferToAgent>(
      m, "CallTransferToAgent",
      "The connected agent transferred the caller to a named, available colleague.",
      F("call", &CallTransferToAgent::call), F("agent", &CallTransferToAgent::agent));
  AddEvent<CallMove>(m, "CallMove",
                     "A supervisor moved a waiting call to a place in its queue's line "
                     "(position 1 = next); it takes the priority of the call it now stands "
                     "before.",
                     F("call", &CallMove::call), F("position", &CallMove::position));
  AddEvent<CallConsult>(
      m, "CallConsult",
      "The connected agent consults before transferring (attended transfer): the caller "
      "waits on hold; the consult leg, under its own id, goes to colleague `agent` "
      "(connected from the dial on) or, with agent 0, into `queue` as an internal call.",
      F("call", &CallConsult::call), F("consult", &CallConsult::consult),
      F("agent", &CallConsult::agent), F("queue", &CallConsult::queue));
  AddEvent<CallConsultEnd>(
      m, "CallConsultEnd",
      "Completes (the caller goes to the colleague on the leg) or cancels the consult of "
      "`call`.",
      F("call", &CallConsultEnd::call), F("complete", &CallConsultEnd::complete));
  m.attr("UPDATE_ANI") = CallUpdate::kAni;
  m.attr("UPDATE_DNIS") = CallUpdate::kDnis;
  m.attr("UPDATE_DIGITS") = CallUpdate::kDigits;
  m.attr("UPDATE_LANGUAGE") = CallUpdate::kLanguage;
  m.attr("UPDATE_MARKETING_SOURCE") = CallUpdate::kMarketingSource;
  m.attr("UPDATE_INTENT") = CallUpdate::kIntent;
  m.attr("UPDATE_VIP") = CallUpdate::kVip;
  m.attr("UPDATE_RETURNING") = CallUpdate::kReturning;
  m.attr("UPDATE_INTERNAL") = CallUpdate::kInternal;
  m.attr("UPDATE_OWNER_AGENT") = CallUpdate::kOwnerAgent;
  AddEvent<CallTransfer>(m, "CallTransfer", "Move a waiting or talking call to another queue.",
                         F("call", &CallTransfer::call), F("queue", &CallTransfer::queue),
                         F("priority", &CallTransfer::priority));
  AddEvent<CallRoute>(m, "CallRoute", "The PBX ended a not-yet-connected call on a terminal path.",
                      F("call", &CallRoute::call), F("disposition", &CallRoute::disposition));
  AddEvent<CallbackRequest>(m, "CallbackRequest",
                            "The contact of a captured call: a callback under a new id.",
                            F("callback", &CallbackRequest::callback),
                            F("from_call", &CallbackRequest::from_call),
                            F("number", &CallbackRequest::number),
                            F("window_from_ms", &CallbackRequest::window_from_ms),
                            F("window_to_ms", &CallbackRequest::window_to_ms));
  AddEvent<CallbackResult>(m, "CallbackResult", "How the dial of a callback went.",
                           F("callback", &CallbackResult::callback),
                           F("outcome", &CallbackResult::outcome));
  if (registry().classes.size() != std::variant_size_v<EventBody>) {
    throw std::logic_error("acd: an event kind has no Python class (events.cc)");
  }
}

Event ToEvent(py::handle event, const CenterConfig& center, TimeMs now_ms) {
  const Registry& r = registry();
  if (auto it = r.by_type.find(Py_TYPE(event.ptr())); it != r.by_type.end()) {
    return it->second(event, center, now_ms);
  }
  if (py::isinstance<py::dict>(event)) {
    py::dict fields = py::reinterpret_borrow<py::dict>(event);
    if (!fields.contains("kind")) {
      RaiseInvalid(absl::StrCat("event: a dict needs 'kind' (one of ", Kinds(), ")"));
    }
    py::dict rest;
    for (auto [key, value] : fields) {
      if (!py::str(key).equal(py::str("kind"))) rest[key] = value;
    }
    const py::object kind = fields["kind"];
    for (const auto& [name, cls] : r.classes) {
      if (py::str(name).equal(kind)) {
        py::object object = cls(**rest);
        return ToEvent(object, center, now_ms);
      }
    }
    RaiseInvalid(absl::StrCat("event.kind: unknown kind ", DescribeValue(kind), " (one of ",
                              Kinds(), ")"));
  }
  // A subclass of an event class.
  for (const auto& [type, convert] : r.by_type) {
    if (PyObject_IsInstance(event.ptr(), reinterpret_cast<PyObject*>(type)) == 1) {
      return convert(event, center, now_ms);
    }
  }
  RaiseInvalid(absl::StrCat("event: expected an acd event (acd.CallArrive, ...) or a dict with "
                            "'kind', got ",
                            DescribeValue(event)));
}

}  // namespace acd::python
