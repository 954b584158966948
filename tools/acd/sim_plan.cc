// `acd sim --forecast ...`: flags, loading the inputs, running the
// replications, writing the outputs.
#include "tools/acd/sim_plan.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "acd/config.h"
#include "acd/env.h"
#include "acd/planning.h"
#include "acd/schedule.h"
#include "acd/sim_trace.h"
#include "tools/acd/sim_flags.h"
#include "tools/acd/file_error.h"
#include "tools/acd/flag_reader.h"
#include "tools/acd/output_paths.h"
#include "tools/acd/sim_plan_needed.h"
#include "tools/acd/sim_plan_slices.h"

namespace acd::tools {
namespace {

struct Inputs {
  CenterConfig center;
  SellerChoice sellers;
  Forecast forecast;
  std::vector<AgentShift> shifts;
};

// Loads the center, the forecast and the schedule; prints the error.
std::optional<Inputs> LoadInputs(const SimFlags& flags) {
  Inputs in;
  std::optional<PlanningCenter> center = LoadSimCenter(flags);
  if (!center) return std::nullopt;
  absl::StatusOr<SellerChoice> sellers = ChooseSellers(flags, *center);
  if (!sellers.ok()) {
    std::cerr << "acd sim: " << sellers.status().message() << "\n";
    return std::nullopt;
  }
  in.sellers = *std::move(sellers);
  in.center = std::move(center->center);
  absl::StatusOr<Forecast> forecast = ReadForecastCsv(flags.forecast_path);
  if (!forecast.ok()) {
    std::cerr << "acd sim: " << forecast.status().message() << "\n";
    return std::nullopt;
  }
  in.forecast = *std::move(forecast);
  if (in.forecast.first_date && flags.date_given) {
    std::cerr << "acd sim: --date: the forecast's rows carry their own dates (from "
              << absl::FormatCivilTime(*in.forecast.first_date)
              << "); --date is for a forecast of HH:MM rows\n";
    return std::nullopt;
  }
  if (!flags.schedule_path.empty()) {
    absl::StatusOr<std::vector<AgentShift>> shifts =
        ReadScheduleCsv(flags.schedule_path, in.center);
    if (!shifts.ok()) {
      std::cerr << "acd sim: " << shifts.status().message() << "\n";
      return std::nullopt;
    }
    in.shifts = *std::move(shifts);
  }
  return in;
}

// A progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Update(int done, int total) {
    if (!enabled_) return;
    const int width = 40;
    const int filled = total > 0 ? done * width / total : width;
    std::cerr << "\r[" << std::string(static_cast<size_t>(filled), '#')
              << std::string(static_cast<size_t>(width - filled), ' ') << "] " << done << "/"
              << total << " simulated days" << (done == total ? "\n" : "") << std::flush;
  }

 private:
  bool enabled_;
};

}  // namespace

void NameSlices(const CenterConfig& center, const SimOptions& options, PlanReport* r) {
  for (const QueueConfig& q : center.queues) r->queue_names.push_back(q.name);
  if (options.sellers) r->sellers = options.sellers->Describe();
  for (const CallType& type : options.traffic.types) r->type_names.push_back(type.name);
  r->group_names = GroupAgents(center).names;
}

absl::StatusOr<SellerChoice> ChooseSellers(const SimFlags& flags, const PlanningCenter& center) {
  if (flags.seller_queue.empty()) return SellerChoice{center.sellers, "the center file's sellers"};
  absl::StatusOr<SellerDefinition> queue =
      SellerQueue(center.center, flags.seller_queue, "--seller-queue");
  if (!queue.ok()) return queue.status();
  return SellerChoice{
      *queue, absl::StrCat("--seller-queue, instead of the center file's ",
                           center.sellers ? center.sellers->Describe() : "(none named)")};
}

std::optional<PlanningCenter> LoadSimCenter(const SimFlags& flags) {
  absl::StatusOr<PlanningCenter> center = flags.config_path.empty()
                                              ? DefaultPlanningCenter()
                                              : LoadPlanningCenterFile(flags.config_path);
  if (!center.ok()) {
    std::cerr << "acd sim: "
              << FileError(flags.config_path.empty() ? "the default center" : flags.config_path,
                           center.status())
              << "\n";
    return std::nullopt;
  }
  return *std::move(center);
}

void AddRunTotals(const SimResult& run, PlanReport* r) {
  r->first_attempts += run.first_attempts;
  r->retrials += run.retrials;
  r->blocked_trunk += run.blocked_trunk;
  r->blocked_line += run.blocked_line;
  r->blocked_engine += run.blocked_engine;
  r->contacts_blocked += run.contacts_blocked;
  r->cut_at_serve_out_limit += run.cut_at_serve_out_limit;
  r->serve_out_max_ms = run.serve_out_max_ms;
  r->disconnected_at_close += run.disconnected_at_close;
  r->gave_up += run.gave_up;
  r->calls_arrived += run.calls_arrived;
}

namespace {

// Everything but the runs' totals (AddRunTotals) and the estimates.
void DescribePlan(const SimFlags& flags, const PlanningModel& model, const Inputs& in,
                  const std::vector<SimOptions>& day_options, int days, PlanReport* report) {
  PlanReport& r = *report;
  r.center_name = flags.config_path.empty()
                      ? "the embedded sales department"
                      : std::filesystem::path(flags.config_path).filename().string();
  r.forecast_name = std::filesystem::path(flags.forecast_path).filename().string();
  if (!flags.schedule_path.empty()) {
    r.schedule_name = std::filesystem::path(flags.schedule_path).filename().string();
  }
  r.seed = flags.seed;
  r.first_date = day_options.front().date;
  r.dated_forecast = in.forecast.first_date.has_value();
  r.time_zone = in.center.calendar.time_zone_name;
  NameSlices(in.center, day_options.front(), &r);
  r.sellers_from = in.sellers.from;
  r.model_name = flags.pure_model ? "pure (the textbook M/M/c queue, +M with a patience)"
                                  : "field (a sales floor's behaviour)";
  r.assumptions = DescribePlanningModel(model);
  r.max_live_calls = in.center.max_live_calls;
  r.days = days;
  r.replications = flags.replications;
  r.sl_threshold_ms = flags.model.sl_threshold_ms;
  r.interval_ms = day_options.front().kpi_interval_ms;
  r.sl_target = flags.sl_target;
}

// The rows of calls, scheduled and needed agents beside the estimates.
void AddStaffing(const Inputs& in, const std::vector<SimOptions>& day_options, PlanReport* r) {
  for (const PlanEstimates::Interval& row : r->estimates.intervals) {
    const SimOptions& o = day_options[static_cast<size_t>(row.day)];
    r->calls.push_back(IntervalCalls(o.traffic, row.start_ms, r->interval_ms));
    r->scheduled.push_back(
        o.shifts.empty() ? static_cast<double>(in.center.agents.size())
                         : ScheduledAgents(o.shifts, row.start_ms, r->interval_ms, 1).front());
  }
  AgentsNeeded(in.center, day_options, r->sl_target, r);
}

// The run's input files, for the output checks.
std::vector<FlagPath> InputPaths(const SimFlags& flags) {
  std::vector<FlagPath> inputs = {{"--config", flags.config_path},
                                  {"--forecast", flags.forecast_path},
                                  {"--schedule", flags.schedule_path}};
  if (flags.handle.starts_with("empirical:")) {
    inputs.push_back({"--handle", flags.handle.substr(10)});
  }
  return inputs;
}

// --trace: the plan's first run (replication 0 of day 0, its seed and so
// its callers), every decision and the summary.
int TraceFirstRun(const SimFlags& flags, const ValidatedPlan& plan) {
  const uint64_t seed = ReplicationSeed(flags.seed, 0, 0);
  TextTrace trace(plan.center(), &std::cout);
  absl::StatusOr<SimResult> result = plan.Run(0, seed, &trace);
  if (!result.ok()) {
    std::cout.flush();
    std::cerr << "acd sim: the simulation failed (seed " << seed << "): " << result.status()
              << "\n";
    return 1;
  }
  std::cout << "\n" << FormatSummary(plan.center(), *result);
  return 0;
}

// Temp file, sync, rename: a crash never leaves half a report behind.
bool WriteFile(const std::filesystem::path& path, const std::string& text) {
  const absl::Status written = WriteFileAtomically(Env::Default(), path.string(), text);
  if (!written.ok()) {
    std::cerr << "acd sim: --out: cannot write " << path.string() << ": " << written.message()
              << "\n";
    return false;
  }
  return true;
}

// The files --out DIR holds.
}  // namespace

const std::vector<std::string>& PlanOutputNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"intervals.csv"};
    for (const SliceKind& kind : PlanSliceKinds()) {
      all.push_back(SliceDayFile(kind));
      all.push_back(SliceIntervalFile(kind));
    }
    all.push_back("summary.json");
    all.push_back("report.html");
    return all;
  }();
  return names;
}

bool WritePlanOutputs(const std::string& dir, const PlanReport& report) {
  if (absl::Status s = Env::Default().CreateDir(dir); !s.ok()) {
    std::cerr << "acd sim: --out: cannot create " << dir << ": " << s.message() << "\n";
    return false;
  }
  const std::filesystem::path base(dir);
  std::vector<std::pair<std::string, std::string>> files = {
      {"intervals.csv", PlanIntervalsCsv(report)}};
  for (size_t k = 0; k < PlanSliceKinds().size(); ++k) {
    files.emplace_back(SliceDayFile(PlanSliceKinds()[k]), PlanSlicesCsv(report, k));
    files.emplace_back(SliceIntervalFile(PlanSliceKinds()[k]), PlanSliceIntervalsCsv(report, k));
  }
  files.emplace_back("summary.json", PlanSummaryJson(report));
  files.emplace_back("report.html", PlanReportHtml(report));
  std::string written;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!WriteFile(base / files[i].first, files[i].second)) return false;
    absl::StrAppend(&written, i == 0 ? "" : i + 1 == files.size() ? " and " : ", ",
                    (base / files[i].first).string());
  }
  std::cout << "\nWrote " << written << ".\n";
  return true;
}

namespace {

int RunPlan(const SimFlags& flags) {
  if (!flags.out_dir.empty()) {
    // Checked before the simulation, so that a bad --out costs nothing.
    absl::Status s = CheckOutputDir({"--out", flags.out_dir}, PlanOutputNames(), InputPaths(flags));
    if (!s.ok()) {
      std::cerr << "acd sim: " << s.message() << "\n";
      return OutputErrorExit(s);
    }
  }
  std::optional<Inputs> in = LoadInputs(flags);
  if (!in) return 1;
  PlanningModel model = flags.model;
  if (absl::Status s = ApplyHandleFlag(flags.handle, &model); !s.ok()) {
    std::cerr << "acd sim: " << s.message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<SimOptions>> day_options =
      PlanDays(in->center, in->forecast, std::filesystem::path(flags.forecast_path).filename(),
               in->shifts, model);
  if (!day_options.ok()) {
    std::cerr << "acd sim: " << day_options.status().message() << "\n";
    return 1;
  }
  for (SimOptions& day : *day_options) day.sellers = in->sellers.sellers;
  // Checked once here; the runs do not check again.
  absl::StatusOr<ValidatedPlan> plan = ValidatedPlan::Check(in->center, *day_options);
  if (!plan.ok()) {
    std::cerr << "acd sim: " << plan.status().message() << "\n";
    return 1;
  }
  if (flags.trace) return TraceFirstRun(flags, *plan);
  const int days = flags.days > 0 ? flags.days : in->forecast.days;
  ProgressBar bar(isatty(STDERR_FILENO) != 0);
  const auto start = std::chrono::steady_clock::now();
  // Each run is folded into the estimates and the totals as it finishes
  // and dropped: memory does not grow with replications x days.
  PlanReport report;
  PlanAccumulator estimates(*day_options, days);
  absl::StatusOr<int> folded = FoldReplications(
      *plan, days, flags.replications, flags.seed, flags.threads,
      [&](int, int day, SimResult run) {
        estimates.Add(day, run);
        AddRunTotals(run, &report);
      },
      [&](int done, int total) { bar.Update(done, total); });
  if (!folded.ok()) {
    std::cerr << "acd sim: the simulation failed (seed " << flags.seed << "): " << folded.status()
              << "\n";
    return 1;
  }
  DescribePlan(flags, model, *in, *day_options, days, &report);
  report.estimates = estimates.Estimates();
  AddStaffing(*in, *day_options, &report);
  report.threads = flags.threads > 0
                       ? flags.threads
                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  report.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << FormatPlanTable(report);
  if (!flags.out_dir.empty() && !WritePlanOutputs(flags.out_dir, report)) return 1;
  return 0;
}

}  // namespace

int RunSimPlan(const SimFlags& flags) { return RunPlan(flags); }

}  // namespace acd::tools
