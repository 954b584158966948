// Checks on distributions and on the planning fields of SimOptions.
#include "sim/checks.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace acd::sim {

std::atomic<uint64_t> validations{0};

namespace {

absl::Status Bad(const std::string& field, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

bool Finite(double x) { return std::isfinite(x); }

absl::Status CheckTrafficPlanning(const TrafficProfile& traffic) {
  for (size_t i = 0; i < traffic.mix.size(); ++i) {
    const std::string field = absl::StrCat("traffic.mix[", i, "]");
    if (traffic.mix[i].size() != traffic.types.size()) {
      return Bad(field, absl::StrCat("has ", traffic.mix[i].size(), " shares for ",
                                     traffic.types.size(), " call types"));
    }
    for (size_t t = 0; t < traffic.mix[i].size(); ++t) {
      if (!Finite(traffic.mix[i][t]) || traffic.mix[i][t] < 0) {
        return Bad(absl::StrCat(field, "[", t, "]"),
                   absl::StrCat("must be finite and >= 0, got ", traffic.mix[i][t]));
      }
    }
  }
  for (size_t i = 0; i < traffic.handle_factor.size(); ++i) {
    if (!Finite(traffic.handle_factor[i]) || traffic.handle_factor[i] <= 0) {
      return Bad(absl::StrCat("traffic.handle_factor[", i, "]"),
                 absl::StrCat("must be finite and > 0, got ", traffic.handle_factor[i]));
    }
  }
  for (size_t t = 0; t < traffic.types.size(); ++t) {
    const double share = traffic.types[t].zero_patience_share;
    if (!(share >= 0 && share <= 1)) {
      return Bad(absl::StrCat("traffic.types[", t, "].zero_patience_share"),
                 absl::StrCat("must be in [0, 1], got ", share));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckDistribution(const Distribution& d, const std::string& field) {
  if (!Finite(d.a_ms) || !Finite(d.b_ms)) return Bad(field, "must be finite");
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return d.a_ms >= 0 ? absl::OkStatus() : Bad(field, "a constant duration must be >= 0");
    case Distribution::Kind::kUniform:
      if (d.a_ms < 0 || d.b_ms < d.a_ms) return Bad(field, "uniform needs 0 <= low <= high");
      return absl::OkStatus();
    case Distribution::Kind::kExponential:
      return d.a_ms > 0 ? absl::OkStatus() : Bad(field, "exponential mean must be > 0");
    case Distribution::Kind::kLognormal:
      if (d.a_ms <= 0 || d.b_ms < 0) return Bad(field, "lognormal needs mean > 0 and sd >= 0");
      return absl::OkStatus();
    case Distribution::Kind::kNever:
      return absl::OkStatus();
    case Distribution::Kind::kEmpirical:
      if (d.samples_ms == nullptr || d.samples_ms->empty()) {
        return Bad(field, "an empirical distribution needs at least one sample");
      }
      for (TimeMs ms : *d.samples_ms) {
        if (ms < 0) return Bad(field, absl::StrCat("samples must be >= 0, got ", ms));
      }
      return absl::OkStatus();
  }
  return Bad(field, "unknown kind");
}

absl::Status CheckPlanningOptions(const CenterConfig& center, const SimOptions& options) {
  if (absl::Status s = CheckTrafficPlanning(options.traffic); !s.ok()) return s;
  if (!Finite(options.busyness_shape) || options.busyness_shape < 0) {
    return Bad("busyness_shape",
               absl::StrCat("must be >= 0 (0 = off), got ", options.busyness_shape));
  }
  const RetrialOptions& retrial = options.retrial;
  if (!(retrial.probability >= 0 && retrial.probability <= 1)) {
    return Bad("retrial.probability", absl::StrCat("must be in [0, 1], got ", retrial.probability));
  }
  if (retrial.delay_ms.kind == Distribution::Kind::kNever) {
    return Bad("retrial.delay_ms", "must end; kNever is not allowed");
  }
  if (absl::Status s = CheckDistribution(retrial.delay_ms, "retrial.delay_ms"); !s.ok()) return s;
  if (retrial.max_retrials < 0) {
    return Bad("retrial.max_retrials", absl::StrCat("must be >= 0, got ", retrial.max_retrials));
  }
  const auto& factors = options.agent_handle_factor;
  if (!factors.empty() && factors.size() != center.agents.size()) {
    return Bad("agent_handle_factor", absl::StrCat("has ", factors.size(), " entries for ",
                                                   center.agents.size(), " agents"));
  }
  for (size_t i = 0; i < factors.size(); ++i) {
    if (!Finite(factors[i]) || factors[i] <= 0) {
      return Bad(absl::StrCat("agent_handle_factor[", i, "]"),
                 absl::StrCat("must be finite and > 0, got ", factors[i]));
    }
  }
  if (options.kpi_interval_ms < 0) {
    return Bad("kpi_interval_ms", absl::StrCat("must be >= 0, got ", options.kpi_interval_ms));
  }
  return absl::OkStatus();
}

}  // namespace acd::sim
