// JournalWriter: buffered appends, group-commit syncs, segment rotation (on
// prepared segments when asked), snapshots and the removal of what the
// newest snapshots made obsolete.
#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/journal.h"
#include "acd/journal_format.h"
#include "journal/journal_codec.h"
#include "journal/background_sync.h"
#include "journal/segment_preparer.h"

namespace acd {

using journal_internal::AppendRecord;

namespace {

// Recovery may have read records that a crashed process had handed to the
// OS but never synced. A new segment must not outlive them (a later power
// loss would leave a sequence gap before it), so the newest existing
// segment, the only one rotation left unsynced, is synced first.
absl::Status SyncNewestSegment(Env& env, const std::string& dir) {
  absl::StatusOr<std::vector<std::string>> names = env.GetChildren(dir);
  if (!names.ok()) return names.status();
  std::string newest;
  for (const std::string& name : *names) {
    if (journal::ParseSegmentFileName(name)) newest = name;  // sorted: the last is newest
  }
  if (newest.empty()) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<WritableFile>> file =
      env.NewAppendableFile(absl::StrCat(dir, "/", newest));
  if (!file.ok()) return file.status();
  if (absl::Status s = (*file)->Sync(); !s.ok()) return s;
  return (*file)->Close();
}

}  // namespace

JournalWriter::JournalWriter(Env& env, std::string dir, const JournalOptions& options,
                             uint64_t next_seq)
    : env_(env),
      dir_(std::move(dir)),
      options_(options),
      next_seq_(next_seq),
      synced_seq_(next_seq - 1) {}

JournalWriter::~JournalWriter() {
  if (background_ != nullptr && background_->in_flight()) background_->Wait().IgnoreError();
  if (file_ != nullptr) file_->Close().IgnoreError();
}

absl::StatusOr<std::unique_ptr<JournalWriter>> JournalWriter::Open(Env& env,
                                                                   const std::string& dir,
                                                                   const JournalOptions& options,
                                                                   RecoverySummary* recovered) {
  if (absl::Status s = env.CreateDir(dir); !s.ok()) return s;
  absl::StatusOr<RecoverySummary> summary = RecoverJournal(env, dir, options, nullptr, nullptr);
  if (!summary.ok()) return summary.status();
  if (recovered != nullptr) *recovered = *summary;
  return OpenAfterRecovery(env, dir, options, *summary);
}

absl::StatusOr<std::unique_ptr<JournalWriter>> JournalWriter::OpenAfterRecovery(
    Env& env, const std::string& dir, const JournalOptions& options,
    const RecoverySummary& recovered) {
  if (recovered.next_seq == 0) {
    return absl::InvalidArgumentError("journal: a recovery summary with next_seq 0");
  }
  if (options.read_only) {
    return absl::InvalidArgumentError("journal: a writer cannot be opened read-only");
  }
  if (absl::Status s = env.CreateDir(dir); !s.ok()) return s;
  if (absl::Status s = SyncNewestSegment(env, dir); !s.ok()) return s;
  std::unique_ptr<JournalWriter> writer(new JournalWriter(env, dir, options, recovered.next_seq));
  if (options.prepare_segments) {
    writer->preparer_ =
        std::make_unique<journal_internal::SegmentPreparer>(env, dir, options.segment_bytes);
    if (absl::Status s = writer->preparer_->PrepareNow(); !s.ok()) return s;
  }
  if (absl::Status s = writer->StartSegment(); !s.ok()) return s;
  return writer;
}

absl::Status JournalWriter::Fail(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
  return status_;
}

absl::StatusOr<std::unique_ptr<WritableFile>> JournalWriter::OpenPrepared(
    const std::string& path) {
  std::optional<std::string> ready = preparer_ ? preparer_->Take() : std::nullopt;
  if (!ready) return std::unique_ptr<WritableFile>();
  if (!env_.RenameFile(*ready, path).ok()) {  // a plain segment instead
    env_.RemoveFile(*ready).IgnoreError();
    return std::unique_ptr<WritableFile>();
  }
  return env_.NewOverwritingFile(path);
}

absl::Status JournalWriter::CutPrepared() {
  if (!file_prepared_) return absl::OkStatus();
  file_prepared_ = false;
  absl::Status s = env_.TruncateFile(file_->path(), segment_bytes_);
  return s.ok() ? s : Fail(std::move(s));
}

// A new segment named for next_seq_ (on a prepared file when one is ready):
// its header synced, then the directory, so the file is there after a
// crash before its first record is.
absl::Status JournalWriter::StartSegment() {
  const std::string path = absl::StrCat(dir_, "/", journal::SegmentFileName(next_seq_));
  absl::StatusOr<std::unique_ptr<WritableFile>> file = OpenPrepared(path);
  if (!file.ok()) return Fail(file.status());
  file_prepared_ = *file != nullptr;
  if (!file_prepared_) file = env_.NewWritableFile(path);
  if (!file.ok()) return Fail(file.status());
  file_ = *std::move(file);
  if (preparer_) preparer_->Request();  // the next one, while this one fills
  const std::string header = journal_internal::EncodeSegmentHeader(next_seq_);
  absl::Status s = file_->Append(header);
  if (s.ok()) s = file_->Sync();
  if (s.ok()) s = env_.SyncDir(dir_);
  if (!s.ok()) return Fail(std::move(s));
  segment_bytes_ = header.size();
  segment_records_ = 0;
  return absl::OkStatus();
}

absl::Status JournalWriter::WriteBuffer() {
  if (buffer_.size() == 0) return absl::OkStatus();
  const absl::Status s = file_->Append(buffer_.data());
  buffer_.Clear();  // keeps the capacity: no allocation per batch
  if (!s.ok()) return Fail(s);
  return absl::OkStatus();
}

absl::Status JournalWriter::Rotate() {
  absl::Status s = FinishSync();
  if (s.ok()) s = WriteBuffer();
  if (s.ok()) s = file_->Sync();
  if (s.ok()) s = CutPrepared();
  if (s.ok()) s = file_->Close();
  if (!s.ok()) return Fail(std::move(s));
  synced_seq_ = next_seq_ - 1;
  file_.reset();
  return StartSegment();
}

absl::StatusOr<uint64_t> JournalWriter::Append(uint8_t type, std::string_view payload) {
  if (!status_.ok()) return status_;
  if (file_ == nullptr) return absl::FailedPreconditionError("journal: the writer is closed");
  if (type == journal::kInvalidRecordType) {
    return absl::InvalidArgumentError("journal: record type 0 is reserved");
  }
  if (payload.size() > journal::kMaxPayloadBytes) {
    return absl::InvalidArgumentError(absl::StrCat("journal: a payload of ", payload.size(),
                                                   " bytes is above the limit of ",
                                                   journal::kMaxPayloadBytes));
  }
  const uint64_t record_bytes = journal::kRecordHeaderBytes + payload.size();
  if (segment_records_ > 0 && segment_bytes_ + record_bytes > options_.segment_bytes) {
    if (absl::Status s = Rotate(); !s.ok()) return s;
  }
  const uint64_t seq = next_seq_++;
  AppendRecord(&buffer_, seq, type, payload);
  segment_bytes_ += record_bytes;
  ++segment_records_;
  if (buffer_.size() >= options_.buffer_bytes) {
    if (absl::Status s = WriteBuffer(); !s.ok()) return s;
  }
  return seq;
}

absl::Status JournalWriter::Sync() {
  if (absl::Status s = FinishSync(); !s.ok()) return s;
  if (file_ == nullptr) return absl::FailedPreconditionError("journal: the writer is closed");
  if (synced_seq_ == next_seq_ - 1) return absl::OkStatus();
  if (absl::Status s = WriteBuffer(); !s.ok()) return s;
  if (absl::Status s = file_->Sync(); !s.ok()) return Fail(std::move(s));
  synced_seq_ = next_seq_ - 1;
  return absl::OkStatus();
}

absl::Status JournalWriter::StartSync(std::function<void()> done) {
  if (absl::Status s = FinishSync(); !s.ok()) return s;
  if (file_ == nullptr) return absl::FailedPreconditionError("journal: the writer is closed");
  if (absl::Status s = WriteBuffer(); !s.ok()) return s;
  if (background_ == nullptr) background_ = std::make_unique<journal_internal::BackgroundSync>();
  in_flight_seq_ = next_seq_ - 1;
  background_->Start(file_.get(), std::move(done));
  return absl::OkStatus();
}

absl::Status JournalWriter::FinishSync() {
  if (!sync_in_flight()) return status_;
  if (absl::Status s = background_->Wait(); !s.ok()) return Fail(std::move(s));
  // Every record the sync covers is durable; later ones wait for theirs.
  synced_seq_ = std::max(synced_seq_, in_flight_seq_);
  return status_;
}

bool JournalWriter::sync_in_flight() const {
  return background_ != nullptr && background_->in_flight();
}

absl::Status JournalWriter::WriteSnapshot(uint64_t seq, std::string_view payload) {
  if (seq >= next_seq_) {
    return absl::InvalidArgumentError(absl::StrCat("journal: a snapshot at seq ", seq,
                                                   " but the last record is ", next_seq_ - 1));
  }
  if (absl::Status s = Sync(); !s.ok()) return s;
  const std::string path = absl::StrCat(dir_, "/", journal::SnapshotFileName(seq));
  return WriteFileAtomically(env_, path, journal_internal::EncodeSnapshot(seq, payload));
}

absl::Status JournalWriter::DeleteObsolete(uint64_t snapshot_seq) {
  if (!status_.ok()) return status_;
  absl::StatusOr<std::vector<std::string>> names = env_.GetChildren(dir_);
  if (!names.ok()) return names.status();
  std::map<uint64_t, std::string, std::greater<>> snapshots;  // newest first
  std::map<uint64_t, std::string> segments;                   // oldest first
  for (const std::string& name : *names) {
    if (auto seq = journal::ParseSnapshotFileName(name); seq && *seq <= snapshot_seq) {
      snapshots.emplace(*seq, name);
    } else if (auto first = journal::ParseSegmentFileName(name)) {
      segments.emplace(*first, name);
    }
  }
  if (snapshots.empty()) return absl::OkStatus();
  const size_t keep = static_cast<size_t>(std::max(1, options_.keep_snapshots));
  std::vector<std::string> doomed;
  uint64_t oldest_kept = 0;
  size_t rank = 0;
  for (const auto& [seq, name] : snapshots) {
    if (rank++ < keep) {
      oldest_kept = seq;
    } else {
      doomed.push_back(name);
    }
  }
  // A segment is covered when the next one starts at or before oldest_kept + 1.
  for (auto it = segments.begin(); it != segments.end(); ++it) {
    auto next = std::next(it);
    if (next == segments.end() || next->first > oldest_kept + 1) break;
    doomed.push_back(it->second);
  }
  for (const std::string& name : doomed) {
    if (absl::Status s = env_.RemoveFile(absl::StrCat(dir_, "/", name)); !s.ok()) return s;
  }
  return doomed.empty() ? absl::OkStatus() : env_.SyncDir(dir_);
}

absl::Status JournalWriter::Close() {
  if (file_ == nullptr) return status_;
  absl::Status s = Sync();
  if (s.ok()) s = CutPrepared();
  const absl::Status closed = file_->Close();
  file_.reset();
  if (s.ok() && !closed.ok()) s = Fail(closed);
  return s;
}

}  // namespace acd
