#include "core/timers.h"

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <utility>

namespace acd::core {

uint32_t TimerQueue::LaneFor(TimeMs delay_ms) {
  if (auto it = lane_of_delay_.find(delay_ms); it != lane_of_delay_.end()) return it->second;
  if (lanes_.size() >= kMaxLanes) return kNoLane;
  lane_of_delay_.emplace(delay_ms, static_cast<uint32_t>(lanes_.size()));
  lanes_.emplace_back();
  return static_cast<uint32_t>(lanes_.size() - 1);
}

void TimerQueue::Grow(Lane& lane) {
  Lane bigger;
  bigger.buf.resize(lane.buf.empty() ? 64 : 2 * lane.buf.size());
  bigger.cancelled.resize(bigger.buf.size() / 64);
  for (uint32_t i = 0; i < lane.size; ++i) {
    const uint32_t pos = lane.head + i;
    bigger.at(pos) = lane.at(pos);
    bigger.set_cancelled(pos, lane.is_cancelled(pos));
  }
  lane.buf = std::move(bigger.buf);
  lane.cancelled = std::move(bigger.cancelled);
}

TimerRef TimerQueue::Add(TimeMs now_ms, TimeMs due_ms, TimerKind kind, uint32_t target) {
  const uint32_t id = LaneFor(due_ms - now_ms);
  if (id == kNoLane) return AddAt(now_ms, due_ms, kind, target);
  Lane& lane = lanes_[id];
  if (lane.size > 0 && lane.at(lane.head + lane.size - 1).due_ms > due_ms) {
    // A lane only stays in order if the clock never goes back.
    std::fprintf(stderr, "acd TimerQueue: timer due %lld set after one due later\n",
                 static_cast<long long>(due_ms));
    std::abort();
  }
  if (lane.size == lane.buf.size()) Grow(lane);
  const TimerRef ref{id, lane.head + lane.size};
  lane.at(ref.pos) = Timer{due_ms, next_seq_++, kind, target};
  lane.set_cancelled(ref.pos, false);
  ++lane.size;
  ++live_;
  if (lane.size == 1) HeapPush(id);
  return ref;
}

TimerRef TimerQueue::AddAt(TimeMs now_ms, TimeMs due_ms, TimerKind kind, uint32_t target) {
  return Restore(now_ms, Timer{due_ms, next_seq_, kind, target});
}

TimerRef TimerQueue::Restore(TimeMs now_ms, const Timer& timer) {
  const TimeMs due_ms = timer.due_ms;
  if (due_ms < now_ms) {
    std::fprintf(stderr, "acd TimerQueue: timer due %lld set at %lld\n",
                 static_cast<long long>(due_ms), static_cast<long long>(now_ms));
    std::abort();
  }
  uint32_t pos;
  if (!calendar_free_.empty()) {
    pos = calendar_free_.back();
    calendar_free_.pop_back();
  } else {
    pos = static_cast<uint32_t>(calendar_keys_.size());
    calendar_keys_.emplace_back();
  }
  const CalendarKey key{due_ms, timer.seq};
  next_seq_ = std::max(next_seq_, timer.seq + 1);
  calendar_keys_[pos] = key;
  calendar_.emplace(key, std::make_pair(timer, pos));
  ++live_;
  return TimerRef{kCalendarLane, pos};
}

std::vector<Timer> TimerQueue::Live() const {
  std::vector<Timer> out;
  out.reserve(live_);
  for (const Lane& lane : lanes_) {
    for (uint32_t i = 0; i < lane.size; ++i) {
      if (!lane.is_cancelled(lane.head + i)) out.push_back(lane.at(lane.head + i));
    }
  }
  for (const auto& [key, entry] : calendar_) out.push_back(entry.first);
  std::sort(out.begin(), out.end(), [](const Timer& x, const Timer& y) { return x.seq < y.seq; });
  return out;
}

void TimerQueue::FreeCalendarSlot(uint32_t pos) {
  calendar_keys_[pos] = CalendarKey{0, 0};
  calendar_free_.push_back(pos);
}

const Timer* TimerQueue::Find(const TimerRef& handle) const {
  if (handle.lane == kCalendarLane) {
    if (handle.pos >= calendar_keys_.size() || calendar_keys_[handle.pos].second == 0) return nullptr;
    auto it = calendar_.find(calendar_keys_[handle.pos]);
    return it == calendar_.end() ? nullptr : &it->second.first;
  }
  if (!handle.scheduled() || handle.lane >= lanes_.size()) return nullptr;
  const Lane& lane = lanes_[handle.lane];
  if (!lane.holds(handle.pos) || lane.is_cancelled(handle.pos)) return nullptr;
  return &lane.at(handle.pos);
}

// A non-empty handle names a scheduled timer (its owner clears it when the
// timer fires or is cancelled), so the entry itself need not be read.
void TimerQueue::Cancel(TimerRef& handle) {
  if (handle.lane == kCalendarLane) {
    if (calendar_keys_[handle.pos].second != 0 && calendar_.erase(calendar_keys_[handle.pos]) == 1) {
      --live_;
      FreeCalendarSlot(handle.pos);
    }
  } else if (handle.scheduled()) {
    Lane& lane = lanes_[handle.lane];
    if (lane.holds(handle.pos) && !lane.is_cancelled(handle.pos)) {
      lane.set_cancelled(handle.pos, true);  // skipped when it reaches the head
      --live_;
      if (handle.pos == lane.head) AfterHeadLeft(handle.lane);
    }
  }
  handle = TimerRef{};
}

std::optional<Timer> TimerQueue::PopDue(TimeMs time_ms) {
  const bool lane_first =
      !heap_.empty() && (calendar_.empty() || CalendarKey{heap_[0].due_ms, heap_[0].seq} <
                                                  calendar_.begin()->first);
  if (!lane_first && !calendar_.empty()) {
    auto it = calendar_.begin();
    if (it->first.first > time_ms) return std::nullopt;
    const auto [timer, pos] = it->second;
    calendar_.erase(it);
    --live_;
    FreeCalendarSlot(pos);  // the owner drops its handle as the timer fires
    return timer;
  }
  if (heap_.empty() || heap_[0].due_ms > time_ms) return std::nullopt;
  const uint32_t id = heap_[0].lane;
  Lane& lane = lanes_[id];
  const Timer timer = lane.at(lane.head);
  lane.set_cancelled(lane.head, true);  // gone; AfterHeadLeft drops it
  --live_;
  AfterHeadLeft(id);
  return timer;
}

std::optional<TimeMs> TimerQueue::NextDueMs() const {
  if (heap_.empty() && calendar_.empty()) return std::nullopt;
  if (heap_.empty()) return calendar_.begin()->first.first;
  if (calendar_.empty()) return heap_[0].due_ms;
  return std::min(heap_[0].due_ms, calendar_.begin()->first.first);
}

void TimerQueue::AfterHeadLeft(uint32_t id) {
  Lane& lane = lanes_[id];
  while (lane.size > 0 && lane.is_cancelled(lane.head)) {
    ++lane.head;
    --lane.size;
  }
  if (lane.size == 0) {
    HeapRemove(lane.heap_index);
    return;
  }
  const Timer& head = lane.at(lane.head);
  HeapSet(lane.heap_index, HeapItem{head.due_ms, head.seq, id});
  SiftDown(lane.heap_index);  // the new head is never earlier than the old one
}

// ---- the heap of lanes ----

void TimerQueue::HeapSet(size_t i, const HeapItem& item) {
  heap_[i] = item;
  lanes_[item.lane].heap_index = static_cast<uint32_t>(i);
}

void TimerQueue::HeapPush(uint32_t id) {
  const Timer& head = lanes_[id].at(lanes_[id].head);
  heap_.push_back(HeapItem{head.due_ms, head.seq, id});
  lanes_[id].heap_index = static_cast<uint32_t>(heap_.size() - 1);
  SiftUp(heap_.size() - 1);
}

void TimerQueue::HeapRemove(size_t i) {
  const HeapItem last = heap_.back();
  heap_.pop_back();
  if (i == heap_.size()) return;
  HeapSet(i, last);
  SiftUp(i);
  SiftDown(lanes_[last.lane].heap_index);
}

void TimerQueue::SiftUp(size_t i) {
  const HeapItem item = heap_[i];
  while (i > 0 && item < heap_[(i - 1) / 2]) {
    HeapSet(i, heap_[(i - 1) / 2]);
    i = (i - 1) / 2;
  }
  HeapSet(i, item);
}

void TimerQueue::SiftDown(size_t i) {
  const HeapItem item = heap_[i];
  while (true) {
    size_t child = 2 * i + 1;
    if (child >= heap_.size()) break;
    if (child + 1 < heap_.size() && heap_[child + 1] < heap_[child]) ++child;
    if (!(heap_[child] < item)) break;
    HeapSet(i, heap_[child]);
    i = child;
  }
  HeapSet(i, item);
}

}  // namespace acd::core
