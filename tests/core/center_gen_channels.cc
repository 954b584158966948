// Random channels for fuzz centers: queues' media and agents' channels
// (Amazon Connect's routing profile concurrency, Genesys' utilization).
// A queue's media is drawn per group of queues that calls move between
// (overflow paths, added queues), since a call keeps its media; an agent
// with channels lists the media of its queues, and sometimes another.
#include <numeric>
#include <vector>

#include "tests/core/center_gen.h"

namespace acd::testing {
namespace {

QueueId Root(std::vector<QueueId>& parent, QueueId q) {
  while (parent[q] != q) q = parent[q] = parent[parent[q]];
  return q;
}

void Join(std::vector<QueueId>& parent, QueueId from, const OverflowAction& a) {
  if (a.kind == OverflowKind::kQueue && a.queue < parent.size()) {
    parent[Root(parent, from)] = Root(parent, a.queue);
  }
}

}  // namespace

void AddRandomChannels(TestRng& rng, CenterConfig& center) {
  if (!rng.PerMille(350)) return;  // most centers stay voice alone
  const size_t n = center.queues.size();
  std::vector<QueueId> parent(n);
  std::iota(parent.begin(), parent.end(), QueueId{0});
  for (QueueId q = 0; q < n; ++q) {
    const QueueConfig& qc = center.queues[q];
    for (const OverflowAction* a : {&qc.on_max_wait, &qc.on_full, &qc.on_decline,
                                    &qc.join_empty.action, &qc.leave_when_empty.action}) {
      Join(parent, q, *a);
    }
    for (const OverflowRule& rule : qc.rules) {
      if (rule.action == RuleActionKind::kRoute) Join(parent, q, rule.route);
      if (rule.action == RuleActionKind::kAddQueue) {
        Join(parent, q, OverflowAction{OverflowKind::kQueue, rule.queue, ""});
      }
    }
  }
  std::vector<Media> group(n, Media::kVoice);
  for (QueueId q = 0; q < n; ++q) {
    if (Root(parent, q) == q) group[q] = static_cast<Media>(rng.Below(kMediaCount));
  }
  for (QueueId q = 0; q < n; ++q) center.queues[q].media = group[Root(parent, q)];
  for (AgentConfig& agent : center.agents) {
    if (!rng.PerMille(600)) continue;  // any media, up to its capacity
    agent.capacity = static_cast<uint32_t>(rng.Between(1, 4));
    uint32_t media = 0;
    for (const Membership& m : agent.queues) media |= 1u << static_cast<int>(center.queues[m.queue].media);
    if (rng.PerMille(200)) media |= 1u << rng.Below(kMediaCount);
    if (media == 0) media = 1;
    for (int m = 0; m < kMediaCount; ++m) {
      if ((media & (1u << m)) == 0) continue;
      ChannelConfig ch;
      ch.media = static_cast<Media>(m);
      ch.capacity = static_cast<uint32_t>(rng.Between(1, agent.capacity));
      for (int other = 0; other < kMediaCount; ++other) {
        if (other != m && (media & (1u << other)) != 0 && rng.PerMille(500)) {
          ch.interrupted_by |= static_cast<uint8_t>(1u << other);
        }
      }
      agent.channels.push_back(ch);
    }
  }
}

}  // namespace acd::testing
