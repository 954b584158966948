// EngineImpl: the steps that change the engine's state. Internal to
// lib/core; include/acd/engine.h is the face. Single-threaded.
//
// The state is EngineFields (engine_fields.h: its layout and what is done
// for the hot path), a private base. Every event is checked by a const
// Check* function first and only then carried out by a Do* function that
// cannot fail, so a rejected event changes nothing. The snapshot codec
// (engine_snapshot.h), the reload adopter (engine_reload.h) and the
// invariant checker (invariant_checker.h) are friends.
#ifndef ACD_LIB_CORE_ENGINE_IMPL_H_
#define ACD_LIB_CORE_ENGINE_IMPL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/event.h"
#include "core/agent_index.h"
#include "core/call_index.h"
#include "core/eligibility.h"
#include "core/engine_fields.h"
#include "core/engine_state.h"
#include "core/join_class.h"
#include "core/timers.h"

namespace acd::core {

// Applies a set_level_bounds rule's change to a caller's bounds (kept
// within 1..10 and DESIGN invariant 21; engine_rules.cc).
void ApplyLevelBounds(const LevelBoundsChange& change, int* min_level, int* max_level,
                      int* level_cap);

struct ReloadPlan;  // engine_reload.h
struct ReloadWork;

// An agent's AgentKey::order in a queue: its value of the queue's order_by
// attribute (negated when descending), INT64_MAX without it, 0 when the
// queue orders by no attribute. A function of the center alone.
int64_t OrderKeyFor(const QueueConfig& q, const AgentConfig& a);

class EngineImpl : private EngineFields {
 public:
  EngineImpl(const CenterConfig& center, CommandSink* sink, EngineOptions options);
  // Not copyable (EngineFields is not): queue states point into center_,
  // and sink_ is borrowed.

  // Snapshots (layout: snapshot_format.h; engine_snapshot.cc,
  // engine_restore*.cc). Restore builds an engine for `center` from a
  // snapshot taken under the same center: DataLoss when the bytes are
  // damaged, FailedPrecondition for another center or a newer version.
  std::string Snapshot() const;
  static absl::StatusOr<std::unique_ptr<EngineImpl>> Restore(const CenterConfig& center,
                                                             std::string_view bytes,
                                                             CommandSink* sink,
                                                             EngineOptions options);

  absl::Status Apply(const Event& event);
  absl::Status AdvanceTo(TimeMs time_ms);

  // Live reload (engine_reload*.cc): the engine for `next` (valid by
  // ValidateCenter) carrying this one's live state, which is moved out of
  // it (this engine is then to be discarded); the commands the change
  // takes go to the sink. FailedPrecondition when the live state forbids
  // the change: then nothing changed. The rules are in acd/engine.h.
  absl::StatusOr<std::unique_ptr<EngineImpl>> Reload(const CenterConfig& next);

  // Views (engine_views.cc).
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<CallView> GetCall(CallId id) const;
  absl::StatusOr<QueueStats> GetQueueStats(QueueId id) const;  // O(waiting)
  std::vector<AgentView> AllAgents() const;
  CallCounts counts() const { return counts_; }
  uint64_t StateHash() const;
  absl::Status CheckInvariants() const;  // invariants.cc
  // All but work conservation (invariant 6, O(waiting calls x agents)):
  // O(state), for checking a restored snapshot at any size.
  absl::Status CheckLinearInvariants() const;

  TimeMs now_ms() const { return now_ms_; }
  std::optional<TimeMs> NextDeadlineMs() const { return timers_.NextDueMs(); }
  const WorkCounters& work() const { return work_; }
  const CenterConfig& center() const { return center_; }

 private:
  // ---- checks (const; engine_agents.cc, engine_calls.cc) ----
  absl::Status Check(const EventBody& body) const;
  absl::Status CheckAgent(AgentId id, const Agent** agent) const;
  // An agent may take a call of media `media` the PBX placed (an outbound
  // call, a consult leg): logged in, with spare capacity, room for the
  // media in its channels. FailedPrecondition "agent".
  absl::Status CheckRoomForCall(AgentId id, const Agent& a, Media media) const;
  absl::Status CheckLiveCall(CallId id, const Call** call) const;
  absl::Status CheckSkills(const char* field, const SkillList& skills, bool require_unique) const;
  absl::Status CheckEvent(const AgentLogin& e) const;
  absl::Status CheckEvent(const AgentLogout& e) const;
  absl::Status CheckEvent(const AgentReady& e) const;
  absl::Status CheckEvent(const AgentNotReady& e) const;
  absl::Status CheckEvent(const AgentSetSkills& e) const;
  absl::Status CheckEvent(const CallArrive& e) const;
  absl::Status CheckEvent(const CallEnqueue& e) const;
  absl::Status CheckEvent(const CallAnswer& e) const;
  absl::Status CheckEvent(const CallDecline& e) const;
  absl::Status CheckEvent(const CallHangup& e) const;
  absl::Status CheckEvent(const CallEndTalk& e) const;
  absl::Status CheckEvent(const CallTransfer& e) const;
  absl::Status CheckEvent(const CallRoute& e) const;
  absl::Status CheckEvent(const CallClassify& e) const;
  absl::Status CheckEvent(const AgentOutsideCall& e) const;
  absl::Status CheckEvent(const CallbackRequest& e) const;
  absl::Status CheckEvent(const CallbackResult& e) const;
  absl::Status CheckEvent(const CallHold& e) const;
  absl::Status CheckEvent(const CallResume& e) const;
  absl::Status CheckEvent(const CallUpdate& e) const;
  absl::Status CheckEvent(const CallSetPriority& e) const;
  absl::Status CheckEvent(const OutboundCall& e) const;
  absl::Status CheckEvent(const CallTransferToAgent& e) const;
  absl::Status CheckEvent(const CallMove& e) const;
  absl::Status CheckEvent(const CallConsult& e) const;
  absl::Status CheckEvent(const CallConsultEnd& e) const;
  absl::Status CheckEvent(const AgentSetLevel& e) const;
  absl::Status CheckQueueTarget(QueueId queue, int priority, const Call& call,
                                const SkillExpr& extra, const char* field) const;
  // A call's requirement: the required skills (checked) AND the expression.
  absl::StatusOr<SkillExpr> Requirement(absl::Span<const SkillLevel> required,
                                        const SkillExpr& expr) const;

  // ---- carrying out (cannot fail) ----
  void Do(const EventBody& body);
  void DoEvent(const AgentLogin& e);
  void DoEvent(const AgentLogout& e);
  void DoEvent(const AgentReady& e);
  void DoEvent(const AgentNotReady& e);
  void DoEvent(const AgentSetSkills& e);
  void DoEvent(const CallArrive& e);
  void DoEvent(const CallEnqueue& e);
  void DoEvent(const CallAnswer& e);
  void DoEvent(const CallDecline& e);
  void DoEvent(const CallHangup& e);
  void DoEvent(const CallEndTalk& e);
  void DoEvent(const CallTransfer& e);
  void DoEvent(const CallRoute& e);
  void DoEvent(const CallClassify& e);
  void DoEvent(const AgentOutsideCall& e);
  void DoEvent(const CallbackRequest& e);
  void DoEvent(const CallbackResult& e);
  void DoEvent(const CallHold& e);
  void DoEvent(const CallResume& e);
  void DoEvent(const CallUpdate& e);
  void DoEvent(const CallSetPriority& e);
  void DoEvent(const OutboundCall& e);
  void DoEvent(const CallTransferToAgent& e);
  void DoEvent(const CallMove& e);
  void DoEvent(const CallConsult& e);
  void DoEvent(const CallConsultEnd& e);
  // ---- run-time levels (engine_levels.cc) ----
  void DoEvent(const AgentSetLevel& e);
  // Whether the queue's members have a level of their own (AgentSetLevel
  // sets it), not one from the queue's skill.
  bool TakesLevel(QueueId queue) const;
  // ---- attended transfers (engine_consult.cc) ----
  // Refuses an event that would move, route or resume a call while it
  // consults, or a consult leg in ways a leg does not go (`what` names the
  // event for the message).
  absl::Status CheckNotConsulting(const Call& c, const char* what) const;
  // A call that ends (EndCall): the consult it takes part in ends too.
  // A leg's end puts its caller back with the agent, off hold; a caller's
  // end leaves the leg a call of its own.
  void UnlinkConsult(uint32_t slot);
  // ---- moving a waiting call in its line (engine_move.cc) ----
  // Puts the waiting call at `slot` (in line) at `position` (1 = next) of
  // its queue's line: a supervisor's move takes the priority of the call
  // it stands before (keep_priority false); a caller joining at a place
  // keeps its own and lands no further ahead than the calls of higher
  // priority, no further back than those of lower (Asterisk's Queue()
  // position). O(calls in the line).
  void PlaceInLine(uint32_t slot, uint32_t position, bool keep_priority);
  // Gives queue `queue`'s places new entry orders, spaced kSeqSpacing
  // apart, in the order they had: live calls' keys, callers' remembered
  // places, captures awaiting a callback. Called when a move finds no
  // entry order left between two neighbours.
  void RespaceQueue(QueueId queue);
  // A time in line for a call of `queue` placed at entry order `seq`
  // that keeps line_ms growing with the entry order over the queue's
  // places (the call at `slot` left out). O(live calls).
  TimeMs LineMsAt(QueueId queue, uint64_t seq, uint32_t slot) const;
  // The entry order of a place of `queue` in line since `line_ms` (the
  // call at `except` left out): behind every place of the queue in line
  // since then or earlier, ahead of every later one (DESIGN invariant 18).
  // A fresh one, O(1), when no place is later (latest_line_ms), else one
  // pass over the places (and a respacing when two leave no room).
  uint64_t SeqForLineMs(QueueId queue, TimeMs line_ms, uint32_t except);
  // Sets every queue's latest_line_ms from its places (restore, reload).
  void RebuildLatestLines();
  // The greatest entry order below `seq` among the queue's places (0: none).
  uint64_t SeqBelow(QueueId queue, uint64_t seq, uint32_t slot) const;
  // fn(seq, line_ms) for each place of the queue: live calls through it
  // (but `except`), remembered places, captures awaiting a callback.
  template <typename Fn>
  void ForEachPlace(QueueId queue, uint32_t except, Fn fn) const;
  // ---- transfers to a named agent (engine_transfer.cc) ----
  // A transfer's offer that was not taken: the call goes back into its
  // queue at the place it had, its queue timers started again.
  void RequeueTransferred(uint32_t call_slot);

  // ---- agents (engine_agents.cc) ----
  // Availability, wrap-up scope, delays and levels: eligibility.h.
  // Whether the agent is fit for the queue's calls through this membership
  // (busy or not): qualified, and not on an outside call unless the queue
  // rings agents in use.
  bool Qualifies(const Agent& a, const AgentMembership& m) const {
    return m.tier >= kMinLevel && (!a.outside_call || queues_[m.queue].config->ring_in_use);
  }
  // Whether the agent may take the queue's calls through this membership
  // now (while available): it qualifies, is in no wrap-up for this queue
  // alone, not paused in it alone, and has room in its channels for the
  // queue's media (Agent::RoomFor).
  bool Serves(const Agent& a, const AgentMembership& m) const {
    return Qualifies(a, m) && !(a.in_wrapup && a.wrapup_queue == m.queue) &&
           m.paused == NotReadyReason::kNone && a.RoomFor(m.media);
  }
  // How many pool ready indexes the agent is filed in.
  size_t Filings(const Agent& a) const;
  // The delay stage a call is served at (eligibility.h ServedStage).
  int StageFor(const Call& c) const { return ServedStage(queues_[c.queue], c.stage); }
  // Keeps the agent from new offers for delay_ms (0: no-op).
  void StartRest(uint32_t slot, TimeMs delay_ms);
  int TierFor(const Agent& a, const AgentMembership& m) const;  // 0 = not eligible
  // Recomputes the cached tier and pool bits of every membership.
  void CacheMemberships(Agent& a) const;
  AgentKey KeyFor(uint32_t slot, const Agent& a, const AgentMembership& m);
  // Available agent into every matching pool; keys[i], when given and set,
  // is membership i's key (a restore keeps the snapshot's keys).
  void IndexAgent(uint32_t slot, const std::vector<std::optional<AgentKey>>* keys = nullptr);
  void UnindexAgent(uint32_t slot);  // out of every pool (its entries go stale)
  // Erases the stale entries of every pool of the agent's queues.
  void PurgeStale(uint32_t slot);
  // Re-files an agent after any change: out of the index, back in when
  // available (and then queued for matching), state reported.
  void RefreshAgent(uint32_t slot);
  void ReportAgent(uint32_t slot);
  void CancelAgentOffers(uint32_t slot, CancelReason reason);
  void SetPresence(uint32_t slot, Presence p, NotReadyReason reason);
  // ---- pauses in one queue (engine_pause.cc) ----
  // MembershipOf (eligibility.h): the agent's membership of a queue.
  // The checks of AgentReady / AgentNotReady with a queue.
  absl::Status CheckQueuePause(const Agent& a, AgentId id, QueueId queue,
                               const AgentMembership** m) const;
  // Sets the agent's pause in one queue (kNone: ends it), with its join
  // counts and the AgentPauseChanged; the caller re-files the agent.
  void SetQueuePause(uint32_t slot, AgentMembership& m, NotReadyReason reason);
  // Ends every pause of the agent in one queue (a pause everywhere, ready
  // everywhere, a logout).
  void ClearQueuePauses(uint32_t slot);
  void DoQueuePause(uint32_t slot, QueueId queue, NotReadyReason reason);
  // Withdraws the agent's ringing offers of the queue's calls (a pause in it).
  void WithdrawQueueOffers(uint32_t slot, QueueId queue);
  // A missed offer of the call to the agent: a ring timeout, or a busy or
  // unavailable line the call's queue counts (auto_pause_busy,
  // auto_pause_unavailable). The agent goes to the back of the idle line
  // and its miss is counted; the miss that reaches the queue's max_misses
  // pauses it (everywhere, withdrawing its other offers; or in the queue
  // with auto_pause_here_only; not within auto_pause_delay_ms of its last
  // call), else it rests rest_ms. The offer is released with `reason`.
  void MissOffer(uint32_t call_slot, uint32_t agent_slot, TimeMs rest_ms, CancelReason reason);
  // max_misses reached under auto_pause_here_only: the queue to pause the
  // agent in for its miss of the call (kNoQueue: none), and the pause.
  static QueueId AutoPauseQueue(const Agent& a, const Call& c);
  // Whether q's auto_pause_delay_ms holds the agent's automatic pause back:
  // its last call (the latest end among its memberships) ended less than
  // that long ago. O(memberships), at a miss only.
  bool WithinPauseDelay(const Agent& a, const QueueConfig& q) const;
  void AutoPauseHere(uint32_t slot, QueueId queue);
  // ---- counters of one queue (engine_here.cc; counters_here_only) ----
  // An answered call (a callback: its connected dial), counted in the day's
  // and since-ready counters and in its queue's membership; the end of a
  // connection's talk likewise (talk time, and the end in its queue's).
  void CountAnswered(Agent& a, const Call& c);
  void CountTalkEnd(Agent& a, const Call& c);
  // Where a queue with counters_here_only files the agent: by the
  // membership's counter (HereCounter) of the strategy, then idle since.
  AgentKey HereKeyFor(uint32_t slot, const Agent& a, const AgentMembership& m) const;
  static int64_t HereCounter(Strategy strategy, const AgentMembership& m);

  // ---- calls and matching (engine_calls.cc, engine_dispatch.cc) ----
  uint32_t NewCallSlot();
  uint16_t PoolFor(QueueState& q, const SkillExpr& extra);  // finds or creates
  void AddPool(QueueState& q, const SkillExpr& extra);
  int FindPool(const QueueState& q, const SkillExpr& extra) const;  // -1 if none
  // Whether the queue has, or may still add, a pool for the requirement
  // (at most kMaxPoolsPerQueue).
  bool HasPoolFor(const QueueState& q, const SkillExpr& extra) const {
    return q.pools.size() < kMaxPoolsPerQueue || FindPool(q, extra) >= 0;
  }
  // `position` > 0: the caller asked for that place in line (PlaceInLine,
  // keeping its priority); 0: behind the calls of its priority.
  void EnqueueCall(uint32_t slot, QueueId queue, int priority, int min_level,
                   const SkillExpr& extra, uint32_t position = 0);

  // ---- refusing to join (engine_join.cc) ----
  // What an agent counts as there: join_class.h.
  // Moves the agent's count to its class now; called by ReportAgent after
  // every change (sign: -1 takes it out with its cached tiers, +1 puts it
  // back, around a change of tiers).
  void UpdateJoinClass(uint32_t slot);
  void CountJoin(uint32_t slot, int sign);
  // Rebuilds every queue's join_counts from the agents (construction,
  // restore, reload).
  void RecountJoins();
  // The agent's class or tiers changed: its queues that leave when empty
  // judge their callers again (in Drain).
  void LeaveCheckAfterChange(uint32_t slot);
  // Sets the caller's priority (its level bounds are set by the caller).
  void RefuseJoin(uint32_t slot, QueueId queue, int priority, const SkillExpr& extra);
  void InsertWaiting(uint32_t slot);
  void RemoveWaiting(uint32_t slot);
  void LeaveQueue(uint32_t slot);  // cancels queue timers, fixes counters
  bool TryDispatchCall(uint32_t slot);
  // Ring-all: offers the call to every home-pool agent whose best call it
  // is; true when the call left the waiting index.
  bool RingAll(uint32_t slot);
  // Offers the call to the best agent of one pool (home or guest queue)
  // whose best call it is; true when the call left the waiting index.
  bool OfferThroughPool(uint32_t slot, QueueId queue, uint16_t pool, int stage);
  void TryDispatchAgent(uint32_t agent_slot);
  // The best waiting call the agent may take (kNoSlot if none) and the
  // membership it comes through.
  uint32_t BestCallFor(uint32_t agent_slot, const AgentMembership** best);
  // transfer_from: the agent who transferred the call to this one
  // (CallTransferToAgent), 0 for an offer from the queue.
  void MakeOffer(uint32_t call_slot, uint32_t agent_slot, AgentId transfer_from = 0);
  // Starts the ring timeout (and the progressive-ring timer) of a call
  // whose first offers were just made.
  void StartRinging(uint32_t call_slot);
  void OnProgress(uint32_t call_slot);
  void ReleaseOffer(uint32_t call_slot, uint32_t agent_slot, CancelReason reason);
  // After RONA/decline/cancel; rang_out: its offers rang out unanswered
  // (ring_timeout_moves_on brings its next rule due).
  void ReturnToQueue(uint32_t call_slot, bool rang_out = false);
  void ConnectCall(uint32_t call_slot, uint32_t agent_slot);
  void ReleaseAgentFromCall(uint32_t call_slot, bool wrapup);
  // Ends a hold in progress, adding its time to the call's hold_ms.
  void EndHold(Call& c);
  // Ends a call with its one disposition. A connected agent is released
  // to wrap-up by the call's queue, unless `wrapup` is false (the agent
  // moves on to another call at once: a completed consult's colleague).
  void EndCall(uint32_t slot, Disposition disposition, CancelReason reason,
               EndedBy by = EndedBy::kUnknown, bool wrapup = true);
  void SetCallState(uint32_t slot, CallState state);
  // Matches calls and agents queued for it until nothing more can match.
  void Drain();
  // Moves the call out of its queue down `action` (another queue or a
  // terminal path), emitting RouteCall with the cause. The call keeps its
  // skill requirement: its pool's, or `extra` while it is entering a queue
  // that turned out full (it has no pool there).
  void ApplyOverflow(uint32_t slot, const OverflowAction& action, RouteCause cause,
                     int rule = -1, const SkillExpr* extra = nullptr);
  // ApplyOverflow's second half: the call, out of every queue index, goes
  // down the action's path with this requirement.
  void TakePath(uint32_t slot, const OverflowAction& action, const SkillExpr& requirement);
  // A queued call's skill requirement: its pool's key (the call record does
  // not carry a copy). Only while the call is queued.
  const SkillExpr& Requirement(const Call& c) const { return queues_[c.queue].pools[c.pool].extra; }

  // ---- entry and overflow rules (engine_entry.cc, engine_rules.cc) ----
  // The first entry rule matching the call (-1: none, entry_default).
  int MatchEntryRule(uint32_t slot, const CallClassify& e) const;
  // Priority for a call placed by an entry rule: the rule's plus boosts.
  int EntryPriority(uint32_t slot, const EntryRule& rule) const;
  // Judges the rules that came due for a waiting call, in order; stops when
  // one moves the call out of the queue. Schedules the next one.
  void RunDueRules(uint32_t slot);
  // Judges the call's next rule now, due or not, and carries it out if it
  // holds (RuleApplied); false when the call left the queue or waits for
  // its ring to end to be routed.
  bool RunNextRule(uint32_t slot);
  bool RuleHolds(uint32_t slot, const OverflowRule& rule) const;
  // Carries out a rule whose condition held and that CanCarryOut (with the
  // skill step's requirement it found); false when the call left.
  bool ApplyRule(uint32_t slot, int rule, std::optional<SkillExpr> stepped);
  // Whether the rule's action can be carried out for the call now: an
  // added queue or a skill step needs room among the pools for the call's
  // requirement (kMaxPoolsPerQueue); RunDueRules passes over one that
  // cannot (RuleApplied held=false). A skill step's new requirement is
  // left in *stepped.
  bool CanCarryOut(uint32_t slot, const OverflowRule& rule,
                   std::optional<SkillExpr>* stepped) const;
  // A require_skill / drop_skill rule's requirement for the waiting call,
  // or nullopt when its queue (or guest queue) cannot route it.
  std::optional<SkillExpr> SteppedRequirement(uint32_t slot, const OverflowRule& rule) const;
  void ScheduleNextRule(uint32_t slot);
  // Sets the call's next rule time to its queue's first (on entry, or when
  // a reload changes its rules), recurring rules' times at or before
  // floor_ms (ms after RulesFromMs) standing as one.
  void StartRules(uint32_t slot, TimeMs floor_ms);
  // The rules the call follows in its queue (Call::book).
  const RuleBook& BookOf(const Call& c) const {
    return c.book == kQueueBook ? queues_[c.queue].book : kept_books_[c.book]->book;
  }
  // What is wrong with a call on a kept book (null: nothing): one of its
  // standing rules names a target its queue cannot take (engine_books.cc).
  const char* BookProblem(const Call& c) const;
  void ScheduleAnnouncement(uint32_t slot, TimeMs after_ms);
  void OnAnnounce(uint32_t slot);
  // Estimated wait of a caller at `position` (1 = next) in the queue; -1
  // when nobody serves it.
  TimeMs EstimateWaitMs(QueueId queue, uint32_t position) const;
  uint32_t PositionOf(uint32_t slot) const;  // O(position)
  // Leave-when-empty: routes the queue's waiting calls when its condition holds.
  void CheckLeaveWhenEmpty(QueueId queue);


  // ---- timers (engine_timers.cc) ----
  void FireTimer(const Timer& timer);
  void OnRingTimeout(uint32_t call_slot);
  void OnWrapUpEnd(uint32_t agent_slot);
  void OnMaxWait(uint32_t call_slot);
  void OnStage(uint32_t call_slot);
  void OnRestEnd(uint32_t agent_slot);
  // ---- the preferred (owner) seller (engine_owner.cc) ----
  // Whether a call entering `queue` waits for its owner first.
  bool WantsOwner(const Call& c, QueueId queue) const;
  void OnOwnerWindowEnd(uint32_t call_slot);
  // Ends the owner window of a waiting call: it joins its pool's line.
  void EndOwnerWindow(uint32_t call_slot);
  // The owner went away: every call waiting for them goes to anyone.
  void ReleaseOwnedCalls(uint32_t agent_slot);
  // ---- resuming a place in line (engine_resume.cc) ----
  void RememberPlace(uint32_t call_slot);
  // Gives an entering call the place its caller left, if any (consumed).
  void ResumePlace(uint32_t call_slot);
  void ScheduleStage(uint32_t call_slot);

  // ---- callbacks (engine_callbacks.cc) ----
  // A call that is leaving down the capture path: remember its place for
  // the contact the PBX may file. `action` is the capture's (its queue, if
  // any, is where the callback waits); from_queue is kNoQueue for a call
  // that never reached a queue.
  void RememberCapture(uint32_t call_slot, const OverflowAction& action, const SkillExpr& extra);
  void ExpireCaptures();
  // The capture a CallbackRequest names, if still open (not expired).
  const Capture* FindCapture(CallId call) const;
  const CallbackPolicy& PolicyOf(uint32_t callback_slot) const;
  // Puts a callback in line at not_before_ms, or holds it until then (or
  // until the center opens).
  void PlaceCallback(uint32_t slot, TimeMs not_before_ms);
  void OnCallbackHold(uint32_t slot);
  void OnCallbackExpiry(uint32_t slot);
  // The agent took the callback's offer: dial.
  void StartDial(uint32_t call_slot, uint32_t agent_slot);
  void OnDialFailed(uint32_t slot, DialOutcome outcome);

  // ---- live reload (engine_reload_check.cc, engine_reload.cc) ----
  // Maps this engine's queues, agents and skills onto next's and finds
  // what the live state forbids (const: nothing changes).
  absl::Status PlanReload(const CenterConfig& next, ReloadPlan& plan) const;
  absl::Status CheckLabelsKept(const CenterConfig& next, const ReloadPlan& plan) const;
  // The fresh engine built for the new center takes the old one's live
  // state through a ReloadAdopter (engine_reload.h), a friend.

  // ---- snapshots: SnapshotWriter and SnapshotReader (engine_snapshot.h)
  // read and fill these records as friends.

  // ---- helpers ----
  void AssertInvariants() const;  // aborts with the message when broken
  void Emit(CommandBody body) { sink_->Emit(Command{now_ms_, std::move(body)}); }
  const Agent* FindAgent(AgentId id) const;
  uint32_t AgentSlot(AgentId id) const;  // kNoSlot when not in the roster
  void BuildAgentDirectory();
  uint32_t CallSlot(CallId id) const;
  const QueueConfig& qcfg(QueueId q) const { return *queues_[q].config; }


  friend class InvariantChecker;
  friend class ReloadAdopter;
  friend class SnapshotReader;
  friend class SnapshotWriter;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_ENGINE_IMPL_H_
