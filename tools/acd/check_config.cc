#include "check_config.h"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "acd/config.h"

using acd::CenterConfig;
using acd::LoadCenterFile;

namespace {

constexpr std::string_view kUsage =
    "usage: acd check-config FILE...\n"
    "  Loads each center file (.yaml, .yml or .json) and checks it: schema,\n"
    "  names, values and the overflow graph. Prints \"FILE: ok (...)\" or\n"
    "  every error, one per line (FILE:LINE: field.path: reason).\n"
    "  Exit status: 0 all valid, 1 an invalid or unreadable file, 2 usage.\n";

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
    const absl::StatusOr<CenterConfig> center = LoadCenterFile(file);
    if (!center.ok()) {
      err << center.status().message() << "\n";
      exit_code = 1;
      continue;
    }
    out << file << ": ok (" << center->queues.size() << " queues, "
        << center->agents.size() << " agents, " << center->skills.size()
        << " skills)\n";
  }
  return exit_code;
}

int RunCheckConfig(int argc, char** argv) {
  return RunCheckConfig(argc, argv, std::cout, std::cerr);
}
