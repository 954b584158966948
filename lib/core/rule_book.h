// A queue's overflow rules as a caller follows them (RuleBook), the books
// kept for callers across a reload (KeptBook), and the times the rules come
// due (NextRuleTime). Plain values owned by EngineImpl (engine_impl.h);
// single-threaded. Invariant: a book's order and pos are a permutation and
// its inverse over its rules, sorted by (after_ms, index); a KeptBook's
// book reads its own rules.
#ifndef ACD_LIB_CORE_RULE_BOOK_H_
#define ACD_LIB_CORE_RULE_BOOK_H_

#include <cstdint>
#include <vector>

#include "acd/center.h"

namespace acd::core {

inline constexpr uint8_t kNoRule = UINT8_MAX;  // Call::next_rule: no rule to come

// A queue's overflow rules as its callers follow them: the rules; the
// order their first times come in, by (after_ms, index) (order; pos[r] is
// rule r's place in it); whether some rule recurs (every_ms: the times
// that follow one are then searched among every rule, NextRuleTime);
// whether their after_ms count from the call's arrival
// (rules_from_arrival). A queue's own book reads its configuration; a book
// kept across a reload (KeptBook) holds the rules its callers entered
// with, in the running center's ids, where `gone` marks the rules whose
// queue or skill the center no longer has (judged and told, never held).
struct RuleBook {
  const std::vector<OverflowRule>* rules = nullptr;
  std::vector<uint8_t> order;
  std::vector<uint8_t> pos;
  std::vector<bool> gone;  // empty: none is
  bool recurring = false;
  bool from_arrival = false;

  // Sets rules (which must outlive the book) and derives the rest.
  void Index(const std::vector<OverflowRule>* of, bool arrival);
  const OverflowRule& rule(int r) const { return (*rules)[static_cast<size_t>(r)]; }
  size_t size() const { return rules->size(); }
  bool Gone(int r) const { return !gone.empty() && gone[static_cast<size_t>(r)]; }
};

// A book kept for the callers who entered a queue before a reload changed
// its rules (QueueConfig::keep_rules_at_entry); book.rules == &rules, so
// it lives behind a pointer that never moves.
struct KeptBook {
  KeptBook() = default;
  KeptBook(const KeptBook&) = delete;
  KeptBook& operator=(const KeptBook&) = delete;

  std::vector<OverflowRule> rules;
  RuleBook book;
};

// Whether ms (after RulesFromMs) is one of the rule's times: its after_ms,
// or for a recurring rule a whole number of periods after it.
inline bool IsRuleTime(const OverflowRule& rule, TimeMs ms) {
  const TimeMs past_ms = ms - rule.after_ms;
  return past_ms == 0 || (rule.every_ms > 0 && past_ms > 0 && past_ms % rule.every_ms == 0);
}

// A time a book's rule comes due for a caller: rule `rule` at `at_ms`
// after RulesFromMs (kNoRule: no time follows).
struct RuleTime {
  uint8_t rule = kNoRule;
  TimeMs at_ms = 0;
};

// The time that follows (at_ms, rule) among the book's rules' times, in
// (at_ms, rule index) order; (-1, -1) asks for the first. A rule comes due
// at its after_ms and, recurring, every every_ms after; floor_ms is the
// call's rules_floor_ms: of a recurring rule's times at or before it, only
// the latest counts. O(1) when no rule recurs, else O(rules).
RuleTime NextRuleTime(const RuleBook& book, TimeMs floor_ms, TimeMs at_ms, int rule);

}  // namespace acd::core

#endif  // ACD_LIB_CORE_RULE_BOOK_H_
