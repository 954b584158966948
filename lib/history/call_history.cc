// CallHistory: the last ended calls' records plus every live one.
#include <utility>

#include "acd/history.h"

namespace acd {

CallHistory::CallHistory(const CenterConfig& center, CallHistoryOptions options,
                         CommandSink* inner)
    : formatter_(center), options_(options), inner_(inner) {}

void CallHistory::Emit(const Command& command) {
  QueueLogRecord entry = formatter_.Format(command);
  if (entry.call != 0) {
    const CallId call = entry.call;
    const bool terminal = IsTerminalQueueLogEvent(entry.event);
    auto [it, inserted] = records_.try_emplace(call);
    if (inserted) it->second.call = call;
    if (!it->second.ended) {
      Append(&it->second, std::move(entry));
      if (terminal) Ended(call);
    }
  }
  if (inner_ != nullptr) inner_->Emit(command);
}

void CallHistory::Append(CallRecord* record, QueueLogRecord entry) {
  if (record->entries.size() < options_.entries_per_call_max ||
      IsTerminalQueueLogEvent(entry.event)) {
    record->entries.push_back(std::move(entry));
  } else {
    ++record->dropped_entries;
  }
}

void CallHistory::Ended(CallId call) {
  records_[call].ended = true;
  ended_order_.push_back(call);
  while (ended_order_.size() > options_.ended_calls_max) {
    records_.erase(ended_order_.front());
    ended_order_.pop_front();
  }
}

std::optional<CallRecord> CallHistory::Find(CallId call) const {
  auto it = records_.find(call);
  if (it == records_.end()) return std::nullopt;
  return it->second;
}

}  // namespace acd
