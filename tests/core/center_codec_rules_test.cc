// The center byte form's recurring rules (marker 19), kept rules (20),
// automatic pause delays (21) and counted lines (22, 23, the last):
// every_ms is written only for the queues with a recurring rule, each
// other field only for the queues that set it, so a center without them
// encodes and fingerprints as before; with one it round-trips and
// fingerprints apart; an empty list is refused.
#include <string>

#include "acd/center_codec.h"
#include "gtest/gtest.h"
#include "tests/core/sim_driver.h"

namespace acd::testing {
namespace {

// A fuzz center without recurring or kept rules, automatic pause delays or
// counted lines, its last queue given one more rule (due once, at 10 s).
CenterConfig CenterWithARule() {
  CenterConfig center = CenterForSeed(3);
  for (QueueConfig& q : center.queues) {
    q.keep_rules_at_entry = false;
    q.auto_pause_delay_ms = 0;
    q.auto_pause_busy = false;
    q.auto_pause_unavailable = false;
    for (OverflowRule& rule : q.rules) rule.every_ms = 0;
  }
  OverflowRule once;
  once.name = "once";
  once.after_ms = 10'000;
  once.action = RuleActionKind::kRaisePriority;
  once.priority_delta = 1;
  center.queues.back().rules.push_back(once);
  return center;
}

TEST(CenterCodecRulesTest, RecurringRulesAreWrittenOnlyWhenSet) {
  const CenterConfig center = CenterWithARule();
  const std::string plain = EncodeCenter(center);
  ASSERT_LT(center.queues.size(), 128u);
  CenterConfig recurring = center;
  recurring.queues.back().rules.back().every_ms = 30'000;
  const std::string bytes = EncodeCenter(recurring);
  ASSERT_GT(bytes.size(), plain.size() + 2);
  EXPECT_EQ(bytes.substr(0, plain.size()), plain);
  EXPECT_EQ(bytes.substr(plain.size(), 2), std::string("\x13\x01", 2));  // marker, one queue
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().rules.back().every_ms, 30'000);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  EXPECT_NE(CenterFingerprint(recurring), CenterFingerprint(center));
  CenterConfig faster = recurring;
  faster.queues.back().rules.back().every_ms = 20'000;
  EXPECT_NE(CenterFingerprint(faster), CenterFingerprint(recurring));

  // The marker, one queue, its index, then every rule's every_ms: all 0 is
  // no recurring rule, so no such queue is written.
  const std::string index(1, static_cast<char>(center.queues.size() - 1));
  std::string zeros;
  for (size_t r = 0; r < center.queues.back().rules.size(); ++r) zeros += '\0';
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x13\x01", 2} + index + zeros).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x13\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(CenterCodecRulesTest, KeptRulesAreWrittenOnlyWhenSet) {
  const CenterConfig center = CenterWithARule();
  const std::string plain = EncodeCenter(center);
  ASSERT_LT(center.queues.size(), 128u);
  CenterConfig kept = center;
  kept.queues.back().keep_rules_at_entry = true;
  const std::string bytes = EncodeCenter(kept);
  const std::string index(1, static_cast<char>(center.queues.size() - 1));
  EXPECT_EQ(bytes, (plain + std::string{"\x14\x01", 2} + index));  // marker, one queue, its index
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->queues.back().keep_rules_at_entry);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  EXPECT_NE(CenterFingerprint(kept), CenterFingerprint(center));
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x14\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss);
}

// Asterisk's autopausedelay (marker 21): written only for the queues with
// a delay.
TEST(CenterCodecRulesTest, AutoPauseDelaysAreWrittenOnlyWhenSet) {
  const CenterConfig center = CenterWithARule();
  const std::string plain = EncodeCenter(center);
  CenterConfig delayed = center;
  delayed.queues.back().max_misses = 2;
  const std::string misses = EncodeCenter(delayed);
  delayed.queues.back().auto_pause_delay_ms = 30'000;
  const std::string bytes = EncodeCenter(delayed);
  const std::string index(1, static_cast<char>(center.queues.size() - 1));
  // marker, one queue, its index, 30,000 zig-zag: 60,000 = e0 d4 03
  EXPECT_EQ(bytes, (misses + std::string{"\x15\x01", 2} + index + std::string{"\xe0\xd4\x03", 3}));
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->queues.back().auto_pause_delay_ms, 30'000);
  EXPECT_NE(CenterFingerprint(delayed), CenterFingerprint(center));
  EXPECT_EQ(DecodeCenter(misses + std::string{"\x15\x01", 2} + index + std::string{"\x00", 1})
                .status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x15\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss);
}

// Asterisk's autopausebusy and autopauseunavail (markers 22 and 23, the
// last): each written only for the queues that set it, after the delays.
TEST(CenterCodecRulesTest, CountedLinesAreWrittenOnlyWhenSet) {
  CenterConfig center = CenterWithARule();
  center.queues.back().max_misses = 2;
  const std::string plain = EncodeCenter(center);
  const std::string index(1, static_cast<char>(center.queues.size() - 1));
  CenterConfig busy = center;
  busy.queues.back().auto_pause_busy = true;
  EXPECT_EQ(EncodeCenter(busy), (plain + std::string{"\x16\x01", 2} + index));
  CenterConfig both = busy;
  both.queues.back().auto_pause_unavailable = true;
  const std::string bytes = EncodeCenter(both);
  EXPECT_EQ(bytes, (plain + std::string{"\x16\x01", 2} + index + std::string{"\x17\x01", 2} +
                    index));
  absl::StatusOr<CenterConfig> back = DecodeCenter(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->queues.back().auto_pause_busy);
  EXPECT_TRUE(back->queues.back().auto_pause_unavailable);
  EXPECT_EQ(EncodeCenter(*back), bytes);
  EXPECT_NE(CenterFingerprint(busy), CenterFingerprint(center));
  EXPECT_NE(CenterFingerprint(both), CenterFingerprint(busy));
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x17\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeCenter(plain + std::string{"\x18\x00", 2}).status().code(),
            absl::StatusCode::kDataLoss)
      << "no marker after the last";
}

}  // namespace
}  // namespace acd::testing
