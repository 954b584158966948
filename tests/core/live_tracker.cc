// LiveTracker: the model-free checks of the fuzz driver after a reload.
#include "tests/core/live_tracker.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"

namespace acd::testing {
namespace {

constexpr TimeMs kCaptureOpenMs = 10 * 60'000;  // the longest request_within_ms drawn

absl::Status Broken(absl::string_view what) { return absl::InternalError(what); }

}  // namespace

void LiveTracker::Start(const ShadowModel& shadow, const CallCounts& counts, TimeMs now_ms) {
  started_ = true;
  for (const auto& [id, call] : shadow.live()) live_.insert(id);
  for (const auto& [id, disposition] : shadow.ended()) ended_.insert(id);
  for (const auto& [id, capture] : shadow.captures()) {
    if (shadow.CaptureOpen(id, now_ms)) captures_[id] = now_ms;
  }
  for (const auto& [id, agent] : shadow.agents()) {
    if (agent.outside_call) outside_.insert(id);
  }
  base_ = counts;
}

void LiveTracker::BeginStep() {
  ended_this_step_.clear();
}

void LiveTracker::OnAccepted(const Event& event) {
  if (const auto* e = std::get_if<CallArrive>(&event.body)) {
    live_.insert(e->call);
    ++arrived_;
  } else if (const auto* e = std::get_if<CallbackRequest>(&event.body)) {
    live_.insert(e->callback);
    captures_.erase(e->from_call);
    ++callbacks_;
  } else if (const auto* e = std::get_if<OutboundCall>(&event.body)) {
    live_.insert(e->call);
    ++outbound_;
  } else if (const auto* e = std::get_if<CallConsult>(&event.body)) {
    live_.insert(e->consult);
    ++consults_;
  } else if (const auto* e = std::get_if<AgentOutsideCall>(&event.body)) {
    if (e->on_call) {
      outside_.insert(e->agent);
    } else {
      outside_.erase(e->agent);
    }
  }
}

absl::Status LiveTracker::OnCallCommand(CallId call, const Command& command) {
  if (ended_.contains(call)) {
    return Broken(absl::StrCat("a command for call ", call, " after its CallEnded: ",
                               DescribeCommand(command)));
  }
  if (!live_.contains(call)) {
    return Broken(absl::StrCat("a command for call ", call, ", which never arrived: ",
                               DescribeCommand(command)));
  }
  if (const auto* end = std::get_if<CallEnded>(&command.body)) {
    live_.erase(call);
    ended_.insert(call);
    ended_this_step_.insert(call);
    ++by_disposition_[static_cast<int>(end->disposition)];
    if (end->disposition == Disposition::kCallbackCaptured) captures_[call] = command.time_ms;
  }
  return absl::OkStatus();
}

absl::Status LiveTracker::OnCommands(absl::Span<const Command> commands) {
  for (const Command& c : commands) {
    CallId call = 0;
    std::visit(
        [&call](const auto& body) {
          if constexpr (requires { body.call; }) {
            call = body.call;
          } else if constexpr (requires { body.callback; }) {
            call = body.callback;
          }
        },
        c.body);
    if (call == 0) continue;
    if (absl::Status s = OnCallCommand(call, c); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status LiveTracker::CheckCounts(const Engine& engine) const {
  const CallCounts c = engine.counts();
  uint64_t ended = 0;
  for (int d = 0; d < kDispositionCount; ++d) {
    if (c.by_disposition[d] != base_.by_disposition[d] + by_disposition_[d]) {
      return Broken(absl::StrCat("counts.by_disposition[", Name(static_cast<Disposition>(d)),
                                 "] = ", c.by_disposition[d], ", the CallEnded commands say ",
                                 base_.by_disposition[d] + by_disposition_[d]));
    }
    ended += c.by_disposition[d];
  }
  const uint64_t live = c.in_ivr + c.waiting + c.offered + c.dialing + c.talking;
  if (c.arrived != base_.arrived + arrived_ || c.callbacks != base_.callbacks + callbacks_ ||
      c.outbound != base_.outbound + outbound_ || c.consults != base_.consults + consults_ ||
      c.ended != ended || live != live_.size()) {
    return Broken(absl::StrCat("counts arrived/callbacks/live/ended ", c.arrived, "/",
                               c.callbacks, "/", live, "/", c.ended,
                               " differ from the events and commands: ", base_.arrived + arrived_,
                               "/", base_.callbacks + callbacks_, "/", live_.size(), "/", ended));
  }
  if (c.arrived + c.callbacks + c.outbound + c.consults != live + c.ended) {
    return Broken("conservation: arrived + callbacks + outbound + consults != live + ended");
  }
  return absl::OkStatus();
}

absl::Status LiveTracker::CheckCalls(const Engine& engine) const {
  const CenterConfig& center = engine.center();
  for (CallId id : ended_this_step_) {
    if (engine.GetCall(id).ok()) return Broken(absl::StrCat("GetCall(", id, ") after CallEnded"));
  }
  for (CallId id : live_) {
    const absl::StatusOr<CallView> v = engine.GetCall(id);
    if (!v.ok()) return Broken(absl::StrCat("GetCall(", id, ") of a live call: ", v.status().message()));
    const bool ringing = !v->ringing.empty();
    const bool connected = v->state == CallState::kTalking || v->state == CallState::kDialing;
    if (v->state == CallState::kEnded || v->disposition != Disposition::kNone ||
        (v->queued && v->queue >= center.queues.size()) ||
        ringing != (v->state == CallState::kOffered) || connected != (v->agent != 0)) {
      return Broken(absl::StrCat("GetCall(", id, ") is inconsistent: state ", Name(v->state),
                                 " queued ", v->queued, " queue ", v->queue, " of ",
                                 center.queues.size(), " ringing ", v->ringing.size(),
                                 " agent ", v->agent));
    }
  }
  return absl::OkStatus();
}

absl::Status LiveTracker::Check(const Engine& engine) const {
  if (absl::Status s = engine.CheckInvariants(); !s.ok()) {
    return Broken(absl::StrCat("engine CheckInvariants: ", s.message()));
  }
  if (absl::Status s = CheckCounts(engine); !s.ok()) return s;
  if (absl::Status s = CheckCalls(engine); !s.ok()) return s;
  const CenterConfig& center = engine.center();
  const std::vector<AgentView> agents = engine.AllAgents();
  if (agents.size() != center.agents.size()) return Broken("AllAgents size != roster size");
  for (size_t i = 0; i < agents.size(); ++i) {
    const AgentView& v = agents[i];
    if (v.id != center.agents[i].id || v.load > center.agents[i].capacity ||
        (v.state == AgentState::kLoggedOut && v.load != 0)) {
      return Broken(absl::StrCat("agent ", v.id, " (roster ", center.agents[i].id, ") ",
                                 Name(v.state), " load ", v.load, " capacity ",
                                 center.agents[i].capacity));
    }
  }
  if (std::optional<TimeMs> next = engine.NextDeadlineMs(); next && *next <= engine.now_ms()) {
    return Broken("a timer due at or before now did not fire (invariant 8)");
  }
  return absl::OkStatus();
}

EventGenerator::Look LiveTracker::Look(const Engine& engine) const {
  EventGenerator::Look look;
  for (CallId id : live_) {
    const absl::StatusOr<CallView> v = engine.GetCall(id);
    if (!v.ok()) continue;
    look.all.push_back(id);
    switch (v->state) {
      case CallState::kArrived: look.ivr.push_back(id); break;
      case CallState::kWaiting:
        look.waiting.push_back(id);
        look.waiting_queue[id] = v->queue;
        break;
      case CallState::kOffered: look.offered.push_back(id); break;
      case CallState::kTalking: look.talking.push_back(id); break;
      case CallState::kDialing: look.dialing.push_back(id); break;
      default: break;
    }
    if (v->on_hold) look.on_hold.push_back(id);
    if (v->consult != 0 && !v->consult_leg) look.consulting.push_back(id);
    for (AgentId agent : v->ringing) look.offers.emplace_back(id, agent);
  }
  for (const auto& [id, at_ms] : captures_) {
    if (engine.now_ms() < at_ms + kCaptureOpenMs) look.captures.push_back(id);
  }
  for (const AgentView& a : engine.AllAgents()) {
    switch (a.state) {
      case AgentState::kLoggedOut: look.logged_out.push_back(a.id); break;
      case AgentState::kReady: look.ready.push_back(a.id); break;
      case AgentState::kNotReady:
      case AgentState::kWrapUp: look.paused.push_back(a.id); break;
      default: look.busy.push_back(a.id); break;
    }
    if (a.state != AgentState::kLoggedOut) look.logged_in.push_back(a.id);
    if (outside_.contains(a.id)) look.outside.push_back(a.id);
  }
  return look;
}

}  // namespace acd::testing
