// SnapshotWriter and SnapshotReader: an engine's state in the snapshot
// layout (snapshot_format.h) and back. Internal to lib/core: EngineImpl's
// Snapshot, StateHash and Restore are their users, and each is a friend of
// EngineImpl that reads (writer) or fills (reader) its records.
//
// Thread-safety: none of their own. A writer reads its engine, so the
// engine must not change meanwhile; a reader fills a fresh engine that no
// other thread sees yet.
//
// Invariants:
// - The reader reads what the writer writes, section by section, and every
//   version of the layout the writer ever wrote (snapshot_format.h says
//   what each version added).
// - The state hash is a hash of the writer's bytes, so a field the snapshot
//   carries is a field the hash sees.
// - The reader range-checks every field and every reference between
//   records before the engine indexes an array with it (DataLoss naming the
//   field and offset), then rebuilds what is derived; Restore then checks
//   the invariants and that the engine encodes back to the same bytes.
#ifndef ACD_LIB_CORE_ENGINE_SNAPSHOT_H_
#define ACD_LIB_CORE_ENGINE_SNAPSHOT_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "acd/bytes.h"
#include "core/agent_index.h"
#include "core/engine_state.h"
#include "core/timers.h"

namespace acd::core {

class EngineImpl;

class SnapshotWriter {
 public:
  explicit SnapshotWriter(const EngineImpl& engine) : e_(engine) {}

  // The whole snapshot: header, then every section in order.
  void EncodeState(ByteWriter& w) const;

 private:
  void EncodeClock(ByteWriter& w) const;
  void EncodeQueues(ByteWriter& w) const;
  void EncodeAgents(ByteWriter& w) const;
  // Version 9: each membership's counters of its queue (engine_here.cc).
  void PutHereCounters(ByteWriter& w, const Agent& a) const;
  // The kept books the calls hold (HoldsBook), in the order the calls
  // first name them; returns each book's number in it (+1; 0: unwritten).
  // engine_books.cc.
  std::vector<uint32_t> EncodeBooks(ByteWriter& w) const;
  void EncodeCall(ByteWriter& w, uint32_t slot, const std::vector<uint32_t>& books) const;
  void EncodeCalls(ByteWriter& w, const std::vector<uint32_t>& books) const;  // and the timers
  void EncodeMemory(ByteWriter& w) const;

  const EngineImpl& e_;
};

class SnapshotReader {
 public:
  // The ready-index keys an agent was filed under, by membership.
  using AgentKeys = std::vector<std::optional<AgentKey>>;

  // `engine`: a fresh engine built for the snapshot's center.
  explicit SnapshotReader(EngineImpl& engine) : e_(engine) {}

  // Reads every section after the header (`version`: the snapshot's layout
  // version, snapshot_format.h) into the engine and rebuilds what is
  // derived. DataLoss when the bytes are damaged; then the engine is to be
  // discarded.
  absl::Status Read(ByteReader& r, uint64_t version);

 private:
  void DecodeClock(ByteReader& r, uint64_t version);
  void DecodeQueues(ByteReader& r);
  void DecodeAgent(ByteReader& r, uint32_t slot, std::vector<AgentKeys>& keys, uint64_t version);
  void DecodeAgents(ByteReader& r, std::vector<AgentKeys>& keys, uint64_t version);
  // Version 8: a membership's pause in its queue alone.
  void GetQueuePause(ByteReader& r, const Agent& a, AgentMembership& m) const;
  // Version 9: the memberships' counters of one queue, checked against the
  // agent's day and the keys filed by them (engine_here.cc).
  void GetHereCounters(ByteReader& r, uint32_t slot, const AgentKeys& keys);
  void DecodeBooks(ByteReader& r);  // version 12 (engine_books.cc)
  bool DecodeCall(ByteReader& r, uint32_t slot, uint64_t version);
  const char* CallProblem(const Call& c, uint32_t slot) const;  // null: none
  void DecodeCalls(ByteReader& r, uint64_t version);
  void DecodeTimers(ByteReader& r);
  void DecodeMemory(ByteReader& r, uint64_t version);
  void DecodeCaptures(ByteReader& r, uint64_t version);
  // The handle a timer of this kind and target lives in; null when the
  // target does not exist.
  TimerRef* TimerSlotFor(TimerKind kind, uint32_t target);
  // False when an agent filed as available cannot be.
  bool RebuildAfterRestore(const std::vector<AgentKeys>& keys);

  EngineImpl& e_;
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_ENGINE_SNAPSHOT_H_
