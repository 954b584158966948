// The encoders of the shard's record payloads (layout in
// acd/shard_journal.h, namespace shard_record). Implementation header.
// Thread-safety: free functions.
#ifndef ACD_LIB_RUNTIME_SHARD_RECORD_CODEC_H_
#define ACD_LIB_RUNTIME_SHARD_RECORD_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "acd/bytes.h"
#include "acd/center.h"
#include "acd/event.h"

namespace acd::runtime_internal {

std::string EncodeOpenRecord(uint64_t seed, const CenterConfig& center);
// Replaces `out`'s contents (a buffer reused record after record).
void EncodeEventRecord(const Event& event, ByteWriter& out);
std::string EncodeAdvanceRecord(TimeMs time_ms);
std::string EncodeReconfigureRecord(const CenterConfig& center);
std::string EncodeNoteRecord(std::string_view bytes);
// A kEvent payload's event (the replay's fast path: no ShardRecord).
absl::StatusOr<Event> DecodeEventRecord(std::string_view payload);
// `commands`: how many commands the inputs before the snapshot emitted;
// `notes`: how many notes came before it.
std::string EncodeSnapshotPayload(uint64_t seed, const CenterConfig& center,
                                  std::string_view engine_snapshot, uint64_t commands,
                                  uint64_t notes);

}  // namespace acd::runtime_internal

#endif  // ACD_LIB_RUNTIME_SHARD_RECORD_CODEC_H_
