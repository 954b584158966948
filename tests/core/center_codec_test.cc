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

TEST(CenterCodecTest, CutsAndTrailingBytesAreRefused) {
  const std::string bytes = EncodeCenter(CenterForSeed(7));
  for (size_t n = 0; n < bytes.size(); n += 3) {
    EXPECT_EQ(DecodeCenter(bytes.substr(0, n)).status().code(), absl::StatusCode::kDataLoss)
        << "cut at " << n;
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
}

}  // namespace
}  // namespace acd::testing
