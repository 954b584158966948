// `acd staff`: flags, the per-interval plan, the table and the CSV.
#include "tools/acd/staff_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "acd/env.h"
#include "acd/forecast.h"
#include "acd/staffing.h"
#include "tools/acd/flag_reader.h"
#include "tools/acd/flag_values.h"
#include "tools/acd/output_paths.h"
#include "tools/acd/staff_output.h"
#include "tools/acd/staffing_flags.h"

namespace acd::tools {
namespace {

struct StaffFlags {
  bool help = false;
  bool verify = false;
  std::string forecast_path;
  std::string out_path;
  StaffingFlags staffing;
  VerifyOptions verify_options;
  bool verify_flag_seen = false;  // --replications, --seed, --sim-hours, --threads, --decide
};


std::string ParseVerifyFlag(const std::string& flag, const std::string& value, StaffFlags* f) {
  f->verify_flag_seen = true;
  uint64_t v = 0;
  if (flag == "--decide") {
    if (value != "mean" && value != "bound") {
      return FlagValueError(flag, "expected 'mean' or 'bound'", value);
    }
    f->verify_options.decide_by =
        value == "mean" ? VerifyOptions::Decide::kMean : VerifyOptions::Decide::kConfidenceBound;
    return "";
  }
  if (flag == "--seed") {
    return ParseWholeNumberFlag(flag, value, 0, UINT64_MAX, &f->verify_options.seed);
  }
  if (flag == "--sim-hours") {
    double hours = 0;
    std::string error = ParseNumberFlag(flag, value, {0, 1000, true, false}, &hours);
    if (error.empty()) f->verify_options.window_ms = static_cast<TimeMs>(hours * 3.6e6);
    return error;
  }
  const bool replications = flag == "--replications";
  std::string error = replications ? ParseWholeNumberFlag(flag, value, 2, 1000, &v)
                                   : ParseWholeNumberFlag(flag, value, 1, 64, &v);
  int& field = replications ? f->verify_options.replications : f->verify_options.threads;
  if (error.empty()) field = static_cast<int>(v);
  return error;
}

std::string ParseValueFlag(const std::string& flag, const std::string& value, StaffFlags* f) {
  if (flag == "--forecast" || flag == "--out") {
    if (value.empty()) return flag + ": needs a file name";
    (flag == "--forecast" ? f->forecast_path : f->out_path) = value;
    return "";
  }
  if (flag == "--replications" || flag == "--seed" || flag == "--sim-hours" ||
      flag == "--threads" || flag == "--decide") {
    return ParseVerifyFlag(flag, value, f);
  }
  return ParseStaffingFlag(flag, value, &f->staffing);
}

bool TakesValue(const std::string& flag) {
  return flag == "--forecast" || flag == "--out" || flag == "--replications" || flag == "--seed" ||
         flag == "--sim-hours" || flag == "--threads" || flag == "--decide" || IsStaffingFlag(flag);
}

std::string CheckFlags(StaffFlags* f) {
  if (f->forecast_path.empty()) return "--forecast: needed (a forecast CSV file)";
  if (f->verify_flag_seen && !f->verify) {
    return "--replications, --seed, --sim-hours, --threads and --decide only go with --verify";
  }
  if (!f->staffing.sl_target) f->staffing.sl_target = 0.8;
  return CheckStaffingFlags(f->staffing);
}

std::string ParseStaffFlags(int argc, char** argv, StaffFlags* f) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--help" || flag == "-h" || flag == "--verify") {
      if (reader.has_inline_value()) return flag + ": takes no value";
      (flag == "--verify" ? f->verify : f->help) = true;
      continue;
    }
    if (!flag.starts_with("-")) {
      return absl::StrCat("unexpected argument '", flag, "' (see 'acd staff --help')");
    }
    if (!TakesValue(flag)) return flag + ": unknown flag (see 'acd staff --help')";
    const std::optional<std::string> value = reader.Value();
    if (!value) return flag + ": needs a value";
    if (std::string error = ParseValueFlag(flag, *value, f); !error.empty()) return error;
  }
  return f->help ? "" : CheckFlags(f);
}


// The interval's question; an error naming the line when it has no AHT.
absl::StatusOr<StaffingQuestion> IntervalQuestion(const StaffFlags& f, const Forecast& forecast,
                                                  size_t i, double share) {
  const ForecastInterval& row = forecast.intervals[i];
  StaffingQuestion q;
  q.calls_per_hour = forecast.CallsPerHour(i) * share;
  if (row.aht_s) {
    q.aht_s = *row.aht_s;
  } else if (f.staffing.aht_s) {
    q.aht_s = *f.staffing.aht_s;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("--aht-s: needed (", f.forecast_path, ":", row.line, " has no aht_s)"));
  }
  q.model = f.staffing.patience_s ? QueueModel::kErlangA : QueueModel::kErlangC;
  if (f.staffing.patience_s) q.patience_s = *f.staffing.patience_s;
  q.target = TargetFromFlags(f.staffing);
  return q;
}

absl::Status PlanInterval(const StaffFlags& f, const StaffingQuestion& q, PlanRow* row) {
  absl::StatusOr<StaffingAnswer> answer = SolveStaffing(q);
  if (!answer.ok()) return answer.status();
  row->agents = answer->agents;
  row->figures = answer->figures;
  int64_t scheduled = row->agents;
  if (f.verify && row->agents > 0) {
    absl::StatusOr<VerifiedStaffing> v = VerifyStaffing(q, row->agents, f.verify_options);
    if (!v.ok()) return v.status();
    row->verified = scheduled = v->verified_agents;
    row->simulated = v->at_verified;
    absl::StatusOr<QueueFigures> at = EvaluateStaffing(q, scheduled);
    if (!at.ok()) return at.status();
    row->figures = *at;
  }
  absl::StatusOr<int64_t> headcount = Headcount(scheduled, f.staffing.shrinkage.value_or(0));
  if (!headcount.ok()) return headcount.status();
  row->headcount = *headcount;
  return absl::OkStatus();
}

// The share of interval i's calls that queue column `column` gets: its mix
// over the queue columns' sum (0 when they add up to 0); 1 for the pool
// (column < 0).
double QueueShare(const Forecast& forecast, size_t i, int column) {
  if (column < 0) return 1.0;
  const ForecastInterval& row = forecast.intervals[i];
  double sum = 0;
  for (size_t j = 0; j < forecast.mix_names.size(); ++j) {
    if (forecast.mix_names[j].starts_with("queue:")) sum += row.mix[j];
  }
  return sum > 0 ? row.mix[static_cast<size_t>(column)] / sum : 0.0;
}

// The forecast's queue:NAME columns (indices into mix_names).
std::vector<int> QueueColumns(const Forecast& forecast) {
  std::vector<int> columns;
  for (size_t j = 0; j < forecast.mix_names.size(); ++j) {
    if (forecast.mix_names[j].starts_with("queue:")) columns.push_back(static_cast<int>(j));
  }
  return columns;
}

// The plan of one queue column's calls, or of all calls (column < 0).
absl::StatusOr<std::vector<PlanRow>> Plan(const StaffFlags& f, const Forecast& forecast,
                                          int column) {
  std::vector<PlanRow> rows;
  // Simulating every interval takes a while: progress on a terminal.
  const bool progress = f.verify && isatty(STDERR_FILENO) != 0;
  const size_t n = forecast.intervals.size();
  for (size_t i = 0; i < n; ++i) {
    if (progress) {
      std::cerr << "\rverifying by simulation: interval " << i + 1 << "/" << n << " ("
                << Clock(forecast.intervals[i].start_ms) << ")" << std::flush;
    }
    const double share = QueueShare(forecast, i, column);
    absl::StatusOr<StaffingQuestion> q = IntervalQuestion(f, forecast, i, share);
    if (!q.ok()) return q.status();
    PlanRow row;
    row.start_ms = forecast.intervals[i].start_ms;
    row.calls = forecast.intervals[i].calls * share;
    row.aht_s = q->aht_s;
    if (absl::Status s = PlanInterval(f, *q, &row); !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat("interval ", Clock(row.start_ms), " (", f.forecast_path, ":",
                                       forecast.intervals[i].line, "): ", s.message()));
    }
    rows.push_back(row);
  }
  if (progress) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
  return rows;
}

std::string ModeLine(const StaffFlags& f) {
  std::string line = f.staffing.patience_s
                         ? absl::StrFormat("Erlang A (mean patience %g s)", *f.staffing.patience_s)
                         : std::string("Erlang C (no abandonment)");
  absl::StrAppend(&line, absl::StrFormat(", target %g%% answered within %g s",
                                         100 * *f.staffing.sl_target, f.staffing.target_s));
  if (f.staffing.max_abandon) {
    absl::StrAppend(&line,
                    absl::StrFormat(", at most %g%% abandoned", 100 * *f.staffing.max_abandon));
  }
  if (f.staffing.max_asa_s)
    absl::StrAppend(&line, absl::StrFormat(", ASA <= %g s", *f.staffing.max_asa_s));
  if (f.staffing.max_occupancy) {
    absl::StrAppend(&line, absl::StrFormat(", occupancy <= %g", *f.staffing.max_occupancy));
  }
  absl::StrAppend(&line, absl::StrFormat(", shrinkage %g", f.staffing.shrinkage.value_or(0)));
  if (f.verify) {
    const VerifyOptions& o = f.verify_options;
    absl::StrAppend(
        &line, absl::StrFormat("\nverified by simulation: %d replications of %g h after a warm-up "
                               "of 5 relaxation times, seeds %d.., decided by %s",
                               o.replications, static_cast<double>(o.window_ms) / 3.6e6, o.seed,
                               o.decide_by == VerifyOptions::Decide::kMean
                                   ? "the mean"
                                   : "the pessimistic end of the 95% interval"));
  }
  return line + "\n";
}

int Run(const StaffFlags& f) {
  if (!f.out_path.empty()) {
    // Checked before the work, so that a bad --out costs nothing.
    absl::Status s = CheckOutputFile({"--out", f.out_path}, {{"--forecast", f.forecast_path}});
    if (!s.ok()) {
      std::cerr << "acd staff: " << s.message() << "\n";
      return OutputErrorExit(s);
    }
  }
  absl::StatusOr<Forecast> forecast = ReadForecastCsv(f.forecast_path);
  if (!forecast.ok()) {
    std::cerr << "acd staff: " << forecast.status().message() << "\n";
    return 1;
  }
  // Each queue:NAME column is staffed on its own (agents serve one queue);
  // without such columns every call is one pool.
  std::vector<int> columns = QueueColumns(*forecast);
  if (columns.empty()) columns.push_back(-1);
  std::vector<std::vector<PlanRow>> plans;
  for (int column : columns) {
    absl::StatusOr<std::vector<PlanRow>> rows = Plan(f, *forecast, column);
    if (!rows.ok()) {
      std::cerr << "acd staff: " << rows.status().message() << "\n";
      return rows.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
    plans.push_back(*std::move(rows));
  }
  std::cout << ModeLine(f) << "\n";
  if (columns.front() < 0 && !forecast->mix_names.empty()) {
    std::cout << "Note: one pool of agents for all calls; the forecast's mix columns ("
              << absl::StrJoin(forecast->mix_names, ", ")
              << ") are added together (queue:NAME columns are staffed queue by queue).\n";
  }
  std::string csv = kCsvHeader;
  for (size_t p = 0; p < plans.size(); ++p) {
    const std::string queue =
        columns[p] < 0 ? "" : forecast->mix_names[static_cast<size_t>(columns[p])].substr(6);
    if (!queue.empty()) {
      std::cout << (p == 0 ? "" : "\n") << "Queue " << queue
                << " (its share of each interval's calls, agents of its own):\n";
    }
    std::cout << TableHeader(f.verify);
    for (const PlanRow& r : plans[p]) std::cout << TableRow(r, f.verify);
    std::cout << TotalsLine(plans[p], forecast->interval_ms);
    csv += CsvRows(queue, plans[p], f.verify);
  }
  if (plans.size() > 1) {
    // Every queue's agents at once, interval by interval.
    std::vector<PlanRow> all(plans.front().size());
    for (size_t i = 0; i < all.size(); ++i) {
      int64_t scheduled = 0;
      for (const std::vector<PlanRow>& plan : plans) {
        all[i].calls += plan[i].calls;
        all[i].agents += plan[i].agents;
        all[i].headcount += plan[i].headcount;
        scheduled += plan[i].verified.value_or(plan[i].agents);
      }
      if (f.verify) all[i].verified = scheduled;
    }
    std::cout << "\nall " << plans.size() << " queues, ";
    std::cout << TotalsLine(all, forecast->interval_ms);
  }
  if (!f.out_path.empty()) {
    // Temp file, sync, rename: a crash never leaves half a table behind.
    const absl::Status written = WriteFileAtomically(Env::Default(), f.out_path, csv);
    if (!written.ok()) {
      std::cerr << "acd staff: --out: cannot write " << f.out_path << ": " << written.message()
                << "\n";
      return 1;
    }
    std::cout << "wrote " << f.out_path << "\n";
  }
  return 0;
}

}  // namespace

const char* StaffUsage() {
  static const std::string usage = absl::StrCat(
      "usage: acd staff --forecast CSV [--aht-s Y] [--target-s T] [--sl-target S]\n"
      "                 [--patience-s P [--max-abandon X]] [--max-asa-s X] [--max-occupancy X]\n"
      "                 [--shrinkage X] [--verify [--replications R] [--seed S]\n"
      "                 [--sim-hours H] [--threads N] [--decide mean|bound]]\n"
      "                 [--out FILE.csv]\n"
      "\n"
      "Agents needed per interval of a forecast: the fewest that meet every\n"
      "target by Erlang C, or by Erlang A with --patience-s. With --verify each\n"
      "interval is then simulated through the routing engine (one queue, the\n"
      "interval's rate held steady, R seeded replications, each after a warm-up\n"
      "of five relaxation times of the queue, at least 30 minutes): agents are\n"
      "added while the simulation misses a target, and removed while one less\n"
      "still meets them after the level above met them with room to spare\n"
      "(even at the pessimistic end of the 95% intervals).\n"
      "SL, ASA and abandon are the analytic figures at the agents scheduled;\n"
      "headcount adds shrinkage. --sl-target defaults to 0.8.\n"
      "\n"
      "  --forecast CSV        interval_start,calls[,aht_s]: HH:MM (or YYYY-MM-DD HH:MM)\n"
      "                        of each 15 or 30 minute interval, expected calls, and\n"
      "                        their average handle time in seconds, which overrides\n"
      "                        --aht-s; '#' comments. With queue:NAME columns each\n"
      "                        queue is staffed on its own with its share of the\n"
      "                        calls (agents serve one queue; a table per queue, then\n"
      "                        all queues); intent:NAME columns alone are added\n"
      "                        together (one pool) (docs/file-formats.md)\n",

      StaffingFlagsUsage(),
      "  --verify              check each interval by simulation\n"
      "  --replications R      replications per staffing level (default 8)\n"
      "  --seed S              replication r uses seed S + r (default 1)\n"
      "  --sim-hours H         measured hours per replication (default 2)\n"
      "  --threads N           threads for the replications (default 2)\n"
      "  --decide mean|bound   accept a level by the simulated mean (default) or by\n"
      "                        the pessimistic end of its 95% confidence interval\n"
      "  --out FILE.csv        also write the table as CSV; an\n"
      "                        existing FILE is replaced whole (temp file, rename),\n"
      "                        never when it is the --forecast input\n"
      "  --help                this text\n");
  return usage.c_str();
}

int RunStaffCommand(int argc, char** argv) {
  if (WantsHelp(argc, argv)) {
    std::cout << StaffUsage();
    return 0;
  }
  StaffFlags flags;
  if (std::string error = ParseStaffFlags(argc, argv, &flags); !error.empty()) {
    std::cerr << "acd staff: " << error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << StaffUsage();
    return 0;
  }
  return Run(flags);
}

}  // namespace acd::tools
