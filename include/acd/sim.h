// The simulator: drives the routing engine on a virtual clock with
// synthetic callers and agents, and reports what the floor would have seen.
//
// A run is a discrete-event simulation: a priority queue of future "world"
// happenings (arrivals, end of IVR, caller patience running out, agents
// answering after a ring delay or letting it ring, end of talk, shift
// starts and ends, breaks) interleaved with the engine's own deadlines
// (ring timeouts, wrap-up ends, overflow checks). The simulator reacts to
// the engine's commands (an Offer schedules an answer or lets it ring, a
// CallConnected schedules the end of talk, a CallEnded drops the call's
// pending happenings) and counts them with a KpiCollector.
//
// Callers of a CallRouting::kByEntryRules type reach the engine as the PBX
// would describe them (digits, DNIS, VIP, returning, CRM owner) and, after
// the IVR, are placed by the center's entry rules (CallClassify): their
// patience starts when a CallQueued says they reached a queue, and a call
// the rules end at once (rejected, callback capture out of hours,
// voicemail) is counted by disposition and by rule. Virtual time is local
// time on SimOptions::date, so the business calendar sees a real day.
//
// Callbacks: the simulator also plays the PBX and the customer around a
// callback (CallbackBehavior): a captured caller leaves a contact, which it
// files (CallbackRequest); agents answer the callback's offers like calls;
// the engine's DialCallback rings the customer, who answers or not
// (CallbackResult); a connection talks for the caller's handle time. A
// callback is counted apart from the calls (KpiReport::callbacks, the
// callback fields of IntervalKpi and SimResult) and carried over, not
// served out (see SimOptions::serve_out_max_ms).
//
// Determinism: every random draw comes from the simulator's own seeded
// generators (xoshiro256** seeded by splitmix64) and its own distribution
// code (no <random> distributions), so one seed gives the same result with
// every standard library; only log, exp and sqrt come from the C math
// library, rounded to whole milliseconds. Each call's IVR time, patience
// and handle time come from a stream keyed by (seed, call id), so two
// designs of the call flow run with the same seed see the same callers
// (common random numbers).
//
// Planning models, all off by default so that plain runs and the analytic
// comparisons see a plain queue: a gamma "busyness" factor on arrivals, a
// mix of call types per interval, empirical handle times, handle-time
// factors per interval and per agent, zero-patience callers, retrials
// after abandonment, a cap on the waiting line, trunk lines, and closing
// by disconnecting. SimResult counts the callers' side (attempts,
// retrials, blocked) apart from the engine's, and per-interval KPIs come
// with SimOptions::kpi_interval_ms. include/acd/planning.h builds these
// options from a forecast; include/acd/replications.h runs them R times.
//
// Thread-safety: RunSimulation shares nothing; runs on different threads
// with their own options and sinks are independent.
#ifndef ACD_SIM_H_
#define ACD_SIM_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/event.h"
#include "acd/interval_kpi.h"
#include "acd/kpi.h"
#include "acd/sellers.h"
#include "acd/sim_population.h"
#include "acd/sim_trace.h"
#include "acd/types.h"

namespace acd {

// What happens at end_ms to calls still waiting.
enum class AtClose : uint8_t {
  kServeOut,    // agents serve everyone already in line
  kDisconnect,  // callers still waiting (or ringing) hear a closing message
};

struct SimOptions {
  uint64_t seed = 1;
  TimeMs start_ms = 8 * kMsPerHour;  // virtual time: ms since day 0, 00:00
  TimeMs end_ms = 12 * kMsPerHour;   // arrivals stop here, then serve out
  TrafficProfile traffic;
  // Empty: every agent of the center logs in at start_ms and stays.
  std::vector<AgentShift> shifts;
  AgentBehavior agents;
  CallbackBehavior callbacks;
  TimeMs sl_threshold_ms = 20'000;
  // Calls still live this long after end_ms are cut there (counted in
  // SimResult::cut_at_serve_out_limit, as the published models report
  // them): callers still waiting are disconnected (overflowed), calls
  // still talking are hung up (answered, their talk cut short). Callbacks
  // are carried over to another day rather than served out: after end_ms,
  // once no caller is left on the line, callbacks held (for a retry, the
  // caller's window or the next opening) are withdrawn (CallHangup:
  // callback_cancelled), and halfway through serve_out_max_ms every
  // callback not talking is; both are counted in
  // SimResult::callbacks_withdrawn, and contacts are no longer filed after
  // that halfway cut (SimResult::contacts_too_late).
  TimeMs serve_out_max_ms = 4 * kMsPerHour;
  // Check the engine's invariants after every n-th step; 0 = never.
  uint32_t check_invariants_every = 0;

  // Planning models (all off by default).
  // Shape k of a gamma "busyness" factor with mean 1 (variance 1/k) drawn
  // once per run that multiplies every arrival rate; 0 = off.
  double busyness_shape = 0;
  RetrialOptions retrial;
  // Most calls waiting in all queues together (not yet talking); a caller
  // leaving the IVR into a full line is blocked (ended as rejected and
  // counted in SimResult::blocked_line). 0 = no limit.
  uint32_t waiting_line_max = 0;
  // Trunk lines: most calls in the center at once (IVR, waiting, ringing,
  // talking). A caller finding them all busy is blocked before reaching
  // the engine (SimResult::blocked_trunk). 0 = no limit.
  uint32_t trunk_lines = 0;
  AtClose at_close = AtClose::kServeOut;
  // Factor on the handle time of calls an agent answers, by roster index
  // (e.g. per agent group: newcomers slower). Empty: 1 for everyone.
  std::vector<double> agent_handle_factor;
  // Length of the per-interval KPIs in SimResult::intervals (by arrival
  // time, from start_ms); 0 = none.
  TimeMs kpi_interval_ms = 0;
  // The sellers (acd/sellers.h): the center file's `sellers`
  // (PlanningCenter::sellers), or a queue the command line names instead.
  // "Time to reach a seller" (IntervalKpi::reached_wanted) counts only the
  // calls they answered (by a queue: that first reached it); nullopt, the
  // center has no sellers and no such figure.
  std::optional<SellerDefinition> sellers;
  // The calendar date of day 0: virtual time 0 is local midnight of this
  // date in the center's time zone, and the engine (its business calendar,
  // the entry rules' hours) sees virtual time plus that moment as ms since
  // the Unix epoch. The default, Tuesday 24 November 2026, is a working day
  // with no holiday near it. On a day the clocks change, virtual time still
  // counts real time from midnight. A center whose calendar is always open
  // and whose entry rules name no hours never looks at the date.
  absl::CivilDay date = absl::CivilDay(2026, 11, 24);
};

// Engine time (ms since the Unix epoch) of virtual time 0 for this center
// and date: local midnight of `date` in the center's time zone; 0 for a
// center that never looks at the clock (see SimOptions::date).
TimeMs EngineEpochMs(const CenterConfig& center, absl::CivilDay date);

// What a run produced.
struct SimResult {
  uint64_t seed = 0;
  TimeMs start_ms = 0;          // the arrival window, from SimOptions
  TimeMs end_ms = 0;
  TimeMs serve_out_max_ms = 0;  // from SimOptions
  KpiReport kpis;
  CallCounts counts;            // the engine's counters at the end
  uint64_t calls_arrived = 0;
  uint64_t events_applied = 0;  // events the simulator fed the engine
  uint64_t commands = 0;        // commands the engine emitted
  uint64_t invariant_checks = 0;
  TimeMs last_call_ended_ms = 0;
  uint64_t state_hash = 0;      // the engine's StateHash at the end

  // The callers' side (the simulator's world): every attempt is counted
  // once, as a first attempt or a retrial, and is either blocked at the
  // trunks or arrives at the engine:
  //   first_attempts + retrials = blocked_trunk + blocked_engine
  //                               + calls_arrived.
  uint64_t first_attempts = 0;
  uint64_t retrials = 0;
  uint64_t blocked_trunk = 0;  // never reached the engine
  // Never reached the engine either: it already held its bound of live
  // calls (the center's bounds.max_live_calls).
  uint64_t blocked_engine = 0;
  // Calls still live serve_out_max_ms after end_ms, cut there: waiting
  // (disconnected, ended overflowed) or talking (hung up, ended answered).
  uint64_t cut_at_serve_out_limit = 0;
  uint64_t blocked_line = 0;   // reached the engine, ended at the full line
  uint64_t disconnected_at_close = 0;  // AtClose::kDisconnect
  // Every abandoned call (in queue or ringing) is followed by a retrial,
  // a retrial that would come after end_ms (not placed), or nothing:
  //   abandoned = retrials + retrials_after_close + gave_up.
  uint64_t retrials_after_close = 0;
  uint64_t gave_up = 0;        // abandoned and never called again
  double busyness = 1;         // the factor drawn for this run
  // Per-interval figures when SimOptions::kpi_interval_ms > 0.
  IntervalReport intervals;
  // Callbacks: every call that ended callback_captured (queued or not) left
  // a contact, declined to, was captured where no callback policy is on,
  // or was captured too late to be called back this run:
  //   captured = contacts + contacts_declined + captures_without_policy
  //              + contacts_too_late + contacts_blocked,
  // and every contact is a callback the engine ends with one of the four
  // callback dispositions (callbacks_withdrawn of them cancelled at the
  // serve-out cut).
  uint64_t captured = 0;
  uint64_t contacts = 0;
  uint64_t contacts_declined = 0;
  uint64_t captures_without_policy = 0;
  uint64_t contacts_too_late = 0;
  uint64_t contacts_blocked = 0;  // the engine held bounds.max_live_calls
  uint64_t callback_dials = 0;
  uint64_t callbacks_withdrawn = 0;  // carried over (see serve_out_max_ms)
  // Calls that ended before reaching any queue, by disposition (index: the
  // Disposition's value): turned away by an entry rule or the IVR, blocked
  // at the full line, disconnected at closing, hung up in the IVR. They
  // add up to kpis.calls_never_queued.
  uint64_t never_queued[9] = {};
  // Calls the entry rules ended on a terminal path at once, by the rule's
  // index in center.entry_rules; the last entry is entry_default.
  std::vector<uint64_t> entry_rule_ends;
};

// Checks options against the center; the error names the field, e.g.
// "traffic.types[1].queue: no queue 7 in the center (it has 4)".
absl::Status ValidateSimOptions(const CenterConfig& center, const SimOptions& options);

// Runs one simulation: arrivals in [start_ms, end_ms), then serve-out until
// every call ended. Fails if the options are invalid, the engine rejects
// the center or one of the simulator's events, an invariant check fails,
// or the engine's counters do
// not balance at the end (the message carries the seed).
absl::StatusOr<SimResult> RunSimulation(const CenterConfig& center, const SimOptions& options,
                                        TraceSink* trace = nullptr);

// A sales department's day on `center`, simulated over [start_ms, end_ms)
// (the default: the morning, 08:00-12:00). Traffic follows a day profile
// from 07:00 to 19:00: about 40 calls per hour at 08:00, a ramp to 120 by
// 10:00, a lunch dip and an afternoon peak. The callers: 60% buyers, 25%
// support, 10% existing orders, 5% for the director and, on top, 3%
// solicitations ("we sell to you").
// With entry rules in the center, every caller goes through them
// (CallRouting::kByEntryRules), described as the IVR sees them: buyers
// press 1, support 3, existing orders 2, solicitations 4, and the
// director's callers dial the number of the first entry rule that sends a
// DNIS to the queue named "director" (without such a rule they are queued
// there directly). 30% of buyers, 60% of support callers and every
// existing-order caller are known customers, 5% of buyers are VIPs; a
// known buyer or existing-order caller is owned by one of the members of
// the queue named "sales". Each type's `queue` is where the entry rules
// send it during business hours (ExpectedEntryQueue).
// Without entry rules, buyers go to the queue named "sales", support to
// "support", existing orders to "reception", the director's callers to
// "director", and the IVR turns solicitations away (kRejected); shares
// whose queue is missing go to the others, and with none of those names
// calls spread evenly over all queues.
// Every agent works the whole window with one 15-minute break, staggered
// over its middle, and stays until the calls still in line are served.
SimOptions SalesDepartmentOptions(const CenterConfig& center,
                                  TimeMs start_ms = 8 * kMsPerHour,
                                  TimeMs end_ms = 12 * kMsPerHour);

// The queue the center's entry rules choose during business hours for a
// plain caller of this type (its digits, DNIS, language, marketing source
// and intent; not VIP, not returning, external, no owner; rules with hours
// are taken to match), or kNoQueue when they end the call on a terminal
// path. For planning: the run itself follows the engine.
QueueId ExpectedEntryQueue(const CenterConfig& center, const CallType& type);

// The agents with a membership in `queue`, roster order.
std::vector<AgentId> QueueMembers(const CenterConfig& center, QueueId queue);

// The profile's average calls per hour over [from_ms, to_ms).
double AverageCallsPerHour(const TrafficProfile& profile, TimeMs from_ms, TimeMs to_ms);
// Scales every interval so that the average over [from_ms, to_ms) becomes
// calls_per_hour, keeping the shape. InvalidArgument when the profile has
// no traffic in that window or calls_per_hour is negative.
absl::Status ScaleTraffic(double calls_per_hour, TimeMs from_ms, TimeMs to_ms,
                          TrafficProfile* profile);

// The summary table printed after a run: per queue, per agent, totals.
std::string FormatSummary(const CenterConfig& center, const SimResult& result);

// Callers blocked and calls cut, summed over one run or many.
struct BlockedCalls {
  uint32_t max_live_calls = 0;  // the center's bound
  uint64_t trunk = 0;
  uint64_t line = 0;
  uint64_t engine = 0;  // at bounds.max_live_calls
  uint64_t contacts = 0;  // callback contacts not filed at that bound
  uint64_t cut = 0;     // still live at the serve-out limit
  TimeMs serve_out_max_ms = 0;
};
// Lines that say where blocked callers went and name the limit that
// stopped them (bounds.max_live_calls for the engine's); "" when none.
std::string LimitsLine(const BlockedCalls& blocked);

}  // namespace acd

#endif  // ACD_SIM_H_
