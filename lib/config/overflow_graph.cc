#include "config/overflow_graph.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "boost/graph/adjacency_list.hpp"
#include "boost/graph/breadth_first_search.hpp"
#include "boost/graph/depth_first_search.hpp"
#include "boost/graph/reverse_graph.hpp"
#include "config/overflow_graph_internal.h"

namespace acd::config_internal {
namespace {

// Edges carry the index of their Move.
struct EdgeInfo {
  size_t move = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS,
                                    boost::bidirectionalS, boost::no_property,
                                    EdgeInfo>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

// Records the DFS tree and the moves that close a cycle.
class LoopFinder : public boost::default_dfs_visitor {
 public:
  LoopFinder(std::vector<Vertex>* parent, std::vector<size_t>* closing)
      : parent_(parent), closing_(closing) {}
  void tree_edge(Edge e, const Graph& g) const {
    (*parent_)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(Edge e, const Graph& g) const { closing_->push_back(g[e].move); }

 private:
  std::vector<Vertex>* parent_;
  std::vector<size_t>* closing_;
};

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

std::string MovePath(const Move& m) {
  return absl::StrCat("queues[", m.from, "].", m.field, ".queue");
}

std::string RulePrefix(const Move& m) {
  return m.rule.empty() ? "" : absl::StrCat("rule \"", m.rule, "\": ");
}

// (a) Cycles of moves that need no agent.
void CheckLoops(const CenterConfig& center, const std::vector<Move>& moves,
                ErrorList* errors) {
  const size_t n = center.queues.size();
  Graph graph(n);
  for (size_t i = 0; i < moves.size(); ++i) {
    if (moves[i].to < n && !moves[i].adds) {
      boost::add_edge(moves[i].from, moves[i].to, EdgeInfo{i}, graph);
    }
  }
  std::vector<Vertex> parent(n);
  for (Vertex v = 0; v < n; ++v) parent[v] = v;
  std::vector<size_t> closing;
  boost::depth_first_search(graph,
                            boost::visitor(LoopFinder(&parent, &closing)));
  for (size_t index : closing) {
    const Move& m = moves[index];
    // The tree path from m.to down to m.from, then m itself closes it.
    std::vector<std::string> names{center.queues[m.from].name};
    for (Vertex v = m.from; v != m.to && parent[v] != v; v = parent[v]) {
      names.push_back(center.queues[parent[v]].name);
    }
    std::reverse(names.begin(), names.end());
    names.push_back(center.queues[m.to].name);
    errors->Add(
        MovePath(m),
        absl::StrCat(RulePrefix(m), "moving calls to \"", center.queues[m.to].name,
                     "\" closes a loop (", absl::StrJoin(names, " -> "),
                     "); a call no agent takes could go round it forever"));
  }
}

// (b) Queues whose waiting calls reach neither an agent nor a terminal path.
void CheckWaysOut(const CenterConfig& center, const std::vector<Move>& moves,
                  const std::vector<bool>& served, ErrorList* errors) {
  const size_t n = center.queues.size();
  const Vertex out = n;
  Graph graph(n + 1);
  for (size_t q = 0; q < n; ++q) {
    if (served[q]) boost::add_edge(q, out, graph);
  }
  for (size_t i = 0; i < moves.size(); ++i) {
    const Move& m = moves[i];
    if (!m.drains) continue;
    if (m.adds) {
      if (served[m.to]) boost::add_edge(m.from, out, EdgeInfo{i}, graph);
    } else {
      boost::add_edge(m.from, m.to, EdgeInfo{i}, graph);
    }
  }
  // The queues that can reach "out" are those "out" reaches backwards.
  std::vector<bool> leaves(n + 1, false);
  boost::breadth_first_search(boost::make_reverse_graph(graph), out,
                              boost::visitor(Marker(&leaves)));
  for (Vertex v = 0; v < out; ++v) {
    if (leaves[v]) continue;
    errors->Add(
        absl::StrCat("queues[", v, "]"),
        absl::StrCat("calls waiting in \"", center.queues[v].name,
                     "\" can never leave: no member agent can take them, and "
                     "no overflow rule, on_max_wait or leave_when_empty leads "
                     "to an agent, callback, voicemail, external number or "
                     "message"));
  }
}

}  // namespace

std::vector<Move> CollectMoves(const CenterConfig& center) {
  const size_t n = center.queues.size();
  std::vector<Move> moves;
  const auto add = [&](size_t from, const OverflowAction& a, std::string field,
                       std::string rule, bool drains) {
    if (a.kind == OverflowKind::kNone) return;
    if (a.kind == OverflowKind::kQueue && a.queue >= n) return;
    const size_t to = a.kind == OverflowKind::kQueue ? a.queue : n;
    moves.push_back(Move{from, to, std::move(field), std::move(rule), drains,
                         /*adds=*/false});
  };
  for (size_t q = 0; q < n; ++q) {
    const QueueConfig& queue = center.queues[q];
    if (queue.max_wait_ms > 0) add(q, queue.on_max_wait, "on_max_wait", "", true);
    if (queue.on_full.kind == OverflowKind::kQueue) {
      add(q, queue.on_full, "on_full", "", /*drains=*/false);
    }
    for (size_t r = 0; r < queue.rules.size(); ++r) {
      const OverflowRule& rule = queue.rules[r];
      if (rule.action == RuleActionKind::kRoute) {
        add(q, rule.route, absl::StrCat("rules[", r, "].route"), rule.name, true);
      } else if (rule.action == RuleActionKind::kAddQueue && rule.queue < n) {
        moves.push_back(Move{q, rule.queue, absl::StrCat("rules[", r, "]"),
                             rule.name, true, /*adds=*/true});
      }
    }
    if (LeaveFactors(queue.leave_when_empty) != 0) {
      add(q, queue.leave_when_empty.action, "leave_when_empty.action", "", true);
    }
    // A refused caller never waits here: no drain, but a loop all the same.
    if (queue.join_empty.factors != 0) {
      add(q, queue.join_empty.action, "join_empty.action", "", /*drains=*/false);
    }
  }
  return moves;
}

void CheckOverflowGraph(const CenterConfig& center, ErrorList* errors) {
  const std::vector<Move> moves = CollectMoves(center);
  const std::vector<bool> served = ServedQueues(center);
  CheckLoops(center, moves, errors);
  CheckWaysOut(center, moves, served, errors);
  CheckEntryReach(center, moves, errors);
  CheckCallbackQueues(center, served, errors);
}

}  // namespace acd::config_internal
