// Naive skill expressions for the tests.
#include "tests/core/skill_expr_gen.h"

#include "tests/core/center_gen.h"

namespace acd::testing {

bool NaiveExpr::Eval(const std::vector<SkillLevel>& skills) const {
  switch (kind) {
    case Kind::kAtom:
      return SkillLevelOf(skills, skill) >= level;
    case Kind::kNot:
      return !kids[0].Eval(skills);
    case Kind::kAnd:
      for (const NaiveExpr& k : kids) {
        if (!k.Eval(skills)) return false;
      }
      return true;
    case Kind::kOr:
      for (const NaiveExpr& k : kids) {
        if (k.Eval(skills)) return true;
      }
      return false;
  }
  return false;
}

std::string NaiveExpr::Text(const std::vector<std::string>& skill_names) const {
  switch (kind) {
    case Kind::kAtom:
      return level == kMinLevel && skill % 2 == 0
                 ? skill_names[skill]
                 : skill_names[skill] + (skill % 3 == 0 ? " >= " : ">=") + std::to_string(level);
    case Kind::kNot: {
      const std::string inner = kids[0].Text(skill_names);
      return kids[0].kind == Kind::kAtom || kids[0].kind == Kind::kNot ? "!" + inner
                                                                       : "!(" + inner + ")";
    }
    case Kind::kAnd:
    case Kind::kOr: {
      const std::string op = kind == Kind::kAnd ? (kids.size() % 2 ? "&" : " & ")
                                                : (kids.size() % 2 ? "|" : " | ");
      std::string out;
      for (size_t i = 0; i < kids.size(); ++i) {
        if (i > 0) out += op;
        const bool wrap = kids[i].kind == Kind::kAnd || kids[i].kind == Kind::kOr;
        out += wrap ? "(" + kids[i].Text(skill_names) + ")" : kids[i].Text(skill_names);
      }
      return out;
    }
  }
  return "";
}

NaiveExpr RandomNaiveExpr(TestRng& rng, int skill_count, int depth) {
  NaiveExpr e;
  const uint64_t pick = depth <= 0 ? 0 : rng.Below(10);
  if (pick < 4) {
    e.kind = NaiveExpr::Kind::kAtom;
    e.skill = static_cast<SkillId>(rng.Below(skill_count));
    e.level = rng.PerMille(400) ? kMinLevel : static_cast<int>(rng.Between(kMinLevel, kMaxLevel));
    return e;
  }
  if (pick < 6) {
    e.kind = NaiveExpr::Kind::kNot;
    e.kids.push_back(RandomNaiveExpr(rng, skill_count, depth - 1));
    return e;
  }
  e.kind = pick < 8 ? NaiveExpr::Kind::kAnd : NaiveExpr::Kind::kOr;
  const int n = static_cast<int>(rng.Between(2, 3));
  for (int i = 0; i < n; ++i) e.kids.push_back(RandomNaiveExpr(rng, skill_count, depth - 1));
  return e;
}

std::vector<FuzzSkillExpr> RandomSkillExprs(TestRng& rng, const std::vector<std::string>& skills,
                                            size_t count) {
  std::vector<FuzzSkillExpr> out;
  for (size_t tries = 0; !skills.empty() && out.size() < count && tries < 4 * count; ++tries) {
    FuzzSkillExpr e{RandomNaiveExpr(rng, static_cast<int>(skills.size()), 3), SkillExpr()};
    absl::StatusOr<SkillExpr> parsed = ParseSkillExpr(e.tree.Text(skills), skills);
    if (!parsed.ok() || parsed->always()) continue;  // never met, or no requirement
    e.expr = *std::move(parsed);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace acd::testing
