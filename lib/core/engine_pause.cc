// Pauses in one queue (AgentNotReady / AgentReady with a queue): a member
// paused in one queue alone, as Asterisk's AMI QueuePause with a Queue
// pauses a member in that queue and leaves it available to its others.
// The pause is a membership's state (AgentMembership::paused; snapshot,
// StateHash, kept by a reload that keeps the membership): the membership
// is not filed while it holds (Serves), so the agent's other queues keep
// offering it their calls and every decision stays O(log n). A pause in
// one queue belongs to a ready agent (DESIGN invariant 25): a pause
// everywhere, ready everywhere, a logout and an automatic pause everywhere
// end it. A queue with auto_pause_here_only (Asterisk's autopause = yes)
// makes its automatic pause one of these (AutoPauseHere).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"
#include "core/engine_reload.h"

namespace acd::core {

absl::Status EngineImpl::CheckQueuePause(const Agent& a, AgentId id, QueueId queue,
                                         const AgentMembership** m) const {
  if (queue >= queues_.size()) {
    return absl::NotFoundError(absl::StrCat("queue: ", queue, " does not exist (the center has ",
                                            queues_.size(), " queues)"));
  }
  *m = MembershipOf(a, queue);
  if (*m == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("queue: agent ", id, " is not a member of queue '", qcfg(queue).name, "'"));
  }
  if (a.presence == Presence::kLoggedOut) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", id, " is logged out; log in first"));
  }
  if (a.presence == Presence::kNotReady) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", id, " is not ready in every queue (", LabelName(center_.labels, a.reason),
        "); a pause in one queue is for a ready agent (AgentReady without a queue first)"));
  }
  return absl::OkStatus();
}

void EngineImpl::SetQueuePause(uint32_t slot, AgentMembership& m, NotReadyReason reason) {
  Agent& a = agents_[slot];
  if (count_joins_) CountJoin(slot, -1);  // counted with the old pause (CountJoin)
  m.paused = reason;
  if (count_joins_) {
    CountJoin(slot, +1);
    LeaveCheckAfterChange(slot);  // a pause may empty the queue for its callers
  }
  Emit(AgentPauseChanged{a.id, m.queue, reason != NotReadyReason::kNone, reason});
}

void EngineImpl::ClearQueuePauses(uint32_t slot) {
  for (AgentMembership& m : agents_[slot].memberships) {
    if (m.paused != NotReadyReason::kNone) SetQueuePause(slot, m, NotReadyReason::kNone);
  }
}

// A ringing offer of the queue's call is withdrawn, as a pause everywhere
// withdraws every one; the call may come back to the agent through a guest
// queue it still serves.
void EngineImpl::WithdrawQueueOffers(uint32_t slot, QueueId queue) {
  const absl::InlinedVector<uint32_t, 2> calls = agents_[slot].calls;
  for (uint32_t call_slot : calls) {
    Call& c = calls_[call_slot];
    if (c.state != CallState::kOffered || c.queue != queue || c.directed) continue;
    ReleaseOffer(call_slot, slot, CancelReason::kAgentUnavailable);
    if (c.ringing.empty()) ReturnToQueue(call_slot);
  }
}

void EngineImpl::DoQueuePause(uint32_t slot, QueueId queue, NotReadyReason reason) {
  SetQueuePause(slot, *MembershipOf(agents_[slot], queue), reason);
  if (reason != NotReadyReason::kNone) WithdrawQueueOffers(slot, queue);
  RefreshAgent(slot);  // filed again without (or with) the queue
  Drain();
}

bool EngineImpl::WithinPauseDelay(const Agent& a, const QueueConfig& q) const {
  if (q.auto_pause_delay_ms == 0) return false;
  TimeMs last_ms = kNeverEnded;
  for (const AgentMembership& m : a.memberships) last_ms = std::max(last_ms, m.last_end_ms);
  return last_ms != kNeverEnded && now_ms_ - last_ms < q.auto_pause_delay_ms;
}

// The queue where the timeout took place, the missed call's, if the agent
// is a member of it not paused there yet; kNoQueue otherwise (the call
// reached it as a guest queue's member, kAddQueue, or as a transfer to it
// by name): Asterisk's pause of an interface that is no member of the
// queue fails likewise. No pause then, and the count stays for the
// agent's next miss.
QueueId EngineImpl::AutoPauseQueue(const Agent& a, const Call& c) {
  const AgentMembership* m = MembershipOf(a, c.queue);
  return m != nullptr && m->paused == NotReadyReason::kNone ? c.queue : kNoQueue;
}

void EngineImpl::MissOffer(uint32_t call_slot, uint32_t agent_slot, TimeMs rest_ms,
                           CancelReason reason) {
  const Call& c = calls_[call_slot];
  const QueueConfig& q = qcfg(c.queue);
  Agent& a = agents_[agent_slot];
  ++a.misses_in_row;
  a.idle_since_ms = now_ms_;  // to the back of the idle line
  // Asterisk's autopausedelay: not within the delay after the agent's last
  // call (the count stays for its next miss).
  const bool reached = q.max_misses > 0 &&
                       a.misses_in_row >= static_cast<uint32_t>(q.max_misses) &&
                       !WithinPauseDelay(a, q);
  // Asterisk's autopause = all (everywhere) or = yes (auto_pause_here_only:
  // in the queue where the call reached it alone, after the miss's rest).
  const bool pause = reached && !q.auto_pause_here_only;
  const QueueId pause_here = reached && q.auto_pause_here_only ? AutoPauseQueue(a, c) : kNoQueue;
  if (pause) {
    SetPresence(agent_slot, Presence::kNotReady, NotReadyReason::kNoAnswer);
  } else {
    StartRest(agent_slot, rest_ms);
  }
  ReleaseOffer(call_slot, agent_slot, reason);
  if (pause) CancelAgentOffers(agent_slot, CancelReason::kAgentUnavailable);
  if (pause_here != kNoQueue) AutoPauseHere(agent_slot, pause_here);
}

// The automatic pause in one queue (max_misses reached, the call's queue
// having auto_pause_here_only): paused there with reason kNoAnswer, that
// queue's other ringing offers to it withdrawn; its other queues' offers
// ring on and it stays ready for them. The count is spent: the agent
// needs max_misses more misses in a row for its next automatic pause, as
// after a pause everywhere.
void EngineImpl::AutoPauseHere(uint32_t slot, QueueId queue) {
  Agent& a = agents_[slot];
  a.misses_in_row = 0;
  SetQueuePause(slot, *MembershipOf(a, queue), NotReadyReason::kNoAnswer);
  WithdrawQueueOffers(slot, queue);
  RefreshAgent(slot);  // filed again without the queue
}

void ReloadAdopter::AdoptPauses(const EngineImpl& old, uint32_t o, const ReloadPlan& plan,
                             Agent& a) const {
  if (a.presence != Presence::kReady) return;
  for (const AgentMembership& from : old.agents_[o].memberships) {
    if (from.paused == NotReadyReason::kNone) continue;
    const QueueId queue = plan.queue_to[from.queue];
    if (queue == kNoQueue) continue;  // the queue is gone, and its pause with it
    if (AgentMembership* m = MembershipOf(a, queue)) m->paused = from.paused;
  }
}

}  // namespace acd::core
