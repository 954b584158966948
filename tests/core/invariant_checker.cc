// InvariantChecker: the outside view of DESIGN.md's invariants.
#include "tests/core/invariant_checker.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"

namespace acd::testing {
namespace {

absl::Status Broken(absl::string_view what) { return absl::InternalError(what); }

bool IsDocumentedCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kResourceExhausted:
      return true;
    default:
      return false;
  }
}

// "field: reason", "field[2].level: reason" or "field.sub: reason".
bool NamesField(absl::string_view message, absl::string_view field) {
  if (!absl::StartsWith(message, field) || message.size() <= field.size()) return false;
  const char next = message[field.size()];
  return (next == ':' || next == '[' || next == '.') && absl::StrContains(message, ": ");
}

}  // namespace

std::vector<std::string> FieldsOf(const Event& event) {
  std::vector<std::string> fields = {"event_id", "time_ms"};
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (requires { e.agent; }) fields.push_back("agent");
        if constexpr (requires { e.call; }) fields.push_back("call");
        if constexpr (requires { e.queue; }) fields.push_back("queue");
        if constexpr (requires { e.priority; }) fields.push_back("priority");
        if constexpr (std::is_same_v<T, AgentNotReady>) fields.push_back("reason");
        if constexpr (std::is_same_v<T, CallClassify>) fields.push_back("intent");
        if constexpr (std::is_same_v<T, AgentSetSkills>) fields.push_back("skills");
        if constexpr (std::is_same_v<T, AgentSetLevel>) fields.push_back("level");
        if constexpr (std::is_same_v<T, CallArrive>) fields.push_back("attributes");
        if constexpr (std::is_same_v<T, CallRoute>) fields.push_back("disposition");
        if constexpr (std::is_same_v<T, CallEndTalk>) fields.push_back("by");
        if constexpr (std::is_same_v<T, CallMove>) fields.push_back("position");
        if constexpr (std::is_same_v<T, CallConsult>) fields.push_back("consult");
        if constexpr (std::is_same_v<T, CallConsultEnd>) fields.push_back("complete");
        if constexpr (std::is_same_v<T, CallUpdate>) {
          fields.push_back("fields");
          fields.push_back("attributes");
        }
        if constexpr (std::is_same_v<T, AgentOutsideCall>) fields.push_back("on_call");
        if constexpr (std::is_same_v<T, CallbackRequest>) {
          for (const char* f : {"callback", "from_call", "number", "window_from_ms", "window_to_ms"}) {
            fields.push_back(f);
          }
        }
        if constexpr (std::is_same_v<T, CallbackResult>) {
          fields.push_back("callback");
          fields.push_back("outcome");
        }
        if constexpr (std::is_same_v<T, CallEnqueue>) {
          fields.push_back("min_level");
          fields.push_back("required_skills");
          fields.push_back("skills_expr");
        }
      },
      event.body);
  return fields;
}

InvariantChecker::InvariantChecker(const CenterConfig& center)
    : center_(center), shadow_(center) {}

absl::Status InvariantChecker::OnTimerCommands(absl::Span<const Command> commands) {
  for (const Command& c : commands) {
    if (absl::Status s = shadow_.OnCommand(c, /*timer_phase=*/true); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status InvariantChecker::OnAccepted(const Event& event,
                                          absl::Span<const Command> commands) {
  if (absl::Status s = shadow_.OnAcceptedEvent(event); !s.ok()) return s;
  for (const Command& c : commands) {
    if (c.time_ms != event.time_ms) return Broken("command of an event not stamped with its time");
    if (absl::Status s = shadow_.OnCommand(c, /*timer_phase=*/false); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status InvariantChecker::OnRejected(const Event& event, const absl::Status& status,
                                          uint64_t hash_before, uint64_t hash_after,
                                          size_t emitted, const RejectExpectation& expect) const {
  if (hash_after != hash_before) return Broken("a rejected event changed the state hash");
  if (emitted != 0) return Broken("a rejected event emitted commands");
  if (!IsDocumentedCode(status.code())) {
    return Broken(absl::StrCat("undocumented status code: ", status.ToString()));
  }
  if (!expect.codes.empty() &&
      std::find(expect.codes.begin(), expect.codes.end(), status.code()) == expect.codes.end()) {
    return Broken(absl::StrCat("unexpected status code: ", status.ToString()));
  }
  const std::vector<std::string> fields =
      expect.field.empty() ? FieldsOf(event) : std::vector<std::string>{expect.field};
  for (const std::string& field : fields) {
    if (NamesField(status.message(), field)) return absl::OkStatus();
  }
  return Broken(absl::StrCat("error does not name the field",
                             expect.field.empty() ? "" : absl::StrCat(" '", expect.field, "'"),
                             ": ", status.ToString()));
}

absl::Status InvariantChecker::EndStep(const Engine& engine) {
  // The engine's own walk first: when it knows its state is broken, its
  // message is the most precise.
  if (absl::Status s = engine.CheckInvariants(); !s.ok()) {
    return Broken(absl::StrCat("engine CheckInvariants: ", s.message()));
  }
  if (absl::Status s = shadow_.EndStep(engine.now_ms()); !s.ok()) return s;
  if (absl::Status s = CheckCounts(engine); !s.ok()) return s;
  if (absl::Status s = CheckCalls(engine); !s.ok()) return s;
  if (absl::Status s = CheckAgents(engine); !s.ok()) return s;
  if (absl::Status s = CheckQueues(engine); !s.ok()) return s;
  if (absl::Status s = CheckWorkConservation(engine); !s.ok()) return s;
  if (std::optional<TimeMs> next = engine.NextDeadlineMs(); next && *next <= engine.now_ms()) {
    return Broken("a timer due at or before now did not fire (invariant 8)");
  }
  return absl::OkStatus();
}

absl::Status InvariantChecker::CheckCounts(const Engine& engine) const {
  const CallCounts c = engine.counts();
  uint64_t by_state[6] = {};
  for (const auto& [id, call] : shadow_.live()) ++by_state[static_cast<int>(call.state)];
  const auto n = [&by_state](CallState s) { return by_state[static_cast<int>(s)]; };
  uint64_t ended = 0;
  for (int d = 0; d < kDispositionCount; ++d) {
    const uint64_t want = shadow_.ended_with(static_cast<Disposition>(d));
    if (c.by_disposition[d] != want) {
      return Broken(absl::StrCat("counts.by_disposition[", Name(static_cast<Disposition>(d)),
                                 "] = ", c.by_disposition[d], ", commands say ", want));
    }
    ended += want;
  }
  if (c.arrived != shadow_.arrived() || c.callbacks != shadow_.callbacks() ||
      c.outbound != shadow_.outbound() || c.consults != shadow_.consults() ||
      c.in_ivr != n(CallState::kArrived) || c.waiting != n(CallState::kWaiting) ||
      c.offered != n(CallState::kOffered) || c.dialing != n(CallState::kDialing) ||
      c.talking != n(CallState::kTalking) || c.ended != ended) {
    return Broken(absl::StrCat(
        "counts (arrived/callbacks/ivr/waiting/offered/dialing/talking/ended) ", c.arrived, "/",
        c.callbacks, "/", c.in_ivr, "/", c.waiting, "/", c.offered, "/", c.dialing, "/",
        c.talking, "/", c.ended, " differ from the command stream's ", shadow_.arrived(), "/",
        shadow_.callbacks(), "/", n(CallState::kArrived), "/", n(CallState::kWaiting), "/",
        n(CallState::kOffered), "/", n(CallState::kDialing), "/", n(CallState::kTalking), "/",
        ended));
  }
  if (c.arrived + c.callbacks + c.outbound + c.consults !=
      c.in_ivr + c.waiting + c.offered + c.dialing + c.talking + c.ended) {
    return Broken("conservation: arrived + callbacks + outbound + consults != in_ivr + waiting + "
                  "offered + dialing + talking + ended");
  }
  return absl::OkStatus();
}

absl::Status InvariantChecker::CheckCalls(const Engine& engine) const {
  const TimeMs now = engine.now_ms();
  for (CallId id : shadow_.touched()) {
    if (!shadow_.live().contains(id) && engine.GetCall(id).ok()) {
      return Broken(absl::StrCat("GetCall(", id, ") still answers after CallEnded"));
    }
  }
  for (const auto& [id, call] : shadow_.live()) {
    absl::StatusOr<CallView> view = engine.GetCall(id);
    if (!view.ok()) return Broken(absl::StrCat("GetCall(", id, "): ", view.status().message()));
    std::vector<AgentId> ringing;
    for (const ShadowOffer& o : call.offers) ringing.push_back(o.agent);
    std::vector<AgentId> seen = view->ringing;
    std::sort(ringing.begin(), ringing.end());
    std::sort(seen.begin(), seen.end());
    if (view->state != call.state || view->disposition != Disposition::kNone ||
        view->queued != call.queued || (call.queued && view->queue != call.queue) ||
        view->agent != call.agent || seen != ringing || view->arrived_ms != call.arrived_ms ||
        (call.queued && view->enqueued_ms != call.enqueued_ms) ||
        view->callback != call.callback || view->failed_attempts != call.failed_attempts ||
        view->held_until_ms != (call.held ? call.held_until_ms : 0)) {
      return Broken(absl::StrCat("GetCall(", id, ") state ", Name(view->state), " queue ",
                                 view->queue, " agent ", view->agent, " ringing ",
                                 view->ringing.size(), " differs from the command stream: ",
                                 Name(call.state), " queue ", call.queue, " agent ",
                                 call.agent, " ringing ", ringing.size()));
    }
    const TimeMs hold_ms = call.hold_ms + (call.on_hold ? now - call.hold_since_ms : 0);
    if (view->outbound != call.outbound) {
      return Broken(absl::StrCat("GetCall(", id, ") outbound ", view->outbound));
    }
    if (view->transferring != call.directed || view->transfers != call.transfers) {
      return Broken(absl::StrCat("GetCall(", id, ") transferring ", view->transferring,
                                 " transfers ", view->transfers, ", the events say ",
                                 call.directed, " and ", call.transfers, " (invariant 12)"));
    }
    if (view->consult != call.consult || view->consult_leg != call.consult_leg) {
      return Broken(absl::StrCat("GetCall(", id, ") consult ", view->consult, " leg ",
                                 view->consult_leg, ", the events say ", call.consult, " and ",
                                 call.consult_leg, " (invariant 16)"));
    }
    if (view->on_hold != call.on_hold || view->hold_ms != hold_ms) {
      return Broken(absl::StrCat("GetCall(", id, ") on_hold ", view->on_hold, " hold_ms ",
                                 view->hold_ms, ", the events say ", call.on_hold, " and ",
                                 hold_ms, " (invariant 11)"));
    }
    if (call.on_hold && call.state != CallState::kTalking) {
      return Broken(absl::StrCat("call ", id, " is on hold while ", Name(call.state),
                                 " (invariant 11)"));
    }
    for (const ShadowOffer& o : call.offers) {
      if (o.offered_ms + o.ring_timeout_ms <= now) {
        return Broken(absl::StrCat("offer of call ", id, " to agent ", o.agent,
                                   " rings past its ring timeout (invariant 8)"));
      }
    }
    const QueueConfig& q = center_.queues[call.queue];
    if (call.state == CallState::kWaiting && !call.callback && q.max_wait_ms > 0 &&
        q.on_max_wait.kind != OverflowKind::kNone && now - call.enqueued_ms >= q.max_wait_ms) {
      return Broken(absl::StrCat("call ", id, " waits ", now - call.enqueued_ms,
                                 " ms in queue ", call.queue, " past max_wait_ms ",
                                 q.max_wait_ms, " (invariant 7)"));
    }
    // A queue whose max wait cuts rings lets no offer ring past it (a
    // transfer to a colleague has no max wait while it rings).
    if (call.state == CallState::kOffered && q.max_wait_cuts_ring && !call.callback &&
        !call.directed && q.max_wait_ms > 0 && now - call.enqueued_ms >= q.max_wait_ms) {
      return Broken(absl::StrCat("call ", id, " rings ", now - call.enqueued_ms, " ms into queue ",
                                 call.queue, " past max_wait_ms ", q.max_wait_ms,
                                 ", which cuts rings (invariant 7)"));
    }
  }
  return absl::OkStatus();
}

// Each membership's counters of its queue's calls alone (invariant 29,
// what counters_here_only orders by), as the command stream counts them.
absl::Status InvariantChecker::CheckHereCounters(const AgentView& v, const ShadowAgent& a) const {
  if (v.queue_counters.size() != a.queues.size()) {
    return Broken(absl::StrCat("agent ", v.id, " shows counters of ", v.queue_counters.size(),
                               " queues, it is a member of ", a.queues.size()));
  }
  for (size_t k = 0; k < a.queues.size(); ++k) {
    const AgentView::QueueCounters& got = v.queue_counters[k];
    auto it = a.here.find(a.queues[k].queue);
    const ShadowAgent::HereCounters want =
        it == a.here.end() ? ShadowAgent::HereCounters{} : it->second;
    if (got.queue != a.queues[k].queue || got.calls != want.calls ||
        got.talk_ms != want.talk_ms || got.ended != want.ended ||
        got.last_end_ms != want.last_end_ms) {
      return Broken(absl::StrCat("agent ", v.id, " counts ", got.calls, " calls, ", got.talk_ms,
                                 " ms, ended ", got.ended, " at ", got.last_end_ms, " in queue ",
                                 got.queue, "; the command stream: ", want.calls, " calls, ",
                                 want.talk_ms, " ms, ended ", want.ended, " at ",
                                 want.last_end_ms, " in queue ", a.queues[k].queue));
    }
  }
  return absl::OkStatus();
}

absl::Status InvariantChecker::CheckAgents(const Engine& engine) const {
  const std::vector<AgentView> views = engine.AllAgents();
  if (views.size() != center_.agents.size()) return Broken("AllAgents size != roster size");
  for (size_t i = 0; i < views.size(); ++i) {
    const AgentView& v = views[i];
    const AgentConfig& cfg = center_.agents[i];
    const ShadowAgent& a = shadow_.agents().at(cfg.id);
    if (v.id != cfg.id || v.state != a.state || v.reason != a.reason || v.load != a.load() ||
        v.load > cfg.capacity || v.misses_in_row != a.misses ||
        v.outbound_today != a.outbound_today) {
      return Broken(absl::StrCat("agent ", cfg.id, " view ", Name(v.state), "/",
                                 Name(v.reason), " load ", v.load, " misses ",
                                 v.misses_in_row, " outbound ", v.outbound_today,
                                 " differs from the command stream: ",
                                 Name(a.state), "/", Name(a.reason), " load ", a.load(),
                                 " misses ", a.misses, " outbound ", a.outbound_today));
    }
    if (absl::Status s = CheckHereCounters(v, a); !s.ok()) return s;
  }
  for (AgentId id : shadow_.touched_agents()) {
    absl::StatusOr<AgentView> v = engine.GetAgent(id);
    if (!v.ok() || v->state != shadow_.agents().at(id).state) {
      return Broken(absl::StrCat("GetAgent(", id, ") disagrees with AllAgents"));
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::testing
