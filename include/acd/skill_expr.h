// Boolean skill requirements for matching calls to agents, such as
//   sales>=5 & (english | german>=7) & !trainee
// `skill` alone means level >= 1; `!x` negates; & binds tighter than |, and
// ! tighter than both. An agent's level in a skill it lacks is 0.
#ifndef ACD_SKILL_EXPR_H_
#define ACD_SKILL_EXPR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "acd/types.h"

namespace acd {

// A skill and a level: what an agent has, or what a requirement asks for.
struct SkillLevel {
  SkillId skill = 0;
  int level = kMaxLevel;  // 1..10; for a requirement, the minimum level
  bool operator==(const SkillLevel&) const = default;
};

// A skill's weight in a queue's skill score (strategy best_skill_score).
struct SkillWeight {
  SkillId skill = 0;
  int weight = 1;  // 1..kMaxSkillWeight
  bool operator==(const SkillWeight&) const = default;
};
inline constexpr int kMaxSkillWeight = 1000;

// One literal: the agent's level in `skill` (0 when it lacks the skill) is
// one of the levels whose bit is set in `levels` (bit L: level L, 0..10).
struct SkillTerm {
  SkillId skill = 0;
  uint16_t levels = 0;
  bool operator==(const SkillTerm&) const = default;
};

// Bounds of a normal form (SkillExpr::Normalize refuses more).
inline constexpr size_t kMaxSkillExprAlternatives = 16;  // conjunctions
inline constexpr size_t kMaxSkillExprTerms = 64;         // literals in all
inline constexpr size_t kMaxSkillExprText = 1000;        // characters parsed

// A skill requirement as a value: a disjunction of conjunctions of
// literals, kept in a canonical form, the set of all its prime implicants
// (Blake's canonical form, with a literal being a set of levels), sorted.
// Two requirements that every agent meets alike are therefore equal (==)
// and hash alike, which lets the engine key its pools by them.
//
// Default-constructed it is "always" (no requirement). A value type; not
// synchronised (copy it across threads). Invariants: every conjunction's
// terms are sorted by skill, one per skill, each with a level set that is
// neither empty nor all levels; no conjunction implies another; the
// conjunctions are sorted.
class SkillExpr {
 public:
  SkillExpr() = default;  // always met

  static SkillExpr Never();
  // `skill` >= min_level (1..10).
  static SkillExpr AtLeast(SkillId skill, int min_level);
  // Every skill at its level; the skills must be distinct.
  static SkillExpr AllOf(absl::Span<const SkillLevel> skills);

  // The combinations, in canonical form. InvalidArgument when the result
  // exceeds the bounds above (the message names "skills_expr").
  static absl::StatusOr<SkillExpr> And(const SkillExpr& x, const SkillExpr& y);
  static absl::StatusOr<SkillExpr> Or(const SkillExpr& x, const SkillExpr& y);
  static absl::StatusOr<SkillExpr> Not(const SkillExpr& x);
  // x with every condition on `skill` removed (x with the skill left open,
  // "there is a level of it that meets x"): whoever met x still does.
  // Never fails on x's own bounds, but its normal form may exceed them.
  static absl::StatusOr<SkillExpr> Without(const SkillExpr& x, SkillId skill);
  // x with its condition on `skill` replaced by `skill` >= min_level
  // (1..10), added where x had none: Without(x, skill) AND AtLeast(...).
  // Raises, relaxes or adds a required skill (an overflow rule's
  // require_skill).
  static absl::StatusOr<SkillExpr> Requiring(const SkillExpr& x, SkillId skill, int min_level);

  bool always() const { return ends_.size() == 1 && ends_[0] == 0; }
  bool never() const { return ends_.empty(); }
  size_t alternatives() const { return ends_.size(); }
  absl::Span<const SkillTerm> alternative(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return absl::MakeConstSpan(terms_.data() + begin, ends_[i] - begin);
  }
  // Every literal of every conjunction, in order.
  absl::Span<const SkillTerm> terms() const { return terms_; }

  // Whether an agent with these skills (any order, one entry per skill)
  // meets the requirement. others: the level of every skill not in
  // `skills` (a universal agent's all_skills_level); 0: it lacks them.
  bool Matches(absl::Span<const SkillLevel> skills, int others = 0) const;

  // An expression that parses back to this value (skill ids without a name
  // print as "#id"). "always" prints as "" and "never" as "never", neither
  // of which parses: a requirement is neither.
  std::string ToString(const std::vector<std::string>& skill_names) const;

  bool operator==(const SkillExpr& o) const { return terms_ == o.terms_ && ends_ == o.ends_; }

  template <typename H>
  friend H AbslHashValue(H h, const SkillExpr& e) {
    for (const SkillTerm& t : e.terms_) h = H::combine(std::move(h), t.skill, t.levels);
    for (uint16_t end : e.ends_) h = H::combine(std::move(h), end);
    return h;
  }

  // Builds the canonical form of a disjunction of conjunctions (terms in
  // any order; a skill may repeat within a conjunction: both must hold).
  static absl::StatusOr<SkillExpr> Normalize(std::vector<std::vector<SkillTerm>> conjunctions);

 private:
  absl::InlinedVector<SkillTerm, 2> terms_;
  absl::InlinedVector<uint16_t, 1> ends_{0};  // end of each conjunction in terms_
};

// Parses `text` against the center's skill names. Errors are
// InvalidArgument and read "<field>: <reason> at column N", e.g.
// "skills_expr: unknown skill 'engish' at column 14 (did you mean
// 'english'?)". An expression that no agent can meet (a & !a) is refused.
absl::StatusOr<SkillExpr> ParseSkillExpr(std::string_view text,
                                         const std::vector<std::string>& skill_names,
                                         std::string_view field = "skills_expr");

// Score of an agent for weighted skill matching: the sum of weight times
// the agent's level in each weighted skill (`others` when the skill is not
// in `skills`: 0, or a universal agent's all_skills_level).
int64_t SkillScore(absl::Span<const SkillWeight> weights, absl::Span<const SkillLevel> skills,
                   int others = 0);

}  // namespace acd

#endif  // ACD_SKILL_EXPR_H_
