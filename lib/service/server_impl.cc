#include "service/server_impl.h"

#include <chrono>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "service/adapter_stream.h"
#include "service/convert.h"

namespace acd::service {

grpc::Status ToGrpc(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

namespace {

std::string NewEpoch() {
  std::random_device device;
  const uint64_t high = (uint64_t{device()} << 32) | device();
  return absl::StrFormat("%016x", high);
}

}  // namespace

void FillFigures(const ShardSnapshot& snapshot, const CenterNames& names, bool agents,
                 v1::Figures* out) {
  out->set_center(snapshot.shard);
  out->set_now_ms(snapshot.now_ms);
  for (const QueueSnapshot& queue : snapshot.queues) ToProto(queue, out->add_queues());
  if (agents) {
    for (const AgentView& agent : snapshot.agents) ToProto(agent, names, out->add_agents());
  }
  v1::CallCounts* c = out->mutable_counts();
  c->set_arrived(snapshot.counts.arrived);
  c->set_callbacks(snapshot.counts.callbacks);
  c->set_in_ivr(snapshot.counts.in_ivr);
  c->set_waiting(snapshot.counts.waiting);
  c->set_offered(snapshot.counts.offered);
  c->set_dialing(snapshot.counts.dialing);
  c->set_talking(snapshot.counts.talking);
  c->set_ended(snapshot.counts.ended);
  c->set_outbound(snapshot.counts.outbound);
}

ServerImpl::ServerImpl(ServerOptions options) : options_(std::move(options)), epoch_(NewEpoch()) {}

ServerImpl::~ServerImpl() {
  Shutdown();
  Wait();
}

void ServerImpl::Log(std::string_view line) const {
  if (options_.log) options_.log(line);
}

absl::Status ServerImpl::Start() {
  if (options_.centers.empty()) return absl::InvalidArgumentError("centers: none to serve");
  // The files that say who may connect are checked before any journal is
  // opened: a mistake in them costs no recovery.
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = Credentials();
  if (!credentials.ok()) return credentials.status();
  if (absl::Status tokens = LoadTokens(); !tokens.ok()) return tokens;
  for (const ServedCenter& center : options_.centers) {
    if (center.name.empty() || by_name_.contains(center.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("centers: the name '", center.name, "' is empty or used twice"));
    }
    HostOptions host;
    host.name = center.name;
    host.config_path = center.config_path;
    host.center = center.center;
    if (!options_.journal_dir.empty()) {
      host.journal_dir = absl::StrCat(options_.journal_dir, "/", center.name);
    }
    host.journal = options_.journal;
    host.env = options_.env;
    host.seed = options_.seed;
    host.keep_commands = options_.keep_commands;
    host.shard = options_.shard;
    if (options_.manual_clock) {
      clocks_.push_back(std::make_unique<ManualClock>(options_.manual_clock_start_ms));
      host.clock = clocks_.back().get();
    }
    absl::StatusOr<std::unique_ptr<CenterHost>> started = CenterHost::Start(host, epoch_);
    if (!started.ok()) {
      return absl::Status(started.status().code(),
                          absl::StrCat("center '", center.name, "': ", started.status().message()));
    }
    if (options_.manual_clock) (*started)->set_manual_clock(clocks_.back().get());
    by_name_[center.name] = started->get();
    const std::shared_ptr<const ShardSnapshot> view = (*started)->Snapshot();
    Log(absl::StrCat("level=info event=center_started center=", center.name,
                     " epoch=", (*started)->epoch(),
                     " inputs_recovered=", view->inputs_applied, " now_ms=", view->now_ms,
                     " last_command_seq=", view->last_command_seq,
                     " state_hash=", absl::Hex((*started)->StateHashNow())));
    hosts_.push_back(*std::move(started));
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen, *credentials, &port_);
  builder.RegisterService(this);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    for (auto& host : hosts_) host->Stop();
    return absl::UnavailableError(
        absl::StrCat("listen: cannot listen on '", options_.listen, "' (in use or invalid",
                     options_.tls.cert_path.empty() ? "" : ", or the TLS key does not match the certificate",
                     ")"));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  ticker_ = std::thread([this] { Tick(); });
  Log(absl::StrCat("level=info event=listening address=", options_.listen, " port=", port_,
                   " journal=", options_.journal_dir.empty() ? "none" : options_.journal_dir,
                   " tls=", options_.tls.cert_path.empty() ? "off" : (options_.tls.client_ca_path.empty() ? "on" : "mutual"),
                   " tokens=", options_.tokens_path.empty() ? "off" : "on"));
  return absl::OkStatus();
}

void ServerImpl::AddStream(const std::shared_ptr<StreamLink>& link) {
  absl::MutexLock lock(&streams_mu_);
  streams_.push_back(link);
}

void ServerImpl::RemoveStream(const std::shared_ptr<StreamLink>& link) {
  absl::MutexLock lock(&streams_mu_);
  std::erase(streams_, link);
}

absl::Status ServerImpl::ReloadFromFiles() {
  absl::Status result = LoadTokens();
  if (!result.ok()) {
    Log(absl::StrCat("level=error event=tokens_refused reason=\"", result.message(), "\""));
  }
  for (auto& host : hosts_) {
    if (host->config_path().empty()) continue;
    absl::StatusOr<CenterConfig> center =
        LoadCenterFile(host->config_path(), options_.env != nullptr ? *options_.env : Env::Default());
    if (!center.ok()) {
      Log(absl::StrCat("level=error event=reload_refused center=", host->name(), " reason=\"",
                       center.status().message(), "\""));
      result.Update(center.status());
      continue;
    }
    const std::string name = host->name();
    host->Reload(*std::move(center), [this, name](absl::StatusOr<uint64_t> hash) {
      if (hash.ok()) {
        Log(absl::StrCat("level=info event=reloaded center=", name, " state_hash=",
                         absl::Hex(*hash)));
      } else {
        Log(absl::StrCat("level=error event=reload_refused center=", name, " reason=\"",
                         hash.status().message(), "\""));
      }
    });
  }
  return result;
}

void ServerImpl::Shutdown() {
  if (shutting_down_.exchange(true)) return;
  Log("level=info event=shutdown_begun");
  if (server_ != nullptr) {
    server_->GetHealthCheckService()->SetServingStatus(false);
    std::vector<std::shared_ptr<StreamLink>> links;
    {
      absl::MutexLock lock(&streams_mu_);
      links = streams_;
    }
    for (const auto& link : links) link->Drain();
    ticking_.store(false);
    if (ticker_.joinable()) ticker_.join();
    // Streams close once their acknowledgements are out; unary calls
    // finish from the shards, which still run.
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  }
  for (auto& host : hosts_) {
    host->Stop();
    const std::shared_ptr<const ShardSnapshot> view = host->Snapshot();
    Log(absl::StrCat("level=info event=center_stopped center=", host->name(),
                     " inputs_applied=", view->inputs_applied, " state_hash=",
                     absl::Hex(host->StateHashNow())));
  }
  if (server_ != nullptr) server_->Wait();
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    shut_down_ = true;
  }
  done_cv_.notify_all();
  Log("level=info event=shutdown_done");
}

void ServerImpl::Wait() {
  std::unique_lock<std::mutex> lock(done_mu_);
  done_cv_.wait(lock, [this] { return shut_down_; });
}

}  // namespace acd::service
