// Neighbour pages and bounded BFS neighbourhoods.
#include "graph/neighborhood.h"

#include <deque>
#include <unordered_map>

namespace regkg::graph {

using Vertex = KnowledgeGraph::Vertex;
using Edge = KnowledgeGraph::Edge;

NeighborPage neighbors(const KnowledgeGraph& g, Vertex v, const NeighborsOptions& options) {
  detail::check_vertex(g, v, "v");
  detail::check_range(static_cast<long long>(options.limit), 1,
                      static_cast<long long>(kMaxNeighborLimit), "limit");
  NeighborPage page;
  const auto& bg = g.boost_graph();
  auto consider = [&](Edge e, Vertex other, Traversal t) {
    if (!options.filter.admits_edge(g.edge(e)) || !options.filter.admits_node(g.node(other)))
      return;
    if (options.in_force && !options.in_force->node_in_force(other)) return;
    if (page.total >= options.offset && page.items.size() < options.limit)
      page.items.push_back({e, other, t});
    ++page.total;
  };
  if (options.direction != Direction::in)
    for (auto [it, end] = boost::out_edges(v, bg); it != end; ++it)
      consider(*it, boost::target(*it, bg), Traversal::forward);
  if (options.direction != Direction::out)
    for (auto [it, end] = boost::in_edges(v, bg); it != end; ++it)
      consider(*it, boost::source(*it, bg), Traversal::backward);
  return page;
}

Subgraph neighborhood(const KnowledgeGraph& g, Vertex v, const NeighborhoodOptions& options) {
  detail::check_vertex(g, v, "v");
  detail::check_range(options.depth, 1, kMaxNeighborhoodDepth, "depth");
  detail::check_range(static_cast<long long>(options.max_nodes), 1,
                      static_cast<long long>(kMaxNeighborhoodNodes), "max_nodes");
  detail::check_range(static_cast<long long>(options.max_edges), 1,
                      static_cast<long long>(kMaxNeighborhoodEdges), "max_edges");
  const auto& bg = g.boost_graph();
  Subgraph out;
  std::unordered_map<Vertex, int> depth_of;  // admitted nodes
  // Nodes refused by a kind or in-force filter, so each is tested once.
  std::unordered_map<Vertex, bool> admissible;
  auto admit = [&](Vertex w) {
    auto [it, fresh] = admissible.emplace(w, false);
    if (fresh)
      it->second = options.filter.admits_node(g.node(w)) &&
                   (!options.in_force || options.in_force->node_in_force(w));
    return it->second;
  };

  out.nodes.push_back({v, 0});
  depth_of.emplace(v, 0);
  std::deque<Vertex> queue{v};
  bool full = false;
  while (!queue.empty() && !full) {
    Vertex u = queue.front();
    queue.pop_front();
    int d = depth_of[u];
    if (d >= options.depth) continue;
    auto visit = [&](Edge e, Vertex w) {
      if (full || depth_of.count(w) || !options.filter.admits_edge(g.edge(e)) || !admit(w)) return;
      if (out.nodes.size() >= options.max_nodes) {
        full = true;
        out.truncated = true;
        return;
      }
      depth_of.emplace(w, d + 1);
      out.nodes.push_back({w, d + 1});
      queue.push_back(w);
    };
    for (auto [it, end] = boost::out_edges(u, bg); it != end; ++it)
      visit(*it, boost::target(*it, bg));
    for (auto [it, end] = boost::in_edges(u, bg); it != end; ++it)
      visit(*it, boost::source(*it, bg));
  }

  // The induced subgraph: each admitted edge once, from its source's out-list.
  for (const SubgraphNode& n : out.nodes) {
    for (auto [it, end] = boost::out_edges(n.vertex, bg); it != end; ++it) {
      if (!depth_of.count(boost::target(*it, bg)) || !options.filter.admits_edge(g.edge(*it)))
        continue;
      if (out.edges.size() >= options.max_edges) {
        out.truncated = true;
        return out;
      }
      out.edges.push_back(*it);
    }
  }
  return out;
}

}  // namespace regkg::graph
