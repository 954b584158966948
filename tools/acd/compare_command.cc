// `acd compare`: flag parsing, loading both centers, printing the table.
#include "tools/acd/compare_command.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/config.h"
#include "tools/acd/compare_run.h"
#include "tools/acd/file_error.h"
#include "tools/acd/flag_reader.h"

namespace acd::tools {
namespace {

constexpr int kLabelWidth = 42;
constexpr int kColumnWidth = 24;

struct CompareFlags {
  std::vector<std::string> files;
  std::string seller_queue;  // --seller-queue; empty: each file's sellers
  CompareSetup setup;
  bool help = false;
};

const char* CompareUsage() {
  return "usage: acd compare FILE_A FILE_B [--replications R] [--seed S] [--from HH:MM]\n"
         "                  [--to HH:MM] [--calls-per-hour X] [--seller-queue NAME]\n"
         "                  [--threads N]\n"
         "\n"
         "Simulates the same day of the sales department's callers through two center\n"
         "files (two designs of the call flow) R times each and prints, side by side\n"
         "with 95% confidence intervals, the time for a buyer to reach a seller, the\n"
         "calls lost, the contacts captured, service level, ASA and occupancy, and\n"
         "the difference B - A paired by replication: replication k of both designs\n"
         "has the same seed, hence the same callers (arrivals, menu choices,\n"
         "patience, talk times). Callers of a queue B lacks go to B's entry_default.\n"
         "\n"
         "  --replications R     days simulated per design, 2-1000 (default 20)\n"
         "  --seed S             base seed (default 1)\n"
         "  --from HH:MM         first arrival (default 08:00)\n"
         "  --to HH:MM           last arrival; the line is then served out (default 18:00)\n"
         "  --calls-per-hour X   average calls per hour over the window, keeping the\n"
         "                       day's shape (default: the day's profile as is)\n"
         "  --seller-queue NAME  the queue whose agents are the sellers in both designs\n"
         "                       (default: each center file's `sellers` entry)\n"
         "  --threads N          threads, 1-256 (default: every core)\n"
         "  --help               this text\n";
}

std::string Bad(const std::string& flag, const char* why, const std::string& value) {
  return absl::StrCat(flag, ": ", why, ", got '", value, "'");
}

bool WholeNumber(const std::string& value, uint64_t low, uint64_t high, uint64_t* out) {
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) return false;
  return absl::SimpleAtoi(value, out) && *out >= low && *out <= high;
}

// One flag with a value; an empty string when it was fine.
std::string ParseValue(const std::string& flag, const std::string& value, CompareSetup* setup,
                       std::string* seller_queue) {
  uint64_t n = 0;
  if (flag == "--replications") {
    if (!WholeNumber(value, 2, 1000, &n)) {
      return Bad(flag, "expected a whole number from 2 to 1000", value);
    }
    setup->replications = static_cast<int>(n);
  } else if (flag == "--seed") {
    if (!WholeNumber(value, 0, UINT64_MAX, &setup->seed)) {
      return Bad(flag, "expected a whole number from 0 to 18446744073709551615", value);
    }
  } else if (flag == "--threads") {
    if (!WholeNumber(value, 1, 256, &n)) {
      return Bad(flag, "expected a whole number from 1 to 256", value);
    }
    setup->threads = static_cast<int>(n);
  } else if (flag == "--from" || flag == "--to") {
    if (!ParseClock(value, flag == "--from" ? &setup->from_ms : &setup->to_ms)) {
      return Bad(flag, "expected a time HH:MM (00:00-24:00)", value);
    }
  } else if (flag == "--calls-per-hour") {
    double rate = 0;
    if (!absl::SimpleAtod(value, &rate) || !std::isfinite(rate) || rate <= 0 || rate > 1e6) {
      return Bad(flag, "expected a number of calls per hour above 0, at most 1000000", value);
    }
    setup->calls_per_hour = rate;
  } else if (flag == "--seller-queue") {
    if (value.empty()) return absl::StrCat(flag, ": needs a queue name");
    *seller_queue = value;
  } else {
    return absl::StrCat(flag, ": unknown flag (see 'acd compare --help')");
  }
  return "";
}

std::optional<std::string> ParseFlags(int argc, char** argv, CompareFlags* flags) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string arg = reader.NextArg();
    if (arg == "--help" || arg == "-h") {
      if (reader.has_inline_value()) return absl::StrCat(arg, ": takes no value");
      flags->help = true;
      continue;
    }
    if (!arg.starts_with("-")) {
      flags->files.push_back(arg);
      continue;
    }
    if (arg != "--replications" && arg != "--seed" && arg != "--threads" && arg != "--from" &&
        arg != "--to" && arg != "--calls-per-hour" && arg != "--seller-queue") {
      return absl::StrCat(arg, ": unknown flag (see 'acd compare --help')");
    }
    const std::optional<std::string> value = reader.Value();
    if (!value) return absl::StrCat(arg, ": needs a value");
    std::string error = ParseValue(arg, *value, &flags->setup, &flags->seller_queue);
    if (!error.empty()) return error;
  }
  if (flags->help) return std::nullopt;
  if (flags->files.size() != 2) {
    return absl::StrCat("expected two center files (FILE_A FILE_B), got ", flags->files.size(),
                        " (see 'acd compare --help')");
  }
  if (flags->setup.to_ms <= flags->setup.from_ms) {
    return absl::StrCat("--to: must be after --from (", FormatClock(flags->setup.from_ms),
                        "), got ", FormatClock(flags->setup.to_ms));
  }
  return std::nullopt;
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Cell(const KpiEstimate& e, int decimals) {
  if (e.n == 0) return "n/a";
  if (std::isnan(e.half_width)) return absl::StrFormat("%.*f", decimals, e.mean);
  return absl::StrFormat("%.*f ± %.*f", decimals, e.mean, decimals, e.half_width);
}

// Pads to `width` display columns ("±" is two bytes, one column).
std::string Pad(const std::string& text, int width) {
  int columns = 0;
  for (unsigned char c : text) columns += (c & 0xC0) != 0x80;
  return text + std::string(static_cast<size_t>(std::max(1, width - columns)), ' ');
}

void PrintTable(const std::array<std::string, 2>& names, const CompareFlags& flags,
                const ComparisonResult& result) {
  const CompareSetup& s = flags.setup;
  std::cout << "Same callers through both designs: " << FormatClock(s.from_ms) << "-"
            << FormatClock(s.to_ms) << ", " << s.replications << " replications, seed "
            << s.seed << "; mean ± 95% confidence half-width\n"
            << "  A: " << flags.files[0] << "\n  B: " << flags.files[1] << "\n";
  for (const std::string& note : result.notes) std::cout << "  " << note << "\n";
  std::cout << "\n";
  std::cout << Pad("figure per day", kLabelWidth) << Pad("A: " + names[0], kColumnWidth)
            << Pad("B: " + names[1], kColumnWidth) << "B - A (paired)\n";
  for (int m = 0; m < kMetricCount; ++m) {
    const CompareMetricDef& def = MetricDef(static_cast<CompareMetric>(m));
    std::cout << Pad(def.label, kLabelWidth)
              << Pad(Cell(result.designs[0][m], def.decimals), kColumnWidth)
              << Pad(Cell(result.designs[1][m], def.decimals), kColumnWidth)
              << Cell(result.diff[m], def.decimals) << "\n";
  }
}

}  // namespace

int RunCompareCommand(int argc, char** argv) {
  if (WantsHelp(argc, argv)) {
    std::cout << CompareUsage();
    return 0;
  }
  CompareFlags flags;
  if (std::optional<std::string> error = ParseFlags(argc, argv, &flags)) {
    std::cerr << "acd compare: " << *error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << CompareUsage();
    return 0;
  }
  std::array<CenterConfig, 2> centers;
  std::array<std::string, 2> names;
  for (int d = 0; d < 2; ++d) {
    absl::StatusOr<PlanningCenter> center = LoadPlanningCenterFile(flags.files[d]);
    if (!center.ok()) {
      std::cerr << "acd compare: " << FileError(flags.files[d], center.status()) << "\n";
      return 1;
    }
    flags.setup.sellers[d] = center->sellers;
    if (!flags.seller_queue.empty()) {
      absl::StatusOr<SellerDefinition> queue =
          SellerQueue(center->center, flags.seller_queue, "--seller-queue");
      if (!queue.ok()) {
        std::cerr << "acd compare: " << flags.files[d] << ": " << queue.status().message() << "\n";
        return 1;
      }
      flags.setup.sellers[d] = *queue;
    }
    centers[d] = std::move(center->center);
    names[d] = BaseName(flags.files[d]);
  }
  absl::StatusOr<ComparisonResult> result =
      RunComparison({&centers[0], &centers[1]}, {flags.files[0], flags.files[1]}, flags.setup);
  if (!result.ok()) {
    std::cerr << "acd compare: " << result.status().message() << "\n";
    // A bad flag value (named first) is a usage error; a center that cannot
    // take the other's callers is the files' problem.
    return std::string(result.status().message()).starts_with("--") ? 2 : 1;
  }
  PrintTable(names, flags, *result);
  return 0;
}

}  // namespace acd::tools
