// RecoverySummary::ToString: what recovery found and did, for a log line or
// an operator's terminal.
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/journal.h"

namespace acd {

std::string RecoverySummary::ToString() const {
  std::string out = absl::StrCat("journal ", dir, ": ");
  if (snapshot_seq.has_value()) {
    absl::StrAppend(&out, "snapshot ", snapshot_file, " (seq ", *snapshot_seq, ")");
  } else {
    absl::StrAppend(&out, "no snapshot");
  }
  if (records == 0) {
    absl::StrAppend(&out, ", no records after it");
  } else {
    absl::StrAppend(&out, ", ", records, " records (seq ", first_seq, "..", last_seq, ", ",
                    payload_bytes, " payload bytes) from ", segments_read, " segment(s) of ",
                    segment_bytes_read, " bytes");
  }
  if (unused_bytes > 0) absl::StrAppend(&out, ", ", unused_bytes, " unused prepared bytes");
  absl::StrAppend(&out, "; next seq ", next_seq, "\n");
  std::string types;
  for (size_t type = 0; type < records_by_type.size(); ++type) {
    if (records_by_type[type] == 0) continue;
    absl::StrAppend(&types, types.empty() ? "" : ", ", type, ": ", records_by_type[type]);
  }
  if (!types.empty()) absl::StrAppend(&out, "  records by type: ", types, "\n");
  for (const std::string& skipped : snapshots_skipped) {
    absl::StrAppend(&out, "  skipped snapshot ", skipped, "\n");
  }
  for (const JournalCut& cut : cuts) {
    absl::StrAppend(&out, "  cut ", cut.file, " at offset ", cut.offset, " (",
                    cut.bytes_dropped, " bytes dropped, ",
                    cut.torn_tail ? "torn tail" : "corruption, truncate_at_corruption", "): ",
                    cut.reason, "\n");
  }
  for (const std::string& aside : set_aside) absl::StrAppend(&out, "  set aside ", aside, "\n");
  for (const std::string& removed_file : removed) {
    absl::StrAppend(&out, "  removed ", removed_file, "\n");
  }
  return out;
}

}  // namespace acd
