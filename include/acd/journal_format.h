// The journal's on-disk layout: THE one place it is written down (leveldb's
// log_format.h is the model). Every number is little-endian, written and read
// with acd/bytes.h. Changing anything here means a new format version, and
// the stored journal under tests/journal/data/ must still be read.
//
// A journal directory holds segments and snapshots:
//
//   journal-<first seq, 20 digits>.log   a segment:
//     file header (kSegmentHeaderBytes):
//       magic "ACDJ" | version fixed32 | first seq fixed64 | masked CRC32C
//       fixed32 of the 16 bytes before it
//     then records, back to back:
//       masked CRC32C fixed32   over every byte after it (header and payload)
//       payload length fixed32  <= kMaxPayloadBytes
//       record type u8          1..255, the caller's (0 is never written)
//       format version u8       kFormatVersion
//       sequence number fixed64 strictly +1 from record to record, across
//                               segments; the first record of a segment
//                               carries the seq in its name
//       payload                 opaque bytes
//
//   snapshot-<seq, 20 digits>.snap        a snapshot (written atomically):
//       magic "ACDS" | version fixed32 | seq of the last record it covers
//       fixed64 | payload length fixed64 | masked CRC32C fixed32 of the 24
//       bytes before it and the payload | payload
//
// A segment may be prepared ahead (JournalOptions::prepare_segments): made as
// segment_bytes zeros under kPreparedSegmentName, then renamed and written
// from the start, so it ends in zeros until it is closed (cut to its
// records). A run of zeros from a record boundary to the end of a segment
// is therefore its clean end, never a torn record (type 0 is never written).
//
// Files ending in ".tmp" are unfinished writes and ".corrupt" are segments an
// operator set aside (truncate_at_corruption); recovery ignores both and
// removes ".tmp" files.
//
// Thread-safety: constants and pure functions only.
#ifndef ACD_JOURNAL_FORMAT_H_
#define ACD_JOURNAL_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace acd::journal {

inline constexpr uint8_t kFormatVersion = 1;

inline constexpr std::string_view kSegmentMagic = "ACDJ";
inline constexpr size_t kSegmentHeaderBytes = 4 + 4 + 8 + 4;

inline constexpr size_t kRecordHeaderBytes = 4 + 4 + 1 + 1 + 8;
// The largest payload a record may carry (a reload's whole center, with
// room to spare); larger appends are refused, larger lengths are corruption.
inline constexpr uint32_t kMaxPayloadBytes = 64u << 20;
// Record type 0 is never written, so a run of zero bytes is never a record.
inline constexpr uint8_t kInvalidRecordType = 0;

inline constexpr std::string_view kSnapshotMagic = "ACDS";
inline constexpr size_t kSnapshotHeaderBytes = 4 + 4 + 8 + 8 + 4;
// The largest snapshot payload recovery reads.
inline constexpr uint64_t kMaxSnapshotBytes = uint64_t{1} << 32;

inline constexpr std::string_view kTempSuffix = ".tmp";
inline constexpr std::string_view kPreparedSegmentName = "segment-prepared.tmp";
inline constexpr std::string_view kCorruptSuffix = ".corrupt";

// "journal-00000000000000000001.log"
std::string SegmentFileName(uint64_t first_seq);
// "snapshot-00000000000000000042.snap"
std::string SnapshotFileName(uint64_t seq);
// The seq in a segment's / snapshot's name; nullopt for any other name.
std::optional<uint64_t> ParseSegmentFileName(std::string_view name);
std::optional<uint64_t> ParseSnapshotFileName(std::string_view name);

// CRC32C (Castagnoli), RFC 3720; `crc` continues an earlier value.
uint32_t Crc32c(std::string_view data, uint32_t crc = 0);
// The stored form of a CRC: rotated and offset, so that the CRC of bytes
// that themselves hold CRCs is not degenerate.
inline uint32_t MaskCrc(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}
inline uint32_t UnmaskCrc(uint32_t masked) {
  const uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

}  // namespace acd::journal

#endif  // ACD_JOURNAL_FORMAT_H_
