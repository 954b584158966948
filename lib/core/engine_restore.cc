// Reading an engine snapshot (layout: snapshot_format.h) into a fresh engine
// built for the same center: the plain records are read and range-checked,
// then everything derived is rebuilt (pools, membership caches, queue
// counters, waiting and ready indexes, owner sets), as a live reload
// rebuilds them. A restore is refused with DataLoss naming the field and
// offset when the bytes are damaged, and with FailedPrecondition when they
// were taken under another center; it emits no command.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"
#include "core/engine_snapshot.h"
#include "core/snapshot_format.h"
#include "core/state_codec.h"

namespace acd::core {

using snapshot::ExpectSection;

void SnapshotReader::DecodeClock(ByteReader& r, uint64_t version) {
  ExpectSection(r, snapshot::kClock);
  r.set_field("clock");
  e_.started_ = r.GetBool();
  e_.now_ms_ = r.GetSigned();
  e_.event_time_ms_ = e_.now_ms_;  // set by every Apply before it is read
  e_.enqueue_seq_ = r.GetVarint();
  ExpectSection(r, snapshot::kRng);
  uint64_t words[4];
  for (uint64_t& word : words) word = r.GetFixed64();
  e_.rng_.set_state(words);
  ExpectSection(r, snapshot::kCounts);
  r.set_field("counts");
  CallCounts& n = e_.counts_;
  for (uint64_t* v : {&n.arrived, &n.callbacks, &n.in_ivr, &n.waiting, &n.offered, &n.dialing,
                      &n.talking, &n.ended}) {
    *v = r.GetVarint();
  }
  // Version 1 knew neither outbound calls nor their disposition.
  if (version >= 2) e_.counts_.outbound = r.GetVarint();
  if (version >= 4) e_.counts_.consults = r.GetVarint();  // consult legs and their disposition
  const int dispositions = version >= 4   ? kDispositionCount
                           : version >= 2 ? static_cast<int>(kLastDispositionV3) + 1
                                          : static_cast<int>(kLastDispositionV1) + 1;
  for (int d = 0; d < dispositions; ++d) e_.counts_.by_disposition[d] = r.GetVarint();
}

void SnapshotReader::DecodeQueues(ByteReader& r) {
  ExpectSection(r, snapshot::kQueues);
  r.set_field("queues");
  if (r.GetVarint() != e_.queues_.size()) r.Fail("the queue count differs from the center's");
  for (QueueState& q : e_.queues_) {
    if (!r.ok()) return;
    q.rr_last = r.GetSigned();
    q.race_clock = r.GetSigned();  // no longer read by routing (engine_state.h)
    // q.drawn is derived from the strategy (Derive), q.join_counts and
    // each agent's join_class from the agents (RecountJoins); the random
    // strategies' keys carry no draw, so an older build's keys are kept as
    // written and never read by a draw.
    q.aht_ms = r.GetDouble();
    for (uint64_t* v : {&q.entered, &q.answered, &q.abandoned, &q.overflowed, &q.rona,
                        &q.callbacks_completed, &q.callbacks_failed}) {
      *v = r.GetVarint();
    }
    r.set_field("queues.pools");
    const uint64_t pools = r.GetVarintAtMost(kMaxPoolsPerQueue);
    if (r.ok() && pools == 0) r.Fail("a queue has no pool");
    for (uint64_t p = 0; p < pools && r.ok(); ++p) {
      SkillExpr extra = GetSkillExpr(r);
      if (p == 0 && r.ok() && !extra.always()) r.Fail("pool 0 has a requirement");
      if (p > 0 && r.ok() && e_.FindPool(q, extra) >= 0) r.Fail("two pools share a requirement");
      if (p > 0 && r.ok()) e_.PoolFor(q, extra);  // no agent is filed yet
    }
    r.set_field("queues");
  }
}

void SnapshotReader::DecodeAgent(ByteReader& r, uint32_t slot, std::vector<AgentKeys>& keys,
                             uint64_t version) {
  Agent& a = e_.agents_[slot];
  if (r.GetVarint() != a.id) r.Fail("an agent id differs from the center's roster");
  for (TimeMs* t : {&a.idle_since_ms, &a.talk_ms_today, &a.state_since_ms}) *t = r.GetSigned();
  if (r.GetVarint() != a.capacity) r.Fail("an agent's capacity differs from the center's");
  for (uint32_t* v : {&a.offers, &a.talking, &a.calls_today, &a.misses_in_row}) {
    *v = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  }
  if (version >= 2) a.outbound_today = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  if (version >= 5) {  // counters since ready (counters_since_ready)
    a.calls_since_ready = static_cast<uint32_t>(r.GetVarintAtMost(a.calls_today));
    a.talk_ms_since_ready = r.GetSigned();
    if (r.ok() && (a.talk_ms_since_ready < 0 || a.talk_ms_since_ready > a.talk_ms_today)) {
      r.Fail("an agent's talk time since ready exceeds the day's");
    }
  } else {  // before: as if ready since the day began
    a.calls_since_ready = a.calls_today;
    a.talk_ms_since_ready = a.talk_ms_today;
  }
  a.presence = GetEnum(r, Presence::kNotReady);
  a.reason = GetEnum(r, kLastNotReadyReason);
  for (bool* b : {&a.in_wrapup, &a.resting, &a.outside_call, &a.filed}) *b = r.GetBool();
  if (version >= 7) {  // a wrap-up for one queue alone (wrapup_here_only)
    r.set_field("agents.wrapup_queue");
    const uint64_t q = r.GetVarintAtMost(e_.queues_.size());
    if (r.ok() && q != 0 && !a.in_wrapup) r.Fail("an agent out of wrap-up has a wrap-up queue");
    a.wrapup_queue = q == 0 ? kNoQueue : static_cast<QueueId>(q - 1);
    r.set_field("agents");
  }
  a.reported = GetEnum(r, kLastAgentState);
  a.reported_reason = GetEnum(r, kLastNotReadyReason);
  if (r.ok() && (!KnowsLabel(e_.center_.labels, a.reason) ||
                 !KnowsLabel(e_.center_.labels, a.reported_reason))) {
    r.Fail("an agent's not-ready reason is not one of the center's");
  }
  const uint64_t calls = r.GetVarintAtMost(a.capacity);
  for (uint64_t i = 0; i < calls && r.ok(); ++i) {
    a.calls.push_back(static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX)));
  }
  if (r.GetVarint() != a.memberships.size()) r.Fail("an agent's memberships differ from the center's");
  keys[slot].assign(a.memberships.size(), std::nullopt);
  for (size_t i = 0; i < a.memberships.size() && r.ok(); ++i) {
    AgentMembership& m = a.memberships[i];
    const bool same_queue = r.GetVarint() == m.queue && r.GetVarint() == m.delay_class;
    const int64_t level = r.GetSigned();
    if (version >= 8) GetQueuePause(r, a, m);  // before: no pause in one queue
    const bool same = same_queue && r.GetVarint() == m.position && r.GetDouble() == m.weight;
    if (!same) r.Fail("an agent's memberships differ from the center's");
    // Version 7: the level is the run-time one (AgentSetLevel), any level
    // of 1..10 in a queue that takes one; before, and in a queue whose
    // level comes from a skill, the center's.
    if (r.ok() && version >= 7 && e_.TakesLevel(m.queue) && level >= kMinLevel &&
        level <= kMaxLevel) {
      m.level = static_cast<int>(level);
    } else if (r.ok() && level != m.level) {
      r.Fail("an agent's membership level is not one it may have");
    }
    if (r.GetBool()) {
      const int64_t key_a = r.GetSigned();
      const int64_t key_b = r.GetSigned();
      keys[slot][i] = AgentKey{0, key_a, key_b, slot, 0};  // order: IndexAgent
    }
  }
  if (version >= 9) GetHereCounters(r, slot, keys[slot]);  // before: none counted yet
  a.skills.clear();
  GetSkills(r, a.skills);
  if (r.ok() && !e_.CheckSkills("skills", a.skills, true).ok()) {
    r.Fail("an agent's skills are invalid");
  }
}

// Version 8: a membership's pause in its queue alone (25: a ready agent's,
// with a reason of the center).
void SnapshotReader::GetQueuePause(ByteReader& r, const Agent& a, AgentMembership& m) const {
  r.set_field("agents.memberships.paused");
  m.paused = GetEnum(r, kLastNotReadyReason);
  if (r.ok() && m.paused != NotReadyReason::kNone &&
      (a.presence != Presence::kReady || !KnowsLabel(e_.center_.labels, m.paused))) {
    r.Fail("a pause in one queue of an agent not ready everywhere, or with an unknown reason");
  }
  r.set_field("agents");
}

void SnapshotReader::DecodeAgents(ByteReader& r, std::vector<AgentKeys>& keys, uint64_t version) {
  ExpectSection(r, snapshot::kAgents);
  r.set_field("agents");
  const size_t agents = e_.agents_.size();
  if (r.GetVarint() != agents) r.Fail("the agent count differs from the center's roster");
  keys.resize(agents);
  for (uint32_t slot = 0; slot < agents && r.ok(); ++slot) DecodeAgent(r, slot, keys, version);
}

bool SnapshotReader::DecodeCall(ByteReader& r, uint32_t slot, uint64_t version) {
  Call& c = e_.calls_[slot];
  c.id = r.GetVarint();
  c.state = GetEnum(r, kLastCallState);
  for (bool* b : {&c.queued, &c.overflow_due, &c.owner_window, &c.callback, &c.held, &c.internal,
                  &c.vip}) {
    *b = r.GetBool();
  }
  c.route_due = static_cast<int16_t>(r.GetSigned());
  c.stage = static_cast<uint8_t>(r.GetVarintAtMost(kMaxDelayClasses - 1));
  c.next_rule = static_cast<uint8_t>(r.GetVarintAtMost(UINT8_MAX));
  c.pool = static_cast<uint16_t>(r.GetVarintAtMost(kMaxPoolsPerQueue - 1));
  c.queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
  c.guest_queue = static_cast<QueueId>(r.GetVarintAtMost(UINT32_MAX));
  c.guest_pool = static_cast<uint16_t>(r.GetVarintAtMost(kMaxPoolsPerQueue - 1));
  c.agent = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  c.announced_position = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  c.owner_agent = static_cast<AgentId>(r.GetVarintAtMost(UINT32_MAX));
  c.priority = static_cast<int>(r.GetSigned());
  c.min_level = static_cast<int>(r.GetSigned());
  c.key.neg_priority = static_cast<int32_t>(r.GetSigned());
  c.key.seq = r.GetVarint();
  c.key.call = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
  for (TimeMs* t : {&c.arrived_ms, &c.enqueued_ms, &c.line_ms, &c.answered_ms, &c.ring_due_ms}) {
    *t = r.GetSigned();
  }
  if (version >= 2) {  // holds and outbound calls (version 1 had neither)
    c.outbound = r.GetBool();
    c.on_hold = r.GetBool();
    c.hold_since_ms = r.GetSigned();
    c.hold_ms = r.GetSigned();
  }
  if (version >= 3) {  // transfers to an agent
    c.directed = r.GetBool();
    c.answered_here = r.GetBool();
    c.transfers = static_cast<uint16_t>(r.GetVarintAtMost(UINT16_MAX));
  } else {
    // Before version 3 a live call answered in its queue was connected.
    c.answered_here = c.queued && !c.callback && c.state == CallState::kTalking;
  }
  if (version >= 4) {  // attended transfers
    c.consult_leg = r.GetBool();
    const uint64_t consult = r.GetVarintAtMost(e_.calls_.size());
    c.consult = consult == 0 ? kNoSlot : static_cast<uint32_t>(consult - 1);
  }
  if (version >= 5) {  // CallEnqueue's time adjustment (none before)
    c.wait_credit_ms = r.GetSigned();
    if (r.ok() && (c.wait_credit_ms < -kMaxWaitCreditMs || c.wait_credit_ms > kMaxWaitCreditMs)) {
      r.Fail("a call's wait credit is beyond a day");
    }
  }
  if (version >= 6) {  // the upper level bounds (open before)
    c.max_level = static_cast<int>(r.GetSigned());
    c.level_cap = static_cast<int>(r.GetSigned());
  }
  if (version >= 7) {  // the first answer
    if (r.GetBool()) {
      c.first_answered_ms = r.GetSigned();
      if (r.ok() && (c.first_answered_ms < c.arrived_ms || c.first_answered_ms > c.answered_ms)) {
        r.Fail("a call's first answer is not between its arrival and its connection");
      }
    }
  } else if ((c.state == CallState::kTalking || c.answered_here) && c.transfers == 0) {
    // The best known: a call never transferred to an agent or consulted
    // over was first answered at its connection. One that was keeps none:
    // its wait counts to its latest connection, as the build that wrote
    // the snapshot counted it (to the next one when it is in line again).
    c.first_answered_ms = c.answered_ms;
  }
  // ---- version 10 (channels): the call's media. Before, every queue was a
  // voice queue (the center is the snapshot's): a call that reached a
  // queue or an agent is a voice call, one still arrived has none yet.
  if (version >= 10) {
    const uint8_t media = r.GetU8();
    if (r.ok() && media > kMediaCount) r.Fail("a call's media is not a media");
    c.media_fixed = media != 0;
    c.media = media == 0 ? Media::kVoice : static_cast<Media>(media - 1);
  } else {
    c.media_fixed = c.state != CallState::kArrived || c.queued;
  }
  // ---- end of version 10
  // ---- version 11 (recurring rules): next_rule is a rule's index (kNoRule:
  // none), with its time, then the rules' floor. Before, it was the rule's place in the queue's
  // (after_ms, index) order, every rule coming due once, at its after_ms.
  if (version >= 11) {
    c.next_rule_ms = r.GetSigned();
    c.rules_floor_ms = r.GetSigned();
  } else if (r.ok() && c.queued && c.queue < e_.queues_.size()) {
    const QueueState& q = e_.queues_[c.queue];
    c.rules_floor_ms = RulesEnteredMs(c, q.book);
    if (c.next_rule < q.book.order.size()) {
      c.next_rule = q.book.order[c.next_rule];
      c.next_rule_ms = q.book.rule(c.next_rule).after_ms;
    } else if (c.next_rule == q.book.order.size()) {
      c.next_rule = kNoRule;
    }  // else past the rules: CallProblem says so
  } else {
    c.next_rule = kNoRule;  // in no queue: none to come
  }
  // ---- end of version 11
  // ---- version 12 (kept rules): the call's kept book + 1 (0: none).
  if (version >= 12) {
    r.set_field("calls.book");
    const uint64_t book = r.GetVarintAtMost(e_.kept_books_.size());
    c.book = book == 0 ? kQueueBook : static_cast<uint16_t>(book - 1);
    if (r.ok() && book != 0 && !HoldsBook(c)) r.Fail("a call that reads no rule holds a kept book");
    r.set_field("calls");
  }
  // ---- end of version 12
  const uint64_t ringing = r.GetVarintAtMost(e_.agents_.size());
  for (uint64_t i = 0; i < ringing && r.ok(); ++i) {
    c.ringing.push_back(static_cast<uint32_t>(r.GetVarintAtMost(e_.agents_.size() - 1)));
    c.rung_ms.push_back(r.GetSigned());
  }
  if (c.callback) {
    CallbackInfo& cb = e_.callbacks_[slot];
    cb.from_call = r.GetVarint();
    cb.policy_queue = static_cast<QueueId>(r.GetVarintAtMost(e_.queues_.size() - 1));
    cb.number = r.GetString();
    cb.window_to_ms = r.GetSigned();
    cb.failed_attempts = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
    cb.held_until_ms = r.GetSigned();
  }
  if (e_.keep_attributes_) {
    CallAttributes& at = e_.attributes_[slot];
    for (std::string* s : {&at.ani, &at.dnis, &at.digits, &at.language, &at.marketing_source}) {
      *s = r.GetString();
    }
    at.intent = GetEnum(r, kLastIntent);
    if (r.ok() && !KnowsLabel(e_.center_.labels, at.intent)) {
      r.Fail("a call's intent is not one of the center's");
    }
    for (bool* b : {&at.vip, &at.returning, &at.internal}) *b = r.GetBool();
    at.owner_agent = static_cast<AgentId>(r.GetVarintAtMost(UINT32_MAX));
  }
  if (const char* problem = r.ok() ? CallProblem(c, slot) : nullptr) r.Fail(problem);
  return r.ok();
}

// What is wrong with the references and ranges of a decoded call (null:
// nothing): what the decoder cannot check field by field, and what the
// indexes and the invariant checker index arrays with.
const char* SnapshotReader::CallProblem(const Call& c, uint32_t slot) const {
  if (c.id == 0) return "a live call has id 0";
  if (c.state == CallState::kEnded) return "an ended call is live";
  if (c.min_level < kMinLevel || c.min_level > kMaxLevel) return "a call's min_level is out of range";
  if (!LevelBoundsHold(c.min_level, c.max_level, c.level_cap)) {
    return "a call's level bounds are out of order (21)";
  }
  if (c.priority < -kMaxPriority || c.priority > kMaxPriority) return "a call's priority is out of range";
  if (c.on_hold && c.state != CallState::kTalking) return "a call on hold is not connected";
  if (c.outbound && (c.queued || c.callback || c.state != CallState::kTalking)) {
    return "an outbound call is queued, a callback or not connected";
  }
  if (c.hold_ms < 0 || (c.on_hold && c.hold_since_ms > e_.now_ms_)) {
    return "a call's hold time is out of range";
  }
  if (c.agent != kNoSlot && c.agent >= e_.agents_.size()) {
    return "a call's agent is not in the roster";
  }
  if (c.directed && (c.state != CallState::kOffered || c.ringing.size() != 1 || !c.answered_here)) {
    return "a call transferred to an agent does not ring at them alone";
  }
  if (c.answered_here && (!c.queued || c.callback)) return "a call answered in no queue";
  if (c.consult_leg && (c.callback || c.outbound)) return "a consult leg is a callback or outbound";
  if (c.consult_leg && !c.queued && c.state != CallState::kTalking) {
    return "a consult leg to a colleague is not connected";
  }
  if (c.consult != kNoSlot && !c.consult_leg &&
      (c.state != CallState::kTalking || !c.on_hold || !c.queued || c.callback)) {
    return "a consulting call is not a connected caller on hold";
  }
  // Waiting, ringing and dialing happen in a queue (the checks below, and
  // the invariant checker's counts, index arrays with the queue).
  const bool in_line = c.state == CallState::kWaiting || c.state == CallState::kOffered ||
                       c.state == CallState::kDialing;
  if (in_line && !c.queued) return "a call waiting, ringing or dialing is in no queue";
  if (!c.queued) return nullptr;
  if (c.state == CallState::kWaiting && !c.held && c.key.call != slot) {
    return "a waiting call's key names another slot";
  }
  if (c.queue >= e_.queues_.size()) return "a call's queue does not exist";
  const QueueState& q = e_.queues_[c.queue];
  if (c.pool >= q.pools.size()) return "a call's pool does not exist";
  if (c.stage >= q.delays_ms.size()) return "a call's delay stage does not exist";
  const RuleBook& book = e_.BookOf(c);
  if (c.next_rule != kNoRule) {
    if (c.next_rule >= book.size()) return "a call's next rule does not exist";
    if (!IsRuleTime(book.rule(c.next_rule), c.next_rule_ms)) {
      return "a call's next rule time is not one of its rule's times";
    }
  }
  if (c.route_due < -1 || c.route_due >= static_cast<int>(book.size())) {
    return "a call's due route does not exist";
  }
  if (c.route_due >= 0 && book.Gone(c.route_due)) return "a call's due route is a gone rule";
  if (c.book != kQueueBook) {
    if (const char* problem = e_.BookProblem(c)) return problem;
  }
  if (c.guest_queue != kNoQueue &&
      (c.guest_queue >= e_.queues_.size() ||
       c.guest_pool >= e_.queues_[c.guest_queue].pools.size())) {
    return "a call's guest queue or pool does not exist";
  }
  if (c.owner_window && e_.AgentSlot(c.owner_agent) == kNoSlot) {
    return "a call's owner is not in the roster";
  }
  return nullptr;
}

void SnapshotReader::DecodeCalls(ByteReader& r, uint64_t version) {
  ExpectSection(r, snapshot::kCalls);
  r.set_field("calls");
  const uint64_t slab = r.GetVarintAtMost(UINT32_MAX - 1);
  if (!r.ok()) return;
  e_.calls_.assign(slab, Call{});
  if (e_.keep_attributes_) e_.attributes_.assign(slab, CallAttributes{});
  std::vector<bool> used(slab, false);
  const uint64_t free = r.GetVarintAtMost(slab);
  for (uint64_t i = 0; i < free && r.ok(); ++i) {
    const uint64_t slot = r.GetVarintAtMost(slab - 1);
    if (r.ok() && used[slot]) r.Fail("a call slot is listed twice");
    if (r.ok()) used[slot] = true;
    e_.free_call_slots_.push_back(static_cast<uint32_t>(slot));
  }
  const uint64_t live = r.GetVarintAtMost(slab - free);
  if (r.ok() && live + free != slab) r.Fail("call slots are neither live nor free");
  for (uint64_t i = 0; i < live && r.ok(); ++i) {
    const uint64_t slot = r.GetVarintAtMost(slab - 1);
    if (r.ok() && used[slot]) r.Fail("a call slot is listed twice");
    if (!r.ok()) return;
    used[slot] = true;
    if (!DecodeCall(r, static_cast<uint32_t>(slot), version)) return;
    if (r.ok() && !e_.live_calls_.emplace(e_.calls_[slot].id, static_cast<uint32_t>(slot)).second) {
      r.Fail("a call id is live twice");
    }
  }
  for (const auto& [id, slot] : e_.live_calls_) {  // consult links: mutual, between live calls
    const Call& c = e_.calls_[slot];
    if (r.ok() && c.consult != kNoSlot &&
        (!used[c.consult] || e_.calls_[c.consult].consult != slot ||
         e_.calls_[c.consult].consult_leg == c.consult_leg || e_.calls_[c.consult].id == 0)) {
      r.Fail("a consult link is not mutual between live calls");
    }
  }
  for (Agent& a : e_.agents_) {
    for (uint32_t slot : a.calls) {
      if (r.ok() && (slot >= slab || !e_.live_calls_.contains(e_.calls_[slot].id))) {
        r.Fail("an agent holds a call that is not live");
      }
      // The load per media is derived (DESIGN invariant 31).
      if (r.ok()) a.HoldMedia(e_.calls_[slot].media);
    }
  }
}

}  // namespace acd::core
