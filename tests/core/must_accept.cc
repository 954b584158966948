// MustAccept: the events a PBX may rely on being accepted, by the contract
// in include/acd/engine.h and DESIGN.md, judged from the shadow model only.
#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>

#include "tests/core/center_gen.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

bool ValidSkills(const auto& skills, const CenterConfig& center) {
  for (size_t i = 0; i < skills.size(); ++i) {
    if (skills[i].skill >= center.skills.size() || skills[i].level < kMinLevel ||
        skills[i].level > kMaxLevel) {
      return false;
    }
    for (size_t j = 0; j < i; ++j) {
      if (skills[j].skill == skills[i].skill) return false;
    }
  }
  return true;
}

bool ValidTarget(QueueId queue, int priority, const CenterConfig& center) {
  return queue < center.queues.size() && priority >= -1000 && priority <= 1000;
}

}  // namespace

bool MustAccept(const Event& event, const ShadowModel& shadow, const CenterConfig& center,
                TimeMs now_ms) {
  // A call keeps its media: a queue of another one refuses it.
  auto KeepsMedia = [&](const ShadowCall& c, QueueId queue) {
    return !c.media_fixed || center.queues[queue].media == c.media;
  };
  auto live = [&](CallId id) -> const ShadowCall* {
    auto it = shadow.live().find(id);
    return it == shadow.live().end() ? nullptr : &it->second;
  };
  auto agent = [&](AgentId id) -> const ShadowAgent* {
    auto it = shadow.agents().find(id);
    return it == shadow.agents().end() ? nullptr : &it->second;
  };
  auto offered_to = [&](CallId call, AgentId id) {
    const ShadowCall* c = live(call);
    return c != nullptr && std::any_of(c->offers.begin(), c->offers.end(),
                                       [&](const ShadowOffer& o) { return o.agent == id; });
  };
  return std::visit(
      [&](const auto& e) -> bool {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, AgentLogin>) {
          const ShadowAgent* a = agent(e.agent);
          return a && a->presence == Presence::kLoggedOut;
        } else if constexpr (std::is_same_v<T, AgentLogout>) {
          const ShadowAgent* a = agent(e.agent);
          return a && a->presence != Presence::kLoggedOut;
        } else if constexpr (std::is_same_v<T, AgentReady>) {
          const ShadowAgent* a = agent(e.agent);
          if (a && e.queue) {  // a pause in that queue alone to end
            return a->presence == Presence::kReady && a->paused.contains(*e.queue);
          }
          return a && a->presence != Presence::kLoggedOut &&
                 (a->presence != Presence::kReady || a->wrapup_end_ms > now_ms ||
                  !a->paused.empty());
        } else if constexpr (std::is_same_v<T, AgentNotReady>) {
          const ShadowAgent* a = agent(e.agent);
          if (!a || e.reason == NotReadyReason::kNone || !KnowsLabel(center.labels, e.reason)) {
            return false;
          }
          if (e.queue) {  // a ready member, not paused there with that reason already
            auto it = a->paused.find(*e.queue);
            return a->presence == Presence::kReady &&
                   std::any_of(a->queues.begin(), a->queues.end(),
                               [&](const Membership& m) { return m.queue == *e.queue; }) &&
                   (it == a->paused.end() || it->second != e.reason);
          }
          return a->presence != Presence::kLoggedOut &&
                 !(a->presence == Presence::kNotReady && a->presence_reason == e.reason);
        } else if constexpr (std::is_same_v<T, AgentSetSkills>) {
          return agent(e.agent) && ValidSkills(e.skills, center);
        } else if constexpr (std::is_same_v<T, AgentSetLevel>) {
          // A level in 1..10 for a membership whose queue takes one (no
          // skill): the one named, or any when none is.
          const ShadowAgent* a = agent(e.agent);
          if (!a || e.level < kMinLevel || e.level > kMaxLevel) return false;
          return std::any_of(a->queues.begin(), a->queues.end(), [&](const Membership& m) {
            return (!e.queue || m.queue == *e.queue) && !center.queues[m.queue].has_skill;
          });
        } else if constexpr (std::is_same_v<T, CallArrive>) {
          return e.call != 0 && !live(e.call) &&
                 !shadow.EndedWithin(e.call, center.ended_calls_window) &&
                 shadow.live().size() < center.max_live_calls &&
                 KnowsLabel(center.labels, e.attributes.intent);
        } else if constexpr (std::is_same_v<T, CallEnqueue>) {
          const ShadowCall* c = live(e.call);
          return c && c->state == CallState::kArrived && ValidTarget(e.queue, e.priority, center) &&
                 KeepsMedia(*c, e.queue) && e.min_level >= kMinLevel && e.min_level <= kMaxLevel &&
                 e.required_skills.size() <= 2 && ValidSkills(e.required_skills, center) &&
                 (!StepsSkills(center) ||
                  (e.required_skills.empty() && e.skills_expr.always()));
        } else if constexpr (std::is_same_v<T, CallAnswer> || std::is_same_v<T, CallDecline>) {
          return offered_to(e.call, e.agent);
        } else if constexpr (std::is_same_v<T, CallHangup>) {
          return live(e.call) != nullptr;
        } else if constexpr (std::is_same_v<T, CallEndTalk>) {
          const ShadowCall* c = live(e.call);
          return c && c->state == CallState::kTalking && e.by <= EndedBy::kAgent;
        } else if constexpr (std::is_same_v<T, CallHold>) {
          const ShadowCall* c = live(e.call);
          return c && c->state == CallState::kTalking && !c->on_hold;
        } else if constexpr (std::is_same_v<T, CallResume>) {
          const ShadowCall* c = live(e.call);
          // Not a caller whose agent consults: the consult ends first.
          return c && c->state == CallState::kTalking && c->on_hold &&
                 (c->consult == 0 || c->consult_leg);
        } else if constexpr (std::is_same_v<T, CallConsult>) {
          // A connected caller of a queue, free to consult, a new leg id,
          // and a logged-in colleague with room or an existing queue.
          const ShadowCall* c = live(e.call);
          const ShadowAgent* a = agent(e.agent);
          const bool target_ok =
              e.agent == 0 ? e.queue < center.queues.size() && c &&
                                 center.queues[e.queue].media == c->media
                           : a && c && c->agent != e.agent && a->presence != Presence::kLoggedOut &&
                                 a->load() < a->config->capacity && shadow.RoomFor(*a, c->media);
          return c && c->state == CallState::kTalking && c->queued && !c->callback &&
                 !c->outbound && !c->consult_leg && c->consult == 0 && e.consult != 0 &&
                 !live(e.consult) && !shadow.EndedWithin(e.consult, center.ended_calls_window) &&
                 shadow.live().size() < center.max_live_calls && target_ok;
        } else if constexpr (std::is_same_v<T, CallConsultEnd>) {
          const ShadowCall* c = live(e.call);
          const ShadowCall* leg = c && c->consult != 0 && !c->consult_leg ? live(c->consult) : nullptr;
          return leg && (!e.complete || leg->state == CallState::kTalking);
        } else if constexpr (std::is_same_v<T, CallUpdate>) {
          return live(e.call) && e.fields != 0 && (e.fields & ~CallUpdate::kAll) == 0 &&
                 (!(e.fields & CallUpdate::kIntent) || KnowsLabel(center.labels, e.attributes.intent)) &&
                 e.attributes.digits.size() <= 64;
        } else if constexpr (std::is_same_v<T, OutboundCall>) {
          const ShadowAgent* a = agent(e.agent);
          return e.call != 0 && !live(e.call) &&
                 !shadow.EndedWithin(e.call, center.ended_calls_window) &&
                 shadow.live().size() < center.max_live_calls && a &&
                 a->presence != Presence::kLoggedOut && a->load() < a->config->capacity &&
                 shadow.RoomFor(*a, Media::kVoice);
        } else if constexpr (std::is_same_v<T, CallSetPriority>) {
          const ShadowCall* c = live(e.call);
          return c && c->state == CallState::kWaiting && e.priority >= -1000 &&
                 e.priority <= 1000;
        } else if constexpr (std::is_same_v<T, CallMove>) {
          // A call in line for certain: waiting, not held back, never
          // waiting for an owner alone.
          const ShadowCall* c = live(e.call);
          return c && c->state == CallState::kWaiting && !c->held && !c->returning &&
                 c->owner_until_ms == 0 && e.position >= 1;
        } else if constexpr (std::is_same_v<T, CallTransferToAgent>) {
          // To an available colleague of a connected caller through a queue.
          const ShadowCall* c = live(e.call);
          const ShadowAgent* a = agent(e.agent);
          return c && a && c->state == CallState::kTalking && c->queued && !c->callback &&
                 !c->outbound && !c->consult_leg && c->consult == 0 && c->agent != e.agent && ShadowModel::Available(*a, now_ms) &&
                 !ShadowModel::WrapsUpFor(*a, c->queue, now_ms) && shadow.RoomFor(*a, c->media) &&
                 (!a->outside_call || center.queues[c->queue].ring_in_use);
        } else if constexpr (std::is_same_v<T, CallTransfer>) {
          const ShadowCall* c = live(e.call);
          const bool plain = c && c->required.empty() && c->expr == nullptr && c->steps.empty();
          return c && !c->callback && !c->outbound && !c->consult_leg && c->consult == 0 &&
                 ValidTarget(e.queue, e.priority, center) && (plain || !StepsSkills(center)) &&
                 KeepsMedia(*c, e.queue) &&
                 ((c->state == CallState::kWaiting && c->queue != e.queue) ||
                  c->state == CallState::kTalking);
        } else if constexpr (std::is_same_v<T, CallClassify>) {
          const ShadowCall* c = live(e.call);
          if (!c || c->state != CallState::kArrived || e.digits.size() > 64 ||
              !KnowsLabel(center.labels, e.intent)) {
            return false;
          }
          // A rule with required skills may find its queue's pools full.
          const int r = shadow.MatchEntry(*c, e, event.time_ms);
          return r < 0 || center.entry_rules[r].required_skills.empty();
        } else if constexpr (std::is_same_v<T, AgentOutsideCall>) {
          const ShadowAgent* a = agent(e.agent);
          return a && a->outside_call != e.on_call;
        } else if constexpr (std::is_same_v<T, CallbackRequest>) {
          const bool window_ok =
              e.window_from_ms >= 0 && e.window_to_ms >= 0 &&
              (e.window_to_ms == 0 || e.window_to_ms > std::max(e.window_from_ms, event.time_ms));
          const bool number_ok =
              !e.number.empty() && e.number.size() <= 32 &&
              e.number.find_first_not_of("0123456789+*#") == std::string::npos;
          // A capture's requirement may be one a skill step made: its
          // callback's queue may then route all the requirements it can
          // and refuse it (ResourceExhausted, "from_call").
          return e.callback != 0 && !live(e.callback) && !shadow.steps_skills() &&
                 !shadow.EndedWithin(e.callback, center.ended_calls_window) &&
                 shadow.live().size() < center.max_live_calls &&
                 shadow.CaptureOpen(e.from_call, event.time_ms) && window_ok && number_ok;
        } else if constexpr (std::is_same_v<T, CallbackResult>) {
          const ShadowCall* c = live(e.callback);
          return c && c->callback && c->state == CallState::kDialing &&
                 e.outcome <= DialOutcome::kInvalidNumber;
        } else {
          static_assert(std::is_same_v<T, CallRoute>);
          const ShadowCall* c = live(e.call);
          const Disposition d = e.disposition;
          return c && c->state != CallState::kTalking && !c->callback && !c->consult_leg &&
                 (d == Disposition::kRejected || d == Disposition::kVoicemail ||
                  d == Disposition::kCallbackCaptured || d == Disposition::kOverflowed);
        }
      },
      event.body);
}

}  // namespace acd::testing
