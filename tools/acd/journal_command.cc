// `acd journal`: flag parsing and the check and dump reports.
#include "tools/acd/journal_command.h"

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "acd/env.h"
#include "acd/shard_journal.h"
#include "tools/acd/flag_reader.h"

namespace acd::tools {
namespace {

const char* JournalUsage() {
  return "usage: acd journal check DIR [--truncate-at-corruption]\n"
         "       acd journal dump DIR [--from SEQ] [--limit N]\n"
         "\n"
         "DIR is a shard's journal directory (segments journal-*.log, snapshots\n"
         "snapshot-*.snap). The records are the shard's inputs: open (seed and center),\n"
         "event, advance (the clock) and reconfigure (a new center).\n"
         "\n"
         "check  replays DIR through the engine as recovery would, READ-ONLY (nothing\n"
         "       in DIR changes), and prints the records by type, the first and last\n"
         "       seq, the inputs' time range, the last event, the snapshot used, the\n"
         "       state hash after replay and, when every record since the open record\n"
         "       is still there, the state hash of a full replay from it (both must\n"
         "       be equal). A torn tail (the last write of a crash) is reported; the\n"
         "       shard's next Open cuts it. Exit 0 when recovery works, 1 when DIR is\n"
         "       damaged (the message names the segment and the offset), 2 on usage.\n"
         "  --truncate-at-corruption\n"
         "       REPAIR: MODIFIES DIR. Cuts the segment at the first corrupt record and\n"
         "       sets every later segment aside (*.corrupt); the records from there on\n"
         "       are lost. Only as an operator's explicit choice, on a copy first.\n"
         "\n"
         "dump   prints one line per record: seq, type, the decoded input (events with\n"
         "       their kind and fields). Read-only. Records a snapshot made obsolete\n"
         "       and deleted are not there; the dump then starts after the snapshot.\n"
         "  --from SEQ   first record to print (default 1)\n"
         "  --limit N    print at most N records\n"
         "\n"
         "  --help       this text\n";
}


std::string Hash(uint64_t hash) { return absl::StrCat(absl::Hex(hash, absl::kZeroPad16)); }

struct JournalFlags {
  std::string command;  // check, dump
  std::string dir;
  bool repair = false;
  uint64_t from_seq = 1;
  std::optional<uint64_t> limit;
  bool help = false;
};

std::optional<std::string> ParseFlags(int argc, char** argv, JournalFlags* flags) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string arg = reader.NextArg();
    if (arg == "--help" || arg == "-h") {
      if (reader.has_inline_value()) return absl::StrCat(arg, ": takes no value");
      flags->help = true;
    } else if (!arg.starts_with("-")) {
      if (flags->command.empty()) {
        flags->command = arg;
      } else if (flags->dir.empty()) {
        flags->dir = arg;
      } else {
        return absl::StrCat("unexpected argument '", arg, "' (see 'acd journal --help')");
      }
    } else if (arg == "--truncate-at-corruption") {
      if (reader.has_inline_value()) return absl::StrCat(arg, ": takes no value");
      flags->repair = true;
    } else if (arg == "--from" || arg == "--limit") {
      const std::optional<std::string> value = reader.Value();
      if (!value) return absl::StrCat(arg, ": needs a value");
      uint64_t n = 0;
      if (!absl::SimpleAtoi(*value, &n) || (arg == "--from" && n == 0) ||
          value->find_first_not_of("0123456789") != std::string::npos) {
        return absl::StrCat(arg, ": expected a whole number",
                            arg == "--from" ? " from 1" : "", ", got '", *value, "'");
      }
      if (arg == "--from") flags->from_seq = n;
      if (arg == "--limit") flags->limit = n;
    } else {
      return absl::StrCat(arg, ": unknown flag (see 'acd journal --help')");
    }
  }
  if (flags->help) return std::nullopt;
  if (flags->command != "check" && flags->command != "dump") {
    return flags->command.empty()
               ? std::string("expected 'check DIR' or 'dump DIR' (see 'acd journal --help')")
               : absl::StrCat("unknown journal command '", flags->command,
                              "' (expected check or dump)");
  }
  if (flags->dir.empty()) return absl::StrCat(flags->command, ": needs a directory DIR");
  if (flags->command == "dump" && flags->repair) {
    return "--truncate-at-corruption: only with check";
  }
  if (flags->command == "check" && (flags->from_seq != 1 || flags->limit)) {
    return "--from and --limit: only with dump";
  }
  return std::nullopt;
}

void PrintCuts(const RecoverySummary& journal, bool repaired) {
  for (const JournalCut& cut : journal.cuts) {
    std::cout << (cut.torn_tail ? "torn tail: " : "corruption: ")
              << (repaired ? "cut " : "recovery cuts ") << cut.file << " at offset "
              << cut.offset << " (" << cut.bytes_dropped << " bytes: " << cut.reason << ")"
              << (cut.torn_tail && !repaired ? "; the shard's next Open cuts it, nothing "
                                               "synced is lost" : "") << "\n";
  }
  for (const std::string& aside : journal.set_aside) std::cout << "set aside: " << aside << "\n";
  for (const std::string& removed : journal.removed) {
    std::cout << (repaired ? "removed: " : "recovery removes: ") << removed << "\n";
  }
  for (const std::string& skipped : journal.snapshots_skipped) {
    std::cout << "snapshot skipped: " << skipped << "\n";
  }
}

void PrintReport(const ShardCheckReport& report, bool repaired) {
  const ShardRecoverySummary& s = report.summary;
  const RecoverySummary& j = s.journal;
  std::cout << "journal " << j.dir << "\n";
  std::cout << "records replayed: " << j.records << " (open " << s.opens << ", event " << s.events
            << ", advance " << s.advances << ", reconfigure " << s.reconfigures << ")\n";
  std::cout << "seq: first " << j.first_seq << ", last " << j.last_seq << " (next " << j.next_seq
            << "), " << j.segments_read << " segment(s), " << j.segment_bytes_read << " bytes\n";
  std::cout << "rejected on replay, as when first applied: " << s.events_rejected << " events, "
            << s.advances_rejected << " advances, " << s.reconfigures_refused
            << " reconfigures\n";
  if (s.first_time_ms) {
    std::cout << "input times: @" << *s.first_time_ms << " .. @" << *s.last_time_ms << " ms\n";
  }
  if (s.last_event) std::cout << "last event: " << DescribeShardRecord(*s.last_event) << "\n";
  if (j.snapshot_seq) {
    std::cout << "snapshot used: " << j.snapshot_file << " (seq " << *j.snapshot_seq
              << ", engine time @" << s.snapshot_time_ms << ")\n";
  } else {
    std::cout << "snapshot used: none (replayed from the open record)\n";
  }
  PrintCuts(j, repaired);
  std::cout << "seed: " << s.seed << "\n";
  std::cout << "state hash after replay:      " << Hash(s.state_hash) << "\n";
  if (report.full_replay_hash) {
    std::cout << "state hash of a full replay:  " << Hash(*report.full_replay_hash)
              << (*report.full_replay_hash == s.state_hash ? " (equal)" : " (DIFFERENT)") << "\n";
  } else {
    std::cout << "state hash of a full replay:  " << report.full_replay_note << "\n";
  }
}

int Check(const JournalFlags& flags) {
  JournalOptions options;
  options.read_only = !flags.repair;
  options.truncate_at_corruption = flags.repair;
  absl::StatusOr<ShardCheckReport> report = CheckShardJournal(Env::Default(), flags.dir, options);
  if (!report.ok()) {
    std::cerr << "acd journal check: " << report.status().message() << "\n";
    return 1;
  }
  PrintReport(*report, flags.repair);
  if (report->full_replay_hash && *report->full_replay_hash != report->summary.state_hash) {
    std::cerr << "acd journal check: the full replay and the snapshot's replay disagree\n";
    return 1;
  }
  std::cout << (flags.repair ? "repaired" : "ok") << "\n";
  return 0;
}

// One line per record from flags.from_seq. Prefers the whole history (from
// the open record); when obsolete segments were deleted, starts after the
// newest snapshot and says so.
int Dump(const JournalFlags& flags) {
  Env& env = Env::Default();
  JournalOptions options;
  options.read_only = true;
  options.ignore_snapshots = true;
  absl::StatusOr<RecoverySummary> whole = RecoverJournal(env, flags.dir, options, nullptr, nullptr);
  if (!whole.ok() || whole->first_seq != 1) {  // the open record's segment is gone
    options.ignore_snapshots = false;
    std::cout << "# the records before the newest snapshot are not all there (deleted as "
                 "obsolete, or damaged); dumping from the snapshot on\n";
  }
  uint64_t printed = 0;
  auto on_snapshot = [&](uint64_t seq, std::string_view payload) {
    absl::StatusOr<ShardSnapshotRecord> snapshot = DecodeShardSnapshotRecord(payload);
    if (!snapshot.ok()) {
      std::cout << "snapshot of seq " << seq << ": undecodable: " << snapshot.status().message()
                << "\n";
      return absl::OkStatus();
    }
    std::string center = DescribeShardRecord(ShardReconfigure{snapshot->center});
    center.erase(0, center.find(' ') + 1);  // "reconfigure center: ..." -> "center: ..."
    std::cout << "snapshot of seq " << seq << ": seed " << snapshot->seed << ", " << center
              << ", engine snapshot " << snapshot->engine.size() << " bytes\n";
    return absl::OkStatus();
  };
  auto on_record = [&](const JournalRecord& record) {
    if (record.seq < flags.from_seq) return absl::OkStatus();
    if (flags.limit && printed >= *flags.limit) return absl::CancelledError("limit reached");
    ++printed;
    absl::StatusOr<ShardRecord> input = DecodeShardRecord(record.type, record.payload);
    if (!input.ok()) {
      std::cout << record.seq << " " << shard_record::TypeName(record.type)
                << " undecodable: " << input.status().message() << "\n";
      return absl::OkStatus();
    }
    std::cout << record.seq << " " << DescribeShardRecord(*input) << "\n";
    return absl::OkStatus();
  };
  absl::StatusOr<RecoverySummary> done = RecoverJournal(env, flags.dir, options, on_snapshot,
                                                        on_record);
  if (!done.ok() && done.status().code() != absl::StatusCode::kCancelled) {
    std::cerr << "acd journal dump: " << done.status().message() << "\n";
    return 1;
  }
  if (done.ok() && done->records == 0 && !done->snapshot_seq) {
    std::cerr << "acd journal dump: " << flags.dir << ": no journal here\n";
    return 1;
  }
  if (done.ok()) PrintCuts(*done, /*repaired=*/false);
  return 0;
}

}  // namespace

int RunJournalCommand(int argc, char** argv) {
  JournalFlags flags;
  if (std::optional<std::string> error = ParseFlags(argc, argv, &flags)) {
    std::cerr << "acd journal: " << *error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << JournalUsage();
    return 0;
  }
  return flags.command == "check" ? Check(flags) : Dump(flags);
}

}  // namespace acd::tools
