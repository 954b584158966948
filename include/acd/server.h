// The acd gRPC server (proto/acd/v1/acd_service.proto): PBX adapters,
// CRMs and supervisors talk to centers hosted on runtime shards. The
// service is a thin layer: handlers never block; they translate names and
// hand work to a center's shard, and answer from its callbacks.
//
// Thread-safety: Server is thread-safe. Start, Shutdown and Wait may be
// called from any thread; Shutdown from a signal-handling thread.
// Security (docs/service-security.md): with a token file every call must
// carry "authorization: Bearer TOKEN" naming a client allowed the center
// (and, for events, the adapter name); TLS from certificate files, with
// client certificates required when a client CA is given.
// Invariants: an adapter's event is acknowledged only once durable (when a
// journal directory is given); a repeat is acknowledged again, never
// applied twice; a full shard inbox answers RESOURCE_EXHAUSTED; Shutdown
// answers every accepted event before the journal is closed.
#ifndef ACD_SERVER_H_
#define ACD_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/env.h"
#include "acd/journal.h"
#include "acd/runtime.h"

namespace acd {

struct ServedCenter {
  std::string name;         // what requests name it by
  std::string config_path;  // reread by Reload ("" for an embedded center)
  CenterConfig center;
};

// TLS from PEM files; an empty cert_path means plaintext.
struct TlsFiles {
  std::string cert_path;       // the server's certificate chain
  std::string key_path;        // its private key
  std::string client_ca_path;  // if set: clients must present a certificate it signed
};

// Each center's engine journal by default: segments of 16 MiB, each
// prepared ahead as zeros, so that a batch's sync is one data flush
// (acd/journal.h; bench/RESULTS.md measures it).
inline JournalOptions ServiceJournalOptions() {
  JournalOptions options;
  options.segment_bytes = uint64_t{16} << 20;
  options.prepare_segments = true;
  return options;
}

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";  // port 0: any free port
  // The token file ("" = no token required); reread by ReloadFromFiles.
  std::string tokens_path;
  TlsFiles tls;
  std::vector<ServedCenter> centers;
  // Each center journals under <journal_dir>/<center name>/ (its engine
  // inputs and its call map). Empty: nothing survives the process.
  std::string journal_dir;
  JournalOptions journal = ServiceJournalOptions();
  // Every center on a manual clock that AdvanceClock moves, starting at
  // manual_clock_start_ms (demos, replays, tests); else the real clock.
  bool manual_clock = false;
  TimeMs manual_clock_start_ms = 0;
  uint64_t seed = 1;
  // Events an adapter stream may have in flight before the server stops
  // reading from it (gRPC's flow control then holds the adapter back).
  uint32_t max_in_flight = 1024;
  // Messages queued to one stream before it is closed as too slow
  // (RESOURCE_EXHAUSTED; it reconnects and resumes).
  uint32_t stream_queue_bound = 1 << 16;
  size_t keep_commands = 1 << 18;  // per center, for resuming adapters
  ShardOptions shard;
  Env* env = nullptr;  // null: Env::Default()
  // One structured line per server event ("level=info event=... key=value").
  std::function<void(std::string_view line)> log;
};

namespace service {
class ServerImpl;
}

class Server {
 public:
  // Recovers every center's journal, then listens.
  static absl::StatusOr<std::unique_ptr<Server>> Start(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port it listens on (the chosen one for port 0).
  int port() const;
  // Rereads every center's file and the token file, and applies them
  // (SIGHUP). A file with an error is refused whole (logged, returned);
  // the others still apply. Streams whose token no longer covers them end.
  absl::Status ReloadFromFiles();
  // Graceful: stops accepting, closes adapter streams after their pending
  // acknowledgements, drains and syncs every shard. Idempotent.
  void Shutdown();
  // Blocks until Shutdown has finished.
  void Wait();

 private:
  explicit Server(std::unique_ptr<service::ServerImpl> impl);
  std::unique_ptr<service::ServerImpl> impl_;
};

}  // namespace acd

#endif  // ACD_SERVER_H_
