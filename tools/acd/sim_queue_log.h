// `acd sim --queue-log FILE`: the run's queue log (include/acd/queue_log.h)
// written to a file, alongside the optional --trace text.
#ifndef ACD_TOOLS_ACD_SIM_QUEUE_LOG_H_
#define ACD_TOOLS_ACD_SIM_QUEUE_LOG_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "acd/center.h"
#include "acd/env_ostream.h"
#include "acd/queue_log.h"
#include "acd/sim.h"

namespace acd::tools {

// A TraceSink that writes every command to the queue-log file and passes
// events and commands on to `also` (may be null). The simulator reports on
// its virtual clock (ms since local midnight of the simulated day); the log
// gets real instants: local midnight of `date` in the center's time zone
// plus the virtual time, so a floor reads the day it simulated.
// Thread-safety: none; the simulating thread. `also` must outlive it.
class QueueLogTrace : public TraceSink {
 public:
  // Opens "<path>.tmp" through the file seam ("-": standard output); the
  // error names the flag, the path and why. Close puts the file in place;
  // destroyed without a successful Close, `path` is left as it was.
  static absl::StatusOr<std::unique_ptr<QueueLogTrace>> Open(const std::string& path,
                                                             const CenterConfig& center,
                                                             absl::CivilDay date,
                                                             TraceSink* also);
  void OnEvent(const Event& event) override;
  void OnCommand(const Command& command) override;
  // Flushes, closes and renames the file into place; the error names the
  // flag and the path.
  absl::Status Close();
  uint64_t lines() const { return sink_.lines(); }
  const std::string& path() const { return path_; }

 private:
  QueueLogTrace(const std::string& path, std::unique_ptr<EnvOstream> file,
                const CenterConfig& center, TraceSink* also);

  std::string path_;
  std::unique_ptr<EnvOstream> file_;  // null: standard output
  QueueLogSink sink_;
  TraceSink* also_;
  TimeMs day_start_ms_ = 0;  // Unix ms of virtual time 0
};

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_SIM_QUEUE_LOG_H_
