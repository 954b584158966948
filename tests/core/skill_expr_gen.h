// Random skill requirements for the tests, as plain expression trees that
// are evaluated naively (no normal form), printed as the text
// ParseSkillExpr reads. The tests compare the engine's canonical SkillExpr
// against this evaluation. Value types; not thread-safe (TestRng).
#ifndef ACD_TESTS_CORE_SKILL_EXPR_GEN_H_
#define ACD_TESTS_CORE_SKILL_EXPR_GEN_H_

#include <string>
#include <vector>

#include "acd/skill_expr.h"
#include "tests/core/test_rng.h"

namespace acd::testing {

struct NaiveExpr {
  enum class Kind { kAtom, kNot, kAnd, kOr };
  Kind kind = Kind::kAtom;
  SkillId skill = 0;  // kAtom: the agent's level in skill >= level
  int level = kMinLevel;
  std::vector<NaiveExpr> kids;  // kNot: one; kAnd, kOr: two or more

  // Whether an agent with these skills meets it (a missing skill is level 0).
  bool Eval(const std::vector<SkillLevel>& skills) const;
  // Text for ParseSkillExpr, with parentheses around every And/Or below
  // the top and spacing that varies with the tree.
  std::string Text(const std::vector<std::string>& skill_names) const;
};

// A tree over skills 0..skill_count-1 (skill_count > 0), at most `depth`
// operators deep.
NaiveExpr RandomNaiveExpr(TestRng& rng, int skill_count, int depth);

// A requirement for the fuzz's calls: the tree the shadow model evaluates
// and the value ParseSkillExpr made of its text, which the engine gets.
struct FuzzSkillExpr {
  NaiveExpr tree;
  SkillExpr expr;
};

// Up to `count` requirements over the center's skills that some agent
// could meet and not every agent does (none without skills).
std::vector<FuzzSkillExpr> RandomSkillExprs(TestRng& rng, const std::vector<std::string>& skills,
                                            size_t count);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SKILL_EXPR_GEN_H_
