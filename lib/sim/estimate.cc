// Confidence intervals and the KPI definitions used across replications.
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/kpi.h"
#include "acd/replications.h"

namespace acd {
namespace {

std::optional<double> Count(uint64_t n) { return static_cast<double>(n); }

std::optional<double> Ratio(double num, double den) {
  if (!(den > 0)) return std::nullopt;
  return num / den;
}

std::optional<double> Sec(TimeMs sum_ms, uint64_t n) {
  return Ratio(static_cast<double>(sum_ms) / 1000.0, static_cast<double>(n));
}

}  // namespace

double StudentT975(int df) {
  // Two-sided 95% critical values, e.g. NIST/SEMATECH e-Handbook of
  // Statistical Methods, table 1.3.6.7.2 (upper critical values of t).
  static constexpr double kTable[] = {12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912,
                                      2.364624,  2.306004, 2.262157, 2.228139, 2.200985, 2.178813,
                                      2.160369,  2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
                                      2.093024,  2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
                                      2.059539,  2.055529, 2.051831, 2.048407, 2.045230, 2.042272};
  if (df < 1) return std::numeric_limits<double>::quiet_NaN();
  if (df <= 30) return kTable[df - 1];
  // Cornish-Fisher expansion around the normal quantile (Abramowitz and
  // Stegun 26.7.5); error below 1e-5 from df = 30 on.
  const double z = 1.959963985;
  const double n = df;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

std::string FewReplicationsWarning(int replications) {
  if (replications >= kFewReplications) return "";
  if (replications < 2) {
    return absl::StrCat("only ", replications, " replication: no confidence interval; use ",
                        "--replications ", kFewReplications, " or more for figures to decide on");
  }
  return absl::StrFormat(
      "only %d replications: the 95%% intervals are wide (Student t with %d degree%s of freedom "
      "is %.1f); use --replications %d or more for figures to decide on",
      replications, replications - 1, replications == 2 ? "" : "s", StudentT975(replications - 1),
      kFewReplications);
}

KpiEstimate EstimateMean(const std::vector<double>& samples) {
  KpiEstimate e;
  e.n = samples.size();
  if (e.n == 0) {
    e.mean = std::numeric_limits<double>::quiet_NaN();
    e.half_width = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  double sum = 0;
  for (double x : samples) sum += x;
  e.mean = sum / static_cast<double>(e.n);
  if (e.n < 2) {
    e.half_width = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  double squares = 0;
  for (double x : samples) squares += (x - e.mean) * (x - e.mean);
  const double sd = std::sqrt(squares / static_cast<double>(e.n - 1));
  e.half_width = StudentT975(static_cast<int>(e.n - 1)) * sd / std::sqrt(static_cast<double>(e.n));
  return e;
}

const std::vector<KpiDef>& KpiDefs() {
  static const std::vector<KpiDef> defs = {
      {"attempts", "Calls placed", [](const IntervalKpi& k, TimeMs) { return Count(k.attempts); }},
      {"retrials", "Retrials", [](const IntervalKpi& k, TimeMs) { return Count(k.retrials); }},
      {"blocked", "Blocked", [](const IntervalKpi& k, TimeMs) { return Count(k.Blocked()); }},
      {"offered", "Offered", [](const IntervalKpi& k, TimeMs) { return Count(k.offered); }},
      // Reached the engine but no queue: turned away by an entry rule or
      // the IVR, hung up in the IVR (the full line is counted as blocked).
      // attempts = blocked + offered + ended_before_queue.
      {"ended_before_queue", "Ended before a queue",
       [](const IntervalKpi& k, TimeMs) { return Count(k.arrived - k.offered - k.blocked_line); }},
      {"answered", "Answered", [](const IntervalKpi& k, TimeMs) { return Count(k.answered); }},
      {"abandoned", "Abandoned", [](const IntervalKpi& k, TimeMs) { return Count(k.abandoned); }},
      {"abandon_rate", "Abandonment",
       [](const IntervalKpi& k, TimeMs) {
         return Ratio(static_cast<double>(k.abandoned), static_cast<double>(k.offered));
       }},
      {"service_level", "Service level",
       [](const IntervalKpi& k, TimeMs) {
         return Ratio(static_cast<double>(k.answered_in_sl), static_cast<double>(k.offered));
       }},
      {"asa_s", "ASA (s)",
       [](const IntervalKpi& k, TimeMs) { return Sec(k.answered_wait_ms, k.answered); }},
      {"aht_s", "AHT (s)",
       [](const IntervalKpi& k, TimeMs) { return Sec(k.handle_ms, k.answered); }},
      {"wait_max_s", "Longest wait (s)",
       [](const IntervalKpi& k, TimeMs) -> std::optional<double> {
         if (k.offered == 0) return std::nullopt;
         return static_cast<double>(k.wait_max_ms) / 1000.0;
       }},
      {"callback_captured", "Captured in a queue (callback)",
       [](const IntervalKpi& k, TimeMs) { return Count(k.callback_captured); }},
      {"captured", "Captured (queues and entry rules)",
       [](const IntervalKpi& k, TimeMs) { return Count(k.captures); }},
      {"contact_share", "Left a contact",
       [](const IntervalKpi& k, TimeMs) {
         return Ratio(static_cast<double>(k.contacts), static_cast<double>(k.captures));
       }},
      {"callbacks_completed", "Callbacks completed",
       [](const IntervalKpi& k, TimeMs) { return Count(k.callbacks_completed); }},
      {"callbacks_failed", "Callbacks failed",
       [](const IntervalKpi& k, TimeMs) { return Count(k.callbacks_failed); }},
      {"callbacks_expired", "Callbacks expired",
       [](const IntervalKpi& k, TimeMs) { return Count(k.callbacks_expired); }},
      {"callbacks_cancelled", "Callbacks cancelled",
       [](const IntervalKpi& k, TimeMs) { return Count(k.callbacks_cancelled); }},
      {"callback_completed_share", "Callbacks completed (share)",
       [](const IntervalKpi& k, TimeMs) {
         const uint64_t ended = k.callbacks_completed + k.callbacks_failed +
                                k.callbacks_expired + k.callbacks_cancelled;
         return Ratio(static_cast<double>(k.callbacks_completed), static_cast<double>(ended));
       }},
      {"callback_time_s", "Time to complete a callback (s)",
       [](const IntervalKpi& k, TimeMs) {
         return Sec(k.callback_to_connect_ms, k.callbacks_connected);
       }},
      {"callback_time_p90_s", "Time to complete a callback, p90 (s)",
       [](const IntervalKpi& k, TimeMs) -> std::optional<double> {
         if (k.callback_to_connect_samples_ms.empty()) return std::nullopt;
         return NearestRankMs(k.callback_to_connect_samples_ms, 0.9) / 1000.0;
       }},
      {"callback_time_to_seller_s", "Time to reach a seller by callback (s)",
       [](const IntervalKpi& k, TimeMs) {
         return Sec(k.callback_reach_ms, k.callbacks_at_seller);
       }},
      {"reached_seller", "Reached a seller",
       [](const IntervalKpi& k, TimeMs) { return Count(k.reached_wanted); }},
      {"time_to_seller_s", "Time to reach a seller (s)",
       [](const IntervalKpi& k, TimeMs) { return Sec(k.to_wanted_ms, k.reached_wanted); }},
      {"occupancy", "Occupancy",
       [](const IntervalKpi& k, TimeMs) {
         return Ratio(static_cast<double>(k.busy_ms),
                      static_cast<double>(k.logged_in_ms - k.not_ready_ms));
       }},
      {"agents_logged_in", "Agents logged in",
       [](const IntervalKpi& k, TimeMs duration_ms) {
         return Ratio(static_cast<double>(k.logged_in_ms), static_cast<double>(duration_ms));
       }},
  };
  return defs;
}

}  // namespace acd
