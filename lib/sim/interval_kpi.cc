// IntervalKpiCollector: per-interval figures from the command stream.
#include "acd/interval_kpi.h"

#include <algorithm>
#include <variant>

#include "absl/strings/str_cat.h"
#include "acd/kpi.h"

namespace acd {
namespace {

double Ratio(double num, double den, double if_none) { return den > 0 ? num / den : if_none; }

void AddSlices(const std::vector<IntervalKpi::Counts>& from,
               std::vector<IntervalKpi::Counts>* into) {
  if (into->size() < from.size()) into->resize(from.size());
  for (size_t i = 0; i < from.size(); ++i) (*into)[i].Add(from[i]);
}

}  // namespace

IntervalKpi::Counts& IntervalKpi::Slice(std::vector<Counts>* slices, size_t index) {
  if (slices->size() <= index) slices->resize(index + 1);
  return (*slices)[index];
}

void IntervalKpi::Counts::Add(const Counts& o) {
  blocked += o.blocked;
  ended_before_queue += o.ended_before_queue;
  offered += o.offered;
  answered += o.answered;
  answered_in_sl += o.answered_in_sl;
  abandoned += o.abandoned;
  overflowed += o.overflowed;
  answered_wait_ms += o.answered_wait_ms;
  busy_ms += o.busy_ms;
  available_ms += o.available_ms;
}

AgentGroups GroupAgents(const CenterConfig& center) {
  AgentGroups groups;
  absl::flat_hash_map<std::string, uint32_t> index;
  std::vector<bool> serves(center.queues.size());
  for (const AgentConfig& agent : center.agents) {
    std::fill(serves.begin(), serves.end(), false);
    for (const Membership& m : agent.queues) {
      if (m.queue < serves.size()) serves[m.queue] = true;
    }
    std::string name;
    for (size_t q = 0; q < serves.size(); ++q) {
      if (serves[q]) absl::StrAppend(&name, name.empty() ? "" : "+", center.queues[q].name);
    }
    if (name.empty()) name = "(no queue)";
    auto [it, added] = index.try_emplace(name, static_cast<uint32_t>(groups.names.size()));
    if (added) groups.names.push_back(name);
    groups.of_agent.push_back(it->second);
  }
  return groups;
}

double IntervalKpi::ServiceLevel() const {
  return Ratio(static_cast<double>(answered_in_sl), static_cast<double>(offered), 1.0);
}
double IntervalKpi::AbandonRate() const {
  return Ratio(static_cast<double>(abandoned), static_cast<double>(offered), 0.0);
}
double IntervalKpi::AsaS() const {
  return Ratio(static_cast<double>(answered_wait_ms) / 1000.0, static_cast<double>(answered), 0);
}
double IntervalKpi::AhtS() const {
  return Ratio(static_cast<double>(handle_ms) / 1000.0, static_cast<double>(answered), 0);
}
double IntervalKpi::TimeToWantedS() const {
  return Ratio(static_cast<double>(to_wanted_ms) / 1000.0, static_cast<double>(reached_wanted), 0);
}
double IntervalKpi::Occupancy() const {
  return Ratio(static_cast<double>(busy_ms), static_cast<double>(logged_in_ms - not_ready_ms), 0);
}

void IntervalKpi::Add(const IntervalKpi& o) {
  attempts += o.attempts;
  retrials += o.retrials;
  blocked_trunk += o.blocked_trunk;
  blocked_line += o.blocked_line;
  blocked_engine += o.blocked_engine;
  arrived += o.arrived;
  offered += o.offered;
  answered += o.answered;
  answered_in_sl += o.answered_in_sl;
  abandoned += o.abandoned;
  callback_captured += o.callback_captured;
  other_ended += o.other_ended;
  reached_wanted += o.reached_wanted;
  to_wanted_ms += o.to_wanted_ms;
  answered_wait_ms += o.answered_wait_ms;
  handle_ms += o.handle_ms;
  wait_max_ms = std::max(wait_max_ms, o.wait_max_ms);
  logged_in_ms += o.logged_in_ms;
  not_ready_ms += o.not_ready_ms;
  busy_ms += o.busy_ms;
  captures += o.captures;
  contacts += o.contacts;
  callbacks_completed += o.callbacks_completed;
  callbacks_failed += o.callbacks_failed;
  callbacks_expired += o.callbacks_expired;
  callbacks_cancelled += o.callbacks_cancelled;
  callbacks_connected += o.callbacks_connected;
  callback_to_connect_ms += o.callback_to_connect_ms;
  callbacks_at_seller += o.callbacks_at_seller;
  callback_reach_ms += o.callback_reach_ms;
  callback_to_connect_samples_ms.insert(callback_to_connect_samples_ms.end(),
                                        o.callback_to_connect_samples_ms.begin(),
                                        o.callback_to_connect_samples_ms.end());
  AddSlices(o.queues, &queues);
  AddSlices(o.types, &types);
  AddSlices(o.groups, &groups);
}

IntervalKpi IntervalReport::Total() const {
  IntervalKpi total;
  total.start_ms = start_ms;
  for (const IntervalKpi& i : intervals) total.Add(i);
  return total;
}

IntervalKpiCollector::IntervalKpiCollector(const CenterConfig& center, TimeMs start_ms,
                                           TimeMs interval_ms, TimeMs sl_threshold_ms,
                                           std::optional<SellerDefinition> sellers)
    : sellers_(std::move(sellers)) {
  report_.start_ms = start_ms;
  report_.interval_ms = interval_ms;
  report_.sl_threshold_ms = sl_threshold_ms;
  agents_.resize(center.agents.size());
  if (sellers_) seller_agent_ = SellerAgents(center, *sellers_);
  AgentGroups groups = GroupAgents(center);
  agent_group_ = std::move(groups.of_agent);
  report_.group_names = std::move(groups.names);
  for (size_t i = 0; i < center.agents.size(); ++i) {
    agent_index_[center.agents[i].id] = i;
    agents_[i].since_ms = start_ms;
  }
}

IntervalKpi* IntervalKpiCollector::Bucket(TimeMs time_ms) {
  if (time_ms < report_.start_ms || report_.interval_ms <= 0) return nullptr;
  const auto index = static_cast<size_t>((time_ms - report_.start_ms) / report_.interval_ms);
  while (report_.intervals.size() <= index) {
    IntervalKpi next;
    next.start_ms =
        report_.start_ms + report_.interval_ms * static_cast<TimeMs>(report_.intervals.size());
    report_.intervals.push_back(next);
  }
  return &report_.intervals[index];
}

// A call counts as queued from its first CallQueued, Offer or
// CallConnected; a RouteCall always follows one of those when it leaves a
// queue, and one sent down a path by an entry rule never queued.
void IntervalKpiCollector::Emit(const Command& command) {
  const TimeMs t = command.time_ms;
  if (!callbacks_.empty()) {
    if (auto it = callbacks_.find(CommandSubject(command)); it != callbacks_.end()) {
      const CallbackRecord record = it->second;
      OnCallback(command, record);
      return;
    }
  }
  if (const auto* c = std::get_if<CallQueued>(&command.body)) {
    OnQueued(c->call, c->queue, t);
  } else if (const auto* c = std::get_if<Offer>(&command.body)) {
    OnQueued(c->call, c->queue, t);
  } else if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    OnQueued(c->call, c->queue, t);
    OnConnected(*c, t);
  } else if (const auto* c = std::get_if<CallEnded>(&command.body)) {
    OnEnded(*c, t);
  } else if (const auto* c = std::get_if<AgentStateChanged>(&command.body)) {
    OnAgentState(c->agent, c->state, t);
  }
}

void IntervalKpiCollector::FileCallback(CallId callback, TimeMs captured_ms,
                                        TimeMs call_arrived_ms) {
  callbacks_[callback] = CallbackRecord{captured_ms, call_arrived_ms};
  if (IntervalKpi* bucket = Bucket(call_arrived_ms)) ++bucket->contacts;
}

// The agent's state changes during a callback still count by the clock
// (AgentStateChanged is nobody's subject).
void IntervalKpiCollector::OnCallback(const Command& command, const CallbackRecord& record) {
  IntervalKpi* bucket = Bucket(record.call_arrived_ms);
  const TimeMs t = command.time_ms;
  if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    // Its wrap-up is not the handle time of a call.
    auto agent = agent_index_.find(c->agent);
    if (agent != agent_index_.end()) agents_[agent->second].last_arrival_ms = -1;
    if (bucket == nullptr) return;
    ++bucket->callbacks_connected;
    bucket->callback_to_connect_ms += t - record.captured_ms;
    if (sellers_ && agent != agent_index_.end() && seller_agent_[agent->second]) {
      ++bucket->callbacks_at_seller;
      bucket->callback_reach_ms += t - record.call_arrived_ms;
    }
    bucket->callback_to_connect_samples_ms.push_back(t - record.captured_ms);
  } else if (const auto* c = std::get_if<CallEnded>(&command.body)) {
    callbacks_.erase(c->call);
    if (bucket == nullptr) return;
    switch (c->disposition) {
      case Disposition::kCallbackCompleted: ++bucket->callbacks_completed; break;
      case Disposition::kCallbackFailed: ++bucket->callbacks_failed; break;
      case Disposition::kCallbackExpired: ++bucket->callbacks_expired; break;
      default: ++bucket->callbacks_cancelled; break;
    }
  }
}

void IntervalKpiCollector::NoteCallType(CallId call, uint32_t type) {
  CallRecord& record = calls_[call];
  record.typed = true;
  record.type = type;
}

void IntervalKpiCollector::NoteBlockedAtLine(CallId call) { calls_[call].blocked_at_line = true; }

void IntervalKpiCollector::OnQueued(CallId call, QueueId queue, TimeMs time_ms) {
  CallRecord& record = calls_[call];
  record.last_queue = queue;
  if (std::find(record.entered.begin(), record.entered.end(), queue) == record.entered.end()) {
    record.entered.push_back(queue);
  }
  if (record.queued) return;
  record.queued = true;
  record.first_queue = queue;
  record.first_queued_ms = time_ms;
}

void IntervalKpiCollector::OnConnected(const CallConnected& c, TimeMs time_ms) {
  const TimeMs arrival_ms = time_ms - c.wait_ms;
  auto agent = agent_index_.find(c.agent);
  if (agent == agent_index_.end()) return;
  agents_[agent->second].last_arrival_ms = arrival_ms;
  const CallRecord& record = calls_[c.call];
  // Only the center's sellers count, and by a queue only for its own calls.
  if (!sellers_ || !record.queued || !seller_agent_[agent->second] ||
      (sellers_->kind == SellerDefinition::Kind::kQueue && record.first_queue != sellers_->index)) {
    return;
  }
  if (IntervalKpi* bucket = Bucket(arrival_ms)) {
    ++bucket->reached_wanted;
    bucket->to_wanted_ms += c.wait_ms;
  }
}

void IntervalKpiCollector::OnEnded(const CallEnded& c, TimeMs time_ms) {
  const bool answered = c.disposition == Disposition::kAnswered;
  const TimeMs answer_ms = answered ? time_ms - c.talk_ms : time_ms;
  CallRecord record;
  if (auto it = calls_.find(c.call); it != calls_.end()) {
    record = it->second;
    calls_.erase(it);
  }
  IntervalKpi* bucket = Bucket(answer_ms - c.wait_ms);
  if (bucket == nullptr) return;
  ++bucket->arrived;
  if (c.disposition == Disposition::kCallbackCaptured) ++bucket->captures;
  if (!record.queued) {
    if (record.typed) {
      IntervalKpi::Counts& type = bucket->Type(record.type);
      ++(record.blocked_at_line ? type.blocked : type.ended_before_queue);
    }
    return;
  }
  ++bucket->offered;
  const TimeMs wait_ms = answer_ms - record.first_queued_ms;
  bucket->wait_max_ms = std::max(bucket->wait_max_ms, wait_ms);
  for (QueueId q : record.entered) {
    IntervalKpi::Counts& queue = bucket->Queue(q);
    ++queue.offered;
    if (q != record.last_queue) ++queue.overflowed;
  }
  CountQueued(c, record, wait_ms, bucket);
}

// The call's end in its interval, its last queue, its type and, answered,
// its agent's group: each the same way.
void IntervalKpiCollector::CountQueued(const CallEnded& c, const CallRecord& record,
                                       TimeMs wait_ms, IntervalKpi* bucket) {
  absl::InlinedVector<IntervalKpi::Counts*, 3> slices = {&bucket->Queue(record.last_queue)};
  if (record.typed) {
    IntervalKpi::Counts& type = bucket->Type(record.type);
    ++type.offered;
    slices.push_back(&type);
  }
  switch (c.disposition) {
    case Disposition::kAnswered: {
      ++bucket->answered;
      bucket->answered_wait_ms += wait_ms;
      bucket->handle_ms += c.talk_ms;
      if (auto it = agent_index_.find(c.agent); it != agent_index_.end()) {
        slices.push_back(&bucket->Group(agent_group_[it->second]));
      }
      const bool in_sl = wait_ms <= report_.sl_threshold_ms;
      if (in_sl) ++bucket->answered_in_sl;
      for (IntervalKpi::Counts* s : slices) {
        ++s->answered;
        s->answered_wait_ms += wait_ms;
        if (in_sl) ++s->answered_in_sl;
      }
      break;
    }
    case Disposition::kAbandonedInQueue:
    case Disposition::kAbandonedRinging:
      ++bucket->abandoned;
      for (IntervalKpi::Counts* s : slices) ++s->abandoned;
      break;
    case Disposition::kCallbackCaptured:
      ++bucket->callback_captured;
      for (IntervalKpi::Counts* s : slices) ++s->overflowed;
      break;
    default:
      ++bucket->other_ended;
      for (IntervalKpi::Counts* s : slices) ++s->overflowed;
      break;
  }
}

void IntervalKpiCollector::OnAgentState(AgentId id, AgentState state, TimeMs time_ms) {
  auto it = agent_index_.find(id);
  if (it == agent_index_.end()) return;
  AgentRecord& agent = agents_[it->second];
  AddAgentTime(it->second, agent.state, agent.since_ms, time_ms);
  // After-call work belongs to the handle time of the agent's last call.
  if (agent.state == AgentState::kWrapUp && agent.last_arrival_ms >= 0) {
    if (IntervalKpi* bucket = Bucket(agent.last_arrival_ms)) {
      bucket->handle_ms += time_ms - agent.since_ms;
    }
  }
  agent.state = state;
  agent.since_ms = std::max(agent.since_ms, time_ms);
}

void IntervalKpiCollector::AddAgentTime(size_t agent, AgentState state, TimeMs from_ms,
                                        TimeMs to_ms) {
  if (state == AgentState::kLoggedOut || report_.interval_ms <= 0) return;
  from_ms = std::max(from_ms, report_.start_ms);
  while (from_ms < to_ms) {
    IntervalKpi* bucket = Bucket(from_ms);
    const TimeMs end_ms = std::min(to_ms, bucket->start_ms + report_.interval_ms);
    const TimeMs spent_ms = end_ms - from_ms;
    bucket->logged_in_ms += spent_ms;
    IntervalKpi::Counts& group = bucket->Group(agent_group_[agent]);
    if (state == AgentState::kNotReady) {
      bucket->not_ready_ms += spent_ms;
    } else {
      group.available_ms += spent_ms;
    }
    if (state == AgentState::kReserved || state == AgentState::kTalking ||
        state == AgentState::kWrapUp) {
      bucket->busy_ms += spent_ms;
      group.busy_ms += spent_ms;
    }
    from_ms = end_ms;
  }
}

void IntervalKpiCollector::Finish(TimeMs end_ms) {
  for (size_t i = 0; i < agents_.size(); ++i) {
    AgentRecord& agent = agents_[i];
    const AgentState state = agent.state;
    AddAgentTime(i, state, agent.since_ms, end_ms);
    agent.since_ms = std::max(agent.since_ms, end_ms);
  }
}

}  // namespace acd
