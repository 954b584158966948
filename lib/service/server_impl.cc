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

// Finishes a unary reactor with an absl status.
void Done(grpc::ServerUnaryReactor* reactor, const absl::Status& status) {
  reactor->Finish(ToGrpc(status));
}

absl::StatusOr<CenterConfig> ParseCenter(const v1::ConfigRequest& request,
                                         std::string_view filename) {
  if (request.format().empty() || request.format() == "yaml") {
    return LoadCenterYaml(request.text(), filename);
  }
  if (request.format() == "json") return LoadCenterJson(request.text(), filename);
  return absl::InvalidArgumentError(
      absl::StrCat("format: '", request.format(), "' is neither yaml nor json"));
}

std::string Summary(const CenterConfig& center) {
  return absl::StrCat(center.queues.size(), " queues, ", center.agents.size(), " agents, ",
                      center.skills.size(), " skills");
}

}  // namespace

void FillFigures(const ShardSnapshot& snapshot, const CenterNames& names, bool agents,
                 v1::Figures* out) {
  out->set_center(snapshot.shard);
  out->set_now_ms(snapshot.now_ms);
  out->set_state_hash(snapshot.state_hash);
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
                     " inputs_recovered=", view->inputs_applied, " now_ms=", view->now_ms,
                     " state_hash=", absl::Hex(view->state_hash)));
    hosts_.push_back(*std::move(started));
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen, grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(this);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    for (auto& host : hosts_) host->Stop();
    return absl::UnavailableError(
        absl::StrCat("listen: cannot listen on '", options_.listen, "' (in use or invalid)"));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  ticker_ = std::thread([this] { Tick(); });
  Log(absl::StrCat("level=info event=listening address=", options_.listen, " port=", port_,
                   " epoch=", epoch_, " journal=", options_.journal_dir.empty() ? "none" : options_.journal_dir));
  return absl::OkStatus();
}

absl::StatusOr<CenterHost*> ServerImpl::Host(const std::string& center) const {
  if (center.empty()) {
    if (hosts_.size() == 1) return hosts_.front().get();
    return absl::InvalidArgumentError(
        absl::StrCat("center: required (this server hosts ", hosts_.size(), " centers)"));
  }
  auto it = by_name_.find(center);
  if (it == by_name_.end()) {
    return absl::NotFoundError(absl::StrCat("center: no center named '", center, "'"));
  }
  return it->second;
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
  absl::Status result;
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
                     absl::Hex(view->state_hash)));
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

// ---- unary handlers ----

grpc::ServerUnaryReactor* ServerImpl::SubmitEvent(grpc::CallbackServerContext* context,
                                                  const v1::SubmitEventRequest* request,
                                                  v1::SubmitEventReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  if (request->adapter().empty()) {
    Done(reactor, absl::InvalidArgumentError("adapter: required (names who sends the event)"));
    return reactor;
  }
  CenterHost* h = *host;
  h->SubmitEvent(request->adapter(), request->event(), [reactor, reply, h](v1::Ack ack) {
    if (ack.code() != 0) {
      reactor->Finish(grpc::Status(static_cast<grpc::StatusCode>(ack.code()), ack.message()));
      return;
    }
    reply->set_repeat(ack.repeat());
    reply->set_time_ms(h->Snapshot()->now_ms);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::AgentAction(grpc::CallbackServerContext* context,
                                                  const v1::AgentActionRequest* request,
                                                  v1::SubmitEventReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  v1::Event event;  // no event id: an action is never taken for a repeat
  switch (request->action()) {
    case v1::AgentActionRequest::LOGIN:
      event.mutable_agent_login()->set_agent(request->agent());
      break;
    case v1::AgentActionRequest::LOGOUT:
      event.mutable_agent_logout()->set_agent(request->agent());
      break;
    case v1::AgentActionRequest::READY:
      event.mutable_agent_ready()->set_agent(request->agent());
      break;
    case v1::AgentActionRequest::NOT_READY:
      event.mutable_agent_not_ready()->set_agent(request->agent());
      event.mutable_agent_not_ready()->set_reason(request->reason());
      break;
    default:
      Done(reactor, absl::InvalidArgumentError(absl::StrCat(
                        "action: ", static_cast<int>(request->action()),
                        " is not one of LOGIN, LOGOUT, READY, NOT_READY")));
      return reactor;
  }
  Log(absl::StrCat("level=info event=agent_action center=", (*host)->name(), " agent=",
                   request->agent(), " action=", v1::AgentActionRequest::Action_Name(request->action()),
                   " requester=", request->requester().empty() ? "-" : request->requester()));
  CenterHost* h = *host;
  h->SubmitEvent("", event, [reactor, reply, h](v1::Ack ack) {
    if (ack.code() != 0) {
      reactor->Finish(grpc::Status(static_cast<grpc::StatusCode>(ack.code()),
                                   ack.message()));
      return;
    }
    reply->set_time_ms(h->Snapshot()->now_ms);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::GetCall(grpc::CallbackServerContext* context,
                                              const v1::GetCallRequest* request,
                                              v1::CallInfo* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  (*host)->GetCall(request->call(), [reactor, reply](absl::StatusOr<v1::CallInfo> info) {
    if (!info.ok()) {
      Done(reactor, info.status());
      return;
    }
    *reply = *std::move(info);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ListQueues(grpc::CallbackServerContext* context,
                                                 const v1::ListQueuesRequest* request,
                                                 v1::ListQueuesReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  const std::shared_ptr<const ShardSnapshot> view = (*host)->Snapshot();
  reply->set_now_ms(view->now_ms);
  for (const QueueSnapshot& queue : view->queues) ToProto(queue, reply->add_queues());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ListAgents(grpc::CallbackServerContext* context,
                                                 const v1::ListAgentsRequest* request,
                                                 v1::ListAgentsReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  const std::shared_ptr<const ShardSnapshot> view = (*host)->Snapshot();
  const std::shared_ptr<const CenterNames> names = (*host)->names();
  reply->set_now_ms(view->now_ms);
  for (const AgentView& agent : view->agents) ToProto(agent, *names, reply->add_agents());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ListCenters(grpc::CallbackServerContext* context,
                                                  const v1::ListCentersRequest*,
                                                  v1::ListCentersReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  for (const auto& host : hosts_) {
    const std::shared_ptr<const ShardSnapshot> view = host->Snapshot();
    v1::CenterInfo* info = reply->add_centers();
    info->set_name(host->name());
    info->set_config_path(host->config_path());
    info->set_now_ms(view->now_ms);
    info->set_state_hash(view->state_hash);
    info->set_inputs_applied(view->inputs_applied);
    info->set_failure(view->failure);
  }
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ValidateConfig(grpc::CallbackServerContext* context,
                                                     const v1::ConfigRequest* request,
                                                     v1::ConfigReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterConfig> center = ParseCenter(*request, "text");
  if (center.ok()) {
    NullSink sink;
    absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(*center, &sink);
    if (!engine.ok()) center = engine.status();
  }
  if (!center.ok()) {
    Done(reactor, absl::InvalidArgumentError(center.status().message()));
    return reactor;
  }
  reply->set_valid(true);
  reply->set_summary(Summary(*center));
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ReloadConfig(grpc::CallbackServerContext* context,
                                                   const v1::ConfigRequest* request,
                                                   v1::ConfigReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  absl::StatusOr<CenterConfig> center;
  if (request->text().empty()) {
    if ((*host)->config_path().empty()) {
      Done(reactor, absl::FailedPreconditionError(
                        "text: required (this center was not loaded from a file)"));
      return reactor;
    }
    center = LoadCenterFile((*host)->config_path(),
                            options_.env != nullptr ? *options_.env : Env::Default());
  } else {
    center = ParseCenter(*request, "text");
  }
  if (!center.ok()) {
    Done(reactor, center.status());
    return reactor;
  }
  reply->set_summary(Summary(*center));
  const std::string name = (*host)->name();
  (*host)->Reload(*std::move(center), [this, reactor, reply, name](absl::StatusOr<uint64_t> hash) {
    if (!hash.ok()) {
      Log(absl::StrCat("level=error event=reload_refused center=", name, " reason=\"",
                       hash.status().message(), "\""));
      Done(reactor, hash.status());
      return;
    }
    Log(absl::StrCat("level=info event=reloaded center=", name, " state_hash=", absl::Hex(*hash)));
    reply->set_valid(true);
    reply->set_state_hash(*hash);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::AdvanceClock(grpc::CallbackServerContext* context,
                                                   const v1::AdvanceClockRequest* request,
                                                   v1::AdvanceClockReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<CenterHost*> host = Host(request->center());
  if (!host.ok()) {
    Done(reactor, host.status());
    return reactor;
  }
  ManualClock* clock = (*host)->manual_clock();
  if (clock == nullptr) {
    Done(reactor, absl::FailedPreconditionError(
                      "the server runs on the real clock (start it with --clock manual)"));
    return reactor;
  }
  if ((request->to_ms() != 0) == (request->by_ms() != 0)) {
    Done(reactor, absl::InvalidArgumentError("to_ms, by_ms: give exactly one of the two"));
    return reactor;
  }
  const TimeMs now = clock->NowMs();
  TimeMs delta = request->by_ms();
  if (request->to_ms() != 0) delta = request->to_ms() - now;
  if (delta < 0) {
    Done(reactor, absl::InvalidArgumentError(absl::StrCat(
                      request->to_ms() != 0 ? "to_ms: " : "by_ms: ",
                      "the clock never goes back (now ", now, ")")));
    return reactor;
  }
  clock->Advance(delta);
  // Answer once the shard has fired every timer due by then.
  absl::Status s = (*host)->Barrier([reactor, reply](const Engine& engine, uint64_t last_seq) {
    reply->set_now_ms(engine.now_ms());
    reply->set_last_command_seq(last_seq);
    reactor->Finish(grpc::Status::OK);
  });
  if (!s.ok()) Done(reactor, s);
  return reactor;
}

}  // namespace acd::service
