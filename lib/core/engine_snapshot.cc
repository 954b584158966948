// Writing an engine snapshot (layout: snapshot_format.h) and the state hash,
// which is a hash of that same encoding: a field the snapshot carries is a
// field the hash sees, so no hand-kept list can leave one out.
//
// Completeness: the size checks at the end fail the build when a state
// record changes; encode the new field here and decode it in
// engine_restore.cc, then update the size.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/engine_impl.h"
#include "core/engine_snapshot.h"
#include "core/snapshot_format.h"
#include "core/state_codec.h"

namespace acd::core {

void SnapshotWriter::EncodeClock(ByteWriter& w) const {
  w.PutU8(snapshot::kClock);
  w.PutBool(e_.started_);
  w.PutSigned(e_.now_ms_);
  w.PutVarint(e_.enqueue_seq_);
  w.PutU8(snapshot::kRng);
  for (int i = 0; i < 4; ++i) w.PutFixed64(e_.rng_.state()[i]);
  w.PutU8(snapshot::kCounts);
  const CallCounts& n = e_.counts_;
  for (uint64_t v : {n.arrived, n.callbacks, n.in_ivr, n.waiting, n.offered, n.dialing, n.talking,
                     n.ended}) {
    w.PutVarint(v);
  }
  w.PutVarint(e_.counts_.outbound);  // version 2
  w.PutVarint(e_.counts_.consults);  // version 4
  for (uint64_t v : e_.counts_.by_disposition) w.PutVarint(v);
}

void SnapshotWriter::EncodeQueues(ByteWriter& w) const {
  w.PutU8(snapshot::kQueues);
  w.PutVarint(e_.queues_.size());
  for (const QueueState& q : e_.queues_) {
    w.PutSigned(q.rr_last);
    w.PutSigned(q.race_clock);
    w.PutDouble(q.aht_ms);
    for (uint64_t v : {q.entered, q.answered, q.abandoned, q.overflowed, q.rona,
                       q.callbacks_completed, q.callbacks_failed}) {
      w.PutVarint(v);
    }
    w.PutVarint(q.pools.size());
    for (const Pool& p : q.pools) PutSkillExpr(w, p.extra);
  }
}

void SnapshotWriter::EncodeAgents(ByteWriter& w) const {
  w.PutU8(snapshot::kAgents);
  w.PutVarint(e_.agents_.size());
  for (const Agent& a : e_.agents_) {
    w.PutVarint(a.id);
    for (TimeMs t : {a.idle_since_ms, a.talk_ms_today, a.state_since_ms}) w.PutSigned(t);
    for (uint32_t v : {a.capacity, a.offers, a.talking, a.calls_today, a.misses_in_row}) {
      w.PutVarint(v);
    }
    w.PutVarint(a.outbound_today);  // version 2
    w.PutVarint(a.calls_since_ready);  // version 5
    w.PutSigned(a.talk_ms_since_ready);
    PutEnum(w, a.presence);
    PutEnum(w, a.reason);
    for (bool b : {a.in_wrapup, a.resting, a.outside_call, a.filed}) w.PutBool(b);
    // Version 7: the queue a wrap-up keeps the agent from alone, + 1 (0: every queue).
    w.PutVarint(a.wrapup_queue == kNoQueue ? 0 : uint64_t{a.wrapup_queue} + 1);
    PutEnum(w, a.reported);
    PutEnum(w, a.reported_reason);
    w.PutVarint(a.calls.size());
    for (uint32_t slot : a.calls) w.PutVarint(slot);
    w.PutVarint(a.memberships.size());
    for (const AgentMembership& m : a.memberships) {
      w.PutVarint(m.queue);
      w.PutVarint(m.delay_class);
      w.PutSigned(m.level);  // version 7: the run-time level (AgentSetLevel)
      PutEnum(w, m.paused);  // version 8: the pause in this queue alone (kNone: none)
      w.PutVarint(m.position);
      w.PutDouble(m.weight);
      const bool keyed = a.filed && e_.Serves(a, m);
      w.PutBool(keyed);
      if (keyed) {
        w.PutSigned(m.key.a);
        w.PutSigned(m.key.b);
      }
    }
    PutHereCounters(w, a);  // version 9: the memberships' counters of one queue
    PutSkills(w, a.skills);
  }
}

void SnapshotWriter::EncodeCall(ByteWriter& w, uint32_t slot,
                            const std::vector<uint32_t>& books) const {
  const Call& c = e_.calls_[slot];
  w.PutVarint(slot);
  w.PutVarint(c.id);
  PutEnum(w, c.state);
  for (bool b : {c.queued, c.overflow_due, c.owner_window, c.callback, c.held, c.internal, c.vip}) {
    w.PutBool(b);
  }
  w.PutSigned(c.route_due);
  for (uint64_t v : {uint64_t{c.stage}, uint64_t{c.next_rule}, uint64_t{c.pool}, uint64_t{c.queue},
                     uint64_t{c.guest_queue}, uint64_t{c.guest_pool}, uint64_t{c.agent},
                     uint64_t{c.announced_position}, uint64_t{c.owner_agent}}) {
    w.PutVarint(v);
  }
  w.PutSigned(c.priority);
  w.PutSigned(c.min_level);
  w.PutSigned(c.key.neg_priority);
  w.PutVarint(c.key.seq);
  w.PutVarint(c.key.call);
  for (TimeMs t : {c.arrived_ms, c.enqueued_ms, c.line_ms, c.answered_ms, c.ring_due_ms}) {
    w.PutSigned(t);
  }
  w.PutBool(c.outbound);  // version 2
  w.PutBool(c.on_hold);
  w.PutSigned(c.hold_since_ms);
  w.PutSigned(c.hold_ms);
  w.PutBool(c.directed);  // version 3
  w.PutBool(c.answered_here);
  w.PutVarint(c.transfers);
  w.PutBool(c.consult_leg);  // version 4
  w.PutVarint(c.consult == kNoSlot ? 0 : uint64_t{c.consult} + 1);
  w.PutSigned(c.wait_credit_ms);  // version 5
  w.PutSigned(c.max_level);  // version 6
  w.PutSigned(c.level_cap);
  // Version 7: the first answer, when the call has talked.
  w.PutBool(c.first_answered_ms != kNotAnswered);
  if (c.first_answered_ms != kNotAnswered) w.PutSigned(c.first_answered_ms);
  // ---- version 10 (channels): the call's media, 0 while not yet fixed,
  // else Media + 1.
  w.PutU8(c.media_fixed ? static_cast<uint8_t>(static_cast<int>(c.media) + 1) : 0);
  // ---- end of version 10
  // ---- version 11 (recurring rules): the next rule's time (the slot above
  // holds its index, kNoRule for none) and the rules' floor.
  w.PutSigned(c.next_rule_ms);
  w.PutSigned(c.rules_floor_ms);
  // ---- end of version 11
  // ---- version 12 (kept rules): the kept book the call follows, by its
  // number in kBooks + 1 (0: its queue's own rules, or it reads none).
  w.PutVarint(HoldsBook(c) && c.book != kQueueBook ? books[c.book] : 0);
  // ---- end of version 12
  w.PutVarint(c.ringing.size());
  for (size_t i = 0; i < c.ringing.size(); ++i) {
    w.PutVarint(c.ringing[i]);
    w.PutSigned(c.rung_ms[i]);
  }
  if (c.callback) {
    const CallbackInfo& cb = e_.callbacks_.at(slot);
    w.PutVarint(cb.from_call);
    w.PutVarint(cb.policy_queue);
    w.PutBytes(cb.number);
    w.PutSigned(cb.window_to_ms);
    w.PutVarint(cb.failed_attempts);
    w.PutSigned(cb.held_until_ms);
  }
  if (e_.keep_attributes_) {
    const CallAttributes& at = e_.attributes_[slot];
    for (const std::string* s : {&at.ani, &at.dnis, &at.digits, &at.language, &at.marketing_source}) {
      w.PutBytes(*s);
    }
    PutEnum(w, at.intent);
    for (bool b : {at.vip, at.returning, at.internal}) w.PutBool(b);
    w.PutVarint(at.owner_agent);
  }
}

void SnapshotWriter::EncodeCalls(ByteWriter& w, const std::vector<uint32_t>& books) const {
  w.PutU8(snapshot::kCalls);
  w.PutVarint(e_.calls_.size());
  w.PutVarint(e_.free_call_slots_.size());
  for (uint32_t slot : e_.free_call_slots_) w.PutVarint(slot);
  std::vector<uint32_t> live;
  live.reserve(e_.live_calls_.size());
  for (const auto& [id, slot] : e_.live_calls_) live.push_back(slot);
  std::sort(live.begin(), live.end());
  w.PutVarint(live.size());
  for (uint32_t slot : live) EncodeCall(w, slot, books);
  w.PutU8(snapshot::kTimers);
  w.PutVarint(e_.timers_.next_seq());
  const std::vector<Timer> timers = e_.timers_.Live();  // in seq order
  w.PutVarint(timers.size());
  for (const Timer& t : timers) {
    w.PutSigned(t.due_ms);
    w.PutVarint(t.seq);
    PutEnum(w, t.kind);
    w.PutVarint(t.target);
  }
}

void SnapshotWriter::EncodeMemory(ByteWriter& w) const {
  w.PutU8(snapshot::kMemory);
  w.PutVarint(e_.ended_calls_.size());
  e_.ended_calls_.ForEachOldestFirst([&w](uint64_t id, Disposition d) {
    w.PutVarint(id);
    PutEnum(w, d);
  });
  w.PutVarint(e_.seen_events_.size());
  e_.seen_events_.ForEachOldestFirst([&w](uint64_t id, bool) { w.PutVarint(id); });
  std::vector<std::pair<CallId, const Capture*>> captures;
  for (const auto& [id, cap] : e_.captures_) captures.emplace_back(id, &cap);
  std::sort(captures.begin(), captures.end());
  w.PutVarint(captures.size());
  for (const auto& [id, cap] : captures) {
    w.PutVarint(id);
    w.PutVarint(cap->wait_queue);
    w.PutVarint(cap->policy_queue);
    w.PutBool(cap->enabled);
    w.PutVarint(cap->callback);
    w.PutSigned(cap->priority);
    w.PutSigned(cap->min_level);
    PutSkillExpr(w, cap->extra);
    w.PutVarint(cap->seq);
    w.PutSigned(cap->line_ms);
    w.PutSigned(cap->until_ms);
    w.PutSigned(cap->max_level);  // version 6
    w.PutSigned(cap->level_cap);
  }
  w.PutVarint(e_.capture_expiry_.size());
  for (const auto& [t, id] : e_.capture_expiry_) {
    w.PutSigned(t);
    w.PutVarint(id);
  }
  std::vector<std::pair<std::string_view, const LeftPlace*>> places;
  for (const auto& [ani, place] : e_.left_places_) places.emplace_back(ani, &place);
  std::sort(places.begin(), places.end());
  w.PutVarint(places.size());
  for (const auto& [ani, place] : places) {
    w.PutBytes(ani);
    w.PutVarint(place->queue);
    w.PutVarint(place->seq);
    w.PutSigned(place->line_ms);
    w.PutSigned(place->until_ms);
  }
  w.PutVarint(e_.left_expiry_.size());
  for (const auto& [t, ani] : e_.left_expiry_) {
    w.PutSigned(t);
    w.PutBytes(ani);
  }
  w.PutU8(snapshot::kEnd);
}

void SnapshotWriter::EncodeState(ByteWriter& w) const {
  w.PutFixed32(snapshot::kMagic);
  w.PutVarint(snapshot::kVersion);
  w.PutFixed64(e_.center_fingerprint_);
  EncodeClock(w);
  EncodeQueues(w);
  EncodeAgents(w);
  const std::vector<uint32_t> books = EncodeBooks(w);  // version 12
  EncodeCalls(w, books);
  EncodeMemory(w);
}

std::string EngineImpl::Snapshot() const {
  ByteWriter w;
  SnapshotWriter(*this).EncodeState(w);
  return w.Release();
}

uint64_t EngineImpl::StateHash() const {
  ByteWriter w;
  SnapshotWriter(*this).EncodeState(w);
  return StableHash64(w.data(), 0x5354415445ULL);  // "STATE"
}

// A changed size means a changed record: encode the new field above and
// decode it in engine_restore.cc (or say there why it is derived), then
// update the size.
#if defined(__GLIBCXX__) && defined(__x86_64__)
// Agent's media_cap, media_with and own_wrapup_ms come from the center,
// media_load from its calls (engine_restore.cc): none is written. Call's media is (version 10),
// its next_rule_ms and rules_floor_ms too (version 11). A membership's
// media is its queue's, and QueueState's book comes from the center; a
// call's kept book is written (version 12, kBooks) while it reads it.
// QueueState's strategy and flags beside `drawn` come from the center
// (Derive); it is aligned to a cache line, 448 bytes.
static_assert(sizeof(Agent) == 368, "update EncodeAgents and DecodeAgents");
static_assert(sizeof(AgentMembership) == 88, "update EncodeAgents and DecodeAgents");
static_assert(sizeof(Call) == 312, "update EncodeCall and DecodeCall");
static_assert(sizeof(QueueState) == 448, "update EncodeQueues and DecodeQueues");
static_assert(sizeof(CallbackInfo) == 88, "update EncodeCall and DecodeCall");
static_assert(sizeof(CallAttributes) == 176, "update EncodeCall and DecodeCall");
static_assert(sizeof(Capture) == 112, "update EncodeMemory and DecodeMemory");
static_assert(sizeof(LeftPlace) == 32, "update EncodeMemory and DecodeMemory");
static_assert(sizeof(CallCounts) == 200, "update EncodeClock and DecodeClock");
#endif

}  // namespace acd::core
