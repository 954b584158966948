// The interface every engine under benchmark offers the event stream:
// the real engine (through CoreTarget) and the two baselines. It mirrors
// acd::Engine's Apply/AdvanceTo; commands go to the CommandSink the engine
// was built with.
//
// Thread-safety: none; one thread drives a target.
#ifndef ACD_BENCH_TARGET_H_
#define ACD_BENCH_TARGET_H_

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "acd/engine.h"
#include "acd/event.h"

namespace acd::bench {

class TargetEngine {
 public:
  virtual ~TargetEngine() = default;
  virtual absl::Status Apply(const Event& event) = 0;
  virtual absl::Status AdvanceTo(TimeMs time_ms) = 0;
};

// Adapts acd::Engine to TargetEngine.
class CoreTarget : public TargetEngine {
 public:
  explicit CoreTarget(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
  absl::Status Apply(const Event& event) override { return engine_->Apply(event); }
  absl::Status AdvanceTo(TimeMs time_ms) override { return engine_->AdvanceTo(time_ms); }
  Engine& engine() { return *engine_; }

 private:
  std::unique_ptr<Engine> engine_;
};

}  // namespace acd::bench

#endif  // ACD_BENCH_TARGET_H_
