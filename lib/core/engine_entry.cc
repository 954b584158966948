// Entry rules: the receptionist's filtering of a call that leaves the IVR
// (CallClassify). The first rule that matches decides the queue, priority
// and skills, or a terminal path; with none, the center's entry_default.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "acd/entry_match.h"
#include "core/engine_impl.h"

namespace acd::core {
namespace {

bool IsTerminal(OverflowKind kind) {
  return kind != OverflowKind::kNone && kind != OverflowKind::kQueue;
}

}  // namespace

int EngineImpl::MatchEntryRule(uint32_t slot, const CallClassify& e) const {
  if (!keep_attributes_) return -1;  // no entry rules
  CallAttributes a = attributes_[slot];
  if (!e.digits.empty()) a.digits = e.digits;
  if (e.intent != Intent::kUnknown) a.intent = e.intent;
  const BusinessCalendar& calendar = center_.calendar;
  int weekday = 0, minute = 0;
  calendar.LocalMinute(now_ms_, &weekday, &minute);
  return FirstMatchingEntryRule(center_.entry_rules, a,
                                EntryClock{calendar.IsOpen(now_ms_), weekday, minute});
}

int EngineImpl::EntryPriority(uint32_t slot, const EntryRule& rule) const {
  static const CallAttributes kExternalCall;
  const CallAttributes& a = keep_attributes_ ? attributes_[slot] : kExternalCall;
  const PriorityBoosts& b = center_.boosts;
  const int priority = rule.priority + (a.internal ? 0 : b.external) + (a.vip ? b.vip : 0) +
                       (a.returning ? b.returning : 0);
  return std::clamp(priority, -kMaxPriority, kMaxPriority);
}

absl::Status EngineImpl::CheckEvent(const CallClassify& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (c->state != CallState::kArrived) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is already ", NameOf(c->state), "; only a call in the IVR is classified"));
  }
  if (e.digits.size() > kMaxDigits) {
    return absl::InvalidArgumentError(
        absl::StrCat("digits: ", e.digits.size(), " characters, at most ", kMaxDigits));
  }
  if (!KnowsLabel(center_.labels, e.intent)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "intent: ", static_cast<int>(e.intent), " is not an intent of this center"));
  }
  const uint32_t slot = static_cast<uint32_t>(c - calls_.data());
  const int r = MatchEntryRule(slot, e);
  if (r < 0) return absl::OkStatus();
  const EntryRule& rule = center_.entry_rules[r];
  if (rule.route.kind != OverflowKind::kQueue) return absl::OkStatus();
  // ValidateCenter made sure the rule's requirement can be met.
  const absl::StatusOr<SkillExpr> extra = Requirement(rule.required_skills, rule.skills_expr);
  if (!extra.ok()) return extra.status();
  // The requirement is the center's rule's, not a field of the event: the
  // call is what cannot be routed ("call: ...").
  return CheckQueueTarget(rule.route.queue, 0, *c, *extra, "call");
}

void EngineImpl::DoEvent(const CallClassify& e) {
  const uint32_t slot = CallSlot(e.call);
  const int r = MatchEntryRule(slot, e);
  if (keep_attributes_ && !e.digits.empty()) attributes_[slot].digits = e.digits;
  if (keep_attributes_ && e.intent != Intent::kUnknown) attributes_[slot].intent = e.intent;
  const OverflowAction& route = r < 0 ? center_.entry_default : center_.entry_rules[r].route;
  const RouteCause cause = r < 0 ? RouteCause::kEntryDefault : RouteCause::kEntryRule;
  Call& c = calls_[slot];
  c.max_level = kMaxLevel;  // a new entry: the upper bounds start open
  c.level_cap = kMaxLevel;
  if (route.kind == OverflowKind::kQueue && r >= 0) {
    const EntryRule& rule = center_.entry_rules[r];
    c.wait_credit_ms = rule.wait_credit_ms;  // kept for the call's life, as CallEnqueue's
    EnqueueCall(slot, route.queue, EntryPriority(slot, rule), rule.min_level,
                *Requirement(rule.required_skills, rule.skills_expr));
  } else if (route.kind == OverflowKind::kQueue) {
    EnqueueCall(slot, route.queue, EntryPriority(slot, EntryRule{}), kMinLevel, SkillExpr());
  } else if (IsTerminal(route.kind)) {
    Emit(RouteCall{c.id, 0, route.kind, 0, cause, r, route.target});
    Disposition d = Disposition::kOverflowed;
    if (route.kind == OverflowKind::kCallback) {
      d = Disposition::kCallbackCaptured;
      RememberCapture(slot, route, SkillExpr());
    }
    if (route.kind == OverflowKind::kVoicemail) d = Disposition::kVoicemail;
    if (route.kind == OverflowKind::kReject) d = Disposition::kRejected;
    EndCall(slot, d, CancelReason::kCallMoved);
  }
  Drain();
}

absl::Status EngineImpl::CheckEvent(const AgentOutsideCall& e) const {
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  if (a->outside_call == e.on_call) {
    return absl::FailedPreconditionError(absl::StrCat(
        "on_call: agent ", e.agent, " is already ", e.on_call ? "on" : "off",
        " an outside call"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const AgentOutsideCall& e) {
  const uint32_t slot = AgentSlot(e.agent);
  UnindexAgent(slot);  // under the old flag: which memberships were filed
  agents_[slot].outside_call = e.on_call;
  RefreshAgent(slot);
  Drain();
}

}  // namespace acd::core
