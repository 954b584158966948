// The simulator's trace: a sink that sees every event the simulator applies
// and every command the engine emits, and TextTrace, which writes them as
// readable lines; the clock and duration formats the trace and the summary
// share. Part of acd_sim (include/acd/sim.h includes it).
#ifndef ACD_SIM_TRACE_H_
#define ACD_SIM_TRACE_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/event.h"
#include "acd/types.h"

namespace acd {

// Sees every event the simulator applies (after it was accepted) and every
// command the engine emits, in order. Called on the simulating thread; an
// implementation must not keep references to the arguments.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void OnEvent(const Event& /*event*/) {}
  virtual void OnCommand(const Command& /*command*/) {}
};

// Writes one readable line per routing decision, e.g.
//   08:14:03  offer call 17 (sales, waited 12 s) to Anna Berg (101), ring 10 s
//   08:14:20  reject call 18 (IVR: entry rule 'offering us something'): "please ..."
//   08:14:35  call 17 in sales: rule 'relax to 5' applies
//   08:14:40  tell call 19: 3rd in line, about 2 min
//   10:02:11  contact left for call 77: callback 512, +4930500077
//   10:02:12  offer callback 512 (sales, for call 77) to Anna Berg (101), ring 10 s
//   10:02:15  dial +4930500077 for callback 512 from Anna Berg (101), attempt 1
//   10:02:27  callback 512 held until 10:17:27 (1 failed dial)
// Routes name their cause (the rule by its name in the center).
// Arrivals get a line too; an agent's moves to reserved and talking are
// left out (the offer and answer lines say it). Names come from the center,
// which must outlive the trace. Thread-safety: none; the simulating thread.
// Memory: one small record per live call.
class TextTrace : public TraceSink {
 public:
  TextTrace(const CenterConfig& center, std::ostream* out);
  void OnEvent(const Event& event) override;
  void OnCommand(const Command& command) override;
  uint64_t lines() const { return lines_; }

 private:
  struct CallInfo {
    bool queued = false;
    QueueId queue = 0;
    TimeMs first_queued_ms = 0;
    CallId from_call = 0;  // a callback: the captured call; 0 for a call
  };
  std::string AgentName(AgentId id) const;
  std::string QueueName(QueueId id) const;
  std::string Describe(const Command& command);
  std::string DescribeCaller(const CallAttributes& attributes) const;
  std::string DescribeRoute(const RouteCall& c) const;
  std::string RouteCauseText(const RouteCall& c) const;
  std::string RuleName(QueueId queue, int32_t rule) const;  // an overflow rule's
  std::string DescribeRule(const RuleApplied& c) const;
  std::string DescribeAnnounce(const Announce& c) const;
  std::string DescribeEnded(const CallEnded& c, TimeMs time_ms) const;
  std::string DescribeAgent(const AgentStateChanged& c);
  // Callbacks (trace_callbacks.cc): "" when the command is not about one.
  std::string DescribeCallback(const Command& command) const;
  std::string DescribeCallbackEvent(const Event& event);
  TimeMs WaitedMs(CallId call, TimeMs time_ms) const;
  void Write(TimeMs time_ms, const std::string& text);

  const CenterConfig& center_;
  std::ostream* out_;
  absl::flat_hash_map<AgentId, size_t> agent_index_;
  std::vector<AgentState> agent_states_;  // last reported, roster order
  absl::flat_hash_map<CallId, CallInfo> calls_;
  uint64_t lines_ = 0;
};

// "08:14:03"; from the second day on, "d1 08:14:03".
std::string FormatClock(TimeMs time_ms);
// "12 s", "4 m 05 s", "1 h 02 m".
std::string FormatDuration(TimeMs duration_ms);

}  // namespace acd

#endif  // ACD_SIM_TRACE_H_
