// Neighbour pages and bounded BFS neighbourhoods. The BFS walks the CSR adjacency with visited
// marks from a pooled scratch, so its cost is proportional to the nodes and arcs it touches.
#include "graph/neighborhood.h"

#include <limits>

#include "graph/adjacency_index.h"
#include "graph/traversal_scratch.h"

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

namespace {

// Breadth-first, level by level, over arcs of both directions. Appends admitted nodes to `nodes`
// (the start first) and marks them as members in `s`. Stops when `max_nodes` would be exceeded
// and returns true (truncated).
bool bfs_levels(const KnowledgeGraph& g, Vertex v, int depth, const TypeFilter& filter,
                InForceFilter* in_force, size_t max_nodes, detail::TraversalScratch& s,
                std::vector<SubgraphNode>& nodes) {
  const AdjacencyIndex& adj = g.adjacency();
  const std::vector<char> edge_ok = adj.type_mask(filter.edge_types);
  const bool any_kind = filter.node_kinds.empty();
  auto admit = [&](Vertex w) {
    if (!any_kind) {
      bool ok = false;
      for (NodeKind k : filter.node_kinds) ok = ok || adj.kind(w) == k;
      if (!ok) return false;
    }
    return !in_force || in_force->node_in_force(w);
  };
  nodes.push_back({v, 0});
  s.see(v);
  s.admit(v);
  size_t level_begin = 0;
  for (int d = 0; d < depth && level_begin < nodes.size(); ++d) {
    const size_t level_end = nodes.size();
    for (size_t i = level_begin; i < level_end; ++i) {
      const Vertex u = nodes[i].vertex;
      auto visit = [&](const AdjacencyIndex::Arc& a) {
        if (s.seen(a.neighbor) || !edge_ok[a.type]) return true;
        // A node is admitted or refused for itself, whoever reaches it: test it once.
        s.see(a.neighbor);
        if (!admit(a.neighbor)) return true;
        if (nodes.size() >= max_nodes) return false;
        s.admit(a.neighbor);
        nodes.push_back({a.neighbor, d + 1});
        return true;
      };
      for (const auto& a : adj.out(u))
        if (!visit(a)) return true;
      for (const auto& a : adj.in(u))
        if (!visit(a)) return true;
    }
    level_begin = level_end;
  }
  return false;
}

}  // namespace

Subgraph neighborhood(const KnowledgeGraph& g, Vertex v, const NeighborhoodOptions& options) {
  detail::check_vertex(g, v, "v");
  detail::check_range(options.depth, 1, kMaxNeighborhoodDepth, "depth");
  detail::check_range(static_cast<long long>(options.max_nodes), 1,
                      static_cast<long long>(kMaxNeighborhoodNodes), "max_nodes");
  detail::check_range(static_cast<long long>(options.max_edges), 1,
                      static_cast<long long>(kMaxNeighborhoodEdges), "max_edges");
  const AdjacencyIndex& adj = g.adjacency();
  auto scratch = detail::scratch_pool().lease(g.node_count());
  Subgraph out;
  out.truncated = bfs_levels(g, v, options.depth, options.filter, options.in_force,
                             options.max_nodes, *scratch, out.nodes);
  // The induced subgraph: each admitted edge once, from its source's out-arcs.
  const std::vector<char> edge_ok = adj.type_mask(options.filter.edge_types);
  for (const SubgraphNode& n : out.nodes) {
    for (const auto& a : adj.out(n.vertex)) {
      if (!scratch->member(a.neighbor) || !edge_ok[a.type]) continue;
      if (out.edges.size() >= options.max_edges) {
        out.truncated = true;
        return out;
      }
      out.edges.push_back(adj.edge(a.edge));
    }
  }
  return out;
}

std::vector<SubgraphNode> nodes_within(const KnowledgeGraph& g, Vertex v, int depth,
                                       const TypeFilter& filter, InForceFilter* in_force) {
  detail::check_vertex(g, v, "v");
  detail::check_range(depth, 1, kMaxNeighborhoodDepth, "depth");
  auto scratch = detail::scratch_pool().lease(g.node_count());
  std::vector<SubgraphNode> nodes;
  bfs_levels(g, v, depth, filter, in_force, std::numeric_limits<size_t>::max(), *scratch, nodes);
  return nodes;
}

}  // namespace regkg::graph
