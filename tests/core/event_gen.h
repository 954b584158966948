// EventGenerator: a seeded stream of PBX events that reacts to the engine's
// state (as the ShadowModel rebuilds it from the commands) like a busy and
// misbehaving PBX: calls arrive, are queued, answered, declined, left to
// ring out, hung up at every stage, transferred and routed; agents log in
// and out (also while an offer rings), pause, resume and change skills.
// With a per-seed rate it injects faults: re-sent and reordered events,
// times that go backwards, unknown and ended ids, answers by the wrong
// agent, malformed fields. Each seed also draws its own "personality"
// (fault rate, answer/decline/hang-up mix, time steps). Not thread-safe.
#ifndef ACD_TESTS_CORE_EVENT_GEN_H_
#define ACD_TESTS_CORE_EVENT_GEN_H_

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "acd/center.h"
#include "acd/event.h"
#include "tests/core/invariant_checker.h"
#include "tests/core/shadow_model.h"
#include "tests/core/skill_expr_gen.h"
#include "tests/core/test_rng.h"

namespace acd::testing {

enum class Fault : uint8_t {
  kNone,
  kReordered,          // the later of two events is sent first
  kDuplicateEventId,   // a recent event re-sent with its id, at the current time
  kExactResend,        // a recent event re-sent exactly, old time included
  kTimeBackwards,
  kUnknownCall,
  kUnknownAgent,
  kQueueOutOfRange,
  kWrongAgent,         // answer/decline by an agent without the offer
  kEndedCall,          // an event for a call that has ended
  kBadLevel,
  kBadPriority,
  kDuplicateCallId,    // CallArrive for a live call id
  kReusedCallId,       // CallArrive for a recently ended call id
  kBadSkill,           // skill id out of range
  kBadDisposition,     // CallRoute with a non-terminal disposition
  kLogoutLoggedOut,
  kLoginLoggedIn,
  kZeroCallId,
  kBadReason,          // AgentNotReady with reason kNone
  kNotTalking,         // CallEndTalk, CallHold or CallResume for a call that cannot
  kBadUpdate,          // CallUpdate naming no attribute or unknown ones
  kCount,
};
std::string_view FaultName(Fault fault);

// One input to the engine: Apply(event), or AdvanceTo(event.time_ms).
struct Step {
  bool advance = false;
  Event event;
  Fault fault = Fault::kNone;
  bool fresh_id = false;  // event.id was never accepted before
  // Set for faults the engine must reject: how the rejection must look.
  std::optional<RejectExpectation> expect;
};

class EventGenerator {
 public:
  // The state events are drawn against, sorted into lists to draw from.
  struct Look {
    std::vector<CallId> ivr, waiting, offered, talking, all;
    std::vector<CallId> dialing, captures;  // callbacks dialled; captures awaiting a contact
    std::vector<CallId> on_hold;  // connected calls on hold
    std::vector<CallId> consulting;  // callers whose agent consults (CallConsult)
    std::vector<std::pair<CallId, AgentId>> offers;
    std::vector<AgentId> logged_out, ready, paused, busy, logged_in;
    std::vector<AgentId> outside;  // on a call outside the ACD
    std::map<CallId, QueueId> waiting_queue;
  };

  // `center` must outlive the generator (or the next SetCenter).
  EventGenerator(const CenterConfig& center, uint64_t seed, TimeMs start_ms);

  Step Next(const ShadowModel& shadow, TimeMs now_ms);
  // A step drawn against `look` (built without a shadow model, e.g. from
  // the engine's views): ordinary traffic only, no faults.
  Step NextFrom(const Look& look, TimeMs now_ms);
  // Draws queue, agent and skill ids from `center` from now on (a reload).
  // Skill ids of the old center must keep their meaning.
  void SetCenter(const CenterConfig& center);
  // The engine's answer to `step` (bookkeeping of ids for resends).
  void Observe(const Step& step, const absl::Status& status);
  // The skill requirements CallEnqueue events may carry.
  const std::vector<FuzzSkillExpr>& skill_exprs() const { return skill_exprs_; }

 private:
  struct Mix {
    uint32_t fault_per_mille, answer, decline, hangup, end_talk, churn;
    TimeMs dt_max_ms;
    size_t max_calls;
  };
  Look Snapshot(const ShadowModel& shadow) const;
  Step NormalStep(const Look& look);
  bool Normal(const Look& look, Step* step);
  bool CallStep(int kind, const Look& look, Step* step);
  bool AgentStep(int kind, const Look& look, Step* step);
  bool CallbackStep(int kind, const Look& look, Step* step);
  // Hold and resume, CRM updates, supervisors' priority changes; drawn
  // from vocab_rng_ (event_gen_vocab.cc).
  bool VocabStep(const Look& look, Step* step);
  CallAttributes RandomAttributes(uint32_t fields);
  bool MakeFault(const Look& look, const ShadowModel& shadow, TimeMs now_ms, Step* step);
  bool IdFault(Fault fault, const Look& look, const ShadowModel& shadow, TimeMs now_ms,
               Step* step);
  bool UnknownIdFault(Fault fault, const Look& look, const ShadowModel& shadow, Step* step);
  bool FieldFault(Fault fault, const Look& look, Step* step);
  bool SkillFault(Fault fault, const Look& look, Step* step);
  bool StateFault(Fault fault, const Look& look, const ShadowModel& shadow, Step* step);
  CallEnqueue RandomEnqueue(CallId call);
  std::vector<SkillLevel> RandomSkills();
  CallId AnyEndedCall(const ShadowModel& shadow);
  void Stamp(Step* step);  // time and event id
  TimeMs Tick();
  // Moves the clocks to now_ms and hands out the held step, if any.
  std::optional<Step> StartStep(TimeMs now_ms);

  const CenterConfig* center_;
  TestRng rng_;
  Mix mix_;
  uint64_t calls_per_agent_ = 1;  // mix_.max_calls per agent
  TimeMs clock_ms_;
  TimeMs now_ms_ = 0;  // the engine's clock when Next was called
  EventId next_event_id_ = 1;
  CallId next_call_id_ = 1;
  std::deque<Event> accepted_;    // recent accepted events with an id
  std::vector<EventId> free_ids_;  // ids of rejected events, free again
  std::optional<Step> held_;      // the earlier half of a reordered pair
  std::vector<absl::InlinedVector<SkillLevel, 2>> skill_sets_;
  bool reports_outside_calls_ = false;  // some queue rings agents in use
  // Skill requirements, drawn and picked from their own stream so that a
  // seed's other draws stay what they were before these existed.
  TestRng expr_rng_;
  std::vector<FuzzSkillExpr> skill_exprs_;
  // The events added with the PBX vocabulary (hold, updates, priority,
  // who hung up), from their own stream as well.
  TestRng vocab_rng_;
  // Labels the center declares (issue 12), now and then in place of the
  // built-in reason or intent drawn (and rarely one it does not declare),
  // from their own stream as well.
  template <typename Label>
  Label MaybeDeclared(Label builtin);
  TestRng labels_rng_;
  // Run-time levels (AgentSetLevel), now and then in place of a skill
  // change, from their own stream as well (event_gen_vocab.cc).
  bool LevelStep(Step* step);
  TestRng levels_rng_;
  // Pauses in one queue: the AgentReady / AgentNotReady drawn, now and
  // then, goes to a ready agent and one of its queues (rarely one it is
  // not a member of), from their own stream as well (event_gen_vocab.cc).
  void QueuePauseStep(const Look& look, Step* step);
  TestRng pauses_rng_;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_EVENT_GEN_H_
