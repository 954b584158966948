// Reading an engine snapshot, second half: the timers and the remembered
// windows, then rebuilding every derived structure, and the Restore entry
// point that runs the whole and proves the result (invariants hold, and the
// restored engine encodes back to the very bytes it was read from).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"
#include "core/engine_snapshot.h"
#include "core/snapshot_format.h"
#include "core/state_codec.h"

namespace acd::core {
namespace {

constexpr TimerKind kLastTimerKind = TimerKind::kCallbackExpiry;

bool IsAgentTimer(TimerKind kind) {
  return kind == TimerKind::kWrapUpEnd || kind == TimerKind::kAgentRest;
}

}  // namespace

TimerRef* SnapshotReader::TimerSlotFor(TimerKind kind, uint32_t target) {
  if (IsAgentTimer(kind)) {
    if (target >= e_.agents_.size()) return nullptr;
    Agent& a = e_.agents_[target];
    return kind == TimerKind::kWrapUpEnd ? &a.wrapup_timer : &a.rest_timer;
  }
  if (target >= e_.calls_.size() || e_.calls_[target].id == 0) return nullptr;
  Call& c = e_.calls_[target];
  switch (kind) {
    case TimerKind::kRingTimeout: return &c.ring_timer;
    case TimerKind::kProgress: return &c.progress_timer;
    case TimerKind::kOwnerWindow: return &c.owner_timer;
    case TimerKind::kMaxWait: return &c.max_wait_timer;
    case TimerKind::kStage: return &c.stage_timer;
    case TimerKind::kRule: return &c.rule_timer;
    case TimerKind::kAnnounce: return &c.announce_timer;
    case TimerKind::kCallbackHold:
    case TimerKind::kCallbackExpiry: {
      auto it = e_.callbacks_.find(target);
      if (it == e_.callbacks_.end()) return nullptr;
      return kind == TimerKind::kCallbackHold ? &it->second.hold_timer : &it->second.expiry_timer;
    }
    case TimerKind::kWrapUpEnd:
    case TimerKind::kAgentRest: break;
  }
  return nullptr;
}

void SnapshotReader::DecodeTimers(ByteReader& r) {
  snapshot::ExpectSection(r, snapshot::kTimers);
  r.set_field("timers");
  const uint64_t next_seq = r.GetVarint();
  const uint64_t count = r.GetVarintAtMost(r.remaining());
  uint64_t last_seq = 0;
  for (uint64_t i = 0; i < count && r.ok(); ++i) {
    Timer t;
    t.due_ms = r.GetSigned();
    t.seq = r.GetVarint();
    t.kind = GetEnum(r, kLastTimerKind);
    t.target = static_cast<uint32_t>(r.GetVarintAtMost(UINT32_MAX));
    if (!r.ok()) return;
    if (t.seq <= last_seq || t.seq >= next_seq) r.Fail("timers are not in sequence order");
    if (t.due_ms < e_.now_ms_) r.Fail("a timer is due before the engine's time");
    TimerRef* ref = TimerSlotFor(t.kind, t.target);
    if (ref == nullptr || ref->scheduled()) r.Fail("a timer has no owner, or its owner two");
    if (!r.ok()) return;
    *ref = e_.timers_.Restore(e_.now_ms_, t);
    last_seq = t.seq;
  }
  e_.timers_.ReserveSeqsBelow(next_seq);
}

void SnapshotReader::DecodeMemory(ByteReader& r, uint64_t version) {
  snapshot::ExpectSection(r, snapshot::kMemory);
  r.set_field("memory.ended_calls");
  const uint64_t ended = r.GetVarintAtMost(e_.ended_calls_.capacity());
  for (uint64_t i = 0; i < ended && r.ok(); ++i) {
    const uint64_t id = r.GetVarint();
    const Disposition d = GetEnum(r, kLastDisposition);
    if (r.ok() && (id == 0 || e_.ended_calls_.Contains(id))) r.Fail("an ended call id repeats");
    if (r.ok()) e_.ended_calls_.Insert(id, d);
  }
  r.set_field("memory.seen_events");
  const uint64_t seen = r.GetVarintAtMost(e_.seen_events_.capacity());
  for (uint64_t i = 0; i < seen && r.ok(); ++i) {
    const uint64_t id = r.GetVarint();
    if (r.ok() && (id == 0 || e_.seen_events_.Contains(id))) r.Fail("an event id repeats");
    if (r.ok()) e_.seen_events_.Insert(id, true);
  }
  DecodeCaptures(r, version);
  r.set_field("memory.left_places");
  const uint64_t places = r.GetVarintAtMost(r.remaining());
  for (uint64_t i = 0; i < places && r.ok(); ++i) {
    std::string ani = r.GetString();
    LeftPlace place;
    place.queue = static_cast<QueueId>(r.GetVarintAtMost(e_.queues_.size() - 1));
    place.seq = r.GetVarint();
    place.line_ms = r.GetSigned();
    place.until_ms = r.GetSigned();
    if (r.ok() && !e_.left_places_.emplace(std::move(ani), place).second) r.Fail("an ANI repeats");
  }
  const uint64_t expiry = r.GetVarintAtMost(r.remaining());
  for (uint64_t i = 0; i < expiry && r.ok(); ++i) {
    const TimeMs t = r.GetSigned();
    e_.left_expiry_.emplace_back(t, r.GetString());
  }
  snapshot::ExpectSection(r, snapshot::kEnd);
}

void SnapshotReader::DecodeCaptures(ByteReader& r, uint64_t version) {
  r.set_field("memory.captures");
  const uint64_t captures = r.GetVarintAtMost(r.remaining());
  for (uint64_t i = 0; i < captures && r.ok(); ++i) {
    const CallId id = r.GetVarint();
    Capture cap;
    cap.wait_queue = static_cast<QueueId>(r.GetVarintAtMost(e_.queues_.size() - 1));
    cap.policy_queue = static_cast<QueueId>(r.GetVarintAtMost(e_.queues_.size() - 1));
    cap.enabled = r.GetBool();
    cap.callback = r.GetVarint();
    cap.priority = static_cast<int>(r.GetSigned());
    cap.min_level = static_cast<int>(r.GetSigned());
    cap.extra = GetSkillExpr(r);
    cap.seq = r.GetVarint();
    cap.line_ms = r.GetSigned();
    cap.until_ms = r.GetSigned();
    if (version >= 6) {  // the upper level bounds (open before)
      cap.max_level = static_cast<int>(r.GetSigned());
      cap.level_cap = static_cast<int>(r.GetSigned());
    }
    if (cap.min_level < kMinLevel || cap.min_level > kMaxLevel ||
        cap.priority < -kMaxPriority || cap.priority > kMaxPriority ||
        !LevelBoundsHold(cap.min_level, cap.max_level, cap.level_cap)) {
      r.Fail("a capture's level or priority is out of range");
    }
    if (r.ok() && !e_.captures_.emplace(id, std::move(cap)).second) r.Fail("a capture repeats");
  }
  const uint64_t expiry = r.GetVarintAtMost(r.remaining());
  for (uint64_t i = 0; i < expiry && r.ok(); ++i) {
    const TimeMs t = r.GetSigned();
    e_.capture_expiry_.emplace_back(t, r.GetVarint());
  }
}

// Everything derived from the records just read, in the order a reload
// builds it: membership caches, queue counters, waiting calls, then the
// available agents with the keys they were filed under.
bool SnapshotReader::RebuildAfterRestore(const std::vector<AgentKeys>& keys) {
  for (Agent& a : e_.agents_) {
    e_.CacheMemberships(a);
    for (const AgentMembership& m : a.memberships) {
      QueueState& q = e_.queues_[m.queue];
      q.logged_in += a.presence != Presence::kLoggedOut;
      q.class_logged_in[m.delay_class] += a.presence != Presence::kLoggedOut;
      q.working += a.presence == Presence::kReady;
    }
  }
  std::vector<uint32_t> slots;
  for (const auto& [id, slot] : e_.live_calls_) slots.push_back(slot);
  std::sort(slots.begin(), slots.end());
  for (uint32_t slot : slots) {
    Call& c = e_.calls_[slot];
    if (!c.queued) continue;
    QueueState& q = e_.queues_[c.queue];
    if (c.callback) ++q.callbacks_pending;
    if (c.state == CallState::kOffered) ++q.ringing;
    if (c.state == CallState::kTalking || c.state == CallState::kDialing) ++q.talking;
    if (c.state == CallState::kWaiting && !c.held) e_.InsertWaiting(slot);
  }
  for (uint32_t slot = 0; slot < e_.agents_.size(); ++slot) {
    Agent& a = e_.agents_[slot];
    if (!a.filed) continue;
    a.filed = false;
    if (!Available(a)) return false;
    for (size_t i = 0; i < a.memberships.size(); ++i) {
      if (e_.Serves(a, a.memberships[i]) != keys[slot][i].has_value()) return false;
    }
    e_.IndexAgent(slot, &keys[slot]);
  }
  e_.RecountJoins();
  e_.RebuildLatestLines();
  return true;
}

absl::Status SnapshotReader::Read(ByteReader& r, uint64_t version) {
  std::vector<AgentKeys> keys;
  DecodeClock(r, version);
  if (r.ok()) DecodeQueues(r);
  if (r.ok()) DecodeAgents(r, keys, version);
  if (r.ok() && version >= 12) DecodeBooks(r);
  if (r.ok()) DecodeCalls(r, version);
  if (r.ok()) DecodeTimers(r);
  if (r.ok()) DecodeMemory(r, version);
  if (r.ok() && !r.at_end()) r.Fail("bytes follow the end of the snapshot");
  if (!r.ok()) return r.status();
  if (!RebuildAfterRestore(keys)) {
    return absl::DataLossError("snapshot: an agent is filed as available but cannot be");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<EngineImpl>> EngineImpl::Restore(const CenterConfig& center,
                                                                std::string_view bytes,
                                                                CommandSink* sink,
                                                                EngineOptions options) {
  auto engine = std::make_unique<EngineImpl>(center, sink, options);
  ByteReader r(bytes);
  r.set_field("snapshot header");
  if (r.GetFixed32() != snapshot::kMagic) r.Fail("not an engine snapshot (bad magic)");
  const uint64_t version = r.GetVarint();
  if (r.ok() && (version == 0 || version > snapshot::kVersion)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "snapshot: version ", version, " is newer than this build reads (", snapshot::kVersion, ")"));
  }
  const uint64_t fingerprint = r.GetFixed64();
  if (!r.ok()) return r.status();
  if (fingerprint != engine->center_fingerprint_) {
    return absl::FailedPreconditionError(
        "snapshot: taken under another center configuration; restore it with the center it "
        "was taken under (a reload afterwards applies a changed file)");
  }
  if (absl::Status s = SnapshotReader(*engine).Read(r, version); !s.ok()) return s;
  if (absl::Status s = engine->CheckLinearInvariants(); !s.ok()) {
    return absl::DataLossError(absl::StrCat("snapshot: the restored state is inconsistent: ",
                                            s.message()));
  }
  if (version == snapshot::kVersion && engine->Snapshot() != bytes) {
    return absl::DataLossError("snapshot: the restored state does not encode back to the snapshot");
  }
  return engine;
}

}  // namespace acd::core
