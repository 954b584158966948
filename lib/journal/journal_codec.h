// Encoding and decoding of the journal's segment headers, records and
// snapshots (layout: acd/journal_format.h), shared by the writer and
// recovery. Pure functions on bytes; no I/O.
#ifndef ACD_LIB_JOURNAL_JOURNAL_CODEC_H_
#define ACD_LIB_JOURNAL_JOURNAL_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/bytes.h"

namespace acd::journal_internal {

std::string EncodeSegmentHeader(uint64_t first_seq);
// OK, or FailedPrecondition/DataLoss saying what is wrong with the header
// ("bad magic", "version 7 is newer than 1", "first seq 5 but named 4", ...).
absl::Status CheckSegmentHeader(std::string_view data, uint64_t named_first_seq);

// Appends one encoded record to `out`.
void AppendRecord(ByteWriter* out, uint64_t seq, uint8_t type, std::string_view payload);

struct DecodedRecord {
  uint64_t seq = 0;
  uint8_t type = 0;
  std::string_view payload;
  size_t bytes = 0;  // header and payload
};
// Decodes the record at `offset` of `data`; false with `reason` when it is
// incomplete, too long, fails its CRC, or has type 0 or a wrong version.
bool DecodeRecord(std::string_view data, size_t offset, DecodedRecord* record,
                  std::string* reason);
// Whether a valid record with a seq above `after_seq` starts anywhere in
// `data` from `from` on: tells a torn tail (nothing good follows) from
// corruption in the middle.
bool ValidRecordFollows(std::string_view data, size_t from, uint64_t after_seq);

std::string EncodeSnapshot(uint64_t seq, std::string_view payload);
struct DecodedSnapshot {
  uint64_t seq = 0;
  std::string_view payload;
};
// DataLoss (or FailedPrecondition for a newer version) saying what is wrong.
absl::StatusOr<DecodedSnapshot> DecodeSnapshot(std::string_view data);

}  // namespace acd::journal_internal

#endif  // ACD_LIB_JOURNAL_JOURNAL_CODEC_H_
