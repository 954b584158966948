// ByteWriter and ByteReader: the little-endian, varint-based encoding shared
// by every byte format of acd (engine snapshots, journal records, encoded
// events). One implementation, so that the formats cannot disagree on how a
// number or a string is written.
//
//   fixed32/fixed64  little-endian, 4 / 8 bytes
//   varint           unsigned LEB128 (7 bits a byte, low bits first), <= 10 bytes
//   signed           zig-zag, then varint (small magnitudes stay short)
//   double           its IEEE-754 bits as fixed64 (exact, no rounding)
//   bytes / string   varint length, then the bytes
//
// Thread-safety: none; each writer or reader belongs to one thread.
// Invariants: a ByteReader never reads past its end; after the first failure
// it stays failed (ok() false) and every later read returns zero values, so
// a decoder may read a whole record and check ok() once, then report
// error() (the field being read and the offset where it failed).
#ifndef ACD_BYTES_H_
#define ACD_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"

namespace acd {

class ByteWriter {
 public:
  void PutU8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void PutBool(bool v) { PutU8(v ? 1 : 0); }
  void PutFixed32(uint32_t v) {
    for (int i = 0; i < 4; ++i) PutU8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void PutFixed64(uint64_t v) {
    for (int i = 0; i < 8; ++i) PutU8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void PutVarint(uint64_t v) {
    while (v >= 0x80) {
      PutU8(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    PutU8(static_cast<uint8_t>(v));
  }
  void PutSigned(int64_t v) {
    PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void PutDouble(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    PutFixed64(bits);
  }
  void PutBytes(std::string_view bytes) {
    PutVarint(bytes.size());
    out_.append(bytes.data(), bytes.size());
  }
  void PutRaw(std::string_view bytes) { out_.append(bytes.data(), bytes.size()); }

  size_t size() const { return out_.size(); }
  const std::string& data() const { return out_; }
  std::string Release() { return std::move(out_); }
  // Empties the writer but keeps its memory (a buffer reused batch after batch).
  void Clear() { out_.clear(); }
  // Overwrites 4 bytes at `offset` (a length or checksum written after the body).
  void PatchFixed32(size_t offset, uint32_t v) {
    for (int i = 0; i < 4; ++i) out_[offset + i] = static_cast<char>(v >> (8 * i));
  }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  // The name of what is being read, for the error message (a string literal
  // or another string that outlives the reader).
  void set_field(std::string_view field) { field_ = field; }

  uint8_t GetU8() {
    if (!Need(1)) return 0;
    return static_cast<uint8_t>(in_[pos_++]);
  }
  bool GetBool() {
    const uint8_t v = GetU8();
    if (v > 1) Fail("a flag is neither 0 nor 1");
    return v == 1;
  }
  uint32_t GetFixed32() {
    if (!Need(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t{static_cast<uint8_t>(in_[pos_ + i])} << (8 * i);
    pos_ += 4;
    return v;
  }
  uint64_t GetFixed64() {
    if (!Need(8)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<uint8_t>(in_[pos_ + i])} << (8 * i);
    pos_ += 8;
    return v;
  }
  uint64_t GetVarint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!Need(1)) return 0;
      const uint8_t byte = static_cast<uint8_t>(in_[pos_++]);
      v |= uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return v;
    }
    Fail("a varint is longer than 10 bytes");
    return 0;
  }
  // A varint that must fit `max` (a count, an enum, a 32-bit id).
  uint64_t GetVarintAtMost(uint64_t max) {
    const size_t at = pos_;
    const uint64_t v = GetVarint();
    if (ok_ && v > max) {
      pos_ = at;
      Fail("value " + std::to_string(v) + " is above its limit " + std::to_string(max));
      return 0;
    }
    return v;
  }
  int64_t GetSigned() {
    const uint64_t z = GetVarint();
    return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  double GetDouble() {
    const uint64_t bits = GetFixed64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::string_view GetBytes() {
    const uint64_t n = GetVarint();
    if (!ok_) return {};
    if (n > in_.size() - pos_) {
      Fail("a length of " + std::to_string(n) + " runs past the end");
      return {};
    }
    std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  std::string GetString() { return std::string(GetBytes()); }

  // Marks the reader failed (a decoder's own check: a bad enum, a count
  // that does not fit); the first failure is kept.
  void Fail(std::string_view reason) {
    if (!ok_) return;
    ok_ = false;
    error_.assign(field_.data(), field_.size());
    if (!error_.empty()) error_ += ": ";
    error_.append(reason.data(), reason.size());
    error_ += " (offset " + std::to_string(pos_) + ")";
  }

  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  size_t offset() const { return pos_; }
  size_t remaining() const { return in_.size() - pos_; }
  // DataLoss naming the field and the offset; OkStatus while ok().
  absl::Status status() const {
    return ok_ ? absl::OkStatus() : absl::DataLossError(error_);
  }

 private:
  bool Need(size_t n) {
    if (!ok_) return false;
    if (in_.size() - pos_ < n) {
      Fail("unexpected end of data");
      return false;
    }
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::string_view field_;
  std::string error_;
};

}  // namespace acd

#endif  // ACD_BYTES_H_
