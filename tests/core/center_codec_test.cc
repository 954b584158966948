// The center's byte form (acd/center_codec.h): random valid centers (the
// fuzz's, with rules, entry rules, calendars, callbacks and skill
// expressions) round-trip through it, and every cut of it is refused.
#include <algorithm>
#include <iterator>
#include <string>

#include "acd/center_codec.h"
#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

// The center with its skill steps (the last marker, which their rules
// cannot do without) made set_min_level rules.
CenterConfig WithoutSkillSteps(CenterConfig center) {
  for (QueueConfig& q : center.queues) {
    for (OverflowRule& rule : q.rules) {
      if (!IsSkillStep(rule.action)) continue;
      rule.action = RuleActionKind::kSetMinLevel;
      rule.skill = 0;
    }
  }
  return center;
}

// The center without ring_timeout_moves_on (marker 18) and recurring rules
// (19, the last; tests/core/center_codec_rules_test.cc).
CenterConfig WithoutMovesOn(CenterConfig center) {
  for (QueueConfig& q : center.queues) {
    q.ring_timeout_moves_on = false;
    q.keep_rules_at_entry = false;
    q.auto_pause_delay_ms = 0;
    q.auto_pause_busy = false;
    q.auto_pause_unavailable = false;
    for (OverflowRule& rule : q.rules) rule.every_ms = 0;
  }
  return center;
}

// The center without rules_from_arrival (marker 17) and after.
CenterConfig WithoutRulesFromArrival(CenterConfig center) {
  center = WithoutMovesOn(std::move(center));
  for (QueueConfig& q : center.queues) q.rules_from_arrival = false;
  return center;
}

// The center without counters_here_only (marker 15) and after, but for
// skill steps' 16 (a center without skill steps has none to write).
CenterConfig WithoutCountersHereOnly(CenterConfig center) {
  center = WithoutRulesFromArrival(std::move(center));
  for (QueueConfig& q : center.queues) q.counters_here_only = false;
  return center;
}

// The center without channels (queues' media, agents' channels: marker 14)
// and after.
CenterConfig WithoutChannels(CenterConfig center) {
  center = WithoutCountersHereOnly(std::move(center));
  for (QueueConfig& q : center.queues) q.media = Media::kVoice;
  for (AgentConfig& a : center.agents) a.channels.clear();
  return center;
}

// The center without universal agents (all_skills_level, the marker before
// channels) and after.
CenterConfig WithoutAllSkills(CenterConfig center) {
  center = WithoutChannels(std::move(center));
  for (AgentConfig& a : center.agents) a.all_skills_level = 0;
  return center;
}

// The center without auto_pause_here_only (the marker before universal
// agents) and after.
CenterConfig WithoutAutoPauseHereOnly(CenterConfig center) {
  center = WithoutAllSkills(std::move(center));
  for (QueueConfig& q : center.queues) q.auto_pause_here_only = false;
  return center;
}

// The center without entry rules' wait credits (the marker before
// auto_pause_here_only) and after.
CenterConfig WithoutEntryCredits(CenterConfig center) {
  center = WithoutAutoPauseHereOnly(std::move(center));
  for (EntryRule& e : center.entry_rules) e.wait_credit_ms = 0;
  return center;
}

// The center without wrapup_here_only (the marker before entry credits) and
// after.
CenterConfig WithoutWrapUpHereOnly(CenterConfig center) {
  center = WithoutEntryCredits(std::move(center));
  for (QueueConfig& q : center.queues) q.wrapup_here_only = false;
  return center;
}

// The center without agents' own wrap-ups (the marker before it) and after.
CenterConfig WithoutAgentWrapUp(CenterConfig center) {
  center = WithoutWrapUpHereOnly(std::move(center));
  for (AgentConfig& a : center.agents) a.wrapup_ms.reset();
  return center;
}

// The center without order_by and attributes, and the markers after them:
// the tests of the markers before look at the encoding's end.
CenterConfig WithoutOrderBy(CenterConfig center) {
  center = WithoutAgentWrapUp(std::move(center));
  for (QueueConfig& q : center.queues) {
    q.order_by.clear();
    q.order_descending = false;
  }
  for (AgentConfig& a : center.agents) a.attributes.clear();
  return center;
}

TEST(CenterCodecTest, GeneratedCentersRoundTrip) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const CenterConfig center = CenterForSeed(seed);
    const std::string bytes = EncodeCenter(center);
    absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
    ASSERT_TRUE(back.ok()) << "seed " << seed << ": " << back.status();
    EXPECT_EQ(EncodeCenter(*back), bytes) << "seed " << seed;
    EXPECT_EQ(CenterFingerprint(*back), CenterFingerprint(center));
    EXPECT_TRUE(ValidateCenter(*back).ok()) << "seed " << seed;
  }
}

// Every cut is refused but those between the fields added after version 1:
// each is written only when set, so a cut just before one is the same center
// without it and those after (a valid, different center; the journal's
// checksums, not this layout, catch such damage).
TEST(CenterCodecTest, CutsAndTrailingBytesAreRefused) {
  const CenterConfig center = WithoutSkillSteps(CenterForSeed(7));
  const std::string bytes = EncodeCenter(center);
  const CenterConfig no_order = WithoutOrderBy(center);
  CenterConfig no_leave = no_order;
  for (QueueConfig& q : no_leave.queues) q.leave_when_empty.factors = 0;
  CenterConfig no_since = no_leave;
  for (QueueConfig& q : no_since.queues) q.counters_since_ready = false;
  CenterConfig no_levels = no_since;
  for (QueueConfig& q : no_levels.queues) {
    q.level_first = false;
    q.ignore_levels_up_to_members = 0;
    q.skip_empty_delays = false;
  }
  CenterConfig no_cuts = no_levels;
  for (QueueConfig& q : no_cuts.queues) q.max_wait_cuts_ring = false;
  CenterConfig v1 = no_cuts;
  for (QueueConfig& q : v1.queues) q.join_empty = {};
  const size_t valid_cuts[] = {EncodeCenter(v1).size(),        EncodeCenter(no_cuts).size(),
                               EncodeCenter(no_levels).size(), EncodeCenter(no_since).size(),
                               EncodeCenter(no_leave).size(),  EncodeCenter(no_order).size(),
                               EncodeCenter(WithoutAgentWrapUp(center)).size(),
                               EncodeCenter(WithoutWrapUpHereOnly(center)).size(),
                               EncodeCenter(WithoutEntryCredits(center)).size(),
                               EncodeCenter(WithoutAutoPauseHereOnly(center)).size(),
                               EncodeCenter(WithoutAllSkills(center)).size(),
                               EncodeCenter(WithoutChannels(center)).size(),
                               EncodeCenter(WithoutCountersHereOnly(center)).size(),
                               EncodeCenter(WithoutRulesFromArrival(center)).size(),
                               EncodeCenter(WithoutMovesOn(center)).size()};
  for (size_t n = 0; n < bytes.size(); n += 3) {
    absl::StatusOr<CenterConfig> cut = DecodeCenter(bytes.substr(0, n));
    if (std::find(std::begin(valid_cuts), std::end(valid_cuts), n) != std::end(valid_cuts)) {
      ASSERT_TRUE(cut.ok()) << cut.status();
      EXPECT_NE(CenterFingerprint(*cut), CenterFingerprint(center));
      continue;
    }
    EXPECT_EQ(cut.status().code(), absl::StatusCode::kDataLoss) << "cut at " << n;
  }
  absl::StatusOr<CenterConfig> longer = DecodeCenter(bytes + "z");
  EXPECT_EQ(longer.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(longer.status().message().find("end of the center"), std::string::npos);
}

TEST(CenterCodecTest, AnyFieldChangesTheFingerprint) {
  const CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  CenterConfig other = center;
  other.queues[0].wait_weight += 0.5;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.agents[0].busy_delay_ms += 1;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.agents[0].wrapup_ms = 0;  // its own: none, whatever the queue's
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  {
    absl::StatusOr<CenterConfig> back = DecodeCenter(EncodeCenter(other));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->agents[0].wrapup_ms, std::optional<TimeMs>(0));
    EXPECT_FALSE(back->agents.size() > 1 && back->agents[1].wrapup_ms.has_value());
  }
  other = center;
  other.dedupe_window += 1;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.queues[0].join_empty.factors ^= kEmptyWrapUp;
  other.queues[0].join_empty.action = {OverflowKind::kVoicemail, 0, "box"};
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  for (QueueConfig& q : other.queues) {
    if (q.max_wait_ms > 0) q.max_wait_cuts_ring = !q.max_wait_cuts_ring;
  }
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.queues[0].level_first = !other.queues[0].level_first;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.queues[0].ignore_levels_up_to_members += 1;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.queues[0].skip_empty_delays = !other.queues[0].skip_empty_delays;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.queues[0].leave_when_empty = {EmptyCondition::kNever,
                                      {OverflowKind::kVoicemail, 0, "box"},
                                      static_cast<uint8_t>(kEmptyPaused | kEmptyRinging)};
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other.queues[0].strategy = Strategy::kLeastCalls;
  CenterConfig since = other;
  since.queues[0].counters_since_ready = !other.queues[0].counters_since_ready;
  EXPECT_NE(CenterFingerprint(since), CenterFingerprint(other));
  other = center;
  other.agents[0].attributes.push_back({"zz", 1});
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other.agents[0].attributes.back().value = 2;
  CenterConfig valued = other;
  other.agents[0].attributes.back().value = 1;
  EXPECT_NE(CenterFingerprint(valued), CenterFingerprint(other));
}

// leave_when_empty's factors likewise: written only when some queue has them.
TEST(CenterCodecTest, LeaveFactorsAreWrittenOnlyWhenSet) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  for (QueueConfig& q : center.queues) q.leave_when_empty = {};
  QueueConfig& last = center.queues.back();
  last.leave_when_empty.action = {OverflowKind::kVoicemail, 0, "box"};
  const std::string plain = EncodeCenter(center);
  last.leave_when_empty.factors = kEmptyPenalty | kEmptyInUse;
  const std::string bytes = EncodeCenter(center);
  ASSERT_EQ(bytes.size(), plain.size() + 4);  // marker, count, queue index, factors
  EXPECT_EQ(bytes.substr(0, plain.size()), plain);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().leave_when_empty.factors, kEmptyPenalty | kEmptyInUse);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  std::string zero = bytes;
  zero.back() = '\0';  // a queue written without factors
  EXPECT_EQ(DecodeCenter(zero).status().code(), absl::StatusCode::kDataLoss);
}

// set_level_bounds rules: the action is in the rule, the three changes
// behind kMarkerLevelBounds, written only when some queue has such a rule;
// a cut before the marker, or a change altered, is not the same center.
TEST(CenterCodecTest, LevelBoundsAreWrittenOnlyWhenSomeRuleSetsThem) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  for (QueueConfig& q : center.queues) {
    std::erase_if(q.rules, [](const OverflowRule& r) {
      return r.action == RuleActionKind::kSetLevelBounds;
    });
  }
  const std::string plain = EncodeCenter(center);
  OverflowRule rule;
  rule.name = "penaltychange";
  rule.after_ms = 30'000;
  rule.action = RuleActionKind::kSetLevelBounds;
  rule.bounds = {{true, -3}, {false, 5}, {true, 0}};
  center.queues.back().rules.push_back(rule);
  const std::string bytes = EncodeCenter(center);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().rules.back().bounds, rule.bounds);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  // The marker and its bytes at the end: without them the rule has no changes.
  const size_t marker_bytes = 1 + 1 + 1 + 3 * 2;  // marker, count, queue, 3 x (flag, value)
  EXPECT_EQ(DecodeCenter(bytes.substr(0, bytes.size() - marker_bytes)).status().code(),
            absl::StatusCode::kDataLoss);
  CenterConfig other = center;
  other.queues.back().rules.back().bounds.level_cap = {false, 7};
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
}

// require_skill / drop_skill rules: the action (and require_skill's level)
// in the rule, the skill behind kMarkerSkillSteps, written only when some
// queue has such a rule; a cut before the marker, or another skill, is not
// the same center.
TEST(CenterCodecTest, SkillStepsAreWrittenOnlyWhenSomeRuleTakesThem) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  if (center.skills.size() < 2) center.skills = {"a", "b"};
  for (QueueConfig& q : center.queues) {
    std::erase_if(q.rules, [](const OverflowRule& r) { return IsSkillStep(r.action); });
  }
  const std::string plain = EncodeCenter(center);
  OverflowRule rule;
  rule.name = "step";
  rule.after_ms = 30'000;
  rule.action = RuleActionKind::kRequireSkill;
  rule.skill = 1;
  rule.level = 4;
  center.queues.back().rules.push_back(rule);
  const std::string bytes = EncodeCenter(center);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  const OverflowRule& got = back->queues.back().rules.back();
  EXPECT_EQ(got.action, RuleActionKind::kRequireSkill);
  EXPECT_EQ(got.skill, SkillId{1});
  EXPECT_EQ(got.level, 4);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  const size_t marker_bytes = 1 + 1 + 1 + 1;  // marker, count, queue, skill (all < 128)
  EXPECT_EQ(bytes.substr(bytes.size() - marker_bytes, 1), std::string(1, '\x10'));
  EXPECT_EQ(DecodeCenter(bytes.substr(0, bytes.size() - marker_bytes)).status().code(),
            absl::StatusCode::kDataLoss);
  CenterConfig other = center;
  other.queues.back().rules.back().skill = 0;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other.queues.back().rules.back().action = RuleActionKind::kDropSkill;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
}

// A queue option written behind `marker` only when some queue sets it:
// `center` (no queue setting it) encodes as before the option existed, and
// with its last queue setting it (`flag`) three bytes longer; it decodes
// back; the marker with no queue is refused.
void ExpectQueueFlagWrittenOnlyWhenSet(CenterConfig center, bool QueueConfig::*flag,
                                       char marker) {
  const std::string plain = EncodeCenter(center);
  center.queues.back().*flag = true;
  const std::string bytes = EncodeCenter(center);
  ASSERT_EQ(bytes.size(), plain.size() + 3);  // marker, count, queue index (all < 128)
  EXPECT_EQ(bytes.substr(0, plain.size()), plain);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->queues.back().*flag);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  const std::string none = plain + std::string{marker, '\0'};
  EXPECT_EQ(DecodeCenter(none).status().code(), absl::StatusCode::kDataLoss);
}

// counters_since_ready (FreeSWITCH's counts since the agent became ready).
TEST(CenterCodecTest, CountersSinceReadyIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  for (QueueConfig& q : center.queues) {
    q.counters_since_ready = false;
    q.leave_when_empty.factors = 0;  // a later marker
  }
  center.queues.back().strategy = Strategy::kLeastTalkTime;
  center.queues.back().skill_weights.clear();
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::counters_since_ready, '\x05');
}

// wrapup_here_only (Asterisk's shared_lastcall = no), marker 10, the last.
TEST(CenterCodecTest, WrapUpHereOnlyIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutEntryCredits(CenterForSeed(3));
  for (QueueConfig& q : center.queues) q.wrapup_here_only = false;
  center.queues.back().wrapup_ms = 10'000;
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::wrapup_here_only, '\x0a');
}

// auto_pause_here_only (Asterisk's autopause = yes), marker 12, before
// universal agents; it sets the center's fingerprint apart.
TEST(CenterCodecTest, AutoPauseHereOnlyIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutAllSkills(WithoutSkillSteps(CenterForSeed(3)));
  for (QueueConfig& q : center.queues) q.auto_pause_here_only = false;
  center.queues.back().max_misses = 2;
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::auto_pause_here_only, '\x0c');
  CenterConfig here = center;
  here.queues.back().auto_pause_here_only = true;
  EXPECT_NE(CenterFingerprint(here), CenterFingerprint(center));
}

// counters_here_only (Asterisk's shared_lastcall = no, the counters' half),
// marker 15, before skill steps; a marker past the last (24) is refused.
TEST(CenterCodecTest, CountersHereOnlyIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutCountersHereOnly(WithoutSkillSteps(CenterForSeed(3)));
  for (QueueConfig& q : center.queues) q.counters_since_ready = false;
  center.queues.back().strategy = Strategy::kLongestIdle;
  center.queues.back().skill_weights.clear();
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::counters_here_only, '\x0f');
  const std::string unknown = EncodeCenter(center) + std::string{"\x18\x01\x00", 3};
  EXPECT_EQ(DecodeCenter(unknown).status().code(), absl::StatusCode::kDataLoss);
}

// TaskRouter's workflow timing: rules_from_arrival (marker 17) and
// ring_timeout_moves_on (18) on a queue with a rule.
TEST(CenterCodecTest, WorkflowTimingIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutRulesFromArrival(WithoutSkillSteps(CenterForSeed(3)));
  OverflowRule rule;
  rule.after_ms = 10'000;
  rule.route.kind = OverflowKind::kVoicemail;
  rule.route.target = "mailbox";
  if (center.queues.back().rules.empty()) center.queues.back().rules.push_back(rule);
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::ring_timeout_moves_on, '\x12');
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::rules_from_arrival, '\x11');
  CenterConfig timed = center;
  timed.queues.back().rules_from_arrival = true;
  EXPECT_NE(CenterFingerprint(timed), CenterFingerprint(center));
  CenterConfig moving = center;
  moving.queues.back().ring_timeout_moves_on = true;
  EXPECT_NE(CenterFingerprint(moving), CenterFingerprint(center));
  EXPECT_NE(CenterFingerprint(moving), CenterFingerprint(timed));
}

// Asterisk's timeoutpriority (max_wait_cuts_ring) likewise.
TEST(CenterCodecTest, CutsRingIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  for (QueueConfig& q : center.queues) {
    q.max_wait_cuts_ring = false;
    q.level_first = false;
    q.ignore_levels_up_to_members = 0;
    q.skip_empty_delays = false;
    q.counters_since_ready = false;
    q.leave_when_empty.factors = 0;
  }
  center.queues.back().max_wait_ms = 30'000;
  center.queues.back().on_max_wait = {OverflowKind::kVoicemail, 0, "box"};
  ExpectQueueFlagWrittenOnlyWhenSet(center, &QueueConfig::max_wait_cuts_ring, '\x03');
}

// The level options (level_first, ignore_levels_up_to_members) likewise:
// a center that sets neither encodes as before they existed; one that does
// round-trips, and a queue written with neither, or an unknown flag, is
// refused.
TEST(CenterCodecTest, LevelOptionsAreWrittenOnlyWhenSet) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  for (QueueConfig& q : center.queues) {
    q.level_first = false;
    q.ignore_levels_up_to_members = 0;
    q.skip_empty_delays = false;
    q.counters_since_ready = false;  // later markers
    q.leave_when_empty.factors = 0;
  }
  const std::string plain = EncodeCenter(center);
  center.queues.back().level_first = true;
  center.queues.back().ignore_levels_up_to_members = 5;
  const std::string bytes = EncodeCenter(center);
  // marker, count, queue index, flags, limit (all < 128)
  ASSERT_EQ(bytes.size(), plain.size() + 5);
  EXPECT_EQ(bytes.substr(0, plain.size()), plain);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->queues.back().level_first);
  EXPECT_EQ(back->queues.back().ignore_levels_up_to_members, 5u);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  const std::string index(1, static_cast<char>(center.queues.size() - 1));
  const std::string none = plain + std::string{"\x04\x01", 2} + index + std::string{"\x00\x00", 2};
  EXPECT_EQ(DecodeCenter(none).status().code(), absl::StatusCode::kDataLoss);
  const std::string unknown = plain + std::string{"\x04\x01", 2} + index + std::string{"\x04\x00", 2};
  EXPECT_EQ(DecodeCenter(unknown).status().code(), absl::StatusCode::kDataLoss);
  // After the timeout-priority marker, in marker order.
  center.queues.back().max_wait_ms = 30'000;
  center.queues.back().on_max_wait = {OverflowKind::kVoicemail, 0, "box"};
  center.queues.back().max_wait_cuts_ring = true;
  absl::StatusOr<CenterConfig> both = DecodeCenter(EncodeCenter(center));
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_TRUE(both->queues.back().max_wait_cuts_ring);
  EXPECT_TRUE(both->queues.back().level_first);
  // skip_empty_delays alone, as the second flag.
  center.queues.back().level_first = false;
  center.queues.back().ignore_levels_up_to_members = 0;
  center.queues.back().skip_empty_delays = true;
  absl::StatusOr<CenterConfig> skip = DecodeCenter(EncodeCenter(center));
  ASSERT_TRUE(skip.ok()) << skip.status();
  EXPECT_TRUE(skip->queues.back().skip_empty_delays);
  EXPECT_FALSE(skip->queues.back().level_first);
  EXPECT_EQ(EncodeCenter(*skip), EncodeCenter(center));
}

// A center without join_empty encodes as before it existed (its
// fingerprint, and so every snapshot taken under it, stays valid); one
// with it round-trips; non-canonical forms are refused.
TEST(CenterCodecTest, JoinEmptyIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  for (QueueConfig& q : center.queues) {
    q.join_empty = {};
    q.max_wait_cuts_ring = false;  // later markers would follow join_empty's
    q.level_first = false;
    q.ignore_levels_up_to_members = 0;
    q.skip_empty_delays = false;
    q.counters_since_ready = false;
    q.leave_when_empty.factors = 0;
  }
  const std::string before = EncodeCenter(center);
  center.queues.back().join_empty = {kEmptyPaused | kEmptyPenalty, {OverflowKind::kVoicemail, 0, "box"}};
  const std::string bytes = EncodeCenter(center);
  ASSERT_GT(bytes.size(), before.size());
  EXPECT_EQ(bytes.substr(0, before.size()), before);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().join_empty.factors, kEmptyPaused | kEmptyPenalty);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  std::string zero_factors = bytes;
  const size_t factors_at = before.size() + 3;  // marker, count, queue index (all < 128)
  ASSERT_LT(center.queues.size(), 128u);
  zero_factors[factors_at] = 0;
  EXPECT_EQ(DecodeCenter(zero_factors).status().code(), absl::StatusCode::kDataLoss);
}

// TaskRouter's order_by and the agents' attributes (kMarkerOrderBy): a
// center with neither encodes as before they existed; one with either
// round-trips; an empty marker, an empty attribute list or an empty name
// is refused.
TEST(CenterCodecTest, OrderByIsWrittenOnlyWhenSet) {
  CenterConfig center = WithoutOrderBy(CenterForSeed(3));
  const std::string plain = EncodeCenter(center);
  const uint64_t plain_print = CenterFingerprint(center);
  center.agents.front().attributes = {{"english", -3}, {"seniority", 7}};
  const std::string agents_only = EncodeCenter(center);
  // marker, no queue, one agent: index 0, 2 attributes, each name and value
  const std::string written = std::string{"\x08\x00\x01\x00\x02", 5} + "\x07" "english" "\x05" +
                              "\x09seniority\x0e";
  EXPECT_EQ(agents_only, plain + written);
  center.queues.back().order_by = "seniority";
  center.queues.back().order_descending = true;
  const std::string bytes = EncodeCenter(center);
  EXPECT_EQ(bytes.substr(0, plain.size()), plain);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().order_by, "seniority");
  EXPECT_TRUE(back->queues.back().order_descending);
  EXPECT_EQ(back->agents.front().attributes, center.agents.front().attributes);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  EXPECT_NE(CenterFingerprint(*back), plain_print);

  const std::string empty = plain + std::string{"\x08\x00\x00", 3};
  EXPECT_EQ(DecodeCenter(empty).status().code(), absl::StatusCode::kDataLoss);
  const std::string no_attributes = plain + std::string{"\x08\x00\x01\x00\x00", 5};
  EXPECT_EQ(DecodeCenter(no_attributes).status().code(), absl::StatusCode::kDataLoss);
  const std::string queue_index(1, static_cast<char>(center.queues.size() - 1));
  const std::string no_name = plain + std::string{"\x08\x01", 2} + queue_index +
                              std::string{"\x00\x00\x00", 3};
  EXPECT_EQ(DecodeCenter(no_name).status().code(), absl::StatusCode::kDataLoss);
}

// Universal agents (all_skills_level, marker 13): a center without them
// encodes, and so fingerprints, as before the option existed; one with them
// round-trips and fingerprints apart; a level outside 1..10 is refused.
TEST(CenterCodecTest, AllSkillsIsWrittenOnlyWhenSet) {
  const CenterConfig center = WithoutAllSkills(CenterForSeed(3));
  const std::string plain = EncodeCenter(center);
  CenterConfig universal = center;
  universal.agents.back().all_skills_level = 7;
  const std::string bytes = EncodeCenter(universal);
  const std::string index(1, static_cast<char>(center.agents.size() - 1));
  ASSERT_LT(center.agents.size(), 128u);
  const std::string written = std::string{"\x0d\x01", 2} + index + "\x07";  // marker, count, agent, level
  EXPECT_EQ(bytes, plain + written);
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->agents.back().all_skills_level, 7);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  EXPECT_NE(CenterFingerprint(universal), CenterFingerprint(center));
  CenterConfig lower = universal;
  lower.agents.back().all_skills_level = 6;
  EXPECT_NE(CenterFingerprint(lower), CenterFingerprint(universal));
  for (const char level : {'\x00', '\x0b'}) {  // off is not written; 11 is no level
    const std::string bad = plain + std::string{"\x0d\x01", 2} + index + std::string(1, level);
    EXPECT_EQ(DecodeCenter(bad).status().code(), absl::StatusCode::kDataLoss);
  }
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x0d\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss);
  // 22 is no field (yet): refused like any unknown marker; so is 23.
  for (const char marker : {'\x16', '\x17'}) {
    EXPECT_EQ(DecodeCenter(plain + std::string{marker, '\0'}).status().code(),
              absl::StatusCode::kDataLoss);
  }
}

}  // namespace
}  // namespace acd::testing
