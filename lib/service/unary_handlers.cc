// The unary handlers of the service: agent actions and single events for
// CRMs and supervisors, reads of calls, queues, agents and centers, center
// files checked or applied, and the manual clock. Each returns at once;
// the answer comes from the center's shard.
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "service/convert.h"
#include "service/server_impl.h"

namespace acd::service {
namespace {

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


grpc::ServerUnaryReactor* ServerImpl::SubmitEvent(grpc::CallbackServerContext* context,
                                                  const v1::SubmitEventRequest* request,
                                                  v1::SubmitEventReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (request->adapter().empty()) {
    Done(reactor, absl::InvalidArgumentError("adapter: required (names who sends the event)"));
    return reactor;
  }
  CenterHost* const host = HostOrFinish(context, reactor, request->center(), &request->adapter());
  if (host == nullptr) return reactor;
  host->SubmitEvent(request->adapter(), request->event(), [reactor, reply, host](v1::Ack ack) {
    if (ack.code() != 0) {
      reactor->Finish(grpc::Status(static_cast<grpc::StatusCode>(ack.code()), ack.message()));
      return;
    }
    reply->set_repeat(ack.repeat());
    reply->set_time_ms(host->Snapshot()->now_ms);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::AgentAction(grpc::CallbackServerContext* context,
                                                  const v1::AgentActionRequest* request,
                                                  v1::SubmitEventReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CenterHost* const host = HostOrFinish(context, reactor, request->center());
  if (host == nullptr) return reactor;
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
  Log(absl::StrCat("level=info event=agent_action center=", host->name(), " agent=",
                   request->agent(), " action=", v1::AgentActionRequest::Action_Name(request->action()),
                   " requester=", request->requester().empty() ? "-" : request->requester()));
  host->SubmitEvent("", event, [reactor, reply, host](v1::Ack ack) {
    if (ack.code() != 0) {
      reactor->Finish(grpc::Status(static_cast<grpc::StatusCode>(ack.code()),
                                   ack.message()));
      return;
    }
    reply->set_time_ms(host->Snapshot()->now_ms);
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::GetCall(grpc::CallbackServerContext* context,
                                              const v1::GetCallRequest* request,
                                              v1::CallInfo* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CenterHost* const host = HostOrFinish(context, reactor, request->center());
  if (host == nullptr) return reactor;
  host->GetCall(request->call(), [reactor, reply](absl::StatusOr<v1::CallInfo> info) {
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
  CenterHost* const host = HostOrFinish(context, reactor, request->center());
  if (host == nullptr) return reactor;
  const std::shared_ptr<const ShardSnapshot> view = host->Snapshot();
  reply->set_now_ms(view->now_ms);
  for (const QueueSnapshot& queue : view->queues) ToProto(queue, reply->add_queues());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ListAgents(grpc::CallbackServerContext* context,
                                                 const v1::ListAgentsRequest* request,
                                                 v1::ListAgentsReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CenterHost* const host = HostOrFinish(context, reactor, request->center());
  if (host == nullptr) return reactor;
  const std::shared_ptr<const ShardSnapshot> view = host->Snapshot();
  const std::shared_ptr<const CenterNames> names = host->names();
  reply->set_now_ms(view->now_ms);
  for (const AgentView& agent : view->agents) ToProto(agent, *names, reply->add_agents());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ListCenters(grpc::CallbackServerContext* context,
                                                  const v1::ListCentersRequest*,
                                                  v1::ListCentersReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Caller> caller = Authenticate(*context);
  if (!caller.ok()) {
    Done(reactor, caller.status());
    return reactor;
  }
  // Each center's figures are read on its shard, after every input that
  // was submitted before (the state hash costs O(state): it is taken only
  // when asked); the reply goes out once every center answered.
  struct Pending {
    grpc::ServerUnaryReactor* reactor;
    absl::Mutex mu;
    size_t left ABSL_GUARDED_BY(mu) = 0;
  };
  auto pending = std::make_shared<Pending>();
  pending->reactor = reactor;
  std::vector<std::pair<CenterHost*, v1::CenterInfo*>> asked;
  for (const auto& host : hosts_) {
    if (caller->client != nullptr && !caller->client->MayUseCenter(host->name())) continue;
    v1::CenterInfo* info = reply->add_centers();
    info->set_name(host->name());
    info->set_config_path(host->config_path());
    asked.emplace_back(host.get(), info);
  }
  {
    absl::MutexLock lock(&pending->mu);
    pending->left = asked.size() + 1;  // + this thread's own turn, below
  }
  auto finish_one = [pending] {
    bool last = false;
    {
      absl::MutexLock lock(&pending->mu);
      last = --pending->left == 0;
    }
    if (last) pending->reactor->Finish(grpc::Status::OK);
  };
  for (auto [host, info] : asked) {
    absl::Status read = host->Barrier([host, info, finish_one](const Engine& engine, uint64_t) {
      const std::shared_ptr<const ShardSnapshot> view = host->Snapshot();
      info->set_now_ms(engine.now_ms());
      info->set_state_hash(engine.StateHash());
      info->set_inputs_applied(view->inputs_applied);
      info->set_failure(view->failure);
      finish_one();
    });
    if (!read.ok()) {  // stopping or full: the published view, without a hash
      const std::shared_ptr<const ShardSnapshot> view = host->Snapshot();
      info->set_now_ms(view->now_ms);
      info->set_inputs_applied(view->inputs_applied);
      info->set_failure(view->failure.empty() ? std::string(read.message()) : view->failure);
      finish_one();
    }
  }
  finish_one();
  return reactor;
}

grpc::ServerUnaryReactor* ServerImpl::ValidateConfig(grpc::CallbackServerContext* context,
                                                     const v1::ConfigRequest* request,
                                                     v1::ConfigReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (absl::StatusOr<Caller> caller = Authenticate(*context); !caller.ok()) {
    Done(reactor, caller.status());
    return reactor;
  }
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
  CenterHost* const host = HostOrFinish(context, reactor, request->center());
  if (host == nullptr) return reactor;
  absl::StatusOr<CenterConfig> center;
  if (request->text().empty()) {
    if (host->config_path().empty()) {
      Done(reactor, absl::FailedPreconditionError(
                        "text: required (this center was not loaded from a file)"));
      return reactor;
    }
    center = LoadCenterFile(host->config_path(),
                            options_.env != nullptr ? *options_.env : Env::Default());
  } else {
    center = ParseCenter(*request, "text");
  }
  if (!center.ok()) {
    Done(reactor, center.status());
    return reactor;
  }
  reply->set_summary(Summary(*center));
  const std::string name = host->name();
  host->Reload(*std::move(center), [this, reactor, reply, name](absl::StatusOr<uint64_t> hash) {
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
  CenterHost* const host = HostOrFinish(context, reactor, request->center());
  if (host == nullptr) return reactor;
  ManualClock* clock = host->manual_clock();
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
  absl::Status s = host->Barrier([reactor, reply](const Engine& engine, uint64_t last_seq) {
    reply->set_now_ms(engine.now_ms());
    reply->set_last_command_seq(last_seq);
    reactor->Finish(grpc::Status::OK);
  });
  if (!s.ok()) Done(reactor, s);
  return reactor;
}

}  // namespace acd::service
