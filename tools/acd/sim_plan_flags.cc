// `acd sim --forecast`'s flags and usage text.
#include "tools/acd/sim_plan_flags.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "tools/acd/flag_reader.h"
#include "tools/acd/sim_plan.h"

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

std::string Whole(const std::string& flag, const std::string& value, int64_t low, int64_t high,
                  int64_t* out) {
  if (!absl::SimpleAtoi(value, out) || *out < low || *out > high) {
    return Bad(flag, absl::StrCat("expected a whole number from ", low, " to ", high), value);
  }
  return "";
}

std::string ParsePatience(const std::string& flag, const std::string& value, PlanFlags* f) {
  const std::vector<std::string> parts = absl::StrSplit(value, ':');
  double mean_s = 0, sd_s = 0;
  if (parts.size() == 1 && parts[0] == "none") {
    f->model.patience_ms = Distribution::Never();
  } else if (parts.size() == 2 && parts[0] == "exponential" &&
             absl::SimpleAtod(parts[1], &mean_s) && mean_s > 0 && mean_s < 1e6) {
    f->model.patience_ms = Distribution::Exponential(mean_s * 1000);
  } else if (parts.size() == 3 && parts[0] == "lognormal" && absl::SimpleAtod(parts[1], &mean_s) &&
             absl::SimpleAtod(parts[2], &sd_s) && mean_s > 0 && mean_s < 1e6 && sd_s >= 0 &&
             sd_s < 1e6) {
    f->model.patience_ms = Distribution::Lognormal(mean_s * 1000, sd_s * 1000);
  } else {
    return Bad(flag, "expected none, exponential:MEAN_S or lognormal:MEAN_S:SD_S", value);
  }
  return "";
}

std::string ParseGroupFactor(const std::string& flag, const std::string& value, PlanFlags* f) {
  const size_t eq = value.rfind('=');
  double factor = 0;
  if (eq == std::string::npos || eq == 0 || !absl::SimpleAtod(value.substr(eq + 1), &factor) ||
      !(factor > 0 && factor < 100)) {
    return Bad(flag, "expected GROUP=FACTOR with 0 < FACTOR < 100", value);
  }
  f->model.group_handle_factor.emplace_back(value.substr(0, eq), factor);
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

}  // namespace

bool IsSingleRunFlag(std::string_view flag) {
  return flag == "--from" || flag == "--to" || flag == "--calls-per-hour" ||
         flag == "--queue-log";
}

bool IsPlanFlag(std::string_view flag) {
  static constexpr std::string_view kFlags[] = {
      "--forecast", "--schedule", "--days", "--replications", "--threads", "--sl-target",
      "--model", "--handle", "--patience", "--group-handle-factor", "--ivr-s",
      "--answer-delay-s", "--ring-out", "--zero-patience", "--retry", "--retry-delay-s",
      "--busyness-shape", "--waiting-line-max", "--trunks", "--seller-queue", "--at-close",
      "--sl-s", "--interval-min"};
  for (std::string_view f : kFlags) {
    if (flag == f) return true;
  }
  return false;
}

namespace {

std::string ParseModelFlag(const std::string& flag, const std::string& v, PlanFlags* f) {
  SimOptions& base = f->model.base;
  double x = 0;
  int64_t n = 0;
  std::string e;
  if (flag == "--patience") return ParsePatience(flag, v, f);
  if (flag == "--group-handle-factor") return ParseGroupFactor(flag, v, f);
  if (flag == "--ivr-s") {
    Distribution d;
    if ((e = ParseSecondsSpec(flag, v, &d)).empty()) f->model.ivr_ms = d;
  } else if (flag == "--answer-delay-s") {
    e = ParseSecondsSpec(flag, v, &base.agents.answer_delay_ms);
  } else if (flag == "--ring-out") {
    e = Number(flag, v, 0, 1, &base.agents.rona_probability);
  } else if (flag == "--zero-patience") {
    e = Number(flag, v, 0, 1, &f->model.zero_patience_share);
  } else if (flag == "--retry") {
    e = Number(flag, v, 0, 1, &base.retrial.probability);
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
  } else if (flag == "--seller-queue") {
    if (v.empty()) return Bad(flag, "expected a queue name", v);
    base.seller_queue = v;
  } else if (flag == "--at-close") {
    if (v != "serve" && v != "disconnect") return Bad(flag, "expected serve or disconnect", v);
    base.at_close = v == "serve" ? AtClose::kServeOut : AtClose::kDisconnect;
  } else if (flag == "--sl-s") {
    if ((e = Number(flag, v, 0, 86400, &x)).empty()) {
      f->model.sl_threshold_ms = std::llround(x * 1000);
    }
  } else if (flag == "--interval-min") {
    if (v != "15" && v != "30") return Bad(flag, "expected 15 or 30", v);
    f->model.kpi_interval_ms = (v == "15" ? 15 : 30) * kMsPerMinute;
  } else if (flag == "--callback-acceptance") {
    e = Number(flag, v, 0, 1, &base.callbacks.acceptance);
  } else if (flag == "--callback-answer") {
    e = Number(flag, v, 0, 1, &base.callbacks.answer_probability);
  } else if (IsSingleRunFlag(flag)) {
    return absl::StrCat(flag, ": only for a single run, without --forecast (the forecast sets "
                        "the day's window and calls; see 'acd sim --help')");
  } else {
    return absl::StrCat(flag, ": unknown flag (see 'acd sim --help')");
  }
  return e;
}

std::string ParseValueFlag(const std::string& flag, const std::string& v, PlanFlags* f) {
  int64_t n = 0;
  std::string e;
  std::string* path = flag == "--config"     ? &f->config_path
                      : flag == "--forecast" ? &f->forecast_path
                      : flag == "--schedule" ? &f->schedule_path
                      : flag == "--out"      ? &f->out_dir
                      : flag == "--handle"   ? &f->handle
                                             : nullptr;
  if (path != nullptr) {
    if (v.empty()) return absl::StrCat(flag, ": needs a value");
    *path = v;
  } else if (flag == "--seed") {
    if (!absl::SimpleAtoi(v, &f->seed) || v.starts_with("-") || v.starts_with("+")) {
      return Bad(flag, "expected a whole number from 0 to 18446744073709551615", v);
    }
  } else if (flag == "--days" || flag == "--replications" || flag == "--threads") {
    const int64_t high = flag == "--threads" ? 256 : 10'000;
    if ((e = Whole(flag, v, flag == "--threads" ? 0 : 1, high, &n)).empty()) {
      (flag == "--days"      ? f->days
       : flag == "--threads" ? f->threads
                             : f->replications) = static_cast<int>(n);
    }
  } else if (flag == "--date") {
    if (!absl::ParseCivilTime(v, &f->model.base.date) || f->model.base.date.year() < 1970 ||
        f->model.base.date.year() > 9999) {
      return Bad(flag, "expected a date YYYY-MM-DD from 1970 to 9999", v);
    }
    f->date_given = true;
  } else if (flag == "--sl-target") {
    e = Number(flag, v, 0.01, 0.999, &f->sl_target);
  } else {
    return ParseModelFlag(flag, v, f);
  }
  return e;
}


// --model pure: the textbook queue, with the flags given applied on top.
std::string ApplyPureModel(const std::vector<std::pair<std::string, std::string>>& model_flags,
                           PlanFlags* flags) {
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

std::optional<std::string> ParsePlanFlags(int argc, char** argv, PlanFlags* flags) {
  flags->model = FieldPlanningModel();
  std::vector<std::pair<std::string, std::string>> model_flags;
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--help" || flag == "-h") {
      flags->help = true;
      continue;
    }
    if (flag == "--trace") {
      if (reader.has_inline_value()) return std::string("--trace: takes no value");
      flags->trace = true;
      continue;
    }
    if (!flag.starts_with("--")) {
      return absl::StrCat("unexpected argument '", flag, "' (see 'acd sim --forecast x --help')");
    }
    const std::optional<std::string> value = reader.Value();
    if (!value) return absl::StrCat(flag, ": needs a value");
    if (flag == "--model") {
      if (*value != "field" && *value != "pure") return Bad(flag, "expected field or pure", *value);
      flags->pure_model = *value == "pure";
      continue;
    }
    if (std::string error = ParseValueFlag(flag, *value, flags); !error.empty()) return error;
    model_flags.emplace_back(flag, *value);
  }
  if (flags->pure_model) {
    if (std::string error = ApplyPureModel(model_flags, flags); !error.empty()) return error;
  }
  return std::nullopt;
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

const char* SimPlanUsage() {
  return "usage: acd sim --forecast CSV [--config FILE] [--schedule CSV] [--days N] [--seed S]\n"
         "               [--replications R] [--out DIR] [model flags]\n"
         "\n"
         "Simulates the forecast's day(s) through the routing engine R times with seeded,\n"
         "reproducible random numbers (spread over threads), and prints every KPI per\n"
         "interval with its 95% confidence interval (Student t across replications).\n"
         "With --out, writes DIR/intervals.csv, DIR/queues.csv, DIR/queue_intervals.csv,\n"
         "DIR/summary.json and DIR/report.html. The table, queues.csv, the JSON and the\n"
         "report also give each queue's day (offered, answered, abandoned, SL, ASA; a call\n"
         "counts in each queue it entered); queue_intervals.csv and the JSON's intervals\n"
         "give the same per queue and interval.\n"
         "Every assumption of the model is printed above the table and written to\n"
         "summary.json and report.html.\n"
         "\n"
         "  --forecast CSV          interval_start,calls[,aht_s][,queue:NAME|intent:NAME...]\n"
         "  --schedule CSV          shifts (agent|group,count,login,logout,breaks) or\n"
         "                          staffing (interval_start,group,agents); default:\n"
         "                          every agent of the center all day\n"
         "  --config FILE           center file (default: the embedded sales department)\n"
         "  --days N                days to simulate (default: the forecast's); day d uses\n"
         "                          forecast day d mod its days; each day starts empty\n"
         "  --date YYYY-MM-DD       the date of the forecast's first day on the center's\n"
         "                          calendar (hours, holidays, time zone, entry rules);\n"
         "                          default 2026-11-24, a Tuesday. Dated rows\n"
         "                          (YYYY-MM-DD HH:MM) carry their own dates instead\n"
         "  --seed S                base seed (default 1)\n"
         "  --replications R        replications (default 10)\n"
         "  --trace                 print every routing decision of the plan's first run\n"
         "                          (replication 0 of day 0, the same callers) and its\n"
         "                          summary, instead of the plan\n"
         "  --threads N             threads (default: all cores); results do not depend on it\n"
         "  --out DIR               write intervals.csv, queues.csv, queue_intervals.csv,\n"
         "                          summary.json and report.html\n"
         "                          there (created if missing; checked before the run;\n"
         "                          each file replaced whole, never an input file)\n"
         "  --sl-s T                service level threshold in seconds (default 20)\n"
         "  --sl-target X           service level goal for agents needed (default 0.8)\n"
         "  --interval-min 15|30    KPI interval (default: the forecast's)\n"
         "  --handle KIND           exponential | lognormal[:CV] | empirical:FILE (seconds,\n"
         "                          one a line); default: each call type's own\n"
         "  --group-handle-factor G=X  handle time factor for agent group G (repeatable)\n"
         "  --patience KIND         none | exponential:MEAN_S | lognormal:MEAN_S:SD_S;\n"
         "                          default: each call type's own (exponential, mean\n"
         "                          90 s for buyers, 120 s support, 60 s the director)\n"
         "  --zero-patience SHARE   share of callers who leave unless answered at once\n"
         "  --ivr-s none|X|LO-HI    time in the IVR before the queue (default 15-20,\n"
         "                          uniform)\n"
         "  --answer-delay-s none|X|LO-HI  time an agent takes to pick up an offer\n"
         "                          (default 2-8, uniform)\n"
         "  --ring-out P            share of offers left to ring out (default 0.05)\n"
         "  --retry P               chance an abandoned caller calls again (default 0.3)\n"
         "  --retry-delay-s X       mean delay before calling again (default 600)\n"
         "  --model field|pure      field (default): the assumptions above. pure: the\n"
         "                          textbook M/M/c queue that 'acd erlang' answers: no\n"
         "                          IVR, answer at once, no ring-outs, no retrials,\n"
         "                          exponential handle times, callers who wait forever\n"
         "                          (or, with --patience, M/M/c+M: exponential patience\n"
         "                          of its mean); flags given with it still apply.\n"
         "                          Wrap-up stays the center's.\n"
         "  --busyness-shape K      gamma(K) daily factor on all arrivals (default off)\n"
         "  --waiting-line-max N    most calls waiting in all queues (0 = no limit)\n"
         "  --trunks N              trunk lines (0 = no limit)\n"
         "  --at-close serve|disconnect  what happens to callers waiting at the end\n"
         "  --callback-acceptance P, --callback-answer P  the callers' side of callbacks,\n"
         "                          as for a single run (default 0.8 and 0.7)\n"
         "  --seller-queue NAME     the sellers' queue for 'time to reach a seller'\n"
         "                          (default sales; a center without it has no such\n"
         "                          figure)\n";
}

}  // namespace acd::tools
