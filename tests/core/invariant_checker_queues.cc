// InvariantChecker: per-queue figures and work conservation.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"
#include "tests/core/center_gen.h"
#include "tests/core/invariant_checker.h"

namespace acd::testing {
namespace {

absl::Status Broken(absl::string_view what) { return absl::InternalError(what); }

bool Available(const ShadowAgent& a, TimeMs now_ms) { return ShadowModel::Available(a, now_ms); }

}  // namespace

absl::Status InvariantChecker::CheckQueues(const Engine& engine) const {
  const TimeMs now = engine.now_ms();
  const size_t n = center_.queues.size();
  std::vector<uint32_t> waiting(n), ringing(n), talking(n), logged_in(n), ready(n);
  std::vector<uint32_t> callbacks(n), callbacks_in_line(n);
  std::vector<TimeMs> oldest_entry(n, 0), oldest_arrival(n, 0);
  for (const auto& [id, call] : shadow_.live()) {
    if (!call.queued) continue;
    callbacks[call.queue] += call.callback;
    if (call.state == CallState::kWaiting && !call.held) {
      callbacks_in_line[call.queue] += call.callback;
      ++waiting[call.queue];
      oldest_entry[call.queue] = std::max(oldest_entry[call.queue], now - call.enqueued_ms);
      oldest_arrival[call.queue] = std::max(oldest_arrival[call.queue], now - call.arrived_ms);
    }
    ringing[call.queue] += call.state == CallState::kOffered;
    talking[call.queue] += call.state == CallState::kTalking || call.state == CallState::kDialing;
  }
  for (const auto& [id, agent] : shadow_.agents()) {
    for (const Membership& m : agent.queues) {
      logged_in[m.queue] += agent.presence != Presence::kLoggedOut;
      ready[m.queue] += Available(agent, now) && !ShadowModel::WrapsUpFor(agent, m.queue, now) &&
                        !agent.paused.contains(m.queue) &&
                        LevelFor(center_, agent.skills, m) >= kMinLevel &&
                        (!agent.outside_call || center_.queues[m.queue].ring_in_use) &&
                        shadow_.RoomFor(agent, center_.queues[m.queue].media);
    }
  }
  for (QueueId q = 0; q < n; ++q) {
    absl::StatusOr<QueueStats> s = engine.GetQueueStats(q);
    if (!s.ok()) return Broken(absl::StrCat("GetQueueStats(", q, "): ", s.status().message()));
    if (s->waiting != waiting[q] || s->ringing != ringing[q] || s->talking != talking[q] ||
        s->agents_logged_in != logged_in[q] || s->agents_ready != ready[q] ||
        (s->oldest_wait_ms != oldest_entry[q] && s->oldest_wait_ms != oldest_arrival[q])) {
      return Broken(absl::StrCat(
          "GetQueueStats(", q, ") waiting/ringing/talking/logged_in/ready/oldest ", s->waiting,
          "/", s->ringing, "/", s->talking, "/", s->agents_logged_in, "/", s->agents_ready, "/",
          s->oldest_wait_ms, " differ from the command stream's ", waiting[q], "/", ringing[q],
          "/", talking[q], "/", logged_in[q], "/", ready[q], "/", oldest_entry[q]));
    }
    const ShadowQueueTotals& t = shadow_.queue_totals()[q];
    // A PBX route of a waiting call may or may not count as an overflow.
    const bool overflowed_ok =
        s->overflowed == t.overflowed || s->overflowed == t.overflowed + t.routed_out;
    if (s->entered != t.entered || s->answered != t.answered || s->abandoned != t.abandoned ||
        s->ring_no_answer != t.ring_no_answer || !overflowed_ok) {
      return Broken(absl::StrCat(
          "GetQueueStats(", q, ") entered/answered/abandoned/overflowed/rona ", s->entered, "/",
          s->answered, "/", s->abandoned, "/", s->overflowed, "/", s->ring_no_answer,
          " differ from the command stream's ", t.entered, "/", t.answered, "/", t.abandoned,
          "/", t.overflowed, "(+", t.routed_out, ")/", t.ring_no_answer));
    }
    if (s->callbacks_pending != callbacks[q]) {
      return Broken(absl::StrCat("GetQueueStats(", q, ") callbacks_pending ", s->callbacks_pending,
                                 ", the command stream has ", callbacks[q]));
    }
    if (s->waiting - callbacks_in_line[q] > center_.queues[q].max_length) {
      return Broken(absl::StrCat("queue ", q, " holds ", s->waiting, " waiting calls, max_length ",
                                 center_.queues[q].max_length, " (invariant 10)"));
    }
  }
  if (engine.GetQueueStats(static_cast<QueueId>(n)).ok()) {
    return Broken("GetQueueStats answers for a queue id out of range");
  }
  return absl::OkStatus();
}

absl::Status InvariantChecker::CheckWorkConservation(const Engine& engine) const {
  const TimeMs now = engine.now_ms();
  std::vector<const ShadowAgent*> free_agents;
  for (const auto& [id, agent] : shadow_.agents()) {
    if (Available(agent, now)) free_agents.push_back(&agent);
  }
  if (free_agents.empty()) return absl::OkStatus();
  for (const auto& [id, call] : shadow_.live()) {
    if (call.state != CallState::kWaiting || call.held) continue;
    for (const ShadowAgent* agent : free_agents) {
      if (shadow_.Eligible(call, *agent, call.queue, now, Sureness::kSufficient)) {
        return Broken(absl::StrCat("work conservation: call ", id, " waits in queue ",
                                   call.queue, " while agent ", agent->config->id,
                                   " is ready and may take it (invariant 6)"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::testing
