// The checks of channels (media): a queue's media, an agent's channels,
// and that a call never has to move into a queue of another media (a call
// keeps the media of its first queue for its life: DESIGN invariant 32).
#include <string>

#include "absl/strings/str_cat.h"
#include "core/center_validate.h"

namespace acd::core {
namespace {

bool KnownMedia(Media m) { return static_cast<int>(m) < kMediaCount; }
std::string NameOf(Media m) { return std::string(ToString(m)); }

// A move of queue `from`'s calls into action's queue: the same media.
void CheckMove(const CenterConfig& c, size_t from, const std::string& path, OverflowKind kind,
               QueueId to, ValidationErrors& errors) {
  if (kind != OverflowKind::kQueue || to >= c.queues.size()) return;
  const Media a = c.queues[from].media, b = c.queues[to].media;
  if (a == b || !KnownMedia(a) || !KnownMedia(b)) return;
  errors.Add(path, ".queue: '", c.queues[to].name, "' takes ", NameOf(b), " calls and '",
             c.queues[from].name, "' ", NameOf(a), " calls; a call keeps its media");
}

void CheckQueueMoves(const CenterConfig& c, size_t i, ValidationErrors& errors) {
  const QueueConfig& q = c.queues[i];
  const std::string path = absl::StrCat("queues[", i, "]");
  if (!KnownMedia(q.media)) {
    errors.Add(path, ".media: ", static_cast<int>(q.media), " is not a media");
    return;
  }
  CheckMove(c, i, path + ".on_max_wait", q.on_max_wait.kind, q.on_max_wait.queue, errors);
  CheckMove(c, i, path + ".on_full", q.on_full.kind, q.on_full.queue, errors);
  CheckMove(c, i, path + ".on_decline", q.on_decline.kind, q.on_decline.queue, errors);
  CheckMove(c, i, path + ".join_empty.action", q.join_empty.action.kind, q.join_empty.action.queue,
            errors);
  CheckMove(c, i, path + ".leave_when_empty.action", q.leave_when_empty.action.kind,
            q.leave_when_empty.action.queue, errors);
  for (size_t r = 0; r < q.rules.size(); ++r) {
    const OverflowRule& rule = q.rules[r];
    const std::string rpath = absl::StrCat(path, ".rules[", r, "]");
    if (rule.action == RuleActionKind::kRoute) {
      CheckMove(c, i, rpath + ".route", rule.route.kind, rule.route.queue, errors);
    } else if (rule.action == RuleActionKind::kAddQueue) {
      CheckMove(c, i, rpath, OverflowKind::kQueue, rule.queue, errors);
    }
  }
}

void CheckChannels(const CenterConfig& c, size_t i, ValidationErrors& errors) {
  const AgentConfig& a = c.agents[i];
  const std::string path = absl::StrCat("agents[", i, "].channels");
  uint32_t listed = 0;
  for (size_t k = 0; k < a.channels.size(); ++k) {
    const ChannelConfig& ch = a.channels[k];
    const std::string cpath = absl::StrCat(path, "[", k, "]");
    if (!KnownMedia(ch.media)) {
      errors.Add(cpath, ".media: ", static_cast<int>(ch.media), " is not a media");
      continue;
    }
    if (k > 0 && !(a.channels[k - 1].media < ch.media)) {
      errors.Add(cpath, ".media: ", NameOf(ch.media),
                 " is out of order or listed twice (one channel per media, in media order)");
    }
    listed |= 1u << static_cast<int>(ch.media);
    if (ch.capacity == 0) errors.Add(cpath, ".capacity: must be >= 1");
    if (ch.capacity > a.capacity) {
      errors.Add(cpath, ".capacity: ", ch.capacity, " is more than the agent's capacity ",
                 a.capacity, " (it could never be reached)");
    }
  }
  for (size_t k = 0; k < a.channels.size(); ++k) {
    const ChannelConfig& ch = a.channels[k];
    const std::string cpath = absl::StrCat(path, "[", k, "].interrupted_by");
    for (int m = 0; m < 8; ++m) {
      if ((ch.interrupted_by & (1u << m)) == 0) continue;
      if (m >= kMediaCount) {
        errors.Add(cpath, ": bit ", m, " is not a media");
      } else if (static_cast<Media>(m) == ch.media) {
        errors.Add(cpath, ": ", NameOf(ch.media), " is this channel's own media (its calls ",
                   "always share up to its capacity)");
      } else if ((listed & (1u << m)) == 0) {
        errors.Add(cpath, ": ", NameOf(static_cast<Media>(m)),
                   " is not one of the agent's channels");
      }
    }
  }
  if (a.channels.empty()) return;
  for (size_t m = 0; m < a.queues.size(); ++m) {
    const QueueId q = a.queues[m].queue;
    if (q >= c.queues.size() || !KnownMedia(c.queues[q].media)) continue;
    if ((listed & (1u << static_cast<int>(c.queues[q].media))) == 0) {
      errors.Add("agents[", i, "].queues[", m, "].queue: '", c.queues[q].name, "' takes ",
                 NameOf(c.queues[q].media), " calls, which the agent's channels do not list");
    }
  }
}

}  // namespace

void CheckMedia(const CenterConfig& c, ValidationErrors& errors) {
  for (size_t i = 0; i < c.queues.size(); ++i) CheckQueueMoves(c, i, errors);
  for (size_t i = 0; i < c.agents.size(); ++i) CheckChannels(c, i, errors);
}

}  // namespace acd::core
