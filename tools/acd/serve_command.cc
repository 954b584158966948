// `acd serve`: flags, signals and structured logs around acd::Server.
#include "tools/acd/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "acd/config.h"
#include "acd/server.h"
#include "tools/acd/flag_reader.h"

namespace acd::tools {
namespace {

const char* ServeUsage() {
  return "usage: acd serve [--config FILE] [--center NAME] [--listen ADDR] [--journal DIR]\n"
         "                 [--no-journal] [--clock real|manual] [--clock-start HH:MM]\n"
         "                 [--seed N] [--port-file FILE] [--max-in-flight N]\n"
         "                 [--inbox-bound N]\n"
         "\n"
         "Serves one center over gRPC (proto/acd/v1/acd_service.proto): PBX adapters\n"
         "stream events in (Connect) and get routing commands back; CRMs and\n"
         "supervisors use the unary calls; Watch streams live figures. Health checking\n"
         "(grpc.health.v1) and server reflection are on, so grpcurl-style tools work.\n"
         "\n"
         "  --config FILE    the center file (YAML or JSON); default: the embedded\n"
         "                   default center (examples/centers/sales.yaml)\n"
         "  --center NAME    the name requests use for it (default: the file's stem,\n"
         "                   or \"sales\")\n"
         "  --listen ADDR    host:port to listen on (default 127.0.0.1:50051; port 0\n"
         "                   picks a free port). Only loopback unless you say otherwise.\n"
         "  --journal DIR    where the center's journal lives: DIR/NAME/engine (the\n"
         "                   engine's inputs) and DIR/NAME/calls (the PBX's call ids).\n"
         "                   Default ./acd-journal. Every acknowledged event is in it;\n"
         "                   a restart on the same DIR recovers the state.\n"
         "  --no-journal     keep nothing on disk (acknowledgements then mean applied,\n"
         "                   not durable)\n"
         "  --clock real     the engine follows real time (default)\n"
         "  --clock manual   the clock moves only by the AdvanceClock call (demos,\n"
         "                   replays of recorded days, tests)\n"
         "  --clock-start HH:MM  where a manual clock starts (default 00:00)\n"
         "  --seed N         the engine's seed for random strategies (default 1)\n"
         "  --port-file FILE write the port listened on to FILE once serving (for\n"
         "                   scripts that pass port 0)\n"
         "  --max-in-flight N  events one adapter may have unacknowledged before the\n"
         "                   server stops reading its stream (default 1024)\n"
         "  --inbox-bound N  inputs the center's shard holds before it answers\n"
         "                   RESOURCE_EXHAUSTED (back-pressure; default 4096)\n"
         "\n"
         "Signals: SIGTERM or SIGINT stop gracefully (adapter streams are answered\n"
         "and closed, every shard drains and syncs its journal); SIGHUP rereads the\n"
         "center file and applies it without losing a call.\n"
         "Logs: one line per server event on stderr, \"ts=... level=... event=...\".\n";
}

struct ServeFlags {
  std::string config;
  std::string center;
  std::string listen = "127.0.0.1:50051";
  std::string journal = "acd-journal";
  bool manual_clock = false;
  TimeMs clock_start_ms = 0;
  uint64_t seed = 1;
  std::string port_file;
  uint32_t max_in_flight = 1024;
  uint32_t inbox_bound = 4096;
  bool help = false;
};

std::optional<std::string> ParseFlags(int argc, char** argv, ServeFlags* flags) {
  FlagReader reader(argc, argv);
  while (!reader.Done()) {
    const std::string flag = reader.NextArg();
    if (flag == "--help" || flag == "-h") {
      flags->help = true;
      continue;
    }
    if (flag == "--no-journal") {
      flags->journal.clear();
      continue;
    }
    std::optional<std::string> value = reader.Value();
    if (!value.has_value()) return absl::StrCat(flag, ": a value is required");
    if (flag == "--config") {
      flags->config = *value;
    } else if (flag == "--center") {
      flags->center = *value;
    } else if (flag == "--listen") {
      flags->listen = *value;
    } else if (flag == "--journal") {
      if (value->empty()) return "--journal: an empty directory name (use --no-journal)";
      flags->journal = *value;
    } else if (flag == "--clock") {
      if (*value != "real" && *value != "manual") {
        return absl::StrCat("--clock: '", *value, "' is neither real nor manual");
      }
      flags->manual_clock = *value == "manual";
    } else if (flag == "--clock-start") {
      if (!ParseClock(*value, &flags->clock_start_ms)) {
        return absl::StrCat("--clock-start: '", *value, "' is not HH:MM");
      }
    } else if (flag == "--seed") {
      if (!absl::SimpleAtoi(*value, &flags->seed)) {
        return absl::StrCat("--seed: '", *value, "' is not a whole number");
      }
    } else if (flag == "--port-file") {
      flags->port_file = *value;
    } else if (flag == "--inbox-bound") {
      if (!absl::SimpleAtoi(*value, &flags->inbox_bound) || flags->inbox_bound == 0) {
        return absl::StrCat("--inbox-bound: '", *value, "' is not a positive number");
      }
    } else if (flag == "--max-in-flight") {
      if (!absl::SimpleAtoi(*value, &flags->max_in_flight) || flags->max_in_flight == 0) {
        return absl::StrCat("--max-in-flight: '", *value, "' is not a positive number");
      }
    } else {
      return absl::StrCat(flag, ": unknown flag (see acd serve --help)");
    }
  }
  return std::nullopt;
}

std::mutex log_mu;

void LogLine(std::string_view line) {
  std::lock_guard<std::mutex> lock(log_mu);
  std::cerr << "ts=" << absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone())
            << " " << line << std::endl;
}

}  // namespace

int RunServeCommand(int argc, char** argv) {
  ServeFlags flags;
  if (std::optional<std::string> error = ParseFlags(argc, argv, &flags)) {
    std::cerr << "acd serve: " << *error << "\n";
    return 2;
  }
  if (flags.help) {
    std::cout << ServeUsage();
    return 0;
  }
  ServedCenter served;
  if (flags.config.empty()) {
    absl::StatusOr<CenterConfig> center = DefaultCenter();
    if (!center.ok()) {
      std::cerr << "acd serve: the default center: " << center.status().message() << "\n";
      return 1;
    }
    served.center = *std::move(center);
    served.name = flags.center.empty() ? "sales" : flags.center;
  } else {
    absl::StatusOr<CenterConfig> center = LoadCenterFile(flags.config);
    if (!center.ok()) {
      std::cerr << "acd serve: --config " << center.status().message() << "\n";
      return 1;
    }
    served.center = *std::move(center);
    served.config_path = flags.config;
    served.name = flags.center.empty() ? std::filesystem::path(flags.config).stem().string()
                                       : flags.center;
  }

  // Signals are taken by one thread with sigwait; block them everywhere
  // first (threads the server starts inherit the mask).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  ServerOptions options;
  options.listen = flags.listen;
  options.centers.push_back(std::move(served));
  options.journal_dir = flags.journal;
  options.manual_clock = flags.manual_clock;
  options.manual_clock_start_ms = flags.clock_start_ms;
  options.seed = flags.seed;
  options.max_in_flight = flags.max_in_flight;
  options.shard.inbox_bound = flags.inbox_bound;
  options.log = LogLine;
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(std::move(options));
  if (!server.ok()) {
    std::cerr << "acd serve: " << server.status().message() << "\n";
    return 1;
  }
  if (!flags.port_file.empty()) {
    // Written whole, then renamed: a reader never sees half a number.
    const std::string tmp = flags.port_file + ".tmp";
    if (FILE* f = std::fopen(tmp.c_str(), "w")) {
      std::fprintf(f, "%d\n", (*server)->port());
      std::fclose(f);
      std::rename(tmp.c_str(), flags.port_file.c_str());
    } else {
      std::cerr << "acd serve: --port-file " << flags.port_file << ": cannot write\n";
      (*server)->Shutdown();
      return 1;
    }
  }
  while (true) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      LogLine("level=info event=signal signal=SIGHUP action=reload");
      (void)(*server)->ReloadFromFiles();
      continue;
    }
    LogLine(absl::StrCat("level=info event=signal signal=",
                         signal == SIGTERM ? "SIGTERM" : "SIGINT", " action=shutdown"));
    break;
  }
  (*server)->Shutdown();
  return 0;
}

}  // namespace acd::tools
