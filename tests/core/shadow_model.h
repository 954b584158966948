// ShadowModel: an independent model of calls, offers and agents rebuilt from
// the outside only (accepted events and the engine's command stream). Every
// command is checked against it as it is folded in: an offer only to an
// available, eligible agent with spare capacity and only one offer (or one
// ring-all group) per call; cancels only of pending offers and for the right
// reason; one CallEnded per call, with the disposition the cause implies and
// no offers left; nothing for a call after it ended. Not thread-safe.
#ifndef ACD_TESTS_CORE_SHADOW_MODEL_H_
#define ACD_TESTS_CORE_SHADOW_MODEL_H_

#include <cstdint>
#include <deque>
#include <string>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/event.h"
#include "tests/core/skill_expr_gen.h"

namespace acd::testing {

struct ShadowOffer {
  AgentId agent = 0;
  QueueId queue = 0;
  TimeMs offered_ms = 0;
  TimeMs ring_timeout_ms = 0;
  bool ring_all = false;
  uint64_t step = 0;  // the step that made the offer
};

struct ShadowCall {
  CallId id = 0;
  CallState state = CallState::kArrived;
  TimeMs arrived_ms = 0;
  TimeMs enqueued_ms = 0;  // last entry into its current queue
  bool queued = false;
  // Its last offer was withdrawn and it is not yet back in line (CallQueued,
  // RouteCall or CallEnded must follow in the same step).
  bool returning = false;
  QueueId queue = 0;
  // Before its last EnterQueue, in case the queue refuses it (join_empty):
  // where it was, its place, and a left place the entry took up.
  struct BeforeEntry {
    bool queued = false;
    QueueId queue = 0;
    double entry_seq = 0;  // fractions, like ShadowCall::entry_seq
    TimeMs line_ms = 0;
    bool resumed = false;  // took up a left place (restored on refusal)
    double left_seq = 0;
    TimeMs left_line_ms = 0;
    TimeMs left_until_ms = 0;
    bool media_fixed = false;
  } before_entry;
  // Its media: the first queue it joins gives it (an outbound call: voice;
  // a consult leg: its caller's), for life.
  Media media = Media::kVoice;
  bool media_fixed = false;
  int priority = 0;
  int min_level = kMinLevel;
  int max_level = kMaxLevel;  // set_level_bounds rules
  int level_cap = kMaxLevel;
  absl::InlinedVector<SkillLevel, 2> required;
  // Its skills_expr as the generator's tree (null: none), evaluated naively.
  const NaiveExpr* expr = nullptr;
  // The require_skill / drop_skill rules it took, in order (level 0:
  // dropped); they travel with the requirement (MeetsSkills).
  std::vector<SkillLevel> steps;
  std::vector<ShadowOffer> offers;
  AgentId agent = 0;  // connected agent
  TimeMs connected_ms = 0;        // the current connection
  TimeMs first_connected_ms = -1;  // the first one (CallEnded wait_ms); -1: none yet
  // Hold (CallHold .. CallResume) of the connected call: on hold since
  // hold_since_ms; hold_ms sums the holds that ended. ended_by: who the
  // event that ends the talk says hung up.
  bool on_hold = false;
  TimeMs hold_since_ms = 0;
  TimeMs hold_ms = 0;
  EndedBy ended_by = EndedBy::kUnknown;
  bool outbound = false;  // placed by its agent (OutboundCall): talking, in no queue
  // Transfers to a named agent (CallTransferToAgent): `directed` from the
  // event until its offer is answered or withdrawn, by `transfer_from`;
  // answered_here once answered in its current queue entry (counted there
  // once; a hang-up then ends it answered).
  bool directed = false;
  AgentId transfer_from = 0;
  bool answered_here = false;
  uint32_t transfers = 0;
  // Attended transfers (CallConsult): a leg (to a colleague: connected,
  // in no queue; into a queue: queued), and the other end's id while the
  // consult lasts. no_wrapup: a completed consult's leg, whose colleague
  // goes on with the caller.
  bool consult_leg = false;
  CallId consult = 0;
  bool no_wrapup = false;
  // Order of entry into its current queue: a fraction, so that a
  // supervisor's move (CallMove) lands just before its new neighbour
  // without renumbering (the engine spaces integers instead).
  double entry_seq = 0;
  // In line since (the engine's line_ms): entry orders follow it within a
  // queue; wait_credit_ms (CallEnqueue) puts it that much earlier.
  TimeMs line_ms = 0;
  TimeMs wait_credit_ms = 0;
  // Overflow rules of the current queue visit: how many times came due (in
  // (time, index) order), the last of them (rule -1: none yet), a guest
  // queue one of them added, and a routing rule that held and must be
  // followed by its RouteCall.
  size_t rules_judged = 0;
  TimeMs last_rule_ms = -1;
  int last_rule = -1;
  // When its offers last rang out unanswered in a queue with
  // ring_timeout_moves_on: its next rule may come due then, early.
  TimeMs rang_out_ms = -1;
  QueueId guest_queue = UINT32_MAX;
  int route_rule = -1;
  uint32_t last_position = 0;  // last announced place in line
  uint32_t join_position = 0;  // a place CallEnqueue asked for, until its CallQueued
  AgentId owner = 0;           // CRM owner seller from the arrival
  std::string ani;
  CallAttributes attributes;   // as it arrived; entry rules read them
  // A terminal entry route (CallClassify) whose RouteCall must follow in
  // this step: the rule's index, -1 for the center's entry_default.
  bool entry_route_due = false;
  int entry_rule = -1;
  TimeMs owner_until_ms = 0;   // waits for the owner alone while after now
  // A callback (CallbackRequest): out of line while held, until
  // held_until_ms; expect_hold_ms is the hold its cause in this step calls
  // for (-1: none; equal to now: in line at once).
  bool callback = false;
  bool held = false;
  TimeMs held_until_ms = 0;
  TimeMs expect_hold_ms = -1;
  uint32_t failed_attempts = 0;
  TimeMs window_to_ms = 0;
  QueueId policy_queue = 0;
  std::string number;
};

// A call that went down the capture path of a queue that takes callbacks,
// awaiting its contact.
struct ShadowCapture {
  QueueId wait_queue = 0;
  QueueId policy_queue = 0;
  int priority = 0;
  int min_level = kMinLevel;
  int max_level = kMaxLevel;
  int level_cap = kMaxLevel;
  absl::InlinedVector<SkillLevel, 2> required;
  const NaiveExpr* expr = nullptr;
  std::vector<SkillLevel> steps;
  double entry_seq = 0;
  TimeMs line_ms = 0;
  TimeMs until_ms = 0;
  CallId callback = 0;  // filed already
};

// Whether the agent wants work, as the events said (the reported state
// also depends on offers, calls and wrap-up).
enum class Presence : uint8_t { kLoggedOut, kReady, kNotReady };

// How sure an eligibility test must be about the queue delay: kNecessary
// counts the wait from arrival (an offer needs at least that), kSufficient
// from the last queue entry (the engine must offer then), kCertain needs the
// delay strictly passed (no same-millisecond timer ordering doubt).
enum class Sureness : uint8_t { kNecessary, kSufficient, kCertain };

struct ShadowAgent {
  const AgentConfig* config = nullptr;
  AgentState state = AgentState::kLoggedOut;  // as last reported
  NotReadyReason reason = NotReadyReason::kNone;
  Presence presence = Presence::kLoggedOut;
  NotReadyReason presence_reason = NotReadyReason::kNone;
  uint32_t misses = 0;          // consecutive ring timeouts
  TimeMs wrapup_end_ms = 0;     // in wrap-up while this is after now
  // The queue that wrap-up keeps the agent from alone (the call's queue
  // had wrapup_here_only); kAllQueues: every queue.
  static constexpr QueueId kAllQueues = UINT32_MAX;
  QueueId wrapup_queue = kAllQueues;
  TimeMs rest_until_ms = 0;     // skipped for offers while this is after now
  std::vector<SkillLevel> skills;
  // The center's memberships, with the levels AgentSetLevel set since.
  std::vector<Membership> queues;
  // The queues it is paused in alone (AgentNotReady with a queue), with
  // their reasons; only while ready.
  std::map<QueueId, NotReadyReason> paused;
  bool outside_call = false;  // the PBX reports it on a call outside the ACD
  uint32_t offers = 0;   // pending offers
  uint32_t talking = 0;  // connected calls
  uint32_t outbound_today = 0;  // OutboundCall events accepted for the agent
  // Its counters of each queue's calls alone (counters_here_only): the
  // calls of the queue it answered, their talk time, the last one's end.
  struct HereCounters {
    uint32_t calls = 0;
    TimeMs talk_ms = 0;
    bool ended = false;
    TimeMs last_end_ms = 0;
  };
  std::map<QueueId, HereCounters> here;
  uint32_t load() const { return offers + talking; }
};

// Per-queue totals as QueueStats reports them, from the command stream.
struct ShadowQueueTotals {
  uint64_t entered = 0;
  uint64_t answered = 0;
  uint64_t abandoned = 0;
  uint64_t overflowed = 0;   // RouteCall commands (queue limits)
  uint64_t routed_out = 0;   // CallRoute events for queued calls
  uint64_t ring_no_answer = 0;
};

class ShadowModel {
 public:
  explicit ShadowModel(const CenterConfig& center);

  // The requirements CallEnqueue events may carry (EventGenerator's); a
  // call's is looked up here and evaluated as a tree. Must outlive this.
  void SetSkillExprs(const std::vector<FuzzSkillExpr>* exprs) { skill_exprs_ = exprs; }
  // Starts step `index` (one Apply or AdvanceTo).
  void BeginStep(uint64_t index);
  // The direct effects of an accepted event, before its commands.
  absl::Status OnAcceptedEvent(const Event& event);
  // Checks one command and folds it in. `timer_phase`: fired by AdvanceTo.
  absl::Status OnCommand(const Command& command, bool timer_phase);
  // Whether the agent may get an offer now: ready, not in wrap-up or a
  // rest, spare capacity.
  // Available in some queue (a wrap-up for one queue alone leaves the
  // others); WrapsUpFor: in a wrap-up that keeps it from `queue`'s calls.
  static bool Available(const ShadowAgent& agent, TimeMs now_ms);
  // Whether an agent with these skills meets the call's requirement: its
  // required skills and expression, then its skill steps (the last step on
  // a skill decides it: a minimum, or none at all, the skill left open in
  // the expression: some level of it must meet it).
  static bool MeetsSkills(const ShadowCall& call, const std::vector<SkillLevel>& skills);
  static bool WrapsUpFor(const ShadowAgent& agent, QueueId queue, TimeMs now_ms) {
    return agent.wrapup_end_ms > now_ms &&
           (agent.wrapup_queue == ShadowAgent::kAllQueues || agent.wrapup_queue == queue);
  }
  // In a wrap-up that keeps it from every queue.
  static bool SharedWrapUp(const ShadowAgent& agent, TimeMs now_ms) {
    return agent.wrapup_end_ms > now_ms && agent.wrapup_queue == ShadowAgent::kAllQueues;
  }
  // Checks that hold once a step is complete.
  absl::Status EndStep(TimeMs now_ms);

  // Whether `agent` may take `call` from `queue` at `now_ms`: membership,
  // level, extra skills and the queue delay, as sure as `sureness` says; or
  // membership of the call's guest queue (no delay there).
  bool Eligible(const ShadowCall& call, const ShadowAgent& agent, QueueId queue, TimeMs now_ms,
                Sureness sureness) const;
  // Channels (shadow_model_channels.cc): whether the agent has room for a
  // call of `media` beside the calls it holds (offers and connections,
  // counted from the live calls): below the channel's capacity, and the
  // media may interrupt every media it holds. Not the total capacity.
  bool RoomFor(const ShadowAgent& agent, Media media) const;
  // The state an agent must report: talking, reserved, logged out, wrap-up,
  // not ready, ready, in that order of precedence.
  static AgentState ExpectedState(const ShadowAgent& agent, TimeMs now_ms,
                                  NotReadyReason* reason);

  const std::map<CallId, ShadowCall>& live() const { return live_; }
  const std::map<AgentId, ShadowAgent>& agents() const { return agents_; }
  const std::map<CallId, Disposition>& ended() const { return ended_; }
  // Calls and agents named by a command or event of the current step.
  const std::set<CallId>& touched() const { return touched_; }
  const std::set<AgentId>& touched_agents() const { return touched_agents_; }
  uint64_t arrived() const { return arrived_; }
  // The entry rule a CallClassify at at_ms matches (-1: the center's
  // entry_default), by the rules as written (shadow_model_entry.cc).
  int MatchEntry(const ShadowCall& call, const CallClassify& e, TimeMs at_ms) const;
  uint64_t callbacks() const { return callbacks_; }
  uint64_t outbound() const { return outbound_; }
  uint64_t consults() const { return consults_; }
  // Whether a CallbackRequest for `call` at `at_ms` finds an open capture.
  bool CaptureOpen(CallId call, TimeMs at_ms) const;
  const std::map<CallId, ShadowCapture>& captures() const { return captures_; }
  // When a callback due at not_before_ms is put in line: then, or at the
  // calendar's next opening.
  TimeMs OpenAt(TimeMs not_before_ms) const;
  const std::vector<ShadowQueueTotals>& queue_totals() const { return totals_; }
  uint64_t ended_with(Disposition d) const { return by_disposition_[static_cast<int>(d)]; }
  // Whether `id` was used by a call that ended within the last `window` ends.
  bool EndedWithin(CallId id, uint64_t window) const;
  // Whether some queue's rules step skills (StepsSkills): queues may then
  // come to route every requirement they can, and refuse one more.
  bool steps_skills() const { return steps_skills_; }

 private:
  ShadowCall* Live(CallId id);
  ShadowAgent* Agent(AgentId id);
  absl::Status OnOffer(const Offer& c);
  absl::Status OnCancel(const Command& command, const CancelOffer& c, bool timer_phase);
  absl::Status CheckCancelReason(const Command& command, const CancelOffer& c,
                                 const ShadowOffer& offer, bool timer_phase) const;
  absl::Status OnQueued(const CallQueued& c);
  absl::Status OnConnected(const CallConnected& c, bool timer_phase);
  absl::Status OnRoute(const RouteCall& c);
  // RouteCall kJoinEmpty: the call never entered from_queue.
  absl::Status OnJoinRefused(ShadowCall& call, const RouteCall& c);
  // The action the route follows, by its cause (null when it matches none).
  absl::Status CheckRouteCause(const ShadowCall& call, const RouteCall& c,
                               const OverflowAction** action) const;
  absl::Status OnRuleApplied(const RuleApplied& c);
  absl::Status OnAnnounce(const Announce& c);
  absl::Status OnClassify(const CallClassify& e);
  // Callbacks (shadow_model_callbacks.cc).
  void RememberCapture(const ShadowCall& call, const OverflowAction& action);
  // Whether the RouteCall of a classified call is the one its entry rule calls for.
  absl::Status CheckEntryRoute(ShadowCall& call, const RouteCall& c);
  absl::Status OnCallbackRequest(const CallbackRequest& e);
  absl::Status OnCallbackResult(const CallbackResult& e);
  absl::Status OnDial(const DialCallback& c);
  absl::Status OnHeld(const CallbackHeld& c);
  // AgentSetLevel: the memberships it changes, each to be told by an
  // AgentLevelChanged of the same step.
  void OnSetLevel(const AgentSetLevel& e);
  absl::Status OnLevelChanged(const AgentLevelChanged& c);
  // The skills an agent holds, written out: `listed` and, for a universal
  // agent (all_skills_level), every other skill of the center at that
  // level, as if it listed them all (the engine keeps only the level).
  std::vector<SkillLevel> HeldSkills(const AgentConfig& config,
                                     const std::vector<SkillLevel>& listed) const;
  // Pauses in one queue: AgentReady / AgentNotReady with a queue, and the
  // end of them all (ready or not ready everywhere, a logout, an automatic
  // pause); each change is due as an AgentPauseChanged of the same step.
  void SetQueuePause(ShadowAgent& agent, QueueId queue, NotReadyReason reason);
  void ClearQueuePauses(ShadowAgent& agent);
  absl::Status OnPauseChanged(const AgentPauseChanged& c, bool timer_phase);
  // Whether a miss of this phase pauses the agent everywhere (max_misses):
  // a ring timeout due now (timer phase), or the event's busy or
  // unavailable line its call's queue counts (CountedDecline).
  bool MissPausesNow(const ShadowAgent& agent, bool timer_phase) const;
  // The event's CallDecline when its call's queue counts its busy or
  // unavailable line as a miss (auto_pause_busy, auto_pause_unavailable);
  // nullptr otherwise.
  const CallDecline* CountedDecline() const;
  // A missed offer of the call: counted, and the one that reaches the
  // queue's max_misses pauses the agent (everywhere or here, not within
  // auto_pause_delay_ms), else the agent rests rest_ms.
  void CountMiss(ShadowAgent& agent, const ShadowCall& call, TimeMs rest_ms);
  // Whether an agent with `misses` missed offers is paused by the queue:
  // its max_misses reached, and not within its auto_pause_delay_ms.
  bool ReachesPause(const ShadowAgent& agent, const QueueConfig& queue, uint32_t misses) const;
  // Whether the queue's auto_pause_delay_ms holds an automatic pause back.
  bool WithinPauseDelay(const ShadowAgent& agent, const QueueConfig& queue) const;
  // max_misses reached by a miss of the call of a queue with
  // auto_pause_here_only: the pause in that queue, if the agent is a member
  // not paused there (then its count starts again); whether it paused.
  bool AutoPauseHere(ShadowAgent& agent, const ShadowCall& call);
  // Whether the agent missed a ring this step and is paused in the queue
  // for it (its other offers of that queue's calls are withdrawn).
  bool AutoPausedHere(const ShadowAgent& agent, QueueId queue) const;
  // The call's next rule time in its queue (rule, ms after from_ms).
  static std::pair<int, TimeMs> NextRuleTime(const QueueConfig& queue, const ShadowCall& call,
                                             TimeMs from_ms);
  void EnterQueue(ShadowCall& call, QueueId queue);
  absl::Status OnEnded(const CallEnded& c, bool timer_phase);
  absl::Status ExpectedDisposition(const ShadowCall& call, bool timer_phase,
                                   Disposition* out) const;
  absl::Status OnAgentState(const AgentStateChanged& c, bool timer_phase);
  absl::Status OnTransfer(const CallTransfer& e);
  // Transfers to a named agent (shadow_model_transfer.cc): the event, and
  // the offer it makes (checked instead of the queue's offer rules).
  absl::Status OnTransferToAgent(const CallTransferToAgent& e);
  absl::Status OnTransferOffer(ShadowCall& call, ShadowAgent& agent, const Offer& c);
  // Hold, resume, attribute updates and priority changes
  // (shadow_model_changes.cc).
  absl::Status OnCallChange(const EventBody& body);
  absl::Status OnOutbound(const OutboundCall& e);
  // Attended transfers (shadow_model_consult.cc): the events, the
  // CallConnected of a completed one, and the end of either call.
  absl::Status OnConsult(const CallConsult& e);
  absl::Status OnConsultEnd(const CallConsultEnd& e);
  absl::Status OnConsultConnected(const CallConnected& c, bool timer_phase);
  void UnlinkConsult(ShadowCall& call);
  void OnAgentEvent(const EventBody& body);
  void SetPresence(ShadowAgent& agent, Presence presence, NotReadyReason reason);
  // The owner went away or changed skills: nobody waits for them any more.
  void EndOwnerWindows(AgentId owner);
  // Whether a call entering `queue` now waits for its owner first.
  bool WantsOwner(const ShadowCall& call, QueueId queue) const;
  void EndTalk(ShadowCall& call);  // the agent leaves the call (wrap-up)
  void EndHold(ShadowCall& call);  // a hold in progress ends now
  absl::Status CheckOrder(const ShadowCall& call, const ShadowAgent& agent) const;
  // Strategy best_skill_score, for the first offer of a call entering the
  // queue in this step: no other free agent who surely may take it scores
  // higher (ties go to the longest idle, which is not modelled here); under
  // level_first, none of the same level scores higher.
  absl::Status OnMove(ShadowCall& call, uint32_t position, bool keep_priority);
  // The entry order of a place of `queue` in line since line_ms (call
  // `except` left out): after every place in line since then or earlier,
  // before every later one (the engine's SeqForLineMs, DESIGN 18).
  double SeqForLine(QueueId queue, TimeMs line_ms, CallId except);
  // fn(seq, line_ms) for every place of `queue` but call `except`'s.
  template <typename Fn>
  void ForEachPlace(QueueId queue, CallId except, Fn fn) const;
  // The free agents other than the offered one who surely may take the
  // call entering the queue and whom the strategy weighs against it: of
  // its level under level_first, tied with it by order_by.
  std::vector<std::pair<AgentId, const ShadowAgent*>> Rivals(const ShadowCall& call,
                                                            const ShadowAgent& agent,
                                                            const Offer& offer) const;
  absl::Status CheckBestScore(const ShadowCall& call, const ShadowAgent& agent,
                              const Offer& offer) const;
  // Counters of one queue (shadow_model_here.cc): a queued call answered,
  // and the end of a connection's talk, counted in its queue's counters of
  // the agent when it is a member there (not through a guest queue).
  void CountAnsweredHere(const ShadowCall& call, ShadowAgent& agent) const;
  void CountTalkEndHere(const ShadowCall& call, ShadowAgent& agent) const;
  // Queue option counters_here_only: the first offer of a call entering the
  // queue goes to no agent whom a free agent who surely may take it beats
  // by its counter of this queue's calls (fewer calls, less talk, an
  // earlier or no last end), within its level under level_first and its
  // order_by value.
  absl::Status CheckHereOnly(const ShadowCall& call, const ShadowAgent& agent,
                             const Offer& offer) const;

 public:
  // The counter the queue's strategy orders by under counters_here_only.
  static int64_t HereCounter(Strategy strategy, const ShadowAgent& agent, QueueId queue);

 private:
  // Levels (shadow_model_levels.cc). Whether the queue weighs levels not
  // at all (ignore_levels_up_to_members against its configured members).
  bool IgnoresLevels(QueueId queue) const;
  // The agent's level in the queue (0: not a member or lacks its skill).
  int LevelIn(QueueId queue, const ShadowAgent& agent) const;
  // Whether membership m's level lets the agent take the call from m's queue.
  bool MeetsLevel(const ShadowCall& call, const ShadowAgent& agent, const Membership& m) const;
  // The level an agent at `level` counts as for level_first under the
  // call's level cap (every level when the queue ignores levels).
  int CountsAs(const ShadowCall& call, QueueId queue, int level) const;
  // Asterisk's penaltychange (queuerules.conf) on acd's scale, as the
  // sample documents it: absolute or relative, kept within 1..10; the
  // maximum and the cap never below the minimum.
  static void SetLevelBounds(ShadowCall& call, const LevelBoundsChange& change);
  // Queue option level_first: a ring-all group rings one level; the first
  // offer of a call entering the queue in this step goes to an agent of the
  // best level among the free agents who surely may take it.
  absl::Status CheckLevelFirst(const ShadowCall& call, const ShadowAgent& agent,
                               const Offer& offer) const;
  // Queue option order_by (shadow_model_order.cc). Whether the offer is
  // the first one of a call entering its queue in this step (a strategy's
  // choice among all who may take it, not a later one).
  bool FirstOfferOnEntry(const ShadowCall& call, const Offer& offer) const;
  // < 0: x comes before y by the queue's order_by attribute; 0: a tie (or
  // no order_by); > 0: after.
  int CompareByAttribute(QueueId queue, const ShadowAgent& x, const ShadowAgent& y) const;
  // The first offer of a call entering the queue goes to no agent whom a
  // free agent who surely may take it precedes by the attribute (under
  // level_first, one of the same level).
  absl::Status CheckOrderBy(const ShadowCall& call, const ShadowAgent& agent,
                            const Offer& offer) const;
  // How long a call waits in `queue` before a member with `delay` may take
  // it: that delay, or under skip_empty_delays the delay of the first of
  // the classes below it that no logged-in member has, in a row.
  TimeMs DelayToWait(QueueId queue, TimeMs delay) const;

  const CenterConfig& center_;
  // The center has skill steps: pools may fill (StepsSkills, center_gen.h).
  const bool steps_skills_;
  const std::vector<FuzzSkillExpr>* skill_exprs_ = nullptr;
  std::map<CallId, ShadowCall> live_;
  std::map<AgentId, ShadowAgent> agents_;
  std::map<CallId, Disposition> ended_;
  std::map<CallId, uint64_t> ended_seq_;  // order of ending, for the window
  uint64_t arrived_ = 0;
  uint64_t ended_count_ = 0;
  double entry_seq_ = 0;
  std::vector<ShadowQueueTotals> totals_;
  // Places of callers who hung up in line (resume_place_ms), by ANI, and
  // their expiry order, bounded like the engine's.
  struct LeftPlace {
    QueueId queue = 0;
    double entry_seq = 0;
    TimeMs line_ms = 0;
    TimeMs until_ms = 0;
  };
  std::map<std::string, LeftPlace> left_;
  std::deque<std::pair<TimeMs, std::string>> left_expiry_;
  uint64_t by_disposition_[kDispositionCount] = {};
  std::map<CallId, ShadowCapture> captures_;
  std::deque<std::pair<TimeMs, CallId>> capture_expiry_;
  uint64_t callbacks_ = 0;
  uint64_t outbound_ = 0;  // OutboundCall events accepted
  uint64_t consults_ = 0;  // consult legs (CallConsult events accepted)
  CallId hung_up_leg_ = 0;  // the leg a CallConsultEnd of this step hung up
  AgentId consult_from_ = 0;  // the agent whose consult this step completed

  // Per step.
  uint64_t step_ = 0;
  TimeMs now_ms_ = 0;
  std::optional<Event> event_;  // the accepted event of this step
  std::set<CallId> touched_;
  std::set<AgentId> touched_agents_;
  std::set<AgentId> missed_;  // agents with a ring timeout this step
  std::map<CallId, Disposition> expect_end_;
  std::set<std::tuple<AgentId, QueueId, int>> expect_levels_;  // AgentLevelChanged due
  // AgentPauseChanged due: agent, queue, reason (kNone: unpaused).
  std::set<std::tuple<AgentId, QueueId, NotReadyReason>> expect_pauses_;

  std::map<CallId, CallState> state_at_event_;
};

// The disposition a terminal overflow kind ends a call with.
Disposition DispositionFor(OverflowKind kind);

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SHADOW_MODEL_H_
