// The analytic staffing solver: fewest agents that meet every target.
#include <algorithm>
#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/erlang.h"
#include "acd/staffing.h"

namespace acd {
namespace {

absl::Status CheckOptional(const std::optional<double>& value, const char* field, double low,
                           bool low_open, double high) {
  if (!value) return absl::OkStatus();
  const double v = *value;
  const bool ok = (low_open ? v > low : v >= low) && v <= high && std::isfinite(v);
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "target.", field, ": must be in ", low_open ? "(" : "[", low, ", ", high, "], got ", v));
}

absl::Status ValidateTarget(const StaffingTarget& t) {
  if (!(t.threshold_s >= 0) || !std::isfinite(t.threshold_s)) {
    return absl::InvalidArgumentError(
        absl::StrCat("target.threshold_s: must be a finite number >= 0, got ", t.threshold_s));
  }
  if (!(t.service_level >= 0 && t.service_level < 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "target.service_level: must be in [0, 1) (1 is never met), got ", t.service_level));
  }
  if (absl::Status s = CheckOptional(t.abandon_max, "abandon_max", 0, true, 1); !s.ok()) return s;
  if (absl::Status s = CheckOptional(t.asa_s_max, "asa_s_max", 0, true, 1e12); !s.ok()) return s;
  return CheckOptional(t.occupancy_max, "occupancy_max", 0, true, 1);
}

QueueQuestion ToQuestion(const StaffingQuestion& q, int64_t agents) {
  QueueQuestion question;
  question.calls_per_hour = q.calls_per_hour;
  question.aht_s = q.aht_s;
  question.agents = agents;
  question.threshold_s = q.target.threshold_s;
  question.patience_s = q.model == QueueModel::kErlangA ? q.patience_s : kInfinity;
  return question;
}

// Brackets and bisects: lo fails (or is 0), hi meets.
class Search {
 public:
  explicit Search(const StaffingQuestion& q) : question_(q) {}

  absl::StatusOr<bool> Meets(int64_t agents) {
    absl::StatusOr<QueueFigures> f = EvaluateStaffing(question_, agents);
    if (!f.ok()) return f.status();
    ++evaluations_;
    return MissedTarget(*f, question_.target).empty();
  }

  absl::StatusOr<int64_t> Run(double erlangs) {
    const int64_t start = std::clamp<int64_t>(
        static_cast<int64_t>(std::ceil(erlangs + std::sqrt(erlangs))), 1, kErlangMaxAgents);
    int64_t step = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(std::sqrt(erlangs) / 4)));
    int64_t lo = 0;  // 0 agents never count: with calls, at least one answers them
    int64_t hi = start;
    absl::StatusOr<bool> meets = Meets(start);
    if (!meets.ok()) return meets.status();
    if (*meets) {
      while (hi > 1) {  // gallop down
        const int64_t probe = std::max<int64_t>(1, hi - step);
        meets = Meets(probe);
        if (!meets.ok()) return meets.status();
        if (!*meets) {
          lo = probe;
          break;
        }
        hi = probe;
        step *= 2;
      }
    } else {
      lo = start;
      while (true) {  // gallop up
        if (lo == kErlangMaxAgents) {
          return absl::FailedPreconditionError(
              absl::StrCat("the targets are not met even with ", kErlangMaxAgents, " agents"));
        }
        hi = std::min(kErlangMaxAgents, lo + step);
        meets = Meets(hi);
        if (!meets.ok()) return meets.status();
        if (*meets) break;
        lo = hi;
        step *= 2;
      }
    }
    while (hi - lo > 1) {
      const int64_t mid = lo + (hi - lo) / 2;
      meets = Meets(mid);
      if (!meets.ok()) return meets.status();
      (*meets ? hi : lo) = mid;
    }
    return hi;
  }

  int evaluations() const { return evaluations_; }

 private:
  const StaffingQuestion& question_;
  int evaluations_ = 0;
};

}  // namespace

absl::Status ValidateStaffingQuestion(const StaffingQuestion& q) {
  if (!(q.calls_per_hour >= 0) || !std::isfinite(q.calls_per_hour)) {
    return absl::InvalidArgumentError(
        absl::StrCat("calls_per_hour: must be a finite number >= 0, got ", q.calls_per_hour));
  }
  if (!(q.aht_s > 0) || !std::isfinite(q.aht_s)) {
    return absl::InvalidArgumentError(
        absl::StrCat("aht_s: must be a finite number > 0, got ", q.aht_s));
  }
  const double erlangs = q.calls_per_hour * q.aht_s / 3600.0;
  if (erlangs > kErlangMaxErlangs) {
    return absl::InvalidArgumentError(absl::StrCat("calls_per_hour: the offered load ", erlangs,
                                                   " erlangs is above ", kErlangMaxErlangs));
  }
  if (q.model == QueueModel::kErlangA && !(q.patience_s >= 0 && std::isfinite(q.patience_s))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "patience_s: Erlang A needs a finite mean patience >= 0 (0: the loss system), got ",
        q.patience_s));
  }
  return ValidateTarget(q.target);
}

absl::StatusOr<QueueFigures> EvaluateStaffing(const StaffingQuestion& q, int64_t agents) {
  const QueueQuestion question = ToQuestion(q, agents);
  return q.model == QueueModel::kErlangA ? ErlangA(question) : ErlangC(question);
}

std::string MissedTarget(const QueueFigures& f, const StaffingTarget& t) {
  if (!f.stable) {
    return absl::StrFormat("unstable: %.4g erlangs need more than %d agents", f.erlangs, f.agents);
  }
  if (f.service_level < t.service_level) {
    return absl::StrFormat("service level %.4f < %.4g", f.service_level, t.service_level);
  }
  if (t.abandon_max && f.p_abandon > *t.abandon_max) {
    return absl::StrFormat("abandonment %.4f > %.4g", f.p_abandon, *t.abandon_max);
  }
  if (t.asa_s_max && f.asa_s > *t.asa_s_max) {
    return absl::StrFormat("ASA %.4g s > %.4g s", f.asa_s, *t.asa_s_max);
  }
  if (t.occupancy_max && f.occupancy > *t.occupancy_max) {
    return absl::StrFormat("occupancy %.4f > %.4g", f.occupancy, *t.occupancy_max);
  }
  return "";
}

absl::StatusOr<StaffingAnswer> SolveStaffing(const StaffingQuestion& question) {
  if (absl::Status s = ValidateStaffingQuestion(question); !s.ok()) return s;
  StaffingAnswer answer;
  const double erlangs = question.calls_per_hour * question.aht_s / 3600.0;
  if (erlangs > 0) {
    Search search(question);
    absl::StatusOr<int64_t> agents = search.Run(erlangs);
    if (!agents.ok()) return agents.status();
    answer.agents = *agents;
    answer.evaluations = search.evaluations();
  }
  absl::StatusOr<QueueFigures> figures = EvaluateStaffing(question, answer.agents);
  if (!figures.ok()) return figures.status();
  answer.figures = *figures;
  return answer;
}

absl::StatusOr<int64_t> Headcount(int64_t agents, double shrinkage) {
  if (agents < 0) {
    return absl::InvalidArgumentError(absl::StrCat("agents: must be >= 0, got ", agents));
  }
  if (!(shrinkage >= 0 && shrinkage < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("shrinkage: must be in [0, 1), got ", shrinkage));
  }
  // The small allowance keeps 7 / (1 - 0.3) at 10, not 11.
  const double exact = static_cast<double>(agents) / (1 - shrinkage);
  return static_cast<int64_t>(std::ceil(exact - 1e-9 * std::max(1.0, exact)));
}

}  // namespace acd
