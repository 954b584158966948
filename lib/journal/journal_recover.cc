// RecoverJournal: picks the snapshot, reads the segments after it, cuts a
// torn tail and a prepared segment's unused zeros, and refuses (or, on
// request, cuts) corruption in the middle.
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/journal.h"
#include "acd/journal_format.h"
#include "journal/journal_codec.h"

namespace acd {
namespace {

using journal_internal::DecodedRecord;
using Segments = std::map<uint64_t, std::string>;  // first seq -> name

// Whether every byte from `offset` on is zero: a prepared segment's room
// after its last record (journal_format.h), never a torn record.
bool OnlyZerosFrom(std::string_view data, size_t offset) {
  return data.find_first_not_of('\0', offset) == std::string_view::npos;
}

// The largest segment recovery reads into memory: a full segment plus one
// record of the largest size, with room for a bigger segment_bytes setting.
constexpr size_t kMaxSegmentReadBytes = size_t{4} << 30;

class Recovery {
 public:
  Recovery(Env& env, const std::string& dir, const JournalOptions& options,
           const SnapshotVisitor& on_snapshot, const RecordVisitor& on_record)
      : env_(env), options_(options), on_snapshot_(on_snapshot), on_record_(on_record) {
    summary_.dir = dir;
  }

  absl::StatusOr<RecoverySummary> Run() {
    if (!env_.FileExists(summary_.dir)) return summary_;
    if (absl::Status s = List(); !s.ok()) return s;
    if (absl::Status s = LoadSnapshot(); !s.ok()) return s;
    if (absl::Status s = ReadSegments(); !s.ok()) return s;
    if (changed_dir_ && !options_.read_only) {
      if (absl::Status s = env_.SyncDir(summary_.dir); !s.ok()) return s;
    }
    return summary_;
  }

 private:
  std::string Path(const std::string& name) const { return absl::StrCat(summary_.dir, "/", name); }

  absl::Status List();
  absl::Status LoadSnapshot();
  absl::Status ReadSegments();
  // Reads one segment; `*stop` when recovery ends in it (a cut).
  absl::Status ReadSegment(Segments::const_iterator it, bool* stop);
  absl::Status Corrupt(Segments::const_iterator it, std::string_view data, uint64_t offset,
                       const std::string& reason, bool can_be_tail);
  absl::Status SetAside(Segments::const_iterator from);
  // The directory changes, skipped (but reported) when options_.read_only.
  absl::Status Remove(const std::string& name) {
    return options_.read_only ? absl::OkStatus() : env_.RemoveFile(Path(name));
  }
  absl::Status Truncate(const std::string& name, uint64_t size) {
    return options_.read_only ? absl::OkStatus() : env_.TruncateFile(Path(name), size);
  }
  absl::Status Rename(const std::string& from, const std::string& to) {
    return options_.read_only ? absl::OkStatus() : env_.RenameFile(Path(from), Path(to));
  }

  Env& env_;
  const JournalOptions& options_;
  const SnapshotVisitor& on_snapshot_;
  const RecordVisitor& on_record_;
  RecoverySummary summary_;
  Segments segments_;
  std::map<uint64_t, std::string, std::greater<>> snapshots_;  // newest first
  uint64_t start_seq_ = 1;  // the first record to visit
  uint64_t expected_ = 0;   // the seq the next record must carry
  bool changed_dir_ = false;
};

absl::Status Recovery::List() {
  absl::StatusOr<std::vector<std::string>> names = env_.GetChildren(summary_.dir);
  if (!names.ok()) return names.status();
  for (const std::string& name : *names) {
    if (name.ends_with(journal::kTempSuffix)) {
      if (absl::Status s = Remove(name); !s.ok()) return s;
      summary_.removed.push_back(absl::StrCat(name, ": an unfinished write, removed"));
      changed_dir_ = true;
    } else if (auto first = journal::ParseSegmentFileName(name)) {
      segments_.emplace(*first, name);
    } else if (auto seq = journal::ParseSnapshotFileName(name)) {
      snapshots_.emplace(*seq, name);
    }
  }
  return absl::OkStatus();
}

absl::Status Recovery::LoadSnapshot() {
  if (options_.ignore_snapshots) snapshots_.clear();
  for (const auto& [seq, name] : snapshots_) {
    absl::StatusOr<std::string> bytes =
        env_.ReadFileToString(Path(name), journal::kSnapshotHeaderBytes + journal::kMaxSnapshotBytes);
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<journal_internal::DecodedSnapshot> snapshot =
        journal_internal::DecodeSnapshot(*bytes);
    if (snapshot.ok() && snapshot->seq != seq) {
      snapshot = absl::DataLossError(
          absl::StrCat("covers seq ", snapshot->seq, " but is named for ", seq));
    }
    if (!snapshot.ok()) {
      summary_.snapshots_skipped.push_back(absl::StrCat(name, ": ", snapshot.status().message()));
      continue;
    }
    if (on_snapshot_) {
      if (absl::Status s = on_snapshot_(seq, snapshot->payload); !s.ok()) return s;
    }
    summary_.snapshot_seq = seq;
    summary_.snapshot_file = name;
    start_seq_ = seq + 1;
    break;
  }
  summary_.next_seq = start_seq_;
  return absl::OkStatus();
}

absl::Status Recovery::ReadSegments() {
  if (segments_.empty()) return absl::OkStatus();
  auto it = segments_.upper_bound(start_seq_);
  if (it == segments_.begin()) {
    return Corrupt(it, {}, 0,
                   absl::StrCat("missing segment: records from seq ", start_seq_,
                                " are needed but the first segment starts at ", it->first),
                   /*can_be_tail=*/false);
  }
  --it;
  expected_ = it->first;
  for (; it != segments_.end(); ++it) {
    if (it->first != expected_) {
      return Corrupt(it, {}, 0,
                     absl::StrCat("sequence gap: seq ", expected_, " expected but the segment "
                                  "starts at ", it->first, " (a segment is missing)"),
                     /*can_be_tail=*/false);
    }
    bool stop = false;
    if (absl::Status s = ReadSegment(it, &stop); !s.ok() || stop) return s;
  }
  return absl::OkStatus();
}

absl::Status Recovery::ReadSegment(Segments::const_iterator it, bool* stop) {
  absl::StatusOr<std::string> data = env_.ReadFileToString(Path(it->second), kMaxSegmentReadBytes);
  if (!data.ok()) return data.status();
  ++summary_.segments_read;
  summary_.segment_bytes_read += data->size();
  if (absl::Status s = journal_internal::CheckSegmentHeader(*data, it->first); !s.ok()) {
    *stop = true;
    if (s.code() == absl::StatusCode::kFailedPrecondition) {
      return absl::FailedPreconditionError(absl::StrCat("journal ", Path(it->second), ": ",
                                                        s.message()));
    }
    return Corrupt(it, *data, 0, std::string(s.message()), /*can_be_tail=*/true);
  }
  size_t offset = journal::kSegmentHeaderBytes;
  DecodedRecord record;
  std::string reason;
  while (offset < data->size()) {
    if (OnlyZerosFrom(*data, offset)) {  // a prepared segment's unused room
      summary_.unused_bytes += data->size() - offset;
      if (absl::Status s = Truncate(it->second, offset); !s.ok()) return s;
      break;
    }
    if (!journal_internal::DecodeRecord(*data, offset, &record, &reason)) {
      *stop = true;
      return Corrupt(it, *data, offset, reason, /*can_be_tail=*/true);
    }
    if (record.seq != expected_) {
      *stop = true;
      return Corrupt(it, *data, offset,
                     absl::StrCat("record seq ", record.seq, " where ", expected_,
                                  " was expected"),
                     /*can_be_tail=*/false);
    }
    ++expected_;
    offset += record.bytes;
    if (record.seq < start_seq_) continue;  // covered by the snapshot
    if (on_record_) {
      if (absl::Status s = on_record_(JournalRecord{record.seq, record.type, record.payload});
          !s.ok()) {
        return s;
      }
    }
    if (summary_.records++ == 0) summary_.first_seq = record.seq;
    summary_.last_seq = record.seq;
    summary_.payload_bytes += record.payload.size();
    ++summary_.records_by_type[record.type];
    summary_.next_seq = record.seq + 1;
  }
  return absl::OkStatus();
}

// A bad header or record at `offset` of segment `it`. A tail (the last
// segment, nothing valid after it) is cut; anything else refuses, or is cut
// with every later segment set aside when the operator asked for it.
absl::Status Recovery::Corrupt(Segments::const_iterator it, std::string_view data,
                               uint64_t offset, const std::string& reason, bool can_be_tail) {
  const bool last = std::next(it) == segments_.end();
  const bool tail = can_be_tail && last &&
                    !journal_internal::ValidRecordFollows(data, offset + 1, expected_ - 1);
  const std::string where = absl::StrCat(it->second, " offset ", offset);
  if (!tail && !options_.truncate_at_corruption) {
    return absl::DataLossError(absl::StrCat(
        "journal ", summary_.dir, ": ", where, ": ", reason,
        "; good data follows, so this is not a torn tail: recovery refuses "
        "(truncate_at_corruption drops everything from here on)"));
  }
  JournalCut cut{it->second, offset, data.size() - offset, tail, reason};
  if (offset < journal::kSegmentHeaderBytes) {
    // Not even a whole header: the segment holds nothing worth keeping.
    if (tail) {
      if (absl::Status s = Remove(it->second); !s.ok()) return s;
      summary_.removed.push_back(absl::StrCat(it->second, ": ", reason, ", removed"));
      changed_dir_ = true;
      return absl::OkStatus();
    }
    return SetAside(it);
  }
  if (absl::Status s = Truncate(it->second, offset); !s.ok()) return s;
  summary_.cuts.push_back(std::move(cut));
  return tail ? absl::OkStatus() : SetAside(std::next(it));
}

absl::Status Recovery::SetAside(Segments::const_iterator from) {
  for (auto it = from; it != segments_.end(); ++it) {
    const std::string aside = it->second + std::string(journal::kCorruptSuffix);
    if (absl::Status s = Rename(it->second, aside); !s.ok()) return s;
    summary_.set_aside.push_back(absl::StrCat(it->second, " -> ", aside));
    changed_dir_ = true;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RecoverySummary> RecoverJournal(Env& env, const std::string& dir,
                                               const JournalOptions& options,
                                               const SnapshotVisitor& on_snapshot,
                                               const RecordVisitor& on_record) {
  Recovery recovery(env, dir, options, on_snapshot, on_record);
  return recovery.Run();
}

}  // namespace acd
