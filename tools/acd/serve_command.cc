// `acd serve`: flags, signals and structured logs around acd::Server.
#include "tools/acd/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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
         "                 [--inbox-bound N] [--tokens FILE]\n"
         "                 [--journal-segment-mb N] [--no-prepared-segments]\n"
         "                 [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]]\n"
         "\n"
         "Serves centers over gRPC (proto/acd/v1/acd_service.proto): PBX adapters\n"
         "stream events in (Connect) and get routing commands back; CRMs and\n"
         "supervisors use the unary calls; Watch streams live figures. Health checking\n"
         "(grpc.health.v1) and server reflection are on, so grpcurl-style tools work.\n"
         "\n"
         "  --config FILE    the center file (YAML or JSON); default: the embedded\n"
         "                   default center (examples/centers/sales.yaml). Repeat it to\n"
         "                   serve several centers, each on its own shard and journal.\n"
         "  --center NAME    the name requests use for it (default: the file's stem,\n"
         "                   or \"sales\"); with several --config, one --center each,\n"
         "                   in the same order\n"
         "  --listen ADDR    host:port to listen on (default 127.0.0.1:50051; port 0\n"
         "                   picks a free port). Only loopback unless you say otherwise.\n"
         "  --journal DIR    where the center's journal lives: DIR/NAME/engine (the\n"
         "                   engine's inputs) and DIR/NAME/calls (the PBX's call ids).\n"
         "                   Default ./acd-journal. Every acknowledged event is in it;\n"
         "                   a restart on the same DIR recovers the state.\n"
         "  --journal-segment-mb N  the engine journal's segment size in MiB (1..1024,\n"
         "                   default 16); a segment is closed and a new one begun\n"
         "                   past it\n"
         "  --no-prepared-segments  write segments as they grow instead of preparing\n"
         "                   each ahead as zeros (by default a segment is made ahead\n"
         "                   of need, so a sync flushes data alone: faster\n"
         "                   acknowledgements, one segment of disk ahead of use)\n"
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
         "  --tokens FILE    require a bearer token on every call (metadata\n"
         "                   \"authorization: Bearer TOKEN\"); FILE lists the clients, each\n"
         "                   with its token (or its SHA-256), its centers and the adapter\n"
         "                   names it may speak as (docs/service-security.md). Missing or\n"
         "                   unknown token: UNAUTHENTICATED; another center or adapter\n"
         "                   name: PERMISSION_DENIED. SIGHUP rereads it.\n"
         "  --tls-cert FILE  serve TLS with this PEM certificate chain ...\n"
         "  --tls-key FILE   ... and this PEM private key\n"
         "  --tls-client-ca FILE  also require client certificates signed by this\n"
         "                   PEM CA (mutual TLS)\n"
         "\n"
         "Health checking and reflection need no token. Tokens over plaintext are\n"
         "readable on the wire: use TLS beyond loopback.\n"
         "\n"
         "Signals: SIGTERM or SIGINT stop gracefully (adapter streams are answered\n"
         "and closed, every shard drains and syncs its journal); SIGHUP rereads the\n"
         "center file (and the token file) and applies them without losing a call.\n"
         "Logs: one line per server event on stderr, \"ts=... level=... event=...\".\n";
}

struct ServeFlags {
  std::vector<std::string> configs;
  std::vector<std::string> centers;
  std::string listen = "127.0.0.1:50051";
  std::string journal = "acd-journal";
  JournalOptions journal_options = ServiceJournalOptions();
  bool manual_clock = false;
  TimeMs clock_start_ms = 0;
  uint64_t seed = 1;
  std::string port_file;
  uint32_t max_in_flight = 1024;
  uint32_t inbox_bound = 4096;
  std::string tokens;
  TlsFiles tls;
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
    if (flag == "--no-prepared-segments") {
      flags->journal_options.prepare_segments = false;
      continue;
    }
    std::optional<std::string> value = reader.Value();
    if (!value.has_value()) return absl::StrCat(flag, ": a value is required");
    if (flag == "--config") {
      flags->configs.push_back(*value);
    } else if (flag == "--center") {
      if (value->empty()) return "--center: an empty name";
      flags->centers.push_back(*value);
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
    } else if (flag == "--tokens") {
      flags->tokens = *value;
    } else if (flag == "--tls-cert") {
      flags->tls.cert_path = *value;
    } else if (flag == "--tls-key") {
      flags->tls.key_path = *value;
    } else if (flag == "--tls-client-ca") {
      flags->tls.client_ca_path = *value;
    } else if (flag == "--journal-segment-mb") {
      uint64_t mb = 0;
      if (!absl::SimpleAtoi(*value, &mb) || mb < 1 || mb > 1024) {
        return absl::StrCat("--journal-segment-mb: '", *value,
                            "' is not a number of MiB from 1 to 1024");
      }
      flags->journal_options.segment_bytes = mb << 20;
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

// The server names its options (tls.cert_path: ...); the user typed flags.
std::string FlagWording(const std::string& message) {
  static constexpr std::pair<const char*, const char*> kFlags[] = {
      {"tls.cert_path:", "--tls-cert:"},
      {"tls.key_path:", "--tls-key:"},
      {"tls.client_ca_path:", "--tls-client-ca:"},
      {"tokens:", "--tokens:"},
  };
  for (const auto& [option, flag] : kFlags) {
    const std::string prefix = option;
    if (message.rfind(prefix, 0) == 0) return flag + message.substr(prefix.size());
  }
  return message;
}

std::mutex log_mu;

void LogLine(std::string_view line) {
  std::lock_guard<std::mutex> lock(log_mu);
  std::cerr << "ts=" << absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone())
            << " " << line << std::endl;
}

// The centers to serve: each --config file (named by the --center of the
// same rank, else by its stem), or the embedded default center.
std::optional<std::string> LoadCenters(const ServeFlags& flags, std::vector<ServedCenter>* out) {
  const size_t files = flags.configs.size();
  if (!flags.centers.empty() && flags.centers.size() != std::max<size_t>(files, 1)) {
    return absl::StrCat("--center: given ", flags.centers.size(), " times for ",
                        std::max<size_t>(files, 1),
                        " centers (name all of them, in the order of --config, or none)");
  }
  if (files == 0) {
    absl::StatusOr<CenterConfig> center = DefaultCenter();
    if (!center.ok()) return absl::StrCat("the default center: ", center.status().message());
    ServedCenter& served = out->emplace_back();
    served.center = *std::move(center);
    served.name = flags.centers.empty() ? "sales" : flags.centers.front();
    return std::nullopt;
  }
  for (size_t i = 0; i < files; ++i) {
    const std::string& path = flags.configs[i];
    absl::StatusOr<CenterConfig> center = LoadCenterFile(path);
    if (!center.ok()) return absl::StrCat("--config ", center.status().message());
    ServedCenter& served = out->emplace_back();
    served.center = *std::move(center);
    served.config_path = path;
    served.name = flags.centers.empty() ? std::filesystem::path(path).stem().string()
                                        : flags.centers[i];
    for (size_t j = 0; j + 1 < out->size(); ++j) {
      if ((*out)[j].name == served.name) {
        return absl::StrCat("--config ", path, ": a second center named '", served.name,
                            "' (name them apart with --center)");
      }
    }
  }
  return std::nullopt;
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
  std::vector<ServedCenter> served;
  if (std::optional<std::string> error = LoadCenters(flags, &served)) {
    std::cerr << "acd serve: " << *error << "\n";
    return 1;
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
  options.tokens_path = flags.tokens;
  options.tls = flags.tls;
  options.centers = std::move(served);
  options.journal_dir = flags.journal;
  options.journal = flags.journal_options;
  options.manual_clock = flags.manual_clock;
  options.manual_clock_start_ms = flags.clock_start_ms;
  options.seed = flags.seed;
  options.max_in_flight = flags.max_in_flight;
  options.shard.inbox_bound = flags.inbox_bound;
  options.log = LogLine;
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(std::move(options));
  if (!server.ok()) {
    std::cerr << "acd serve: " << FlagWording(std::string(server.status().message())) << "\n";
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
