// File names and CRC32C for the journal (acd/journal_format.h). CRC32C uses
// the SSE4.2 crc32 instruction when the CPU has it (checked once at run
// time) and Boost.CRC's table otherwise; both give the RFC 3720 values.
#include "acd/journal_format.h"

#include <cstdio>
#include <cstring>

#include "boost/crc.hpp"

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace acd::journal {
namespace {

constexpr std::string_view kSegmentPrefix = "journal-";
constexpr std::string_view kSegmentSuffix = ".log";
constexpr std::string_view kSnapshotPrefix = "snapshot-";
constexpr std::string_view kSnapshotSuffix = ".snap";
constexpr size_t kSeqDigits = 20;

std::string NumberedName(std::string_view prefix, uint64_t seq, std::string_view suffix) {
  char digits[kSeqDigits + 1];
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(seq));
  std::string name(prefix);
  name.append(digits, kSeqDigits);
  name.append(suffix);
  return name;
}

std::optional<uint64_t> ParseNumberedName(std::string_view name, std::string_view prefix,
                                          std::string_view suffix) {
  if (name.size() != prefix.size() + kSeqDigits + suffix.size()) return std::nullopt;
  if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
  if (name.substr(prefix.size() + kSeqDigits) != suffix) return std::nullopt;
  uint64_t seq = 0;
  for (char c : name.substr(prefix.size(), kSeqDigits)) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (seq > (UINT64_MAX - digit) / 10) return std::nullopt;
    seq = seq * 10 + digit;
  }
  return seq;
}

uint32_t ReverseBits(uint32_t x) {
  uint32_t r = 0;
  for (int i = 0; i < 32; ++i) r |= ((x >> i) & 1u) << (31 - i);
  return r;
}

uint32_t Crc32cBoost(std::string_view data, uint32_t crc) {
  // Boost takes the register unreflected and before the final xor.
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> engine(
      ReverseBits(~crc));
  engine.process_bytes(data.data(), data.size());
  return engine.checksum();
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t Crc32cSse42(std::string_view data, uint32_t crc) {
  uint64_t c = ~crc;
  const char* p = data.data();
  size_t n = data.size();
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    c = _mm_crc32_u64(c, word);
    p += 8;
    n -= 8;
  }
  uint32_t c32 = static_cast<uint32_t>(c);
  while (n > 0) {
    c32 = _mm_crc32_u8(c32, static_cast<uint8_t>(*p++));
    --n;
  }
  return ~c32;
}

bool HaveSse42() {
  static const bool have = __builtin_cpu_supports("sse4.2");
  return have;
}
#endif

}  // namespace

std::string SegmentFileName(uint64_t first_seq) {
  return NumberedName(kSegmentPrefix, first_seq, kSegmentSuffix);
}
std::string SnapshotFileName(uint64_t seq) {
  return NumberedName(kSnapshotPrefix, seq, kSnapshotSuffix);
}
std::optional<uint64_t> ParseSegmentFileName(std::string_view name) {
  return ParseNumberedName(name, kSegmentPrefix, kSegmentSuffix);
}
std::optional<uint64_t> ParseSnapshotFileName(std::string_view name) {
  return ParseNumberedName(name, kSnapshotPrefix, kSnapshotSuffix);
}

uint32_t Crc32c(std::string_view data, uint32_t crc) {
#if defined(__x86_64__)
  if (HaveSse42()) return Crc32cSse42(data, crc);
#endif
  return Crc32cBoost(data, crc);
}

namespace internal {
// For tests: the table version, whatever the CPU.
uint32_t Crc32cPortable(std::string_view data, uint32_t crc) { return Crc32cBoost(data, crc); }
}  // namespace internal

}  // namespace acd::journal
