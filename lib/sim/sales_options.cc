// The default sales-department traffic (SalesDepartmentOptions), described
// either as the center's queues or as the IVR sees the callers (menu
// digits, the number dialled) for the center's entry rules.
#include <algorithm>
#include <iterator>
#include <string>

#include "absl/strings/match.h"
#include "acd/entry_match.h"
#include "acd/sim.h"

namespace acd {
namespace {

// Calls per hour for each quarter hour from 07:00 to 19:00: a morning ramp
// to the 10:00-11:00 peak, a lunch dip and a lower afternoon peak.
constexpr double kSalesDayCallsPerHour[] = {
    15,  20,  25,  30,  40,  50,  62,  75,  85,  95,  105, 112,  // 07-10
    118, 120, 120, 116, 110, 104, 98,  90,  70,  60,  58,  62,   // 10-13
    72,  82,  90,  96,  100, 102, 100, 96,  92,  88,  84,  78,   // 13-16
    72,  66,  60,  52,  44,  36,  28,  22,  18,  14,  10,  8,    // 16-19
};

struct TypeTemplate {
  const char* name;
  const char* queue;
  double share;
  Intent intent;
  Distribution handle_ms;
  Distribution patience_ms;
  Disposition ivr_route = Disposition::kNone;
  // As the IVR sees the caller (entry rules): the menu digit; the
  // director's callers dial the director's number instead.
  const char* digits = "";
  double returning_share = 0;
  double vip_share = 0;
  bool owned_by_sellers = false;  // a known customer has a seller as owner
};

const TypeTemplate kSalesTypes[] = {
    {"buy", "sales", 0.60, Intent::kBuy, Distribution::Lognormal(300'000, 180'000),
     Distribution::Exponential(90'000), Disposition::kNone, "1", 0.30, 0.05, true},
    {"support", "support", 0.25, Intent::kSupport, Distribution::Lognormal(300'000, 180'000),
     Distribution::Exponential(120'000), Disposition::kNone, "3", 0.60, 0, false},
    {"existing order", "reception", 0.10, Intent::kExistingOrder,
     Distribution::Lognormal(120'000, 60'000), Distribution::Exponential(90'000),
     Disposition::kNone, "2", 1.0, 0, true},
    {"director", "director", 0.05, Intent::kOther, Distribution::Lognormal(180'000, 90'000),
     Distribution::Exponential(60'000)},
    // Offers to sell to the company: the IVR asks for an e-mail, hangs up.
    {"sells to us", nullptr, 0.03, Intent::kSellToUs, Distribution::Constant(0),
     Distribution::Never(), Disposition::kRejected, "4"},
};

bool FindQueue(const CenterConfig& center, const char* name, QueueId* out) {
  for (size_t q = 0; q < center.queues.size(); ++q) {
    if (absl::EqualsIgnoreCase(center.queues[q].name, name)) {
      *out = static_cast<QueueId>(q);
      return true;
    }
  }
  return false;
}

CallType FromTemplate(const TypeTemplate& t) {
  CallType type;
  type.name = t.name;
  type.share = t.share;
  type.intent = t.intent;
  type.handle_ms = t.handle_ms;
  type.patience_ms = t.patience_ms;
  return type;
}

// The callers on the center's queues, the entry rules bypassed.
std::vector<CallType> QueueCallTypes(const CenterConfig& center) {
  std::vector<CallType> types;
  bool any_queue = false;
  for (const TypeTemplate& t : kSalesTypes) {
    QueueId queue = 0;
    if (t.queue != nullptr && !FindQueue(center, t.queue, &queue)) continue;
    any_queue = any_queue || t.queue != nullptr;
    CallType type = FromTemplate(t);
    type.queue = queue;
    type.ivr_route = t.ivr_route;
    types.push_back(type);
  }
  if (any_queue) return types;
  types.clear();
  for (size_t q = 0; q < center.queues.size(); ++q) {
    CallType type;
    type.name = center.queues[q].name;
    type.queue = static_cast<QueueId>(q);
    types.push_back(type);
  }
  return types;
}

// The number of the first entry rule that sends a DNIS to `queue`.
std::string DnisOf(const CenterConfig& center, QueueId queue) {
  for (const EntryRule& rule : center.entry_rules) {
    if (rule.route.kind != OverflowKind::kQueue || rule.route.queue != queue) continue;
    for (const std::string& dnis : rule.match.dnis) {
      if (!dnis.empty() && dnis.back() != '*') return dnis;
    }
  }
  return "";
}

// The callers as the IVR describes them, for the center's entry rules.
std::vector<CallType> EntryRuleCallTypes(const CenterConfig& center) {
  QueueId sales = 0;
  const std::vector<AgentId> sellers =
      FindQueue(center, "sales", &sales) ? QueueMembers(center, sales) : std::vector<AgentId>{};
  std::vector<CallType> types;
  for (const TypeTemplate& t : kSalesTypes) {
    CallType type = FromTemplate(t);
    type.routing = CallRouting::kByEntryRules;
    type.digits = t.digits;
    type.returning_share = t.returning_share;
    type.vip_share = t.vip_share;
    if (t.owned_by_sellers) type.owner_agents = sellers;
    QueueId director = 0;
    if (type.digits.empty() && t.queue != nullptr && FindQueue(center, t.queue, &director)) {
      type.dnis = DnisOf(center, director);
      if (type.dnis.empty()) {
        type.routing = CallRouting::kQueue;  // no number for it: queued there
        type.queue = director;
        types.push_back(type);
        continue;
      }
    }
    type.queue = ExpectedEntryQueue(center, type);
    types.push_back(type);
  }
  return types;
}

// Every agent works from start_ms until the line is served after end_ms
// (the run logs everyone out once the last call ended) with one 15-minute
// break, the breaks spread over the middle of the window in roster order.
std::vector<AgentShift> WholeWindowShifts(const CenterConfig& center, TimeMs start_ms,
                                          TimeMs end_ms, TimeMs serve_out_ms) {
  std::vector<AgentShift> shifts;
  const TimeMs span_ms = end_ms - start_ms;
  const size_t n = center.agents.size();
  for (size_t i = 0; i < n; ++i) {
    AgentShift shift;
    shift.agent = center.agents[i].id;
    shift.login_ms = start_ms;
    shift.logout_ms = end_ms + serve_out_ms;
    if (span_ms >= 2 * kMsPerHour) {
      const double at = 0.375 + 0.375 * static_cast<double>(i) / static_cast<double>(n);
      AgentBreak pause;
      pause.start_ms = start_ms + static_cast<TimeMs>(at * static_cast<double>(span_ms));
      pause.start_ms -= pause.start_ms % kMsPerMinute;
      shift.breaks.push_back(pause);
    }
    shifts.push_back(std::move(shift));
  }
  return shifts;
}

// A plain caller of `type`: external, not VIP, not returning, no owner.
CallAttributes PlainCaller(const CallType& type) {
  CallAttributes a;
  a.dnis = type.dnis;
  a.digits = type.digits;
  a.language = type.language;
  a.marketing_source = type.marketing_source;
  a.intent = type.intent;
  return a;
}

}  // namespace

QueueId ExpectedEntryQueue(const CenterConfig& center, const CallType& type) {
  // During business hours, at any time of them.
  const int r = FirstMatchingEntryRule(center.entry_rules, PlainCaller(type), EntryClock{});
  if (r >= 0) {
    const EntryRule& rule = center.entry_rules[static_cast<size_t>(r)];
    return rule.route.kind == OverflowKind::kQueue ? rule.route.queue : kNoQueue;
  }
  return center.entry_default.kind == OverflowKind::kQueue ? center.entry_default.queue
                                                           : kNoQueue;
}

std::vector<AgentId> QueueMembers(const CenterConfig& center, QueueId queue) {
  std::vector<AgentId> members;
  for (const AgentConfig& agent : center.agents) {
    const bool member = std::any_of(agent.queues.begin(), agent.queues.end(),
                                    [&](const Membership& m) { return m.queue == queue; });
    if (member) members.push_back(agent.id);
  }
  return members;
}

SimOptions SalesDepartmentOptions(const CenterConfig& center, TimeMs start_ms, TimeMs end_ms) {
  SimOptions options;
  options.start_ms = start_ms;
  options.end_ms = end_ms;
  options.traffic.start_ms = 7 * kMsPerHour;
  options.traffic.interval_ms = 15 * kMsPerMinute;
  options.traffic.calls_per_hour.assign(std::begin(kSalesDayCallsPerHour),
                                        std::end(kSalesDayCallsPerHour));
  options.traffic.types =
      center.entry_rules.empty() ? QueueCallTypes(center) : EntryRuleCallTypes(center);
  if (end_ms > start_ms) {
    options.shifts = WholeWindowShifts(center, start_ms, end_ms, options.serve_out_max_ms);
  }
  return options;
}

}  // namespace acd
