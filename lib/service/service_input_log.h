// ServiceInputLog: a shard's InputLog (acd/runtime.h) that makes the call
// map's new entries durable before the shard's own inputs at every batch,
// so an event never becomes durable before the id mapping it was
// translated with. Wraps the shard's JournalInputLog (or no log: then only
// the map is synced, and only the map survives a restart).
//
// Thread-safety: the shard's thread calls it (InputLog's rule).
#ifndef ACD_LIB_SERVICE_SERVICE_INPUT_LOG_H_
#define ACD_LIB_SERVICE_SERVICE_INPUT_LOG_H_

#include "acd/runtime.h"
#include "service/call_map.h"

namespace acd::service {

class ServiceInputLog : public InputLog {
 public:
  // `inner` may be null; neither is owned.
  ServiceInputLog(InputLog* inner, CallMap* calls) : inner_(inner), calls_(calls) {}

  absl::Status Append(const ShardInput& input) override {
    return inner_ != nullptr ? inner_->Append(input) : absl::OkStatus();
  }
  absl::Status Sync() override {
    if (absl::Status s = calls_->Sync(); !s.ok()) return s;
    return inner_ != nullptr ? inner_->Sync() : absl::OkStatus();
  }
  absl::StatusOr<RecoveredEngine> Recover(const CenterConfig& initial_center, CommandSink* sink,
                                          const EngineOptions& options) override {
    if (inner_ != nullptr) return inner_->Recover(initial_center, sink, options);
    return ReplayInputs(initial_center, {}, sink, options);
  }
  absl::Status AfterSync(const Engine& engine, uint64_t commands) override {
    return inner_ != nullptr ? inner_->AfterSync(engine, commands) : absl::OkStatus();
  }

 private:
  InputLog* const inner_;
  CallMap* const calls_;
};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_SERVICE_INPUT_LOG_H_
