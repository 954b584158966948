// `acd sim`: flag parsing, loading the center, running, printing.
#include "tools/acd/sim_command.h"

#include <charconv>
#include <filesystem>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/strings/match.h"
#include "acd/config.h"
#include "acd/replications.h"
#include "acd/schedule.h"
#include "acd/sim.h"
#include "tools/acd/file_error.h"
#include "tools/acd/flag_reader.h"
#include "tools/acd/output_paths.h"
#include "tools/acd/sim_plan.h"
#include "tools/acd/sim_plan_flags.h"
#include "tools/acd/sim_plan_needed.h"
#include "tools/acd/sim_queue_log.h"

namespace acd::tools {

// "HH:MM" (or "HH:MM:SS") within one day, 24:00 allowed as the end.
bool ParseClock(std::string_view text, TimeMs* out) {
  int parts[3] = {0, 0, 0};
  int n = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (n < 3) {
    auto [next, ec] = std::from_chars(p, end, parts[n]);
    if (ec != std::errc() || next - p != 2) return false;
    ++n;
    p = next;
    if (p == end) break;
    if (*p != ':') return false;
    ++p;
  }
  if (p != end || n < 2) return false;
  if (parts[1] > 59 || parts[2] > 59) return false;
  const TimeMs ms = parts[0] * kMsPerHour + parts[1] * kMsPerMinute + parts[2] * kMsPerSecond;
  if (ms > 24 * kMsPerHour) return false;
  *out = ms;
  return true;
}

namespace {

struct SimFlags {
  bool trace = false;
  bool help = false;
  std::string config_path;  // empty: the embedded default center
  uint64_t seed = 1;
  TimeMs from_ms = 8 * kMsPerHour;
  TimeMs to_ms = 12 * kMsPerHour;
  std::optional<double> calls_per_hour;
  absl::CivilDay date = SimOptions().date;
  std::string queue_log_path;  // empty: no queue log
  std::string out_dir;         // empty: no files
  // The customers' side of callbacks (SimOptions::callbacks); unset: defaults.
  std::optional<double> callback_acceptance;
  std::optional<double> callback_answer;
};

// A probability flag in [0, 1]; false when the value is not one.
bool ParseProbability(const std::string& value, double* out) {
  return absl::SimpleAtod(value, out) && std::isfinite(*out) && *out >= 0 && *out <= 1;
}

std::string BadValue(const std::string& flag, const char* why, const std::string& value) {
  return absl::StrCat(flag, ": ", why, ", got '", value, "'");
}

// One flag with a value; an empty string when it was fine.
std::string ParseValueFlag(const std::string& flag, const std::string& value, SimFlags* flags) {
  if (flag == "--config") {
    if (value.empty()) return absl::StrCat(flag, ": needs a file name");
    flags->config_path = value;
  } else if (flag == "--seed") {
    if (!absl::SimpleAtoi(value, &flags->seed) || value.starts_with("-") ||
        value.starts_with("+")) {
      return BadValue(flag, "expected a whole number from 0 to 18446744073709551615", value);
    }
  } else if (flag == "--from" || flag == "--to") {
    TimeMs* out = flag == "--from" ? &flags->from_ms : &flags->to_ms;
    if (!ParseClock(value, out)) return BadValue(flag, "expected a time HH:MM (00:00-24:00)", value);
  } else if (flag == "--calls-per-hour") {
    double rate = 0;
    if (!absl::SimpleAtod(value, &rate) || !std::isfinite(rate) || rate < 0 || rate > 1e6) {
      return BadValue(flag, "expected a number of calls per hour from 0 to 1000000", value);
    }
    flags->calls_per_hour = rate;
  } else if (flag == "--date") {
    if (!absl::ParseCivilTime(value, &flags->date) || flags->date.year() < 1970 ||
        flags->date.year() > 9999) {
      return BadValue(flag, "expected a date YYYY-MM-DD from 1970 to 9999", value);
    }
  } else if (flag == "--queue-log") {
    if (value.empty()) return absl::StrCat(flag, ": needs a file name");
    flags->queue_log_path = value;
  } else if (flag == "--out") {
    if (value.empty()) return absl::StrCat(flag, ": needs a directory");
    flags->out_dir = value;
  } else if (flag == "--callback-acceptance" || flag == "--callback-answer") {
    double p = 0;
    if (!ParseProbability(value, &p)) return BadValue(flag, "expected a probability from 0 to 1", value);
    (flag == "--callback-acceptance" ? flags->callback_acceptance : flags->callback_answer) = p;
  } else {
    return absl::StrCat(flag, ": unknown flag (see 'acd sim --help')");
  }
  return "";
}

// Parses the flags; an error message naming the flag when they are bad.
std::optional<std::string> ParseSimFlags(int argc, char** argv, SimFlags* flags) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--trace" || flag == "--help" || flag == "-h") {
      if (reader.has_inline_value()) return absl::StrCat(flag, ": takes no value");
      (flag == "--trace" ? flags->trace : flags->help) = true;
      continue;
    }
    if (!flag.starts_with("-")) {
      return absl::StrCat("unexpected argument '", flag, "' (see 'acd sim --help')");
    }
    if (IsPlanFlag(flag)) {
      return absl::StrCat(flag, ": a planner's flag, for a forecast: give --forecast CSV too "
                                "(see 'acd sim --help')");
    }
    if (flag != "--config" && flag != "--seed" && flag != "--from" && flag != "--to" &&
        flag != "--calls-per-hour" && flag != "--queue-log" && flag != "--date" &&
        flag != "--out" &&
        flag != "--callback-acceptance" && flag != "--callback-answer") {
      return absl::StrCat(flag, ": unknown flag (see 'acd sim --help')");
    }
    const std::optional<std::string> value = reader.Value();
    if (!value) return absl::StrCat(flag, ": needs a value");
    if (std::string error = ParseValueFlag(flag, *value, flags); !error.empty()) return error;
  }
  if (flags->to_ms <= flags->from_ms) {
    return absl::StrCat("--to: must be after --from (", FormatClock(flags->from_ms), "), got ",
                        FormatClock(flags->to_ms));
  }
  return std::nullopt;
}

// --out: the run as a plan of one replication of one day, written by the
// planner's writers (the same files, columns and keys).
PlanReport SingleRunReport(const SimFlags& flags, const CenterConfig& center,
                           const SimOptions& options, const SimResult& result) {
  PlanReport r;
  r.center_name = flags.config_path.empty()
                      ? "the embedded sales department"
                      : std::filesystem::path(flags.config_path).filename().string();
  r.forecast_name = "(the sales day's profile, --calls-per-hour)";
  r.first_date = options.date;
  r.time_zone = center.calendar.time_zone_name;
  for (const QueueConfig& q : center.queues) {
    r.queue_names.push_back(q.name);
    if (absl::EqualsIgnoreCase(q.name, options.seller_queue)) r.seller_queue = q.name;
  }
  r.seed = flags.seed;
  r.sl_threshold_ms = options.sl_threshold_ms;
  r.interval_ms = options.kpi_interval_ms;
  r.model_name = "a single run (acd sim without --forecast)";
  r.max_live_calls = center.max_live_calls;
  const std::vector<SimOptions> days = {options};
  PlanAccumulator estimates(days, 1);
  estimates.Add(0, result);
  AddRunTotals(result, &r);
  r.estimates = estimates.Estimates();
  for (const PlanEstimates::Interval& row : r.estimates.intervals) {
    r.calls.push_back(IntervalCalls(options.traffic, row.start_ms, r.interval_ms));
    r.scheduled.push_back(ScheduledAgents(options.shifts, row.start_ms, r.interval_ms, 1).front());
  }
  return r;
}

int Run(const SimFlags& flags) {
  if (!flags.out_dir.empty()) {
    // Checked before the run, so that a bad --out costs nothing.
    absl::Status s = CheckOutputDir({"--out", flags.out_dir}, PlanOutputNames(),
                                    {{"--config", flags.config_path}});
    if (!s.ok()) {
      std::cerr << "acd sim: " << s.message() << "\n";
      return OutputErrorExit(s);
    }
  }
  if (!flags.queue_log_path.empty()) {
    if (flags.queue_log_path == "-" && flags.trace) {
      std::cerr << "acd sim: --queue-log -: standard output already carries --trace; "
                   "write the queue log to a file\n";
      return 2;
    }
    absl::Status s = CheckOutputFile({"--queue-log", flags.queue_log_path},
                                     {{"--config", flags.config_path}});
    if (!s.ok()) {
      std::cerr << "acd sim: " << s.message() << "\n";
      return OutputErrorExit(s);
    }
  }
  // With the queue log on standard output, the summary goes to stderr.
  std::ostream& report = flags.queue_log_path == "-" ? std::cerr : std::cout;
  absl::StatusOr<CenterConfig> center =
      flags.config_path.empty() ? DefaultCenter() : LoadCenterFile(flags.config_path);
  if (!center.ok()) {
    std::cerr << "acd sim: "
              << FileError(flags.config_path.empty() ? "the default center" : flags.config_path,
                           center.status())
              << "\n";
    return 1;
  }
  SimOptions options = SalesDepartmentOptions(*center, flags.from_ms, flags.to_ms);
  options.seed = flags.seed;
  options.date = flags.date;
  if (!flags.out_dir.empty()) options.kpi_interval_ms = 15 * kMsPerMinute;
  if (flags.callback_acceptance) options.callbacks.acceptance = *flags.callback_acceptance;
  if (flags.callback_answer) options.callbacks.answer_probability = *flags.callback_answer;
  if (flags.calls_per_hour) {
    absl::Status s = ScaleTraffic(*flags.calls_per_hour, flags.from_ms, flags.to_ms,
                                  &options.traffic);
    if (!s.ok()) {
      std::cerr << "acd sim: --calls-per-hour: " << s.message() << "\n";
      return 2;
    }
  }
  std::optional<TextTrace> trace;
  if (flags.trace) trace.emplace(*center, &std::cout);
  std::unique_ptr<QueueLogTrace> queue_log;
  if (!flags.queue_log_path.empty()) {
    auto opened = QueueLogTrace::Open(flags.queue_log_path, *center, options.date,
                                      trace ? &*trace : nullptr);
    if (!opened.ok()) {
      std::cerr << "acd sim: " << opened.status().message() << "\n";
      return 1;
    }
    queue_log = *std::move(opened);
  }
  TraceSink* sink = trace ? &*trace : nullptr;
  if (queue_log) sink = queue_log.get();
  absl::StatusOr<SimResult> result = RunSimulation(*center, options, sink);
  if (!result.ok()) {
    std::cout.flush();
    std::cerr << "acd sim: the simulation failed (seed " << flags.seed
              << "): " << result.status() << "\n";
    return 1;
  }
  if (flags.trace) std::cout << "\n";
  report << FormatSummary(*center, *result);
  if (queue_log) {
    if (absl::Status s = queue_log->Close(); !s.ok()) {
      std::cerr << "acd sim: " << s.message() << "\n";
      return 1;
    }
    report << "Wrote the queue log (" << queue_log->lines() << " lines) to "
           << (queue_log->path() == "-" ? "standard output" : queue_log->path()) << "\n";
  }
  if (!flags.out_dir.empty() &&
      !WritePlanOutputs(flags.out_dir, SingleRunReport(flags, *center, options, *result))) {
    return 1;
  }
  return 0;
}

}  // namespace

const char* SimUsage() {
  return "usage: acd sim [--trace] [--config FILE] [--seed N] [--date YYYY-MM-DD]\n"
         "               [--from HH:MM] [--to HH:MM]\n"
         "               [--calls-per-hour X] [--queue-log FILE] [--out DIR]\n"
         "               [--callback-acceptance P] [--callback-answer P]\n"
         "       acd sim --forecast CSV [--config FILE] [--schedule CSV] [--days N]\n"
         "               [--seed S] [--replications R] [--out DIR] ...  (planner mode,\n"
         "               its flags below)\n"
         "\n"
         "Replays a seeded simulated morning of a sales department through the routing\n"
         "engine on a virtual clock and prints a summary table per queue and per agent.\n"
         "Arrivals stop at --to; the calls still in line are served out. With entry\n"
         "rules in the center, the callers go through them (menu digits, the number\n"
         "dialled, business hours) as they would from the PBX's IVR.\n"
         "\n"
         "  --trace              print every routing decision as it happens\n"
         "  --config FILE        center file (YAML or JSON); default: the embedded\n"
         "                       sales department (examples/centers/sales.yaml)\n"
         "  --seed N             random seed (default 1); one seed, one result\n"
         "  --date YYYY-MM-DD    the simulated day on the center's calendar (default\n"
         "                       2026-11-24, a Tuesday); the center's hours, holidays\n"
         "                       and entry rules see its local time\n"
         "  --from HH:MM         start of the simulated window (default 08:00)\n"
         "  --to HH:MM           end of arrivals (default 12:00)\n"
         "  --calls-per-hour X   average calls per hour over the window; the day's\n"
         "                       shape is kept (default: about 94 from 08:00 to 12:00)\n"
         "  --queue-log FILE     write the run's queue log (one line per routing\n"
         "                       command, README 'Queue log') to FILE; '-' writes it\n"
         "                       to standard output (the summary then goes to stderr).\n"
         "                       FILE is replaced only when the run succeeds (temp\n"
         "                       file, then rename) and may never be an input file\n"
         "  --out DIR            also write the run's figures per 15-minute interval and\n"
         "                       per queue as the planner mode does: DIR/intervals.csv,\n"
         "                       DIR/queues.csv, DIR/queue_intervals.csv,\n"
         "                       DIR/summary.json, DIR/report.html (one\n"
         "                       replication: no confidence intervals)\n"
         "  --callback-acceptance P  share of callers sent to callback capture who\n"
         "                       leave a contact (default 0.8; 0: nobody)\n"
         "  --callback-answer P  chance that a called-back customer answers the dial\n"
         "                       (default 0.7)\n"
         "  --help               this text\n";
}

std::string SimHelp() { return absl::StrCat(SimUsage(), "\n", SimPlanUsage()); }

int RunSimCommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--forecast" || arg.starts_with("--forecast=")) return RunSimPlan(argc, argv);
  }
  if (WantsHelp(argc, argv)) {
    std::cout << SimHelp();
    return 0;
  }
  SimFlags flags;
  if (std::optional<std::string> error = ParseSimFlags(argc, argv, &flags)) {
    std::cerr << "acd sim: " << *error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << SimHelp();
    return 0;
  }
  return Run(flags);
}

}  // namespace acd::tools
