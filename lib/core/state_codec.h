// Encoders and decoders for the small values that the snapshot, the center
// fingerprint and the event codec share: enums, skill lists and skill
// expressions, on top of acd/bytes.h. Internal to lib/core.
//
// Thread-safety: free functions over the caller's writer or reader.
// Invariants: every Get* checks its value's range and fails the reader
// (naming the field set on it) rather than returning an out-of-range enum or
// a skill expression that is not in canonical form.
#ifndef ACD_LIB_CORE_STATE_CODEC_H_
#define ACD_LIB_CORE_STATE_CODEC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "acd/bytes.h"
#include "acd/center.h"
#include "acd/labels.h"
#include "acd/skill_expr.h"
#include "acd/types.h"

namespace acd::core {

template <typename Enum>
void PutEnum(ByteWriter& w, Enum value) {
  w.PutU8(static_cast<uint8_t>(value));
}

// An enum whose values run 0..last.
template <typename Enum>
Enum GetEnum(ByteReader& r, Enum last) {
  const uint8_t v = r.GetU8();
  if (v > static_cast<uint8_t>(last)) {
    r.Fail("an enum value is out of range");
    return Enum{};
  }
  return static_cast<Enum>(v);
}

// The center encoding's markers of fields added after version 1
// (center_codec_later.cc).
inline constexpr uint8_t kMarkerJoinEmpty = 1;
inline constexpr uint8_t kMarkerLabels = 2;
inline constexpr uint8_t kMarkerTimeoutPriority = 3;
inline constexpr uint8_t kMarkerLevels = 4;
// kMarkerLevels: a queue's level and delay-tier options, as flag bits.
inline constexpr uint8_t kLevelFirstBit = 1;
inline constexpr uint8_t kSkipEmptyDelaysBit = 2;
inline constexpr uint8_t kMarkerCountersSinceReady = 5;
inline constexpr uint8_t kMarkerLeaveFactors = 6;
inline constexpr uint8_t kMarkerLevelBounds = 7;
// 8: queues' order_by, agents' attributes.
inline constexpr uint8_t kMarkerOrderBy = 8;
inline constexpr uint8_t kMarkerAgentWrapUp = 9;
// 10: queues whose wrap-up keeps their agents from their own calls only.
inline constexpr uint8_t kMarkerWrapUpHereOnly = 10;
// 11: entry rules' wait credits.
inline constexpr uint8_t kMarkerEntryCredit = 11;
// 12: queues whose automatic pause (max_misses) is in that queue alone.
inline constexpr uint8_t kMarkerAutoPauseHereOnly = 12;
// 13: agents' all_skills_level (universal agents).
inline constexpr uint8_t kMarkerAllSkills = 13;
// 14: queues' media and agents' channels.
inline constexpr uint8_t kMarkerChannels = 14;
// 15: queues whose strategy counts their own calls only (counters_here_only).
inline constexpr uint8_t kMarkerCountersHereOnly = 15;
// 16: overflow rules' skill steps.
inline constexpr uint8_t kMarkerSkillSteps = 16;
// 17, 18: queues whose rules count from the call's arrival
// (rules_from_arrival), queues whose ring timeouts bring the next rule due
// (ring_timeout_moves_on).
inline constexpr uint8_t kMarkerRulesFromArrival = 17;
inline constexpr uint8_t kMarkerRingTimeoutMovesOn = 18;
// 19: recurring overflow rules (every_ms).
inline constexpr uint8_t kMarkerRecurringRules = 19;
// 20: queues whose callers keep the rules they entered with across a
// reload (keep_rules_at_entry).
inline constexpr uint8_t kMarkerKeepRulesAtEntry = 20;
// 21: queues' auto_pause_delay_ms (Asterisk's autopausedelay).
inline constexpr uint8_t kMarkerAutoPauseDelay = 21;
// 22, 23: queues where a busy line, an unavailable device, counts as a
// missed offer (auto_pause_busy, auto_pause_unavailable: Asterisk's
// autopausebusy, autopauseunavail).
inline constexpr uint8_t kMarkerAutoPauseBusy = 22;
inline constexpr uint8_t kMarkerAutoPauseUnavailable = 23;
// The highest marker written: every marker from 1 to it is a field.
inline constexpr uint8_t kMarkerLast = kMarkerAutoPauseUnavailable;

// The last value of each enum the formats carry (keep beside the enums'
// growth: a new value after these is refused by older readers, as it must be).
inline constexpr AgentState kLastAgentState = AgentState::kNotReady;
// Label ids (acd/labels.h): any id a center may give. The reader of an
// event does not know the center; the engine refuses an id its center does
// not declare, and a restore one the snapshot's center does not.
inline constexpr NotReadyReason kLastNotReadyReason = kMaxNotReadyReasonId;
static_assert(static_cast<int>(NotReadyReason::kNoAnswer) + 1 == kBuiltinNotReadyReasons);
inline constexpr CallState kLastCallState = CallState::kEnded;
inline constexpr Disposition kLastDisposition = Disposition::kConsult;
// The formats of version 1 (snapshots, event codec) knew dispositions up to this one.
inline constexpr Disposition kLastDispositionV1 = Disposition::kCallbackCancelled;
// The last disposition snapshots of versions 2 and 3 count (kConsult came in 4).
inline constexpr Disposition kLastDispositionV3 = Disposition::kOutbound;
inline constexpr Strategy kLastStrategy = Strategy::kBestSkillScore;
inline constexpr OverflowKind kLastOverflowKind = OverflowKind::kReject;
inline constexpr Intent kLastIntent = kMaxIntentId;  // a label id, as above
static_assert(static_cast<int>(Intent::kOther) + 1 == kBuiltinIntents);
inline constexpr DialOutcome kLastDialOutcome = DialOutcome::kInvalidNumber;
static_assert(static_cast<int>(kLastDisposition) + 1 == kDispositionCount);

inline void PutSkills(ByteWriter& w, const SkillLevel* begin, const SkillLevel* end) {
  w.PutVarint(static_cast<uint64_t>(end - begin));
  for (const SkillLevel* s = begin; s != end; ++s) {
    w.PutVarint(s->skill);
    w.PutSigned(s->level);
  }
}

template <typename Container>
void PutSkills(ByteWriter& w, const Container& skills) {
  PutSkills(w, skills.data(), skills.data() + skills.size());
}

// Appends the decoded skills to `out` (a vector or an InlinedVector).
template <typename Container>
void GetSkills(ByteReader& r, Container& out) {
  const uint64_t n = r.GetVarintAtMost(1u << 16);
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    SkillLevel s;
    s.skill = static_cast<SkillId>(r.GetVarintAtMost(UINT32_MAX));
    s.level = static_cast<int>(r.GetSigned());
    out.push_back(s);
  }
}

void PutSkillExpr(ByteWriter& w, const SkillExpr& expr);
void PutStrings(ByteWriter& w, const std::vector<std::string>& strings);
void PutAction(ByteWriter& w, const OverflowAction& a);
// An overflow rule's version-1 fields (the later ones are behind markers).
void PutRule(ByteWriter& w, const OverflowRule& r);
// The center's fields added after version 1, behind their markers
// (center_codec_later.cc).
void PutLaterFields(ByteWriter& w, const CenterConfig& center);
// Their readers (center_decode_later.cc): every marker after the version-1
// fields, in order, each at most once; fails the reader otherwise.
void GetLaterFields(ByteReader& r, CenterConfig& c);
OverflowAction GetAction(ByteReader& r);
OverflowRule GetRule(ByteReader& r);
std::vector<std::string> GetStrings(ByteReader& r);
// Rebuilds the expression from its conjunctions; fails the reader when they
// are not the canonical form they were written in.
SkillExpr GetSkillExpr(ByteReader& r);

// A 64-bit hash of bytes, stable across runs, processes and machines (it
// depends on nothing but the bytes): the state hash and the center
// fingerprint.
uint64_t StableHash64(std::string_view bytes, uint64_t seed);

// Every field of the center, in declaration order (center_codec.cc; the
// public face is acd/center_codec.h).
void EncodeCenter(const CenterConfig& center, ByteWriter& w);

}  // namespace acd::core

#endif  // ACD_LIB_CORE_STATE_CODEC_H_
