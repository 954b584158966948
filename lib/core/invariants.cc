// CheckInvariants: walks the whole state and checks DESIGN.md's invariants
// (core/invariant_checker.h); here the calls and the order of the line.
#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/invariant_checker.h"

namespace acd::core {

void InvariantChecker::CheckCalls() {
  for (const auto& [id, slot] : e_.live_calls_) {
    const Call& c = e_.calls_[slot];
    if (c.id != id) Fail("live call ", id, " maps to slot holding ", c.id);
    if (e_.ended_calls_.Contains(id)) Fail("(4) call ", id, " is live and ended");
    CheckCall(c, slot);
  }
}

// (18) Within a queue the calls in line keep their time in line growing
// with their entry order (a wait credit's place included), and no place
// of the queue is later than the bound that lets an entry skip the look.
void InvariantChecker::CheckLineOrder() {
  struct InLine {
    uint64_t seq;
    TimeMs line_ms;
    CallId id;
    bool operator<(const InLine& o) const { return seq < o.seq; }
  };
  std::vector<std::vector<InLine>> lines(e_.queues_.size());
  auto bound = [&](QueueId queue, TimeMs line_ms, const char* what, uint64_t id) {
    if (line_ms > e_.queues_[queue].latest_line_ms) {
      Fail("(18) ", what, " ", id, " is in line since ", line_ms, ", after queue ", queue,
           "'s latest ", e_.queues_[queue].latest_line_ms);
    }
  };
  for (const auto& [id, slot] : e_.live_calls_) {
    const Call& c = e_.calls_[slot];
    if (!c.queued) continue;
    bound(c.queue, c.line_ms, "call", id);
    if (c.in_index) lines[c.queue].push_back(InLine{c.key.seq, c.line_ms, id});
  }
  for (const auto& [ani, place] : e_.left_places_) bound(place.queue, place.line_ms, "left place at", place.seq);
  for (const auto& [id, cap] : e_.captures_) {
    bound(cap.wait_queue, cap.line_ms, "capture", id);
    if (!LevelBoundsHold(cap.min_level, cap.max_level, cap.level_cap)) {
      Fail("(21) capture ", id, " has level bounds out of order");
    }
  }
  for (size_t q = 0; q < lines.size(); ++q) {
    std::sort(lines[q].begin(), lines[q].end());
    for (size_t i = 1; i < lines[q].size(); ++i) {
      const InLine& a = lines[q][i - 1];
      const InLine& b = lines[q][i];
      if (b.line_ms < a.line_ms) {
        Fail("(18) queue ", q, ": call ", b.id, " (entry order ", b.seq, ") is in line since ",
             b.line_ms, ", before call ", a.id, " (entry order ", a.seq, ", since ", a.line_ms,
             ")");
      }
    }
  }
}

void InvariantChecker::CheckCall(const Call& c, uint32_t slot) {
  const bool waiting = c.state == CallState::kWaiting && !c.held;
  CheckCallMedia(c);
  // (23) The first answer lies between the arrival and the connection.
  if (c.first_answered_ms != kNotAnswered &&
      (c.first_answered_ms < c.arrived_ms || c.first_answered_ms > c.answered_ms)) {
    Fail("(23) call ", c.id, " first answered at ", c.first_answered_ms, ", arrived ",
         c.arrived_ms, ", connected ", c.answered_ms);
  }
  // (21) 1 <= min_level <= max_level <= 10, min_level <= level_cap <= 10.
  if (!LevelBoundsHold(c.min_level, c.max_level, c.level_cap)) {
    Fail("(21) call ", c.id, " has level bounds ", c.min_level, "..", c.max_level, " cap ",
         c.level_cap);
  }
  if (c.held && (!c.callback || c.state != CallState::kWaiting)) Fail("call ", c.id, " is held but is not a waiting callback");
  if (c.callback != e_.callbacks_.contains(slot)) Fail("call ", c.id, " callback record does not match");
  if (c.callback && c.held != e_.callbacks_.at(slot).hold_timer.scheduled()) Fail("(8) callback ", c.id, " hold timer does not match");
  if (c.callback && c.next_rule != kNoRule) Fail("(7) callback ", c.id, " has overflow rules to come (nobody is on the line)");
  if (c.state == CallState::kDialing && !c.callback) Fail("call ", c.id, " dials but is no callback");
  if (c.in_index != waiting) Fail("call ", c.id, " in_index=", c.in_index, " but state ", NameOf(c.state));
  if (c.state != CallState::kArrived && !c.queued && !c.outbound && !c.consult_leg) Fail("call ", c.id, " is ", NameOf(c.state), " without a queue");
  if (c.outbound && (c.queued || c.callback || c.state != CallState::kTalking)) Fail("(3) outbound call ", c.id, " is queued, a callback or ", NameOf(c.state));
  if (c.state == CallState::kEnded) Fail("(4) ended call ", c.id, " is still live");
  // (16) consults: a mutual link; the consulting call a connected caller
  // of a queue, on hold; a leg to a colleague connected, in no queue.
  if (c.consult != kNoSlot && c.consult >= e_.calls_.size()) {
    Fail("(16) call ", c.id, " consults a call slot out of range");
  } else if (c.consult != kNoSlot) {
    const Call& o = e_.calls_[c.consult];
    if (o.consult != slot || o.consult_leg == c.consult_leg || o.state == CallState::kEnded) {
      Fail("(16) call ", c.id, " consult link is not mutual");
    }
    if (!c.consult_leg && (c.state != CallState::kTalking || !c.on_hold || !c.queued || c.callback)) {
      Fail("(16) call ", c.id, " consults while ", NameOf(c.state), c.on_hold ? "" : " and not on hold");
    }
  }
  if (c.consult_leg && (c.callback || c.outbound)) Fail("(16) consult leg ", c.id, " is a callback or outbound");
  if (c.consult_leg && !c.queued && c.state != CallState::kTalking) {
    Fail("(16) consult leg ", c.id, " to a colleague is ", NameOf(c.state));
  }
  const bool offered = c.state == CallState::kOffered;
  if (offered == c.ringing.empty()) Fail("(1) call ", c.id, " state ", NameOf(c.state), " with ", c.ringing.size(), " offers");
  if (offered != c.ring_timer.scheduled()) Fail("(8) call ", c.id, " ring timer does not match its state");
  if (c.progress_timer.scheduled() && !offered) Fail("(8) call ", c.id, " rings progressively while not offered");
  if (c.owner_timer.scheduled() && !c.owner_window) Fail("(8) call ", c.id, " has an owner timer without an owner window");
  if (c.owner_window && c.state != CallState::kWaiting && c.state != CallState::kOffered) Fail("call ", c.id, " has an owner window while ", NameOf(c.state));
  const bool connected = c.state == CallState::kTalking || c.state == CallState::kDialing;
  if (connected != (c.agent != kNoSlot)) Fail("(1) call ", c.id, " connected agent does not match its state");
  if (c.on_hold && c.state != CallState::kTalking) Fail("(11) call ", c.id, " is on hold while ", NameOf(c.state));
  if (c.hold_ms < 0 || (c.on_hold && c.hold_since_ms > e_.now_ms_)) Fail("(11) call ", c.id, " hold time out of range");
  if (!c.on_hold && c.hold_since_ms != 0) Fail("(11) call ", c.id, " keeps a hold start while not on hold");
  if (c.directed && (!offered || c.ringing.size() != 1 || c.progress_timer.scheduled())) {
    Fail("(12) call ", c.id, " transferred to an agent is ", NameOf(c.state), " with ", c.ringing.size(), " offers");
  }
  if ((c.directed || c.answered_here) && (!c.queued || c.callback || c.outbound)) Fail("(12) call ", c.id, " was answered in no queue");
  if (c.directed && !c.answered_here) Fail("(12) call ", c.id, " is transferred but was never answered in its queue");
  if (!c.queued || connected || c.callback || c.directed) {
    if (c.max_wait_timer.scheduled() || c.stage_timer.scheduled() || c.rule_timer.scheduled() ||
        c.announce_timer.scheduled()) {
      Fail("(8) call ", c.id, " holds queue timers outside a queue");
    }
    if (c.guest_queue != kNoQueue) Fail("call ", c.id, " has a guest queue outside a queue");
  }
  if (c.queued && !connected && !c.callback && !c.directed) {
    const QueueState& q = e_.queues_[c.queue];
    const bool more_rules = c.next_rule != kNoRule;
    // (35) the call follows its queue's rules or a kept book the engine has.
    const bool has_book = c.book == kQueueBook || c.book < e_.kept_books_.size();
    if (!has_book) Fail("(35) call ", c.id, " follows kept book ", c.book, " of ", e_.kept_books_.size());
    const RuleBook& book = has_book ? e_.BookOf(c) : q.book;
    if (c.book != kQueueBook) {
      if (const char* problem = e_.BookProblem(c)) Fail("(35) call ", c.id, ": ", problem);
    }
    if (c.route_due >= 0 && (c.route_due >= static_cast<int>(book.size()) || book.Gone(c.route_due))) Fail("(35) call ", c.id, " has a route due that its rules cannot carry out");
    if (more_rules && c.next_rule >= book.size()) Fail("(7) call ", c.id, " has a next rule ", int{c.next_rule}, " its rules do not have");
    if (more_rules && c.next_rule < book.size()) {  // (34) one of its rule's times, not yet come
      if (!IsRuleTime(book.rule(c.next_rule), c.next_rule_ms)) Fail("(34) call ", c.id, " next rule time ", c.next_rule_ms, " is not a time of rule ", int{c.next_rule});
      if (c.route_due < 0 && RulesFromMs(c, book) + c.next_rule_ms <= e_.now_ms_) Fail("(34) call ", c.id, " has a rule time past that was not judged");
    }
    if (more_rules && c.route_due < 0 && !c.rule_timer.scheduled()) Fail("(7) call ", c.id, " has rules to come but no rule timer (", NameOf(c.state), " in queue ", c.queue, ", rule ", int{c.next_rule}, " at ", c.next_rule_ms, ", in line since ", c.enqueued_ms, ")");
    if (c.route_due >= 0 && c.state != CallState::kOffered) Fail("(7) call ", c.id, " has a route due while not ringing");
    if (c.overflow_due && q.config->max_wait_cuts_ring) Fail("(7) call ", c.id, " rings past a max wait that cuts rings");
    if (c.rule_timer.scheduled() && !more_rules) Fail("(8) call ", c.id, " has a rule timer but no rule to come");
    if (c.rule_timer.scheduled() && more_rules) {
      if (e_.timers_.Find(c.rule_timer)->due_ms != RulesFromMs(c, book) + c.next_rule_ms) Fail("(7) call ", c.id, " rule timer is not due at its rule's time");
    }
    if ((q.config->announcements.every_ms > 0) != c.announce_timer.scheduled()) Fail("(8) call ", c.id, " announcement timer does not match its queue");
  }
  if (offered) {
    const QueueConfig& cfg = e_.qcfg(c.queue);
    const bool group = cfg.strategy == Strategy::kRingAll || cfg.progressive_ring_ms > 0;
    const size_t limit = group ? cfg.ring_all_max : 1;
    if (c.rung_ms.size() != c.ringing.size()) Fail("call ", c.id, " offer times do not match its offers");
    if (e_.timers_.Find(c.ring_timer) != nullptr && e_.timers_.Find(c.ring_timer)->due_ms != c.ring_due_ms) {
      Fail("(8) call ", c.id, " ring timer is not due at its ring's end");
    }
    if (c.ringing.size() > limit) Fail("(1)(10) call ", c.id, " rings ", c.ringing.size(), " agents, limit ", limit);
    for (size_t i = 0; i < c.ringing.size(); ++i) {
      const Agent& a = e_.agents_[c.ringing[i]];
      if (std::count(c.ringing.begin(), c.ringing.end(), c.ringing[i]) != 1) Fail("(1) call ", c.id, " offered twice to agent ", a.id);
      if (std::count(a.calls.begin(), a.calls.end(), slot) != 1) Fail("(1) agent ", a.id, " does not hold the offer of call ", c.id);
    }
  }
  if (c.agent != kNoSlot) {
    const Agent& a = e_.agents_[c.agent];
    if (std::count(a.calls.begin(), a.calls.end(), slot) != 1) Fail("(1) agent ", a.id, " does not hold connected call ", c.id);
  }
  if (waiting) {
    const QueueState& q = e_.queues_[c.queue];
    if (c.owner_window) {
      auto it = e_.owned_.find(e_.AgentSlot(c.owner_agent));
      if (it == e_.owned_.end() || !it->second.contains(c.key)) Fail("call ", c.id, " waits for its owner but is not filed under them");
    } else if (!q.pools[c.pool].waiting.Contains(c.stage, LevelsIn(q, c), c.key)) {
      Fail("call ", c.id, " is missing from its queue index");
    }
    if (c.key.neg_priority != -c.priority) Fail("call ", c.id, " is filed under another priority");
    // (15) entry orders are handed out increasing; a move or a respacing
    // takes one below the next.
    if (c.key.seq > e_.enqueue_seq_) Fail("(15) call ", c.id, " has an entry order not yet handed out");
    if (c.guest_queue != kNoQueue && !c.owner_window && !GuestFiled(c)) {
      Fail("call ", c.id, " is missing from its guest queue's index");
    }
    const QueueConfig& cfg = *q.config;
    if (c.callback) {
      if (c.stage + 1u != q.delays_ms.size()) Fail("callback ", c.id, " is not at the last delay stage");
      return;
    }
    if (cfg.max_wait_ms > 0 && e_.now_ms_ - c.enqueued_ms >= cfg.max_wait_ms) {
      Fail("(7) call ", c.id, " waited ", e_.now_ms_ - c.enqueued_ms, " ms past max wait ", cfg.max_wait_ms);
    }
    const size_t want_stage = std::upper_bound(q.delays_ms.begin(), q.delays_ms.end(),
                                               e_.now_ms_ - c.enqueued_ms) - q.delays_ms.begin() - 1;
    if (c.stage != want_stage) Fail("call ", c.id, " is at delay stage ", int{c.stage}, ", expected ", want_stage);
  }
}

bool InvariantChecker::GuestFiled(const Call& c) const {
  for (const GuestCalls& g : e_.queues_[c.guest_queue].pools[c.guest_pool].guests) {
    if (g.home == c.queue) {
      return g.waiting.Contains(kMaxDelayClasses - 1,
                                LevelsIn(e_.queues_[c.guest_queue], c), c.key);
    }
  }
  return false;
}

absl::Status EngineImpl::CheckInvariants() const { return InvariantChecker(*this).Run(true); }

absl::Status EngineImpl::CheckLinearInvariants() const {
  return InvariantChecker(*this).Run(false);
}

}  // namespace acd::core
