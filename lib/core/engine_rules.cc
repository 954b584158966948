// Overflow rules, leave-when-empty, announcements and the estimated wait.
//
// A queue's rules come due in (time, index) order as the call waits, each
// at its after_ms and a recurring one every every_ms after (NextRuleTime);
// each time is judged once per visit to the queue: its condition is looked at
// when it comes due, and the action is carried out if it holds. Every rule
// that comes due is recorded with a RuleApplied command (the call's
// history). A rule comes due on time also while an offer rings: its
// condition is judged then and a change of level, priority or guest queue
// takes effect when the call is back in line; a route waits for the ring to
// end unanswered (an answered call left the queue). So every rule timer is
// set at a configured time after the entry (or, rules_from_arrival, the
// call's arrival: rules already past come due as it enters; a recurring
// rule's past times as one), from the previous time or the entry, and the
// timer lanes stay as few as the gaps between the configuration's times
// (beyond TimerQueue's lane limit, the calendar takes them). With
// ring_timeout_moves_on an offer that rings out brings the next rule due at
// once (ReturnToQueue), TaskRouter's reservation timeout.
#include <algorithm>
#include <cmath>

#include "core/engine_impl.h"

namespace acd::core {

namespace {

int Changed(int current, const LevelChange& change) {
  return std::clamp(change.relative ? current + change.value : change.value, kMinLevel,
                    kMaxLevel);
}

}  // namespace

// Asterisk's penaltychange on acd's scale: each bound moves to its value or
// by its step, kept within 1..10; a maximum that would fall below the
// minimum, or a cap below it, is raised to the minimum (app_queue lowers a
// min penalty above the max penalty to it likewise), so DESIGN invariant 21
// holds.
void ApplyLevelBounds(const LevelBoundsChange& change, int* min_level, int* max_level,
                      int* level_cap) {
  *min_level = Changed(*min_level, change.min_level);
  *max_level = std::max(Changed(*max_level, change.max_level), *min_level);
  *level_cap = std::max(Changed(*level_cap, change.level_cap), *min_level);
}

void EngineImpl::StartRules(uint32_t slot, TimeMs floor_ms) {
  Call& c = calls_[slot];
  c.book = kQueueBook;
  c.rules_floor_ms = floor_ms;
  const RuleTime first = NextRuleTime(queues_[c.queue].book, floor_ms, -1, -1);
  c.next_rule = first.rule;
  c.next_rule_ms = first.at_ms;
}

void EngineImpl::RunDueRules(uint32_t slot) {
  Call& c = calls_[slot];
  const TimeMs from_ms = RulesFromMs(c, BookOf(c));
  while (c.next_rule != kNoRule && c.next_rule_ms <= now_ms_ - from_ms) {
    if (!RunNextRule(slot)) return;
  }
  ScheduleNextRule(slot);
}

bool EngineImpl::RunNextRule(uint32_t slot) {
  Call& c = calls_[slot];
  const QueueId queue = c.queue;
  const RuleBook& book = BookOf(c);
  const int r = c.next_rule;
  const OverflowRule& rule = book.rule(r);
  const RuleTime next = NextRuleTime(book, c.rules_floor_ms, c.next_rule_ms, r);
  c.next_rule = next.rule;
  c.next_rule_ms = next.at_ms;
  // An action the queues cannot carry out for the call (or a kept rule
  // whose queue or skill is gone) is passed over like a condition that
  // does not hold, and told so.
  std::optional<SkillExpr> stepped;
  const bool held = !book.Gone(r) && RuleHolds(slot, rule) && CanCarryOut(slot, rule, &stepped);
  Emit(RuleApplied{c.id, queue, r, held, rule.name});
  if (held && rule.action == RuleActionKind::kRoute && c.state == CallState::kOffered) {
    c.route_due = static_cast<int16_t>(r);  // routed if the ring ends unanswered
    return false;
  }
  return !held || ApplyRule(slot, r, std::move(stepped));  // false: the call left the queue
}

void EngineImpl::ScheduleNextRule(uint32_t slot) {
  Call& c = calls_[slot];
  timers_.Cancel(c.rule_timer);
  if (c.next_rule == kNoRule) return;
  c.rule_timer = timers_.Add(now_ms_, RulesFromMs(c, BookOf(c)) + c.next_rule_ms,
                             TimerKind::kRule, slot);
}

bool EngineImpl::RuleHolds(uint32_t slot, const OverflowRule& rule) const {
  const Call& c = calls_[slot];
  const QueueState& q = queues_[c.queue];
  switch (rule.condition) {
    case RuleCondition::kAlways:
      return true;
    case RuleCondition::kQueueLengthAtLeast:
      return q.waiting >= rule.threshold;
    case RuleCondition::kNoAgentLoggedIn:
      return q.logged_in == 0;
    case RuleCondition::kNoAgentReady:
      return q.available == 0;
    case RuleCondition::kEwtAtLeast: {
      const TimeMs ewt_ms = EstimateWaitMs(c.queue, PositionOf(slot));
      return ewt_ms < 0 || ewt_ms >= rule.threshold;  // nobody serves: no end in sight
    }
    case RuleCondition::kClosed:
      return !center_.calendar.IsOpen(now_ms_);
    case RuleCondition::kWaitingPerAgentAtLeast:  // none logged in: an endless ratio
      return q.logged_in == 0 || uint64_t{q.waiting} * 100 >=
                                     static_cast<uint64_t>(rule.threshold) * q.logged_in;
    case RuleCondition::kPositionAtMost:  // a ringing call stands where it waited
      return PositionOf(slot) <= rule.threshold;
    case RuleCondition::kPositionAtLeast:
      return PositionOf(slot) >= rule.threshold;
  }
  return false;
}

bool EngineImpl::CanCarryOut(uint32_t slot, const OverflowRule& rule,
                             std::optional<SkillExpr>* stepped) const {
  const Call& c = calls_[slot];
  switch (rule.action) {
    case RuleActionKind::kAddQueue:  // a queue routing all the requirements it can takes no more
      return rule.queue != c.queue && HasPoolFor(queues_[rule.queue], Requirement(c));
    case RuleActionKind::kRequireSkill:
    case RuleActionKind::kDropSkill:
      *stepped = SteppedRequirement(slot, rule);
      return stepped->has_value();
    default:
      return true;
  }
}

std::optional<SkillExpr> EngineImpl::SteppedRequirement(uint32_t slot,
                                                        const OverflowRule& rule) const {
  const Call& c = calls_[slot];
  absl::StatusOr<SkillExpr> next =
      rule.action == RuleActionKind::kRequireSkill
          ? SkillExpr::Requiring(Requirement(c), rule.skill, rule.level)
          : SkillExpr::Without(Requirement(c), rule.skill);
  if (!next.ok() || !HasPoolFor(queues_[c.queue], *next)) return std::nullopt;
  if (c.guest_queue != kNoQueue && !HasPoolFor(queues_[c.guest_queue], *next)) {
    return std::nullopt;
  }
  return *std::move(next);
}

bool EngineImpl::ApplyRule(uint32_t slot, int r, std::optional<SkillExpr> stepped) {
  Call& c = calls_[slot];
  const OverflowRule& rule = BookOf(c).rule(r);
  switch (rule.action) {
    case RuleActionKind::kRoute:
      ApplyOverflow(slot, rule.route, RouteCause::kRule, r);
      return false;
    case RuleActionKind::kSetMinLevel:
      RemoveWaiting(slot);
      c.min_level = rule.level;  // back in line below: judged for leave_when_empty then
      c.max_level = std::max(c.max_level, c.min_level);  // invariant 21
      c.level_cap = std::max(c.level_cap, c.min_level);
      break;
    case RuleActionKind::kSetLevelBounds:
      RemoveWaiting(slot);  // back in line below, filed by its new levels
      ApplyLevelBounds(rule.bounds, &c.min_level, &c.max_level, &c.level_cap);
      break;
    case RuleActionKind::kRaisePriority:
      RemoveWaiting(slot);
      c.priority = std::clamp(c.priority + rule.priority_delta, -kMaxPriority, kMaxPriority);
      c.key.neg_priority = -c.priority;
      break;
    case RuleActionKind::kAddQueue:  // CanCarryOut found room for it (held)
      RemoveWaiting(slot);
      c.guest_queue = rule.queue;
      c.guest_pool = PoolFor(queues_[rule.queue], SkillExpr(Requirement(c)));
      break;
    case RuleActionKind::kRequireSkill:
    case RuleActionKind::kDropSkill: {
      // CanCarryOut found room for it (held): filed in the pools of the
      // new requirement, at its place in line (the entry order stays).
      const SkillExpr& next = *stepped;
      RemoveWaiting(slot);
      c.pool = PoolFor(queues_[c.queue], next);
      if (c.guest_queue != kNoQueue) c.guest_pool = PoolFor(queues_[c.guest_queue], next);
      break;
    }
  }
  // A raised level (or a bound that leaves the owner out, or a skill asked
  // of it) may leave the owner outside the call's reach: then anyone may
  // take the call now.
  // (The other actions leave the owner as qualified as before; an owner
  // busy on an outside call keeps the window, as at any other time.)
  const bool levels_changed = rule.action == RuleActionKind::kSetMinLevel ||
                              rule.action == RuleActionKind::kSetLevelBounds ||
                              rule.action == RuleActionKind::kRequireSkill;
  if (levels_changed && c.owner_window && !WantsOwner(c, c.queue)) {
    timers_.Cancel(c.owner_timer);
    c.owner_window = false;
  }
  if (c.state == CallState::kWaiting) {
    InsertWaiting(slot);
    pending_calls_.push_back(slot);
  }
  return true;
}

// ---- announcements and the estimated wait ----

uint32_t EngineImpl::PositionOf(uint32_t slot) const {
  const Call& c = calls_[slot];
  const QueueState& q = queues_[c.queue];
  uint32_t ahead = 0;
  for (const Pool& pool : q.pools) {
    ahead += pool.waiting.CountBefore(c.key, [](const CallKey&) { return true; });
  }
  return ahead + 1;
}

TimeMs EngineImpl::EstimateWaitMs(QueueId queue, uint32_t position) const {
  const QueueState& q = queues_[queue];
  if (q.working == 0) return -1;
  // The callers ahead are served at about working / AHT calls per ms; the
  // caller is next once `position - 1` of them were served and an agent
  // frees up: position * AHT / working.
  return static_cast<TimeMs>(std::ceil(position * q.aht_ms / q.working));
}

void EngineImpl::ScheduleAnnouncement(uint32_t slot, TimeMs after_ms) {
  Call& c = calls_[slot];
  timers_.Cancel(c.announce_timer);
  c.announce_timer = timers_.Add(now_ms_, now_ms_ + after_ms, TimerKind::kAnnounce, slot);
}

void EngineImpl::OnAnnounce(uint32_t slot) {
  Call& c = calls_[slot];
  const Announcements& cfg = qcfg(c.queue).announcements;
  ScheduleAnnouncement(slot, cfg.every_ms);
  if (c.state != CallState::kWaiting) return;  // ringing: nothing to tell now
  uint32_t position = PositionOf(slot);
  if (c.announced_position != 0) position = std::min(position, c.announced_position);
  c.announced_position = position;
  Announce a{c.id, c.queue, position, false, -1};
  if (cfg.position_limit > 0 && position > cfg.position_limit) {
    a.position = cfg.position_limit;
    a.more_than = true;
  }
  if (cfg.ewt) {
    const TimeMs ewt_ms = EstimateWaitMs(c.queue, position);
    const TimeMs round_ms = std::max<TimeMs>(1, cfg.ewt_round_ms);
    a.ewt_ms = ewt_ms < 0 ? -1 : (ewt_ms + round_ms - 1) / round_ms * round_ms;
  }
  Emit(a);
}

}  // namespace acd::core
