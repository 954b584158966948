// `acd erlang`: flag parsing, the model or the solver, one JSON object.
#include "tools/acd/erlang_command.h"

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "acd/erlang.h"
#include "acd/staffing.h"
#include "tools/acd/flag_reader.h"
#include "tools/acd/flag_values.h"
#include "tools/acd/staffing_flags.h"

namespace acd::tools {
namespace {

struct ErlangFlags {
  bool help = false;
  std::optional<std::string> model;  // "c" or "a"
  std::optional<double> calls_per_hour;
  std::optional<uint64_t> agents;
  StaffingFlags staffing;
};

std::string ParseValueFlag(const std::string& flag, const std::string& value, ErlangFlags* f) {
  if (flag == "--model") {
    if (value != "c" && value != "a") {
      return FlagValueError(flag, "expected 'c' (Erlang C) or 'a' (Erlang A)", value);
    }
    f->model = value;
    return "";
  }
  if (flag == "--calls-per-hour") {
    double v = 0;
    std::string error = ParseNumberFlag(flag, value, {0, 1e9, false, false}, &v);
    if (error.empty()) f->calls_per_hour = v;
    return error;
  }
  if (flag == "--agents") {
    uint64_t v = 0;
    std::string error = ParseWholeNumberFlag(flag, value, 0, kErlangMaxAgents, &v);
    if (error.empty()) f->agents = v;
    return error;
  }
  return ParseStaffingFlag(flag, value, &f->staffing);
}

// Rules between flags, once all are read.
std::string CheckFlags(const ErlangFlags& f) {
  if (!f.calls_per_hour) return "--calls-per-hour: needed (calls arriving per hour)";
  if (!f.staffing.aht_s) return "--aht-s: needed (mean handle time in seconds)";
  if (f.model == "a" && !f.staffing.patience_s) {
    return "--patience-s: needed by --model a (mean caller patience in seconds)";
  }
  if (f.model == "c" && f.staffing.patience_s) {
    return "--patience-s: only with --model a (Erlang C callers never abandon)";
  }
  const StaffingFlags& s = f.staffing;
  if (!f.agents && !s.sl_target && !s.max_asa_s && !s.max_abandon && !s.max_occupancy) {
    return "--agents: needed, or a target (--sl-target, --max-asa-s, --max-abandon, "
           "--max-occupancy) to find the fewest agents that meet it";
  }
  const double erlangs = *f.calls_per_hour * *f.staffing.aht_s / 3600;
  if (erlangs > kErlangMaxErlangs) {
    return absl::StrCat("--calls-per-hour: with --aht-s ", *f.staffing.aht_s, " the load is ",
                        erlangs, " erlangs, above the ", kErlangMaxErlangs, " the models take");
  }
  return CheckStaffingFlags(f.staffing);
}

std::string ParseErlangFlags(int argc, char** argv, ErlangFlags* f) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--help" || flag == "-h") {
      if (reader.has_inline_value()) return flag + ": takes no value";
      f->help = true;
      continue;
    }
    if (!flag.starts_with("-")) {
      return absl::StrCat("unexpected argument '", flag, "' (see 'acd erlang --help')");
    }
    if (flag != "--model" && flag != "--calls-per-hour" && flag != "--agents" &&
        !IsStaffingFlag(flag)) {
      return flag + ": unknown flag (see 'acd erlang --help')";
    }
    const std::optional<std::string> value = reader.Value();
    if (!value) return flag + ": needs a value";
    if (std::string error = ParseValueFlag(flag, *value, f); !error.empty()) return error;
  }
  return f->help ? "" : CheckFlags(*f);
}

StaffingQuestion Question(const ErlangFlags& f) {
  StaffingQuestion q;
  q.model = f.staffing.patience_s ? QueueModel::kErlangA : QueueModel::kErlangC;
  q.calls_per_hour = *f.calls_per_hour;
  q.aht_s = *f.staffing.aht_s;
  if (f.staffing.patience_s) q.patience_s = *f.staffing.patience_s;
  q.target = TargetFromFlags(f.staffing);
  return q;
}

std::string FiguresJson(const StaffingQuestion& q, const QueueFigures& r) {
  const bool a = q.model == QueueModel::kErlangA;
  std::string json = absl::StrCat("{\"model\": \"", a ? "erlang_a" : "erlang_c",
                                  "\", \"calls_per_hour\": ", JsonNumber(q.calls_per_hour),
                                  ", \"aht_s\": ", JsonNumber(q.aht_s));
  if (a) absl::StrAppend(&json, ", \"patience_s\": ", JsonNumber(q.patience_s));
  absl::StrAppend(&json, ", \"erlangs\": ", JsonNumber(r.erlangs), ", \"agents\": ", r.agents,
                  ", \"target_s\": ", JsonNumber(r.threshold_s),
                  ", \"stable\": ", r.stable ? "true" : "false",
                  ", \"p_wait\": ", JsonNumber(r.p_wait), ", \"asa_s\": ", JsonNumber(r.asa_s),
                  ", \"service_level\": ", JsonNumber(r.service_level),
                  ", \"service_level_answered\": ", JsonNumber(r.service_level_answered),
                  ", \"p_abandon\": ", JsonNumber(r.p_abandon),
                  ", \"mean_wait_s\": ", JsonNumber(r.mean_wait_s),
                  ", \"queue_length\": ", JsonNumber(r.queue_length),
                  ", \"occupancy\": ", JsonNumber(r.occupancy));
  return json;
}

int Run(const ErlangFlags& f) {
  const StaffingQuestion q = Question(f);
  if (absl::Status s = ValidateStaffingQuestion(q); !s.ok()) {
    std::cerr << "acd erlang: " << s.message() << "\n";
    return 2;
  }
  absl::StatusOr<QueueFigures> figures;
  int evaluations = 0;
  if (f.agents) {
    figures = EvaluateStaffing(q, static_cast<int64_t>(*f.agents));
  } else {
    absl::StatusOr<StaffingAnswer> answer = SolveStaffing(q);
    if (!answer.ok()) {
      std::cerr << "acd erlang: " << answer.status().message() << "\n";
      return answer.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
    figures = answer->figures;
    evaluations = answer->evaluations;
  }
  if (!figures.ok()) {
    std::cerr << "acd erlang: " << figures.status().message() << "\n";
    return 2;
  }
  std::string json = FiguresJson(q, *figures);
  if (f.staffing.sl_target) absl::StrAppend(&json, ", \"sl_target\": ", *f.staffing.sl_target);
  if (f.agents) {
    const std::string missed = MissedTarget(*figures, q.target);
    absl::StrAppend(&json, ", \"meets_targets\": ", missed.empty() ? "true" : "false");
    if (!missed.empty()) absl::StrAppend(&json, ", \"missed\": \"", missed, "\"");
  } else {
    absl::StrAppend(&json, ", \"evaluations\": ", evaluations);
  }
  if (f.staffing.shrinkage) {
    absl::StrAppend(&json, ", \"shrinkage\": ", *f.staffing.shrinkage,
                    ", \"headcount\": ", *Headcount(figures->agents, *f.staffing.shrinkage));
  }
  std::cout << json << "}\n";
  return 0;
}

}  // namespace

const char* ErlangUsage() {
  static const std::string usage = absl::StrCat(
      "usage: acd erlang [--model c|a] --calls-per-hour X --aht-s Y\n"
      "                  (--agents N | --sl-target S) [--target-s T] [--patience-s P]\n"
      "                  [--max-abandon X] [--max-asa-s X] [--max-occupancy X] [--shrinkage X]\n"
      "\n"
      "Answers one question with Erlang C (callers wait forever) or Erlang A\n"
      "(exponential patience) and prints one JSON object: with --agents, the\n"
      "figures at N agents (and whether they meet the targets given); without\n"
      "it, the fewest agents that meet --sl-target and every other target, and\n"
      "the figures there. service_level is the share of ALL calls answered\n"
      "within T; service_level_answered the share of answered ones. asa_s is\n"
      "the mean wait of answered calls; null stands for infinite (an Erlang C\n"
      "queue with agents <= erlangs never catches up: stable is false).\n"
      "\n"
      "  --model c|a           Erlang C or Erlang A (default: a with --patience-s)\n"
      "  --calls-per-hour X    calls arriving per hour\n"
      "  --agents N            agents on the phones\n",
      StaffingFlagsUsage(), "  --help                this text\n");
  return usage.c_str();
}

int RunErlangCommand(int argc, char** argv) {
  if (WantsHelp(argc, argv)) {
    std::cout << ErlangUsage();
    return 0;
  }
  ErlangFlags flags;
  if (std::string error = ParseErlangFlags(argc, argv, &flags); !error.empty()) {
    std::cerr << "acd erlang: " << error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << ErlangUsage();
    return 0;
  }
  return Run(flags);
}

}  // namespace acd::tools
