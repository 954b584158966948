// Counters of one queue (a queue's counters_here_only, Asterisk's
// shared_lastcall = no): every membership counts the calls of its queue the
// agent answered, their talk time and the end of the last one, beside the
// day's counters of every queue; a queue with counters_here_only files its
// least-calls, least-talk-time and longest-idle agents by them, so that its
// decisions stay O(log n) reads of its own ready indexes.
#include "core/engine_impl.h"
#include "core/engine_snapshot.h"
#include "core/engine_reload.h"
#include "core/snapshot_format.h"

namespace acd::core {

void EngineImpl::CountAnswered(Agent& a, const Call& c) {
  ++a.calls_today;
  ++a.calls_since_ready;
  // A call of a queue the agent is no member of (a guest queue's member
  // took it) counts in the day's alone.
  if (!c.queued) return;
  if (AgentMembership* m = MembershipOf(a, c.queue)) ++m->calls_here;
}

void EngineImpl::CountTalkEnd(Agent& a, const Call& c) {
  const TimeMs talk_ms = now_ms_ - c.answered_ms;
  a.talk_ms_today += talk_ms;
  a.talk_ms_since_ready += talk_ms;
  // A callback's failed or withdrawn dial is no talk of its queue (the
  // day's counters count its dial time, as they always did).
  if (!c.queued || c.state != CallState::kTalking) return;
  if (AgentMembership* m = MembershipOf(a, c.queue)) {
    m->talk_ms_here += talk_ms;
    m->last_end_ms = now_ms_;  // app_queue's lastcall: when the call hung up
  }
}

int64_t EngineImpl::HereCounter(Strategy strategy, const AgentMembership& m) {
  switch (strategy) {
    case Strategy::kLeastCalls: return m.calls_here;
    case Strategy::kLeastTalkTime: return m.talk_ms_here;
    default:
      // longest_idle: the end of the last call here; never one first, as
      // app_queue's leastrecent gives a member without a lastcall metric 0.
      return m.last_end_ms;
  }
}

AgentKey EngineImpl::HereKeyFor(uint32_t slot, const Agent& a, const AgentMembership& m) const {
  return AgentKey{m.key.order, HereCounter(qcfg(m.queue).strategy, m), a.idle_since_ms, slot};
}

// Snapshot version 9: after the memberships, each one's counters of its
// queue: calls_here (varint) talk_ms_here (signed) ended (bool), then
// last_end_ms (signed) when it ended one.
void SnapshotWriter::PutHereCounters(ByteWriter& w, const Agent& a) const {
  for (const AgentMembership& m : a.memberships) {
    w.PutVarint(m.calls_here);
    w.PutSigned(m.talk_ms_here);
    w.PutBool(m.last_end_ms != kNeverEnded);
    if (m.last_end_ms != kNeverEnded) w.PutSigned(m.last_end_ms);
  }
}

void SnapshotReader::GetHereCounters(ByteReader& r, uint32_t slot, const AgentKeys& keys) {
  r.set_field("agents.memberships.counters_here");
  Agent& a = e_.agents_[slot];
  uint64_t calls = 0;
  TimeMs talk_ms = 0;
  for (size_t i = 0; i < a.memberships.size() && r.ok(); ++i) {
    AgentMembership& m = a.memberships[i];
    m.calls_here = static_cast<uint32_t>(r.GetVarintAtMost(a.calls_today));
    m.talk_ms_here = r.GetSigned();
    m.last_end_ms = r.GetBool() ? r.GetSigned() : kNeverEnded;
    calls += m.calls_here;
    if (r.ok() && (m.talk_ms_here < 0 || m.talk_ms_here > a.talk_ms_today - talk_ms ||
                   m.last_end_ms > e_.now_ms_)) {
      r.Fail("a membership's talk time or last call end is not one the agent's day allows");
    }
    talk_ms += m.talk_ms_here;
    // Its queue's key came from these counters when it was filed (30).
    if (r.ok() && keys[i] && e_.qcfg(m.queue).counters_here_only &&
        keys[i]->a != e_.HereCounter(e_.qcfg(m.queue).strategy, m)) {
      r.Fail("a ready-index key differs from its membership's counters of one queue");
    }
  }
  if (r.ok() && calls > a.calls_today) r.Fail("an agent's memberships count more calls than its day");
  r.set_field("agents");
}

void ReloadAdopter::AdoptHereCounters(const EngineImpl& old, uint32_t o, const ReloadPlan& plan,
                                   Agent& a) const {
  for (const AgentMembership& from : old.agents_[o].memberships) {
    const QueueId queue = plan.queue_to[from.queue];
    if (queue == kNoQueue) continue;  // the queue is gone, and its counters with it
    if (AgentMembership* m = MembershipOf(a, queue)) {
      m->calls_here = from.calls_here;
      m->talk_ms_here = from.talk_ms_here;
      m->last_end_ms = from.last_end_ms;
    }
  }
}

}  // namespace acd::core
