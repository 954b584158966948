#include "check_config.h"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/config.h"

using acd::CenterConfig;
using acd::LoadPlanningCenterFile;
using acd::PlanningCenter;

namespace {

constexpr std::string_view kUsage =
    "usage: acd check-config FILE...\n"
    "  Loads each center file (.yaml, .yml or .json) and checks it: schema,\n"
    "  names, values, the overflow graph and the sellers. Prints \"FILE: ok\n"
    "  (...)\" with what the file declares (queues, agents, skills, its\n"
    "  sellers and its own not-ready reasons and intents) or every error, one\n"
    "  per line (FILE:LINE: field.path: reason).\n"
    "  Exit status: 0 all valid, 1 an invalid or unreadable file, 2 usage.\n";

// "2 not-ready reasons (coaching, admin)"; "" when none are declared.
std::string Declared(const std::vector<std::string>& names, const char* one, const char* many) {
  if (names.empty()) return "";
  return absl::StrCat(names.size(), " ", names.size() == 1 ? one : many, " (",
                      absl::StrJoin(names, ", "), ")");
}

// "1 queue", "4 queues".
std::string Count(size_t n, const char* what) {
  return absl::StrCat(n, " ", what, n == 1 ? "" : "s");
}

std::string Summary(const PlanningCenter& planning) {
  const CenterConfig& c = planning.center;
  std::string s = absl::StrCat(Count(c.queues.size(), "queue"), ", ", Count(c.agents.size(), "agent"),
                               ", ", Count(c.skills.size(), "skill"), "; sellers: ",
                               planning.sellers ? planning.sellers->Describe() : "none declared");
  const std::string reasons =
      Declared(c.labels.not_ready_reasons, "not-ready reason", "not-ready reasons");
  const std::string intents = Declared(c.labels.intents, "intent", "intents");
  if (!reasons.empty() || !intents.empty()) {
    absl::StrAppend(&s, "; its own labels: ", reasons, !reasons.empty() && !intents.empty() ? ", " : "",
                    intents);
  }
  return s;
}

}  // namespace

int RunCheckConfig(int argc, char** argv, std::ostream& out,
                   std::ostream& err) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      out << kUsage;
      return 0;
    }
    if (arg.size() > 1 && arg.front() == '-') {
      err << "acd check-config: unknown option " << arg << "\n" << kUsage;
      return 2;
    }
    files.emplace_back(arg);
  }
  if (files.empty()) {
    err << "acd check-config: no file given\n" << kUsage;
    return 2;
  }
  int exit_code = 0;
  for (const std::string& file : files) {
    const absl::StatusOr<PlanningCenter> center = LoadPlanningCenterFile(file);
    if (!center.ok()) {
      err << center.status().message() << "\n";
      exit_code = 1;
      continue;
    }
    out << file << ": ok (" << Summary(*center) << ")\n";
  }
  return exit_code;
}

int RunCheckConfig(int argc, char** argv) {
  return RunCheckConfig(argc, argv, std::cout, std::cerr);
}
