#include "bench/rig.h"

#include <utility>

#include "bench/naive_engine.h"
#include "bench/sqlite_engine.h"

namespace acd::bench {

absl::StatusOr<std::unique_ptr<TargetEngine>> MakeTarget(EngineKind kind,
                                                         const CenterConfig& center,
                                                         CommandSink* sink) {
  switch (kind) {
    case EngineKind::kCore: {
      absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(center, sink);
      if (!engine.ok()) return engine.status();
      return std::unique_ptr<TargetEngine>(new CoreTarget(*std::move(engine)));
    }
    case EngineKind::kNaiveScan:
    case EngineKind::kNaiveQueueWalk: {
      absl::StatusOr<std::unique_ptr<NaiveEngine>> engine = NaiveEngine::Create(
          center, sink,
          kind == EngineKind::kNaiveQueueWalk ? NaiveEngine::Scope::kQueueMembers
                                              : NaiveEngine::Scope::kAllAgents);
      if (!engine.ok()) return engine.status();
      return std::unique_ptr<TargetEngine>(std::move(*engine));
    }
    case EngineKind::kSqlite: {
      absl::StatusOr<std::unique_ptr<SqliteEngine>> engine = SqliteEngine::Create(center, sink);
      if (!engine.ok()) return engine.status();
      return std::unique_ptr<TargetEngine>(std::move(*engine));
    }
  }
  return absl::InvalidArgumentError("kind: unknown engine kind");
}

absl::StatusOr<std::unique_ptr<Rig>> MakeRig(EngineKind kind,
                                             const BenchCenterOptions& center_options,
                                             const StreamOptions& stream_options,
                                             CommandSink* also) {
  auto rig = std::make_unique<Rig>();
  rig->center = BuildBenchCenter(center_options);
  rig->stream = std::make_unique<EventStream>(rig->center, stream_options);
  rig->sink = std::make_unique<TeeSink>(rig->stream.get(), also);
  absl::StatusOr<std::unique_ptr<TargetEngine>> target =
      MakeTarget(kind, rig->center.config, rig->sink.get());
  if (!target.ok()) return target.status();
  rig->target = *std::move(target);
  if (kind == EngineKind::kCore) rig->core = &static_cast<CoreTarget*>(rig->target.get())->engine();
  rig->stream->Attach(rig->target.get());
  return rig;
}

}  // namespace acd::bench
