// EngineFields: the engine's state, every field one engine holds (the
// record types are in engine_state.h and agent_state.h). EngineImpl
// (engine_impl.h) derives from it privately and is the only code that
// changes it, with its friends (the invariant checker, the snapshot codec,
// the reload adopter).
//
// Thread-safety: none; one engine is used by one thread at a time.
//
// Invariants: the records are the state; every index here (the ready and
// waiting indexes inside the queues, file_gens_, the id maps, owned_) is
// derived from them and rebuilt by a restore or a reload. What a snapshot
// leaves out (work counters, caches, the time of the event being checked)
// is listed in DESIGN.md, "State, snapshots and the state hash"; the
// invariants the checker proves after every step are DESIGN.md's.
//
// Layout: agents in roster order (slot = index), calls in a slab of slots
// with a free list, queues in config order, each queue split into pools
// (one per distinct skill requirement, a SkillExpr).
//
// On the hot path (measured in bench/RESULTS.md): taking an agent out of the
// ready indexes only bumps its filing generation in file_gens_ (its entries
// go stale and are swept later, see ReadyIndex); each membership caches the
// agent's tier and matching pools; timers sit in FIFO lanes per delay
// (TimerQueue); the de-dup and ended-call windows are compact open-addressing
// tables (RecentIds); the agent and call arrays sit in huge pages
// (HugePageAllocator), and the indexes' memory (tree nodes, waiting stage
// blocks, the queues' pools) in the engine's own arena (NodeArena), which
// grows into huge pages too.
#ifndef ACD_LIB_CORE_ENGINE_FIELDS_H_
#define ACD_LIB_CORE_ENGINE_FIELDS_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/engine.h"
#include "core/agent_index.h"
#include "core/call_index.h"
#include "core/engine_state.h"
#include "core/expiry_fifo.h"
#include "core/huge_pages.h"
#include "core/node_arena.h"
#include "core/recent_ids.h"
#include "core/rng.h"
#include "core/timers.h"

namespace acd::core {

struct EngineFields {
  // Sets the fields a center and the options give; EngineImpl's
  // constructor builds the rest.
  EngineFields(const CenterConfig& center, CommandSink* sink, EngineOptions options);
  // Not copyable: queue states point into center_, and sink_ is borrowed.
  EngineFields(const EngineFields&) = delete;
  EngineFields& operator=(const EngineFields&) = delete;

  CenterConfig center_;
  uint64_t center_fingerprint_;  // CenterFingerprint(center_), in every snapshot
  CommandSink* sink_;
  bool check_invariants_;
  Rng rng_;
  bool count_joins_ = false;  // some queue has join_empty factors
  TimeMs now_ms_ = 0;
  // The time of the event being checked (Apply sets it before Check), for
  // checks that depend on time without a timer (a capture's expiry).
  TimeMs event_time_ms_ = 0;
  bool started_ = false;

  // The two record arrays an event reads at random, in huge pages where
  // the kernel gives them (huge_pages.h).
  std::vector<Agent, HugePageAllocator<Agent>> agents_;
  // Filing generation per agent slot, odd while the agent is filed; the
  // ready indexes' entries are live iff they carry the current one.
  ReadyIndex::Gens file_gens_;
  // Agent id to slot. Rosters usually number their agents densely: when the
  // ids span at most kDenseIdsPerAgent values per agent, agent_dense_
  // (indexed by id - agent_id_base_) answers with one array read; otherwise
  // agent_slots_ does.
  static constexpr uint64_t kDenseIdsPerAgent = 8;
  AgentId agent_id_base_ = 0;
  std::vector<uint32_t> agent_dense_;  // kNoSlot where no agent has the id
  absl::flat_hash_map<AgentId, uint32_t> agent_slots_;
  // The queues' pools and their indexes' memory (node_arena.h); declared
  // before queues_, which free into it as they are destroyed.
  std::unique_ptr<NodeArena> node_arena_ = std::make_unique<NodeArena>();
  std::vector<QueueState> queues_;
  // Rules kept for callers across reloads (Call::book); made by a reload or
  // a restore, never changed after (a reload's fresh engine keeps only the
  // ones its calls hold).
  std::vector<std::unique_ptr<KeptBook>> kept_books_;
  std::vector<Call, HugePageAllocator<Call>> calls_;
  // What each call arrived with, by call slot; kept only when the center
  // has entry rules (keep_attributes_), else empty.
  bool keep_attributes_ = false;
  std::vector<CallAttributes> attributes_;
  std::vector<uint32_t> free_call_slots_;
  absl::flat_hash_map<CallId, uint32_t> live_calls_;
  // The last live call CheckLiveCall found, so that the step carrying out
  // the event does not search live_calls_ again. A cache, not state: it is
  // dropped when that call ends (its slot may then be reused).
  struct CallMemo {
    CallId id = 0;
    uint32_t slot = kNoSlot;
  };
  mutable CallMemo last_call_;
  RecentIds<Disposition> ended_calls_;
  RecentIds<bool> seen_events_;
  TimerQueue timers_;
  // Entry orders (CallKey::seq) are handed out kSeqSpacing apart, so that a
  // supervisor's move (CallMove) finds room between two neighbours.
  // A move takes the entry order just below its new neighbour's, so a
  // respacing comes after about kSeqSpacing moves into one place.
  static constexpr uint64_t kSeqSpacing = uint64_t{1} << 10;
  uint64_t NextSeq() { return enqueue_seq_ += kSeqSpacing; }
  uint64_t enqueue_seq_ = 0;
  uint64_t timers_fired_ = 0;  // tells Apply whether its AdvanceTo fired any: not state
  std::vector<uint32_t> pending_calls_;   // call slots to try to match
  std::vector<uint32_t> pending_agents_;  // agent slots to try to match
  std::vector<QueueId> pending_empty_;    // queues to check for leave-when-empty
  // Calls waiting for their own seller, by the seller's agent slot, each
  // set ordered like a waiting index (priority, then entry).
  absl::flat_hash_map<uint32_t, absl::btree_set<CallKey>> owned_;
  // Places of callers who hung up in line, by ANI, and their expiry in the
  // order they were left (one delay for all: a FIFO). Bounded by time and
  // by ended_calls_window entries.
  absl::flat_hash_map<std::string, LeftPlace> left_places_;
  ExpiryFifo<std::string> left_expiry_;
  // Captures awaiting a contact, by call id, and their expiry in capture
  // order (the FIFO is bounded by ended_calls_window).
  absl::flat_hash_map<CallId, Capture> captures_;
  ExpiryFifo<CallId> capture_expiry_;
  absl::flat_hash_map<uint32_t, CallbackInfo> callbacks_;  // by call slot
  CallCounts counts_;
  WorkCounters work_;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_ENGINE_FIELDS_H_
