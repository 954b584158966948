// The journal's throughput on a real file (bench/RESULTS.md, "Journal"):
// appending 100-byte records in batches of 1, 64 and 1024 with one Sync per
// batch (group commit), against a plain write + fdatasync loop of the same
// bytes; recovery's read speed; CRC32C with and without SSE4.2. Files go to
// $TMPDIR (default /tmp), which must be a real disk for the numbers to mean
// anything (tmpfs makes fdatasync free).
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "acd/env.h"
#include "acd/journal.h"
#include "acd/journal_format.h"
#include "benchmark/benchmark.h"

namespace acd::journal::internal {
uint32_t Crc32cPortable(std::string_view data, uint32_t crc);
}  // namespace acd::journal::internal

namespace acd {
namespace {

constexpr size_t kPayloadBytes = 100;

// A fresh directory under $TMPDIR, removed at the end of the scope.
class BenchDir {
 public:
  BenchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/acd-bench-journal-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~BenchDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Args: records per batch, segments (0 growing, 1 prepared ahead as zeros:
// JournalOptions::prepare_segments, the service's default).
void BM_JournalAppendSync(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  BenchDir dir;
  JournalOptions options;
  options.prepare_segments = state.range(1) != 0;
  options.segment_bytes = uint64_t{16} << 20;
  auto writer = JournalWriter::Open(Env::Default(), dir.path(), options);
  if (!writer.ok()) {
    state.SkipWithError(std::string(writer.status().message()).c_str());
    return;
  }
  const std::string payload(kPayloadBytes, 'p');
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) benchmark::DoNotOptimize((*writer)->Append(1, payload));
    if (!(*writer)->Sync().ok()) state.SkipWithError("sync failed");
  }
  // The Time column is the latency of one batch (append + one Sync).
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_JournalAppendSync)
    ->ArgNames({"batch", "prepared"})
    ->ArgsProduct({{1, 64, 1024, 4096}, {0, 1}})
    ->UseRealTime();

// The floor: the same bytes per batch with write(2) + fdatasync(2), no
// framing, no CRC, no buffering logic.
void BM_BaselineWriteFdatasync(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  BenchDir dir;
  const std::string path = dir.path() + "/baseline.log";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const std::string bytes(static_cast<size_t>(batch) * (kPayloadBytes + journal::kRecordHeaderBytes),
                          'p');
  for (auto _ : state) {
    if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()) ||
        ::fdatasync(fd) != 0) {
      state.SkipWithError("write or fdatasync failed");
    }
  }
  ::close(fd);
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_BaselineWriteFdatasync)->Arg(1)->Arg(64)->Arg(1024)->Arg(4096)->UseRealTime();

// Recovery of a journal of N records (written once, outside the timing).
void BM_JournalRecover(benchmark::State& state) {
  const int64_t records = state.range(0);
  BenchDir dir;
  {
    auto writer = JournalWriter::Open(Env::Default(), dir.path(), JournalOptions{});
    const std::string payload(kPayloadBytes, 'r');
    for (int64_t i = 0; i < records; ++i) benchmark::DoNotOptimize((*writer)->Append(1, payload));
    if (!(*writer)->Close().ok()) state.SkipWithError("writing the journal failed");
  }
  for (auto _ : state) {
    uint64_t seen = 0;
    absl::StatusOr<RecoverySummary> summary = RecoverJournal(
        Env::Default(), dir.path(), JournalOptions{}, nullptr, [&](const JournalRecord& r) {
          seen += r.payload.size();
          return absl::OkStatus();
        });
    if (!summary.ok() || summary->records != static_cast<uint64_t>(records)) {
      state.SkipWithError("recovery failed");
    }
    benchmark::DoNotOptimize(seen);
  }
  state.SetItemsProcessed(state.iterations() * records);
}
BENCHMARK(BM_JournalRecover)->Arg(1 << 20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Crc32c(benchmark::State& state) {
  const std::string data(4096, 'c');
  const bool portable = state.range(0) == 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(portable ? journal::internal::Crc32cPortable(data, 0)
                                      : journal::Crc32c(data));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
  state.SetLabel(portable ? "Boost table" : "default (SSE4.2 when present)");
}
BENCHMARK(BM_Crc32c)->Arg(0)->Arg(1);

}  // namespace
}  // namespace acd
