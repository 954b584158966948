// The simulator's population (include/acd/sim.h): who calls and how
// (Distribution, CallType, TrafficProfile, RetrialOptions,
// CallbackBehavior) and who answers and when (AgentShift, AgentBreak,
// AgentBehavior), with the time units the simulator counts in. sim.h's
// SimOptions puts them together for a run.
//
// Thread-safety: plain values. Invariants: stated on each field; checked
// by ValidateSimOptions (sim.h) before a run.
#ifndef ACD_SIM_POPULATION_H_
#define ACD_SIM_POPULATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "acd/center.h"
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
  // until the agent notices and makes itself ready again (for a pause in
  // one queue, auto_pause_here_only: ready in that queue again).
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

}  // namespace acd

#endif  // ACD_SIM_POPULATION_H_
