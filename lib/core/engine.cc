// Engine construction, the event entry point and the clock.
#include "acd/engine.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"
#include "acd/center_codec.h"

namespace acd {
namespace core {

EngineFields::EngineFields(const CenterConfig& center, CommandSink* sink, EngineOptions options)
    : center_(center),
      center_fingerprint_(CenterFingerprint(center_)),
      sink_(sink),
      check_invariants_(options.check_invariants),
      rng_(options.seed),
      ended_calls_(center.ended_calls_window),
      seen_events_(center.dedupe_window) {}

EngineImpl::EngineImpl(const CenterConfig& center, CommandSink* sink, EngineOptions options)
    : EngineFields(center, sink, options) {
  queues_.resize(center_.queues.size());
  for (size_t q = 0; q < queues_.size(); ++q) {
    QueueState& state = queues_[q];
    state.config = &center_.queues[q];
    state.delays_ms.push_back(0);
    state.aht_ms = static_cast<double>(state.config->expected_handle_ms);
    state.book.Index(&state.config->rules, state.config->rules_from_arrival);
  }
  keep_attributes_ = !center_.entry_rules.empty() || center_.resume_place_ms > 0;
  agents_.resize(center_.agents.size());
  file_gens_.assign(agents_.size(), 0);
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    const AgentConfig& cfg = center_.agents[slot];
    Agent& a = agents_[slot];
    a.id = cfg.id;
    a.capacity = cfg.capacity;
    a.all_skills_level = static_cast<uint8_t>(cfg.all_skills_level);
    a.own_wrapup_ms = cfg.wrapup_ms.value_or(-1);
    SetChannels(cfg, a);
    a.skills.assign(cfg.skills.begin(), cfg.skills.end());
    std::sort(a.skills.begin(), a.skills.end(),
              [](const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; });
    agent_slots_.emplace(cfg.id, slot);
    for (const Membership& m : cfg.queues) {
      std::vector<TimeMs>& delays = queues_[m.queue].delays_ms;
      if (std::find(delays.begin(), delays.end(), m.delay_ms) == delays.end()) {
        delays.push_back(m.delay_ms);
      }
      queues_[m.queue].members.push_back(slot);
    }
  }
  for (QueueState& q : queues_) {
    std::sort(q.delays_ms.begin(), q.delays_ms.end());
    q.Derive();
    q.pools = decltype(q.pools)(NodeArenaAllocator<Pool>(node_arena_.get()));
    AddPool(q, {});  // reads what Derive set
  }
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    for (const Membership& m : center_.agents[slot].queues) {
      const std::vector<TimeMs>& delays = queues_[m.queue].delays_ms;
      const auto cls = std::find(delays.begin(), delays.end(), m.delay_ms) - delays.begin();
      AgentMembership am;
      am.queue = m.queue;
      am.delay_class = static_cast<uint8_t>(cls);
      am.level = m.level;
      am.position = m.position;
      am.weight = m.weight;
      am.media = center_.queues[m.queue].media;
      am.key.order = OrderKeyFor(center_.queues[m.queue], center_.agents[slot]);
      agents_[slot].memberships.push_back(am);
    }
    CacheMemberships(agents_[slot]);
  }
  BuildAgentDirectory();
  RecountJoins();
}

}  // namespace core

bool IsRepeatedEvent(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAlreadyExists &&
         status.GetPayload(kRepeatedEventPayload).has_value();
}

namespace core {

absl::Status EngineImpl::Apply(const Event& event) {
  if (event.id != 0 && seen_events_.Contains(event.id)) {
    absl::Status repeat = absl::AlreadyExistsError(
        absl::StrCat("event_id: ", event.id, " was already applied; repeat ignored"));
    repeat.SetPayload(kRepeatedEventPayload, absl::Cord("1"));
    return repeat;
  }
  if (started_ && event.time_ms < now_ms_) {
    return absl::InvalidArgumentError(absl::StrCat("time_ms: ", event.time_ms,
                                                   " is before the engine's time ", now_ms_));
  }
  event_time_ms_ = started_ ? std::max(event.time_ms, now_ms_) : event.time_ms;
  absl::Status pre = Check(event.body);
  const std::optional<TimeMs> due = timers_.NextDueMs();
  const bool timers_due = started_ && due && *due <= event.time_ms;
  if (!pre.ok() && (!timers_due || pre.code() == absl::StatusCode::kInvalidArgument)) return pre;
  const uint64_t fired_before = timers_fired_;
  if (absl::Status s = AdvanceTo(event.time_ms); !s.ok()) return s;
  if (!pre.ok() || timers_fired_ != fired_before) {
    // Timers fired on the way: the event may no longer fit the state.
    if (absl::Status s = Check(event.body); !s.ok()) return s;
  }
  Do(event.body);
  if (event.id != 0) seen_events_.Insert(event.id, true);
  if (check_invariants_) AssertInvariants();
  return absl::OkStatus();
}

absl::Status EngineImpl::AdvanceTo(TimeMs time_ms) {
  if (started_ && time_ms < now_ms_) {
    return absl::InvalidArgumentError(
        absl::StrCat("time_ms: ", time_ms, " is before the engine's time ", now_ms_));
  }
  if (!started_) {
    started_ = true;
    now_ms_ = time_ms;
    for (Agent& a : agents_) a.state_since_ms = time_ms;
  }
  while (std::optional<Timer> timer = timers_.PopDue(time_ms)) {
    now_ms_ = timer->due_ms;
    FireTimer(*timer);
  }
  now_ms_ = time_ms;
  if (check_invariants_) AssertInvariants();
  return absl::OkStatus();
}

void EngineImpl::AssertInvariants() const {
  if (absl::Status s = CheckInvariants(); !s.ok()) {
    std::fprintf(stderr, "acd engine at t=%lld ms: %s\n", static_cast<long long>(now_ms_),
                 std::string(s.message()).c_str());
    std::abort();
  }
}

absl::Status EngineImpl::Check(const EventBody& body) const {
  return std::visit([this](const auto& e) { return CheckEvent(e); }, body);
}

void EngineImpl::Do(const EventBody& body) {
  std::visit([this](const auto& e) { DoEvent(e); }, body);
}

void EngineImpl::BuildAgentDirectory() {
  if (agents_.empty()) return;
  AgentId low = agents_[0].id, high = agents_[0].id;
  for (const Agent& a : agents_) {
    low = std::min(low, a.id);
    high = std::max(high, a.id);
  }
  if (high - low >= kDenseIdsPerAgent * agents_.size()) return;
  agent_id_base_ = low;
  agent_dense_.assign(high - low + 1, kNoSlot);
  for (uint32_t slot = 0; slot < agents_.size(); ++slot) {
    agent_dense_[agents_[slot].id - low] = slot;
  }
  agent_slots_ = {};
}

uint32_t EngineImpl::AgentSlot(AgentId id) const {
  if (!agent_dense_.empty()) {
    const uint64_t i = id - agent_id_base_;  // wraps for ids below the base
    return i < agent_dense_.size() ? agent_dense_[i] : kNoSlot;
  }
  auto it = agent_slots_.find(id);
  return it == agent_slots_.end() ? kNoSlot : it->second;
}

const Agent* EngineImpl::FindAgent(AgentId id) const {
  const uint32_t slot = AgentSlot(id);
  return slot == kNoSlot ? nullptr : &agents_[slot];
}
uint32_t EngineImpl::CallSlot(CallId id) const {
  if (id == last_call_.id) return last_call_.slot;
  return live_calls_.at(id);
}

}  // namespace core

// ---- the public face forwards to the implementation ----

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(const CenterConfig& center,
                                                       CommandSink* sink,
                                                       EngineOptions options) {
  if (sink == nullptr) return absl::InvalidArgumentError("sink: must not be null");
  if (absl::Status s = ValidateCenter(center); !s.ok()) return s;
  return std::unique_ptr<Engine>(
      new Engine(std::make_unique<core::EngineImpl>(center, sink, options)));
}

Engine::Engine(std::unique_ptr<core::EngineImpl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

absl::Status Engine::Apply(const Event& event) { return impl_->Apply(event); }
absl::Status Engine::AdvanceTo(TimeMs time_ms) { return impl_->AdvanceTo(time_ms); }
absl::Status Engine::Reconfigure(const CenterConfig& next) {
  if (absl::Status s = ValidateCenter(next); !s.ok()) return s;
  absl::StatusOr<std::unique_ptr<core::EngineImpl>> fresh = impl_->Reload(next);
  if (!fresh.ok()) return fresh.status();
  impl_ = *std::move(fresh);
  return absl::OkStatus();
}
TimeMs Engine::now_ms() const { return impl_->now_ms(); }
std::optional<TimeMs> Engine::NextDeadlineMs() const { return impl_->NextDeadlineMs(); }
absl::StatusOr<AgentView> Engine::GetAgent(AgentId id) const { return impl_->GetAgent(id); }
absl::StatusOr<CallView> Engine::GetCall(CallId id) const { return impl_->GetCall(id); }
absl::StatusOr<QueueStats> Engine::GetQueueStats(QueueId id) const {
  return impl_->GetQueueStats(id);
}
std::vector<AgentView> Engine::AllAgents() const { return impl_->AllAgents(); }
CallCounts Engine::counts() const { return impl_->counts(); }
const WorkCounters& Engine::work() const { return impl_->work(); }
const CenterConfig& Engine::center() const { return impl_->center(); }
uint64_t Engine::StateHash() const { return impl_->StateHash(); }
std::string Engine::Snapshot() const { return impl_->Snapshot(); }

absl::StatusOr<std::unique_ptr<Engine>> Engine::Restore(const CenterConfig& center,
                                                        std::string_view snapshot,
                                                        CommandSink* sink,
                                                        EngineOptions options) {
  if (sink == nullptr) return absl::InvalidArgumentError("sink: must not be null");
  if (absl::Status s = ValidateCenter(center); !s.ok()) return s;
  absl::StatusOr<std::unique_ptr<core::EngineImpl>> impl =
      core::EngineImpl::Restore(center, snapshot, sink, options);
  if (!impl.ok()) return impl.status();
  return std::unique_ptr<Engine>(new Engine(*std::move(impl)));
}
absl::Status Engine::CheckInvariants() const { return impl_->CheckInvariants(); }

}  // namespace acd
