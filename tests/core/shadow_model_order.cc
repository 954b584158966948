// ShadowModel: a queue's order_by (TaskRouter's order_by on a worker
// attribute), from the center as written: the first offer of a call
// entering the queue goes to an agent whom no other free agent who surely
// may take it precedes by the attribute (those without it after all who
// have it, either way); under level_first, within the offered agent's
// level. Ties are the strategy's, checked where the strategy is.
#include <variant>

#include "absl/strings/str_cat.h"
#include "tests/core/shadow_model.h"

namespace acd::testing {

bool ShadowModel::FirstOfferOnEntry(const ShadowCall& call, const Offer& offer) const {
  if (!call.offers.empty() || call.guest_queue != UINT32_MAX || !event_) return false;
  CallId entering = 0;
  if (const auto* e = std::get_if<CallEnqueue>(&event_->body)) entering = e->call;
  if (const auto* e = std::get_if<CallClassify>(&event_->body)) entering = e->call;
  return entering == offer.call;
}

int ShadowModel::CompareByAttribute(QueueId queue, const ShadowAgent& x,
                                    const ShadowAgent& y) const {
  const QueueConfig& q = center_.queues[queue];
  if (q.order_by.empty()) return 0;
  auto value = [&q](const ShadowAgent& a) -> const int64_t* {
    for (const AgentAttribute& attr : a.config->attributes) {
      if (attr.name == q.order_by) return &attr.value;
    }
    return nullptr;
  };
  const int64_t* vx = value(x);
  const int64_t* vy = value(y);
  if (vx == nullptr || vy == nullptr) return (vx == nullptr) - (vy == nullptr);
  if (*vx == *vy) return 0;
  return (*vx < *vy) != q.order_descending ? -1 : 1;
}

absl::Status ShadowModel::CheckOrderBy(const ShadowCall& call, const ShadowAgent& agent,
                                       const Offer& offer) const {
  const QueueConfig& queue = center_.queues[offer.queue];
  if (queue.order_by.empty() || offer.preferred || !FirstOfferOnEntry(call, offer)) {
    return absl::OkStatus();
  }
  const bool level_first = queue.level_first && !IgnoresLevels(offer.queue);
  const int level = LevelIn(offer.queue, agent);
  for (const auto& [id, other] : agents_) {
    if (id == offer.agent || !Available(other, now_ms_) ||
        !Eligible(call, other, offer.queue, now_ms_, Sureness::kCertain) ||
        (level_first && LevelIn(offer.queue, other) != level)) {
      continue;
    }
    if (CompareByAttribute(offer.queue, other, agent) < 0) {
      return absl::InternalError(absl::StrCat(
          "order_by ", queue.order_by, queue.order_descending ? " desc" : " asc", ": call ",
          offer.call, " offered to agent ", offer.agent, " while agent ", id,
          ", who comes first by the attribute, was free and qualified"));
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::testing
