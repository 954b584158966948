// Helpers for the journal tests: deterministic payloads, writing a journal
// of N records, and recovering a directory into plain values.
#ifndef ACD_TESTS_JOURNAL_JOURNAL_TEST_UTIL_H_
#define ACD_TESTS_JOURNAL_JOURNAL_TEST_UTIL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "acd/env.h"
#include "acd/journal.h"
#include "acd/journal_format.h"

namespace acd::test_env {

// Record `seq`'s payload: its own number and a length that varies with it.
inline std::string Payload(uint64_t seq) {
  return absl::StrCat("record ", seq, ":", std::string(seq % 41, static_cast<char>('a' + seq % 26)));
}
inline uint8_t TypeOf(uint64_t seq) { return static_cast<uint8_t>(1 + seq % 3); }

struct Recovered {
  std::optional<uint64_t> snapshot_seq;
  std::string snapshot;
  std::vector<uint64_t> seqs;
  std::vector<std::string> payloads;
  RecoverySummary summary;

  // Whether the records are exactly Payload(first..last), typed by TypeOf.
  bool IsRange(uint64_t first, uint64_t last) const {
    if (seqs.size() != last + 1 - first) return false;
    for (uint64_t s = first; s <= last; ++s) {
      if (seqs[s - first] != s || payloads[s - first] != Payload(s)) return false;
    }
    return true;
  }
};

inline absl::StatusOr<Recovered> Recover(Env& env, const std::string& dir,
                                         const JournalOptions& options = {}) {
  Recovered out;
  absl::StatusOr<RecoverySummary> summary = RecoverJournal(
      env, dir, options,
      [&](uint64_t seq, std::string_view payload) {
        out.snapshot_seq = seq;
        out.snapshot = std::string(payload);
        return absl::OkStatus();
      },
      [&](const JournalRecord& r) {
        if (r.type != TypeOf(r.seq)) return absl::InternalError(absl::StrCat("type of ", r.seq));
        out.seqs.push_back(r.seq);
        out.payloads.push_back(std::string(r.payload));
        return absl::OkStatus();
      });
  if (!summary.ok()) return summary.status();
  out.summary = *std::move(summary);
  return out;
}

// Appends records next_seq()..last with their test payloads.
inline absl::Status AppendUpTo(JournalWriter& writer, uint64_t last) {
  while (writer.next_seq() <= last) {
    const uint64_t seq = writer.next_seq();
    absl::StatusOr<uint64_t> got = writer.Append(TypeOf(seq), Payload(seq));
    if (!got.ok()) return got.status();
  }
  return absl::OkStatus();
}

// The segment files of `dir`, oldest first.
inline std::vector<std::string> SegmentNames(Env& env, const std::string& dir) {
  std::vector<std::string> out;
  const absl::StatusOr<std::vector<std::string>> names = env.GetChildren(dir);
  if (!names.ok()) return out;
  for (const std::string& name : *names) {
    if (journal::ParseSegmentFileName(name)) out.push_back(name);
  }
  return out;
}

}  // namespace acd::test_env

#endif  // ACD_TESTS_JOURNAL_JOURNAL_TEST_UTIL_H_
