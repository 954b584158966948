// `acd compare`: building both designs' options, running the replications
// and turning each run's calls into the comparison's figures.
#include "tools/acd/compare_run.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>
#include <thread>
#include <utility>
#include <variant>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace acd::tools {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The label without its indentation.
std::string Trimmed(const char* label) {
  std::string text = label;
  text.erase(0, text.find_first_not_of(' '));
  return text;
}

constexpr CompareMetricDef kMetricDefs[kMetricCount] = {
    {"buyers", "Buyers (callers who chose 'buy')", 1},
    {"buyer_to_seller_s", "  time to reach a seller, mean (s)", 1},
    {"buyer_seller_in_60s_pct", "  at a seller within 60 s (% of buyers)", 1},
    {"buyer_reached_seller_pct", "  reached a seller at all (% of buyers)", 1},
    {"buyer_other_agent_pct", "  answered by a non-seller (% of buyers)", 1},
    {"calls_arrived", "Calls arrived", 1},
    {"calls_lost", "Calls lost", 1},
    {"abandoned", "  abandoned (IVR, line, ringing)", 1},
    {"turned_away", "  turned away after queueing", 1},
    {"blocked", "  blocked (trunks, full line)", 1},
    {"contacts_captured", "Contacts captured (callback)", 1},
    {"callbacks_completed", "  callbacks completed", 1},
    {"callback_time_s", "  time to complete a callback, mean (s)", 0},
    {"service_level_pct", "Service level, 20 s (%)", 1},
    {"asa_s", "ASA (s)", 1},
    {"occupancy_pct", "Agent occupancy (%)", 1},
    {"seller_occupancy_pct", "Seller occupancy (%)", 1},
};

std::optional<QueueId> FindQueue(const CenterConfig& center, const std::string& name) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    if (center.queues[q].name == name) return static_cast<QueueId>(q);
  }
  return std::nullopt;
}

// Watches one run: which calls are buyers, who answered them and how every
// call ended. Thread-safety: none; the simulating thread. Memory: one
// record per live buyer.
class FiguresTrace : public TraceSink {
 public:
  FiguresTrace(absl::flat_hash_set<AgentId> sellers, TimeMs within_ms)
      : sellers_(std::move(sellers)), within_ms_(within_ms) {}

  void OnEvent(const Event& event) override {
    if (const auto* arrive = std::get_if<CallArrive>(&event.body)) {
      if (arrive->attributes.intent == Intent::kBuy) {
        ++buyers_;
        buyer_calls_.insert(arrive->call);
      }
    }
  }

  void OnCommand(const Command& command) override {
    if (const auto* connected = std::get_if<CallConnected>(&command.body)) {
      if (!buyer_calls_.contains(connected->call)) return;
      if (sellers_.contains(connected->agent)) {
        ++buyers_at_seller_;
        to_seller_ms_ += connected->wait_ms;
        if (connected->wait_ms <= within_ms_) ++buyers_in_time_;
      } else {
        ++buyers_at_other_;
      }
    } else if (const auto* ended = std::get_if<CallEnded>(&command.body)) {
      buyer_calls_.erase(ended->call);
      CountEnd(*ended);
    }
  }

  RunFigures Figures(const SimResult& result) const;

 private:
  void CountEnd(const CallEnded& ended) {
    switch (ended.disposition) {
      case Disposition::kAbandonedInIvr:
      case Disposition::kAbandonedInQueue:
      case Disposition::kAbandonedRinging: ++abandoned_; break;
      case Disposition::kOverflowed: ++turned_away_; break;
      case Disposition::kRejected:
        if (ended.queued) ++turned_away_;
        break;
      case Disposition::kCallbackCaptured: ++captured_; break;
      default: break;
    }
  }

  absl::flat_hash_set<AgentId> sellers_;
  TimeMs within_ms_;
  absl::flat_hash_set<CallId> buyer_calls_;
  uint64_t buyers_ = 0;
  uint64_t buyers_at_seller_ = 0;
  uint64_t buyers_in_time_ = 0;
  uint64_t buyers_at_other_ = 0;
  TimeMs to_seller_ms_ = 0;
  uint64_t abandoned_ = 0;
  uint64_t turned_away_ = 0;
  uint64_t captured_ = 0;
};

double Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? kNaN : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Busy over available-or-busy time, in percent, of the agents `pick` takes.
template <typename Pick>
double OccupancyPct(const KpiReport& kpis, Pick pick) {
  TimeMs busy_ms = 0;
  TimeMs ready_ms = 0;
  for (const AgentKpi& agent : kpis.agents) {
    if (!pick(agent.id)) continue;
    busy_ms += agent.BusyMs();
    ready_ms += agent.state_ms[static_cast<int>(AgentState::kReady)];
  }
  if (busy_ms + ready_ms == 0) return kNaN;
  return 100.0 * static_cast<double>(busy_ms) / static_cast<double>(busy_ms + ready_ms);
}

RunFigures FiguresTrace::Figures(const SimResult& result) const {
  RunFigures f;
  f.fill(kNaN);
  f[kBuyers] = static_cast<double>(buyers_);
  f[kBuyerToSellerMeanS] = buyers_at_seller_ == 0
                               ? kNaN
                               : static_cast<double>(to_seller_ms_) /
                                     static_cast<double>(buyers_at_seller_) / 1000.0;
  f[kBuyerSellerIn60sPct] = Percent(buyers_in_time_, buyers_);
  f[kBuyerReachedSellerPct] = Percent(buyers_at_seller_, buyers_);
  f[kBuyerOtherAgentPct] = Percent(buyers_at_other_, buyers_);
  f[kCallsArrived] =
      static_cast<double>(result.calls_arrived + result.blocked_trunk + result.blocked_engine);
  const uint64_t blocked = result.blocked_trunk + result.blocked_line + result.blocked_engine;
  f[kAbandoned] = static_cast<double>(abandoned_);
  f[kTurnedAway] = static_cast<double>(turned_away_);
  f[kBlocked] = static_cast<double>(blocked);
  f[kCallsLost] = static_cast<double>(abandoned_ + turned_away_ + blocked);
  f[kContactsCaptured] = static_cast<double>(captured_);
  const CallbackKpi& callbacks = result.kpis.callbacks;
  f[kCallbacksCompleted] = static_cast<double>(callbacks.completed);
  f[kCallbackTimeS] = callbacks.connected == 0 ? kNaN : callbacks.ToConnectMeanMs() / 1000.0;
  const QueueKpi& total = result.kpis.total;
  f[kServiceLevelPct] = total.offered == 0 ? kNaN : 100.0 * total.ServiceLevel();
  f[kAsaS] = total.answered == 0 ? kNaN : total.AsaMs() / 1000.0;
  f[kOccupancyPct] = OccupancyPct(result.kpis, [](AgentId) { return true; });
  f[kSellerOccupancyPct] =
      OccupancyPct(result.kpis, [this](AgentId id) { return sellers_.contains(id); });
  return f;
}

absl::flat_hash_set<AgentId> Sellers(const CenterConfig& center, const SellerDefinition& who) {
  absl::flat_hash_set<AgentId> sellers;
  const std::vector<bool> is_seller = SellerAgents(center, who);
  for (size_t a = 0; a < center.agents.size(); ++a) {
    if (is_seller[a]) sellers.insert(center.agents[a].id);
  }
  return sellers;
}

// Customers of A's sellers who are not in B are shared among the owners
// B still has (a seller fewer in B keeps their customers in the CRM, who
// are then owned by the remaining sellers).
void MapOwners(const CenterConfig& a, const CenterConfig& b, std::vector<CallType>* types,
               std::vector<std::string>* notes) {
  absl::flat_hash_set<AgentId> in_b;
  for (const AgentConfig& agent : b.agents) in_b.insert(agent.id);
  absl::flat_hash_set<AgentId> noted;
  for (CallType& type : *types) {
    std::vector<AgentId> kept;
    for (AgentId owner : type.owner_agents) {
      if (in_b.contains(owner)) {
        kept.push_back(owner);
      } else if (noted.insert(owner).second) {
        std::string name;
        for (const AgentConfig& agent : a.agents) {
          if (agent.id == owner) name = absl::StrCat(" (", agent.name, ")");
        }
        notes->push_back(absl::StrCat("agent ", owner, name, " of A is not in B: the customers A ",
                                      "gives them are shared among B's remaining owners"));
      }
    }
    type.owner_agents = std::move(kept);
  }
}

// A's caller types on B: callers the entry rules place go through B's
// rules; the others to the same queue by name, else B's default entry
// queue (where callers who choose nothing else go).
absl::Status MapTypes(const CenterConfig& a, const CenterConfig& b, const std::string& b_name,
                      std::vector<CallType>* types, std::vector<std::string>* notes) {
  MapOwners(a, b, types, notes);
  for (CallType& type : *types) {
    if (type.routing == CallRouting::kByEntryRules) {
      // The same callers go through B's own entry rules.
      const QueueId in_b = ExpectedEntryQueue(b, type);
      if (ExpectsQueue(type) && in_b != kNoQueue &&
          a.queues[type.queue].name != b.queues[in_b].name) {
        notes->push_back(absl::StrCat("'", type.name, "' callers (queue ",
                                      a.queues[type.queue].name, " in A) go to ",
                                      b.queues[in_b].name, " in B (its entry rules)"));
      }
      type.queue = in_b;
      continue;
    }
    if (!ExpectsQueue(type)) continue;
    const std::string& queue = a.queues[type.queue].name;
    if (std::optional<QueueId> same = FindQueue(b, queue)) {
      type.queue = *same;
    } else if (b.entry_default.kind == OverflowKind::kQueue) {
      type.queue = b.entry_default.queue;
      notes->push_back(absl::StrCat("'", type.name, "' callers (queue ", queue, " in A) go to ",
                                    b.queues[type.queue].name, " in B (its entry_default)"));
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(b_name, ": no queue '", queue, "' for the '", type.name,
                       "' callers, and entry_default does not go to a queue"));
    }
  }
  return absl::OkStatus();
}

// Agents in both designs work the same hours with the same breaks (A's),
// so that only the call flow differs.
void AlignShifts(const std::vector<AgentShift>& a, std::vector<AgentShift>* b) {
  for (AgentShift& shift : *b) {
    for (const AgentShift& same : a) {
      if (same.agent == shift.agent) shift = same;
    }
  }
}

// Runs every (replication, design) on `threads` threads; results by
// 2 * replication + design.
std::vector<absl::StatusOr<RunFigures>> RunAll(
    const std::array<ValidatedPlan, 2>& plans, const std::array<std::string, 2>& names,
    const std::array<absl::flat_hash_set<AgentId>, 2>& sellers, const CompareSetup& setup) {
  const int runs = 2 * setup.replications;
  std::vector<absl::StatusOr<RunFigures>> figures(static_cast<size_t>(runs),
                                                  absl::UnknownError("not run"));
  std::atomic<int> next{0};
  auto work = [&] {
    for (int task = next++; task < runs; task = next++) {
      const int design = task % 2;
      const int k = task / 2;
      FiguresTrace trace(sellers[design], setup.seller_within_ms);
      absl::StatusOr<SimResult> result =
          plans[design].Run(0, ReplicationSeed(setup.seed, k, 0), &trace);
      if (!result.ok()) {
        figures[static_cast<size_t>(task)] = absl::Status(
            result.status().code(), absl::StrCat(names[design], ": replication ", k, ": ",
                                                 result.status().message()));
      } else {
        figures[static_cast<size_t>(task)] = trace.Figures(*result);
      }
    }
  };
  int threads = setup.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, runs);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return figures;
}

}  // namespace

const CompareMetricDef& MetricDef(CompareMetric metric) { return kMetricDefs[metric]; }

absl::StatusOr<std::array<SimOptions, 2>> CompareOptions(
    const std::array<const CenterConfig*, 2>& centers, const std::array<std::string, 2>& names,
    const CompareSetup& setup, std::vector<std::string>* notes) {
  std::array<SimOptions, 2> options;
  for (int d = 0; d < 2; ++d) {
    if (!setup.sellers[d]) {
      return absl::InvalidArgumentError(
          absl::StrCat(names[d], ": the center file names no sellers: add sellers: {queue: NAME} "
                                 "or {skill: NAME}, or give --seller-queue"));
    }
    options[d] = SalesDepartmentOptions(*centers[d], setup.from_ms, setup.to_ms);
    options[d].sellers = setup.sellers[d];
    options[d].sl_threshold_ms = setup.sl_threshold_ms;
  }
  TrafficProfile& traffic = options[0].traffic;
  if (setup.calls_per_hour > 0) {
    absl::Status s = ScaleTraffic(setup.calls_per_hour, setup.from_ms, setup.to_ms, &traffic);
    if (!s.ok()) return absl::InvalidArgumentError(absl::StrCat("--calls-per-hour: ", s.message()));
  }
  TrafficProfile mapped = traffic;
  if (absl::Status s = MapTypes(*centers[0], *centers[1], names[1], &mapped.types, notes);
      !s.ok()) {
    return s;
  }
  options[1].traffic = std::move(mapped);
  AlignShifts(options[0].shifts, &options[1].shifts);
  return options;
}

absl::StatusOr<ComparisonResult> RunComparison(const std::array<const CenterConfig*, 2>& centers,
                                               const std::array<std::string, 2>& names,
                                               const CompareSetup& setup) {
  ComparisonResult out;
  absl::StatusOr<std::array<SimOptions, 2>> options =
      CompareOptions(centers, names, setup, &out.notes);
  if (!options.ok()) return options.status();
  // Each design's options are checked once here, not once per run.
  const std::array<std::vector<SimOptions>, 2> days = {std::vector<SimOptions>{(*options)[0]},
                                                       std::vector<SimOptions>{(*options)[1]}};
  std::array<absl::StatusOr<ValidatedPlan>, 2> checked = {
      ValidatedPlan::Check(*centers[0], days[0]), ValidatedPlan::Check(*centers[1], days[1])};
  for (int d = 0; d < 2; ++d) {
    if (!checked[d].ok()) {
      return absl::InvalidArgumentError(absl::StrCat(names[d], ": ", checked[d].status().message()));
    }
  }
  const std::array<ValidatedPlan, 2> plans = {*checked[0], *checked[1]};
  std::array<absl::flat_hash_set<AgentId>, 2> sellers;
  for (int d = 0; d < 2; ++d) {
    sellers[d] = Sellers(*centers[d], *setup.sellers[d]);
  }
  const std::vector<absl::StatusOr<RunFigures>> figures =
      RunAll(plans, names, sellers, setup);
  for (const auto& f : figures) {
    if (!f.ok()) return f.status();
  }
  for (int m = 0; m < kMetricCount; ++m) {
    // Both columns and their difference over the same replications: those
    // where both designs define the figure (a mean wait needs an answered
    // call), so that B - A is the difference of the columns.
    std::array<std::vector<double>, 2> samples, own;
    std::vector<double> diffs;
    for (int k = 0; k < setup.replications; ++k) {
      const double a = (*figures[static_cast<size_t>(2 * k)])[m];
      const double b = (*figures[static_cast<size_t>(2 * k + 1)])[m];
      if (!std::isnan(a)) own[0].push_back(a);
      if (!std::isnan(b)) own[1].push_back(b);
      if (std::isnan(a) || std::isnan(b)) continue;
      samples[0].push_back(a);
      samples[1].push_back(b);
      diffs.push_back(b - a);
    }
    const bool paired = !diffs.empty();
    out.designs[0][m] = EstimateMean(paired ? samples[0] : own[0]);
    out.designs[1][m] = EstimateMean(paired ? samples[1] : own[1]);
    out.diff[m] = EstimateMean(diffs);
    if (paired && static_cast<int>(diffs.size()) < setup.replications) {
      out.notes.push_back(absl::StrCat("'", Trimmed(kMetricDefs[m].label), "': over the ",
                                       diffs.size(), " of ", setup.replications,
                                       " replications where both designs define it"));
    }
  }
  if (std::string warning = FewReplicationsWarning(setup.replications); !warning.empty()) {
    out.notes.push_back(std::move(warning));
  }
  return out;
}

}  // namespace acd::tools
