// RuleBook's index and the times a book's rules come due (rule_book.h).
#include "core/rule_book.h"

#include <algorithm>

namespace acd::core {

void RuleBook::Index(const std::vector<OverflowRule>* of, bool arrival) {
  rules = of;
  from_arrival = arrival;
  order.clear();
  for (size_t r = 0; r < of->size(); ++r) order.push_back(static_cast<uint8_t>(r));
  std::stable_sort(order.begin(), order.end(),
                   [of](uint8_t x, uint8_t y) { return (*of)[x].after_ms < (*of)[y].after_ms; });
  pos.assign(of->size(), 0);
  for (size_t i = 0; i < order.size(); ++i) pos[order[i]] = static_cast<uint8_t>(i);
  recurring = std::any_of(of->begin(), of->end(),
                          [](const OverflowRule& r) { return r.every_ms > 0; });
}

RuleTime NextRuleTime(const RuleBook& book, TimeMs floor_ms, TimeMs at_ms, int rule) {
  const std::vector<OverflowRule>& rules = *book.rules;
  if (!book.recurring) {  // each rule once: the next in (after_ms, index) order
    const size_t pos = at_ms < 0 ? 0 : size_t{book.pos[rule]} + 1;
    if (pos >= book.order.size()) return RuleTime{};
    return RuleTime{book.order[pos], rules[book.order[pos]].after_ms};
  }
  RuleTime next;
  for (size_t r = 0; r < rules.size(); ++r) {
    const OverflowRule& x = rules[r];
    const bool later_index = static_cast<int>(r) > rule;
    TimeMs t = x.after_ms;
    if (x.every_ms == 0) {
      if (t < at_ms || (t == at_ms && !later_index)) continue;  // judged
    } else {
      // The latest of its times at or before the floor stands for them all.
      if (t <= floor_ms) t += (floor_ms - t) / x.every_ms * x.every_ms;
      if (t < at_ms || (t == at_ms && !later_index)) {
        t += (at_ms - t) / x.every_ms * x.every_ms;  // its last time at or before at_ms
        if (t < at_ms || !later_index) t += x.every_ms;
      }
    }
    if (next.rule == kNoRule || t < next.at_ms) next = RuleTime{static_cast<uint8_t>(r), t};
  }
  return next;
}

}  // namespace acd::core
