// KpiCollector: the callbacks' figures (CallbackKpi).
#include <algorithm>
#include <cmath>
#include <variant>

#include "acd/kpi.h"

namespace acd {
namespace {

double Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

double MeanMs(TimeMs sum_ms, uint64_t n) {
  return n == 0 ? 0.0 : static_cast<double>(sum_ms) / static_cast<double>(n);
}

}  // namespace

double NearestRankMs(std::vector<TimeMs> samples_ms, double q) {
  if (samples_ms.empty()) return 0.0;
  const double rank = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(samples_ms.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  std::nth_element(samples_ms.begin(), samples_ms.begin() + static_cast<ptrdiff_t>(index),
                   samples_ms.end());
  return static_cast<double>(samples_ms[index]);
}

double CallbackKpi::ContactShare() const { return Share(contacts, captured); }
double CallbackKpi::CompletedShare() const { return Share(completed, Ended()); }
double CallbackKpi::ToConnectMeanMs() const { return MeanMs(to_connect_ms, connected); }
double CallbackKpi::ToConnectP90Ms() const { return NearestRankMs(to_connect_samples_ms, 0.9); }
double CallbackKpi::ReachMeanMs() const { return MeanMs(reach_ms, at_seller); }

void KpiCollector::FileCallback(CallId callback, TimeMs captured_ms, TimeMs call_arrived_ms) {
  callbacks_[callback] = CallbackRecord{captured_ms, call_arrived_ms};
  ++report_.callbacks.contacts;
}

CallId CommandSubject(const Command& command) {
  return std::visit(
      [](const auto& c) -> CallId {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, DialCallback> || std::is_same_v<T, CallbackHeld>) {
          return c.callback;
        } else if constexpr (requires { c.call; }) {
          return c.call;
        } else {
          return 0;
        }
      },
      command.body);
}

void KpiCollector::OnCallback(const Command& command, CallbackRecord record) {
  CallbackKpi& k = report_.callbacks;
  const TimeMs t = command.time_ms;
  if (std::get_if<DialCallback>(&command.body) != nullptr) {
    ++k.dials;
  } else if (const auto* c = std::get_if<CancelOffer>(&command.body)) {
    if (c->reason != CancelReason::kRingTimeout) return;
    if (auto it = agent_index_.find(c->agent); it != agent_index_.end()) {
      ++report_.agents[it->second].missed;
    }
  } else if (const auto* c = std::get_if<CallConnected>(&command.body)) {
    ++k.connected;
    k.to_connect_ms += t - record.captured_ms;
    k.to_connect_samples_ms.push_back(t - record.captured_ms);
    // The wrap-up after a callback is the agent's, not a queue's handle time.
    if (auto it = agent_index_.find(c->agent); it != agent_index_.end()) {
      agents_[it->second].has_last_queue = false;
      if (!seller_agent_.empty() && seller_agent_[it->second]) {
        ++k.at_seller;
        k.reach_ms += t - record.call_arrived_ms;
      }
    }
  } else if (const auto* c = std::get_if<CallEnded>(&command.body)) {
    callbacks_.erase(c->call);
    switch (c->disposition) {
      case Disposition::kCallbackCompleted:
        ++k.completed;
        k.talk_ms += c->talk_ms;
        if (auto it = agent_index_.find(c->agent); it != agent_index_.end()) {
          ++report_.agents[it->second].calls;
          report_.agents[it->second].talk_ms += c->talk_ms;
        }
        break;
      case Disposition::kCallbackFailed: ++k.failed; break;
      case Disposition::kCallbackExpired: ++k.expired; break;
      default: ++k.cancelled; break;
    }
  }
}

}  // namespace acd
