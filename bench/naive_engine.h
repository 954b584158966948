// NaiveEngine: the first benchmark baseline. Same routing semantics as the
// engine (through BaselineEngine) but no index. In the kQueueMembers scope
// it places a call by walking every member of the call's queue and keeping
// the best available one (the way Asterisk's app_queue walks its member
// list), and when an agent frees up it scans every waiting call of every
// queue the agent serves. In the kAllAgents scope it scans every agent of
// the center per call and every waiting call of the center per free agent.
// BM_NaiveScan runs the kAllAgents scope, BM_NaiveQueueWalk kQueueMembers.
//
// Thread-safety: none. Invariant: waiting_[l] holds exactly the calls
// waiting in list l (one list per queue, or one list for the center), and
// each such call's aux is its index there.
#ifndef ACD_BENCH_NAIVE_ENGINE_H_
#define ACD_BENCH_NAIVE_ENGINE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/baseline_engine.h"

namespace acd::bench {

class NaiveEngine : public BaselineEngine {
 public:
  enum class Scope { kQueueMembers, kAllAgents };
  static absl::StatusOr<std::unique_ptr<NaiveEngine>> Create(
      const CenterConfig& center, CommandSink* sink, Scope scope = Scope::kQueueMembers);

 private:
  // One member of a queue, with its (fixed) level for the queue.
  struct Member {
    uint32_t slot;
    int tier;
  };

  NaiveEngine(const CenterConfig& center, CommandSink* sink, Scope scope);
  uint32_t SelectAgentAll(uint32_t call_slot);
  uint32_t SelectCallAll(uint32_t agent_slot);
  std::vector<uint32_t>& ListOf(const Call& c) {
    return waiting_[scope_ == Scope::kAllAgents ? 0 : c.queue];
  }

  uint32_t SelectAgent(uint32_t call_slot) override;
  uint32_t SelectCall(uint32_t agent_slot) override;
  void OnWaitingInserted(uint32_t call_slot) override;
  void OnWaitingRemoved(uint32_t call_slot) override;

  Scope scope_;
  std::vector<std::vector<Member>> members_;     // per queue, roster order
  std::vector<std::vector<uint32_t>> waiting_;   // per queue (or [0]: all), call slots
};

}  // namespace acd::bench

#endif  // ACD_BENCH_NAIVE_ENGINE_H_
