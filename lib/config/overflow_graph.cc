#include "config/overflow_graph.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/breadth_first_search.hpp"
#include "boost/graph/reverse_graph.hpp"

namespace acd::config_internal {
namespace {

// Vertices 0..n-1 are the queues; vertex n is "out": an agent took the call
// or a terminal action ended its wait. An edge u -> v means a call waiting
// in u can get to v.
using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = Graph::vertex_descriptor;

bool IsTerminal(OverflowKind kind) {
  return kind == OverflowKind::kCallback || kind == OverflowKind::kVoicemail ||
         kind == OverflowKind::kExternal || kind == OverflowKind::kDisconnect;
}

// Queues some agent can take calls from: a member with capacity, holding
// the queue's skill when it has one.
std::vector<bool> ServedQueues(const CenterConfig& center) {
  std::vector<bool> served(center.queues.size(), false);
  for (const AgentConfig& agent : center.agents) {
    if (agent.capacity == 0) continue;
    for (const Membership& m : agent.queues) {
      if (m.queue >= center.queues.size()) continue;
      const QueueConfig& q = center.queues[m.queue];
      const bool qualified =
          !q.has_skill ||
          std::any_of(agent.skills.begin(), agent.skills.end(),
                      [&](const SkillLevel& s) { return s.skill == q.skill; });
      if (qualified) served[m.queue] = true;
    }
  }
  return served;
}

// Only on_max_wait drains a queue; on_full turns arrivals away and so adds
// no way out for the calls already waiting.
Graph BuildGraph(const CenterConfig& center) {
  const size_t n = center.queues.size();
  Graph graph(n + 1);
  const std::vector<bool> served = ServedQueues(center);
  for (size_t i = 0; i < n; ++i) {
    const QueueConfig& q = center.queues[i];
    const bool drains = q.max_wait_ms > 0;
    if (served[i] || (drains && IsTerminal(q.on_max_wait.kind))) {
      boost::add_edge(i, n, graph);
    }
    if (drains && q.on_max_wait.kind == OverflowKind::kQueue &&
        q.on_max_wait.queue < n) {
      boost::add_edge(i, q.on_max_wait.queue, graph);
    }
  }
  return graph;
}

// Marks every vertex it discovers.
class Marker : public boost::default_bfs_visitor {
 public:
  explicit Marker(std::vector<bool>* marked) : marked_(marked) {}
  template <typename G>
  void discover_vertex(Vertex v, const G&) const {
    (*marked_)[v] = true;
  }

 private:
  std::vector<bool>* marked_;
};

}  // namespace

void CheckOverflowGraph(const CenterConfig& center, ErrorList* errors) {
  const Graph graph = BuildGraph(center);
  const Vertex out = center.queues.size();
  // The queues that can reach "out" are those "out" reaches backwards.
  std::vector<bool> leaves(boost::num_vertices(graph), false);
  boost::breadth_first_search(boost::make_reverse_graph(graph), out,
                              boost::visitor(Marker(&leaves)));
  for (Vertex v = 0; v < out; ++v) {
    if (leaves[v]) continue;
    errors->Add(
        absl::StrCat("queues[", v, "]"),
        absl::StrCat("calls waiting in \"", center.queues[v].name,
                     "\" can never leave: no member agent can take them and "
                     "on_max_wait leads to no agent, callback, voicemail, "
                     "external number or message"));
  }
}

}  // namespace acd::config_internal
