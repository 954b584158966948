// SkillExpr: the canonical form (all prime implicants), evaluation,
// printing and the skill score. The parser is in skill_expr_parse.cc.
#include "acd/skill_expr.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace acd {
namespace {

constexpr uint16_t kAllLevels = (1u << (kMaxLevel + 1)) - 1;  // levels 0..10
// Conjunctions an intermediate result may hold before the final bounds.
constexpr size_t kMaxWorkConjunctions = 256;

using Conj = std::vector<SkillTerm>;  // sorted by skill, one term per skill

bool TermLess(const SkillTerm& x, const SkillTerm& y) {
  return x.skill != y.skill ? x.skill < y.skill : x.levels < y.levels;
}

// Sorts, folds repeated skills (both must hold) and drops terms that allow
// every level; false when a term allows no level (the conjunction is false).
bool Tidy(Conj& c) {
  std::sort(c.begin(), c.end(), TermLess);
  size_t out = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (out > 0 && c[out - 1].skill == c[i].skill) {
      c[out - 1].levels &= c[i].levels;
    } else {
      c[out++] = c[i];
    }
  }
  c.resize(out);
  for (const SkillTerm& t : c) {
    if ((t.levels & kAllLevels) == 0) return false;
  }
  c.erase(std::remove_if(c.begin(), c.end(),
                         [](const SkillTerm& t) { return (t.levels & kAllLevels) == kAllLevels; }),
          c.end());
  return true;
}

uint16_t LevelsOf(const Conj& c, SkillId skill) {
  for (const SkillTerm& t : c) {
    if (t.skill == skill) return t.levels;
  }
  return kAllLevels;
}

// Whether every agent meeting x meets y.
bool Implies(const Conj& x, const Conj& y) {
  for (const SkillTerm& t : y) {
    if ((LevelsOf(x, t.skill) & ~t.levels) != 0) return false;
  }
  return true;
}

// The consensus of x and y on `skill`: either set of levels there, both
// conditions elsewhere. Every agent meeting it meets x or y.
std::optional<Conj> Consensus(const Conj& x, const Conj& y, SkillId skill) {
  Conj out;
  size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    SkillId s;
    if (j == y.size() || (i < x.size() && x[i].skill < y[j].skill)) {
      s = x[i].skill;
    } else {
      s = y[j].skill;
    }
    const uint16_t lx = i < x.size() && x[i].skill == s ? x[i++].levels : kAllLevels;
    const uint16_t ly = j < y.size() && y[j].skill == s ? y[j++].levels : kAllLevels;
    const uint16_t levels = s == skill ? (lx | ly) : (lx & ly);
    if (levels == 0) return std::nullopt;
    if (levels != kAllLevels) out.push_back({s, levels});
  }
  return out;
}

absl::Status TooComplex(size_t n) {
  return absl::InvalidArgumentError(absl::StrCat(
      "skills_expr: too complex: more than ", n, " alternatives on the way to its normal form"));
}

// Adds c unless a held conjunction already covers it; drops the ones c covers.
bool AddPrime(std::vector<Conj>& set, Conj c) {
  for (const Conj& d : set) {
    if (Implies(c, d)) return false;
  }
  set.erase(std::remove_if(set.begin(), set.end(), [&c](const Conj& d) { return Implies(d, c); }),
            set.end());
  set.push_back(std::move(c));
  return true;
}

// Iterated consensus with absorption: the result is every prime implicant.
absl::StatusOr<std::vector<Conj>> Primes(std::vector<Conj> conjunctions) {
  std::vector<Conj> set;
  for (Conj& c : conjunctions) {
    if (Tidy(c)) AddPrime(set, std::move(c));
  }
  bool changed = true;
  while (changed) {
    changed = false;
    const std::vector<Conj> snapshot = set;
    for (size_t i = 0; i < snapshot.size(); ++i) {
      for (size_t j = i + 1; j < snapshot.size(); ++j) {
        for (const Conj* side : {&snapshot[i], &snapshot[j]}) {
          for (const SkillTerm& t : *side) {
            std::optional<Conj> c = Consensus(snapshot[i], snapshot[j], t.skill);
            if (c && AddPrime(set, std::move(*c))) changed = true;
          }
        }
        if (set.size() > kMaxWorkConjunctions) return TooComplex(kMaxWorkConjunctions);
      }
    }
  }
  return set;
}

std::vector<Conj> ToConjs(const SkillExpr& e) {
  std::vector<Conj> out;
  for (size_t i = 0; i < e.alternatives(); ++i) {
    const absl::Span<const SkillTerm> alt = e.alternative(i);
    out.emplace_back(alt.begin(), alt.end());
  }
  return out;
}

// x AND y over lists of conjunctions, folded to prime implicants.
absl::StatusOr<std::vector<Conj>> AndConjs(const std::vector<Conj>& x, const std::vector<Conj>& y) {
  if (x.size() * y.size() > kMaxWorkConjunctions) return TooComplex(kMaxWorkConjunctions);
  std::vector<Conj> product;
  for (const Conj& a : x) {
    for (const Conj& b : y) {
      Conj c = a;
      c.insert(c.end(), b.begin(), b.end());
      product.push_back(std::move(c));
    }
  }
  return Primes(std::move(product));
}

// One literal's levels as ranges of the syntax: "s", "s>=3", "!s", "!s>=4",
// "s>=3 & !s>=7"; several ranges become "(range | range)".
std::string TermText(const SkillTerm& t, const std::string& name) {
  std::vector<std::string> ranges;
  for (int lo = 0; lo <= kMaxLevel; ++lo) {
    if (((t.levels >> lo) & 1) == 0) continue;
    int hi = lo;
    while (hi < kMaxLevel && ((t.levels >> (hi + 1)) & 1) != 0) ++hi;
    std::string low = lo == 0 ? "" : lo == 1 ? name : absl::StrCat(name, ">=", lo);
    std::string high;
    if (hi == 0) {
      high = absl::StrCat("!", name);
    } else if (hi < kMaxLevel) {
      high = absl::StrCat("!", name, ">=", hi + 1);
    }
    if (low.empty()) {
      ranges.push_back(high);
    } else if (high.empty()) {
      ranges.push_back(low);
    } else {
      ranges.push_back(absl::StrCat(low, " & ", high));
    }
    lo = hi;
  }
  if (ranges.size() == 1) return ranges[0];
  return absl::StrCat("(", absl::StrJoin(ranges, " | "), ")");
}

}  // namespace

SkillExpr SkillExpr::Never() {
  SkillExpr e;
  e.ends_.clear();
  return e;
}

SkillExpr SkillExpr::AtLeast(SkillId skill, int min_level) {
  const SkillLevel one{skill, min_level};
  return AllOf(absl::MakeConstSpan(&one, 1));
}

SkillExpr SkillExpr::AllOf(absl::Span<const SkillLevel> skills) {
  SkillExpr e;
  for (const SkillLevel& s : skills) {
    const int from = std::clamp(s.level, kMinLevel, kMaxLevel);
    e.terms_.push_back({s.skill, static_cast<uint16_t>(kAllLevels & ~((1u << from) - 1))});
  }
  std::sort(e.terms_.begin(), e.terms_.end(), TermLess);
  e.ends_[0] = static_cast<uint16_t>(e.terms_.size());
  return e;
}

absl::StatusOr<SkillExpr> SkillExpr::Normalize(std::vector<std::vector<SkillTerm>> conjunctions) {
  absl::StatusOr<std::vector<Conj>> primes = Primes(std::move(conjunctions));
  if (!primes.ok()) return primes.status();
  std::sort(primes->begin(), primes->end(), [](const Conj& x, const Conj& y) {
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(), TermLess);
  });
  SkillExpr e = Never();
  size_t terms = 0;
  for (const Conj& c : *primes) terms += c.size();
  if (primes->size() > kMaxSkillExprAlternatives) {
    return absl::InvalidArgumentError(absl::StrCat(
        "skills_expr: too complex: ", primes->size(), " alternatives in normal form, at most ",
        kMaxSkillExprAlternatives));
  }
  if (terms > kMaxSkillExprTerms) {
    return absl::InvalidArgumentError(absl::StrCat("skills_expr: too complex: ", terms,
                                                   " conditions in normal form, at most ",
                                                   kMaxSkillExprTerms));
  }
  for (const Conj& c : *primes) {
    e.terms_.insert(e.terms_.end(), c.begin(), c.end());
    e.ends_.push_back(static_cast<uint16_t>(e.terms_.size()));
  }
  return e;
}

absl::StatusOr<SkillExpr> SkillExpr::And(const SkillExpr& x, const SkillExpr& y) {
  if (x.always() || y.never()) return y;
  if (y.always() || x.never()) return x;
  absl::StatusOr<std::vector<Conj>> c = AndConjs(ToConjs(x), ToConjs(y));
  if (!c.ok()) return c.status();
  return Normalize(*std::move(c));
}

absl::StatusOr<SkillExpr> SkillExpr::Or(const SkillExpr& x, const SkillExpr& y) {
  if (x.always() || y.never()) return x;
  if (y.always() || x.never()) return y;
  std::vector<Conj> all = ToConjs(x);
  for (Conj& c : ToConjs(y)) all.push_back(std::move(c));
  return Normalize(std::move(all));
}

// Existential quantification over a DNF drops the variable's literals from
// each conjunction (a literal's level set is never empty, so some level
// meets it).
absl::StatusOr<SkillExpr> SkillExpr::Without(const SkillExpr& x, SkillId skill) {
  if (x.never()) return x;
  std::vector<Conj> conjs = ToConjs(x);
  for (Conj& c : conjs) {
    c.erase(std::remove_if(c.begin(), c.end(), [skill](const SkillTerm& t) { return t.skill == skill; }),
            c.end());
  }
  return Normalize(std::move(conjs));
}

absl::StatusOr<SkillExpr> SkillExpr::Requiring(const SkillExpr& x, SkillId skill, int min_level) {
  absl::StatusOr<SkillExpr> open = Without(x, skill);
  if (!open.ok()) return open.status();
  return And(*open, AtLeast(skill, min_level));
}

// De Morgan: NOT (c1 | c2 | ...) = AND over ci of (OR of ci's negated terms).
absl::StatusOr<SkillExpr> SkillExpr::Not(const SkillExpr& x) {
  std::vector<Conj> result(1);  // always
  for (size_t i = 0; i < x.alternatives(); ++i) {
    std::vector<Conj> negated;
    for (const SkillTerm& t : x.alternative(i)) {
      negated.push_back({SkillTerm{t.skill, static_cast<uint16_t>(kAllLevels & ~t.levels)}});
    }
    absl::StatusOr<std::vector<Conj>> next = AndConjs(result, negated);
    if (!next.ok()) return next.status();
    result = *std::move(next);
  }
  return Normalize(std::move(result));
}

bool SkillExpr::Matches(absl::Span<const SkillLevel> skills, int others) const {
  size_t begin = 0;
  for (uint16_t end : ends_) {
    bool all = true;
    for (size_t i = begin; i < end && all; ++i) {
      int level = others;
      for (const SkillLevel& s : skills) {
        if (s.skill == terms_[i].skill) {
          level = s.level;
          break;
        }
      }
      all = level >= 0 && level <= kMaxLevel && ((terms_[i].levels >> level) & 1) != 0;
    }
    if (all) return true;
    begin = end;
  }
  return false;
}

std::string SkillExpr::ToString(const std::vector<std::string>& skill_names) const {
  if (never()) return "never";
  std::vector<std::string> parts;
  for (size_t i = 0; i < alternatives(); ++i) {
    std::vector<std::string> terms;
    for (const SkillTerm& t : alternative(i)) {
      const std::string name =
          t.skill < skill_names.size() ? skill_names[t.skill] : absl::StrCat("#", t.skill);
      terms.push_back(TermText(t, name));
    }
    parts.push_back(absl::StrJoin(terms, " & "));
  }
  return absl::StrJoin(parts, " | ");
}

int64_t SkillScore(absl::Span<const SkillWeight> weights, absl::Span<const SkillLevel> skills,
                   int others) {
  int64_t score = 0;
  for (const SkillWeight& w : weights) {
    int level = others;
    for (const SkillLevel& s : skills) {
      if (s.skill == w.skill) {
        level = s.level;
        break;
      }
    }
    score += int64_t{w.weight} * level;
  }
  return score;
}

}  // namespace acd
