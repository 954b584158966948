// The shard's record payloads: encoders, decoders and one-line renderings.
#include <type_traits>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "acd/center_codec.h"
#include "acd/event_codec.h"
#include "acd/shard_journal.h"
#include "runtime/shard_record_codec.h"

namespace acd {
namespace runtime_internal {

std::string EncodeOpenRecord(uint64_t seed, const CenterConfig& center) {
  ByteWriter out;
  out.PutU8(shard_record::kVersion);
  out.PutFixed64(seed);
  out.PutBytes(EncodeCenter(center));
  return out.Release();
}

void EncodeEventRecord(const Event& event, ByteWriter& out) {
  out.Clear();
  out.PutU8(shard_record::kVersion);
  out.PutVarint(kEventCodecVersion);
  EncodeEvent(event, out);
}

std::string EncodeAdvanceRecord(TimeMs time_ms) {
  ByteWriter out;
  out.PutU8(shard_record::kVersion);
  out.PutSigned(time_ms);
  return out.Release();
}

std::string EncodeReconfigureRecord(const CenterConfig& center) {
  ByteWriter out;
  out.PutU8(shard_record::kVersion);
  out.PutBytes(EncodeCenter(center));
  return out.Release();
}

std::string EncodeNoteRecord(std::string_view bytes) {
  ByteWriter out;
  out.PutU8(shard_record::kVersion);
  out.PutBytes(bytes);
  return out.Release();
}

std::string EncodeSnapshotPayload(uint64_t seed, const CenterConfig& center,
                                  std::string_view engine_snapshot, uint64_t commands,
                                  uint64_t notes) {
  ByteWriter out;
  out.PutU8(shard_record::kVersion);
  out.PutFixed64(seed);
  out.PutBytes(EncodeCenter(center));
  out.PutBytes(engine_snapshot);
  out.PutVarint(commands);
  out.PutVarint(notes);
  return out.Release();
}

}  // namespace runtime_internal

namespace {

absl::Status CheckVersion(ByteReader& in) {
  in.set_field("shard record version");
  const uint8_t version = in.GetU8();
  if (!in.ok()) return in.status();
  if (version == 0 || version > shard_record::kVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("shard record version ", version, " is not readable by this build (reads 1..",
                     shard_record::kVersion, ")"));
  }
  return absl::OkStatus();
}

// The reader must be at its end and ok.
absl::Status Finish(ByteReader& in) {
  if (in.ok() && !in.at_end()) in.Fail(absl::StrCat(in.remaining(), " bytes left over"));
  return in.status();
}

absl::StatusOr<CenterConfig> ReadCenter(ByteReader& in) {
  in.set_field("center");
  const std::string_view bytes = in.GetBytes();
  if (!in.ok()) return in.status();
  absl::StatusOr<CenterConfig> center = DecodeCenter(bytes);
  if (!center.ok()) {
    return absl::DataLossError(absl::StrCat("center: ", center.status().message()));
  }
  return center;
}

absl::StatusOr<Event> DecodeEventPayload(ByteReader& in) {
  in.set_field("event codec version");
  const uint64_t codec = in.GetVarint();
  if (!in.ok()) return in.status();
  if (codec == 0 || codec > kEventCodecVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("event codec version ", codec, " is not readable by this build"));
  }
  absl::StatusOr<Event> event = DecodeEvent(in, static_cast<uint32_t>(codec));
  if (!event.ok()) return event.status();
  if (absl::Status s = Finish(in); !s.ok()) return s;
  return event;
}

}  // namespace

std::string_view shard_record::TypeName(uint8_t type) {
  switch (static_cast<Type>(type)) {
    case Type::kOpen: return "open";
    case Type::kEvent: return "event";
    case Type::kAdvance: return "advance";
    case Type::kReconfigure: return "reconfigure";
    case Type::kNote: return "note";
  }
  return "unknown";
}

absl::StatusOr<ShardRecord> DecodeShardRecord(uint8_t type, std::string_view payload) {
  ByteReader in(payload);
  if (absl::Status s = CheckVersion(in); !s.ok()) return s;
  switch (static_cast<shard_record::Type>(type)) {
    case shard_record::Type::kOpen: {
      ShardOpen open;
      in.set_field("seed");
      open.seed = in.GetFixed64();
      absl::StatusOr<CenterConfig> center = ReadCenter(in);
      if (!center.ok()) return center.status();
      open.center = *std::move(center);
      if (absl::Status s = Finish(in); !s.ok()) return s;
      return ShardRecord(std::move(open));
    }
    case shard_record::Type::kEvent: {
      absl::StatusOr<Event> event = DecodeEventPayload(in);
      if (!event.ok()) return event.status();
      return ShardRecord(*std::move(event));
    }
    case shard_record::Type::kAdvance: {
      in.set_field("advance time_ms");
      ShardAdvance advance{in.GetSigned()};
      if (absl::Status s = Finish(in); !s.ok()) return s;
      return ShardRecord(advance);
    }
    case shard_record::Type::kReconfigure: {
      absl::StatusOr<CenterConfig> center = ReadCenter(in);
      if (!center.ok()) return center.status();
      if (absl::Status s = Finish(in); !s.ok()) return s;
      return ShardRecord(ShardReconfigure{*std::move(center)});
    }
    case shard_record::Type::kNote: {
      in.set_field("note");
      ShardNote note{std::string(in.GetBytes())};
      if (absl::Status s = Finish(in); !s.ok()) return s;
      return ShardRecord(std::move(note));
    }
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown shard record type ", type));
}

absl::StatusOr<Event> runtime_internal::DecodeEventRecord(std::string_view payload) {
  ByteReader in(payload);
  if (absl::Status s = CheckVersion(in); !s.ok()) return s;
  return DecodeEventPayload(in);
}

absl::StatusOr<ShardSnapshotRecord> DecodeShardSnapshotRecord(std::string_view payload) {
  ByteReader in(payload);
  if (absl::Status s = CheckVersion(in); !s.ok()) return s;
  const uint8_t version = static_cast<uint8_t>(payload[0]);
  ShardSnapshotRecord out;
  in.set_field("seed");
  out.seed = in.GetFixed64();
  absl::StatusOr<CenterConfig> center = ReadCenter(in);
  if (!center.ok()) return center.status();
  out.center = *std::move(center);
  in.set_field("engine snapshot");
  out.engine = std::string(in.GetBytes());
  if (version >= 2) {
    in.set_field("commands");
    out.commands = in.GetVarint();
  }
  if (version >= 3) {
    in.set_field("notes");
    out.notes = in.GetVarint();
  }
  if (absl::Status s = Finish(in); !s.ok()) return s;
  return out;
}

}  // namespace acd
