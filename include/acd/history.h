// A bounded in-memory history per call: what happened to each live call and
// to the last N ended ones, as queue-log records (include/acd/queue_log.h),
// for a supervisor's "what happened to this call" query.
#ifndef ACD_HISTORY_H_
#define ACD_HISTORY_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/queue_log.h"
#include "acd/types.h"

namespace acd {

struct CallHistoryOptions {
  // Ended calls kept; the oldest ended call is dropped when one more ends.
  // 0 keeps none (live calls only).
  uint32_t ended_calls_max = 10'000;
  // Entries kept per call. Past it, further entries are counted in
  // CallRecord::dropped_entries, but the call's terminal entry is always
  // kept (so a long wait full of announcements still shows how it ended).
  uint32_t entries_per_call_max = 200;
};

// One call's history: one entry per command about the call, in order; each
// entry is the queue-log record of that command (time_ms and what: EVENT,
// queue, agent and data).
struct CallRecord {
  CallId call = 0;
  bool ended = false;
  std::vector<QueueLogRecord> entries;
  uint64_t dropped_entries = 0;
};

// A CommandSink decorator that keeps CallRecords and forwards every command
// to `inner` (may be null). Commands not about a call (agent state changes)
// are only forwarded.
// Thread-safety: none; it lives on the engine's thread like the engine's
// sink, so a query from another thread must be posted to that thread.
// Invariants: every live call the sink has seen a command for has a record;
// at most ended_calls_max ended records, at most entries_per_call_max + 1
// entries per record. Memory: bounded by the engine's live calls (its
// max_live_calls) and the two limits.
class CallHistory : public CommandSink {
 public:
  explicit CallHistory(const CenterConfig& center, CallHistoryOptions options = {},
                       CommandSink* inner = nullptr);
  void Emit(const Command& command) override;

  // The call's record (a copy), or nullopt when the call is unknown or its
  // record was dropped.
  std::optional<CallRecord> Find(CallId call) const;
  size_t live_calls() const { return records_.size() - ended_order_.size(); }
  size_t ended_calls() const { return ended_order_.size(); }
  // The ended calls kept, oldest first.
  std::vector<CallId> EndedCalls() const { return {ended_order_.begin(), ended_order_.end()}; }

 private:
  void Append(CallRecord* record, QueueLogRecord entry);
  void Ended(CallId call);

  QueueLogFormatter formatter_;
  CallHistoryOptions options_;
  CommandSink* inner_;
  absl::flat_hash_map<CallId, CallRecord> records_;
  std::deque<CallId> ended_order_;
};

}  // namespace acd

#endif  // ACD_HISTORY_H_
