// One replication of the staffing check (see queue_sim.h).
#include "staffing/queue_sim.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/command.h"

namespace acd::staffing_internal {
namespace {

// Counts the calls that arrived in [from_ms, to_ms) from the commands that
// end them, and integrates the number of busy agents over the window.
// Thread-safety: none; the simulating thread.
class WindowTally : public TraceSink {
 public:
  WindowTally(TimeMs from_ms, TimeMs to_ms, TimeMs sl_ms, int64_t agents)
      : from_ms_(from_ms), to_ms_(to_ms), sl_ms_(sl_ms), busy_(static_cast<size_t>(agents)) {
    tally_.agent_ms = static_cast<double>(agents) * static_cast<double>(to_ms - from_ms);
  }

  void OnCommand(const Command& command) override {
    if (const auto* ended = std::get_if<CallEnded>(&command.body)) {
      OnEnded(*ended, command.time_ms);
    } else if (const auto* agent = std::get_if<AgentStateChanged>(&command.body)) {
      OnAgent(*agent, command.time_ms);
    }
  }

  // Closes the busy-time integral at the end of the window.
  ReplicationTally Finish() {
    Advance(to_ms_);
    return tally_;
  }

 private:
  void OnEnded(const CallEnded& ended, TimeMs time_ms) {
    const TimeMs arrived_ms = time_ms - ended.wait_ms - ended.talk_ms;
    if (arrived_ms < from_ms_ || arrived_ms >= to_ms_) return;
    ++tally_.arrived;
    switch (ended.disposition) {
      case Disposition::kAnswered:
        ++tally_.answered;
        if (ended.wait_ms <= sl_ms_) ++tally_.answered_in_sl;
        tally_.answered_wait_ms += static_cast<double>(ended.wait_ms);
        break;
      case Disposition::kAbandonedInQueue:
      case Disposition::kAbandonedRinging:
        ++tally_.abandoned;
        break;
      default:
        break;  // no other path exists in this center; counted as not answered
    }
  }

  void OnAgent(const AgentStateChanged& change, TimeMs time_ms) {
    Advance(time_ms);
    const size_t index = static_cast<size_t>(change.agent - 1);
    if (index >= busy_.size()) return;
    const bool busy = change.state == AgentState::kReserved ||
                      change.state == AgentState::kTalking || change.state == AgentState::kWrapUp;
    if (busy != busy_[index]) {
      busy_[index] = busy;
      busy_count_ += busy ? 1 : -1;
    }
  }

  void Advance(TimeMs time_ms) {
    const TimeMs from = std::max(last_ms_, from_ms_);
    const TimeMs to = std::min(time_ms, to_ms_);
    if (to > from) {
      tally_.busy_agent_ms += static_cast<double>(busy_count_) * static_cast<double>(to - from);
    }
    last_ms_ = std::max(last_ms_, time_ms);
  }

  const TimeMs from_ms_;
  const TimeMs to_ms_;
  const TimeMs sl_ms_;
  std::vector<bool> busy_;  // by agent id - 1
  int64_t busy_count_ = 0;
  TimeMs last_ms_ = 0;
  ReplicationTally tally_;
};

TimeMs SecondsToMs(double s) { return static_cast<TimeMs>(std::llround(s * 1000.0)); }

}  // namespace

CenterConfig SingleQueueCenter(int64_t agents) {
  CenterConfig center;
  QueueConfig queue;
  queue.name = "interval";
  queue.strategy = Strategy::kLongestIdle;
  queue.wrapup_ms = 0;
  queue.max_misses = 0;
  queue.max_length = std::numeric_limits<uint32_t>::max();
  center.queues.push_back(queue);
  center.agents.reserve(static_cast<size_t>(agents));
  for (int64_t i = 0; i < agents; ++i) {
    AgentConfig agent;
    agent.id = static_cast<AgentId>(i + 1);
    agent.name = absl::StrCat("Agent ", i + 1);
    agent.queues.push_back(Membership{0, kMaxLevel, 0, static_cast<uint32_t>(i), 1.0});
    center.agents.push_back(std::move(agent));
  }
  return center;
}

SimOptions SingleQueueOptions(const StaffingQuestion& question, const VerifyOptions& options,
                              TimeMs warmup_ms, uint64_t seed) {
  SimOptions sim;
  sim.seed = seed;
  sim.start_ms = 0;
  sim.end_ms = warmup_ms + options.window_ms;
  sim.traffic.start_ms = 0;
  sim.traffic.interval_ms = sim.end_ms;
  sim.traffic.calls_per_hour = {question.calls_per_hour};
  CallType caller;
  caller.name = "caller";
  caller.queue = 0;
  caller.share = 1;
  caller.ivr_ms = Distribution::Constant(0);
  caller.handle_ms = Distribution::Exponential(question.aht_s * 1000.0);
  const bool loss = question.model == QueueModel::kErlangA && question.patience_s == 0;
  caller.patience_ms = question.model == QueueModel::kErlangA && !loss
                           ? Distribution::Exponential(question.patience_s * 1000.0)
                           : Distribution::Never();
  // The loss system: a caller leaves unless an offer starts on arrival.
  if (loss) caller.zero_patience_share = 1;
  sim.traffic.types = {caller};
  sim.agents.rona_probability = 0;
  sim.agents.answer_delay_ms = Distribution::Constant(0);
  sim.sl_threshold_ms = SecondsToMs(question.target.threshold_s);
  // Draining a long line can take a while after the arrivals stop.
  sim.serve_out_max_ms = 7 * 24 * kMsPerHour;
  return sim;
}

absl::StatusOr<ReplicationTally> RunReplication(const CenterConfig& center,
                                                const StaffingQuestion& question,
                                                const VerifyOptions& options, uint64_t seed) {
  const int64_t agents = static_cast<int64_t>(center.agents.size());
  const TimeMs warmup_ms = WarmupMs(question, agents, options);
  const SimOptions sim = SingleQueueOptions(question, options, warmup_ms, seed);
  WindowTally tally(warmup_ms, warmup_ms + options.window_ms, sim.sl_threshold_ms, agents);
  absl::StatusOr<SimResult> result = RunSimulation(center, sim, &tally);
  if (!result.ok()) return result.status();
  return tally.Finish();
}

}  // namespace acd::staffing_internal
