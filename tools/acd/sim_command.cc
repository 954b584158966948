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
#include "tools/acd/sim_flags.h"
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

// --out: the run as a plan of one replication of one day, written by the
// planner's writers (the same files, columns and keys).
PlanReport SingleRunReport(const SimFlags& flags, const CenterConfig& center,
                           const SimOptions& options, const std::string& sellers_from,
                           const SimResult& result) {
  PlanReport r;
  r.center_name = flags.config_path.empty()
                      ? "the embedded sales department"
                      : std::filesystem::path(flags.config_path).filename().string();
  r.forecast_name = "(the sales day's profile, --calls-per-hour)";
  r.first_date = options.date;
  r.time_zone = center.calendar.time_zone_name;
  NameSlices(center, options, &r);
  r.sellers_from = sellers_from;
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
  std::optional<PlanningCenter> loaded = LoadSimCenter(flags);
  if (!loaded) return 1;
  absl::StatusOr<SellerChoice> sellers = ChooseSellers(flags, *loaded);
  if (!sellers.ok()) {
    std::cerr << "acd sim: " << sellers.status().message() << "\n";
    return 1;
  }
  const CenterConfig* center = &loaded->center;
  SimOptions options = SalesDepartmentOptions(*center, flags.from_ms, flags.to_ms);
  options.sellers = sellers->sellers;
  options.seed = flags.seed;
  options.date = flags.date;
  if (!flags.out_dir.empty()) options.kpi_interval_ms = 15 * kMsPerMinute;
  ApplyRunFlags(flags, &options);
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
      !WritePlanOutputs(flags.out_dir,
                        SingleRunReport(flags, *center, options, sellers->from, *result))) {
    return 1;
  }
  return 0;
}

}  // namespace

int RunSimCommand(int argc, char** argv) {
  // --help wins, even where a flag would take it as its value.
  if (WantsHelp(argc, argv)) {
    std::cout << SimUsage();
    return 0;
  }
  SimFlags flags;
  if (std::optional<std::string> error = ParseSimFlags(argc, argv, &flags)) {
    std::cerr << "acd sim: " << *error << "\n";
    return 2;
  }
  return flags.plan() ? RunSimPlan(flags) : Run(flags);
}

}  // namespace acd::tools
