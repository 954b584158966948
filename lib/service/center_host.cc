// CenterHost (center_host.h): start and recovery, the epoch, the way in
// (events, batches, reads, reloads); the way out is center_host_streams.cc.
#include "service/center_host.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/convert.h"

namespace acd::service {
namespace {

v1::Ack AckOf(uint64_t event_id, const absl::Status& status) {
  v1::Ack ack;
  ack.set_event_id(event_id);
  if (IsRepeatedEvent(status)) {
    ack.set_repeat(true);
    return ack;
  }
  ack.set_code(static_cast<int>(status.code()));
  ack.set_message(std::string(status.message()));
  return ack;
}

v1::Ack BadEventId(uint64_t id) {
  return AckOf(id, absl::InvalidArgumentError(absl::StrCat("event.event_id: ", id,
                                                           " is outside 1..", kMaxAdapterEventId)));
}

}  // namespace

CenterHost::CenterHost(HostOptions options, std::string epoch)
    : options_(std::move(options)), epoch_(std::move(epoch)) {}

const std::string& CenterHost::epoch() const { return epoch_; }

absl::StatusOr<std::unique_ptr<CenterHost>> CenterHost::Start(HostOptions options,
                                                             std::string fresh_epoch) {
  std::unique_ptr<CenterHost> host(new CenterHost(std::move(options), std::move(fresh_epoch)));
  if (absl::Status s = host->Init(); !s.ok()) return s;
  return host;
}

absl::Status CenterHost::Init() {
  Env& env = options_.env != nullptr ? *options_.env : Env::Default();
  const bool durable = !options_.journal_dir.empty();
  // With a journal, the map's new entries ride in the shard's journal as
  // notes: one sync per batch (ServiceInputLog).
  CallMap::Options map_options;
  map_options.notes = durable;
  absl::StatusOr<std::unique_ptr<CallMap>> calls = CallMap::Open(
      env, durable ? absl::StrCat(options_.journal_dir, "/calls") : "", map_options);
  if (!calls.ok()) return calls.status();
  calls_ = *std::move(calls);
  {
    // The names the listener's first releases are told in.
    absl::MutexLock lock(&config_mu_);
    names_ = std::make_shared<const CenterNames>(options_.center);
    center_ = std::make_shared<const CenterConfig>(options_.center);
  }
  ShardOptions shard = options_.shard;
  shard.clock = options_.clock;
  shard.listener = &releases_;
  shard.keep_replayed = static_cast<uint32_t>(std::min<size_t>(options_.keep_commands, UINT32_MAX));
  shard.engine.seed = options_.seed;
  if (durable) {
    ShardJournalOptions engine_journal;
    engine_journal.journal = options_.journal;
    journal_ = std::make_unique<JournalInputLog>(
        env, absl::StrCat(options_.journal_dir, "/engine"),
        ServiceInputLog::JournalOptions(calls_.get(), engine_journal));
    log_ = std::make_unique<ServiceInputLog>(journal_.get(), calls_.get());
    shard.log = log_.get();
  }
  absl::StatusOr<std::unique_ptr<Shard>> started =
      Shard::Start(options_.name, options_.center, shard);
  if (!started.ok()) return started.status();
  shard_ = *std::move(started);
  if (absl::Status s = SettleEpoch(env); !s.ok()) return s;
  {
    absl::MutexLock lock(&config_mu_);
    // The journal's center wins over the file's (a reload was journaled);
    // the service applies a changed file with Reload.
    producer_ = shard_->NewProducer();
  }
  SeedKept(shard_->TakeReplayed());
  // Calls the map holds that the engine ended or never took (an arrival
  // refused, or ended before the restart) are marked ended.
  absl::Status barrier = Barrier([this](const Engine& engine, uint64_t) {
    for (CallId id : calls_->AllLive()) {
      absl::StatusOr<CallView> view = engine.GetCall(id);
      if (!view.ok() || view->state == CallState::kEnded) calls_->MarkEnded(id);
    }
  });
  return barrier;
}

CenterHost::~CenterHost() { Stop(); }

absl::Status CenterHost::SettleEpoch(Env& env) {
  if (options_.journal_dir.empty()) return absl::OkStatus();  // the process's epoch
  const std::string path = absl::StrCat(options_.journal_dir, "/epoch");
  if (shard_->numbering_continues() && env.FileExists(path)) {
    absl::StatusOr<std::string> kept = env.ReadFileToString(path, 64);
    if (kept.ok() && kept->size() == 17 && kept->back() == '\n') {
      epoch_ = kept->substr(0, 16);  // the same numbering: adapters resume
      return absl::OkStatus();
    }
  }
  // A new numbering (a new journal, or one that cannot say where its
  // numbering stood): a new epoch, written whole before anyone sees it.
  const std::string tmp = path + ".tmp";
  absl::StatusOr<std::unique_ptr<WritableFile>> file = env.NewWritableFile(tmp);
  absl::Status s = file.status();
  if (s.ok()) s = (*file)->Append(epoch_ + "\n");
  if (s.ok()) s = (*file)->Sync();
  if (s.ok()) s = (*file)->Close();
  if (s.ok()) s = env.RenameFile(tmp, path);
  if (s.ok()) s = env.SyncDir(options_.journal_dir);
  if (!s.ok()) return absl::Status(s.code(), absl::StrCat("epoch file: ", s.message()));
  return absl::OkStatus();
}

void CenterHost::Stop() {
  if (shard_ != nullptr) shard_->Stop();
}

std::shared_ptr<const CenterNames> CenterHost::names() const {
  absl::ReaderMutexLock lock(&config_mu_);
  return names_;
}

void CenterHost::SubmitEvent(const std::string& adapter, const v1::Event& event, AckFn done) {
  const uint64_t id = event.event_id();
  if (adapter.empty() && id == 0) {
    // A CRM's or supervisor's action (AgentAction): no id, no de-dup.
    absl::MutexLock lock(&config_mu_);
    absl::StatusOr<EventBody> body = ToEngine(event, *names_, *center_, *calls_, adapter);
    if (!body.ok()) {
      std::move(done)(AckOf(0, body.status()));
      return;
    }
    auto slot = std::make_shared<AckFn>(std::move(done));
    absl::Status submitted = shard_->Submit(
        Event{0, 0, *std::move(body)},
        [slot](const absl::Status& status) mutable { std::move(*slot)(AckOf(0, status)); },
        producer_.get());
    if (!submitted.ok()) std::move(*slot)(AckOf(0, submitted));
    return;
  }
  if (id == 0 || id > kMaxAdapterEventId) {
    std::move(done)(BadEventId(id));
    return;
  }
  absl::StatusOr<uint32_t> tag = calls_->AdapterTag(adapter);
  if (!tag.ok()) {
    std::move(done)(AckOf(id, tag.status()));
    return;
  }
  absl::MutexLock lock(&config_mu_);
  SubmitLocked(adapter, *tag, event, std::move(done));
}

void CenterHost::SubmitEvents(const std::string& adapter,
                              const google::protobuf::RepeatedPtrField<v1::Event>& events,
                              const std::function<AckFn()>& make_done) {
  // A bad id is answered at once (before the adapter's tag is made: a batch
  // of bad ids changes nothing).
  std::vector<const v1::Event*> good;
  good.reserve(events.size());
  for (const v1::Event& event : events) {
    const uint64_t id = event.event_id();
    if (id == 0 || id > kMaxAdapterEventId) {
      make_done()(BadEventId(id));
    } else {
      good.push_back(&event);
    }
  }
  if (good.empty()) return;
  absl::StatusOr<uint32_t> tag = calls_->AdapterTag(adapter);
  if (!tag.ok()) {
    for (const v1::Event* event : good) make_done()(AckOf(event->event_id(), tag.status()));
    return;
  }
  // One lock for the batch: its events go to the shard together, in order.
  absl::MutexLock lock(&config_mu_);
  for (const v1::Event* event : good) SubmitLocked(adapter, *tag, *event, make_done());
}

void CenterHost::SubmitLocked(const std::string& adapter, uint32_t tag, const v1::Event& event,
                              AckFn done) {
  const uint64_t id = event.event_id();
  absl::StatusOr<EventBody> body = ToEngine(event, *names_, *center_, *calls_, adapter);
  if (!body.ok()) {
    std::move(done)(AckOf(id, body.status()));
    return;
  }
  Event engine_event{CallMap::EngineEventId(tag, id), 0, *std::move(body)};
  // The engine's errors name its own call ids: say which PBX call it was.
  std::string external = ExternalCallOf(event);
  // The callback is moved into the shard only when Submit accepts; keep a
  // shared slot so a refusal can still answer.
  auto slot = std::make_shared<AckFn>(std::move(done));
  absl::Status submitted = shard_->Submit(
      std::move(engine_event),
      [slot, id, external = std::move(external)](const absl::Status& status) mutable {
        v1::Ack ack = AckOf(id, status);
        if (ack.code() != 0 && !external.empty()) {
          ack.set_message(absl::StrCat(ack.message(), " (the PBX's call '", external, "')"));
        }
        std::move(*slot)(std::move(ack));
      },
      producer_.get());
  if (!submitted.ok()) std::move(*slot)(AckOf(id, submitted));
}

absl::Status CenterHost::Barrier(absl::AnyInvocable<void(const Engine&, uint64_t) &&> fn) {
  absl::MutexLock lock(&config_mu_);
  return shard_->SubmitRead(std::move(fn), producer_.get());
}

void CenterHost::GetCall(const std::string& external,
                         absl::AnyInvocable<void(absl::StatusOr<v1::CallInfo>) &&> done) {
  absl::StatusOr<CallId> id = calls_->Resolve("call", external, "", /*create=*/false);
  if (!id.ok()) {
    std::move(done)(id.status());
    return;
  }
  auto slot = std::make_shared<absl::AnyInvocable<void(absl::StatusOr<v1::CallInfo>) &&>>(
      std::move(done));
  const CallId call = *id;
  absl::Status s = Barrier([this, slot, call, external](const Engine& engine, uint64_t) {
    absl::StatusOr<CallView> view = engine.GetCall(call);
    if (!view.ok()) {
      std::move(*slot)(absl::NotFoundError(
          absl::StrCat("call: '", external, "' is no longer held by the engine")));
      return;
    }
    v1::CallInfo info;
    ToProto(*view, *names(), *calls_, &info);
    {
      absl::MutexLock lock(&streams_mu_);
      for (const Kept& kept : kept_) {
        if (kept.call == call) *info.add_history() = kept.command;
      }
    }
    std::move(*slot)(std::move(info));
  });
  if (!s.ok()) std::move(*slot)(s);
}

void CenterHost::Reload(CenterConfig center,
                        absl::AnyInvocable<void(absl::StatusOr<uint64_t>) &&> done) {
  auto slot =
      std::make_shared<absl::AnyInvocable<void(absl::StatusOr<uint64_t>) &&>>(std::move(done));
  auto next_names = std::make_shared<const CenterNames>(center);
  auto next_center = std::make_shared<const CenterConfig>(center);
  absl::MutexLock lock(&config_mu_);
  auto previous_names = names_;
  auto previous_center = center_;
  absl::Status s = shard_->SubmitReconfigure(
      std::move(center),
      [this, slot, previous_names, previous_center](const absl::Status& status) {
        if (!status.ok()) {
          // Refused: go back to the names the engine still uses.
          absl::MutexLock restore(&config_mu_);
          names_ = previous_names;
          center_ = previous_center;
          std::move(*slot)(status);
          return;
        }
        // The hash of the state right after the reload.
        absl::Status read = Barrier([slot](const Engine& engine, uint64_t) {
          std::move(*slot)(engine.StateHash());
        });
        if (!read.ok()) std::move(*slot)(read);
      },
      producer_.get());
  if (!s.ok()) {
    std::move(*slot)(s);
    return;
  }
  names_ = std::move(next_names);
  center_ = std::move(next_center);
}

}  // namespace acd::service
