// The journal's byte layouts, with acd/bytes.h as the only encoder.
#include "journal/journal_codec.h"

#include "absl/strings/str_cat.h"
#include "acd/journal_format.h"

namespace acd::journal_internal {
namespace {

using journal::Crc32c;
using journal::kFormatVersion;
using journal::kMaxPayloadBytes;
using journal::kRecordHeaderBytes;
using journal::MaskCrc;

// The fixed fields of a record header, read without any check.
struct RawHeader {
  uint32_t masked_crc;
  uint32_t length;
  uint8_t type;
  uint8_t version;
  uint64_t seq;
};

RawHeader ReadHeader(std::string_view header) {
  ByteReader in(header);
  RawHeader h;
  h.masked_crc = in.GetFixed32();
  h.length = in.GetFixed32();
  h.type = in.GetU8();
  h.version = in.GetU8();
  h.seq = in.GetFixed64();
  return h;
}

}  // namespace

std::string EncodeSegmentHeader(uint64_t first_seq) {
  ByteWriter out;
  out.PutRaw(journal::kSegmentMagic);
  out.PutFixed32(kFormatVersion);
  out.PutFixed64(first_seq);
  out.PutFixed32(MaskCrc(Crc32c(out.data())));
  return out.Release();
}

absl::Status CheckSegmentHeader(std::string_view data, uint64_t named_first_seq) {
  if (data.size() < journal::kSegmentHeaderBytes) {
    return absl::DataLossError(absl::StrCat("segment header incomplete (", data.size(), " of ",
                                            journal::kSegmentHeaderBytes, " bytes)"));
  }
  ByteReader in(data.substr(0, journal::kSegmentHeaderBytes));
  if (data.substr(0, 4) != journal::kSegmentMagic) {
    return absl::DataLossError("segment header: bad magic (not \"ACDJ\")");
  }
  in.GetFixed32();
  const uint32_t version = in.GetFixed32();
  const uint64_t first_seq = in.GetFixed64();
  const uint32_t crc = journal::UnmaskCrc(in.GetFixed32());
  if (crc != Crc32c(data.substr(0, journal::kSegmentHeaderBytes - 4))) {
    return absl::DataLossError("segment header: checksum mismatch");
  }
  if (version == 0 || version > kFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "segment header: format version ", version, " (this program reads 1 to ",
        kFormatVersion, ")"));
  }
  if (first_seq != named_first_seq) {
    return absl::DataLossError(absl::StrCat("segment header: first seq ", first_seq,
                                            " but the file is named for ", named_first_seq));
  }
  return absl::OkStatus();
}

void AppendRecord(ByteWriter* out, uint64_t seq, uint8_t type, std::string_view payload) {
  const size_t start = out->size();
  out->PutFixed32(0);  // the CRC, patched below
  out->PutFixed32(static_cast<uint32_t>(payload.size()));
  out->PutU8(type);
  out->PutU8(kFormatVersion);
  out->PutFixed64(seq);
  out->PutRaw(payload);
  const std::string_view covered = std::string_view(out->data()).substr(start + 4);
  out->PatchFixed32(start, MaskCrc(Crc32c(covered)));
}

bool DecodeRecord(std::string_view data, size_t offset, DecodedRecord* record,
                  std::string* reason) {
  const size_t left = data.size() - offset;
  if (left < kRecordHeaderBytes) {
    *reason = absl::StrCat("incomplete record header (", left, " of ", kRecordHeaderBytes,
                           " bytes)");
    return false;
  }
  const RawHeader h = ReadHeader(data.substr(offset, kRecordHeaderBytes));
  if (h.length > kMaxPayloadBytes) {
    *reason = absl::StrCat("payload length ", h.length, " above the limit ", kMaxPayloadBytes);
    return false;
  }
  if (left - kRecordHeaderBytes < h.length) {
    *reason = absl::StrCat("incomplete record (needs ", kRecordHeaderBytes + h.length,
                           " bytes, ", left, " left)");
    return false;
  }
  const std::string_view covered = data.substr(offset + 4, kRecordHeaderBytes - 4 + h.length);
  if (journal::UnmaskCrc(h.masked_crc) != Crc32c(covered)) {
    *reason = "checksum mismatch";
    return false;
  }
  if (h.type == journal::kInvalidRecordType) {
    *reason = "record type 0";
    return false;
  }
  if (h.version != kFormatVersion) {
    *reason = absl::StrCat("record format version ", h.version, " (expected ", kFormatVersion,
                           ")");
    return false;
  }
  record->seq = h.seq;
  record->type = h.type;
  record->payload = data.substr(offset + kRecordHeaderBytes, h.length);
  record->bytes = kRecordHeaderBytes + h.length;
  return true;
}

bool ValidRecordFollows(std::string_view data, size_t from, uint64_t after_seq) {
  DecodedRecord record;
  std::string reason;
  for (size_t pos = from; pos + kRecordHeaderBytes <= data.size(); ++pos) {
    // Cheap checks first: version and type bytes, then the full decode.
    if (static_cast<uint8_t>(data[pos + 9]) != kFormatVersion || data[pos + 8] == 0) continue;
    if (DecodeRecord(data, pos, &record, &reason) && record.seq > after_seq) return true;
  }
  return false;
}

std::string EncodeSnapshot(uint64_t seq, std::string_view payload) {
  ByteWriter out;
  out.PutRaw(journal::kSnapshotMagic);
  out.PutFixed32(kFormatVersion);
  out.PutFixed64(seq);
  out.PutFixed64(payload.size());
  const uint32_t crc = Crc32c(payload, Crc32c(out.data()));
  out.PutFixed32(MaskCrc(crc));
  out.PutRaw(payload);
  return out.Release();
}

absl::StatusOr<DecodedSnapshot> DecodeSnapshot(std::string_view data) {
  if (data.size() < journal::kSnapshotHeaderBytes) {
    return absl::DataLossError(absl::StrCat("snapshot header incomplete (", data.size(), " of ",
                                            journal::kSnapshotHeaderBytes, " bytes)"));
  }
  if (data.substr(0, 4) != journal::kSnapshotMagic) {
    return absl::DataLossError("bad magic (not \"ACDS\")");
  }
  ByteReader in(data.substr(4, journal::kSnapshotHeaderBytes - 4));
  const uint32_t version = in.GetFixed32();
  DecodedSnapshot snapshot;
  snapshot.seq = in.GetFixed64();
  const uint64_t length = in.GetFixed64();
  const uint32_t crc = journal::UnmaskCrc(in.GetFixed32());
  if (length != data.size() - journal::kSnapshotHeaderBytes) {
    return absl::DataLossError(absl::StrCat("payload length ", length, " but ",
                                            data.size() - journal::kSnapshotHeaderBytes,
                                            " bytes follow the header"));
  }
  snapshot.payload = data.substr(journal::kSnapshotHeaderBytes);
  const std::string_view header = data.substr(0, journal::kSnapshotHeaderBytes - 4);
  if (crc != Crc32c(snapshot.payload, Crc32c(header))) {
    return absl::DataLossError("checksum mismatch");
  }
  if (version == 0 || version > kFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "format version ", version, " (this program reads 1 to ", kFormatVersion, ")"));
  }
  return snapshot;
}

}  // namespace acd::journal_internal
