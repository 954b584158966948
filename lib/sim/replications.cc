// ValidatedPlan, FoldReplications over threads, RunReplications on it, and
// PlanAccumulator / EstimatePlan across the runs.
#include "acd/replications.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "acd/kpi.h"
#include "sim/random.h"
#include "sim/simulator.h"

namespace acd {
namespace {

constexpr uint64_t kReplicationStream = 0x5eed;

// Number of intervals of a day's window.
size_t WindowCount(const SimOptions& options) {
  const TimeMs step_ms = options.kpi_interval_ms;
  return static_cast<size_t>((options.end_ms - options.start_ms + step_ms - 1) / step_ms);
}

void AddAll(const IntervalKpi& kpi, TimeMs duration_ms, std::vector<MeanAccumulator>* into) {
  const std::vector<KpiDef>& defs = KpiDefs();
  for (size_t k = 0; k < defs.size(); ++k) {
    if (std::optional<double> v = defs[k].value(kpi, duration_ms)) (*into)[k].Add(*v);
  }
}

using SliceAccumulators = std::array<MeanAccumulator, 9>;

// One run's figures of one slice (a day or an interval): counts always,
// service level, ASA and occupancy only where they are defined.
void AddSlice(const IntervalKpi::Counts& c, SliceAccumulators* acc) {
  auto count = [](uint64_t n) { return static_cast<double>(n); };
  (*acc)[0].Add(count(c.blocked));
  (*acc)[1].Add(count(c.ended_before_queue));
  (*acc)[2].Add(count(c.offered));
  (*acc)[3].Add(count(c.answered));
  (*acc)[4].Add(count(c.abandoned));
  (*acc)[5].Add(count(c.overflowed));
  if (c.offered > 0) (*acc)[6].Add(count(c.answered_in_sl) / count(c.offered));
  if (c.answered > 0) {
    (*acc)[7].Add(static_cast<double>(c.answered_wait_ms) / 1000.0 / count(c.answered));
  }
  if (c.available_ms > 0) {
    (*acc)[8].Add(static_cast<double>(c.busy_ms) / static_cast<double>(c.available_ms));
  }
}

// Every one of `count` slices (at least as many as `counts` holds) takes a
// sample, an empty one where `counts` has none.
void AddEach(const std::vector<IntervalKpi::Counts>& counts, size_t count,
             std::vector<SliceAccumulators>* into) {
  into->resize(std::max({into->size(), counts.size(), count}));
  for (size_t i = 0; i < into->size(); ++i) {
    AddSlice(i < counts.size() ? counts[i] : IntervalKpi::Counts{}, &(*into)[i]);
  }
}

// A day's queue from KpiReport, as a slice: every way of leaving but an
// answer or an abandon is an overflow.
IntervalKpi::Counts QueueDay(const QueueKpi& q) {
  IntervalKpi::Counts c;
  c.offered = q.offered;
  c.answered = q.answered;
  c.answered_in_sl = q.answered_in_sl;
  c.abandoned = q.abandoned;
  c.overflowed = q.Resolved() - q.answered - q.abandoned;
  c.answered_wait_ms = q.answered_wait_ms;
  return c;
}

std::vector<PlanEstimates::Slice> EstimateSlices(const std::vector<SliceAccumulators>& slices) {
  std::vector<PlanEstimates::Slice> estimates;
  estimates.reserve(slices.size());
  for (const SliceAccumulators& a : slices) {
    estimates.push_back(PlanEstimates::Slice{
        a[0].Estimate(), a[1].Estimate(), a[2].Estimate(), a[3].Estimate(), a[4].Estimate(),
        a[5].Estimate(), a[6].Estimate(), a[7].Estimate(), a[8].Estimate()});
  }
  return estimates;
}

std::vector<KpiEstimate> EstimateAll(const std::vector<MeanAccumulator>& kpis) {
  std::vector<KpiEstimate> estimates;
  estimates.reserve(kpis.size());
  for (const MeanAccumulator& a : kpis) estimates.push_back(a.Estimate());
  return estimates;
}

// The runs FoldReplications has started and not yet folded, in a ring of
// `window` slots indexed by task % window. Guarded by `mutex`.
struct FoldState {
  std::mutex mutex;
  std::condition_variable room;  // a slot was freed or the run stopped
  int next = 0;                  // the next task to start
  int folded = 0;                // tasks folded so far, in order
  int done = 0;                  // tasks finished (progress)
  int held = 0;                  // finished, waiting for their turn
  int max_held = 0;
  bool stop = false;
  absl::Status error;
  std::vector<std::optional<absl::StatusOr<SimResult>>> slots;
};

}  // namespace

uint64_t ReplicationSeed(uint64_t base_seed, int replication, int day) {
  return sim::MixSeed(base_seed ^ kReplicationStream, static_cast<uint64_t>(replication),
                      static_cast<uint64_t>(day));
}

absl::StatusOr<ValidatedPlan> ValidatedPlan::Check(const CenterConfig& center,
                                                   const std::vector<SimOptions>& day_options) {
  if (day_options.empty()) return absl::InvalidArgumentError("plan: no day options");
  for (const SimOptions& options : day_options) {
    if (absl::Status s = ValidateSimOptions(center, options); !s.ok()) return s;
  }
  return ValidatedPlan(&center, &day_options);
}

absl::StatusOr<SimResult> ValidatedPlan::Run(int day, uint64_t seed, TraceSink* trace) const {
  SimOptions options = (*day_options_)[static_cast<size_t>(day) % day_options_->size()];
  options.seed = seed;
  sim::Simulator simulator(*center_, options, trace);
  return simulator.RunChecked();
}

absl::StatusOr<int> FoldReplications(
    const ValidatedPlan& plan, int days, int replications, uint64_t base_seed, int threads,
    const std::function<void(int replication, int day, SimResult run)>& fold,
    const std::function<void(int done, int total)>& progress) {
  if (days < 1 || replications < 1) {
    return absl::InvalidArgumentError("replications: need days >= 1, replications >= 1");
  }
  const int total = days * replications;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, total);
  const int window = 2 * threads;
  FoldState state;
  state.slots.resize(static_cast<size_t>(window));
  auto work = [&] {
    std::unique_lock<std::mutex> lock(state.mutex);
    while (true) {
      // A run starts only when its slot is free: at most `window` runs are
      // running or waiting to be folded.
      state.room.wait(lock, [&] {
        return state.stop || state.next >= total || state.next < state.folded + window;
      });
      if (state.stop || state.next >= total) return;
      const int task = state.next++;
      lock.unlock();
      absl::StatusOr<SimResult> result =
          plan.Run(task % days, ReplicationSeed(base_seed, task / days, task % days));
      lock.lock();
      state.slots[static_cast<size_t>(task % window)] = std::move(result);
      state.max_held = std::max(state.max_held, ++state.held);
      if (progress) progress(++state.done, total);
      // Fold every finished run whose predecessors are folded.
      while (!state.stop && state.folded < total) {
        auto& slot = state.slots[static_cast<size_t>(state.folded % window)];
        if (!slot) break;
        absl::StatusOr<SimResult> run = *std::move(slot);
        slot.reset();
        --state.held;
        if (!run.ok()) {
          state.error = run.status();
          state.stop = true;
          break;
        }
        fold(state.folded / days, state.folded % days, *std::move(run));
        ++state.folded;
      }
      state.room.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (!state.error.ok()) return state.error;
  return state.max_held;
}

absl::StatusOr<std::vector<SimResult>> RunReplications(
    const CenterConfig& center, const std::vector<SimOptions>& day_options, int days,
    int replications, uint64_t base_seed, int threads,
    const std::function<void(int done, int total)>& progress) {
  absl::StatusOr<ValidatedPlan> plan = ValidatedPlan::Check(center, day_options);
  if (!plan.ok()) return plan.status();
  std::vector<SimResult> runs;
  absl::StatusOr<int> folded = FoldReplications(
      *plan, days, replications, base_seed, threads,
      [&](int, int, SimResult run) { runs.push_back(std::move(run)); }, progress);
  if (!folded.ok()) return folded.status();
  return runs;
}

void MeanAccumulator::Add(double x) {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

KpiEstimate MeanAccumulator::Estimate() const {
  KpiEstimate e;
  e.n = n_;
  if (n_ == 0) {
    e.mean = e.half_width = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  e.mean = mean_;
  if (n_ < 2) {
    e.half_width = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  const double sd = std::sqrt(std::max(0.0, m2_) / static_cast<double>(n_ - 1));
  e.half_width = StudentT975(static_cast<int>(n_ - 1)) * sd / std::sqrt(static_cast<double>(n_));
  return e;
}

PlanAccumulator::PlanAccumulator(const std::vector<SimOptions>& day_options, int days)
    : day_options_(&day_options),
      days_(static_cast<size_t>(std::max(days, 0)),
            std::vector<MeanAccumulator>(KpiDefs().size())),
      per_day_(KpiDefs().size()) {
  for (size_t f = 0; f < day_options.size(); ++f) {
    const SimOptions& options = day_options[f];
    first_interval_.push_back(intervals_.size());
    const size_t count = static_cast<int>(f) < days ? WindowCount(options) : 0;
    for (size_t i = 0; i < count; ++i) {
      intervals_.push_back(
          Interval{static_cast<int>(f),
                   options.start_ms + options.kpi_interval_ms * static_cast<TimeMs>(i),
                   std::vector<MeanAccumulator>(KpiDefs().size()), {}});
    }
  }
}

void PlanAccumulator::Add(int day, const SimResult& run) {
  const size_t f = static_cast<size_t>(day) % day_options_->size();
  const SimOptions& options = (*day_options_)[f];
  const size_t count = WindowCount(options);
  IntervalKpi total;
  for (size_t i = 0; i < count; ++i) {
    // Intervals the run never reached count as empty ones.
    IntervalKpi empty;
    empty.start_ms = options.start_ms + options.kpi_interval_ms * static_cast<TimeMs>(i);
    const IntervalKpi& kpi =
        i < run.intervals.intervals.size() ? run.intervals.intervals[i] : empty;
    Interval& interval = intervals_[first_interval_[f] + i];
    AddAll(kpi, options.kpi_interval_ms, &interval.kpis);
    AddSlices(kpi, run, options.traffic.types.size(), nullptr, &interval.slices);
    total.Add(kpi);
  }
  const TimeMs day_ms = options.end_ms - options.start_ms;
  AddAll(total, day_ms, &days_[static_cast<size_t>(day)]);
  AddAll(total, day_ms, &per_day_);
  std::vector<IntervalKpi::Counts> queues;
  for (const QueueKpi& q : run.kpis.queues) queues.push_back(QueueDay(q));
  AddSlices(total, run, options.traffic.types.size(), &queues, &day_slices_);
}

void PlanAccumulator::AddSlices(const IntervalKpi& kpi, const SimResult& run, size_t types,
                                const std::vector<IntervalKpi::Counts>* queues, Slices* into) {
  // Every queue of the center, call type of the traffic and agent group
  // takes a sample, 0 calls where none came.
  AddEach(queues != nullptr ? *queues : kpi.queues, run.kpis.queues.size(), &into->queues);
  AddEach(kpi.types, types, &into->types);
  AddEach(kpi.groups, run.intervals.group_names.size(), &into->groups);
}

PlanEstimates PlanAccumulator::Estimates() const {
  PlanEstimates plan;
  for (const Interval& interval : intervals_) {
    plan.intervals.push_back(PlanEstimates::Interval{
        interval.day, interval.start_ms, EstimateAll(interval.kpis),
        EstimateSlices(interval.slices.queues), EstimateSlices(interval.slices.types),
        EstimateSlices(interval.slices.groups)});
  }
  for (const auto& day : days_) plan.days.push_back(EstimateAll(day));
  plan.per_day = EstimateAll(per_day_);
  plan.queues = EstimateSlices(day_slices_.queues);
  plan.types = EstimateSlices(day_slices_.types);
  plan.groups = EstimateSlices(day_slices_.groups);
  return plan;
}

PlanEstimates EstimatePlan(const std::vector<SimOptions>& day_options, int days, int replications,
                           const std::vector<SimResult>& runs) {
  PlanAccumulator plan(day_options, days);
  for (int k = 0; k < replications; ++k) {
    for (int d = 0; d < days; ++d) plan.Add(d, runs[static_cast<size_t>(k * days + d)]);
  }
  return plan.Estimates();
}

}  // namespace acd
