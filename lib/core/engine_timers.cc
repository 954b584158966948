// What each timer does when it fires: ring timeout (RONA), end of wrap-up,
// maximum wait (overflow) and the next delay stage of a waiting call.
#include "core/engine_impl.h"

namespace acd::core {

void EngineImpl::FireTimer(const Timer& timer) {
  ++timers_fired_;
  switch (timer.kind) {
    case TimerKind::kRingTimeout:
      calls_[timer.target].ring_timer = TimerRef{};
      OnRingTimeout(timer.target);
      break;
    case TimerKind::kWrapUpEnd:
      agents_[timer.target].wrapup_timer = TimerRef{};
      OnWrapUpEnd(timer.target);
      break;
    case TimerKind::kMaxWait:
      calls_[timer.target].max_wait_timer = TimerRef{};
      OnMaxWait(timer.target);
      break;
    case TimerKind::kStage:
      calls_[timer.target].stage_timer = TimerRef{};
      OnStage(timer.target);
      break;
    case TimerKind::kRule:
      calls_[timer.target].rule_timer = TimerRef{};
      RunDueRules(timer.target);
      break;
    case TimerKind::kAgentRest:
      agents_[timer.target].rest_timer = TimerRef{};
      OnRestEnd(timer.target);
      break;
    case TimerKind::kProgress:
      calls_[timer.target].progress_timer = TimerRef{};
      OnProgress(timer.target);
      break;
    case TimerKind::kOwnerWindow:
      calls_[timer.target].owner_timer = TimerRef{};
      OnOwnerWindowEnd(timer.target);
      break;
    case TimerKind::kAnnounce:
      calls_[timer.target].announce_timer = TimerRef{};
      OnAnnounce(timer.target);
      break;
    case TimerKind::kCallbackHold:
      callbacks_.at(timer.target).hold_timer = TimerRef{};
      OnCallbackHold(timer.target);
      break;
    case TimerKind::kCallbackExpiry:
      callbacks_.at(timer.target).expiry_timer = TimerRef{};
      OnCallbackExpiry(timer.target);
      break;
  }
  Drain();
}

void EngineImpl::OnRingTimeout(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  QueueState& q = queues_[c.queue];
  const absl::InlinedVector<uint32_t, 1> ringing = c.ringing;
  const absl::InlinedVector<TimeMs, 1> rung_ms = c.rung_ms;
  for (size_t i = 0; i < ringing.size(); ++i) {
    const uint32_t agent_slot = ringing[i];
    ++q.rona;
    if (now_ms_ - rung_ms[i] < q.config->ring_timeout_ms) {
      // Added by progressive ringing: it did not ring the whole time.
      ReleaseOffer(call_slot, agent_slot, CancelReason::kRingTimeout);
      continue;
    }
    MissOffer(call_slot, agent_slot, center_.agents[agent_slot].no_answer_delay_ms,
              CancelReason::kRingTimeout);
  }
  ReturnToQueue(call_slot, /*rang_out=*/true);
}

void EngineImpl::OnWrapUpEnd(uint32_t agent_slot) {
  Agent& a = agents_[agent_slot];
  // A wrap-up for one queue alone: idle for the others since the call's end.
  if (a.wrapup_queue == kNoQueue) a.idle_since_ms = now_ms_;
  EndWrapUp(a);
  RefreshAgent(agent_slot);
}

// A call whose offer rings: by default (Asterisk's timeoutpriority=conf)
// the ring may finish and the path is decided when it ends unanswered;
// with max_wait_cuts_ring (=app) the offers are withdrawn now, as the call
// leaves by its max-wait path (kCallMoved; no miss or rest for the agents).
// A transfer's offer to a colleague (directed) has no max-wait timer, so it
// never gets here; neither does a callback (no max wait: it expires).
void EngineImpl::OnMaxWait(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  if (c.state == CallState::kOffered) {
    c.overflow_due = true;
    if (!qcfg(c.queue).max_wait_cuts_ring) return;  // decided when the ring ends
    const absl::InlinedVector<uint32_t, 1> ringing = c.ringing;
    for (uint32_t agent_slot : ringing) {
      ReleaseOffer(call_slot, agent_slot, CancelReason::kCallMoved);
    }
    ReturnToQueue(call_slot);  // takes on_max_wait, as overflow_due says
    return;
  }
  ApplyOverflow(call_slot, qcfg(c.queue).on_max_wait, RouteCause::kMaxWait);
}

void EngineImpl::StartRest(uint32_t slot, TimeMs delay_ms) {
  if (delay_ms <= 0) return;
  Agent& a = agents_[slot];
  timers_.Cancel(a.rest_timer);
  a.resting = true;
  a.rest_timer = timers_.Add(now_ms_, now_ms_ + delay_ms, TimerKind::kAgentRest, slot);
  RefreshAgent(slot);
}

void EngineImpl::OnRestEnd(uint32_t agent_slot) {
  agents_[agent_slot].resting = false;
  RefreshAgent(agent_slot);
}

void EngineImpl::OnStage(uint32_t call_slot) {
  Call& c = calls_[call_slot];
  const bool was_waiting = c.in_index;
  RemoveWaiting(call_slot);
  ++c.stage;
  if (was_waiting) {
    InsertWaiting(call_slot);
    pending_calls_.push_back(call_slot);
  }
  ScheduleStage(call_slot);
}

}  // namespace acd::core
