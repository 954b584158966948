// Transfers of a connected call to a named agent (CallTransferToAgent): the
// check, the step, and the way back into the queue when the colleague does
// not take the call. Single-threaded, like all of EngineImpl.
//
// Invariants kept here (DESIGN.md 12): a transfer's offer rings at the named
// agent alone (one offer, never ring-all or progressive); the transferring
// agent is released in the same step; the call stays in its queue entry,
// counted answered there once; unanswered, it goes back to the place in
// line it had (its CallKey and time in line are kept), in O(log n), or,
// when the line filled up meanwhile, down the queue's on_full path.
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::Status EngineImpl::CheckEvent(const CallTransferToAgent& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (c->state != CallState::kTalking) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is not connected (", NameOf(c->state), "); only a connected call is transferred"));
  }
  if (c->callback || c->outbound || !c->queued) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is ",
        c->callback ? "a callback" : c->outbound ? "an outbound call" : "in no queue",
        "; only a caller through a queue is transferred to an agent"));
  }
  if (absl::Status s = CheckNotConsulting(*c, "a transfer"); !s.ok()) return s;
  const uint32_t slot = AgentSlot(e.agent);
  if (slot == c->agent) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", e.agent, " is the agent connected to call ", e.call));
  }
  if (!Available(*a) || WrapsUpFor(*a, c->queue) || !a->RoomFor(c->media)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", e.agent, " is not available for the transfer (", NameOf(a->reported),
        WrapsUpFor(*a, c->queue) ? " after a call of this queue" : "",
        a->resting ? ", resting after a missed or declined offer" : "",
        a->load() >= a->capacity && a->presence == Presence::kReady ? ", no spare capacity" : "",
        a->load() < a->capacity && !a->RoomFor(c->media)
            ? absl::StrCat(", no room for a ", NameOf(c->media), " call in its channels")
            : "",
        ")"));
  }
  if (a->outside_call && !qcfg(c->queue).ring_in_use) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", e.agent, " is on a call outside the ACD and queue '", qcfg(c->queue).name,
        "' does not ring agents in use"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const CallTransferToAgent& e) {
  const uint32_t slot = CallSlot(e.call);
  const uint32_t target = AgentSlot(e.agent);
  Call& c = calls_[slot];
  const AgentId from = agents_[c.agent].id;
  ReleaseAgentFromCall(slot, /*wrapup=*/true);  // ends a hold too
  ++c.transfers;
  c.directed = true;
  MakeOffer(slot, target, from);  // kTalking -> kOffered
  StartRinging(slot);
  Drain();
}

void EngineImpl::RequeueTransferred(uint32_t slot) {
  Call& c = calls_[slot];
  QueueState& q = queues_[c.queue];
  const QueueConfig& cfg = *q.config;
  c.directed = false;
  // Its queue's timers start again as on entry; its place (c.key, the entry
  // order it got when it first entered) and its time in line stay.
  c.enqueued_ms = now_ms_;
  c.stage = 0;  // member delays count from now, as on entry
  StartRules(slot, RulesEnteredMs(c, q.book));
  c.announced_position = 0;
  // The line may have filled up while the colleague's phone rang (this
  // call is still counted among the ringing): then, as for any caller
  // entering a full queue, the queue's on_full path.
  const bool full = q.waiting + q.ringing - 1 >= cfg.max_length;
  SetCallState(slot, CallState::kWaiting);
  if (full) {
    ApplyOverflow(slot, cfg.on_full, RouteCause::kQueueFull);
    return;
  }
  InsertWaiting(slot);
  if (cfg.max_wait_ms > 0) {
    c.max_wait_timer = timers_.Add(now_ms_, now_ms_ + cfg.max_wait_ms, TimerKind::kMaxWait, slot);
  }
  ScheduleStage(slot);
  const Announcements& announce = cfg.announcements;
  if (announce.every_ms > 0 && announce.first_ms > 0) ScheduleAnnouncement(slot, announce.first_ms);
  Emit(CallQueued{c.id, c.queue, q.waiting});
  if (announce.every_ms > 0 && announce.first_ms == 0) OnAnnounce(slot);
  pending_calls_.push_back(slot);
  RunDueRules(slot);
}

}  // namespace acd::core
