// Rules kept for the callers in line across a live reload
// (QueueConfig::keep_rules_at_entry, Asterisk's penalty rules copied to a
// caller as it joins): the old engine's book renumbered into the new
// center's ids (KeepBook), and the kept books in a snapshot (EncodeBooks,
// DecodeBooks; layout in snapshot_format.h, section kBooks).
//
// A kept rule is renumbered, not re-judged: a route to a removed queue
// takes the new center's on_queue_removed instead, as the callers of a
// removed queue do. A rule whose queue or skill the new center does not
// have, whose route or added queue would lead back to the caller's own
// queue or to a queue of another media (DESIGN invariant 32), is marked
// gone: it still comes due and is told (RuleApplied held=false), and is
// never carried out. A gone rule stays gone.
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "core/engine_impl.h"
#include "core/engine_snapshot.h"
#include "core/engine_reload.h"
#include "core/snapshot_format.h"
#include "core/state_codec.h"

namespace acd::core {
namespace {

bool NamesQueue(const OverflowAction& a) {
  return a.kind == OverflowKind::kQueue || a.has_queue;
}

bool NamesSkill(const OverflowRule& rule) { return IsSkillStep(rule.action); }

// A kept rule's own fields, whatever its targets: what the engine needs of
// them (the checks a center's rule passes that do not depend on the center).
const char* KeptRuleProblem(const OverflowRule& rule) {
  if (rule.after_ms < 0) return "a kept rule comes due before the caller entered";
  if (rule.every_ms < 0 || (rule.every_ms > 0 && rule.every_ms < kMinRuleEveryMs)) {
    return "a kept rule recurs more often than a recurring rule may";
  }
  const bool leveled =
      rule.action == RuleActionKind::kSetMinLevel || rule.action == RuleActionKind::kRequireSkill;
  if (leveled && (rule.level < kMinLevel || rule.level > kMaxLevel)) {
    return "a kept rule's level is outside 1..10";
  }
  for (const LevelChange* change :
       {&rule.bounds.min_level, &rule.bounds.max_level, &rule.bounds.level_cap}) {
    const bool in_range = change->relative
                              ? change->value >= kMinLevel - kMaxLevel &&
                                    change->value <= kMaxLevel - kMinLevel
                              : change->value >= kMinLevel && change->value <= kMaxLevel;
    if (!in_range) return "a kept rule's level bound is out of range";
  }
  if (rule.priority_delta < -2 * kMaxPriority || rule.priority_delta > 2 * kMaxPriority) {
    return "a kept rule's priority step is out of range";
  }
  return nullptr;
}

// Why a kept rule, in the running center's ids, may not stand for a caller
// in `queue` whose media is `media`: it moves the caller back to that
// queue (or adds it), names a queue the center does not have, or leads to
// a queue of another media (DESIGN invariants 32 and 35). nullptr: it
// stands. KeepBook marks such a rule gone; a restore refuses a call on it.
const char* KeptTargetProblem(const OverflowRule& rule, QueueId queue, Media media,
                              const std::vector<QueueState>& queues) {
  QueueId to = kNoQueue;
  bool moves = false;
  if (rule.action == RuleActionKind::kRoute && NamesQueue(rule.route)) {
    to = rule.route.queue;
    moves = rule.route.kind == OverflowKind::kQueue;
  } else if (rule.action == RuleActionKind::kAddQueue) {
    to = rule.queue;
    moves = true;
  } else {
    return nullptr;
  }
  if (to >= queues.size()) return "a call's kept rule names a queue the center does not have";
  if (moves && to == queue) return "a call's kept rule leads back to its own queue";
  if (queues[to].config->media != media) {
    return "a call's kept rule leads to a queue of another media";
  }
  return nullptr;
}

}  // namespace

uint16_t ReloadAdopter::KeepBook(const RuleBook& from, QueueId queue, const ReloadPlan& plan,
                              ReloadWork& work) {
  const auto key = std::make_pair(&from, queue);
  if (const auto it = work.books.find(key); it != work.books.end()) return it->second;
  if (e_.kept_books_.size() >= kQueueBook) return kQueueBook;
  auto kept = std::make_unique<KeptBook>();
  kept->rules = *from.rules;
  std::vector<bool> gone(kept->rules.size(), false);
  const Media media = e_.queues_[queue].config->media;
  for (size_t r = 0; r < kept->rules.size(); ++r) {
    OverflowRule& rule = kept->rules[r];
    bool lost = from.Gone(static_cast<int>(r));
    if (!lost && rule.action == RuleActionKind::kRoute && NamesQueue(rule.route)) {
      const QueueId to = plan.queue_to[rule.route.queue];
      if (to == kNoQueue) {
        rule.route = e_.center_.on_queue_removed;
      } else {
        rule.route.queue = to;
      }
      lost = rule.route.kind == OverflowKind::kNone;
    } else if (!lost && rule.action == RuleActionKind::kAddQueue) {
      const QueueId to = plan.queue_to[rule.queue];
      lost = to == kNoQueue;
      if (!lost) rule.queue = to;
    } else if (!lost && NamesSkill(rule)) {
      const SkillId to = plan.skill_to[rule.skill];
      lost = to == kNoSkill;
      if (!lost) rule.skill = to;
    }
    gone[r] = lost || KeptTargetProblem(rule, queue, media, e_.queues_) != nullptr;
  }
  if (std::find(gone.begin(), gone.end(), true) != gone.end()) kept->book.gone = std::move(gone);
  kept->book.Index(&kept->rules, from.from_arrival);
  const auto index = static_cast<uint16_t>(e_.kept_books_.size());
  e_.kept_books_.push_back(std::move(kept));
  work.books.emplace(key, index);
  return index;
}

std::vector<uint32_t> SnapshotWriter::EncodeBooks(ByteWriter& w) const {
  std::vector<uint32_t> numbers(e_.kept_books_.size(), 0);
  std::vector<uint16_t> written;
  std::vector<uint32_t> live;
  for (const auto& [id, slot] : e_.live_calls_) live.push_back(slot);
  std::sort(live.begin(), live.end());
  for (uint32_t slot : live) {
    const Call& c = e_.calls_[slot];
    if (!HoldsBook(c) || c.book == kQueueBook || numbers[c.book] != 0) continue;
    written.push_back(c.book);
    numbers[c.book] = static_cast<uint32_t>(written.size());
  }
  w.PutU8(snapshot::kBooks);
  w.PutVarint(written.size());
  for (uint16_t b : written) {
    const RuleBook& book = e_.kept_books_[b]->book;
    w.PutBool(book.from_arrival);
    w.PutVarint(book.size());
    for (size_t r = 0; r < book.size(); ++r) {
      const OverflowRule& rule = book.rule(static_cast<int>(r));
      PutRule(w, rule);
      w.PutSigned(rule.every_ms);
      for (const LevelChange* change :
           {&rule.bounds.min_level, &rule.bounds.max_level, &rule.bounds.level_cap}) {
        w.PutBool(change->relative);
        w.PutSigned(change->value);
      }
      w.PutVarint(rule.skill);
      w.PutBool(book.Gone(static_cast<int>(r)));
    }
  }
  return numbers;
}

void SnapshotReader::DecodeBooks(ByteReader& r) {
  snapshot::ExpectSection(r, snapshot::kBooks);
  r.set_field("books");
  const uint64_t count = r.GetVarintAtMost(kQueueBook);
  for (uint64_t b = 0; b < count && r.ok(); ++b) {
    auto kept = std::make_unique<KeptBook>();
    const bool from_arrival = r.GetBool();
    const uint64_t rules = r.GetVarintAtMost(kNoRule);
    if (r.ok() && rules == 0) r.Fail("a kept book has no rule");
    std::vector<bool> gone;
    for (uint64_t i = 0; i < rules && r.ok(); ++i) {
      OverflowRule rule = GetRule(r);
      rule.every_ms = r.GetSigned();
      for (LevelChange* change :
           {&rule.bounds.min_level, &rule.bounds.max_level, &rule.bounds.level_cap}) {
        change->relative = r.GetBool();
        change->value = static_cast<int>(r.GetSigned());
      }
      rule.skill = static_cast<SkillId>(r.GetVarintAtMost(UINT32_MAX));
      gone.push_back(r.GetBool());
      if (!r.ok()) return;
      if (const char* problem = KeptRuleProblem(rule)) r.Fail(problem);
      if (!gone.back()) {  // its targets are in this center (their media: CallProblem)
        const bool routes = rule.action == RuleActionKind::kRoute;
        if (routes && rule.route.kind == OverflowKind::kNone) r.Fail("a kept route has no path");
        if ((routes && NamesQueue(rule.route) && rule.route.queue >= e_.queues_.size()) ||
            (rule.action == RuleActionKind::kAddQueue && rule.queue >= e_.queues_.size())) {
          r.Fail("a kept rule names a queue the center does not have");
        }
        if (NamesSkill(rule) && rule.skill >= e_.center_.skills.size()) {
          r.Fail("a kept rule names a skill the center does not have");
        }
      }
      kept->rules.push_back(std::move(rule));
    }
    if (std::find(gone.begin(), gone.end(), true) != gone.end()) kept->book.gone = std::move(gone);
    kept->book.Index(&kept->rules, from_arrival);
    e_.kept_books_.push_back(std::move(kept));
  }
}

// A call on a kept book: none of its standing rules has a KeptTargetProblem
// in its queue, as KeepBook left them.
const char* EngineImpl::BookProblem(const Call& c) const {
  const RuleBook& book = BookOf(c);
  for (size_t r = 0; r < book.size(); ++r) {
    if (book.Gone(static_cast<int>(r))) continue;
    const OverflowRule& rule = book.rule(static_cast<int>(r));
    if (const char* problem = KeptTargetProblem(rule, c.queue, c.media, queues_)) return problem;
  }
  return nullptr;
}

}  // namespace acd::core
