// ShadowModel: entry rules. A classified call is matched against the
// center's rules as written, independently of the engine's code, and must
// then enter the rule's queue or take its terminal path at once.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "tests/core/describe.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {
namespace {

// "4*" is a prefix; anything else must be equal. No patterns: any value.
bool Matches(const std::vector<std::string>& patterns, const std::string& value) {
  if (patterns.empty()) return true;
  for (const std::string& p : patterns) {
    const bool prefix = !p.empty() && p.back() == '*';
    const std::string stem = prefix ? p.substr(0, p.size() - 1) : p;
    if (prefix ? value.rfind(stem, 0) == 0 : value == stem) return true;
  }
  return false;
}

bool Matches(Tri tri, bool value) {
  switch (tri) {
    case Tri::kAny: return true;
    case Tri::kYes: return value;
    case Tri::kNo: return !value;
  }
  return false;
}

}  // namespace

int ShadowModel::MatchEntry(const ShadowCall& call, const CallClassify& e, TimeMs at_ms) const {
  CallAttributes a = call.attributes;
  if (!e.digits.empty()) a.digits = e.digits;
  if (e.intent != Intent::kUnknown) a.intent = e.intent;
  int weekday = 0, minute = 0;
  center_.calendar.LocalMinute(at_ms, &weekday, &minute);
  for (size_t r = 0; r < center_.entry_rules.size(); ++r) {
    const EntryMatch& m = center_.entry_rules[r].match;
    bool hours = m.hours.empty();
    for (const TimeWindow& w : m.hours) {
      hours = hours || (((w.weekdays >> weekday) & 1) && w.from_minute <= minute &&
                        minute < w.to_minute);
    }
    const bool intent = m.intents.empty() ||
                        std::count(m.intents.begin(), m.intents.end(), a.intent) > 0;
    if (Matches(m.dnis, a.dnis) && Matches(m.digits, a.digits) &&
        Matches(m.languages, a.language) && Matches(m.marketing_sources, a.marketing_source) &&
        intent && Matches(m.vip, a.vip) && Matches(m.returning, a.returning) &&
        Matches(m.internal, a.internal) && Matches(m.has_owner, a.owner_agent != 0) &&
        Matches(m.open, center_.calendar.IsOpen(at_ms)) && hours) {
      return static_cast<int>(r);
    }
  }
  return -1;
}

absl::Status ShadowModel::OnClassify(const CallClassify& e) {
  ShadowCall* call = Live(e.call);
  if (call == nullptr || call->state != CallState::kArrived) {
    return absl::InternalError(
        absl::StrCat("accepted CallClassify for call ", e.call, " that is not in the IVR"));
  }
  touched_.insert(e.call);
  const int r = MatchEntry(*call, e, now_ms_);
  if (!e.digits.empty()) call->attributes.digits = e.digits;
  if (e.intent != Intent::kUnknown) call->attributes.intent = e.intent;
  const OverflowAction& route = r < 0 ? center_.entry_default : center_.entry_rules[r].route;
  if (route.kind != OverflowKind::kQueue) {
    call->entry_route_due = true;  // RouteCall, then CallEnded, in this step
    call->entry_rule = r;
    return absl::OkStatus();
  }
  const PriorityBoosts& b = center_.boosts;
  const CallAttributes& a = call->attributes;
  const int boost = (a.internal ? 0 : b.external) + (a.vip ? b.vip : 0) +
                    (a.returning ? b.returning : 0);
  call->queued = true;
  call->priority = std::clamp((r < 0 ? 0 : center_.entry_rules[r].priority) + boost, -1000, 1000);
  call->min_level = r < 0 ? kMinLevel : center_.entry_rules[r].min_level;
  call->max_level = kMaxLevel;
  call->level_cap = kMaxLevel;
  call->required.clear();
  if (r >= 0) {
    for (const SkillLevel& s : center_.entry_rules[r].required_skills) call->required.push_back(s);
  }
  call->expr = nullptr;  // the generator gives entry rules no skills_expr
  call->steps.clear();
  if (r >= 0) call->wait_credit_ms = center_.entry_rules[r].wait_credit_ms;  // the call's
  EnterQueue(*call, route.queue);
  call->state = CallState::kWaiting;
  return absl::OkStatus();
}

absl::Status ShadowModel::CheckEntryRoute(ShadowCall& call, const RouteCall& c) {
  const int r = call.entry_rule;
  const OverflowAction& want = r < 0 ? center_.entry_default : center_.entry_rules[r].route;
  const RouteCause cause = r < 0 ? RouteCause::kEntryDefault : RouteCause::kEntryRule;
  if (c.cause != cause || c.rule != r || c.kind != want.kind || c.target != want.target ||
      c.from_queue != 0) {
    return absl::InternalError(absl::StrCat("RouteCall (cause ", Sv(ToString(c.cause)), ", rule ",
                                            c.rule, ", kind ", Sv(ToString(c.kind)),
                                            ") is not entry rule ", r, "'s route"));
  }
  call.entry_route_due = false;
  if (c.kind == OverflowKind::kCallback) RememberCapture(call, want);
  expect_end_[call.id] = DispositionFor(c.kind);
  return absl::OkStatus();
}

}  // namespace acd::testing
