// acd: the command-line program. Dispatches to one subcommand per file;
// only subcommands that are built are listed.
#include <cstring>
#include <iostream>
#include <string_view>

#include "tools/acd/compare_command.h"
#include "tools/acd/sim_command.h"
#ifdef ACD_HAVE_CHECK_CONFIG
#include "tools/acd/check_config.h"
#endif
#ifdef ACD_HAVE_JOURNAL_COMMAND
#include "tools/acd/journal_command.h"
#ifdef ACD_HAVE_SERVE_COMMAND
#include "tools/acd/demo_command.h"
#include "tools/acd/serve_command.h"
#endif
#endif
#ifdef ACD_HAVE_STAFF_COMMANDS
#include "tools/acd/erlang_command.h"
#include "tools/acd/staff_command.h"
#endif

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

constexpr Subcommand kSubcommands[] = {
    {"sim", "simulate a morning of a center through the engine (--trace for every decision)",
     acd::tools::RunSimCommand},
    {"compare", "the same simulated day through two center files, side by side",
     acd::tools::RunCompareCommand},
#ifdef ACD_HAVE_CHECK_CONFIG
    {"check-config", "check a center file and report every error with its line",
     ::RunCheckConfig},
#endif
#ifdef ACD_HAVE_STAFF_COMMANDS
    {"staff", "agents needed per interval of a forecast (Erlang C/A, --verify by simulation)",
     acd::tools::RunStaffCommand},
    {"erlang", "one Erlang C or Erlang A question, answered as one JSON object",
     acd::tools::RunErlangCommand},
#endif
#ifdef ACD_HAVE_SERVE_COMMAND
    {"serve", "serve a center over gRPC to PBX adapters, CRMs and supervisors",
     acd::tools::RunServeCommand},
    {"demo", "play a simulated morning to acd serve over gRPC, as a PBX would",
     acd::tools::RunDemoCommand},
#endif
#ifdef ACD_HAVE_JOURNAL_COMMAND
    {"journal", "check or dump a shard's journal directory (check is read-only)",
     acd::tools::RunJournalCommand},
#endif
};

void PrintUsage(std::ostream& out) {
  out << "usage: acd <command> [flags]\n"
         "       acd <command> --help\n"
         "       acd help <command>\n\n"
         "acd is a deterministic call-center ACD engine and capacity planner.\n\n"
         "commands:\n";
  for (const Subcommand& s : kSubcommands) {
    out << "  " << s.name << std::string(14 - std::strlen(s.name), ' ') << s.summary << "\n";
  }
  out << "  help          this text\n"
         "\nflags: --help, --version\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(std::cerr);
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "help" && argc >= 3) {  // "acd help sim": the command's own help
    for (const Subcommand& s : kSubcommands) {
      if (std::string_view(argv[2]) != s.name) continue;
      char help[] = "--help";
      char* args[] = {argv[2], help, nullptr};
      return s.run(2, args);
    }
    std::cerr << "acd help: unknown command '" << argv[2] << "' (see 'acd --help')\n";
    return 2;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    PrintUsage(std::cout);
    return 0;
  }
  if (command == "--version") {
    std::cout << "acd " << ACD_VERSION << "\n";
    return 0;
  }
  for (const Subcommand& s : kSubcommands) {
    if (command == s.name) return s.run(argc - 1, argv + 1);
  }
  std::cerr << "acd: unknown command '" << command << "' (see 'acd --help')\n";
  return 2;
}
