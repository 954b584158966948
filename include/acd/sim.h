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
#include "acd/sim_trace.h"
#include "acd/types.h"

namespace acd {

inline constexpr TimeMs kMsPerSecond = 1'000;
inline constexpr TimeMs kMsPerMinute = 60 * kMsPerSecond;
inline constexpr TimeMs kMsPerHour = 60 * kMsPerMinute;

// A distribution of durations in milliseconds. Samples are rounded to whole
// milliseconds and never negative.
struct Distribution {
  enum class Kind : uint8_t {
    kConstant,     // always a_ms
    kUniform,      // uniform on [a_ms, b_ms)
    kExponential,  // mean a_ms
    kLognormal,    // mean a_ms, standard deviation b_ms (of the durations)
    kNever,        // never happens (e.g. infinitely patient callers)
    kEmpirical,    // one of `samples_ms`, uniformly at random
  };
  Kind kind = Kind::kConstant;
  double a_ms = 0;
  double b_ms = 0;
  // The observed durations of kEmpirical (shared, immutable); a_ms holds
  // their mean.
  std::shared_ptr<const std::vector<TimeMs>> samples_ms = nullptr;

  static Distribution Constant(double ms) { return {Kind::kConstant, ms, 0}; }
  static Distribution Uniform(double low_ms, double high_ms) {
    return {Kind::kUniform, low_ms, high_ms};
  }
  static Distribution Exponential(double mean_ms) { return {Kind::kExponential, mean_ms, 0}; }
  static Distribution Lognormal(double mean_ms, double sd_ms) {
    return {Kind::kLognormal, mean_ms, sd_ms};
  }
  static Distribution Never() { return {Kind::kNever, 0, 0}; }
  // An empirical distribution of observed durations; at least one sample.
  static Distribution Empirical(std::vector<TimeMs> samples_ms);

  // The mean in milliseconds; infinity for kNever.
  double MeanMs() const;
};

// How the simulator hands a caller to the engine when the IVR is done.
enum class CallRouting : uint8_t {
  // CallEnqueue straight to CallType::queue (or down ivr_route): the
  // center's entry rules are bypassed. Analytic comparisons use this.
  kQueue,
  // CallClassify: the center's entry rules look at the caller's attributes
  // (digits, DNIS, VIP, returning, owner, the business calendar...) and
  // choose the queue, priority and skills, or end the call on a terminal
  // path (rejected, callback capture, voicemail...).
  kByEntryRules,
};

// No queue: for a kByEntryRules type the entry rules are expected to turn
// away (e.g. solicitations).
inline constexpr QueueId kNoQueue = 0xffff'ffff;

// One kind of caller: where they go and how they behave.
struct CallType {
  std::string name;     // "buy", "support", ...
  // kQueue: the queue the IVR sends them to. kByEntryRules: the queue the
  // entry rules are expected to choose during business hours, or kNoQueue;
  // only planning (staffing per queue, forecast mix columns) reads it, the
  // run follows the engine's decision.
  QueueId queue = 0;
  double share = 1.0;   // relative share of all arrivals; >= 0
  Intent intent = Intent::kUnknown;
  int priority = 0;     // CallEnqueue::priority (kQueue)
  Distribution ivr_ms = Distribution::Uniform(15'000, 20'000);
  Distribution handle_ms = Distribution::Exponential(180'000);   // talk time
  // From the moment the call first reaches a queue.
  Distribution patience_ms = Distribution::Exponential(90'000);
  // Share of callers with no patience at all: they hang up at once when
  // no offer starts the moment they are queued. In [0, 1].
  double zero_patience_share = 0;
  // kQueue only: a terminal route the IVR takes instead of queueing (e.g.
  // kRejected for solicitations: "send your offer by e-mail"); kNone queues
  // the call.
  Disposition ivr_route = Disposition::kNone;

  CallRouting routing = CallRouting::kQueue;
  // kByEntryRules: what the PBX and IVR know of the caller (CallArrive's
  // attributes, with the number "caller-<n>" as ANI; the entry rules match
  // on them). The shares are drawn once per caller, from the caller's own
  // stream, so a caller's retrials keep them. With kQueue the engine hears
  // the intent and, for a retrial, returning.
  std::string digits;            // menu digits pressed, at most 64
  std::string dnis;              // number dialled
  std::string language;
  std::string marketing_source;
  double vip_share = 0;          // in [0, 1]
  double returning_share = 0;    // known customers, in [0, 1]; a retrial is
                                 // returning whatever this says
  double internal_share = 0;     // internal lines, in [0, 1]
  // The CRM owner of a known customer, drawn uniformly from these agents of
  // the center (e.g. QueueMembers(center, sales)); empty: nobody owns them.
  std::vector<AgentId> owner_agents;
};

// Whether callers of this type are expected to reach `queue` (planning).
inline bool ExpectsQueue(const CallType& type) {
  return type.routing == CallRouting::kQueue ? type.ivr_route == Disposition::kNone
                                             : type.queue != kNoQueue;
}

// Arrivals: a non-homogeneous Poisson process whose rate is constant within
// each interval. calls_per_hour[i] covers [start_ms + i * interval_ms,
// start_ms + (i + 1) * interval_ms); outside the profile the rate is 0.
struct TrafficProfile {
  TimeMs start_ms = 8 * kMsPerHour;
  TimeMs interval_ms = 15 * kMsPerMinute;
  std::vector<double> calls_per_hour;  // all call types together
  std::vector<CallType> types;         // who calls, by share
  // Optional mix by interval: mix[i][t] replaces types[t].share during
  // interval i (each row has types.size() entries). Empty: the types'
  // shares all day.
  std::vector<std::vector<double>> mix;
  // Optional factor on every handle time of calls arriving in interval i
  // (e.g. a forecast's AHT over the types' mean). Empty: 1.
  std::vector<double> handle_factor;
};

struct AgentBreak {
  TimeMs start_ms = 0;  // the agent goes not ready once free at or after this
  TimeMs duration_ms = 15 * kMsPerMinute;
  NotReadyReason reason = NotReadyReason::kBreak;
};

// When one agent works. A busy agent finishes its call before a break or a
// logout takes effect.
struct AgentShift {
  AgentId agent = 0;
  TimeMs login_ms = 0;
  TimeMs logout_ms = 0;
  std::vector<AgentBreak> breaks;
};

// How agents respond to offers.
struct AgentBehavior {
  // Chance that an offer is left to ring out (RONA) regardless of delay.
  double rona_probability = 0.05;
  // Time to pick up; a delay at or past the ring timeout is a RONA too.
  Distribution answer_delay_ms = Distribution::Uniform(2'000, 8'000);
  // After the engine made the agent not ready for missed offers, how long
  // until the agent notices and makes itself ready again.
  Distribution no_answer_pause_ms = Distribution::Uniform(30'000, 90'000);
};

// Abandoned callers who call again. A retrial is a new call by the same
// caller (same type, same handle time), counted apart as a retrial.
struct RetrialOptions {
  // Chance that a caller who abandoned (in the queue or while ringing)
  // calls again. The library's default is 0 so that analytic comparisons
  // see a plain queue; planners use kFieldRetrialProbability.
  double probability = 0;
  Distribution delay_ms = Distribution::Exponential(10 * kMsPerMinute);
  // A caller gives up for good after this many retrials.
  int max_retrials = 3;
};

// "7 of 10 callers who fail to get through never call back".
inline constexpr double kFieldRetrialProbability = 0.3;

// The customers' side of callbacks: the IVR (or the desk) taking a
// captured caller's contact, and the customer answering the agent's dial.
// Only queues whose callback policy is on (CallbackPolicy) call back; a
// capture elsewhere ends the call and nothing more happens.
struct CallbackBehavior {
  // Chance that a caller sent down the callback-capture path leaves a
  // contact (the PBX files a CallbackRequest). In [0, 1]; 0 = nobody does,
  // and a captured call ends the story, as before callbacks.
  double acceptance = 0.8;
  // Time the IVR or the desk takes to record the contact, from the capture;
  // a contact that would take longer than the policy's request_within_ms
  // is filed at that limit.
  Distribution capture_ms = Distribution::Uniform(20'000, 40'000);
  // Share of the callers leaving a contact who choose a window ("call me in
  // an hour") instead of "as soon as possible". In [0, 1].
  double window_share = 0.1;
  TimeMs window_after_ms = kMsPerHour;   // the window opens this long after the capture
  TimeMs window_length_ms = kMsPerHour;  // and lasts this long; > 0
  // From the agent taking the callback to the dial's outcome (ringing the
  // customer).
  Distribution dial_ms = Distribution::Uniform(5'000, 20'000);
  // Chance that the customer answers a dial; in [0, 1]. A dial not
  // answered is busy with probability busy_share, else no answer.
  double answer_probability = 0.7;
  double busy_share = 0.3;  // in [0, 1]
};

// "Of the callers no seller took, about 8 in 10 leave a contact when
// offered a callback", a figure quoted by the field.
inline constexpr double kFieldCallbackAcceptance = 0.8;

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
  // The sellers: the agents of the queue of this name (compared without
  // case). "Time to reach a seller" (IntervalKpi::reached_wanted) counts
  // the calls that first reached this queue and were answered by one of
  // its agents; a center without it has no such figure.
  std::string seller_queue = "sales";
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
