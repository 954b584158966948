// shard_journal_sample DIR MODE: writes a sample shard directory for the
// `acd journal` tool tests (tests/tools): 400 fuzz steps of seed 21 (its
// rejected events and live reloads included), then by MODE:
//   clean     no snapshot (the full replay is the replay)
//   snapshot  snapshots every 150 records, all segments kept
//   torn      clean, then the last 5 bytes of the segment cut (a crash)
//   corrupt   clean, then one byte flipped in the middle of the segment
// Exit 0 when written, 1 on an error (printed), 2 on bad usage.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "acd/env.h"
#include "acd/journal_format.h"
#include "acd/shard_journal.h"
#include "tests/runtime/shard_test_util.h"

namespace acd {
namespace {

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "shard_journal_sample: %s\n", status.ToString().c_str());
  return 1;
}

int Write(const std::string& dir, std::string_view mode) {
  Env& env = Env::Default();
  const test_runtime::InputStream stream = test_runtime::MakeStream(21, 400);
  ShardJournalOptions options;
  options.snapshot_every_records = mode == "snapshot" ? 150 : 0;
  options.snapshot_every_ms = 0;
  NullSink sink;
  auto opened = ShardJournal::Create(env, dir, stream.center, stream.engine_seed, &sink, options);
  if (!opened.ok()) return Fail(opened.status());
  for (const ShardRecord& input : stream.inputs) {
    if (absl::Status s = test_runtime::Feed(*opened->journal, *opened->engine, input); !s.ok()) {
      return Fail(s);
    }
    if (absl::Status s = opened->journal->MaybeSnapshot(*opened->engine); !s.ok()) return Fail(s);
  }
  if (absl::Status s = opened->journal->Sync(); !s.ok()) return Fail(s);
  opened->journal.reset();
  const std::string segment = dir + "/" + journal::SegmentFileName(1);
  absl::StatusOr<uint64_t> size = env.GetFileSize(segment);
  if (!size.ok()) return Fail(size.status());
  if (mode == "torn") {
    if (absl::Status s = env.TruncateFile(segment, *size - 5); !s.ok()) return Fail(s);
  }
  if (mode == "corrupt") {
    absl::StatusOr<std::string> bytes = env.ReadFileToString(segment, *size);
    if (!bytes.ok()) return Fail(bytes.status());
    (*bytes)[bytes->size() / 2] ^= 0x40;
    absl::StatusOr<std::unique_ptr<WritableFile>> file = env.NewWritableFile(segment);
    if (!file.ok()) return Fail(file.status());
    if (absl::Status s = (*file)->Append(*bytes); !s.ok()) return Fail(s);
    if (absl::Status s = (*file)->Close(); !s.ok()) return Fail(s);
  }
  return 0;
}

}  // namespace
}  // namespace acd

int main(int argc, char** argv) {
  const std::string_view mode = argc == 3 ? argv[2] : "";
  if (mode != "clean" && mode != "snapshot" && mode != "torn" && mode != "corrupt") {
    std::fprintf(stderr, "usage: shard_journal_sample DIR clean|snapshot|torn|corrupt\n");
    return 2;
  }
  std::filesystem::remove_all(argv[1]);
  return acd::Write(argv[1], mode);
}
