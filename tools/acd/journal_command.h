// `acd journal check DIR` and `acd journal dump DIR`: an operator's view of
// a shard's journal directory (include/acd/shard_journal.h). check replays
// it read-only and reports what recovery would use and cut and the state
// hash (and that of a full replay from the open record); dump prints one
// line per record. Repair is explicit: check --truncate-at-corruption.
#ifndef ACD_TOOLS_ACD_JOURNAL_COMMAND_H_
#define ACD_TOOLS_ACD_JOURNAL_COMMAND_H_

namespace acd::tools {

// argv[0] is "journal"; a subcommand (check, dump), DIR and flags follow.
// Returns the process exit code: 0 clean (or dumped), 1 damaged or
// unreadable (the message names the segment and the offset), 2 bad usage.
int RunJournalCommand(int argc, char** argv);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_JOURNAL_COMMAND_H_
