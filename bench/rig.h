// A benchmark rig: a seeded bench center, one engine under test (the real
// engine or a baseline) and the closed-loop event stream driving it. The
// benchmarks and the cross-check test build their runs from rigs.
//
// Thread-safety: none. Invariant: the engine's sink is the rig's TeeSink,
// which feeds the stream first and then the optional extra sink.
#ifndef ACD_BENCH_RIG_H_
#define ACD_BENCH_RIG_H_

#include <memory>

#include "absl/status/statusor.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "bench/bench_center.h"
#include "bench/event_stream.h"
#include "bench/target.h"

namespace acd::bench {

// kNaiveScan scans every agent of the center per decision; kNaiveQueueWalk
// walks the members of the call's queue.
enum class EngineKind { kCore, kNaiveScan, kNaiveQueueWalk, kSqlite };

// Forwards every command to two sinks (the second may be null).
class TeeSink : public CommandSink {
 public:
  TeeSink(CommandSink* first, CommandSink* second) : first_(first), second_(second) {}
  void Emit(const Command& command) override {
    first_->Emit(command);
    if (second_ != nullptr) second_->Emit(command);
  }

 private:
  CommandSink* first_;
  CommandSink* second_;
};

struct Rig {
  BenchCenter center;
  std::unique_ptr<EventStream> stream;
  std::unique_ptr<TeeSink> sink;
  std::unique_ptr<TargetEngine> target;
  Engine* core = nullptr;  // the real engine, when kind == kCore
};

// Builds the center, the engine and the stream; does not start the stream.
// `also` (may be null) receives every command after the stream does.
absl::StatusOr<std::unique_ptr<Rig>> MakeRig(EngineKind kind,
                                             const BenchCenterOptions& center_options,
                                             const StreamOptions& stream_options,
                                             CommandSink* also = nullptr);

// Builds a baseline (or the real engine) on an existing center and sink.
absl::StatusOr<std::unique_ptr<TargetEngine>> MakeTarget(EngineKind kind,
                                                         const CenterConfig& center,
                                                         CommandSink* sink);

}  // namespace acd::bench

#endif  // ACD_BENCH_RIG_H_
