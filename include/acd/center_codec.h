// The byte form of a center configuration (acd/center.h): every field, in
// declaration order, in the shared encoding of acd/bytes.h. What a shard
// keeps beside its journal and snapshots, so that its directory alone
// rebuilds it (no file path, no YAML parser needed at recovery), and what
// the center's fingerprint in every engine snapshot is a hash of.
//
// Thread-safety: free functions. Invariants: DecodeCenter(EncodeCenter(c))
// encodes to the same bytes; damaged bytes are a DataLoss error naming the
// field and the offset. DecodeCenter does not validate the center
// (ValidateCenter does; Engine::Create and Restore call it).
#ifndef ACD_CENTER_CODEC_H_
#define ACD_CENTER_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "acd/center.h"

namespace acd {

std::string EncodeCenter(const CenterConfig& center);
absl::StatusOr<CenterConfig> DecodeCenter(std::string_view bytes);

// A 64-bit hash of EncodeCenter(center), stable across runs and machines.
uint64_t CenterFingerprint(const CenterConfig& center);

}  // namespace acd

#endif  // ACD_CENTER_CODEC_H_
