// A live reload's parts: ReloadPlan, how the running engine's center maps
// onto the new one, worked out by EngineImpl::PlanReload
// (engine_reload_check.cc); ReloadWork, what the adoption collects on its
// way; and ReloadAdopter, which carries the plan out on the fresh engine
// (engine_reload.cc, engine_reload_settle.cc, and the per-feature steps
// beside their features).
//
// Queues and skills are matched by name, agents by id: the ids of queues
// and skills, and the slots of agents, may differ between the two centers.
// Thread-safety: values and a step built and used on the engine's thread.
// Invariant: PlanReload has found nothing in the way before an adoption
// starts, so nothing in one can fail; the old engine is then discarded.
#ifndef ACD_LIB_CORE_ENGINE_RELOAD_H_
#define ACD_LIB_CORE_ENGINE_RELOAD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "acd/center.h"
#include "acd/skill_expr.h"
#include "core/engine_state.h"

namespace acd::core {

inline constexpr SkillId kNoSkill = UINT32_MAX;

// What a live queue's settings that its waiting calls' timers hang on did:
// kept (their timers stay) or changed (re-derived from the new settings).
struct QueueChange {
  bool max_wait_same = true;
  bool rules_same = true;
  bool announcements_same = true;
  bool strategy_same = true;
};

struct ReloadPlan {
  std::vector<QueueId> queue_to;   // by old queue id; kNoQueue: removed
  std::vector<uint32_t> agent_to;  // by old agent slot; kNoSlot: removed
  std::vector<SkillId> skill_to;   // by old skill id; kNoSkill: removed
  bool skills_renumbered = false;  // skill_to is not the identity
  std::vector<QueueChange> queue_change;  // by old queue id
  // By old agent slot: the agent's configuration (skills, capacity,
  // memberships, delays) is the same, so what changed at run time (skills
  // set by AgentSetSkills) stays; otherwise the new file's applies.
  std::vector<bool> agent_same;
  // Where the callbacks and open captures of removed queues go: the new
  // center's on_queue_removed queue when it takes callbacks, else kNoQueue
  // (then PlanReload refuses to remove a queue that has any).
  QueueId callbacks_to = kNoQueue;
  QueueId CallbackQueue(QueueId old) const {
    return queue_to[old] != kNoQueue ? queue_to[old] : callbacks_to;
  }

  // A requirement in the new center's skill ids; nullopt when it names a
  // skill the new center does not have.
  std::optional<SkillExpr> Remap(const SkillExpr& expr) const;
};

// What AdoptState collects on its way for the steps that follow it.
struct ReloadWork {
  std::vector<QueueId> queue_from;  // by new queue id: the old one, or kNoQueue (added)
  std::vector<bool> delays_same;    // by new queue id: the member delays are as before
  // Offers ringing on removed agents: (call slot, agent id), withdrawn.
  std::vector<std::pair<uint32_t, AgentId>> cancelled;
  // Callbacks of removed queues moved to callbacks_to (keeping their place
  // and hold), in slot order: a RouteCall tells of each.
  std::vector<uint32_t> moved_callbacks;
  // Waiting calls of removed queues, in slot order, with their requirement
  // in the new skill ids: they go down on_queue_removed.
  std::vector<std::pair<uint32_t, SkillExpr>> routed;
  // Calls whose re-derived maximum wait or first rule is already due,
  // skipped if the call has since left the line it was in. Not by entry
  // order: placing another caller by time may respace the queue.
  struct Due {
    uint32_t slot;
    CallId id;
    QueueId queue;
    TimeMs enqueued_ms;
  };
  std::vector<Due> due_max_wait, due_rules;
  // By call slot: the call's rules started again under the new center's
  // (its rule timer is re-derived).
  std::vector<bool> rules_restarted;
  // Books kept for callers (KeepBook), by the old book and the new queue.
  std::map<std::pair<const RuleBook*, QueueId>, uint16_t> books;
};

class EngineImpl;

// The fresh engine's side of a live reload (the rules: engine_reload.cc
// and acd/engine.h). A friend of EngineImpl: it fills the fresh engine's
// records from the old one's, then carries out what the change takes with
// the engine's own steps.
class ReloadAdopter {
 public:
  explicit ReloadAdopter(EngineImpl& fresh) : e_(fresh) {}

  // Takes `old`'s live state (moving its calls out; `old` is then to be
  // discarded) and settles it under the new center; commands go to the
  // fresh engine's sink.
  void AdoptState(EngineImpl& old, const ReloadPlan& plan);

 private:
  void AdoptAgents(const EngineImpl& old, const ReloadPlan& plan);
  // Per membership of old agent slot `o` that the new file keeps
  // (engine_levels.cc, engine_pause.cc, engine_here.cc): the run-time
  // level stays where the file left the level as the old one had it (a new
  // level in the file wins); the pause in that queue alone and the counters
  // of that queue stay.
  void AdoptLevels(const EngineImpl& old, uint32_t o, const ReloadPlan& plan, Agent& a) const;
  void AdoptPauses(const EngineImpl& old, uint32_t o, const ReloadPlan& plan, Agent& a) const;
  void AdoptHereCounters(const EngineImpl& old, uint32_t o, const ReloadPlan& plan,
                         Agent& a) const;
  void AdoptCalls(EngineImpl& old, const ReloadPlan& plan, ReloadWork& work);
  void AdoptTimers(const EngineImpl& old, const ReloadPlan& plan, ReloadWork& work);
  void RederiveQueueTimers(uint32_t slot, const ReloadPlan& plan, ReloadWork& work);
  // A book of the fresh engine for `from` (the old engine's book a caller
  // of new queue `queue` follows), its rules in the new center's ids; one
  // per (book, queue). kQueueBook when no more books fit (Call::book).
  // engine_books.cc.
  uint16_t KeepBook(const RuleBook& from, QueueId queue, const ReloadPlan& plan, ReloadWork& work);
  void AdoptMemory(EngineImpl& old, const ReloadPlan& plan);
  void FileAdoptedAgents();
  void SettleAfterReload(const EngineImpl& old, const ReloadPlan& plan, ReloadWork& work);
  // Offers beyond what the queue now rings at once (ring-all, progressive
  // ringing) are withdrawn, the latest first.
  void WithdrawExtraRings();
  // A line longer than its queue's new max_length sends the calls at its
  // back down on_full, as if the limit had been in force when they came.
  void TrimToNewLimits();

  EngineImpl& e_;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_ENGINE_RELOAD_H_
