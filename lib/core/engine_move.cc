// A supervisor moves a waiting call to a place in its queue's line
// (CallMove), or a caller joins at a requested place (CallEnqueue's
// position): the check, the step, and the respacing of a queue's entry
// orders when two neighbours leave no room between them. Single-threaded,
// like all of EngineImpl.
//
// Invariants kept here (DESIGN.md 15): the moved call has exactly
// position - 1 of its line's other calls ahead of it (all of them when the
// line is shorter), in its queue's order and in the rank across its pools
// (its time in line is set between its new neighbours', so that within a
// queue the time in line still grows with the entry order); the other
// calls keep their order among themselves;
// respacing keeps the order of every place of the queue (live keys,
// remembered places, captures) and hands out entry orders above every
// earlier one.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::Status EngineImpl::CheckEvent(const CallMove& e) const {
  const Call* c;
  if (absl::Status s = CheckLiveCall(e.call, &c); !s.ok()) return s;
  if (e.position == 0) {
    return absl::InvalidArgumentError("position: 0; positions in line count from 1");
  }
  if (c->state != CallState::kWaiting) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is ", NameOf(c->state), "; only a call waiting in line is moved"));
  }
  if (!c->in_index) {
    return absl::FailedPreconditionError(absl::StrCat(
        "call: ", e.call, " is a callback held out of line; it is moved once it is back in line"));
  }
  if (c->owner_window) {
    return absl::FailedPreconditionError(
        absl::StrCat("call: ", e.call, " waits for its own seller (agent ", c->owner_agent,
                     ") alone, not in the queue's line"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const CallMove& e) {
  const uint32_t slot = CallSlot(e.call);
  PlaceInLine(slot, e.position, /*keep_priority=*/false);
  pending_calls_.push_back(slot);
  Drain();
}

void EngineImpl::PlaceInLine(uint32_t slot, uint32_t position, bool keep_priority) {
  Call& c = calls_[slot];
  const int32_t own = c.key.neg_priority;
  RemoveWaiting(slot);
  // At most twice: a respacing leaves kSeqSpacing between any two places,
  // so the second look always finds room.
  for (int attempt = 0; attempt < 2; ++attempt) {
    // The line without the call, far enough in order to see its new
    // neighbours: `at` calls ahead of it; keeping its priority, never
    // ahead of a higher one nor behind a lower one.
    std::vector<CallKey> line;
    line.reserve(queues_[c.queue].waiting);
    for (const Pool& pool : queues_[c.queue].pools) {
      pool.waiting.ForEach([&](int, int, const CallKey& key) { line.push_back(key); });
    }
    size_t lo = 0, hi = line.size();
    if (keep_priority) {
      lo = static_cast<size_t>(std::count_if(line.begin(), line.end(),
                                             [&](const CallKey& k) { return k.neg_priority < own; }));
      hi = static_cast<size_t>(std::count_if(line.begin(), line.end(),
                                             [&](const CallKey& k) { return k.neg_priority <= own; }));
    }
    const size_t at = std::clamp<size_t>(position - 1, lo, hi);
    const size_t sorted = std::min(at + 1, line.size());
    std::partial_sort(line.begin(), line.begin() + static_cast<ptrdiff_t>(sorted), line.end());
    if (at == hi) {
      // At the end (of its priority's calls): a fresh entry order is above
      // every other; a supervisor's move takes the last call's priority.
      if (keep_priority) {
        c.key = CallKey{own, NextSeq(), slot};
      } else if (at > 0) {
        c.key = CallKey{line[at - 1].neg_priority, NextSeq(), slot};
      }
      break;
    }
    // Immediately before the call it now stands before: behind every
    // other place of the queue that sorts before that call (the call ahead
    // in line, and places out of line: offers ringing, callbacks held,
    // callers' remembered places), with an entry order of its own.
    const CallKey& after = line[at];
    if (after.seq - SeqBelow(c.queue, after.seq, slot) >= 2) {
      c.key = CallKey{after.neg_priority, after.seq - 1, slot};
      break;
    }
    RespaceQueue(c.queue);
  }
  c.priority = -c.key.neg_priority;
  c.line_ms = LineMsAt(c.queue, c.key.seq, slot);
  c.announced_position = 0;  // the next announcement tells the new place
  InsertWaiting(slot);
}

template <typename Fn>
void EngineImpl::ForEachPlace(QueueId queue, uint32_t except, Fn fn) const {
  for (const auto& [id, slot] : live_calls_) {
    const Call& o = calls_[slot];
    if (slot != except && o.queued && o.queue == queue) fn(o.key.seq, o.line_ms);
  }
  // Expired places are left out, however soon they are dropped: they can
  // never come back into line.
  for (const auto& [ani, place] : left_places_) {
    if (place.queue == queue && place.until_ms >= now_ms_) fn(place.seq, place.line_ms);
  }
  // A capture whose callback was requested is no place either: the
  // callback is, while it lives, and may have moved since (seed 100224).
  for (const auto& [id, cap] : captures_) {
    if (cap.callback == 0 && cap.wait_queue == queue && cap.until_ms >= now_ms_) {
      fn(cap.seq, cap.line_ms);
    }
  }
}

uint64_t EngineImpl::SeqForLineMs(QueueId queue, TimeMs line_ms, uint32_t except) {
  QueueState& q = queues_[queue];
  if (line_ms >= q.latest_line_ms) {  // the usual entry: now, with no place later
    q.latest_line_ms = line_ms;
    return NextSeq();
  }
  // At most twice, as in PlaceInLine: a respacing always leaves room.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::optional<uint64_t> after;  // the first place in line since later
    ForEachPlace(queue, except, [&](uint64_t s, TimeMs l) {
      if (l > line_ms && (!after || s < *after)) after = s;
    });
    if (!after) break;
    if (*after - SeqBelow(queue, *after, except) >= 2) return *after - 1;
    RespaceQueue(queue);
  }
  return NextSeq();
}

void EngineImpl::RebuildLatestLines() {
  for (QueueState& q : queues_) q.latest_line_ms = INT64_MIN;
  auto note = [&](QueueId queue, TimeMs line_ms) {
    TimeMs& latest = queues_[queue].latest_line_ms;
    latest = std::max(latest, line_ms);
  };
  for (const auto& [id, slot] : live_calls_) {
    if (calls_[slot].queued) note(calls_[slot].queue, calls_[slot].line_ms);
  }
  for (const auto& [ani, place] : left_places_) note(place.queue, place.line_ms);
  for (const auto& [id, cap] : captures_) note(cap.wait_queue, cap.line_ms);
}

uint64_t EngineImpl::SeqBelow(QueueId queue, uint64_t seq, uint32_t slot) const {
  uint64_t below = 0;
  ForEachPlace(queue, slot, [&](uint64_t s, TimeMs) {
    if (s < seq) below = std::max(below, s);
  });
  return below;
}

TimeMs EngineImpl::LineMsAt(QueueId queue, uint64_t seq, uint32_t slot) const {
  // The earliest time in line of the places after `seq`, else the latest
  // of those before it: within a queue line_ms never decreases with the
  // entry order, and calls of two pools rank by it (then by entry order).
  std::optional<TimeMs> after, before;
  auto note = [&](uint64_t s, TimeMs line_ms) {
    if (s > seq && (!after || line_ms < *after)) after = line_ms;
    if (s < seq && (!before || line_ms > *before)) before = line_ms;
  };
  ForEachPlace(queue, slot, note);
  if (after) return *after;
  return before ? *before : calls_[slot].line_ms;
}

void EngineImpl::RespaceQueue(QueueId queue) {
  // Every place of the queue, old -> new entry order, in the order they
  // sort: (entry order, then call slot) for live calls, whose keys break
  // ties by slot, and the remembered places and captures first among equal
  // entry orders (slot 0 here, live calls slot + 1). Each live call gets an
  // entry order of its own, so that room opens between any two of them.
  absl::btree_map<std::pair<uint64_t, uint64_t>, uint64_t> seqs;
  auto live_place = [](const Call& c, uint32_t slot) {
    return std::pair<uint64_t, uint64_t>{c.key.seq, uint64_t{slot} + 1};
  };
  for (const auto& [id, slot] : live_calls_) {
    const Call& c = calls_[slot];
    if (c.queued && c.queue == queue) seqs[live_place(c, slot)] = 0;
  }
  for (const auto& [ani, place] : left_places_) {
    if (place.queue == queue) seqs[{place.seq, 0}] = 0;
  }
  for (const auto& [id, cap] : captures_) {
    if (cap.wait_queue == queue) seqs[{cap.seq, 0}] = 0;
  }
  for (auto& [old_place, new_seq] : seqs) new_seq = NextSeq();
  for (const auto& [old_place, new_seq] : seqs) {
    if (old_place.second == 0) continue;
    const uint32_t slot = static_cast<uint32_t>(old_place.second - 1);
    Call& c = calls_[slot];
    const bool in_line = c.in_index;
    RemoveWaiting(slot);
    c.key.seq = new_seq;
    if (in_line) InsertWaiting(slot);
  }
  for (auto& [ani, place] : left_places_) {
    if (place.queue == queue) place.seq = seqs.at({place.seq, 0});
  }
  for (auto& [id, cap] : captures_) {
    if (cap.wait_queue == queue) cap.seq = seqs.at({cap.seq, 0});
  }
}

}  // namespace acd::core
