// The gRPC side of the server: the callback service (every handler returns
// at once; answers come from shard callbacks), the adapter streams, the
// Watch ticker, health checking and reflection, tokens and TLS.
//
// Thread-safety: gRPC calls the handlers on its threads; hosts are
// thread-safe; the ticker thread owns the watches' timing.
#ifndef ACD_LIB_SERVICE_SERVER_IMPL_H_
#define ACD_LIB_SERVICE_SERVER_IMPL_H_

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "acd/runtime.h"
#include "acd/server.h"
#include "acd/v1/acd_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "service/center_host.h"
#include "service/tokens.h"

namespace acd::service {

class WatchReactor;
class StreamLink;

grpc::Status ToGrpc(const absl::Status& status);

// Who made a call, as its token says (no client when tokens are off).
struct Caller {
  std::shared_ptr<const TokenClient> client;
  std::string token;
  std::string name() const { return client != nullptr ? client->name : "-"; }
};

class ServerImpl final : public v1::Acd::CallbackService {
 public:
  explicit ServerImpl(ServerOptions options);
  ~ServerImpl() override;

  absl::Status Start();
  int port() const { return port_; }
  absl::Status ReloadFromFiles();
  void Shutdown();
  void Wait();

  // Who calls: the token client a call's "authorization: Bearer TOKEN"
  // names. Tokens off: a Caller without a client. UNAUTHENTICATED when
  // tokens are on and the call carries no known token.
  absl::StatusOr<Caller> Authenticate(const grpc::ServerContextBase& context) const;
  // The host a request names ("" = the only one), for this caller:
  // NOT_FOUND for no such center, PERMISSION_DENIED when the caller's
  // token does not cover it (or, with `adapter`, that adapter name).
  absl::StatusOr<CenterHost*> HostFor(const Caller& caller, const std::string& center,
                                      const std::string* adapter = nullptr) const;
  // Authenticate + HostFor in one.
  absl::StatusOr<CenterHost*> HostFor(const grpc::ServerContextBase& context,
                                      const std::string& center,
                                      const std::string* adapter = nullptr) const;
  // Whether a caller's rights still hold under the current token table
  // (a stream checks after a reload).
  absl::Status StillAllowed(const Caller& caller, const std::string& center,
                            const std::string& adapter) const;
  const ServerOptions& options() const { return options_; }
  void Log(std::string_view line) const;

  // Open adapter streams (drained at shutdown, rechecked after a token reload).
  void AddStream(const std::shared_ptr<StreamLink>& link);
  void RemoveStream(const std::shared_ptr<StreamLink>& link);

  // Watch registry (the ticker writes to due watches).
  void AddWatch(WatchReactor* watch);
  void RemoveWatch(WatchReactor* watch);

  // ---- v1::Acd ----
  grpc::ServerBidiReactor<v1::AdapterMessage, v1::ServerMessage>* Connect(
      grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* SubmitEvent(grpc::CallbackServerContext* context,
                                        const v1::SubmitEventRequest* request,
                                        v1::SubmitEventReply* reply) override;
  grpc::ServerUnaryReactor* AgentAction(grpc::CallbackServerContext* context,
                                        const v1::AgentActionRequest* request,
                                        v1::SubmitEventReply* reply) override;
  grpc::ServerUnaryReactor* GetCall(grpc::CallbackServerContext* context,
                                    const v1::GetCallRequest* request,
                                    v1::CallInfo* reply) override;
  grpc::ServerUnaryReactor* ListQueues(grpc::CallbackServerContext* context,
                                       const v1::ListQueuesRequest* request,
                                       v1::ListQueuesReply* reply) override;
  grpc::ServerUnaryReactor* ListAgents(grpc::CallbackServerContext* context,
                                       const v1::ListAgentsRequest* request,
                                       v1::ListAgentsReply* reply) override;
  grpc::ServerUnaryReactor* ListCenters(grpc::CallbackServerContext* context,
                                        const v1::ListCentersRequest* request,
                                        v1::ListCentersReply* reply) override;
  grpc::ServerUnaryReactor* ValidateConfig(grpc::CallbackServerContext* context,
                                           const v1::ConfigRequest* request,
                                           v1::ConfigReply* reply) override;
  grpc::ServerUnaryReactor* ReloadConfig(grpc::CallbackServerContext* context,
                                         const v1::ConfigRequest* request,
                                         v1::ConfigReply* reply) override;
  grpc::ServerWriteReactor<v1::Figures>* Watch(grpc::CallbackServerContext* context,
                                               const v1::WatchRequest* request) override;
  grpc::ServerUnaryReactor* AdvanceClock(grpc::CallbackServerContext* context,
                                         const v1::AdvanceClockRequest* request,
                                         v1::AdvanceClockReply* reply) override;

 private:
  void Tick();
  // Reads the token file (options_.tokens_path); keeps the table it had on
  // an error.
  absl::Status LoadTokens();
  // Finishes `reactor` and returns null when the caller may not use the
  // request's center.
  CenterHost* HostOrFinish(grpc::CallbackServerContext* context, grpc::ServerUnaryReactor* reactor,
                           const std::string& center, const std::string* adapter = nullptr);
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials() const;

  const ServerOptions options_;
  std::string epoch_;
  std::vector<std::unique_ptr<ManualClock>> clocks_;
  std::vector<std::unique_ptr<CenterHost>> hosts_;
  absl::flat_hash_map<std::string, CenterHost*> by_name_;
  std::unique_ptr<grpc::Server> server_;
  mutable absl::Mutex tokens_mu_;
  std::shared_ptr<const TokenTable> tokens_ ABSL_GUARDED_BY(tokens_mu_);  // null: off
  int port_ = 0;

  absl::Mutex streams_mu_;
  std::vector<std::shared_ptr<StreamLink>> streams_ ABSL_GUARDED_BY(streams_mu_);

  absl::Mutex watch_mu_;
  std::vector<WatchReactor*> watches_ ABSL_GUARDED_BY(watch_mu_);
  std::atomic<bool> ticking_{true};
  std::thread ticker_;

  std::mutex done_mu_;
  std::condition_variable done_cv_;
  bool shut_down_ = false;
  std::atomic<bool> shutting_down_{false};
};

// Figures of a center for ListQueues, ListAgents and Watch.
void FillFigures(const ShardSnapshot& snapshot, const CenterNames& names, bool agents,
                 v1::Figures* out);

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_SERVER_IMPL_H_
