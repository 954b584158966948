// The center's byte form (acd/center_codec.h): random valid centers (the
// fuzz's, with rules, entry rules, calendars, callbacks and skill
// expressions) round-trip through it, and every cut of it is refused.
#include <string>

#include "acd/center_codec.h"
#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

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

// Every cut is refused but one: the fields added after version 1 are
// written only when set, so a cut just before them is the same center
// without them (a valid, different center; the journal's checksums, not
// this layout, catch such damage).
TEST(CenterCodecTest, CutsAndTrailingBytesAreRefused) {
  const CenterConfig center = CenterForSeed(7);
  const std::string bytes = EncodeCenter(center);
  CenterConfig v1 = center;
  for (QueueConfig& q : v1.queues) q.join_empty = {};
  const size_t v1_size = EncodeCenter(v1).size();
  for (size_t n = 0; n < bytes.size(); n += 3) {
    absl::StatusOr<CenterConfig> cut = DecodeCenter(bytes.substr(0, n));
    if (n == v1_size && n < bytes.size()) {
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
  const CenterConfig center = CenterForSeed(3);
  CenterConfig other = center;
  other.queues[0].wait_weight += 0.5;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.agents[0].busy_delay_ms += 1;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.dedupe_window += 1;
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
  other = center;
  other.queues[0].join_empty.factors ^= kEmptyWrapUp;
  other.queues[0].join_empty.action = {OverflowKind::kVoicemail, 0, "box"};
  EXPECT_NE(CenterFingerprint(other), CenterFingerprint(center));
}

// A center without join_empty encodes as before it existed (its
// fingerprint, and so every snapshot taken under it, stays valid); one
// with it round-trips; non-canonical forms are refused.
TEST(CenterCodecTest, JoinEmptyIsWrittenOnlyWhenSet) {
  CenterConfig center = CenterForSeed(3);
  for (QueueConfig& q : center.queues) q.join_empty = {};
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

}  // namespace
}  // namespace acd::testing
