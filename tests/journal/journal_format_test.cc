// The journal's byte layout: CRC32C vectors, masking, file names, records
// and snapshots, and the exact bytes of one record (a format change must
// show up here).
#include <string>

#include "acd/journal_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "journal/journal_codec.h"

namespace acd::journal {
namespace internal {
uint32_t Crc32cPortable(std::string_view data, uint32_t crc);
}  // namespace internal
namespace {

using ::testing::HasSubstr;

TEST(JournalCrc, Rfc3720Vectors) {
  std::string ascending;
  for (int i = 0; i < 32; ++i) ascending.push_back(static_cast<char>(i));
  const std::string zeros(32, '\0');
  const std::string ones(32, '\xff');
  for (auto crc : {&Crc32c, &internal::Crc32cPortable}) {
    EXPECT_EQ(crc(zeros, 0), 0x8A9136AAu);
    EXPECT_EQ(crc(ones, 0), 0x62A8AB43u);
    EXPECT_EQ(crc(ascending, 0), 0x46DD794Eu);
    EXPECT_EQ(crc("123456789", 0), 0xE3069283u);
    // Continuing a CRC equals taking it over the whole.
    for (size_t cut = 0; cut <= ascending.size(); ++cut) {
      EXPECT_EQ(crc(ascending.substr(cut), crc(ascending.substr(0, cut), 0)), 0x46DD794Eu);
    }
  }
  // The SSE4.2 path and the table agree on odd lengths and alignments.
  std::string text(1000, '\0');
  for (size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>(i * 131 + 7);
  for (size_t start = 0; start < 9; ++start) {
    const std::string_view part = std::string_view(text).substr(start, 300 + start);
    EXPECT_EQ(Crc32c(part), internal::Crc32cPortable(part, 0));
  }
}

TEST(JournalCrc, MaskRoundTripsAndDiffers) {
  for (uint32_t crc : {0u, 1u, 0x8A9136AAu, 0xFFFFFFFFu}) {
    EXPECT_EQ(UnmaskCrc(MaskCrc(crc)), crc);
    EXPECT_NE(MaskCrc(crc), crc);
  }
}

TEST(JournalFormat, FileNames) {
  EXPECT_EQ(SegmentFileName(1), "journal-00000000000000000001.log");
  EXPECT_EQ(SnapshotFileName(42), "snapshot-00000000000000000042.snap");
  EXPECT_EQ(ParseSegmentFileName("journal-00000000000000000001.log"), 1u);
  EXPECT_EQ(ParseSnapshotFileName(SnapshotFileName(UINT64_MAX)), UINT64_MAX);
  EXPECT_FALSE(ParseSegmentFileName("journal-0000000000000000001.log"));
  EXPECT_FALSE(ParseSegmentFileName("journal-00000000000000000001.log.tmp"));
  EXPECT_FALSE(ParseSegmentFileName("journal-0000000000000000000x.log"));
  EXPECT_FALSE(ParseSegmentFileName("journal-99999999999999999999.log"));  // > 2^64
  EXPECT_FALSE(ParseSnapshotFileName("journal-00000000000000000001.log"));
}

TEST(JournalFormat, RecordBytesAreStable) {
  ByteWriter out;
  journal_internal::AppendRecord(&out, 7, 2, "hi");
  const std::string& b = out.data();
  ASSERT_EQ(b.size(), kRecordHeaderBytes + 2);
  // length 2, type 2, version 1, seq 7, payload "hi", after the CRC.
  EXPECT_EQ(b.substr(4), std::string("\x02\0\0\0\x02\x01\x07\0\0\0\0\0\0\0hi", 16));
  EXPECT_EQ(UnmaskCrc(ByteReader(b).GetFixed32()), Crc32c(b.substr(4)));

  journal_internal::DecodedRecord r;
  std::string reason;
  ASSERT_TRUE(journal_internal::DecodeRecord(b, 0, &r, &reason)) << reason;
  EXPECT_EQ(r.seq, 7u);
  EXPECT_EQ(r.type, 2);
  EXPECT_EQ(r.payload, "hi");
  for (size_t n = 0; n < b.size(); ++n) {
    EXPECT_FALSE(journal_internal::DecodeRecord(b.substr(0, n), 0, &r, &reason));
    EXPECT_THAT(reason, HasSubstr("incomplete"));
  }
  std::string flipped = b;
  flipped[kRecordHeaderBytes] ^= 0x01;
  EXPECT_FALSE(journal_internal::DecodeRecord(flipped, 0, &r, &reason));
  EXPECT_EQ(reason, "checksum mismatch");
}

TEST(JournalFormat, SegmentHeader) {
  const std::string header = journal_internal::EncodeSegmentHeader(5);
  ASSERT_EQ(header.size(), kSegmentHeaderBytes);
  EXPECT_EQ(header.substr(0, 4), "ACDJ");
  EXPECT_TRUE(journal_internal::CheckSegmentHeader(header, 5).ok());
  EXPECT_THAT(std::string(journal_internal::CheckSegmentHeader(header, 6).message()),
              HasSubstr("first seq 5 but the file is named for 6"));
  EXPECT_THAT(std::string(journal_internal::CheckSegmentHeader(header.substr(0, 9), 5).message()),
              HasSubstr("incomplete"));
}

TEST(JournalSnapshotFormat, RoundTripAndDamage) {
  const std::string bytes = journal_internal::EncodeSnapshot(99, "state");
  ASSERT_EQ(bytes.size(), kSnapshotHeaderBytes + 5);
  EXPECT_EQ(bytes.substr(0, 4), "ACDS");
  absl::StatusOr<journal_internal::DecodedSnapshot> s = journal_internal::DecodeSnapshot(bytes);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->seq, 99u);
  EXPECT_EQ(s->payload, "state");
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] ^= 0x10;
    EXPECT_FALSE(journal_internal::DecodeSnapshot(bad).ok()) << "byte " << i;
  }
  EXPECT_FALSE(journal_internal::DecodeSnapshot(bytes.substr(0, bytes.size() - 1)).ok());
}

}  // namespace
}  // namespace acd::journal
