// ForecastTraffic and PlanDays: a forecast and a model to SimOptions.
#include "acd/planning.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "acd/labels.h"
#include "acd/schedule.h"
#include "sim/csv.h"

namespace acd {
namespace {

constexpr TimeMs kMsPerDay = 24 * kMsPerHour;

// The types each mix column feeds, adding a type for a queue no type uses,
// and for an intent of the center no type has (its callers go through the
// center's entry rules, which look at the intent).
absl::StatusOr<std::vector<std::vector<size_t>>> MatchMix(const Forecast& forecast,
                                                          const CenterConfig& center,
                                                          const std::string& file,
                                                          std::vector<CallType>* types) {
  std::vector<std::vector<size_t>> matches;
  for (size_t j = 0; j < forecast.mix_names.size(); ++j) {
    const std::string& column = forecast.mix_names[j];
    const bool by_queue = absl::StartsWith(column, "queue:");
    const std::string name = column.substr(column.find(':') + 1);
    std::optional<Intent> intent;
    if (!by_queue) {
      absl::StatusOr<Intent> known = ResolveIntent(center.labels, "intent", name);
      if (!known.ok()) {
        return sim::CsvError(file, forecast.header_line,
                             static_cast<size_t>(forecast.mix_columns[j]), column,
                             absl::StrCat("'", name, "' is not an intent of the center; it knows ",
                                          absl::StrJoin(IntentNames(center.labels), ", ")));
      }
      intent = *known;
    }
    std::vector<size_t> match;
    for (size_t t = 0; t < types->size(); ++t) {
      const CallType& type = (*types)[t];
      const bool queued = ExpectsQueue(type);
      if (by_queue ? queued && type.queue < center.queues.size() &&
                         absl::EqualsIgnoreCase(center.queues[type.queue].name, name)
                   : type.intent == *intent) {
        match.push_back(t);
      }
    }
    if (match.empty() && by_queue) {
      for (size_t q = 0; q < center.queues.size() && match.empty(); ++q) {
        if (!absl::EqualsIgnoreCase(center.queues[q].name, name)) continue;
        CallType type = types->empty() ? CallType{} : types->front();
        type.name = center.queues[q].name;
        type.queue = static_cast<QueueId>(q);
        type.intent = Intent::kUnknown;
        type.ivr_route = Disposition::kNone;
        type.routing = CallRouting::kQueue;  // straight to the column's queue
        type.share = 0;
        types->push_back(type);
        match.push_back(types->size() - 1);
      }
    }
    if (match.empty() && !by_queue && !center.entry_rules.empty()) {
      CallType type = types->empty() ? CallType{} : types->front();
      type.name = name;
      type.intent = *intent;
      type.routing = CallRouting::kByEntryRules;  // the rules read the intent
      type.digits.clear();
      type.dnis.clear();
      type.ivr_route = Disposition::kNone;
      type.share = 0;
      type.queue = ExpectedEntryQueue(center, type);
      types->push_back(type);
      match.push_back(types->size() - 1);
    }
    if (match.empty()) {
      return sim::CsvError(
          file, forecast.header_line, static_cast<size_t>(forecast.mix_columns[j]), column,
          by_queue ? "no queue of that name in the center"
                   : "no call type with that intent, and the center has no entry rules to "
                     "route it");
    }
    matches.push_back(std::move(match));
  }
  return matches;
}

// Shares of the types in one interval from the forecast row's mix.
std::vector<double> MixRow(const ForecastInterval& row,
                           const std::vector<std::vector<size_t>>& matches,
                           const std::vector<CallType>& types) {
  std::vector<double> shares(types.size(), 0.0);
  for (size_t j = 0; j < matches.size(); ++j) {
    double base = 0;
    for (size_t t : matches[j]) base += types[t].share;
    for (size_t t : matches[j]) {
      const double part = base > 0 ? types[t].share / base : 1.0 / matches[j].size();
      shares[t] += row.mix[j] * part;
    }
  }
  return shares;
}

// Factor on talk times so that talk + wrap-up averages aht_s.
double HandleFactor(double aht_s, const std::vector<double>& shares,
                    const std::vector<CallType>& types, const CenterConfig& center) {
  double weight = 0, talk_ms = 0, wrapup_ms = 0;
  for (size_t t = 0; t < types.size(); ++t) {
    if (!ExpectsQueue(types[t]) || shares[t] <= 0) continue;
    weight += shares[t];
    talk_ms += shares[t] * types[t].handle_ms.MeanMs();
    if (types[t].queue < center.queues.size()) {
      wrapup_ms += shares[t] * static_cast<double>(center.queues[types[t].queue].wrapup_ms);
    }
  }
  if (weight <= 0 || talk_ms <= 0) return 1.0;
  const double wanted_talk_ms = std::max(0.05 * talk_ms, aht_s * 1000.0 - wrapup_ms / weight * 1.0);
  return wanted_talk_ms / (talk_ms / weight);
}

std::string Seconds(double ms) { return absl::StrFormat("%g s", ms / 1000.0); }

// PlanningModel::handle_ms: a kind that takes each type's mean, or samples.
std::string HandleKind(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kExponential:
      return "exponential with each call type's mean";
    case Distribution::Kind::kLognormal:
      return absl::StrFormat("lognormal (cv %g) with each call type's mean", d.b_ms / d.a_ms);
    default:
      return absl::StrCat(DescribeDistribution(d), " for every call type");
  }
}

}  // namespace

std::string DescribeDistribution(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::kConstant:
      return d.a_ms == 0 ? "none (0 s)" : absl::StrCat("always ", Seconds(d.a_ms));
    case Distribution::Kind::kUniform:
      return absl::StrFormat("uniform %g-%g s", d.a_ms / 1000.0, d.b_ms / 1000.0);
    case Distribution::Kind::kExponential:
      return absl::StrCat("exponential, mean ", Seconds(d.a_ms));
    case Distribution::Kind::kLognormal:
      return absl::StrCat("lognormal, mean ", Seconds(d.a_ms), ", sd ", Seconds(d.b_ms));
    case Distribution::Kind::kNever:
      return "never (callers wait forever)";
    case Distribution::Kind::kEmpirical:
      return absl::StrCat("empirical (", d.samples_ms ? d.samples_ms->size() : 0,
                          " samples), mean ", Seconds(d.a_ms));
  }
  return "?";
}

PlanningModel FieldPlanningModel() {
  PlanningModel model;
  model.base.retrial.probability = kFieldRetrialProbability;
  return model;
}

void MakePure(PlanningModel* model) {
  model->ivr_ms = Distribution::Constant(0);
  model->base.agents.answer_delay_ms = Distribution::Constant(0);
  model->base.agents.rona_probability = 0;
  model->base.retrial.probability = 0;
  model->handle_ms = Distribution::Exponential(1000);  // each type's mean (PlanDays)
  model->zero_patience_share = 0;
  if (!model->patience_ms) {
    model->patience_ms = Distribution::Never();
  } else if (model->patience_ms->kind != Distribution::Kind::kNever) {
    model->patience_ms = Distribution::Exponential(model->patience_ms->MeanMs());
  }
}

std::vector<std::string> DescribePlanningModel(const PlanningModel& m) {
  const SimOptions& b = m.base;
  std::vector<std::string> lines = {
      absl::StrCat("IVR time before the queue: ",
                   m.ivr_ms ? DescribeDistribution(*m.ivr_ms)
                            : "uniform 15-20 s (the call types' own)",
                   " [--ivr-s]"),
      absl::StrCat("handle time: ",
                   m.handle_ms ? HandleKind(*m.handle_ms)
                               : "each call type's own (lognormal, mean 120-300 s)",
                   ", scaled to the forecast's aht_s; wrap-up: the center's [--handle]"),
      absl::StrCat("patience: ",
                   m.patience_ms ? DescribeDistribution(*m.patience_ms)
                                 : "each call type's own (exponential, mean 60-120 s)",
                   m.zero_patience_share > 0
                       ? absl::StrFormat(", %g of callers none at all", m.zero_patience_share)
                       : "",
                   " [--patience, --zero-patience]"),
      absl::StrCat("agents answer ", DescribeDistribution(b.agents.answer_delay_ms),
                   " after the ring [--answer-delay-s]"),
      absl::StrFormat("offers left to ring out (no answer): %g%% [--ring-out]",
                      100 * b.agents.rona_probability),
      absl::StrFormat("callers who abandoned and call again: %g%%, after %s [--retry, "
                      "--retry-delay-s]",
                      100 * b.retrial.probability, DescribeDistribution(b.retrial.delay_ms)),
  };
  lines.push_back(absl::StrFormat(
      "callers sent to callback capture who leave a contact: %g%%; called back who answer: %g%% "
      "[--callback-acceptance, --callback-answer]",
      100 * b.callbacks.acceptance, 100 * b.callbacks.answer_probability));
  if (b.busyness_shape > 0) {
    lines.push_back(absl::StrFormat("daily busyness: gamma, shape %g [--busyness-shape]",
                                    b.busyness_shape));
  }
  if (b.trunk_lines > 0 || b.waiting_line_max > 0) {
    lines.push_back(absl::StrFormat("trunk lines: %d, waiting line: %d (0 = no limit) [--trunks, "
                                    "--waiting-line-max]",
                                    b.trunk_lines, b.waiting_line_max));
  }
  lines.push_back(absl::StrCat("at the end of arrivals: ",
                               b.at_close == AtClose::kServeOut
                                   ? "callers in line are served out"
                                   : "callers in line are disconnected",
                               " [--at-close]"));
  return lines;
}

absl::StatusOr<TrafficProfile> ForecastTraffic(const Forecast& forecast, int day,
                                               const CenterConfig& center,
                                               std::vector<CallType> types,
                                               const std::string& file_name) {
  absl::StatusOr<std::vector<std::vector<size_t>>> matches =
      MatchMix(forecast, center, file_name, &types);
  if (!matches.ok()) return matches.status();
  TrafficProfile profile;
  profile.interval_ms = forecast.interval_ms;
  std::vector<const ForecastInterval*> rows;
  for (const ForecastInterval& row : forecast.intervals) {
    if (row.start_ms / kMsPerDay == day) rows.push_back(&row);
  }
  if (rows.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(file_name, ": day ", day, " has no interval"));
  }
  profile.start_ms = rows.front()->start_ms % kMsPerDay;
  const auto count = static_cast<size_t>(
      (rows.back()->start_ms - rows.front()->start_ms) / forecast.interval_ms + 1);
  profile.calls_per_hour.assign(count, 0.0);
  const bool any_aht = std::any_of(rows.begin(), rows.end(), [](auto* r) { return r->aht_s; });
  if (!matches->empty()) profile.mix.assign(count, std::vector<double>(types.size(), 0.0));
  if (any_aht) profile.handle_factor.assign(count, 1.0);
  for (const ForecastInterval* row : rows) {
    const auto i =
        static_cast<size_t>((row->start_ms - rows.front()->start_ms) / forecast.interval_ms);
    profile.calls_per_hour[i] =
        row->calls * static_cast<double>(kMsPerHour) / static_cast<double>(forecast.interval_ms);
    std::vector<double> shares;
    for (const CallType& type : types) shares.push_back(type.share);
    if (!matches->empty()) shares = profile.mix[i] = MixRow(*row, *matches, types);
    if (row->aht_s) profile.handle_factor[i] = HandleFactor(*row->aht_s, shares, types, center);
  }
  profile.types = std::move(types);
  return profile;
}

absl::StatusOr<Distribution> ParseEmpiricalSeconds(std::string_view text,
                                                   std::string_view file_name) {
  absl::StatusOr<std::vector<sim::CsvRow>> rows = sim::SplitCsv(text, file_name);
  if (!rows.ok()) return rows.status();
  std::vector<TimeMs> samples_ms;
  for (const sim::CsvRow& row : *rows) {
    double seconds = 0;
    if (row.fields.size() != 1) {
      return sim::CsvError(file_name, row.line, 2, "duration", "expected one number a line");
    }
    if (!sim::ParseNumber(row.fields[0], &seconds) || seconds < 0 || seconds > 1e7) {
      return sim::CsvError(file_name, row.line, 1, "duration",
                           absl::StrCat("expected seconds >= 0, got '", row.fields[0], "'"));
    }
    samples_ms.push_back(std::llround(seconds * 1000.0));
  }
  if (samples_ms.empty()) {
    return sim::CsvError(file_name, 1, 1, "duration", "the file has no durations");
  }
  return Distribution::Empirical(std::move(samples_ms));
}

absl::StatusOr<Distribution> ReadEmpiricalSeconds(const std::string& path, Env& env) {
  absl::StatusOr<std::string> text = sim::ReadTextFile(path, kMaxForecastFileBytes, env);
  if (!text.ok()) return text.status();
  return ParseEmpiricalSeconds(*text, sim::BaseName(path));
}

absl::StatusOr<std::vector<SimOptions>> PlanDays(const CenterConfig& center,
                                                 const Forecast& forecast,
                                                 const std::string& forecast_name,
                                                 const std::vector<AgentShift>& shifts,
                                                 const PlanningModel& model) {
  std::vector<CallType> types = SalesDepartmentOptions(center, 0, 0).traffic.types;
  for (CallType& type : types) {
    if (model.handle_ms && ExpectsQueue(type)) {
      const double mean_ms = type.handle_ms.MeanMs();
      type.handle_ms = *model.handle_ms;
      if (model.handle_ms->kind == Distribution::Kind::kExponential) type.handle_ms.a_ms = mean_ms;
      if (model.handle_ms->kind == Distribution::Kind::kLognormal) {
        type.handle_ms.b_ms = model.handle_ms->b_ms / model.handle_ms->a_ms * mean_ms;
        type.handle_ms.a_ms = mean_ms;
      }
    }
    if (model.patience_ms) type.patience_ms = *model.patience_ms;
    if (model.ivr_ms) type.ivr_ms = *model.ivr_ms;
    type.zero_patience_share = model.zero_patience_share;
  }
  std::vector<double> factors;
  if (!model.group_handle_factor.empty()) {
    factors.assign(center.agents.size(), 1.0);
    for (const auto& [group, factor] : model.group_handle_factor) {
      const std::vector<size_t> members = AgentGroup(center, group);
      if (members.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("group '", group, "': no agent has it as first queue"));
      }
      for (size_t i : members) factors[i] = factor;
    }
  }
  std::vector<SimOptions> days;
  for (int day = 0; day < forecast.days; ++day) {
    absl::StatusOr<TrafficProfile> traffic =
        ForecastTraffic(forecast, day, center, types, forecast_name);
    if (!traffic.ok()) return traffic.status();
    SimOptions options = model.base;
    options.date = forecast.first_date.value_or(model.base.date) + day;
    options.traffic = *std::move(traffic);
    options.start_ms = options.traffic.start_ms;
    options.end_ms =
        options.start_ms +
        options.traffic.interval_ms * static_cast<TimeMs>(options.traffic.calls_per_hour.size());
    options.shifts = shifts;
    options.sl_threshold_ms = model.sl_threshold_ms;
    options.kpi_interval_ms =
        model.kpi_interval_ms > 0 ? model.kpi_interval_ms : forecast.interval_ms;
    options.agent_handle_factor = factors;
    days.push_back(std::move(options));
  }
  return days;
}

}  // namespace acd
