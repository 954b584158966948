// `acd sim`'s flags (the usage text is sim_usage.cc).
#include "tools/acd/sim_flags.h"

#include <cmath>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "tools/acd/flag_reader.h"

namespace acd::tools {
namespace {

std::string Bad(const std::string& flag, const std::string& why, const std::string& value) {
  return absl::StrCat(flag, ": ", why, ", got '", value, "'");
}

// Parses a number in [low, high] into *out; an error message or "".
std::string Number(const std::string& flag, const std::string& value, double low, double high,
                   double* out) {
  if (!absl::SimpleAtod(value, out) || !std::isfinite(*out) || *out < low || *out > high) {
    return Bad(flag, absl::StrCat("expected a number from ", low, " to ", high), value);
  }
  return "";
}

// A share or a chance, in [0, 1].
std::string Probability(const std::string& flag, const std::string& value, double* out) {
  if (!absl::SimpleAtod(value, out) || !std::isfinite(*out) || *out < 0 || *out > 1) {
    return Bad(flag, "expected a probability from 0 to 1", value);
  }
  return "";
}

std::string Whole(const std::string& flag, const std::string& value, int64_t low, int64_t high,
                  int64_t* out) {
  if (!absl::SimpleAtoi(value, out) || *out < low || *out > high) {
    return Bad(flag, absl::StrCat("expected a whole number from ", low, " to ", high), value);
  }
  return "";
}

std::string ParsePatience(const std::string& flag, const std::string& value, PlanningModel* m) {
  const std::vector<std::string> parts = absl::StrSplit(value, ':');
  double mean_s = 0, sd_s = 0;
  if (parts.size() == 1 && parts[0] == "none") {
    m->patience_ms = Distribution::Never();
  } else if (parts.size() == 2 && parts[0] == "exponential" &&
             absl::SimpleAtod(parts[1], &mean_s) && mean_s > 0 && mean_s < 1e6) {
    m->patience_ms = Distribution::Exponential(mean_s * 1000);
  } else if (parts.size() == 3 && parts[0] == "lognormal" && absl::SimpleAtod(parts[1], &mean_s) &&
             absl::SimpleAtod(parts[2], &sd_s) && mean_s > 0 && mean_s < 1e6 && sd_s >= 0 &&
             sd_s < 1e6) {
    m->patience_ms = Distribution::Lognormal(mean_s * 1000, sd_s * 1000);
  } else {
    return Bad(flag, "expected none, exponential:MEAN_S or lognormal:MEAN_S:SD_S", value);
  }
  return "";
}

std::string ParseGroupFactor(const std::string& flag, const std::string& value,
                             PlanningModel* m) {
  const size_t eq = value.rfind('=');
  double factor = 0;
  if (eq == std::string::npos || eq == 0 || !absl::SimpleAtod(value.substr(eq + 1), &factor) ||
      !(factor > 0 && factor < 100)) {
    return Bad(flag, "expected GROUP=FACTOR with 0 < FACTOR < 100", value);
  }
  m->group_handle_factor.emplace_back(value.substr(0, eq), factor);
  return "";
}

// Seconds as a distribution: "none" (0), "X" (always X), "LO-HI" (uniform).
std::string ParseSecondsSpec(const std::string& flag, const std::string& v, Distribution* out) {
  double low = 0, high = 0;
  const std::vector<std::string> parts = absl::StrSplit(v, '-');
  if (v == "none") {
    *out = Distribution::Constant(0);
  } else if (parts.size() == 1 && absl::SimpleAtod(v, &low) && low >= 0 && low <= 86400) {
    *out = Distribution::Constant(low * 1000);
  } else if (parts.size() == 2 && absl::SimpleAtod(parts[0], &low) &&
             absl::SimpleAtod(parts[1], &high) && low >= 0 && high > low && high <= 86400) {
    *out = Distribution::Uniform(low * 1000, high * 1000);
  } else {
    return Bad(flag, "expected none, seconds X or a uniform range LO-HI (0 to 86400)", v);
  }
  return "";
}

// Where a flag belongs: both modes, a single run only or a plan only, and
// for the latter two why the other mode refuses it.
enum class Mode { kBoth, kSingleRun, kPlan };
struct FlagMode {
  std::string_view flag;
  Mode mode;
  const char* why;  // why the other mode refuses it
};

constexpr const char* kCallTypes =
    "it shapes the call types a forecast builds; a single run's callers are the center's own";
constexpr FlagMode kFlagModes[] = {
    {"--from", Mode::kSingleRun, "the forecast sets the day's window"},
    {"--to", Mode::kSingleRun, "the forecast sets the day's window"},
    {"--calls-per-hour", Mode::kSingleRun, "the forecast sets the calls"},
    {"--queue-log", Mode::kSingleRun,
     "a plan is many runs; --trace shows its first run's decisions"},
    {"--forecast", Mode::kPlan, "it makes the run a plan"},
    {"--schedule", Mode::kPlan, "a single run has every agent on shift for the whole window"},
    {"--days", Mode::kPlan, "a single run is one day"},
    {"--replications", Mode::kPlan, "a single run is one replication"},
    {"--threads", Mode::kPlan, "a single run is one replication on one thread"},
    {"--sl-target", Mode::kPlan, "it is the goal of a plan's agents-needed column"},
    {"--model", Mode::kPlan, kCallTypes},
    {"--handle", Mode::kPlan, kCallTypes},
    {"--patience", Mode::kPlan, kCallTypes},
    {"--group-handle-factor", Mode::kPlan, kCallTypes},
    {"--ivr-s", Mode::kPlan, kCallTypes},
    {"--zero-patience", Mode::kPlan, kCallTypes},
};

const FlagMode* FindMode(std::string_view flag) {
  for (const FlagMode& m : kFlagModes) {
    if (m.flag == flag) return &m;
  }
  return nullptr;
}

// The error for a flag the mode refuses; "" when the mode takes it.
std::string ModeError(const std::string& flag, bool plan) {
  const FlagMode* m = FindMode(flag);
  if (m == nullptr || m->mode == Mode::kBoth) return "";
  if (plan && m->mode == Mode::kSingleRun) {
    return absl::StrCat(flag, ": only for a single run, without --forecast (", m->why,
                        "; see 'acd sim --help')");
  }
  if (!plan && m->mode == Mode::kPlan) {
    return absl::StrCat(flag, ": a planner's flag, for a forecast: give --forecast CSV too (",
                        m->why, "; see 'acd sim --help')");
  }
  return "";
}

// A simulation flag: sets the model (a plan) or its base options (both
// modes). "" when fine, an error naming the flag; nullopt for a flag that
// is not a simulation flag.
std::optional<std::string> ParseModelFlag(const std::string& flag, const std::string& v, PlanningModel* m) {
  SimOptions& base = m->base;
  double x = 0;
  int64_t n = 0;
  std::string e;
  if (flag == "--patience") return ParsePatience(flag, v, m);
  if (flag == "--group-handle-factor") return ParseGroupFactor(flag, v, m);
  if (flag == "--ivr-s") {
    Distribution d;
    if ((e = ParseSecondsSpec(flag, v, &d)).empty()) m->ivr_ms = d;
  } else if (flag == "--answer-delay-s") {
    e = ParseSecondsSpec(flag, v, &base.agents.answer_delay_ms);
  } else if (flag == "--ring-out") {
    e = Probability(flag, v, &base.agents.rona_probability);
  } else if (flag == "--zero-patience") {
    e = Probability(flag, v, &m->zero_patience_share);
  } else if (flag == "--retry") {
    e = Probability(flag, v, &base.retrial.probability);
  } else if (flag == "--retry-delay-s") {
    if ((e = Number(flag, v, 1, 86400, &x)).empty()) {
      base.retrial.delay_ms = Distribution::Exponential(x * 1000);
    }
  } else if (flag == "--busyness-shape") {
    e = Number(flag, v, 0, 1e6, &base.busyness_shape);
  } else if (flag == "--waiting-line-max" || flag == "--trunks") {
    if ((e = Whole(flag, v, 0, 1'000'000, &n)).empty()) {
      (flag == "--trunks" ? base.trunk_lines : base.waiting_line_max) = static_cast<uint32_t>(n);
    }
  } else if (flag == "--at-close") {
    if (v != "serve" && v != "disconnect") return Bad(flag, "expected serve or disconnect", v);
    base.at_close = v == "serve" ? AtClose::kServeOut : AtClose::kDisconnect;
  } else if (flag == "--sl-s") {
    if ((e = Number(flag, v, 0, 86400, &x)).empty()) m->sl_threshold_ms = std::llround(x * 1000);
  } else if (flag == "--interval-min") {
    if (v != "15" && v != "30") return Bad(flag, "expected 15 or 30", v);
    m->kpi_interval_ms = (v == "15" ? 15 : 30) * kMsPerMinute;
  } else if (flag == "--callback-acceptance") {
    e = Probability(flag, v, &base.callbacks.acceptance);
  } else if (flag == "--callback-answer") {
    e = Probability(flag, v, &base.callbacks.answer_probability);
  } else {
    return std::nullopt;
  }
  return e;
}

std::string ParseValueFlag(const std::string& flag, const std::string& v, SimFlags* f) {
  int64_t n = 0;
  std::string e;
  std::string* path = flag == "--config"      ? &f->config_path
                      : flag == "--forecast"  ? &f->forecast_path
                      : flag == "--schedule"  ? &f->schedule_path
                      : flag == "--out"       ? &f->out_dir
                      : flag == "--queue-log" ? &f->queue_log_path
                      : flag == "--handle"    ? &f->handle
                                              : nullptr;
  if (path != nullptr) {
    if (v.empty()) {
      return absl::StrCat(flag, flag == "--out" ? ": needs a directory" : ": needs a file name");
    }
    *path = v;
  } else if (flag == "--seed") {
    if (!absl::SimpleAtoi(v, &f->seed) || v.starts_with("-") || v.starts_with("+")) {
      return Bad(flag, "expected a whole number from 0 to 18446744073709551615", v);
    }
  } else if (flag == "--from" || flag == "--to") {
    if (!ParseClock(v, flag == "--from" ? &f->from_ms : &f->to_ms)) {
      return Bad(flag, "expected a time HH:MM (00:00-24:00)", v);
    }
  } else if (flag == "--calls-per-hour") {
    double rate = 0;
    if (!absl::SimpleAtod(v, &rate) || !std::isfinite(rate) || rate < 0 || rate > 1e6) {
      return Bad(flag, "expected a number of calls per hour from 0 to 1000000", v);
    }
    f->calls_per_hour = rate;
  } else if (flag == "--days" || flag == "--replications" || flag == "--threads") {
    const int64_t high = flag == "--threads" ? 256 : 10'000;
    if ((e = Whole(flag, v, flag == "--threads" ? 0 : 1, high, &n)).empty()) {
      (flag == "--days"      ? f->days
       : flag == "--threads" ? f->threads
                             : f->replications) = static_cast<int>(n);
    }
  } else if (flag == "--date") {
    if (!absl::ParseCivilTime(v, &f->date) || f->date.year() < 1970 || f->date.year() > 9999) {
      return Bad(flag, "expected a date YYYY-MM-DD from 1970 to 9999", v);
    }
    f->model.base.date = f->date;
    f->date_given = true;
  } else if (flag == "--sl-target") {
    e = Number(flag, v, 0.01, 0.999, &f->sl_target);
  } else if (flag == "--seller-queue") {
    if (v.empty()) return Bad(flag, "expected a queue name", v);
    f->seller_queue = v;
  } else {
    std::optional<std::string> model_error = ParseModelFlag(flag, v, &f->model);
    if (!model_error) return absl::StrCat(flag, ": unknown flag (see 'acd sim --help')");
    e = *std::move(model_error);
  }
  return e;
}

// --model pure: the textbook queue, with the flags given applied on top.
std::string ApplyPureModel(const std::vector<std::pair<std::string, std::string>>& model_flags,
                           SimFlags* flags) {
  PlanningModel pure = FieldPlanningModel();
  pure.patience_ms = flags->model.patience_ms;
  pure.sl_threshold_ms = flags->model.sl_threshold_ms;
  pure.kpi_interval_ms = flags->model.kpi_interval_ms;
  pure.group_handle_factor = flags->model.group_handle_factor;
  pure.base.date = flags->model.base.date;
  MakePure(&pure);
  flags->model = std::move(pure);
  for (const auto& [flag, value] : model_flags) {
    if (flag == "--patience" || flag == "--group-handle-factor") continue;  // kept above
    if (std::string e = ParseValueFlag(flag, value, flags); !e.empty()) return e;
  }
  return "";
}

}  // namespace

std::optional<std::string> ParseSimFlags(int argc, char** argv, SimFlags* flags) {
  flags->model = FieldPlanningModel();
  flags->model.base.date = flags->date;
  std::vector<std::pair<std::string, std::string>> value_flags;
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--trace" || flag == "--help" || flag == "-h") {
      if (reader.has_inline_value()) return absl::StrCat(flag, ": takes no value");
      (flag == "--trace" ? flags->trace : flags->help) = true;
      continue;
    }
    if (!flag.starts_with("--")) {
      return absl::StrCat("unexpected argument '", flag, "' (see 'acd sim --help')");
    }
    const std::optional<std::string> value = reader.Value();
    if (!value) return absl::StrCat(flag, ": needs a value");
    if (flag == "--model") {
      if (*value != "field" && *value != "pure") return Bad(flag, "expected field or pure", *value);
      flags->pure_model = *value == "pure";
    } else if (std::string error = ParseValueFlag(flag, *value, flags); !error.empty()) {
      return error;
    }
    value_flags.emplace_back(flag, *value);
  }
  // Each flag against the mode, now that --forecast was seen or not.
  for (const auto& [flag, value] : value_flags) {
    if (std::string error = ModeError(flag, flags->plan()); !error.empty()) return error;
    PlanningModel scratch;
    if (FindMode(flag) == nullptr && ParseModelFlag(flag, value, &scratch).has_value()) {
      flags->run_flags.emplace_back(flag, value);
    }
  }
  if (!flags->plan() && flags->to_ms <= flags->from_ms) {
    return absl::StrCat("--to: must be after --from (", FormatClock(flags->from_ms), "), got ",
                        FormatClock(flags->to_ms));
  }
  if (flags->pure_model) {
    std::vector<std::pair<std::string, std::string>> model_flags;
    for (const auto& given : value_flags) {
      if (given.first != "--model") model_flags.push_back(given);
    }
    if (std::string error = ApplyPureModel(model_flags, flags); !error.empty()) return error;
  }
  return std::nullopt;
}

void ApplyRunFlags(const SimFlags& flags, SimOptions* options) {
  PlanningModel model;
  model.base = *options;
  model.sl_threshold_ms = options->sl_threshold_ms;
  model.kpi_interval_ms = options->kpi_interval_ms;
  for (const auto& [flag, value] : flags.run_flags) ParseModelFlag(flag, value, &model);
  *options = std::move(model.base);
  options->sl_threshold_ms = model.sl_threshold_ms;
  options->kpi_interval_ms = model.kpi_interval_ms;
}

absl::Status ApplyHandleFlag(const std::string& handle, PlanningModel* model) {
  if (handle.empty()) return absl::OkStatus();
  double cv = 0.6;
  if (handle == "exponential") {
    model->handle_ms = Distribution::Exponential(1000);
  } else if (handle == "lognormal" ||
             (handle.starts_with("lognormal:") && absl::SimpleAtod(handle.substr(10), &cv) &&
              cv >= 0 && cv <= 10)) {
    model->handle_ms = Distribution::Lognormal(1000, 1000 * cv);
  } else if (handle.starts_with("empirical:")) {
    absl::StatusOr<Distribution> d = ReadEmpiricalSeconds(handle.substr(10));
    if (!d.ok()) return d.status();
    model->handle_ms = *std::move(d);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "--handle: expected exponential, lognormal[:CV] or empirical:FILE, got '", handle, "'"));
  }
  return absl::OkStatus();
}

}  // namespace acd::tools
