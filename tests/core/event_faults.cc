// EventGenerator: the faults a misbehaving PBX sends, each with the answer
// the engine's contract (include/acd/engine.h) requires.
#include <algorithm>

#include "tests/core/event_gen.h"

namespace acd::testing {
namespace {

using Code = absl::StatusCode;

RejectExpectation Expect(Code code, std::string field) {
  return RejectExpectation{{code}, std::move(field)};
}

constexpr CallId kUnknownCallBase = 900'000'000;  // never issued by the generator

}  // namespace

std::string_view FaultName(Fault fault) {
  static constexpr std::string_view kNames[] = {
      "none", "reordered", "duplicate_event_id", "exact_resend", "time_backwards",
      "unknown_call", "unknown_agent", "queue_out_of_range", "wrong_agent", "ended_call",
      "bad_level", "bad_priority", "duplicate_call_id", "reused_call_id", "bad_skill",
      "bad_disposition", "logout_logged_out", "login_logged_in", "zero_call_id", "bad_reason",
      "not_talking", "bad_update"};
  static_assert(std::size(kNames) == static_cast<size_t>(Fault::kCount));
  return kNames[static_cast<size_t>(fault)];
}

bool EventGenerator::MakeFault(const Look& look, const ShadowModel& shadow, TimeMs now_ms,
                               Step* step) {
  const Fault fault = static_cast<Fault>(1 + rng_.Below(static_cast<int>(Fault::kCount) - 1));
  step->fault = fault;
  if (fault == Fault::kReordered) {
    Step first, second;
    if (!Normal(look, &first) || !Normal(look, &second) || first.advance || second.advance) {
      return false;
    }
    // Sometimes at the same millisecond: a pure reordering, no time fault.
    Stamp(&first);
    Stamp(&second);
    if (rng_.PerMille(500)) second.event.time_ms = first.event.time_ms;
    first.fault = second.fault = Fault::kReordered;
    held_ = first;
    *step = second;
    return true;
  }
  // Faults are stamped at the engine's time so that no timer fires first.
  step->event.time_ms = now_ms;
  step->event.id = next_event_id_++;
  step->fresh_id = true;
  const bool made = IdFault(fault, look, shadow, now_ms, step) ||
                    UnknownIdFault(fault, look, shadow, step) || FieldFault(fault, look, step) ||
                    SkillFault(fault, look, step) || StateFault(fault, look, shadow, step);
  if (!made) next_event_id_--;
  return made;
}

CallId EventGenerator::AnyEndedCall(const ShadowModel& shadow) {
  const auto& ended = shadow.ended();
  if (ended.empty() || next_call_id_ <= 1) return 0;
  auto it = ended.lower_bound(static_cast<CallId>(rng_.Between(1, next_call_id_ - 1)));
  if (it == ended.end()) it = std::prev(ended.end());
  return shadow.EndedWithin(it->first, center_->ended_calls_window) ? it->first : 0;
}

bool EventGenerator::IdFault(Fault fault, const Look& look, const ShadowModel& shadow,
                             TimeMs now_ms, Step* step) {
  Event& ev = step->event;
  switch (fault) {
    case Fault::kDuplicateEventId:
    case Fault::kExactResend: {
      if (accepted_.empty()) return false;
      const TimeMs time_ms = ev.time_ms;
      next_event_id_--;
      ev = accepted_[rng_.Below(accepted_.size())];
      step->fresh_id = false;
      if (fault == Fault::kDuplicateEventId) ev.time_ms = time_ms;
      // A repeat is a repeat even with its old time (see bad_input_test.cc,
      // ExactResendOfAnOlderEventIsRecognisedAsARepeat).
      step->expect = Expect(Code::kAlreadyExists, "event_id");
      return true;
    }
    case Fault::kTimeBackwards: {
      if (now_ms <= 1 || !Normal(look, step) || step->advance) return false;
      step->fault = fault;
      ev.time_ms = now_ms - 1 - static_cast<TimeMs>(rng_.Below(std::min<TimeMs>(now_ms - 1, 10'000)));
      step->expect = Expect(Code::kInvalidArgument, "time_ms");
      return true;
    }
    case Fault::kDuplicateCallId:
    case Fault::kReusedCallId: {
      const CallId call =
          fault == Fault::kDuplicateCallId
              ? (look.all.empty() ? 0 : rng_.Pick(look.all))
              : AnyEndedCall(shadow);
      if (call == 0) return false;
      ev.body = CallArrive{call, {}};
      step->expect = Expect(Code::kAlreadyExists, "call");
      return true;
    }
    case Fault::kZeroCallId:
      ev.body = CallArrive{0, {}};
      step->expect = Expect(Code::kInvalidArgument, "call");
      return true;
    default:
      return false;
  }
}

bool EventGenerator::FieldFault(Fault fault, const Look& look, Step* step) {
  Event& ev = step->event;
  switch (fault) {
    case Fault::kQueueOutOfRange: {
      const QueueId queue = static_cast<QueueId>(center_->queues.size() + rng_.Below(3));
      if (!look.ivr.empty()) {
        CallEnqueue e = RandomEnqueue(rng_.Pick(look.ivr));
        e.queue = queue;
        ev.body = e;
      } else if (!look.waiting.empty()) {
        ev.body = CallTransfer{rng_.Pick(look.waiting), queue, 0};
      } else {
        return false;
      }
      step->expect = Expect(Code::kNotFound, "queue");
      if (levels_rng_.PerMille(200)) {  // a level in a queue that does not exist
        ev.body = AgentSetLevel{center_->agents[levels_rng_.Below(center_->agents.size())].id,
                                queue, 5};
      } else if (pauses_rng_.PerMille(200)) {  // a pause in a queue that does not exist
        const AgentId agent = center_->agents[pauses_rng_.Below(center_->agents.size())].id;
        if (pauses_rng_.PerMille(500)) {
          ev.body = AgentNotReady{agent, NotReadyReason::kBreak, queue};
        } else {
          ev.body = AgentReady{agent, queue};
        }
      }
      return true;
    }
    case Fault::kBadPriority: {
      const int priority = (rng_.PerMille(500) ? 1 : -1) * (1001 + static_cast<int>(rng_.Below(5000)));
      if (!look.waiting.empty() && vocab_rng_.PerMille(100)) {  // a move to place 0
        ev.body = CallMove{vocab_rng_.Pick(look.waiting), 0};
        step->expect = RejectExpectation{{Code::kInvalidArgument}, "position"};
        return true;
      }
      if (!look.waiting.empty() && vocab_rng_.PerMille(300)) {  // a supervisor's typo
        ev.body = CallSetPriority{vocab_rng_.Pick(look.waiting), priority};
      } else if (!look.ivr.empty()) {
        CallEnqueue e = RandomEnqueue(rng_.Pick(look.ivr));
        e.priority = priority;
        ev.body = e;
      } else if (!look.waiting.empty() && center_->queues.size() > 1) {
        // To another queue: a transfer to the call's own queue fails first.
        const CallId call = rng_.Pick(look.waiting);
        const QueueId own = look.waiting_queue.at(call);
        const QueueId other = static_cast<QueueId>(
            (own + 1 + rng_.Below(center_->queues.size() - 1)) % center_->queues.size());
        ev.body = CallTransfer{call, other, priority};
      } else {
        return false;
      }
      step->expect = RejectExpectation{{Code::kInvalidArgument}, "priority"};
      return true;
    }
    case Fault::kBadDisposition: {
      if (look.all.empty()) return false;
      const Disposition bad[] = {Disposition::kNone, Disposition::kAnswered,
                                 Disposition::kAbandonedInQueue};
      ev.body = CallRoute{rng_.Pick(look.all), bad[rng_.Below(3)]};
      step->expect = Expect(Code::kInvalidArgument, "disposition");
      return true;
    }
    case Fault::kBadReason: {
      if (look.logged_in.empty()) return false;
      ev.body = AgentNotReady{rng_.Pick(look.logged_in), NotReadyReason::kNone};
      step->expect = Expect(Code::kInvalidArgument, "reason");
      return true;
    }
    default:
      return false;
  }
}

bool EventGenerator::UnknownIdFault(Fault fault, const Look& look, const ShadowModel& shadow,
                                    Step* step) {
  Event& ev = step->event;
  switch (fault) {
    case Fault::kUnknownCall: {
      const CallId call = kUnknownCallBase + rng_.Below(1000);
      const AgentId agent = center_->agents[rng_.Below(center_->agents.size())].id;
      switch (rng_.Below(6)) {
        case 0: ev.body = RandomEnqueue(call); break;
        case 1: ev.body = CallAnswer{call, agent}; break;
        case 2: ev.body = CallDecline{call, agent}; break;
        case 3: ev.body = CallHangup{call}; break;
        case 4: ev.body = CallEndTalk{call}; break;
        default: ev.body = CallTransfer{call, 0, 0}; break;
      }
      if (vocab_rng_.PerMille(150)) ev.body = CallTransferToAgent{call, agent};
      step->expect = Expect(Code::kNotFound, "call");
      return true;
    }
    case Fault::kUnknownAgent: {
      const AgentId agent = 1 + rng_.Below(99);  // roster ids start at 100
      switch (rng_.Below(look.offers.empty() ? 5 : 6)) {
        case 0: ev.body = AgentLogin{agent, true}; break;
        case 1: ev.body = AgentLogout{agent}; break;
        case 2: ev.body = AgentReady{agent}; break;
        case 3: ev.body = AgentNotReady{agent, NotReadyReason::kBreak}; break;
        case 4: ev.body = AgentSetSkills{agent, {}}; break;
        default: ev.body = CallAnswer{rng_.Pick(look.offers).first, agent}; break;
      }
      if (!look.talking.empty() && vocab_rng_.PerMille(150)) {  // a transfer to nobody known
        ev.body = CallTransferToAgent{vocab_rng_.Pick(look.talking), agent};
      }
      step->expect = Expect(Code::kNotFound, "agent");
      return true;
    }
    case Fault::kEndedCall: {
      const CallId call = AnyEndedCall(shadow);
      if (call == 0) return false;
      const AgentId agent = center_->agents[rng_.Below(center_->agents.size())].id;
      switch (rng_.Below(5)) {
        case 0: ev.body = CallAnswer{call, agent}; break;  // an answer after hang-up
        case 1: ev.body = CallHangup{call}; break;
        case 2: ev.body = CallEndTalk{call}; break;
        case 3: ev.body = RandomEnqueue(call); break;
        default: ev.body = CallDecline{call, agent}; break;
      }
      if (vocab_rng_.PerMille(150)) ev.body = CallTransferToAgent{call, agent};
      step->expect = Expect(Code::kFailedPrecondition, "call");
      return true;
    }
    default:
      return false;
  }
}

bool EventGenerator::SkillFault(Fault fault, const Look& look, Step* step) {
  Event& ev = step->event;
  const bool has_skills = !center_->skills.empty();
  switch (fault) {
    case Fault::kBadLevel: {
      const int level = rng_.PerMille(500) ? 0 : 11 + static_cast<int>(rng_.Below(5));
      const uint64_t how = rng_.Below(3);
      if (how == 0 && !look.ivr.empty()) {
        CallEnqueue e = RandomEnqueue(rng_.Pick(look.ivr));
        e.min_level = level;
        ev.body = e;
        step->expect = Expect(Code::kInvalidArgument, "min_level");
      } else if (how == 1 && !look.ivr.empty() && has_skills) {
        CallEnqueue e = RandomEnqueue(rng_.Pick(look.ivr));
        e.required_skills = {{0, level}};
        ev.body = e;
        step->expect = Expect(Code::kInvalidArgument, "required_skills");
      } else if (has_skills) {
        ev.body = AgentSetSkills{center_->agents[rng_.Below(center_->agents.size())].id,
                                 {{static_cast<SkillId>(center_->skills.size() - 1), level}}};
        step->expect = Expect(Code::kInvalidArgument, "skills");
      } else {
        return false;
      }
      if (levels_rng_.PerMille(250)) {  // an agent's level out of range, in all its queues
        ev.body = AgentSetLevel{center_->agents[levels_rng_.Below(center_->agents.size())].id,
                                std::nullopt, level};
        step->expect = Expect(Code::kInvalidArgument, "level");
      }
      return true;
    }
    case Fault::kBadSkill: {
      const SkillId skill = static_cast<SkillId>(center_->skills.size() + rng_.Below(3));
      if (!look.ivr.empty() && rng_.PerMille(500)) {
        CallEnqueue e = RandomEnqueue(rng_.Pick(look.ivr));
        e.required_skills = {{skill, 5}};
        ev.body = e;
        step->expect = Expect(Code::kNotFound, "required_skills");
      } else {
        ev.body = AgentSetSkills{center_->agents[rng_.Below(center_->agents.size())].id,
                                 {{skill, 5}}};
        step->expect = Expect(Code::kNotFound, "skills");
      }
      return true;
    }
    default:
      return false;
  }
}

bool EventGenerator::StateFault(Fault fault, const Look& look, const ShadowModel& shadow,
                                Step* step) {
  Event& ev = step->event;
  switch (fault) {
    case Fault::kWrongAgent: {
      if (look.offered.empty()) return false;
      const CallId call = rng_.Pick(look.offered);
      const ShadowCall& c = shadow.live().at(call);
      const AgentId agent = center_->agents[rng_.Below(center_->agents.size())].id;
      for (const ShadowOffer& o : c.offers) {
        if (o.agent == agent) return false;
      }
      if (rng_.PerMille(500)) {
        ev.body = CallAnswer{call, agent};
      } else {
        ev.body = CallDecline{call, agent};
      }
      step->expect = Expect(Code::kFailedPrecondition, "agent");
      return true;
    }
    case Fault::kLogoutLoggedOut:
    case Fault::kLoginLoggedIn: {
      const bool logout = fault == Fault::kLogoutLoggedOut;
      std::vector<AgentId> pool;
      for (const auto& [id, agent] : shadow.agents()) {
        if ((agent.presence == Presence::kLoggedOut) == logout) pool.push_back(id);
      }
      if (pool.empty()) return false;
      if (logout) {
        ev.body = AgentLogout{rng_.Pick(pool)};
      } else {
        ev.body = AgentLogin{rng_.Pick(pool), true};
      }
      step->expect = Expect(Code::kFailedPrecondition, "agent");
      return true;
    }
    case Fault::kNotTalking: {
      std::vector<CallId> pool = look.ivr;
      pool.insert(pool.end(), look.waiting.begin(), look.waiting.end());
      pool.insert(pool.end(), look.offered.begin(), look.offered.end());
      const uint64_t kind = vocab_rng_.Below(4);
      if (kind == 3) {  // resume a connected call that is not on hold
        std::vector<CallId> talking;
        for (CallId c : look.talking) {
          if (std::find(look.on_hold.begin(), look.on_hold.end(), c) == look.on_hold.end()) {
            talking.push_back(c);
          }
        }
        if (talking.empty()) return false;
        ev.body = CallResume{vocab_rng_.Pick(talking)};
      } else if (pool.empty()) {
        return false;
      } else if (kind == 2) {
        ev.body = CallHold{rng_.Pick(pool)};
      } else {
        ev.body = CallEndTalk{rng_.Pick(pool)};
      }
      step->expect = Expect(Code::kFailedPrecondition, "call");
      return true;
    }
    case Fault::kBadUpdate: {
      if (look.all.empty()) return false;
      CallUpdate e;
      e.call = vocab_rng_.Pick(look.all);
      e.fields = vocab_rng_.PerMille(500) ? 0 : CallUpdate::kAll + 1 + vocab_rng_.Below(1000);
      ev.body = e;
      step->expect = Expect(Code::kInvalidArgument, "fields");
      return true;
    }
    default:
      return false;
  }
}

}  // namespace acd::testing
